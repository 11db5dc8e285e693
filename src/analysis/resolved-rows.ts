import type { CrossingRow, FullRowSink, Party, PaymentRow, PeopleRowSink, VesselRow } from '../analytics/projection/rows.js';
import type { Projection } from '../analytics/projection/types.js';
import { typeOfLabel } from '../model/graph-model.js';
import { type Resolution, seenAs } from '../resolution/clusters.js';

/**
 * A scope's rows as the resolved network has them (scope.resolution): between the repository
 * and the projection builder, every id of a merged record becomes its entity's id, so node rows
 * of one entity's records collapse (the builder merges rows of one key, as it does an entity's
 * copies) and every tie of its records lands on it. Node rows come first in every query order
 * (analytics-repository.ts), so the entity exists before its ties. A tie between two records
 * of one entity is dropped and counted; parallel ties add up as they do for one id.
 */

const DROPPED = 'a tie between records resolved as one entity (scope.resolution)';

export class RowResolver {
  private dropped = 0;

  /** `resolution.names`: each entity's name (its own record's), by `type:id`. */
  constructor(private readonly resolution: Resolution & { names?: ReadonlyMap<string, string | null> }) {}

  id(label: string, id: string | null): string | null {
    // With nothing merged every id stays as it is: no `type:id` key made per id looked up.
    if (id === null || this.resolution.idOf.size === 0) return id;
    return this.resolution.idOf.get(`${typeOfLabel(label)}:${id}`) ?? id;
  }

  /** Whether a tie from a to b joins two records of one entity (then it is dropped). */
  private joinsOne(label: string, a: string | null, b: string | null, labelB = label): boolean {
    const same = a !== null && b !== null && a !== b && label === labelB && this.id(label, a) === this.id(labelB, b);
    if (same) this.dropped++;
    return same;
  }

  private parties(parties: Party[]): Party[] {
    const seen = new Set<string>();
    return parties
      .map((p) => ({ ...p, id: this.id(p.label, p.id) }))
      .filter((p) => {
        const key = `${p.label}:${p.id}`;
        if (p.id !== null && seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  private payment(row: PaymentRow): PaymentRow {
    return { ...row, payers: this.parties(row.payers), payees: this.parties(row.payees) };
  }

  private crossing(row: CrossingRow): CrossingRow {
    const seen = new Set<string>();
    const participants = row.participants
      .map((p) => ({ ...p, id: this.id('Person', p.id) }))
      .filter((p) => p.id === null || (!seen.has(`${p.role}:${p.id}`) && seen.add(`${p.role}:${p.id}`) !== undefined));
    const vessels = [...new Map(row.vessels.map((v) => [this.id('Vessel', v.id)!, { ...v, id: this.id('Vessel', v.id)! }])).values()];
    return { ...row, participants, vessels };
  }

  private vessel(row: VesselRow): VesselRow {
    return { ...row, id: this.id('Vessel', row.id)!, holders: row.holders.map((h) => ({ ...h, id: this.id(h.label, h.id) })) };
  }

  private node<T extends { label: string; id: string; name: string | null }>(row: T): T {
    const id = this.id(row.label, row.id)!;
    if (id === row.id) return row;
    const key = `${typeOfLabel(row.label)}:${id}`;
    return { ...row, id, name: this.resolution.names?.get(key) ?? row.name };
  }

  people(sink: PeopleRowSink): PeopleRowSink {
    // With no record merged a link passes as it came: at 10M links a copy of each, with two
    // `type:id` keys made to look up, was a tenth of the read's time.
    const merges = this.resolution.idOf.size > 0;
    return {
      node: (row) => sink.node(this.node(row)),
      link: merges
        ? (row) => {
            if (!this.joinsOne('Person', row.from, row.to)) sink.link({ ...row, from: this.id('Person', row.from), to: this.id('Person', row.to) });
          }
        : (row) => sink.link(row),
      // Counted links cannot be resolved: scope-read.ts reads them as rows when the scope is resolved.
      linkSummary: (summary) => sink.linkSummary(summary),
      payment: (row) => sink.payment(this.payment(row)),
      crossing: (row) => sink.crossing(this.crossing(row)),
      vessel: (row) => sink.vessel(this.vessel(row)),
      location: (row) => sink.location({ ...row, people: row.people.map((p) => ({ ...p, id: this.id(p.label, p.id) })) }),
      employment: (row) => sink.employment({ ...row, from: this.id('Person', row.from), to: this.id('Organisation', row.to) }),
    };
  }

  full(sink: FullRowSink): FullRowSink {
    return {
      node: (row) => sink.node(this.node(row)),
      relation: (row) => {
        if (!this.joinsOne(row.fromLabel, row.from, row.to, row.toLabel)) sink.relation({ ...row, from: this.id(row.fromLabel, row.from)!, to: this.id(row.toLabel, row.to)! });
      },
      crossing: (row) => sink.crossing(this.crossing(row)),
      payment: (row) => sink.payment(this.payment(row)),
      vessel: (row) => sink.vessel(this.vessel(row)),
    };
  }

  /** The projection with each resolved entity naming its records and why, and the dropped ties counted. */
  finish(projection: Projection): Projection {
    const nodes = projection.nodes.map((node) => {
      const cluster = this.resolution.clusters.get(node.key);
      return cluster ? { ...node, records: cluster.records, resolution: seenAs(cluster) } : node;
    });
    const dropped = this.dropped > 0 ? [...projection.dropped, { reason: DROPPED, count: this.dropped }] : projection.dropped;
    return { ...projection, nodes, dropped };
  }
}
