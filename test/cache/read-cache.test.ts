import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

/**
 * Answers and API keys kept in memory (plugins/read-cache.ts, auth/key-service.ts) against a
 * second app sharing the database, as another replica would: a revoked key is refused from the
 * next request on wherever it was revoked; an erasure, a load, a purge or a newer run is seen
 * by the next request on either instance; an answer kept for one caller's investigations never
 * answers a caller with others.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('cached reads', () => {
  let app: FastifyInstance;
  let other: FastifyInstance;
  let driver: Driver;
  const tag = uniqueTag();
  const A = `RC-A-${tag}`;
  const B = `RC-B-${tag}`;
  const SECRET = `QZX${tag}`;
  const P = (n: number) => `RC-${tag}-P${n}`;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const get = (on: FastifyInstance, url: string, key?: string) => on.inject({ method: 'GET', url, ...(key ? { headers: bearer(key) } : {}) });
  // Other test files write to the same database meanwhile, and any write retires kept answers:
  // a read answered from memory is asked for a few times before the test says it was not.
  const hit = async (on: FastifyInstance, url: string, key?: string) => {
    for (let i = 0; i < 5; i++) {
      const answer = await get(on, url, key);
      if (answer.headers['x-read-cache'] === 'hit') return answer;
    }
    throw new Error(`${url} was never answered from memory`);
  };
  const makeKey = async (role: string, investigations: string[]) => {
    const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `rc-${role}-${tag}`, role, investigations } });
    expect(made.statusCode, made.body).toBe(201);
    return made.json() as { id: string; key: string };
  };
  const load = (investigation: string, people: Json[], links: [number, number][] = []) =>
    app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: investigation }],
        defaults: { source: `REP-${investigation}`, grading: GRADING },
        people,
        links: links.map(([x, y]) => ({ id: `LK-${investigation}-${x}-${y}`, type: 'communication', from: P(x), to: P(y), count: 3 })),
      },
    });
  const analyse = async (on: FastifyInstance, seed: number) => {
    const made = await on.inject({ method: 'POST', url: '/v1/analyses?wait=true', payload: { scope: { investigations: [A] }, parameters: { seed } } });
    expect(made.statusCode, made.body).toBeLessThan(300);
    expect(made.json().status).toBe('done');
    return made.json().id as string;
  };

  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    other = await buildTestApp();
    const a = await load(
      A,
      [1, 2, 3, 4, 5].map((n) => ({ id: P(n), name: `Person ${n} ${tag}` })),
      [
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
        [1, 3],
      ],
    );
    expect(a.statusCode, a.body).toBe(200);
    // P1 is in B too, under a name only B knows.
    const b = await load(B, [{ id: P(1), name: `${SECRET} One` }]);
    expect(b.statusCode, b.body).toBe(200);
  });

  afterAll(async () => {
    await other?.close();
  });

  it('answers a repeated read from memory, and a request with Cache-Control: no-cache afresh', async () => {
    const url = `/v1/entities/person/${P(2)}`;
    const first = await get(app, url);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['x-read-cache']).toBe('miss');
    const second = await hit(app, url);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    const fresh = await app.inject({ method: 'GET', url, headers: { 'cache-control': 'no-cache' } });
    expect(fresh.headers['x-read-cache']).toBe('miss');
    expect(fresh.body).toBe(first.body);
  });

  it('sends a kept answer as the bytes first sent, measured alike in Content-Length and the audit record', async () => {
    const id = `RC-${tag}-Ü`;
    const loaded = await load(A, [{ id, name: `Žaneta Ünal 李 ${tag}` }]);
    expect(loaded.statusCode, loaded.body).toBe(200);
    const url = `/v1/entities/person/${encodeURIComponent(id)}`;
    const first = await app.inject({ method: 'GET', url, headers: { 'x-request-id': `rc-bytes-${tag}-1` } });
    expect(first.headers['x-read-cache']).toBe('miss');
    let kept = first;
    for (let i = 2; kept.headers['x-read-cache'] !== 'hit' && i < 7; i++) kept = await app.inject({ method: 'GET', url, headers: { 'x-request-id': `rc-bytes-${tag}-${i}` } });
    expect(kept.headers['x-read-cache']).toBe('hit');
    expect(kept.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(kept.json().properties.name).toBe(`Žaneta Ünal 李 ${tag}`);
    for (const answer of [first, kept]) expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    const { records } = await driver.executeQuery('MATCH (a:AuditRecord) WHERE a.requestId IN $ids RETURN a.requestId AS id, a.resultBytes AS bytes', {
      ids: [first, kept].map((answer) => answer.headers['x-request-id']),
    });
    expect(records.map((r) => Number(r.get('bytes')))).toEqual([first.rawPayload.length, first.rawPayload.length]);
  });

  it('never answers a caller with an answer kept for other investigations, in either order', async () => {
    const viewerA = await makeKey('viewer', [A]);
    const url = `/v1/entities/person/${P(1)}`;
    // The `*` admin first: its answer (A's and B's copies) is kept, and A's viewer must not get it.
    const all = await get(app, url);
    expect(all.json().investigations).toEqual([A, B].sort());
    expect(all.body).toContain(SECRET);
    await hit(app, url);
    for (let i = 0; i < 2; i++) {
      const seen = i === 0 ? await get(app, url, viewerA.key) : await hit(app, url, viewerA.key);
      expect(seen.statusCode, seen.body).toBe(200);
      if (i === 0) expect(seen.headers['x-read-cache']).toBe('miss');
      expect(seen.body).not.toContain(SECRET);
      expect(seen.body).not.toContain(B);
      expect(seen.json().investigations).toEqual([A]);
    }
    // And the other way round on the second instance: A's viewer first, then the admin sees B's copy too.
    const mine = await get(other, url, viewerA.key);
    expect(mine.json().investigations).toEqual([A]);
    const theirs = await get(other, url);
    expect(theirs.headers['x-read-cache']).toBe('miss');
    expect(theirs.json().investigations).toEqual([A, B].sort());
    // A key on B only: the entity B holds answers with B's copy, never the ones kept for A or for everyone.
    const viewerB = await makeKey('viewer', [B]);
    const onB = await get(app, url, viewerB.key);
    expect(onB.json().investigations).toEqual([B]);
    expect(onB.json().properties.name).toBe(`${SECRET} One`);
  });

  it('refuses a revoked key from the next request on, on the instance that revoked it and on another, and never lets it through again', async () => {
    for (const [revoker, name] of [
      [() => app, 'through the API here'],
      [() => other, 'through the API on the other instance'],
    ] as const) {
      const analyst = await makeKey('analyst', ['*']);
      const url = `/v1/entities/person/${P(3)}`;
      // Both instances know the key (and keep it).
      for (const on of [app, other]) for (let i = 0; i < 3; i++) expect((await get(on, url, analyst.key)).statusCode, name).toBe(200);
      // Requests keep going on both instances while the key is revoked.
      const seen: { on: string; sentAt: number; answeredAt: number; status: number }[] = [];
      let stop = false;
      const hammer = async (on: FastifyInstance, label: string) => {
        while (!stop) {
          const sentAt = performance.now();
          const { statusCode } = await get(on, url, analyst.key);
          seen.push({ on: label, sentAt, answeredAt: performance.now(), status: statusCode });
        }
      };
      const hammering = [hammer(app, 'here'), hammer(app, 'here'), hammer(other, 'other'), hammer(other, 'other')];
      // Until each instance has answered some (the machine may be slow).
      await waitFor(async () => seen.filter((s) => s.on === 'here').length >= 2 && seen.filter((s) => s.on === 'other').length >= 2, 30_000, 20);
      const revokeSentAt = performance.now();
      const revoked = await revoker().inject({ method: 'DELETE', url: `/v1/keys/${analyst.id}` });
      const revokedAt = performance.now();
      expect(revoked.statusCode, revoked.body).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      stop = true;
      await Promise.all(hammering);
      // Revocation answered at revokedAt: every request sent after it is refused, on both instances (well within a second).
      const after = seen.filter((s) => s.sentAt > revokedAt);
      expect(after.length, name).toBeGreaterThan(10);
      expect(new Set(after.map((s) => s.on)), name).toEqual(new Set(['here', 'other']));
      expect(
        after.filter((s) => s.status !== 401),
        name,
      ).toEqual([]);
      // Before the revocation was asked for, it was answered.
      const before = seen.filter((s) => s.answeredAt < revokeSentAt);
      expect(before.length, name).toBeGreaterThan(0);
      expect(
        before.filter((s) => s.status !== 200),
        name,
      ).toEqual([]);
    }
  });

  it('refuses a key revoked straight in the database by another process', async () => {
    const analyst = await makeKey('analyst', ['*']);
    const url = `/v1/entities/person/${P(3)}`;
    expect((await get(app, url, analyst.key)).statusCode).toBe(200);
    expect((await get(app, url, analyst.key)).statusCode).toBe(200);
    // What auth/key-revoke.cypher does, as another instance of any version would.
    await driver.executeQuery(
      "MATCH (k:ApiKey {id: $id}) SET k.revokedAt = $at, k.revokedBy = 'test' MERGE (v:ReadVersion {id: 'reads'}) SET v.version = coalesce(v.version, 0) + 1",
      { id: analyst.id, at: new Date().toISOString() },
    );
    expect((await get(app, url, analyst.key)).statusCode).toBe(401);
    expect((await get(other, url, analyst.key)).statusCode).toBe(401);
  });

  it('drops an erased entity from every instance’s kept answers at once: its view, its result in a run, the run’s ranking', async () => {
    const run = await analyse(app, 11);
    const pages = [`/v1/entities/person/${P(5)}`, `/v1/analyses/${run}/entities/person/${P(5)}`, `/v1/analyses/${run}/rankings?limit=50`];
    for (const on of [app, other])
      for (const url of pages) {
        expect((await get(on, url)).statusCode, url).toBe(200);
        await hit(on, url);
      }
    expect((await get(other, pages[2]!)).json().items.map((i: Json) => i.id)).toContain(P(5));

    const erased = await app.inject({ method: 'DELETE', url: `/v1/entities/person/${P(5)}` });
    expect(erased.statusCode, erased.body).toBe(200);
    for (const on of [other, app]) {
      expect((await get(on, pages[0]!)).statusCode).toBe(404);
      expect((await get(on, pages[1]!)).statusCode).toBe(404);
      const ranking = await get(on, pages[2]!);
      expect(ranking.statusCode).toBe(200);
      expect(ranking.json().items.map((i: Json) => i.id)).not.toContain(P(5));
      // The run's data changed since it ran: it says so.
      expect(ranking.json().run.stale).toBe(true);
    }
  });

  it('tells a kept ranking is stale as soon as its data changes, and points /rankings/latest at a newer run at once', async () => {
    const run = await analyse(app, 12);
    const page = `/v1/analyses/${run}/rankings?limit=10`;
    const latest = `/v1/rankings/latest?investigation=${A}&limit=10`;
    for (const on of [app, other]) {
      expect((await get(on, page)).json().run.stale).toBe(false);
      expect((await hit(on, page)).json().run.stale).toBe(false);
      expect((await get(on, latest)).json().run.id).toBe(run);
      expect((await hit(on, latest)).json().run.id).toBe(run);
    }
    expect(
      await app.inject({
        method: 'POST',
        url: '/v1/ingest',
        payload: { investigations: [{ id: A }], defaults: { source: 'late', grading: GRADING }, people: [{ id: P(6), name: 'Six' }] },
      }),
    ).toMatchObject({
      statusCode: 200,
    });
    for (const on of [other, app]) expect((await get(on, page)).json().run.stale, 'after a load').toBe(true);

    // A newer run made on the other instance is the latest on this one from the next request on.
    const newer = await analyse(other, 13);
    expect((await get(app, latest)).json().run.id).toBe(newer);
    // And a purged run is gone from both.
    expect((await other.inject({ method: 'DELETE', url: `/v1/analyses/${run}?purge=true` })).statusCode).toBeLessThan(300);
    for (const on of [app, other]) expect((await get(on, page)).statusCode).toBe(404);
  });

  it('counts an answer from memory against the caller’s rate limit', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_MAX: '3' });
    try {
      const viewer = await makeKey('viewer', [A]);
      const url = `/v1/entities/person/${P(2)}`;
      const statuses: [number, string][] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await get(limited, url, viewer.key);
        statuses.push([answer.statusCode, String(answer.headers['x-read-cache'])]);
      }
      // The second and third are answered from memory, and still counted: the fourth is refused.
      expect(statuses.slice(0, 3).map(([status]) => status)).toEqual([200, 200, 200]);
      expect(statuses.slice(1, 3).some(([, cache]) => cache === 'hit')).toBe(true);
      expect(statuses.slice(3).map(([status]) => status)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('records each of 200 concurrent reads, answered from memory or not, and the chain verifies', async () => {
    const tagged = `rc-${tag}`;
    const urls = [`/v1/entities/person/${P(2)}`, `/v1/entities/person/${P(3)}`, `/v1/rankings/latest?investigation=${A}&limit=5`];
    // Another test file's load moves the shared database's data version, which empties every kept
    // answer: a round that met one (no answer from memory) is sent again, its records counted too.
    const answers = [];
    let rounds = 0;
    do {
      rounds += 1;
      for (const url of urls) for (const on of [app, other]) expect((await get(on, url)).statusCode).toBe(200);
      const round = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 ? app : other).inject({ method: 'GET', url: urls[i % urls.length]!, headers: { 'x-request-id': `${tagged}-${rounds}-${i}` } }),
        ),
      );
      answers.push(...round);
      if (round.some((a) => a.headers['x-read-cache'] === 'hit')) break;
    } while (rounds < 5);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(200 * rounds).fill(200));
    expect(answers.filter((a) => a.headers['x-read-cache'] === 'hit').length).toBeGreaterThan(0);
    const { records } = await driver.executeQuery('MATCH (a:AuditRecord) WHERE a.requestId STARTS WITH $tagged RETURN count(a) AS n, count(DISTINCT a.seq) AS seqs', { tagged });
    expect([Number(records[0]!.get('n')), Number(records[0]!.get('seqs'))]).toEqual([200 * rounds, 200 * rounds]);
    const verified = await app.inject({ method: 'GET', url: '/v1/audit/verify' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().ok).toBe(true);
  });
});
