import type { Driver } from 'neo4j-driver';

import type { Queries } from '../neo4j/queries.js';
import { recordToObject } from '../neo4j/values.js';

export const SYSTEM_QUERIES = [
  'system/ping',
  'system/server-info',
  'system/applied-migrations',
  'system/record-migration',
  'system/plugins',
  'system/gds-version',
  'system/apoc-version',
] as const;

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

/** Versions of the server's plugins the analytics can use; null when one is not installed. */
export interface PluginVersions {
  gds: string | null;
  apoc: string | null;
}

export function createSystemRepository(driver: Driver, database: string, queries: Queries) {
  return {
    async serverInfo(): Promise<ServerInfo> {
      const { records } = await driver.executeQuery(queries['system/server-info']!, {}, { database, routing: 'READ' });
      return recordToObject<ServerInfo>(records[0]!);
    },

    async plugins(): Promise<PluginVersions> {
      const { records } = await driver.executeQuery(queries['system/plugins']!, {}, { database, routing: 'READ' });
      const installed = records[0]!.get('installed') as string[];
      const version = async (fn: 'gds.version' | 'apoc.version', query: 'system/gds-version' | 'system/apoc-version') => {
        if (!installed.includes(fn)) return null;
        const { records: answer } = await driver.executeQuery(queries[query]!, {}, { database, routing: 'READ' });
        return String(answer[0]!.get('version'));
      };
      return { gds: await version('gds.version', 'system/gds-version'), apoc: await version('apoc.version', 'system/apoc-version') };
    },

    async appliedMigrations(): Promise<AppliedMigration[]> {
      const { records } = await driver.executeQuery(queries['system/applied-migrations']!, {}, { database, routing: 'READ' });
      return records.map((record) => recordToObject<AppliedMigration>(record));
    },
  };
}

export type SystemRepository = ReturnType<typeof createSystemRepository>;
