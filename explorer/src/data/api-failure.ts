/**
 * What went wrong with a call to the API, as the page shows it: a key that no longer works
 * sends the analyst back to sign in; a service that does not answer (or answers 503 while its
 * database is down) gets a banner with a retry; the rest is said where it happened.
 */

export type ApiFailureKind = 'unauthorized' | 'forbidden' | 'down' | 'failed';

/** `status` null: the request never got an answer (network error, service stopped). */
export function failureKind(status: number | null): ApiFailureKind {
  if (status === null || status === 502 || status === 503 || status === 504) return 'down';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  return 'failed';
}

export class ApiFailure extends Error {
  readonly kind: ApiFailureKind;
  constructor(
    readonly status: number | null,
    detail: string,
  ) {
    super(detail);
    this.kind = failureKind(status);
    this.name = 'ApiFailure';
  }
}

/** The sentence shown for a failure; `detail` is the service's own message when it sent one. */
export function failureMessage(kind: ApiFailureKind, detail: string): string {
  switch (kind) {
    case 'unauthorized':
      return `Your key was not accepted (${detail}). It may have expired or been revoked: sign in again.`;
    case 'forbidden':
      return `Your key may not do this: ${detail}`;
    case 'down':
      return `The service is not answering (${detail}). Your work is kept: retry when it is back.`;
    case 'failed':
      return detail;
  }
}
