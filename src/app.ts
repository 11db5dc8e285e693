import { randomUUID } from 'node:crypto';

import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Driver } from 'neo4j-driver';

import { createDisruptionService } from './analysis/disruption-service.js';
import { createLinkService } from './analysis/links-service.js';
import { createPreviewService } from './analysis/preview-service.js';
import { loadAuditKey } from './audit/audit-key.js';
import { createAuditLog } from './audit/audit-log.js';
import { createCheckpointFile } from './audit/checkpoints.js';
import { createJwtVerifier } from './auth/jwt.js';
import { createKeyService } from './auth/key-service.js';
import { createReadStamps } from './cache/read-stamp.js';
import type { Config } from './config.js';
import { MalformedBodyError } from './errors.js';
import { createIngestService } from './ingest/ingest-service.js';
import { createMoneyService } from './money/money-service.js';
import { loadQueries, type Queries } from './neo4j/queries.js';
import { auditPlugin } from './plugins/audit.js';
import { authPlugin } from './plugins/auth.js';
import { databasePlugin, requireDatabase } from './plugins/database.js';
import { clientErrors, errorsPlugin, frameworkErrors } from './plugins/errors.js';
import { openapiPlugin } from './plugins/openapi.js';
import { readCachePlugin } from './plugins/read-cache.js';
import { refusalsPlugin } from './plugins/refusals.js';
import { wellFormedTextPlugin } from './plugins/well-formed-text.js';
import { ANALYTICS_QUERIES } from './repositories/analytics-repository.js';
import { AUDIT_QUERIES, createAuditRepository } from './repositories/audit-repository.js';
import { CONTEXT_QUERIES, createContextRepository } from './repositories/context-repository.js';
import { createEntityRepository, ENTITY_QUERIES } from './repositories/entity-repository.js';
import { GDS_QUERIES } from './repositories/gds-repository.js';
import { createIngestRepository, INGEST_QUERIES } from './repositories/ingest-repository.js';
import { createInvestigationRepository, INVESTIGATION_QUERIES } from './repositories/investigation-repository.js';
import { createKeyRepository, KEY_QUERIES } from './repositories/key-repository.js';
import { createMoneyRepository, MONEY_QUERIES } from './repositories/money-repository.js';
import { createPathRepository, PATH_QUERIES } from './repositories/path-repository.js';
import { createReadStampRepository, READ_STAMP_QUERIES } from './repositories/read-stamp-repository.js';
import { createResolutionRepository, RESOLUTION_QUERIES } from './repositories/resolution-repository.js';
import { RUN_QUERIES } from './repositories/run-repository.js';
import { RUN_RESULT_QUERIES } from './repositories/run-results-repository.js';
import { createSystemRepository, SYSTEM_QUERIES } from './repositories/system-repository.js';
import { createResolutionService } from './resolution/resolution-service.js';
import { analysisRoutes } from './routes/analyses.js';
import { analysisContextRoutes } from './routes/analysis-context.js';
import { auditRoutes } from './routes/audit.js';
import { disruptionRoutes } from './routes/disruption.js';
import { entityRoutes } from './routes/entities.js';
import { explorerRoutes } from './routes/explorer.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { investigationRoutes } from './routes/investigations.js';
import { keyRoutes } from './routes/keys.js';
import { linkRoutes } from './routes/links.js';
import { moneyRoutes } from './routes/money.js';
import { pathRoutes } from './routes/paths.js';
import { previewRoutes } from './routes/preview.js';
import { resolutionRoutes } from './routes/resolution.js';
import { systemRoutes } from './routes/system.js';
import { createRunContext } from './runs/run-context.js';
import { createRunStack } from './runs/run-stack.js';
import { nestsDeeperThan, TOO_DEEP } from './shared/json-depth.js';

export interface AppDeps {
  /** Bolt URI of the embedded database the server started; ignored when config names NEO4J_URI. */
  embeddedUri?: string;
  /** A driver owned by the caller (tests share one across apps). */
  driver?: Driver;
  /** Preloaded queries (tests); otherwise read from cypher/. */
  queries?: Queries;
}

const REQUIRED_QUERIES = [
  ...SYSTEM_QUERIES,
  ...INGEST_QUERIES,
  ...ENTITY_QUERIES,
  ...INVESTIGATION_QUERIES,
  ...ANALYTICS_QUERIES,
  ...GDS_QUERIES,
  ...RUN_QUERIES,
  ...RUN_RESULT_QUERIES,
  ...KEY_QUERIES,
  ...AUDIT_QUERIES,
  ...MONEY_QUERIES,
  ...PATH_QUERIES,
  ...CONTEXT_QUERIES,
  ...RESOLUTION_QUERIES,
  ...READ_STAMP_QUERIES,
];

/**
 * The composition root: external plugins, then the service's own (errors, database),
 * then routes. Everything under /v1 needs the database and answers 503 while it is down.
 */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const uri = config.neo4j.uri ?? deps.embeddedUri;
  if (!uri) throw new Error('app: no Neo4j URI: set NEO4J_URI or start the embedded database first');
  const queries = deps.queries ?? (await loadQueries(REQUIRED_QUERIES));

  const parserRefusals: { audit?: FastifyInstance['auditParserRefusal'] } = {};
  const app = Fastify({
    logger: { level: config.logLevel },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    // Bodies beyond 1 MB are refused (413) except where a route allows more: ingest
    // (INGEST_MAX_JSON_BYTES, streams up to INGEST_MAX_STREAM_BYTES) and analyses (32 MB, ANALYSIS_BODY_BYTES).
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    // Audited once the refusals plugin is registered (a refusal before that is answered, not recorded).
    clientErrorHandler: (error, socket) => clientErrors(error, socket, (refusal) => parserRefusals.audit?.(refusal)),
  }).withTypeProvider<ZodTypeProvider>();
  // fastify's own JSON parsing (prototype poisoning refused), after a check of how deep the body
  // nests: a valid but absurdly deep body would overflow the stack of whatever walks it later.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string)) return done(new MalformedBodyError(TOO_DEEP), undefined);
    parseJson(request, body as string, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    // Swagger UI at /docs needs inline styles and its own images; nothing else is served as HTML.
    contentSecurityPolicy: { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'validator.swagger.io'] } },
  });
  if (config.auth.corsOrigins.length > 0)
    await app.register(cors, { origin: config.auth.corsOrigins, allowedHeaders: ['authorization', 'content-type', 'x-justification', 'x-request-id', 'prefer'] });
  await app.register(openapiPlugin);
  await app.register(errorsPlugin);
  await app.register(wellFormedTextPlugin);
  await app.register(databasePlugin, {
    settings: config.neo4j,
    uri,
    embedded: config.neo4j.uri === undefined,
    queries,
    driver: deps.driver,
  });

  const { driver, database } = app.neo4j;
  const keys = createKeyService(createKeyRepository(driver, database, queries));
  const auditRepository = createAuditRepository(driver, database, queries);
  const auditKey = await loadAuditKey(config.audit, app.log);
  const auditLog = createAuditLog(auditRepository, { key: auditKey, checkpoints: createCheckpointFile(config.audit.checkpointFile, auditKey) });
  // The chain's head signed outside the database: at start, every AUDIT_CHECKPOINT_MS, and at a clean stop.
  const checkpoint = () => auditLog.checkpoint().catch((error: unknown) => app.log.error({ err: error }, 'could not write an audit checkpoint'));
  app.dbHealth.alsoPrepare(async () => void (await checkpoint()));
  const checkpoints = setInterval(() => void checkpoint(), config.audit.checkpointMs).unref();
  app.addHook('preClose', async () => {
    clearInterval(checkpoints);
    if (app.dbHealth.ready) await checkpoint();
  });
  const stamps = createReadStamps(createReadStampRepository(driver, database, queries).read);
  await app.register(authPlugin, {
    keys,
    stamps,
    verifyJwt: config.auth.jwt ? createJwtVerifier(config.auth.jwt) : undefined,
    requireJustification: config.auth.requireJustification,
  });
  await app.register(auditPlugin, { log: auditLog });
  await app.register(readCachePlugin, { maxBytes: config.readCache.maxBytes });
  // The first admin key, before the database counts as ready: ADMIN_API_KEY, or one made and
  // printed once when no admin key exists.
  app.dbHealth.alsoPrepare(async () => {
    const { made, reenabled } = await keys.bootstrap(config.auth.adminKey);
    if (reenabled) app.log.warn('ADMIN_API_KEY had been revoked: it is enabled again (the operator’s key of last resort; change it to retire it)');
    if (made) app.log.warn({ adminApiKey: made }, 'no admin API key existed: this one was made and is shown only now; keep it safe (or set ADMIN_API_KEY)');
  });
  const system = createSystemRepository(driver, database, queries);
  const entities = createEntityRepository(driver, database, queries);
  const investigations = createInvestigationRepository(driver, database, queries);
  const ingest = createIngestService(createIngestRepository(driver, database, queries), {
    batchSize: config.ingest.batchSize,
    maxStreamBytes: config.ingest.maxStreamBytes,
  });
  const stack = createRunStack(config, { driver, database, queries }, app.log, { writeBack: config.runs.writeBack, cacheEntries: config.runs.cacheEntries });
  app.addHook('onClose', async () => stack.close());
  const { gdsServer, gds, runs, results: runResults } = stack;
  // Which analytics plugins the server has, said once it answers (the GDS engine needs gds.*).
  // Never in the way of readiness: a server that cannot say is reported as such.
  app.dbHealth.alsoPrepare(async () => {
    const where = gdsServer.uri === null ? 'Neo4j' : `the GDS server ${gdsServer.uri}`;
    const plugins = await gdsServer.plugins().catch((error: Error) => error);
    if (plugins instanceof Error) app.log.warn({ err: plugins }, `could not ask ${where} which plugins it has`);
    else if (plugins.gds) app.log.info({ gds: plugins.gds, apoc: plugins.apoc }, `${where} has the Graph Data Science plugin`);
    else app.log.warn({ apoc: plugins.apoc }, `Graph Data Science is not installed on ${where}: analyses run in the service (graphology) only`);
  });
  const preview = createPreviewService({ repository: stack.analytics, gds, pool: stack.pool, previewMaxTies: config.analytics.previewMaxTies });
  const links = createLinkService({ repository: stack.analytics, pool: stack.pool, maxTies: config.analytics.previewMaxTies, runScope: (id, allowed) => runs.get(id, allowed) });
  const money = createMoneyService(createMoneyRepository(driver, database, queries), (ids) => stack.analytics.knownInvestigations(ids));
  const disruption = createDisruptionService({ repository: stack.analytics, gds, pool: stack.pool, maxTies: config.analytics.previewMaxTies });
  // Runs start (and interrupted ones are claimed) once the database is there; a shutdown marks
  // running ones interrupted while the driver is still open (preClose comes before onClose).
  app.addHook('onReady', async () => app.dbHealth.onReady(() => runs.start()));
  app.addHook('preClose', async () => runs.shutdown());

  await app.register(refusalsPlugin, { limit: config.auth.refusalLimit, log: auditLog });
  parserRefusals.audit = app.auditParserRefusal;

  await app.register(healthRoutes);
  await app.register(explorerRoutes);
  await app.register(
    async (v1) => {
      // An address past its refused credentials is turned away first, before any database work.
      v1.addHook('onRequest', app.turnAwayRefused);
      v1.addHook('onRequest', requireDatabase);
      v1.addHook('onRequest', async (request) => {
        try {
          await app.authenticate(request);
        } catch (error) {
          if ((error as FastifyError).statusCode === 401) app.countRefused(request);
          throw error;
        }
      });
      await v1.register(rateLimit, {
        max: config.auth.rateLimit.max,
        timeWindow: config.auth.rateLimit.windowMs,
        hook: 'preHandler',
        keyGenerator: (request) => request.principal?.id ?? request.ip,
      });
      // After the rate limit's own preHandler (a route's hook, added when the route is): an answer
      // from memory is authenticated, counted against the limit and audited like any other.
      v1.addHook('onRoute', (route) => {
        if (route.config?.readCache) route.preHandler = [route.preHandler ?? []].flat().concat(app.cachedAnswer);
      });
      v1.addHook('onSend', async (request, reply, payload) => {
        await app.auditRecord(request, reply, payload);
        return payload;
      });
      v1.addHook('onSend', app.keepAnswer);
      await v1.register(keyRoutes, { keys });
      await v1.register(auditRoutes, { audit: auditRepository, log: auditLog });
      await v1.register(systemRoutes, { system, gdsServer });
      await v1.register(ingestRoutes, { ingest, maxJsonBytes: config.ingest.maxJsonBytes, maxStreamBytes: config.ingest.maxStreamBytes });
      await v1.register(investigationRoutes, { investigations });
      await v1.register(entityRoutes, { entities });
      await v1.register(moneyRoutes, { money });
      await v1.register(resolutionRoutes, {
        resolution: createResolutionService({ repository: createResolutionRepository(driver, database, queries), known: (ids) => stack.analytics.knownInvestigations(ids) }),
      });
      await v1.register(pathRoutes, { paths: createPathRepository(driver, database, queries) });
      await v1.register(previewRoutes, { preview });
      await v1.register(linkRoutes, { links });
      await v1.register(disruptionRoutes, { disruption });
      await v1.register(analysisRoutes, { service: runs, results: runResults, maxWaitMs: config.runs.maxWaitMs });
      await v1.register(analysisContextRoutes, { context: createRunContext({ service: runs, repository: createContextRepository(driver, database, queries) }) });
    },
    { prefix: '/v1' },
  );
  return app;
}
