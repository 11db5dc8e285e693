import { describe, expect, it } from 'vitest';

import { type LinkSuggestion, pageSummary, pairKey, personOf, sharedContactsText, splitDrawn, suggestRequest } from '../../explorer/src/data/link-suggestions.js';

const ref = (id: string, name: string | null = null) => ({ key: `person:${id}`, id, name });
const suggestion = (a: string, b: string, contacts = 0): LinkSuggestion => ({
  a: ref(a),
  b: ref(b),
  score: 0.5,
  likelihood: null,
  index: 'katz',
  evidence: {
    sharedContacts: Array.from({ length: Math.min(contacts, 2) }, (_, i) => ({
      key: `person:C${i}`,
      id: `C${i}`,
      type: 'person',
      name: i === 0 ? 'Karim' : null,
      degree: i + 1,
      withA: [],
      withB: [],
    })),
    sharedContactsTotal: contacts,
    paths3: 0,
  },
  explanation: `${a} and ${b}`,
});

describe('explorer/link-suggestions', () => {
  it('asks for a page of the run’s scope, or around one person', () => {
    expect(suggestRequest({ run: 'r1', around: null, offset: 0 })).toEqual({ run: 'r1', parameters: { limit: 20, offset: 0 } });
    expect(suggestRequest({ run: 'r1', around: 'P-3', offset: 40, limit: 10 })).toEqual({ run: 'r1', parameters: { limit: 10, offset: 40, people: ['P-3'] } });
  });

  it('takes the person id from a selected key, and nothing from other entities', () => {
    expect(personOf('person:P:1')).toBe('P:1');
    expect(personOf('organisation:O-1')).toBeNull();
    expect(personOf(null)).toBeNull();
  });

  it('draws only the suggestions with both ends drawn, in the answer’s order, and keeps the rest to list', () => {
    const drawn = new Set(['person:A', 'person:B', 'person:C']);
    const all = [suggestion('A', 'B'), suggestion('A', 'D'), suggestion('B', 'C'), suggestion('D', 'E')];
    const split = splitDrawn(all, (key) => drawn.has(key));
    expect(split.drawn.map(pairKey)).toEqual(['person:A|person:B', 'person:B|person:C']);
    expect(split.notDrawn.map(pairKey)).toEqual(['person:A|person:D', 'person:D|person:E']);
  });

  it('lists shared contacts with their degree, and counts those left out', () => {
    expect(sharedContactsText(suggestion('A', 'B', 3))).toBe('Shared contacts: C0 Karim (1 contact), C1 (2 contacts) and 1 more.');
    expect(sharedContactsText(suggestion('A', 'B'))).toBe('No shared contact: joined only by longer walks.');
  });

  it('sums a page up: its range, the candidates, how many drawn and not', () => {
    const suggestions = [suggestion('A', 'B'), suggestion('A', 'D')];
    expect(pageSummary({ offset: 20, candidates: 1234, suggestions }, 1, null)).toBe(
      'Suggestions 21–22 of 1,234 untied pairs: 1 drawn dashed, 1 not drawn (an end is filtered out).',
    );
    expect(pageSummary({ offset: 0, candidates: 2, suggestions }, 0, 'P-1')).toBe('Suggestions 1–2 of 2 untied pairs around P-1: all drawn dashed.');
    expect(pageSummary({ offset: 0, candidates: 0, suggestions: [] }, 0, 'P-1')).toBe('No suggestion around P-1: no untied pair is reached.');
  });
});
