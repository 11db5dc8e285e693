import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Config, loadConfig } from '../../src/config.js';
import { bulkImport, type BulkImportReport, ImportRefusedError } from '../../src/import/bulk-import.js';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../src/neo4j/embedded.js';
import { toNative } from '../../src/neo4j/values.js';
import { appOn, usePrivateDatabaseApp } from '../support/embedded.js';
import { freePort } from '../support/ports.js';

/**
 * `npm run import` (issue 24's bulk first load) against the ingest path it stands in for: the
 * same files loaded through POST /v1/ingest/ndjson into one empty Neo4j and through the bulk
 * import into another must leave the same graph — every node's labels, properties and property
 * types, every relationship — and the API must answer the same from both (entity views, an
 * analysis). Read back by Cypher's own valueType and by the service's routes, not by the import's
 * code. The inputs cover what the CSV files cannot say directly: empty lists, copies in two
 * investigations (shared), placeholders (an end no record gives, and one given only after the
 * relation naming it), a record limited to one investigation, text with quotes, commas,
 * semicolons and a line break, integers, floats, dates and points.
 */

const RECORDED = '2024-06-01T00:00:00.000Z';
const grading = { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' };

/** The fixture with a fixed recordedAt (the default is the moment of loading). */
async function fixtureFile(dir: string): Promise<string> {
  const lines = (await readFile(new URL('../../fixtures/small/network.ndjson', import.meta.url), 'utf8')).trim().split('\n');
  const out = lines.map((line, i) => {
    if (i === 0) return line;
    const value = JSON.parse(line) as { record: Record<string, unknown> };
    value.record.recordedAt ??= RECORDED;
    return JSON.stringify(value);
  });
  const file = join(dir, 'network.ndjson');
  await writeFile(file, `${out.join('\n')}\n`);
  return file;
}

function edgeCases(): string {
  const record = (kind: string, fields: Record<string, unknown>) => JSON.stringify({ kind, record: { source: 'REP-EDGE', grading, recordedAt: RECORDED, ...fields } });
  return [
    JSON.stringify({ kind: 'header', investigations: [{ id: 'IMP-A', name: 'Import A' }, { id: 'IMP-B' }] }),
    record('person', { id: 'E-1', name: 'Ann "Nan" O\'Neil, jr; the\nsecond', aliases: [], phones: ['+44 7700 900123'], dateOfBirth: '1990-02-03' }),
    record('person', { id: 'E-2', name: 'Only in B', investigations: ['IMP-B'] }),
    record('link', { id: 'LK-E1', type: 'communication', from: 'E-1', to: 'E-2', count: 3 }),
    record('link', { id: 'LK-E2', type: 'meeting', from: 'E-1', to: 'E-9' }),
    record('link', { id: 'LK-E3', type: 'family', from: 'E-1', to: 'E-3' }),
    record('person', { id: 'E-3', name: 'Named after the link' }),
    record('location', { id: 'E-L1', name: 'Quay', kind: 'port', country: 'FR', latitude: 50.95, longitude: 1.85 }),
    record('payment', {
      id: 'E-PAY1',
      payer: { type: 'person', id: 'E-1' },
      payee: { type: 'person', id: 'E-3' },
      amount: 125050,
      currency: 'EUR',
      date: '2024-01-02',
      channel: 'cash',
    }),
  ].join('\n');
}

interface Dump {
  nodes: string[];
  relationships: string[];
}

/** Every investigation and entity copy with its relationships, as Cypher reports them (types by valueType). */
async function dump(driver: Driver): Promise<Dump> {
  const clean = (props: Record<string, unknown>) => {
    const { placeholderIngest, history, ...rest } = toNative(props) as Record<string, unknown>;
    return {
      ...rest,
      ...(placeholderIngest !== undefined ? { placeholderIngest: 'INGEST' } : {}),
      ...(history !== undefined ? { history: (history as string[]).map((h) => ({ ...(JSON.parse(h) as object), ingest: 'INGEST' })) } : {}),
    };
  };
  const nodes = await driver.executeQuery(
    `MATCH (n) WHERE n:Investigation OR n.investigation IS NOT NULL
     RETURN labels(n) AS labels, properties(n) AS props, [k IN keys(n) | k + ':' + valueType(n[k])] AS types`,
  );
  const relationships = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE a.investigation IS NOT NULL
     RETURN type(r) AS type, [a.id, a.investigation, labels(a)] AS start, [b.id, b.investigation, labels(b)] AS end,
            properties(r) AS props, [k IN keys(r) | k + ':' + valueType(r[k])] AS types`,
  );
  return {
    nodes: nodes.records
      .map((r) => JSON.stringify({ labels: (r.get('labels') as string[]).sort(), props: sorted(clean(r.get('props'))), types: (r.get('types') as string[]).sort() }))
      .sort(),
    relationships: relationships.records
      .map((r) =>
        JSON.stringify({ type: r.get('type'), start: r.get('start'), end: r.get('end'), props: sorted(clean(r.get('props'))), types: (r.get('types') as string[]).sort() }),
      )
      .sort(),
  };
}

const sorted = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));

describe('bulk import (npm run import) against POST /v1/ingest', () => {
  let dir: string;
  let files: string[];
  let ingested: FastifyInstance;
  let imported: FastifyInstance;
  let importedNeo4j: EmbeddedNeo4j;
  let config: Config;
  let report: BulkImportReport;
  const ingestIds: string[] = [];

  let ingestedUri: string;
  usePrivateDatabaseApp('import-ingest', {}, (app, database) => {
    ingested = app;
    ingestedUri = database.uri;
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sna-import-'));
    const edge = join(dir, 'edge.ndjson');
    await writeFile(edge, `${edgeCases()}\n`);
    files = [await fixtureFile(dir), edge];
    for (const file of files) {
      const response = await ingested.inject({
        method: 'POST',
        url: '/v1/ingest/ndjson',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: await readFile(file, 'utf8'),
      });
      expect(response.statusCode, response.body).toBe(200);
      ingestIds.push((response.json() as { ingestId: string }).ingestId);
    }

    config = loadConfig({ NEO4J_HOME: join(dir, 'store'), NEO4J_BOLT_PORT: String(await freePort()), NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m', LOG_LEVEL: 'silent' });
    report = await bulkImport(config, files);
    importedNeo4j = await startEmbeddedNeo4j(config.embedded);
    imported = await appOn(importedNeo4j.uri);
  }, 600_000);

  afterAll(async () => {
    await imported?.close();
    await importedNeo4j?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports what it imported, as the ingest reports it for an empty store', () => {
    expect(report.status).toBe('imported');
    expect(report.files.map((f) => f.report.status)).toEqual(['completed', 'completed']);
    expect(report.files[0]!.report.accepted).toBe(1021);
    expect(report.files[1]!.report.entities.Person?.created).toBe(3);
    // E-9 in both investigations, E-2 in IMP-A (its record is IMP-B's only).
    expect(report.placeholders).toBe(3);
    expect(report.store!.nodes).toBeGreaterThan(600);
  });

  it('leaves the graph an ingest leaves: nodes, relationships, properties and their types', async () => {
    const a = neo4j.driver(ingestedUri);
    const b = neo4j.driver(importedNeo4j.uri);
    try {
      const [viaIngest, viaImport] = [await dump(a), await dump(b)];
      expect(viaIngest.nodes.length).toBeGreaterThan(600);
      expect(viaImport.nodes).toEqual(viaIngest.nodes);
      expect(viaImport.relationships).toEqual(viaIngest.relationships);
      const edge = viaImport.nodes.filter((n) => n.includes('"E-'));
      expect(edge.some((n) => n.includes('"aliases":[]') && n.includes('aliases:LIST<NOTHING>'))).toBe(true);
      expect(edge.filter((n) => n.includes('"shared":true')).length).toBeGreaterThan(0);
      expect(edge.filter((n) => n.includes('"unresolved":true'))).toHaveLength(3);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('answers entity views and an analysis as the ingested store does', async () => {
    const normalise = (body: string, ids: string[]) => ids.reduce((text, id) => text.replaceAll(id, 'INGEST'), body);
    for (const url of ['/v1/entities/person/P-00010', '/v1/entities/person/E-1', '/v1/entities/person/E-9', '/v1/entities/location/E-L1']) {
      const [x, y] = [await ingested.inject({ method: 'GET', url }), await imported.inject({ method: 'GET', url })];
      expect(x.statusCode, x.body).toBe(200);
      expect(
        normalise(
          y.body,
          report.files.map((f) => f.report.ingestId),
        ),
        url,
      ).toBe(normalise(x.body, ingestIds));
    }
    const body = { scope: { investigations: ['OP-TIDE'] } };
    const [x, y] = [
      await ingested.inject({ method: 'POST', url: '/v1/analyses/preview', payload: body }),
      await imported.inject({ method: 'POST', url: '/v1/analyses/preview', payload: body }),
    ];
    expect(x.statusCode, x.body).toBe(200);
    const ranking = (r: typeof x) => (r.json() as { ranking: { id: string; harmScore: number }[] }).ranking.map((n) => [n.id, n.harmScore]);
    expect(ranking(y)).toEqual(ranking(x));
    expect(ranking(x).length).toBeGreaterThan(100);
  });

  it('refuses a store that is not empty, and a configured server, touching nothing', async () => {
    await expect(bulkImport(config, files)).rejects.toThrow(/already holds a database/);
    await expect(bulkImport({ ...config, neo4j: { ...config.neo4j, uri: 'bolt://127.0.0.1:1' } }, files)).rejects.toThrow(/NEO4J_URI is set/);
  });

  it('refuses a file with a bad record or a repeated id before writing a store', async () => {
    const home = (name: string) => loadConfig({ NEO4J_HOME: join(dir, name), LOG_LEVEL: 'silent' });
    const bad = join(dir, 'bad.ndjson');
    await writeFile(bad, `${edgeCases()}\n${JSON.stringify({ kind: 'person', record: { id: 'E-7', name: 42 } })}\n`);
    const rejected = await bulkImport(home('bad'), [bad]);
    expect(rejected.status).toBe('rejected');
    expect(rejected.files[0]!.report.rejections[0]).toMatchObject({ kind: 'person', line: 10, id: 'E-7', path: 'name' });
    expect(existsSync(join(dir, 'bad', 'data', 'databases', 'neo4j'))).toBe(false);

    const twice = join(dir, 'twice.ndjson');
    await writeFile(twice, `${edgeCases()}\n${JSON.stringify({ kind: 'person', record: { id: 'E-1', name: 'Again', source: 'S', grading } })}\n`);
    const refused = await bulkImport(home('twice'), [twice]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).message).toMatch(/Person E-1 comes twice for investigation IMP-A/);
    expect((refused as ImportRefusedError).reason).toBe('input');
    expect(existsSync(join(dir, 'twice', 'data', 'databases', 'neo4j'))).toBe(false);
  });
});
