import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { Neo4jSetupError } from './neo4j/jars.js';
import { Neo4jSupervisor } from './neo4j/supervisor.js';

/**
 * Starts the service: HTTP first (so /healthz answers and a busy port fails fast), then the
 * embedded Neo4j when no NEO4J_URI is configured, under a supervisor that starts it again when
 * it dies or hangs (neo4j/supervisor.ts); the app's health monitor picks the database up as soon
 * as it answers. SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the driver,
 * stop the embedded Neo4j cleanly.
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
  let supervisor: Neo4jSupervisor | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => fatal('shutdown took longer than 90 s; exiting'), 90_000);
    force.unref();
    await app.close();
    await supervisor?.stop();
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
    supervisor = new Neo4jSupervisor({ embedded: config.embedded, supervision: config.supervision, log: app.log, health: app.dbHealth });
    try {
      const embedded = await supervisor.start();
      app.log.info({ ms: Date.now() - started, pid: embedded.pid }, 'embedded Neo4j started');
    } catch (error) {
      if (error instanceof Neo4jSetupError) {
        await app.close();
        fatal(error.message);
      }
      throw error;
    }
    await app.dbHealth.check();
  }
}

main().catch((error: unknown) => fatal(error instanceof Error ? (error.stack ?? error.message) : String(error)));
