import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createAuditLog } from '../../src/audit/audit-log.js';
import { type AuditRecord, GENESIS } from '../../src/audit/chain.js';
import { createCheckpointFile } from '../../src/audit/checkpoints.js';
import type { AuditRepository } from '../../src/repositories/audit-repository.js';
import { canonicalJson } from '../../src/runs/fingerprint.js';
import { auditEntry } from '../support/audit-records.js';

/**
 * The audit trail against someone who holds the database but not the audit key: each rewrite
 * the issue names (an edit re-hashed, a deletion renumbered, the tail cut and the head moved,
 * everything wiped) is found, by the keyed links or by a checkpoint kept outside the database.
 * The store here is the records themselves, as an attacker with Cypher access would see them;
 * test/auth/hardening.test.ts does one such rewrite in a real Neo4j.
 */

const KEY = Buffer.from('the audit key, held apart from the database');

/** The records and the head as Neo4j holds them, open to rewriting. */
function memoryStore() {
  const store = { records: [] as AuditRecord[], head: undefined as { seq: number; hash: string } | undefined };
  const repository = {
    async append(build: (head: { seq: number; hash: string }) => AuditRecord[]) {
      const made = build(store.head ?? { seq: 0, hash: GENESIS });
      store.records.push(...made);
      const last = made.at(-1);
      if (last) store.head = { seq: last.seq, hash: last.hash };
    },
    async head() {
      return store.head;
    },
    async chainAfter(after: number, limit: number) {
      return store.records.filter((r) => r.seq > after).slice(0, limit);
    },
  } as unknown as AuditRepository;
  return { store, repository };
}

/** What an attacker without the key can do: re-link records with plain SHA-256, as the chain once was. */
function relinkWithoutKey(records: AuditRecord[], from: { seq: number; hash: string }): AuditRecord[] {
  let { hash } = from;
  return records.map((record, i) => {
    const { hash: _old, mac: _mac, ...rest } = { ...record, seq: from.seq + i + 1, prevHash: hash };
    hash = createHash('sha256')
      .update(`${rest.prevHash}\n${canonicalJson(rest)}`)
      .digest('hex');
    return { ...rest, hash };
  });
}

describe('audit tampering, by whoever holds the database but not the key', () => {
  let dir: string;
  let file: string;
  let n = 0;
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function trail(count: number) {
    dir ??= await mkdtemp(join(tmpdir(), 'sna-audit-'));
    file = join(dir, `checkpoints-${++n}.jsonl`);
    const { store, repository } = memoryStore();
    const log = createAuditLog(repository, { key: KEY, checkpoints: createCheckpointFile(file, KEY) });
    for (let i = 1; i <= count; i++) {
      await log.append(auditEntry(i));
    }
    return { store, log };
  }

  it('verifies an untouched trail against its checkpoints', async () => {
    const { log } = await trail(5);
    expect(await log.checkpoint()).toMatchObject({ seq: 5, count: 5 });
    expect(await log.checkpoint()).toBeUndefined(); // the head has not moved
    expect(await log.verify()).toEqual({ ok: true, checked: 5, firstBroken: null, checkpoints: { checked: 1, latest: { seq: 5, at: expect.any(String) }, problems: [] } });
  });

  it('finds an edit re-hashed without the key', async () => {
    const { store, log } = await trail(5);
    await log.checkpoint();
    const edited = { ...store.records[2]!, status: 403, justification: 'nothing to see' };
    store.records.splice(2, 3, ...relinkWithoutKey([edited, store.records[3]!, store.records[4]!], store.records[1]!));
    store.head = { seq: 5, hash: store.records[4]!.hash };
    expect(await log.verify()).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { seq: 3, reason: 'it is not linked with the audit key, though records before it are (written without the key)' },
    });
    // Keeping the mac field does not help: the link is not the key's.
    const forged = { ...store.records[2]!, mac: 'hmac-sha256' as const };
    store.records[2] = forged;
    expect((await log.verify()).firstBroken).toEqual({ seq: 3, reason: 'its content does not match its hash (changed after it was written)' });
  });

  it('finds a deletion renumbered and re-linked from the start', async () => {
    const { store, log } = await trail(6);
    await log.checkpoint();
    // Record 3 gone, the rest renumbered and re-linked without the key from the genesis on.
    store.records = relinkWithoutKey(
      store.records.filter((r) => r.seq !== 3),
      { seq: 0, hash: GENESIS },
    );
    store.head = { seq: 5, hash: store.records[4]!.hash };
    const verified = await log.verify();
    expect(verified.ok).toBe(false);
    // Every link checks as the old unkeyed kind, but the checkpoint saw six records.
    expect(verified.firstBroken).toEqual({ seq: 6, reason: expect.stringMatching(/^records 6 to 6 are missing: the checkpoint of .+ saw 6 records/) });
  });

  it('finds the tail cut and the head moved back', async () => {
    const { store, log } = await trail(8);
    await log.checkpoint();
    store.records = store.records.slice(0, 5);
    store.head = { seq: 5, hash: store.records[4]!.hash };
    expect(await log.verify()).toMatchObject({
      ok: false,
      checked: 5,
      firstBroken: { seq: 6, reason: expect.stringMatching(/^records 6 to 8 are missing: the checkpoint of .+ saw 8 records \(removed from the end, or the trail wiped\)$/) },
    });
  });

  it('finds every record and the head wiped', async () => {
    const { store, log } = await trail(4);
    await log.checkpoint();
    store.records = [];
    store.head = undefined;
    expect(await log.verify()).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 1, reason: expect.stringMatching(/^records 1 to 4 are missing/) } });
  });

  it('finds a chain rewritten up to a checkpoint with records of the same count', async () => {
    const { store, log } = await trail(4);
    await log.checkpoint();
    // Rebuilt from scratch with the same number of records, keyed links copied from nowhere: the
    // attacker has no key, so it links them the old way; the checkpoint's hash no longer matches.
    store.records = relinkWithoutKey(
      store.records.map((r) => ({ ...r, principal: 'key:someone-else' })),
      { seq: 0, hash: GENESIS },
    );
    store.head = { seq: 4, hash: store.records[3]!.hash };
    expect((await log.verify()).firstBroken).toEqual({ seq: 4, reason: expect.stringMatching(/^record 4 is not the one the checkpoint of .+ saw/) });
  });

  it('finds a checkpoint edited or added without the key', async () => {
    const { log } = await trail(3);
    await log.checkpoint();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const edited = { ...JSON.parse(lines[0]!), seq: 2, count: 2 };
    await writeFile(file, `${lines[0]}\n${JSON.stringify(edited)}\nnot json\n`);
    const verified = await log.verify();
    expect(verified.ok).toBe(false);
    expect(verified.checkpoints.problems).toEqual([
      'checkpoint file line 2: its signature does not match (edited, or written without the audit key)',
      'checkpoint file line 3: not JSON',
    ]);
    expect(verified.firstBroken).toBeNull();
  });
});
