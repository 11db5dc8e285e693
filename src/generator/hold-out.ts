import type { Link } from '../schemas/entities.js';
import { createRng } from '../shared/rng.js';
import type { HeldOutTie } from './model.js';

/**
 * True ties hidden for link prediction to find (off unless asked for): a seeded share of the
 * pairs of people joined by a reported link (calls, meetings, associations, family; not noise)
 * lose every link record between them, and truth lists each pair and kind left out, so an
 * evaluation scores the predictor against ties the document really lacks. The pair may still be
 * tied another way (a shared crossing, a payment): an evaluation must check the projection.
 * Draws come from their own stream, so the rest of the network is exactly what it was.
 */

const STREAM = 0x6c1d_0a7e;

export function holdOutLinks(links: Link[], noise: ReadonlySet<string>, seed: number, share: number): { links: Link[]; heldOut: HeldOutTie[] } {
  const pairOf = (link: Link) => (link.from < link.to ? `${link.from}\u001f${link.to}` : `${link.to}\u001f${link.from}`);
  const pairs = [...new Set(links.filter((link) => !noise.has(link.id) && link.from !== link.to).map(pairOf))].sort();
  const rng = createRng((seed ^ STREAM) >>> 0);
  const hidden = new Set(rng.sample(pairs, Math.round(share * pairs.length)));
  const kinds = new Map<string, Set<string>>();
  const kept = links.filter((link) => {
    const pair = pairOf(link);
    if (!hidden.has(pair)) return true;
    if (!noise.has(link.id)) kinds.set(pair, (kinds.get(pair) ?? new Set()).add(link.type));
    return false;
  });
  const heldOut = [...kinds]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([pair, types]) => [...types].sort().map((kind) => [...(pair.split('\u001f') as [string, string]), kind] as HeldOutTie));
  return { links: kept, heldOut };
}
