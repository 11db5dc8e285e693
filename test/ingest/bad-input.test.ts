import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';

describe('bad input to the ingest routes', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({ INGEST_MAX_JSON_BYTES: '20000', INGEST_MAX_STREAM_BYTES: '20000' }, (a, d) => {
    app = a;
    driver = d;
  });

  const header = (t: string) => ({ investigations: [{ id: `OP-${t}` }], defaults: { source: `REP-${t}`, grading: GRADING } });
  const post = (payload: unknown, query = '') => app.inject({ method: 'POST', url: `/v1/ingest${query}`, payload: payload as object });
  const count = async (t: string) => (await one<{ n: number }>(driver, 'MATCH (n) WHERE $inv IN n.investigations RETURN count(n) AS n', { inv: `OP-${t}` })).n;

  it('rejects each invalid record with its index, field path and reason, and loads the rest', async () => {
    const t = uniqueTag();
    const response = await post({
      ...header(t),
      people: [
        { id: `ok-${t}`, name: 'Valid' },
        { id: `P1-${t}`, name: 42 },
        { id: `P2-${t}`, name: 'X', grading: { sourceEvaluation: 4, intelligenceAssessment: 'F', handlingCode: 'P' } },
        { id: `P3-${t}`, name: 'X', dateOfBirth: '1990-02-30' },
        { id: `P4-${t}`, name: 'X', shoeSize: 44 },
      ],
      payments: [
        { id: `PAY-${t}`, payer: { type: 'person', id: `ok-${t}` }, payee: { type: 'person', id: `ok-${t}` }, amount: -5, currency: 'EUR', date: '2024-01-01', channel: 'cash' },
        {
          id: `PAY2-${t}`,
          payer: { type: 'person', id: `ok-${t}` },
          payee: { type: 'person', id: `ok-${t}` },
          amount: 10.5,
          currency: 'EUR',
          date: '2024-01-01',
          channel: 'pigeon',
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ status: 'partial', received: 7, accepted: 1, rejected: 6 });
    const problems = report.rejections.map((r: { path: string; index: number; kind: string }) => [r.kind, r.index, r.path]);
    expect(problems).toEqual([
      ['person', 1, 'people[1].name'],
      ['person', 2, 'people[2].grading.sourceEvaluation'],
      ['person', 2, 'people[2].grading.intelligenceAssessment'],
      ['person', 3, 'people[3].dateOfBirth'],
      ['person', 4, 'people[4].shoeSize'],
      ['payment', 0, 'payments[0].amount'],
      ['payment', 1, 'payments[1].amount'],
      ['payment', 1, 'payments[1].channel'],
    ]);
    expect(report.rejections.find((r: { path: string }) => r.path === 'people[4].shoeSize').message).toBe('unknown field');
    expect(report.rejections.find((r: { path: string }) => r.path === 'payments[1].amount').message).toMatch(/whole number/);
    expect(await count(t)).toBe(1);
  });

  it('rejects a record without provenance when the document gives no default', async () => {
    const t = uniqueTag();
    const report = (await post({ investigations: [{ id: `OP-${t}` }], people: [{ id: `P-${t}`, name: 'No source' }] })).json();
    expect(report.rejections.map((r: { path: string }) => r.path)).toEqual(['people[0].source', 'people[0].grading']);
    expect(report.status).toBe('rejected');
  });

  it('rejects a record naming an investigation the document does not', async () => {
    const t = uniqueTag();
    const report = (await post({ ...header(t), people: [{ id: `P-${t}`, name: 'X', investigations: ['OTHER'] }] })).json();
    expect(report.rejections[0]).toMatchObject({ path: 'people[0].investigations[0]', message: "OTHER is not one of the document's investigations" });
  });

  it('writes nothing in atomic mode when one record is invalid', async () => {
    const t = uniqueTag();
    const response = await post(
      {
        ...header(t),
        people: [
          { id: `P1-${t}`, name: 'Fine' },
          { id: `P2-${t}`, name: '' },
        ],
      },
      '?atomic=true',
    );
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'people[1].name', message: expect.any(String) }] });
    expect(body.error.message).toMatch(/nothing was written/);
    expect(body.report).toMatchObject({ status: 'rejected', accepted: 0, rejected: 1, received: 2, batches: [] });
    expect(await count(t)).toBe(0);
    const again = await post({ ...header(t), people: [{ id: `P1-${t}`, name: 'Fine' }] }, '?atomic=true');
    expect(again.statusCode).toBe(200);
    expect(await count(t)).toBe(1);
  });

  it('refuses an unknown collection or a bad header with 400 naming the field', async () => {
    const response = await post({ investigations: [{ id: 'OP' }], boats: [] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'body.boats', message: 'unknown field' }]);
    const noInvestigation = await post({ investigations: [], people: [] });
    expect(noInvestigation.json().error.details[0].path).toBe('body.investigations');
    const notArray = await post({ investigations: [{ id: 'OP' }], people: { id: 'P' } });
    expect(notArray.json().error.details[0].path).toBe('body.people');
  });

  it('refuses malformed JSON with 400 naming the line', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      headers: { 'content-type': 'application/json' },
      payload: '{\n  "investigations": [{"id": "OP"}],\n  "people": [{"id": "P1",}]\n}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'MALFORMED_BODY', message: 'invalid JSON at line 3, column 26: unexpected "}"' });
  });

  it('refuses a body over the limit with 413', async () => {
    const t = uniqueTag();
    const people = Array.from({ length: 400 }, (_, i) => ({ id: `P${i}-${t}`, name: 'Somebody with a long enough name' }));
    const response = await post({ ...header(t), people });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const ndjson = [JSON.stringify({ kind: 'header', ...header(t) }), ...people.map((p) => JSON.stringify({ kind: 'person', record: p }))].join('\n');
    const stream = await app.inject({ method: 'POST', url: '/v1/ingest/ndjson', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson });
    expect(stream.statusCode).toBe(413);
    expect(stream.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than the limit of 20000 bytes' });
    expect(await count(t)).toBe(0);
  });
});
