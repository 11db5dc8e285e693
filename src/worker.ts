import { drawsTask } from './analysis/confidence-task.js';
import { linksTask } from './analysis/links-task.js';
import { analyseTask, previewTask } from './analysis/preview-task.js';
import { disruptTask } from './disruption/task.js';
import { storeTask } from './runs/store-task.js';
import type { WorkerTask } from './workers/pool.js';

/**
 * The worker threads' entry point (piscina, started by workers/pool.ts), the service's second
 * beside server.ts: one task per call, dispatched by name to the folder that owns it.
 */
const TASKS: Record<string, (payload: never, runtime: WorkerTask['runtime']) => unknown> = {
  analyse: analyseTask,
  preview: previewTask,
  draws: drawsTask,
  disrupt: disruptTask,
  store: storeTask,
  links: linksTask,
};

export default function run(task: WorkerTask): unknown {
  const handler = TASKS[task.name];
  if (!handler) throw new Error(`worker: no task named ${task.name}`);
  return handler(task.payload as never, task.runtime);
}
