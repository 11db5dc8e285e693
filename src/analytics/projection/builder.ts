import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import { typeOfLabel } from '../../model/graph-model.js';
import { DEFAULT_MONEY, type MoneySettings } from '../money.js';
import { confidence, DEFAULT_TIE_WEIGHTS, TIE_KINDS, type TieKind } from '../weights.js';
import { EvidenceCollector } from './evidence.js';
import { FactRecorder } from './facts.js';
import type { CrossingRow, Graded, NodeRow, PaymentRow, VesselRow } from './rows.js';
import { drain, TieAccumulator } from './tie-accumulator.js';
import type { ProjectedFacts, ProjectedNode, Projection } from './types.js';

export interface ProjectionOptions {
  tieWeights: Readonly<Record<TieKind, number>>;
  /** Tie kinds kept; all when undefined. */
  tieKinds?: ReadonlySet<TieKind>;
  /** A location shared by more people than this ties none of them. */
  sharedLocationCap: number;
  /** Stop with TooManyTiesError past this many ties. */
  maxTies?: number;
  /** How payment amounts along ties are put in one currency. */
  money: MoneySettings;
  /**
   * False: nodes, evidence and what was dropped only, no ties (the GDS engine computes them
   * inside Neo4j, analysis/gds/). Everything else is read and checked as usual.
   */
  gatherTies: boolean;
  /** Keep every fact behind the ties with its grading (Projection.facts), for resampling. */
  gatherFacts?: boolean;
}

export const DEFAULT_PROJECTION_OPTIONS: ProjectionOptions = {
  tieWeights: DEFAULT_TIE_WEIGHTS,
  sharedLocationCap: 30,
  money: DEFAULT_MONEY,
  gatherTies: true,
};

/**
 * What both projections share: nodes first (so ties can be indexed), then facts, each either
 * turned into ties and evidence or counted under a reason in `dropped`.
 */
export abstract class ProjectionBuilder {
  protected readonly nodes: ProjectedNode[] = [];
  /**
   * Each node's index by type, then id: a lookup hashes the id string as it came (V8 keeps a
   * string's hash), where a `type:id` key would be a new string to hash per end of every link.
   */
  private readonly index = new Map<string, Map<string, number>>();
  private ties?: TieAccumulator;
  private collector?: EvidenceCollector;
  private readonly dropped = new Map<string, number>();
  /** Ids of people reported as linked to themselves (first few) and how many such links. */
  protected readonly selfLinks = { ids: [] as string[], count: 0 };
  private relationsRead = 0;
  /** The facts (gatherFacts), each tie named by its relation as added (merged() gives its tie); see ProjectedFacts. */
  private readonly facts = new FactRecorder();
  /** The group of the payment being read: its ties and its money are one fact. */
  protected paymentGroup: number | undefined;
  protected readonly options: ProjectionOptions;

  constructor(
    private readonly kind: Projection['kind'],
    options: Partial<ProjectionOptions> = {},
  ) {
    this.options = { ...DEFAULT_PROJECTION_OPTIONS, ...options };
  }

  node(row: NodeRow): void {
    if (this.ties) throw new Error('analytics/projection: nodes must come before relations');
    const type = typeOfLabel(row.label);
    const key = `${type}:${row.id}`;
    let ofType = this.index.get(type);
    if (!ofType) this.index.set(type, (ofType = new Map()));
    const seen = ofType.get(row.id);
    if (seen !== undefined) {
      // Another investigation's copy of the same entity: a loaded copy names it over a placeholder.
      const node = this.nodes[seen]!;
      if (node.unresolved && !row.unresolved) this.nodes[seen] = { ...node, name: row.name, unresolved: false };
      return;
    }
    ofType.set(row.id, this.nodes.length);
    this.nodes.push({ key, type, id: row.id, name: row.name, unresolved: row.unresolved });
  }

  /** A null id is an end whose own copy is outside the scope or graded too weakly (cypher/analytics/): never found. */
  protected indexOf(label: string, id: string | null): number | undefined {
    return id === null ? undefined : this.index.get(typeOfLabel(label))?.get(id);
  }

  private get accumulator(): TieAccumulator {
    return (this.ties ??= new TieAccumulator(this.options.maxTies));
  }

  protected get evidence(): EvidenceCollector {
    return (this.collector ??= new EvidenceCollector(this.nodes.length, (label, id) => this.indexOf(label, id), this.options.gatherFacts ? this.facts : undefined));
  }

  protected drop(reason: string, count = 1): void {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + count);
  }

  protected read(count = 1): void {
    this.relationsRead += count;
  }

  protected keeps(kind: TieKind): boolean {
    return this.options.tieKinds?.has(kind) ?? true;
  }

  /** Adds a tie of `kind` with `volume` relations' worth of affinity at the given confidence. */
  protected tie(a: number, b: number, kind: TieKind, confidenceFactor: number, volume = 1, money = 0, group?: number): void {
    if (!this.options.gatherTies || !this.keeps(kind)) return;
    if (this.options.tieWeights[kind] === 0) return this.drop(`tieWeights.${kind} is 0 (no tie)`);
    const strength = this.options.tieWeights[kind] * confidenceFactor * volume;
    const relation = this.accumulator.add(a, b, kind, strength, money);
    if (this.options.gatherFacts && relation >= 0) this.facts.tie(relation, strength, group ?? this.facts.group(confidenceFactor, ''));
  }

  /** Ties every pair among `members` (index, confidence), each pair at the weaker confidence. */
  protected clique(members: Map<number, number>, kind: TieKind): void {
    const list = [...members];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        this.tie(list[i]![0], list[j]![0], kind, Math.min(list[i]![1], list[j]![1]));
      }
    }
  }

  /** Distinct members in scope with their best confidence; counts those outside under `reason`. */
  protected members(parties: readonly ({ label: string; id: string | null } & Graded)[], reason: string): Map<number, number> {
    const found = new Map<number, number>();
    for (const party of parties) {
      const i = this.indexOf(party.label, party.id);
      if (i === undefined) {
        this.drop(reason);
        continue;
      }
      found.set(i, Math.max(found.get(i) ?? 0, confidence(party.se, party.ia)));
    }
    return found;
  }

  crossing(row: CrossingRow): void {
    this.evidence.crossing(row);
  }

  payment(row: PaymentRow): void {
    this.paymentGroup = this.options.gatherFacts ? this.facts.group(confidence(row.se, row.ia), `payment ${row.id}`) : undefined;
    this.evidence.payment(row, this.paymentGroup);
  }

  vessel(row: VesselRow): void {
    this.evidence.vessel(row);
  }

  /**
   * The projection in a canonical order, whatever order Neo4j streamed it in: nodes by key,
   * ties by their ends, evidence ids sorted. Louvain visits nodes in graph order, so this is
   * what makes "same seed, same data, same communities" hold.
   */
  finish(): Projection {
    return drain(this.finishing());
  }

  /**
   * finish(), letting the event loop go between its steps: at 1M ties putting the ties in order
   * took over a second in one piece, in which the service answered nothing (analysis/scope-read.ts);
   * its longest step is now the allocation of the merged ties' columns (30–60 ms at 1M ties).
   */
  async finishYielding(): Promise<Projection> {
    const steps = this.finishing();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await yieldToEventLoop();
    }
  }

  /** finish()'s work; each `yield` is a point where the event loop may be let go (a few milliseconds apart). */
  private *finishing(): Generator<void, Projection, void> {
    const evidence = this.evidence.evidence;
    const n = this.nodes.length;
    const order = yield* keyOrder(this.nodes.map((node) => node.key));
    const position = new Int32Array(n);
    order.forEach((old, i) => (position[old] = i));
    const { ties, tieOf } = yield* this.accumulator.merged(position, n);

    yield;
    for (const e of evidence) {
      if (!e) continue;
      for (const list of [e.organised, e.piloted, e.recruited, e.vessels, e.engines, e.harmfulCrossings]) list.sort();
    }
    return {
      kind: this.kind,
      nodes: Array.from(order, (i) => this.nodes[i]!),
      ties,
      evidence: Array.from(order, (i) => evidence[i] ?? null),
      dropped: [...this.dropped].map(([reason, count]) => ({ reason, count })).sort((a, b) => (a.reason < b.reason ? -1 : 1)),
      relationsRead: this.relationsRead,
      tieKinds: TIE_KINDS,
      ...(this.options.gatherFacts ? { facts: this.finishFacts(tieOf, position) } : {}),
      warnings: this.selfLinks.count === 0 ? [] : [selfLinkWarning(this.selfLinks)],
    };
  }

  /** The facts, their ties and nodes renumbered as the canonical order numbers them. */
  private finishFacts(tieOf: Int32Array, position: Int32Array): ProjectedFacts {
    return this.facts.finish(tieOf, position);
  }
}

/** Keys sorted, or merged, between two chances for the event loop (keyOrder): a few milliseconds' worth. */
const KEYS_PER_STEP = 16_384;

/**
 * Indexes of `keys` (distinct) in the order of the keys, as `<` compares them (UTF-16 code
 * units): slices sorted one at a time, then merged pairwise, yielding between steps. The whole
 * sort in one call, and the index lookups after it, held the event loop 400 ms at 200k people.
 */
export function* keyOrder(keys: readonly string[]): Generator<void, Int32Array, void> {
  const n = keys.length;
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  const byKey = (a: number, b: number) => (keys[a]! < keys[b]! ? -1 : 1);
  for (let start = 0; start < n; start += KEYS_PER_STEP) {
    const end = Math.min(n, start + KEYS_PER_STEP);
    for (let i = start; i < end; i++) from[i] = i;
    from.subarray(start, end).sort(byKey);
    yield;
  }
  for (let width = KEYS_PER_STEP; width < n; width *= 2) {
    let out = 0;
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(n, left + width);
      const right = Math.min(n, left + 2 * width);
      let i = left;
      let j = middle;
      while (i < middle || j < right) {
        to[out++] = j >= right || (i < middle && keys[from[i]!]! < keys[from[j]!]!) ? from[i++]! : from[j++]!;
        if (out % KEYS_PER_STEP === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

function selfLinkWarning({ ids, count }: { ids: string[]; count: number }): string {
  // In id order: the links arrive from several partitions at once, in no fixed order.
  const shown = [...ids].sort().slice(0, 3).join(', ');
  const more = ids.length > 3 ? ` and ${ids.length - 3} more` : '';
  return `${count} reported link${count === 1 ? '' : 's'} tie${count === 1 ? 's' : ''} a person to themselves (${shown}${more}): no tie made; check the source records`;
}

/** Notes a link whose two ends are one person. */
export function noteSelfLink(selfLinks: { ids: string[]; count: number }, id: string): void {
  selfLinks.count++;
  if (!selfLinks.ids.includes(id)) selfLinks.ids.push(id);
}
