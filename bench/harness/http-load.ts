import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';

import type { IngestReport } from '../../src/schemas/ingest-report.js';
import { BENCH_AUTH } from './service.js';

/**
 * One POST /v1/ingest/ndjson with the file piped from disk, as curl --data-binary @file would
 * send it: the client never holds the file in memory. The wall time runs from the request's
 * start to the last byte of the response, which is what a user waits for.
 */

export interface HttpLoad {
  status: number;
  wallMs: number;
  /**
   * When the last body byte left the client. The service reads (and checks) the body before
   * it writes anything, so for a large file this splits the wall time into "read and check"
   * and "write"; a file that fits in the loopback socket buffers (a few MB) shows ~0.
   */
  uploadMs?: number;
  report?: IngestReport;
  /** The response body when it was not a report (an error), cut short. */
  error?: string;
}

/** Sends the file; `signal` (time limit, interruption) abandons the request, which then rejects with its reason. */
export async function postNdjson(url: string, file: string, signal: AbortSignal): Promise<HttpLoad> {
  signal.throwIfAborted();
  const { size } = await stat(file);
  const started = performance.now();
  let uploadMs: number | undefined;
  return new Promise<HttpLoad>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'content-length': String(size), ...BENCH_AUTH },
      agent: false,
    });
    const abandon = () => req.destroy(signal.reason as Error);
    signal.addEventListener('abort', abandon, { once: true });
    const done = () => signal.removeEventListener('abort', abandon);
    req.once('finish', () => (uploadMs = performance.now() - started));
    req.once('error', (error) => {
      done();
      reject(error);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        done();
        const wallMs = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({ status, wallMs, uploadMs, ...parseBody(status, text) });
      });
    });
    // An answer before the body is sent (a 413, a 503) ends the upload; that is not a bench error.
    pipeline(createReadStream(file), req).catch(() => undefined);
  });
}

function parseBody(status: number, text: string): { report?: IngestReport; error?: string } {
  try {
    const body = JSON.parse(text) as IngestReport | { report?: IngestReport };
    if (status === 200) return { report: body as IngestReport };
    return { report: (body as { report?: IngestReport }).report, error: text.slice(0, 2000) };
  } catch {
    return { error: text.slice(0, 2000) };
  }
}
