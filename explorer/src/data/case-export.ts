import type { ExplorerGraph } from './explorer-graph.js';

/**
 * The current view as a picture for a case file: the drawn graph framed by a header (its
 * handling marking, a title, the scope, the run and when it was exported), the legend shown on
 * the page, and the marking again at the foot, as a protective marking is printed top and
 * bottom. SVG written here from the drawn nodes and ties; the PNG paints the same frame (this
 * SVG without the graph) under sigma's own drawing, so both carry the same words.
 */

export type HandlingCode = 'P' | 'C';

export interface LegendEntry {
  label: string;
  colour: string;
}

export interface CaseMeta {
  /** The scope's investigations; empty for a run over all of them. */
  investigations: readonly string[];
  from: string | null;
  to: string | null;
  minAssessment: string;
  runId: string;
  finishedAt: string | null;
  /** ISO date-time of the export. */
  exportedAt: string;
  /** The most restrictive handling code among the facts shown; null when none is graded. */
  handling: HandlingCode | null;
  legend: readonly LegendEntry[];
  /** Nodes and ties in the whole graph, for "N of M" when filters hide some. */
  total: { nodes: number; ties: number };
}

/** How one node is drawn, after the page's filters and colouring; null: not drawn. */
export interface DrawnNode {
  color: string;
  size: number;
  /** The label drawn next to it; null for none. */
  label: string | null;
}

export interface CaseTexts {
  marking: string;
  title: string;
  scope: string;
  run: string;
  exported: string;
}

export interface CaseLayout {
  width: number;
  height: number;
  header: number;
  graph: { y: number; height: number };
  /** Top of the legend band and its height. */
  legend: { y: number; height: number; columns: number };
  footer: { y: number; height: number };
}

const LINE = 18;
const PAD = 10;
const LEGEND_COLUMN = 220;
/** Margin around the drawing inside its band, in pixels, so the largest nodes are not cut. */
const GRAPH_MARGIN = 24;
const FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"';

const MARKINGS: Record<HandlingCode, string> = {
  P: 'HANDLING CODE P: LAWFUL SHARING PERMITTED',
  C: 'HANDLING CODE C: LAWFUL SHARING PERMITTED WITH CONDITIONS',
};

/** C when any fact shown is C, P when all are P; null when no graded fact was counted. */
export function mostRestrictive(counts: Readonly<Record<string, number>> | undefined): HandlingCode | null {
  if ((counts?.C ?? 0) > 0) return 'C';
  if ((counts?.P ?? 0) > 0) return 'P';
  return null;
}

const dateTime = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function caseTexts(meta: CaseMeta, shown: { nodes: number; ties: number }): CaseTexts {
  const what = meta.investigations.length > 0 ? meta.investigations.join(', ') : 'All investigations';
  const of = (n: number, total: number, noun: string) => `${n.toLocaleString('en-GB')}${n < total ? ` of ${total.toLocaleString('en-GB')}` : ''} ${noun}`;
  const window = meta.from || meta.to ? `${meta.from ?? 'the start'} to ${meta.to ?? 'the end'}` : 'all dates';
  return {
    marking: meta.handling ? MARKINGS[meta.handling] : 'HANDLING CODE NOT RECORDED: TREAT AS C UNTIL CHECKED',
    title: `${what}: Network of ${of(shown.nodes, meta.total.nodes, 'entities')} and ${of(shown.ties, meta.total.ties, 'ties')}`,
    scope: `Scope: investigations ${meta.investigations.length > 0 ? meta.investigations.join(', ') : 'all'} · window ${window} · weakest grading kept ${meta.minAssessment}`,
    run: `Run ${meta.runId} · finished ${meta.finishedAt ? dateTime(meta.finishedAt) : 'not recorded'}`,
    exported: `Exported ${dateTime(meta.exportedAt)}`,
  };
}

/** Where the bands go for a drawing `width` × `graphHeight` pixels and `entries` legend rows. */
export function caseLayout(width: number, graphHeight: number, entries: number): CaseLayout {
  const header = PAD + LINE * 5 + PAD;
  const columns = Math.max(1, Math.floor((width - 2 * PAD) / LEGEND_COLUMN));
  const legendHeight = entries === 0 ? 0 : PAD + LINE * (1 + Math.ceil(entries / columns)) + PAD;
  const footer = PAD + LINE + PAD;
  const legendY = header + graphHeight;
  return {
    width,
    height: legendY + legendHeight + footer,
    header,
    graph: { y: header, height: graphHeight },
    legend: { y: legendY, height: legendHeight, columns },
    footer: { y: legendY + legendHeight, height: footer },
  };
}

/** Text for XML: the five special characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const text = (x: number, y: number, content: string, attributes = '') => `<text x="${x}" y="${y}" ${attributes}>${xmlText(content)}</text>`;
const round = (n: number) => Math.round(n * 10) / 10;

function frame(layout: CaseLayout, texts: CaseTexts, legend: readonly LegendEntry[]): string[] {
  const { width } = layout;
  const marking = (y: number, role: string) =>
    `<rect x="0" y="${y}" width="${width}" height="${LINE + 4}" fill="#1b1b1b"/>` +
    text(width / 2, y + LINE - 2, texts.marking, `class="marking" data-role="${role}" text-anchor="middle" fill="#ffffff" font-weight="bold"`);
  const parts = [
    `<rect x="0" y="0" width="${width}" height="${layout.height}" fill="#ffffff"/>`,
    `<g ${FONT} font-size="13" fill="#1b1b1b">`,
    marking(PAD / 2, 'marking-top'),
    text(PAD, PAD + LINE * 2, texts.title, 'data-role="title" font-size="15" font-weight="bold"'),
    text(PAD, PAD + LINE * 3, texts.scope, 'data-role="scope"'),
    text(PAD, PAD + LINE * 4, texts.run, 'data-role="run"'),
    text(PAD, PAD + LINE * 5, texts.exported, 'data-role="exported"'),
    `<rect x="0.5" y="${layout.graph.y + 0.5}" width="${width - 1}" height="${layout.graph.height - 1}" fill="none" stroke="#cccccc"/>`,
  ];
  if (legend.length > 0) {
    const top = layout.legend.y + PAD;
    parts.push(text(PAD, top + LINE - 4, 'Legend', 'data-role="legend-title" font-weight="bold"'));
    legend.forEach((entry, i) => {
      const x = PAD + (i % layout.legend.columns) * LEGEND_COLUMN;
      const y = top + LINE * (1 + Math.floor(i / layout.legend.columns));
      parts.push(
        `<g class="legend-entry">` +
          `<circle cx="${x + 6}" cy="${y + LINE / 2}" r="6" fill="${xmlText(entry.colour)}" stroke="#555555"/>` +
          text(x + 18, y + LINE - 4, entry.label, 'data-role="legend"') +
          `</g>`,
      );
    });
  }
  parts.push(marking(layout.footer.y + PAD / 2, 'marking-bottom'), '</g>');
  return parts;
}

export interface CaseSvgOptions {
  /** The drawing's size in pixels (the graph band; the header, legend and footer are added). */
  width: number;
  height: number;
  /** How a node is drawn; by default as its attributes say, a label only where forced. */
  drawn?: (key: string) => DrawnNode | null;
  /** Whether a tie between two drawn nodes is drawn; by default all are. */
  tieShown?: (key: string) => boolean;
  /** false: the frame only, for the PNG to paint sigma's drawing into. */
  graph?: boolean;
}

/** The SVG document, and the counts it drew (for the page to report what it printed). */
export function toCaseSvg(graph: ExplorerGraph, meta: CaseMeta, options: CaseSvgOptions): { svg: string; texts: CaseTexts; layout: CaseLayout; nodes: number; ties: number } {
  const drawnOf =
    options.drawn ??
    ((key: string) => {
      const a = graph.getNodeAttributes(key);
      return { color: a.color, size: a.size, label: a.forceLabel ? a.label : null };
    });
  const tieShown = options.tieShown ?? (() => true);
  const nodes = new Map<string, DrawnNode & { x: number; y: number }>();
  graph.forEachNode((key, { x, y }) => {
    const drawn = drawnOf(key);
    if (drawn) nodes.set(key, { ...drawn, x, y });
  });
  const ties: [string, string][] = [];
  graph.forEachEdge((key, _, source, target) => {
    if (nodes.has(source) && nodes.has(target) && tieShown(key)) ties.push([source, target]);
  });
  const texts = caseTexts(meta, { nodes: nodes.size, ties: ties.length });
  const layout = caseLayout(options.width, options.height, meta.legend.length);
  const parts = frame(layout, texts, meta.legend);
  if (options.graph !== false) parts.push(drawing(nodes, ties, layout));
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">\n` +
    `<title>${xmlText(texts.title)}</title>\n` +
    parts.join('\n') +
    '\n</svg>\n';
  return { svg, texts, layout, nodes: nodes.size, ties: ties.length };
}

/** The nodes fitted into the graph band (y up, as sigma draws it), ties under nodes, labels on top. */
function drawing(nodes: Map<string, DrawnNode & { x: number; y: number }>, ties: [string, string][], layout: CaseLayout): string {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { x, y } of nodes.values()) {
    [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
  }
  const [w, h] = [layout.width - 2 * GRAPH_MARGIN, layout.graph.height - 2 * GRAPH_MARGIN];
  const scale = Math.min(w / Math.max(maxX - minX, 1e-9), h / Math.max(maxY - minY, 1e-9));
  const [cx, cy] = [(minX + maxX) / 2, (minY + maxY) / 2];
  const place = (x: number, y: number) => [round(layout.width / 2 + (x - cx) * scale), round(layout.graph.y + layout.graph.height / 2 - (y - cy) * scale)] as const;
  const out = ['<g class="ties" stroke="#c9c9c9" stroke-width="1">'];
  for (const [source, target] of ties) {
    const [a, b] = [nodes.get(source)!, nodes.get(target)!];
    const [x1, y1] = place(a.x, a.y);
    const [x2, y2] = place(b.x, b.y);
    out.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`);
  }
  out.push('</g>', '<g class="nodes" stroke="#ffffff" stroke-width="0.5">');
  for (const [key, node] of nodes) {
    const [x, y] = place(node.x, node.y);
    out.push(`<circle data-key="${xmlText(key)}" cx="${x}" cy="${y}" r="${round(node.size)}" fill="${xmlText(node.color)}"/>`);
  }
  out.push('</g>', `<g class="labels" ${FONT} font-size="11" fill="#1b1b1b">`);
  for (const node of nodes.values()) {
    if (node.label === null || node.label === '') continue;
    const [x, y] = place(node.x, node.y);
    out.push(text(round(x + node.size + 2), round(y + 4), node.label, 'data-role="label"'));
  }
  out.push('</g>');
  return out.join('\n');
}
