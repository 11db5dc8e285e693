import { type EntityType, typeOfLabel } from '../model/graph-model.js';
import type { EntityView, RelationView } from '../schemas/entity-views.js';
import type { Grading } from '../schemas/provenance.js';

/** Properties the service keeps for itself; the view shows them in their own fields or not at all. */
const INTERNAL = new Set([
  'id',
  'searchText',
  'history',
  'placeholderIngest',
  'contentHash',
  'investigation',
  'investigations',
  'shared',
  'unresolved',
  'source',
  'sourceEvaluation',
  'intelligenceAssessment',
  'handlingCode',
  'recordedAt',
  'origin',
  // Written back by analysis runs (for Cypher users): runs over investigations the caller may
  // not see would show through them; GET /v1/analyses/… gives scores with their run.
  'harmScore',
  'harmRank',
  'communityId',
  'lastAnalysis',
  'lastAnalysisAt',
]);

type Props = Record<string, unknown>;

/**
 * An entity as its copies in the investigations the caller may see make it (schema/006): the
 * latest recorded copy gives `properties` and `provenance`; `facts` lists every copy's own, by
 * investigation, so values loaded under different investigations are never mixed into one.
 * `allowed`: the investigations the caller may see (null: all); others are not named.
 */
export function entityView(
  type: EntityType,
  id: string,
  row: {
    /** Latest recorded first (entities/get.cypher). */
    copies: Props[];
    relations: (Omit<RelationView, 'provenance' | 'investigations' | 'other'> & { other: { label: string; id: string; name: string | null; unresolved: boolean } })[];
    relationCount: number;
  },
  allowed: string[] | null,
): EntityView {
  const latest = row.copies[0]!;
  const investigations = (list: unknown) => ((list as string[] | undefined) ?? []).filter((i) => allowed === null || allowed.includes(i));
  const copies = row.copies.filter((copy) => allowed === null || allowed.includes(copy.investigation as string));
  return {
    type,
    id,
    unresolved: row.copies.every((copy) => copy.unresolved === true),
    properties: visible(latest),
    provenance: provenance(latest),
    investigations: [...new Set(copies.flatMap((copy) => investigations(copy.investigations)))].sort(),
    facts: copies
      .map((copy) => ({
        investigation: (copy.investigation as string | undefined) ?? null,
        unresolved: copy.unresolved === true,
        properties: visible(copy),
        provenance: provenance(copy),
      }))
      .sort((a, b) => ((a.investigation ?? '') < (b.investigation ?? '') ? -1 : 1)),
    relations: row.relations.map((r) => ({
      id: r.id,
      type: r.type,
      direction: r.direction,
      other: { type: typeOfLabel(r.other.label), id: r.other.id, name: r.other.name, unresolved: r.other.unresolved },
      properties: visible(r.properties),
      provenance: provenance(r.properties),
      investigations: investigations(r.properties.investigations),
    })),
    relationCount: row.relationCount,
    relationsTruncated: row.relationCount > row.relations.length,
  };
}

export function visible(properties: Props): Props {
  const shown: Props = {};
  for (const key of Object.keys(properties)) if (!INTERNAL.has(key)) shown[key] = properties[key];
  return shown;
}

export function provenance(p: Props): EntityView['provenance'] {
  const grading =
    p.sourceEvaluation !== undefined ? ({ sourceEvaluation: p.sourceEvaluation, intelligenceAssessment: p.intelligenceAssessment, handlingCode: p.handlingCode } as Grading) : null;
  return {
    source: (p.source as string | undefined) ?? null,
    grading,
    recordedAt: (p.recordedAt as string | undefined) ?? null,
    history: ((p.history as string[] | undefined) ?? []).map((entry) => JSON.parse(entry)),
  };
}
