import type { AnalysisRun, DisruptionPlan, WhatIf } from '../data/api-types.js';
import { formatInt, splitKey } from '../data/format.js';
import { analysisRequestOf } from '../data/scope.js';
import { targetOutcomes, whatIfColouring } from '../data/what-if.js';
import type { Api } from './api.js';
import { renderWhatIf } from './disruption-panel.js';
import { byId, el } from './dom.js';
import type { GraphView } from './graph-view.js';
import type { ExplorerHook } from './test-hook.js';
import { forgetStashedLegend, showCommunityLegend, showWhatIfLegend } from './what-if-legend.js';

/**
 * Disruption mode: the analyst picks whom to remove (or takes a strategy's plan from the
 * planner), the service's what-if says what the network loses, and the graph is re-coloured
 * with the parts that fall away. The run's own scope and parameters go with every request, so
 * the what-if analyses the same network the run did (on the data as it is now). Every target
 * goes to the service, drawn or not; the colours, counts and legend are the service's answer.
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
  hook?: ExplorerHook;
}

export function createDisruption({ api, run, view, selectedKey, guarded, hook }: Context): Disruption {
  /** Key → label: a plan's targets may be ones the page does not draw. */
  let picked = new Map<string, string>();
  let plan: DisruptionPlan | null = null;
  const result = byId('what-if-result');
  const body = () => analysisRequestOf(run);

  const showPicked = () => {
    byId('picked').replaceChildren(
      ...[...picked].map(([key, label]) => {
        const remove = el('button', { type: 'button', 'aria-label': `Remove ${label} from the list` }, '×');
        remove.addEventListener('click', () => setPicked(new Map([...picked].filter(([k]) => k !== key))));
        const drawn = view.graph.hasNode(key);
        return el('li', { 'data-key': key, 'data-drawn': String(drawn) }, `${label}${drawn ? '' : ' (not drawn)'} `, remove);
      }),
    );
    byId<HTMLButtonElement>('what-if').disabled = picked.size === 0;
  };
  const setPicked = (next: Map<string, string>) => {
    picked = next;
    view.update({ picked: new Set(picked.keys()) });
    showPicked();
  };
  const reset = () => {
    view.update({ whatIf: null });
    byId('what-if-reset').hidden = true;
    showCommunityLegend();
    if (hook) hook.whatIf = null;
  };
  const takeStrategy = () => {
    const chosen = plan?.strategies.find((s) => s.label === byId<HTMLSelectElement>('strategy').value);
    if (chosen) setPicked(new Map(chosen.targets.map((t) => [t.key, view.graph.hasNode(t.key) ? view.graph.getNodeAttribute(t.key, 'label') : (t.name ?? t.id)])));
  };
  forgetStashedLegend();
  showPicked();
  reset();
  result.replaceChildren();
  byId('strategy').hidden = true;

  return {
    pickSelected() {
      const key = selectedKey();
      if (key !== null) setPicked(new Map([...picked, [key, view.graph.getNodeAttribute(key, 'label')]]));
    },
    clear() {
      setPicked(new Map());
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
        const asked = [...picked].map(([key, label]) => ({ key, label }));
        const answer = await api<WhatIf>('POST', '/disruption/what-if', { ...body(), remove: asked.map((t) => splitKey(t.key)), ignoreUnknown: true });
        const colouring = whatIfColouring(view.graph, answer);
        const targets = targetOutcomes(view.graph, asked, answer);
        view.update({ whatIf: colouring.listed ? colouring : null });
        renderWhatIf(result, answer, colouring, targets);
        if (colouring.listed) showWhatIfLegend(colouring);
        byId('what-if-reset').hidden = false;
        if (hook) {
          hook.whatIf = {
            counts: colouring.counts,
            painted: colouring.painted,
            notDrawn: colouring.notDrawn,
            listed: colouring.listed,
            targets: targets.map((t) => ({ key: t.key, outcome: t.outcome, drawn: t.drawn })),
          };
        }
      }, result),
    reset,
  };
}
