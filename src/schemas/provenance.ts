import { z } from 'zod';

/**
 * Provenance carried by every node and relation: the report it came from, its 3x5x2 grading
 * (UK policing: source evaluation 1–3, intelligence assessment A–E, handling code P/C) and
 * when it was recorded. A record may leave source and grading out when the ingest document
 * gives defaults; the loader then fills them in.
 */

export const IdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?:[^\s\u0000-\u001f][^\u0000-\u001f]*)?$/, 'must not start with a space or contain control characters')
  .describe('Caller-supplied stable id, unique per entity type');

export const IsoDateSchema = z.iso.date().describe('ISO-8601 date, e.g. 2024-05-17');
export const IsoDateTimeSchema = z.iso.datetime({ offset: true }).describe('ISO-8601 date-time with zone, e.g. 2024-05-17T06:30:00Z');

export const GradingSchema = z
  .strictObject({
    sourceEvaluation: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1 reliable, 2 untested, 3 not reliable'),
    intelligenceAssessment: z.enum(['A', 'B', 'C', 'D', 'E']).describe('A known directly, B indirectly but corroborated, C indirectly, D not known, E suspected false'),
    handlingCode: z.enum(['P', 'C']).describe('P lawful sharing permitted, C sharing with conditions'),
  })
  .meta({ id: 'Grading', example: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } });

export type Grading = z.infer<typeof GradingSchema>;

/** Fields every record may carry; source and grading fall back to the document's defaults. */
export const provenanceFields = {
  source: z.string().min(1).max(500).optional().describe('Report reference the fact comes from'),
  grading: GradingSchema.optional(),
  recordedAt: IsoDateTimeSchema.optional().describe('When the fact was recorded; defaults to the time of loading'),
  investigations: z.array(IdSchema).max(100).optional().describe('Investigations this record belongs to, among the document’s; all of the document’s when left out'),
};

export interface Provenance {
  source: string;
  grading: Grading;
  recordedAt: string;
}
