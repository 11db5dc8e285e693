import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { findPython } from '../../bench/harness/python.js';

/**
 * Exported graphs as networkx and Python's csv and json modules read them
 * (test/support/read_exports.py): per node its neighbours, a tie to itself, and the community
 * and degree the file states; per file the tie count and each tie's money.
 */

export interface ReadNode {
  neighbours: string[];
  selfTie: boolean;
  community: string;
  degree: number;
  /** A resolved entity's record ids joined by `;` (scope.resolution); null for one record. */
  records: string | null;
}

export interface ReadGraph {
  nodes: Record<string, ReadNode>;
  ties: number;
  money: number[];
}

export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv', 'json'] as const;

const run = promisify(execFile);
const script = fileURLToPath(new URL('./read_exports.py', import.meta.url));

async function python(args: string[]): Promise<unknown> {
  const found = await findPython('networkx');
  if (!found) throw new Error('no python3 imports networkx: .ci/run installs python3-networkx');
  const { stdout } = await run(found.command, [script, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** A folder holding graph.gexf, graph.graphml, nodes.csv, edges.csv and graph.json. */
export const readExports = (folder: string) => python([folder]) as Promise<Record<(typeof EXPORT_FORMATS)[number], ReadGraph>>;

export const readGexf = (file: string) => python(['--gexf', file]) as Promise<ReadGraph>;

/** An edge list CSV as networkx reads it (test/support/read_edge_list.py): [type, u, v, weight, rows] per tie, sorted. */
export async function readEdgeListWithNetworkx(file: string, options: { type: string; undirected: boolean; merge: 'sum' | 'max' }) {
  const found = await findPython('networkx');
  if (!found) throw new Error('no python3 imports networkx: .ci/run installs python3-networkx');
  const edgeListScript = fileURLToPath(new URL('./read_edge_list.py', import.meta.url));
  const args = [edgeListScript, file, options.type, options.undirected ? 'undirected' : 'directed', options.merge];
  const { stdout } = await run(found.command, args);
  return JSON.parse(stdout) as [string, string, string, number, number][];
}
