// Politeness towards each remote host: at most N exchanges in flight and a minimum gap between the starts
// of two exchanges to the same host. Waiting is always a pending promise in arrival order.
// Must never hold a slot for a request that gave up (aborted waiters leave the queue and free their slot).
import { performance } from 'node:perf_hooks';
import { abortableWait } from './retry.js';

export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: () => void;
}

interface HostState {
  active: number;
  readonly queue: Waiter[];
  /** Earliest monotonic time the next exchange may start. */
  nextStart: number;
}

export interface HostLimiterOptions {
  readonly concurrency: number;
  readonly delayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

// Idle hosts are forgotten lazily once the table grows past this, so a link check over thousands of
// hosts does not keep one entry per host forever.
const SWEEP_THRESHOLD = 512;

export class HostLimiter {
  readonly #hosts = new Map<string, HostState>();
  readonly #concurrency: number;
  readonly #delayMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(options: HostLimiterOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(`perHostConcurrency must be an integer >= 1 (got ${options.concurrency}).`);
    }
    if (!Number.isFinite(options.delayMs) || options.delayMs < 0) {
      throw new RangeError(`perHostDelayMs must be a number >= 0 (got ${options.delayMs}).`);
    }
    this.#concurrency = options.concurrency;
    this.#delayMs = options.delayMs;
    this.#sleep = options.sleep;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Waits for a slot and for the host's start gap; resolves with the function that frees the slot. */
  async acquire(host: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) throw signal.reason;
    if (this.#hosts.size > SWEEP_THRESHOLD) this.#sweep();
    let state = this.#hosts.get(host);
    if (state === undefined) {
      state = { active: 0, queue: [], nextStart: 0 };
      this.#hosts.set(host, state);
    }
    const current = state;

    if (current.active < this.#concurrency && current.queue.length === 0) {
      current.active += 1;
    } else {
      await this.#enqueue(current, signal);
    }

    let released = false;
    const release: ReleaseSlot = () => {
      if (released) return;
      released = true;
      this.#release(host, current);
    };

    // Reserve a start time before waiting, so concurrent holders line up one gap apart.
    const now = this.#now();
    const start = Math.max(now, current.nextStart);
    current.nextStart = start + this.#delayMs;
    try {
      await abortableWait(start - now, this.#sleep, signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  #enqueue(state: HostState, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = state.queue.indexOf(waiter);
        if (index >= 0) state.queue.splice(index, 1);
        reject(signal?.reason as Error);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      state.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(host: string, state: HostState): void {
    const next = state.queue.shift();
    if (next !== undefined) {
      // The slot passes straight to the next waiter; `active` stays the same.
      next.grant();
      return;
    }
    state.active -= 1;
    if (state.active === 0 && state.nextStart <= this.#now()) this.#hosts.delete(host);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [host, state] of this.#hosts) {
      if (state.active === 0 && state.queue.length === 0 && state.nextStart <= now) this.#hosts.delete(host);
    }
  }

  /** How many exchanges are in flight to `host` (for tests and diagnostics). */
  inFlight(host: string): number {
    return this.#hosts.get(host)?.active ?? 0;
  }
}
