import { describe, expect, it } from 'vitest';

import { PLANTED_ROLES } from '../../src/generator/model.js';
import { generateNetwork } from '../../src/generator/network.js';
import { type IngestDocument, IngestDocumentSchema, RECORD_KINDS, type RecordKind } from '../../src/schemas/ingest.js';
import { danglingReferences, personComponents } from './checks.js';

const small = generateNetwork({ people: 200, seed: 7 });
const medium = generateNetwork({ people: 3000, seed: 11 });
const KINDS = Object.keys(RECORD_KINDS) as RecordKind[];

type AnyRecord = { id: string; grading?: { intelligenceAssessment: string } };
const recordsOf = (document: IngestDocument, kind: RecordKind) => (document[RECORD_KINDS[kind].collection] ?? []) as AnyRecord[];
const allRecords = (document: IngestDocument) => KINDS.flatMap((kind) => recordsOf(document, kind));
const countPairs = (pairs: string[]) => {
  const counts = new Map<string, number>();
  for (const pair of pairs) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  return Math.max(...counts.values());
};

describe('generateNetwork', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateNetwork({ people: 300, seed: 5 })).toEqual(generateNetwork({ people: 300, seed: 5 }));
    expect(JSON.stringify(generateNetwork({ people: 300, seed: 6 }))).not.toBe(JSON.stringify(generateNetwork({ people: 300, seed: 5 })));
  });

  it.each([
    ['small', small],
    ['medium', medium],
  ])('gives a %s document that passes the ingest contract unchanged', (_, { document }) => {
    expect(IngestDocumentSchema.parse(document)).toEqual(document);
    for (const kind of KINDS) {
      const records = recordsOf(document, kind);
      expect(records.length, kind).toBeGreaterThan(0);
      // Parsing must not add defaults or drop fields: the record is already in its final form.
      for (const record of records) expect(RECORD_KINDS[kind].schema.parse(record)).toEqual(record);
    }
  });

  it.each([100, 200, 1234, 3000])('casts exactly %d people', (people) => {
    const { document, truth } = people === 3000 ? medium : generateNetwork({ people, seed: 1 });
    expect(document.people).toHaveLength(people);
    expect(Object.keys(truth.roles)).toHaveLength(people);
    expect(truth.people).toBe(people);
  });

  it('keeps ids unique per kind and every reference pointing at a record', () => {
    for (const { document } of [small, medium]) {
      for (const kind of KINDS) {
        const ids = recordsOf(document, kind).map((r) => r.id);
        expect(new Set(ids).size, kind).toBe(ids.length);
      }
      expect(danglingReferences(document)).toEqual([]);
    }
  });

  it('repeats payments and link reports between the same pair (parallel relations)', () => {
    const { payments, links } = small.document;
    expect(countPairs(payments!.map((p) => `${p.payer.id}>${p.payee.id}`))).toBeGreaterThanOrEqual(3);
    expect(countPairs(links!.map((l) => [l.from, l.to].sort().join('|')))).toBeGreaterThanOrEqual(2);
  });

  it('plants 3–5% E-assessed noise, and only the noise is E-assessed', () => {
    for (const { document, truth } of [small, medium]) {
      const records = allRecords(document);
      const graded = records.filter((r) => r.grading !== undefined);
      expect(graded).toHaveLength(records.length);
      const assessedE = graded.filter((r) => r.grading!.intelligenceAssessment === 'E').map((r) => r.id);
      expect(new Set(assessedE)).toEqual(new Set(truth.noiseRecordIds));
      expect(assessedE.length / records.length).toBeGreaterThan(0.03);
      expect(assessedE.length / records.length).toBeLessThan(0.05);
      const assessments = new Set(graded.map((r) => r.grading!.intelligenceAssessment));
      expect([...assessments].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    }
  });

  it('makes about 15% of people facilitators and the rest migrants', () => {
    for (const { truth } of [small, medium]) {
      const roles = Object.values(truth.roles);
      expect(roles.every((role) => (PLANTED_ROLES as readonly string[]).includes(role))).toBe(true);
      const share = roles.filter((role) => role !== 'migrant').length / roles.length;
      expect(share).toBeGreaterThan(0.12);
      expect(share).toBeLessThan(0.18);
      expect(new Set(roles)).toEqual(new Set(PLANTED_ROLES));
    }
  });

  it('names the organisers and brokers of every group as top targets, and only them', () => {
    for (const { document, truth } of [small, medium]) {
      const people = new Set(document.people!.map((p) => p.id));
      const planted = truth.groups.flatMap((g) => [...g.organisers, ...g.brokers]);
      expect(new Set(truth.topTargets)).toEqual(new Set(planted));
      expect(truth.topTargets).toHaveLength(planted.length);
      for (const id of truth.topTargets) {
        expect(people.has(id)).toBe(true);
        expect(['organiser', 'broker']).toContain(truth.roles[id]);
      }
      const members = truth.groups.flatMap((g) => g.members);
      expect(new Set(members).size).toBe(members.length);
      expect(truth.groups.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('holds together through its top targets: removing 5% of people shatters it, unless noise is counted', () => {
    const { document, truth } = medium;
    const noise = new Set(truth.noiseRecordIds);
    expect(personComponents(document, noise)).toEqual([3000]);
    const removed = new Set(truth.topTargets.slice(0, 150));
    expect(personComponents(document, noise, removed)[0]!).toBeLessThan(0.3 * 2850);
    // E-assessed links cut across groups: analytics that keep them see a network that is not there.
    expect(personComponents(document, new Set(), removed)[0]!).toBeGreaterThan(0.9 * 2850);
  });

  it('clusters ties by stage: links between ordinary facilitators mostly stay inside one stage cell', () => {
    const { document, truth } = medium;
    const STAGE_OF: Record<string, string> = { recruiter: 'recruitment', procurer: 'logistics', logistics: 'logistics', pilot: 'launch', driver: 'launch', money_mover: 'money' };
    const groupOf = new Map(truth.groups.flatMap((g) => g.members.map((id) => [id, g.id] as const)));
    const cell = (id: string) => (STAGE_OF[truth.roles[id]!] ? `${groupOf.get(id)}/${STAGE_OF[truth.roles[id]!]}` : undefined);
    const noise = new Set(truth.noiseRecordIds);
    const pairs = document.links!.filter((l) => !noise.has(l.id) && cell(l.from) && cell(l.to));
    const inside = pairs.filter((l) => cell(l.from) === cell(l.to)).length;
    expect(pairs.length).toBeGreaterThan(500);
    expect(inside / pairs.length).toBeGreaterThan(0.85);
  });

  it('has crossings with overloading and deaths, paid for by the migrants who travel on them', () => {
    const { crossings, payments } = medium.document;
    expect(crossings!.some((x) => (x.passengers ?? 0) >= 56)).toBe(true);
    expect(crossings!.some((x) => (x.deaths ?? 0) > 0)).toBe(true);
    const paid = new Set(payments!.filter((p) => p.crossingId).map((p) => `${p.payer.id}@${p.crossingId}`));
    for (const x of crossings!) for (const id of x.travellers!) expect(paid.has(`${id}@${x.id}`)).toBe(true);
  });

  it('spreads a large network over investigations that its records name', () => {
    expect(small.document.investigations).toHaveLength(1);
    expect(small.document.people!.some((p) => p.investigations)).toBe(false);
    const header = medium.document.investigations.map((i) => i.id);
    expect(header.length).toBeGreaterThan(1);
    const named = new Set(allRecords(medium.document).flatMap((r) => (r as { investigations?: string[] }).investigations ?? []));
    expect(named).toEqual(new Set(header));
    expect(generateNetwork({ people: 3000, seed: 11, investigations: 3 }).document.investigations).toHaveLength(3);
  });

  it.each([
    [{ people: 99, seed: 1 }, /people must be an integer from 100/],
    [{ people: 150.5, seed: 1 }, /people must be an integer/],
    [{ people: 200, seed: -1 }, /seed must be an integer from 0/],
    [{ people: 200, seed: 1, investigations: 0 }, /investigations must be an integer from 1 to 100/],
    [{ people: 200, seed: 1, investigations: 101 }, /investigations must be an integer from 1 to 100/],
  ])('refuses %o', (options, message) => {
    expect(() => generateNetwork(options)).toThrow(message);
    expect(() => generateNetwork(options)).toThrow(/^generator\/network: /);
  });
});
