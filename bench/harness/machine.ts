import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';

/**
 * What a figure was measured on. Ratios against the reference travel between machines;
 * absolute figures do not, so the raw results say which machine and which commit made them.
 */

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  node: string;
  platform: string;
  kernel: string;
  gitCommit: string;
  /** Files changed in the working tree: the run measured them too. */
  gitDirtyFiles: number;
  /** 1-minute load average: above the cpu count, something else was running (other builds, tests). */
  loadAverage1m: number;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function machineInfo(root: string): MachineInfo {
  const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
  // --no-optional-locks: status must not refresh the index while others work in this tree.
  const dirty = git(root, ['--no-optional-locks', 'status', '--porcelain']);
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    node: process.version,
    platform: process.platform,
    kernel: release(),
    gitCommit: git(root, ['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    gitDirtyFiles: dirty === undefined || dirty === '' ? 0 : dirty.split('\n').length,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
