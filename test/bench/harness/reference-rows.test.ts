import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { Batcher } from '../../../bench/harness/reference-load.js';
import { referenceRows, specKey } from '../../../bench/harness/reference-rows.js';
import { type Context, normalise } from '../../../src/ingest/normalise.js';

const grading = { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } as const;

describe('referenceRows', () => {
  it('maps an entity line to its label, id and typed properties, without provenance', () => {
    const rows = referenceRows({
      kind: 'person',
      record: { id: 'P-1', name: 'Karwan A.', dateOfBirth: '1990-02-03', roles: ['pilot'], source: 'REP-1', grading, investigations: ['OP-1'] },
    });
    expect(rows.entity).toEqual({
      label: 'Person',
      row: { id: 'P-1', props: { name: 'Karwan A.', dateOfBirth: new neo4j.types.Date(1990, 2, 3), roles: ['pilot'] } },
    });
    expect(rows.relations).toEqual([]);
  });

  it('gives the relations a record names, with the same ids and ends as the service’s normalise()', () => {
    const record = { id: 'X-1', date: '2024-03-14', organisers: ['P-1'], vesselIds: ['V-1'], source: 'R', grading };
    const rows = referenceRows({ kind: 'crossing', record });
    const context: Context = { provenance: { source: 'R', grading, recordedAt: '2024-01-01T00:00:00Z' }, investigations: [], ingestId: 'i' };
    const service = normalise('crossing', record, context);
    expect(rows.entity?.label).toBe('Crossing');
    expect(rows.relations.map(({ spec, row }) => [specKey(spec), row.id, row.from, row.to])).toEqual(
      service.relations.map(({ spec, row }) => [specKey(spec), row.id, row.from, row.to]),
    );
    expect(rows.relations.map(({ spec }) => specKey(spec))).toEqual(['Person-ORGANISED->Crossing', 'Crossing-USED_VESSEL->Vessel']);
    for (const { row } of rows.relations) expect(row.props).toEqual({});
  });

  it('maps a link to one relation and no entity', () => {
    const rows = referenceRows({ kind: 'link', record: { id: 'LK-1', type: 'contact', from: 'P-1', to: 'P-2', count: 3, source: 'R', grading } });
    expect(rows.entity).toBeUndefined();
    expect(rows.relations).toEqual([{ spec: { from: 'Person', type: 'CONTACT', to: 'Person' }, row: { id: 'LK-1', from: 'P-1', to: 'P-2', props: { count: neo4j.int(3) } } }]);
  });

  it('gives nothing for the header line or an unknown kind', () => {
    expect(referenceRows({ kind: 'header', investigations: [{ id: 'OP-1' }] })).toEqual({ relations: [] });
    expect(referenceRows({ kind: 'spaceship', record: { id: 'S-1' } })).toEqual({ relations: [] });
    expect(referenceRows(null)).toEqual({ relations: [] });
  });
});

describe('Batcher', () => {
  it('writes a key’s rows when its buffer is full, and the rest on flushAll', async () => {
    const written: [string, number[]][] = [];
    const batcher = new Batcher<string, number>(2, async (key, rows) => void written.push([key, rows]));
    for (const [key, n] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['a', 4],
    ] as const)
      await batcher.add(key, n);
    expect(written).toEqual([['a', [1, 3]]]);
    await batcher.flushAll();
    expect(written).toEqual([
      ['a', [1, 3]],
      ['a', [4]],
      ['b', [2]],
    ]);
    await batcher.flushAll();
    expect(written).toHaveLength(3);
  });
});
