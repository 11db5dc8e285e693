import type { TieKind } from './weights.js';

/** Each tie kind in words, one and many, for the sentences that say what a tie is made of (rank confidence, link suggestions). */
export const TIE_KIND_WORDS: Readonly<Record<TieKind, readonly [string, string]>> = {
  payment: ['payment', 'payments'],
  contact: ['reported contact', 'reported contacts'],
  communication: ['communication', 'communications'],
  meeting: ['meeting', 'meetings'],
  family: ['family tie', 'family ties'],
  associate: ['association', 'associations'],
  crossing: ['shared crossing', 'shared crossings'],
  vessel: ['shared vessel', 'shared vessels'],
  location: ['shared place', 'shared places'],
  employment: ['employment', 'employments'],
  directorship: ['directorship', 'directorships'],
  relation: ['relation', 'relations'],
};
