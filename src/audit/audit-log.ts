import type { AuditRepository } from '../repositories/audit-repository.js';
import { chain, GENESIS, type UnchainedRecord, type Verification, verifyStretch } from './chain.js';

/**
 * Appends audit records with group commit: records arriving while a write is in flight wait and
 * go together in the next transaction (one lock of the chain's head for many requests), and each
 * caller is answered only when its record is committed. A request waits for its record: if the
 * write fails, so does the request.
 */
export function createAuditLog(repository: AuditRepository, options: { maxBatch?: number } = {}) {
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
          ),
        );
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  }

  return {
    append(record: UnchainedRecord): Promise<void> {
      const written = new Promise<void>((resolve, reject) => waiting.push({ record, resolve, reject }));
      writing ??= drain().finally(() => (writing = undefined));
      return written;
    },

    /**
     * Re-walks the chain from the start, a page at a time, up to the head as it was when the
     * walk began (records appended meanwhile are the next walk's).
     */
    async verify(pageSize = 5_000): Promise<Verification> {
      const head = (await repository.head()) ?? { seq: 0, hash: GENESIS };
      let last = { seq: 0, hash: GENESIS };
      let checked = 0;
      while (last.seq < head.seq) {
        const page = (await repository.chainAfter(last.seq, pageSize)).filter((record) => record.seq <= head.seq);
        const result = verifyStretch(last, page);
        // Those of this page before the broken one checked out.
        if (!result.ok) return { ok: false, checked: checked + result.broken.seq - 1 - last.seq, firstBroken: result.broken };
        checked += page.length;
        if (page.length === 0) break;
        last = result.last;
      }
      if (last.seq !== head.seq || last.hash !== head.hash) {
        return { ok: false, checked, firstBroken: { seq: last.seq + 1, reason: `the chain ends at ${last.seq} but its head says ${head.seq}: records were removed from the end` } };
      }
      return { ok: true, checked, firstBroken: null };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
