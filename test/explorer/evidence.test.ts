import { describe, expect, it } from 'vitest';

import { evidenceTypes, gradingCode, provenanceLine } from '../../explorer/src/data/evidence.js';

describe('explorer/evidence', () => {
  it('looks up a component’s evidence as the types it cites', () => {
    expect(evidenceTypes('financial')).toEqual(['payment']);
    expect(evidenceTypes('operational')).toEqual(['crossing', 'vessel']);
    expect(evidenceTypes('threatToLife')).toEqual(['crossing']);
    expect(evidenceTypes('structural')).toEqual([]);
  });

  it('writes provenance as analysts read it', () => {
    expect(gradingCode({ sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' })).toBe('2BP');
    expect(gradingCode(null)).toBe('ungraded');
    expect(
      provenanceLine({ source: 'REP-1', grading: { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'P' }, recordedAt: '2024-06-01T09:00:00Z', history: [] }),
    ).toBe('source REP-1 · graded 1AP · recorded 2024-06-01T09:00:00Z');
  });
});
