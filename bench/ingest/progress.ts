import type { Driver } from 'neo4j-driver';

import { countGraph, type GraphCounts } from './graph-counts.js';

/**
 * Watches the service's store grow during a load by counting nodes and relationships (count
 * store, cheap) every few seconds. The HTTP response comes only at the end, so this is what
 * shows when the writing began (after the body was read and checked), whether writing slows
 * down as the store grows, and how far a load that timed out had got.
 */

export interface ProgressPoint extends GraphCounts {
  atMs: number;
}

export class GraphProgress {
  private readonly points: ProgressPoint[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  private started = 0;

  constructor(
    private readonly driver: Driver,
    private readonly intervalMs = 2_000,
  ) {}

  start(): void {
    this.started = performance.now();
    this.timer = setInterval(() => {
      this.pending = this.pending.then(() => this.point()).catch(() => undefined);
    }, this.intervalMs);
  }

  async stop(): Promise<ProgressPoint[]> {
    if (this.timer) clearInterval(this.timer);
    await this.pending;
    await this.point().catch(() => undefined);
    return this.points;
  }

  private async point(): Promise<void> {
    const atMs = performance.now() - this.started;
    this.points.push({ atMs, ...(await countGraph(this.driver)) });
  }
}

/** When the first node or relationship appeared, ms after the load began; undefined if none did. */
export function firstWriteMs(points: readonly ProgressPoint[], before: GraphCounts = { nodes: 0, relationships: 0 }): number | undefined {
  return points.find((p) => p.nodes + p.relationships > before.nodes + before.relationships)?.atMs;
}
