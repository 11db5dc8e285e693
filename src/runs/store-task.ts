import type { MessagePort } from 'node:worker_threads';

import type { StrongestTies } from '../analysis/gds/gds-analysis.js';
import { analyse, type DrawSet, type EngineOptions, type EngineRuntime, type GivenMeasures } from '../analytics/engine.js';
import { tieKindCounts } from '../analytics/projection/tie-accumulator.js';
import type { Projection } from '../analytics/projection/types.js';
import type { RankingTable } from '../analytics/ranking.js';
import type { CommunityRow, ResultRow, StoredTie, TieArtefact } from '../repositories/run-results-repository.js';
import type { RunSummary } from '../schemas/runs.js';
import { type PackedProjection, unpackProjection } from '../workers/projection-transfer.js';
import { communityRows, packTies, resultRows } from './result-rows.js';

/**
 * A run's analysis in the worker thread, kept there while the run is stored: the event loop asks
 * for result rows a batch at a time over the task's port and writes each to Neo4j before asking
 * for the next. The whole result (every node's evidence and explanation) never crosses to the
 * event loop's thread, which stays free to answer requests while a large run is stored.
 *
 * The conversation, worker → event loop: `stage` (each engine stage as it ends), `analysed`
 * (summary, community rows, packed ties, how many rows), `rows` (one batch, on request);
 * event loop → worker: `rows` {from, to}, `done` (the task then ends).
 */

export type StoreMessage = { type: 'stage'; stage: string } | { type: 'analysed'; analysed: Analysed } | { type: 'rows'; rows: ResultRow[] };

export type StoreRequest = { type: 'rows'; from: number; to: number } | { type: 'done' };

export interface Analysed {
  summary: Omit<RunSummary, 'projection'>;
  timings: Record<string, number>;
  communities: CommunityRow[];
  artefacts: TieArtefact[];
  /** Result rows to fetch: every analysed node. */
  total: number;
}

export interface StoreTask {
  /** Packed a slice at a time on the event loop's side (workers/projection-transfer.ts). */
  projection: PackedProjection;
  options: Partial<EngineOptions>;
  runId: string;
  /** The conversation's port, transferred with the task. */
  port: MessagePort;
  given?: GivenMeasures;
  /** The GDS engine stored the ties already (analysis/gds TieStore): their strongest per community; nothing to pack. */
  strongest?: StrongestTies;
  /** Rank confidence's draws (analysis/confidence-task.ts), when the run asked for them. */
  draws?: DrawSet;
}

/** The worker's handler (src/worker.ts); the event loop's side is storing-session.ts. */
export function storeTask(task: StoreTask, runtime: Partial<EngineRuntime>): Promise<void> {
  return runForStorage(unpackProjection(task.projection), task.options, runtime, task.runId, task.port, task.given, task.draws, task.strongest);
}

/** A community's strongest ties inside it, stored with it (a community's page then reads nothing else). */
export const STRONGEST_TIES = 100;

export async function runForStorage(
  projection: Projection,
  options: Partial<EngineOptions>,
  runtime: Partial<EngineRuntime>,
  runId: string,
  port: MessagePort,
  given?: GivenMeasures,
  draws?: DrawSet,
  storedStrongest?: StrongestTies,
): Promise<void> {
  const result = await analyse(projection, options, { ...runtime, onStage: (stage) => port.postMessage({ type: 'stage', stage } satisfies StoreMessage) }, given, draws);
  const { ranking } = result;
  const strongest = storedStrongest ? byCommunityId(storedStrongest, ranking.communityIds) : strongestInternalTies(projection, ranking);
  const artefacts = storedStrongest ? [] : packTies(projection);
  const analysed: Analysed = {
    summary: {
      graph: result.graph,
      modularity: result.modularity,
      communities: result.communities.length,
      communitiesSplit: result.communitiesSplit,
      betweenness: result.betweenness,
      warnings: result.warnings,
      ...(result.confidence ? { confidence: result.confidence } : {}),
    },
    timings: result.timings,
    communities: communityRows(runId, result.communities, strongest),
    artefacts,
    total: ranking.order.length,
  };
  port.postMessage(
    { type: 'analysed', analysed } satisfies StoreMessage,
    artefacts.flatMap((a) => [a.source.buffer, a.target.buffer, a.strength.buffer, a.money.buffer, a.kindCount.buffer]) as ArrayBuffer[],
  );
  await new Promise<void>((resolve) => {
    port.on('message', (request: StoreRequest) => {
      if (request.type === 'done') return resolve();
      port.postMessage({ type: 'rows', rows: resultRows(runId, ranking, request.from, request.to) } satisfies StoreMessage);
    });
  });
  port.close();
}

function byCommunityId(strongest: StrongestTies, ids: readonly string[]): Map<string, { total: number; strongest: StoredTie[] }> {
  return new Map([...strongest].map(([c, entry]) => [ids[c]!, entry]));
}

/** Per community id, its strongest internal ties (by strength, then tie order), at most STRONGEST_TIES. */
export function strongestInternalTies(
  projection: Pick<Projection, 'ties' | 'tieKinds'>,
  ranking: Pick<RankingTable, 'nodes' | 'community' | 'communityIds'>,
): Map<string, { total: number; strongest: StoredTie[] }> {
  const { ties } = projection;
  const inside = new Map<number, number[]>();
  for (let t = 0; t < ties.source.length; t++) {
    const c = ranking.community[ties.source[t]!]!;
    if (c !== ranking.community[ties.target[t]!]) continue;
    let list = inside.get(c);
    if (!list) inside.set(c, (list = []));
    list.push(t);
  }
  const out = new Map<string, { total: number; strongest: StoredTie[] }>();
  for (const [c, list] of inside) {
    list.sort((a, b) => ties.strength[b]! - ties.strength[a]! || a - b);
    const strongest = list.slice(0, STRONGEST_TIES).map((t) => ({
      source: ranking.nodes[ties.source[t]!]!.key,
      target: ranking.nodes[ties.target[t]!]!.key,
      strength: ties.strength[t]!,
      money: ties.money[t]!,
      kinds: tieKindCounts(projection, t),
    }));
    out.set(ranking.communityIds[c]!, { total: list.length, strongest });
  }
  return out;
}
