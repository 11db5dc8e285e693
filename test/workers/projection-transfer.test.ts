import { describe, expect, it } from 'vitest';

import { documentRows, projectRows } from '../../bench/harness/document-rows.js';
import { analyse } from '../../src/analytics/engine.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import type { Projection } from '../../src/analytics/projection/types.js';
import { generateNetwork } from '../../src/generator/network.js';
import { packProjection, SLICE, unpackProjection } from '../../src/workers/projection-transfer.js';

/**
 * A projection packed for a worker a slice at a time comes out as a structured clone would give
 * it (nodes, evidence, ties and all), the event loop runs between slices, and every buffer the
 * worker gets is in the transfer list: a generated network of 3,000 people (several slices, with
 * crossings, payments and vessels behind its evidence).
 */

function generated(): Projection {
  return projectRows(documentRows(generateNetwork({ people: 3_000, seed: 11 }).document));
}

describe('projection transfer', () => {
  it('unpacks to what a structured clone gives, with the event loop let go between slices', async () => {
    const projection = generated();
    const expected = structuredClone(projection);
    expect(projection.nodes.length).toBeGreaterThan(SLICE);
    // Something else the event loop has to do runs before the packing ends: it let go between slices.
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    const { packed, transferList } = await packProjection(projection);
    expect(packed.slices.length).toBe(Math.ceil(projection.nodes.length / SLICE));
    expect(ranBetween).toBe(true);
    for (const slice of packed.slices) expect(transferList).toContain(slice.buffer);
    for (const array of Object.values(projection.ties)) expect(transferList).toContain(array.buffer);
    // What the worker receives: a clone of the packed message, its buffers moved.
    const received = structuredClone(packed, { transfer: transferList as Transferable[] });
    expect(projection.ties.source.length).toBe(0); // moved away, as to a worker
    const unpacked = unpackProjection(received);
    expect(unpacked).toEqual(expected);
    const [a, b] = [await analyse(unpacked, { seed: 3 }), await analyse(structuredClone(expected), { seed: 3 })];
    expect(a.modularity).toBe(b.modularity);
    expect(Array.from(a.ranking.order)).toEqual(Array.from(b.ranking.order));
  });

  it('packs an empty projection', async () => {
    const empty = new PeopleProjectionBuilder().finish();
    const { packed } = await packProjection(empty);
    expect(unpackProjection(structuredClone(packed))).toEqual(empty);
  });
});
