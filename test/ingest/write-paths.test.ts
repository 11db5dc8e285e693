import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { toNative } from '../../src/neo4j/values.js';
import { useTestApp } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';

/**
 * A batch is sorted before it is written (repositories/ingest-repository.ts): records whose
 * copies hold their contentHash are left alone, records with no copy are created by the quick
 * queries, the rest go through the comparing upserts. Whichever way a copy is written, it must
 * hold the same thing.
 */
describe('ingest write paths', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({}, (a, d) => {
    app = a;
    driver = d;
  });

  const post = async (payload: object) => {
    const response = await app.inject({ method: 'POST', url: '/v1/ingest', payload });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const header = (investigation: string, t: string) => ({ investigations: [{ id: investigation }], defaults: { source: `REP-${t}`, grading: GRADING } });
  const records = (t: string) => ({
    people: [
      { id: `P-${t}`, name: 'Rezan Amedi', aliases: ['Kak Rezan', 'R.A.'], phones: ['+44 7700 900123'], documents: [{ kind: 'passport', country: 'IQ', number: 'a1234567' }] },
      { id: `Q-${t}`, name: 'Dilan Hoshyar' },
    ],
    vessels: [{ id: `V-${t}`, kind: 'boat', name: 'Sea Wind', registration: 'bl 123-x', make: 'Zodiac' }],
    links: [{ id: `L-${t}`, type: 'communication', from: `P-${t}`, to: `Q-${t}`, count: 7, firstSeen: '2024-02-01' }],
    relations: [{ id: `R-${t}`, type: 'owns', from: { type: 'person', id: `P-${t}` }, to: { type: 'vessel', id: `V-${t}` }, date: '2024-01-05' }],
  });
  /** A copy's properties, less those that differ by load: when, which ingest, which investigation. */
  const copy = async (match: string, id: string, investigation: string) => {
    const { props } = await one<{ props: Record<string, unknown> }>(driver, `${match} WHERE x.id = $id AND x.investigation = $investigation RETURN properties(x) AS props`, {
      id,
      investigation,
    });
    const { recordedAt: _r, history, investigation: _i, investigations: _s, ...rest } = toNative(props) as Record<string, unknown>;
    return { ...rest, historyEntries: (history as string[]).length };
  };

  it('writes a new copy through the quick queries exactly as the comparing upsert writes it', async () => {
    const t = uniqueTag();
    // A: every record has no copy yet, so the quick queries write them all.
    const quick = await post({ ...header(`OP-A-${t}`, t), ...records(t) });
    expect(quick.entities).toMatchObject({ Person: { created: 2 }, Vessel: { created: 1 } });
    expect(quick.placeholders.count).toBe(0);
    // B: the relations come first and make placeholders, so the upserts write and resolve every copy.
    const { people, vessels, links, relations } = records(t);
    await post({ ...header(`OP-B-${t}`, t), links, relations });
    const merged = await post({ ...header(`OP-B-${t}`, t), people, vessels });
    expect(merged.entities).toMatchObject({ Person: { resolved: 2 }, Vessel: { resolved: 1 } });
    for (const [match, id] of [
      ['MATCH (x:Person)', `P-${t}`],
      ['MATCH (x:Person)', `Q-${t}`],
      ['MATCH (x:Vessel)', `V-${t}`],
      ['MATCH ()-[x:COMMUNICATION]->()', `L-${t}`],
      ['MATCH ()-[x:OWNS]->()', `R-${t}`],
    ] as const) {
      expect(await copy(match, id, `OP-A-${t}`), id).toEqual(await copy(match, id, `OP-B-${t}`));
    }
    expect(await copy('MATCH (x:Person)', `P-${t}`, `OP-A-${t}`)).toMatchObject({
      searchText: `P-${t} | Rezan Amedi | Kak Rezan | R.A. | +447700900123 | passport:IQ:A1234567 | phone:+447700900123 | passport:A1234567`,
      shared: true,
      historyEntries: 1,
    });
    const { memberships } = await one<{ memberships: number }>(driver, 'MATCH (:Person {id: $id})-[b:BELONGS_TO]->() RETURN count(b) AS memberships', { id: `P-${t}` });
    expect(toNative(memberships)).toBe(2);
  });

  it('writes nothing for records sent again unchanged, and a copy without a digest learns it', async () => {
    const t = uniqueTag();
    const investigation = `OP-C-${t}`;
    await post({ ...header(investigation, t), ...records(t) });
    const hashes = 'MATCH (x) WHERE x.investigation = $investigation AND x.id IS NOT NULL RETURN x.id AS id, x.contentHash AS hash ORDER BY id';
    const before = toNative((await driver.executeQuery(hashes, { investigation })).records.map((r) => r.toObject()));
    expect((before as { hash: string | null }[]).every((row) => typeof row.hash === 'string')).toBe(true);
    // As a copy written before digests existed: the upsert finds it unchanged and stores the digest.
    await driver.executeQuery('MATCH (x:Person {id: $id, investigation: $investigation}) REMOVE x.contentHash', { id: `P-${t}`, investigation });
    const again = await post({ ...header(investigation, t), ...records(t) });
    expect(again.entities).toMatchObject({ Person: { created: 0, updated: 0, unchanged: 2 }, Vessel: { unchanged: 1 } });
    expect(again.relations).toMatchObject({ COMMUNICATION: { created: 0, updated: 0, unchanged: 1 }, OWNS: { unchanged: 1 } });
    expect(again.dataVersion).toBeUndefined();
    expect(toNative((await driver.executeQuery(hashes, { investigation })).records.map((r) => r.toObject()))).toEqual(before);
    expect(await copy('MATCH (x:Person)', `P-${t}`, investigation)).toMatchObject({ historyEntries: 1 });
  });

  it('sends a changed record to the upsert even when its copy holds an older digest', async () => {
    const t = uniqueTag();
    const investigation = `OP-D-${t}`;
    await post({ ...header(investigation, t), ...records(t) });
    const changed = records(t);
    changed.people[1]!.name = 'Dilan H.';
    changed.links[0]!.count = 8;
    const report = await post({ ...header(investigation, t), ...changed });
    expect(report.entities.Person).toMatchObject({ updated: 1, unchanged: 1 });
    expect(report.relations.COMMUNICATION).toMatchObject({ updated: 1 });
    expect(await copy('MATCH (x:Person)', `Q-${t}`, investigation)).toMatchObject({ name: 'Dilan H.', historyEntries: 2 });
  });
});
