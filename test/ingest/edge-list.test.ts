import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';

import { edgeListId } from '../../src/ingest/edge-list.js';
import { useTestApp } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';
import { readEdgeListWithNetworkx } from '../support/outside-readers.js';

/**
 * POST /v1/ingest/csv/links against the real Neo4j. The six-row file below names three ties
 * when read undirected (worked out by hand, and by networkx reading the same file):
 *   communication A–B  rows 2, 3 (reversed), 4 (repeated): weight 2.5 + 1 + 0.5 = 4, count 3,
 *                      seen 2024-02-20 … 2024-03-05
 *   associate A–C      row 5, no type, no weight: weight 1, count 1, seen 2024-01-10
 *   associate C–D      rows 6 (no date), 7 (reversed, type in capitals): weight 4 + 3 = 7, count 2,
 *                      seen 2024-04-02
 */

type Tie = { type: string; from: string; to: string; id: string; count: number; weight: number; firstSeen: string | null; lastSeen: string | null };

describe('POST /v1/ingest/csv/links', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({}, (a, d) => {
    app = a;
    driver = d;
  });
  const folder = mkdtemp(join(tmpdir(), 'sna-edge-list-'));
  afterAll(async () => rm(await folder, { recursive: true, force: true }));

  const post = (csv: string, query: string) => app.inject({ method: 'POST', url: `/v1/ingest/csv/links?${query}`, headers: { 'content-type': 'text/csv' }, payload: csv });
  const ties = async (investigation: string) =>
    (
      await one<{ ties: Tie[] }>(
        driver,
        `MATCH (a:Person)-[r]->(b:Person) WHERE r.investigation = $investigation
         WITH r, a, b ORDER BY type(r), a.id, b.id
         RETURN collect({type: toLower(type(r)), from: a.id, to: b.id, id: r.id, count: r.count, weight: r.weight,
                         firstSeen: toString(r.firstSeen), lastSeen: toString(r.lastSeen)}) AS ties`,
        { investigation },
      )
    ).ties;

  const sixRows = (t: string) =>
    [
      'Source,Target,Weight,Type,Date',
      `A-${t},B-${t},2.5,communication,2024-03-01`,
      `B-${t},A-${t},1,communication,2024-03-05`,
      `A-${t},B-${t},0.5,communication,2024-02-20`,
      `A-${t},C-${t},,,2024-01-10`,
      `C-${t},D-${t},4,associate,`,
      `D-${t},C-${t},3,ASSOCIATE,2024-04-02`,
    ].join('\n');

  it('merges reverse and repeated rows into one tie each when undirected, and a reload changes nothing', async () => {
    const t = uniqueTag();
    const people = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: [
          { id: `A-${t}`, name: 'A' },
          { id: `B-${t}`, name: 'B' },
        ],
      },
    });
    expect(people.statusCode).toBe(200);
    const query = `investigations=OP-${t}&source=EL-${t}&grading=2BP&undirected=true`;
    const response = await post(sixRows(t), query);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({
      status: 'completed',
      atomic: true,
      received: 3,
      accepted: 3,
      rejected: 0,
      relations: { COMMUNICATION: { created: 1 }, ASSOCIATE: { created: 2 } },
      rows: { read: 6, ties: 3, merged: 3, reversed: 2 },
    });
    // C and D were never loaded: placeholders, as for any link.
    expect(report.placeholders.count).toBe(2);
    expect(report.placeholders.items.map((p: { id: string }) => p.id).sort()).toEqual([`C-${t}`, `D-${t}`]);

    expect(await ties(`OP-${t}`)).toEqual([
      {
        type: 'associate',
        from: `A-${t}`,
        to: `C-${t}`,
        id: edgeListId('associate', `A-${t}`, `C-${t}`, true),
        count: 1,
        weight: 1,
        firstSeen: '2024-01-10',
        lastSeen: '2024-01-10',
      },
      {
        type: 'associate',
        from: `C-${t}`,
        to: `D-${t}`,
        id: edgeListId('associate', `C-${t}`, `D-${t}`, true),
        count: 2,
        weight: 7,
        firstSeen: '2024-04-02',
        lastSeen: '2024-04-02',
      },
      {
        type: 'communication',
        from: `A-${t}`,
        to: `B-${t}`,
        id: edgeListId('communication', `A-${t}`, `B-${t}`, true),
        count: 3,
        weight: 4,
        firstSeen: '2024-02-20',
        lastSeen: '2024-03-05',
      },
    ]);
    expect(edgeListId('associate', `D-${t}`, `C-${t}`, true)).toBe(edgeListId('associate', `C-${t}`, `D-${t}`, true));
    expect((await ties(`OP-${t}`)).every((tie) => /^EL-[0-9a-f]{20}$/.test(tie.id))).toBe(true);
    expect(await one(driver, 'MATCH (p:Person {id: $id, investigation: $i}) RETURN p.unresolved AS unresolved', { id: `C-${t}`, i: `OP-${t}` })).toEqual({ unresolved: true });

    const again = (await post(sixRows(t), query)).json();
    expect(again).toMatchObject({
      status: 'completed',
      relations: { COMMUNICATION: { created: 0, updated: 0, unchanged: 1 }, ASSOCIATE: { created: 0, updated: 0, unchanged: 2 } },
    });
    expect(again.dataVersion).toBeUndefined();
    expect((await ties(`OP-${t}`)).length).toBe(3);
  });

  it('keeps the direction by default: A,B and B,A are two ties, each its rows merged', async () => {
    const t = uniqueTag();
    const report = (await post(sixRows(t).replace('Source,Target', 'from,TO'), `investigations=OP-${t}&source=EL-${t}&grading=2BP&type=contact`)).json();
    expect(report).toMatchObject({ status: 'completed', accepted: 5, rows: { read: 6, ties: 5, merged: 1, reversed: 0 } });
    const stored = (await ties(`OP-${t}`)).map(({ type, from, to, count, weight }) => [type, from, to, count, weight]);
    expect(stored).toEqual([
      ['associate', `C-${t}`, `D-${t}`, 1, 4],
      ['associate', `D-${t}`, `C-${t}`, 1, 3],
      ['communication', `A-${t}`, `B-${t}`, 2, 3],
      ['communication', `B-${t}`, `A-${t}`, 1, 1],
      // the row with no type takes the query's type
      ['contact', `A-${t}`, `C-${t}`, 1, 1],
    ]);
  });

  it('keeps the largest weight with merge=max, for exports listing every tie both ways', async () => {
    const t = uniqueTag();
    const csv = `source,target,weight\nA-${t},B-${t},3\nB-${t},A-${t},3\nA-${t},B-${t},2\n`;
    const report = (await post(csv, `investigations=OP-${t}&source=EL-${t}&grading=2BP&undirected=true&merge=max`)).json();
    expect(report.rows).toEqual({ read: 3, ties: 1, merged: 2, reversed: 1 });
    expect((await ties(`OP-${t}`)).map(({ count, weight }) => [count, weight])).toEqual([[3, 3]]);
  });

  it('stores the ties and weights networkx reads from the same file', async () => {
    for (const undirected of [true, false]) {
      for (const merge of ['sum', 'max'] as const) {
        const t = uniqueTag();
        const file = join(await folder, `edges-${t}.csv`);
        await writeFile(file, sixRows(t));
        const response = await post(sixRows(t), `investigations=OP-${t}&source=EL-${t}&grading=2BP&undirected=${undirected}&merge=${merge}`);
        expect(response.statusCode).toBe(200);
        const read = await readEdgeListWithNetworkx(file, { type: 'associate', undirected, merge });
        const stored = (await ties(`OP-${t}`)).map(({ type, from, to, weight, count }) => [type, from, to, weight, count]).sort();
        expect(stored, `undirected=${undirected} merge=${merge}`).toEqual(read);
        expect(read.length).toBe(undirected ? 3 : 5);
      }
    }
  });

  it('refuses bad rows with 400 naming each line and column, and writes nothing', async () => {
    const t = uniqueTag();
    const csv = [
      'source,Target,WEIGHT,type,date',
      `A-${t},B-${t},2,contact,2024-01-01`,
      `A-${t},A-${t},1,contact,`,
      `,B-${t},1,,`,
      `A-${t},C-${t},0,,`,
      `A-${t},C-${t},"2,5",,`,
      `A-${t},C-${t},-1,,`,
      `A-${t},C-${t},abc,friend,2024-13-01`,
      `A-${t},C-${t},1,Undirected,`,
    ].join('\n');
    const response = await post(csv, `investigations=OP-${t}&source=EL-${t}&grading=2BP`);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe('atomic load refused: 7 of 8 records are invalid; nothing was written');
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'line 3: Target',
      'line 4: source',
      'line 5: WEIGHT',
      'line 6: WEIGHT',
      'line 7: WEIGHT',
      'line 8: WEIGHT',
      'line 8: type',
      'line 8: date',
      'line 9: type',
    ]);
    expect(body.error.details[0].message).toMatch(/to themselves/);
    expect(body.error.details[3].message).toMatch(/not a comma/);
    expect(body.error.details[8].message).toMatch(/edge direction/);
    expect(body.report).toMatchObject({ status: 'rejected', received: 8, accepted: 0, rejected: 7, committedBatches: 0 });
    expect(await one(driver, 'MATCH (n) WHERE n.investigation = $i OR n.id = $i RETURN count(n) AS n', { i: `OP-${t}` })).toEqual({ n: 0 });
    expect(await one(driver, 'MATCH ()-[r]->() WHERE r.investigation = $i RETURN count(r) AS n', { i: `OP-${t}` })).toEqual({ n: 0 });
  });

  it('refuses a header without source or target, an unknown column, and a missing grading, naming them', async () => {
    const t = uniqueTag();
    const query = `investigations=OP-${t}&source=EL-${t}&grading=2BP`;
    const noTarget = await post(`source,weight\nA,1\n`, query);
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error.message).toBe('line 1: the header row must name the target column');
    const unknown = await post(`Source,Target,Label\nA,B,x\n`, query);
    expect(unknown.json().error.message).toMatch(/^line 1: unknown column Label for an edge list/);
    const twice = await post(`source,from,target\nA,B,C\n`, query);
    expect(twice.json().error.message).toBe('line 1: columns source and from both give the source');
    const ungraded = await post(`source,target\nA,B\n`, `investigations=OP-${t}&source=EL-${t}`);
    expect(ungraded.statusCode).toBe(400);
    expect(JSON.stringify(ungraded.json().error.details)).toContain('grading');
    const badType = await post(`source,target\nA,B\n`, `${query}&type=friend`);
    expect(badType.statusCode).toBe(400);
    expect(await one(driver, 'MATCH (n {investigation: $i}) RETURN count(n) AS n', { i: `OP-${t}` })).toEqual({ n: 0 });
  });

  it('makes the heavier tie the stronger one in an analysis', async () => {
    const t = uniqueTag();
    // Graded 2B (0.68). B: communication, weight 10 → 0.75 × 0.68 × (1 + ln 10); C: associate,
    // weight 1 → 0.5 × 0.68; D: associate, weight 0.25 → 0.5 × 0.68 × 0.25; A: the three summed.
    const csv = `source,target,weight,type\nA-${t},B-${t},10,communication\nA-${t},C-${t},1,\nA-${t},D-${t},0.25,\n`;
    expect((await post(csv, `investigations=OP-${t}&source=EL-${t}&grading=2BP`)).statusCode).toBe(200);
    // The service's engine weighs the ties in Node.js, GDS's in Cypher (gds/people-ties.cypher): both alike.
    for (const engine of ['graphology', 'gds']) {
      const preview = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope: { investigations: [`OP-${t}`] }, parameters: { engine } } });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().engine.used).toBe(engine);
      const strength = (name: string) =>
        (preview.json().ranking as { key: string; measures: { strength: number } }[]).find((n) => n.key === `person:${name}-${t}`)!.measures.strength;
      const b = 0.75 * 0.68 * (1 + Math.log(10));
      expect(strength('B'), engine).toBeCloseTo(b, 9);
      expect(strength('C'), engine).toBeCloseTo(0.34, 9);
      expect(strength('D'), engine).toBeCloseTo(0.085, 9);
      expect(strength('A'), engine).toBeCloseTo(b + 0.34 + 0.085, 9);
    }
  });
});
