import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

import { pickSources } from '../../src/analytics/centrality/shortest-paths.js';
import { csrFromEdges } from '../../src/analytics/csr.js';
import { DEFAULTS as ENGINE_DEFAULTS, type EngineOptions } from '../../src/analytics/engine.js';
import type { ProjectedTies, Projection } from '../../src/analytics/projection/types.js';

/**
 * What the Python reference reads: the projection's ties as the engine sees them, and the
 * sources the engine samples for betweenness and closeness, so both sides work on the same graph.
 *
 * Edge list: a first line "n m", then "u v weight distance" per tie, u and v the node indices
 * (projection order, which is the engine's graph and CSR order), distance = 1 / weight, the path
 * length the engine's shortest-path kernel uses. Numbers are printed in JavaScript's shortest
 * round-trip form, so Python parses the very same doubles.
 */

export function edgeListLines(n: number, ties: Pick<ProjectedTies, 'source' | 'target' | 'strength'>, from = 0, to = ties.source.length): string {
  let text = from === 0 ? `${n} ${ties.source.length}\n` : '';
  for (let t = from; t < to; t++) {
    const w = ties.strength[t]!;
    text += `${ties.source[t]} ${ties.target[t]} ${w} ${1 / w}\n`;
  }
  return text;
}

export async function writeEdgeList(path: string, n: number, ties: Pick<ProjectedTies, 'source' | 'target' | 'strength'>): Promise<void> {
  const out = createWriteStream(path);
  const CHUNK = 50_000;
  for (let from = 0; from === 0 || from < ties.source.length; from += CHUNK) {
    if (!out.write(edgeListLines(n, ties, from, Math.min(ties.source.length, from + CHUNK)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * The sources analyse() starts betweenness and closeness from with `options` (its defaults when
 * left out): the engine's own CSR and source picking (analytics/centrality/shortest-paths.ts),
 * called as the engine calls them. Undefined when it runs from every node (exact).
 */
export function engineSources(projection: Pick<Projection, 'nodes' | 'ties'>, options: Partial<EngineOptions> = {}): number[] | undefined {
  const o = { ...ENGINE_DEFAULTS, ...options };
  const { source, target, strength } = projection.ties;
  const csr = csrFromEdges(
    projection.nodes.map((node) => node.key),
    source,
    target,
    strength,
  );
  const picked = pickSources(csr, { exactThreshold: o.exactBetweennessUpTo, samples: o.betweennessSamples, seed: o.seed });
  return picked ? Array.from(picked) : undefined;
}
