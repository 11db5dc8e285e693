import type { AuditRepository } from '../repositories/audit-repository.js';
import { chain, type ChainPosition, GENESIS, type UnchainedRecord, type Verification, verifyStretch } from './chain.js';
import type { Checkpoint, CheckpointFile } from './checkpoints.js';

/**
 * Appends audit records with group commit: records arriving while a write is in flight wait and
 * go together in the next transaction (one lock of the chain's head for many requests), and each
 * caller is answered only when its record is committed. A request waits for its record: if the
 * write fails, so does the request. With a checkpoint file, `checkpoint()` signs the head there
 * and verify() holds the chain to every checkpoint.
 */
export function createAuditLog(repository: AuditRepository, options: { key: Buffer; checkpoints?: CheckpointFile; maxBatch?: number }) {
  const { key } = options;
  let checkpointed: number | undefined;
  const maxBatch = options.maxBatch ?? 500;
  let waiting: { record: UnchainedRecord; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        await repository.append((head) =>
          chain(
            head,
            batch.map((w) => w.record),
            key,
          ),
        );
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    // Cleared in the same tick the loop finds nothing waiting: a record appended right after
    // (by a caller that has just been answered) starts the next drain instead of waiting on this one.
    writing = undefined;
  }

  return {
    append(record: UnchainedRecord): Promise<void> {
      const written = new Promise<void>((resolve, reject) => waiting.push({ record, resolve, reject }));
      writing ??= drain();
      return written;
    },

    /** Signs the chain's head into the checkpoint file, unless it has not moved since the last one. */
    async checkpoint(): Promise<Checkpoint | undefined> {
      if (!options.checkpoints) return undefined;
      const head = (await repository.head()) ?? { seq: 0, hash: GENESIS };
      if (head.seq === checkpointed) return undefined;
      const checkpoint = { seq: head.seq, hash: head.hash, count: head.seq, at: new Date().toISOString() };
      await options.checkpoints.append(checkpoint);
      checkpointed = head.seq;
      return checkpoint;
    },

    /**
     * Re-walks the chain from the start, a page at a time, up to the head as it was when the
     * walk began (records appended meanwhile are the next walk's), then holds it to every
     * checkpoint: the record each one saw must still be there, with the hash it saw.
     */
    async verify(pageSize = 5_000): Promise<Verification> {
      const read = options.checkpoints ? await options.checkpoints.read() : { checkpoints: [], forged: [] };
      const checkpoints = {
        checked: read.checkpoints.length,
        latest: read.checkpoints.reduce<{ seq: number; at: string } | null>((latest, c) => (latest && latest.seq >= c.seq ? latest : { seq: c.seq, at: c.at }), null),
        problems: read.forged.map((f) => `checkpoint file line ${f.line}: ${f.reason}`),
      };
      const seen = new Map<number, string>(read.checkpoints.map((c) => [c.seq, '']));
      const result = await walk(pageSize, seen);
      if (!result.ok) return { ...result, checkpoints, ok: false };
      const broken = checkpointBreak(read.checkpoints, result.head, seen);
      return { ok: broken === null && checkpoints.problems.length === 0, checked: result.checked, firstBroken: broken, checkpoints };
    },
  };

  /** The chain's own links; `seen` gets the hash of each record at a checkpoint's seq. */
  async function walk(pageSize: number, seen: Map<number, string>) {
    const head = (await repository.head()) ?? { seq: 0, hash: GENESIS };
    let last: ChainPosition = { seq: 0, hash: GENESIS };
    let checked = 0;
    const note = (records: readonly { seq: number; hash: string }[]) => {
      for (const r of records) if (seen.has(r.seq)) seen.set(r.seq, r.hash);
    };
    while (last.seq < head.seq) {
      const page = (await repository.chainAfter(last.seq, pageSize)).filter((record) => record.seq <= head.seq);
      const result = verifyStretch(last, page, key);
      // Those of this page before the broken one checked out.
      if (!result.ok) return { ok: false as const, checked: checked + result.broken.seq - 1 - last.seq, firstBroken: result.broken };
      note(page);
      checked += page.length;
      if (page.length === 0) break;
      last = result.last;
    }
    if (last.seq !== head.seq || last.hash !== head.hash) {
      return {
        ok: false as const,
        checked,
        firstBroken: { seq: last.seq + 1, reason: `the chain ends at ${last.seq} but its head says ${head.seq}: records were removed from the end` },
      };
    }
    return { ok: true as const, checked, head };
  }
}

/** The first checkpoint the chain no longer matches, as a broken link. */
function checkpointBreak(checkpoints: readonly Checkpoint[], head: { seq: number }, seen: ReadonlyMap<number, string>): { seq: number; reason: string } | null {
  for (const c of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    if (c.seq > head.seq) {
      return {
        seq: head.seq + 1,
        reason: `records ${head.seq + 1} to ${c.seq} are missing: the checkpoint of ${c.at} saw ${c.count} records (removed from the end, or the trail wiped)`,
      };
    }
    if (c.seq > 0 && seen.get(c.seq) !== c.hash) {
      return { seq: c.seq, reason: `record ${c.seq} is not the one the checkpoint of ${c.at} saw (the chain was rewritten up to it)` };
    }
  }
  return null;
}

export type AuditLog = ReturnType<typeof createAuditLog>;
