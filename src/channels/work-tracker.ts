/**
 * Background work started after a request was acknowledged. At most `concurrency` jobs run at once and each starts
 * on a fresh turn of the event loop, so a burst of work (PGlite runs in this thread) never starves the cheap acks of
 * new requests. The server drains the queue on shutdown, so that a reply in flight is finished before the process
 * exits.
 */
export class WorkTracker {
  private readonly running = new Set<Promise<void>>();
  private readonly queue: Array<() => Promise<void>> = [];
  private readonly idle: Array<() => void> = [];

  constructor(private readonly concurrency = 4) {}

  /** Jobs queued or running. */
  get size(): number {
    return this.running.size + this.queue.length;
  }

  /** Run `job` in the background; its failures must be handled inside (a rejection here is swallowed). */
  run(job: () => Promise<void>): void {
    this.queue.push(job);
    this.pump();
  }

  /** Resolve when every job has finished, or after `timeoutMs`; returns how many were still queued or running. */
  async drain(timeoutMs: number): Promise<number> {
    if (this.size === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idle.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return this.size;
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const promise: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(job)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(promise);
          this.pump();
          if (this.size === 0) for (const resolve of this.idle.splice(0)) resolve();
        });
      this.running.add(promise);
    }
  }
}
