import { Readable } from 'node:stream';

import type { FastifySchemaCompiler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { allowedInvestigations } from '../auth/principal.js';
import { MalformedBodyError, UnsupportedMediaTypeError } from '../errors.js';
import { readCsv } from '../ingest/csv.js';
import { EDGE_LIST_DEFAULTS, MERGE_RULES } from '../ingest/edge-list.js';
import type { IngestService } from '../ingest/ingest-service.js';
import { describeJsonError } from '../ingest/json-error.js';
import { zodProblems } from '../ingest/validate.js';
import { principalOf } from '../plugins/auth.js';
import { LINK_TYPES } from '../schemas/entities.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import { IngestDocumentSchema, IngestEnvelopeSchema, type IngestHeader, RECORD_KIND_NAMES, RECORD_KINDS } from '../schemas/ingest.js';
import { EdgeListReportSchema, IngestFailureSchema, type IngestReport, IngestReportSchema } from '../schemas/ingest-report.js';
import { GradingSchema, IdSchema } from '../schemas/provenance.js';
import { nestsDeeperThan, TOO_DEEP } from '../shared/json-depth.js';

const GradingCodeSchema = z
  .string()
  .regex(/^[1-3][A-E][PC]$/, 'expected a grading code such as 2BP: source evaluation 1–3, assessment A–E, handling P or C')
  .transform((code) => ({ sourceEvaluation: Number(code[0]), intelligenceAssessment: code[1], handlingCode: code[2] }))
  .pipe(GradingSchema);

const AtomicQuerySchema = z.strictObject({
  atomic: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: write nothing if any record is invalid'),
});

const CsvParamsSchema = z.object({
  kind: z
    .enum(RECORD_KIND_NAMES, { error: (issue) => `unknown kind ${String(issue.input)}: expected one of ${RECORD_KIND_NAMES.join(', ')}` })
    .describe('The record kind of every row'),
});

/** What the NDJSON header line says, given in the query string because a CSV has no room for it. */
const CsvQuerySchema = AtomicQuerySchema.extend({
  investigations: z
    .string()
    .describe('Comma-separated ids of the investigations the rows belong to, e.g. OP-TIDE,OP-DUNE')
    .transform((text) =>
      text
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .pipe(z.array(IdSchema).min(1, 'name at least one investigation').max(100)),
  source: z.string().min(1).max(500).optional().describe('Default source (report reference) for rows without a source cell'),
  grading: GradingCodeSchema.optional().describe('Default grading for rows without grading cells, as one code: 2BP is source evaluation 2, assessment B, handling P'),
});

/**
 * An edge list has no provenance columns (`source` is an end there), so its source and grading
 * come from the query, for every row.
 */
const EdgeListQuerySchema = CsvQuerySchema.omit({ atomic: true }).extend({
  source: z.string().min(1).max(500).describe('Source (report reference) of every row, e.g. REP-2024-0117'),
  grading: GradingCodeSchema.describe('Grading of every row as one code: 2BP is source evaluation 2, assessment B, handling P'),
  type: z.enum(LINK_TYPES).default(EDGE_LIST_DEFAULTS.type).describe('Link type of rows with no type cell (the default, associate, claims only that the two are tied)'),
  undirected: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: A,B and B,A are one tie (stored with the smaller id first); false: the direction the file gives is kept'),
  merge: z.enum(MERGE_RULES).default(EDGE_LIST_DEFAULTS.merge).describe('How the weights of the rows of one tie combine: sum, or max (for exports that list every tie both ways)'),
});

/**
 * The request validator of POST /v1/ingest checks only the envelope (header, one array per
 * known collection, nothing else), so one bad record does not refuse the rest: records are
 * checked one by one by the ingest service and reported with their index and field path.
 */
const envelopeValidator: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body'
    ? (data) => {
        const parsed = IngestEnvelopeSchema.safeParse(data);
        if (parsed.success) return { value: data };
        const validation = zodProblems(parsed.error.issues).map((problem) => ({
          instancePath: `/${problem.path
            .replace(/\[(\d+)\]/g, '.$1')
            .split('.')
            .join('/')}`,
          message: problem.message,
        }));
        return { error: Object.assign(new Error('body is invalid'), { validation, validationContext: 'body' }) };
      }
    : validatorCompiler(route as never);

const responses = {
  200: IngestReportSchema.describe('Loaded; `status` is partial when some records were rejected'),
  400: IngestFailureSchema.or(ErrorResponseSchema).describe('Malformed body, bad envelope, or an atomic load refused'),
  409: IngestFailureSchema.or(ErrorResponseSchema).describe('The data conflicts with what is stored; the report says which batches committed'),
  413: ErrorResponseSchema.describe('Body over the configured limit'),
  415: ErrorResponseSchema.describe('Wrong content type for this route'),
  ...databaseErrorResponses,
  500: IngestFailureSchema.or(ErrorResponseSchema).describe('Internal error; for a load, the report says which batches committed'),
  503: IngestFailureSchema.or(ErrorResponseSchema).describe('Neo4j failed; the report says which batches committed. Re-sending the whole load is safe.'),
};

export interface IngestRoutesOptions {
  ingest: IngestService;
  maxJsonBytes: number;
  /** Largest CSV body (config ingest.maxStreamBytes); the NDJSON limit is applied inside the ingest service. */
  maxStreamBytes: number;
}

export const ingestRoutes: FastifyPluginAsyncZod<IngestRoutesOptions> = async (app, { ingest, maxJsonBytes, maxStreamBytes }) => {
  // Streamed bodies reach the handler unread, so they are read with flat memory and their own limit.
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl', 'text/csv', 'application/csv'], (_request, payload, done) => done(null, payload));
  // JSON with the line and column of a syntax error, which fastify's own parser does not give
  // (in place of the app's, in this context only).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: maxJsonBytes }, (_request, text, done) => {
    if (nestsDeeperThan(text as string)) return done(new MalformedBodyError(TOO_DEEP), undefined);
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(new MalformedBodyError(describeJsonError(text as string)), undefined);
    }
  });

  const config = { permission: 'ingest' as const, auditChanges: true };
  // Recorded before the first batch is written, so a load cut short still has its record.
  app.addHook('preHandler', async (request) => app.auditStarted(request));

  app.post(
    '/ingest',
    {
      config,
      schema: {
        tags: ['ingest'],
        summary: 'Load a JSON document: investigations, provenance defaults and one array per record kind',
        description:
          'Idempotent upserts keyed by id. Invalid records are rejected with their index, field path and reason; the rest load ' +
          'unless atomic=true. Relations naming ids not loaded yet create placeholders, resolved by a later load.',
        querystring: AtomicQuerySchema,
        body: IngestDocumentSchema,
        response: responses,
      },
      validatorCompiler: envelopeValidator,
      bodyLimit: maxJsonBytes,
    },
    async (request, reply) => {
      const report = await ingest.ingestDocument(request.body as IngestHeader & Record<string, unknown>, request.query.atomic, allowedInvestigations(principalOf(request)));
      return refused(report) ? reply.code(400).send(refusal(report)) : report;
    },
  );

  app.post(
    '/ingest/ndjson',
    {
      config,
      schema: {
        tags: ['ingest'],
        summary: 'Load newline-delimited JSON (application/x-ndjson): a header line, then one `{kind, record}` a line',
        description:
          'Line 1: `{"kind":"header","investigations":[{"id":"OP-1"}],"defaults":{…}}`. Then e.g. ' +
          '`{"kind":"person","record":{"id":"P-1","name":"…"}}`; kinds: ' +
          Object.keys(RECORD_KINDS).join(', ') +
          '. ' +
          'Read as a stream with flat memory. A line that is not JSON refuses the whole body with 400 naming the line.',
        querystring: AtomicQuerySchema,
        response: responses,
      },
    },
    async (request, reply) => {
      const report = await ingest.ingestNdjson(streamBody(request.body, 'application/x-ndjson'), request.query.atomic, allowedInvestigations(principalOf(request)));
      return refused(report) ? reply.code(400).send(refusal(report)) : report;
    },
  );

  app.post(
    '/ingest/csv/links',
    {
      config,
      schema: {
        tags: ['ingest'],
        summary: 'Load an edge list (text/csv): source,target[,weight][,type][,date], one reported tie a row',
        description:
          'Header names in any case; from and to are read as source and target. Rows naming the same tie (ends and type; ' +
          'with undirected=true either way round) become one link: weights (positive decimals, 1 when left out) summed or, ' +
          'with merge=max, the largest; count the rows; firstSeen and lastSeen the earliest and latest date. Link ids are ' +
          'derived from the tie, so loading a file again changes nothing. Ends are person ids; one never loaded becomes a ' +
          'placeholder. All or nothing: a bad row refuses the load with 400 naming its line and column. docs/csv-columns.md.',
        querystring: EdgeListQuerySchema,
        response: { ...responses, 200: EdgeListReportSchema.describe('Loaded; rows says how the rows became ties') },
      },
    },
    async (request, reply) => {
      const { investigations, source, grading, type, undirected, merge } = request.query;
      const header: IngestHeader = { investigations: investigations.map((id) => ({ id })), defaults: { source, grading } };
      const body = streamBody(request.body, 'text/csv');
      const { report, rows } = await ingest.ingestEdgeList(body, header, { type, undirected, merge }, allowedInvestigations(principalOf(request)));
      return refused(report) ? reply.code(400).send(refusal(report)) : { ...report, rows };
    },
  );

  app.post(
    '/ingest/csv/:kind',
    {
      config,
      schema: {
        tags: ['ingest'],
        summary: 'Load one CSV (text/csv) of one record kind: a header row naming the columns, then one record a row',
        description:
          'The columns of each kind are listed in docs/csv-columns.md: flat fields by name, lists `;`-separated, grading as ' +
          'sourceEvaluation, intelligenceAssessment, handlingCode; payer/payee and from/to as e.g. payerType, payerId; account ' +
          'holders as `person:P-1;organisation:O-2`. An empty cell leaves the field out. An unknown or repeated column, or a CSV ' +
          'syntax error, refuses the body with 400 naming the column or line; invalid rows are rejected with their line and field ' +
          'path. Investigations and provenance defaults come from the query string. Read as a stream with flat memory.',
        params: CsvParamsSchema,
        querystring: CsvQuerySchema,
        response: responses,
      },
    },
    async (request, reply) => {
      const { investigations, source, grading, atomic } = request.query;
      const header: IngestHeader = { investigations: investigations.map((id) => ({ id })), defaults: { source, grading } };
      const records = readCsv(streamBody(request.body, 'text/csv'), request.params.kind, maxStreamBytes);
      const report = await ingest.ingestStream(() => header, records, atomic, allowedInvestigations(principalOf(request)));
      return refused(report) ? reply.code(400).send(refusal(report)) : report;
    },
  );
};

/** A streamed route's body is the raw request stream; any other parser's result means the wrong content type. */
function streamBody(body: unknown, expected: string): Readable {
  if (body instanceof Readable) return body;
  throw new UnsupportedMediaTypeError(`send the body as ${expected}`);
}

function refused(report: IngestReport): boolean {
  return report.atomic && report.status === 'rejected';
}

/** An atomic load that was refused: the error names every field, the report says nothing was written. */
function refusal(report: IngestReport) {
  return {
    error: {
      code: 'VALIDATION_FAILED',
      message: `atomic load refused: ${report.rejected} of ${report.received} records are invalid; nothing was written`,
      details: report.rejections.map((r) => ({ path: r.line !== undefined ? `line ${r.line}: ${r.path}` : r.path, message: r.message })),
    },
    report,
  };
}
