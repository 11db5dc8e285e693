import { type LinkOptions, type LinkSuggestions, suggestLinks } from '../analytics/links/suggest-links.js';
import { transferables } from '../analytics/projection/transfer.js';
import type { Projection } from '../analytics/projection/types.js';
import type { WorkerPool } from '../workers/pool.js';

/** Missing-link suggestions' worker task (src/worker.ts runs it): the scan and the fit are CPU work, kept off the event loop. */

export interface LinksTask {
  projection: Projection;
  options: Partial<LinkOptions>;
}

export function linksTask(task: LinksTask): LinkSuggestions & { ms: number } {
  const started = performance.now();
  const result = suggestLinks(task.projection, task.options);
  return { ...result, ms: Math.round((performance.now() - started) * 10) / 10 };
}

export function linksInWorker(pool: WorkerPool, projection: Projection, options: Partial<LinkOptions>): Promise<LinkSuggestions & { ms: number }> {
  return pool.run('links', { projection, options } satisfies LinksTask, { transferList: transferables(projection) });
}
