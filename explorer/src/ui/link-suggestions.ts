import type Sigma from 'sigma';

import type { ExplorerEdge, ExplorerNode } from '../data/explorer-graph.js';
import {
  type LinkSuggestion,
  type LinkSuggestions,
  pageSummary,
  pairKey,
  personOf,
  sharedContactsText,
  splitDrawn,
  SUGGESTED_COLOUR,
  suggestRequest,
} from '../data/link-suggestions.js';
import type { Api } from './api.js';
import { byId, el } from './dom.js';
import type { GraphView } from './graph-view.js';
import type { ExplorerHook } from './test-hook.js';

/**
 * Suggested missing links, on demand: the Links tab asks the service for a page of suggestions
 * (the run's whole scope, or around the selected person) and, while switched on, draws each
 * suggestion whose two people are on screen as a dashed line between them. Sigma 3 has no dashed
 * edge program, and these are not ties of the run (adding them to the graph would change its
 * counts, exports and layout), so they are drawn on a 2D canvas layer of their own, between the
 * ties and the nodes, after every frame, with the canvas's own line dash; the pointer is matched
 * to the nearest line within a few pixels. The pointer over a dashed line shows its sentence; a
 * click also picks it in the list. Suggestions with an end
 * filtered out are listed but not drawn, and counted.
 */

const LAYER = 'suggested-links';
/** How near (pixels) the pointer must be to a dashed line to pick it. */
const PICK_PX = 5;

export interface LinkSuggestionsPanel {
  kill(): void;
}

export function createLinkSuggestions(deps: {
  api: Api;
  run: string;
  view: GraphView;
  hook: ExplorerHook;
  selected: () => string | null;
  select: (key: string) => void;
  showTab: () => void;
  guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>;
}): LinkSuggestionsPanel {
  const { api, run, view, hook } = deps;
  const renderer = view.renderer as Sigma<ExplorerNode, ExplorerEdge>;
  const panel = byId('panel-links');
  const toggle = el('button', { type: 'button', id: 'links-toggle', 'aria-pressed': 'false' }, 'Suggest missing links');
  const aroundSelect = el(
    'select',
    { id: 'links-around' },
    el('option', { value: 'run' }, 'over the whole run'),
    el('option', { value: 'selected' }, 'around the selected person'),
  );
  const previous = el('button', { type: 'button', id: 'links-previous', disabled: '' }, 'Previous page');
  const next = el('button', { type: 'button', id: 'links-next', disabled: '' }, 'Next page');
  const summary = el('p', { id: 'links-summary', 'aria-live': 'polite' });
  const list = el('ol', { id: 'links-list', class: 'links-list' });
  const message = el('p', { id: 'links-message', class: 'message', role: 'status' });
  panel.replaceChildren(
    el(
      'p',
      {},
      'Pairs of people with no tie in this run’s scope who look as if they should have one (shared contacts, short walks between them). A lead, not a fact: check the shared contacts’ records.',
    ),
    el('label', { for: 'links-around' }, 'Suggest'),
    aroundSelect,
    toggle,
    summary,
    list,
    previous,
    next,
    message,
  );
  const legend = byId('links-legend');
  const tooltip = byId('link-tooltip');

  let on = false;
  let answer: LinkSuggestions | null = null;
  let around: string | null = null;
  /** Offsets of the pages before this one, for Previous. */
  let back: number[] = [];
  let drawn: { s: LinkSuggestion; a: { x: number; y: number }; b: { x: number; y: number } }[] = [];
  let reported = '';
  let picked: string | null = null;

  async function fetchPage(offset: number): Promise<void> {
    if (aroundSelect.value === 'selected') {
      const person = personOf(deps.selected());
      if (person === null) {
        message.textContent = 'Select a person first (in the table or the graph): only people are suggested.';
        return;
      }
      around = person;
    } else around = null;
    message.textContent = 'Asking the service…';
    answer = await api<LinkSuggestions>('POST', '/analyses/links/suggest', suggestRequest({ run, around, offset }));
    message.textContent = '';
    picked = null;
    setOn(true);
  }

  function setOn(value: boolean): void {
    on = value;
    toggle.setAttribute('aria-pressed', String(on));
    toggle.textContent = on ? 'Hide suggested links' : 'Suggest missing links';
    legend.hidden = !on;
    if (!on) {
      answer = null;
      back = [];
      summary.textContent = '';
      list.replaceChildren();
      hideTooltip();
    }
    previous.disabled = !on || back.length === 0;
    next.disabled = !on || answer?.nextOffset === null || answer === null;
    reported = '';
    renderer.refresh({ skipIndexation: true });
  }

  const isDrawn = (key: string) => {
    if (!view.graph.hasNode(key)) return false;
    const data = renderer.getNodeDisplayData(key);
    return data !== undefined && !data.hidden;
  };

  /** After each frame: the dashed lines between drawn ends; the list, summary and hook when what is drawn changed. */
  function draw(): void {
    const canvas = renderer.getCanvases()[LAYER];
    if (!canvas) return;
    const context = canvas.getContext('2d')!;
    const { width, height } = renderer.getDimensions();
    context.clearRect(0, 0, width, height);
    drawn = [];
    if (!on || !answer) return report([], []);
    const split = splitDrawn(answer.suggestions, isDrawn);
    context.setLineDash([6, 4]);
    context.lineCap = 'butt';
    for (const s of split.drawn) {
      const a = renderer.framedGraphToViewport(renderer.getNodeDisplayData(s.a.key)!);
      const b = renderer.framedGraphToViewport(renderer.getNodeDisplayData(s.b.key)!);
      context.strokeStyle = SUGGESTED_COLOUR;
      context.lineWidth = pairKey(s) === picked ? 3.5 : 2;
      context.beginPath();
      context.moveTo(a.x, a.y);
      context.lineTo(b.x, b.y);
      context.stroke();
      drawn.push({ s, a, b });
    }
    context.setLineDash([]);
    report(split.drawn, split.notDrawn);
  }

  /** The list and summary when what is drawn changed; window.__explorer after every frame (the lines move with the camera). */
  function report(shown: LinkSuggestion[], hidden: LinkSuggestion[]): void {
    const state = on && answer ? `${answer.offset}|${shown.map(pairKey).join(',')}|${hidden.map(pairKey).join(',')}|${picked}` : 'off';
    if (!on || !answer) {
      reported = state;
      hook.suggestedLinks = { on: false, around: null, offset: 0, listed: 0, nextOffset: null, drawn: [], notDrawn: 0, picked: null };
      return;
    }
    if (state !== reported) {
      reported = state;
      summary.textContent = pageSummary(answer, hidden.length, around);
      Object.assign(summary.dataset, { listed: String(answer.suggestions.length), drawn: String(shown.length), notDrawn: String(hidden.length) });
      const drawnKeys = new Set(shown.map(pairKey));
      list.replaceChildren(...answer.suggestions.map((s) => item(s, drawnKeys.has(pairKey(s)))));
    }
    hook.suggestedLinks = {
      on: true,
      around,
      offset: answer.offset,
      listed: answer.suggestions.length,
      nextOffset: answer.nextOffset,
      drawn: drawn.map(({ s, a, b }) => ({ a: s.a.key, b: s.b.key, dashed: true as const, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 })),
      notDrawn: hidden.length,
      picked,
    };
  }

  function item(s: LinkSuggestion, isShown: boolean): HTMLLIElement {
    const end = (ref: LinkSuggestion['a']) => {
      const button = el('button', { type: 'button', 'data-key': ref.key }, ref.name ? `${ref.id} ${ref.name}` : ref.id);
      button.addEventListener('click', () => deps.select(ref.key));
      return button;
    };
    const likelihood = s.likelihood === null ? 'no likelihood (too few ties to fit)' : `likelihood ${s.likelihood.toFixed(3)}`;
    return el(
      'li',
      { 'data-pair': pairKey(s), 'data-drawn': String(isShown), ...(pairKey(s) === picked ? { 'aria-current': 'true' } : {}) },
      end(s.a),
      ' – ',
      end(s.b),
      el('span', { class: 'hint' }, ` · ${s.index} ${s.score.toPrecision(3)} · ${likelihood}${isShown ? '' : ' · not drawn (an end is filtered out)'}`),
      el('p', { class: 'link-explanation' }, s.explanation),
      el('p', { class: 'hint link-contacts' }, sharedContactsText(s)),
    );
  }

  /** The drawn suggestion nearest the pointer, within a few pixels. */
  function pick(x: number, y: number): LinkSuggestion | null {
    // The captor hears the pointer over the whole page: only what is over the drawing counts.
    const { width, height } = renderer.getDimensions();
    if (x < 0 || y < 0 || x > width || y > height) return null;
    let best: { s: LinkSuggestion; d: number } | null = null;
    for (const { s, a, b } of drawn) {
      const d = distanceToSegment({ x, y }, a, b);
      if (d <= PICK_PX && (!best || d < best.d)) best = { s, d };
    }
    return best?.s ?? null;
  }

  function showTooltip(s: LinkSuggestion, x: number, y: number): void {
    tooltip.replaceChildren(el('strong', {}, 'Suggested link (no tie in the data)'), el('p', {}, s.explanation), el('p', {}, sharedContactsText(s)));
    // On the drawing's right half the tooltip opens leftwards, so that it is not squeezed against the panel.
    const { width } = renderer.getDimensions();
    Object.assign(tooltip.style, { left: `${x + 12}px`, top: `${y + 12}px`, transform: x > width / 2 ? 'translateX(calc(-100% - 24px))' : '' });
    tooltip.dataset.pair = pairKey(s);
    tooltip.hidden = false;
  }
  function hideTooltip(): void {
    tooltip.hidden = true;
    delete tooltip.dataset.pair;
  }

  const captor = renderer.getMouseCaptor();
  const move = (event: { x: number; y: number }) => {
    const s = on ? pick(event.x, event.y) : null;
    if (s) showTooltip(s, event.x, event.y);
    else if (!tooltip.hidden) hideTooltip();
  };
  // The captor's click, not sigma's clickStage: a line may run over a tie, which would take the click as clickEdge.
  const click = (event: { x: number; y: number }) => {
    const s = on ? pick(event.x, event.y) : null;
    if (!s) return;
    picked = pairKey(s);
    showTooltip(s, event.x, event.y);
    deps.showTab();
    renderer.refresh({ skipIndexation: true });
    list.querySelector(`[data-pair="${CSS.escape(picked)}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  // Sigma passes the options on to createCanvas, which places the layer; the typing of createCanvasContext leaves beforeLayer out.
  renderer.createCanvasContext(LAYER, { beforeLayer: 'nodes' } as { style?: Partial<CSSStyleDeclaration> });
  renderer.resize(true);
  renderer.on('afterRender', draw);
  captor.on('click', click);
  captor.on('mousemovebody', move);
  toggle.addEventListener('click', () => void deps.guarded(() => (on ? Promise.resolve(setOn(false)) : fetchPage(0)), message));
  aroundSelect.addEventListener('change', () => on && void deps.guarded(() => ((back = []), fetchPage(0)), message));
  next.addEventListener('click', () => {
    if (!answer || answer.nextOffset === null) return;
    const from = answer.offset;
    const to = answer.nextOffset;
    void deps.guarded(async () => {
      await fetchPage(to);
      back.push(from);
      previous.disabled = false;
    }, message);
  });
  previous.addEventListener('click', () => {
    const to = back.pop();
    if (to === undefined) return;
    void deps.guarded(async () => {
      await fetchPage(to);
      previous.disabled = back.length === 0;
    }, message);
  });
  setOn(false);

  return {
    kill() {
      renderer.off('afterRender', draw);
      captor.off('click', click);
      captor.off('mousemovebody', move);
      legend.hidden = true;
      hideTooltip();
      hook.suggestedLinks = null;
    },
  };
}

function distanceToSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const squared = dx * dx + dy * dy;
  const t = squared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / squared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
