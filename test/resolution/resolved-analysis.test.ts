import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { EXPORT_FORMATS, readExports } from '../support/outside-readers.js';

/**
 * Analyses on the resolved network (scope.resolution). Two groups of three people (triangles
 * A1–A2–A3 and C1–C2–C3) and a broker loaded twice: H1 tied to A1 and A2, H2 to C1 and C2, with
 * one name, date of birth and passport. As loaded, H1 and H2 are half-brokers in two separate
 * components; resolved, H is the only bridge. Betweenness in hops (networkx
 * betweenness_centrality, normalized, worked out once and committed here):
 *   as loaded (8 nodes): A1, A2, C1, C2 0.0238095 (1/42); H1, H2, A3, C3 0
 *   resolved (7 nodes): H 0.6; A1, A2, C1, C2 0.1333333 (2/15); A3, C3 0
 * B holds the same eight people (and the same passport) and no decision.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const AS_LOADED = { A1: 1 / 42, A2: 1 / 42, C1: 1 / 42, C2: 1 / 42, A3: 0, C3: 0, H1: 0, H2: 0 };
const RESOLVED = { H1: 0.6, A1: 2 / 15, A2: 2 / 15, C1: 2 / 15, C2: 2 / 15, A3: 0, C3: 0 };

describe('scope.resolution', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const A = `OP-RS-A-${tag}`;
  const B = `OP-RS-B-${tag}`;
  const id = (name: string) => `${name}-${tag}`;
  const short = (key: string) => key.replace(/^person:/, '').replace(`-${tag}`, '');
  const PASSPORT = `PH${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
  const links = [
    ['A1', 'A2'],
    ['A1', 'A3'],
    ['A2', 'A3'],
    ['H1', 'A1'],
    ['H1', 'A2'],
    ['C1', 'C2'],
    ['C1', 'C3'],
    ['C2', 'C3'],
    ['H2', 'C1'],
    ['H2', 'C2'],
  ];
  const network = (investigation: string) => ({
    investigations: [{ id: investigation }],
    defaults: { source: `REP-${tag}`, grading: GRADING },
    people: [
      ...['A1', 'A2', 'A3', 'C1', 'C2', 'C3'].map((p) => ({ id: id(p), name: `${p} person ${tag}` })),
      ...['H1', 'H2'].map((p) => ({ id: id(p), name: `Broker ${tag}`, dateOfBirth: '1979-09-30', documents: [{ kind: 'passport', number: PASSPORT, country: 'IQ' }] })),
    ],
    links: links.map(([from, to]) => ({ id: `LK-${from}-${to}-${tag}`, type: 'communication', from: id(from!), to: id(to!), count: 1 })),
  });
  const preview = async (resolution: string | undefined, investigations = [A], parameters: Json = {}) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/analyses/preview',
      payload: { scope: { investigations, ...(resolution ? { resolution } : {}) }, parameters: { pathWeights: 'hops', engine: 'graphology', ...parameters } },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const betweenness = (body: Json) => Object.fromEntries(body.ranking.map((n: Json) => [short(n.key), n.measures.betweenness]));
  const expectBetweenness = (body: Json, expected: Record<string, number>) => {
    const got = betweenness(body);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expect(got[key], key).toBeCloseTo(value, 9);
  };
  const decide = async (decision: 'accept' | 'reject', reason: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/resolution/decisions',
      payload: { investigation: A, type: 'person', records: [id('H2'), id('H1')], decision, reason },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const undo = async (decision: string) => expect((await app.inject({ method: 'DELETE', url: `/v1/resolution/decisions/${decision}` })).statusCode).toBe(200);

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    for (const investigation of [A, B]) {
      const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: network(investigation) });
      expect(loaded.statusCode, loaded.body).toBe(200);
    }
  });

  it('analyses records as loaded with none, left out, and accepted without decisions', async () => {
    for (const resolution of [undefined, 'none', 'accepted']) {
      const body = await preview(resolution);
      expectBetweenness(body, AS_LOADED);
      expect(body.ranking.every((n: Json) => n.records === undefined)).toBe(true);
    }
  });

  it('merges the broker with auto:0.9: one node named by the least id, the top broker, naming its records and why', async () => {
    const body = await preview('auto:0.9');
    expectBetweenness(body, RESOLVED);
    const broker = body.ranking.find((n: Json) => n.key === `person:${id('H1')}`);
    expect(broker).toMatchObject({ name: `Broker ${tag}`, records: [id('H1'), id('H2')] });
    expect(broker.explanation[0]).toMatch(new RegExp(`^seen as ${id('H1')} and ${id('H2')} \\(.*${PASSPORT}`));
    expect(body.ranking.map((n: Json) => n.key)).not.toContain(`person:${id('H2')}`);
    expect(body.projection.nodes).toBe(7);
    expect(body.scope.resolution).toBe('auto:0.9');
    // Only the broker's records merge: the others are unchanged, each one node.
    expect(body.ranking.filter((n: Json) => n.records).map((n: Json) => n.key)).toEqual([`person:${id('H1')}`]);
  });

  it('takes accepted decisions with accepted (in the decision’s investigation only), lets a rejection block auto, and undoes both', async () => {
    const rejected = await decide('reject', `two brothers ${tag}`);
    expectBetweenness(await preview('auto:0.9'), AS_LOADED);
    await undo(rejected);
    expectBetweenness(await preview('auto:0.9'), RESOLVED);

    const accepted = await decide('accept', `custody photo ${tag}`);
    const body = await preview('accepted');
    expectBetweenness(body, RESOLVED);
    const broker = body.ranking.find((n: Json) => n.key === `person:${id('H1')}`);
    expect(broker.explanation[0]).toMatch(new RegExp(`^seen as ${id('H1')} and ${id('H2')} \\(accepted by .+: custody photo ${tag}\\)$`));
    // A's decision is not B's: over B, accepted merges nothing; over A and B it merges the broker.
    expectBetweenness(await preview('accepted', [B]), AS_LOADED);
    expect((await preview('accepted', [A, B])).ranking.find((n: Json) => n.key === `person:${id('H1')}`).records).toEqual([id('H1'), id('H2')]);
    await undo(accepted);
    expectBetweenness(await preview('accepted'), AS_LOADED);
  });

  it('stores a run’s resolved ranking with its records, and shows a run made before a decision as stale', async () => {
    const run = async (resolution: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/analyses',
        headers: { prefer: 'wait=60' },
        payload: { scope: { investigations: [A], resolution }, parameters: { pathWeights: 'hops', engine: 'graphology', seed: Math.floor(Math.random() * 1e6) } },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().status).toBe('done');
      return response.json().id as string;
    };
    const before = await run('accepted');
    expect((await app.inject({ method: 'GET', url: `/v1/analyses/${before}` })).json().stale).toBe(false);
    const accepted = await decide('accept', `stored ${tag}`);
    expect((await app.inject({ method: 'GET', url: `/v1/analyses/${before}` })).json().stale).toBe(true);
    const after = await run('accepted');
    const stored = (await app.inject({ method: 'GET', url: `/v1/analyses/${after}` })).json();
    expect(stored.scope.resolution).toBe('accepted');
    const page = (await app.inject({ method: 'GET', url: `/v1/analyses/${after}/rankings?limit=100` })).json();
    const broker = page.items.find((n: Json) => n.key === `person:${id('H1')}`);
    expect(broker.records).toEqual([id('H1'), id('H2')]);
    expect(broker.measures.betweenness).toBeCloseTo(0.6, 9);
    expect(broker.rank).toBe(page.items.filter((n: Json) => n.rank !== null).sort((x: Json, y: Json) => y.measures.betweenness - x.measures.betweenness)[0].rank);
    expect(page.items.find((n: Json) => n.key === `person:${id('A1')}`).records).toBeUndefined();
    // Exports name the records too: the JSON graph's node attributes, and GraphML's data.
    const exported = (await app.inject({ method: 'GET', url: `/v1/analyses/${after}/export?format=json` })).json();
    const nodes = Object.fromEntries(exported.graph.nodes.map((n: Json) => [n.key, n.attributes]));
    expect(nodes[`person:${id('H1')}`].records).toBe(`${id('H1')};${id('H2')}`);
    expect(nodes[`person:${id('A1')}`].records).toBeUndefined();
    const graphml = (await app.inject({ method: 'GET', url: `/v1/analyses/${after}/export?format=graphml` })).body;
    expect(graphml).toContain(`attr.name="records"`);
    expect(graphml).toContain(`>${id('H1')};${id('H2')}</data>`);
    // Read back by readers nobody here wrote (networkx for GEXF and GraphML, Python's csv and json):
    // in every format one H, named by both records, tied to A1, A2, C1 and C2; no H2; no other node names records.
    const folder = await mkdtemp(join(tmpdir(), 'sna-resolved-'));
    const body = async (format: string) => (await app.inject({ method: 'GET', url: `/v1/analyses/${after}/export?format=${format}` })).rawPayload;
    await writeFile(join(folder, 'graph.gexf'), await body('gexf'));
    await writeFile(join(folder, 'graph.graphml'), await body('graphml'));
    const zip = unzipSync(new Uint8Array(await body('csv')));
    await writeFile(join(folder, 'nodes.csv'), strFromU8(zip['nodes.csv']!));
    await writeFile(join(folder, 'edges.csv'), strFromU8(zip['edges.csv']!));
    await writeFile(join(folder, 'graph.json'), await body('json'));
    const read = await readExports(folder);
    for (const format of EXPORT_FORMATS) {
      const { nodes } = read[format];
      expect(Object.keys(nodes).map(short).sort(), format).toEqual(['A1', 'A2', 'A3', 'C1', 'C2', 'C3', 'H1']);
      expect(nodes[`person:${id('H1')}`]!.records, format).toBe(`${id('H1')};${id('H2')}`);
      expect(nodes[`person:${id('H1')}`]!.neighbours.map(short).sort(), format).toEqual(['A1', 'A2', 'C1', 'C2']);
      for (const [key, node] of Object.entries(nodes)) if (short(key) !== 'H1') expect(node.records, `${format} ${key}`).toBeNull();
    }
    await rm(folder, { recursive: true, force: true });
    await undo(accepted);
  });

  it('refuses a bad resolution and the GDS engine with one, naming the field', async () => {
    for (const [resolution, path] of [
      ['auto:0', 'body.scope.resolution'],
      ['auto:1.5', 'body.scope.resolution'],
      ['auto:', 'body.scope.resolution'],
      ['merge', 'body.scope.resolution'],
    ]) {
      const response = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope: { investigations: [A], resolution } } });
      expect(response.statusCode, resolution).toBe(400);
      expect(response.json().error.details.map((d: Json) => d.path)).toContain(path);
    }
    const gds = await app.inject({
      method: 'POST',
      url: '/v1/analyses/preview',
      payload: { scope: { investigations: [A], resolution: 'accepted' }, parameters: { engine: 'gds' } },
    });
    expect(gds.statusCode).toBe(400);
    expect(gds.json().error.details.map((d: Json) => d.path)).toContain('body.parameters.engine');
    expect((await preview('auto:1')).ranking).toBeDefined();
  });
});
