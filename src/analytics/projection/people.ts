import { splitShare, toReporting } from '../money.js';
import { confidence, linkVolume, type TieKind } from '../weights.js';
import { noteSelfLink, ProjectionBuilder, type ProjectionOptions } from './builder.js';
import type { CrossingRow, EmploymentRow, LinkRow, LinkSummary, LocationRow, PaymentRow, VesselRow } from './rows.js';

/**
 * The people projection: people and organisations as nodes, tied by what they share.
 *
 * - payment: payer and payee (an account stands for its holders; a payment split across
 *   several holder pairs adds one payment's worth in all);
 * - contact, communication, meeting, family, associate: the reported link, volume
 *   linkVolume(count, weight): 1 + ln(weight, else count), a weight up to 1 as it is;
 * - crossing: every pair of people who organised, piloted or recruited for the same crossing
 *   (passengers are not tied to each other: a boat of 60 strangers is no network);
 * - vessel: every pair who bought, sold, own or stored the same boat, engine or vehicle;
 * - location: every pair operating at or launching from the same place, unless more than
 *   `sharedLocationCap` people share it;
 * - employment, directorship: person to organisation.
 * A derived tie's confidence is the weaker of its two sides' (a chain is as strong as its
 * weakest link).
 */

const LINK_KINDS: Readonly<Record<string, TieKind>> = {
  CONTACT: 'contact',
  COMMUNICATION: 'communication',
  MEETING: 'meeting',
  FAMILY: 'family',
  ASSOCIATE: 'associate',
};

const OUTSIDE = 'an end is outside the scope';
const SELF_LINK = 'a link from a person to themselves (no tie)';

export class PeopleProjectionBuilder extends ProjectionBuilder {
  constructor(options: Partial<ProjectionOptions> = {}) {
    super('people', options);
  }

  link(row: LinkRow): void {
    this.read();
    const a = this.indexOf('Person', row.from);
    const b = this.indexOf('Person', row.to);
    const kind = LINK_KINDS[row.type];
    if (a === undefined || b === undefined || !kind) return this.drop(OUTSIDE);
    if (a === b) {
      noteSelfLink(this.selfLinks, row.from!); // both ends found: neither is null
      return this.drop(SELF_LINK);
    }
    this.tie(a, b, kind, confidence(row.se, row.ia), linkVolume(row.count, row.weight));
  }

  /** What link() leaves of the links when no tie is gathered: the count, the ends outside, the self-links. */
  linkSummary({ rows, outside, selfLinks }: LinkSummary): void {
    if (this.options.gatherTies) throw new Error('projection/people: a link summary stands for link rows only when no tie is gathered');
    this.read(rows);
    if (outside > 0) this.drop(OUTSIDE, outside);
    for (const id of selfLinks) noteSelfLink(this.selfLinks, id);
    if (selfLinks.length > 0) this.drop(SELF_LINK, selfLinks.length);
  }

  override payment(row: PaymentRow): void {
    this.read();
    super.payment(row);
    const grade = confidence(row.se, row.ia);
    const payers = this.members(
      row.payers.map((p) => ({ ...p, se: row.se, ia: row.ia })),
      'payment: a payer is outside the scope',
    );
    const payees = this.members(
      row.payees.map((p) => ({ ...p, se: row.se, ia: row.ia })),
      'payment: a payee is outside the scope',
    );
    if (payers.size === 0 || payees.size === 0) return this.drop('payment with no payer or payee in scope (an account with no known holder?)');
    const amount = toReporting(row.amount, row.currency, this.options.money);
    if (amount === undefined) this.drop(`payment in ${row.currency}: no exchange rate, amount left out of money flows (tie kept)`);
    // Whole minor units per pair, the odd ones to the first pairs by key (as gds/people-ties.cypher does).
    const byKey = (found: Map<number, number>) => [...found.keys()].sort((x, y) => (this.nodes[x]!.key < this.nodes[y]!.key ? -1 : 1));
    const pairs = payers.size * payees.size;
    let k = 0;
    for (const a of byKey(payers)) for (const b of byKey(payees)) this.tie(a, b, 'payment', grade, 1 / pairs, splitShare(amount ?? 0, pairs, k++), this.paymentGroup);
  }

  override crossing(row: CrossingRow): void {
    this.read();
    super.crossing(row);
    this.clique(
      this.members(
        row.participants.map((p) => ({ label: 'Person', ...p })),
        `crossing: ${OUTSIDE}`,
      ),
      'crossing',
    );
  }

  override vessel(row: VesselRow): void {
    this.read();
    super.vessel(row);
    this.clique(this.members(row.holders, `vessel: ${OUTSIDE}`), 'vessel');
  }

  location(row: LocationRow): void {
    this.read();
    const people = this.members(row.people, `location: ${OUTSIDE}`);
    if (people.size > this.options.sharedLocationCap) {
      return this.drop(`location shared by more than ${this.options.sharedLocationCap} people (no ties)`);
    }
    this.clique(people, 'location');
  }

  employment(row: EmploymentRow): void {
    this.read();
    const a = this.indexOf('Person', row.from);
    const b = this.indexOf('Organisation', row.to);
    if (a === undefined || b === undefined) return this.drop(OUTSIDE);
    this.tie(a, b, row.type === 'DIRECTOR_OF' ? 'directorship' : 'employment', confidence(row.se, row.ia));
  }
}
