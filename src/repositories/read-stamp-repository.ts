import type { Driver } from 'neo4j-driver';

import type { ReadStamp } from '../cache/read-stamp.js';
import { readOnce } from '../neo4j/auto-commit.js';
import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';

export const READ_STAMP_QUERIES = ['system/read-stamp'] as const;

/** The versions cached reads are checked against (cypher/system/read-stamp.cypher). */
export function createReadStampRepository(driver: Driver, database: string, queries: Queries) {
  return {
    async read(): Promise<ReadStamp> {
      // On every /v1 request's path (shared by those arriving together): one auto-commit statement (neo4j/auto-commit.ts).
      const records = await readOnce(driver, database, queries['system/read-stamp']!, {});
      return recordToObject<ReadStamp>(records[0]!);
    },
  };
}
