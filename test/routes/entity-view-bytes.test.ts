import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * The entity view's JSON, byte for byte, for a person two investigations hold: as an admin,
 * as a key limited to one of them and as a key limited to both, computed afresh and from the
 * read cache. Its copies, relations in both investigations (dates, a datetime, a count, an
 * amount above 2^31, a list), a placeholder at the other end, two loads' history. What differs
 * from run to run (the tag, times, ingest ids) is replaced by names in order of first
 * appearance; everything else, key order included, must stay as the snapshot has it.
 */

describe('the entity view, byte for byte', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const A = `OP-A-${tag}`;
  const B = `OP-B-${tag}`;
  const S = `S-${tag}`;
  const keys: Record<string, string> = {};

  useTestApp({}, (a) => (app = a));

  const load = async (investigation: string, body: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/v1/ingest', payload: { investigations: [{ id: investigation }], ...body } });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    await load(A, {
      defaults: { source: `REP-A1-${tag}`, grading: GRADING },
      people: [
        { id: S, name: `Alpha ${tag}`, aliases: [`Alf ${tag}`], roles: ['organiser', 'recruiter'], dateOfBirth: '1979-02-28', nationality: 'IQ' },
        { id: `T-${tag}`, name: `Tango ${tag}` },
      ],
      crossings: [{ id: `X-A-${tag}`, date: '2024-03-14', organisers: [S], outcome: 'landed' }],
      links: [{ id: `LK1-${tag}`, type: 'communication', from: S, to: `T-${tag}`, count: 12, firstSeen: '2023-04-12', lastSeen: '2023-05-31' }],
      payments: [
        {
          id: `PAY1-${tag}`,
          payer: { type: 'person', id: S },
          payee: { type: 'person', id: `T-${tag}` },
          amount: 8_675_309_123,
          currency: 'GBP',
          date: '2024-03-01',
          channel: 'cash',
        },
      ],
    });
    // A second load into A: the person's and the link's history get a second entry.
    await load(A, {
      defaults: { source: `REP-A2-${tag}`, grading: { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'C' } },
      people: [{ id: S, name: `Alpha ${tag}`, aliases: [`Alf ${tag}`, `Al ${tag}`], roles: ['organiser'], dateOfBirth: '1979-02-28', nationality: 'IQ' }],
      links: [{ id: `LK1-${tag}`, type: 'communication', from: S, to: `T-${tag}`, count: 14, firstSeen: '2023-04-12', lastSeen: '2023-06-02' }],
    });
    await load(B, {
      defaults: { source: `REP-B-${tag}`, grading: GRADING },
      people: [{ id: S, name: `Bravo ${tag}`, nationality: 'IR' }],
      // U is named only: a placeholder at the link's other end.
      links: [
        { id: `LK1-${tag}`, type: 'communication', from: S, to: `T-${tag}`, count: 3 },
        { id: `LK2-${tag}`, type: 'meeting', from: `U-${tag}`, to: S, firstSeen: '2024-01-02', lastSeen: '2024-01-02' },
      ],
    });
    for (const [name, investigations] of [
      ['A', [A]],
      ['AB', [A, B]],
    ] as const) {
      const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `${name}-${tag}`, role: 'analyst', investigations } });
      expect(made.statusCode, made.body).toBe(201);
      keys[name] = made.json().key;
    }
  });

  /** The body with the tag, times and ids that differ between runs replaced by names in order of first appearance. */
  function normalised(body: string): string {
    const names = new Map<string, string>();
    const name = (kind: string) => (value: string) => {
      const key = `${kind}:${value}`;
      if (!names.has(key)) names.set(key, `<${kind}${[...names.keys()].filter((k) => k.startsWith(`${kind}:`)).length + 1}`);
      return names.get(key)!;
    };
    return (
      body
        .replaceAll(tag, '<tag>')
        // Stored datetimes come back with nanoseconds (none printed when they are 0), history's with milliseconds.
        .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{9})?Z/g, (time, fraction?: string) => `${name('time')(time)} ${fraction?.length === 4 ? 'ms' : 'ns'}>`)
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (uuid) => `${name('uuid')(uuid)}>`)
    );
  }

  const as = async (who: string | null, cache: boolean) => {
    const headers: Record<string, string> = cache ? {} : { 'cache-control': 'no-cache' };
    if (who) headers.authorization = `Bearer ${keys[who]}`;
    const response = await app.inject({ method: 'GET', url: `/v1/entities/person/${S}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    return response.body;
  };

  it.each([
    ['an admin', null, 'admin'],
    ['a key limited to A', 'A', 'limited-a'],
    ['a key limited to A and B', 'AB', 'limited-ab'],
  ])('as %s', async (_, who, file) => {
    const fresh = await as(who, false);
    await expect(normalised(fresh)).toMatchFileSnapshot(`./__snapshots__/entity-view-bytes/${file}.json`);
    // The cached answer is the same bytes.
    expect(await as(who, true)).toBe(await as(who, true));
    expect(await as(who, true)).toBe(fresh);
  });
});
