import { type EntityType, typeOfLabel } from '../model/graph-model.js';
import type { EntityView, RelationView } from '../schemas/entity-views.js';
import type { Grading } from '../schemas/provenance.js';

/** Properties the service keeps for itself; the view shows them in their own fields or not at all. */
const INTERNAL = new Set([
  'id',
  'searchText',
  'history',
  'placeholderIngest',
  'investigations',
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

/** `allowed`: the investigations the caller may see (null: all); others are not named. */
export function entityView(
  type: EntityType,
  id: string,
  row: {
    properties: Props;
    relations: (Omit<RelationView, 'provenance' | 'investigations' | 'other'> & { other: { label: string; id: string; name: string | null; unresolved: boolean } })[];
    relationCount: number;
  },
  allowed: string[] | null,
): EntityView {
  const { properties } = row;
  const investigations = (list: unknown) => ((list as string[] | undefined) ?? []).filter((i) => allowed === null || allowed.includes(i));
  return {
    type,
    id,
    unresolved: properties.unresolved === true,
    properties: visible(properties),
    provenance: provenance(properties),
    investigations: investigations(properties.investigations),
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

function visible(properties: Props): Props {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !INTERNAL.has(key)));
}

function provenance(p: Props): EntityView['provenance'] {
  const grading =
    p.sourceEvaluation !== undefined ? ({ sourceEvaluation: p.sourceEvaluation, intelligenceAssessment: p.intelligenceAssessment, handlingCode: p.handlingCode } as Grading) : null;
  return {
    source: (p.source as string | undefined) ?? null,
    grading,
    recordedAt: (p.recordedAt as string | undefined) ?? null,
    history: ((p.history as string[] | undefined) ?? []).map((entry) => JSON.parse(entry)),
  };
}
