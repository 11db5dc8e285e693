import { describe, expect, it } from 'vitest';

import { generateNetwork } from '../../src/generator/network.js';

describe('generator duplicates', () => {
  it('are off by default: the network and truth are what they were without the option', () => {
    const plain = generateNetwork({ people: 300, seed: 11 });
    expect(generateNetwork({ people: 300, seed: 11, duplicates: 0 })).toEqual(plain);
    expect(plain.truth).not.toHaveProperty('duplicates');
    expect(plain.truth).not.toHaveProperty('lookAlikes');
  });

  it('leave the original records, roles and targets as they were, adding second records', () => {
    const plain = generateNetwork({ people: 1000, seed: 5 });
    const { document, truth } = generateNetwork({ people: 1000, seed: 5, duplicates: 0.05 });
    expect(truth.duplicates).toHaveLength(50);
    expect(truth.topTargets).toEqual(plain.truth.topTargets);
    expect(truth.groups).toEqual(plain.truth.groups);
    const people = new Map(document.people!.map((p) => [p.id, p]));
    expect(people.size).toBe(1050);
    for (const d of truth.duplicates!) {
      const [original, second] = d.records.map((id) => people.get(id)!);
      expect(d.original).toBe(d.records[0]);
      expect(plain.truth.roles[d.original]).toBeDefined();
      // The second record is the same person: same planted role, new id.
      expect(truth.roles[d.records[1]]).toBe(truth.roles[d.original]);
      expect(plain.document.people!.some((p) => p.id === d.records[1])).toBe(false);
      // It keeps something to link it by: an identifier or the date of birth.
      const keys = (p: typeof original) => [...(p!.phones ?? []), ...(p!.imeis ?? []), ...(p!.documents ?? []).map((x) => x.number)];
      const sharesKey = keys(second).some((k) => keys(original).includes(k));
      expect(sharesKey || (second!.dateOfBirth !== undefined && second!.dateOfBirth === original!.dateOfBirth), d.records.join('~')).toBe(true);
      if (d.kind === 'same-name') expect(second!.name).toBe(original!.name);
      else expect(second!.name).not.toBe(original!.name);
      if (d.kind === 'initial') expect(second!.name).toMatch(/ [A-Z]\.$/);
      if (d.kind === 'alias-name') expect(second!.name.startsWith(original!.aliases![0]!)).toBe(true);
    }
  });

  it('plant namesakes with different dates of birth and list the family phones', () => {
    const { document, truth } = generateNetwork({ people: 2000, seed: 9, duplicates: 0.02 });
    const people = new Map(document.people!.map((p) => [p.id, p]));
    const namesakes = truth.lookAlikes!.filter((l) => l.kind === 'namesake');
    expect(namesakes.length).toBeGreaterThan(0);
    for (const l of namesakes) {
      const [a, b] = l.records.map((id) => people.get(id)!);
      expect(a!.name).toBe(b!.name);
      expect(a!.dateOfBirth).toBeDefined();
      expect(a!.dateOfBirth).not.toBe(b!.dateOfBirth);
    }
    for (const l of truth.lookAlikes!.filter((x) => x.kind === 'family-phone')) {
      const [a, b] = l.records.map((id) => people.get(id)!);
      expect(a!.phones!.some((p) => b!.phones!.includes(p))).toBe(true);
    }
  });

  it('refuse a share outside 0 to 0.2', () => {
    expect(() => generateNetwork({ people: 200, seed: 1, duplicates: 0.5 })).toThrow(/duplicates/);
    expect(() => generateNetwork({ people: 200, seed: 1, duplicates: -0.1 })).toThrow(/duplicates/);
  });
});
