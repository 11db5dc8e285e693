import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { chain, GENESIS, hashRecord, verifyStretch } from '../../src/audit/chain.js';

const KEY = Buffer.from('a test audit key of 32 characters or more');
import { summarise } from '../../src/plugins/audit.js';
import { auditEntry } from '../support/audit-records.js';

describe('audit chain', () => {
  const records = chain({ seq: 0, hash: GENESIS }, [auditEntry(1), auditEntry(2), auditEntry(3)], KEY);

  it('numbers records after the head and links each to the one before', () => {
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]!.prevHash).toBe(GENESIS);
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
    const { hash, ...rest } = records[2]!;
    expect(hashRecord(rest, KEY)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // A second batch continues from the first one's end.
    expect(chain({ seq: 3, hash: records[2]!.hash }, [auditEntry(4)], KEY)[0]).toMatchObject({ seq: 4, prevHash: records[2]!.hash });
  });

  it('verifies an untouched chain, and finds a changed, a removed and a re-linked record', () => {
    expect(verifyStretch({ seq: 0, hash: GENESIS }, records, KEY)).toEqual({ ok: true, last: { seq: 3, hash: records[2]!.hash, keyed: true } });
    const changed = records.map((r) => (r.seq === 2 ? { ...r, status: 404 } : r));
    expect(verifyStretch({ seq: 0, hash: GENESIS }, changed, KEY)).toEqual({
      ok: false,
      broken: { seq: 2, reason: 'its content does not match its hash (changed after it was written)' },
    });
    const removed = [records[0]!, records[2]!];
    expect(verifyStretch({ seq: 0, hash: GENESIS }, removed, KEY)).toEqual({ ok: false, broken: { seq: 2, reason: 'record 2 is missing (next is 3)' } });
    // Rewritten and re-hashed, but not the records after it: the next link breaks.
    const { hash: _old, ...second } = { ...records[1]!, status: 500 };
    const rehashed = [records[0]!, { ...second, hash: hashRecord(second, KEY) }, records[2]!];
    expect(verifyStretch({ seq: 0, hash: GENESIS }, rehashed, KEY)).toEqual({ ok: false, broken: { seq: 3, reason: 'its previous hash is not the hash of the record before it' } });
  });

  it('records a streamed body as a marker and stops at a depth, so a request stream (which refers to itself) is safe', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped.self = looped;
    expect(summarise({ body: Readable.from(['x']) })).toEqual({ body: '[stream]' });
    expect(JSON.stringify(summarise(looped))).toContain('[…]');
  });

  it('records bodies without secrets, large arrays as counts', () => {
    expect(
      summarise({ name: 'night batch', apiKey: 'sna_x', nested: { password: 'p', ok: 1 }, people: Array.from({ length: 500 }, (_, i) => ({ id: `P${i}`, name: 'x'.repeat(20) })) }),
    ).toEqual({
      name: 'night batch',
      apiKey: '[redacted]',
      nested: { password: '[redacted]', ok: 1 },
      people: { count: 500 },
    });
  });
});
