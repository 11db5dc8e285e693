import { activityFromRaw, type ActivityScores, emptyActivityRaw } from '../harm/score.js';
import { type MoneySettings, toReporting } from '../money.js';
import { ACTIVITY_PARTS, type ProjectedFacts } from '../projection/types.js';

/**
 * The activity parts of the harm score (operational, financial, threat to life) from the facts a
 * draw kept: the same sums as harm/score.ts `activityScores` makes from the evidence, so with
 * every fact kept they are equal (a test holds this). Money is summed per node and currency in
 * minor units, then put in the reporting currency, as the evidence's totals are.
 */

const [OPERATIONAL, THREAT, RECEIVED, PASSED_ON] = ACTIVITY_PARTS.map((_, i) => i) as [number, number, number, number];

export interface ActivityFacts {
  facts: ProjectedFacts;
  n: number;
  currencies: string[];
  /** Per activity contribution: its currency's index (money parts only). */
  currencyIndex: Int32Array;
}

export function activityFacts(facts: ProjectedFacts, n: number): ActivityFacts {
  const currencies = [...new Set(facts.currency.filter(Boolean))].sort();
  const index = new Map(currencies.map((c, i) => [c, i]));
  return { facts, n, currencies, currencyIndex: Int32Array.from(facts.currency, (c) => index.get(c) ?? -1) };
}

export function activityOfDraw(a: ActivityFacts, keptGroup: Uint8Array, ranked: Uint8Array, money: MoneySettings): ActivityScores {
  const { facts, n, currencies, currencyIndex } = a;
  const C = currencies.length;
  const raw = emptyActivityRaw(n);
  const received = new Float64Array(n * C);
  const passedOn = new Float64Array(n * C);
  for (let f = 0; f < facts.node.length; f++) {
    if (!keptGroup[facts.activityGroup[f]!]) continue;
    const node = facts.node[f]!;
    const part = facts.part[f]!;
    if (part === OPERATIONAL) raw.operational[node]! += facts.amount[f]!;
    else if (part === THREAT) raw.threatToLife[node]! += facts.amount[f]!;
    else if (part === RECEIVED) received[node * C + currencyIndex[f]!]! += facts.amount[f]!;
    else if (part === PASSED_ON) passedOn[node * C + currencyIndex[f]!]! += facts.amount[f]!;
  }
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < C; c++) {
      if (received[i * C + c]) raw.received[i]! += toReporting(received[i * C + c]!, currencies[c]!, money) ?? 0;
      if (passedOn[i * C + c]) raw.passedOn[i]! += toReporting(passedOn[i * C + c]!, currencies[c]!, money) ?? 0;
    }
  }
  return activityFromRaw(raw, ranked);
}
