import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { type IngestDocument, RECORD_KINDS, type RecordKind } from '../schemas/ingest.js';
import type { GeneratedNetwork } from './network.js';

/**
 * Writes a generated network as the two ingest formats plus its ground truth. Both documents are
 * streamed record by record: a million records would not fit in one JavaScript string.
 *
 * NDJSON names each line's record kind in `kind`. Vessels, locations, routes, organisations and
 * accounts have a `kind` field of their own, which the line's `kind` would overwrite; it travels
 * as `<record kind>Kind` instead (`{"kind":"vessel","id":"V-1","vesselKind":"dinghy"}`), so no
 * field is lost and the reader can put it back.
 */

export const FILES = { json: 'network.json', ndjson: 'network.ndjson', truth: 'truth.json' } as const;

const KINDS = Object.keys(RECORD_KINDS) as RecordKind[];
const CHUNK = 1 << 16;

/** One NDJSON line's object for a record (see the header comment for records with a `kind`). */
export function ndjsonRecord(kind: RecordKind, record: object): Record<string, unknown> {
  return { kind, record };
}

function* ndjsonLines(document: IngestDocument): Generator<string> {
  const { investigations, defaults } = document;
  yield `${JSON.stringify({ kind: 'header', investigations, ...(defaults ? { defaults } : {}) })}\n`;
  for (const kind of KINDS) {
    for (const record of document[RECORD_KINDS[kind].collection] ?? []) yield `${JSON.stringify(ndjsonRecord(kind, record))}\n`;
  }
}

/** The JSON document with one record a line, so that a diff of a fixture shows which records changed. */
function* jsonLines(document: IngestDocument): Generator<string> {
  yield `{"investigations":${JSON.stringify(document.investigations)}`;
  if (document.defaults) yield `,"defaults":${JSON.stringify(document.defaults)}`;
  for (const kind of KINDS) {
    const { collection } = RECORD_KINDS[kind];
    const records = document[collection];
    if (records === undefined) continue;
    yield `,\n${JSON.stringify(collection)}:[`;
    for (let i = 0; i < records.length; i++) yield `${i === 0 ? '\n' : ',\n'}${JSON.stringify(records[i])}`;
    yield '\n]';
  }
  yield '}\n';
}

/** Joins small strings into ~64 KB chunks: one stream write per record would be slow. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

async function stream(path: string, lines: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunked(lines)), createWriteStream(path));
}

export interface WrittenFile {
  path: string;
  bytes: number;
}

/** Writes network.json, network.ndjson and truth.json into `dir` (created if missing, files replaced). */
export async function writeNetwork(dir: string, { document, truth }: GeneratedNetwork): Promise<WrittenFile[]> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, FILES.json), ndjson: join(dir, FILES.ndjson), truth: join(dir, FILES.truth) };
  await stream(paths.json, jsonLines(document));
  await stream(paths.ndjson, ndjsonLines(document));
  await writeFile(paths.truth, `${JSON.stringify(truth, null, 2)}\n`);
  return Promise.all(Object.values(paths).map(async (path) => ({ path, bytes: (await stat(path)).size })));
}
