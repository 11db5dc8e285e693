import { randomUUID } from 'node:crypto';

import type { EntityLabel } from '../model/graph-model.js';
import type { IngestRepository } from '../repositories/ingest-repository.js';
import type { IngestHeader } from '../schemas/ingest.js';
import type { IngestReport, Rejection } from '../schemas/ingest-report.js';
import { type EntityRow, normalise, type RelationRow, type RelationSpec } from './normalise.js';
import type { Checked } from './validate.js';

/**
 * Writes validated records in batches and keeps the ingest report. Entities are buffered per
 * label and relations per (from, type, to); before any relation batch is written every entity
 * buffer is flushed, so a relation finds the entities of the same load and placeholders are
 * made only for ids that really are missing. A record repeating an id still waiting in a
 * buffer flushes first (an entity: everything, so the earlier version's relations are written
 * before the later version replaces them), so a later record for an id updates the earlier
 * one, in order.
 */

const MAX_LISTED = 1000;

export class IngestInterruptedError extends Error {
  override name = 'IngestInterruptedError';
  constructor(
    readonly report: IngestReport,
    override readonly cause: unknown,
  ) {
    super(`ingest stopped after ${report.committedBatches} committed batches: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

interface Buffer<Row> {
  rows: Row[];
  ids: Set<string>;
}

export class IngestLoader {
  readonly ingestId = randomUUID();
  private readonly entities = new Map<EntityLabel, Buffer<EntityRow>>();
  private readonly relations = new Map<string, { spec: RelationSpec; rows: RelationRow[] }>();
  /** `TYPE|id` of every relation waiting in a buffer → that buffer's key. */
  private readonly pendingRelations = new Map<string, string>();
  private started = false;
  private readonly placeholders = new Map<EntityLabel, Set<string>>();
  readonly report: IngestReport;

  constructor(
    private readonly repository: IngestRepository,
    private readonly header: IngestHeader,
    private readonly batchSize: number,
    atomic: boolean,
  ) {
    this.report = {
      ingestId: this.ingestId,
      status: 'completed',
      atomic,
      received: 0,
      accepted: 0,
      rejected: 0,
      entities: {},
      relations: {},
      placeholders: { count: 0, items: [] },
      rejections: [],
      committedBatches: 0,
      batches: [],
    };
  }

  /** Counts a record that failed validation, with one entry per problem; the report lists the first MAX_LISTED. */
  reject(problems: Rejection[]): void {
    this.report.received += 1;
    this.report.rejected += 1;
    for (const problem of problems) if (this.report.rejections.length < MAX_LISTED) this.report.rejections.push(problem);
  }

  async add(checked: Extract<Checked, { ok: true }>): Promise<void> {
    if (!this.started) {
      // Investigations are written with the first valid record, not for a load with none.
      await this.guard(() => this.repository.upsertInvestigations(this.header.investigations));
      this.started = true;
    }
    this.report.received += 1;
    this.report.accepted += 1;
    const { entity, relations } = normalise(checked.kind, checked.record, {
      provenance: checked.provenance,
      investigations: checked.investigations,
      ingestId: this.ingestId,
    });
    if (entity) {
      const buffer = this.buffer(this.entities, entity.label, () => ({ rows: [], ids: new Set<string>() }));
      if (buffer.ids.has(entity.row.id)) await this.flushEverything();
      this.push(buffer, entity.row);
      if (buffer.rows.length >= this.batchSize) await this.flushEntities(entity.label);
    }
    for (const { spec, row } of relations) {
      const key = `${spec.from}-${spec.type}->${spec.to}`;
      const buffer = this.buffer(this.relations, key, () => ({ spec, rows: [] }));
      // The same id may wait under other end labels (a payer that changed type): keep the order.
      const waiting = this.pendingRelations.get(`${spec.type}|${row.id}`);
      if (waiting !== undefined) await this.flushRelations(waiting);
      buffer.rows.push(row);
      this.pendingRelations.set(`${spec.type}|${row.id}`, key);
      if (buffer.rows.length >= this.batchSize) await this.flushRelations(key);
    }
  }

  async finish(): Promise<IngestReport> {
    await this.flushEverything();
    let listed = 0;
    for (const [label, ids] of this.placeholders) {
      const still = await this.guard(() =>
        this.repository.unresolved(
          label,
          [...ids],
          this.header.investigations.map((i) => i.id),
        ),
      );
      this.report.placeholders.count += still.length;
      for (const id of still) if (listed++ < MAX_LISTED) this.report.placeholders.items.push({ label, id });
    }
    if (this.report.rejected > 0) this.report.status = this.report.accepted > 0 ? 'partial' : 'rejected';
    return this.report;
  }

  private buffer<K, B>(map: Map<K, B>, key: K, make: () => B): B {
    let buffer = map.get(key);
    if (!buffer) map.set(key, (buffer = make()));
    return buffer;
  }

  private async flushEverything(): Promise<void> {
    for (const key of [...this.relations.keys()]) await this.flushRelations(key);
    await this.flushAllEntities();
  }

  private push<Row extends { id: string }>(buffer: Buffer<Row>, row: Row): void {
    buffer.rows.push(row);
    buffer.ids.add(row.id);
  }

  private async flushAllEntities(): Promise<void> {
    for (const label of this.entities.keys()) await this.flushEntities(label);
  }

  private async flushEntities(label: EntityLabel): Promise<void> {
    const buffer = this.entities.get(label);
    if (!buffer || buffer.rows.length === 0) return;
    const rows = buffer.rows.splice(0);
    buffer.ids.clear();
    const result = await this.guard(() => this.repository.writeEntities(label, rows));
    const counts = (this.report.entities[label] ??= { created: 0, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 });
    counts.created += result.created;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    counts.resolved += result.resolved;
    counts.relationsRemoved += result.relationsRemoved;
    this.committed(label, rows.length, result.dataVersion);
  }

  private async flushRelations(key: string): Promise<void> {
    const buffer = this.relations.get(key);
    if (!buffer || buffer.rows.length === 0) return;
    await this.flushAllEntities();
    const rows = buffer.rows.splice(0);
    const { spec } = buffer;
    for (const row of rows) this.pendingRelations.delete(`${spec.type}|${row.id}`);
    const result = await this.guard(() => this.repository.writeRelations(spec, rows, this.ingestId));
    const counts = (this.report.relations[spec.type] ??= { created: 0, updated: 0, unchanged: 0 });
    counts.created += result.created;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    for (const id of result.fromPlaceholders) this.buffer(this.placeholders, spec.from, () => new Set<string>()).add(id);
    for (const id of result.toPlaceholders) this.buffer(this.placeholders, spec.to, () => new Set<string>()).add(id);
    this.committed(key, rows.length, result.dataVersion);
  }

  private committed(target: string, rows: number, dataVersion: number | undefined): void {
    this.report.committedBatches += 1;
    if (this.report.batches.length < MAX_LISTED) this.report.batches.push({ number: this.report.committedBatches, target, rows });
    if (dataVersion !== undefined) this.report.dataVersion = dataVersion;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.report.status = 'interrupted';
      throw new IngestInterruptedError(this.report, error);
    }
  }
}
