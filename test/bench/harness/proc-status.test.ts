import { describe, expect, it } from 'vitest';

import { parseProcStatCpuMs, parseProcStatus, readProcCpuMs, readProcMemory } from '../../../bench/harness/proc-status.js';

const STATUS = ['Name:\tjava', 'VmPeak:\t 5000000 kB', 'VmHWM:\t  912344 kB', 'VmRSS:\t  880100 kB', 'Threads:\t61'].join('\n');

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM in KiB', () => {
    expect(parseProcStatus(STATUS)).toEqual({ rssKb: 880_100, hwmKb: 912_344 });
  });

  it('gives nothing for a process without memory figures (a zombie, a kernel thread)', () => {
    expect(parseProcStatus('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBeUndefined();
  });

  it('does not take VmRSS out of another field that ends the same way', () => {
    expect(parseProcStatus('XVmRSS:\t1 kB\nVmHWM:\t2 kB\n')).toBeUndefined();
  });
});

describe('parseProcStatCpuMs', () => {
  // Fields 14 and 15 (utime 250, stime 50 ticks); the command name holds spaces and a parenthesis.
  const STAT = '4242 (java (main) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 60 0 12345 5000000 220000';

  it('adds user and system time and converts clock ticks to ms', () => {
    expect(parseProcStatCpuMs(STAT, 100)).toBe(3_000);
  });

  it('gives nothing for a truncated line', () => {
    expect(parseProcStatCpuMs('4242 (java) S 1 2 3', 100)).toBeUndefined();
  });
});

describe('readProcMemory and readProcCpuMs', () => {
  it.runIf(process.platform === 'linux')('reads this process, whose peak is at least its current size', async () => {
    const memory = await readProcMemory(process.pid);
    expect(memory!.rssKb).toBeGreaterThan(0);
    expect(memory!.hwmKb).toBeGreaterThanOrEqual(memory!.rssKb);
  });

  it.runIf(process.platform === 'linux')('reads the CPU time this process has used', async () => {
    expect(await readProcCpuMs(process.pid)).toBeGreaterThan(0);
  });

  it('gives nothing for a process that does not exist', async () => {
    expect(await readProcMemory(2 ** 30)).toBeUndefined();
    expect(await readProcCpuMs(2 ** 30)).toBeUndefined();
  });
});
