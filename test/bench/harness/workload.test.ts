import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { countLines } from '../../../bench/harness/workload.js';

describe('countLines', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function file(text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'sna-bench-lines-'));
    dirs.push(dir);
    const path = join(dir, 'f.ndjson');
    await writeFile(path, text);
    return path;
  }

  it('counts newline-terminated lines, and a last line without its newline', async () => {
    expect(await countLines(await file('a\nb\nc\n'))).toBe(3);
    expect(await countLines(await file('a\nb\nc'))).toBe(3);
    expect(await countLines(await file(''))).toBe(0);
  });

  it('counts across read chunks (64 KiB each)', async () => {
    expect(await countLines(await file(`${'x'.repeat(99)}\n`.repeat(2_000)))).toBe(2_000);
  });
});
