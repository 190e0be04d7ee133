// Keeps the search index in step with the catalog: the store queues every record whose indexed content may
// have changed; `indexPending` turns queued records into search documents (or removals) in batches, applies
// them to the index and takes them off the queue. `ensureCurrent` rebuilds the whole index when it was made by
// another analyzer or document version (or never made), so a changed tokenization never mixes with old terms.
// Indexing is idempotent: a crash between applying a batch and dequeuing it only indexes that batch again.
// Speed: batches of 500 records, one transaction each; with 4 cores or more the next batch is built on a worker
// thread while the previous one is written (building documents is ~30 % of a rebuild's CPU); after a rebuild or
// a pass that rewrote a good part of the index, an index that can (SQLite) compacts itself.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { QueuedRecordRef, RecordRef } from '../domain/catalog.js';
import type { SearchDocument, SearchIndex } from '../ports/search-index.js';
import type { Store } from '../ports/store.js';
import { ANALYZER_VERSION } from '../search/analyzer.js';
import { buildSearchDocument, DOCUMENT_VERSION, type SearchDocumentInput } from '../search/document.js';
import { startWorker } from '../worker-threads.js';
import type { BuildReply, BuildTask } from './search-document-worker.js';

/** What the index was built with; a different value means a rebuild. */
export const INDEX_VERSION = `${ANALYZER_VERSION}|doc-${DOCUMENT_VERSION}`;
export const INDEX_VERSION_META = 'search.index_version';

export interface IndexReport {
  readonly indexed: number;
  readonly removed: number;
  readonly batches: number;
}

export interface SearchIndexerDeps {
  readonly store: Store;
  readonly index: SearchIndex;
}

export interface IndexPendingOptions {
  /** Records per batch (default 500). */
  readonly batchSize?: number;
  /** Called after each batch with the running totals. */
  readonly onProgress?: (report: IndexReport) => void;
  /**
   * Build documents on a worker thread: true always, false never; by default when the pass starts with at least
   * WORKER_MIN_RECORDS queued records on a machine with WORKER_MIN_CORES cores. The documents are the same.
   */
  readonly buildOnWorker?: boolean;
}

export interface SearchIndexer {
  /** Indexes everything queued, batch after batch, until the queue is empty. */
  indexPending(options?: IndexPendingOptions): Promise<IndexReport>;
  /** Rebuilds from scratch when the index version differs; returns whether it did. */
  ensureCurrent(
    options?: IndexPendingOptions,
  ): Promise<{ readonly rebuilt: boolean; readonly report: IndexReport }>;
  /** Clears the index, queues every active record and indexes them. */
  rebuild(options?: IndexPendingOptions): Promise<IndexReport>;
  /** Records waiting to be indexed. */
  pending(): Promise<number>;
}

/**
 * An index that can compact itself after a bulk load (the SQLite adapter merges its FTS5 segments into one;
 * results do not change, queries get faster). Not part of the SearchIndex port: used when an adapter has it.
 */
interface OptimizableIndex {
  optimize(): Promise<void>;
}

function isOptimizable(index: SearchIndex): index is SearchIndex & OptimizableIndex {
  return typeof (index as Partial<OptimizableIndex>).optimize === 'function';
}

/**
 * Records per batch: one transaction of the index each. Larger ones did not pay on 2 shared cores: 4,000 took
 * 4 % more CPU than 1,000 over 100,000 documents (9 % less over 500,000 with a 256 MiB page cache) and held
 * ~200 MB more memory, which the ingest budget (300 MB) cannot spare. 500 against 1,000, on 20,000 records of
 * the ingest benchmark's multilingual catalog: the same time, a peak 17 MB lower.
 */
const DEFAULT_BATCH_SIZE = 500;
/** Batches listed from the queue at once (their reads and writes overlap), within the store's page limit. */
const WINDOW_BATCHES = 8;
const MAX_WINDOW = 10_000;
/**
 * A pass over at least this many queued records builds documents on a worker thread: starting one and loading
 * its vocabularies costs a few seconds, which a short pass would not win back.
 */
const WORKER_MIN_RECORDS = 20_000;
/**
 * ...and only with at least this many cores. On 2 shared cores a rebuild of 100,000 documents took 50 s of CPU
 * with the worker against 36 s without (the records and documents cross between threads as copies, and the two
 * threads slow each other down) and finished no sooner.
 */
const WORKER_MIN_CORES = 4;

/** Turns the inputs of one batch into documents, in order. */
interface DocumentBuilder {
  build(inputs: readonly SearchDocumentInput[]): Promise<readonly SearchDocument[]>;
  close(): Promise<void>;
}

const IN_THREAD: DocumentBuilder = {
  build: (inputs) => Promise.resolve(inputs.map((input) => buildSearchDocument(input))),
  close: () => Promise.resolve(),
};

/**
 * Builds documents on one worker thread, with the same function; a batch the worker cannot build (it failed or
 * died) is built on the calling thread instead, so the documents never depend on where they were built.
 */
function startWorkerBuilder(): DocumentBuilder {
  let worker: Worker | null;
  try {
    worker = startWorker(import.meta.url, './search-document-worker.js');
  } catch {
    return IN_THREAD;
  }
  let nextId = 1;
  const waiting = new Map<number, (documents: readonly SearchDocument[] | null) => void>();
  const stop = (): void => {
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
    const dead = worker;
    worker = null;
    void dead?.terminate().catch(() => undefined);
  };
  worker.on('message', (reply: BuildReply) => {
    if (reply.type === 'ready') return;
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    resolve?.(reply.type === 'done' ? reply.documents : null);
  });
  worker.on('error', stop);
  worker.on('exit', stop);
  return {
    async build(inputs) {
      if (worker === null || inputs.length === 0) return IN_THREAD.build(inputs);
      const id = nextId++;
      const task: BuildTask = { id, inputs };
      const documents = await new Promise<readonly SearchDocument[] | null>((resolve) => {
        waiting.set(id, resolve);
        try {
          worker?.postMessage(task);
        } catch {
          waiting.delete(id);
          resolve(null);
        }
      });
      return documents ?? IN_THREAD.build(inputs);
    },
    close() {
      stop();
      return Promise.resolve();
    },
  };
}

/** A pass that changed at least this many documents, and this share of the index, is followed by optimize(). */
const OPTIMIZE_MIN_CHANGES = 1_000;
const OPTIMIZE_MIN_SHARE = 0.25;

export function createSearchIndexer(deps: SearchIndexerDeps): SearchIndexer {
  const { store, index } = deps;
  // Indexing passes never overlap within one process: a second caller waits for the running pass.
  let running: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  };

  async function countries(): Promise<Map<string, string | null>> {
    const map = new Map<string, string | null>();
    for (const source of await store.listSources()) map.set(source.id, source.country);
    return map;
  }

  /** A batch read from the store and turned into documents (on the builder's worker when it has one). */
  interface PreparedBatch {
    readonly queued: readonly QueuedRecordRef[];
    readonly documents: readonly SearchDocument[];
    readonly gone: readonly RecordRef[];
  }

  async function prepare(
    queued: readonly QueuedRecordRef[],
    builder: DocumentBuilder,
  ): Promise<PreparedBatch> {
    const refs = queued.map((q) => ({ sourceId: q.sourceId, sourceRecordId: q.sourceRecordId }));
    const records = await store.getRecordsForIndex(refs);
    const found = new Set<string>();
    const inputs: SearchDocumentInput[] = [];
    const gone: RecordRef[] = [];
    for (const row of records) {
      found.add(refId(row.ref));
      if (!sourceCountries.has(row.ref.sourceId)) sourceCountries = await countries();
      // A record of a source removed meanwhile is not indexed again (its documents went with it).
      if (row.status !== 'active' || row.record === null || !sourceCountries.has(row.ref.sourceId)) {
        gone.push(row.ref);
        continue;
      }
      inputs.push({
        ref: row.ref,
        record: row.record,
        workId: row.workId,
        qualityScore: row.qualityScore,
        harvestedAt: row.harvestedAt,
        sourceCountry: sourceCountries.get(row.ref.sourceId) ?? null,
      });
    }
    for (const ref of refs) if (!found.has(refId(ref))) gone.push(ref);
    return { queued, documents: await builder.build(inputs), gone };
  }

  let sourceCountries = new Map<string, string | null>();

  /**
   * Indexes the queue oldest first, a window of queued records at a time, in batches of `batchSize`: each batch
   * is applied in one transaction and then taken off the queue; with a worker thread (a large queue, enough
   * cores) the next batch is read and built meanwhile, so that building documents and writing the index overlap.
   */
  async function drain(options: IndexPendingOptions = {}): Promise<IndexReport> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const windowSize =
      batchSize * Math.max(1, Math.floor(Math.min(MAX_WINDOW, batchSize * WINDOW_BATCHES) / batchSize));
    sourceCountries = await countries();
    let indexed = 0;
    let removed = 0;
    let batches = 0;
    const useWorker =
      options.buildOnWorker ??
      (availableParallelism() >= WORKER_MIN_CORES &&
        (await store.countQueuedForIndex()) >= WORKER_MIN_RECORDS);
    let builder: DocumentBuilder = IN_THREAD;
    try {
      for (;;) {
        const window = await store.listQueuedForIndex(windowSize);
        if (window.length === 0) break;
        if (builder === IN_THREAD && useWorker) builder = startWorkerBuilder();
        const chunks: QueuedRecordRef[][] = [];
        for (let i = 0; i < window.length; i += batchSize) chunks.push(window.slice(i, i + batchSize));
        // A worker builds the next batch while this thread writes the previous one. Built on this thread, a batch
        // prepared ahead would only be held in memory beside the one being written (the store and the index
        // work synchronously), so each batch is prepared when its turn comes.
        const ahead = builder !== IN_THREAD;
        let next: Promise<PreparedBatch> | null = prepare(chunks[0] ?? [], builder);
        for (let i = 0; next !== null; i += 1) {
          const batch: PreparedBatch = await next;
          const following = chunks[i + 1];
          next = following === undefined || !ahead ? null : prepare(following, builder);
          // The next batch is awaited only after this one is written: its failure, if any, is reported then
          // (marked as handled now, so that it does not count as an unhandled rejection meanwhile).
          next?.catch(() => undefined);
          try {
            await index.apply(batch.documents, batch.gone);
            await store.dequeueIndexed(batch.queued);
          } catch (error) {
            await next?.catch(() => undefined);
            throw error;
          }
          indexed += batch.documents.length;
          removed += batch.gone.length;
          batches += 1;
          options.onProgress?.({ indexed, removed, batches });
          if (!ahead && following !== undefined) next = prepare(following, builder);
        }
        if (window.length < windowSize) break;
      }
    } finally {
      await builder.close();
    }
    return { indexed, removed, batches };
  }

  /** Compacts the index after a pass that rewrote much of it (always after a rebuild). */
  async function settle(report: IndexReport, rebuilt: boolean): Promise<IndexReport> {
    if (!isOptimizable(index)) return report;
    const changed = report.indexed + report.removed;
    if (!rebuilt) {
      if (changed < OPTIMIZE_MIN_CHANGES) return report;
      if (changed < OPTIMIZE_MIN_SHARE * (await index.stats()).documents) return report;
    }
    await index.optimize();
    return report;
  }

  async function rebuildNow(options?: IndexPendingOptions): Promise<IndexReport> {
    await index.clear();
    await store.enqueueAllForIndex();
    const report = await settle(await drain(options), true);
    await store.setMeta(INDEX_VERSION_META, INDEX_VERSION);
    return report;
  }

  return {
    indexPending: (options) => serialize(async () => settle(await drain(options), false)),
    ensureCurrent: (options) =>
      serialize(async () => {
        if ((await store.getMeta(INDEX_VERSION_META)) === INDEX_VERSION) {
          return { rebuilt: false, report: await settle(await drain(options), false) };
        }
        return { rebuilt: true, report: await rebuildNow(options) };
      }),
    rebuild: (options) => serialize(() => rebuildNow(options)),
    pending: () => store.countQueuedForIndex(),
  };
}

function refId(ref: RecordRef): string {
  return `${ref.sourceId}\u0000${ref.sourceRecordId}`;
}
