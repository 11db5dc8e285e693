import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The Python interpreters the references run on (analytics, disruption; the export tests read
 * files with networkx too). `python3` on PATH may be a pyenv build that has networkx but cannot
 * see Debian's dist-packages, where python3-igraph installs, so each library is looked for in
 * each candidate interpreter; igraph is installed with apt-get when no interpreter has it.
 */

/** An interpreter that imports the module looked for. */
export interface PythonFound {
  command: string;
  executable: string;
  version: string;
  /** How it was found: already importable, or after `apt-get install`. */
  how: string;
}

const run = promisify(execFile);

export const PYTHON_CANDIDATES = ['python3', '/usr/bin/python3'];

/** The first candidate that imports `module`: its command, sys.executable and the module's version. */
export async function findPython(module: string, candidates: readonly string[] = PYTHON_CANDIDATES): Promise<Omit<PythonFound, 'how'> | undefined> {
  for (const command of candidates) {
    try {
      const { stdout } = await run(command, ['-c', `import sys, ${module}; print(sys.executable); print(${module}.__version__)`], { timeout: 60_000 });
      const [executable, version] = stdout.trim().split('\n');
      if (executable && version) return { command, executable, version };
    } catch {
      // not importable there (or no such interpreter): try the next
    }
  }
  return undefined;
}

export async function findNetworkx(): Promise<PythonFound | { error: string }> {
  const found = await findPython('networkx');
  return found ? { ...found, how: 'already installed' } : { error: `networkx is importable from none of ${PYTHON_CANDIDATES.join(', ')}` };
}

/** igraph from any candidate, else `apt-get install -y python3-igraph` (Debian's, for /usr/bin/python3) and a second look. */
export async function findOrInstallIgraph(log: (text: string) => void): Promise<PythonFound | { error: string }> {
  const found = await findPython('igraph');
  if (found) return { ...found, how: 'already installed' };
  log('igraph is not importable: apt-get install -y python3-igraph');
  try {
    await run('apt-get', ['install', '-y', '-q', 'python3-igraph'], { timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (error) {
    return { error: `apt-get install -y python3-igraph failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  const installed = await findPython('igraph');
  return installed
    ? { ...installed, how: 'installed by this run with apt-get install -y python3-igraph' }
    : { error: 'python3-igraph installed, but no candidate interpreter imports igraph' };
}
