// Runs the SearchIndex contract on the PostgreSQL adapter against a throwaway local cluster, each test in a
// database of its own, and checks what only the PostgreSQL side does: lexemes holding quotes, backslashes and
// tsquery operators stay whole, and a catalog migrated from schema 3 queues nothing for the index.
// Skips with the reason on a machine without PostgreSQL server binaries (fails under CI). Must never connect
// anywhere but the cluster it started on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { migrations } from '../../src/adapters/postgres/migrations.js';
import { createPostgresSearchIndex } from '../../src/adapters/postgres/postgres-search-index.js';
import { openPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import {
  INDEX_FACETS,
  SEARCH_COLUMNS,
  type IndexQuery,
  type SearchDocument,
} from '../../src/ports/search-index.js';
import type { Store } from '../../src/ports/store.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { skipUnless } from '../support/system-parts.js';
import { defineSearchIndexContract, type SearchIndexHarness } from './search-index.contract.js';

void describe('PostgreSQL search index', { skip: skipUnless('postgresql') }, () => {
  let cluster: PostgresCluster | undefined;

  before(async () => {
    cluster = await startPostgresCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  function running(): PostgresCluster {
    if (cluster === undefined) throw new Error('The PostgreSQL cluster did not start.');
    return cluster;
  }

  async function openHarness(): Promise<SearchIndexHarness> {
    const url = await running().createDatabase();
    const store = await openPostgresStore({ connectionString: url, poolSize: 4 });
    await store.migrate();
    return {
      store,
      index: createPostgresSearchIndex(store),
      cleanup: async () => {
        await store.close();
        await running().dropDatabase(url);
      },
    };
  }

  defineSearchIndexContract('PostgreSQL', openHarness);

  void describe('PostgreSQL specifics', () => {
    const noFacets = Object.fromEntries(INDEX_FACETS.map((f) => [f, []])) as unknown as Record<
      (typeof INDEX_FACETS)[number],
      readonly string[]
    >;

    function document(id: string, title: readonly string[]): SearchDocument {
      return {
        ref: { sourceId: 'src', sourceRecordId: id },
        workId: null,
        text: { title, subjects: [], description: [], exact: title, concepts: [] },
        facets: noFacets,
        free: null,
        noLogin: null,
        date: null,
        quality: 0.5,
        title: title.join(' '),
        titleKey: title.join(' '),
        words: title,
      };
    }

    function query(termText: string, prefix = false): IndexQuery {
      return {
        match: { kind: 'term', term: termText, columns: SEARCH_COLUMNS, ...(prefix ? { prefix } : {}) },
        expansions: [],
        exclude: null,
        filters: { ...noFacets, free: null, noLogin: null },
        facets: [],
        facetLimit: 10,
        sort: 'relevance',
        limit: 10,
        after: null,
      };
    }

    it('keeps lexemes with quotes, backslashes, colons and tsquery operators whole', async () => {
      const harness = await openHarness();
      try {
        const odd = ["it's", 'a\\b', 'x:y', '&|!', "''", '<->', 'c:*'];
        await harness.index.apply(
          odd.map((t, i) => document(`d${i}`, [t, 'common'])),
          [],
        );
        for (const [i, t] of odd.entries()) {
          const result = await harness.index.search(query(t));
          assert.deepEqual(
            result.hits.map((h) => h.best.sourceRecordId),
            [`d${i}`],
            `term ${JSON.stringify(t)}`,
          );
        }
        // A prefix is a prefix of the lexeme as given, never an operator.
        const prefixed = await harness.index.search(query('c:', true));
        assert.deepEqual(
          prefixed.hits.map((h) => h.best.sourceRecordId),
          ['d6'],
        );
        assert.deepEqual(
          (await harness.index.completeWord("it'", 5)).map((w) => w.word),
          ["it's"],
        );
      } finally {
        await harness.cleanup();
      }
    });

    it('migrates a catalog stored at schema 3 without queueing anything for the index', async () => {
      const url = await running().createDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      let store: Store | undefined;
      try {
        // Schema 3 as an older build left it, with a stored source and record.
        await client.query(
          `CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`,
        );
        for (const m of migrations.filter((x) => x.version <= 3)) {
          await client.query(m.sql);
          await client.query(`INSERT INTO schema_migrations VALUES ($1, $2, now())`, [m.version, m.name]);
        }
        await client.query(
          `INSERT INTO sources (id, name, url, protocol, schedule, created_at, updated_at)
           VALUES ('s', 'S', 'https://example.org/oai', 'oai-pmh', 'manual', now(), now())`,
        );
        await client.query(
          `INSERT INTO source_records (source_id, source_record_id, status, raw_format, raw, raw_hash, record,
                                       harvested_at, updated_at)
           VALUES ('s', 'r1', 'active', 'oai_dc', '\\x00', 'h', '{"name":{"en":"A"}}', now(), now())`,
        );
        store = await openPostgresStore({ connectionString: url, poolSize: 2 });
        const report = await store.migrate();
        // The search index migration and the ones after it (which queue nothing either).
        assert.deepEqual(
          report.applied,
          migrations.filter((m) => m.version >= 4).map((m) => m.name),
        );
        assert.equal(report.applied[0], '0004_search_index');
        assert.equal(await store.countQueuedForIndex(), 0);
        assert.deepEqual(await createPostgresSearchIndex(store).stats(), {
          documents: 0,
          works: 0,
          words: 0,
        });
        assert.equal(await store.enqueueAllForIndex(), 1);
      } finally {
        await client.end();
        await store?.close();
        await running().dropDatabase(url);
      }
    });
  });
});
