import { analyse, type EngineOptions } from './engine.js';
import type { Projection } from './projection/types.js';

/** The worker thread's entry point (piscina): one analysis per task, off the event loop. */
export default function run(task: { projection: Projection; options: Partial<EngineOptions> }) {
  return analyse(task.projection, task.options);
}
