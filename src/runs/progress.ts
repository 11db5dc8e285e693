/**
 * A run's progress in percent, by stage: reading the projection 0–25, the analysis 25–75 (by
 * engine stage, weighted by the share of time each took in the benchmarks at 100k–1M ties),
 * storing the results 75–95 (by batch), writing scores back onto the entities 95–100.
 */

export const ENGINE_STAGE_SHARE = {
  csr: 3,
  louvain: 20,
  degree: 1,
  pagerank: 6,
  eigenvector: 6,
  brokerage: 4,
  activity: 2,
  communityReport: 3,
  betweennessCloseness: 50,
  harm: 2,
  order: 1,
  topMembers: 2,
} as const;

export const PHASES = { projecting: 0, analysing: 25, storing: 75, writingBack: 95, done: 100 } as const;

const TOTAL = Object.values(ENGINE_STAGE_SHARE).reduce((a, b) => a + b, 0);
const AFTER = new Map<string, number>();
let sum = 0;
for (const [stage, share] of Object.entries(ENGINE_STAGE_SHARE)) AFTER.set(stage, (sum += share));

/** Percent when the engine has just finished `stage` (an unknown stage leaves it where it was). */
export function afterEngineStage(stage: string, current: number): number {
  const done = AFTER.get(stage);
  if (done === undefined) return current;
  return round(PHASES.analysing + ((PHASES.storing - PHASES.analysing) * done) / TOTAL);
}

/** Percent after `done` of `total` steps of the phase that runs from `from` to `to`. */
export function within(from: number, to: number, done: number, total: number): number {
  return round(from + ((to - from) * (total === 0 ? 1 : Math.min(done, total))) / Math.max(total, 1));
}

const round = (value: number) => Math.round(value * 10) / 10;
