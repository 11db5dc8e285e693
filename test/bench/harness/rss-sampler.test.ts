import { describe, expect, it } from 'vitest';

import type { ProcMemory } from '../../../bench/harness/proc-status.js';
import { RssSampler, type SamplerOptions } from '../../../bench/harness/rss-sampler.js';

/** Readers that replay given figures per pid, one per read, then say the process is gone. */
function replay<T>(series: Record<number, T[]>) {
  const next = new Map(Object.entries(series).map(([pid, list]) => [Number(pid), [...list]]));
  return async (pid: number) => next.get(pid)?.shift();
}

// The tests call sample() themselves; the poll never fires.
const fake = (options: Partial<SamplerOptions>): Partial<SamplerOptions> => ({
  intervalMs: 60_000,
  resetPeak: async () => true,
  readCpuMs: async () => undefined,
  ...options,
});

describe('RssSampler', () => {
  it('reports the polled peak, the median level, the final VmHWM and the CPU used per process', async () => {
    const readMemory = replay<ProcMemory>({
      1: [
        { rssKb: 100, hwmKb: 100 },
        { rssKb: 300, hwmKb: 300 },
        { rssKb: 200, hwmKb: 300 },
        { rssKb: 150, hwmKb: 350 },
      ],
      2: [
        { rssKb: 10, hwmKb: 10 },
        { rssKb: 10, hwmKb: 10 },
        { rssKb: 10, hwmKb: 10 },
        { rssKb: 12, hwmKb: 12 },
      ],
    });
    const readCpuMs = replay<number>({ 1: [1_000, 4_500], 2: [20, 30] });
    const sampler = new RssSampler({ service: 1, jvm: 2 }, fake({ readMemory, readCpuMs }));
    await sampler.start();
    await sampler.sample();
    await sampler.sample();
    const figures = await sampler.stop();
    expect(figures.service).toEqual({ startRssKb: 100, peakRssKb: 300, medianRssKb: 175, hwmKb: 350, peakSince: 'load', samples: 4, cpuMs: 3_500 });
    expect(figures.jvm).toMatchObject({ peakRssKb: 12, hwmKb: 12, samples: 4, cpuMs: 10 });
  });

  it('says the peak counts from start-up when VmHWM could not be reset', async () => {
    const readMemory = replay<ProcMemory>({
      1: [
        { rssKb: 5, hwmKb: 9 },
        { rssKb: 6, hwmKb: 9 },
      ],
    });
    const sampler = new RssSampler({ service: 1 }, fake({ readMemory, resetPeak: async () => false }));
    await sampler.start();
    expect((await sampler.stop()).service).toMatchObject({ peakSince: 'start', hwmKb: 9 });
  });

  it('keeps what it saw of a process that went away during the load', async () => {
    const readMemory = replay<ProcMemory>({ 1: [{ rssKb: 70, hwmKb: 70 }] });
    const readCpuMs = replay<number>({ 1: [5] });
    const sampler = new RssSampler({ service: 1 }, fake({ readMemory, readCpuMs }));
    await sampler.start();
    await sampler.sample();
    expect((await sampler.stop()).service).toEqual({ startRssKb: 70, peakRssKb: 70, medianRssKb: 70, hwmKb: undefined, peakSince: 'load', samples: 1, cpuMs: undefined });
  });

  it('polls on its own between start and stop', async () => {
    let reads = 0;
    const sampler = new RssSampler({ me: 1 }, fake({ intervalMs: 5, readMemory: async () => ({ rssKb: ++reads, hwmKb: reads }) }));
    await sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const { me } = await sampler.stop();
    expect(me!.samples).toBeGreaterThan(3);
  });
});
