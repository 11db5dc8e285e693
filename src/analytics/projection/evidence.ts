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
  ) {
    this.evidence = new Array<NodeEvidence | null>(nodeCount).fill(null);
  }

  private of(label: string, id: string | null): NodeEvidence | undefined {
    const i = this.indexOf(label, id);
    if (i === undefined) return undefined;
    return (this.evidence[i] ??= emptyEvidence());
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
    for (const p of row.participants) {
      const evidence = this.of('Person', p.id);
      if (!evidence) continue;
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
    }
  }

  payment(row: PaymentRow): void {
    const payers = new Set(row.payers.map((p) => this.of(p.label, p.id)).filter((e) => e !== undefined));
    const payees = new Set(row.payees.map((p) => this.of(p.label, p.id)).filter((e) => e !== undefined));
    // Money moved between one person's own accounts is neither received nor passed on.
    for (const payer of payers) if (!payees.has(payer)) addMoney(payer.passedOn, row);
    for (const payee of payees) if (!payers.has(payee)) addMoney(payee.received, row);
  }

  vessel(row: VesselRow): void {
    const seen = new Set<NodeEvidence>();
    for (const holder of row.holders) {
      if (!PROCURING.has(holder.type)) continue;
      const evidence = this.of(holder.label, holder.id);
      if (!evidence || seen.has(evidence)) continue;
      seen.add(evidence);
      (row.kind === 'engine' ? evidence.engines : evidence.vessels).push(row.id);
    }
  }
}
