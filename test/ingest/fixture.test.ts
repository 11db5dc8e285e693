import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { snapshot } from '../support/graph.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/small');

describe('the generated 200-person fixture', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({ INGEST_BATCH_SIZE: '100' }, (a, d) => {
    app = a;
    driver = d;
  });

  it('loads through NDJSON completely, and the JSON document of the same network then changes nothing', async () => {
    const ndjson = await readFile(join(FIXTURE, 'network.ndjson'), 'utf8');
    const first = await app.inject({ method: 'POST', url: '/v1/ingest/ndjson', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson });
    expect(first.statusCode).toBe(200);
    const report = first.json();
    const records = ndjson.trim().split('\n').length - 1;
    expect(report).toMatchObject({ status: 'completed', received: records, accepted: records, rejected: 0, placeholders: { count: 0 } });
    const investigation = JSON.parse(ndjson.slice(0, ndjson.indexOf('\n'))).investigations[0].id;
    const before = await snapshot(driver, investigation);

    const json = await readFile(join(FIXTURE, 'network.json'), 'utf8');
    const second = await app.inject({ method: 'POST', url: '/v1/ingest', headers: { 'content-type': 'application/json' }, payload: json });
    expect(second.statusCode).toBe(200);
    const again = second.json();
    expect(again.accepted).toBe(records);
    for (const counts of Object.values(again.entities) as { created: number; updated: number; resolved: number }[]) {
      expect(counts.created + counts.updated + counts.resolved).toBe(0);
    }
    expect(again.dataVersion).toBeUndefined();
    expect(await snapshot(driver, investigation)).toEqual(before);
  });
});
