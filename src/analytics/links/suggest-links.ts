import type { Projection } from '../projection/types.js';
import { calibrate, type Calibration, likelihoodOf } from './calibrate.js';
import { explainPair, type PairEvidence, pairEvidence } from './evidence.js';
import { linkGraph } from './graph.js';
import { type IndexOptions, KATZ_MAX_LENGTH, katzBeta, type LinkIndex } from './indices.js';
import { scanCandidates } from './suggest.js';

/**
 * Missing-link suggestions over a projection, end to end: the link graph, the candidate scan,
 * the likelihood fitted on the scope (calibrate.ts), and each suggestion's evidence and sentence.
 * Pure: the same projection and options give the same answer.
 */

export const LINK_DEFAULTS = {
  /** The best of the three on the generated networks' held-out ties (docs/analytics.md, bench:links). */
  index: 'katz' as LinkIndex,
  limit: 50,
  offset: 0,
  seed: 1,
};

export interface LinkOptions {
  index: LinkIndex;
  limit: number;
  offset: number;
  seed: number;
  /** Keys (`person:P-1`) of people whose pairs are wanted; left out: all pairs. */
  people?: readonly string[];
  /** Katz's β (left out: 0.5/λmax, at most 0.05). */
  beta?: number;
}

export interface NodeRef {
  key: string;
  id: string;
  name: string | null;
}

export interface LinkSuggestion {
  a: NodeRef;
  b: NodeRef;
  score: number;
  likelihood: number | null;
  index: LinkIndex;
  evidence: PairEvidence;
  explanation: string;
}

export interface LinkSuggestions {
  index: LinkIndex;
  katz?: { beta: number; maxLength: number };
  /** Candidate pairs the index reached (no tie, score > 0). */
  candidates: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
  suggestions: LinkSuggestion[];
  calibration: Calibration | null;
  warnings: string[];
}

export function suggestLinks(projection: Projection, options: Partial<LinkOptions> = {}): LinkSuggestions {
  const { index, limit, offset, seed, people, beta } = { ...LINK_DEFAULTS, ...options };
  const graph = linkGraph(projection);
  const indexOptions: IndexOptions = { index, beta: beta ?? (index === 'katz' ? katzBeta(graph) : 0), maxLength: KATZ_MAX_LENGTH };
  const warnings: string[] = [];
  let focus: number[] | undefined;
  if (people) {
    const at = new Map(projection.nodes.map((node, v) => [node.key, v]));
    focus = [];
    for (const key of people) {
      const v = at.get(key);
      if (v !== undefined && projection.nodes[v]!.type === 'person') focus.push(v);
      else warnings.push(`${key.replace(/^[a-z]+:/, '')} is not a person in this scope; left out`);
    }
  }
  const scan = focus && focus.length === 0 ? { best: [], candidates: 0 } : scanCandidates(graph, indexOptions, offset + limit, focus);
  const fitted = calibrate(projection, indexOptions, seed);
  if (!fitted.ok) warnings.push(`no likelihood: ${fitted.reason}`);
  const calibration = fitted.ok ? fitted.calibration : null;

  const ref = (v: number): NodeRef => {
    const node = projection.nodes[v]!;
    return { key: node.key, id: node.id, name: node.name };
  };
  const suggestions = scan.best.slice(offset).map(({ a: u, b: v, score }) => {
    const [a, b] = projection.nodes[u]!.key < projection.nodes[v]!.key ? [u, v] : [v, u];
    const evidence = pairEvidence(projection, graph, a, b, index);
    const likelihood = calibration ? likelihoodOf(calibration, score) : null;
    return {
      a: ref(a),
      b: ref(b),
      score,
      likelihood,
      index,
      evidence,
      explanation: explainPair(ref(a), ref(b), evidence, index, likelihood === null ? null : { value: likelihood, share: calibration!.share }),
    };
  });
  const end = offset + suggestions.length;
  return {
    index,
    ...(index === 'katz' ? { katz: { beta: indexOptions.beta, maxLength: indexOptions.maxLength } } : {}),
    candidates: scan.candidates,
    offset,
    limit,
    nextOffset: end < scan.candidates && suggestions.length === limit ? end : null,
    suggestions,
    calibration,
    warnings,
  };
}
