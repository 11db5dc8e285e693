import { ApiFailure } from '../data/api-failure.js';

/**
 * The page's only way to the service: the same /v1 API and access rules as any client, the key
 * sent as a bearer token, and the reason for access (X-Justification) when the analyst gave one.
 */

export interface Credentials {
  key: string;
  reason: string;
}

export type Api = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<T>;

export function createApi({ key, reason }: Credentials): Api {
  return async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (reason.trim() !== '') headers['x-justification'] = reason.trim();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiFailure(null, (error as Error).message);
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = `${response.status} ${response.statusText}`;
      try {
        const parsed = JSON.parse(text) as { error?: { message?: string; details?: { path: string; message: string }[] } };
        if (parsed.error?.message) detail = [parsed.error.message, ...(parsed.error.details ?? []).map((d) => `${d.path}: ${d.message}`)].join('; ');
      } catch {
        // Not the service's JSON error body (a proxy's page, say): the status line says enough.
      }
      throw new ApiFailure(response.status, detail);
    }
    return JSON.parse(text) as T;
  };
}
