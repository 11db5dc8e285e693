import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `neo4j/` folder: pom.xml, Launcher.java, and the fetched `lib/` and `plugins/`. */
export const NEO4J_DIR = fileURLToPath(new URL('../../neo4j/', import.meta.url));

export class Neo4jSetupError extends Error {
  override name = 'Neo4jSetupError';
}

/**
 * Makes sure the jars named by neo4j/pom.xml are there: Neo4j and the libraries in neo4j/lib,
 * the plugins (GDS, APOC) in neo4j/plugins, fetched from Maven Central with the pom's two
 * `copy-dependencies` executions when they are missing or the pom changed. A stamp file holding
 * the pom's hash marks a complete fetch, so an interrupted one is redone.
 */
export async function ensureNeo4jJars(neo4jDir: string = NEO4J_DIR): Promise<void> {
  const pom = join(neo4jDir, 'pom.xml');
  const lib = join(neo4jDir, 'lib');
  const plugins = join(neo4jDir, 'plugins');
  const stamp = join(lib, '.fetched');
  const pomHash = createHash('sha256').update(await readFile(pom)).digest('hex');
  if (existsSync(stamp) && (await readFile(stamp, 'utf8')) === pomHash) return ensureProcedures(neo4jDir);

  await rm(lib, { recursive: true, force: true });
  // Jars of an earlier fetch go (another version would be loaded twice); the folder's README stays.
  if (existsSync(plugins)) for (const file of await readdir(plugins)) if (file.endsWith('.jar')) await rm(join(plugins, file), { force: true });
  const { code, output } = await run('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies@lib', 'dependency:copy-dependencies@plugins']);
  if (code === 'ENOENT') {
    throw new Neo4jSetupError(
      'Maven (mvn) is not installed: install it (apt-get install maven) or set NEO4J_URI to an existing Neo4j server',
    );
  }
  if (code !== 0) {
    const reason = lastLines(output, 3) || `exit code ${code}`;
    throw new Neo4jSetupError(
      `Maven could not fetch Neo4j from Maven Central (${reason}): check access to Maven Central and ~/.m2/settings.xml, or set NEO4J_URI`,
    );
  }
  await writeFile(stamp, pomHash);
  await ensureProcedures(neo4jDir);
}

/**
 * The service's own procedures (neo4j/procedures: sna.betweenness.stream, which the GDS engine
 * calls) built with Maven into neo4j/plugins/sna-procedures.jar when the jar is missing or its
 * sources changed; the stamp lives in lib/, so a new fetch of the plugins rebuilds it too.
 */
async function ensureProcedures(neo4jDir: string): Promise<void> {
  const project = join(neo4jDir, 'procedures');
  if (!existsSync(project)) return;
  const sources = join(project, 'src', 'main', 'java', 'smuggling', 'analytics');
  const hash = createHash('sha256').update(await readFile(join(project, 'pom.xml')));
  for (const file of (await readdir(sources)).sort()) hash.update(await readFile(join(sources, file)));
  const digest = hash.digest('hex');
  const stamp = join(neo4jDir, 'lib', '.procedures');
  const jar = join(neo4jDir, 'plugins', 'sna-procedures.jar');
  if (existsSync(jar) && existsSync(stamp) && (await readFile(stamp, 'utf8')) === digest) return;
  const { code, output } = await run('mvn', ['-q', '-B', '-f', join(project, 'pom.xml'), 'package']);
  if (code !== 0) throw new Neo4jSetupError(`Maven could not build the service's procedures (neo4j/procedures): ${lastLines(output, 3) || `exit code ${code}`}`);
  await copyFile(join(neo4jDir, '.build', 'procedures', 'sna-procedures.jar'), jar);
  await writeFile(stamp, digest);
}

function run(command: string, args: string[]): Promise<{ code: number | 'ENOENT'; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: error.code === 'ENOENT' ? 'ENOENT' : -1, output: output + error.message }),
    );
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

export function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\u001b\[[0-9;]*m/g, '').trim())
    .filter((line) => line.length > 0)
    .slice(-count)
    .join(' | ');
}
