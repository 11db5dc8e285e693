/**
 * The HTTP client of the event-loop check, run as its own process (so that an analysis
 * blocking the server's event loop cannot also stop the clock that measures it):
 * `node healthz-probe.ts <url> <intervalMs>` sends GET <url> every intervalMs, whether or not
 * earlier requests have been answered (open loop: a stalled server shows as long latencies,
 * not as fewer requests). It prints `ready` at its first answer. Commands on stdin, one per line: `reset` forgets what was measured so
 * far (the warm-up), `stop` waits for the requests in flight and prints
 * {"latenciesMs": [...], "errors": n} on stdout.
 */

import { Agent, get } from 'node:http';
import { createInterface } from 'node:readline';

const [url, intervalText] = process.argv.slice(2);
const intervalMs = Number(intervalText);
if (!url || !(intervalMs > 0)) {
  process.stderr.write('usage: healthz-probe.ts <url> <intervalMs>\n');
  process.exit(2);
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const latencies: number[] = [];
let errors = 0;
let inFlight = 0;
/** Requests sent before the last reset are not counted. */
let generation = 0;
/** Said on stdout once, at the first answer: the server is reachable and the probe running. */
let ready = false;

function probe(): void {
  const started = performance.now();
  const sentIn = generation;
  inFlight += 1;
  const done = (ok: boolean) => {
    inFlight -= 1;
    if (ok && !ready) {
      ready = true;
      process.stdout.write('ready\n');
    }
    if (sentIn !== generation) return;
    if (ok) latencies.push(performance.now() - started);
    else errors += 1;
  };
  get(url!, { agent }, (res) => {
    res.resume();
    res.once('end', () => done(res.statusCode === 200));
    res.once('error', () => done(false));
  }).once('error', () => done(false));
}

const timer = setInterval(probe, intervalMs);
probe();

async function stop(): Promise<void> {
  clearInterval(timer);
  const deadline = performance.now() + 30_000;
  while (inFlight > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  errors += inFlight;
  process.stdout.write(`${JSON.stringify({ latenciesMs: latencies, errors })}\n`);
  agent.destroy();
  process.exit(0);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'reset') {
    generation += 1;
    latencies.length = 0;
    errors = 0;
  } else if (line.trim() === 'stop') {
    void stop();
  }
});
