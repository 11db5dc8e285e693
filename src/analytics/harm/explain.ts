import { formatMoney, type MoneySettings } from '../money.js';
import type { MoneyEvidence, NodeEvidence } from '../projection/types.js';
import type { HarmComponent } from '../weights.js';
import { scopeRank, topPercentOf } from './percentile.js';
import type { HarmScores } from './score.js';

/**
 * Plain sentences behind a harm score, one per fact that carries weight, each citing the ids
 * of the evidence (the first few, then how many more) and where it places the node in the
 * scope ("top 2%"). Every component with a contribution above zero has at least one sentence.
 */

export interface ExplainInputs {
  evidence: readonly (NodeEvidence | null)[];
  /** Its ranks are sorted again when left out (a ranking table crossing threads leaves them behind). */
  harm: Omit<HarmScores, 'ranks'> & Partial<Pick<HarmScores, 'ranks'>>;
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
  const ranks = harm.ranks ?? {
    betweenness: scopeRank(inputs.betweenness, ranked),
    pagerank: scopeRank(inputs.pagerank, ranked),
    operational: scopeRank(harm.raw.operational, ranked),
    threatToLife: scopeRank(harm.raw.threatToLife, ranked),
  };
  const top = {
    betweenness: ranks.betweenness.topPercent,
    pagerank: ranks.pagerank.topPercent,
    bridged: topPercentOf(inputs.communitiesBridged, ranked),
    operational: ranks.operational.topPercent,
    received: topPercentOf(harm.raw.received, ranked),
    passedOn: topPercentOf(harm.raw.passedOn, ranked),
    threat: ranks.threatToLife.topPercent,
  };

  return (i) => {
    const sentences: string[] = [];
    const cited: Explanation['evidence'] = {};
    const e = evidence[i];

    const bridged = inputs.communitiesBridged[i]!;
    if (bridged > 0) sentences.push(`bridges ${plural(bridged + 1, 'community', 'communities')} (top ${top.bridged(bridged)}%)`);
    if (inputs.separated[i]! > 0) sentences.push(`cut point: removing them cuts ${plural(inputs.separated[i]!, 'node')} off from the rest of their component`);
    if (inputs.betweenness[i]! > 0) {
      const estimate = inputs.betweennessEstimated ? ', estimated' : '';
      sentences.push(`lies on shortest paths between others (betweenness top ${top.betweenness(inputs.betweenness[i]!)}%${estimate})`);
    }
    if (harm.contributions.structural[i]! > 0 && inputs.pagerank[i]! > 0) {
      sentences.push(`influence through well-connected ties (PageRank top ${top.pagerank(inputs.pagerank[i]!)}%)`);
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
      if (operational.length > 0) {
        sentences.push(`operational activity top ${top.operational(harm.raw.operational[i]!)}%`);
        cited.operational = operational;
      }

      const financial: string[] = [];
      if (harm.raw.received[i]! > 0 || Object.keys(e.received.byCurrency).length > 0) {
        sentences.push(`received ${moneyPhrase(e.received, harm.raw.received[i]!, inputs.money)} (top ${top.received(harm.raw.received[i]!)}%)`);
        financial.push(...e.received.largest.map((p) => p[0]));
      }
      if (harm.raw.passedOn[i]! > 0 || Object.keys(e.passedOn.byCurrency).length > 0) {
        sentences.push(`passed on ${moneyPhrase(e.passedOn, harm.raw.passedOn[i]!, inputs.money)} (top ${top.passedOn(harm.raw.passedOn[i]!)}%)`);
        financial.push(...e.passedOn.largest.map((p) => p[0]));
      }
      if (financial.length > 0) cited.financial = financial;

      if (e.harmfulCrossings.length > 0) {
        const parts = [
          e.deaths > 0 ? plural(e.deaths, 'death') : '',
          e.injuries > 0 ? plural(e.injuries, 'injury', 'injuries') : '',
          e.overloaded > 0 ? `${plural(e.overloaded, 'grossly overloaded crossing')}` : '',
        ].filter(Boolean);
        sentences.push(`threat to life: ${parts.join(', ')}${cite(e.harmfulCrossings)} (top ${top.threat(harm.raw.threatToLife[i]!)}%)`);
        cited.threatToLife = e.harmfulCrossings;
      }
    }
    if (sentences.length === 0) sentences.push('no activity and no brokerage position recorded in this scope');
    return { sentences, evidence: cited };
  };
}
