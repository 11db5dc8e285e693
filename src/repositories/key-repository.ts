import type { Driver } from 'neo4j-driver';

import type { Role } from '../auth/principal.js';
import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';

export const KEY_QUERIES = ['auth/key-create', 'auth/key-by-hash', 'auth/key-list', 'auth/key-revoke', 'auth/key-bootstrap'] as const;

/** An API key as stored: its hash, never the key. */
export interface StoredKey {
  id: string;
  name: string;
  hash: string;
  role: Role;
  investigations: string[];
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

export function createKeyRepository(driver: Driver, database: string, queries: Queries) {
  const read = { database, routing: 'READ' as const };
  const write = { database };
  const keyOf = (record: { toObject(): Record<string, unknown> }) => recordToObject<{ k: StoredKey }>(record).k;

  return {
    async create(key: StoredKey): Promise<StoredKey> {
      const { records } = await driver.executeQuery(queries['auth/key-create']!, { key }, write);
      return keyOf(records[0]!);
    },

    /** The active key with this hash (a revoked or unknown one: undefined). */
    async byHash(hash: string): Promise<StoredKey | undefined> {
      const { records } = await driver.executeQuery(queries['auth/key-by-hash']!, { hash }, read);
      return records[0] ? keyOf(records[0]) : undefined;
    },

    /** The keys an admin may see: `allowed` its investigations (null: all); a limited admin, only keys within them. */
    async list(allowed: readonly string[] | null): Promise<StoredKey[]> {
      const { records } = await driver.executeQuery(queries['auth/key-list']!, { allowed }, read);
      return records.map(keyOf);
    },

    /** Undefined for a key that does not exist or that `allowed` (as in list) does not reach. */
    async revoke(id: string, by: string, at: string, allowed: readonly string[] | null): Promise<StoredKey | undefined> {
      const { records } = await driver.executeQuery(queries['auth/key-revoke']!, { id, by, at, allowed }, write);
      return records[0] ? keyOf(records[0]) : undefined;
    },

    /**
     * Stores `key` as an admin key when it was given (ADMIN_API_KEY) and is not stored yet, or
     * when there is no active admin key; a given key that was revoked is enabled again.
     */
    async bootstrap(key: StoredKey, given: boolean): Promise<{ created: boolean; reenabled: boolean }> {
      const { records } = await driver.executeQuery(queries['auth/key-bootstrap']!, { key, given }, write);
      const counts = recordToObject<{ created: number; reenabled: number }>(records[0]!);
      return { created: counts.created > 0, reenabled: counts.reenabled > 0 };
    },
  };
}

export type KeyRepository = ReturnType<typeof createKeyRepository>;
