/**
 * Background work started after a request was acknowledged. The server drains it on shutdown, so that a reply in
 * flight is finished before the process exits.
 */
export class WorkTracker {
  private readonly running = new Set<Promise<void>>();

  get size(): number {
    return this.running.size;
  }

  /** Run `job` in the background; its failures must be handled inside (a rejection here is swallowed). */
  run(job: () => Promise<void>): void {
    const promise: Promise<void> = job()
      .catch(() => undefined)
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolve when every job has finished, or after `timeoutMs`; returns how many were still running. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.allSettled([...this.running]), timeout]);
      clearTimeout(timer);
    }
    return this.running.size;
  }
}
