// The demo catalog loader on a real SQLite file, through the same services `oer-atlas import` uses (file
// sources, the harvest service, grouping and indexing after each run): every bundled repository becomes one
// source with the expected record counts and no failures, the result is searchable across languages, nothing
// goes to the network, a second start does not load it again (not even after its sources were removed), and
// ATLAS_DEMO / --no-demo / --demo and an interrupted load behave as documented.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { searchIndexFor } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { AtlasError } from '../../src/domain/errors.js';
import { harvesterFor } from '../../src/harvest/registry.js';
import type { HttpClient } from '../../src/ports/http-client.js';
import type { Store } from '../../src/ports/store.js';
import { parseSearchParams } from '../../src/search/filters.js';
import {
  bundledDemoDirectory,
  createDemoCatalog,
  DEMO_META_KEY,
  DEMO_SOURCES,
  demoFolderUrl,
  type DemoCatalog,
  type DemoSource,
} from '../../src/services/demo-catalog.js';
import { createHarvestService } from '../../src/services/harvest-service.js';
import { createSearchIndexer } from '../../src/services/search-indexer.js';
import { createSearchService, type SearchService } from '../../src/services/search-service.js';
import { createSourceService, type SourceService } from '../../src/services/source-service.js';
import { createWorksService } from '../../src/services/works-service.js';

/** Active records expected per demo folder (deleted headers of the OAI-PMH pages become tombstones). */
const EXPECTED: Readonly<Record<string, { active: number; deleted: number }>> = {
  anatomytool: { active: 10, deleted: 0 },
  'edurep-surfsharekit': { active: 11, deleted: 1 },
  'mit-dspace': { active: 50, deleted: 0 },
  rcaap: { active: 103, deleted: 0 },
  cyberleninka: { active: 54, deleted: 0 },
  'papyrus-umontreal': { active: 41, deleted: 0 },
  erudit: { active: 46, deleted: 0 },
  hacettepe: { active: 103, deleted: 0 },
  datacite: { active: 56, deleted: 0 },
  zenodo: { active: 7, deleted: 0 },
  'erasmus-repub': { active: 95, deleted: 2 },
};

interface Harness {
  readonly folder: string;
  readonly store: Store;
  readonly sources: SourceService;
  readonly search: SearchService;
  /** Requests the harvests tried to send (there must be none). */
  readonly requests: string[];
  demo(options?: { demoSources?: readonly DemoSource[]; directory?: string | null }): DemoCatalog;
  close(): Promise<void>;
}

/** A real SQLite catalog wired like `createAtlas`, except for an HTTP client that refuses every request. */
async function openHarness(): Promise<Harness> {
  const folder = await mkdtemp(path.join(tmpdir(), 'atlas-demo-'));
  const store = await openSqliteStore({ file: path.join(folder, 'atlas.sqlite') });
  await store.migrate();
  const requests: string[] = [];
  const http: HttpClient = {
    fetch(request) {
      requests.push(request.url);
      return Promise.reject(new AtlasError('source_unreachable', 'The demo must not use the network.'));
    },
    close: () => Promise.resolve(),
  };
  const works = createWorksService({ store });
  const index = searchIndexFor(store);
  const indexer = createSearchIndexer({ store, index });
  const sources = createSourceService({ store });
  const harvests = createHarvestService({
    store,
    http,
    harvesterFor,
    afterRun: async () => {
      await works.groupPending();
      await indexer.indexPending();
    },
  });
  return {
    folder,
    store,
    sources,
    search: createSearchService({ store, index }),
    requests,
    demo: (options = {}) => createDemoCatalog({ store, sources, harvests, ...options }),
    async close() {
      await store.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

function demoSource(folder: string): DemoSource {
  const found = DEMO_SOURCES.find((s) => s.folder === folder);
  assert.ok(found, folder);
  return found;
}

void describe('demo catalog', () => {
  void it('lists every bundled folder, and every folder it lists is bundled', () => {
    const directory = bundledDemoDirectory();
    assert.ok(directory !== null, 'data-bundled/demo is found from the source tree');
    assert.deepEqual(DEMO_SOURCES.map((s) => s.folder).sort(), Object.keys(EXPECTED).sort());
    for (const s of DEMO_SOURCES) {
      assert.ok(s.country === null || /^[A-Z]{2}$/.test(s.country), s.folder);
      assert.match(s.homepage, /^https?:\/\//);
    }
  });

  void describe('a first start on an empty catalog', () => {
    let h: Harness;
    before(async () => {
      h = await openHarness();
    });
    after(async () => {
      await h.close();
    });

    void it('loads every repository through the import pipeline, with no failure and no request', async () => {
      const demo = h.demo();
      assert.equal(await demo.decide({ enabled: true }), 'load');
      const report = await demo.load();
      assert.equal(report.interrupted, false);
      assert.equal(report.failed, 0);
      assert.deepEqual(h.requests, [], 'no network request');
      const expectedTotal = Object.values(EXPECTED).reduce((n, e) => n + e.active, 0);
      assert.equal(report.records, expectedTotal);
      assert.equal(report.sources.length, DEMO_SOURCES.length);

      const registered = await h.sources.list();
      assert.equal(registered.length, DEMO_SOURCES.length);
      for (const entry of report.sources) {
        assert.equal(entry.status, 'succeeded', `${entry.folder}: ${JSON.stringify(entry.error)}`);
        const expected = EXPECTED[entry.folder];
        assert.ok(expected !== undefined && entry.sourceId !== null);
        const source = registered.find((s) => s.id === entry.sourceId);
        assert.ok(source, entry.folder);
        const spec = demoSource(entry.folder);
        assert.equal(source.name, spec.name);
        assert.equal(source.protocol, 'file');
        assert.equal(source.schedule, 'manual', 'never harvested again by the scheduler');
        assert.equal(source.country, spec.country);
        assert.equal(source.url, demoFolderUrl(demo.directory ?? '', entry.folder));
        assert.deepEqual((source.settings['demo'] as { homepage: string }).homepage, spec.homepage);
        const counts = await h.store.countSourceRecords(source.id);
        assert.deepEqual(
          { active: counts.active, deleted: counts.deleted, failed: counts.failed },
          { ...expected, failed: 0 },
          entry.folder,
        );
      }
      assert.equal(await h.store.countQueuedForIndex(), 0, 'indexed when the load returns');
      const meta = JSON.parse((await h.store.getMeta(DEMO_META_KEY)) ?? '{}') as { state?: string };
      assert.equal(meta.state, 'loaded');
    });

    void it('is searchable in French and in Arabic, across languages', async () => {
      for (const [q, lang] of [
        ['mathématiques', 'fr'],
        ['biologie', 'fr'],
        ['histoire', 'fr'],
        ['الرياضيات', 'ar'],
        ['التعليم', 'ar'],
        ['علم الأحياء', 'ar'],
      ] as const) {
        const found = await h.search.search(parseSearchParams({ q, lang }));
        assert.ok(found.total > 0, `${q} (${lang}) finds resources`);
      }
      const arabic = await h.search.search(parseSearchParams({ q: 'علم التشريح', lang: 'ar' }));
      assert.ok(
        arabic.results.some(
          (r) => r.sources.some((s) => s.name === 'AnatomyTOOL') && r.matchedVia.length > 0,
        ),
        'an Arabic query finds AnatomyTOOL through a concept',
      );
    });

    void it('is not loaded again at the next start, even after its sources were removed', async () => {
      const demo = h.demo();
      assert.equal(await demo.decide({ enabled: true }), 'already-loaded');
      for (const source of await h.sources.list()) await h.sources.remove(source.id);
      assert.equal(await demo.decide({ enabled: true }), 'already-loaded');
      assert.equal((await h.sources.list()).length, 0);
    });

    void it('is loaded again on purpose with --demo (force), reusing sources that are still there', async () => {
      const only = [demoSource('zenodo'), demoSource('anatomytool')];
      const demo = h.demo({ demoSources: only });
      assert.equal(await demo.decide({ enabled: false, force: true }), 'load');
      const first = await demo.load();
      assert.equal(first.records, 17);
      const ids = (await h.sources.list()).map((s) => s.id).sort();
      const again = await demo.load();
      assert.deepEqual((await h.sources.list()).map((s) => s.id).sort(), ids, 'no duplicate sources');
      assert.deepEqual(
        again.sources.map((s) => [s.folder, s.counts?.unchanged, s.counts?.new]),
        [
          ['zenodo', 7, 0],
          ['anatomytool', 10, 0],
        ],
      );
      assert.deepEqual(h.requests, []);
    });
  });

  void describe('when not to load', () => {
    let h: Harness;
    before(async () => {
      h = await openHarness();
    });
    after(async () => {
      await h.close();
    });

    void it('is off when disabled, and when this installation has no demo folder', async () => {
      assert.equal(await h.demo().decide({ enabled: false }), 'disabled');
      assert.equal(await h.demo({ directory: null }).decide({ enabled: true }), 'missing');
    });

    void it('finishes a load that was stopped half way, and leaves a catalog with its own sources alone', async () => {
      const demo = h.demo({ demoSources: [demoSource('zenodo'), demoSource('mit-dspace')] });
      const stop = new AbortController();
      const stopped = await demo.load({
        signal: stop.signal,
        onSource: () => stop.abort(new AtlasError('harvest_interrupted', 'Stopped by a test.')),
      });
      assert.equal(stopped.interrupted, true);
      assert.deepEqual(
        stopped.sources.map((s) => s.folder),
        ['zenodo'],
        'stops between two repositories',
      );
      assert.equal(await demo.decide({ enabled: true }), 'load', 'the next start finishes it');
      const finished = await demo.load();
      assert.equal(finished.interrupted, false);
      assert.equal(finished.records, 57);
      assert.equal(await demo.decide({ enabled: true }), 'already-loaded');

      const other = await openHarness();
      try {
        await other.sources.add({
          name: 'Own repository',
          url: 'https://repo.example.org/oai',
          protocol: 'oai-pmh',
        });
        assert.equal(await other.demo().decide({ enabled: true }), 'catalog-not-empty');
        assert.equal(await other.demo().decide({ enabled: true, force: true }), 'load');
      } finally {
        await other.close();
      }
    });
  });

  void it('is on by default with SQLite and off with PostgreSQL; ATLAS_DEMO and the serve options override it', () => {
    assert.equal(loadConfig({ env: {} }).demo, true);
    assert.equal(loadConfig({ env: { DATABASE_URL: 'postgres://u@localhost:5432/atlas' } }).demo, false);
    assert.equal(loadConfig({ env: { ATLAS_DEMO: 'false' } }).demo, false);
    assert.equal(
      loadConfig({ env: { DATABASE_URL: 'postgres://u@localhost:5432/atlas', ATLAS_DEMO: 'true' } }).demo,
      true,
    );
    assert.equal(loadConfig({ env: { ATLAS_DEMO: 'on' }, overrides: { demo: false } }).demo, false);
    assert.throws(() => loadConfig({ env: { ATLAS_DEMO: 'maybe' } }), /ATLAS_DEMO must be true or false/);
  });
});
