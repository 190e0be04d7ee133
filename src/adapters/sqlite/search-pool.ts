// A small pool of worker threads (search-worker.ts), each with its own read-only connection to the catalog, that
// run the FTS5 part of searches (finding and scoring the matching documents: most of a search's time) off the
// main thread: a search's own words and its expansions run side by side, a large one split by rowid ranges when
// workers are idle, and under concurrent load every core works on a search. The main thread keeps the facts of
// documents in memory (search-mirror.ts) and does the rest.
// The pool is an accelerator, never a dependency: while no worker is ready, or when one fails, run() answers
// null and the caller runs the queries on its own connection, with the same statements and the same result.
// Workers start on first demand, hold the process open only while they have work, and stop after a while idle;
// close() (called when the store closes) stops them for good. Fewer than two workers is no pool: one worker
// would only move a search from one thread to another, so 0 and 1 both mean searching on the calling thread.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../worker-threads.js';
import type { MatchJob, SearchWorkerData, SearchWorkerReply } from './search-worker.js';

export interface SearchPoolOptions {
  /** Worker threads; 0 or 1 turns the pool off. Default: the cores, at most 4. */
  readonly workers?: number;
  /** Workers stop after this long without work (default 60 s). */
  readonly idleMs?: number;
  /** Queue jobs while the first worker starts instead of answering null (tests). */
  readonly waitForStart?: boolean;
  /** Page cache of each worker's connection, negative: in KiB. */
  readonly cacheSize?: number;
}

/** The answer of one job: ascending document ids, their ranks when asked, and the index state it saw. */
export interface MatchResult {
  readonly ids: Int32Array;
  readonly ranks: Float64Array | null;
  readonly seq: number;
  readonly epoch: number;
}

export type MatchRequest = Omit<MatchJob, 'id'>;

const MAX_FAILURES = 3;
const DEFAULT_IDLE_MS = 60_000;
const DEFAULT_CACHE_SIZE = -65_536;

interface Pending {
  readonly job: MatchJob;
  readonly resolve: (result: MatchResult | null) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  current: Pending | null;
}

const MAX_DEFAULT_WORKERS = 4;

/** The size of a pool: the option, else the cores (at most MAX_DEFAULT_WORKERS); below 2 the pool is off. */
export function poolSize(workers: number | undefined): number {
  const size = Math.floor(workers ?? Math.min(MAX_DEFAULT_WORKERS, availableParallelism()));
  return size >= 2 ? size : 0;
}

export class SearchPool {
  readonly size: number;
  readonly #data: SearchWorkerData;
  readonly #idleMs: number;
  readonly #waitForStart: boolean;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #failures = 0;
  #disabled = false;
  #closed = false;
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(file: string, options: SearchPoolOptions = {}) {
    this.size = poolSize(options.workers);
    this.#data = { file, cacheSize: options.cacheSize ?? DEFAULT_CACHE_SIZE };
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#waitForStart = options.waitForStart ?? false;
  }

  get enabled(): boolean {
    return this.size > 0 && !this.#disabled && !this.#closed;
  }

  /** Ready workers with nothing to do while nothing waits: how many parts a search may be split into now. */
  get idleWorkers(): number {
    if (this.#queue.length > 0) return 0;
    return this.#slots.filter((s) => s.ready && s.current === null).length;
  }

  /**
   * Runs `requests` on the workers: the results in request order, or null when a worker failed on one. Returns
   * null at once (the caller runs them itself) when the pool is off or, unless it waits for start, no worker is
   * ready yet.
   */
  run(requests: readonly MatchRequest[]): Promise<(MatchResult | null)[]> | null {
    if (!this.enabled || requests.length === 0) return null;
    this.#grow();
    if (!this.#waitForStart && !this.#slots.some((s) => s.ready)) return null;
    this.#clearIdleTimer();
    const answers = requests.map(
      (request) =>
        new Promise<MatchResult | null>((resolve) => {
          this.#queue.push({ job: { ...request, id: this.#nextId++ }, resolve });
        }),
    );
    this.#dispatch();
    return Promise.all(answers);
  }

  /** Stops every worker for good; waiting jobs are answered null and run() answers null from now on. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#stop();
  }

  /** Stops every worker; waiting jobs are answered null. The pool starts workers again on demand. */
  async #stop(): Promise<void> {
    this.#clearIdleTimer();
    const slots = this.#slots.splice(0);
    for (const slot of slots) slot.current?.resolve(null);
    for (const pending of this.#queue.splice(0)) pending.resolve(null);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #grow(): void {
    while (this.#slots.length < this.size && this.enabled) this.#start();
  }

  #start(): void {
    let worker: Worker;
    try {
      worker = startWorker(import.meta.url, './search-worker.js', { workerData: this.#data });
    } catch {
      this.#fail(null);
      return;
    }
    const slot: Slot = { worker, ready: false, current: null };
    this.#slots.push(slot);
    // Only a worker with work holds the process open.
    worker.unref();
    worker.on('message', (reply: SearchWorkerReply) => {
      if (reply.type === 'ready') {
        slot.ready = true;
        this.#failures = 0;
        this.#dispatch();
        return;
      }
      const pending = slot.current;
      if (pending === null || pending.job.id !== reply.id) return;
      slot.current = null;
      worker.unref();
      pending.resolve(
        reply.type === 'done'
          ? { ids: reply.ids, ranks: reply.ranks, seq: reply.seq, epoch: reply.epoch }
          : null,
      );
      this.#dispatch();
    });
    worker.on('error', () => this.#fail(slot));
    worker.on('exit', () => this.#fail(slot));
  }

  /** A worker died or could not start: its job is answered null, and too many failures turn the pool off. */
  #fail(slot: Slot | null): void {
    if (slot !== null) {
      const index = this.#slots.indexOf(slot);
      if (index < 0) return;
      this.#slots.splice(index, 1);
      slot.current?.resolve(null);
      slot.current = null;
      void slot.worker.terminate().catch(() => undefined);
    }
    this.#failures += 1;
    if (this.#failures >= MAX_FAILURES) this.#disabled = true;
    if (this.#disabled || (!this.#waitForStart && !this.#slots.some((s) => s.ready))) {
      for (const pending of this.#queue.splice(0)) pending.resolve(null);
    } else {
      this.#grow();
    }
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) break;
      if (!slot.ready || slot.current !== null) continue;
      const pending = this.#queue.shift();
      if (pending === undefined) break;
      slot.current = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
    if (this.#queue.length === 0 && this.#slots.every((s) => s.current === null)) this.#armIdleTimer();
  }

  #armIdleTimer(): void {
    if (this.#idleTimer !== null || this.#slots.length === 0) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#queue.length === 0 && this.#slots.every((s) => s.current === null)) void this.#stop();
    }, this.#idleMs);
    this.#idleTimer.unref();
  }

  #clearIdleTimer(): void {
    if (this.#idleTimer === null) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }
}
