import type { FastifyBaseLogger } from 'fastify';

/**
 * The run service and the driver log through a pino-shaped logger; a command-line tool wants
 * nothing of that on its terminal unless asked. Verbose: one short line per entry on stderr
 * (info and above); otherwise silent. The CLI reports what went wrong itself.
 */
export function stderrLog(verbose: boolean, write: (text: string) => void = (text) => process.stderr.write(text)): FastifyBaseLogger {
  const entry = (level: string) => (first?: unknown, second?: unknown) => {
    if (!verbose) return;
    const [fields, message] = typeof first === 'string' ? [{}, first] : [(first ?? {}) as Record<string, unknown>, typeof second === 'string' ? second : ''];
    const { err, ...rest } = fields as Record<string, unknown>;
    const cause = err instanceof Error ? `: ${err.message}` : '';
    const detail = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    write(`rank: ${level}: ${message}${cause}${detail}\n`);
  };
  const ignore = () => undefined;
  const log = {
    level: verbose ? 'info' : 'silent',
    fatal: entry('fatal'),
    error: entry('error'),
    warn: entry('warn'),
    info: entry('info'),
    debug: ignore,
    trace: ignore,
    silent: ignore,
    child: () => log,
  };
  return log as unknown as FastifyBaseLogger;
}
