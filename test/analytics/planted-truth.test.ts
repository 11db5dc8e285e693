import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { precisionAt, taggedNetwork } from '../support/network.js';

/**
 * Planted truth: on networks from the project's generator, with default settings, at least 8
 * of the 10 highest-ranked people are planted organisers, brokers, procurers or money movers.
 */
describe('harm ranking against the planted truth', () => {
  let app: FastifyInstance;
  useTestApp({}, (a) => (app = a));

  it.each([
    [200, 7],
    [300, 11],
    [500, 23],
  ])('ranks planted targets first on a %i-person network (seed %i)', async (people, seed) => {
    const tag = uniqueTag();
    const { document, truth } = taggedNetwork(people, seed, tag);
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);

    const response = await app.inject({
      method: 'POST',
      url: '/v1/analyses/preview',
      payload: { scope: { investigations: document.investigations.map((i) => i.id) } },
    });
    expect(response.statusCode, response.body).toBe(200);
    const ranked = (response.json().ranking as { type: string; id: string }[]).filter((n) => n.type === 'person').map((n) => n.id);
    const at10 = precisionAt(10, ranked, truth.roles);
    const at20 = precisionAt(20, ranked, truth.roles);
    console.log(
      `planted truth ${people}/${seed}: precision@10 ${at10}, @20 ${at20}; top 10: ${ranked
        .slice(0, 10)
        .map((id) => truth.roles[id])
        .join(', ')}`,
    );
    expect(at10).toBeGreaterThanOrEqual(0.8);
  });
});
