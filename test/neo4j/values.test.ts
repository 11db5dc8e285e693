import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IntegerRangeError, recordToObject, toNative } from '../../src/neo4j/values.js';
import { testDriver } from '../support/app.js';

describe('toNative against a real Neo4j', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = testDriver();
  });
  afterAll(() => driver.close());

  async function one(cypher: string): Promise<Record<string, unknown>> {
    const { records } = await driver.executeQuery(cypher);
    return recordToObject(records[0]!);
  }

  it('turns 64-bit integers into exact JS numbers', async () => {
    const row = await one('RETURN 42 AS small, 9007199254740991 AS maxSafe, -9007199254740991 AS minSafe, [1, 2] AS list');
    expect(row).toEqual({ small: 42, maxSafe: Number.MAX_SAFE_INTEGER, minSafe: -Number.MAX_SAFE_INTEGER, list: [1, 2] });
    expect(typeof row.small).toBe('number');
  });

  it('refuses integers a JS number cannot hold exactly', async () => {
    const { records } = await driver.executeQuery('RETURN 9007199254740993 AS tooBig');
    expect(() => recordToObject(records[0]!)).toThrow(IntegerRangeError);
  });

  it('returns temporal values as ISO-8601 strings and nodes as their properties', async () => {
    const row = await one(
      "RETURN date('2024-03-01') AS d, datetime('2024-03-01T10:15:00Z') AS dt, {n: 3, at: date('2024-01-02')} AS m",
    );
    expect(row).toEqual({ d: '2024-03-01', dt: '2024-03-01T10:15:00Z', m: { n: 3, at: '2024-01-02' } });
  });

  it('returns nodes and relationships as their property maps', async () => {
    const session = driver.session();
    const tx = session.beginTransaction();
    try {
      const result = await tx.run(
        "CREATE (a:ValuesProbe {id: 'p1', count: 7})-[r:PROBE {weight: 2}]->(b:ValuesProbe {id: 'p2'}) RETURN a, r",
      );
      expect(recordToObject(result.records[0]!)).toEqual({ a: { id: 'p1', count: 7 }, r: { weight: 2 } });
    } finally {
      await tx.rollback();
      await session.close();
    }
  });
});

describe('toNative without a database', () => {
  it('converts driver Integers, bigints and nested structures', () => {
    expect(toNative({ a: neo4j.int(5), b: [neo4j.int(-3)], c: 10n, d: 'x', e: null, f: undefined })).toEqual({
      a: 5,
      b: [-3],
      c: 10,
      d: 'x',
      e: null,
      f: null,
    });
  });

  it('refuses a bigint outside the safe range', () => {
    expect(() => toNative(2n ** 60n)).toThrow(/outside the exact range/);
  });
});
