import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds the explorer page (npm run build:explorer) when dist/explorer is missing or older than
 * any of its sources: `npm test` on a fresh clone has never run `npm run build`, and a test of
 * the page must test the page as it is now.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = join(ROOT, 'explorer');
const BUILT = join(ROOT, 'dist', 'explorer', 'index.html');

function newestIn(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}

function builtAt(): number {
  try {
    return statSync(BUILT).mtimeMs;
  } catch {
    return -Infinity;
  }
}

export function ensureExplorerBuilt(): void {
  // The page's data code and the schemas it reads types from are under src/ too; the build only
  // bundles what explorer/ imports, so comparing against explorer/ and src/ covers it.
  if (builtAt() >= Math.max(newestIn(SOURCES), newestIn(join(ROOT, 'src')))) return;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(SOURCES, 'vite.config.ts')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`explorer build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}
