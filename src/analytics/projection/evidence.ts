import { confidence } from '../weights.js';
import type { FactRecorder } from './facts.js';
import type { CrossingRow, PaymentRow, VesselRow } from './rows.js';
import type { MoneyEvidence, NodeEvidence } from './types.js';

/**
 * Gathers, per person or organisation, the facts behind the operational, financial and
 * threat-to-life parts of the harm score, with the ids an explanation cites. Kept apart
 * from the ties: the same evidence serves both projections.
 */

const LARGEST_KEPT = 5;

/** No vessel capacities are recorded, so gross overloading is a passenger count (documented). */
export const OVERLOADED_ABOVE = 50;

const PROCURING = new Set(['BOUGHT', 'OWNS', 'STORED']);

function money(): MoneyEvidence {
  return { byCurrency: {}, largest: [] };
}

/** Evidence of someone who did nothing yet; filled in as facts arrive. */
export function emptyEvidence(): NodeEvidence {
  return {
    organised: [],
    piloted: [],
    recruited: [],
    migrantsMoved: 0,
    vessels: [],
    engines: [],
    received: money(),
    passedOn: money(),
    deaths: 0,
    injuries: 0,
    overloaded: 0,
    threat: 0,
    harmfulCrossings: [],
    places: {},
  };
}

function addMoney(evidence: MoneyEvidence, payment: PaymentRow): void {
  const total = (evidence.byCurrency[payment.currency] ??= { amount: 0, payments: 0 });
  total.amount += payment.amount;
  total.payments += 1;
  const largest = evidence.largest;
  if (largest.length < LARGEST_KEPT || payment.amount > largest[largest.length - 1]![2]) {
    largest.push([payment.id, payment.currency, payment.amount]);
    largest.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
    if (largest.length > LARGEST_KEPT) largest.pop();
  }
}

export class EvidenceCollector {
  readonly evidence: (NodeEvidence | null)[];

  constructor(
    nodeCount: number,
    private readonly indexOf: (label: string, id: string | null) => number | undefined,
    /** Given when the facts are gathered (rank confidence): each one's part in what a person did. */
    private readonly facts?: FactRecorder,
  ) {
    this.evidence = new Array<NodeEvidence | null>(nodeCount).fill(null);
  }

  private readonly nodes = new Map<NodeEvidence, number>();

  private of(label: string, id: string | null): NodeEvidence | undefined {
    const i = this.indexOf(label, id);
    if (i === undefined) return undefined;
    let evidence = this.evidence[i];
    if (!evidence) {
      evidence = this.evidence[i] = emptyEvidence();
      this.nodes.set(evidence, i);
    }
    return evidence;
  }

  private nodeOf(evidence: NodeEvidence): number {
    return this.nodes.get(evidence)!;
  }

  /**
   * Organisers answer for a crossing in full: the migrants it moved and the lives it put at
   * risk. A pilot steers it and shares half the threat to life; a recruiter fills it and
   * answers for neither (their part is the recruiting, counted in the operational part).
   */
  crossing(row: CrossingRow): void {
    const passengers = row.passengers ?? 0;
    const deaths = row.deaths ?? 0;
    const injuries = row.injuries ?? 0;
    const overloaded = passengers > OVERLOADED_ABOVE ? 1 : 0;
    const threat = 10 * deaths + 3 * injuries + overloaded;
    const roles = new Map<NodeEvidence, Set<string>>();
    const graded = new Map<NodeEvidence, number>();
    for (const p of row.participants) {
      const evidence = this.of('Person', p.id);
      if (!evidence) continue;
      graded.set(evidence, Math.max(graded.get(evidence) ?? 0, confidence(p.se, p.ia)));
      const held = roles.get(evidence) ?? new Set<string>();
      if (held.has(p.role)) continue;
      held.add(p.role);
      roles.set(evidence, held);
      if (p.role === 'ORGANISED') evidence.organised.push(row.id);
      else if (p.role === 'PILOTED') evidence.piloted.push(row.id);
      else evidence.recruited.push(row.id);
    }
    for (const [evidence, held] of roles) {
      if (row.route) evidence.places[`route:${row.route}`] = (evidence.places[`route:${row.route}`] ?? 0) + 1;
      if (row.departedFrom) evidence.places[`location:${row.departedFrom}`] = (evidence.places[`location:${row.departedFrom}`] ?? 0) + 1;
      const share = held.has('ORGANISED') ? 1 : held.has('PILOTED') ? 0.5 : 0;
      if (held.has('ORGANISED')) evidence.migrantsMoved += passengers;
      if (share > 0 && threat > 0) {
        evidence.deaths += deaths;
        evidence.injuries += injuries;
        evidence.overloaded += overloaded;
        evidence.threat += share * threat;
        evidence.harmfulCrossings.push(row.id);
      }
      if (this.facts) {
        // One person's part in one crossing is one fact, as graded as their best-graded role in it.
        const node = this.nodeOf(evidence);
        const group = this.facts.group(graded.get(evidence)!, `crossing ${row.id}`);
        const organised = held.has('ORGANISED');
        const operational = (organised ? 3 + passengers / 25 : 0) + (held.has('PILOTED') ? 0.5 : 0) + (held.has('RECRUITED_FOR') ? 0.5 : 0);
        this.facts.activityOf(node, 'operational', operational, group);
        if (share > 0 && threat > 0) this.facts.activityOf(node, 'threat', share * threat, group);
      }
    }
  }

  /** `group`: the payment's fact group, when the facts are gathered (its ties share it). */
  payment(row: PaymentRow, group?: number): void {
    const payers = new Set(row.payers.map((p) => this.of(p.label, p.id)).filter((e) => e !== undefined));
    const payees = new Set(row.payees.map((p) => this.of(p.label, p.id)).filter((e) => e !== undefined));
    // Money moved between one person's own accounts is neither received nor passed on.
    for (const payer of payers) {
      if (payees.has(payer)) continue;
      addMoney(payer.passedOn, row);
      if (this.facts && group !== undefined) this.facts.activityOf(this.nodeOf(payer), 'passedOn', row.amount, group, row.currency);
    }
    for (const payee of payees) {
      if (payers.has(payee)) continue;
      addMoney(payee.received, row);
      if (this.facts && group !== undefined) this.facts.activityOf(this.nodeOf(payee), 'received', row.amount, group, row.currency);
    }
  }

  vessel(row: VesselRow): void {
    const seen = new Set<NodeEvidence>();
    for (const holder of row.holders) {
      if (!PROCURING.has(holder.type)) continue;
      const evidence = this.of(holder.label, holder.id);
      if (!evidence || seen.has(evidence)) continue;
      seen.add(evidence);
      (row.kind === 'engine' ? evidence.engines : evidence.vessels).push(row.id);
      if (this.facts) this.facts.activityOf(this.nodeOf(evidence), 'operational', 2, this.facts.group(confidence(holder.se, holder.ia), `${row.kind} ${row.id}`));
    }
  }
}
