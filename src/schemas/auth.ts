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
  .meta({ id: 'ApiKey' });

export const NewKeySchema = KeySchema.extend({ key: z.string().describe('The key itself: shown now and never again') }).meta({ id: 'NewApiKey' });

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

export const AuditPageSchema = z
  .object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(AuditRecordSchema) })
  .meta({ id: 'AuditPage' });

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
  .meta({ id: 'AuditVerification' });
