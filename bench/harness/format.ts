/**
 * Formatting of benchmark figures for the markdown summary. Every function accepts undefined
 * and prints an en dash, so a phase that failed or timed out leaves a visible gap in the
 * table rather than a misleading 0.
 */

const DASH = '–';

export function formatInt(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? DASH : Math.round(value).toLocaleString('en-US');
}

/** Records per second, rounded to a whole record: the run-to-run noise is larger than that. */
export function formatRate(perSecond: number | undefined): string {
  return value(perSecond, (v) => `${formatInt(v)}/s`);
}

/** A ratio as a multiplier with two significant decimals: 0.31× means 31 % of the reference. */
export function formatRatio(r: number | undefined): string {
  return value(r, (v) => `${v.toFixed(2)}×`);
}

export function formatSeconds(ms: number | undefined): string {
  return value(ms, (v) => `${(v / 1000).toFixed(1)} s`);
}

/** /proc reports kB (KiB); MiB is what people compare with heap and page-cache settings. */
export function formatMiB(kib: number | undefined): string {
  return value(kib, (v) => `${formatInt(v / 1024)} MiB`);
}

/** Record counts such as 100k and 1M for headings and flags. */
export function formatCount(n: number): string {
  if (n >= 1_000_000 && n % 100_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  return formatInt(n);
}

/** A GitHub-flavoured markdown table; cells are escaped so a `|` in a message cannot split a column. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  const rule = `|${headers.map(() => '---').join('|')}|`;
  return [line(headers), rule, ...rows.map((row) => line(headers.map((_, i) => row[i] ?? '')))].join('\n');
}

function value(v: number | undefined, show: (v: number) => string): string {
  return v === undefined || !Number.isFinite(v) ? DASH : show(v);
}
