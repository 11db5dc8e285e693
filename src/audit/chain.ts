import { createHash, createHmac } from 'node:crypto';

import { canonicalJson } from '../runs/fingerprint.js';
import { wellFormedText } from '../shared/well-formed.js';

/**
 * The audit trail's chain: each record carries the hash of the one before it and its own, an
 * HMAC-SHA256 with the audit key (AUDIT_KEY, which the database does not hold) over the
 * previous hash and the record's canonical JSON (every field but `hash`). A record changed,
 * removed or inserted afterwards breaks every link after it, and whoever holds only the database
 * cannot make the links again; verify() finds the first broken one. Records written before the
 * key existed (`mac` absent) were SHA-256: they verify so, but only before the first keyed one.
 */

export const GENESIS = createHash('sha256').update('smuggling-network-analytics audit genesis').digest('hex');

export interface AuditRecord {
  seq: number;
  at: string;
  requestId: string;
  principal: string;
  principalName: string;
  role: string;
  method: string;
  route: string;
  /** JSON: path parameters, query string, body summary (secrets redacted). */
  parameters: string;
  justification: string | null;
  investigations: string[];
  /** `type:id` of the entities the request named. */
  entities: string[];
  status: number;
  resultBytes: number;
  /** JSON: what a write changed (counts), or null. */
  changes: string | null;
  /** 'hmac-sha256' for records linked with the audit key; absent for those from before it. */
  mac?: 'hmac-sha256';
  prevHash: string;
  hash: string;
}

export type UnchainedRecord = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash' | 'mac'>;

/** A record's link: keyed records with the audit key, older ones SHA-256. */
export function hashRecord(record: Omit<AuditRecord, 'hash'>, key: Buffer): string {
  const input = `${record.prevHash}\n${canonicalJson(record)}`;
  return record.mac === 'hmac-sha256' ? createHmac('sha256', key).update(input).digest('hex') : createHash('sha256').update(input).digest('hex');
}

/**
 * Records chained after a head. Their text is made well-formed first (unpaired surrogates become
 * U+FFFD, shared/well-formed.ts): Neo4j stores it so, and the hash must be of what is read back.
 */
export function chain(head: { seq: number; hash: string }, records: readonly UnchainedRecord[], key: Buffer): AuditRecord[] {
  let { seq, hash } = head;
  return records.map((record) => {
    const linked = { ...storable(record), seq: ++seq, mac: 'hmac-sha256' as const, prevHash: hash };
    hash = hashRecord(linked, key);
    return { ...linked, hash };
  });
}

function storable(record: UnchainedRecord): UnchainedRecord {
  const text = (value: unknown): unknown => (typeof value === 'string' ? wellFormedText(value) : Array.isArray(value) ? value.map(text) : value);
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, text(value)])) as UnchainedRecord;
}

export interface Verification {
  ok: boolean;
  checked: number;
  /** The first record that does not fit (its links, or a checkpoint), and why. */
  firstBroken: { seq: number; reason: string } | null;
  /** The checkpoints outside the database the chain was held to (checkpoints.ts). */
  checkpoints: { checked: number; latest: { seq: number; at: string } | null; problems: string[] };
}

/** Where a walk of the chain has got to: the last good record, and whether keyed records have begun. */
export interface ChainPosition {
  seq: number;
  hash: string;
  keyed?: boolean;
}

/** Checks records in order, continuing from `previous` (the last good record's seq and hash). */
export function verifyStretch(
  previous: ChainPosition,
  records: readonly AuditRecord[],
  key: Buffer,
): { ok: true; last: ChainPosition } | { ok: false; broken: { seq: number; reason: string } } {
  let last = previous;
  for (const record of records) {
    if (record.seq !== last.seq + 1) return { ok: false, broken: { seq: last.seq + 1, reason: `record ${last.seq + 1} is missing (next is ${record.seq})` } };
    if (record.prevHash !== last.hash) return { ok: false, broken: { seq: record.seq, reason: 'its previous hash is not the hash of the record before it' } };
    const keyed = record.mac === 'hmac-sha256';
    if (!keyed && last.keyed)
      return { ok: false, broken: { seq: record.seq, reason: 'it is not linked with the audit key, though records before it are (written without the key)' } };
    const { hash, ...rest } = record;
    if (hashRecord(rest, key) !== hash) return { ok: false, broken: { seq: record.seq, reason: 'its content does not match its hash (changed after it was written)' } };
    last = { seq: record.seq, hash, keyed: last.keyed || keyed };
  }
  return { ok: true, last };
}
