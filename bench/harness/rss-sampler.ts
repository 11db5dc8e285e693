import { type ProcMemory, readProcCpuMs, readProcMemory, resetPeak } from './proc-status.js';
import { summarise } from './stats.js';

/**
 * Polls the resident set of a few named processes (the service, its JVM, this client) while a
 * load runs. A 100 ms poll can miss a short spike, so the figures also carry VmHWM read at
 * the end, which the kernel keeps exactly; both are reported side by side. The CPU time each
 * process used between start and stop is taken too, to show which one the load kept busy.
 */

export interface MemoryFigures {
  /** Highest VmRSS seen by polling, KiB. */
  peakRssKb?: number;
  /** VmRSS when the load began, KiB: a process that ran an earlier phase may not have given that memory back yet. */
  startRssKb?: number;
  /** Median VmRSS over the load, KiB: the level the process sat at. */
  medianRssKb?: number;
  /** VmHWM at the end, KiB: exact peak since the reset (or since start when peakSince is 'start'). */
  hwmKb?: number;
  peakSince: 'load' | 'start';
  samples: number;
  /** CPU time (user + system) used during the load, ms. */
  cpuMs?: number;
}

export interface SamplerOptions {
  intervalMs: number;
  /** The /proc readers, replaceable so the aggregation can be tested with made-up figures. */
  readMemory: (pid: number) => Promise<ProcMemory | undefined>;
  readCpuMs: (pid: number) => Promise<number | undefined>;
  resetPeak: (pid: number) => Promise<boolean>;
}

const DEFAULTS: SamplerOptions = { intervalMs: 100, readMemory: readProcMemory, readCpuMs: readProcCpuMs, resetPeak };

export class RssSampler {
  private readonly series = new Map<string, number[]>();
  private readonly resetOk = new Map<string, boolean>();
  private readonly cpuAtStart = new Map<string, number | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  private readonly options: SamplerOptions;

  constructor(
    private readonly pids: Readonly<Record<string, number>>,
    options: Partial<SamplerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    for (const name of Object.keys(pids)) this.series.set(name, []);
  }

  /** Resets each process's VmHWM, takes a first sample and starts polling. */
  async start(): Promise<void> {
    for (const [name, pid] of Object.entries(this.pids)) {
      this.resetOk.set(name, await this.options.resetPeak(pid));
      this.cpuAtStart.set(name, await this.options.readCpuMs(pid));
    }
    await this.sample();
    this.timer = setInterval(() => {
      // One read at a time: a slow /proc read must not pile up overlapping reads.
      this.pending = this.pending.then(() => this.sample());
    }, this.options.intervalMs);
  }

  /** Reads every process once. Public so the aggregation can be tested without timers. */
  async sample(): Promise<void> {
    for (const [name, pid] of Object.entries(this.pids)) {
      const memory = await this.options.readMemory(pid);
      if (memory) this.series.get(name)!.push(memory.rssKb);
    }
  }

  /** Stops polling, takes a last sample and VmHWM, and returns the figures per process name. */
  async stop(): Promise<Record<string, MemoryFigures>> {
    if (this.timer) clearInterval(this.timer);
    await this.pending;
    const figures: Record<string, MemoryFigures> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const last = await this.options.readMemory(pid);
      const [cpuStart, cpuEnd] = [this.cpuAtStart.get(name), await this.options.readCpuMs(pid)];
      const series = this.series.get(name)!;
      if (last) series.push(last.rssKb);
      const summary = summarise(series);
      figures[name] = {
        startRssKb: series[0],
        peakRssKb: summary?.max,
        medianRssKb: summary?.median,
        hwmKb: last?.hwmKb,
        peakSince: this.resetOk.get(name) ? 'load' : 'start',
        samples: series.length,
        cpuMs: cpuStart !== undefined && cpuEnd !== undefined ? cpuEnd - cpuStart : undefined,
      };
    }
    return figures;
  }
}
