import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';

import { caseLayout, type CaseMeta, mostRestrictive, toCaseSvg, xmlText } from '../../explorer/src/data/case-export.js';
import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { SMALL_EXPORT } from './fixtures.js';

/**
 * The case-file export read back by an XML parser nobody here wrote (xmldom, graphology-gexf's
 * own): the words printed, one circle per drawn node, one line per drawn tie, the legend as given.
 */

const META: CaseMeta = {
  investigations: ['OP-TIDE', 'OP-<&>'],
  from: '2024-01-01',
  to: null,
  minAssessment: 'C',
  runId: '3f6c1d2e-8a4b-4c7e-9f10-2b5d6e7a8c90',
  finishedAt: '2026-11-28T02:14:09.512Z',
  exportedAt: '2026-12-06T20:45:00.000Z',
  handling: 'C',
  legend: [
    { label: 'c1 · 4', colour: '#E69F00' },
    { label: 'c2 · 3', colour: '#56B4E9' },
  ],
  total: { nodes: 7, ties: 6 },
};

const parse = (svg: string) => {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { error: (message: string) => void errors.push(message), fatalError: (message: string) => void errors.push(message) },
  }).parseFromString(svg, 'image/svg+xml');
  expect(errors).toEqual([]);
  return doc;
};
const byRole = (doc: Document, role: string) =>
  Array.from(doc.getElementsByTagName('text') as unknown as ArrayLike<Element>)
    .filter((t) => t.getAttribute('data-role') === role)
    .map((t) => t.textContent);
const count = (doc: Document, tag: string) => doc.getElementsByTagName(tag).length;

describe('explorer/case-export', () => {
  const graph = toExplorerGraph(SMALL_EXPORT);
  graph.forEachNode((key, a) => graph.mergeNodeAttributes(key, { x: a.x + 1, y: a.y }));

  it('takes C as the marking when any fact is C, P when all are P, none when nothing is graded', () => {
    expect(mostRestrictive({ P: 40, C: 1 })).toBe('C');
    expect(mostRestrictive({ P: 40 })).toBe('P');
    expect(mostRestrictive({ P: 0, C: 0 })).toBeNull();
    expect(mostRestrictive(undefined)).toBeNull();
  });

  it('prints the marking top and bottom, the title, scope, run and export time, as an SVG document', () => {
    const { svg } = toCaseSvg(graph, META, { width: 800, height: 500 });
    const doc = parse(svg);
    expect(doc.documentElement.tagName).toBe('svg');
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const marking = 'HANDLING CODE C: LAWFUL SHARING PERMITTED WITH CONDITIONS';
    expect([...byRole(doc, 'marking-top'), ...byRole(doc, 'marking-bottom')]).toEqual([marking, marking]);
    expect(byRole(doc, 'title')).toEqual(['OP-TIDE, OP-<&>: Network of 7 entities and 6 ties']);
    expect(byRole(doc, 'scope')).toEqual(['Scope: investigations OP-TIDE, OP-<&> · window 2024-01-01 to the end · weakest grading kept C']);
    expect(byRole(doc, 'run')).toEqual([`Run ${META.runId} · finished 2026-11-28 02:14 UTC`]);
    expect(byRole(doc, 'exported')).toEqual(['Exported 2026-12-06 20:45 UTC']);
    expect(doc.getElementsByTagName('title')[0]!.textContent).toBe(byRole(doc, 'title')[0]);
  });

  it('draws one circle per drawn node, one line per drawn tie, and labels only where forced', () => {
    const doc = parse(toCaseSvg(graph, META, { width: 800, height: 500 }).svg);
    const nodes = Array.from(doc.getElementsByTagName('circle') as unknown as ArrayLike<Element>).filter((c) => c.hasAttribute('data-key'));
    expect(nodes.map((c) => c.getAttribute('data-key')).sort()).toEqual(graph.nodes().sort());
    expect(count(doc, 'line')).toBe(graph.size);
    const forced = graph.filterNodes((_, a) => a.forceLabel).map((k) => graph.getNodeAttribute(k, 'label'));
    expect(byRole(doc, 'label').sort()).toEqual(forced.sort());
    const p3 = nodes.find((c) => c.getAttribute('data-key') === 'person:P3')!;
    expect(p3.getAttribute('fill')).toBe(graph.getNodeAttribute('person:P3', 'color'));
    expect(Number(p3.getAttribute('r'))).toBeCloseTo(graph.getNodeAttribute('person:P3', 'size'), 1);
  });

  it('fits the drawing inside the graph band, with higher y drawn higher up, as sigma does', () => {
    const { svg, layout } = toCaseSvg(graph, META, { width: 800, height: 500 });
    const doc = parse(svg);
    const circles = Array.from(doc.getElementsByTagName('circle') as unknown as ArrayLike<Element>).filter((c) => c.hasAttribute('data-key'));
    const at = (key: string) => circles.find((c) => c.getAttribute('data-key') === key)!;
    for (const c of circles) {
      expect(Number(c.getAttribute('cx'))).toBeGreaterThanOrEqual(0);
      expect(Number(c.getAttribute('cx'))).toBeLessThanOrEqual(800);
      expect(Number(c.getAttribute('cy'))).toBeGreaterThanOrEqual(layout.graph.y);
      expect(Number(c.getAttribute('cy'))).toBeLessThanOrEqual(layout.graph.y + layout.graph.height);
    }
    const [a, b] = graph.nodes().sort((p, q) => graph.getNodeAttribute(p, 'y') - graph.getNodeAttribute(q, 'y'));
    expect(Number(at(a!).getAttribute('cy'))).toBeGreaterThan(Number(at(b!).getAttribute('cy')));
  });

  it('leaves out what the page does not draw, and counts what it printed', () => {
    const shown = new Set(['person:P1', 'person:P2', 'person:P3']);
    const result = toCaseSvg(graph, META, {
      width: 800,
      height: 500,
      drawn: (key) => (shown.has(key) ? { color: '#000000', size: 4, label: key === 'person:P2' ? 'Shown label' : null } : null),
    });
    const doc = parse(result.svg);
    expect([result.nodes, result.ties]).toEqual([3, 2]);
    expect(count(doc, 'line')).toBe(2);
    expect(byRole(doc, 'label')).toEqual(['Shown label']);
    expect(byRole(doc, 'title')).toEqual(['OP-TIDE, OP-<&>: Network of 3 of 7 entities and 2 of 6 ties']);
  });

  it('lists the legend as given, colours and all', () => {
    const doc = parse(toCaseSvg(graph, META, { width: 800, height: 500 }).svg);
    expect(byRole(doc, 'legend')).toEqual(['c1 · 4', 'c2 · 3']);
    const swatches = Array.from(doc.getElementsByTagName('g') as unknown as ArrayLike<Element>).filter((g) => g.getAttribute('class') === 'legend-entry');
    expect(swatches.map((g) => g.getElementsByTagName('circle')[0]!.getAttribute('fill'))).toEqual(['#E69F00', '#56B4E9']);
  });

  it('says when no handling code was recorded, and draws the frame alone for the PNG', () => {
    const { svg, layout } = toCaseSvg(graph, { ...META, handling: null, legend: [] }, { width: 800, height: 500, graph: false });
    const doc = parse(svg);
    expect(byRole(doc, 'marking-top')).toEqual(['HANDLING CODE NOT RECORDED: TREAT AS C UNTIL CHECKED']);
    expect(count(doc, 'line')).toBe(0);
    expect(layout.legend.height).toBe(0);
    expect(layout.height).toBe(layout.header + 500 + layout.footer.height);
  });

  it('lays the bands out one under the other, the legend in as many rows as its columns need', () => {
    const layout = caseLayout(700, 400, 7);
    expect(layout.legend.columns).toBe(3);
    expect(layout.graph.y).toBe(layout.header);
    expect(layout.legend.y).toBe(layout.header + 400);
    expect(layout.footer.y).toBe(layout.legend.y + layout.legend.height);
    expect(layout.height).toBe(layout.footer.y + layout.footer.height);
    expect(caseLayout(700, 400, 10).legend.height).toBe(layout.legend.height + 18);
  });

  it('escapes text for XML and drops what XML 1.0 forbids', () => {
    expect(xmlText(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});
