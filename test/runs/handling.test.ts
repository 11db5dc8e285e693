import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

/**
 * A run's JSON export says how many graded facts of its scope carry each handling code, so a
 * page can mark what it shows with the most restrictive, and the dates they span: a fact loaded
 * with handling C counts while it is in the scope, and stops counting when the window or the
 * grading leaves it out. Counted by hand from the document loaded.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('handling codes of a run', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const investigation = `OP-HC-${tag}`;
  const person = (id: string) => ({ type: 'person', id: `${id}-${tag}` });
  const payment = (id: string, date: string, grading?: object) => ({
    id: `PAY-${id}-${tag}`,
    payer: person('A'),
    payee: person('B'),
    amount: 10_000,
    currency: 'GBP',
    date,
    channel: 'cash',
    ...(grading ? { grading } : {}),
  });

  useTestApp({}, (a) => (app = a));

  /** A finished run over the investigation and this scope, and what its JSON export says of the scope's facts. */
  const factsOf = async (scope: object): Promise<{ handling: Record<string, number>; dates: { first: string | null; last: string | null } }> => {
    const submitted = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope: { investigations: [investigation], ...scope } } });
    expect([200, 202], submitted.body).toContain(submitted.statusCode);
    const id = submitted.json<Json>().id as string;
    await waitFor(async () => (await app.inject({ method: 'GET', url: `/v1/analyses/${id}` })).json<Json>().status === 'done', 60_000, 250);
    const exported = await app.inject({ method: 'GET', url: `/v1/analyses/${id}/export?format=json` });
    expect(exported.statusCode, exported.body).toBe(200);
    const { handling, dates } = exported.json<Json>().run;
    return { handling, dates };
  };

  beforeAll(async () => {
    const loaded = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: investigation }],
        defaults: { source: `REP-${tag}`, grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } },
        people: ['A', 'B', 'C'].map((id) => ({ id: person(id).id, name: `Person ${id}` })),
        payments: [
          payment('1', '2024-06-01'),
          payment('2', '2024-07-01'),
          payment('3', '2023-01-15', { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'C' }),
          payment('4', '2024-06-15', { sourceEvaluation: 3, intelligenceAssessment: 'E', handlingCode: 'C' }),
        ],
      },
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
  });

  it('counts the facts of the whole scope by handling code: three people and two payments, each with its payer and payee relations', async () => {
    // Payment 4 is assessed E: the default scope (D and better) leaves it out.
    expect(await factsOf({})).toEqual({ handling: { P: 3 + 2 * 3, C: 3 }, dates: { first: '2023-01-15', last: '2024-07-01' } });
  });

  it('leaves out a C-handled payment outside the window, with its payer and payee relations', async () => {
    expect(await factsOf({ from: '2024-01-01' })).toEqual({ handling: { P: 3 + 2 * 3 }, dates: { first: '2024-06-01', last: '2024-07-01' } });
  });

  it('counts a C-handled fact the grading lets in, and only the payments inside a closed window', async () => {
    expect(await factsOf({ from: '2024-01-01', to: '2024-06-20', minAssessment: 'E' })).toEqual({
      handling: { P: 3 + 1 * 3, C: 1 * 3 },
      dates: { first: '2024-06-01', last: '2024-06-15' },
    });
  });
});
