import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from './neo4j/embedded.js';
import { Neo4jSetupError } from './neo4j/jars.js';

/**
 * Starts the service: HTTP first (so /healthz answers and a busy port fails fast), then the
 * embedded Neo4j when no NEO4J_URI is configured; the app's health monitor picks the database
 * up as soon as it answers. SIGTERM/SIGINT: stop accepting, finish in-flight requests, close
 * the driver, stop the embedded Neo4j cleanly.
 */

function fatal(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fatal(`${error.message} (see .env.example)`);
    throw error;
  }

  const embeddedUri = config.neo4j.uri ? undefined : `bolt://127.0.0.1:${config.embedded.boltPort}`;
  const app = await buildApp(config, { embeddedUri });
  let embedded: EmbeddedNeo4j | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => fatal('shutdown took longer than 90 s; exiting'), 90_000);
    force.unref();
    await app.close();
    await embedded?.stop();
    app.log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fatal(`port ${config.port} on ${config.host} is already in use: stop what holds it or set PORT`);
    if (code === 'EACCES') fatal(`not allowed to listen on ${config.host}:${config.port}: choose a PORT above 1024`);
    throw error;
  }
  app.log.info(`API docs at http://${config.host}:${config.port}/docs`);

  if (embeddedUri) {
    app.log.info({ home: config.embedded.home, uri: embeddedUri }, 'starting embedded Neo4j');
    const started = Date.now();
    try {
      embedded = await startEmbeddedNeo4j(config.embedded, { log: (line) => app.log.debug({ neo4j: line }) });
    } catch (error) {
      if (error instanceof Neo4jSetupError) {
        await app.close();
        fatal(error.message);
      }
      throw error;
    }
    app.log.info({ ms: Date.now() - started, pid: embedded.pid }, 'embedded Neo4j started');
    void embedded.exited.then((code) => {
      if (!stopping) fatal(`embedded Neo4j exited unexpectedly with code ${code}; see ${config.embedded.home}/logs/debug.log`);
    });
    await app.dbHealth.check();
  }
}

main().catch((error: unknown) => fatal(error instanceof Error ? (error.stack ?? error.message) : String(error)));
