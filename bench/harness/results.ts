import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where every bench leaves its report: the markdown summary next to the raw figures as JSON,
 * both named after the bench and the moment the run started, so runs never overwrite each other
 * and bench/suite/summary.ts (npm run bench) can find the newest of each.
 */

/** Writes <name>-<ISO date-time>.md and .json into `dir`; colons are left out so the name is valid everywhere. */
export async function writeResults(dir: string, results: { startedAt: string }, markdown: string, name: string): Promise<{ md: string; json: string }> {
  await mkdir(dir, { recursive: true });
  const stamp = results.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  const paths = { md: join(dir, `${name}-${stamp}.md`), json: join(dir, `${name}-${stamp}.json`) };
  await writeFile(paths.md, markdown);
  await writeFile(paths.json, `${JSON.stringify(results, null, 2)}\n`);
  return paths;
}
