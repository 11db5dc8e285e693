import type { Driver } from 'neo4j-driver';

import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';

export const SYSTEM_QUERIES = ['system/ping', 'system/server-info', 'system/applied-migrations', 'system/record-migration'] as const;

export interface ServerInfo {
  name: string;
  version: string;
  edition: string;
  nodes: number;
  relationships: number;
}

export interface AppliedMigration {
  id: string;
  checksum: string;
  appliedAt: string;
}

export function createSystemRepository(driver: Driver, database: string, queries: Queries) {
  return {
    async serverInfo(): Promise<ServerInfo> {
      const { records } = await driver.executeQuery(queries['system/server-info']!, {}, { database, routing: 'READ' });
      return recordToObject<ServerInfo>(records[0]!);
    },

    async appliedMigrations(): Promise<AppliedMigration[]> {
      const { records } = await driver.executeQuery(queries['system/applied-migrations']!, {}, { database, routing: 'READ' });
      return records.map((record) => recordToObject<AppliedMigration>(record));
    },
  };
}

export type SystemRepository = ReturnType<typeof createSystemRepository>;
