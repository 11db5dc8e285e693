import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { openDirect } from '../../src/cli/direct.js';
import type { RankingReport } from '../../src/cli/rank-output.js';
import { stderrLog } from '../../src/cli/stderr-log.js';
import { TEST_ADMIN_KEY, testConfig, useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';
import { freePort } from '../support/ports.js';
import { runCli } from './run-cli.js';

/**
 * The ranking CLI end to end, as a child process on the test database: a generated network is
 * ingested through the API, ranked by the CLI, and its output compared with what the API serves
 * for the same run.
 */

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('rank CLI, end to end', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const { document } = taggedNetwork(150, 5, tag);
  const investigation = document.investigations[0]!.id;
  const unknown = `OP-NONE-${tag}`;
  /** An investigation that exists and holds nothing. */
  const empty = `OP-EMPTY-${tag}`;
  const env = { NEO4J_URI: inject('neo4jUri'), NEO4J_USER: process.env.NEO4J_USER, NEO4J_PASSWORD: process.env.NEO4J_PASSWORD };
  let dir: string;

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    // An investigation with a place and nobody in it: there, but nothing to rank.
    const opened = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: empty }],
        defaults: { source: `REP-${tag}`, grading: GRADING },
        locations: [{ id: `BEACH-${tag}`, name: 'Beach', kind: 'beach' }],
      } as object,
    });
    expect(opened.json().accepted, opened.body).toBe(1);
    dir = await mkdtemp(join(tmpdir(), 'sna-rank-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const rankingOf = async (runId: string, top: number) => {
    const response = await app.inject({ method: 'GET', url: `/v1/analyses/${runId}/rankings?limit=${top}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { run: Record<string, unknown>; total: number; items: RankingReport['items'] };
  };

  it('ranks an investigation directly on Neo4j: its top N as JSON, the same as the API serves for that run, in the history', async () => {
    const result = await runCli(['--investigation', investigation, '--top', '5', '--format', 'json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const reports = JSON.parse(result.stdout) as RankingReport[];
    expect(reports).toHaveLength(1);
    const [report] = reports as [RankingReport];
    expect(report.investigation).toBe(investigation);
    expect(report.run.status).toBe('done');
    expect(report.items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(report.items.every((item) => item.id.endsWith(`~${tag}`))).toBe(true);

    const served = await rankingOf(report.run.id, 5);
    expect(report.items).toEqual(served.items);
    expect(report.total).toBe(served.total);
    expect(report.run).toEqual({ id: served.run.id, status: served.run.status, dataVersion: served.run.dataVersion, finishedAt: served.run.finishedAt });

    const history = await app.inject({ method: 'GET', url: `/v1/analyses?investigation=${encodeURIComponent(investigation)}` });
    const run = (history.json().items as { id: string; requestedBy: string; writeBack: boolean; scope: { investigations: string[] } }[]).find((r) => r.id === report.run.id);
    expect(run).toMatchObject({ requestedBy: expect.stringMatching(/^cli:./), writeBack: false, scope: { investigations: [investigation] } });
    // What it disclosed is in the audit trail, under the operator's name.
    const audit = await app.inject({ method: 'GET', url: `/v1/audit?investigation=${encodeURIComponent(investigation)}&limit=50` });
    expect(audit.json().items.find((r: { route: string; parameters: string }) => r.route === 'npm run rank' && JSON.parse(r.parameters).runId === run!.id)).toMatchObject({
      principal: run!.requestedBy,
      method: 'CLI',
    });
  });

  it('writes CSV that parses back to the ranking of the run it names', async () => {
    const result = await runCli(['--investigation', investigation, '--top', '4', '--format', 'csv'], env);
    expect(result.code, result.stderr).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((row) => row.runId)).size).toBe(1);
    const served = await rankingOf(rows[0]!.runId!, 4);
    expect(rows).toEqual(
      served.items.map((item) => ({
        investigation,
        runId: rows[0]!.runId,
        rank: String(item.rank),
        type: item.type,
        id: item.id,
        name: item.name ?? '',
        harmScore: String(item.harmScore),
        community: item.community,
        explanation: item.explanation.join(' '),
      })),
    );
  });

  it('asks for rank confidence with --confidence and --dropout: CSV with the interval columns, equal to the stored run’s confidence', async () => {
    const result = await runCli(['--investigation', investigation, '--top', '3', '--format', 'csv', '--confidence', '20', '--dropout', '0.2'], env);
    expect(result.code, result.stderr).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const runId = rows[0]!.runId!;
    const run = (await app.inject({ method: 'GET', url: `/v1/analyses/${runId}` })).json();
    expect(run.parameters.confidence).toMatchObject({ draws: 20, dropout: 0.2, grading: true });
    const served = await rankingOf(runId, 3);
    expect(rows.map((row) => [row.id, row.medianRank, row.rankLow, row.rankHigh, row.inTopK])).toEqual(
      served.items.map((item) => {
        const c = item.confidence!;
        return [item.id, String(c.medianRank), String(c.rankInterval.low), String(c.rankInterval.high), String(c.inTopK)];
      }),
    );
  });

  it('writes the table to --out, whole, leaving nothing else beside it, and nothing on stdout', async () => {
    const out = join(dir, 'ranking.txt');
    const result = await runCli(['--investigation', investigation, '--top', '3', '--out', out], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^INVESTIGATION +RANK +TYPE +ID +NAME +HARM +COMMUNITY +EXPLANATION$/);
    expect(lines[1]).toMatch(new RegExp(`^${escaped(investigation)} +1 +person `));
    expect(await readdir(dir)).toEqual(['ranking.txt']);
  });

  it('refuses an investigation that does not exist, naming it, before ranking any (exit 4); an empty one gets an empty ranking and a warning', async () => {
    const result = await runCli(['--investigation', investigation, '--investigation', unknown, '--format', 'json'], env);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(`rank: no investigation ${unknown} in the database: nothing was ranked\n`);
    expect(result.stdout).toBe('');
    const none = await runCli(['--investigation', empty, '--format', 'json'], env);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stderr).toBe(`rank: warning: ${empty}: the ranking is empty (nothing of it in scope)\n`);
    expect(JSON.parse(none.stdout)).toEqual([{ investigation: empty, run: expect.objectContaining({ status: 'done' }), total: 0, items: [] }]);
  });

  it('exits 1 when a run fails, still printing the others and the failure on stderr', async () => {
    // One tie allowed: the network's run fails; the empty one has none. Write-back, so neither
    // is answered by a run of the tests above; graphology, because auto would hand the bigger
    // scope to GDS.
    const result = await runCli(['--investigation', investigation, '--investigation', empty, '--write-back', '--engine', 'graphology', '--format', 'json'], {
      ...env,
      ANALYSIS_MAX_TIES: '1',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^rank: ${escaped(investigation)}: run [0-9a-f-]{36} did not finish \\(SCOPE_TOO_LARGE\\): .*more than 1 ties`, 'm'));
    const reports = JSON.parse(result.stdout) as RankingReport[];
    expect(reports.map((r) => [r.investigation, r.run.status, r.total])).toEqual([[empty, 'done', 0]]);
  });

  /** The test app over HTTP, for --api. */
  const listening = async () => {
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };

  it('goes through the HTTP API with --api and the key in SNA_API_KEY, with the same ranking as direct mode', async () => {
    const viaApi = await runCli(['--api', await listening(), '--investigation', investigation, '--top', '5', '--format', 'json'], { SNA_API_KEY: TEST_ADMIN_KEY });
    expect(viaApi.stderr).toBe('');
    expect(viaApi.code).toBe(0);
    const direct = await runCli(['--investigation', investigation, '--top', '5', '--format', 'json'], env);
    expect(direct.code, direct.stderr).toBe(0);
    const [apiReport] = JSON.parse(viaApi.stdout) as RankingReport[];
    const [directReport] = JSON.parse(direct.stdout) as RankingReport[];
    expect(apiReport!.run.status).toBe('done');
    expect(apiReport!.items).toHaveLength(5);
    expect(apiReport!.items).toEqual(directReport!.items);
    expect(apiReport!.total).toBe(directReport!.total);
  });

  it('ranks through the API only what the key may see: another investigation, or one that does not exist, is named and refused (exit 4)', async () => {
    const api = await listening();
    const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `rank-${tag}`, role: 'analyst', investigations: [investigation] } });
    expect(made.statusCode, made.body).toBe(201);
    const key = { SNA_API_KEY: made.json().key as string };
    for (const other of [empty, unknown]) {
      const refused = await runCli(['--api', api, '--investigation', other], key);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toBe(`rank: no investigation ${other} that this API key may see: nothing was ranked\n`);
      expect(refused.stdout).toBe('');
    }
    const all = await runCli(['--api', api, '--all-investigations', '--top', '3', '--format', 'json'], key);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as RankingReport[]).map((report) => [report.investigation, report.items.length])).toEqual([[investigation, 3]]);
  });

  it('lists the database’s investigations for --all-investigations, sorted', async () => {
    const backend = await openDirect(testConfig(), { log: stderrLog(false), notice: () => undefined });
    try {
      const ids = await backend.investigations();
      expect(ids).toContain(investigation);
      expect(ids).toEqual([...ids].sort());
    } finally {
      await backend.close();
    }
  });

  it('exits 2 on a bad flag, with the reason and the usage', async () => {
    const result = await runCli(['--investigation', investigation, '--frobnicate'], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^rank: Unknown option '--frobnicate'\nusage: rank /);
  });

  it('exits 3 when the API or Neo4j cannot be reached', async () => {
    const api = await runCli(['--api', 'http://127.0.0.1:1', '--investigation', investigation]);
    expect(api.code).toBe(3);
    expect(api.stderr).toMatch(/^rank: cannot reach the API at http:\/\/127\.0\.0\.1:1\//);
    const port = await freePort();
    const neo4j = await runCli(['--investigation', investigation], { ...env, NEO4J_URI: `bolt://127.0.0.1:${port}` });
    expect(neo4j.code).toBe(3);
    expect(neo4j.stderr).toMatch(new RegExp(`^rank: cannot reach Neo4j at bolt://127\\.0\\.0\\.1:${port}: `));
  });
});
