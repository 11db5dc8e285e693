import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { loadAuditKey } from '../../src/audit/audit-key.js';

describe('the audit key', () => {
  let dir: string;
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('is made at the first start into its file (owner-only), said once, and read back after', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sna-audit-key-'));
    const keyFile = join(dir, 'keys', 'audit.key');
    const warnings: string[] = [];
    const log = { warn: (message: string) => warnings.push(message) };
    const made = await loadAuditKey({ keyFile }, log);
    expect(made.toString()).toMatch(/^[0-9a-f]{64}$/);
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(made.toString());
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([expect.stringContaining(`an audit key was made in ${keyFile}`)]);
    expect((await loadAuditKey({ keyFile }, log)).equals(made)).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('is AUDIT_KEY when given, whatever the file holds', async () => {
    const given = 'an operator-given audit key of 32+ chars';
    expect((await loadAuditKey({ key: given, keyFile: join(dir, 'keys', 'audit.key') }, { warn: () => {} })).toString()).toBe(given);
  });
});
