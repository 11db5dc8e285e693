import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * Who may do what, across two investigations A and B and a key per role: each role against each
 * route family, and scoping (what lies in B does not exist for a key on A) over every route that
 * reads or analyses data. Keys are made and revoked through the API, as an admin would.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('access control', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const A = `OP-A-${tag}`;
  const B = `OP-B-${tag}`;
  const person = (inv: string, n: number) => `${inv}-P${n}`;
  const keys: Record<string, string> = {};
  const as = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${keys[who]}` } });

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    for (const inv of [A, B]) {
      const loaded = await app.inject({
        method: 'POST',
        url: '/v1/ingest',
        payload: {
          investigations: [{ id: inv }],
          defaults: { source: `REP-${tag}`, grading: GRADING },
          people: [1, 2, 3, 4].map((n) => ({ id: person(inv, n), name: `Name ${inv} ${n}` })),
          links: [
            [1, 2],
            [2, 3],
            [3, 4],
            [1, 3],
          ].map(([x, y]) => ({ id: `LK-${inv}-${x}${y}`, type: 'communication', from: person(inv, x!), to: person(inv, y!), count: 3 })),
        },
      });
      expect(loaded.statusCode, loaded.body).toBe(200);
    }
    const make = async (name: string, role: string, investigations: string[]) => {
      const response = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `${name}-${tag}`, role, investigations } });
      expect(response.statusCode, response.body).toBe(201);
      keys[name] = response.json().key;
    };
    await make('viewerA', 'viewer', [A]);
    await make('analystA', 'analyst', [A]);
    await make('analystB', 'analyst', [B]);
    await make('ingestA', 'ingest', [A]);
    await make('adminA', 'admin', [A]);
  });

  it('refuses a request without credentials, with a malformed header or an unknown key', async () => {
    const none = await app.inject({ method: 'GET', url: '/v1/system', headers: { authorization: '' } });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json().error.code).toBe('UNAUTHORIZED');
    expect((await app.inject({ method: 'GET', url: '/v1/system', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/system', headers: { authorization: 'Bearer sna_nothing-like-this-exists-000000000000000' } })).statusCode).toBe(401);
    // Health and the API description stay open.
    expect((await app.inject({ method: 'GET', url: '/healthz', headers: { authorization: '' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/json', headers: { authorization: '' } })).statusCode).toBe(200);
  });

  it('grants each role its route families and nothing more', async () => {
    const ingestBody = { investigations: [{ id: A }], defaults: { source: `REP-${tag}`, grading: GRADING }, people: [{ id: person(A, 9), name: 'Nine' }] };
    const families: [string, 'GET' | 'POST' | 'DELETE', string, object | undefined, string[]][] = [
      ['system', 'GET', '/v1/system', undefined, ['viewerA', 'analystA', 'adminA']],
      ['search', 'GET', `/v1/entities?q=Name`, undefined, ['viewerA', 'analystA', 'adminA']],
      ['ingest', 'POST', '/v1/ingest', ingestBody, ['ingestA', 'adminA']],
      ['preview', 'POST', '/v1/analyses/preview', {}, ['analystA', 'adminA']],
      ['disruption', 'POST', '/v1/disruption/what-if', { remove: [{ type: 'person', id: person(A, 2) }] }, ['analystA', 'adminA']],
      ['history', 'GET', '/v1/analyses', undefined, ['viewerA', 'analystA', 'adminA']],
      ['keys', 'GET', '/v1/keys', undefined, ['adminA']],
      ['audit', 'GET', '/v1/audit?limit=1', undefined, ['adminA']],
    ];
    for (const [family, method, url, body, allowed] of families) {
      for (const who of ['viewerA', 'analystA', 'ingestA', 'adminA']) {
        const response = await as(who, method, url, body);
        if (allowed.includes(who)) expect(response.statusCode, `${who} ${family}: ${response.body}`).toBeLessThan(300);
        else {
          expect(response.statusCode, `${who} ${family}`).toBe(403);
          expect(response.json().error.code).toBe('FORBIDDEN');
        }
      }
    }
  });

  it('hides entities of other investigations from lookups, search and neighbourhoods', async () => {
    expect((await as('viewerA', 'GET', `/v1/entities/person/${person(A, 1)}`)).statusCode).toBe(200);
    const foreign = await as('viewerA', 'GET', `/v1/entities/person/${person(B, 1)}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe(`no person with id ${person(B, 1)}`);
    expect((await as('viewerA', 'GET', `/v1/entities/person/${person(B, 1)}/network`)).statusCode).toBe(404);
    const search = (await as('viewerA', 'GET', `/v1/entities?q=Name ${B}`)).json();
    expect(search.items.filter((i: Json) => i.id.startsWith(B))).toEqual([]);
    expect((await as('analystB', 'GET', `/v1/entities?q=Name ${B}`)).json().total).toBeGreaterThan(0);
  });

  it('analyses only the caller’s investigations, whatever the scope names', async () => {
    const mine = (await as('analystA', 'POST', '/v1/analyses/preview', {})).json();
    expect(mine.ranking.map((n: Json) => n.id).every((id: string) => id.startsWith(A))).toBe(true);
    expect(mine.graph.nodes).toBeGreaterThan(0);
    // Another's investigation reads as one that does not exist: refused alike, nothing computed.
    const theirs = await as('analystA', 'POST', '/v1/analyses/preview', { scope: { investigations: [B] } });
    const none = await as('analystA', 'POST', '/v1/analyses/preview', { scope: { investigations: [`NO-SUCH-${tag}`] } });
    expect([theirs.statusCode, none.statusCode]).toEqual([400, 400]);
    const error = (r: typeof theirs, name: string) => ({ ...r.json().error, requestId: undefined, details: JSON.stringify(r.json().error.details).replaceAll(name, 'X') });
    expect(error(theirs, B)).toEqual(error(none, `NO-SUCH-${tag}`));
    expect(theirs.json().error.details).toEqual([
      { path: 'body.scope.investigations[0]', message: `${B} is not an investigation you can see (there is none, or it is not assigned to you)` },
    ]);
    const both = (await as('analystA', 'POST', '/v1/analyses/preview', { scope: { investigations: [A, B] } })).json();
    expect(both.scope.investigations).toEqual([A]);
    expect(both.warnings).toContain(`scope.investigations[1]: ${B} is not an investigation you can see (there is none, or it is not assigned to you); left out`);
    // The whole answer, preview and plan: nothing of B but the id the caller gave, in that warning.
    for (const answer of [both, (await as('analystA', 'POST', '/v1/disruption/plan', { scope: { investigations: [A, B] }, k: 1 })).json()]) {
      const text = JSON.stringify({ ...answer, warnings: answer.warnings.filter((w: string) => !w.startsWith('scope.investigations[1]: ')) });
      expect(text).toContain(person(A, 1));
      expect(text).not.toContain(B);
    }
    const run = await as('analystA', 'POST', '/v1/analyses', { scope: { investigations: [A, B] } });
    expect(run.statusCode).toBe(400);
    expect(run.json().error.details).toEqual([{ path: 'body.scope.investigations[1]', message: expect.stringContaining(`${B} is not an investigation you can see`) }]);
    const whatIf = await as('analystA', 'POST', '/v1/disruption/what-if', { remove: [{ type: 'person', id: person(B, 2) }] });
    expect(whatIf.statusCode).toBe(400);
    const plan = (await as('analystA', 'POST', '/v1/disruption/plan', { k: 1 })).json();
    expect(plan.strategies.flatMap((s: Json) => s.targets.map((t: Json) => t.id)).every((id: string) => id.startsWith(A))).toBe(true);
  });

  it('keeps runs of other investigations out of sight: status, history, results, compare, export, latest', async () => {
    const runA = (await as('analystA', 'POST', '/v1/analyses?wait=true', {})).json();
    expect(runA.scope.investigations).toEqual([A]);
    const runB = (await as('analystB', 'POST', '/v1/analyses?wait=true', { writeBack: false })).json();
    expect(runB.status).toBe('done');
    const topB = (await as('analystB', 'GET', `/v1/analyses/${runB.id}/rankings?limit=1`)).json().items[0];
    for (const url of [
      `/v1/analyses/${runB.id}`,
      `/v1/analyses/${runB.id}/rankings`,
      `/v1/analyses/${runB.id}/communities`,
      `/v1/analyses/${runB.id}/communities/${topB.community}`,
      `/v1/analyses/${runB.id}/entities/person/${topB.id}`,
      `/v1/analyses/${runB.id}/export`,
      `/v1/analyses/${runA.id}/compare/${runB.id}`,
    ]) {
      expect((await as('analystA', 'GET', url)).statusCode, url).toBe(404);
    }
    expect((await as('analystA', 'DELETE', `/v1/analyses/${runB.id}`)).statusCode).toBe(404);
    const history = (await as('viewerA', 'GET', '/v1/analyses?limit=500')).json();
    expect(history.items.map((r: Json) => r.id)).toContain(runA.id);
    expect(history.items.every((r: Json) => (r.scope.investigations as string[]).every((i) => i === A))).toBe(true);
    expect((await as('viewerA', 'GET', `/v1/rankings/latest?investigation=${B}`)).statusCode).toBe(404);
    expect((await as('viewerA', 'GET', `/v1/rankings/latest`)).json().run.id).toBe(runA.id);
    expect((await as('viewerA', 'GET', `/v1/analyses/${runA.id}/rankings`)).statusCode).toBe(200);
    // Purging is for admins.
    expect((await as('analystA', 'DELETE', `/v1/analyses/${runA.id}?purge=true`)).statusCode).toBe(403);
  });

  it('refuses loading into an investigation the key is not on, writing nothing', async () => {
    const response = await as('ingestA', 'POST', '/v1/ingest', {
      investigations: [{ id: B }],
      defaults: { source: `REP-${tag}`, grading: GRADING },
      people: [{ id: person(B, 7), name: 'Seven' }],
    });
    expect(response.statusCode).toBe(403);
    expect((await as('analystB', 'GET', `/v1/entities/person/${person(B, 7)}`)).statusCode).toBe(404);
    const ndjson = await app.inject({
      method: 'POST',
      url: '/v1/ingest/ndjson',
      payload: `${JSON.stringify({ kind: 'header', investigations: [{ id: B }], defaults: { source: 'S', grading: GRADING } })}\n${JSON.stringify({ kind: 'person', record: { id: person(B, 8), name: 'Eight' } })}\n`,
      headers: { authorization: `Bearer ${keys.ingestA}`, 'content-type': 'application/x-ndjson' },
    });
    expect(ndjson.statusCode).toBe(403);
    expect((await as('analystB', 'GET', `/v1/entities/person/${person(B, 8)}`)).statusCode).toBe(404);
    const csv = await app.inject({
      method: 'POST',
      url: `/v1/ingest/csv/person?investigations=${B}&source=S&grading=2BP`,
      payload: 'id,name\nX1,X\n',
      headers: { authorization: `Bearer ${keys.ingestA}`, 'content-type': 'text/csv' },
    });
    expect(csv.statusCode).toBe(403);
  });

  it('lets an admin on A grant no more than A, and revokes a key from the next request on', async () => {
    const beyond = await as('adminA', 'POST', '/v1/keys', { name: 'too wide', role: 'viewer', investigations: [B] });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.details).toEqual([{ path: 'body.investigations[0]', message: `${B} is not one of yours` }]);
    const made = (await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `short-lived-${tag}`, role: 'viewer', investigations: [A] } })).json();
    const use = () => app.inject({ method: 'GET', url: '/v1/system', headers: { authorization: `Bearer ${made.key}` } });
    expect((await use()).statusCode).toBe(200);
    const listed = (await app.inject({ method: 'GET', url: '/v1/keys' })).json();
    expect(listed.find((k: Json) => k.id === made.id)).toMatchObject({ name: `short-lived-${tag}`, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(made.key);
    const revoked = await app.inject({ method: 'DELETE', url: `/v1/keys/${made.id}` });
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await use()).statusCode).toBe(401);
  });

  it('refuses unknown query parameters and bodies over each route’s limit', async () => {
    const unknown = await as('viewerA', 'GET', '/v1/analyses?limit=5&sort=name');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ path: 'querystring' });
    const big = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: 'x'.repeat(200_000), role: 'viewer', investigations: [A] } });
    expect(big.statusCode).toBe(413);
    // An analysis body may be large (previousCommunities): 2 MB is not refused for its size.
    const members = Array.from({ length: 60_000 }, (_, i) => `person:${A}-P${i}`);
    const large = await as('analystA', 'POST', '/v1/analyses/preview', { parameters: { previousCommunities: [{ id: 'C-1', members }] } });
    expect(large.statusCode).toBe(200);
  });

  it('records a load streamed over real HTTP when it starts and when it ends, with what it changed', async () => {
    // inject() hands the route a request object that does not refer back to itself; a socket's does.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const body = `${JSON.stringify({ kind: 'header', investigations: [{ id: A }], defaults: { source: 'S', grading: GRADING } })}\n${JSON.stringify({ kind: 'person', record: { id: person(A, 5), name: 'Five' } })}\n`;
    const response = await fetch(`http://127.0.0.1:${address.port}/v1/ingest/ndjson`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${keys.ingestA}`, 'content-type': 'application/x-ndjson' },
    });
    expect(response.status).toBe(200);
    const me = (await app.inject({ method: 'GET', url: '/v1/keys' })).json().find((k: Json) => k.name === `ingestA-${tag}`);
    const [record, started] = (await app.inject({ method: 'GET', url: `/v1/audit?principal=key:${me.id}&limit=2` })).json().items;
    expect(record).toMatchObject({ route: '/v1/ingest/ndjson', status: 200 });
    expect(JSON.parse(record.parameters).body).toBe('[stream]');
    expect(JSON.parse(record.changes)).toMatchObject({ status: 'completed' });
    // Recorded before the first batch, so a load cut short still names who wrote and what.
    expect(started).toMatchObject({ route: '/v1/ingest/ndjson', status: 0, requestId: record.requestId, investigations: [A] });
    expect(JSON.parse(started.changes)).toEqual({ status: 'started' });
    expect(started.seq).toBeLessThan(record.seq);
  });

  it('records who read what, and the chain verifies', async () => {
    await app.inject({ method: 'GET', url: `/v1/entities/person/${person(A, 2)}`, headers: { authorization: `Bearer ${keys.viewerA}`, 'x-justification': 'case review 7' } });
    const me = (await app.inject({ method: 'GET', url: '/v1/keys' })).json().find((k: Json) => k.name === `viewerA-${tag}`);
    const trail = (await app.inject({ method: 'GET', url: `/v1/audit?principal=key:${me.id}&entity=person:${person(A, 2)}` })).json();
    expect(trail.items[0]).toMatchObject({
      principal: `key:${me.id}`,
      role: 'viewer',
      method: 'GET',
      route: '/v1/entities/:type/:id',
      status: 200,
      justification: 'case review 7',
      investigations: [A],
      entities: [`person:${person(A, 2)}`],
    });
    expect(trail.items[0].resultBytes).toBeGreaterThan(0);
    const refused = (await app.inject({ method: 'GET', url: `/v1/audit?principal=key:${me.id}&limit=500` })).json();
    expect(refused.items.some((r: Json) => r.status === 404 && r.entities.includes(`person:${person(B, 1)}`))).toBe(true);
    const verify = (await app.inject({ method: 'GET', url: '/v1/audit/verify' })).json();
    expect(verify).toMatchObject({ ok: true, firstBroken: null });
  });
});
