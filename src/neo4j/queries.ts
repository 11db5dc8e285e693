import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's cypher/ folder: one query per .cypher file, schema migrations under schema/. */
export const CYPHER_DIR = fileURLToPath(new URL('../../cypher/', import.meta.url));

/** Query names are paths under cypher/ without the extension, e.g. `system/server-info`. */
export type Queries = Readonly<Record<string, string>>;

export class MissingQueryError extends Error {
  override name = 'MissingQueryError';
}

/**
 * Loads every .cypher file outside schema/ once, into a frozen map. `required` names the
 * queries the app's repositories use: start-up fails when one is missing, not the first request.
 */
export async function loadQueries(required: readonly string[], dir: string = CYPHER_DIR): Promise<Queries> {
  const queries: Record<string, string> = {};
  for (const file of await listCypherFiles(dir)) {
    const name = relative(dir, file).split(sep).join('/').replace(/\.cypher$/, '');
    if (name.startsWith('schema/')) continue;
    queries[name] = (await readFile(file, 'utf8')).trim();
  }
  const missing = required.filter((name) => !(name in queries));
  if (missing.length > 0) {
    throw new MissingQueryError(`neo4j/queries: missing ${missing.map((m) => `cypher/${m}.cypher`).join(', ')}`);
  }
  return Object.freeze(queries);
}

export async function listCypherFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.cypher'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
