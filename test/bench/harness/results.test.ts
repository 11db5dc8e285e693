import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { writeResults } from '../../../bench/harness/results.js';

describe('writeResults', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('writes the markdown and the raw JSON under a file-system-safe ISO name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sna-bench-report-'));
    dirs.push(dir);
    const results = { startedAt: '2025-01-02T03:04:05.678Z', sizes: [{ records: 50_000 }] };
    const paths = await writeResults(dir, results, '# summary\n', 'ingest');
    expect(paths.md).toBe(join(dir, 'ingest-2025-01-02T03-04-05Z.md'));
    expect(paths.json).toBe(join(dir, 'ingest-2025-01-02T03-04-05Z.json'));
    expect(await readFile(paths.md, 'utf8')).toBe('# summary\n');
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(results);
  });
});
