import neo4j from 'neo4j-driver';

import { ENTITY_LABELS, type EntityLabel, type EntityType, type RelationshipType } from '../model/graph-model.js';
import { type Identified, identifierKeys, KEY_KINDS_OF_FIELD, normaliseAccountIdentifier, normaliseCode, normaliseImei, normalisePhone } from '../model/identifiers.js';
import type { EntityRow, RelationRow, RelationSpec } from '../repositories/ingest-repository.js';
import type { Account, Crossing, Link, Location, Payment, Person, Relation, Route } from '../schemas/entities.js';
import type { RecordKind } from '../schemas/ingest.js';
import type { Provenance } from '../schemas/provenance.js';
import { contentHash } from './content-hash.js';

export type { EntityRow, RelationRow, RelationSpec };

/**
 * Turns one validated record into the rows the repository writes: at most one node and the
 * relations the record names. Values get their Neo4j types here (integers as Integer, dates
 * as Date, recordedAt as DateTime, coordinates as a WGS-84 point), so what is stored can be
 * compared and queried as what it is. Relations named inside a record get ids derived from
 * the record (`X-1/ORGANISED/P-7`), so re-loading the record finds them again.
 *
 * Identifiers are stored normalised (phones in E.164, IBANs without spaces) with their keys
 * (model/identifiers.ts). `searchText` and `identifierKeys` are not written from the record
 * alone: the upsert rebuilds them from everything the copy holds once the record is applied
 * (a record leaving aliases out keeps the aliases, so they stay searchable), the record's
 * keys replacing those of the fields it gives (`keyKinds`).
 */

export interface Normalised {
  entity?: { label: EntityLabel; row: EntityRow };
  relations: { spec: RelationSpec; row: RelationRow }[];
}

export interface Context {
  provenance: Provenance;
  investigations: string[];
  ingestId: string;
}

type Props = Record<string, unknown>;

export function normalise(kind: RecordKind, record: Record<string, unknown>, ctx: Context): Normalised {
  const { entity, relations } = rowsOf(kind, record, ctx);
  return {
    ...(entity ? { entity: { label: entity.label, row: withEntityHash(entity.label, entity.row) } } : {}),
    relations: relations.map(({ spec, row }) => ({ spec, row: { ...row, hash: contentHash({ spec, from: row.from, to: row.to, props: row.props, origin: row.origin }) } })),
  };
}

type Unhashed<Row> = Omit<Row, 'hash' | 'searchText'>;

/**
 * The digest of what the record writes (content-hash.ts), and the copy's searchText as the
 * upsert would build it for a copy the record creates (only then does the copy hold nothing
 * but the record): null when a text value is not a string, which only the upsert renders.
 */
function withEntityHash(label: EntityLabel, row: Unhashed<EntityRow>): EntityRow {
  const { props, relationIds, replaces, identifierKeys: keys, keyKinds } = row;
  const hash = contentHash({ label, props, relationIds, replaces, identifierKeys: keys, keyKinds });
  const values = row.textFields.flatMap((field) => (props[field] === undefined ? [] : Array.isArray(props[field]) ? (props[field] as unknown[]) : [props[field]]));
  const keysOnce = [...new Set(keys)];
  const searchText = values.every((value) => typeof value === 'string') ? [row.id, ...values, ...keysOnce].join(' | ') : null;
  return { ...row, identifierKeys: keysOnce, hash, searchText };
}

function rowsOf(
  kind: RecordKind,
  record: Record<string, unknown>,
  ctx: Context,
): { entity?: { label: EntityLabel; row: Unhashed<EntityRow> }; relations: { spec: RelationSpec; row: Unhashed<RelationRow> }[] } {
  const base = provenanceProps(ctx);
  type Rows = ReturnType<typeof rowsOf>;
  const make = (type: EntityType, props: Props, relations: Rows['relations'] = [], replaces: RelationshipType[] = []): Rows => {
    const label = ENTITY_LABELS[type];
    const id = record.id as string;
    const relationIds = relations.map((r) => r.row.id);
    const stored = compact(props);
    const search = {
      identifierKeys: identifierKeys(stored as Identified),
      keyKinds: (Object.keys(KEY_KINDS_OF_FIELD) as (keyof Identified)[]).filter((field) => stored[field] !== undefined).flatMap((field) => KEY_KINDS_OF_FIELD[field]),
      textFields: TEXT_FIELDS[type],
    };
    return { entity: { label, row: { id, props: { ...stored, ...base.props }, ...base.shared, relationIds, replaces, ...search } }, relations };
  };
  /** The relationship types of the fields this record gives. */
  const given = (fields: Partial<Record<string, RelationshipType>>) =>
    Object.entries(fields)
      .filter(([field]) => record[field] !== undefined)
      .map(([, type]) => type!);
  // A relation named inside an entity record: its id is the record's id, the type and the other
  // end with its label (`X-1/ORGANISED/Person:P-7`). Ids are URI-encoded so a `/` inside one
  // cannot make two different relations share an id.
  const derived =
    (label: EntityLabel, id: string) =>
    (spec: RelationSpec, from: string, to: string, props: Props = {}) => ({
      spec,
      row: {
        id: `${encodeURIComponent(id)}/${spec.type}/${spec.from === label ? `${spec.to}:${encodeURIComponent(to)}` : `${spec.from}:${encodeURIComponent(from)}`}`,
        from,
        to,
        props: { ...compact(props), ...base.props },
        ...base.shared,
        origin: `${label}:${id}`,
      },
    });

  switch (kind) {
    case 'person': {
      const p = record as Person;
      return make('person', {
        name: p.name,
        aliases: p.aliases,
        nationality: p.nationality,
        dateOfBirth: date(p.dateOfBirth),
        roles: p.roles,
        phones: p.phones && unique(p.phones.map((phone) => valid(normalisePhone(phone)))),
        imeis: p.imeis && unique(p.imeis.map((imei) => valid(normaliseImei(imei)))),
        documents: p.documents && unique(p.documents.map((d) => documentText({ ...d, number: normaliseCode(d.number) }))),
      });
    }
    case 'organisation':
    case 'vessel': {
      const { id: _id, source: _s, grading: _g, recordedAt: _r, investigations: _i, ...fields } = record;
      return make(kind, fields);
    }
    case 'location': {
      const l = record as Location;
      const position = l.latitude !== undefined && l.longitude !== undefined ? new neo4j.types.Point(4326, l.longitude, l.latitude) : undefined;
      return make('location', { name: l.name, kind: l.kind, country: l.country, latitude: l.latitude, longitude: l.longitude, position });
    }
    case 'route': {
      const r = record as Route;
      const rel = derived('Route', r.id);
      return make(
        'route',
        { name: r.name, kind: r.kind },
        [
          ...(r.departsFrom ? [rel({ from: 'Route', type: 'DEPARTS_FROM', to: 'Location' }, r.id, r.departsFrom)] : []),
          ...(r.arrivesAt ? [rel({ from: 'Route', type: 'ARRIVES_AT', to: 'Location' }, r.id, r.arrivesAt)] : []),
          ...unique(r.via).map((loc, order) => rel({ from: 'Route', type: 'VIA', to: 'Location' }, r.id, loc, { order: neo4j.int(order) })),
        ],
        given({ departsFrom: 'DEPARTS_FROM', arrivesAt: 'ARRIVES_AT', via: 'VIA' }),
      );
    }
    case 'crossing': {
      const c = record as Crossing;
      const rel = derived('Crossing', c.id);
      const people = (type: RelationshipType, ids: string[] | undefined) => unique(ids).map((person) => rel({ from: 'Person', type, to: 'Crossing' }, person, c.id));
      return make(
        'crossing',
        { date: date(c.date), outcome: c.outcome, passengers: int(c.passengers), deaths: int(c.deaths), injuries: int(c.injuries) },
        [
          ...people('ORGANISED', c.organisers),
          ...people('PILOTED', c.pilots),
          ...people('RECRUITED_FOR', c.recruiters),
          ...people('TRAVELLED_ON', c.travellers),
          ...unique(c.vesselIds).map((v) => rel({ from: 'Crossing', type: 'USED_VESSEL', to: 'Vessel' }, c.id, v)),
          ...(c.routeId ? [rel({ from: 'Crossing', type: 'ON_ROUTE', to: 'Route' }, c.id, c.routeId)] : []),
          ...(c.departedFrom ? [rel({ from: 'Crossing', type: 'DEPARTED_FROM', to: 'Location' }, c.id, c.departedFrom)] : []),
        ],
        given({
          organisers: 'ORGANISED',
          pilots: 'PILOTED',
          recruiters: 'RECRUITED_FOR',
          travellers: 'TRAVELLED_ON',
          vesselIds: 'USED_VESSEL',
          routeId: 'ON_ROUTE',
          departedFrom: 'DEPARTED_FROM',
        }),
      );
    }
    case 'payment': {
      const p = record as Payment;
      const rel = derived('Payment', p.id);
      return make(
        'payment',
        { amount: int(p.amount), currency: p.currency, date: date(p.date), channel: p.channel },
        [
          rel({ from: ENTITY_LABELS[p.payer.type], type: 'PAID', to: 'Payment' }, p.payer.id, p.id),
          rel({ from: 'Payment', type: 'PAID_TO', to: ENTITY_LABELS[p.payee.type] }, p.id, p.payee.id),
          ...(p.crossingId ? [rel({ from: 'Payment', type: 'FOR_CROSSING', to: 'Crossing' }, p.id, p.crossingId)] : []),
        ],
        given({ payer: 'PAID', payee: 'PAID_TO', crossingId: 'FOR_CROSSING' }),
      );
    }
    case 'account': {
      const a = record as Account;
      const rel = derived('Account', a.id);
      return make(
        'account',
        { kind: a.kind, identifier: a.identifier === undefined ? undefined : valid(normaliseAccountIdentifier(a.identifier)) },
        [...uniqueBy(a.holders ?? [], (h) => `${h.type}:${h.id}`).map((h) => rel({ from: ENTITY_LABELS[h.type], type: 'HOLDS', to: 'Account' }, h.id, a.id))],
        given({ holders: 'HOLDS' }),
      );
    }
    case 'link': {
      const l = record as Link;
      const spec: RelationSpec = { from: 'Person', type: l.type.toUpperCase() as RelationshipType, to: 'Person' };
      const props = { count: int(l.count), weight: l.weight, firstSeen: date(l.firstSeen), lastSeen: date(l.lastSeen) };
      return { relations: [{ spec, row: { id: l.id, from: l.from, to: l.to, props: { ...compact(props), ...base.props }, ...base.shared, origin: null } }] };
    }
    case 'relation': {
      const r = record as Relation;
      const spec: RelationSpec = { from: ENTITY_LABELS[r.from.type], type: r.type.toUpperCase() as RelationshipType, to: ENTITY_LABELS[r.to.type] };
      return { relations: [{ spec, row: { id: r.id, from: r.from.id, to: r.to.id, props: { ...compact({ date: date(r.date) }), ...base.props }, ...base.shared, origin: null } }] };
    }
  }
}

function provenanceProps(ctx: Context) {
  const { source, grading, recordedAt } = ctx.provenance;
  const grade = `${grading.sourceEvaluation}${grading.intelligenceAssessment}${grading.handlingCode}`;
  return {
    props: {
      source,
      sourceEvaluation: neo4j.int(grading.sourceEvaluation),
      intelligenceAssessment: grading.intelligenceAssessment,
      handlingCode: grading.handlingCode,
    },
    shared: {
      recordedAt: neo4j.types.DateTime.fromStandardDate(new Date(recordedAt)),
      investigations: ctx.investigations,
      history: JSON.stringify({ at: recordedAt, source, grading: grade, ingest: ctx.ingestId }),
    },
  };
}

function compact(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
}

function unique(ids: string[] | undefined): string[] {
  return [...new Set(ids ?? [])];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function int(value: number | undefined) {
  return value === undefined ? undefined : neo4j.int(value);
}

function date(iso: string | undefined) {
  if (iso === undefined) return undefined;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new neo4j.types.Date(y, m, d);
}

/** A value the record's schema has already checked. */
function valid(value: string | Error): string {
  if (value instanceof Error) throw new Error(`ingest/normalise: a value the schema accepted fails normalisation: ${value.message}`);
  return value;
}

/**
 * A document as stored (Neo4j keeps no maps inside lists): `kind:COUNTRY:NUMBER`, or
 * `kind:NUMBER` when the issuing country is unknown; the form a CSV cell takes.
 */
export function documentText(d: { kind: string; number: string; country?: string | undefined }): string {
  return d.country ? `${d.kind}:${d.country}:${d.number}` : `${d.kind}:${d.number}`;
}

/** The properties whose values (besides the id and the identifier keys) go into searchText. */
const TEXT_FIELDS: Record<EntityType, string[]> = {
  person: ['name', 'aliases', 'phones', 'imeis', 'documents'],
  organisation: ['name', 'kind', 'registration', 'country'],
  vessel: ['kind', 'name', 'make', 'model', 'registration', 'hullId', 'engineSerial', 'plate'],
  location: ['name'],
  route: ['name'],
  crossing: [],
  payment: [],
  account: ['identifier'],
};
