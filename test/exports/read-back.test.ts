import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TieArtefact } from '../../src/repositories/run-results-repository.js';
import { unpackTies } from '../../src/runs/result-rows.js';
import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';
import { EXPORT_FORMATS as FORMATS, readExports, type ReadGraph } from '../support/outside-readers.js';

/**
 * Every export format of a stored run, read back by readers nobody here wrote (networkx for GEXF
 * and GraphML, Python's csv and json modules for the rest: test/support/read_exports.py), and
 * held against the run itself: each node's degree and neighbours against the run's measures and
 * its stored ties (mapped from node index to entity in the test, by a query of its own), each
 * community's internal tie count against the community report. Export rows once came back in
 * arbitrary order while the packed ties refer to node indices, so the files tied the wrong
 * people together while every count still matched.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('exports read back by outside readers', () => {
  let app: FastifyInstance;
  let driver: Driver;
  const tag = uniqueTag();
  const { document } = taggedNetwork(200, 17, tag);
  const folder = mkdtempSync(join(tmpdir(), 'exports-'));
  let runId: string;
  let read: Record<(typeof FORMATS)[number], ReadGraph>;
  let ranking: Json[];
  let communities: Json[];
  /** The run's stored ties as sorted neighbour lists per entity key. */
  const stored = new Map<string, Set<string>>();
  let storedTies = 0;

  useTestApp({}, (a, d) => ((app = a), (driver = d)));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object })).statusCode).toBe(200);
    const made = await app.inject({
      method: 'POST',
      url: '/v1/analyses?wait=true',
      payload: { scope: { investigations: document.investigations.map((i) => i.id) }, parameters: { seed: 5 } },
    });
    expect(made.statusCode, made.body).toBe(200);
    runId = made.json().id;

    const page = (url: string) => get(url).then((r) => (expect(r.statusCode, r.body).toBe(200), r.json()));
    ranking = (await page(`/v1/analyses/${runId}/rankings?limit=1000`)).items;
    communities = (await page(`/v1/analyses/${runId}/communities?limit=1000`)).items;

    writeFileSync(join(folder, 'graph.gexf'), (await get(`/v1/analyses/${runId}/export?format=gexf`)).body);
    writeFileSync(join(folder, 'graph.graphml'), (await get(`/v1/analyses/${runId}/export?format=graphml`)).body);
    const zip = unzipSync(new Uint8Array((await get(`/v1/analyses/${runId}/export?format=csv`)).rawPayload));
    writeFileSync(join(folder, 'nodes.csv'), strFromU8(zip['nodes.csv']!));
    writeFileSync(join(folder, 'edges.csv'), strFromU8(zip['edges.csv']!));
    writeFileSync(join(folder, 'graph.json'), (await get(`/v1/analyses/${runId}/export?format=json`)).body);
    read = await readExports(folder);

    // The stored ties, mapped to entities here: each result row's index is the node number its ties use.
    const { records } = await driver.executeQuery('MATCH (x:AnalysisResult {runId: $runId}) RETURN x.index AS index, x.key AS key', { runId });
    const keyOf = new Map(records.map((r) => [Number(r.get('index')), r.get('key') as string]));
    const parts = await driver.executeQuery('MATCH (a:AnalysisArtefact {runId: $runId}) RETURN a', { runId });
    const ties = unpackTies(
      parts.records.map((r) => {
        const p = r.get('a').properties;
        return { ...p, part: Number(p.part), ties: Number(p.ties) } as TieArtefact;
      }),
    );
    storedTies = ties.source.length;
    for (const key of keyOf.values()) stored.set(key, new Set());
    for (let t = 0; t < ties.source.length; t++) {
      const [a, b] = [keyOf.get(ties.source[t]!)!, keyOf.get(ties.target[t]!)!];
      if (a === b) continue;
      stored.get(a)!.add(b);
      stored.get(b)!.add(a);
    }
  });

  it('reads every format whole: each node and tie of the run, no more', () => {
    expect(stored.size).toBe(ranking.length);
    for (const format of FORMATS) {
      expect(Object.keys(read[format].nodes).sort(), format).toEqual([...stored.keys()].sort());
      expect(read[format].ties, format).toBe(storedTies);
    }
  });

  it("gives every node the run's degree and the neighbours of its stored ties", () => {
    const degree = new Map(ranking.map((n) => [n.key as string, n.measures.degree as number]));
    for (const format of FORMATS) {
      const wrong: string[] = [];
      for (const [key, node] of Object.entries(read[format].nodes)) {
        const expected = [...stored.get(key)!].sort();
        if (node.neighbours.length !== degree.get(key) || node.degree !== degree.get(key) || node.neighbours.join('|') !== expected.join('|')) wrong.push(key);
      }
      expect(wrong, `${format}: nodes whose ties differ from the run's`).toEqual([]);
    }
  });

  it("counts each community's internal ties as the community report does", () => {
    expect(communities.length).toBeGreaterThan(1);
    for (const format of FORMATS) {
      const { nodes } = read[format];
      const internal = new Map<string, number>();
      for (const [key, node] of Object.entries(nodes)) {
        for (const other of node.neighbours) if (key < other && nodes[other]!.community === node.community) internal.set(node.community, (internal.get(node.community) ?? 0) + 1);
        if (node.selfTie) internal.set(node.community, (internal.get(node.community) ?? 0) + 1);
      }
      for (const community of communities) expect(internal.get(community.id) ?? 0, `${format} ${community.id}`).toBe(community.internalTies);
    }
  });
});
