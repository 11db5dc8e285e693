import type { z } from 'zod';

import type { LinkSuggestionSchema, LinkSuggestionsSchema } from '../../../src/schemas/links.js';

/**
 * Missing-link suggestions as the page reads them (POST /v1/analyses/links/suggest, docs/analytics.md
 * "Missing-link suggestions"): the request for a run's scope or around one person, a page at a
 * time, and which suggestions can be drawn (both people on screen) and which only listed.
 */

export type LinkSuggestions = z.infer<typeof LinkSuggestionsSchema>;
export type LinkSuggestion = z.infer<typeof LinkSuggestionSchema>;

/** Suggestions per page. */
export const LINKS_PAGE = 20;

/** Colour of a suggested link, drawn dashed: apart from the communities' palette, the ties' grey and the paths' red. */
export const SUGGESTED_COLOUR = '#8b0a50';

export interface LinkQuery {
  run: string;
  /** A person id: only pairs with them; null: the whole run's scope. */
  around: string | null;
  offset: number;
  limit?: number;
}

/** The request body for one page. */
export function suggestRequest(query: LinkQuery): { run: string; parameters: { limit: number; offset: number; people?: string[] } } {
  return {
    run: query.run,
    parameters: { limit: query.limit ?? LINKS_PAGE, offset: query.offset, ...(query.around === null ? {} : { people: [query.around] }) },
  };
}

/** The person id a selected key names, or null when it is not a person (only people are suggested). */
export function personOf(key: string | null): string | null {
  return key?.startsWith('person:') ? key.slice('person:'.length) : null;
}

/** The suggestions split by whether both ends are drawn: the drawn ones become dashed edges, the rest are listed and counted. */
export function splitDrawn(suggestions: readonly LinkSuggestion[], isDrawn: (key: string) => boolean): { drawn: LinkSuggestion[]; notDrawn: LinkSuggestion[] } {
  const drawn: LinkSuggestion[] = [];
  const notDrawn: LinkSuggestion[] = [];
  for (const s of suggestions) (isDrawn(s.a.key) && isDrawn(s.b.key) ? drawn : notDrawn).push(s);
  return { drawn, notDrawn };
}

const who = (ref: LinkSuggestion['a']) => (ref.name ? `${ref.id} ${ref.name}` : ref.id);

/** The shared contacts in a line: `P-007 Karim Nouri (4 contacts), … and 3 more`. */
export function sharedContactsText(s: LinkSuggestion): string {
  const { sharedContacts, sharedContactsTotal } = s.evidence;
  if (sharedContactsTotal === 0) return 'No shared contact: joined only by longer walks.';
  const listed = sharedContacts.map((c) => `${who(c)} (${c.degree} contact${c.degree === 1 ? '' : 's'})`);
  const more = sharedContactsTotal - sharedContacts.length;
  return `Shared contacts: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}

/** One page's summary: how many listed, drawn and not drawn, and of how many candidates. */
export function pageSummary(answer: Pick<LinkSuggestions, 'offset' | 'candidates' | 'suggestions'>, notDrawn: number, around: string | null): string {
  const n = answer.suggestions.length;
  if (n === 0) return answer.offset === 0 ? `No suggestion${around ? ` around ${around}` : ''}: no untied pair is reached.` : 'No more suggestions.';
  const range = `${answer.offset + 1}–${answer.offset + n}`;
  const hidden = notDrawn === 0 ? 'all drawn dashed' : `${n - notDrawn} drawn dashed, ${notDrawn} not drawn (an end is filtered out)`;
  return `Suggestions ${range} of ${answer.candidates.toLocaleString('en-GB')} untied pairs${around ? ` around ${around}` : ''}: ${hidden}.`;
}

/** The pair's key (lesser key first), as the drawing and the tests name it. */
export const pairKey = (s: Pick<LinkSuggestion, 'a' | 'b'>) => `${s.a.key}|${s.b.key}`;
