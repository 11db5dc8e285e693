import fc from 'fast-check';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IntegerRangeError, recordToObject, temporalText, toNative } from '../../src/neo4j/values.js';
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

  it('keeps a byte array a typed array, so it can be written back as one', async () => {
    const { records } = await driver.executeQuery('RETURN $bytes AS bytes, {b: $bytes} AS inMap', { bytes: Int8Array.from([1, -2, 127]) });
    const value = recordToObject<{ bytes: Int8Array; inMap: { b: Int8Array } }>(records[0]!);
    expect(value.bytes).toBeInstanceOf(Int8Array);
    expect(Array.from(value.bytes)).toEqual([1, -2, 127]);
    expect(Array.from(value.inMap.b)).toEqual([1, -2, 127]);
    const { records: back } = await driver.executeQuery('RETURN $bytes = $original AS same', { bytes: value.bytes, original: Int8Array.from([1, -2, 127]) });
    expect(back[0]!.get('same')).toBe(true);
  });

  it("gives every temporal value the server sends as the driver's own text", async () => {
    const { records } = await driver.executeQuery(
      `UNWIND range(0, 199) AS i
       WITH i, datetime({epochMillis: 1700000000000 + i * 86400123 * 17, timezone: ['Z', '+01:00', '-05:30', 'Europe/London', 'Asia/Kolkata'][i % 5]}) AS t
       RETURN [t, t + duration({nanoseconds: i * 7919}), datetime.truncate('second', t), localdatetime(t), date(t), date({year: i * 53, month: 1 + i % 12, day: 1 + i % 28}),
               localtime(t), time(t), duration.between(date(t), t), datetime({year: 10000 + i, month: 1, day: 1}), date({year: -i, month: 2, day: 3})] AS values`,
    );
    const raw = records.flatMap((record) => record.get('values') as unknown[]);
    expect(raw.map(toNative)).toEqual(raw.map(String));
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

  it("writes dates and datetimes as the driver's String() does, with Integer or number fields", () => {
    const whole = fc.boolean().map((asInteger) => (n: number) => (asInteger ? neo4j.int(n) : n));
    const fields = fc.record({
      year: fc.integer({ min: -20_000, max: 20_000 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      nanosecond: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999_999_999 })),
      offset: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: -18 * 3600, max: 18 * 3600 }), fc.integer({ min: -18, max: 18 }).map((h) => h * 3600))),
      zone: fc.option(fc.constantFrom('Europe/London', 'Asia/Kolkata', 'UTC')),
    });
    fc.assert(
      fc.property(fields, whole, (f, w) => {
        const values = [
          new neo4j.types.Date(w(f.year), w(f.month), w(f.day)),
          new neo4j.types.LocalDateTime(w(f.year), w(f.month), w(f.day), w(f.hour), w(f.minute), w(f.second), w(f.nanosecond)),
          new neo4j.types.DateTime(w(f.year), w(f.month), w(f.day), w(f.hour), w(f.minute), w(f.second), w(f.nanosecond), f.offset === null && f.zone === null ? 0 : f.offset === null ? undefined : w(f.offset), f.zone ?? undefined),
          new neo4j.types.LocalTime(w(f.hour), w(f.minute), w(f.second), w(f.nanosecond)),
        ];
        for (const value of values) expect(temporalText(value)).toBe(String(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a bigint outside the safe range', () => {
    expect(() => toNative(2n ** 60n)).toThrow(/outside the exact range/);
  });
});
