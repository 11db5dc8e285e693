import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { WhatIfSchema } from '../../src/schemas/disruption.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * The what-if's parts (where every node of the scope ends) against the real Neo4j, on a network
 * of thirteen people whose parts were worked out by hand and checked with networkx 3.6
 * (nx.connected_components on the same edges, the removed nodes taken out):
 *
 *   P0 – P1 – {P1 P2 P3 triangle} – P3 – P4 – {P5 P6 P7 triangle} – P7 – P8 – P9;   Q1 – Q2 – Q3
 *
 * No removal below leaves two largest components of equal size, so the answers do not depend on
 * how ties between components are broken.
 */
describe('what-if parts', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const id = (name: string) => `${name}-${t}`;
  const key = (name: string) => `person:${id(name)}`;
  const keys = (names: string) => (names === '' ? [] : names.split(' ').map(key).sort());
  const scope = { investigations: [`OP-${t}`] };
  const ties = [
    ['P0', 'P1'],
    ['P1', 'P2'],
    ['P2', 'P3'],
    ['P3', 'P1'],
    ['P3', 'P4'],
    ['P4', 'P5'],
    ['P5', 'P6'],
    ['P6', 'P7'],
    ['P5', 'P7'],
    ['P7', 'P8'],
    ['P8', 'P9'],
    ['Q1', 'Q2'],
    ['Q2', 'Q3'],
  ] as const;
  const people = [...new Set(ties.flat())];

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: people.map((p) => ({ id: id(p), name: `${p} ${t}` })),
        links: ties.map(([from, to], i) => ({ id: id(`LK${i}`), type: 'communication', from: id(from), to: id(to), count: 3 })),
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  const whatIf = async (remove: string[], extra: object = {}) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/disruption/what-if',
      payload: { scope, remove: remove.map((p) => ({ type: 'person', id: id(p) })), ...extra },
    });
    expect(response.statusCode, response.body).toBe(200);
    return WhatIfSchema.parse(response.json());
  };

  const cases = [
    { remove: 'P4', largest: 'P5 P6 P7 P8 P9', cutOff: 'P0 P1 P2 P3', apartBefore: 'Q1 Q2 Q3', components: 3 },
    { remove: 'P4 P8', largest: 'P0 P1 P2 P3', cutOff: 'P5 P6 P7 P9', apartBefore: 'Q1 Q2 Q3', components: 4 },
    // What was apart before becomes the largest part left: nothing is "apart before" any more.
    { remove: 'P1 P4 P7', largest: 'Q1 Q2 Q3', cutOff: 'P0 P2 P3 P5 P6 P8 P9', apartBefore: '', components: 5 },
  ];

  for (const c of cases) {
    it(`removing ${c.remove}: ${c.largest} left together, ${c.cutOff} cut off, ${c.apartBefore || 'nobody'} apart before`, async () => {
      const result = await whatIf(c.remove.split(' '));
      const { parts } = result;
      expect(parts.listed).toBe(true);
      expect([...parts.largest].sort()).toEqual(keys(c.largest));
      expect([...parts.cutOff].sort()).toEqual(keys(c.cutOff));
      expect([...parts.apartBefore].sort()).toEqual(keys(c.apartBefore));
      expect(result.removed.map((r) => r.key).sort()).toEqual(keys(c.remove));
      expect(parts.counts).toEqual({
        removed: c.remove.split(' ').length,
        largest: keys(c.largest).length,
        cutOff: keys(c.cutOff).length,
        apartBefore: keys(c.apartBefore).length,
      });
      // The parts agree with the figures next to them.
      expect(result.after.largestComponent).toBe(parts.counts.largest);
      expect(result.after.components).toBe(c.components);
      expect(parts.counts.removed + parts.counts.largest + parts.counts.cutOff + parts.counts.apartBefore).toBe(people.length);
      expect(result.leftOut).toEqual([]);
    });
  }

  it('lists the entities left out under ignoreUnknown, and places everyone else', async () => {
    const result = await whatIf(['P4', 'NOBODY'], { ignoreUnknown: true });
    expect(result.leftOut).toEqual([{ type: 'person', id: id('NOBODY') }]);
    expect(result.removed.map((r) => r.key)).toEqual([key('P4')]);
    expect(result.parts.counts).toEqual({ removed: 1, largest: 5, cutOff: 4, apartBefore: 3 });
  });
});
