import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

/**
 * Need-to-know where investigations share entities. A and B both hold two people, a vessel and
 * one link (same ids), with different names, aliases, sources and gradings; B also holds a
 * person of its own. Everything loaded only under B carries a sentinel string. Principals of
 * every role limited to A then call every operation in the OpenAPI document, and each whole
 * answer (body and headers, errors, reports, exports) is scanned for the sentinel and for B's id.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('facts belong to investigations', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const A = `OP-A-${tag}`;
  const B = `OP-B-${tag}`;
  const SECRET = `ZQX${tag}`;
  const S1 = `S1-${tag}`;
  const S2 = `S2-${tag}`;
  const B3 = `B3-${tag}`;
  const B4 = `B4-${tag}`;
  const V1 = `V1-${tag}`;
  // Identifiers: A's phone of S1, and B-only ones (a phone and a passport) that must never reach A.
  const digits = String(Math.floor(Math.random() * 900_000) + 100_000);
  const PHONE_A = `+447700${digits}`;
  const PHONE_B = `+336120${digits}`;
  const PASSPORT_B = `QZ${digits}`;
  // An amount only B's payments carry (pence): it must appear in no answer to A's team.
  const B_AMOUNT = 8_675_309_123;
  const keys: Record<string, string> = {};
  const as = (who: string, options: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }) =>
    app.inject({ ...options, method: options.method as 'GET', headers: { ...options.headers, authorization: `Bearer ${keys[who]}` } } as never);
  const load = (investigation: string, body: Json, who?: string) => {
    const request = { method: 'POST', url: '/v1/ingest', payload: { investigations: [{ id: investigation }], ...body } };
    return who ? as(who, request) : app.inject(request as never);
  };

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const a = await load(A, {
      defaults: { source: `REP-A-${tag}`, grading: GRADING },
      people: [
        { id: S1, name: `Alpha ${tag}`, aliases: [`Alf${tag}`], roles: ['organiser'], phones: [PHONE_A] },
        { id: S2, name: `Bravo ${tag}` },
      ],
      vessels: [{ id: V1, kind: 'boat', name: `Dinghy ${tag}` }],
      crossings: [{ id: `X-A-${tag}`, date: '2024-03-14', organisers: [S1], pilots: [S2], vesselIds: [V1] }],
      links: [{ id: `LK-${tag}`, type: 'communication', from: S1, to: S2, count: 2 }],
      payments: [
        { id: `PAY-S-${tag}`, payer: { type: 'person', id: S1 }, payee: { type: 'person', id: S2 }, amount: 125_000, currency: 'GBP', date: '2024-03-01', channel: 'cash' },
        { id: `PAY-A-${tag}`, payer: { type: 'person', id: S2 }, payee: { type: 'person', id: S1 }, amount: 40_000, currency: 'EUR', date: '2024-03-05', channel: 'bank' },
      ],
    });
    expect(a.statusCode, a.body).toBe(200);
    const b = await load(B, {
      defaults: { source: `${SECRET}-report`, grading: { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'C' } },
      people: [
        { id: S1, name: `${SECRET} One`, aliases: [`${SECRET}alias`], nationality: 'IQ', phones: [PHONE_B], documents: [{ kind: 'passport', number: PASSPORT_B, country: 'IQ' }] },
        { id: S2, name: `${SECRET} Two` },
        { id: B3, name: `${SECRET} Three` },
        { id: B4, name: `${SECRET} Four` },
      ],
      vessels: [{ id: V1, kind: 'boat', name: `${SECRET} boat` }],
      crossings: [{ id: `X-B-${tag}`, date: '2024-05-01', organisers: [S1, B3], vesselIds: [V1] }],
      links: [
        { id: `LK-${tag}`, type: 'communication', from: S1, to: S2, count: 9 },
        { id: `LK-B-${tag}`, type: 'meeting', from: S1, to: B3, count: 4 },
      ],
      // The same payment as A's PAY-S, as B holds it, and payments between the shared people only B knows of.
      payments: [
        {
          id: `PAY-S-${tag}`,
          payer: { type: 'person', id: S1 },
          payee: { type: 'person', id: S2 },
          amount: B_AMOUNT,
          currency: 'GBP',
          date: '2024-03-01',
          channel: 'hawala',
          source: `${SECRET}-pay`,
        },
        {
          id: `PAY-B-${tag}`,
          payer: { type: 'person', id: S2 },
          payee: { type: 'person', id: S1 },
          amount: B_AMOUNT,
          currency: 'GBP',
          date: '2024-03-10',
          channel: 'hawala',
          source: `${SECRET}-pay`,
        },
        { id: `PAY-B3-${tag}`, payer: { type: 'person', id: S1 }, payee: { type: 'person', id: B3 }, amount: B_AMOUNT, currency: 'GBP', date: '2024-03-12', channel: 'hawala' },
      ],
    });
    expect(b.statusCode, b.body).toBe(200);
    for (const role of ['viewer', 'analyst', 'ingest', 'admin']) {
      const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `${role}A-${tag}`, role, investigations: [A] } });
      expect(made.statusCode, made.body).toBe(201);
      keys[role] = made.json().key;
    }
  });

  // B's sentinel, B's id, B's identifiers and B's payment amount; B-only ids are not in the list, as loads into A may name them (they are A's then).
  const leaks = (text: string) => [SECRET, B, PHONE_B.slice(1), PASSPORT_B, String(B_AMOUNT), `PAY-B-${tag}`].filter((s) => text.includes(s));

  it('leaks nothing of B through any operation, for any role limited to A', async () => {
    // Stored runs over A (one per analyst), for the run-reading operations.
    // Seeds differ, or the service would hand back the one stored run.
    const start = async (seed: number) => {
      const made = await as('analyst', { method: 'POST', url: '/v1/analyses', payload: { scope: { investigations: [A] }, parameters: { seed } } });
      expect(made.statusCode, made.body).toBeLessThan(300);
      const id = made.json().id as string;
      await waitFor(async () => (await as('analyst', { method: 'GET', url: `/v1/analyses/${id}` })).json().status === 'done', 60_000);
      return id;
    };
    const run = await start(1);
    const other = await start(2);
    const spare = await start(3);
    const community = (await as('analyst', { method: 'GET', url: `/v1/analyses/${run}/communities` })).json().items?.[0]?.id ?? '0';
    const throwaway = (await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `spare-${tag}`, role: 'viewer', investigations: [A] } })).json().id;
    // A decision in A on S1 and S2 (both also in B), for the walk to list and undo.
    const decided = await as('analyst', {
      method: 'POST',
      url: '/v1/resolution/decisions',
      payload: { investigation: A, type: 'person', records: [S1, S2], decision: 'accept', reason: `one man ${tag}` },
    });
    expect(decided.statusCode, decided.body).toBe(201);

    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const operations = Object.entries(document.paths as Json).flatMap(([path, item]) => Object.keys(item as Json).map((method) => ({ path, method: method.toUpperCase() })));
    expect(operations.length).toBeGreaterThan(20);
    const fill = (path: string) =>
      path
        .replace('{id}/entities/{type}/{entityId}', `${run}/entities/person/${S1}`)
        .replace('/analyses/{id}', `/analyses/${run}`)
        .replace('{otherId}', other)
        .replace('{communityId}', String(community))
        .replace('/entities/{type}/{id}', `/entities/person/${S1}`)
        .replace('/keys/{id}', `/keys/${throwaway}`)
        .replace('{kind}', 'person');
    const requests = (method: string, path: string): { method: string; url: string; payload?: unknown; headers?: Record<string, string> }[] => {
      const url = fill(path);
      if (method === 'DELETE' && path.startsWith('/v1/entities')) return []; // erasure: its own test below
      if (method === 'DELETE' && path === '/v1/analyses/{id}') return [{ method, url: `/v1/analyses/${spare}?purge=true` }];
      if (path === '/v1/entities')
        return [
          `q=Alf${tag}`,
          `q=${tag}`,
          `identifier=${encodeURIComponent(PHONE_A)}`,
          `identifier=${encodeURIComponent(PHONE_B)}`,
          `identifier=passport:${PASSPORT_B}`,
          `investigation=${A}`,
          `investigation=${B}`,
          `investigation=${A}&role=organiser`,
          `type=person&role=organiser`,
        ].map((q) => ({ method, url: `${url}?${q}` }));
      if (path.endsWith('/export')) return ['gexf', 'graphml', 'csv', 'json'].map((format) => ({ method, url: `${url}?format=${format}` }));
      if (path === '/v1/ingest')
        return [
          { method, url, payload: { investigations: [{ id: A }], defaults: { source: `REP-A-${tag}`, grading: GRADING }, people: [{ id: `M-${tag}`, name: `Mike ${tag}` }] } },
        ];
      if (path === '/v1/ingest/ndjson')
        return [
          {
            method,
            url,
            payload: `${JSON.stringify({ kind: 'header', investigations: [{ id: A }], defaults: { source: `REP-A-${tag}`, grading: GRADING } })}\n${JSON.stringify({ kind: 'person', record: { id: `M-${tag}`, name: `Mike ${tag}` } })}\n`,
            headers: { 'content-type': 'application/x-ndjson' },
          },
        ];
      // An edge list into A naming S1 and S2, which B also holds, and a person nobody loaded (a placeholder in A).
      if (path === '/v1/ingest/csv/links')
        return [
          {
            method,
            url: `${url}?investigations=${A}&source=REP-A-${tag}&grading=2BP&undirected=true`,
            payload: `Source,Target,Weight,Type\n${S1},${S2},2.5,communication\n${S2},${S1},1,communication\n${S1},EX-${tag},0.5,\n`,
            headers: { 'content-type': 'text/csv' },
          },
        ];
      if (path.startsWith('/v1/ingest/csv'))
        return [{ method, url: `${url}?investigations=${A}&source=REP-A-${tag}&grading=2BP`, payload: `id,name\nM-${tag},Mike ${tag}\n`, headers: { 'content-type': 'text/csv' } }];
      if (path === '/v1/analyses/preview')
        return [
          { method, url, payload: {} },
          { method, url, payload: { scope: { investigations: [A] }, projection: 'full' } },
          // The window's ties, as the explorer's time slider asks for them: keys of both ends.
          { method, url, payload: { include: ['ties'] } },
          // The resolved network: A's decision on S1 and S2, and auto-merging over A's records (B's passport of S1 must not count).
          { method, url, payload: { scope: { resolution: 'accepted' }, include: ['ties'] } },
          { method, url, payload: { scope: { investigations: [A], resolution: 'auto:0.01' } } },
          // Rank confidence: what a rank depends on names the other ends of ties, which B's facts must not shape.
          { method, url, payload: { parameters: { confidence: { draws: 20, dropout: 0.2, top: 3 } } } },
          { method, url, payload: { scope: { resolution: 'accepted' }, parameters: { confidence: { draws: 10 } } } },
        ];
      // Missing links: over everything A's callers see, around S1 (whom B ties to B3), by each index, and over a run's scope.
      if (path === '/v1/analyses/links/suggest')
        return [
          { method, url, payload: {} },
          { method, url, payload: { scope: { investigations: [A] }, parameters: { index: 'adamicAdar', people: [S1, S2, B3] } } },
          { method, url, payload: { scope: { projection: 'full' }, parameters: { index: 'resourceAllocation' } } },
          { method, url, payload: { run, parameters: { people: [S2] } } },
        ];
      if (path === '/v1/analyses' && method === 'POST')
        return [
          { method, url, payload: { scope: { investigations: [A] } } },
          { method, url, payload: { scope: { investigations: [A], resolution: 'accepted' } } },
          { method, url, payload: { scope: { investigations: [A] }, parameters: { confidence: { draws: 20, dropout: 0.1 } } } },
        ];
      if (path === '/v1/disruption/plan') return [{ method, url, payload: { k: 3 } }];
      if (path === '/v1/disruption/what-if') return [{ method, url, payload: { remove: [{ type: 'person', id: S1 }] } }];
      if (path === '/v1/keys' && method === 'POST') return [{ method, url, payload: { name: `made-${tag}-${Math.random()}`, role: 'viewer', investigations: [A] } }];
      if (path === '/v1/money/flows') return ['', `?entity=person/${S1}`, `?investigations=${A}&via=holders&sort=last`].map((q) => ({ method, url: `${url}${q}` }));
      if (path === '/v1/money/trace')
        return [`?entity=person/${S1}&hops=6&ordered=false`, `?entity=person/${S2}&direction=backward&ordered=false`].map((q) => ({ method, url: `${url}${q}` }));
      // S1 and S2 are both in A and B, tied in both: a path could cross B's facts.
      if (path === '/v1/paths')
        return [`from=person/${S1}&to=person/${S2}&k=10`, `from=person/${S1}&to=vessel/${V1}&by=strength&k=10`].map((q) => ({ method, url: `${url}?${q}` }));
      if (path === '/v1/audit') return [{ method, url: `${url}?limit=500` }];
      // Candidates and decisions over A's copies of S1 and S2, which B holds too (B's phone and passport of S1 must shape nothing).
      if (path === '/v1/resolution/candidates') return ['', `?investigations=${A}&threshold=0.001`, `?type=person&minAssessment=E`].map((q) => ({ method, url: `${url}${q}` }));
      if (path === '/v1/resolution/decisions' && method === 'GET') return ['', `?investigations=${A}&undone=true`].map((q) => ({ method, url: `${url}${q}` }));
      if (path === '/v1/resolution/decisions' && method === 'POST')
        return [{ method, url, payload: { investigation: A, type: 'person', records: [S2, S1], decision: 'reject', reason: `not one man ${tag}` } }];
      if (path === '/v1/resolution/decisions/{id}') return [{ method, url: `/v1/resolution/decisions/${decided.json().id}` }];
      if (path === '/v1/rankings/latest')
        return [
          { method, url },
          { method, url: `${url}?investigation=${A}` },
        ];
      return [{ method, url }];
    };

    let checked = 0;
    const answered = new Set<string>();
    for (const { path, method } of operations) {
      for (const request of requests(method, path)) {
        for (const who of ['viewer', 'analyst', 'ingest', 'admin']) {
          const response = await as(who, request);
          const what = `${who} ${request.method} ${request.url} → ${response.statusCode}`;
          expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          expect(leaks(response.body + JSON.stringify(response.headers)), what).toEqual([]);
          checked++;
          if (response.statusCode < 300) answered.add(`${method} ${path}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Not a scan of refusals: every operation answered some role limited to A with data, but
    // erasure (tested below) and the chain's verification (it walks every investigation's records).
    const unanswered = operations.filter(({ method, path }) => !answered.has(`${method} ${path}`)).map(({ method, path }) => `${method} ${path}`);
    expect(unanswered.sort()).toEqual(['DELETE /v1/entities/{type}/{id}', 'GET /v1/audit/verify']);
  });

  it('shows A’s team only A’s facts of an entity both hold, and the whole entity to a `*` admin, fact by fact', async () => {
    const view = (await as('viewer', { method: 'GET', url: `/v1/entities/person/${S1}` })).json();
    expect(leaks(JSON.stringify(view))).toEqual([]);
    expect(view).toMatchObject({ properties: { name: `Alpha ${tag}`, aliases: [`Alf${tag}`] }, provenance: { source: `REP-A-${tag}`, grading: GRADING }, investigations: [A] });
    expect(view.facts.map((f: Json) => f.investigation)).toEqual([A]);
    expect(view.relations.every((r: Json) => r.investigations.every((i: string) => i === A))).toBe(true);
    const link = view.relations.find((r: Json) => r.id === `LK-${tag}`);
    expect(link.properties.count).toBe(2);

    const all = (await app.inject({ method: 'GET', url: `/v1/entities/person/${S1}` })).json();
    expect(all.investigations).toEqual([A, B].sort());
    expect(Object.fromEntries(all.facts.map((f: Json) => [f.investigation, [f.properties.name, f.provenance.source]]))).toEqual({
      [A]: [`Alpha ${tag}`, `REP-A-${tag}`],
      [B]: [`${SECRET} One`, `${SECRET}-report`],
    });
    // The admin's answer is now kept in memory (plugins/read-cache.ts): A's team is still answered with A's facts only.
    const again = await as('viewer', { method: 'GET', url: `/v1/entities/person/${S1}` });
    expect(leaks(again.body)).toEqual([]);
    expect(again.json().investigations).toEqual([A]);
  });

  it('finds nothing by B’s names or aliases for A, and A’s entity by A’s', async () => {
    for (const q of [`${SECRET}alias`, `${SECRET} One`, SECRET]) {
      const found = await as('viewer', { method: 'GET', url: `/v1/entities?q=${encodeURIComponent(q)}` });
      expect(found.json(), q).toMatchObject({ total: 0, items: [] });
    }
    const mine = (await as('viewer', { method: 'GET', url: `/v1/entities?q=Alf${tag}` })).json();
    expect(mine.items.map((i: Json) => i.id)).toEqual([S1]);
    const star = (await app.inject({ method: 'GET', url: `/v1/entities?q=${SECRET}alias` })).json();
    expect(star.items.map((i: Json) => i.id)).toEqual([S1]);
    // B's phone and passport of the same person find nothing for A; A's phone finds A's facts only.
    for (const identifier of [PHONE_B, `0033 6120 ${digits}`, `passport:${PASSPORT_B}`, PASSPORT_B]) {
      const found = await as('viewer', { method: 'GET', url: `/v1/entities?identifier=${encodeURIComponent(identifier)}` });
      expect(found.json(), identifier).toMatchObject({ total: 0, items: [] });
    }
    const byPhone = (await as('viewer', { method: 'GET', url: `/v1/entities?identifier=${encodeURIComponent(PHONE_A)}` })).json();
    expect(byPhone.items).toMatchObject([{ id: S1, identifiers: [`phone:${PHONE_A}`], investigations: [A], nationality: null }]);
    const starPhone = (await app.inject({ method: 'GET', url: `/v1/entities?identifier=${encodeURIComponent(PHONE_B)}` })).json();
    expect(starPhone.items.map((i: Json) => i.id)).toEqual([S1]);
  });

  it('shows A’s team the money A holds between shared people, A’s copy of a payment both hold, and nothing B alone knows', async () => {
    const flows = (await as('viewer', { method: 'GET', url: `/v1/money/flows?entity=person/${S1}` })).json();
    expect(leaks(JSON.stringify(flows))).toEqual([]);
    expect(flows.payments).toBe(2);
    expect(flows.items.map((f: Json) => [f.payer.id, f.payee.id, f.converted, f.payments.map((p: Json) => p.id)])).toEqual([
      [S1, S2, '125000', [`PAY-S-${tag}`]],
      [S2, S1, '34000', [`PAY-A-${tag}`]],
    ]);
    const trace = (await as('viewer', { method: 'GET', url: `/v1/money/trace?entity=person/${S1}&hops=6&ordered=false` })).json();
    expect(trace.chains.map((c: Json) => c.hops.map((h: Json) => h.payment))).toEqual([[`PAY-S-${tag}`, `PAY-A-${tag}`]]);
    // A `*` admin over A and B: PAY-S once (A's copy, the first investigation's), B's own payments too.
    const all = (await app.inject({ method: 'GET', url: `/v1/money/flows?investigations=${A}&investigations=${B}` })).json();
    expect(all.payments).toBe(4);
    expect(all.items.find((f: Json) => f.payer.id === S1 && f.payee.id === S2)).toMatchObject({ count: 1, converted: '125000' });
    expect(all.items.find((f: Json) => f.payer.id === S2 && f.payee.id === S1)).toMatchObject({ count: 2, converted: String(B_AMOUNT + 34_000) });
  });

  it('reports a load into A naming ids known only to B exactly as one naming new ids, and leaves B’s facts alone', async () => {
    const fresh = `NEW-${tag}`;
    const body = (id: string, other: string) => ({
      defaults: { source: `REP-A2-${tag}`, grading: GRADING },
      people: [{ id, name: `Renamed ${tag}` }],
      links: [{ id: `LK-O-${id}`, type: 'contact', from: S1, to: other }],
    });
    const report = (response: { statusCode: number; body: string }, id: string, other: string) => {
      expect(response.statusCode, response.body).toBe(200);
      // Ids, timings and the database's data version (a counter every load moves) aside.
      const { ingestId: _i, dataVersion: _v, batches, ...rest } = JSON.parse(response.body);
      const text = JSON.stringify({ ...rest, batches: batches.map(({ ms: _m, dataVersion: _d, ...b }: Json) => b) });
      return text
        .replaceAll(id, 'ID')
        .replaceAll(other, 'OTHER')
        .replace(/"(ms|durationMs|elapsedMs)":\d+(\.\d+)?/g, '');
    };
    // B3 as a record, B4 as a link's end: both known only to B.
    const known = report(await load(A, body(B3, B4), 'ingest'), B3, B4);
    const unknown = report(await load(A, body(fresh, `NEWx-${tag}`), 'ingest'), fresh, `NEWx-${tag}`);
    expect(JSON.parse(known)).toEqual(JSON.parse(unknown));
    expect(JSON.parse(known).entities.Person).toMatchObject({ created: 1 });
    // B's copy is as B loaded it.
    const b3 = (await app.inject({ method: 'GET', url: `/v1/entities/person/${B3}` })).json();
    expect(Object.fromEntries(b3.facts.map((f: Json) => [f.investigation, f.properties.name]))).toEqual({ [A]: `Renamed ${tag}`, [B]: `${SECRET} Three` });
    // And A sees its own new facts only: B3 as A loaded it, B4 as A's placeholder.
    const seen = (await as('viewer', { method: 'GET', url: `/v1/entities/person/${B3}` })).json();
    expect(leaks(JSON.stringify(seen))).toEqual([]);
    expect(seen.properties.name).toBe(`Renamed ${tag}`);
    const end = (await as('viewer', { method: 'GET', url: `/v1/entities/person/${B4}` })).json();
    expect(end).toMatchObject({ unresolved: true, investigations: [A], properties: {} });
  });

  it('erases A’s facts only when A’s admin erases an entity both hold; a `*` admin erases all', async () => {
    const erased = await as('admin', { method: 'DELETE', url: `/v1/entities/person/${S2}` });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(leaks(erased.body)).toEqual([]);
    expect((await as('viewer', { method: 'GET', url: `/v1/entities/person/${S2}` })).statusCode).toBe(404);
    const left = (await app.inject({ method: 'GET', url: `/v1/entities/person/${S2}` })).json();
    expect(left.facts.map((f: Json) => [f.investigation, f.properties.name])).toEqual([[B, `${SECRET} Two`]]);
    expect(left.relations.map((r: Json) => r.id)).toContain(`LK-${tag}`);

    expect((await app.inject({ method: 'DELETE', url: `/v1/entities/person/${S2}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/entities/person/${S2}` })).statusCode).toBe(404);
  });
});
