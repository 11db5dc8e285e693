import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { track, untrack } from './children.js';

/**
 * A generated network on disk, made by the project's generator CLI exactly as a user would
 * (`tsx src/generator/cli.ts --people N --seed S --out DIR`). The same file feeds the service
 * and the reference, so both load identical records.
 */

export interface Workload {
  file: string;
  people: number;
  /** Record lines (the header line not counted): what `received` should say. */
  records: number;
  bytes: number;
  generateMs: number;
  remove(): Promise<void>;
}

const GENERATE_TIMEOUT_MS = 300_000;

export async function generateWorkload(root: string, people: number, seed: number): Promise<Workload> {
  const dir = await mkdtemp(join(tmpdir(), 'sna-bench-network-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const started = performance.now();
  try {
    await runGenerator(root, ['--people', String(people), '--seed', String(seed), '--out', dir]);
    const file = join(dir, 'network.ndjson');
    const lines = await countLines(file);
    return { file, people, records: lines - 1, bytes: (await stat(file)).size, generateMs: performance.now() - started, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

function runGenerator(root: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'generator', 'cli.ts'), ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    track(child.pid);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), GENERATE_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      untrack(child.pid);
      if (code === 0) resolve();
      else reject(new Error(`bench/harness/workload: the generator exited with ${code}: ${stderr.trim().slice(-1000)}`));
    });
  });
}

/** Counts newline-terminated lines by streaming the file: a 1M-record file is not read into memory. */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  // A last line without its newline is still a line.
  return last === 0x0a ? lines : lines + 1;
}
