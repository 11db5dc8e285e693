import { generateNetwork } from '../src/generator/network.js';
import { documentRows, projectRows } from './lib/document-rows.js';
const people = Number(process.argv[2]);
const gc = (globalThis as any).gc as () => void;
function rowsOnly() { const { document } = generateNetwork({ people, seed: 42 }); return documentRows(document); }
let t = performance.now();
const rows = rowsOnly(); gc();
console.log('rows', performance.now() - t, process.memoryUsage().rss / 2 ** 20, process.memoryUsage().heapUsed / 2 ** 20);
for (let i = 0; i < 2; i++) { t = performance.now(); const p = projectRows(rows); console.log('proj', performance.now() - t, p.ties.source.length, process.memoryUsage().rss / 2 ** 20); gc(); }
