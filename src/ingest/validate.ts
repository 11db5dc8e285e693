import type { z } from 'zod';

import { type IngestHeader, RECORD_KINDS, type RecordKind } from '../schemas/ingest.js';
import type { Provenance } from '../schemas/provenance.js';

/**
 * Checks one record against its kind's schema and completes its provenance from the
 * document's defaults. Problems come back as field paths relative to the record, so the
 * caller can prefix them with where the record was (`people[3]`, line 17).
 */

export interface FieldProblem {
  path: string;
  message: string;
}

export type Checked =
  { ok: true; kind: RecordKind; record: Record<string, unknown>; provenance: Provenance; investigations: string[] } | { ok: false; id?: string; problems: FieldProblem[] };

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && Object.hasOwn(RECORD_KINDS, value);
}

export function checkRecord(kind: RecordKind, raw: unknown, header: IngestHeader, now: string): Checked {
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  const parsed = (RECORD_KINDS[kind].schema as z.ZodType).safeParse(raw);
  if (!parsed.success) {
    return { ok: false, id, problems: zodProblems(parsed.error.issues) };
  }
  const record = parsed.data as Record<string, unknown> & { source?: string; grading?: Provenance['grading']; recordedAt?: string; investigations?: string[] };
  const problems: FieldProblem[] = [];
  const source = record.source ?? header.defaults?.source;
  const grading = record.grading ?? header.defaults?.grading;
  if (source === undefined) problems.push({ path: 'source', message: 'required: give it on the record or as defaults.source' });
  if (grading === undefined) problems.push({ path: 'grading', message: 'required: give it on the record or as defaults.grading' });
  const known = new Set(header.investigations.map((i) => i.id));
  (record.investigations ?? []).forEach((investigation, index) => {
    if (!known.has(investigation)) {
      problems.push({ path: `investigations[${index}]`, message: `${investigation} is not one of the document's investigations` });
    }
  });
  if (problems.length > 0) return { ok: false, id, problems };
  return {
    ok: true,
    kind,
    record,
    provenance: { source: source!, grading: grading!, recordedAt: record.recordedAt ?? now },
    // A record naming investigations belongs to those; one naming none, to all of the document's.
    investigations: record.investigations?.length ? [...new Set(record.investigations)] : [...known],
  };
}

/** One problem per field; an unknown-keys issue becomes one problem per unknown field. */
export function zodProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: joinPath(issue.path), message: issue.message }],
  );
}

/** `['people', 0, 'id']` → `people[0].id` */
export function joinPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
