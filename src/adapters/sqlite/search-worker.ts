// A worker thread of the SQLite search pool (search-pool.ts): its own read-only connection to the catalog file
// runs FTS5 queries (search-matches.ts, the statements the main thread runs) and returns the matching document
// ids, with their ranks when asked, for one range of rowids, together with the index state (seq, epoch) its read
// transaction saw, so that the main thread can tell whether the answer belongs to the snapshot it evaluates.
// Ranks are FTS5's own -bm25: the same doubles the main thread would get, whatever the range (bm25 takes its
// document counts and sizes from the whole index).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { matchList } from './search-matches.js';

export interface SearchWorkerData {
  readonly file: string;
  /** The connection's page cache, negative: in KiB. */
  readonly cacheSize: number;
}

/** Documents matching `query` with from <= rowid < to (to = 0: no upper bound). */
export interface MatchJob {
  readonly id: number;
  readonly query: string;
  readonly ranked: boolean;
  readonly from: number;
  readonly to: number;
}

export type SearchWorkerReply =
  | { readonly type: 'ready' }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly ids: Int32Array;
      readonly ranks: Float64Array | null;
      readonly seq: number;
      readonly epoch: number;
    }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

const STATE = `SELECT seq, epoch FROM search_state WHERE id = 1`;
/** Beyond any rowid the index hands out (ids are int32 in the mirror's arrays). */
const NO_UPPER_BOUND = 2 ** 31;

const port = parentPort;
if (port !== null) {
  const data = workerData as SearchWorkerData;
  const db = new Database(data.file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  db.pragma(`cache_size = ${data.cacheSize}`);
  const state = db.prepare<[], { seq: number; epoch: number }>(STATE);
  // One read transaction: the state and the matches come from the same snapshot.
  const run = db.transaction((job: MatchJob) => {
    const snapshot = state.get();
    const range = { from: job.from, to: job.to === 0 ? NO_UPPER_BOUND : job.to };
    const found = matchList(db, job.query, job.ranked, range);
    return { ...found, seq: snapshot?.seq ?? -1, epoch: snapshot?.epoch ?? -1 };
  });
  port.on('message', (job: MatchJob) => {
    try {
      const { ids, ranks, seq, epoch } = run(job);
      const reply: SearchWorkerReply = { type: 'done', id: job.id, ids, ranks, seq, epoch };
      // The arrays are fresh copies (matchList slices them): their memory moves to the main thread.
      const buffers = (ranks === null ? [ids.buffer] : [ids.buffer, ranks.buffer]) as ArrayBuffer[];
      port.postMessage(reply, buffers);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ type: 'failed', id: job.id, message } satisfies SearchWorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies SearchWorkerReply);
}
