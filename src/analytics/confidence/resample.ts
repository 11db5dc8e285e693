import type { Rng } from '../../shared/rng.js';
import type { ProjectedFacts, ProjectedTies } from '../projection/types.js';
import type { ConfidenceSpec } from './spec.js';

/** The ties one draw keeps, with their resampled strengths. */
export interface KeptTies {
  source: Int32Array;
  target: Int32Array;
  strength: Float64Array;
}

/**
 * One resampled network. With `grading`, each fact (a group of ProjectedFacts: a reported link,
 * a payment with its ties and money, one person's part in a crossing…) is kept with its chance
 * of being true, and a tie is as strong as the facts kept behind it (a tie none of whose facts
 * is kept is gone); then each tie left is dropped at the rate `dropout`. Marks the ties kept in
 * `present` (one bit per tie) and the facts kept in `keptGroup` (1 kept), both zeroed by the caller.
 */
export function resampleTies(
  ties: ProjectedTies,
  facts: ProjectedFacts | undefined,
  spec: Pick<ConfidenceSpec, 'grading' | 'dropout'>,
  rng: Rng,
  present: Uint8Array,
  keptGroup?: Uint8Array,
): KeptTies {
  const m = ties.source.length;
  let strength: Float64Array;
  if (spec.grading) {
    if (!facts) throw new Error('analytics/confidence: resampling by grading needs the projection’s facts (gatherFacts)');
    const kept = keptGroup ?? new Uint8Array(facts.keep.length);
    for (let g = 0; g < facts.keep.length; g++) kept[g] = rng.next() < facts.keep[g]! ? 1 : 0;
    strength = new Float64Array(m);
    for (let f = 0; f < facts.tie.length; f++) if (kept[facts.tieGroup[f]!]) strength[facts.tie[f]!]! += facts.strength[f]!;
  } else {
    strength = ties.strength.slice();
    keptGroup?.fill(1);
  }
  let kept = 0;
  for (let t = 0; t < m; t++) {
    if (strength[t]! > 0 && spec.dropout > 0 && rng.next() < spec.dropout) strength[t] = 0;
    if (strength[t]! > 0) kept++;
  }
  const out: KeptTies = { source: new Int32Array(kept), target: new Int32Array(kept), strength: new Float64Array(kept) };
  for (let t = 0, k = 0; t < m; t++) {
    if (!(strength[t]! > 0)) continue;
    out.source[k] = ties.source[t]!;
    out.target[k] = ties.target[t]!;
    out.strength[k++] = strength[t]!;
    markPresent(present, t);
  }
  return out;
}

/** Bit `index` of the bit set starting at byte `offset` of `bits` (a draw's kept ties or facts). */
export function isPresent(bits: Uint8Array, index: number, offset = 0): boolean {
  return (bits[offset + (index >> 3)]! & (1 << (index & 7))) !== 0;
}

export function markPresent(bits: Uint8Array, index: number, offset = 0): void {
  bits[offset + (index >> 3)]! |= 1 << (index & 7);
}
