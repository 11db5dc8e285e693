import { createHash } from 'node:crypto';

import { canonicalJson } from '../runs/fingerprint.js';
import { wellFormedText } from '../shared/well-formed.js';

/**
 * The audit trail's hash chain: each record carries the hash of the one before it and its own,
 * SHA-256 over the previous hash and the record's canonical JSON (every field but `hash`). A
 * record changed, removed or inserted afterwards breaks every hash after it; verify() finds the
 * first broken link.
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
  prevHash: string;
  hash: string;
}

export type UnchainedRecord = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256')
    .update(`${record.prevHash}\n${canonicalJson(record)}`)
    .digest('hex');
}

/**
 * Records chained after a head. Their text is made well-formed first (unpaired surrogates become
 * U+FFFD, shared/well-formed.ts): Neo4j stores it so, and the hash must be of what is read back.
 */
export function chain(head: { seq: number; hash: string }, records: readonly UnchainedRecord[]): AuditRecord[] {
  let { seq, hash } = head;
  return records.map((record) => {
    const linked = { ...storable(record), seq: ++seq, prevHash: hash };
    hash = hashRecord(linked);
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
  /** The first record that does not fit, and why. */
  firstBroken: { seq: number; reason: string } | null;
}

/** Checks records in order, continuing from `previous` (the last good record's seq and hash). */
export function verifyStretch(
  previous: { seq: number; hash: string },
  records: readonly AuditRecord[],
): { ok: true; last: { seq: number; hash: string } } | { ok: false; broken: { seq: number; reason: string } } {
  let last = previous;
  for (const record of records) {
    if (record.seq !== last.seq + 1) return { ok: false, broken: { seq: last.seq + 1, reason: `record ${last.seq + 1} is missing (next is ${record.seq})` } };
    if (record.prevHash !== last.hash) return { ok: false, broken: { seq: record.seq, reason: 'its previous hash is not the hash of the record before it' } };
    const { hash, ...rest } = record;
    if (hashRecord(rest) !== hash) return { ok: false, broken: { seq: record.seq, reason: 'its content does not match its hash (changed after it was written)' } };
    last = { seq: record.seq, hash };
  }
  return { ok: true, last };
}
