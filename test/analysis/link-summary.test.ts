import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { projectScope } from '../../src/analysis/scope-read.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import { loadQueries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, type AnalyticsRepository, createAnalyticsRepository } from '../../src/repositories/analytics-repository.js';
import { type Scope, ScopeSchema } from '../../src/schemas/analysis.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';

/**
 * A projection without ties (the GDS engine's read) has Neo4j count the person–person links
 * instead of sending each one (at 10M relations, most of the read). What it keeps of them must
 * be what reading them row by row keeps: relations read, links with an end outside the scope,
 * self-links and their warning. Compared on a generated network with a self-link and links to
 * people the scope's grading leaves out, on three scopes.
 */
describe('the link summary of a projection without ties', () => {
  let app: FastifyInstance;
  let driver: Driver;
  let analytics: AnalyticsRepository;
  let investigations: string[];
  const t = uniqueTag();
  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    analytics = createAnalyticsRepository(driver, 'neo4j', await loadQueries([...ANALYTICS_QUERIES]), { partitions: 3 });
    const { document } = taggedNetwork(200, 5, t);
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    investigations = document.investigations.map((i) => i.id);
    const someone = document.people![0]!.id;
    const other = document.people![1]!.id;
    // Two self-links of one person, one of another, and links to a person graded C (outside a scope that takes B and better).
    const extra = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: investigations[0]! }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: [
          { id: someone, name: document.people![0]!.name },
          { id: other, name: document.people![1]!.name },
          { id: `WEAK-${t}`, name: 'Weakly graded', grading: { ...GRADING, intelligenceAssessment: 'C' } },
        ],
        links: [
          { id: `SELF-1-${t}`, type: 'communication', from: someone, to: someone, count: 2 },
          { id: `SELF-2-${t}`, type: 'contact', from: someone, to: someone },
          { id: `SELF-3-${t}`, type: 'meeting', from: other, to: other },
          { id: `WEAK-1-${t}`, type: 'contact', from: someone, to: `WEAK-${t}` },
          { id: `WEAK-2-${t}`, type: 'family', from: `WEAK-${t}`, to: other },
        ],
      },
    });
    expect(extra.statusCode, extra.body).toBe(200);
  });

  async function both(scope: Scope) {
    const read = async (links: 'rows' | 'summary') => {
      const builder = new PeopleProjectionBuilder({ gatherTies: false });
      await analytics.readRows(scope, { projection: 'people', rows: builder, links });
      return builder.finish();
    };
    return { rows: await read('rows'), summary: await read('summary') };
  }

  const sorted = (dropped: { reason: string; count: number }[]) => [...dropped].sort((a, b) => (a.reason < b.reason ? -1 : 1));

  it.each([
    ['the whole network', {}],
    ['B and better only (the weak person outside)', { minAssessment: 'B' }],
    ['a time window', { from: '2024-03-01', to: '2024-09-30' }],
  ])('keeps what the rows keep: %s', async (_name, extra) => {
    const scope = ScopeSchema.parse({ investigations, ...extra });
    const { rows, summary } = await both(scope);
    expect(summary.relationsRead).toBe(rows.relationsRead);
    expect(sorted(summary.dropped)).toEqual(sorted(rows.dropped));
    expect(summary.warnings).toEqual(rows.warnings);
    expect(summary.nodes).toEqual(rows.nodes);
    expect(summary.evidence).toEqual(rows.evidence);
    expect(summary.ties.source.length).toBe(0);
    expect(rows.relationsRead).toBeGreaterThan(200);
  });

  it('counts the self-links and the outside ends by hand', async () => {
    const { summary } = await both(ScopeSchema.parse({ investigations, minAssessment: 'B' }));
    expect(summary.warnings).toEqual([expect.stringMatching(/^3 reported links tie a person to themselves \(/)]);
    expect(summary.dropped).toContainEqual({ reason: 'a link from a person to themselves (no tie)', count: 3 });
    expect(summary.dropped.find((d) => d.reason === 'an end is outside the scope')?.count).toBeGreaterThanOrEqual(2);
  });

  it('is what projectScope reads for a scope without ties', async () => {
    const scope = ScopeSchema.parse({ investigations });
    const { summary } = await both(scope);
    const read = (await projectScope(analytics, scope, { gatherTies: false })).projection;
    expect(read.relationsRead).toBe(summary.relationsRead);
    expect(read.warnings).toEqual(summary.warnings);
  });
});
