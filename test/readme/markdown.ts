/** Reading README.md and docs/*.md for the tests in this folder: quickstart blocks, links, headings. */

export interface QuickstartBlock {
  /** The shell commands of a ```sh block marked `<!-- quickstart -->`. */
  readonly code: string;
  /** The lines of the ```text block right after it: what the README says it prints ([] if none). */
  readonly shown: string[];
}

export function quickstartBlocks(markdown: string): QuickstartBlock[] {
  const pattern = /<!-- quickstart -->\n```sh\n([\s\S]*?)\n```\n(?:```text\n([\s\S]*?)\n```\n)?/g;
  return [...markdown.matchAll(pattern)].map((m) => ({ code: m[1]!, shown: m[2] === undefined ? [] : m[2].split('\n') }));
}

/**
 * Whether the output holds the shown lines in order (other lines may come between them only
 * where the README shows `…`); each shown line may itself contain `…` for any text. Null when
 * it does, otherwise the first shown line not found.
 */
export function shownLinesMatch(shown: readonly string[], output: string): string | null {
  const lines = output.split('\n');
  let at = 0;
  let skipping = false;
  for (const line of shown) {
    if (line.trim() === '…') {
      skipping = true;
      continue;
    }
    const pattern = new RegExp(`^${line.split('…').map(escape).join('.*')}$`);
    const found = skipping ? lines.findIndex((l, i) => i >= at && pattern.test(l)) : pattern.test(lines[at] ?? '') ? at : -1;
    if (found < 0) return line;
    at = found + 1;
    skipping = false;
  }
  return null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown file's headings (repeats get -1, -2… as on GitHub), code blocks skipped. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of withoutCode(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** The targets of a markdown file's links and images, code (fenced and inline) skipped. */
export function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}
