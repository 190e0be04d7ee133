// Runs the SearchIndex contract on the SQLite adapter, each test on a real database file in its own temp folder,
// and checks what only SQLite does: migrating a catalog stored at schema 3 queues nothing, the in-memory facet
// data of one connection follows what another writes, work ranks keep key order when a gap runs out, searches
// answer the same on worker threads (whole or split in rowid ranges) as on the calling thread, and merging the
// FTS5 index after a bulk load changes no answer.
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
import {
  INDEX_FACETS,
  type IndexQuery,
  type MatchExpr,
  type SearchColumn,
  type SearchDocument,
  type SearchIndex,
} from '../../src/ports/search-index.js';
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

/** Two stores (two pairs of connections) on one migrated catalog file, as two processes would have it. */
async function withTwoStores(fn: (store: Store, other: Store) => Promise<void>): Promise<void> {
  await withFolder(async (folder) => {
    const file = path.join(folder, 'atlas.sqlite');
    const store = await openSqliteStore({ file });
    await store.migrate();
    const other = await openSqliteStore({ file });
    try {
      await fn(store, other);
    } finally {
      await other.close();
      await store.close();
    }
  });
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
        // The search index migration and the ones after it (which queue nothing either).
        const report = await store.migrate();
        assert.deepEqual(
          report.applied,
          migrations.filter((m) => m.version >= 4).map((m) => m.name),
        );
        assert.equal(report.applied[0], '0004_search_index');
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
    await withTwoStores(async (writerStore, readerStore) => {
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
    });
  });

  void it('keeps small page caches (2 MiB to read, 8 MiB to write) until the index first searches', async () => {
    const harness = await openHarness();
    try {
      const cacheSize = (): Promise<unknown> =>
        sqliteAccessOf(harness.store).read((c) => c.db.pragma('cache_size', { simple: true }));
      const writerCacheSize = (): Promise<unknown> =>
        sqliteAccessOf(harness.store).write((c) => c.db.pragma('cache_size', { simple: true }));
      const before = await cacheSize();
      assert.equal(before, -2_048);
      assert.equal(await writerCacheSize(), -8_192);
      await harness.index.apply([doc('a', 'w1', 'en')], []);
      assert.equal(await cacheSize(), before, 'writing documents leaves it as it was');
      assert.equal((await harness.index.search(browse())).total, 1);
      assert.equal(await cacheSize(), -65_536, 'a search raises it to 64 MiB');
      assert.equal(await writerCacheSize(), -8_192, 'the writer keeps its own');
    } finally {
      await harness.cleanup();
    }
  });

  void it('keeps work keys in byte order when new keys keep landing in the same gap', async () => {
    await withTwoStores(async (store, other) => {
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
    });
  });
});

// ---- a larger mixed catalog: the same questions asked in different ways must get the same answers ----------

const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
];
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh'];
const LICENSES = ['by', 'by-sa', 'by-nc', 'cc0'];

/** A deterministic document: words, facets, works, dates and qualities cycle at different periods. */
function mixedDoc(i: number): SearchDocument {
  const pick = (period: number, offset = 0): string => WORDS[(i * period + offset) % WORDS.length] ?? 'alpha';
  const title = [pick(3), pick(7, 1)];
  const description = [pick(5, 2), pick(2, 3), pick(11, 4), pick(3), `n${i % 17}`];
  const facets = Object.fromEntries(INDEX_FACETS.map((f) => [f, [] as string[]])) as Record<string, string[]>;
  facets.inLanguage = [LANGUAGES[i % LANGUAGES.length] ?? 'en'];
  facets.license = [LICENSES[(i * 3) % LICENSES.length] ?? 'by'];
  if (i % 4 === 0) facets.level = ['2', '3'];
  facets.source = [`src-${i % 3}`];
  return {
    ref: { sourceId: `src-${i % 3}`, sourceRecordId: `r${i}` },
    workId: i % 5 === 0 ? `w${i % 40}` : null,
    text: {
      title,
      subjects: i % 3 === 0 ? [pick(13, 5)] : [],
      description,
      exact: title,
      concepts: i % 6 === 0 ? [`u${i % 4}`] : [],
    },
    facets: facets as unknown as SearchDocument['facets'],
    free: i % 7 === 0 ? null : i % 2 === 0,
    noLogin: null,
    date: i % 9 === 0 ? null : `20${10 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}`,
    quality: (i % 10) / 10,
    title: title.join(' '),
    titleKey: title.join(' '),
    words: title,
  };
}

const ALL_COLUMNS: readonly SearchColumn[] = ['title', 'subjects', 'description', 'exact', 'concepts'];
const TEXT: readonly SearchColumn[] = ['title', 'subjects', 'description'];
const t = (text: string, columns = TEXT): MatchExpr => ({ kind: 'term', term: text, columns });

/** Queries of every shape: terms, phrases, prefixes, and/or, exclusions, expansions, filters, both orders. */
function mixedQueries(): IndexQuery[] {
  const base = browse({ facets: ['inLanguage', 'license', 'level', 'source'], facetLimit: 3, limit: 7 });
  const matches: MatchExpr[] = [
    t('alpha'),
    { kind: 'and', nodes: [t('beta'), t('gamma')] },
    { kind: 'or', nodes: [t('delta'), { kind: 'phrase', terms: ['theta', 'iota'], columns: TEXT }] },
    { kind: 'term', term: 'ep', columns: ALL_COLUMNS, prefix: true },
    { kind: 'and', nodes: [{ kind: 'or', nodes: [t('kappa'), t('lambda')] }, t('n3', ['description'])] },
  ];
  const out: IndexQuery[] = [];
  for (const [i, match] of matches.entries()) {
    const expansions = [
      { key: 'unesco:u1', expr: { kind: 'or' as const, nodes: [t('u1', ['concepts']), t('zeta')] } },
      { key: 'g:eta', expr: t('eta') },
    ];
    out.push({ ...base, match });
    out.push({ ...base, match, expansions });
    out.push({ ...base, match, expansions, exclude: t('alpha') });
    out.push({ ...base, match, expansions, sort: 'date' });
    out.push({
      ...base,
      match,
      expansions,
      filters: { ...NO_FILTERS, license: ['by', 'cc0'], free: i % 2 === 0 },
    });
  }
  return out;
}

/** Every page of a query, walked with cursors. */
async function allPages(index: SearchIndex, query: IndexQuery): Promise<unknown[]> {
  const pages: unknown[] = [];
  let after: IndexQuery['after'] = null;
  for (let n = 0; n < 50; n += 1) {
    const page = await index.search({ ...query, after });
    pages.push(page);
    const last = page.hits.at(-1);
    if (last === undefined || page.hits.length < query.limit) break;
    after = last.cursor;
  }
  return pages;
}

void describe('SQLite search index: the same answers however a search runs', () => {
  void it('answers on worker threads, whole or split in rowid ranges, exactly as on the calling thread', async () => {
    await withTwoStores(async (store, other) => {
      const local = createSqliteSearchIndex(store, { pool: { workers: 0 } });
      const pooled = createSqliteSearchIndex(other, {
        pool: { workers: 2, waitForStart: true, minDocuments: 0, splitMinDocuments: 0 },
      });
      await local.apply(
        Array.from({ length: 600 }, (_, i) => mixedDoc(i)),
        [],
      );
      // The first search loads the facts and starts the workers; the next ones run on them.
      await pooled.search(browse());
      for (const query of mixedQueries()) {
        assert.deepEqual(await allPages(pooled, query), await allPages(local, query));
      }
      // After a change, both follow it.
      await local.apply([mixedDoc(1000)], [{ sourceId: 'src-0', sourceRecordId: 'r3' }]);
      const query = mixedQueries()[1] as IndexQuery;
      assert.deepEqual(await allPages(pooled, query), await allPages(local, query));
    });
  });

  void it('gives the same answers after merging the FTS5 index into one segment', async () => {
    await withFolder(async (folder) => {
      const store = await openSqliteStore({ file: path.join(folder, 'atlas.sqlite') });
      await store.migrate();
      try {
        const index = createSqliteSearchIndex(store, { pool: { workers: 0 } });
        // Many small transactions: many segments.
        for (let i = 0; i < 400; i += 10) {
          await index.apply(
            Array.from({ length: 10 }, (_, k) => mixedDoc(i + k)),
            [],
          );
        }
        const before = [];
        for (const query of mixedQueries()) before.push(await allPages(index, query));
        const segments = async (): Promise<number> =>
          sqliteAccessOf(store).read((c) => {
            const blob = c.db
              .prepare('SELECT block FROM search_text_data WHERE id = 10')
              .pluck()
              .get() as Buffer;
            // The structure record: a 4-byte cookie, then varints: levels, segments.
            let at = 4;
            const varint = (): number => {
              let value = 0;
              for (;;) {
                const byte = blob[at++] ?? 0;
                value = value * 128 + (byte & 0x7f);
                if ((byte & 0x80) === 0) return value;
              }
            };
            varint();
            return varint();
          });
        assert.ok((await segments()) > 1);
        assert.equal(typeof (index as { optimize?: unknown }).optimize, 'function');
        await (index as unknown as { optimize(): Promise<void> }).optimize();
        assert.equal(await segments(), 1);
        const after = [];
        for (const query of mixedQueries()) after.push(await allPages(index, query));
        assert.deepEqual(after, before);
        await integrityCheck(store);
      } finally {
        await store.close();
      }
    });
  });
});

/** Worker threads this process runs now (the diagnostic report lists every live one). */
function liveWorkers(): number {
  return (process.report.getReport() as { workers: unknown[] }).workers.length;
}

void describe('SQLite search index: worker threads', () => {
  void it('sees its own writes at once while its searches run on workers, and stops them when the store closes', async () => {
    await withFolder(async (folder) => {
      const store = await openSqliteStore({ file: path.join(folder, 'atlas.sqlite') });
      await store.migrate();
      const before = liveWorkers();
      let closed = false;
      try {
        const index = createSqliteSearchIndex(store, {
          pool: { workers: 2, waitForStart: true, minDocuments: 0, splitMinDocuments: 0 },
        });
        await index.apply(
          Array.from({ length: 300 }, (_, i) => mixedDoc(i)),
          [],
        );
        await index.search(browse());
        const query = { ...browse(), match: t('omega') };
        assert.equal((await index.search(query)).total, 0);
        assert.equal(liveWorkers(), before + 2);
        for (let round = 1; round <= 5; round += 1) {
          // Each write is seen by the very next search, and a removal too.
          await index.apply([doc(`o${round}`, null, 'en', 'omega')], []);
          assert.equal((await index.search(query)).total, round);
        }
        await index.apply([], [{ sourceId: 'src', sourceRecordId: 'o1' }]);
        assert.equal((await index.search(query)).total, 4);
        await index.clear();
        assert.equal((await index.search(query)).total, 0);
        await store.close();
        closed = true;
        assert.equal(liveWorkers(), before);
        await assert.rejects(index.search(query));
        assert.equal(liveWorkers(), before);
      } finally {
        if (!closed) await store.close();
      }
    });
  });
});
