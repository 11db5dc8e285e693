import { generateNetwork } from '../src/generator/network.js';
import { documentRows, projectRows } from '../bench/lib/document-rows.js';
import { analyse } from '../src/analytics/engine.js';
const people = Number(process.argv[2]);
let t = performance.now();
const { document, truth } = generateNetwork({ people, seed: 42 });
const gen = performance.now() - t; t = performance.now();
const rows = documentRows(document);
const rowsMs = performance.now() - t; t = performance.now();
const p = projectRows(rows);
const projMs = performance.now() - t;
const recs = Object.values(document).reduce((s: number, v) => s + (Array.isArray(v) ? v.length : 0), 0);
console.log({ people, recs, gen, rowsMs, projMs, nodes: p.nodes.length, ties: p.ties.source.length, dropped: p.dropped, rss: process.memoryUsage().rss / 2 ** 20 });
if (process.argv[3]) { t = performance.now(); const r = analyse(p); console.log(r.timings, performance.now() - t, r.modularity, r.betweenness, r.warnings, process.memoryUsage().rss / 2 ** 20);
const ranked = r.ranking.filter((n) => n.type === 'person').map((n) => n.id);
const T = new Set(['organiser','broker','procurer','money_mover']);
console.log('p@10', ranked.slice(0,10).filter(id => T.has(truth.roles[id]!)).length, 'p@20', ranked.slice(0,20).filter(id => T.has(truth.roles[id]!)).length); }
