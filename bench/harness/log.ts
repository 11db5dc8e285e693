/** Progress lines on stderr, `[prefix HH:MM:SS] text`; stdout is kept for the summary. */
export function progressLog(prefix: string): (text: string) => void {
  return (text) => process.stderr.write(`[${prefix} ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

/** A full collection when the process runs with --expose-gc (the benchmarks' children do), else nothing. */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
