import { randomUUID } from 'node:crypto';

import type { ReadStamp } from '../cache/read-stamp.js';
import { StampedCache } from '../cache/stamped-cache.js';
import type { KeyRepository, StoredKey } from '../repositories/key-repository.js';
import { hashKey, isApiKey, newApiKey } from './api-keys.js';
import type { Principal, Role } from './principal.js';

/**
 * API keys: made (the key shown once), listed, revoked, and turned into a principal per request.
 * A key's principal is kept in memory for as long as the request's read stamp has not moved
 * (cache/read-stamp.ts): a revocation moves it (auth/key-revoke.cypher), so a revoked key is
 * refused from the next request on, here and on every other instance. Unknown keys are not kept.
 */

/** Active keys kept in memory (each a few hundred bytes). */
const CACHED_KEYS = 10_000;

export interface KeyView {
  id: string;
  name: string;
  role: Role;
  investigations: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

const viewOf = ({ hash: _hash, ...key }: StoredKey): KeyView => ({ ...key, revokedAt: key.revokedAt ?? null, revokedBy: key.revokedBy ?? null });

export const principalOfKey = (key: StoredKey): Principal => ({ id: `key:${key.id}`, name: key.name, role: key.role, investigations: key.investigations });

export function createKeyService(keys: KeyRepository) {
  const known = new StampedCache<StoredKey | undefined>(
    CACHED_KEYS,
    () => 1,
    (key) => key !== undefined,
  );
  const stored = (key: string, name: string, role: Role, investigations: string[], createdBy: string): StoredKey => ({
    id: randomUUID(),
    name,
    hash: hashKey(key),
    role,
    investigations,
    createdAt: new Date().toISOString(),
    createdBy,
  });

  return {
    async create(request: { name: string; role: Role; investigations: string[] }, createdBy: string): Promise<KeyView & { key: string }> {
      const key = newApiKey();
      const created = await keys.create(stored(key, request.name, request.role, request.investigations, createdBy));
      return { ...viewOf(created), key };
    },

    /** `allowed`: the admin's investigations (null: all); a limited admin sees and revokes only keys within them. */
    async list(allowed: readonly string[] | null): Promise<KeyView[]> {
      return (await keys.list(allowed)).map(viewOf);
    },

    async revoke(id: string, by: string, allowed: readonly string[] | null): Promise<KeyView | undefined> {
      const revoked = await keys.revoke(id, by, new Date().toISOString(), allowed);
      return revoked ? viewOf(revoked) : undefined;
    },

    /**
     * The principal of an API key, or undefined for a key that is unknown or revoked; with a
     * read stamp, from memory while the stamp has not moved since the key was read.
     */
    async principalOf(token: string, stamp?: ReadStamp): Promise<Principal | undefined> {
      if (!isApiKey(token)) return undefined;
      const hash = hashKey(token);
      const key = await (stamp ? known.get(stamp, hash, () => keys.byHash(hash)) : keys.byHash(hash));
      return key ? principalOfKey(key) : undefined;
    },

    /**
     * The first admin key: ADMIN_API_KEY when given (stored unless it exists; enabled again when
     * it was revoked), otherwise a new one when no active admin key exists. `made`: a key made
     * here, to print once.
     */
    async bootstrap(given: string | undefined): Promise<{ made?: string; reenabled: boolean }> {
      const key = given ?? newApiKey();
      const { created, reenabled } = await keys.bootstrap(stored(key, given ? 'ADMIN_API_KEY' : 'bootstrap admin', 'admin', ['*'], 'bootstrap'), given !== undefined);
      return { ...(created && !given ? { made: key } : {}), reenabled };
    },
  };
}

export type KeyService = ReturnType<typeof createKeyService>;
