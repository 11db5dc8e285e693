import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';

/** Identifiers through the streamed formats: CSV columns and NDJSON records, stored normalised with their keys. */
describe('identifiers in CSV and NDJSON loads', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({}, (a, d) => {
    app = a;
    driver = d;
  });
  const stored = (label: string, id: string) =>
    one<Record<string, unknown>>(
      driver,
      `MATCH (n:${label} {id: $id}) RETURN n.phones AS phones, n.imeis AS imeis, n.documents AS documents, n.identifier AS identifier, n.identifierKeys AS keys`,
      { id },
    );

  it('loads phones, IMEIs and documents from CSV cells, and rejects bad ones with their paths', async () => {
    const t = uniqueTag();
    const csv = [
      'id,name,phones,imeis,documents',
      `P-${t},Hemin Rashid,+44 7700 900123; 0033 6 12 34 56 78,356938035643809,passport:IQ:a1234567;national_id:19860402-33`,
      `Q-${t},Bad Phone,07700 900123,356938035643808,visa:123`,
    ].join('\n');
    const response = await app.inject({
      method: 'POST',
      url: `/v1/ingest/csv/person?investigations=OP-${t}&source=REP-${t}&grading=2BP`,
      headers: { 'content-type': 'text/csv' },
      payload: `${csv}\n`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.rejections.map((r: { line: number; path: string }) => [r.line, r.path]).sort()).toEqual([
      [3, 'documents[0].kind'],
      [3, 'imeis[0]'],
      [3, 'phones[0]'],
    ]);
    expect(await stored('Person', `P-${t}`)).toEqual({
      phones: ['+447700900123', '+33612345678'],
      imeis: ['356938035643809'],
      documents: ['passport:IQ:A1234567', 'national_id:1986040233'],
      identifier: null,
      keys: ['phone:+447700900123', 'phone:+33612345678', 'imei:356938035643809', 'passport:A1234567', 'national_id:1986040233'],
    });
  });

  it('loads an account’s IBAN and a boat’s registration from NDJSON, normalised, and rejects a bad IBAN', async () => {
    const t = uniqueTag();
    const body = [
      { kind: 'header', investigations: [{ id: `OP-${t}` }], defaults: { source: `REP-${t}`, grading: GRADING } },
      { kind: 'account', record: { id: `ACC-${t}`, kind: 'bank', identifier: 'fr76 3000 6000 0112 3456 7890 189' } },
      { kind: 'account', record: { id: `BAD-${t}`, kind: 'bank', identifier: 'FR76 3000 6000 0112 3456 7890 188' } },
      { kind: 'vessel', record: { id: `B-${t}`, kind: 'boat', registration: 'bl 123-x' } },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const response = await app.inject({ method: 'POST', url: '/v1/ingest/ndjson', headers: { 'content-type': 'application/x-ndjson' }, payload: `${body}\n` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().rejections).toMatchObject([{ line: 3, path: 'identifier', message: expect.stringMatching(/mod 97/) }]);
    expect(await stored('Account', `ACC-${t}`)).toMatchObject({ identifier: 'FR7630006000011234567890189', keys: ['iban:FR7630006000011234567890189'] });
    expect(await stored('Vessel', `B-${t}`)).toMatchObject({ keys: ['registration:BL123X'] });
  });
});
