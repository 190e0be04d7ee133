// The search indexer on a real SQLite file: queued records become documents, tombstones and removed sources
// leave the index, a second pass finds nothing to do, and an index made by another analyzer or document
// version is rebuilt from every active record.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { searchIndexFor } from '../../src/composition.js';
import type { SourceRecordInput } from '../../src/domain/catalog.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import type { SearchIndex } from '../../src/ports/search-index.js';
import type { Store } from '../../src/ports/store.js';
import { activeRecordInput } from '../support/source-records.js';
import {
  createSearchIndexer,
  INDEX_VERSION,
  INDEX_VERSION_META,
  type SearchIndexer,
} from '../../src/services/search-indexer.js';

const HARVESTED_AT = '2024-05-01T10:00:00.000Z';

function input(sourceId: string, id: string, title: string): SourceRecordInput {
  const url = `https://example.org/${encodeURIComponent(sourceId)}/${id}`;
  const record: ResourceRecord = {
    id: url,
    type: ['LearningResource'],
    name: { en: title },
    url,
    inLanguage: ['en'],
    provenance: [{ sourceId, sourceRecordId: id, harvestedAt: HARVESTED_AT, fields: ['name'] }],
  };
  return activeRecordInput(sourceId, id, record, HARVESTED_AT);
}

function tombstone(sourceId: string, id: string): SourceRecordInput {
  const raw = `deleted ${id}`;
  return {
    sourceId,
    sourceRecordId: id,
    status: 'deleted',
    sourceDatestamp: '2024-05-02',
    rawFormat: 'oai_dc',
    raw,
    rawHash: createHash('sha256').update(raw).digest('hex'),
    record: null,
    errorCode: null,
    errorMessage: null,
    harvestedAt: HARVESTED_AT,
  };
}

void describe('search indexer', () => {
  let folder: string;
  let store: Store;
  let index: SearchIndex;
  let indexer: SearchIndexer;
  let sourceA: string;
  let sourceB: string;

  const addSource = async (label: string, country: string | null): Promise<string> =>
    (
      await store.createSource({
        name: `Repository ${label}`,
        url: `https://${label}.example.org/oai`,
        protocol: 'oai-pmh',
        format: 'oai_dc',
        sets: [],
        excludeSets: [],
        schedule: 'manual',
        country,
        allowPrivateNetwork: false,
        settings: {},
      })
    ).id;

  const titles = async (facet?: { country: string }): Promise<number> =>
    (
      await index.search({
        match: null,
        expansions: [],
        exclude: null,
        filters: {
          inLanguage: [],
          license: [],
          level: [],
          field: [],
          type: [],
          accessibility: [],
          source: [],
          country: facet === undefined ? [] : [facet.country],
          free: null,
          noLogin: null,
        },
        facets: [],
        facetLimit: 0,
        sort: 'date',
        limit: 100,
        after: null,
      })
    ).total;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'atlas-indexer-'));
    store = await openSqliteStore({ file: path.join(folder, 'atlas.sqlite') });
    await store.migrate();
    index = searchIndexFor(store);
    indexer = createSearchIndexer({ store, index });
    sourceA = await addSource('a', 'DE');
    sourceB = await addSource('b', null);
  });
  afterEach(async () => {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });

  void it('indexes queued records in batches, with the source country, and then has nothing to do', async () => {
    await store.upsertSourceRecords([
      input(sourceA, '1', 'Photosynthesis'),
      input(sourceA, '2', 'Algebra'),
      input(sourceB, '3', 'Climate'),
    ]);
    assert.equal(await indexer.pending(), 3);
    const batches: number[] = [];
    const report = await indexer.indexPending({ batchSize: 2, onProgress: (r) => batches.push(r.batches) });
    assert.deepEqual(report, { indexed: 3, removed: 0, batches: 2 });
    assert.deepEqual(batches, [1, 2]);
    assert.equal(await indexer.pending(), 0);
    assert.equal((await index.stats()).documents, 3);
    assert.equal(await titles({ country: 'DE' }), 2);
    assert.deepEqual(await indexer.indexPending(), { indexed: 0, removed: 0, batches: 0 });
  });

  void it('takes tombstones and the records of a removed source out of the index', async () => {
    await store.upsertSourceRecords([input(sourceA, '1', 'Photosynthesis'), input(sourceB, '2', 'Algebra')]);
    await indexer.indexPending();
    await store.upsertSourceRecords([tombstone(sourceA, '1')]);
    const report = await indexer.indexPending();
    assert.equal(report.removed, 1);
    assert.equal(await titles(), 1);
    await store.removeSource(sourceB);
    assert.equal(await titles(), 0);
    assert.equal((await index.stats()).documents, 0);
  });

  void it('rebuilds everything when the index was made by another version, and only then', async () => {
    await store.upsertSourceRecords([input(sourceA, '1', 'Photosynthesis'), input(sourceA, '2', 'Algebra')]);
    const first = await indexer.ensureCurrent();
    assert.equal(first.rebuilt, true, 'a new index is built from scratch');
    assert.equal(await store.getMeta(INDEX_VERSION_META), INDEX_VERSION);
    const again = await indexer.ensureCurrent();
    assert.equal(again.rebuilt, false);
    assert.equal(again.report.indexed, 0);
    await store.setMeta(INDEX_VERSION_META, 'an older analyzer');
    const rebuilt = await indexer.ensureCurrent();
    assert.equal(rebuilt.rebuilt, true);
    assert.equal(rebuilt.report.indexed, 2);
    assert.equal((await index.stats()).documents, 2);
    assert.equal(await store.getMeta(INDEX_VERSION_META), INDEX_VERSION);
  });
});
