import neo4j, { type Driver } from 'neo4j-driver';

import type { AuditRecord } from '../audit/chain.js';
import { GENESIS } from '../audit/chain.js';
import { writeOnce } from '../neo4j/auto-commit.js';
import type { Queries } from '../neo4j/queries.js';
import { neoInt, recordToObject } from '../neo4j/values.js';

export const AUDIT_QUERIES = ['audit/head', 'audit/head-read', 'audit/append', 'audit/list', 'audit/chain'] as const;

export interface AuditFilter {
  principal?: string;
  entity?: string;
  investigation?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The audit trail in Neo4j (cypher/audit/): appended under a lock on its head, read in pages. */
export function createAuditRepository(driver: Driver, database: string, queries: Queries) {
  const read = { database, routing: 'READ' as const };
  // Stored as auditedInvestigations: a node's `investigations` says which investigations' data it
  // is (queries and tests look for that), which an audit record is not.
  const stored = ({ investigations, ...record }: AuditRecord) => ({
    ...record,
    auditedInvestigations: investigations,
    seq: neoInt(record.seq),
    status: neoInt(record.status),
    resultBytes: neoInt(record.resultBytes),
  });
  /** Where this instance's last append left the chain (another instance may have moved it since). */
  let known: { seq: number; hash: string } | undefined;
  /** audit/append.cypher after `head`: the records written, 0 when the head is not `head` any more. */
  async function write(
    run: (query: string, params: Record<string, unknown>) => Promise<{ records: { toObject(): Record<string, unknown> }[] }>,
    head: { seq: number; hash: string },
    records: AuditRecord[],
  ): Promise<number> {
    const last = records[records.length - 1]!;
    const { records: written } = await run(queries['audit/append']!, {
      expectedSeq: neoInt(head.seq),
      expectedHash: head.hash,
      seq: neoInt(last.seq),
      hash: last.hash,
      records: records.map(stored),
    });
    return recordToObject<{ written: number }>(written[0]!).written;
  }

  return {
    /**
     * Lock the head, let `link` chain the records after it, write them and move the head. The
     * head this instance's last append left is tried first, in one auto-commit query (no read
     * before it); when another instance appended since (nothing written) or that query met a
     * transient error, the head is read under its lock and the records chained again after it,
     * in one retried transaction.
     */
    async append(link: (head: { seq: number; hash: string }) => AuditRecord[]): Promise<void> {
      if (known) {
        const records = link(known);
        // One auto-commit statement (neo4j/auto-commit.ts): every answer waits on this commit. A
        // transient error is retried below, as executeQuery would have, with the head read under its lock.
        const written = await write((query, params) => writeOnce(driver, database, query, params).then((rows) => ({ records: rows })), known, records).catch((error: unknown) => {
          if (neo4j.isRetryableError(error as Error)) return 0;
          throw error;
        });
        if (written === records.length) {
          known = { seq: records.at(-1)!.seq, hash: records.at(-1)!.hash };
          return;
        }
      }
      const session = driver.session({ database });
      try {
        known = await session.executeWrite(async (tx) => {
          const head = recordToObject<{ seq: number; hash: string }>((await tx.run(queries['audit/head']!, { genesis: GENESIS })).records[0]!);
          const records = link(head);
          if ((await write((query, params) => tx.run(query, params), head, records)) !== records.length) throw new Error('audit: the chain moved while it was locked');
          return { seq: records.at(-1)!.seq, hash: records.at(-1)!.hash };
        });
      } finally {
        await session.close();
      }
    },

    async head(): Promise<{ seq: number; hash: string } | undefined> {
      const { records } = await driver.executeQuery(queries['audit/head-read']!, {}, read);
      return records[0] ? recordToObject(records[0]) : undefined;
    },

    async chainAfter(after: number, limit: number): Promise<AuditRecord[]> {
      const { records } = await driver.executeQuery(queries['audit/chain']!, { after: neoInt(after), limit: neoInt(limit) }, read);
      return records.map((r) => recordToObject<{ a: AuditRecord }>(r).a).map(withNulls);
    },

    /** `allowed`: the reading admin's investigations (null: all); a limited admin reads only records of them (audit/list.cypher). */
    async list(filter: AuditFilter, allowed: readonly string[] | null): Promise<{ total: number; rows: AuditRecord[] }> {
      const { records } = await driver.executeQuery(
        queries['audit/list']!,
        {
          principal: filter.principal ?? null,
          entity: filter.entity ?? null,
          investigation: filter.investigation ?? null,
          from: filter.from ?? null,
          to: filter.to ?? null,
          limit: neoInt(filter.limit),
          offset: neoInt(filter.offset),
          allowed,
        },
        read,
      );
      const { total, rows } = recordToObject<{ total: number; rows: AuditRecord[] }>(records[0]!);
      return { total, rows: rows.map(withNulls) };
    },
  };
}

/** As written: investigations under their own name, and the nulls Neo4j does not store. */
function withNulls({ auditedInvestigations, ...record }: AuditRecord & { auditedInvestigations?: string[] }): AuditRecord {
  return { ...record, investigations: auditedInvestigations ?? [], justification: record.justification ?? null, changes: record.changes ?? null };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
