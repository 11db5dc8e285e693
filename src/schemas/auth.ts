import { z } from 'zod';

import { ALL_INVESTIGATIONS, ROLES } from '../auth/principal.js';
import { IdSchema } from './provenance.js';

/** API keys and the audit trail, as the admin routes take and give them. */

export const KeyRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).describe('Who or what holds it'),
    role: z.enum(ROLES),
    investigations: z
      .array(z.union([IdSchema, z.literal(ALL_INVESTIGATIONS)]))
      .min(1)
      .max(1_000)
      .describe('Investigation ids it may see, or ["*"] for all'),
  })
  .meta({ id: 'KeyRequest', example: { name: 'night batch', role: 'analyst', investigations: ['OP-TIDE'] } });

const EXAMPLE_KEY = {
  id: '5d0e8c7b-2f4a-4e1b-9c3d-7a6b5e4f3a21',
  name: 'night batch',
  role: 'analyst',
  investigations: ['OP-TIDE'],
  createdAt: '2026-11-20T08:30:12.407Z',
  createdBy: 'key:0e4b6c1d-7a2f-4b9e-8c3d-5f6a7b8c9d01',
  revokedAt: null,
  revokedBy: null,
};

export const KeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(ROLES),
    investigations: z.array(z.string()),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'ApiKey', example: EXAMPLE_KEY });

export const NewKeySchema = KeySchema.extend({ key: z.string().describe('The key itself: shown now and never again') }).meta({
  id: 'NewApiKey',
  example: { ...EXAMPLE_KEY, key: 'sna_q7Z2mVx9KcT4bN8rL1wYp6HdF3sJ0aGe5uXiRk' },
});

export const AuditQuerySchema = z.strictObject({
  principal: z.string().min(1).max(300).optional().describe('`key:<id>` or `jwt:<issuer>:<subject>`'),
  entity: z.string().min(3).max(300).optional().describe('`type:id`'),
  investigation: IdSchema.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const AuditRecordSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    requestId: z.string(),
    principal: z.string(),
    principalName: z.string(),
    role: z.string(),
    method: z.string(),
    route: z.string(),
    parameters: z.string().describe('JSON: path parameters, query, body summary (secrets redacted)'),
    justification: z.string().nullable(),
    investigations: z.array(z.string()),
    entities: z.array(z.string()),
    status: z.number().int(),
    resultBytes: z.number().int(),
    changes: z.string().nullable().describe('JSON: what a write changed'),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditRecord' });

export const AuditPageSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(AuditRecordSchema) }).meta({
  id: 'AuditPage',
  example: {
    total: 1842,
    limit: 100,
    offset: 0,
    items: [
      {
        seq: 1842,
        at: '2026-11-28T09:41:27.306Z',
        requestId: '7b0c2a4e-3f7d-4b8e-9d57-2f0f5a7f3e11',
        principal: 'key:5d0e8c7b-2f4a-4e1b-9c3d-7a6b5e4f3a21',
        principalName: 'night batch',
        role: 'analyst',
        method: 'GET',
        route: '/v1/entities/:type/:id',
        parameters: '{"params":{"type":"person","id":"P-001"}}',
        justification: 'Case review OP-TIDE week 48',
        investigations: ['OP-TIDE'],
        entities: ['person:P-001'],
        status: 200,
        resultBytes: 4812,
        changes: null,
        prevHash: '9f2b6d0c41e7a3b58c6d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b',
        hash: '3c1e5a7b9d2f4c6e8a0b2d4f6e8c0a2b4d6f8e0c2a4b6d8f0e2c4a6b8d0f2e4c',
      },
    ],
  },
});

export const VerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().describe('Records checked before the first broken link (all of them when ok)'),
    firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
    checkpoints: z
      .object({
        checked: z.number().int().describe('Signed checkpoints (AUDIT_CHECKPOINT_FILE) the chain was held to'),
        latest: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
        problems: z.array(z.string()).describe('Checkpoint lines that do not authenticate with the audit key'),
      })
      .describe('The chain held to checkpoints kept outside the database: records removed from the end, renumbered or wiped show here'),
  })
  .meta({
    id: 'AuditVerification',
    example: { ok: true, checked: 1842, firstBroken: null, checkpoints: { checked: 18, latest: { seq: 1800, at: '2026-11-28T06:00:00.114Z' }, problems: [] } },
  });
