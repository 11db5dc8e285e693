import type { AnalysisRun, RankedNode } from './api-types.js';
import { analysisRequestOf } from './scope.js';

/**
 * The time slider's logic: the days a run's data spans, the preview request for a window
 * inside it (the run's own scope and parameters, only from/to changed, so the window is
 * analysed exactly as the run was), and what changed in the ranking's top from the run to the
 * window: who entered, who left, who moved.
 */

export interface DateSpan {
  first: string;
  last: string;
  /** Days from first to last (0 when they are the same day). */
  days: number;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * The span the slider covers: the run's own window where it set one, otherwise the first and
 * last date of its data (the export's `dates`); null when neither says (no dated facts).
 */
export function dateSpan(scope: { from?: string | null; to?: string | null }, dates: { first: string | null; last: string | null } | undefined): DateSpan | null {
  const first = scope.from ?? dates?.first ?? null;
  const last = scope.to ?? dates?.last ?? null;
  if (first === null || last === null || !DATE.test(first) || !DATE.test(last) || first > last) return null;
  return { first, last, days: dayNumber(last) - dayNumber(first) };
}

/** The date `offset` days after the span's first (clamped to the span). */
export function dateAt(span: DateSpan, offset: number): string {
  const days = Math.max(0, Math.min(span.days, Math.round(offset)));
  return new Date((dayNumber(span.first) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The preview request for the run's scope and parameters in the window from–to (inclusive),
 * asking for the window's ties too (the drawing is re-scoped to them).
 */
export function windowRequest(
  run: Pick<AnalysisRun, 'scope' | 'parameters'>,
  from: string,
  to: string,
): { scope: Record<string, unknown>; parameters: Record<string, unknown>; include: ['ties'] } {
  if (!DATE.test(from) || !DATE.test(to)) throw new Error('explorer/time-window: from and to must be dates (YYYY-MM-DD)');
  if (from > to) throw new Error('explorer/time-window: the window starts after it ends');
  const request = analysisRequestOf(run);
  return { ...request, scope: { ...request.scope, from, to }, include: ['ties'] };
}

export interface WindowView {
  /** The run's ties that are ties in the window too (drawn; the run's others are hidden). */
  edges: Set<string>;
  /** The run's nodes with no tie in the window (greyed). */
  greyed: Set<string>;
  /** Window ties the run's drawing has no edge for: none when the window is a sub-scope of the run. */
  notInRun: number;
}

const pairOf = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * The run's drawing re-scoped to a window: a run tie stays drawn only when the window's
 * analysis has a tie between the same two people (a tie between two people both active in the
 * window need not be one in it), and the run's nodes with no tie in the window are greyed.
 * Self-ties are left out on both sides: the drawing has none (data/explorer-graph.ts).
 */
export function windowView(
  run: { nodes: readonly string[]; edges: readonly { key: string; source: string; target: string }[] },
  windowTies: readonly { source: string; target: string }[],
): WindowView {
  const edgeOf = new Map(run.edges.map((e) => [pairOf(e.source, e.target), e.key]));
  const edges = new Set<string>();
  const tied = new Set<string>();
  let notInRun = 0;
  for (const { source, target } of windowTies) {
    if (source === target) continue;
    tied.add(source).add(target);
    const key = edgeOf.get(pairOf(source, target));
    if (key === undefined) notInRun++;
    else edges.add(key);
  }
  return { edges, greyed: new Set(run.nodes.filter((key) => !tied.has(key))), notInRun };
}

export interface TopEntry {
  key: string;
  name: string;
  rank: number;
}

export interface RankingChange {
  /** The window's top, in rank order, each with its rank in the run (null: not in the run's top). */
  top: (TopEntry & { before: number | null })[];
  /** In the window's top, not in the run's. */
  entered: TopEntry[];
  /** In the run's top, not in the window's; `after` is its rank in the window (null: unranked or absent). */
  left: (TopEntry & { after: number | null })[];
  /** In both tops at different ranks. */
  moves: { key: string; name: string; from: number; to: number }[];
}

const topOf = (ranking: readonly RankedNode[], n: number): TopEntry[] =>
  ranking
    .filter((node): node is RankedNode & { rank: number } => node.rank !== null && node.rank <= n)
    .sort((a, b) => a.rank - b.rank)
    .map((node) => ({ key: node.key, name: node.name ?? node.id, rank: node.rank }));

/** The top `n` of the run's ranking against the window's (both by rank; unranked entries ignored). */
export function rankingChange(before: readonly RankedNode[], after: readonly RankedNode[], n = 10): RankingChange {
  const [topBefore, topAfter] = [topOf(before, n), topOf(after, n)];
  const rankBefore = new Map(topBefore.map((e) => [e.key, e.rank]));
  const rankAfter = new Map(after.filter((node) => node.rank !== null).map((node) => [node.key, node.rank!]));
  const inTopAfter = new Set(topAfter.map((e) => e.key));
  return {
    top: topAfter.map((e) => ({ ...e, before: rankBefore.get(e.key) ?? null })),
    entered: topAfter.filter((e) => !rankBefore.has(e.key)),
    left: topBefore.filter((e) => !inTopAfter.has(e.key)).map((e) => ({ ...e, after: rankAfter.get(e.key) ?? null })),
    moves: topAfter.filter((e) => rankBefore.has(e.key) && rankBefore.get(e.key) !== e.rank).map((e) => ({ key: e.key, name: e.name, from: rankBefore.get(e.key)!, to: e.rank })),
  };
}
