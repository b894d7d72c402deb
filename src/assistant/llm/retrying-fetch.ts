/**
 * The model's HTTP requests with retries: HTTP 429 (with or without Retry-After) and 5xx, and connection failures,
 * (and an attempt that exceeds its own time limit) are retried with exponential backoff and full jitter — 1 s, 2 s, 4 s … each scaled by a random 50–100 % — as long
 * as the turn's deadline leaves room. A Retry-After the deadline cannot wait for ends the retries.
 */
export interface RetryOptions {
  retries: number;
  /** Epoch ms by which the whole turn must be done. */
  deadline: number;
  /** Each attempt's own time limit; a timed-out attempt is retried like a 5xx. */
  timeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  fetch?: typeof fetch;
}

const RETRIED_STATUS = (status: number) => status === 429 || status === 408 || status >= 500;

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function retryingFetch(options: RetryOptions): typeof fetch {
  const base = options.baseDelayMs ?? 1_000;
  const cap = options.maxDelayMs ?? 8_000;
  const random = options.random ?? Math.random;
  const doFetch = options.fetch ?? fetch;
  return async (input, init) => {
    for (let attempt = 0; ; attempt += 1) {
      const left = options.deadline - Date.now();
      const attemptTimeout = AbortSignal.timeout(Math.max(1, Math.min(options.timeoutMs ?? left, left)));
      const signal = init?.signal ? AbortSignal.any([init.signal, attemptTimeout]) : attemptTimeout;
      let response: Response;
      try {
        response = await doFetch(input, { ...init, signal });
      } catch (error) {
        if (init?.signal?.aborted) throw error; // the caller gave up
        const delay = Math.min(cap, base * 2 ** attempt) * (0.5 + random() / 2);
        if (attempt >= options.retries || delay >= options.deadline - Date.now()) {
          // The SDK reports an AbortError as a timeout ("Request timed out.").
          if (attemptTimeout.aborted) throw Object.assign(new Error('model request timed out'), { name: 'AbortError' });
          throw error;
        }
        await sleep(delay, init?.signal);
        continue;
      }
      if (!RETRIED_STATUS(response.status) || attempt >= options.retries) return response;
      const backoff = Math.min(cap, base * 2 ** attempt) * (0.5 + random() / 2);
      const delay = Math.max(backoff, retryAfterMs(response.headers.get('retry-after')) ?? 0);
      if (delay >= left - 500) return response; // no time to wait: the caller falls back
      await response.body?.cancel().catch(() => undefined);
      await sleep(delay, init?.signal);
    }
  };
}
