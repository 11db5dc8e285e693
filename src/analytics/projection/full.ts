import { confidence, linkVolume, type TieKind } from '../weights.js';
import { noteSelfLink, ProjectionBuilder, type ProjectionOptions } from './builder.js';
import type { RelationRow } from './rows.js';

/**
 * The full projection: every entity in scope is a node (crossings, payments, vessels,
 * locations, routes, accounts too) and every relation between two of them a tie, parallel
 * relations summed. Ties take the affinity of the kind their relation type falls under;
 * links count linkVolume(count, weight) as in the people projection. The people's evidence (crossings
 * organised, money, threat to life) is gathered the same way as there.
 */

export const KIND_OF_TYPE: Readonly<Record<string, TieKind>> = {
  PAID: 'payment',
  PAID_TO: 'payment',
  CONTACT: 'contact',
  COMMUNICATION: 'communication',
  MEETING: 'meeting',
  FAMILY: 'family',
  ASSOCIATE: 'associate',
  ORGANISED: 'crossing',
  PILOTED: 'crossing',
  RECRUITED_FOR: 'crossing',
  TRAVELLED_ON: 'crossing',
  USED_VESSEL: 'vessel',
  BOUGHT: 'vessel',
  SOLD: 'vessel',
  OWNS: 'vessel',
  STORED: 'vessel',
  STORED_AT: 'location',
  OPERATES_AT: 'location',
  DEPARTED_FROM: 'location',
  DEPARTS_FROM: 'location',
  ARRIVES_AT: 'location',
  VIA: 'location',
  EMPLOYED_BY: 'employment',
  DIRECTOR_OF: 'directorship',
};

export class FullProjectionBuilder extends ProjectionBuilder {
  constructor(options: Partial<ProjectionOptions> = {}) {
    super('full', options);
  }

  relation(row: RelationRow): void {
    this.read();
    const a = this.indexOf(row.fromLabel, row.from);
    const b = this.indexOf(row.toLabel, row.to);
    if (a === undefined || b === undefined) return this.drop('an end is outside the scope');
    if (a === b) {
      noteSelfLink(this.selfLinks, row.from);
      return this.drop('a relation from an entity to itself (no tie)');
    }
    const volume = linkVolume(row.count, row.weight);
    this.tie(a, b, KIND_OF_TYPE[row.type] ?? 'relation', confidence(row.se, row.ia), volume);
  }
}
