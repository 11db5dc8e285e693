import type { AnalysisGraph } from './analysis-graph.js';

/**
 * GraphML (graphml.graphdrawing.org) for yEd, Cytoscape, networkx and Gephi. graphology reads
 * GraphML (graphology-graphml) but has no writer, so this is one: a `<key>` per attribute with
 * its type (string, double, boolean), one `<data>` per value that is not null, everything else
 * escaped. A test reads the output back with graphology-graphml.
 */

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

type AttributeType = 'string' | 'double' | 'boolean';

function typeOf(values: Iterable<unknown>): AttributeType {
  let type: AttributeType | undefined;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const t: AttributeType = typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string';
    if (type && type !== t) return 'string';
    type = t;
  }
  return type ?? 'string';
}

function keys(domain: 'node' | 'edge', rows: Record<string, unknown>[]): { name: string; id: string; type: AttributeType }[] {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return names.map((name, i) => ({ name, id: `${domain === 'node' ? 'n' : 'e'}${i}`, type: typeOf(rows.map((row) => row[name])) }));
}

function data(declared: { name: string; id: string }[], attributes: Record<string, unknown>): string {
  let out = '';
  for (const key of declared) {
    const value = attributes[key.name];
    if (value === null || value === undefined) continue;
    out += `<data key="${key.id}">${escape(String(value))}</data>`;
  }
  return out;
}

export function writeGraphml(graph: AnalysisGraph): string {
  const nodeRows = graph.mapNodes((_key, attributes) => attributes as unknown as Record<string, unknown>);
  const edgeRows = graph.mapEdges((_key, attributes) => attributes as unknown as Record<string, unknown>);
  const nodeKeys = keys('node', nodeRows);
  const edgeKeys = keys('edge', edgeRows);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeKeys.map((k) => `<key id="${k.id}" for="node" attr.name="${escape(k.name)}" attr.type="${k.type}"/>`),
    ...edgeKeys.map((k) => `<key id="${k.id}" for="edge" attr.name="${escape(k.name)}" attr.type="${k.type}"/>`),
    '<graph edgedefault="undirected">',
  ];
  graph.forEachNode((key, attributes) => lines.push(`<node id="${escape(key)}">${data(nodeKeys, attributes as unknown as Record<string, unknown>)}</node>`));
  graph.forEachEdge((key, attributes, source, target) =>
    lines.push(`<edge id="${escape(key)}" source="${escape(source)}" target="${escape(target)}">${data(edgeKeys, attributes as unknown as Record<string, unknown>)}</edge>`),
  );
  lines.push('</graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}
