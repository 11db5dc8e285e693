import { type MachineInfo, machineInfo } from './machine.js';

/**
 * What every results file starts with, whichever bench wrote it: when the run began (which also
 * names the file), on which machine and commit, and how it ended. The rest is each suite's own,
 * the seed included: some keep it at the top, others in their settings, and the files already
 * committed in bench/results are read by that shape (bench/suite/summary.ts), so it stays put.
 */

export interface BenchHeader {
  startedAt: string;
  machine: MachineInfo;
  /** Stamped by finishSuite (bench/harness/suite.ts) for the suites that time the whole run. */
  finishedAt?: string;
  durationMs?: number;
  /** Set when the run was stopped by a signal: the figures are those it had by then. */
  interrupted?: string;
}

/** The suites with a quick mode say which one ran: a quick run's figures are not the full sizes'. */
export type BenchMode = 'quick' | 'full';

/** A header's start, taken together: the load average in `machine` is then the one "at start". */
export function startHeader(root: string): Pick<BenchHeader, 'startedAt' | 'machine'> {
  return { startedAt: new Date().toISOString(), machine: machineInfo(root) };
}
