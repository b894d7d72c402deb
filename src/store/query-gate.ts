/**
 * One statement at a time into PGlite (which runs them one at a time anyway), in two lanes: an urgent statement
 * (the chat channels' deliveries ledger: a claim written before a platform's ack) goes ahead of every waiting normal
 * one, so it waits at most for the statement or transaction already running — never behind a queue of other users'
 * turns — and between two statements the event loop turns, so requests keep being read and acknowledged.
 */
export class QueryGate {
  private busy = false;
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];

  async run<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    if (this.busy) await new Promise<void>((resolve) => (urgent ? this.urgent : this.normal).push(resolve));
    this.busy = true;
    try {
      return await fn();
    } finally {
      // Hand over on the next turn of the event loop, not in this microtask: chaining statements back to back in
      // microtasks would starve the sockets (new requests, their acks) until the whole queue is through. The gate stays
      // busy meanwhile; an urgent statement that arrives in between goes first.
      if (this.urgent.length > 0 || this.normal.length > 0) {
        setImmediate(() => {
          const next = this.urgent.shift() ?? this.normal.shift();
          if (next) next();
          else this.busy = false;
        });
      } else {
        this.busy = false;
      }
    }
  }
}
