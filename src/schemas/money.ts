import { z } from 'zod';

import { ScopeSchema } from './analysis.js';
import { gradingQueryFields, InvestigationsQuerySchema } from './scope-query.js';

/**
 * The money views' contract: flows between payers and payees, and traces of money onward or
 * back from one entity. Their scope is the analyses' scope (schemas/analysis.ts) as a query
 * string: the same fields, defaults and checks.
 *
 * Totals are exact: every total and every converted amount is a decimal string of minor units
 * (`"18014398509481982"`), summed with BigInt, because a sum of payments can pass 2^53 where a
 * JSON number stops being exact (and Cypher's 64-bit integers overflow at 2^63). A single
 * payment's amount as recorded is a JSON integer: ingest caps it at 2^53 − 1.
 */

export const PARTY_TYPES = ['person', 'organisation', 'account'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

/** `type/id`, e.g. `person/P-001`: the id as IdSchema has it. */
export const PartyParamSchema = z
  .string()
  .max(220)
  .regex(/^(?:person|organisation|account)\/[^\s\u0000-\u001f][^\u0000-\u001f]{0,199}$/, 'expected type/id, e.g. person/P-001 (type: person, organisation or account)')
  .describe('`type/id` of a person, organisation or account, e.g. `person/P-001`');

export function parseParty(value: string): { type: PartyType; id: string } {
  const slash = value.indexOf('/');
  return { type: value.slice(0, slash) as PartyType, id: value.slice(slash + 1) };
}

const scope = ScopeSchema.shape;
const minor = z.string().regex(/^\d+$/).describe('Minor units, exact, as a decimal string');

export const MoneyScopeQuerySchema = z.strictObject({
  investigations: InvestigationsQuerySchema,
  from: scope.from,
  to: scope.to,
  ...gradingQueryFields,
  reportingCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as GBP')
    .optional()
    .describe('Currency the converted totals are in (default rates, docs/analytics.md); left out: the service default (GBP)'),
  via: z
    .enum(['accounts', 'holders'])
    .default('accounts')
    .describe(
      'accounts: an account is a party of its own (its holders named beside it); holders: an account stands for its holders, its payments split between them, the account named in the evidence',
    ),
});

const windowChecked = <T extends { from?: string; to?: string }>(s: T) => !s.from || !s.to || s.from <= s.to;
const window = { message: 'from is after to', path: ['to'] };

export const FLOW_SORTS = ['converted', 'count', 'first', 'last'] as const;

export const FlowsQuerySchema = MoneyScopeQuerySchema.extend({
  entity: PartyParamSchema.optional().describe('`type/id`: only the flows in and out of this entity, and its totals in and out'),
  sort: z.enum(FLOW_SORTS).default('converted').describe('Flows, top payers and top payees by converted total, payment count, first or last date; ties by payer then payee'),
  order: z.enum(['desc', 'asc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  top: z.coerce.number().int().min(0).max(100).default(10).describe('Top payers and top payees listed'),
  evidence: z.coerce.number().int().min(0).max(100).default(10).describe('Payments listed per flow as its evidence (oldest first)'),
}).refine(windowChecked, window);

export const TraceQuerySchema = MoneyScopeQuerySchema.extend({
  entity: PartyParamSchema.describe('`type/id` of the entity the trace starts at (from and to are the window, as in every scope)'),
  direction: z.enum(['forward', 'backward']).default('forward').describe('forward: the money it paid out, then what its payees paid on; backward: who paid it, then who paid them'),
  hops: z.coerce.number().int().min(1).max(6).default(3).describe('Most payments in a chain'),
  ordered: z.enum(['true', 'false']).default('true').describe('true: each later payment is on or after the one before it (backward: on or before); false: any date'),
  minAmount: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('Only payments of at least this many minor units of the reporting currency (payments with no exchange rate are then left out)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).refine(windowChecked, window);

export type FlowsQuery = z.infer<typeof FlowsQuerySchema>;
export type TraceQuery = z.infer<typeof TraceQuerySchema>;

export const MoneyPartySchema = z
  .object({
    key: z.string().describe('`type:id`'),
    type: z.enum(PARTY_TYPES),
    id: z.string(),
    name: z.string().nullable().describe('Its name (an account: its identifier) as the first investigation in scope holds it'),
    holders: z
      .array(z.object({ key: z.string(), type: z.enum(['person', 'organisation']), id: z.string(), name: z.string().nullable() }))
      .optional()
      .describe('An account: who holds it, in scope'),
  })
  .meta({
    id: 'MoneyParty',
    example: {
      key: 'account:ACC-3',
      type: 'account',
      id: 'ACC-3',
      name: 'FR76 3000 6000 0112 3456 7890 189',
      holders: [{ key: 'person:P-001', type: 'person', id: 'P-001', name: 'Karwan A.' }],
    },
  });

const CurrencyTotalSchema = z.object({ currency: z.string(), amount: minor });

const totals = {
  count: z.number().int().describe('Payments'),
  totals: z.array(CurrencyTotalSchema).describe('Per currency, exact, in its own minor units'),
  converted: minor.describe('Total in minor units of the reporting currency; each payment converted once, rounded to a whole minor unit'),
  unconverted: z.number().int().describe('Payments in a currency with no exchange rate, not in `converted`'),
  first: z.string().nullable().describe('Date of the first payment (null: none)'),
  last: z.string().nullable().describe('Date of the last payment (null: none)'),
};

export const PaymentEvidenceSchema = z
  .object({
    id: z.string(),
    date: z.string(),
    amount: z.number().int().describe('Its share of the payment, in minor units of its currency (the whole payment unless split)'),
    currency: z.string(),
    converted: minor.nullable(),
    split: z.number().int().describe('Payer–payee pairs the payment is split between (1: not split)'),
    payerAccount: z.string().optional().describe('With via=holders: the account it was paid from'),
    payeeAccount: z.string().optional().describe('With via=holders: the account it was paid into'),
  })
  .meta({ id: 'PaymentEvidence' });

export const MoneyFlowSchema = z
  .object({
    payer: MoneyPartySchema,
    payee: MoneyPartySchema,
    ...totals,
    payments: z.array(PaymentEvidenceSchema).describe('The payments behind it, oldest first, up to `evidence`'),
    paymentsTruncated: z.boolean(),
  })
  .meta({ id: 'MoneyFlow' });

export const PartyTotalSchema = z.object({ party: MoneyPartySchema, ...totals, counterparties: z.number().int() }).meta({ id: 'MoneyPartyTotal' });

const MoneyScopeEchoSchema = z
  .object({
    investigations: z.array(z.string()).nullable().describe('Investigations read (null: all)'),
    from: z.string().nullable(),
    to: z.string().nullable(),
    minAssessment: z.string(),
    maxSourceEvaluation: z.number().int(),
    via: z.enum(['accounts', 'holders']),
    reportingCurrency: z.string(),
  })
  .meta({ id: 'MoneyScope' });

const read = {
  scope: MoneyScopeEchoSchema,
  payments: z.number().int().describe('Payments in scope, each counted once however many investigations hold it'),
  leftOut: z.number().int().describe('Payments in scope left out: no payer or no payee graded into the scope'),
  warnings: z.array(z.string()),
};

const moneyExample = (currency: string, amount: string, converted: string) => ({ totals: [{ currency, amount }], converted, unconverted: 0 });
const karwan = { key: 'person:P-001', type: 'person', id: 'P-001', name: 'Karwan A.' };
const hawaladar = { key: 'person:P-120', type: 'person', id: 'P-120', name: 'Rebin H.' };

export const MoneyFlowsSchema = z
  .object({
    ...read,
    sort: z.enum(FLOW_SORTS),
    order: z.enum(['desc', 'asc']),
    total: z.number().int().describe('Flows (payer–payee pairs)'),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(MoneyFlowSchema),
    topPayers: z.array(PartyTotalSchema).describe('Parties by money paid out'),
    topPayees: z.array(PartyTotalSchema).describe('Parties by money received'),
    entity: z
      .object({ party: MoneyPartySchema, in: PartyTotalSchema.omit({ party: true }), out: PartyTotalSchema.omit({ party: true }) })
      .nullable()
      .describe('With `entity`: its totals in and out (items are then its flows, each counterparty once per direction)'),
  })
  .meta({
    id: 'MoneyFlows',
    example: {
      scope: { investigations: ['OP-TIDE'], from: null, to: null, minAssessment: 'D', maxSourceEvaluation: 3, via: 'accounts', reportingCurrency: 'GBP' },
      payments: 1,
      leftOut: 0,
      warnings: [],
      sort: 'converted',
      order: 'desc',
      total: 1,
      limit: 50,
      offset: 0,
      items: [
        {
          payer: hawaladar,
          payee: karwan,
          count: 1,
          ...moneyExample('EUR', '250000', '212500'),
          first: '2024-03-10',
          last: '2024-03-10',
          payments: [{ id: 'PAY-9001', date: '2024-03-10', amount: 250000, currency: 'EUR', converted: '212500', split: 1 }],
          paymentsTruncated: false,
        },
      ],
      topPayers: [{ party: hawaladar, count: 1, ...moneyExample('EUR', '250000', '212500'), first: '2024-03-10', last: '2024-03-10', counterparties: 1 }],
      topPayees: [{ party: karwan, count: 1, ...moneyExample('EUR', '250000', '212500'), first: '2024-03-10', last: '2024-03-10', counterparties: 1 }],
      entity: null,
    },
  });

export const TraceHopSchema = z
  .object({
    payment: z.string(),
    payer: MoneyPartySchema,
    payee: MoneyPartySchema,
    amount: z.number().int().describe('Minor units of its currency (its share when split)'),
    currency: z.string(),
    converted: minor.nullable().describe('Minor units of the reporting currency; null with no exchange rate'),
    date: z.string(),
    split: z.number().int(),
    payerAccount: z.string().optional(),
    payeeAccount: z.string().optional(),
  })
  .meta({ id: 'TraceHop' });

export const MoneyTraceSchema = z
  .object({
    ...read,
    start: MoneyPartySchema,
    direction: z.enum(['forward', 'backward']),
    hops: z.number().int(),
    ordered: z.boolean(),
    minAmount: z.number().int().nullable(),
    total: z.number().int().describe('Chains found (up to the cap)'),
    truncated: z.boolean().describe('The trace stopped at its cap: there are more chains than `total`'),
    limit: z.number().int(),
    offset: z.number().int(),
    chains: z
      .array(
        z.object({
          hops: z.array(TraceHopSchema).describe('In trace order: forward, payer to payee onward; backward, from the start back to who paid'),
          cycle: z.boolean().describe('The chain ends at a party already on it'),
        }),
      )
      .describe('Every chain that cannot go further (no more payments, `hops` reached, or a cycle closed), depth first by date'),
  })
  .meta({
    id: 'MoneyTrace',
    example: {
      scope: { investigations: ['OP-TIDE'], from: null, to: null, minAssessment: 'D', maxSourceEvaluation: 3, via: 'accounts', reportingCurrency: 'GBP' },
      payments: 1,
      leftOut: 0,
      warnings: [],
      start: hawaladar,
      direction: 'forward',
      hops: 3,
      ordered: true,
      minAmount: null,
      total: 1,
      truncated: false,
      limit: 100,
      offset: 0,
      chains: [
        { hops: [{ payment: 'PAY-9001', payer: hawaladar, payee: karwan, amount: 250000, currency: 'EUR', converted: '212500', date: '2024-03-10', split: 1 }], cycle: false },
      ],
    },
  });

export type MoneyParty = z.infer<typeof MoneyPartySchema>;
export type MoneyFlows = z.infer<typeof MoneyFlowsSchema>;
export type MoneyTrace = z.infer<typeof MoneyTraceSchema>;
export type PaymentEvidence = z.infer<typeof PaymentEvidenceSchema>;
export type TraceHop = z.infer<typeof TraceHopSchema>;
