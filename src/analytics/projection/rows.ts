/**
 * The rows the projection queries in cypher/analytics/ return, one type per query. The
 * builders consume them one at a time, so a projection is read in one streaming pass.
 */

export interface Party {
  label: string;
  /** Null when the party's own copy is outside the scope or graded too weakly: counted as dropped. */
  id: string | null;
}

export interface Graded {
  /** Source evaluation 1–3; null for an ungraded placeholder. */
  se: number | null;
  /** Intelligence assessment A–E; null for an ungraded placeholder. */
  ia: string | null;
}

export interface NodeRow {
  label: string;
  id: string;
  name: string | null;
  unresolved: boolean;
}

/** A reported person–person link (CONTACT, COMMUNICATION, MEETING, FAMILY, ASSOCIATE). */
export interface LinkRow extends Graded {
  /** Null when that end's own copy is outside the scope or graded too weakly. */
  from: string | null;
  to: string | null;
  type: string;
  count: number;
  /** The link's decimal weight; null when it has none (then count is the measure). */
  weight?: number | null;
}

/** One payment with its payers and payees (an account stands for its holders in scope). */
export interface PaymentRow extends Graded {
  id: string;
  amount: number;
  currency: string;
  payers: Party[];
  payees: Party[];
}

export interface CrossingRow extends Graded {
  id: string;
  passengers: number | null;
  deaths: number | null;
  injuries: number | null;
  route: string | null;
  departedFrom: string | null;
  vessels: { id: string; kind: string }[];
  participants: (Graded & { id: string | null; role: 'ORGANISED' | 'PILOTED' | 'RECRUITED_FOR' })[];
}

/** The people and organisations that bought, sold, own or stored one vessel. */
export interface VesselRow {
  id: string;
  kind: string;
  holders: (Party & Graded & { type: string })[];
}

/** The people and organisations tied to one location (operating there, launching from it). */
export interface LocationRow {
  id: string;
  people: (Party & Graded)[];
}

/** Person → organisation (EMPLOYED_BY, DIRECTOR_OF). */
export interface EmploymentRow extends Graded {
  /** Null when that end's own copy is outside the scope or graded too weakly. */
  from: string | null;
  to: string | null;
  type: string;
}

/** Any relation between two entities (full projection). */
export interface RelationRow extends Graded {
  fromLabel: string;
  from: string;
  toLabel: string;
  to: string;
  type: string;
  count: number | null;
  weight?: number | null;
}

/**
 * The scope's person–person links counted where they are instead of read row by row, for a
 * projection that gathers no ties (the GDS engine's): how many, how many with an end outside the
 * scope, and the person of each link from a person to themselves.
 */
export interface LinkSummary {
  rows: number;
  outside: number;
  selfLinks: string[];
}

/** Where the people projection's rows go, one call per row in query order (people.ts builds from them). */
export interface PeopleRowSink {
  node(row: NodeRow): void;
  link(row: LinkRow): void;
  /** The links as counted in Neo4j, when the read asks for no link rows (RowSink `links: 'summary'`). */
  linkSummary(summary: LinkSummary): void;
  payment(row: PaymentRow): void;
  crossing(row: CrossingRow): void;
  vessel(row: VesselRow): void;
  location(row: LocationRow): void;
  employment(row: EmploymentRow): void;
}

/** Where the full projection's rows go (full.ts builds from them). */
export interface FullRowSink {
  node(row: NodeRow): void;
  relation(row: RelationRow): void;
  crossing(row: CrossingRow): void;
  payment(row: PaymentRow): void;
  vessel(row: VesselRow): void;
}

/** A scope's rows and the sink for its projection's kind. */
export type RowSink = { projection: 'people'; rows: PeopleRowSink; links?: 'rows' | 'summary' } | { projection: 'full'; rows: FullRowSink };
