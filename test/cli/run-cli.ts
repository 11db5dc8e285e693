import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root: the CLI runs from there, as `npm run rank` does. */
export const ROOT = join(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `src/cli/rank.ts` as a child process, asynchronously: the API-mode tests serve the
 * CLI's requests from this very process, which a synchronous spawn would block.
 */
export function startCli(args: string[], env: Record<string, string | undefined> = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/rank.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export const runCli = (args: string[], env: Record<string, string | undefined> = {}) => startCli(args, env).done;
