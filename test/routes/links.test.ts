import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { LinkSuggestionsSchema } from '../../src/schemas/links.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';

/**
 * POST /v1/analyses/links/suggest on a hand network in investigation A:
 *
 *   A–C communication, B–C meeting, A–D family, B–D associate, D–E communication, E–F communication
 *
 * Untied pairs sharing a contact, with Adamic–Adar worked out by hand (Σ 1 / ln deg of each
 * shared contact; deg C 2, D 3, A 2, B 2, E 2) and checked with networkx's adamic_adar_index:
 *   C–D via A, B   2 / ln 2         = 2.8853900817779268
 *   A–B via C, D   1/ln 2 + 1/ln 3  = 2.352934267515801
 *   D–F via E      1 / ln 2         = 1.4426950408889634
 *   A–E, B–E via D 1 / ln 3         = 0.9102392266268373 (tied: ordered by key)
 *
 * Investigation B holds A too (another name, with a sentinel) and ties of its own: A–G meeting,
 * G–B family. A caller limited to A must get exactly A's answer, with nothing of B.
 */

describe('POST /v1/analyses/links/suggest', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const OP_A = `OP-A-${t}`;
  const OP_B = `OP-B-${t}`;
  const SECRET = `ZQL${t}`;
  const id = (name: string) => `${name}-${t}`;
  const key = (name: string) => `person:${id(name)}`;
  let limitedKey = '';

  const suggest = async (payload: object, authorization?: string) => {
    const response = await app.inject({ method: 'POST', url: '/v1/analyses/links/suggest', payload, ...(authorization ? { headers: { authorization } } : {}) });
    expect(response.statusCode, response.body).toBe(200);
    return { text: response.body, body: LinkSuggestionsSchema.parse(response.json()) };
  };
  const pairs = (body: { suggestions: { a: { key: string }; b: { key: string } }[] }) => body.suggestions.map((s) => `${s.a.key}|${s.b.key}`);
  const pair = (x: string, y: string) => [key(x), key(y)].sort().join('|');

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const link = (n: number, type: string, from: string, to: string) => ({ id: id(`LK${n}`), type, from: id(from), to: id(to) });
    const a = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: OP_A }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: ['A', 'B', 'C', 'D', 'E', 'F'].map((p) => ({ id: id(p), name: `${p} ${t}` })),
        links: [
          link(1, 'communication', 'A', 'C'),
          link(2, 'meeting', 'B', 'C'),
          link(3, 'family', 'A', 'D'),
          link(4, 'associate', 'B', 'D'),
          link(5, 'communication', 'D', 'E'),
          link(6, 'communication', 'E', 'F'),
        ],
      },
    });
    expect(a.statusCode, a.body).toBe(200);
    const b = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: OP_B }],
        defaults: { source: `${SECRET}-report`, grading: GRADING },
        people: [
          { id: id('A'), name: `${SECRET} A` },
          { id: id('B'), name: `${SECRET} B` },
          { id: id('G'), name: `${SECRET} G` },
        ],
        links: [link(7, 'meeting', 'A', 'G'), link(8, 'family', 'G', 'B')],
      },
    });
    expect(b.statusCode, b.body).toBe(200);
    const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `links-${t}`, role: 'analyst', investigations: [OP_A] } });
    expect(made.statusCode, made.body).toBe(201);
    limitedKey = `Bearer ${made.json().key}`;
  });

  it('suggests the untied pairs by Adamic–Adar as worked out by hand, with the shared contacts and their tie kinds', async () => {
    const { body } = await suggest({ scope: { investigations: [OP_A] }, parameters: { index: 'adamicAdar' } });
    expect(pairs(body)).toEqual([pair('C', 'D'), pair('A', 'B'), pair('D', 'F'), pair('A', 'E'), pair('B', 'E')]);
    expect(body.suggestions.map((s) => s.score)).toEqual(
      [2.8853900817779268, 2.352934267515801, 1.4426950408889634, 0.9102392266268373, 0.9102392266268373].map((x) => expect.closeTo(x, 12)),
    );
    expect(body.candidates).toBe(5);
    expect(body.nextOffset).toBeNull();

    const ab = body.suggestions[1]!;
    expect(ab.a.key).toBe(key('A'));
    // C knows 2 people, D 3: C says more and comes first.
    expect(ab.evidence.sharedContacts.map((c) => [c.id, c.degree, c.withA, c.withB])).toEqual([
      [id('C'), 2, [{ kind: 'communication', count: 1 }], [{ kind: 'meeting', count: 1 }]],
      [id('D'), 3, [{ kind: 'family', count: 1 }], [{ kind: 'associate', count: 1 }]],
    ]);
    expect(ab.explanation).toContain(`both are tied to ${id('C')} C ${t} (${id('A')}: communication; ${id('B')}: meeting)`);
    // Six ties: hiding 10% hides fewer than 5, so no likelihood, and the answer says why.
    expect(ab.likelihood).toBeNull();
    expect(body.calibration).toBeNull();
    expect(body.warnings.join(' ')).toMatch(/no likelihood: the scope has 6 person–person ties/);
  });

  it('pages stably: the pages put together are the whole list, in order', async () => {
    const scope = { investigations: [OP_A] };
    const { body: all } = await suggest({ scope, parameters: { index: 'adamicAdar' } });
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const { body: page } = await suggest({ scope, parameters: { index: 'adamicAdar', limit: 2, offset } });
      seen.push(...pairs(page));
      expect(page.suggestions.length).toBeLessThanOrEqual(2);
      offset = page.nextOffset;
    }
    expect(seen).toEqual(pairs(all));
  });

  it('keeps the pairs of the people asked about, and says which are not people in scope', async () => {
    const { body } = await suggest({ scope: { investigations: [OP_A] }, parameters: { index: 'adamicAdar', people: [id('F'), id('NOBODY')] } });
    expect(pairs(body)).toEqual([pair('D', 'F')]);
    expect(body.warnings).toContain(`${id('NOBODY')} is not a person in this scope; left out`);
  });

  it('ranks by Katz by default, reaching pairs with no shared contact (A–F: three ties apart)', async () => {
    const { body } = await suggest({ scope: { investigations: [OP_A] } });
    expect(body.index).toBe('katz');
    expect(body.katz!.maxLength).toBe(4);
    // 15 pairs of 6 people, 6 tied: 9 untied, all within 4 ties.
    expect(body.candidates).toBe(9);
    const af = body.suggestions.find((s) => `${s.a.key}|${s.b.key}` === pair('A', 'F'))!;
    expect(af.evidence.sharedContactsTotal).toBe(0);
    expect(af.evidence.paths3).toBe(1);
    expect(af.explanation).toContain('1 path of three ties joins them');
  });

  it('shows a caller limited to A exactly A’s suggestions: nothing of B’s people, names or ties', async () => {
    // As admin over both (not every investigation: the test database holds other tests' too), B's ties count: G (A–G meeting, G–B family) becomes a shared contact of A and B.
    const { body: everything } = await suggest({ scope: { investigations: [OP_A, OP_B] }, parameters: { index: 'adamicAdar' } });
    expect(everything.suggestions.some((s) => s.evidence.sharedContacts.some((c) => c.id === id('G')))).toBe(true);

    const { body: mine } = await suggest({ scope: { investigations: [OP_A] }, parameters: { index: 'adamicAdar' } });
    for (const payload of [{ parameters: { index: 'adamicAdar' } }, { scope: { investigations: [OP_A, OP_B] }, parameters: { index: 'adamicAdar' } }]) {
      const { text, body } = await suggest(payload, limitedKey);
      expect(text).not.toContain(SECRET);
      // (B's id comes back only where the caller named it, in the warning that it was left out.)
      if (!JSON.stringify(payload).includes(OP_B)) expect(text).not.toContain(OP_B);
      expect(text).not.toContain(id('G'));
      expect(body.suggestions).toEqual(mine.suggestions);
    }
  });

  it('takes a run’s scope, and refuses a run the caller cannot see as unknown', async () => {
    const started = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope: { investigations: [OP_A] }, parameters: { seed: 7 } } });
    expect(started.statusCode, started.body).toBeLessThan(300);
    const run = started.json().id as string;
    const { body } = await suggest({ run, parameters: { index: 'adamicAdar' } });
    expect(body.run).toEqual({ id: run });
    expect(body.scope.investigations).toEqual([OP_A]);
    expect(pairs(body)).toHaveLength(5);

    const overB = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope: { investigations: [OP_B] }, parameters: { seed: 7 } } });
    const hidden = await app.inject({ method: 'POST', url: '/v1/analyses/links/suggest', payload: { run: overB.json().id }, headers: { authorization: limitedKey } });
    expect(hidden.statusCode, hidden.body).toBe(404);
    const unknown = await app.inject({ method: 'POST', url: '/v1/analyses/links/suggest', payload: { run: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('on a generated network: suggests only untied pairs whose shared contacts the preview’s ties confirm, with a likelihood read off its steps, the same twice', async () => {
    const { document } = taggedNetwork(200, 21, t);
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const scope = { investigations: document.investigations.map((i) => i.id) };
    const preview = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope, include: ['ties'] } });
    expect(preview.statusCode, preview.body).toBe(200);
    const ties = new Set((preview.json().ties as { source: string; target: string }[]).map((tie) => `${tie.source}|${tie.target}`));
    const tied = (x: string, y: string) => ties.has([x, y].sort().join('|'));

    const { body } = await suggest({ scope, parameters: { index: 'adamicAdar', limit: 100 } });
    expect(body.suggestions).toHaveLength(100);
    const calibration = body.calibration!;
    expect(calibration.hiddenTies).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < calibration.steps.length; i++) expect(calibration.steps[i]!.likelihood).toBeGreaterThanOrEqual(calibration.steps[i - 1]!.likelihood);
    for (const s of body.suggestions) {
      expect(tied(s.a.key, s.b.key), `${s.a.key}–${s.b.key}`).toBe(false);
      expect(s.evidence.sharedContactsTotal).toBeGreaterThan(0);
      for (const c of s.evidence.sharedContacts) expect(tied(s.a.key, c.key) && tied(s.b.key, c.key), `${c.key} of ${s.a.key}–${s.b.key}`).toBe(true);
      const step = calibration.steps.filter((x) => x.from <= s.score).at(-1) ?? calibration.steps[0]!;
      expect(s.likelihood).toBe(step.likelihood);
    }
    const { body: again } = await suggest({ scope, parameters: { index: 'adamicAdar', limit: 100 } });
    // (The data version is the database’s: other test files load in between.)
    expect({ ...again, timings: {}, dataVersion: 0 }).toEqual({ ...body, timings: {}, dataVersion: 0 });
  });

  it.each([
    [{ parameters: { limit: 0 } }, 'body.parameters.limit'],
    [{ parameters: { limit: 501 } }, 'body.parameters.limit'],
    [{ parameters: { index: 'jaccard' } }, 'body.parameters.index'],
    [{ parameters: { offset: -1 } }, 'body.parameters.offset'],
    [{ parameters: { people: [] } }, 'body.parameters.people'],
    [{ run: 'not-a-uuid' }, 'body.run'],
    [{ run: '00000000-0000-4000-8000-000000000000', scope: {} }, 'body.scope'],
    [{ extra: 1 }, 'body'],
  ])('refuses %j with 400 naming %s', async (payload, path) => {
    const response = await app.inject({ method: 'POST', url: '/v1/analyses/links/suggest', payload });
    expect(response.statusCode, response.body).toBe(400);
    expect(JSON.stringify(response.json())).toContain(path);
  });
});
