import type { CaseExportReport } from './case-export.js';
import type { GraphShown, TimeWindowReport } from './time-window.js';

/**
 * `window.__explorer`: what the page has drawn and how long it took, read by the end-to-end test
 * (test/explorer/explorer.e2e.test.ts) and the bench (bench/explorer/main.ts). Plain figures only:
 * nothing in it can change the page.
 */

export interface ExplorerHook {
  phase: 'signed-out' | 'signed-in' | 'loading' | 'drawn' | 'laid-out' | 'error';
  run: string | null;
  nodes: number;
  ties: number;
  /** Nodes sigma has on screen (the filters hide the rest). */
  drawn: number;
  /** From asking for the run's graph to sigma's first frame of it. */
  firstRenderMs: number | null;
  /** From sigma's first frame to the layout stopped (settled or out of budget). */
  layout: { ms: number; iterations: number; settled: boolean } | null;
  /** What the last PNG or SVG export printed (title, scope, run, marking, legend) and its size. */
  caseExport?: CaseExportReport | null;
  /** The time window shown and how the network and the top of the ranking changed; null: the run's whole span. */
  timeWindow?: TimeWindowReport | null;
  /** What the graph shows with no time window (set when the slider is back over the run's whole span). */
  timeWindowOff?: GraphShown | null;
  /** The side panel's width in CSS pixels (the analyst can drag or key it wider). */
  panelWidth?: number;
  /** The paths last asked for: their node sequences (`type:id`), and the drawn nodes highlighted on them. */
  paths?: { sequences: string[][]; highlighted: string[]; undrawn: string[] } | null;
  /** The money tab's entity and its exact totals (decimal strings of minor units) as shown. */
  money?: { entity: string; in: string; out: string; currency: string } | null;
  /** The what-if shown (null: none): the answer's counts per part, the drawn nodes painted in each, every target's outcome. */
  whatIf?: {
    counts: Record<'removed' | 'largest' | 'cutOff' | 'apartBefore', number>;
    painted: Record<'removed' | 'largest' | 'cutOff' | 'apartBefore' | 'absent', number>;
    notDrawn: Record<'removed' | 'largest' | 'cutOff' | 'apartBefore', number>;
    listed: boolean;
    targets: { key: string; outcome: string; drawn: boolean }[];
  } | null;
  /** Context layers (ui/layers.ts): which are on, entities drawn by type, ties drawn and directed, a tie to point at. */
  layers?: { on: string[]; drawnByType: Record<string, number>; drawnTies: number; directedTies: number; sampleTie: { key: string; x: number; y: number; room: number } | null };
  /** The tie under the pointer, as its tooltip says it. */
  hoveredTie?: {
    key: string;
    source: string;
    target: string;
    kind: string;
    count: number;
    firstSeen: string | null;
    lastSeen: string | null;
    amount: number | null;
    directed: boolean;
  } | null;
  /** The duplicates tab's candidates as shown: how many the service found, and each listed pair with its decision. */
  resolution?: { total: number; shown: { type: string; records: [string, string]; probability: number; decision: 'accept' | 'reject' | null }[] } | null;
  /** Node labels drawn in the last frame, viewport pixels (ui/labels.ts). */
  labels?: { key: string; text: string; x: number; y: number; width: number; height: number }[];
  /** The ranking table's rank-confidence column (ui/rank-confidence.ts): absent from runs made without; per row its figures and text. */
  confidence?: {
    present: boolean;
    rows: { key: string; text: string; low: number | null; high: number | null; inTopK: number | null; stableCore: boolean }[];
  } | null;
  /** Suggested missing links (ui/link-suggestions.ts): the page shown, the pairs drawn dashed (`type:id` keys, the line's middle in viewport pixels), and how many listed but not drawn. */
  suggestedLinks?: {
    on: boolean;
    around: string | null;
    offset: number;
    listed: number;
    nextOffset: number | null;
    drawn: { a: string; b: string; dashed: true; x: number; y: number }[];
    notDrawn: number;
    /** The pair last clicked on the drawing (its sentence shown, marked in the list). */
    picked?: string | null;
  } | null;
}

declare global {
  interface Window {
    __explorer: ExplorerHook;
  }
}

export function initHook(): ExplorerHook {
  window.__explorer = { phase: 'signed-out', run: null, nodes: 0, ties: 0, drawn: 0, firstRenderMs: null, layout: null };
  return window.__explorer;
}
