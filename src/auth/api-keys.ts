import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys: `sna_` and 32 random bytes (base64url). Only the SHA-256 of a key is stored: a key
 * has 256 bits of entropy, so a fast hash is enough (no dictionary to guess from), and a lookup
 * is one indexed match on the hash. The key itself is shown once, when it is made.
 */

export const KEY_PREFIX = 'sna_';

export function newApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A bearer token that looks like one of our keys (anything else is tried as a JWT). */
export const isApiKey = (token: string) => token.startsWith(KEY_PREFIX);
