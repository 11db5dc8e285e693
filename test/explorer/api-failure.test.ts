import { describe, expect, it } from 'vitest';

import { ApiFailure, failureKind, failureMessage } from '../../explorer/src/data/api-failure.js';
import { splitKey } from '../../explorer/src/data/format.js';

describe('explorer/api-failure', () => {
  it('sends a refused key back to sign in, and treats no answer or 502–504 as the service being down', () => {
    expect(failureKind(401)).toBe('unauthorized');
    expect(failureKind(403)).toBe('forbidden');
    for (const status of [null, 502, 503, 504]) expect(failureKind(status)).toBe('down');
    for (const status of [400, 404, 409, 413, 500]) expect(failureKind(status)).toBe('failed');
    expect(new ApiFailure(503, 'database unavailable').kind).toBe('down');
  });

  it('says what to do in each case', () => {
    expect(failureMessage('unauthorized', 'unknown or revoked API key')).toBe(
      'Your key was not accepted (unknown or revoked API key). It may have expired or been revoked: sign in again.',
    );
    expect(failureMessage('down', 'Failed to fetch')).toContain('retry when it is back');
    expect(failureMessage('failed', 'body is invalid')).toBe('body is invalid');
  });
});

describe('explorer/format splitKey', () => {
  it('splits `type:id` at the first colon, ids may hold more', () => {
    expect(splitKey('person:P-1')).toEqual({ type: 'person', id: 'P-1' });
    expect(splitKey('location:geo:36.1,-5.3')).toEqual({ type: 'location', id: 'geo:36.1,-5.3' });
    expect(() => splitKey('P-1')).toThrow('explorer/format: not a type:id key: P-1');
  });
});
