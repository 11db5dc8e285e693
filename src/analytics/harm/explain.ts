import { formatMoney, type MoneySettings } from '../money.js';
import type { MoneyEvidence, NodeEvidence } from '../projection/types.js';
import type { HarmComponent, StructuralMeasure } from '../weights.js';
import { type ScopeRank, scopeRank } from './percentile.js';
import { type HarmScores, highestOf, type RankedMeasure, shareOf } from './score.js';

/**
 * Plain sentences behind a harm score, one per fact that carries weight, each citing the ids
 * of the evidence (the first few, then how many more). Every percentile quoted is the one the
 * score used: "financial percentile 85 of the 40 with any" is the financial component itself
 * (0.85), ranked among the same 40 (percentile.ts). Betweenness, PageRank and brokerage quote
 * their percentile and the share of the scope's highest that the structural component combines
 * ("betweenness percentile 97 of the 120 with any; 64% of the highest"). Every component above
 * zero has its sentence.
 */

export interface ExplainInputs {
  evidence: readonly (NodeEvidence | null)[];
  /** Its ranks are sorted again when left out (a ranking table crossing threads leaves them behind), its highest values found again. */
  harm: Omit<HarmScores, 'ranks' | 'highest'> & Partial<Pick<HarmScores, 'ranks' | 'highest'>>;
  ranked: Uint8Array;
  betweenness: ArrayLike<number>;
  betweennessEstimated: boolean;
  pagerank: ArrayLike<number>;
  communitiesBridged: ArrayLike<number>;
  separated: ArrayLike<number>;
  money: MoneySettings;
}

export interface Explanation {
  sentences: string[];
  /** Evidence ids per component, as cited. */
  evidence: Partial<Record<HarmComponent, string[]>>;
}

const CITED = 3;

function cite(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  const shown = ids.slice(0, CITED).join(', ');
  return ids.length > CITED ? ` (${shown} and ${ids.length - CITED} more)` : ` (${shown})`;
}

const LABEL: Record<RankedMeasure, string> = {
  structural: 'structural',
  betweenness: 'betweenness',
  pagerank: 'PageRank',
  brokerage: 'brokerage',
  operational: 'operational',
  financial: 'financial',
  threatToLife: 'threat-to-life',
};

/** "financial percentile 85 of the 40 with any": a percentile above 0 is at least 1. */
export function percentilePhrase(measure: RankedMeasure, percentile: number, rank: ScopeRank): string {
  const shown = percentile > 0 ? Math.max(1, Math.round(100 * percentile)) : 0;
  return `${LABEL[measure]} percentile ${shown} of the ${rank.among} with any`;
}

/** "64% of the highest": a share above 0 is at least 1%. */
export function sharePhrase(share: number): string {
  const shown = share > 0 ? Math.max(1, Math.round(100 * share)) : 0;
  return `${shown}% of the highest`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function moneyPhrase(money: MoneyEvidence, total: number, settings: MoneySettings): string {
  const payments = Object.values(money.byCurrency).reduce((sum, c) => sum + c.payments, 0);
  const currencies = Object.keys(money.byCurrency);
  const unconverted = currencies.filter((c) => settings.exchangeRates[c] === undefined);
  const note = unconverted.length > 0 ? `; ${unconverted.join(', ')} not converted: no exchange rate` : '';
  return `${formatMoney(total, settings.reportingCurrency)} in ${plural(payments, 'payment')}${cite(money.largest.map((p) => p[0]))}${note}`;
}

/** Builds the explainer once per analysis (it sorts each measure once), then one call per node. */
export function createExplainer(inputs: ExplainInputs): (i: number) => Explanation {
  const { evidence, harm, ranked } = inputs;
  const ranks: Record<RankedMeasure, ScopeRank> = harm.ranks ?? {
    betweenness: scopeRank(inputs.betweenness, ranked),
    pagerank: scopeRank(inputs.pagerank, ranked),
    brokerage: scopeRank(harm.raw.brokerage, ranked),
    structural: scopeRank(harm.raw.structural, ranked),
    operational: scopeRank(harm.raw.operational, ranked),
    financial: scopeRank(harm.raw.financial, ranked),
    threatToLife: scopeRank(harm.raw.threatToLife, ranked),
  };
  const highest: Record<StructuralMeasure, number> = harm.highest ?? {
    betweenness: highestOf(inputs.betweenness, ranked),
    pagerank: highestOf(inputs.pagerank, ranked),
    brokerage: highestOf(harm.raw.brokerage, ranked),
  };
  /** A sub-measure's percentile and its share of the highest (what the structural component adds up), from its value. */
  const of = (measure: StructuralMeasure, value: number) =>
    `${percentilePhrase(measure, ranks[measure].percentile(value), ranks[measure])}; ${sharePhrase(shareOf(value, highest[measure]))}`;
  /** A component's percentile: the component itself. */
  const component = (c: HarmComponent, i: number) => percentilePhrase(c, harm.components[c][i]!, ranks[c]);
  const reporting = inputs.money.reportingCurrency;

  return (i) => {
    const sentences: string[] = [];
    const cited: Explanation['evidence'] = {};
    const e = evidence[i];

    if (harm.components.structural[i]! > 0) {
      const bridged = inputs.communitiesBridged[i]!;
      const brokerage = `(${of('brokerage', harm.raw.brokerage[i]!)})`;
      if (bridged > 0) sentences.push(`ties into ${plural(bridged, 'other community', 'other communities')} ${brokerage}`);
      if (inputs.separated[i]! > 0) {
        sentences.push(`cut point: removing them cuts ${plural(inputs.separated[i]!, 'node')} off from the rest of their component${bridged > 0 ? '' : ` ${brokerage}`}`);
      }
      if (inputs.betweenness[i]! > 0) {
        const estimate = inputs.betweennessEstimated ? ', estimated' : '';
        sentences.push(`lies on shortest paths between others (${of('betweenness', inputs.betweenness[i]!)}${estimate})`);
      }
      if (inputs.pagerank[i]! > 0) sentences.push(`influence through well-connected ties (${of('pagerank', inputs.pagerank[i]!)})`);
      sentences.push(`network position overall: ${component('structural', i)}`);
    }

    if (e) {
      const operational: string[] = [];
      const roles: [string[], string][] = [
        [e.organised, 'organised'],
        [e.piloted, 'piloted'],
        [e.recruited, 'recruited for'],
      ];
      for (const [ids, verb] of roles) {
        if (ids.length === 0) continue;
        sentences.push(`${verb} ${plural(ids.length, 'crossing')}${cite(ids)}`);
        operational.push(...ids);
      }
      const procured = [...e.vessels, ...e.engines];
      if (procured.length > 0) {
        const parts = [e.vessels.length > 0 ? plural(e.vessels.length, 'vessel') : '', e.engines.length > 0 ? plural(e.engines.length, 'engine') : ''];
        sentences.push(`procured ${parts.filter(Boolean).join(' and ')}${cite(procured)}`);
        operational.push(...procured);
      }
      if (e.migrantsMoved > 0) sentences.push(`moved about ${e.migrantsMoved} migrants on the crossings they organised`);
      if (harm.components.operational[i]! > 0) sentences.push(`operational activity overall: ${component('operational', i)}`);
      if (operational.length > 0) cited.operational = operational;

      const financial: string[] = [];
      const received = harm.raw.received[i]!;
      if (received > 0 || Object.keys(e.received.byCurrency).length > 0) {
        sentences.push(`received ${moneyPhrase(e.received, received, inputs.money)}`);
        financial.push(...e.received.largest.map((p) => p[0]));
      }
      if (harm.raw.passedOn[i]! > 0 || Object.keys(e.passedOn.byCurrency).length > 0) {
        sentences.push(`passed on ${moneyPhrase(e.passedOn, harm.raw.passedOn[i]!, inputs.money)}`);
        financial.push(...e.passedOn.largest.map((p) => p[0]));
      }
      if (harm.components.financial[i]! > 0) {
        const retained = harm.raw.retained[i]!;
        const all = formatMoney(received, reporting);
        const kept =
          retained === 0
            ? `kept none of the ${all} received: passed it all on`
            : retained === received
              ? `kept all ${all} received`
              : `kept ${formatMoney(retained, reporting)} of the ${all} received`;
        sentences.push(`${kept} (${component('financial', i)})`);
      }
      if (financial.length > 0) cited.financial = financial;

      if (e.harmfulCrossings.length > 0) {
        const parts = [
          e.deaths > 0 ? plural(e.deaths, 'death') : '',
          e.injuries > 0 ? plural(e.injuries, 'injury', 'injuries') : '',
          e.overloaded > 0 ? `${plural(e.overloaded, 'grossly overloaded crossing')}` : '',
        ].filter(Boolean);
        sentences.push(`threat to life: ${parts.join(', ')}${cite(e.harmfulCrossings)} (${component('threatToLife', i)})`);
        cited.threatToLife = e.harmfulCrossings;
      }
    }
    if (sentences.length === 0) sentences.push('no activity and no brokerage position recorded in this scope');
    return { sentences, evidence: cited };
  };
}
