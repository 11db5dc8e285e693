import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';

import { usePrivateDatabaseApp } from '../support/embedded.js';
import { GRADING } from '../support/graph.js';

/**
 * Strings with an unpaired UTF-16 surrogate (`"\ud800"` in JSON) are valid JSON but not valid
 * Unicode: Neo4j stores text as UTF-8, where they become U+FFFD. On a database of its own,
 * because what they do to the audit trail cannot be undone: a record is hashed as JavaScript
 * sees it and stored as Neo4j keeps it, so the chain would no longer verify for anyone after.
 */

const LONE = ['\ud800', '\udfff', 'a\ud83d', '\ude00b'];

describe('unpaired surrogates in JSON bodies', () => {
  let app: FastifyInstance;
  usePrivateDatabaseApp('surrogates', {}, (a) => (app = a));

  // JSON.stringify writes an unpaired surrogate as a \u escape, as any client would.
  const post = (url: string, value: object) => app.inject({ method: 'POST', url, payload: value });

  it('keep the audit trail verifiable, whether the request is refused or not', async () => {
    for (const text of LONE) {
      const requests = [
        post('/v1/ingest', { investigations: [text] }),
        post('/v1/analyses/preview', { scope: { investigations: [text] } }),
        post('/v1/disruption/what-if', { remove: [{ type: 'person', id: text }] }),
      ];
      for (const response of await Promise.all(requests)) expect(response.statusCode).toBeLessThan(500);
    }
    const verified = await app.inject({ method: 'GET', url: '/v1/audit/verify' });
    expect(verified.json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('are refused with 400 naming the field, in JSON and NDJSON loads, and nothing is stored', async () => {
    for (const [i, text] of LONE.entries()) {
      const id = `P-${i}`;
      const loaded = await post('/v1/ingest', { investigations: [{ id: 'OP-SURROGATES' }], defaults: { source: 'REP-1', grading: GRADING }, people: [{ id, name: text }] });
      expect(loaded.statusCode, loaded.body).toBe(400);
      expect(loaded.json().error.details).toEqual([{ path: 'body.people[0].name', message: expect.stringContaining('unpaired') }]);
      const lines = [
        { kind: 'header', investigations: [{ id: 'OP-SURROGATES' }], defaults: { source: 'REP-1', grading: GRADING } },
        { kind: 'person', record: { id: `${id}-ok`, name: 'fine' } },
        { kind: 'person', record: { id, aliases: ['x', text] } },
      ];
      const streamed = await app.inject({
        method: 'POST',
        url: '/v1/ingest/ndjson',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: lines.map((line) => JSON.stringify(line)).join('\n'),
      });
      expect(streamed.statusCode, streamed.body).toBe(400);
      expect(streamed.json().error.message).toContain('line 3: record.aliases[1] is not well-formed');
      for (const stored of [id, `${id}-ok`]) expect((await app.inject({ method: 'GET', url: `/v1/entities/person/${stored}` })).statusCode).toBe(404);
    }
  });
});
