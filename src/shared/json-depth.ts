/**
 * How deep a JSON text nests, checked before it is parsed: a body such as 5,000 `[` and 5,000
 * `]` is valid JSON that no request of this API needs, and walking it (the well-formed-text check,
 * the audit trail's summary) overflows the stack. One pass over the text, strings skipped.
 */

/** Deeper than any request of the API nests (an ingest document: 5 levels). */
export const MAX_JSON_DEPTH = 64;

export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export const TOO_DEEP = `the JSON nests deeper than ${MAX_JSON_DEPTH} levels`;
