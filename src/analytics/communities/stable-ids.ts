/**
 * Stable community ids across runs. Community detection numbers its output afresh each time, but
 * an analyst follows "C-4" from one week to the next, so each new community inherits the id of the
 * previous community it overlaps most, measured by the Jaccard index |A ∩ B| / |A ∪ B| (as in
 * Greene, Doyle & Cunningham 2010, "Tracking the evolution of communities in dynamic social
 * networks"). Matching is greedy, best Jaccard first, each previous id used at most once; below
 * `minJaccard` a community is new and gets `C-<n>`, n above every `C-<number>` id seen before.
 *
 * Merges and splits are reported from member shares, not from the matching:
 * - merged: two or more previous communities each had more than `share` of their members move
 *   into one new community;
 * - split: two or more new communities each draw more than `share` of their members from one
 *   previous community.
 * With share ≥ 0.5 a previous community is mostly inside at most one new one, and vice versa.
 */

export interface PreviousCommunity {
  id: string;
  members: readonly string[];
}

export interface StableIdOptions {
  /** Below this Jaccard index a new community does not inherit an id. */
  minJaccard: number;
  /** "Mostly": the share of members that makes a merge or a split, in [0.5, 1). */
  share: number;
}

export const DEFAULTS: Readonly<StableIdOptions> = { minJaccard: 0.3, share: 0.5 };

export interface StableIds {
  /** One per current community, in the same order. */
  ids: string[];
  /** Per current community: the previous id it inherited (or null) and their Jaccard index. */
  matches: { previous: string | null; jaccard: number }[];
  reused: number;
  fresh: number;
  /** Previous ids that no current community inherited, sorted. */
  retired: string[];
  /** In the order of `into` among the current communities; `from` by overlap, largest first. */
  merged: { into: string; from: string[] }[];
  /** In the order of each split's largest part among the current communities; `into` likewise by overlap. */
  splitFrom: { id: string; into: string[] }[];
}

const FRESH = /^C-(\d+)$/;

export function assignStableIds(current: readonly (readonly string[])[], previous: readonly PreviousCommunity[] | undefined, options: Partial<StableIdOptions> = {}): StableIds {
  const { minJaccard, share } = { ...DEFAULTS, ...options };
  if (!(minJaccard > 0 && minJaccard <= 1)) throw new RangeError('analytics/stable-ids: minJaccard must be in (0, 1]');
  if (!(share >= 0.5 && share < 1)) throw new RangeError('analytics/stable-ids: share must be in [0.5, 1)');
  const before = previous ?? [];
  const previousOf = indexMembers(
    before.map((community) => community.members),
    'previous',
  );
  indexMembers(current, 'current');
  if (new Set(before.map((community) => community.id)).size !== before.length) {
    throw new RangeError('analytics/stable-ids: previous ids must be unique');
  }

  // overlap[i] maps previous index → members shared with current community i.
  const overlap = current.map((members) => {
    const counts = new Map<number, number>();
    for (const node of members) {
      const j = previousOf.get(node);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    return counts;
  });

  const candidates = overlap.flatMap((counts, i) =>
    [...counts].map(([j, shared]) => {
      const union = (current[i] as readonly string[]).length + (before[j] as PreviousCommunity).members.length - shared;
      return { i, j, shared, jaccard: shared / union };
    }),
  );
  // Ties fall to the larger overlap, then the earlier current community, then the smaller id string.
  candidates.sort((a, b) => b.jaccard - a.jaccard || b.shared - a.shared || a.i - b.i || compare(idOf(before, a.j), idOf(before, b.j)));

  const matches: StableIds['matches'] = current.map(() => ({ previous: null, jaccard: 0 }));
  const taken = new Set<number>();
  for (const { i, j, jaccard } of candidates) {
    if (jaccard < minJaccard) break;
    if (taken.has(j) || (matches[i] as StableIds['matches'][number]).previous !== null) continue;
    taken.add(j);
    matches[i] = { previous: idOf(before, j), jaccard };
  }

  // In the order given: detectCommunities lists the largest community first.
  let next = 1 + before.reduce((max, { id }) => Math.max(max, Number(FRESH.exec(id)?.[1] ?? 0)), 0);
  const ids = matches.map((match) => match.previous ?? `C-${next++}`);
  const reused = taken.size;

  const merged = overlap.flatMap((counts, i) => {
    const from = [...counts]
      .filter(([j, shared]) => shared > share * (before[j] as PreviousCommunity).members.length)
      .sort(([j1, s1], [j2, s2]) => s2 - s1 || compare(idOf(before, j1), idOf(before, j2)))
      .map(([j]) => idOf(before, j));
    return from.length >= 2 ? [{ into: ids[i] as string, from }] : [];
  });

  const parts = new Map<number, { i: number; shared: number }[]>();
  overlap.forEach((counts, i) => {
    for (const [j, shared] of counts) {
      if (shared <= share * (current[i] as readonly string[]).length) continue;
      parts.set(j, [...(parts.get(j) ?? []), { i, shared }]);
    }
  });
  const splitFrom = [...parts]
    .filter(([, into]) => into.length >= 2)
    .map(([j, into]) => ({ j, into: into.sort((a, b) => b.shared - a.shared || a.i - b.i) }))
    .sort((a, b) => (a.into[0] as { i: number }).i - (b.into[0] as { i: number }).i)
    .map(({ j, into }) => ({ id: idOf(before, j), into: into.map(({ i }) => ids[i] as string) }));

  return {
    ids,
    matches,
    reused,
    fresh: ids.length - reused,
    retired: before
      .filter((_, j) => !taken.has(j))
      .map((community) => community.id)
      .sort(compare),
    merged,
    splitFrom,
  };
}

function indexMembers(communities: readonly (readonly string[])[], which: string): Map<string, number> {
  const index = new Map<string, number>();
  communities.forEach((members, i) => {
    for (const node of members) {
      if (index.has(node)) throw new RangeError(`analytics/stable-ids: ${node} is in two ${which} communities`);
      index.set(node, i);
    }
  });
  return index;
}

const idOf = (communities: readonly PreviousCommunity[], j: number) => (communities[j] as PreviousCommunity).id;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
