import type { AnalysisRun, ResolutionCandidate, ResolutionCandidatePage, ResolutionDecisionMade } from '../data/api-types.js';
import { candidateQuery, decisionInvestigation, decisionText, evidenceLine, formatProbability } from '../data/resolution.js';
import type { Api } from './api.js';
import { el } from './dom.js';
import type { GraphView } from './graph-view.js';
import type { ExplorerHook } from './test-hook.js';

/**
 * The duplicates tab: pairs of records the service's record linkage finds likely to be one
 * entity in the open run's scope (`GET /v1/resolution/candidates`), most probable first, each
 * with its evidence and weights; the analyst accepts or rejects a pair with a reason
 * (`POST /v1/resolution/decisions`) or undoes a decision (`DELETE`). A decision moves the
 * investigation's data version, so the open run shows as stale; "Re-run with accepted merges"
 * analyses the same scope with `resolution: "accepted"`, where each accepted pair is one entity.
 */

export interface ResolutionDeps {
  api: () => Api | null;
  view: () => GraphView | null;
  run: () => AnalysisRun | null;
  select: (key: string) => void;
  guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>;
  hook: ExplorerHook;
  /** After a decision or an undo: the data changed (versions, stale notice). */
  decided: () => Promise<void>;
  /** Runs the open run's scope again with resolution "accepted" and opens it. */
  rerunResolved: (say: (text: string) => void) => Promise<void>;
}

export function createResolutionPanel(container: HTMLElement, deps: ResolutionDeps): { show(): void } {
  const side = (c: ResolutionCandidate, i: 0 | 1) => {
    const record = c.records[i]!;
    const key = `${c.type}:${record.id}`;
    const text = `${record.label} (${record.id})`;
    if (!deps.view()?.graph.hasNode(key)) return el('span', {}, text);
    const button = el('button', { type: 'button', class: 'evidence' }, text);
    button.addEventListener('click', () => deps.select(key));
    return button;
  };

  function item(c: ResolutionCandidate, message: HTMLElement): HTMLElement {
    const pair = `${c.records[0]!.id}|${c.records[1]!.id}`;
    const li = el(
      'li',
      { class: 'candidate', 'data-pair': pair, 'data-decision': c.decision?.decision ?? '' },
      el('p', {}, side(c, 0), ' ≡ ', side(c, 1), ` · ${c.type} · `, el('strong', { class: 'probability' }, formatProbability(c.probability))),
      el('ul', { class: 'evidence-lines' }, ...c.evidence.map((e) => el('li', {}, evidenceLine(e)))),
    );
    const standing = decisionText(c);
    if (standing && c.decision) {
      const undo = el('button', { type: 'button', class: 'undo' }, 'Undo');
      undo.addEventListener(
        'click',
        () =>
          void deps.guarded(async () => {
            await deps.api()!('DELETE', `/resolution/decisions/${encodeURIComponent(c.decision!.id)}`);
            await deps.decided();
            await load();
          }, message),
      );
      li.append(el('p', { class: 'decision' }, standing, ' ', undo));
      return li;
    }
    const investigation = decisionInvestigation(c);
    if (investigation === null) {
      li.append(el('p', { class: 'hint' }, 'The two records are in different investigations: a decision belongs to one investigation that holds both.'));
      return li;
    }
    const reason = el('input', {
      type: 'text',
      class: 'reason',
      'aria-label': `Reason for the decision on ${c.records[0]!.id} and ${c.records[1]!.id}`,
      placeholder: 'Reason (required)',
    });
    const decide = (decision: 'accept' | 'reject') => {
      const button = el('button', { type: 'button', class: decision }, decision === 'accept' ? 'Accept as one' : 'Reject');
      button.addEventListener('click', () => {
        if (!reason.value.trim()) {
          message.textContent = 'Give a reason: it is recorded with the decision.';
          reason.focus();
          return;
        }
        void deps.guarded(async () => {
          await deps.api()!<ResolutionDecisionMade>('POST', '/resolution/decisions', {
            investigation,
            type: c.type,
            records: [c.records[0]!.id, c.records[1]!.id],
            decision,
            reason: reason.value.trim(),
          });
          await deps.decided();
          await load();
        }, message);
      });
      return button;
    };
    li.append(el('p', { class: 'decide' }, reason, ' ', decide('accept'), ' ', decide('reject'), el('span', { class: 'hint' }, ` in ${investigation}`)));
    return li;
  }

  async function load(): Promise<void> {
    const run = deps.run();
    if (!run) return;
    container.replaceChildren(el('p', { class: 'hint' }, 'Comparing the records in the run’s scope…'));
    const page = await deps.api()!<ResolutionCandidatePage>('GET', `/resolution/candidates?${candidateQuery(run)}`);
    const message = el('p', { class: 'message', role: 'status', id: 'resolution-message' });
    const rerun = el('button', { type: 'button', id: 'resolution-rerun' }, 'Re-run with accepted merges');
    rerun.addEventListener('click', () => {
      rerun.disabled = true;
      void deps.guarded(() => deps.rerunResolved((text) => (message.textContent = text)), message).finally(() => (rerun.disabled = false));
    });
    const resolution = (run.scope as { resolution?: string }).resolution ?? 'none';
    container.replaceChildren(
      el(
        'p',
        {},
        `Records likely to be one entity (match probability ≥ ${formatProbability(page.threshold)}), by Fellegi–Sunter record linkage over names, identifiers, dates of birth and shared ties.`,
      ),
      el('p', { class: 'hint', id: 'resolution-state' }, resolution === 'none' ? 'This run treats every record as its own entity.' : `This run merged records (${resolution}).`),
      el('p', {}, rerun),
      message,
      ...page.warnings.map((w) => el('p', { class: 'message' }, w)),
      page.items.length === 0
        ? el('p', { class: 'hint', id: 'no-candidates' }, 'No likely duplicates in this scope.')
        : el('ol', { id: 'candidates', class: 'candidates' }, ...page.items.map((c) => item(c, message))),
      el('p', { class: 'hint' }, page.total > page.items.length ? `${page.items.length} of ${page.total} shown.` : ''),
    );
    deps.hook.resolution = {
      total: page.total,
      shown: page.items.map((c) => ({ type: c.type, records: [c.records[0]!.id, c.records[1]!.id], probability: c.probability, decision: c.decision?.decision ?? null })),
    };
  }

  return {
    show() {
      void deps.guarded(load, container);
    },
  };
}
