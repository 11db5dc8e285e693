import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateNetwork } from '../../src/generator/network.js';
import { FILES, ndjsonRecord, writeNetwork } from '../../src/generator/write.js';
import { RECORD_KINDS, type RecordKind } from '../../src/schemas/ingest.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/small');
const network = generateNetwork({ people: 200, seed: 7 });

/** A record line is `{kind, record}`: the record keeps its own `kind` field (a vessel's dinghy). */
function decodeLine(line: Record<string, unknown>): { kind: string; record: Record<string, unknown> } {
  expect(Object.keys(line).sort()).toEqual(['kind', 'record']);
  return { kind: String(line.kind), record: line.record as Record<string, unknown> };
}

describe('writeNetwork', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sna-generator-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the JSON document, the NDJSON stream and the truth, and reports their sizes', async () => {
    const written = await writeNetwork(join(dir, 'out'), network);
    expect((await readdir(join(dir, 'out'))).sort()).toEqual([FILES.json, FILES.ndjson, FILES.truth].sort());
    for (const file of written) expect(file.bytes).toBeGreaterThan(1000);
    expect(JSON.parse(await readFile(join(dir, 'out', FILES.json), 'utf8'))).toEqual(network.document);
    expect(JSON.parse(await readFile(join(dir, 'out', FILES.truth), 'utf8'))).toEqual(network.truth);
  });

  it('streams NDJSON that reads back, line by line, into the records of the JSON document', async () => {
    await writeNetwork(join(dir, 'lines'), network);
    const lines = (await readFile(join(dir, 'lines', FILES.ndjson), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ kind: 'header', investigations: network.document.investigations });

    const rebuilt: Record<string, unknown[]> = {};
    const order: string[] = [];
    for (const line of lines.slice(1)) {
      const { kind, record } = decodeLine(line);
      const { collection } = RECORD_KINDS[kind as RecordKind];
      (rebuilt[collection] ??= []).push(record);
      if (order.at(-1) !== kind) order.push(kind);
    }
    expect({ investigations: network.document.investigations, ...rebuilt }).toEqual(network.document);
    expect(order).toEqual(Object.keys(RECORD_KINDS));
  });

  it('wraps the record so its own kind field is kept beside the line’s kind', () => {
    expect(ndjsonRecord('person', { id: 'P-1', name: 'A' })).toEqual({ kind: 'person', record: { id: 'P-1', name: 'A' } });
    expect(ndjsonRecord('vessel', { id: 'V-1', kind: 'dinghy' })).toEqual({ kind: 'vessel', record: { id: 'V-1', kind: 'dinghy' } });
  });
});

describe('fixtures/small', () => {
  it('is exactly what --people 200 --seed 7 generates and writes (regenerate it with the CLI after changing the generator)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sna-fixture-'));
    try {
      await writeNetwork(dir, network);
      for (const file of Object.values(FILES)) {
        expect(await readFile(join(FIXTURE, file), 'utf8'), file).toBe(await readFile(join(dir, file), 'utf8'));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('parses into the generated document and truth', async () => {
    expect(JSON.parse(await readFile(join(FIXTURE, FILES.json), 'utf8'))).toEqual(network.document);
    expect(JSON.parse(await readFile(join(FIXTURE, FILES.truth), 'utf8'))).toEqual(network.truth);
  });
});
