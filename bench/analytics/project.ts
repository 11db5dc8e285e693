import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';

import type { Projection } from '../../src/analytics/projection/types.js';
import { generateNetwork } from '../../src/generator/network.js';
import { type DocumentRows, documentRows, projectRows } from '../harness/document-rows.js';
import { engineSources, writeEdgeList } from '../harness/edge-list.js';
import { gc, progressLog } from '../harness/log.js';
import { readProcMemory } from '../harness/proc-status.js';
import { repeatWithin } from './repeat.js';
import type { ProjectFigures } from './results.js';

/**
 * One size of the analytics bench, first process: generates the network, turns it into the
 * people queries' rows, times the projection builder over them, and leaves in --dir what the
 * next processes read: projection.v8 (the projection, v8-serialised), roles.json (planted
 * roles), edges.txt and sources.txt (the Python reference's input) and project.json (figures).
 * `node --expose-gc --import tsx bench/analytics/project.ts --people N --seed S --dir D`
 */

const PROJECTION_REPEATS = { minRuns: 1, maxRuns: 3, budgetMs: 90_000 };

const progress = progressLog('project');

/** The document only lives in here, so it can be collected before the projection is timed. */
function generate(people: number, seed: number): { rows: DocumentRows; roles: Record<string, string>; records: number; generateMs: number; rowsMs: number } {
  let started = performance.now();
  const { document, truth } = generateNetwork({ people, seed });
  const generateMs = performance.now() - started;
  const records = Object.values(document).reduce((sum: number, value) => sum + (Array.isArray(value) ? value.length : 0), 0) - document.investigations.length;
  started = performance.now();
  const rows = documentRows(document);
  return { rows, roles: truth.roles, records, generateMs, rowsMs: performance.now() - started };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { people: { type: 'string' }, seed: { type: 'string' }, dir: { type: 'string' } } });
  const people = Number(values.people);
  const seed = Number(values.seed);
  const dir = values.dir!;

  progress(`generating ${people.toLocaleString('en-US')} people (seed ${seed}) and their query rows`);
  const { rows, roles, records, generateMs, rowsMs } = generate(people, seed);
  await writeFile(join(dir, 'roles.json'), JSON.stringify(roles));
  gc();

  progress(`${records.toLocaleString('en-US')} records → rows in ${(rowsMs / 1000).toFixed(1)} s; projecting`);
  let projection: Projection | undefined;
  const runs = await repeatWithin(
    () => {
      projection = projectRows(rows);
    },
    {
      ...PROJECTION_REPEATS,
      beforeEach: () => {
        projection = undefined;
        gc();
      },
    },
  );
  const p = projection!;
  progress(
    `projection: ${p.nodes.length.toLocaleString('en-US')} nodes, ${p.ties.source.length.toLocaleString('en-US')} ties in ${runs.map((r) => (r.ms / 1000).toFixed(1)).join(', ')} s`,
  );

  const sources = engineSources(p);
  await writeEdgeList(join(dir, 'edges.txt'), p.nodes.length, p.ties);
  if (sources) await writeFile(join(dir, 'sources.txt'), `${sources.join('\n')}\n`);
  await writeFile(join(dir, 'projection.v8'), serialize(p));

  const figures: ProjectFigures = {
    people,
    records,
    generateMs,
    rowsMs,
    rows: Object.fromEntries(Object.entries(rows).map(([kind, list]) => [kind, (list as unknown[]).length])),
    projectionMs: runs.map((r) => r.ms),
    nodes: p.nodes.length,
    ties: p.ties.source.length,
    totalStrength: p.ties.strength.reduce((sum, w) => sum + w, 0),
    dropped: p.dropped,
    relationsRead: p.relationsRead,
    peakRssKb: (await readProcMemory(process.pid))?.hwmKb,
    sampledSources: sources?.length,
  };
  await writeFile(join(dir, 'project.json'), JSON.stringify(figures, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench/analytics/project: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
