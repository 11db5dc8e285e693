/**
 * Unpaired UTF-16 surrogates ("\ud800" in JSON) are valid JSON but not Unicode text: Neo4j keeps
 * strings as UTF-8, where each becomes U+FFFD, so a value stored is not the value sent (and a
 * hash taken over the value sent no longer matches what is read back). Requests carrying them
 * are refused; what is hashed for the audit trail is made well-formed first, as Neo4j would.
 */

// Without the u flag the pattern sees UTF-16 code units: a high surrogate not followed by a low
// one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/** The text with each unpaired surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
export const wellFormedText = (text: string): string => text.replace(LONE_SURROGATES, '\uFFFD');

/**
 * The path of the first string (a value or an object key) in a parsed JSON value that is not
 * well-formed, as `a.b[2]`, or undefined when all are. Depth-first, in key order.
 */
export function malformedTextPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isWellFormedText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = malformedTextPath(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && typeof (value as { pipe?: unknown }).pipe !== 'function') {
    for (const [key, item] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (!isWellFormedText(key)) return at;
      const found = malformedTextPath(item, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
