import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * Money flows and traces over a network built by hand. Investigation A: people P1, P2, P3, an
 * organisation O1, account AC1 held by P1 and AC2 held jointly by P2 and P3, and payments
 *   PY1 P1 → P2   100 000 GBP  2024-01-10      PY5 P3 → P1     5 000 GBP  2024-03-01
 *   PY2 P1 → P2    50 000 EUR  2024-02-01      PY6 AC1 → AC2  80 000 EUR  2024-01-20
 *   PY3 P2 → O1    30 000 GBP  2024-02-05      PY7 P2 → O1    10 000 GBP  2024-01-05 (also in B)
 *   PY4 O1 → P3    20 000 GBP  2024-02-10      PYE P2 → P3       999 GBP  2024-02-20 (graded E)
 * B holds PY7 too (same id) and PY8 P1 → P3 777 777 GBP of its own; C two payments of 2^53 − 1
 * pence and one of 1. EUR converts at 0.85 (the default rate): 50 000 → 42 500, 80 000 → 68 000.
 * Every expectation below is worked out by hand from this table.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('money flows and traces', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const A = `OP-MA-${t}`;
  const B = `OP-MB-${t}`;
  const C = `OP-MC-${t}`;
  const [P1, P2, P3, O1, AC1, AC2] = ['P1', 'P2', 'P3', 'O1', 'AC1', 'AC2'].map((x) => `${x}-${t}`) as [string, string, string, string, string, string];
  const py = (n: number | string) => `PY${n}-${t}`;
  const person = (id: string) => ({ type: 'person', id });
  const pay = (n: number | string, payer: object, payee: object, amount: number, currency: string, date: string, extra: object = {}) => ({
    id: py(n),
    payer,
    payee,
    amount,
    currency,
    date,
    channel: 'cash',
    ...extra,
  });
  let viewerA = '';
  const get = (url: string, key?: string) => app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
  const json = async (url: string, key?: string) => {
    const response = await get(url, key);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Json;
  };
  const inA = `investigations=${A}`;
  const flows = (query: string, key?: string) => json(`/v1/money/flows?${inA}&${query}`, key);
  const trace = (query: string) => json(`/v1/money/trace?${inA}&${query}`);
  const ids = (chain: Json) => chain.hops.map((h: Json) => h.payment.replace(`-${t}`, ''));
  const pair = (flow: Json) => `${flow.payer.id.replace(`-${t}`, '')}>${flow.payee.id.replace(`-${t}`, '')}`;

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const load = async (investigation: string, body: object) => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/ingest',
        payload: { investigations: [{ id: investigation }], defaults: { source: `REP-${t}`, grading: GRADING }, ...body },
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    await load(A, {
      people: [
        { id: P1, name: `Ana ${t}` },
        { id: P2, name: `Ben ${t}` },
        { id: P3, name: `Cem ${t}` },
      ],
      organisations: [{ id: O1, name: `Orbit Ltd ${t}` }],
      accounts: [
        { id: AC1, kind: 'bank', identifier: `IBAN1-${t}`, holders: [person(P1)] },
        { id: AC2, kind: 'bank', identifier: `IBAN2-${t}`, holders: [person(P2), person(P3)] },
      ],
      payments: [
        pay(1, person(P1), person(P2), 100_000, 'GBP', '2024-01-10'),
        pay(2, person(P1), person(P2), 50_000, 'EUR', '2024-02-01'),
        pay(3, person(P2), { type: 'organisation', id: O1 }, 30_000, 'GBP', '2024-02-05'),
        pay(4, { type: 'organisation', id: O1 }, person(P3), 20_000, 'GBP', '2024-02-10'),
        pay(5, person(P3), person(P1), 5_000, 'GBP', '2024-03-01'),
        pay(6, { type: 'account', id: AC1 }, { type: 'account', id: AC2 }, 80_000, 'EUR', '2024-01-20'),
        pay(7, person(P2), { type: 'organisation', id: O1 }, 10_000, 'GBP', '2024-01-05'),
        pay('E', person(P2), person(P3), 999, 'GBP', '2024-02-20', { grading: { ...GRADING, intelligenceAssessment: 'E' } }),
      ],
    });
    await load(B, {
      people: [
        { id: P1, name: `Secret ${t}` },
        { id: P3, name: `Secret ${t}` },
        { id: P2, name: `Secret ${t}` },
      ],
      organisations: [{ id: O1, name: `Secret org ${t}` }],
      payments: [pay(7, person(P2), { type: 'organisation', id: O1 }, 10_000, 'GBP', '2024-01-05'), pay(8, person(P1), person(P3), 777_777, 'GBP', '2024-01-12')],
    });
    await load(C, {
      people: [
        { id: P1, name: `Ana ${t}` },
        { id: P2, name: `Ben ${t}` },
      ],
      payments: [
        pay('C1', person(P1), person(P2), Number.MAX_SAFE_INTEGER, 'GBP', '2024-05-01'),
        pay('C2', person(P1), person(P2), Number.MAX_SAFE_INTEGER, 'GBP', '2024-05-02'),
        pay('C3', person(P1), person(P2), 1, 'GBP', '2024-05-03'),
      ],
    });
    const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `money-viewer-${t}`, role: 'viewer', investigations: [A] } });
    expect(made.statusCode, made.body).toBe(201);
    viewerA = made.json().key;
  });

  it('sums payments per payer and payee, exactly, in each currency and converted, with first and last dates and the payments behind them', async () => {
    const body = await flows('');
    expect(body).toMatchObject({ payments: 7, leftOut: 0, total: 5, sort: 'converted', order: 'desc', warnings: [] });
    expect(body.scope).toMatchObject({ investigations: [A], minAssessment: 'D', maxSourceEvaluation: 3, via: 'accounts', reportingCurrency: 'GBP' });
    expect(body.items.map(pair)).toEqual(['P1>P2', 'AC1>AC2', 'P2>O1', 'O1>P3', 'P3>P1']);
    const [p1p2, ac, p2o1] = body.items;
    expect(p1p2).toMatchObject({
      payer: { key: `person:${P1}`, type: 'person', id: P1, name: `Ana ${t}` },
      payee: { key: `person:${P2}`, name: `Ben ${t}` },
      count: 2,
      totals: [
        { currency: 'EUR', amount: '50000' },
        { currency: 'GBP', amount: '100000' },
      ],
      converted: '142500',
      unconverted: 0,
      first: '2024-01-10',
      last: '2024-02-01',
      paymentsTruncated: false,
    });
    expect(p1p2.payments).toEqual([
      { id: py(1), date: '2024-01-10', amount: 100000, currency: 'GBP', converted: '100000', split: 1 },
      { id: py(2), date: '2024-02-01', amount: 50000, currency: 'EUR', converted: '42500', split: 1 },
    ]);
    // An account is a party of its own, its holders named beside it.
    expect(ac).toMatchObject({ count: 1, converted: '68000', totals: [{ currency: 'EUR', amount: '80000' }], first: '2024-01-20' });
    expect(ac.payer).toMatchObject({ type: 'account', id: AC1, name: `IBAN1-${t}`, holders: [{ key: `person:${P1}`, name: `Ana ${t}` }] });
    expect(ac.payee.holders.map((h: Json) => h.id)).toEqual([P2, P3]);
    expect(p2o1).toMatchObject({ count: 2, converted: '40000', first: '2024-01-05', last: '2024-02-05' });
    expect(body.items.slice(3).map((f: Json) => [f.count, f.converted, f.first])).toEqual([
      [1, '20000', '2024-02-10'],
      [1, '5000', '2024-03-01'],
    ]);
    expect(body.topPayers.map((p: Json) => [p.party.id, p.count, p.converted, p.counterparties])).toEqual([
      [P1, 2, '142500', 1],
      [AC1, 1, '68000', 1],
      [P2, 2, '40000', 1],
      [O1, 1, '20000', 1],
      [P3, 1, '5000', 1],
    ]);
    expect(body.topPayees.map((p: Json) => [p.party.id, p.converted])).toEqual([
      [P2, '142500'],
      [AC2, '68000'],
      [O1, '40000'],
      [P3, '20000'],
      [P1, '5000'],
    ]);
    expect(body.entity).toBeNull();
  });

  it('sorts by count, first and last date either way, ties by payer then payee, and pages', async () => {
    expect((await flows('sort=count')).items.map(pair)).toEqual(['P1>P2', 'P2>O1', 'AC1>AC2', 'O1>P3', 'P3>P1']);
    expect((await flows('sort=first')).items.map(pair)).toEqual(['P3>P1', 'O1>P3', 'AC1>AC2', 'P1>P2', 'P2>O1']);
    expect((await flows('sort=last&order=asc')).items.map(pair)).toEqual(['AC1>AC2', 'P1>P2', 'P2>O1', 'O1>P3', 'P3>P1']);
    const page = await flows('limit=2&offset=1');
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.items.map(pair)).toEqual(['AC1>AC2', 'P2>O1']);
    expect((await flows('top=2')).topPayers.map((p: Json) => p.party.id)).toEqual([P1, AC1]);
    const capped = await flows('evidence=1');
    expect(capped.items[0].payments.map((p: Json) => p.id)).toEqual([py(1)]);
    expect(capped.items[0].paymentsTruncated).toBe(true);
  });

  it('rolls accounts up to their holders with via=holders, splitting a joint account’s payment and naming the accounts', async () => {
    const body = await flows('via=holders');
    expect(body.items.map(pair)).toEqual(['P1>P2', 'P2>O1', 'P1>P3', 'O1>P3', 'P3>P1']);
    const [p1p2, , p1p3] = body.items;
    expect(p1p2).toMatchObject({
      count: 3,
      converted: '176500',
      totals: [
        { currency: 'EUR', amount: '90000' },
        { currency: 'GBP', amount: '100000' },
      ],
    });
    expect(p1p2.payments[1]).toEqual({ id: py(6), date: '2024-01-20', amount: 40000, currency: 'EUR', converted: '34000', split: 2, payerAccount: AC1, payeeAccount: AC2 });
    expect(p1p3).toMatchObject({ count: 1, converted: '34000', totals: [{ currency: 'EUR', amount: '40000' }] });
    expect(body.topPayers[0]).toMatchObject({ party: { id: P1 }, count: 3, converted: '210500', counterparties: 2 });
  });

  it('gives one entity’s money in and out by counterparty', async () => {
    const body = await flows(`entity=person/${P2}`);
    expect(body.total).toBe(2);
    expect(body.items.map(pair)).toEqual(['P1>P2', 'P2>O1']);
    expect(body.entity.party).toMatchObject({ type: 'person', id: P2 });
    expect(body.entity.in).toMatchObject({ count: 2, converted: '142500', counterparties: 1, first: '2024-01-10', last: '2024-02-01' });
    expect(body.entity.out).toMatchObject({ count: 2, converted: '40000', counterparties: 1 });
    const holders = await flows(`entity=person/${P2}&via=holders`);
    expect(holders.entity.in).toMatchObject({ count: 3, converted: '176500' });
    const account = await flows(`entity=account/${AC2}`);
    expect(account.entity.in).toMatchObject({ count: 1, converted: '68000' });
    expect(account.entity.out).toMatchObject({ count: 0, converted: '0', first: null, last: null, counterparties: 0 });
  });

  it('keeps the window and the grading of the analyses’ scope', async () => {
    const window = await flows('from=2024-02-01&to=2024-02-28');
    expect(window.payments).toBe(3);
    expect(window.items.map(pair)).toEqual(['P1>P2', 'P2>O1', 'O1>P3']);
    const all = await flows('minAssessment=E');
    expect(all.payments).toBe(8);
    expect(all.items.map(pair)).toContain('P2>P3');
  });

  it('counts a payment held by two visible investigations once, and shows a B-only payment to no one limited to A', async () => {
    const both = await json(`/v1/money/flows?investigations=${A}&investigations=${B}`);
    expect(both.payments).toBe(8);
    expect(both.items.find((f: Json) => pair(f) === 'P2>O1')).toMatchObject({ count: 2, converted: '40000' });
    expect(both.items.find((f: Json) => pair(f) === 'P1>P3')).toMatchObject({ count: 1, converted: '777777' });
    for (const url of [
      '/v1/money/flows',
      `/v1/money/flows?entity=person/${P1}`,
      `/v1/money/flows?entity=person/${P3}&via=holders`,
      `/v1/money/trace?entity=person/${P1}&hops=6&ordered=false`,
      `/v1/money/trace?entity=person/${P3}&direction=backward&hops=6&ordered=false`,
    ]) {
      const response = await get(url, viewerA);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toContain(py(8));
      expect(response.body).not.toContain('777777');
      expect(response.body).not.toContain('Secret');
      expect(response.body).not.toContain(B);
    }
    const mine = (await get(`/v1/money/flows?entity=person/${P2}`, viewerA)).json();
    expect(mine.entity.out).toMatchObject({ count: 2, converted: '40000' });
    const refused = await get(`/v1/money/flows?investigations=${B}`, viewerA);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ path: 'querystring.investigations[0]', message: expect.stringContaining('not an investigation you can see') }]);
  });

  it('sums past 2^53 exactly, as decimal strings', async () => {
    const body = await json(`/v1/money/flows?investigations=${C}`);
    const expected = ((2n ** 53n - 1n) * 2n + 1n).toString();
    expect(expected).toBe('18014398509481983');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ count: 3, totals: [{ currency: 'GBP', amount: expected }], converted: expected });
    expect(body.items[0].payments[0]).toMatchObject({ amount: Number.MAX_SAFE_INTEGER, converted: '9007199254740991' });
  });

  it('traces money forward in date order, hop by hop', async () => {
    const three = await trace(`entity=person/${P1}`);
    expect(three).toMatchObject({ direction: 'forward', hops: 3, ordered: true, total: 2, truncated: false, start: { id: P1, name: `Ana ${t}` } });
    expect(three.chains.map(ids)).toEqual([
      ['PY1', 'PY3', 'PY4'],
      ['PY2', 'PY3', 'PY4'],
    ]);
    expect(three.chains[1].hops[0]).toEqual({
      payment: py(2),
      payer: { key: `person:${P1}`, type: 'person', id: P1, name: `Ana ${t}` },
      payee: { key: `person:${P2}`, type: 'person', id: P2, name: `Ben ${t}` },
      amount: 50000,
      currency: 'EUR',
      converted: '42500',
      date: '2024-02-01',
      split: 1,
    });
    expect((await trace(`entity=person/${P1}&hops=1`)).chains.map(ids)).toEqual([['PY1'], ['PY2']]);
    expect((await trace(`entity=person/${P1}&hops=2`)).chains.map(ids)).toEqual([
      ['PY1', 'PY3'],
      ['PY2', 'PY3'],
    ]);
    // Unordered, PY7 (before PY1) is followed too.
    const loose = await trace(`entity=person/${P1}&ordered=false`);
    expect(loose.chains.map(ids)).toEqual([
      ['PY1', 'PY7', 'PY4'],
      ['PY1', 'PY3', 'PY4'],
      ['PY2', 'PY7', 'PY4'],
      ['PY2', 'PY3', 'PY4'],
    ]);
    const page = await trace(`entity=person/${P1}&ordered=false&limit=2&offset=2`);
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(page.chains.map(ids)).toEqual([
      ['PY2', 'PY7', 'PY4'],
      ['PY2', 'PY3', 'PY4'],
    ]);
    expect((await trace(`entity=person/${P1}&minAmount=50000`)).chains.map(ids)).toEqual([['PY1']]);
  });

  it('stops a chain where it comes back to a party on it (A pays B … pays A)', async () => {
    const body = await trace(`entity=person/${P1}&hops=6`);
    expect(body.chains.map((c: Json) => [ids(c), c.cycle])).toEqual([
      [['PY1', 'PY3', 'PY4', 'PY5'], true],
      [['PY2', 'PY3', 'PY4', 'PY5'], true],
    ]);
    const loose = await trace(`entity=person/${P1}&hops=6&ordered=false`);
    expect(loose.total).toBe(4);
    expect(loose.chains.every((c: Json) => c.cycle && c.hops.at(-1).payee.id === P1)).toBe(true);
  });

  it('traces money backward, each earlier payment on or before the later one', async () => {
    const body = await trace(`entity=person/${P3}&direction=backward`);
    expect(body.chains.map(ids)).toEqual([
      ['PY4', 'PY7'],
      ['PY4', 'PY3', 'PY1'],
      ['PY4', 'PY3', 'PY2'],
    ]);
    expect((await trace(`entity=person/${P3}&direction=backward&hops=1`)).chains.map(ids)).toEqual([['PY4']]);
    expect((await trace(`entity=person/${P1}&direction=backward&hops=2&ordered=false`)).chains.map(ids)).toEqual([['PY5', 'PY4']]);
  });

  it('follows a joint account’s payment to each holder with via=holders', async () => {
    const body = await trace(`entity=person/${P1}&hops=1&via=holders`);
    expect(body.chains.map((c: Json) => `${ids(c)[0]}>${c.hops[0].payee.id.replace(`-${t}`, '')}`)).toEqual(['PY1>P2', 'PY6>P2', 'PY6>P3', 'PY2>P2']);
    expect(body.chains[1].hops[0]).toMatchObject({ amount: 40000, converted: '34000', split: 2, payerAccount: AC1, payeeAccount: AC2 });
  });

  it('refuses bad input with the field and the reason, and an entity not in the scope with 404', async () => {
    const refused = async (url: string, path: string) => {
      const response = await get(url);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().error.details.map((d: Json) => d.path)).toContain(path);
    };
    await refused(`/v1/money/trace?entity=${P1}`, 'querystring.entity');
    await refused(`/v1/money/trace?entity=vessel/${P1}`, 'querystring.entity');
    await refused('/v1/money/trace', 'querystring.entity');
    await refused(`/v1/money/trace?entity=person/${P1}&hops=7`, 'querystring.hops');
    await refused(`/v1/money/trace?entity=person/${P1}&hops=0`, 'querystring.hops');
    await refused(`/v1/money/trace?entity=person/${P1}&from=2024-05-01&to=2024-01-01`, 'querystring.to');
    await refused('/v1/money/flows?from=2024-05-01&to=2024-01-01', 'querystring.to');
    await refused('/v1/money/flows?sort=amount', 'querystring.sort');
    await refused('/v1/money/flows?reportingCurrency=XYZ', 'querystring.reportingCurrency');
    await refused(`/v1/money/flows?entity=account/${AC1}&via=holders`, 'querystring.entity');
    const missing = await get(`/v1/money/trace?entity=person/NOPE-${t}`);
    expect(missing.statusCode).toBe(404);
    expect((await get(`/v1/money/flows?investigations=${C}&entity=person/${P3}`)).statusCode).toBe(404);
  });
});
