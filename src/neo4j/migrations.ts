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
  const files = await Promise.all((await listCypherFiles(dir)).map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  const result: MigrationResult = { applied: [], skipped: [] };
  const recorded = await appliedChecksums(driver, database, queries);
  const superseded = supersededCreates(files.map(({ text }) => splitStatements(text)));
  for (const [f, { file, text }] of files.entries()) {
    const id = basename(file, '.cypher');
    const checksum = createHash('sha256').update(text).digest('hex');
    if (recorded.get(id) === checksum) {
      result.skipped.push(id);
      continue;
    }
    const session = driver.session({ database });
    try {
      // executeWrite retries transient errors: two instances starting together deadlock on
      // schema locks, and the loser must simply try again.
      for (const [k, statement] of splitStatements(text).entries()) if (!superseded.has(`${f}:${k}`)) await session.executeWrite((tx) => tx.run(statement));
    } finally {
      await session.close();
    }
    await driver.executeQuery(queries['system/record-migration']!, { id, checksum }, { database });
    result.applied.push(id);
  }
  return result;
}

const CREATES = /^CREATE\s+(?:[A-Z]+\s+)*?(?:CONSTRAINT|INDEX)\s+(\w+)/i;
const DROPS = /^DROP\s+(?:CONSTRAINT|INDEX)\s+(\w+)/i;

/**
 * Positions (`file:statement`) of the CREATE statements whose constraint or index a later statement drops: skipped, so a
 * database still to be migrated goes straight to the schema the files end with. A store built
 * before its schema (npm run import) then never meets a constraint that no longer holds (002's
 * one-node-per-id, which 006 replaced by one copy per investigation).
 */
function supersededCreates(files: string[][]): Set<string> {
  const statements = files.flatMap((statements, f) => statements.map((text, k) => ({ at: `${f}:${k}`, text })));
  const skipped = new Set<string>();
  statements.forEach(({ at, text }, i) => {
    const name = CREATES.exec(text)?.[1];
    if (name !== undefined && statements.slice(i + 1).some((later) => DROPS.exec(later.text)?.[1] === name)) skipped.add(at);
  });
  return skipped;
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
