import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';

describe('POST /v1/ingest/ndjson', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({ INGEST_BATCH_SIZE: '7' }, (a, d) => {
    app = a;
    driver = d;
  });

  const lines = (t: string, records: object[]) =>
    [JSON.stringify({ kind: 'header', investigations: [{ id: `OP-${t}` }], defaults: { source: `REP-${t}`, grading: GRADING } }), ...records.map((r) => JSON.stringify(r))].join(
      '\n',
    ) + '\n';
  const post = (body: string, query = '') => app.inject({ method: 'POST', url: `/v1/ingest/ndjson${query}`, headers: { 'content-type': 'application/x-ndjson' }, payload: body });

  it('loads records of every kind in batches, with relations before the entities they name', async () => {
    const t = uniqueTag();
    const people = Array.from({ length: 30 }, (_, i) => ({ kind: 'person', record: { id: `P${i}-${t}`, name: `Person ${i}` } }));
    const links = Array.from({ length: 29 }, (_, i) => ({
      kind: 'link',
      record: { id: `LK${i}-${t}`, type: 'contact', from: `P${i}-${t}`, to: `P${i + 1}-${t}`, count: i + 1 },
    }));
    const response = await post(lines(t, [...links.slice(0, 10), ...people, ...links.slice(10)]));
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ status: 'completed', received: 59, accepted: 59, placeholders: { count: 0 } });
    expect(report.relations.CONTACT.created).toBe(29);
    expect(report.entities.Person.created + report.entities.Person.resolved).toBe(30);
    expect(report.batches.length).toBeGreaterThan(8);
    expect(await one(driver, 'MATCH (p:Person) WHERE $inv IN p.investigations AND p.unresolved RETURN count(p) AS n', { inv: `OP-${t}` })).toEqual({ n: 0 });
    expect(await one(driver, 'MATCH (:Person)-[r:CONTACT]->(:Person) WHERE $inv IN r.investigations RETURN sum(r.count) AS total', { inv: `OP-${t}` })).toEqual({ total: 435 });
  });

  it('reports bad records by line and still loads the good ones', async () => {
    const t = uniqueTag();
    const body = lines(t, [
      { kind: 'person', record: { id: `P1-${t}`, name: 'Fine' } },
      { kind: 'vessel', record: { id: `V-${t}`, kind: 'submarine' }, colour: 'x' },
      { kind: 'boat', record: { id: 'B' } },
      [1, 2],
      { kind: 'vessel', record: { id: `V2-${t}`, kind: 'dinghy' } },
    ]);
    const report = (await post(body)).json();
    expect(report).toMatchObject({ status: 'partial', received: 5, accepted: 2, rejected: 3 });
    expect(report.rejections.map((r: { line: number; kind: string; path: string }) => [r.line, r.kind, r.path])).toEqual([
      [3, 'vessel', 'kind'],
      [3, 'vessel', 'colour'],
      [4, 'boat', 'kind'],
      [5, '', 'kind'],
    ]);
    expect(report.entities.Vessel.created).toBe(1);
  });

  it('refuses a malformed line with 400 naming it, before writing anything', async () => {
    const t = uniqueTag();
    const body = lines(t, [{ kind: 'person', record: { id: `P1-${t}`, name: 'Fine' } }]) + '{"kind": "person", "record": \n';
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'MALFORMED_BODY', message: expect.stringMatching(/^line 3 is not valid JSON/) });
    expect(await one(driver, 'MATCH (p:Person {id: $id}) RETURN count(p) AS n', { id: `P1-${t}` })).toEqual({ n: 0 });
  });

  it('requires the header on line 1', async () => {
    const response = await post('{"kind":"person","record":{"id":"P","name":"X"}}\n');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^line 1 must be the header/);
    const empty = await post('');
    expect(empty.json().error.message).toMatch(/empty/);
    const badHeader = await post('{"kind":"header","investigations":[]}\n');
    expect(badHeader.json().error.message).toMatch(/^line 1: header investigations/);
  });

  it('writes nothing in atomic mode when a line is invalid', async () => {
    const t = uniqueTag();
    const response = await post(
      lines(t, [
        { kind: 'person', record: { id: `P1-${t}`, name: 'Fine' } },
        { kind: 'person', record: { id: `P2-${t}` } },
      ]),
      '?atomic=true',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'line 3: name', message: expect.any(String) }]);
    expect(await one(driver, 'MATCH (p:Person {id: $id}) RETURN count(p) AS n', { id: `P1-${t}` })).toEqual({ n: 0 });
  });
});

describe('readLines', () => {
  it('refuses a line longer than the cap instead of buffering the body', async () => {
    const { readLines, MAX_LINE_CHARS } = await import('../../src/ingest/ndjson.js');
    const { Readable } = await import('node:stream');
    const chunk = 'x'.repeat(1024 * 1024);
    const body = Readable.from(['{"kind":"header"}\n', ...Array.from({ length: MAX_LINE_CHARS / chunk.length + 2 }, () => chunk)]);
    const lines: string[] = [];
    await expect(
      (async () => {
        for await (const line of readLines(body, Number.MAX_SAFE_INTEGER)) lines.push(line);
      })(),
    ).rejects.toThrow(/^line 2 is longer than/);
    expect(lines).toEqual(['{"kind":"header"}']);
  });
});
