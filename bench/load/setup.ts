import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import neo4j, { type Driver } from 'neo4j-driver';

import { ENTITY_LABELS } from '../../src/model/graph-model.js';
import type { IngestReport } from '../../src/schemas/ingest-report.js';
import { loadSignal, message } from '../harness/abort.js';
import { call, json } from '../harness/http-client.js';
import { createReferenceSchema, loadReference } from '../harness/reference-load.js';
import { timedPreview, timedRun } from '../harness/run-timing.js';
import { BENCH_AUTH, type RunningService } from '../harness/service.js';
import { perSecond } from '../harness/stats.js';
import type { Workload } from '../harness/workload.js';
import type { LoadSizeResult } from './figures.js';
import type { LoadData } from './scenarios.js';

/**
 * What bench/load/main.ts needs before the load, done through the API with the bench's admin key:
 * the network loaded, one stored analysis run over all of it (POST /v1/analyses?wait=true, {}),
 * the preview of the same analysis (not stored), an analyst key that sees every investigation
 * (the principal the load runs as), the ranking's length and its top people.
 */

export interface Prepared {
  data: LoadData;
  analystKey: string;
}

const LOAD_TIMEOUT_MS = 10 * 60_000;
const RSS_POLL_MS = 100;
export const TOP_PEOPLE = 200;

export async function prepare(service: RunningService, workload: Workload, size: LoadSizeResult, signal: AbortSignal): Promise<Prepared> {
  const base = service.baseUrl;
  const load = await postDocument(`${base}/v1/ingest`, join(dirname(workload.file), 'network.json'), loadSignal(signal, LOAD_TIMEOUT_MS));
  size.load = { wallMs: load.wallMs, httpStatus: load.status, accepted: load.report?.accepted, rejected: load.report?.rejected };
  if (load.status !== 200) throw new Error(`the load answered ${load.status}: ${load.error ?? ''}`);

  const { figures, run } = await timedRun(service, {}, RSS_POLL_MS, signal);
  if (figures.error || !run) throw new Error(`the analysis run: ${figures.error ?? 'no answer'}`);
  size.run = { id: run.id, wallMs: figures.wallMs!, ...run.summary?.graph, stages: figures.stages };
  const preview = await timedPreview(service, {}, RSS_POLL_MS, signal);
  size.preview = { wallMs: preview.wallMs, ...(preview.error ? { error: preview.error } : {}) };
  const runPath = `${base}/v1/analyses/${encodeURIComponent(run.id)}`;

  const key = json<{ key: string }>(await call('POST', `${base}/v1/keys`, { name: 'bench/load analyst', role: 'analyst', investigations: ['*'] }, signal), 'POST /v1/keys', [201]);
  // One read as the analyst before the load: the key works, and the rate limit it gets is the one the service says.
  const probe = await fetch(`${runPath}/rankings?limit=1`, { headers: { authorization: `Bearer ${key.key}` }, signal });
  if (probe.status !== 200) throw new Error(`GET rankings as the analyst answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
  const { total } = (await probe.json()) as { total: number };
  size.rateLimit = probe.headers.get('x-ratelimit-limit') ?? undefined;
  const top = json<{ items: { id: string }[] }>(await call('GET', `${runPath}/rankings?type=person&limit=${TOP_PEOPLE}`, undefined, signal), 'GET rankings of people');
  size.rankingTotal = total;
  size.peopleLoaded = top.items.length;
  return { data: { runId: run.id, rankingTotal: total, people: top.items.map((item) => item.id) }, analystKey: key.key };
}

/** POST /v1/ingest with the generator's network.json (the same records as its network.ndjson), whole. */
async function postDocument(url: string, file: string, signal: AbortSignal): Promise<{ status: number; wallMs: number; report?: IngestReport; error?: string }> {
  const body = await readFile(file);
  const started = performance.now();
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...BENCH_AUTH }, body, signal });
  const text = await answer.text();
  const wallMs = performance.now() - started;
  return answer.status === 200 ? { status: 200, wallMs, report: JSON.parse(text) as IngestReport } : { status: answer.status, wallMs, error: text.slice(0, 2000) };
}

/** Reads the audit chain's length (its head's seq) straight from Neo4j; undefined when it cannot. */
export function auditSeqReader(driver: Driver): () => Promise<number | undefined> {
  return async () => {
    try {
      const { records } = await driver.executeQuery("MATCH (h:AuditHead {id: 'head'}) RETURN h.seq AS seq", {}, { routing: neo4j.routing.READ });
      const seq: unknown = records[0]?.get('seq');
      return neo4j.isInt(seq) ? seq.toNumber() : typeof seq === 'number' ? seq : undefined;
    } catch {
      return undefined;
    }
  };
}

/**
 * --ingest-reference: the records loaded into the service's own Neo4j with the plain driver
 * pattern (bench/harness/reference-load.ts), timed, then deleted, before the service's load. The
 * store then has the service's schema too (its constraints are the reference's; the full-text
 * and other indexes are extra), so the reference is if anything a little slower than on the
 * bare Neo4j bench:ingest starts for it.
 */
export async function ingestReference(service: RunningService, workload: Workload, size: LoadSizeResult, signal: AbortSignal): Promise<void> {
  const driver = neo4j.driver(service.boltUri);
  try {
    await createReferenceSchema(driver).catch(() => undefined); // the service's own constraints already cover each label's id
    const load = await loadReference(driver, workload.file, loadSignal(signal, LOAD_TIMEOUT_MS));
    size.ingestReference = { wallMs: load.wallMs, records: load.records, recordsPerSec: perSecond(load.records, load.wallMs) };
    // CALL … IN TRANSACTIONS needs an auto-commit transaction: session.run, not executeQuery.
    const session = driver.session();
    try {
      for (const label of Object.values(ENTITY_LABELS)) await session.run(`MATCH (n:${label}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`);
    } finally {
      await session.close();
    }
  } catch (error) {
    size.ingestReference = { wallMs: 0, records: 0, error: message(error) };
  } finally {
    await driver.close();
  }
}
