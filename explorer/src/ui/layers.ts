import type { AnalysisContext } from '../data/api-types.js';
import { addContext, describeTie, LAYERS, tieText } from '../data/layers.js';
import type { Api } from './api.js';
import { byId, el } from './dom.js';
import type { GraphView } from './graph-view.js';
import type { ExplorerHook } from './test-hook.js';

/**
 * The layers around the run's people (vessels, crossings, payments, places): a checkbox each
 * in the View section, the run's context read once when the first is ticked, and a tooltip on
 * every tie under the pointer (kind, count, dates, amount). What is drawn is reported in
 * window.__explorer: entities by type, ties, directed ties, the tie hovered.
 */

export interface Layers {
  /** Switches the checkboxes on (once the layout has stopped: context is placed around laid-out people). */
  enable(): void;
  kill(): void;
}

export function createLayers(deps: {
  api: Api;
  run: string;
  currency: string;
  view: GraphView;
  hook: ExplorerHook;
  guarded: (action: () => Promise<void>) => Promise<void>;
}): Layers {
  const { api, run, currency, view, hook } = deps;
  let context: AnalysisContext | null = null;
  const on = new Set<string>();
  const fieldset = byId('layers');
  const tooltip = byId('tie-tooltip');
  tooltip.hidden = true;

  const boxes = LAYERS.map((layer) => {
    const box = el('input', { type: 'checkbox', id: `layer-${layer.id}`, value: layer.id, disabled: '' });
    box.addEventListener('change', () => void deps.guarded(() => toggle(layer.id, box.checked)));
    return { layer, box };
  });
  fieldset.replaceChildren(
    el('legend', {}, 'Layers (drawn context)'),
    ...boxes.map(({ layer, box }) => el('div', {}, box, ' ', el('label', { for: box.id }, layer.label), el('span', { class: 'hint', id: `layer-${layer.id}-count` }))),
    el('p', { class: 'hint' }, 'Context only: the ranking, communities and what-if are over the people and organisations.'),
  );

  async function toggle(id: string, checked: boolean): Promise<void> {
    if (checked && context === null) {
      context = await api<AnalysisContext>('GET', `/analyses/${run}/context`);
      addContext(view.graph, context);
      for (const { layer } of boxes) {
        const count = layer.types.reduce((s, t) => s + (context!.counts[t] ?? 0), 0);
        byId(`layer-${layer.id}-count`).textContent = ` (${count.toLocaleString('en-GB')})`;
      }
    }
    if (checked) on.add(id);
    else on.delete(id);
    view.update({ layers: new Set(on) });
    // Added entities widen the drawing: sigma frames it again at the next frame, then the report is true to the screen.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    report();
  }

  /** Entities drawn by type, ties drawn, and how many of those have a direction. */
  function report(): void {
    const byType: Record<string, number> = {};
    view.graph.forEachNode((key, { entityType }) => {
      const data = view.renderer.getNodeDisplayData(key);
      if (data && !data.hidden) byType[entityType] = (byType[entityType] ?? 0) + 1;
    });
    let ties = 0;
    let directed = 0;
    view.graph.forEachEdge((key) => {
      const data = view.renderer.getEdgeDisplayData(key);
      if (!data || data.hidden) return;
      ties++;
      if (data.type === 'arrow') directed++;
    });
    hook.layers = { on: [...on].sort(), drawnByType: byType, drawnTies: ties, directedTies: directed, sampleTie: sampleTie() };
  }

  /**
   * The drawn context tie whose middle, on screen, has the most room around it (farthest from
   * any node's disc and any other drawn tie): what a test points at to see the tooltip of that
   * tie and no other. Only ties at least 2 px wide: sigma picks what is under the pointer from a
   * drawing at half size, where a hairline may not show.
   */
  function sampleTie(): { key: string; x: number; y: number; room: number } | null {
    const discs: { x: number; y: number; r: number }[] = [];
    view.graph.forEachNode((key) => {
      const data = view.renderer.getNodeDisplayData(key);
      if (data && !data.hidden) discs.push({ ...view.renderer.framedGraphToViewport(data), r: view.renderer.scaleSize(data.size) });
    });
    const segments: { key: string; a: { x: number; y: number }; b: { x: number; y: number }; context: boolean; size: number }[] = [];
    view.graph.forEachEdge((key, attributes, source, target) => {
      const data = view.renderer.getEdgeDisplayData(key);
      if (data?.hidden !== false) return;
      const a = view.renderer.framedGraphToViewport(view.renderer.getNodeDisplayData(source)!);
      const b = view.renderer.framedGraphToViewport(view.renderer.getNodeDisplayData(target)!);
      segments.push({ key, a, b, context: attributes.relation !== undefined, size: data.size });
    });
    const { width, height } = view.renderer.getDimensions();
    const candidates = segments
      .filter((s) => s.context && s.size >= 2)
      .map((s) => ({ key: s.key, x: (s.a.x + s.b.x) / 2, y: (s.a.y + s.b.y) / 2 }))
      .filter(({ x, y }) => x > 10 && y > 10 && x < width - 10 && y < height - 10);
    // The middle with the most room: farthest from any other tie and any node's disc.
    let found: { key: string; x: number; y: number; room: number } | null = null;
    for (const { key, x, y } of candidates) {
      let room = Infinity;
      for (const d of discs) room = Math.min(room, Math.hypot(d.x - x, d.y - y) - d.r);
      for (const s of segments) if (s.key !== key) room = Math.min(room, distanceToSegment({ x, y }, s.a, s.b));
      if (!found || room > found.room) found = { key, x, y, room };
    }
    return found;
  }

  const enter = ({ edge, event }: { edge: string; event: { x: number; y: number } }) => {
    const summary = describeTie(view.graph.getEdgeAttributes(edge));
    const [source, target] = view.graph.extremities(edge);
    const name = (key: string) => view.graph.getNodeAttribute(key, 'label');
    tooltip.textContent = `${name(source)} ${summary.directed ? '→' : '–'} ${name(target)}: ${tieText(summary, currency)}`;
    Object.assign(tooltip.style, { left: `${event.x + 12}px`, top: `${event.y + 12}px` });
    tooltip.hidden = false;
    hook.hoveredTie = { key: edge, source, target, ...summary };
  };
  const leave = () => {
    tooltip.hidden = true;
    hook.hoveredTie = null;
  };
  view.renderer.on('enterEdge', enter);
  view.renderer.on('leaveEdge', leave);
  report();

  return {
    enable() {
      for (const { box } of boxes) box.disabled = false;
      report();
    },
    kill() {
      view.renderer.off('enterEdge', enter);
      view.renderer.off('leaveEdge', leave);
      leave();
    },
  };
}

/** How far a point is from the segment a–b, in the same units. */
function distanceToSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const squared = dx * dx + dy * dy;
  const t = squared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / squared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
