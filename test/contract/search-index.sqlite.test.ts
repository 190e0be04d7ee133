// Runs the SearchIndex contract on the SQLite adapter, each test on a real database file in its own temp folder,
// and checks what only SQLite does: migrating a catalog stored at schema 3 queues nothing, the in-memory facet
// data of one connection follows what another writes, and work ranks keep key order when a gap runs out.
// Must never touch anything outside the temp folders it creates.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../src/adapters/sqlite/migrations.js';
import { createSqliteSearchIndex } from '../../src/adapters/sqlite/sqlite-search-index.js';
import { openSqliteStore, sqliteAccessOf } from '../../src/adapters/sqlite/sqlite-store.js';
import { INDEX_FACETS, type IndexQuery, type SearchDocument } from '../../src/ports/search-index.js';
import type { Store } from '../../src/ports/store.js';
import { defineSearchIndexContract, type SearchIndexHarness } from './search-index.contract.js';

async function openHarness(): Promise<SearchIndexHarness> {
  const folder = await mkdtemp(path.join(tmpdir(), 'oer-atlas-search-'));
  const store = await openSqliteStore({ file: path.join(folder, 'atlas.sqlite') });
  await store.migrate();
  return {
    store,
    index: createSqliteSearchIndex(store),
    cleanup: async () => {
      await store.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

defineSearchIndexContract('SQLite', openHarness);

const NO_FILTERS = {
  ...(Object.fromEntries(INDEX_FACETS.map((f) => [f, []])) as unknown as IndexQuery['filters']),
  free: null,
  noLogin: null,
};

function browse(overrides: Partial<IndexQuery> = {}): IndexQuery {
  return {
    match: null,
    expansions: [],
    exclude: null,
    filters: NO_FILTERS,
    facets: ['inLanguage'],
    facetLimit: 50,
    sort: 'relevance',
    limit: 1000,
    after: null,
    ...overrides,
  };
}

function doc(id: string, workId: string | null, language: string, title = 'theta'): SearchDocument {
  const facets = Object.fromEntries(INDEX_FACETS.map((f) => [f, f === 'inLanguage' ? [language] : []]));
  return {
    ref: { sourceId: 'src', sourceRecordId: id },
    workId,
    text: { title: [title], subjects: [], description: [], exact: [title], concepts: [] },
    facets: facets as unknown as SearchDocument['facets'],
    free: null,
    noLogin: null,
    date: null,
    quality: 0.5,
    title,
    titleKey: title,
    words: [title],
  };
}

async function withFolder<T>(fn: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(tmpdir(), 'oer-atlas-search-'));
  try {
    return await fn(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function integrityCheck(store: Store): Promise<void> {
  await sqliteAccessOf(store).write((c) => {
    c.db.exec(`INSERT INTO search_text (search_text, rank) VALUES ('integrity-check', 1)`);
  });
}

void describe('SQLite search index', () => {
  void it('migrates a catalog stored at schema 3 without queueing its records', async () => {
    await withFolder(async (folder) => {
      const file = path.join(folder, 'atlas.sqlite');
      const old = new Database(file);
      old.exec(
        `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
      );
      for (const m of migrations.filter((x) => x.version <= 3)) {
        old.exec(m.sql);
        old
          .prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)')
          .run(m.version, m.name, '2024-01-01T00:00:00.000Z');
      }
      old.exec(`
        INSERT INTO sources (id, name, url, protocol, schedule, created_at, updated_at)
        VALUES ('src', 'Old', 'https://oer.example.org/oai', 'oai-pmh', 'daily', '2024-01-01', '2024-01-01');
        INSERT INTO source_records (source_id, source_record_id, status, raw_format, raw, raw_hash, record,
                                    harvested_at, updated_at)
        VALUES ('src', 'r1', 'active', 'oai_dc', x'00', 'h1', '{}', '2024-01-01', '2024-01-01'),
               ('src', 'r2', 'deleted', 'oai_dc', x'00', 'h2', NULL, '2024-01-01', '2024-01-01');`);
      old.close();
      const store = await openSqliteStore({ file });
      try {
        assert.deepEqual((await store.migrate()).applied, ['0004_search_index']);
        assert.equal(await store.countQueuedForIndex(), 0);
        assert.deepEqual(await createSqliteSearchIndex(store).stats(), { documents: 0, works: 0, words: 0 });
        assert.equal(await store.enqueueAllForIndex(), 1);
        assert.deepEqual(
          (await store.listQueuedForIndex(10)).map((q) => q.sourceRecordId),
          ['r1'],
        );
      } finally {
        await store.close();
      }
    });
  });

  void it('follows in one connection what another connection writes: changes, removals and clear', async () => {
    await withFolder(async (folder) => {
      const file = path.join(folder, 'atlas.sqlite');
      const writerStore = await openSqliteStore({ file });
      await writerStore.migrate();
      const readerStore = await openSqliteStore({ file });
      try {
        const writer = createSqliteSearchIndex(writerStore);
        const reader = createSqliteSearchIndex(readerStore);
        await writer.apply([doc('a', 'w1', 'en'), doc('b', 'w1', 'fr'), doc('c', null, 'de')], []);
        const first = await reader.search(browse());
        assert.equal(first.total, 2);
        assert.deepEqual(first.facets.inLanguage, [
          { value: 'de', count: 1 },
          { value: 'en', count: 1 },
          { value: 'fr', count: 1 },
        ]);
        await writer.apply(
          [doc('b', null, 'sw'), doc('d', 'w1', 'en')],
          [{ sourceId: 'src', sourceRecordId: 'c' }],
        );
        const second = await reader.search(browse());
        assert.deepEqual(
          second.hits.map((h) => h.workKey),
          ['src/b', 'w1'],
        );
        assert.deepEqual(second.facets.inLanguage, [
          { value: 'en', count: 1 },
          { value: 'sw', count: 1 },
        ]);
        await writer.clear();
        assert.equal((await reader.search(browse())).total, 0);
        await writer.apply([doc('e', null, 'ar')], []);
        const third = await reader.search(browse());
        assert.deepEqual(
          third.hits.map((h) => h.workKey),
          ['src/e'],
        );
        assert.deepEqual(third.facets.inLanguage, [{ value: 'ar', count: 1 }]);
        await integrityCheck(writerStore);
      } finally {
        await readerStore.close();
        await writerStore.close();
      }
    });
  });

  void it('keeps work keys in byte order when new keys keep landing in the same gap', async () => {
    await withFolder(async (folder) => {
      const file = path.join(folder, 'atlas.sqlite');
      const store = await openSqliteStore({ file });
      await store.migrate();
      const other = await openSqliteStore({ file });
      try {
        const index = createSqliteSearchIndex(store);
        const watcher = createSqliteSearchIndex(other);
        await index.apply([doc('first', 'b', 'en'), doc('last', 'c', 'en')], []);
        await watcher.search(browse());
        // Each key sorts just after the previous one and before 'c': the gap halves every time, until the
        // neighbours are renumbered.
        const expected = ['b', 'c'];
        for (let n = 1; n <= 70; n += 1) {
          const key = `b${'a'.repeat(n)}`;
          await index.apply([doc(`m${n}`, key, 'en')], []);
          expected.push(key);
        }
        expected.sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
        assert.deepEqual(
          (await index.search(browse())).hits.map((h) => h.workKey),
          expected,
        );
        assert.deepEqual(
          (await watcher.search(browse())).hits.map((h) => h.workKey),
          expected,
        );
        const ranks = await sqliteAccessOf(store).write((c) =>
          c.db.prepare('SELECT rank FROM search_works ORDER BY key').pluck().all(),
        );
        assert.deepEqual(
          ranks,
          [...(ranks as number[])].sort((x, y) => x - y),
        );
        await integrityCheck(store);
      } finally {
        await other.close();
        await store.close();
      }
    });
  });
});
