/**
 * Background work started after a request was acknowledged. At most `concurrency` jobs run at once and each starts
 * on a fresh turn of the event loop, so a burst of work (PGlite runs in this thread) never starves the cheap acks of
 * new requests. The server drains the queue on shutdown, so that a reply in flight is finished before the process
 * exits.
 */
const MAX_DEFER_MS = 1000;

export class WorkTracker {
  private readonly running = new Set<Promise<void>>();
  private readonly queue: Array<() => Promise<void>> = [];
  private readonly idle: Array<() => void> = [];

  /** While this says the server is busy acknowledging requests, new jobs wait (up to MAX_DEFER_MS each). */
  private busy: () => boolean = () => false;
  private deferTimer: NodeJS.Timeout | undefined;

  constructor(private readonly concurrency = 4) {}

  /**
   * Acks first: while requests are being acknowledged (their delivery recorded), no new turn starts, so a burst of
   * events is acknowledged before the work it brings competes with it for this thread. A job never waits more than
   * MAX_DEFER_MS for that.
   */
  yieldTo(busy: () => boolean): void {
    this.busy = busy;
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.running.size + this.queue.length;
  }

  /** Run `job` in the background; its failures must be handled inside (a rejection here is swallowed). */
  run(job: () => Promise<void>): void {
    this.queue.push(job);
    this.queuedAt.push(Date.now());
    this.pump();
  }

  private readonly queuedAt: number[] = [];

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
      if (this.busy() && Date.now() - this.queuedAt[0]! < MAX_DEFER_MS) {
        this.deferTimer ??= setTimeout(() => {
          this.deferTimer = undefined;
          this.pump();
        }, 10);
        return;
      }
      const job = this.queue.shift()!;
      this.queuedAt.shift();
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
