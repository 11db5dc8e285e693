import { spawn } from 'node:child_process';

import { track, untrack } from './children.js';

/**
 * Runs one phase of the analytics bench as its own process: each size's projection, its
 * analysis and each Python reference get a fresh process, so one's peak memory is not another's
 * and nothing a phase leaves on the heap slows the next. The child's stderr (its progress) is
 * passed through; its last lines are kept for the error message when it fails. SIGKILLed at
 * the time limit or when `signal` aborts (Ctrl-C), and registered so an exiting bench kills it.
 */

export interface ChildRun {
  code: number | null;
  ms: number;
  stdout: string;
  /** The last few KB of stderr. */
  stderrTail: string;
}

const TAIL = 4_000;

export function runChild(command: string, args: readonly string[], options: { cwd: string; timeoutMs: number; signal?: AbortSignal }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child.pid);
    let stdout = '';
    let stderrTail = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-TAIL);
    });
    const kill = () => child.kill('SIGKILL');
    const timer = setTimeout(kill, options.timeoutMs);
    options.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      untrack(child.pid);
      resolve({ code, ms: performance.now() - started, stdout, stderrTail });
    });
  });
}

/** The child's failure as one message: exit code (or the time limit) and its last stderr lines. */
export function childError(name: string, run: ChildRun, timeoutMs: number): string | undefined {
  if (run.code === 0) return undefined;
  const why = run.code === null ? (run.ms >= timeoutMs ? `stopped at the time limit (${Math.round(timeoutMs / 1000)} s)` : 'killed') : `exited with ${run.code}`;
  return `${name} ${why}: ${run.stderrTail.trim().split('\n').slice(-5).join(' ⏎ ')}`;
}
