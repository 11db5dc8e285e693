import { ACTIVITY_PARTS, type ActivityPart, type ProjectedFacts } from './types.js';

const PART_INDEX = new Map<ActivityPart, number>(ACTIVITY_PARTS.map((part, i) => [part, i]));

/**
 * Collects the facts behind ties and evidence while a projection is built (ProjectedFacts), for
 * rank confidence's resampling: a group per fact with its chance of being true, and each
 * contribution it makes to a tie or to a person's activity.
 */
export class FactRecorder {
  private keep: number[] = [];
  private label: string[] = [];
  private ties = { tie: [] as number[], strength: [] as number[], group: [] as number[] };
  private activity = { node: [] as number[], part: [] as number[], amount: [] as number[], currency: [] as string[], group: [] as number[] };

  /** A new fact kept with chance `keep` (its grading's confidence), citing `label`. */
  group(keep: number, label: string): number {
    this.keep.push(Math.min(1, keep));
    this.label.push(label);
    return this.keep.length - 1;
  }

  tie(tie: number, strength: number, group: number): void {
    this.ties.tie.push(tie);
    this.ties.strength.push(strength);
    this.ties.group.push(group);
  }

  activityOf(node: number, part: ActivityPart, amount: number, group: number, currency = ''): void {
    if (amount === 0) return;
    this.activity.node.push(node);
    this.activity.part.push(PART_INDEX.get(part)!);
    this.activity.amount.push(amount);
    this.activity.currency.push(currency);
    this.activity.group.push(group);
  }

  /** Ties renumbered by `tieIndex` (a relation as added → its canonical tie), nodes by `nodeIndex`. */
  finish(tieIndex: Int32Array, nodeIndex: Int32Array): ProjectedFacts {
    const { ties, activity } = this;
    return {
      keep: Float64Array.from(this.keep),
      label: this.label,
      tie: Int32Array.from(ties.tie, (old) => tieIndex[old]!),
      strength: Float64Array.from(ties.strength),
      tieGroup: Int32Array.from(ties.group),
      node: Int32Array.from(activity.node, (old) => nodeIndex[old]!),
      part: Uint8Array.from(activity.part),
      amount: Float64Array.from(activity.amount),
      currency: activity.currency,
      activityGroup: Int32Array.from(activity.group),
    };
  }
}
