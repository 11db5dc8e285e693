import { z } from 'zod';

import type { AuditKeySettings } from './audit/audit-key.js';
import type { JwtSettings } from './auth/jwt.js';

/**
 * The service's whole configuration, read from the environment once at start-up.
 * Every variable is listed in `.env.example` and in the README's configuration table.
 */

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const size = z.string().regex(/^\d+[kmg]?$/i, 'expected a size such as 512m or 2g');
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

const neo4jUri = optionalText.pipe(
  z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'expected bolt://, neo4j://, neo4j+s:// or bolt+s:// URI')
    .optional(),
);

const EnvSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    NEO4J_URI: neo4jUri,
    NEO4J_GDS_URI: neo4jUri,
    NEO4J_USER: optionalText,
    NEO4J_PASSWORD: optionalText,
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),
    NEO4J_POOL_SIZE: positiveInt.default(50),
    NEO4J_ACQUIRE_TIMEOUT_MS: positiveInt.default(10_000),
    NEO4J_CONNECT_TIMEOUT_MS: positiveInt.default(5_000),
    NEO4J_HEALTH_INTERVAL_MS: positiveInt.default(2_000),
    NEO4J_PING_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    NEO4J_MAX_RETRY_MS: positiveInt.default(5_000),

    INGEST_BATCH_SIZE: positiveInt.max(100_000).default(2_000),
    INGEST_MAX_JSON_BYTES: positiveInt.default(50 * 1024 * 1024),
    INGEST_MAX_STREAM_BYTES: positiveInt.default(4 * 1024 * 1024 * 1024),

    ANALYTICS_THREADS: positiveInt.max(64).default(1),
    ANALYTICS_PATH_HELPERS: z.coerce.number().int().min(0).max(64).default(1),
    ANALYTICS_PREVIEW_MAX_TIES: positiveInt.default(250_000),
    ANALYTICS_READ_PARTITIONS: positiveInt.max(64).default(1),
    ANALYTICS_GDS_ABOVE_RELATIONS: positiveInt.default(2_000_000),
    GDS_CONCURRENCY: positiveInt.max(1024).default(4),

    ANALYSIS_CONCURRENCY: positiveInt.max(64).default(1),
    ANALYSIS_MAX_TIES: positiveInt.default(5_000_000),
    ANALYSIS_WRITE_BACK: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    ANALYSIS_MAX_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
    ANALYSIS_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    ANALYSIS_MAX_ATTEMPTS: positiveInt.max(100).default(3),
    ANALYSIS_BATCH_SIZE: positiveInt.max(100_000).default(1_000),
    ANALYSIS_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2_000),
    READ_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(64),

    ADMIN_API_KEY: optionalText.pipe(
      z
        .string()
        .regex(/^sna_[A-Za-z0-9_-]{32,}$/, 'expected sna_ and at least 32 letters, digits, - or _')
        .optional(),
    ),
    AUTH_JWT_ISSUER: optionalText,
    AUTH_JWT_AUDIENCE: optionalText,
    AUTH_JWT_PUBLIC_KEY: optionalText,
    AUTH_JWT_JWKS_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    AUTH_JWT_ALGORITHM: z.string().min(1).default('RS256'),
    AUTH_JWT_ROLE_CLAIM: z.string().min(1).default('role'),
    AUTH_JWT_INVESTIGATIONS_CLAIM: z.string().min(1).default('investigations'),
    AUTH_JWT_MAX_AGE_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 86_400)
      .default(3600),
    AUDIT_REQUIRE_JUSTIFICATION: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    AUDIT_KEY: optionalText.pipe(z.string().min(32, 'the audit key must be 32 characters or more').optional()),
    AUDIT_KEY_FILE: z.string().min(1).default('.data/audit.key'),
    AUDIT_CHECKPOINT_FILE: z.string().min(1).default('.data/audit-checkpoints.jsonl'),
    AUDIT_CHECKPOINT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
    RATE_LIMIT_MAX: positiveInt.default(1_200),
    RATE_LIMIT_WINDOW_MS: positiveInt.default(60_000),
    RATE_LIMIT_ANON_MAX: positiveInt.default(30),
    RATE_LIMIT_ANON_WINDOW_MS: positiveInt.default(60_000),
    CORS_ORIGINS: optionalText,

    NEO4J_HOME: z.string().min(1).default('.data/neo4j'),
    NEO4J_BOLT_PORT: port.default(7687),
    NEO4J_HEAP: size.default('1g'),
    NEO4J_PAGECACHE: size.default('512m'),
    NEO4J_START_TIMEOUT_MS: positiveInt.default(180_000),
    NEO4J_RESTART_MAX_TRIES: positiveInt.max(1_000).default(5),
    NEO4J_HANG_RESTART_MS: z.coerce.number().int().min(1_000).default(60_000),
    JAVA_HOME: optionalText,
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_PASSWORD !== undefined && env.NEO4J_USER === undefined) {
      ctx.addIssue({ code: 'custom', path: ['NEO4J_USER'], message: 'required when NEO4J_PASSWORD is set' });
    }
    if (env.NEO4J_GDS_URI !== undefined && env.NEO4J_URI === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_URI'],
        message: 'required when NEO4J_GDS_URI is set (a GDS server holds a copy of a cluster’s data, not of the embedded database)',
      });
    }
    if (env.NEO4J_USER !== undefined && env.NEO4J_URI === undefined) {
      ctx.addIssue({ code: 'custom', path: ['NEO4J_URI'], message: 'required when NEO4J_USER is set' });
    }
    if (env.AUTH_JWT_ISSUER !== undefined && (env.AUTH_JWT_PUBLIC_KEY === undefined) === (env.AUTH_JWT_JWKS_URL === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_PUBLIC_KEY'], message: 'with AUTH_JWT_ISSUER, set exactly one of AUTH_JWT_PUBLIC_KEY and AUTH_JWT_JWKS_URL' });
    }
    if (env.AUTH_JWT_ISSUER === undefined && (env.AUTH_JWT_PUBLIC_KEY !== undefined || env.AUTH_JWT_JWKS_URL !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_ISSUER'], message: 'required when a JWT key or JWKS URL is set' });
    }
  });

export interface EmbeddedNeo4jConfig {
  home: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
  javaHome?: string;
}

export interface Config {
  host: string;
  port: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  neo4j: {
    /** Undefined means: start and use the embedded database. */
    uri?: string;
    /** A dedicated server for the GDS engine (a member of the same cluster); undefined: the one above. */
    gdsUri?: string;
    user?: string;
    password?: string;
    database: string;
    poolSize: number;
    acquireTimeoutMs: number;
    connectTimeoutMs: number;
    healthIntervalMs: number;
    /** A health ping unanswered this long counts as the database not answering (neo4j/health.ts). */
    pingTimeoutMs: number;
    maxRetryMs: number;
  };
  ingest: {
    batchSize: number;
    /** Largest JSON document accepted by POST /v1/ingest. */
    maxJsonBytes: number;
    /** Largest NDJSON or CSV body. */
    maxStreamBytes: number;
  };
  analytics: {
    /** Worker threads analyses run in. */
    threads: number;
    /** Extra threads each analysis may use for its Dijkstra passes (betweenness, closeness). */
    pathHelpers: number;
    /** Largest projection (ties) POST /v1/analyses/preview analyses synchronously. */
    previewMaxTies: number;
    /** Transactions a people projection's links are read in at once (repositories/analytics-repository.ts). */
    readPartitions: number;
    /** `engine: auto` takes GDS above this many relations in scope. */
    gdsAboveRelations: number;
    /** Threads GDS may use for PageRank, betweenness and closeness (Louvain: one, to be repeatable). */
    gdsConcurrency: number;
  };
  runs: {
    /** Runs computing at once (each in a worker thread). */
    concurrency: number;
    /** Largest projection (ties) a run analyses. */
    maxTies: number;
    /** Write scores back onto the entities unless a request says otherwise. */
    writeBack: boolean;
    /** Longest ?wait / Prefer: wait on POST /v1/analyses. */
    maxWaitMs: number;
    /** How often an instance says it is alive; runs of one silent for 3× this are taken over. */
    heartbeatMs: number;
    /** Starts before an interrupted run is failed rather than started again. */
    maxAttempts: number;
    /** Results per write transaction. */
    batchSize: number;
    /** Pages of finished runs kept in memory (0: none). */
    cacheEntries: number;
  };
  /** Answers of read routes kept in memory (plugins/read-cache.ts). */
  readCache: {
    /** Their total size, about (0: none kept). */
    maxBytes: number;
  };
  auth: {
    /** An admin key to store at start-up; none: one is made and printed when no admin key exists. */
    adminKey?: string;
    /** JWT verification (single sign-on) when an issuer is set. */
    jwt?: JwtSettings;
    /** Refuse entity lookups, neighbourhoods and exports without an X-Justification header. */
    requireJustification: boolean;
    rateLimit: { max: number; windowMs: number };
    /** Refused credentials a client address may send per window before it is turned away with 429 (auth/refusals.ts). */
    refusalLimit: { max: number; windowMs: number };
    /** Origins allowed by CORS; none: CORS off. */
    corsOrigins: string[];
  };
  audit: AuditKeySettings & {
    /** Signed checkpoints of the chain's head, outside the database (audit/checkpoints.ts). */
    checkpointFile: string;
    checkpointMs: number;
  };
  embedded: EmbeddedNeo4jConfig;
  /** How the embedded Neo4j is kept running (neo4j/supervisor.ts). */
  supervision: {
    /** Restarts in a row that may fail before the supervisor gives up (the service keeps answering 503). */
    restartMaxTries: number;
    /** A database that has not answered a ping for this long is killed and started again. */
    hangRestartMs: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws a ConfigError naming each offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      gdsUri: e.NEO4J_GDS_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      poolSize: e.NEO4J_POOL_SIZE,
      acquireTimeoutMs: e.NEO4J_ACQUIRE_TIMEOUT_MS,
      connectTimeoutMs: e.NEO4J_CONNECT_TIMEOUT_MS,
      healthIntervalMs: e.NEO4J_HEALTH_INTERVAL_MS,
      pingTimeoutMs: e.NEO4J_PING_TIMEOUT_MS,
      maxRetryMs: e.NEO4J_MAX_RETRY_MS,
    },
    ingest: {
      batchSize: e.INGEST_BATCH_SIZE,
      maxJsonBytes: e.INGEST_MAX_JSON_BYTES,
      maxStreamBytes: e.INGEST_MAX_STREAM_BYTES,
    },
    analytics: {
      threads: e.ANALYTICS_THREADS,
      pathHelpers: e.ANALYTICS_PATH_HELPERS,
      previewMaxTies: e.ANALYTICS_PREVIEW_MAX_TIES,
      readPartitions: e.ANALYTICS_READ_PARTITIONS,
      gdsAboveRelations: e.ANALYTICS_GDS_ABOVE_RELATIONS,
      gdsConcurrency: e.GDS_CONCURRENCY,
    },
    runs: {
      concurrency: e.ANALYSIS_CONCURRENCY,
      maxTies: e.ANALYSIS_MAX_TIES,
      writeBack: e.ANALYSIS_WRITE_BACK,
      maxWaitMs: e.ANALYSIS_MAX_WAIT_MS,
      heartbeatMs: e.ANALYSIS_HEARTBEAT_MS,
      maxAttempts: e.ANALYSIS_MAX_ATTEMPTS,
      batchSize: e.ANALYSIS_BATCH_SIZE,
      cacheEntries: e.ANALYSIS_CACHE_ENTRIES,
    },
    readCache: { maxBytes: e.READ_CACHE_MB * 1024 * 1024 },
    auth: {
      adminKey: e.ADMIN_API_KEY,
      jwt: e.AUTH_JWT_ISSUER
        ? {
            issuer: e.AUTH_JWT_ISSUER,
            audience: e.AUTH_JWT_AUDIENCE,
            // A PEM in one environment line may have its line breaks written as \n.
            publicKey: e.AUTH_JWT_PUBLIC_KEY?.replace(/\\n/g, '\n'),
            jwksUrl: e.AUTH_JWT_JWKS_URL,
            algorithm: e.AUTH_JWT_ALGORITHM,
            roleClaim: e.AUTH_JWT_ROLE_CLAIM,
            investigationsClaim: e.AUTH_JWT_INVESTIGATIONS_CLAIM,
            maxAgeS: e.AUTH_JWT_MAX_AGE_S,
          }
        : undefined,
      requireJustification: e.AUDIT_REQUIRE_JUSTIFICATION,
      rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS },
      refusalLimit: { max: e.RATE_LIMIT_ANON_MAX, windowMs: e.RATE_LIMIT_ANON_WINDOW_MS },
      corsOrigins: (e.CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    },
    audit: { key: e.AUDIT_KEY, keyFile: e.AUDIT_KEY_FILE, checkpointFile: e.AUDIT_CHECKPOINT_FILE, checkpointMs: e.AUDIT_CHECKPOINT_MS },
    embedded: {
      home: e.NEO4J_HOME,
      boltPort: e.NEO4J_BOLT_PORT,
      heap: e.NEO4J_HEAP,
      pageCache: e.NEO4J_PAGECACHE,
      startTimeoutMs: e.NEO4J_START_TIMEOUT_MS,
      javaHome: e.JAVA_HOME,
    },
    supervision: { restartMaxTries: e.NEO4J_RESTART_MAX_TRIES, hangRestartMs: e.NEO4J_HANG_RESTART_MS },
  };
}
