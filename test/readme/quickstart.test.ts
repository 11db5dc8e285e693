import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { privateNeo4jConfig } from '../support/embedded.js';
import { freePort } from '../support/ports.js';
import { exitCode, startServer, waitForReady } from '../support/server.js';
import { quickstartBlocks, shownLinesMatch } from './markdown.js';

/**
 * The README's quickstart, run as a reader runs it: the service started as `npm start` starts it
 * (from source, with its own embedded Neo4j and no ADMIN_API_KEY, so the first start prints the
 * admin key), the key taken from that log line into SNA_API_KEY as the README says, then every
 * ```sh block marked `<!-- quickstart -->` run in order in one bash session (`set -euo pipefail`)
 * from a folder that holds the project's `fixtures/`. The one change to the text: the README's
 * `localhost:3000` becomes the test's free port. Each block must exit 0 and print, line by line
 * and in order, what the ```text block after it shows (`…` stands for anything).
 */

const ROOT = join(import.meta.dirname, '..', '..');

describe("the README's quickstart", () => {
  const cleanup: string[] = [];
  let port: number;
  let key: string;
  let server: ReturnType<typeof startServer>;

  beforeAll(async () => {
    const neo = await privateNeo4jConfig('quickstart');
    cleanup.push(neo.home);
    port = await freePort();
    server = startServer({ PORT: String(port), NEO4J_HOME: neo.home, NEO4J_BOLT_PORT: String(neo.boltPort), NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m', ADMIN_API_KEY: '' });
    await waitForReady(port, 200_000);
    key = /"adminApiKey":"(sna_[\w-]+)"/.exec(server.output())?.[1] ?? '';
    expect(key, 'the first start prints an admin key, as the README says').toMatch(/^sna_/);
  });

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await exitCode(server.child);
    }
    await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('runs every block as written and prints what the README shows', async () => {
    const blocks = quickstartBlocks(await readFile(join(ROOT, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const folder = await mkdtemp(join(tmpdir(), 'sna-quickstart-'));
    cleanup.push(folder);
    await symlink(join(ROOT, 'fixtures'), join(folder, 'fixtures'));

    // One session, a marker line between blocks so each block's output can be told apart.
    const marker = '@@quickstart-block-end@@';
    const script = ['set -euo pipefail', ...blocks.map((b) => `${b.code.replaceAll('localhost:3000', `localhost:${port}`)}\necho ${marker}`)].join('\n');
    const { code, stdout, stderr } = await runBash(script, folder, { SNA_API_KEY: key });
    const outputs = stdout.split(`${marker}\n`);
    const failedAt = outputs.length - 1; // the block that did not reach its marker, if any
    expect(code, `block ${failedAt + 1} failed:\n${blocks[failedAt]?.code}\n--- stdout\n${outputs.at(-1)}\n--- stderr\n${stderr}`).toBe(0);
    expect(outputs).toHaveLength(blocks.length + 1);
    for (const [i, block] of blocks.entries()) {
      const mismatch = shownLinesMatch(block.shown, outputs[i]!);
      expect(mismatch, `block ${i + 1} printed:\n${outputs[i]}`).toBeNull();
    }
  }, 180_000);
});

function runBash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
