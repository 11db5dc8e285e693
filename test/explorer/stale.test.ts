import { describe, expect, it } from 'vitest';

import { stalenessOf } from '../../explorer/src/data/stale.js';

describe('explorer/stale', () => {
  const run = (over: object) => ({ stale: false, scopeVersion: 7, dataVersion: 9, scope: { investigations: ['OP-A'] }, ...over });

  it('says a fresh run is fresh, with no notice', () => {
    expect(stalenessOf(run({}), new Map([['OP-A', 7]]))).toEqual({ stale: false, from: 7, to: 7, text: '' });
  });

  it('gives a stale run the version it read and its investigations’ newest now', () => {
    const versions = new Map([
      ['OP-A', 12],
      ['OP-B', 15],
    ]);
    expect(stalenessOf(run({ stale: true, scope: { investigations: ['OP-A', 'OP-B'] } }), versions)).toEqual({
      stale: true,
      from: 7,
      to: 15,
      text: 'The data changed after this run (version 7 → 15).',
    });
  });

  it('trusts the service’s flag when it cannot tell the version now (a run over everything, or an unknown investigation)', () => {
    expect(stalenessOf(run({ stale: true, scope: {} }), new Map()).text).toBe('The data changed after this run (version 7 → newer).');
    expect(stalenessOf(run({ stale: true }), new Map([['OP-B', 3]])).to).toBeNull();
  });

  it('marks a run behind the versions it is shown even before the service says so', () => {
    expect(stalenessOf(run({}), new Map([['OP-A', 8]])).stale).toBe(true);
  });
});
