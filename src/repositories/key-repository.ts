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

    async list(): Promise<StoredKey[]> {
      const { records } = await driver.executeQuery(queries['auth/key-list']!, {}, read);
      return records.map(keyOf);
    },

    async revoke(id: string, by: string, at: string): Promise<StoredKey | undefined> {
      const { records } = await driver.executeQuery(queries['auth/key-revoke']!, { id, by, at }, write);
      return records[0] ? keyOf(records[0]) : undefined;
    },

    /**
     * Stores `key` as an admin key when it was given (ADMIN_API_KEY) and is not stored yet, or
     * when there is no active admin key; true when it was stored.
     */
    async bootstrap(key: StoredKey, given: boolean): Promise<boolean> {
      const { records } = await driver.executeQuery(queries['auth/key-bootstrap']!, { key, given }, write);
      return recordToObject<{ created: number }>(records[0]!).created > 0;
    },
  };
}

export type KeyRepository = ReturnType<typeof createKeyRepository>;
