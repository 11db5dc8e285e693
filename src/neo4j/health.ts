import type { Driver } from 'neo4j-driver';

/**
 * Tracks whether Neo4j can be used, and brings the service back by itself when it returns.
 * A background check runs every `intervalMs` while the database is up, and every second
 * while it is down; a query failing with a connection error marks it down at once. On each
 * transition to up, `prepare` (the schema migrations) runs before the state says ready, so
 * "ready" always means "reachable and schema applied".
 *
 * A ping unanswered within `pingTimeoutMs` is a failure: a hung server keeps its connections
 * open and would never refuse one. The ping has a driver of its own (`driver`, a pool of one
 * connection): in the app's pool it would queue behind the work it watches, and a busy pool
 * would look like a dead database. Each ping's outcome goes to `pings` (neo4j/call-guard.ts
 * cuts off the calls waiting when one is unanswered).
 */

export type DatabaseStatus = 'starting' | 'ready' | 'unavailable';

export interface DatabaseState {
  status: DatabaseStatus;
  /** Why the database is not ready, when it is not. */
  reason?: string;
  /** When the status last changed (ISO-8601). */
  since: string;
}

export interface HealthOptions {
  /** The probe's own driver, not the app's. */
  driver: Driver;
  database: string;
  ping: string;
  intervalMs: number;
  pingTimeoutMs: number;
  prepare: () => Promise<void>;
  onChange?: (state: DatabaseState) => void;
  pings?: { answering(): void; notAnswering(reason: string): void };
}

const RETRY_WHILE_DOWN_MS = 1_000;

export class DatabaseHealth {
  private current: DatabaseState = { status: 'starting', reason: 'connecting to Neo4j', since: new Date().toISOString() };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private readonly readyListeners: (() => void)[] = [];
  private readonly preparations: (() => Promise<void>)[] = [];
  private unansweredSince: number | undefined;

  constructor(private readonly options: HealthOptions) {}

  /** A step that must succeed (after the migrations) before the database counts as ready. */
  alsoPrepare(step: () => Promise<void>): void {
    this.preparations.push(step);
  }

  /** Called on every transition to ready (schema applied), and now if it is ready already. */
  onReady(listener: () => void): void {
    this.readyListeners.push(listener);
    if (this.ready) listener();
  }

  get state(): DatabaseState {
    return this.current;
  }

  get ready(): boolean {
    return this.current.status === 'ready';
  }

  /** When the pings began to go unanswered (epoch ms), if the last one was. */
  get silentSince(): number | undefined {
    return this.unansweredSince;
  }

  /** Starts the background checks; the first one runs now. */
  start(): void {
    this.stopped = false;
    void this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /** Called when a query fails with a connection error: stop serving until a check succeeds. */
  markUnavailable(reason: string): void {
    if (this.current.status === 'ready') this.set({ status: 'unavailable', reason });
    this.schedule(RETRY_WHILE_DOWN_MS);
  }

  /** Runs one check now (or joins the one running) and resolves when it is done. */
  check(): Promise<void> {
    this.inFlight ??= this.runCheck().finally(() => {
      this.inFlight = undefined;
      this.schedule(this.ready ? this.options.intervalMs : RETRY_WHILE_DOWN_MS);
    });
    return this.inFlight;
  }

  private async runCheck(): Promise<void> {
    const { prepare, pings } = this.options;
    let step = 'Neo4j is not reachable';
    try {
      try {
        await this.ping();
      } catch (error) {
        this.unansweredSince ??= Date.now();
        pings?.notAnswering(error instanceof Error ? error.message : String(error));
        throw error;
      }
      this.unansweredSince = undefined;
      pings?.answering();
      if (!this.ready) {
        step = 'applying the schema failed';
        await prepare();
        for (const step of this.preparations) await step();
        this.set({ status: 'ready' });
      }
    } catch (error) {
      const reason = `${step}: ${error instanceof Error ? error.message : String(error)}`;
      if (this.current.status === 'starting') this.current = { ...this.current, reason };
      else this.set({ status: 'unavailable', reason });
    }
  }

  private async ping(): Promise<void> {
    const { driver, database, ping, pingTimeoutMs } = this.options;
    // An auto-commit query, not executeQuery: managed transactions retry a lost
    // connection for maxTransactionRetryTime, and a probe must answer at once.
    const session = driver.session({ database, defaultAccessMode: 'READ' });
    let timer: NodeJS.Timeout | undefined;
    // Decided after the event loop's I/O phase: when the loop itself was held up past the deadline,
    // an answer that arrived meanwhile is read first and wins.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => setImmediate(() => reject(new Error(`no answer to a ping within ${pingTimeoutMs} ms`))), pingTimeoutMs);
    });
    try {
      await Promise.race([session.run(ping), deadline]);
    } finally {
      clearTimeout(timer);
      // Not awaited: the session of an unanswered ping waits as long as the server does.
      void session.close().catch(() => undefined);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delayMs);
    this.timer.unref();
  }

  private set(state: Omit<DatabaseState, 'since'>): void {
    if (state.status === this.current.status && state.reason === this.current.reason) return;
    this.current = { ...state, since: new Date().toISOString() };
    this.options.onChange?.(this.current);
    if (state.status === 'ready') for (const listener of this.readyListeners) listener();
  }
}
