// Retry arithmetic for the guarded HTTP client: which answers deserve another attempt, how long to wait
// (a server's Retry-After first, else exponential backoff with full jitter) and abortable waiting.
// Must never wait longer than the policy's cap, and never sleep through a caller's cancellation.
import type { RetryPolicy } from '../../ports/http-client.js';

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

// Statuses that say "not now" rather than "not ever". 403 and the rest of 4xx are the caller's to judge.
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Reads Retry-After as milliseconds from `nowMs`: either delta-seconds or an HTTP date. Dates in the past
 * mean "now" (0). Anything unreadable is `undefined`, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  // Only accept things that look like dates: Date.parse would read "12" or "1.5" as years.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Full-jitter backoff: a random wait between 0 and base·2^(attempt-1), capped. The randomness spreads
 * harvesters that failed together so they do not return together.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * r);
}

/** The wait before the next attempt: the server's wish when it stated one, capped by the policy. */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const wanted = retryAfterMs ?? backoffDelay(attempt, policy, random);
  return Math.max(0, Math.min(policy.maxDelayMs, wanted));
}

export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const ok =
    Number.isInteger(policy.maxAttempts) &&
    policy.maxAttempts >= 1 &&
    Number.isFinite(policy.baseDelayMs) &&
    policy.baseDelayMs >= 0 &&
    Number.isFinite(policy.maxDelayMs) &&
    policy.maxDelayMs >= 0;
  if (!ok) {
    throw new RangeError(
      `Invalid retry policy: maxAttempts must be an integer >= 1 and delays finite numbers >= 0 (got ${JSON.stringify(policy)}).`,
    );
  }
  return policy;
}

/** Waits through `sleep`, but gives up as soon as `signal` aborts, rejecting with its reason. */
export async function abortableWait(
  ms: number,
  sleep: (ms: number) => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (signal?.aborted) throw signal.reason;
  if (ms <= 0) return;
  if (signal === undefined) {
    await sleep(ms);
    return;
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The real clock's sleep. Deliberately not unref'd: a harvest waiting out a Retry-After has nothing else
 * keeping the process alive, and must not be cut off by the process exiting.
 */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}
