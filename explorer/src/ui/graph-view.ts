import { createNodeImageProgram } from '@sigma/node-image';
import { inferSettings } from 'graphology-layout-forceatlas2';
import FA2LayoutModule from 'graphology-layout-forceatlas2/worker.js';
import Sigma from 'sigma';

import type { ExplorerEdge, ExplorerGraph, ExplorerNode } from '../data/explorer-graph.js';
import { isShown, NO_FILTERS, type ViewFilters } from '../data/filters.js';
import { LAYOUT_BUDGET_MS, LayoutWatch } from '../data/layout-watch.js';
import { DIMMED_COLOUR } from '../data/palette.js';
import { PART_COLOURS, type WhatIfColouring } from '../data/what-if.js';

/**
 * The drawing: sigma (WebGL) over the run's graph, laid out by ForceAtlas2 in a web worker so
 * the page stays responsive while it runs. The worker lays out a copy of the graph, and the
 * drawing takes its positions a few times a second: moving the drawn graph after every
 * iteration would redraw it each time, and the worker only iterates again once the page has
 * taken its last answer, so the drawing would set the pace (with WebGL on the CPU, a frame of
 * 5,000 nodes and 20,000 ties takes a few hundred milliseconds). For the same reason the ties
 * are hidden while the layout runs: drawing them costs the worker most of its CPU. What is
 * shown is decided by reducers (filters, selection, what-if colours), never by changing the graph.
 */

export interface LayoutReport {
  iterations: number;
  ms: number;
  settled: boolean;
}

export interface GraphViewState {
  filters: ViewFilters;
  /** The node whose neighbourhood is highlighted. */
  focused: string | null;
  /** Nodes picked for a what-if (drawn with a label and a dark ring colour). */
  picked: ReadonlySet<string>;
  whatIf: WhatIfColouring | null;
  /** Nodes and ties on the paths asked for (the rest dimmed), or null. */
  highlight: PathHighlightState | null;
  /** Context layers drawn (data/layers.ts); their entities are hidden otherwise. */
  layers: ReadonlySet<string>;
  /** A time window (data/time-window.ts): the run's ties in it (its others hidden) and its nodes with none (greyed); null: the run. */
  window?: TimeWindowState | null;
}

export interface TimeWindowState {
  /** The run's nodes greyed: no tie in the window. */
  nodes: ReadonlySet<string>;
  /** The run's ties drawn: ties in the window too. */
  edges: ReadonlySet<string>;
}

export interface PathHighlightState {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** Ties on a highlighted path. */
const PATH_COLOUR = '#b3261e';

// The package is CommonJS (`module.exports = FA2LayoutSupervisor`) but its typings declare
// `export default`; under NodeNext the default import is module.exports, i.e. the class itself.
const FA2Layout = FA2LayoutModule as unknown as typeof FA2LayoutModule.default;
type FA2Layout = InstanceType<typeof FA2Layout>;

/** How often the layout is checked for settling. */
const SAMPLE_MS = 250;
/**
 * The drawing takes the worker's positions at most this often, and never sooner than four
 * times its last redraw took: drawing then uses at most a fifth of the page's main thread.
 */
const DRAW_MIN_INTERVAL_MS = 500;
const DRAW_SHARE = 4;
/**
 * Above this many nodes the layout is drawn once, when it stops: without a GPU (WebGL on
 * SwiftShader, as in headless Chromium here) each redraw of 5,000 nodes takes the CPU for long
 * enough to starve the worker (9 iterations in 20 s, against 192 and settled in 15 s unseen).
 */
export const ANIMATE_UP_TO_NODES = 2_000;

export class GraphView {
  readonly renderer: Sigma<ExplorerNode, ExplorerEdge>;
  private readonly layout: FA2Layout;
  /** What the worker moves: the graph's structure and positions, nothing the drawing reads. */
  private readonly layoutGraph: ExplorerGraph;
  private iterations = 0;
  private state: GraphViewState = { filters: NO_FILTERS, focused: null, picked: new Set(), whatIf: null, highlight: null, layers: new Set() };
  private neighbours = new Set<string>();
  private laying = false;
  /** Ends a running layout early (the view is being closed). */
  private endLayout: (() => void) | null = null;

  constructor(
    container: HTMLElement,
    readonly graph: ExplorerGraph,
    onClickNode: (key: string) => void,
  ) {
    this.renderer = new Sigma(graph, container, {
      labelRenderedSizeThreshold: 9,
      labelDensity: 0.5,
      zIndex: true,
      // Labels are placed by ui/labels.ts, so that none overlaps another; ties answer the pointer (ui/layers.ts).
      renderLabels: false,
      enableEdgeEvents: true,
      nodeProgramClasses: { pictogram: createNodeImageProgram({ drawingMode: 'color', keepWithinCircle: false, padding: 0, size: { mode: 'force', value: 64 } }) },
      nodeReducer: (key, attributes) => {
        const { filters, focused, picked, whatIf } = this.state;
        if (!isShown(attributes, filters)) return { ...attributes, hidden: true };
        if (!this.layerShown(attributes)) return { ...attributes, hidden: true };
        const out = { ...attributes };
        if (whatIf) out.color = PART_COLOURS[whatIf.parts.get(key) ?? 'apartBefore'];
        if (focused !== null && key !== focused && !this.neighbours.has(key)) {
          out.color = DIMMED_COLOUR;
          out.forceLabel = false;
          out.label = '';
        }
        if (key === focused || picked.has(key)) Object.assign(out, { highlighted: true, forceLabel: true, zIndex: 1 });
        // Context is not part of a what-if: it keeps its own colour.
        if (attributes.layer !== undefined && whatIf) out.color = attributes.color;
        // A time window greys the run's nodes with no tie in it; context keeps its colour.
        if (this.state.window?.nodes.has(key) && attributes.layer === undefined) out.color = DIMMED_COLOUR;
        const { highlight } = this.state;
        if (highlight && highlight.nodes.has(key)) Object.assign(out, { color: attributes.color, label: attributes.label, highlighted: true, forceLabel: true, zIndex: 2 });
        else if (highlight) Object.assign(out, { color: DIMMED_COLOUR, label: '', forceLabel: false, highlighted: false });
        return out;
      },
      edgeReducer: (key, attributes) => {
        if (this.laying) return { ...attributes, hidden: true };
        const [source, target] = this.graph.extremities(key);
        const { filters, focused } = this.state;
        if (!isShown(this.graph.getNodeAttributes(source), filters) || !isShown(this.graph.getNodeAttributes(target), filters)) return { ...attributes, hidden: true };
        if (!this.layerShown(this.graph.getNodeAttributes(source)) || !this.layerShown(this.graph.getNodeAttributes(target))) return { ...attributes, hidden: true };
        // A time window hides the run's ties that are not ties in it (context relations are left alone).
        if (this.state.window && attributes.relation === undefined && !this.state.window.edges.has(key)) return { ...attributes, hidden: true };
        if (this.state.highlight?.edges.has(key)) return { ...attributes, color: PATH_COLOUR, size: attributes.size + 2, zIndex: 1 };
        if (this.state.highlight) return { ...attributes, hidden: true };
        if (focused !== null && source !== focused && target !== focused) return { ...attributes, hidden: true };
        return attributes;
      },
    });
    this.renderer.on('clickNode', ({ node }) => onClickNode(node));
    this.renderer.on('clickStage', () => this.update({ focused: null }));
    this.layoutGraph = graph.copy();
    this.layout = new FA2Layout(this.layoutGraph, { settings: { ...inferSettings(graph), adjustSizes: false }, getEdgeWeight: 'weight' });
  }

  /** Whether a node's layer is drawn (people and organisations always are). */
  private layerShown(attributes: ExplorerNode): boolean {
    return attributes.layer === undefined || this.state.layers.has(attributes.layer);
  }

  /** Runs ForceAtlas2 until the positions settle or the budget runs out. */
  runLayout(budgetMs = LAYOUT_BUDGET_MS): Promise<LayoutReport> {
    const started = performance.now();
    const watch = new LayoutWatch();
    // The supervisor's worker answers once per iteration; its type does not show the worker.
    const worker = (this.layout as unknown as { worker: Worker }).worker;
    const count = () => this.iterations++;
    worker.addEventListener('message', count);
    this.laying = true;
    this.layout.start();
    let drawnAt = performance.now();
    let drawMs = 0;
    return new Promise((resolve) => {
      const report = () => ({ iterations: this.iterations, ms: performance.now() - started, settled: watch.settled });
      const stop = () => {
        clearInterval(timer);
        this.endLayout = null;
        this.layout.stop();
        this.laying = false;
        worker.removeEventListener('message', count);
      };
      const timer = setInterval(() => {
        const now = performance.now();
        if (this.graph.order <= ANIMATE_UP_TO_NODES && now - drawnAt >= Math.max(DRAW_MIN_INTERVAL_MS, DRAW_SHARE * drawMs)) {
          drawnAt = now;
          this.renderer.once('afterRender', () => (drawMs = performance.now() - now));
          this.takePositions();
        }
        watch.sample(this.positions(), this.iterations);
        if (!watch.settled && performance.now() - started < budgetMs) return;
        stop();
        // Laid out means drawn laid out: the report waits for the frame with the final positions.
        if (this.graph.order === 0) return resolve(report());
        this.renderer.once('afterRender', () => resolve(report()));
        this.takePositions();
      }, SAMPLE_MS);
      this.endLayout = () => {
        stop();
        resolve(report());
      };
    });
  }

  /** The worker's positions onto the drawn graph: one update, so one redraw. */
  private takePositions(): void {
    const moved = this.layoutGraph;
    this.graph.updateEachNodeAttributes((key, attributes) => {
      // Context added to the drawing keeps the place it was given (data/layers.ts).
      if (!moved.hasNode(key)) return attributes;
      const { x, y } = moved.getNodeAttributes(key);
      return { ...attributes, x, y };
    });
  }

  /** The worker's latest positions, flat. */
  private positions(): Float64Array {
    const out = new Float64Array(this.layoutGraph.order * 2);
    let i = 0;
    this.layoutGraph.forEachNode((_, { x, y }) => {
      out[i++] = x;
      out[i++] = y;
    });
    return out;
  }

  update(state: Partial<GraphViewState>): void {
    this.state = { ...this.state, ...state };
    const { focused } = this.state;
    this.neighbours = new Set(focused !== null && this.graph.hasNode(focused) ? this.graph.neighbors(focused) : []);
    this.renderer.refresh({ skipIndexation: true });
  }

  /** Moves the camera onto a node. */
  focus(key: string): void {
    const position = this.renderer.getNodeDisplayData(key);
    if (!position) return;
    void this.renderer.getCamera().animate({ x: position.x, y: position.y, ratio: 0.35 }, { duration: 400 });
  }

  /** The nodes the renderer has on screen (not hidden by the filters). */
  drawnNodes(): number {
    let drawn = 0;
    this.graph.forEachNode((key) => {
      const data = this.renderer.getNodeDisplayData(key);
      if (data && !data.hidden) drawn++;
    });
    return drawn;
  }

  /** The highlighted path nodes that are drawn (shown by the filters), sorted. */
  highlightedNodes(): string[] {
    const nodes = [...(this.state.highlight?.nodes ?? [])].filter((key) => {
      const data = this.graph.hasNode(key) ? this.renderer.getNodeDisplayData(key) : undefined;
      return data !== undefined && !data.hidden && data.highlighted === true;
    });
    return nodes.sort();
  }

  /** What a time window left on screen: the run's ties drawn (their ends, sorted) and the run's nodes drawn greyed (sorted). */
  windowShown(): { ties: [string, string][]; greyed: string[] } {
    const ties: [string, string][] = [];
    this.graph.forEachEdge((key, attributes, source, target) => {
      if (attributes.relation !== undefined || this.renderer.getEdgeDisplayData(key)?.hidden !== false) return;
      ties.push(source < target ? [source, target] : [target, source]);
    });
    const greyed: string[] = [];
    this.graph.forEachNode((key, attributes) => {
      const data = this.renderer.getNodeDisplayData(key);
      if (attributes.layer === undefined && data && !data.hidden && data.color === DIMMED_COLOUR) greyed.push(key);
    });
    return { ties: ties.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)), greyed: greyed.sort() };
  }

  kill(): void {
    this.endLayout?.();
    this.layout.kill();
    this.renderer.kill();
  }
}
