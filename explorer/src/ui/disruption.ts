import type { AnalysisRun, DisruptionPlan, WhatIf } from '../data/api-types.js';
import { formatInt, splitKey } from '../data/format.js';
import { analysisRequestOf } from '../data/scope.js';
import { whatIfColouring } from '../data/what-if.js';
import type { Api } from './api.js';
import { renderWhatIf } from './disruption-panel.js';
import { byId, el } from './dom.js';
import type { GraphView } from './graph-view.js';

/**
 * Disruption mode: the analyst picks whom to remove (or takes a strategy's plan from the
 * planner), the service's what-if says what the network loses, and the graph is re-coloured
 * with the parts that fall away. The run's own scope and parameters go with every request, so
 * the what-if analyses the same network the run did.
 */

export interface Disruption {
  pickSelected(): void;
  clear(): void;
  plan(): Promise<void>;
  takeStrategy(): void;
  whatIf(): Promise<void>;
  reset(): void;
}

interface Context {
  api: Api;
  run: AnalysisRun;
  view: GraphView;
  selectedKey: () => string | null;
  guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>;
}

export function createDisruption({ api, run, view, selectedKey, guarded }: Context): Disruption {
  let picked = new Set<string>();
  let plan: DisruptionPlan | null = null;
  const result = byId('what-if-result');
  const body = () => analysisRequestOf(run);

  const showPicked = () => {
    byId('picked').replaceChildren(
      ...[...picked].map((key) => {
        const remove = el('button', { type: 'button', 'aria-label': `Remove ${view.graph.getNodeAttribute(key, 'label')} from the list` }, '×');
        remove.addEventListener('click', () => setPicked(new Set([...picked].filter((k) => k !== key))));
        return el('li', {}, `${view.graph.getNodeAttribute(key, 'label')} `, remove);
      }),
    );
    byId<HTMLButtonElement>('what-if').disabled = picked.size === 0;
  };
  const setPicked = (next: Set<string>) => {
    picked = next;
    view.update({ picked });
    showPicked();
  };
  const reset = () => {
    view.update({ whatIf: null });
    byId('what-if-reset').hidden = true;
  };
  const takeStrategy = () => {
    const chosen = plan?.strategies.find((s) => s.label === byId<HTMLSelectElement>('strategy').value);
    if (chosen) setPicked(new Set(chosen.targets.map((t) => t.key).filter((key) => view.graph.hasNode(key))));
  };
  showPicked();
  reset();
  result.replaceChildren();
  byId('strategy').hidden = true;

  return {
    pickSelected() {
      const key = selectedKey();
      if (key !== null) setPicked(new Set([...picked, key]));
    },
    clear() {
      setPicked(new Set());
      reset();
      result.replaceChildren();
    },
    plan: () =>
      guarded(async () => {
        const k = Math.max(1, Math.min(50, Number(byId<HTMLInputElement>('strategy-k').value) || 5));
        result.textContent = 'Planning with every strategy…';
        plan = await api<DisruptionPlan>('POST', '/disruption/plan', { ...body(), k });
        const select = byId<HTMLSelectElement>('strategy');
        select.replaceChildren(
          ...plan.strategies.map((s) =>
            el(
              'option',
              { value: s.label },
              `${s.label}: largest component ${formatInt(plan!.before.largestComponent)} → ${formatInt(s.curve.at(-1)?.largestComponent ?? plan!.before.largestComponent)}`,
            ),
          ),
        );
        if (plan.best) select.value = plan.best.label;
        select.hidden = false;
        result.textContent = plan.best ? `Best: ${plan.best.label}. Its targets are picked; run the what-if to see the network after them.` : 'Nothing to plan in this scope.';
        takeStrategy();
      }, result),
    takeStrategy,
    whatIf: () =>
      guarded(async () => {
        if (picked.size === 0) return;
        result.textContent = 'Working out what would be left…';
        const answer = await api<WhatIf>('POST', '/disruption/what-if', { ...body(), remove: [...picked].map(splitKey), ignoreUnknown: true });
        const colouring = whatIfColouring(view.graph, picked);
        view.update({ whatIf: colouring });
        renderWhatIf(result, answer, colouring);
        byId('what-if-reset').hidden = false;
      }, result),
    reset,
  };
}
