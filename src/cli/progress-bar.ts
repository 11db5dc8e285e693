import type { AnalysisRun } from '../schemas/runs.js';

/**
 * One line on a terminal, redrawn in place with `\r`: `OP-1 [#########...........] 45% analysing:louvain`.
 * Only for terminals; the caller decides (the CLI draws it when stderr and stdout both are one).
 */

const BAR_WIDTH = 20;

/** What a run is doing, in a word or two. */
export function stageOf(run: Pick<AnalysisRun, 'status' | 'stage' | 'queuePosition'>): string {
  if (run.status === 'queued') return run.queuePosition ? `queued (${run.queuePosition} in line)` : 'queued';
  return run.stage ?? run.status;
}

export function progressLine(label: string, percent: number, stage: string, width = BAR_WIDTH): string {
  const clamped = Math.min(100, Math.max(0, Math.round(percent)));
  const filled = Math.round((clamped / 100) * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${clamped}% ${stage}`;
}

export interface ProgressBar {
  update(label: string, run: Pick<AnalysisRun, 'status' | 'stage' | 'queuePosition' | 'progress'>): void;
  /** Erases the line, so what is written next starts on a clean one. */
  clear(): void;
}

export function createProgressBar(stream: Pick<NodeJS.WriteStream, 'write' | 'columns'>): ProgressBar {
  let drawn = false;
  return {
    update(label, run) {
      let line = progressLine(label, run.progress, stageOf(run));
      // A line that wraps cannot be redrawn with \r.
      const room = (stream.columns || 80) - 1;
      if (line.length > room) line = line.slice(0, room);
      stream.write(`\r${line}\u001b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
