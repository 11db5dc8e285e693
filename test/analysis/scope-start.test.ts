import type { Driver } from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadQueries, type Queries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, scopeParameters } from '../../src/repositories/analytics-repository.js';
import { ScopeSchema } from '../../src/schemas/analysis.js';
import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';

/**
 * An analysis of some investigations reads only theirs: the people projection's queries find
 * the scope's people by the investigation index (schema/009) and scan no label, so one
 * investigation's read costs what it holds, not what the whole database holds (a team's
 * analysis in a national store). Checked in Neo4j's own profile of each query, on a store
 * holding other tests' investigations too; and a scope of all investigations still scans.
 */

interface Operator {
  operatorType: string;
  rows: number;
  children: Operator[];
}

function operators(plan: Operator): Operator[] {
  return [plan, ...plan.children.flatMap(operators)];
}

describe("the people projection's read of some investigations", () => {
  let driver: Driver;
  let queries: Queries;
  const t = uniqueTag();
  useTestApp({}, (_app, d) => (driver = d));

  beforeAll(async () => {
    queries = await loadQueries([...ANALYTICS_QUERIES]);
    // Two investigations' people and a link in each, so the database holds more than the scope.
    await driver.executeQuery(
      `UNWIND ['A', 'B'] AS side
       WITH 'START-' + side + '-' + $t AS investigation
       CREATE (p:Person {id: 'P1', investigation: investigation, investigations: [investigation], name: 'One', sourceEvaluation: 2, intelligenceAssessment: 'B'}),
              (q:Person {id: 'P2', investigation: investigation, investigations: [investigation], name: 'Two', sourceEvaluation: 2, intelligenceAssessment: 'B'}),
              (p)-[:CONTACT {id: 'L1', investigation: investigation, investigations: [investigation], count: 2, sourceEvaluation: 2, intelligenceAssessment: 'B'}]->(q)`,
      { t },
    );
    await driver.executeQuery('CALL db.awaitIndexes(60)');
  });

  async function profile(name: 'analytics/people-nodes' | 'analytics/people-links', investigations?: string[]) {
    const params = { ...scopeParameters(ScopeSchema.parse(investigations ? { investigations } : {})), parts: 1, part: 0 };
    const { records, summary } = await driver.executeQuery(`PROFILE ${queries[name]!}`, params);
    const ops = operators(summary.profile as unknown as Operator);
    const scanned = ops.filter((o) => /Labels? ?Scan|AllNodesScan/i.test(o.operatorType)).reduce((sum, o) => sum + o.rows, 0);
    const sought = ops.filter((o) => o.operatorType.startsWith('NodeIndexSeek')).reduce((sum, o) => sum + o.rows, 0);
    return { rows: records.length, scanned, sought };
  }

  it.each(['analytics/people-nodes', 'analytics/people-links'] as const)('%s: by index, no label scanned, each investigation once', async (name) => {
    const one = `START-A-${t}`;
    // Named twice: read once.
    const read = await profile(name, [one, one]);
    expect(read.scanned).toBe(0);
    expect(read.sought).toBe(2); // the two people of investigation A
    expect(read.rows).toBe(name === 'analytics/people-nodes' ? 2 : 1);
  });

  it.each(['analytics/people-nodes', 'analytics/people-links'] as const)('%s: every investigation, by a scan', async (name) => {
    const all = await profile(name);
    expect(all.sought).toBe(0);
    expect(all.scanned).toBeGreaterThanOrEqual(4);
  });
});
