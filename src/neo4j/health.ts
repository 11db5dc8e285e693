import type { Driver } from 'neo4j-driver';

/**
 * Tracks whether Neo4j can be used, and brings the service back by itself when it returns.
 * A background check runs every `intervalMs` while the database is up, and every second
 * while it is down; a query failing with a connection error marks it down at once. On each
 * transition to up, `prepare` (the schema migrations) runs before the state says ready, so
 * "ready" always means "reachable and schema applied".
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
  driver: Driver;
  database: string;
  ping: string;
  intervalMs: number;
  prepare: () => Promise<void>;
  onChange?: (state: DatabaseState) => void;
}

const RETRY_WHILE_DOWN_MS = 1_000;

export class DatabaseHealth {
  private current: DatabaseState = { status: 'starting', reason: 'connecting to Neo4j', since: new Date().toISOString() };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  private readonly readyListeners: (() => void)[] = [];
  private readonly preparations: (() => Promise<void>)[] = [];

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
    const { driver, database, ping, prepare } = this.options;
    let step = 'Neo4j is not reachable';
    try {
      // An auto-commit query, not executeQuery: managed transactions retry a lost
      // connection for maxTransactionRetryTime, and a probe must answer at once.
      const session = driver.session({ database, defaultAccessMode: 'READ' });
      try {
        await session.run(ping);
      } finally {
        await session.close();
      }
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
