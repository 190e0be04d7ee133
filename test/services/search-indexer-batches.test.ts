// The search indexer's batching on a real SQLite file: documents built on a worker thread are the ones built on
// the calling thread, a queue longer than one window is indexed whole in small batches, and the index is merged
// after a rebuild. Two catalogs with the same records are indexed in different ways and must answer alike.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createSqliteSearchIndex } from '../../src/adapters/sqlite/sqlite-search-index.js';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { SourceRecordInput } from '../../src/domain/catalog.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { INDEX_FACETS, type IndexQuery, type SearchIndex } from '../../src/ports/search-index.js';
import type { Store } from '../../src/ports/store.js';
import { activeRecordInput } from '../support/source-records.js';
import { createSearchIndexer, type IndexPendingOptions } from '../../src/services/search-indexer.js';

const HARVESTED_AT = '2024-05-01T10:00:00.000Z';
const TOPICS = ['photosynthesis', 'algebra', 'volcanoes', 'poetry', 'fractions', 'climate'];
const LANGUAGES = ['en', 'fr', 'es', 'de'];

function input(sourceId: string, i: number): SourceRecordInput {
  const id = `rec-${i}`;
  const url = `https://example.org/${sourceId}/${id}`;
  const lang = LANGUAGES[i % LANGUAGES.length] ?? 'en';
  const record: ResourceRecord = {
    id: url,
    type: ['LearningResource'],
    name: { [lang]: `${TOPICS[i % TOPICS.length] ?? 'x'} lesson ${i}` },
    description: {
      [lang]: `About ${TOPICS[(i * 5) % TOPICS.length] ?? 'x'} and ${TOPICS[(i * 7) % 6] ?? 'x'}`,
    },
    keywords: { [lang]: [TOPICS[(i * 3) % TOPICS.length] ?? 'x'] },
    url,
    inLanguage: [lang],
    provenance: [{ sourceId, sourceRecordId: id, harvestedAt: HARVESTED_AT, fields: ['name'] }],
  };
  return activeRecordInput(sourceId, id, record, HARVESTED_AT);
}

interface Catalog {
  readonly store: Store;
  readonly index: SearchIndex;
  readonly folder: string;
}

/** A catalog of `n` records from one source (same source id everywhere, so refs compare). */
async function catalog(n: number): Promise<Catalog> {
  const folder = await mkdtemp(path.join(tmpdir(), 'atlas-indexer-batches-'));
  const store = await openSqliteStore({ file: path.join(folder, 'atlas.sqlite') });
  await store.migrate();
  await store.createSource({
    id: 'src-a',
    name: 'Repository A',
    url: 'https://a.example.org/oai',
    protocol: 'oai-pmh',
    format: 'oai_dc',
    sets: [],
    excludeSets: [],
    schedule: 'manual',
    country: 'FR',
    allowPrivateNetwork: false,
    settings: {},
  });
  await store.upsertSourceRecords(Array.from({ length: n }, (_, i) => input('src-a', i)));
  return { store, index: createSqliteSearchIndex(store, { pool: { workers: 0 } }), folder };
}

async function close(c: Catalog): Promise<void> {
  await c.store.close();
  await rm(c.folder, { recursive: true, force: true });
}

const NO_FILTERS = {
  ...(Object.fromEntries(INDEX_FACETS.map((f) => [f, []])) as unknown as IndexQuery['filters']),
  free: null,
  noLogin: null,
};

function query(match: IndexQuery['match']): IndexQuery {
  return {
    match,
    expansions: [],
    exclude: null,
    filters: NO_FILTERS,
    facets: ['inLanguage', 'country'],
    facetLimit: 10,
    sort: 'relevance',
    limit: 1000,
    after: null,
  };
}

/** Everything a search shows of the index: all hits with scores, facets, and the stats. */
async function answers(index: SearchIndex): Promise<unknown[]> {
  const out: unknown[] = [await index.stats(), await index.search(query(null))];
  for (const word of ['photosynthesis', 'algebra', 'lesson', 'climat']) {
    out.push(
      await index.search(query({ kind: 'term', term: word, columns: ['title', 'subjects', 'description'] })),
    );
  }
  out.push(await index.completeWord('p', 20));
  return out;
}

async function indexWith(n: number, options: IndexPendingOptions, rebuild = false): Promise<unknown[]> {
  const c = await catalog(n);
  try {
    const indexer = createSearchIndexer({ store: c.store, index: c.index });
    const report = rebuild ? await indexer.rebuild(options) : await indexer.indexPending(options);
    assert.equal(report.indexed, n);
    assert.equal(await c.store.countQueuedForIndex(), 0);
    return [report, ...(await answers(c.index))];
  } finally {
    await close(c);
  }
}

void describe('search indexer batches', () => {
  void it('builds the same documents on a worker thread as on its own thread', async () => {
    const own = await indexWith(60, { batchSize: 7, buildOnWorker: false });
    const worker = await indexWith(60, { batchSize: 7, buildOnWorker: true });
    assert.deepEqual(worker, own);
  });

  void it('indexes a queue longer than one window in batches, the same as in one batch', async () => {
    const small = await indexWith(130, { batchSize: 3 });
    const whole = await indexWith(130, { batchSize: 1000 });
    // 130 records in batches of 3: 44 batches over several windows of 24.
    assert.deepEqual((small[0] as { batches: number }).batches, 44);
    assert.deepEqual(small.slice(1), whole.slice(1));
  });

  void it('answers the same after a rebuild, which merges the index', async () => {
    const pending = await indexWith(80, { batchSize: 5 });
    const rebuilt = await indexWith(80, { batchSize: 5 }, true);
    assert.deepEqual(rebuilt.slice(1), pending.slice(1));
  });
});
