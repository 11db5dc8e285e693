import type { ProvenanceView } from './api-types.js';

/**
 * Evidence ids as the panels cite them, and how to open one. A harm component's evidence is a
 * list of bare ids (analytics/harm/explain.ts): the financial component cites payments, the
 * operational one the crossings organised, piloted or recruited for and the vessels and engines
 * procured, threat to life the crossings with deaths, injuries or overloading. An id is looked up
 * as each type its component can cite, in turn, until one is found.
 */

export const EVIDENCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  financial: ['payment'],
  operational: ['crossing', 'vessel'],
  threatToLife: ['crossing'],
};

export function evidenceTypes(component: string): readonly string[] {
  return EVIDENCE_TYPES[component] ?? [];
}

/** `{ sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' }` → `2BP` (the grading as analysts write it). */
export function gradingCode(grading: ProvenanceView['grading']): string {
  return grading === null ? 'ungraded' : `${grading.sourceEvaluation}${grading.intelligenceAssessment}${grading.handlingCode}`;
}

/** One line of provenance: "source REP-1 · graded 2BP · recorded 2024-06-01T09:00:00Z". */
export function provenanceLine(provenance: ProvenanceView): string {
  return [`source ${provenance.source ?? 'unknown'}`, `graded ${gradingCode(provenance.grading)}`, `recorded ${provenance.recordedAt ?? 'unknown'}`].join(' · ');
}
