/**
 * Background work started after a request was acknowledged: the turns. Acks come first. While the server says it
 * is acknowledging requests (`yieldTo`), no queued job starts — every one of them is already recorded in the
 * deliveries ledger with its payload and leased, so waiting loses nothing — and jobs that are running wait at their
 * next `pause()`. A job that has waited `maxDeferMs` starts anyway, one at a time, so a sustained stream of requests
 * slows turns down without stopping them. When the server is quiet, up to `concurrency` jobs run at once, each
 * started on a fresh turn of the event loop. The server drains the queue on shutdown, so that a reply in flight is
 * finished before the process exits.
 *
 * Measured (bench/ack-burst.ts, 200 events at once): the previous rule (a queued job waited at most 1 s, then up to
 * eight started) let a burst that took longer than a second to acknowledge start its turns in the middle of it, and
 * every ack after that waited behind turn work: Slack p99 over 10 s on PGlite.
 */
export interface WorkTrackerOptions {
  /** Jobs at once while the server is quiet (default 8: turns mostly wait on the model and downloads). */
  concurrency?: number;
  /** Longest a queued job waits for the acks before it starts anyway, alone (default 5000 ms). */
  maxDeferMs?: number;
  now?: () => number;
}

const POLL_MS = 5;

export class WorkTracker {
  private readonly running = new Set<Promise<void>>();
  private readonly queue: Array<{ job: () => Promise<void>; at: number }> = [];
  private readonly idle: Array<() => void> = [];
  private readonly paused: Array<{ resolve: () => void; at: number }> = [];
  private readonly concurrency: number;
  private readonly maxDeferMs: number;
  private readonly now: () => number;

  /** While this says the server is busy acknowledging requests, queued jobs wait and running ones pause. */
  private busy: () => boolean = () => false;
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(options: WorkTrackerOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.maxDeferMs = options.maxDeferMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Acks first: while `busy()` is true, no job starts (within maxDeferMs) and `pause()` waits. */
  yieldTo(busy: () => boolean): void {
    this.busy = busy;
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.running.size + this.queue.length;
  }

  /** Jobs waiting for a slot (not started). */
  get queued(): number {
    return this.queue.length;
  }

  /** Run `job` in the background; its failures must be handled inside (a rejection here is swallowed). */
  run(job: () => Promise<void>): void {
    this.queue.push({ job, at: this.now() });
    this.pump();
  }

  /**
   * A running job's yield point: resolves at once when the server is quiet, else when it becomes quiet (or after
   * maxDeferMs), so a step of turn work (composing an answer, posting a reply) does not run in the middle of a burst
   * of acks.
   */
  pause(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.paused.push({ resolve, at: this.now() });
      this.schedulePoll();
    });
  }

  /** The server went quiet (its last pending request was answered): let waiting work go on. */
  nudge(): void {
    if (this.queue.length === 0 && this.paused.length === 0) return;
    setImmediate(() => this.pump());
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

  private schedulePoll(): void {
    this.pollTimer ??= setTimeout(() => {
      this.pollTimer = undefined;
      this.pump();
    }, POLL_MS);
  }

  private pump(): void {
    const busy = this.busy();
    const now = this.now();
    // Paused steps go on when the server is quiet, or once they have waited long enough.
    for (let i = 0; i < this.paused.length; ) {
      const step = this.paused[i]!;
      if (!busy || now - step.at >= this.maxDeferMs) {
        this.paused.splice(i, 1);
        step.resolve();
      } else i += 1;
    }
    while (this.queue.length > 0) {
      if (busy) {
        // Acks first: a job starts only after waiting maxDeferMs, and then alone.
        if (this.running.size > 0 || now - this.queue[0]!.at < this.maxDeferMs) break;
      } else if (this.running.size >= this.concurrency) break;
      const { job } = this.queue.shift()!;
      const promise: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(job)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(promise);
          this.pump();
          if (this.size === 0) for (const resolve of this.idle.splice(0)) resolve();
        });
      this.running.add(promise);
      if (busy) break;
    }
    if ((this.queue.length > 0 && busy) || this.paused.length > 0) this.schedulePoll();
  }
}
