import { describe, expect, it } from 'vitest';

import { InterruptedError, loadLimitMs, loadSignal, message } from '../../../bench/harness/abort.js';

describe('loadSignal', () => {
  it('aborts with a TimeoutError when the time limit passes', async () => {
    const signal = loadSignal(new AbortController().signal, 10);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect(message(signal.reason, 90_000)).toBe('timed out after 90 s');
  });

  it('aborts at once, with the interruption as reason, when the run is interrupted', () => {
    const controller = new AbortController();
    const signal = loadSignal(controller.signal, 60_000);
    controller.abort(new InterruptedError('SIGINT'));
    expect(signal.aborted).toBe(true);
    expect(message(signal.reason)).toBe('interrupted by SIGINT');
  });
});

describe('loadLimitMs', () => {
  it('is the per-load limit when the run has no deadline', () => {
    expect(loadLimitMs(90_000, undefined, 5_000)).toBe(90_000);
  });

  it('is cut to what is left before the deadline, minus the reserve for stopping', () => {
    expect(loadLimitMs(90_000, 160_000, 100_000, 10_000)).toBe(50_000);
    expect(loadLimitMs(30_000, 160_000, 100_000, 10_000)).toBe(30_000);
  });

  it('is whole milliseconds, as AbortSignal.timeout() requires', () => {
    expect(loadLimitMs(90_000, 160_000.75, 100_000.5, 10_000)).toBe(50_000);
  });

  it('is 0, never negative, once the deadline has passed', () => {
    expect(loadLimitMs(90_000, 160_000, 170_000)).toBe(0);
  });
});

describe('message', () => {
  it('takes the message of an Error and stringifies anything else', () => {
    expect(message(new Error('boom'))).toBe('boom');
    expect(message(42)).toBe('42');
  });
});
