import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import { anchors, linkTargets, slug } from './markdown.js';

/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists, and a
 * `#anchor` names a heading of the file it points into (GitHub's anchors). Moving a section
 * without its links fails here. Links to the web are not followed.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = join(ROOT, 'docs');
const FILES = [
  join(ROOT, 'README.md'),
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS, name)),
];

function broken(file: string): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [path = '', anchor] = target.split('#', 2);
    const resolved = path === '' ? file : join(dirname(file), decodeURIComponent(path));
    if (!existsSync(resolved)) {
      problems.push(`${target}: no file ${relative(ROOT, resolved)}`);
      continue;
    }
    if (anchor === undefined) continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) problems.push(`${target}: an anchor into a file without headings`);
    else if (!anchors(readFileSync(resolved, 'utf8')).has(anchor)) problems.push(`${target}: no heading #${anchor} in ${relative(ROOT, resolved)}`);
  }
  return problems;
}

describe('links in README.md and docs/', () => {
  it.each(FILES.map((file) => [relative(ROOT, file), file]))('%s: every relative link resolves', (_name, file) => {
    expect(broken(file)).toEqual([]);
  });

  it('has links to check, and finds a broken one', () => {
    expect(linkTargets(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter((t) => !t.startsWith('http')).length).toBeGreaterThan(10);
    expect(slug('Investigation copies (need-to-know in storage)')).toBe('investigation-copies-need-to-know-in-storage');
    expect(slug('`POST /v1/analyses` — runs')).toBe('post-v1analyses--runs');
    expect(anchors('# A\n```\n# not a heading\n```\n## A\n').has('a-1')).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'sna-links-')), 'moved.md');
    writeFileSync(file, '# Here\n\n[ok](#here), [gone](nowhere.md), [lost](#there), `[code](skipped.md)`, [web](https://example.org/x)\n');
    expect(broken(file)).toEqual(['nowhere.md: no file ' + relative(ROOT, join(dirname(file), 'nowhere.md')), '#there: no heading #there in ' + relative(ROOT, file)]);
  });
});
