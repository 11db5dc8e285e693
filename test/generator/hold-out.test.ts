import { describe, expect, it } from 'vitest';

import { generateNetwork } from '../../src/generator/network.js';

describe('generator hold-out', () => {
  it('is off by default: the network and truth are what they were without the option', () => {
    const plain = generateNetwork({ people: 300, seed: 11 });
    expect(generateNetwork({ people: 300, seed: 11, holdOut: 0 })).toEqual(plain);
    expect(plain.truth.heldOut).toBeUndefined();
  });

  it('leaves out every link of a seeded 10% of the linked pairs, lists them, and changes nothing else', () => {
    const plain = generateNetwork({ people: 400, seed: 5 });
    const held = generateNetwork({ people: 400, seed: 5, holdOut: 0.1 });
    const noise = new Set(plain.truth.noiseRecordIds);
    const pairOf = (from: string, to: string) => [from, to].sort().join('|');
    const linkedPairs = new Set(plain.document.links!.filter((l) => !noise.has(l.id) && l.from !== l.to).map((l) => pairOf(l.from, l.to)));
    const heldOut = held.truth.heldOut!;
    const heldPairs = new Set(heldOut.map(([a, b]) => pairOf(a, b)));
    expect(heldPairs.size).toBe(Math.round(0.1 * linkedPairs.size));

    // Each held-out tie was a real (not noise) link of that type between those two, and none of their links is left.
    for (const [a, b, kind] of heldOut) {
      expect(a < b).toBe(true);
      expect(plain.document.links!.some((l) => !noise.has(l.id) && pairOf(l.from, l.to) === pairOf(a, b) && l.type === kind)).toBe(true);
    }
    expect(held.document.links!.filter((l) => heldPairs.has(pairOf(l.from, l.to)))).toEqual([]);
    expect(held.document.links).toEqual(plain.document.links!.filter((l) => !heldPairs.has(pairOf(l.from, l.to))));

    // Everything else is as it was.
    const { links: _a, ...restHeld } = held.document;
    const { links: _b, ...restPlain } = plain.document;
    expect(restHeld).toEqual(restPlain);
    const { heldOut: _c, ...truth } = held.truth;
    expect(truth).toEqual(plain.truth);

    // Seeded: the same seed holds out the same ties, another seed others.
    expect(generateNetwork({ people: 400, seed: 5, holdOut: 0.1 }).truth.heldOut).toEqual(heldOut);
    expect(generateNetwork({ people: 400, seed: 6, holdOut: 0.1 }).truth.heldOut).not.toEqual(heldOut);
  });

  it('refuses a share outside 0 to 0.5', () => {
    expect(() => generateNetwork({ people: 200, seed: 1, holdOut: 0.6 })).toThrow('generator/network: holdOut must be a share from 0 to 0.5');
    expect(() => generateNetwork({ people: 200, seed: 1, holdOut: -0.1 })).toThrow(RangeError);
  });
});
