import type { Driver } from 'neo4j-driver';

import type { AuditRecord } from '../audit/chain.js';
import { GENESIS } from '../audit/chain.js';
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

  return {
    /** One transaction: lock the head, let `link` chain the records after it, write them and move the head. */
    async append(link: (head: { seq: number; hash: string }) => AuditRecord[]): Promise<void> {
      const session = driver.session({ database });
      try {
        await session.executeWrite(async (tx) => {
          const head = recordToObject<{ seq: number; hash: string }>((await tx.run(queries['audit/head']!, { genesis: GENESIS })).records[0]!);
          const records = link(head);
          const last = records[records.length - 1]!;
          const { records: written } = await tx.run(queries['audit/append']!, {
            expectedSeq: neoInt(head.seq),
            seq: neoInt(last.seq),
            hash: last.hash,
            records: records.map(stored),
          });
          if (recordToObject<{ written: number }>(written[0]!).written !== records.length) throw new Error('audit: the chain moved while it was locked');
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
