import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { freePort } from '../../test/support/ports.js';
import { killPid, track, untrack, waitUntilGone } from './children.js';

/**
 * Starts the compiled service as a user does (`node dist/server.js`, embedded Neo4j, fresh
 * NEO4J_HOME, free ports on 127.0.0.1), waits for the JVM's pid in the logs and for /readyz,
 * and stops it with SIGTERM as a user's Ctrl-C would, removing its home afterwards. The
 * service gets its own TMPDIR (it spools NDJSON bodies there), so whatever it leaves behind
 * is measured and removed instead of piling up in /tmp.
 */

export interface ServiceSettings {
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
}

export interface RunningService {
  baseUrl: string;
  boltUri: string;
  pid: number;
  jvmPid: number;
  startMs: number;
  /** The last log lines, for the error message when something goes wrong. */
  logTail(): string;
  stop(): Promise<{ exitCode: number | null; cleanMs: number; leftInTmpBytes: number }>;
}

const STOP_TIMEOUT_MS = 120_000;

/** The admin key the bench's service is started with (ADMIN_API_KEY); every /v1 request sends it. */
export const BENCH_API_KEY = 'sna_bench-admin-key-0123456789abcdefghijklmnopqrs';
export const BENCH_AUTH = { authorization: `Bearer ${BENCH_API_KEY}` } as const;
const TAIL = 40;

export async function startService(serverJs: string, settings: ServiceSettings): Promise<RunningService> {
  const home = await mkdtemp(join(tmpdir(), 'sna-bench-service-'));
  const tmp = await mkdtemp(join(tmpdir(), 'sna-bench-service-tmp-'));
  const [port, boltPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn(process.execPath, [serverJs], {
    env: {
      ...process.env,
      NEO4J_URI: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      NEO4J_HOME: home,
      // The audit key and checkpoints of this throw-away database stay beside it, not in `.data/`.
      AUDIT_KEY_FILE: join(home, 'audit.key'),
      AUDIT_CHECKPOINT_FILE: join(home, 'audit-checkpoints.jsonl'),
      NEO4J_BOLT_PORT: String(boltPort),
      NEO4J_HEAP: settings.heap,
      NEO4J_PAGECACHE: settings.pageCache,
      LOG_LEVEL: 'info',
      TMPDIR: tmp,
      ADMIN_API_KEY: BENCH_API_KEY,
      // One key sends everything: the per-principal rate limit is not what is measured.
      RATE_LIMIT_MAX: '100000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child.pid);
  const tail: string[] = [];
  let jvmPid: number | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL) tail.shift();
      // pino writes its own "pid" (the service) first; the JVM's is the field just before msg.
      const match = /"pid":(\d+),"msg":"embedded Neo4j started"/.exec(line);
      if (match) track((jvmPid = Number(match[1])));
    });
  }
  const logTail = () => tail.join('\n');
  const baseUrl = `http://127.0.0.1:${port}`;
  const remove = async () => {
    await rm(home, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  };

  const stop = async () => {
    const began = performance.now();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const exitCode = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const)]);
    // A JVM left behind would skew the next size's memory and CPU figures, so make sure.
    if (exitCode === 'timeout') killPid(child.pid);
    if (jvmPid !== undefined && !(await waitUntilGone(jvmPid, 30_000))) killPid(jvmPid);
    untrack(child.pid);
    untrack(jvmPid);
    const leftInTmpBytes = await treeBytes(tmp);
    await remove();
    return { exitCode: exitCode === 'timeout' ? null : exitCode, cleanMs: performance.now() - began, leftInTmpBytes };
  };

  try {
    await waitForReady(
      baseUrl,
      settings.startTimeoutMs,
      () => child.exitCode !== null,
      () => jvmPid !== undefined,
    );
  } catch (error) {
    await stop();
    throw new Error(`bench/harness/service: ${(error as Error).message}\n${logTail()}`, { cause: error });
  }
  return { baseUrl, boltUri: `bolt://127.0.0.1:${boltPort}`, pid: child.pid!, jvmPid: jvmPid!, startMs: performance.now() - started, logTail, stop };
}

async function waitForReady(baseUrl: string, timeoutMs: number, died: () => boolean, hasJvm: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (died()) throw new Error('the service exited during start-up');
    const ready = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready && hasJvm()) return;
    await sleep(250);
  }
  throw new Error(`the service was not ready within ${timeoutMs} ms`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Bytes of the files under `dir`: what the stopped service left in its TMPDIR. */
async function treeBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
}
