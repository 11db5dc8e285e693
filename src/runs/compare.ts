import type { RunComparison } from '../schemas/runs.js';

/**
 * What changed between two runs, as an analyst reads it on Monday morning: who entered and left
 * the top N, who moved, how many entities came and went, and what happened to the communities.
 *
 * Communities are matched by their members, not their ids (ids are only stable when a run
 * reused an earlier run's). Following Greene, Doyle & Cunningham, "Tracking the evolution of
 * communities in dynamic social networks" (ASONAM 2010), with their share threshold θ: over the
 * entities in both runs, community B of the later run is a *destination* of community A of the
 * earlier one when it holds at least θ = 25 % of A's members (and at least 2). Then A split when
 * it has two or more destinations; B is a merger when it is the destination of two or more; A
 * continued as B when each is the other's only match; A dissolved when it has no destination;
 * B emerged when it is nobody's.
 */

export interface Membership {
  key: string;
  name: string | null;
  rank: number | null;
  harmScore: number | null;
  community: string;
}

export const SHARE = 0.25;
const MIN_MEMBERS = 2;

export function compareRuns(before: readonly Membership[], after: readonly Membership[], top: number): Omit<RunComparison, 'top' | 'modularity'> {
  const earlier = new Map(before.map((m) => [m.key, m]));
  const later = new Map(after.map((m) => [m.key, m]));
  const inTop = (m: Membership | undefined) => m?.rank != null && m.rank <= top;

  const entered = after
    .filter((m) => inTop(m) && !inTop(earlier.get(m.key)))
    .map((m) => ({ key: m.key, name: m.name, rank: m.rank!, previousRank: earlier.get(m.key)?.rank ?? null, harmScore: m.harmScore! }))
    .sort((a, b) => a.rank - b.rank);
  const left = before
    .filter((m) => inTop(m) && !inTop(later.get(m.key)))
    .map((m) => ({ key: m.key, name: m.name, previousRank: m.rank!, rank: later.get(m.key)?.rank ?? null, harmScore: later.get(m.key)?.harmScore ?? null }))
    .sort((a, b) => a.previousRank - b.previousRank);
  const moves = after
    .filter((m) => m.rank != null && earlier.get(m.key)?.rank != null && (inTop(m) || inTop(earlier.get(m.key))))
    .map((m) => {
      const was = earlier.get(m.key)!;
      return { key: m.key, name: m.name, previousRank: was.rank!, rank: m.rank!, change: was.rank! - m.rank!, previousHarmScore: was.harmScore!, harmScore: m.harmScore! };
    })
    .filter((m) => m.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.rank - b.rank);

  let kept = 0;
  for (const key of later.keys()) if (earlier.has(key)) kept++;

  return {
    entered,
    left,
    moves,
    entities: { added: later.size - kept, removed: earlier.size - kept, kept },
    communities: communityEvents(before, later),
  };
}

function communityEvents(before: readonly Membership[], later: ReadonlyMap<string, Membership>): RunComparison['communities'] {
  // overlap.get(A).get(B): members of A (earlier) in B (later); sizeBefore: A's members still there.
  const overlap = new Map<string, Map<string, number>>();
  const sizeBefore = new Map<string, number>();
  // Whole sizes, newcomers and leavers included: a continued community's Jaccard shows its growth.
  const wholeBefore = new Map<string, number>();
  const wholeAfter = new Map<string, number>();
  for (const m of before) wholeBefore.set(m.community, (wholeBefore.get(m.community) ?? 0) + 1);
  for (const m of later.values()) wholeAfter.set(m.community, (wholeAfter.get(m.community) ?? 0) + 1);
  for (const m of before) {
    const now = later.get(m.key);
    if (!now) continue;
    sizeBefore.set(m.community, (sizeBefore.get(m.community) ?? 0) + 1);
    const row = overlap.get(m.community) ?? new Map<string, number>();
    row.set(now.community, (row.get(now.community) ?? 0) + 1);
    overlap.set(m.community, row);
  }

  const destinations = new Map<string, string[]>();
  const sources = new Map<string, string[]>();
  for (const [a, row] of overlap) {
    for (const [b, count] of row) {
      if (count < MIN_MEMBERS || count < SHARE * sizeBefore.get(a)!) continue;
      destinations.set(a, [...(destinations.get(a) ?? []), b]);
      sources.set(b, [...(sources.get(b) ?? []), a]);
    }
  }

  const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const continued: RunComparison['communities']['continued'] = [];
  for (const [a, to] of destinations) {
    if (to.length !== 1 || sources.get(to[0]!)!.length !== 1) continue;
    const b = to[0]!;
    const shared = overlap.get(a)!.get(b)!;
    continued.push({ from: a, to: b, jaccard: Math.round((shared / (wholeBefore.get(a)! + wholeAfter.get(b)! - shared)) * 1000) / 1000 });
  }
  return {
    continued: continued.sort((x, y) => byId(x.from, y.from)),
    merged: [...sources]
      .filter(([, from]) => from.length > 1)
      .map(([into, from]) => ({ into, from: [...from].sort(byId) }))
      .sort((x, y) => byId(x.into, y.into)),
    split: [...destinations]
      .filter(([, into]) => into.length > 1)
      .map(([from, into]) => ({ from, into: [...into].sort(byId) }))
      .sort((x, y) => byId(x.from, y.from)),
    dissolved: [...wholeBefore.keys()].filter((a) => !destinations.has(a)).sort(byId),
    emerged: [...wholeAfter.keys()].filter((b) => !sources.has(b)).sort(byId),
  };
}
