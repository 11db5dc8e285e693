import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import type { FuzzRequest } from './requests.js';

/** Longer than any request the fuzz sends may take (analysis waits are capped at 2 s by its config). */
export const HANG_MS = 10_000;

/** The exchange as a reader reproduces it: method, URL, headers, body, then the answer. */
export function describeExchange(request: FuzzRequest, response?: LightMyRequestResponse): string {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, clip(value, 100)]));
  const sent = JSON.stringify({ method: request.method, url: clip(request.url, 600), headers, payload: request.payload === undefined ? undefined : clip(request.payload, 600) });
  return response ? `${sent} → ${response.statusCode} ${clip(response.body, 600)}` : sent;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

/** The app's answer, or a failure naming the request when none comes within HANG_MS. */
export async function send(app: FastifyInstance, request: FuzzRequest): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms: ${describeExchange(request)}`)), HANG_MS);
  });
  try {
    return await Promise.race([app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload }), hang]);
  } finally {
    clearTimeout(timer);
  }
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

/**
 * What every answer must be, whatever was asked: not a server error (a 503 only when the
 * database is down), and Object.prototype untouched.
 */
export function soundness(request: FuzzRequest, response: LightMyRequestResponse): string | undefined {
  const unavailable = response.statusCode === 503 && parsed(response.body)?.error?.code === 'DATABASE_UNAVAILABLE';
  if (response.statusCode >= 500 && !unavailable) return `server error: ${describeExchange(request, response)}`;
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS || ({} as Record<string, unknown>).polluted !== undefined) {
    return `Object.prototype polluted: ${describeExchange(request, response)}`;
  }
  return undefined;
}

/** Every error leaves in the one ErrorResponse shape (the OpenAPI document says so). */
export function errorShape(request: FuzzRequest, response: LightMyRequestResponse): string | undefined {
  if (response.statusCode < 400 || request.method === 'HEAD' || typeof parsed(response.body)?.error?.code === 'string') return undefined;
  return `error without the ErrorResponse shape: ${describeExchange(request, response)}`;
}

function parsed(body: string): { error?: { code?: unknown } } | undefined {
  try {
    return JSON.parse(body) as { error?: { code?: unknown } };
  } catch {
    return undefined;
  }
}
