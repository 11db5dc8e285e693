import type { AnalysisExport, AnalysisRun } from '../data/api-types.js';
import { type CaseMeta, type CaseTexts, type LegendEntry, mostRestrictive, toCaseSvg } from '../data/case-export.js';
import { filtersOf } from '../data/scope.js';
import type { GraphView } from './graph-view.js';

/**
 * The view for a case file, as SVG or PNG, with the words data/case-export.ts prints: what is
 * drawn is read from sigma (after the filters, the selection and a what-if's colours), the
 * legend from the page's own (#legend), the handling marking from the run's export.
 */

export interface CaseExport {
  svg(): Blob;
  png(): Promise<Blob>;
}

/** What the page printed on its last export, for the browser test to check against the API. */
export interface CaseExportReport {
  format: 'svg' | 'png';
  texts: CaseTexts;
  legend: LegendEntry[];
  nodes: number;
  ties: number;
  width: number;
  height: number;
  /** The bands above and below the drawing, in CSS pixels. */
  header: number;
  footer: number;
}

const SWATCH = /background(?:-color)?\s*:\s*([^;]+)/;

/** The legend as the page shows it now: each visible entry of #legend, its swatch's colour and its words. */
export function shownLegend(): LegendEntry[] {
  const entries = Array.from(document.querySelectorAll<HTMLElement>('#legend li')).filter((li) => !li.hidden && li.offsetParent !== null);
  return entries.map((li) => ({
    colour: SWATCH.exec(li.querySelector('.swatch')?.getAttribute('style') ?? '')?.[1]?.trim() ?? '#767676',
    label: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

export function createCaseExport(view: GraphView, run: AnalysisRun, exported: AnalysisExport['run'], report: (done: CaseExportReport) => void): CaseExport {
  const scope = filtersOf(run);
  const handling = mostRestrictive(exported.handling);
  const meta = (): CaseMeta => ({
    investigations: (run.scope as { investigations?: string[] }).investigations ?? [],
    from: scope.from,
    to: scope.to,
    minAssessment: scope.minAssessment,
    runId: run.id,
    finishedAt: run.finishedAt,
    exportedAt: new Date().toISOString(),
    handling,
    legend: shownLegend(),
    total: { nodes: view.graph.order, ties: view.graph.size },
  });
  const drawn = (key: string) => {
    const data = view.renderer.getNodeDisplayData(key);
    if (!data || data.hidden) return null;
    return { color: data.color, size: data.size, label: (data.forceLabel || data.highlighted) && data.label ? data.label : null };
  };
  const tieShown = (key: string) => {
    const data = view.renderer.getEdgeDisplayData(key);
    return data !== undefined && !data.hidden;
  };
  const make = (format: 'svg' | 'png') => {
    const { width, height } = view.renderer.getDimensions();
    const m = meta();
    const result = toCaseSvg(view.graph, m, { width, height, drawn, tieShown, graph: format === 'svg' });
    report({
      format,
      texts: result.texts,
      legend: [...m.legend],
      nodes: result.nodes,
      ties: result.ties,
      width: result.layout.width,
      height: result.layout.height,
      header: result.layout.header,
      footer: result.layout.height - result.layout.graph.y - result.layout.graph.height,
    });
    return result;
  };

  return {
    svg: () => new Blob([make('svg').svg], { type: 'image/svg+xml' }),
    async png() {
      const { svg, layout } = make('png');
      const frame = new Image();
      frame.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      await frame.decode();
      const ratio = window.devicePixelRatio || 1;
      const canvas = document.createElement('canvas');
      canvas.width = layout.width * ratio;
      canvas.height = layout.height * ratio;
      const context = canvas.getContext('2d')!;
      context.drawImage(frame, 0, 0, canvas.width, canvas.height);
      // WebGL layers keep no drawing buffer: they are copied in the same task as the render.
      view.renderer.refresh();
      for (const layer of Object.values(view.renderer.getCanvases())) context.drawImage(layer, 0, layout.graph.y * ratio, layout.width * ratio, layout.graph.height * ratio);
      return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('explorer/case-export: the PNG could not be made'))), 'image/png'));
    },
  };
}
