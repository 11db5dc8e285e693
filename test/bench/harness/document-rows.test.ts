import { describe, expect, it } from 'vitest';

import { documentRows, projectRows } from '../../../bench/harness/document-rows.js';
import { generateNetwork } from '../../../src/generator/network.js';
import type { IngestDocument } from '../../../src/schemas/ingest.js';

const A1 = { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'P' } as const;
const B2 = { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } as const;
const C3 = { sourceEvaluation: 3, intelligenceAssessment: 'C', handlingCode: 'P' } as const;
const E2 = { sourceEvaluation: 2, intelligenceAssessment: 'E', handlingCode: 'P' } as const;

/**
 * A network small enough to project by hand. Records without grading take the default (1A,
 * confidence 1); P-3 and LK-3 are E-assessed; P-9 has no record (a placeholder); ACC-9 neither
 * (a payment to it has no payee in scope).
 */
const DOCUMENT: IngestDocument = {
  investigations: [{ id: 'OP-1' }],
  defaults: { source: 'REP-1', grading: A1 },
  people: [
    { id: 'P-1', name: 'One' },
    { id: 'P-2', name: 'Two', grading: B2 },
    { id: 'P-3', name: 'Three', grading: E2 },
  ],
  organisations: [{ id: 'O-1', name: 'Front Ltd' }],
  vessels: [{ id: 'V-1', kind: 'boat' }],
  locations: [{ id: 'L-1', name: 'Beach', kind: 'beach' }],
  accounts: [{ id: 'ACC-1', kind: 'hawala', holders: [{ type: 'person', id: 'P-2' }] }],
  links: [
    { id: 'LK-1', type: 'contact', from: 'P-1', to: 'P-2', count: 1 },
    { id: 'LK-2', type: 'communication', from: 'P-1', to: 'P-9', count: 3 },
    { id: 'LK-3', type: 'associate', from: 'P-1', to: 'P-2', count: 2, grading: E2 },
  ],
  payments: [
    { id: 'PAY-1', payer: { type: 'person', id: 'P-1' }, payee: { type: 'account', id: 'ACC-1' }, amount: 100_000, currency: 'EUR', date: '2024-01-02', channel: 'hawala' },
    { id: 'PAY-2', payer: { type: 'person', id: 'P-1' }, payee: { type: 'account', id: 'ACC-9' }, amount: 5_000, currency: 'EUR', date: '2024-01-03', channel: 'hawala' },
  ],
  crossings: [{ id: 'X-1', date: '2024-02-01', passengers: 40, organisers: ['P-1'], pilots: ['P-2'], travellers: ['P-3'], departedFrom: 'L-1', vesselIds: ['V-1'] }],
  relations: [
    { id: 'REL-1', type: 'operates_at', from: { type: 'person', id: 'P-9' }, to: { type: 'location', id: 'L-1' } },
    { id: 'REL-2', type: 'employed_by', from: { type: 'person', id: 'P-2' }, to: { type: 'organisation', id: 'O-1' }, grading: C3 },
    { id: 'REL-3', type: 'bought', from: { type: 'person', id: 'P-1' }, to: { type: 'vessel', id: 'V-1' } },
    { id: 'REL-4', type: 'owns', from: { type: 'person', id: 'P-2' }, to: { type: 'vessel', id: 'V-1' } },
  ],
} as IngestDocument;

describe('documentRows', () => {
  it('returns what the people queries would: graded nodes and placeholders, accounts as their holders, launch sites', () => {
    const rows = documentRows(DOCUMENT);
    expect(rows.nodes).toEqual([
      { label: 'Person', id: 'P-1', name: 'One', unresolved: false },
      { label: 'Person', id: 'P-2', name: 'Two', unresolved: false },
      { label: 'Organisation', id: 'O-1', name: 'Front Ltd', unresolved: false },
      { label: 'Person', id: 'P-9', name: null, unresolved: true },
    ]);
    expect(rows.links).toEqual([
      { from: 'P-1', to: 'P-2', type: 'CONTACT', count: 1, se: 1, ia: 'A' },
      { from: 'P-1', to: 'P-9', type: 'COMMUNICATION', count: 3, se: 1, ia: 'A' },
    ]);
    expect(rows.payments.map((p) => [p.id, p.payers, p.payees])).toEqual([
      ['PAY-1', [{ label: 'Person', id: 'P-1' }], [{ label: 'Person', id: 'P-2' }]],
      ['PAY-2', [{ label: 'Person', id: 'P-1' }], []],
    ]);
    expect(rows.crossings).toEqual([
      {
        id: 'X-1',
        passengers: 40,
        deaths: null,
        injuries: null,
        se: 1,
        ia: 'A',
        route: null,
        departedFrom: 'L-1',
        vessels: [{ id: 'V-1', kind: 'boat' }],
        participants: [
          { id: 'P-1', role: 'ORGANISED', se: 1, ia: 'A' },
          { id: 'P-2', role: 'PILOTED', se: 1, ia: 'A' },
        ],
      },
    ]);
    expect(rows.vessels).toEqual([
      {
        id: 'V-1',
        kind: 'boat',
        holders: [
          { label: 'Person', id: 'P-1', type: 'BOUGHT', se: 1, ia: 'A' },
          { label: 'Person', id: 'P-2', type: 'OWNS', se: 1, ia: 'A' },
        ],
      },
    ]);
    expect(rows.locations).toEqual([
      {
        id: 'L-1',
        people: [
          { label: 'Person', id: 'P-9', se: 1, ia: 'A' },
          { label: 'Person', id: 'P-1', se: 1, ia: 'A' },
          { label: 'Person', id: 'P-2', se: 1, ia: 'A' },
        ],
      },
    ]);
    expect(rows.employment).toEqual([{ from: 'P-2', to: 'O-1', type: 'EMPLOYED_BY', se: 3, ia: 'C' }]);
  });

  it('projects to the ties and strengths worked out by hand', () => {
    const projection = projectRows(documentRows(DOCUMENT));
    expect(projection.nodes.map((n) => n.key)).toEqual(['organisation:O-1', 'person:P-1', 'person:P-2', 'person:P-9']);
    const ties = new Map<string, number>();
    for (let t = 0; t < projection.ties.source.length; t++) {
      ties.set(`${projection.nodes[projection.ties.source[t]!]!.id}-${projection.nodes[projection.ties.target[t]!]!.id}`, projection.ties.strength[t]!);
    }
    // P-1–P-2: contact 0.5 + payment 1 + crossing 1.5 + vessel 1 + location 0.5; P-2–O-1: employment 1 × 0.5 × 0.7.
    const expected: Record<string, number> = { 'O-1-P-2': 0.35, 'P-1-P-2': 4.5, 'P-1-P-9': 0.75 * (1 + Math.log(3)) + 0.5, 'P-2-P-9': 0.5 };
    expect([...ties.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [pair, strength] of Object.entries(expected)) expect(ties.get(pair)).toBeCloseTo(strength, 12);
    expect(projection.dropped).toContainEqual({ reason: 'payment with no payer or payee in scope (an account with no known holder?)', count: 1 });
  });

  it('refuses a document that repeats an id', () => {
    const repeated = { ...DOCUMENT, people: [...DOCUMENT.people!, { id: 'P-1', name: 'Again' }] } as IngestDocument;
    expect(() => documentRows(repeated)).toThrow(/people repeats id P-1/);
  });

  it('keeps a generated network consistent: no E-assessed facts, no accounts, no ties outside the document', () => {
    const { document } = generateNetwork({ people: 300, seed: 7 });
    const rows = documentRows(document);
    const people = new Set(document.people!.map((p) => p.id));
    const parties = new Set([...people, ...document.organisations!.map((o) => o.id)]);

    expect(rows.links).toHaveLength(document.links!.filter((l) => (l.grading ?? document.defaults?.grading)!.intelligenceAssessment !== 'E').length);
    for (const row of [...rows.links, ...rows.payments, ...rows.crossings, ...rows.employment]) expect(row.ia).not.toBe('E');
    for (const link of rows.links) expect(people.has(link.from!) && people.has(link.to!)).toBe(true);
    for (const payment of rows.payments) {
      for (const party of [...payment.payers, ...payment.payees]) {
        expect(party.label).not.toBe('Account');
        expect(parties.has(party.id!)).toBe(true);
      }
    }
    const viaAccount = document.payments!.filter((p) => p.payee.type === 'account' && (p.grading ?? document.defaults?.grading)!.intelligenceAssessment !== 'E');
    expect(viaAccount.length).toBeGreaterThan(0);
    const holders = new Map(document.accounts!.map((a) => [a.id, (a.holders ?? []).map((h) => h.id)]));
    for (const payment of viaAccount) {
      expect(rows.payments.find((row) => row.id === payment.id)!.payees.map((p) => p.id)).toEqual(holders.get(payment.payee.id));
    }

    const projection = projectRows(rows);
    expect(projection.nodes).toHaveLength(rows.nodes.length);
    for (let t = 0; t < projection.ties.source.length; t++) {
      expect(projection.ties.source[t]).toBeLessThanOrEqual(projection.ties.target[t]!);
      expect(projection.ties.target[t]).toBeLessThan(projection.nodes.length);
      expect(projection.ties.strength[t]).toBeGreaterThan(0);
    }
  });
});
