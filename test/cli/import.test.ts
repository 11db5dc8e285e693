import { describe, expect, it } from 'vitest';

import { EXIT, runImport, USAGE } from '../../src/cli/import.js';

/** The import CLI's own answers; what it imports is test/import/bulk-import.test.ts's. */
describe('npm run import: usage', () => {
  it('prints its usage for --help and exits 0', async () => {
    let out = '';
    expect(await runImport(['--help'], (text) => (out += text))).toBe(EXIT.done);
    expect(out).toBe(`${USAGE}\n`);
  });

  it('refuses an unknown option or no files with the usage exit code, importing nothing', async () => {
    let out = '';
    expect(await runImport(['--replace', 'a.ndjson'], (text) => (out += text))).toBe(EXIT.usage);
    expect(await runImport([], (text) => (out += text))).toBe(EXIT.usage);
    expect(out).toBe('');
  });
});
