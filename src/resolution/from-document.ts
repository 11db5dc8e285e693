import { looksLikeIban, normaliseAccountIdentifier, normaliseCode, normaliseImei, normalisePhone } from '../model/identifiers.js';
import type { IngestDocument } from '../schemas/ingest.js';
import type { ResolutionRecord } from './records.js';

/**
 * The records entity resolution compares, read straight from an ingest document (a generated
 * network, a file about to be loaded) with no database: identifier keys normalised as
 * model/identifiers.ts stores them, ties as `type:id` keys of what each record is tied to
 * (contacts, crossings, accounts, payments' other party, vessels, organisations). Used by the
 * tests and the benchmark; the service reads the same shape from Neo4j.
 */

const ok = (value: string | Error): string | undefined => (value instanceof Error ? undefined : value);

export function resolutionRecordsOf(document: IngestDocument): ResolutionRecord[] {
  const ties = new Map<string, Set<string>>();
  const tie = (a: string, b: string) => {
    if (a === b) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = ties.get(x);
      if (set) set.add(y);
      else ties.set(x, new Set([y]));
    }
  };
  for (const link of document.links ?? []) tie(`person:${link.from}`, `person:${link.to}`);
  for (const crossing of document.crossings ?? []) {
    for (const list of [crossing.organisers, crossing.pilots, crossing.recruiters, crossing.travellers])
      for (const id of list ?? []) tie(`person:${id}`, `crossing:${crossing.id}`);
    for (const id of crossing.vesselIds ?? []) tie(`vessel:${id}`, `crossing:${crossing.id}`);
  }
  for (const account of document.accounts ?? []) for (const holder of account.holders ?? []) tie(`${holder.type}:${holder.id}`, `account:${account.id}`);
  for (const payment of document.payments ?? []) tie(`${payment.payer.type}:${payment.payer.id}`, `${payment.payee.type}:${payment.payee.id}`);
  for (const relation of document.relations ?? []) tie(`${relation.from.type}:${relation.from.id}`, `${relation.to.type}:${relation.to.id}`);
  const neighbours = (key: string) => [...(ties.get(key) ?? [])].sort();

  const records: ResolutionRecord[] = [];
  for (const p of document.people ?? []) {
    const identifiers = [
      ...(p.phones ?? []).map((v) => ok(normalisePhone(v)) && `phone:${ok(normalisePhone(v))}`),
      ...(p.imeis ?? []).map((v) => ok(normaliseImei(v)) && `imei:${ok(normaliseImei(v))}`),
      ...(p.documents ?? []).map((d) => `${d.kind === 'other' ? 'document' : d.kind}:${normaliseCode(d.number)}`),
    ].filter((key): key is string => typeof key === 'string');
    records.push({
      type: 'person',
      id: p.id,
      name: p.name,
      aliases: p.aliases ?? [],
      dateOfBirth: p.dateOfBirth ?? null,
      nationality: p.nationality ?? null,
      identifiers: [...new Set(identifiers)],
      neighbours: neighbours(`person:${p.id}`),
    });
  }
  for (const o of document.organisations ?? []) {
    records.push({
      type: 'organisation',
      id: o.id,
      name: o.name,
      aliases: [],
      dateOfBirth: null,
      nationality: null,
      identifiers: [],
      neighbours: neighbours(`organisation:${o.id}`),
    });
  }
  for (const v of document.vessels ?? []) {
    const identifiers = [
      v.registration && `registration:${normaliseCode(v.registration)}`,
      v.engineSerial && `engine:${normaliseCode(v.engineSerial)}`,
      v.plate && `plate:${normaliseCode(v.plate)}`,
      v.hullId && `hull:${normaliseCode(v.hullId)}`,
    ].filter((key): key is string => typeof key === 'string');
    records.push({ type: 'vessel', id: v.id, name: v.name ?? null, aliases: [], dateOfBirth: null, nationality: null, identifiers, neighbours: neighbours(`vessel:${v.id}`) });
  }
  for (const a of document.accounts ?? []) {
    const value = a.identifier ? ok(normaliseAccountIdentifier(a.identifier)) : undefined;
    const identifiers = value ? [looksLikeIban(value) ? `iban:${value}` : `account:${value}`] : [];
    records.push({ type: 'account', id: a.id, name: null, aliases: [], dateOfBirth: null, nationality: null, identifiers, neighbours: neighbours(`account:${a.id}`) });
  }
  return records;
}
