import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { Driver } from 'neo4j-driver';

import type { Config } from '../config.js';
import { createIngestService } from '../ingest/ingest-service.js';
import { IngestInterruptedError } from '../ingest/loader.js';
import { zodProblems } from '../ingest/validate.js';
import { type AdminImportCounts, runAdminImport } from '../neo4j/admin-import.js';
import { createDriver } from '../neo4j/driver.js';
import { startEmbeddedNeo4j } from '../neo4j/embedded.js';
import { applyMigrations } from '../neo4j/migrations.js';
import { loadQueries, type Queries } from '../neo4j/queries.js';
import { createTemplates } from '../neo4j/templates.js';
import { INGEST_QUERIES } from '../repositories/ingest-repository.js';
import { IngestEnvelopeSchema, type IngestHeader } from '../schemas/ingest.js';
import type { IngestReport } from '../schemas/ingest-report.js';
import { CsvFiles, ImportValueError } from './csv-files.js';
import { createImportFilesRepository, emptyListLabel, ImportRepeatError, type ImportState, unmarkedSharedCopies } from './import-files-repository.js';

/**
 * `npm run import`: a first load of a large network into an empty embedded store, through
 * `neo4j-admin database import` instead of transactions (issue 24). The records go through the
 * ingest path's own validation and normalisation (every file atomic: one bad record and nothing
 * is imported, the report lists each problem with its line and field path, as POST /v1/ingest's
 * does) into CSV files; the tool builds the store from them; then the embedded Neo4j starts on
 * it once to add the schema (the service's migrations), what the files cannot say (shared
 * copies, empty lists) and the data versions, and stops. Later loads go through POST /v1/ingest.
 */

export const IMPORT_QUERIES = ['import/empty-lists', 'import/shared-copies', 'import/shared-relations', 'import/relation-properties', ...INGEST_QUERIES] as const;

/** The import was refused before the store was touched (exit 2: the input; 3: the store or the setup). */
export class ImportRefusedError extends Error {
  override name = 'ImportRefusedError';
  constructor(
    message: string,
    readonly reason: 'input' | 'store',
  ) {
    super(message);
  }
}

export interface BulkImportReport {
  status: 'imported' | 'rejected';
  database: string;
  home: string;
  /** Each file's ingest report (as POST /v1/ingest would give it for an empty store). */
  files: { file: string; report: IngestReport }[];
  placeholders: number;
  /** What the import tool wrote (nodes include investigations and placeholders). */
  store?: AdminImportCounts;
  timings: { checkMs: number; importMs: number; finishMs: number; totalMs: number };
}

const BATCH = 10_000;
const ms = (since: number) => Math.round(performance.now() - since);

export async function bulkImport(config: Config, files: string[], notice: (line: string) => void = () => {}): Promise<BulkImportReport> {
  const started = performance.now();
  if (config.neo4j.uri !== undefined) {
    throw new ImportRefusedError(
      'NEO4J_URI is set: the bulk import builds the embedded database’s store files; for a server, load through POST /v1/ingest (or run neo4j-admin database import on that server)',
      'store',
    );
  }
  if (files.length === 0) throw new ImportRefusedError('no files given: name one or more NDJSON (.ndjson) or JSON (.json) files as POST /v1/ingest takes them', 'input');
  const database = config.neo4j.database;
  const home = resolve(config.embedded.home);
  for (const dir of [join(home, 'data', 'databases', database), join(home, 'data', 'transactions', database)]) {
    if ((await readdir(dir).catch(() => [])).length > 0) {
      throw new ImportRefusedError(
        `${dir} already holds a database: the bulk import builds a new store only; load into it through POST /v1/ingest, or set NEO4J_HOME to an empty folder`,
        'store',
      );
    }
  }
  const queries = await loadQueries(IMPORT_QUERIES);
  await mkdir(home, { recursive: true });
  const dir = await mkdtemp(join(home, 'import-'));
  try {
    const csv = new CsvFiles(dir);
    const repository = createImportFilesRepository(csv);
    const ingest = createIngestService(repository, { batchSize: BATCH, maxStreamBytes: Number.MAX_SAFE_INTEGER });
    const reports: BulkImportReport['files'] = [];
    for (const file of files) {
      notice(`checking ${file}`);
      const report = await readFileInto(ingest, file);
      reports.push({ file, report });
      if (report.status === 'rejected') {
        await csv.close();
        return { status: 'rejected', database, home, files: reports, placeholders: 0, timings: { checkMs: ms(started), importMs: 0, finishMs: 0, totalMs: ms(started) } };
      }
    }
    await repository.finish();
    const groups = await csv.close();
    const checkMs = ms(started);

    const importing = performance.now();
    notice(`importing ${groups.nodes.reduce((a, g) => a + g.rows, 0)} nodes and ${groups.relationships.reduce((a, g) => a + g.rows, 0)} relationships with neo4j-admin`);
    const store = await runAdminImport(config.embedded, database, groups, notice);
    const importMs = ms(importing);

    const finishing = performance.now();
    notice(`starting the embedded Neo4j on ${home} for the schema and the data versions`);
    const neo4j = await startEmbeddedNeo4j(config.embedded);
    const driver = createDriver(config.neo4j, neo4j.uri);
    try {
      const step = async (what: string, work: () => Promise<unknown>) => {
        const at = performance.now();
        await work();
        notice(`${what}: ${((performance.now() - at) / 1000).toFixed(1)} s`);
      };
      notice(`started in ${((performance.now() - finishing) / 1000).toFixed(1)} s`);
      await step('schema (migrations)', () => applyMigrations(driver, database, queries));
      await step('empty lists, shared copies, data versions', () => finishImport(driver, database, queries, repository.state));
    } finally {
      await driver.close();
      await neo4j.stop();
    }
    const finishMs = ms(finishing);
    return {
      status: 'imported',
      database,
      home,
      files: reports,
      placeholders: repository.state.placeholders,
      store,
      timings: { checkMs, importMs, finishMs, totalMs: ms(started) },
    };
  } catch (error) {
    const cause = error instanceof IngestInterruptedError ? error.cause : error;
    if (cause instanceof ImportRepeatError || cause instanceof ImportValueError) throw new ImportRefusedError((cause as Error).message, 'input');
    throw cause;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type IngestService = ReturnType<typeof createIngestService>;

/** One file, as POST /v1/ingest takes it: NDJSON (header line first) or a JSON document. */
async function readFileInto(ingest: IngestService, file: string): Promise<IngestReport> {
  if (file.endsWith('.ndjson')) return ingest.ingestNdjson(createReadStream(file), true, null);
  if (!file.endsWith('.json')) throw new ImportRefusedError(`${file}: expected an .ndjson or a .json file`, 'input');
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ImportRefusedError(`${file}: not JSON (${(error as Error).message})`, 'input');
  }
  const envelope = IngestEnvelopeSchema.safeParse(document);
  if (!envelope.success) {
    const problems = zodProblems(envelope.error.issues).map((p) => `${p.path || 'document'}: ${p.message}`);
    throw new ImportRefusedError(`${file}: ${problems.join('; ')}`, 'input');
  }
  return ingest.ingestDocument(document as IngestHeader & Record<string, unknown>, true, null);
}

/** What the CSV files could not say, written once the store is up (import-files-repository.ts). */
async function finishImport(driver: Driver, database: string, queries: Queries, state: ImportState): Promise<void> {
  const template = createTemplates(queries);
  const session = driver.session({ database });
  try {
    // CALL … IN TRANSACTIONS needs an implicit transaction.
    for (const key of state.emptyListKeys) await session.run(queries['import/empty-lists']!, { label: emptyListLabel(key), key });
  } finally {
    await session.close();
  }
  const inBatches = async (query: string, rows: object[]) => {
    for (let i = 0; i < rows.length; i += BATCH) await driver.executeQuery(query, { rows: rows.slice(i, i + BATCH) }, { database });
  };
  for (const [label, byId] of state.copies) await inBatches(template('import/shared-copies', { __LABEL__: label }), unmarkedSharedCopies(byId));
  for (const [type, byId] of state.relations) await inBatches(template('import/shared-relations', { __TYPE__: type }), unmarkedSharedCopies(byId));
  const fixUps = new Map<string, object[]>();
  for (const row of state.relationFixUps) fixUps.set(row.type, [...(fixUps.get(row.type) ?? []), row]);
  for (const [type, rows] of fixUps) await inBatches(template('import/relation-properties', { __TYPE__: type }), rows);
  await driver.executeQuery(queries['ingest/bump-data-version']!, { investigations: [...state.investigations] }, { database });
}
