import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';

import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_ADMIN_KEY } from '../support/app.js';
import { cutLoadDocument, expectCleanLoad } from '../support/cut-load.js';
import { privateNeo4jConfig } from '../support/embedded.js';
import { one } from '../support/graph.js';
import { freePort } from '../support/ports.js';
import { exitCode, isAlive, startServer, waitForReady } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * The service as `npm start` runs it, with its embedded Neo4j under the supervisor, and the
 * database treated as an operator's bad day would: killed during a load and reads, hung
 * (SIGSTOP) and resumed, hung for good (killed by the supervisor), and unable to start again.
 * Every request gets an answer (2xx or 503 with Retry-After, never a dropped connection), and
 * the service comes back by itself without the Node process being restarted.
 */

const PEOPLE = 3000;
/** The defaults of NEO4J_MAX_RETRY_MS and of the bound for /readyz; slack for a busy 2-core machine. */
const MAX_RETRY_MS = 5_000;
const NOT_READY_WITHIN_MS = 5_000;
const SLACK_MS = 1_500;

const load = () => cutLoadDocument('OP-SUPERVISED', PEOPLE);

interface Answer {
  status: number;
  retryAfter: string | null;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  ms: number;
}

describe('the embedded Neo4j under supervision', () => {
  let server: ReturnType<typeof startServer>;
  let port: number;
  let boltPort: number;
  let home: string;
  let blocker: Server | undefined;

  /** A request over real HTTP; a connection that drops without an answer throws. */
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const started = Date.now();
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : {}, ms: Date.now() - started };
  }

  /** The JVM the supervisor started last, from its log lines. */
  function neo4jPid(): number {
    const pids = [...server.output().matchAll(/"pid":(\d+),"msg":"embedded Neo4j (?:started|restarted)"/g)];
    return Number(pids.at(-1)![1]);
  }

  /** Reads sent one after another (a few a second) by `count` clients until `stop` says so; what each got, connection failures included. */
  function keepReading(count: number, paths: string[]): { stop: () => Promise<(Answer | Error)[]> } {
    let reading = true;
    const clients = Array.from({ length: count }, async (_, i) => {
      const answers: (Answer | Error)[] = [];
      for (let n = 0; reading; n++) {
        answers.push(await call('GET', paths[(i + n) % paths.length]!).catch((error: Error) => error));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return answers;
    });
    return {
      stop: async () => {
        reading = false;
        return (await Promise.all(clients)).flat();
      },
    };
  }

  beforeAll(async () => {
    const neo = await privateNeo4jConfig('supervised');
    home = neo.home;
    boltPort = neo.boltPort;
    port = await freePort();
    server = startServer({
      PORT: String(port),
      NEO4J_HOME: neo.home,
      NEO4J_BOLT_PORT: String(neo.boltPort),
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '64m',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      RATE_LIMIT_MAX: '100000',
      INGEST_BATCH_SIZE: '50',
      NEO4J_RESTART_MAX_TRIES: '2',
      NEO4J_HANG_RESTART_MS: '20000',
    });
    await waitForReady(port, 180_000);
  });

  afterAll(async () => {
    // Whatever a failed test left behind: a stopped JVM would hold the shutdown for a minute.
    try {
      process.kill(neo4jPid(), 'SIGCONT');
    } catch {
      // already gone
    }
    blocker?.close();
    server.child.kill('SIGTERM');
    expect(await exitCode(server.child)).toBe(0);
    await rm(home, { recursive: true, force: true });
  });

  it('answers a load and reads cut by the database being killed, starts it again, and the load can be sent again', async () => {
    const watcher = neo4j.driver(`bolt://127.0.0.1:${boltPort}`);
    const loadId = `cut-load-${Date.now()}`;
    const pending = call('POST', '/v1/ingest', load(), { 'x-request-id': loadId });
    await waitFor(async () => (await one<{ n: number }>(watcher, 'MATCH (p:Person) RETURN count(p) AS n')).n > 0, 60_000, 50);
    await watcher.close();
    const reads = keepReading(4, ['/v1/system', '/v1/entities/person/P0', '/v1/audit?limit=5']);
    const killed = neo4jPid();
    process.kill(killed, 'SIGKILL');

    const cut = await pending;
    expect(cut.status).toBe(503);
    expect(cut.retryAfter).toBe('5');
    expect(cut.body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', requestId: loadId, message: expect.stringMatching(/re-sending the whole load is safe/) });
    expect(cut.body.report.status).toBe('interrupted');

    // Back by itself: a new JVM, the same Node process.
    await waitForReady(port, 180_000);
    const answers = await reads.stop();
    expect(neo4jPid()).not.toBe(killed);
    expect(server.output()).toContain('embedded Neo4j exited unexpectedly (signal SIGKILL): starting it again in');
    expect(answers.filter((a) => a instanceof Error)).toEqual([]);
    const statuses = new Set((answers as Answer[]).map((a) => a.status));
    expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses).toContain(503);
    for (const a of answers as Answer[]) if (a.status === 503) expect([a.retryAfter, a.body.error.code]).toEqual(['5', 'DATABASE_UNAVAILABLE']);

    const again = await call('POST', '/v1/ingest', load());
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'completed', accepted: 2 * PEOPLE, placeholders: { count: 0 } });
    // What a clean load of the document leaves: every person and link once, no placeholder left open.
    await expectCleanLoad(`bolt://127.0.0.1:${boltPort}`, PEOPLE);

    // The trail names the cut load: who, which route, started; it never completed.
    const trail = (await call('GET', '/v1/audit?limit=1000')).body.items as { requestId: string; route: string; status: number; changes: string | null; principal: string }[];
    const cutRecords = trail.filter((r) => r.requestId === loadId);
    expect(cutRecords.find((r) => r.status === 0)).toMatchObject({
      route: '/v1/ingest',
      principal: expect.stringMatching(/^key:/),
      changes: JSON.stringify({ status: 'started' }),
    });
    expect(cutRecords.map((r) => r.status)).not.toContain(200);
  }, 300_000);

  it('notices a hung database within 5 s, answers what waits on it with 503, and is ready again when it resumes', async () => {
    const pid = neo4jPid();
    process.kill(pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    try {
      // Sent before the health monitor can know: these wait on the database until it is noticed.
      const waiting = Array.from({ length: 4 }, (_, i) => call('GET', i % 2 ? '/v1/system' : '/v1/entities/person/P1'));
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 503, 15_000, 100);
      expect(Date.now() - stoppedAt).toBeLessThan(NOT_READY_WITHIN_MS + SLACK_MS);

      for (const answer of await Promise.all(waiting)) {
        expect(answer.status).toBe(503);
        expect([answer.retryAfter, answer.body.error.code]).toEqual(['5', 'DATABASE_UNAVAILABLE']);
        expect(answer.ms).toBeLessThan(MAX_RETRY_MS + SLACK_MS);
      }
      // Known to be down: refused before touching it.
      const refused = await call('GET', '/v1/system');
      expect(refused.status).toBe(503);
      expect(refused.ms).toBeLessThan(MAX_RETRY_MS);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await waitForReady(port, 30_000);
    expect(neo4jPid()).toBe(pid);
    expect((await call('GET', '/v1/entities/person/P1')).status).toBe(200);
  }, 120_000);

  it('kills a database hung for good and, when it cannot start again, gives up saying why while the service stays up', async () => {
    const pid = neo4jPid();
    process.kill(pid, 'SIGSTOP');
    // NEO4J_HANG_RESTART_MS (20 s) without an answer: killed. Then its Bolt port is taken before the restart.
    await waitFor(async () => !isAlive(pid), 60_000, 25);
    blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => blocker!.once('error', reject).listen(boltPort, '127.0.0.1', resolve));
    expect(server.output()).toMatch(/embedded Neo4j has not answered for \d+ s: killing it to start it again/);

    await waitFor(async () => server.output().includes('giving up'), 180_000, 250);
    expect(server.output()).toMatch(
      /embedded Neo4j could not be started again after 2 tries in a row \(embedded Neo4j failed to start: port \d+ is already in use[^)]*\); giving up: the service keeps running and answers 503 until it is restarted \(see [^)]*logs\/debug\.log\)/,
    );

    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
    const refused = await call('GET', '/v1/system');
    expect(refused.status).toBe(503);
    expect([refused.retryAfter, refused.body.error.code]).toEqual(['5', 'DATABASE_UNAVAILABLE']);
  }, 300_000);
});
