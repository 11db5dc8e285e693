import { describe, expect, it } from 'vitest';

import { candidateQuery, decisionInvestigation, decisionText, evidenceLine, formatProbability } from '../../explorer/src/data/resolution.js';

describe('the duplicates tab’s wording and requests', () => {
  it('asks for the candidates over the run’s investigations and grading', () => {
    expect(candidateQuery({ scope: { investigations: ['OP-TIDE', 'OP-REEF'], minAssessment: 'C', maxSourceEvaluation: 2 } })).toBe(
      'investigations=OP-TIDE&investigations=OP-REEF&minAssessment=C&maxSourceEvaluation=2&limit=50',
    );
    expect(candidateQuery({ scope: {} }, 10)).toBe('limit=10');
  });

  it('shows probabilities without rounding a near-certain match up to certainty', () => {
    expect(formatProbability(0.99996)).toBe('99.99 %');
    expect(formatProbability(0.9995)).toBe('99.95 %');
    expect(formatProbability(0.9949)).toBe('99.4 %');
    expect(formatProbability(0.9)).toBe('90 %');
    expect(formatProbability(1)).toBe('100 %');
  });

  it('says what each field weighed, for and against', () => {
    expect(evidenceLine({ field: 'identifier', level: 'shared passport', weight: 10.81, detail: 'A1234567' })).toBe('identifier: shared passport (A1234567) · +10.8');
    expect(evidenceLine({ field: 'dateOfBirth', level: 'different', weight: -4.25, detail: '1984-01-28 ≠ 1990-02-02' })).toBe(
      'date of birth: different (1984-01-28 ≠ 1990-02-02) · −4.3',
    );
    expect(evidenceLine({ field: 'nationality', level: 'missing', weight: 0, detail: '' })).toBe('nationality: missing · ±0.0');
  });

  it('files a decision under an investigation that holds both records, or none', () => {
    const side = (id: string, investigations: string[]) => ({ id, label: id, name: id, investigations });
    expect(decisionInvestigation({ records: [side('P-1', ['A', 'B']), side('P-2', ['B'])] })).toBe('B');
    expect(decisionInvestigation({ records: [side('P-1', ['A']), side('P-2', ['B'])] })).toBeNull();
  });

  it('says who decided what, and why', () => {
    expect(decisionText({ decision: null })).toBeNull();
    const decision = {
      id: 'RD-1',
      decision: 'reject' as const,
      investigation: 'A',
      analyst: 'Analyst Khan',
      decidedAt: '2026-12-06T10:00:00.000Z',
      reason: 'Brothers sharing a phone',
    };
    expect(decisionText({ decision })).toBe('Rejected: not one by Analyst Khan (2026-12-06): Brothers sharing a phone');
  });
});
