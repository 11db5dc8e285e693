import { message } from '../harness/abort.js';
import { call } from '../harness/http-client.js';
import { summariseLatencies } from '../harness/latency.js';
import { summarise } from '../harness/stats.js';
import type { ReadFigures, TimedRequest } from './figures.js';

/**
 * The reads of a finished run in bench/runs/main.ts: sequences of GETs (latency percentiles)
 * and repeated heavier requests (median and range). Each returns its figures with the error
 * instead of throwing, so one failed phase leaves a gap in the report and the others still run.
 */

/** GETs each path in turn; the first `warmups` are not counted. Latency percentiles and the median body size. */
export async function timeReads(baseUrl: string, name: string, paths: readonly string[], warmups: number, signal: AbortSignal): Promise<ReadFigures> {
  const ms: number[] = [];
  const bytes: number[] = [];
  try {
    for (const [i, path] of paths.entries()) {
      const answer = await call('GET', `${baseUrl}${path}`, undefined, signal);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
      if (i < warmups) continue;
      ms.push(answer.ms);
      bytes.push(answer.bytes);
    }
  } catch (error) {
    return { request: name, error: `${name}: ${message(error)}` };
  }
  return { request: name, latency: summariseLatencies(ms), bytes: summarise(bytes)?.median };
}

/** One GET `1 + repetitions` times, the first (a warm-up) not counted: median and range, and the body's size. */
export async function timeRequest(baseUrl: string, name: string, path: string, repetitions: number, signal: AbortSignal): Promise<TimedRequest> {
  const ms: number[] = [];
  let bytes: number | undefined;
  try {
    for (let i = 0; i <= repetitions; i++) {
      const answer = await call('GET', `${baseUrl}${path}`, undefined, signal);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
      bytes = answer.bytes;
      if (i > 0) ms.push(answer.ms);
    }
  } catch (error) {
    return { request: name, error: `${name}: ${message(error)}` };
  }
  return { request: name, ms: summarise(ms), bytes };
}
