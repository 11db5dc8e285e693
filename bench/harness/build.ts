import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Compiles the service the way `npm run build` does (tsc -p tsconfig.build.json), but into a
 * temp folder: the bench measures compiled JavaScript as `npm start` runs it, without
 * overwriting the dist/ that other people in this tree may be using. The compiled files find
 * neo4j/, cypher/ and package.json one level up (import.meta.url), so those are symlinked in.
 */

export interface ServiceBuild {
  dir: string;
  serverJs: string;
  remove(): Promise<void>;
}

const LINKED = ['neo4j', 'cypher', 'node_modules', 'package.json'];
const BUILD_TIMEOUT_MS = 180_000;

export async function buildService(root: string): Promise<ServiceBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'sna-bench-build-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    for (const name of LINKED) await symlink(join(root, name), join(dir, name));
    const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    const output = await run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], root);
    if (output.code !== 0) throw new Error(`bench/harness/build: tsc failed (${output.code}):\n${output.text.slice(-2000)}`);
    return { dir, serverJs: join(dir, 'dist', 'server.js'), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, text });
    });
  });
}
