import { join, resolve } from 'node:path';

import type { Config, EmbeddedNeo4jConfig } from '../config.js';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from './embedded.js';

/**
 * Keeps the embedded Neo4j running for the life of the service. When the JVM exits without
 * being asked (killed, crashed, out of memory), or stops answering the health monitor's pings
 * for `hangRestartMs` (then it is killed first), it is started again after a back-off of 1 s,
 * 2 s, 4 s… up to 30 s; the back-off falls back to 1 s once a database has run for a minute.
 * Meanwhile the service answers 503 and the health monitor brings it back to ready (migrations
 * re-applied) when the database answers. After `restartMaxTries` failed starts in a row it
 * gives up and says why: the service keeps answering 503 until someone restarts it.
 */

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A database that ran this long was not crash-looping: the back-off starts again from 1 s. */
const SETTLED_MS = 60_000;
const WATCH_EVERY_MS = 1_000;

/** Pino's shape, as app.log has it. */
export interface SupervisorLog {
  debug(details: object, message?: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SupervisorOptions {
  embedded: EmbeddedNeo4jConfig;
  supervision: Config['supervision'];
  log: SupervisorLog;
  /** The app's health monitor: asked to check at once after a restart, and read for how long pings have gone unanswered. */
  health: { readonly silentSince: number | undefined; check(): Promise<void> };
}

export class Neo4jSupervisor {
  private current: EmbeddedNeo4j | undefined;
  private startedAt = 0;
  private failedStarts = 0;
  /** Restarts since a database last ran SETTLED_MS: the back-off's exponent. */
  private unsettled = 0;
  private stopping = false;
  private killing: EmbeddedNeo4j | undefined;
  private retry: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  /** Where Neo4j writes what went wrong. */
  get logFile(): string {
    return join(resolve(this.options.embedded.home), 'logs', 'debug.log');
  }

  /** The first start. Its failure (no Java, the Bolt port taken) is the caller's to report: nothing was running yet. */
  async start(): Promise<EmbeddedNeo4j> {
    const database = await this.launch();
    this.watchdog = setInterval(() => this.watch(), WATCH_EVERY_MS).unref();
    return database;
  }

  /** Stops Neo4j cleanly and starts it no more; a restart under way is let finish, then stopped. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retry);
    clearInterval(this.watchdog);
    await this.restarting;
    await this.current?.stop();
  }

  private async launch(): Promise<EmbeddedNeo4j> {
    const database = await startEmbeddedNeo4j(this.options.embedded, { log: (line) => this.options.log.debug({ neo4j: line }) });
    this.current = database;
    this.startedAt = Date.now();
    void database.exited.then((code) => this.exited(database, code));
    return database;
  }

  private exited(database: EmbeddedNeo4j, code: number | null): void {
    if (this.stopping || database !== this.current) return;
    this.current = undefined;
    if (Date.now() - this.startedAt >= SETTLED_MS) this.unsettled = 0;
    const how = this.killing === database ? 'was killed for not answering' : `exited unexpectedly (${database.signal ? `signal ${database.signal}` : `code ${code}`})`;
    this.restartLater(`embedded Neo4j ${how}`);
  }

  private restartLater(why: string): void {
    const delayMs = Math.min(FIRST_DELAY_MS * 2 ** this.unsettled, MAX_DELAY_MS);
    this.unsettled++;
    this.options.log.warn({ delayMs, logFile: this.logFile }, `${why}: starting it again in ${delayMs / 1000} s (see ${this.logFile})`);
    this.retry = setTimeout(() => {
      this.restarting = this.restart().finally(() => (this.restarting = undefined));
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    const started = Date.now();
    try {
      const database = await this.launch();
      this.failedStarts = 0;
      this.options.log.info({ ms: Date.now() - started, pid: database.pid }, 'embedded Neo4j restarted');
      void this.options.health.check();
    } catch (error) {
      if (this.stopping) return;
      this.failedStarts++;
      const reason = error instanceof Error ? error.message : String(error);
      const { restartMaxTries } = this.options.supervision;
      if (this.failedStarts < restartMaxTries) return this.restartLater(`embedded Neo4j could not be started again (try ${this.failedStarts} of ${restartMaxTries}): ${reason}`);
      clearInterval(this.watchdog);
      this.options.log.error(
        { tries: this.failedStarts, logFile: this.logFile },
        `embedded Neo4j could not be started again after ${this.failedStarts} tries in a row (${reason}); giving up: the service keeps running and answers 503 until it is restarted (see ${this.logFile})`,
      );
    }
  }

  /** Kills a database that has not answered a ping for hangRestartMs; its exit brings the restart. */
  private watch(): void {
    const database = this.current;
    const silentSince = this.options.health.silentSince;
    if (!database || this.stopping || this.killing === database || silentSince === undefined) return;
    const silentMs = Date.now() - Math.max(silentSince, this.startedAt);
    if (silentMs < this.options.supervision.hangRestartMs) return;
    this.killing = database;
    this.options.log.warn({ pid: database.pid, silentMs }, `embedded Neo4j has not answered for ${Math.round(silentMs / 1000)} s: killing it to start it again`);
    void database.kill();
  }
}
