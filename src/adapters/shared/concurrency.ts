// Small concurrency tools both store adapters rely on: an async mutex that serializes write transactions
// on one connection, and a marker telling whether code runs inside a given store's own transaction.
// Must never poll, spin or block the event loop; waiting is always a pending promise.
import { AsyncLocalStorage } from 'node:async_hooks';

/** First-come, first-served lock for async work. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `work` once every earlier holder has finished, and releases the lock however `work` ends. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    return previous.then(work).finally(release);
  }
}

interface ScopeMark {
  readonly owner: object;
  active: boolean;
}

const scopes = new AsyncLocalStorage<ScopeMark>();

/**
 * Runs `fn` marked as being inside `owner`'s transaction. The mark is switched off when `fn` settles, so
 * promise chains that outlive the transaction are no longer treated as inside it.
 */
export async function runMarked<T>(owner: object, fn: () => Promise<T>): Promise<T> {
  const mark: ScopeMark = { owner, active: true };
  try {
    return await scopes.run(mark, fn);
  } finally {
    mark.active = false;
  }
}

/**
 * True when the caller runs inside a still-open transaction of `owner`. A write on the store itself from
 * there would wait for that very transaction to end (SQLite mutex, PostgreSQL row locks) and never finish.
 */
export function insideOwnTransaction(owner: object): boolean {
  const mark = scopes.getStore();
  return mark !== undefined && mark.active && mark.owner === owner;
}
