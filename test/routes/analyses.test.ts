import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Driver } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { AnalysisRunSchema, CommunityDetailSchema, RankingPageSchema, RunComparisonSchema } from '../../src/schemas/runs.js';
import { useTestApp } from '../support/app.js';
import { one, uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';
import { waitFor } from '../support/wait.js';

/**
 * Analysis runs end to end on a generated 150-person network: a run's stored results are the
 * preview's for the same request (so the HTTP API, the batch CLI and the preview agree),
 * write-back, history, paging and filters, comparison, every export format and erasure. Reuse
 * on unchanged data is in runs-reuse.test.ts, on a database no other test writes to.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('analysis runs', () => {
  let app: FastifyInstance;
  let driver: Driver;
  const tag = uniqueTag();
  const { document } = taggedNetwork(150, 5, tag);
  const investigations = document.investigations.map((i) => i.id);
  const request = { scope: { investigations }, parameters: { seed: 3 } };
  let preview: Json;
  let run: Json;

  const get = (url: string) => app.inject({ method: 'GET', url });
  const submit = (body: object, url = '/v1/analyses?wait=true', headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: body, headers });

  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const previewed = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: request });
    expect(previewed.statusCode, previewed.body).toBe(200);
    preview = previewed.json();
    const response = await submit(request, '/v1/analyses?wait=true', { 'x-requested-by': 'analyst-7' });
    expect(response.statusCode, response.body).toBe(200);
    run = response.json();
    expect(response.headers.location).toBe(`/v1/analyses/${run.id}`);
  });

  it('answers a waited-for run with its status, what it saw and how long each stage took', () => {
    expect(AnalysisRunSchema.safeParse(run).success).toBe(true);
    expect(run).toMatchObject({ status: 'done', progress: 100, reused: false, attempts: 1, error: null, writeBack: true });
    expect(run.requestedBy).toMatch(/^ADMIN_API_KEY \(key:[0-9a-f-]+\) for analyst-7$/);
    // Other test files load data meanwhile (the data version is the database's): not before the preview's.
    expect(run.dataVersion).toBeGreaterThanOrEqual(preview.dataVersion);
    expect(run.parameters).toEqual(preview.parameters);
    expect(run.summary).toMatchObject({ graph: preview.graph, modularity: preview.modularity, communities: preview.communities.length, projection: preview.projection });
    for (const stage of ['queued', 'projection', 'louvain', 'betweennessCloseness', 'storing', 'writeBack']) expect(run.timings[stage], stage).toBeGreaterThanOrEqual(0);
  });

  it('stores the same ranking the preview computes, explanations and all, page by page', async () => {
    const first = await get(`/v1/analyses/${run.id}/rankings?limit=40`);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(RankingPageSchema.safeParse(page).success).toBe(true);
    expect(page.total).toBe(preview.ranking.length);
    expect(page.items).toEqual(preview.ranking.slice(0, 40));
    const later = (await get(`/v1/analyses/${run.id}/rankings?limit=25&offset=60`)).json();
    expect(later.items).toEqual(preview.ranking.slice(60, 85));
    const beyond = (await get(`/v1/analyses/${run.id}/rankings?offset=100000`)).json();
    expect(beyond).toMatchObject({ total: preview.ranking.length, items: [] });
  });

  it('filters the ranking by entity type and by community, keeping the overall ranks', async () => {
    const organisations = (await get(`/v1/analyses/${run.id}/rankings?type=organisation&limit=1000`)).json();
    const expected = preview.ranking.filter((n: Json) => n.type === 'organisation');
    expect(organisations.total).toBe(expected.length);
    expect(organisations.items).toEqual(expected);
    const community = preview.communities[0].id;
    const members = (await get(`/v1/analyses/${run.id}/rankings?community=${community}&limit=1000`)).json();
    expect(members.items).toEqual(preview.ranking.filter((n: Json) => n.community === community));
  });

  it('serves the communities, and one with its members, internal ties and brokers', async () => {
    const page = (await get(`/v1/analyses/${run.id}/communities?limit=1000`)).json();
    expect(page.total).toBe(preview.communities.length);
    expect(page.items).toEqual(preview.communities);
    const largest = preview.communities[0];
    const response = await get(`/v1/analyses/${run.id}/communities/${largest.id}?limit=5`);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(CommunityDetailSchema.safeParse(detail).success).toBe(true);
    expect(detail.community).toEqual(largest);
    expect(detail.members.total).toBe(largest.size);
    expect(detail.members.items).toEqual(preview.ranking.filter((n: Json) => n.community === largest.id).slice(0, 5));
    expect(detail.internalTies.total).toBe(largest.internalTies);
    expect(detail.brokers).toEqual(largest.bridges);
    const strengths = detail.internalTies.strongest.map((t: Json) => t.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    const memberKeys = new Set(preview.ranking.filter((n: Json) => n.community === largest.id).map((n: Json) => n.key));
    for (const tie of detail.internalTies.strongest) expect(memberKeys.has(tie.source) && memberKeys.has(tie.target)).toBe(true);
  });

  it('serves one entity’s result, and 404 for one the run did not analyse', async () => {
    const top = preview.ranking[0];
    const response = await get(`/v1/analyses/${run.id}/entities/${top.type}/${encodeURIComponent(top.id)}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().result).toEqual(top);
    const missing = await get(`/v1/analyses/${run.id}/entities/person/nobody-${tag}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('writes the latest scores back onto the entities', async () => {
    for (const node of preview.ranking.slice(0, 3)) {
      const stored = await one<Json>(
        driver,
        'MATCH (p:Person {id: $id}) RETURN p.harmScore AS harmScore, p.harmRank AS harmRank, p.communityId AS communityId, p.lastAnalysis AS lastAnalysis',
        { id: node.id },
      );
      expect(stored).toEqual({ harmScore: node.harmScore, harmRank: node.rank, communityId: node.community, lastAnalysis: run.id });
    }
  });

  it('answers 202 at once without a wait, and follows Prefer: wait', async () => {
    const queued = await submit({ ...request, force: true }, '/v1/analyses');
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ reused: false, progress: 0, startedAt: null });
    expect(['queued', 'running']).toContain(queued.json().status);
    const waited = await submit({ ...request, force: true }, '/v1/analyses', { prefer: 'wait=60' });
    expect(waited.statusCode).toBe(200);
    expect(waited.headers['preference-applied']).toBe('wait=60');
    expect(waited.json().status).toBe('done');
    await waitFor(async () => (await get(`/v1/analyses/${queued.json().id}`)).json().status === 'done', 60_000);
  });

  it('lists the history newest first, filtered by investigation and status', async () => {
    const response = await get(`/v1/analyses?investigation=${investigations[0]}&status=done`);
    expect(response.statusCode, response.body).toBe(200);
    const history = response.json();
    expect(history.total).toBeGreaterThanOrEqual(2);
    expect(history.items.every((r: Json) => r.status === 'done' && (r.scope.investigations as string[]).includes(investigations[0]!))).toBe(true);
    const created = history.items.map((r: Json) => r.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('serves the newest finished run of a scope as the latest ranking', async () => {
    const newest = (await get(`/v1/analyses?investigation=${investigations[0]}&status=done&limit=1`)).json().items[0];
    const query = investigations.map((i) => `investigation=${i}`).join('&');
    const response = await get(`/v1/rankings/latest?${query}&limit=3`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().run.id).toBe(newest.id);
    expect(response.json().items).toEqual(preview.ranking.slice(0, 3));
    const none = await get(`/v1/rankings/latest?investigation=NOTHING-${tag}`);
    expect(none.statusCode).toBe(404);
  });

  it('exports the analysed graph as GEXF, GraphML, CSV and JSON that read back whole', async () => {
    const top = preview.ranking[0];
    const gexf = await get(`/v1/analyses/${run.id}/export?format=gexf`);
    expect(gexf.statusCode).toBe(200);
    expect(gexf.headers['content-disposition']).toBe(`attachment; filename="analysis-${run.id}.gexf"`);
    const fromGexf = parseGexf(UndirectedGraph, gexf.body);
    expect([fromGexf.order, fromGexf.size]).toEqual([preview.graph.nodes, preview.graph.ties]);
    expect(fromGexf.getNodeAttribute(top.key, 'harmScore')).toBeCloseTo(top.harmScore, 9);

    const fromGraphml = parseGraphml(UndirectedGraph, (await get(`/v1/analyses/${run.id}/export?format=graphml`)).body);
    expect([fromGraphml.order, fromGraphml.size]).toEqual([preview.graph.nodes, preview.graph.ties]);
    expect(fromGraphml.getNodeAttribute(top.key, 'rank')).toBe(1);

    const zip = await get(`/v1/analyses/${run.id}/export?format=csv`);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    const nodes = parseCsv(strFromU8(files['nodes.csv']!), { columns: true }) as Json[];
    const edges = parseCsv(strFromU8(files['edges.csv']!), { columns: true }) as Json[];
    expect([nodes.length, edges.length]).toEqual([preview.graph.nodes, preview.graph.ties]);
    expect(nodes.find((n) => n.key === top.key)).toMatchObject({ rank: '1', community: top.community });

    const json = (await get(`/v1/analyses/${run.id}/export?format=json`)).json();
    const fromJson = UndirectedGraph.from(json.graph);
    expect([fromJson.order, fromJson.size]).toEqual([preview.graph.nodes, preview.graph.ties]);
    expect(json.run.id).toBe(run.id);
  });

  it('compares a run with itself as unchanged, and notices new data in a later run', async () => {
    const self = (await get(`/v1/analyses/${run.id}/compare/${run.id}?top=10`)).json();
    expect(RunComparisonSchema.safeParse(self).success).toBe(true);
    expect(self).toMatchObject({ entered: [], left: [], moves: [], entities: { added: 0, removed: 0, kept: preview.graph.nodes } });
    expect(self.communities.continued).toHaveLength(preview.communities.length);

    // A new organiser tied to the three most harmful people by crossings and payments.
    const boss = `BOSS-${tag}`;
    const top3 = preview.ranking.slice(0, 3).map((n: Json) => n.id);
    const loaded = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: investigations[0] }],
        defaults: { source: `REP-${tag}`, grading: { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'P' } },
        people: [{ id: boss, name: `Boss ${tag}` }],
        payments: top3.map((payer: string, i: number) => ({
          id: `PAY-BOSS-${i}-${tag}`,
          payer: { type: 'person', id: payer },
          payee: { type: 'person', id: boss },
          amount: 250_000,
          currency: 'GBP',
          date: '2024-06-01',
        })),
      },
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect((await get(`/v1/analyses/${run.id}`)).json().stale).toBe(true);
    const later = (await submit({ ...request, communitiesFrom: run.id })).json();
    expect(later).toMatchObject({ status: 'done', reused: false, communitiesFrom: run.id });
    const diff = (await get(`/v1/analyses/${run.id}/compare/${later.id}?top=10`)).json();
    expect(diff.entities).toEqual({ added: 1, removed: 0, kept: preview.graph.nodes });
    const bossKey = `person:${boss}`;
    const bossRank = (await get(`/v1/analyses/${later.id}/entities/person/${boss}`)).json().result.rank;
    expect(diff.entered.some((e: Json) => e.key === bossKey)).toBe(bossRank <= 10);
    // Community ids carried over from the first run: most communities continue under their own id.
    const same = diff.communities.continued.filter((c: Json) => c.from === c.to).length;
    expect(same).toBeGreaterThan(0);
  });

  describe('bad requests', () => {
    it('refuses an id that is not a run id, and 404s one that is not stored', async () => {
      const bad = await get('/v1/analyses/not-a-uuid');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('params.id');
      const missing = await get('/v1/analyses/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
    });

    it('names the field of an invalid request and stores nothing', async () => {
      const before = (await get('/v1/analyses?limit=1')).json().total;
      const response = await submit({ scope: { investigations: [] }, parameters: { seed: -1 }, surprise: 1 }, '/v1/analyses');
      expect(response.statusCode).toBe(400);
      const paths = response.json().error.details.map((d: Json) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['body.scope.investigations', 'body.parameters.seed']));
      const unknownRun = await submit({ ...request, communitiesFrom: '00000000-0000-4000-8000-000000000000' }, '/v1/analyses');
      expect(unknownRun.statusCode).toBe(400);
      expect(unknownRun.json().error.details).toEqual([{ path: 'body.communitiesFrom', message: 'no such run' }]);
      expect((await get('/v1/analyses?limit=1')).json().total).toBe(before);
    });

    it('refuses to cancel a finished run, and bad result queries', async () => {
      const cancel = await app.inject({ method: 'DELETE', url: `/v1/analyses/${run.id}` });
      expect(cancel.statusCode).toBe(409);
      expect(cancel.json().error.code).toBe('CONFLICT');
      const limit = await get(`/v1/analyses/${run.id}/rankings?limit=0`);
      expect(limit.statusCode).toBe(400);
      expect(limit.json().error.details[0].path).toBe('querystring.limit');
      const format = await get(`/v1/analyses/${run.id}/export?format=pdf`);
      expect(format.statusCode).toBe(400);
      expect(format.json().error.details[0].path).toBe('querystring.format');
      const community = await get(`/v1/analyses/${run.id}/communities/NOPE`);
      expect(community.statusCode).toBe(404);
    });
  });

  it('purges an ended run with its results', async () => {
    const extra = (await submit({ ...request, force: true, writeBack: false })).json();
    expect(extra.status).toBe('done');
    const purged = await app.inject({ method: 'DELETE', url: `/v1/analyses/${extra.id}?purge=true` });
    expect(purged.statusCode).toBe(204);
    expect((await get(`/v1/analyses/${extra.id}`)).statusCode).toBe(404);
    const left = await one<{ n: number }>(driver, 'MATCH (x) WHERE (x:AnalysisResult OR x:AnalysisCommunity OR x:AnalysisArtefact) AND x.runId = $id RETURN count(x) AS n', {
      id: extra.id,
    });
    expect(left.n).toBe(0);
    expect((await app.inject({ method: 'DELETE', url: `/v1/analyses/${extra.id}?purge=true` })).statusCode).toBe(404);
  });

  it('erases an entity’s results in every run when the entity is erased', async () => {
    const victim = preview.ranking[5];
    const erased = await app.inject({ method: 'DELETE', url: `/v1/entities/${victim.type}/${encodeURIComponent(victim.id)}` });
    expect(erased.statusCode, erased.body).toBe(200);
    expect((await get(`/v1/analyses/${run.id}/entities/${victim.type}/${encodeURIComponent(victim.id)}`)).statusCode).toBe(404);
    const left = await one<{ n: number }>(driver, 'MATCH (x:AnalysisResult {key: $key}) RETURN count(x) AS n', { key: victim.key });
    expect(left.n).toBe(0);
    expect((await get(`/v1/analyses/${run.id}/rankings?limit=1`)).json().total).toBe(preview.ranking.length - 1);
  });
});
