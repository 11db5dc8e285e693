import { type ChildProcessWithoutNullStreams,spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import type { EmbeddedNeo4jConfig } from '../config.js';
import { ensureNeo4jJars, lastLines, NEO4J_DIR, Neo4jSetupError } from './jars.js';

/**
 * Runs the project's embedded Neo4j (neo4j/Launcher.java) as a child JVM and waits until
 * it reports readiness. The launcher watches its stdin, so the database also stops when
 * this process dies without a chance to clean up.
 */

const JVM_FLAGS = [
  // Without these the page cache and Netty fall back to slower modes and log warnings.
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
];

const STOP_TIMEOUT_MS = 60_000;

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  /** Shuts the DBMS down cleanly (SIGTERM), killing it only if it hangs. */
  stop(): Promise<void>;
  /** Kills the JVM at once (SIGKILL), as a crash would: no checkpoint; the next start recovers from the transaction log. */
  kill(): Promise<void>;
  /** Resolves with the exit code when the JVM exits for any reason. */
  exited: Promise<number | null>;
  /** The signal that ended the JVM, once it has exited by one (SIGKILL: killed, as by the OOM killer). */
  readonly signal: NodeJS.Signals | null;
}

/** The procedures of the plugins neo4j/pom.xml fetches: GDS and APOC need to be unrestricted (they use internal APIs). */
export const PLUGIN_PROCEDURES = ['gds.*', 'apoc.*'];

export interface StartOptions {
  /** Receives each line the JVM prints after start-up. */
  log?: (line: string) => void;
  /** Procedures allowed unrestricted; by default the plugins fetched into neo4j/plugins (GDS and APOC). */
  unrestricted?: string[];
}

export async function startEmbeddedNeo4j(
  config: EmbeddedNeo4jConfig,
  options: StartOptions = {},
): Promise<EmbeddedNeo4j> {
  await ensureNeo4jJars();
  const home = resolve(config.home);
  await mkdir(home, { recursive: true });

  const java = config.javaHome ? join(config.javaHome, 'bin', 'java') : 'java';
  const classpath = [join(NEO4J_DIR, 'lib', '*'), join(NEO4J_DIR, 'plugins', '*')].join(':');
  const args = [
    `-Xmx${config.heap}`,
    ...JVM_FLAGS,
    '-cp',
    classpath,
    join(NEO4J_DIR, 'Launcher.java'),
    '--home',
    home,
    '--port',
    String(config.boltPort),
    '--pagecache',
    config.pageCache,
    '--plugins',
    join(NEO4J_DIR, 'plugins'),
    '--unrestricted',
    (options.unrestricted ?? PLUGIN_PROCEDURES).join(','),
    '--watch-stdin',
  ];
  const child = spawn(java, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const uri = await waitForReady(child, config, java);

  return {
    uri,
    pid: child.pid!,
    exited,
    get signal() {
      return child.signalCode;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };

  function waitForReady(
    proc: ChildProcessWithoutNullStreams,
    cfg: EmbeddedNeo4jConfig,
    javaCommand: string,
  ): Promise<string> {
    return new Promise((ready, fail) => {
      let stderr = '';
      let settled = false;
      const settle = (error: Error | undefined, value?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          proc.kill('SIGKILL');
          fail(error);
        } else {
          ready(value!);
        }
      };
      const timer = setTimeout(
        () => settle(new Neo4jSetupError(`embedded Neo4j did not become ready within ${cfg.startTimeoutMs} ms; see ${join(resolve(cfg.home), 'logs', 'debug.log')}`)),
        cfg.startTimeoutMs,
      );

      createInterface({ input: proc.stdout }).on('line', (line) => {
        const match = /^NEO4J_READY (\S+)/.exec(line);
        if (match) settle(undefined, match[1]);
        else options.log?.(line);
      });
      createInterface({ input: proc.stderr }).on('line', (line) => {
        const failed = /^NEO4J_FAILED (.*)/.exec(line);
        if (failed) settle(new Neo4jSetupError(`embedded Neo4j failed to start: ${failed[1]}`));
        else if (settled) options.log?.(line);
        else stderr += line + '\n';
      });
      proc.on('error', (error: NodeJS.ErrnoException) => {
        const reason =
          error.code === 'ENOENT'
            ? `Java not found (${javaCommand}): install a JDK 17 (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME, or set NEO4J_URI to an existing Neo4j server`
            : `could not run ${javaCommand}: ${error.message}`;
        settle(new Neo4jSetupError(reason));
      });
      proc.on('exit', (code) => {
        const detail = lastLines(stderr, 3);
        settle(
          new Neo4jSetupError(
            `embedded Neo4j exited with code ${code} before it was ready${detail ? `: ${detail}` : ''} (a JDK 17+ is needed; see ${join(resolve(cfg.home), 'logs', 'debug.log')})`,
          ),
        );
      });
    });
  }
}
