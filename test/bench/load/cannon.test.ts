import { describe, expect, it } from 'vitest';

import { settle } from '../../../bench/load/cannon.js';

/** An audit chain that reads `values` one after the other, then stays at the last. */
function chain(values: (number | undefined)[]) {
  let reads = 0;
  return {
    read: async () => values[Math.min(reads++, values.length - 1)],
    reads: () => reads,
  };
}

const fast = { pollMs: 1, quietPolls: 3, maxMs: 5_000 };

describe('settle', () => {
  it('waits until the chain holds a record for every request sent, through a pause', async () => {
    const audit = chain([10, 40, 40, 70, 100, 110]);
    await expect(settle(audit.read, 100, fast)).resolves.toBe(100);
    expect(audit.reads()).toBe(5);
  });

  it('returns at once when nothing is awaited: the chain is there already, or the scenario is not audited', async () => {
    const audit = chain([100]);
    await expect(settle(audit.read, 100, fast)).resolves.toBe(100);
    await expect(settle(audit.read, undefined, fast)).resolves.toBe(100);
    expect(audit.reads()).toBe(2);
  });

  it('stops when the chain has not moved for `quietPolls` polls: requests cut before a handler saw them leave no record', async () => {
    const audit = chain([10, 95, 98]);
    await expect(settle(audit.read, 100, fast)).resolves.toBe(98);
    expect(audit.reads()).toBe(3 + fast.quietPolls);
  });

  it('gives up after its time limit while the chain still grows', async () => {
    let n = 0;
    await expect(settle(async () => n++, 1_000_000, { ...fast, maxMs: 30 })).resolves.toBeGreaterThan(0);
  });

  it('settles on undefined when the chain cannot be read', async () => {
    await expect(settle(async () => undefined, 100, fast)).resolves.toBeUndefined();
  });
});
