import { describe, expect, it } from 'vitest';

import { probeDuring, startHealthServer, timingsOf } from '../../../bench/analytics/event-loop.js';

/** Keeps this thread busy, as a synchronous analysis would. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('probeDuring', () => {
  it('answers /healthz from the service’s route, and shows a blocked event loop as latency', async () => {
    const server = await startHealthServer();
    try {
      const idle = await probeDuring(server.url, 20, () => new Promise((resolve) => setTimeout(resolve, 300)));
      expect(idle.errors).toBe(0);
      expect(idle.latency!.count).toBeGreaterThan(3);

      const blocked = await probeDuring(server.url, 20, async () => block(600));
      expect(blocked.errors).toBe(0);
      // Requests sent while the loop was blocked waited for it: the worst one most of the block.
      expect(blocked.latency!.max).toBeGreaterThan(300);
      expect(blocked.latency!.max).toBeGreaterThan(idle.latency!.max);
    } finally {
      await server.close();
    }
  });
});

describe('timingsOf', () => {
  it('reads the stage times from the head of a preview body', () => {
    const body = JSON.stringify({ scope: {}, parameters: { seed: 1 }, timings: { projection: 5, louvain: 12.5 }, ranking: [{ measures: { degree: 1 } }] });
    expect(timingsOf(body)).toEqual({ projection: 5, louvain: 12.5 });
    expect(timingsOf('{"ranking":[]}')).toBeUndefined();
    expect(timingsOf(Buffer.from(body))).toEqual({ projection: 5, louvain: 12.5 });
  });
});
