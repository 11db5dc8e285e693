import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import type { Driver } from 'neo4j-driver';

import { CYPHER_DIR, listCypherFiles, type Queries } from './queries.js';

/**
 * Applies the schema files in cypher/schema/ in name order. Every statement must be
 * idempotent (CREATE ... IF NOT EXISTS), so running them again is harmless; a file whose
 * checksum is already recorded is skipped. Schema statements cannot share a transaction
 * with writes, so each runs in a transaction of its own.
 */

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

export async function applyMigrations(
  driver: Driver,
  database: string,
  queries: Queries,
  dir: string = join(CYPHER_DIR, 'schema'),
): Promise<MigrationResult> {
  const files = await listCypherFiles(dir);
  const result: MigrationResult = { applied: [], skipped: [] };
  const recorded = await appliedChecksums(driver, database, queries);
  for (const file of files) {
    const id = basename(file, '.cypher');
    const text = await readFile(file, 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    if (recorded.get(id) === checksum) {
      result.skipped.push(id);
      continue;
    }
    const session = driver.session({ database });
    try {
      // executeWrite retries transient errors: two instances starting together deadlock on
      // schema locks, and the loser must simply try again.
      for (const statement of splitStatements(text)) await session.executeWrite((tx) => tx.run(statement));
    } finally {
      await session.close();
    }
    await driver.executeQuery(queries['system/record-migration']!, { id, checksum }, { database });
    result.applied.push(id);
  }
  return result;
}

async function appliedChecksums(driver: Driver, database: string, queries: Queries): Promise<Map<string, string>> {
  const { records } = await driver.executeQuery(queries['system/applied-migrations']!, {}, { database, routing: 'READ' });
  return new Map(records.map((record) => [record.get('id') as string, record.get('checksum') as string]));
}

/** Splits a schema file into statements: `//` comment lines dropped, `;` at a line's end ends one. */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('//')) continue;
    current.push(line);
    if (line.trimEnd().endsWith(';')) {
      statements.push(current.join('\n').trim().replace(/;$/, ''));
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) statements.push(rest);
  return statements.filter((statement) => statement.length > 0);
}
