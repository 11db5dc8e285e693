import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

import type { EmbeddedNeo4jConfig } from '../config.js';
import { ARRAY_DELIMITER, type FileGroup } from '../import/csv-files.js';
import { ensureNeo4jJars, lastLines, NEO4J_DIR, Neo4jSetupError } from './jars.js';

/**
 * `neo4j-admin database import full` from the jars neo4j/pom.xml fetches (neo4j-import-tool,
 * neo4j-command-line), run on the embedded database's home while no DBMS has it open: the
 * published way to build a large store at once, far faster than transactions. The tool writes
 * the store files directly; the DBMS started on the home afterwards finds a database of the
 * given name.
 */

export class AdminImportError extends Error {
  override name = 'AdminImportError';
}

export interface AdminImportCounts {
  nodes: number;
  relationships: number;
  properties: number;
}

export async function runAdminImport(
  config: Pick<EmbeddedNeo4jConfig, 'home' | 'heap' | 'javaHome'>,
  database: string,
  files: { nodes: FileGroup[]; relationships: FileGroup[] },
  log: (line: string) => void = () => {},
): Promise<AdminImportCounts> {
  await ensureNeo4jJars();
  const home = resolve(config.home);
  const java = config.javaHome ? join(config.javaHome, 'bin', 'java') : 'java';
  const args = [
    `-Xmx${config.heap}`,
    '-cp',
    join(NEO4J_DIR, 'lib', '*'),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    database,
    ...files.nodes.map((group) => `--nodes=${group.file}`),
    ...files.relationships.map((group) => `--relationships=${group.file}`),
    `--array-delimiter=${ARRAY_DELIMITER}`,
    '--multiline-fields=true',
    // Ids and ends were checked while the files were written; a bad one is a bug, not data to skip.
    '--bad-tolerance=0',
    `--report-file=${join(home, 'logs', 'import.report')}`,
  ];
  const { code, output } = await new Promise<{ code: number | 'ENOENT'; output: string }>((done) => {
    const child = spawn(java, args, { env: { ...process.env, NEO4J_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const take = (chunk: Buffer) => {
      const part = chunk.toString();
      text += part;
      for (const line of part.split('\n')) if (/^(IMPORT DONE|Imported:|\d+ (nodes|relationships|properties)$|Peak memory|\(\d\/\d\) )/.test(line.trim())) log(line.trim());
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error: NodeJS.ErrnoException) => done({ code: error.code === 'ENOENT' ? 'ENOENT' : -1, output: text + error.message }));
    child.on('close', (exit) => done({ code: exit ?? -1, output: text }));
  });
  if (code === 'ENOENT') throw new Neo4jSetupError(`Java not found (${java}): install a JDK 17 or set JAVA_HOME`);
  if (code !== 0) throw new AdminImportError(`neo4j-admin database import failed (exit ${code}): ${lastLines(output, 4)}`);
  const count = (what: string) => Number(new RegExp(`^\\s*(\\d+) ${what}$`, 'm').exec(output)?.[1] ?? NaN);
  return { nodes: count('nodes'), relationships: count('relationships'), properties: count('properties') };
}
