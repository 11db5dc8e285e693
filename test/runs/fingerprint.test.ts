import { describe, expect, it } from 'vitest';

import { canonicalJson, fingerprintOf } from '../../src/runs/fingerprint.js';

describe('fingerprint', () => {
  it('writes keys sorted at every depth and leaves undefined out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is the same for the same content in another order, and differs for another value', () => {
    const a = fingerprintOf({ scope: { investigations: ['OP-1'], from: '2024-01-01' }, seed: 1 });
    const b = fingerprintOf({ seed: 1, scope: { from: '2024-01-01', investigations: ['OP-1'] } });
    const c = fingerprintOf({ seed: 2, scope: { from: '2024-01-01', investigations: ['OP-1'] } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('keeps the order of arrays (investigations are sorted before, where order means nothing)', () => {
    expect(fingerprintOf({ x: [1, 2] })).not.toBe(fingerprintOf({ x: [2, 1] }));
  });
});
