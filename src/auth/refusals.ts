/**
 * Callers refused for their credentials, counted per client address in fixed windows: past
 * `max` refusals in a window the address is refused at once with 429, before any database
 * work (a key lookup is a query); and only the first refusal of a window is audited on its own,
 * the rest summed into one record when the window ends, so a flood of bad keys cannot grow the
 * audit trail without limit.
 */

export interface RefusalSettings {
  /** Refusals an address may meet in a window before it is turned away. */
  max: number;
  windowMs: number;
}

interface Window {
  start: number;
  refused: number;
  /** Requests turned away with 429 in this window. */
  limited: number;
}

export interface RefusalSummary {
  address: string;
  from: string;
  to: string;
  /** Refusals not audited one by one (all but the first), and requests turned away with 429. */
  refused: number;
  limited: number;
}

export function createRefusalTracker(settings: RefusalSettings, now: () => number = Date.now) {
  const windows = new Map<string, Window>();
  const current = (address: string): Window | undefined => {
    const w = windows.get(address);
    return w && now() - w.start < settings.windowMs ? w : undefined;
  };

  return {
    /**
     * Seconds until the address may try again, when it is over its refusals (the request is then
     * counted as turned away, for the window's summary); undefined when it may go on.
     */
    retryAfter(address: string): number | undefined {
      const w = current(address);
      if (!w || w.refused < settings.max) return undefined;
      w.limited++;
      return Math.max(1, Math.ceil((w.start + settings.windowMs - now()) / 1000));
    },

    /** Counts a refusal; true when it is the window's first (audited on its own). */
    refused(address: string, ended: (summary: RefusalSummary) => void): boolean {
      let w = current(address);
      if (!w) {
        const old = windows.get(address);
        if (old && (old.refused > 1 || old.limited > 0)) ended(summaryOf(address, old));
        w = { start: now(), refused: 0, limited: 0 };
        windows.set(address, w);
      }
      w.refused++;
      return w.refused === 1;
    },

    /** Ends the windows that are over, handing out a summary of each that has more than its first refusal. */
    flush(ended: (summary: RefusalSummary) => void): void {
      for (const [address, w] of windows) {
        if (now() - w.start < settings.windowMs) continue;
        windows.delete(address);
        if (w.refused > 1 || w.limited > 0) ended(summaryOf(address, w));
      }
    },
  };

  function summaryOf(address: string, w: Window): RefusalSummary {
    return { address, from: new Date(w.start).toISOString(), to: new Date(w.start + settings.windowMs).toISOString(), refused: Math.max(0, w.refused - 1), limited: w.limited };
  }
}

export type RefusalTracker = ReturnType<typeof createRefusalTracker>;
