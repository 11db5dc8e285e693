/**
 * The job queue analysis runs wait in: first in, first out, at most `concurrency` running at
 * once (each runs in a worker thread; the machine has few cores). It knows job ids only; what a
 * job does and where its state lives is the run service's business.
 */
export class JobQueue {
  private readonly waiting: string[] = [];
  private readonly running = new Set<string>();
  private stopped = false;

  constructor(
    private readonly concurrency: number,
    private readonly run: (id: string) => Promise<void>,
    /** A job should handle its own errors; one that throws is reported here and the queue goes on. */
    private readonly onError: (id: string, error: unknown) => void = () => {},
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`runs/queue: concurrency must be a positive integer, not ${concurrency}`);
  }

  /** Adds a job at the back, unless it is waiting or running already. */
  enqueue(id: string): void {
    if (this.stopped || this.has(id)) return;
    this.waiting.push(id);
    this.pump();
  }

  /** Takes a waiting job out; false when it is not waiting (running, finished or unknown). */
  remove(id: string): boolean {
    const at = this.waiting.indexOf(id);
    if (at < 0) return false;
    this.waiting.splice(at, 1);
    return true;
  }

  has(id: string): boolean {
    return this.running.has(id) || this.waiting.includes(id);
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Position in the queue, 1 = next to start; undefined when not waiting. */
  positionOf(id: string): number | undefined {
    const at = this.waiting.indexOf(id);
    return at < 0 ? undefined : at + 1;
  }

  get size(): { waiting: number; running: number } {
    return { waiting: this.waiting.length, running: this.running.size };
  }

  /** Starts nothing more; returns the jobs that were still waiting. */
  stop(): string[] {
    this.stopped = true;
    return this.waiting.splice(0);
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      this.running.add(id);
      void this.run(id)
        .catch((error: unknown) => this.onError(id, error))
        .finally(() => {
          this.running.delete(id);
          this.pump();
        });
    }
  }
}
