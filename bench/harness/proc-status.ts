import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

/**
 * Memory of a process as Linux accounts it: VmRSS is the resident set now, VmHWM its peak
 * since start (or since the last reset). Reading /proc works for any process we started,
 * the JVM included, without instrumenting it.
 */

export interface ProcMemory {
  /** Resident set size in KiB. */
  rssKb: number;
  /** Peak resident set size ("high water mark") in KiB. */
  hwmKb: number;
}

/** Picks VmRSS and VmHWM out of a /proc/<pid>/status text; undefined when either is missing (a zombie has neither). */
export function parseProcStatus(text: string): ProcMemory | undefined {
  const field = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, 'm').exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const rssKb = field('VmRSS');
  const hwmKb = field('VmHWM');
  return rssKb === undefined || hwmKb === undefined ? undefined : { rssKb, hwmKb };
}

/** The process's memory now, or undefined when it has gone (or this is not Linux). */
export async function readProcMemory(pid: number): Promise<ProcMemory | undefined> {
  try {
    return parseProcStatus(await readFile(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat: which process was
 * busy during a load (Node validating, or the JVM running Cypher) tells where the time went.
 * The command name (field 2) may contain spaces and parentheses, so fields are counted after
 * its closing parenthesis; utime and stime are fields 14 and 15, in clock ticks.
 */
export function parseProcStatCpuMs(text: string, ticksPerSecond: number): number | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) && fields.length > 12 ? ((utime + stime) * 1000) / ticksPerSecond : undefined;
}

let ticks: number | undefined;
function ticksPerSecond(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100; // the value on every mainstream Linux build
    }
  }
  return ticks;
}

export async function readProcCpuMs(pid: number): Promise<number | undefined> {
  try {
    return parseProcStatCpuMs(await readFile(`/proc/${pid}/stat`, 'utf8'), ticksPerSecond());
  } catch {
    return undefined;
  }
}

/**
 * Resets VmHWM to the current RSS (Linux ≥ 4.0: `echo 5 > /proc/<pid>/clear_refs`), so the
 * peak read after a load belongs to that load and not to start-up or an earlier load.
 * Returns false when not permitted; the caller then reports the peak as "since start".
 */
export async function resetPeak(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
