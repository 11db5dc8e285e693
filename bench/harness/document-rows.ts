import type { ProjectionOptions } from '../../src/analytics/projection/builder.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import type { CrossingRow, EmploymentRow, Graded, LinkRow, LocationRow, NodeRow, Party, PaymentRow, VesselRow } from '../../src/analytics/projection/rows.js';
import type { Projection } from '../../src/analytics/projection/types.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import type { Grading } from '../../src/schemas/provenance.js';

/**
 * The rows the people projection's queries (cypher/analytics/*.cypher) would return once a
 * generated document had been loaded, computed from the document in memory. Loading a
 * 1M-tie network through the HTTP ingest takes about half an hour on the bench machine, so
 * the analytics bench projects from these rows instead; the builder and the engine are the
 * service's own. Scope: every investigation, no time window, the request defaults for
 * grading (assessment ≤ 'D', so E-assessed noise is left out; source evaluation ≤ 3).
 *
 * What the load would have stored, and this mirrors: a relation named inside a record (a
 * crossing's organisers, a payment's payer, an account's holders) carries that record's
 * grading, or the document's default; an id that a relation names but no record defines
 * becomes an ungraded placeholder node, which the people query keeps. A document that repeats
 * an id is refused: re-statements (a later record replacing an earlier one's relations) are
 * the loader's business and are not mirrored here.
 */

export interface RowsScope {
  /** Weakest intelligence assessment kept (the request default D). */
  minAssessment: Grading['intelligenceAssessment'];
  /** Least reliable source kept (the request default 3). */
  maxSourceEvaluation: Grading['sourceEvaluation'];
}

export const DEFAULT_ROWS_SCOPE: Readonly<RowsScope> = { minAssessment: 'D', maxSourceEvaluation: 3 };

export interface DocumentRows {
  nodes: NodeRow[];
  links: LinkRow[];
  payments: PaymentRow[];
  crossings: CrossingRow[];
  vessels: VesselRow[];
  locations: LocationRow[];
  employment: EmploymentRow[];
}

interface Ref {
  type: string;
  id: string;
}

const LABEL: Readonly<Record<string, string>> = { person: 'Person', organisation: 'Organisation' };
const HOLDING = new Set(['bought', 'sold', 'owns', 'stored']);
const EMPLOYMENT = new Set(['employed_by', 'director_of']);

export function documentRows(document: IngestDocument, scope: RowsScope = DEFAULT_ROWS_SCOPE): DocumentRows {
  const fallback = document.defaults?.grading;
  const graded = (record: { grading?: Grading }): Graded => {
    const grading = record.grading ?? fallback;
    if (!grading) throw new Error('bench/harness/document-rows: a record has no grading and the document no default');
    return { se: grading.sourceEvaluation, ia: grading.intelligenceAssessment };
  };
  // Cypher compares the strings: 'A' <= 'D' keeps A to D.
  const inScope = (g: Graded) => g.ia! <= scope.minAssessment && g.se! <= scope.maxSourceEvaluation;

  const people = document.people ?? [];
  const organisations = document.organisations ?? [];
  const crossings = document.crossings ?? [];
  const payments = document.payments ?? [];
  const accounts = document.accounts ?? [];
  const links = document.links ?? [];
  const relations = document.relations ?? [];
  for (const [kind, list] of Object.entries({
    people,
    organisations,
    vessels: document.vessels ?? [],
    locations: document.locations ?? [],
    crossings,
    payments,
    accounts,
    links,
    relations,
  })) {
    unique(kind, list);
  }

  const nodes: NodeRow[] = [];
  const defined = new Set<string>();
  for (const [label, list] of [
    ['Person', people],
    ['Organisation', organisations],
  ] as const) {
    for (const record of list) {
      defined.add(`${label}:${record.id}`);
      if (inScope(graded(record))) nodes.push({ label, id: record.id, name: record.name ?? null, unresolved: false });
    }
  }
  // Placeholders: people and organisations a relation names without a record (kept: ungraded).
  const placeholder = (ref: Ref) => {
    const label = LABEL[ref.type];
    if (label === undefined || defined.has(`${label}:${ref.id}`)) return;
    defined.add(`${label}:${ref.id}`);
    nodes.push({ label, id: ref.id, name: null, unresolved: true });
  };
  const person = (id: string): Ref => ({ type: 'person', id });
  for (const c of crossings) for (const id of [...(c.organisers ?? []), ...(c.pilots ?? []), ...(c.recruiters ?? []), ...(c.travellers ?? [])]) placeholder(person(id));
  for (const p of payments) [p.payer, p.payee].forEach(placeholder);
  for (const a of accounts) (a.holders ?? []).forEach(placeholder);
  for (const l of links) [l.from, l.to].map(person).forEach(placeholder);
  for (const r of relations) [r.from, r.to].forEach(placeholder);

  const linkRows: LinkRow[] = [];
  for (const l of links) {
    const g = graded(l);
    if (inScope(g)) linkRows.push({ from: l.from, to: l.to, type: l.type.toUpperCase(), count: l.count ?? 1, ...g });
  }

  // An account stands for its holders; HOLDS relations carry the account record's grading.
  const holders = new Map<string, Party[]>();
  for (const a of accounts) {
    if (!inScope(graded(a))) continue;
    const seen = new Set<string>();
    const list: Party[] = [];
    for (const h of a.holders ?? []) {
      const key = `${h.type}:${h.id}`;
      if (!seen.has(key) && LABEL[h.type]) list.push({ label: LABEL[h.type]!, id: h.id });
      seen.add(key);
    }
    holders.set(a.id, list);
  }
  const parties = (ref: Ref): Party[] => (ref.type === 'account' ? (holders.get(ref.id) ?? []) : [{ label: LABEL[ref.type]!, id: ref.id }]);
  const paymentRows: PaymentRow[] = [];
  for (const p of payments) {
    const g = graded(p);
    if (inScope(g)) paymentRows.push({ id: p.id, amount: p.amount, currency: p.currency, ...g, payers: parties(p.payer), payees: parties(p.payee) });
  }

  const vesselKind = new Map((document.vessels ?? []).map((v) => [v.id, v.kind]));
  const crossingRows: CrossingRow[] = [];
  for (const c of crossings) {
    const g = graded(c);
    if (!inScope(g)) continue;
    const roles = [
      ['ORGANISED', c.organisers],
      ['PILOTED', c.pilots],
      ['RECRUITED_FOR', c.recruiters],
    ] as const;
    crossingRows.push({
      id: c.id,
      passengers: c.passengers ?? null,
      deaths: c.deaths ?? null,
      injuries: c.injuries ?? null,
      ...g,
      route: c.routeId ?? null,
      departedFrom: c.departedFrom ?? null,
      vessels: [...new Set(c.vesselIds ?? [])].map((id) => ({ id, kind: vesselKind.get(id) ?? 'other' })),
      participants: roles.flatMap(([role, ids]) => [...new Set(ids ?? [])].map((id) => ({ id, role, ...g }))),
    });
  }

  const vesselHolders = new Map<string, VesselRow['holders']>();
  const locationPeople = new Map<string, LocationRow['people']>();
  const employment: EmploymentRow[] = [];
  const push = <T>(map: Map<string, T[]>, key: string, item: T) => (map.get(key) ?? map.set(key, []).get(key)!).push(item);
  for (const r of relations) {
    const g = graded(r);
    if (!inScope(g)) continue;
    const from = LABEL[r.from.type];
    if (HOLDING.has(r.type) && r.to.type === 'vessel' && from) push(vesselHolders, r.to.id, { label: from, id: r.from.id, type: r.type.toUpperCase(), ...g });
    else if (r.type === 'operates_at' && r.to.type === 'location' && from) push(locationPeople, r.to.id, { label: from, id: r.from.id, ...g });
    else if (EMPLOYMENT.has(r.type) && r.from.type === 'person' && r.to.type === 'organisation')
      employment.push({ from: r.from.id, to: r.to.id, type: r.type.toUpperCase(), ...g });
  }
  // Launch sites: the query appends these after the people operating there.
  const launched = new Map<string, LocationRow['people']>();
  for (const c of crossingRows) {
    if (c.departedFrom === null) continue;
    for (const p of c.participants) push(launched, c.departedFrom, { label: 'Person', id: p.id, se: p.se, ia: p.ia });
  }

  const vesselRows: VesselRow[] = [...vesselHolders].map(([id, list]) => ({ id, kind: vesselKind.get(id) ?? 'other', holders: list }));
  const locationRows: LocationRow[] = [];
  for (const id of new Set([...locationPeople.keys(), ...launched.keys()])) {
    const list = [...(locationPeople.get(id) ?? []), ...(launched.get(id) ?? [])];
    if (list.length > 1) locationRows.push({ id, people: list });
  }

  return { nodes, links: linkRows, payments: paymentRows, crossings: crossingRows, vessels: vesselRows, locations: locationRows, employment };
}

/** Feeds the rows to a people-projection builder in the order analytics-repository.ts streams its queries. */
export function projectRows(rows: DocumentRows, options: Partial<ProjectionOptions> = {}): Projection {
  const builder = new PeopleProjectionBuilder(options);
  for (const row of rows.nodes) builder.node(row);
  for (const row of rows.links) builder.link(row);
  for (const row of rows.payments) builder.payment(row);
  for (const row of rows.crossings) builder.crossing(row);
  for (const row of rows.vessels) builder.vessel(row);
  for (const row of rows.locations) builder.location(row);
  for (const row of rows.employment) builder.employment(row);
  return builder.finish();
}

function unique(kind: string, records: readonly { id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of records) {
    if (seen.has(id)) throw new Error(`bench/harness/document-rows: ${kind} repeats id ${id}; re-statements are not mirrored`);
    seen.add(id);
  }
}
