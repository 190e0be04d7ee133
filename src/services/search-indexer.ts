// Keeps the search index in step with the catalog: the store queues every record whose indexed content may
// have changed; `indexPending` turns queued records into search documents (or removals) in batches, applies
// them to the index and takes them off the queue. `ensureCurrent` rebuilds the whole index when it was made by
// another analyzer or document version (or never made), so a changed tokenization never mixes with old terms.
// Indexing is idempotent: a crash between applying a batch and dequeuing it only indexes that batch again.
import type { RecordRef } from '../domain/catalog.js';
import type { SearchDocument, SearchIndex } from '../ports/search-index.js';
import type { Store } from '../ports/store.js';
import { ANALYZER_VERSION } from '../search/analyzer.js';
import { buildSearchDocument, DOCUMENT_VERSION } from '../search/document.js';

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
  /** Records per batch (default 1000). */
  readonly batchSize?: number;
  /** Called after each batch with the running totals. */
  readonly onProgress?: (report: IndexReport) => void;
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

  async function drain(options: IndexPendingOptions = {}): Promise<IndexReport> {
    const batchSize = options.batchSize ?? 1000;
    let sourceCountries = await countries();
    let indexed = 0;
    let removed = 0;
    let batches = 0;
    for (;;) {
      const queued = await store.listQueuedForIndex(batchSize);
      if (queued.length === 0) break;
      const refs = queued.map((q) => ({ sourceId: q.sourceId, sourceRecordId: q.sourceRecordId }));
      const records = await store.getRecordsForIndex(refs);
      const found = new Set<string>();
      const documents: SearchDocument[] = [];
      const gone: RecordRef[] = [];
      for (const row of records) {
        found.add(refId(row.ref));
        if (!sourceCountries.has(row.ref.sourceId)) sourceCountries = await countries();
        // A record of a source removed meanwhile is not indexed again (its documents went with it).
        if (row.status !== 'active' || row.record === null || !sourceCountries.has(row.ref.sourceId)) {
          gone.push(row.ref);
          continue;
        }
        documents.push(
          buildSearchDocument({
            ref: row.ref,
            record: row.record,
            workId: row.workId,
            qualityScore: row.qualityScore,
            harvestedAt: row.harvestedAt,
            sourceCountry: sourceCountries.get(row.ref.sourceId) ?? null,
          }),
        );
      }
      for (const ref of refs) if (!found.has(refId(ref))) gone.push(ref);
      await index.apply(documents, gone);
      await store.dequeueIndexed(queued);
      indexed += documents.length;
      removed += gone.length;
      batches += 1;
      options.onProgress?.({ indexed, removed, batches });
      if (queued.length < batchSize) break;
    }
    return { indexed, removed, batches };
  }

  async function rebuildNow(options?: IndexPendingOptions): Promise<IndexReport> {
    await index.clear();
    await store.enqueueAllForIndex();
    const report = await drain(options);
    await store.setMeta(INDEX_VERSION_META, INDEX_VERSION);
    return report;
  }

  return {
    indexPending: (options) => serialize(() => drain(options)),
    ensureCurrent: (options) =>
      serialize(async () => {
        if ((await store.getMeta(INDEX_VERSION_META)) === INDEX_VERSION) {
          return { rebuilt: false, report: await drain(options) };
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
