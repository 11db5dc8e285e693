import { z } from 'zod';

import { ErrorResponseSchema } from './errors.js';

const counter = z.number().int().min(0);

export const RejectionSchema = z
  .object({
    kind: z.string().describe('Record kind, or the collection/kind given when it is unknown'),
    index: z.number().int().optional().describe('Position in its JSON array'),
    line: z.number().int().optional().describe('Line of the NDJSON or CSV body (1-based)'),
    id: z.string().optional(),
    path: z.string().describe('Field path, e.g. people[3].grading.intelligenceAssessment'),
    message: z.string(),
  })
  .meta({ id: 'Rejection' });

export const IngestReportSchema = z
  .object({
    ingestId: z.string(),
    status: z
      .enum(['completed', 'partial', 'rejected', 'interrupted'])
      .describe('partial: some records rejected, the rest loaded; rejected: nothing loaded; interrupted: the database failed mid-load'),
    atomic: z.boolean(),
    received: counter,
    accepted: counter,
    rejected: counter,
    entities: z
      .record(z.string(), z.object({ created: counter, updated: counter, unchanged: counter, resolved: counter, relationsRemoved: counter }))
      .describe('Per label; resolved counts placeholders that this load filled in'),
    relations: z.record(z.string(), z.object({ created: counter, updated: counter, unchanged: counter })).describe('Per relationship type'),
    placeholders: z.object({
      count: counter.describe('Ids named by relations of this load and still not loaded'),
      items: z.array(z.object({ label: z.string(), id: z.string() })).describe('The first 1000'),
    }),
    rejections: z.array(RejectionSchema).describe('The first 1000 rejected records'),
    committedBatches: counter.describe('Write transactions committed'),
    batches: z.array(z.object({ number: z.number().int(), target: z.string(), rows: counter })).describe('The first 1000 committed batches, in order'),
    dataVersion: z.number().int().optional().describe('Data version after the last batch that changed something'),
  })
  .meta({
    id: 'IngestReport',
    example: {
      ingestId: '6a1f2c3d-4e5b-4c7d-8e9f-0a1b2c3d4e5f',
      status: 'partial',
      atomic: false,
      received: 4,
      accepted: 3,
      rejected: 1,
      entities: { Person: { created: 1, updated: 1, unchanged: 0, resolved: 1, relationsRemoved: 0 } },
      relations: { COMMUNICATION: { created: 1, updated: 0, unchanged: 0 } },
      placeholders: { count: 0, items: [] },
      rejections: [{ kind: 'person', index: 2, id: 'P-031', path: 'people[2].grading.intelligenceAssessment', message: 'Invalid option: expected one of "A"|"B"|"C"|"D"|"E"' }],
      committedBatches: 2,
      batches: [
        { number: 1, target: 'Person', rows: 2 },
        { number: 2, target: 'COMMUNICATION', rows: 1 },
      ],
      dataVersion: 413,
    },
  });

export const IngestFailureSchema = ErrorResponseSchema.extend({ report: IngestReportSchema }).meta({
  id: 'IngestFailure',
  description: 'An error with the report so far: which batches committed before the load stopped or was refused',
});

export type IngestReport = z.infer<typeof IngestReportSchema>;
export type Rejection = z.infer<typeof RejectionSchema>;

export const EdgeListReportSchema = IngestReportSchema.extend({
  rows: z
    .object({
      read: counter.describe('Data rows read (blank rows not counted)'),
      ties: counter.describe('Links made: one per distinct tie (ends and type)'),
      merged: counter.describe('Rows folded into a tie an earlier row began: repeated rows, and with undirected=true reverse rows (read − ties)'),
      reversed: counter.describe('Of the merged rows, those naming their tie target to source (undirected=true only)'),
    })
    .describe('How the rows of the edge list became ties; received and accepted count ties'),
}).meta({
  id: 'EdgeListReport',
  example: {
    ingestId: '0b6f3c1e-8d2a-4f57-9a0e-5c1d2b7e9f10',
    status: 'completed',
    atomic: true,
    received: 4,
    accepted: 4,
    rejected: 0,
    entities: {},
    relations: { ASSOCIATE: { created: 3, updated: 0, unchanged: 0 }, COMMUNICATION: { created: 1, updated: 0, unchanged: 0 } },
    placeholders: { count: 1, items: [{ label: 'Person', id: 'P-052' }] },
    rejections: [],
    committedBatches: 2,
    batches: [
      { number: 1, target: 'Person-ASSOCIATE->Person', rows: 3 },
      { number: 2, target: 'Person-COMMUNICATION->Person', rows: 1 },
    ],
    dataVersion: 412,
    rows: { read: 6, ties: 4, merged: 2, reversed: 1 },
  },
});

export type EdgeListReport = z.infer<typeof EdgeListReportSchema>;
