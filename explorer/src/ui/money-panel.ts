import type { AnalysisRun, MoneyFlows, MoneyTrace } from '../data/api-types.js';
import { splitKey } from '../data/format.js';
import { formatMinor, formatTotals, MONEY_PARTIES, moneyQuery } from '../data/money.js';
import { currencyOf } from '../data/scope.js';
import type { Api } from './api.js';
import { el } from './dom.js';
import type { EvidenceOpener } from './evidence-view.js';
import type { GraphView } from './graph-view.js';
import type { ExplorerHook } from './test-hook.js';

/**
 * The money tab: the selected entity's money in and out over the run's investigations
 * (`GET /v1/money/flows?entity=…`), its counterparties by converted total with the payments
 * behind each (each opens with its provenance), and traces of its money forward or backward
 * (`GET /v1/money/trace`). A person's or organisation's accounts stand for them (via=holders),
 * so their money is theirs whichever account it went through; an account is shown as itself.
 * Totals are exact: formatted from the service's decimal strings, never through a float.
 */

const FLOWS = 100;
const CHAINS_SHOWN = 25;

export interface MoneyDeps {
  api: () => Api | null;
  view: () => GraphView | null;
  run: () => AnalysisRun | null;
  select: (key: string) => void;
  evidence: EvidenceOpener;
  guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>;
  hook: ExplorerHook;
}

/** The query the money tab asks for one entity of a run. */
function moneyQueryFor(run: AnalysisRun, key: string, extra: Record<string, string> = {}): string {
  const entity = splitKey(key);
  const investigations = (run.scope as { investigations?: string[] }).investigations ?? [];
  return moneyQuery(entity, investigations, currencyOf(run), { via: entity.type === 'account' ? 'accounts' : 'holders', ...extra });
}

export function createMoneyPanel(container: HTMLElement, deps: MoneyDeps): { show(key: string | null): void } {
  const party = (p: { key: string; name: string | null; type: string; id: string }) => {
    const label = p.name ?? p.id;
    if (deps.view()?.graph.hasNode(p.key)) {
      const button = el('button', { type: 'button', class: 'evidence' }, label);
      button.addEventListener('click', () => deps.select(p.key));
      return button;
    }
    return deps.evidence.button(container, label, { id: p.id, types: [p.type] });
  };
  const payment = (id: string) => deps.evidence.button(container, id, { id, types: ['payment'] });

  async function load(key: string): Promise<void> {
    const run = deps.run()!;
    container.replaceChildren(el('p', { class: 'hint' }, 'Reading the money…'));
    const flows = await deps.api()!<MoneyFlows>('GET', `/money/flows?${moneyQueryFor(run, key, { limit: String(FLOWS) })}`);
    const currency = flows.scope.reportingCurrency;
    const totals = flows.entity!;
    deps.hook.money = { entity: key, in: totals.in.converted, out: totals.out.converted, currency };
    const incoming = flows.items.filter((f) => f.payee.key === totals.party.key);
    const outgoing = flows.items.filter((f) => f.payer.key === totals.party.key);
    const side = (which: 'in' | 'out') => {
      const t = totals[which];
      return el(
        'p',
        { id: `money-${which}`, 'data-converted': t.converted, 'data-count': String(t.count) },
        el('strong', {}, `${which === 'in' ? 'In' : 'Out'}: `),
        el('span', { class: 'money-converted' }, formatMinor(t.converted, currency)),
        ` in ${t.count} payment${t.count === 1 ? '' : 's'}, ${t.counterparties} ${which === 'in' ? 'payer' : 'payee'}${t.counterparties === 1 ? '' : 's'}`,
        t.first ? ` · ${t.first} to ${t.last}` : '',
        t.totals.length > 0 ? ` · as paid: ${formatTotals(t.totals)}` : '',
        t.unconverted > 0 ? ` · ${t.unconverted} not converted (no exchange rate)` : '',
      );
    };
    const table = (items: MoneyFlows['items'], which: 'in' | 'out') =>
      items.length === 0
        ? el('p', { class: 'hint' }, which === 'in' ? 'No one paid them in this scope.' : 'They paid no one in this scope.')
        : el(
            'table',
            { class: 'money-table', id: `money-${which}-flows` },
            el(
              'thead',
              {},
              el('tr', {}, el('th', { scope: 'col' }, which === 'in' ? 'payer' : 'payee'), el('th', { scope: 'col' }, 'total'), el('th', { scope: 'col' }, 'payments')),
            ),
            el(
              'tbody',
              {},
              ...items.map((f) =>
                el(
                  'tr',
                  { 'data-counterparty': (which === 'in' ? f.payer : f.payee).key, 'data-converted': f.converted },
                  el('td', {}, party(which === 'in' ? f.payer : f.payee)),
                  el('td', {}, formatMinor(f.converted, currency), f.first ? el('div', { class: 'hint' }, `${f.count} · ${f.first} to ${f.last}`) : ''),
                  el('td', {}, el('span', { class: 'evidence-list' }, ...f.payments.map((p) => payment(p.id)), f.paymentsTruncated ? ` … (${f.count})` : '')),
                ),
              ),
            ),
          );
    const traces = el('div', { id: 'money-trace', 'aria-live': 'polite' });
    const traceButton = (direction: 'forward' | 'backward') => {
      const button = el(
        'button',
        { type: 'button', id: `money-trace-${direction}` },
        direction === 'forward' ? 'Trace forward (where it went)' : 'Trace backward (where it came from)',
      );
      button.addEventListener('click', () => void deps.guarded(() => trace(key, direction, traces, currency), traces));
      return button;
    };
    container.replaceChildren(
      el('h2', { id: 'money-name', 'data-key': key }, `Money of ${totals.party.name ?? totals.party.id}`),
      el(
        'p',
        { class: 'hint' },
        `Over ${flows.scope.investigations?.join(', ') ?? 'every investigation you may see'}, in ${currency}${key.startsWith('account:') ? '' : ', their accounts counted as theirs'}.`,
      ),
      side('in'),
      side('out'),
      ...flows.warnings.map((w) => el('p', { class: 'hint' }, w)),
      el('h3', {}, `Top payers (${incoming.length}${flows.total > flows.items.length ? ' shown' : ''})`),
      table(incoming, 'in'),
      el('h3', {}, `Top payees (${outgoing.length}${flows.total > flows.items.length ? ' shown' : ''})`),
      table(outgoing, 'out'),
      el('h3', {}, 'Trace'),
      traceButton('forward'),
      traceButton('backward'),
      traces,
    );
  }

  async function trace(key: string, direction: 'forward' | 'backward', target: HTMLElement, currency: string): Promise<void> {
    const answer = await deps.api()!<MoneyTrace>('GET', `/money/trace?${moneyQueryFor(deps.run()!, key, { direction })}`);
    target.replaceChildren(
      el(
        'p',
        { 'data-total': String(answer.total) },
        `${answer.total} chain${answer.total === 1 ? '' : 's'} ${direction}${answer.truncated ? ' (stopped at the cap: there are more)' : ''}`,
      ),
      el(
        'ol',
        {},
        ...answer.chains
          .slice(0, CHAINS_SHOWN)
          .map((chain) =>
            el(
              'li',
              { class: 'chain' },
              ...chain.hops.flatMap((hop, i) => [
                i > 0 ? ' ⇒ ' : '',
                party(hop.payer),
                ' → ',
                party(hop.payee),
                ` ${formatMinor(String(hop.amount), hop.currency)}${hop.converted !== null && hop.currency !== currency ? ` (${formatMinor(hop.converted, currency)})` : ''} on ${hop.date} `,
                payment(hop.payment),
              ]),
              chain.cycle ? ' (back to a party already on the chain)' : '',
            ),
          ),
      ),
      answer.chains.length > CHAINS_SHOWN ? el('p', { class: 'hint' }, `First ${CHAINS_SHOWN} of ${answer.chains.length} shown.`) : '',
    );
  }

  return {
    show(key) {
      deps.hook.money = null;
      if (key === null || !MONEY_PARTIES.has(splitKey(key).type)) {
        container.replaceChildren(el('p', { class: 'hint' }, 'Select a person, organisation or account to see their money.'));
        return;
      }
      void deps.guarded(() => load(key), container);
    },
  };
}
