import { typeOfLabel, type EntityType } from '../ingest/graph-model.js';
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
]);


type Props = Record<string, unknown>;

export function entityView(type: EntityType, id: string, row: { properties: Props; relations: (Omit<RelationView, 'provenance' | 'investigations' | 'other'> & { other: { label: string; id: string; name: string | null; unresolved: boolean } })[]; relationCount: number }): EntityView {
  const { properties } = row;
  return {
    type,
    id,
    unresolved: properties.unresolved === true,
    properties: visible(properties),
    provenance: provenance(properties),
    investigations: (properties.investigations as string[] | undefined) ?? [],
    relations: row.relations.map((r) => ({
      id: r.id,
      type: r.type,
      direction: r.direction,
      other: { type: typeOfLabel(r.other.label), id: r.other.id, name: r.other.name, unresolved: r.other.unresolved },
      properties: visible(r.properties),
      provenance: provenance(r.properties),
      investigations: (r.properties.investigations as string[] | undefined) ?? [],
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
    p.sourceEvaluation !== undefined
      ? ({ sourceEvaluation: p.sourceEvaluation, intelligenceAssessment: p.intelligenceAssessment, handlingCode: p.handlingCode } as Grading)
      : null;
  return {
    source: (p.source as string | undefined) ?? null,
    grading,
    recordedAt: (p.recordedAt as string | undefined) ?? null,
    history: ((p.history as string[] | undefined) ?? []).map((entry) => JSON.parse(entry)),
  };
}
