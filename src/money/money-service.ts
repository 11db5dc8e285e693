import { limitScope } from '../analysis/scope-check.js';
import { DEFAULT_MONEY, type MoneySettings, reportingFactor } from '../analytics/money.js';
import { NotFoundError, RequestRejectedError } from '../errors.js';
import { ENTITY_LABELS } from '../model/graph-model.js';
import type { MoneyRepository, MoneyScopeParameters } from '../repositories/money-repository.js';
import { type FlowsQuery, type MoneyFlows, type MoneyParty, type MoneyTrace, parseParty, type TraceQuery } from '../schemas/money.js';
import { flowsOf } from './flows.js';
import { partiesOf, partyKey, toPayments } from './payments.js';
import { TRACE_DEFAULTS, traceFrom } from './trace.js';

type ScopeQuery = Pick<FlowsQuery, 'investigations' | 'from' | 'to' | 'minAssessment' | 'maxSourceEvaluation' | 'reportingCurrency' | 'via'>;

/**
 * The money views (routes/money.ts): the scope limited to what the caller may see, as analyses
 * limit it (analysis/scope-check.ts), the payments read once with their copies merged, and the
 * flows or the trace worked out over them (money/flows.ts, money/trace.ts).
 */
export function createMoneyService(repository: MoneyRepository, known: (ids: string[]) => Promise<string[]>) {
  async function prepare(query: ScopeQuery, allowed: string[] | null, entity: string | undefined) {
    const named = query.investigations === undefined ? undefined : [query.investigations].flat();
    const { scope, warnings } = await limitScope({ investigations: named }, allowed, known, false, 'querystring.investigations');
    const money: MoneySettings = { reportingCurrency: query.reportingCurrency ?? DEFAULT_MONEY.reportingCurrency, exchangeRates: DEFAULT_MONEY.exchangeRates };
    if (reportingFactor(money.reportingCurrency, money) === undefined) {
      throw new RequestRejectedError('the reporting currency has no exchange rate', [
        { path: 'querystring.reportingCurrency', message: `no exchange rate for ${money.reportingCurrency}; known: ${Object.keys(money.exchangeRates).join(', ')}` },
      ]);
    }
    const parameters: MoneyScopeParameters = {
      investigations: scope.investigations ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      minAssessment: query.minAssessment,
      maxSourceEvaluation: query.maxSourceEvaluation,
    };
    let start: string | undefined;
    if (entity !== undefined) {
      const { type, id } = parseParty(entity);
      if (type === 'account' && query.via === 'holders') {
        throw new RequestRejectedError('an account is not a party with via=holders', [
          { path: 'querystring.entity', message: 'with via=holders an account stands for its holders: ask for a holder, or use via=accounts' },
        ]);
      }
      if (!(await repository.exists(type, id, parameters.investigations))) throw new NotFoundError(`no ${type} with id ${id} in the scope`);
      start = partyKey(ENTITY_LABELS[type], id);
    }
    const rows = await repository.payments(parameters);
    const refs = new Map<string, { label: string; id: string }>();
    for (const row of rows) for (const ref of [...row.payers, ...row.payees]) if (ref.kept) refs.set(partyKey(ref.label, ref.id), { label: ref.label, id: ref.id });
    if (start !== undefined && !refs.has(start)) {
      const { type, id } = parseParty(entity!);
      refs.set(start, { label: ENTITY_LABELS[type], id });
    }
    const parties = partiesOf(await repository.parties([...refs.values()], parameters));
    const { payments, leftOut } = toPayments(rows, parties, query.via, money);
    const unrated = [...new Set(rows.map((r) => r.currency))].filter((c) => reportingFactor(c, money) === undefined).sort();
    if (unrated.length > 0) warnings.push(`no exchange rate for ${unrated.join(', ')}: those payments are in their currency's totals, not in converted (counted as unconverted)`);
    const party = (key: string): MoneyParty => {
      const found = parties.get(key);
      if (found) return found;
      const [type, ...id] = key.split(':');
      return { key, type: type as MoneyParty['type'], id: id.join(':'), name: null };
    };
    const echo = { ...parameters, via: query.via, reportingCurrency: money.reportingCurrency };
    return { echo, payments, leftOut, warnings, party, start, read: rows.length };
  }

  return {
    async flows(query: FlowsQuery, allowed: string[] | null): Promise<MoneyFlows> {
      const { echo, payments, leftOut, warnings, party, start, read } = await prepare(query, allowed, query.entity);
      const { sort, order, limit, offset, top, evidence } = query;
      const result = flowsOf(payments, { sort, order, limit, offset, top, evidence, entity: start });
      return {
        scope: echo,
        payments: read,
        leftOut,
        warnings,
        sort,
        order,
        total: result.total,
        limit,
        offset,
        items: result.items.map(({ payer, payee, ...rest }) => ({ payer: party(payer), payee: party(payee), ...rest })),
        topPayers: result.topPayers.map(({ party: key, ...rest }) => ({ party: party(key), ...rest })),
        topPayees: result.topPayees.map(({ party: key, ...rest }) => ({ party: party(key), ...rest })),
        entity: result.entity && start !== undefined ? { party: party(start), ...result.entity } : null,
      };
    },

    async trace(query: TraceQuery, allowed: string[] | null): Promise<MoneyTrace> {
      const { echo, payments, leftOut, warnings, party, start, read } = await prepare(query, allowed, query.entity);
      const ordered = query.ordered === 'true';
      const { chains, truncated } = traceFrom(payments, start!, { direction: query.direction, hops: query.hops, ordered, minAmount: query.minAmount, ...TRACE_DEFAULTS });
      if (truncated) warnings.push(`the trace stopped at ${chains.length} chains: narrow it (fewer hops, a window, minAmount)`);
      return {
        scope: echo,
        payments: read,
        leftOut,
        warnings,
        start: party(start!),
        direction: query.direction,
        hops: query.hops,
        ordered,
        minAmount: query.minAmount ?? null,
        total: chains.length,
        truncated,
        limit: query.limit,
        offset: query.offset,
        chains: chains.slice(query.offset, query.offset + query.limit).map(({ hops, cycle }) => ({
          cycle,
          hops: hops.map(({ payment, pair }) => ({
            payment: payment.id,
            payer: party(pair.payer),
            payee: party(pair.payee),
            amount: pair.amount,
            currency: payment.currency,
            converted: pair.converted === null ? null : pair.converted.toString(),
            date: payment.date,
            split: pair.split,
            ...(pair.payerAccount ? { payerAccount: pair.payerAccount } : {}),
            ...(pair.payeeAccount ? { payeeAccount: pair.payeeAccount } : {}),
          })),
        })),
      };
    },
  };
}

export type MoneyService = ReturnType<typeof createMoneyService>;
