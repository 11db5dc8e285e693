import { type Context, normalise, type RelationSpec } from '../../src/ingest/normalise.js';
import { isRecordKind } from '../../src/ingest/validate.js';
import type { EntityLabel } from '../../src/model/graph-model.js';

/**
 * Turns one NDJSON line of a generated network into the rows of the reference load: the same
 * nodes, relations and typed values the service stores (so both graphs can be counted against
 * each other), minus everything the service adds on top of the plain pattern: provenance
 * properties, history, investigations, placeholders. The mapping reuses the service's own
 * normalise() so the two loads cannot drift apart; no record is validated.
 */

export interface ReferenceEntityRow {
  id: string;
  props: Record<string, unknown>;
}

export interface ReferenceRelationRow {
  id: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface ReferenceRows {
  entity?: { label: EntityLabel; row: ReferenceEntityRow };
  relations: { spec: RelationSpec; row: ReferenceRelationRow }[];
}

/** normalise() needs a context; the reference throws its provenance away again. */
const CONTEXT: Context = {
  provenance: { source: 'bench', grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' }, recordedAt: '2024-01-01T00:00:00Z' },
  investigations: [],
  ingestId: 'bench',
};

const PROVENANCE_PROPS = ['source', 'sourceEvaluation', 'intelligenceAssessment', 'handlingCode'];

function withoutProvenance(props: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...props };
  for (const key of PROVENANCE_PROPS) delete copy[key];
  return copy;
}

/** The rows of one parsed NDJSON line; the header line and unknown kinds give none. */
export function referenceRows(line: unknown): ReferenceRows {
  const { kind, record } = (line ?? {}) as { kind?: unknown; record?: unknown };
  if (!isRecordKind(kind) || typeof record !== 'object' || record === null) return { relations: [] };
  const { entity, relations } = normalise(kind, record as Record<string, unknown>, CONTEXT);
  return {
    ...(entity ? { entity: { label: entity.label, row: { id: entity.row.id, props: withoutProvenance(entity.row.props) } } } : {}),
    relations: relations.map(({ spec, row }) => ({ spec, row: { id: row.id, from: row.from, to: row.to, props: withoutProvenance(row.props) } })),
  };
}

/** Buffer key of a relation batch: one query text per (from label, type, to label). */
export function specKey(spec: RelationSpec): string {
  return `${spec.from}-${spec.type}->${spec.to}`;
}
