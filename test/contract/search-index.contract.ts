// The behaviour every SearchIndex adapter must show, written once and run against each engine
// (search-index.sqlite.test.ts, search-index.postgres.test.ts), each test on a fresh migrated database.
// Documents are built by hand here: terms as the analyzer would give them, so the index alone is tested.
// Results must be the same on both engines except exact score values: orders are asserted only where the
// text makes them clear-cut (title against description, 2x for expansions, identical texts that only quality
// or the work key tells apart). Rules the port leaves open are pinned in src/adapters/shared/search-support.ts.
// Port notes: SearchIndex has no close(); both adapters close with their store.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { RecordRef } from '../../src/domain/catalog.js';
import { AtlasError } from '../../src/domain/errors.js';
import {
  INDEX_FACETS,
  SEARCH_COLUMNS,
  type IndexFacet,
  type IndexQuery,
  type IndexResult,
  type MatchExpr,
  type SearchColumn,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
} from '../../src/ports/search-index.js';
import type { Store } from '../../src/ports/store.js';
import { workKeyOf } from '../../src/search/work-key.js';

export interface SearchIndexHarness {
  /** A migrated store on a fresh database. */
  readonly store: Store;
  /** The search index in the same database. */
  readonly index: SearchIndex;
  /** Closes what the harness opened and throws the database away. */
  readonly cleanup: () => Promise<void>;
}

// ---- building documents and queries ------------------------------------------------------------------------

const SOURCE = 'src-a';

interface DocSpec {
  readonly source?: string;
  readonly work?: string | null;
  readonly title?: readonly string[];
  readonly subjects?: readonly string[];
  readonly description?: readonly string[];
  readonly exact?: readonly string[];
  readonly concepts?: readonly string[];
  readonly facets?: Partial<Record<IndexFacet, readonly string[]>>;
  readonly free?: boolean | null;
  readonly noLogin?: boolean | null;
  readonly date?: string | null;
  readonly quality?: number;
  /** The display title (default: the title terms joined). */
  readonly name?: string;
  readonly words?: readonly string[];
}

function doc(id: string, spec: DocSpec = {}): SearchDocument {
  const title = spec.title ?? [];
  const facets = Object.fromEntries(INDEX_FACETS.map((f) => [f, spec.facets?.[f] ?? []])) as Record<
    IndexFacet,
    readonly string[]
  >;
  const name = spec.name ?? title.join(' ');
  return {
    ref: { sourceId: spec.source ?? SOURCE, sourceRecordId: id },
    workId: spec.work ?? null,
    text: {
      title,
      subjects: spec.subjects ?? [],
      description: spec.description ?? [],
      exact: spec.exact ?? title,
      concepts: spec.concepts ?? [],
    },
    facets,
    free: spec.free ?? null,
    noLogin: spec.noLogin ?? null,
    date: spec.date ?? null,
    quality: spec.quality ?? 0.5,
    title: name,
    titleKey: name.toLowerCase(),
    words: spec.words ?? spec.exact ?? title,
  };
}

/** Documents with words of their own, so that the words under test stay rare (positive IDF where used). */
function fillers(n: number): SearchDocument[] {
  return Array.from({ length: n }, (_, i) =>
    doc(`filler-${String(i).padStart(2, '0')}`, {
      title: [`filler${i}`, 'padding'],
      description: ['lorem', 'ipsum', `dolor${i}`],
      words: [],
    }),
  );
}

function ref(id: string, source = SOURCE): RecordRef {
  return { sourceId: source, sourceRecordId: id };
}

function keyOf(id: string, source = SOURCE): string {
  return workKeyOf(ref(id, source), null);
}

function term(text: string, columns: readonly SearchColumn[] = SEARCH_COLUMNS, prefix = false): MatchExpr {
  return { kind: 'term', term: text, columns, ...(prefix ? { prefix: true } : {}) };
}

function prefix(text: string, columns: readonly SearchColumn[] = SEARCH_COLUMNS): MatchExpr {
  return term(text, columns, true);
}

function phrase(terms: readonly string[], columns: readonly SearchColumn[] = SEARCH_COLUMNS): MatchExpr {
  return { kind: 'phrase', terms, columns };
}

function and(...nodes: MatchExpr[]): MatchExpr {
  return { kind: 'and', nodes };
}

function or(...nodes: MatchExpr[]): MatchExpr {
  return { kind: 'or', nodes };
}

const NO_FILTERS: IndexQuery['filters'] = {
  ...(Object.fromEntries(INDEX_FACETS.map((f): [IndexFacet, readonly string[]] => [f, []])) as Record<
    IndexFacet,
    readonly string[]
  >),
  free: null,
  noLogin: null,
};

function query(overrides: Partial<IndexQuery> = {}): IndexQuery {
  return {
    match: null,
    expansions: [],
    exclude: null,
    filters: NO_FILTERS,
    facets: [],
    facetLimit: 20,
    sort: 'relevance',
    limit: 100,
    after: null,
    ...overrides,
  };
}

function filters(values: Partial<IndexQuery['filters']>): IndexQuery['filters'] {
  return { ...NO_FILTERS, ...values };
}

function keys(result: IndexResult): string[] {
  return result.hits.map((h) => h.workKey);
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort(byteCompare);
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function hasCode(code: string): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof AtlasError, `expected an AtlasError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  };
}

/** Every hit of a query, page after page of `size`, following each page's last cursor. */
async function walk(index: SearchIndex, q: IndexQuery, size: number): Promise<SearchHit[]> {
  const out: SearchHit[] = [];
  let after: IndexQuery['after'] = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await index.search({ ...q, limit: size, after });
    out.push(...page.hits);
    const last = page.hits.at(-1);
    if (page.hits.length < size || last === undefined) return out;
    after = last.cursor;
  }
  throw new Error('paging did not end');
}

// ---- the suite -------------------------------------------------------------------------------------------------

interface Fixture {
  readonly index: SearchIndex;
  readonly store: Store;
}

function fresh(open: () => Promise<SearchIndexHarness>): Fixture {
  let current: SearchIndexHarness | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    await done?.cleanup();
  });
  const get = (): SearchIndexHarness => {
    assert.ok(current, 'the index is only available inside a test');
    return current;
  };
  return {
    get index() {
      return get().index;
    },
    get store() {
      return get().store;
    },
  };
}

export function defineSearchIndexContract(name: string, open: () => Promise<SearchIndexHarness>): void {
  void describe(`SearchIndex contract: ${name}`, () => {
    void describe('documents', () => {
      const f = fresh(open);

      void it('starts empty, counts documents, works and words, and finds nothing in an empty index', async () => {
        assert.deepEqual(await f.index.stats(), { documents: 0, works: 0, words: 0 });
        assert.deepEqual(await f.index.search(query({ match: term('x'), facets: ['license'] })), {
          total: 0,
          hits: [],
          facets: { license: [] },
        });
        await f.index.apply(
          [
            doc('a', { work: 'w1', title: ['linear', 'algebra'] }),
            doc('b', { work: 'w1', title: ['linear', 'algebra'], words: ['linear', 'algebra', 'vectors'] }),
            doc('c', { title: ['calculus'] }),
          ],
          [],
        );
        assert.deepEqual(await f.index.stats(), { documents: 3, works: 2, words: 4 });
      });

      void it('replaces a document by ref and forgets its old terms, words and work', async () => {
        await f.index.apply(
          [doc('a', { work: 'w1', title: ['geometry'] }), doc('b', { work: 'w1', title: ['geometry'] })],
          [],
        );
        await f.index.apply([doc('a', { title: ['topology'] })], []);
        assert.deepEqual(keys(await f.index.search(query({ match: term('geometry') }))), ['w1']);
        assert.deepEqual(keys(await f.index.search(query({ match: term('topology') }))), [keyOf('a')]);
        assert.deepEqual(Object.fromEntries(await f.index.wordCounts(['geometry', 'topology'])), {
          geometry: 1,
          topology: 1,
        });
        assert.deepEqual(await f.index.stats(), { documents: 2, works: 2, words: 2 });
        const members = await f.index.members(['w1', keyOf('a')]);
        assert.deepEqual(
          members.get('w1')?.map((m) => m.ref),
          [ref('b')],
        );
        assert.deepEqual(
          members.get(keyOf('a'))?.map((m) => m.ref),
          [ref('a')],
        );
      });

      void it('is idempotent: the same batch twice, or a removal twice, changes nothing more', async () => {
        const batch = [
          doc('a', { work: 'w1', title: ['chemistry'], facets: { inLanguage: ['en'] } }),
          doc('b', { work: 'w1', title: ['chemistry'], facets: { inLanguage: ['fr'] } }),
          doc('c', { title: ['physics'] }),
        ];
        await f.index.apply(batch, []);
        const q = query({ match: or(term('chemistry'), term('physics')), facets: ['inLanguage'] });
        const first = await f.index.search(q);
        const stats = await f.index.stats();
        await f.index.apply(batch, []);
        assert.deepEqual(await f.index.search(q), first);
        assert.deepEqual(await f.index.stats(), stats);
        await f.index.apply([], [ref('c'), ref('never-indexed')]);
        await f.index.apply([], [ref('c')]);
        assert.deepEqual(keys(await f.index.search(q)), ['w1']);
        assert.deepEqual(await f.index.stats(), { documents: 2, works: 1, words: 1 });
      });

      void it('lets the last of two documents with one ref win, and a ref both given and removed end removed', async () => {
        await f.index.apply(
          [doc('a', { title: ['first'] }), doc('a', { title: ['second'] }), doc('b', { title: ['kept'] })],
          [],
        );
        assert.equal((await f.index.search(query({ match: term('first') }))).total, 0);
        assert.equal((await f.index.search(query({ match: term('second') }))).total, 1);
        await f.index.apply([doc('b', { title: ['again'] })], [ref('b')]);
        assert.equal((await f.index.search(query({ match: or(term('kept'), term('again')) }))).total, 0);
        assert.deepEqual(await f.index.stats(), { documents: 1, works: 1, words: 1 });
      });

      void it('clears everything, and takes documents again afterwards', async () => {
        await f.index.apply([doc('a', { title: ['biology'], facets: { license: ['cc-by'] } })], []);
        await f.index.clear();
        assert.deepEqual(await f.index.stats(), { documents: 0, works: 0, words: 0 });
        assert.equal((await f.index.search(query())).total, 0);
        assert.deepEqual(await f.index.completeWord('bio', 5), []);
        assert.deepEqual(await f.index.members([keyOf('a')]), new Map());
        await f.index.apply([doc('b', { title: ['biology'], facets: { license: ['cc-by'] } })], []);
        const result = await f.index.search(query({ match: term('biology'), facets: ['license'] }));
        assert.deepEqual(keys(result), [keyOf('b')]);
        assert.deepEqual(result.facets.license, [{ value: 'cc-by', count: 1 }]);
      });

      void it('refuses a document with a bad term or quality, and writes nothing of its batch', async () => {
        const bad: SearchDocument[] = [
          doc('x', { title: ['two words'] }),
          doc('x', { title: [''] }),
          doc('x', { title: ['ok'], quality: 1.5 }),
          doc('x', { title: ['ok'], words: ['a\tb'] }),
          doc('x', { title: ['ok'], date: 'yesterday' }),
        ];
        for (const one of bad) {
          await assert.rejects(
            f.index.apply([doc('fine', { title: ['fine'] }), one], []),
            hasCode('invalid_parameter'),
          );
        }
        assert.deepEqual(await f.index.stats(), { documents: 0, works: 0, words: 0 });
      });

      void it('loses the documents of a source removed from the store, in the same step', async () => {
        const doomed = (
          await f.store.createSource({
            name: 'Doomed',
            url: 'https://oer.example.org/oai',
            protocol: 'oai-pmh',
            format: 'oai_dc',
            sets: [],
            excludeSets: [],
            schedule: 'daily',
            country: null,
            allowPrivateNetwork: false,
            settings: {},
          })
        ).id;
        await f.index.apply(
          [
            doc('d1', { source: doomed, work: 'w1', title: ['ecology'], words: ['ecology', 'doomedword'] }),
            doc('d2', { source: doomed, title: ['ecology'] }),
            doc('k1', { work: 'w1', title: ['ecology'] }),
          ],
          [],
        );
        assert.equal(await f.store.removeSource(doomed), true);
        const result = await f.index.search(query({ match: term('ecology') }));
        assert.deepEqual(keys(result), ['w1']);
        assert.deepEqual(result.hits[0]?.best, ref('k1'));
        assert.deepEqual(await f.index.stats(), { documents: 1, works: 1, words: 1 });
        assert.deepEqual(Object.fromEntries(await f.index.wordCounts(['ecology', 'doomedword'])), {
          ecology: 1,
          doomedword: 0,
        });
      });
    });

    void describe('matching', () => {
      const f = fresh(open);
      beforeEach(async () => {
        await f.index.apply(
          [
            ...fillers(12),
            doc('p1', { title: ['linear', 'algebra', 'basics'] }),
            doc('p2', { title: ['algebra', 'linear'] }),
            doc('p3', { title: ['linear'], subjects: ['algebra'] }),
            doc('p4', { description: ['algorithm', 'design'] }),
            doc('p5', { title: ['algebraic', 'topology'], concepts: ['c:math'] }),
          ],
          [],
        );
      });
      const search = async (match: MatchExpr | null, extra: Partial<IndexQuery> = {}): Promise<string[]> =>
        sorted(keys(await f.index.search(query({ match, ...extra }))));

      void it('matches whole terms, and prefixes only when asked', async () => {
        assert.deepEqual(await search(term('algebra')), sorted([keyOf('p1'), keyOf('p2'), keyOf('p3')]));
        assert.deepEqual(await search(term('alg')), []);
        assert.deepEqual(
          await search(prefix('alg')),
          sorted([keyOf('p1'), keyOf('p2'), keyOf('p3'), keyOf('p4'), keyOf('p5')]),
        );
        assert.deepEqual(await search(prefix('algebrai')), [keyOf('p5')]);
        assert.deepEqual(await search(prefix('algebraic')), [keyOf('p5')], 'a whole term is its own prefix');
      });

      void it('looks only in the columns named', async () => {
        assert.deepEqual(await search(term('algebra', ['subjects'])), [keyOf('p3')]);
        assert.deepEqual(
          await search(term('algebra', ['title', 'description'])),
          sorted([keyOf('p1'), keyOf('p2')]),
        );
        assert.deepEqual(await search(prefix('alg', ['description'])), [keyOf('p4')]);
        assert.deepEqual(await search(term('c:math', ['concepts'])), [keyOf('p5')]);
        assert.deepEqual(await search(term('c:math', ['title'])), []);
      });

      void it('matches a phrase at consecutive positions of one column only', async () => {
        assert.deepEqual(await search(phrase(['linear', 'algebra'])), [keyOf('p1')]);
        assert.deepEqual(await search(phrase(['algebra', 'linear'])), [keyOf('p2')]);
        assert.deepEqual(await search(phrase(['linear', 'basics'])), [], 'not consecutive');
        assert.deepEqual(await search(phrase(['linear', 'algebra'], ['subjects'])), []);
        assert.deepEqual(await search(phrase(['algebra'])), sorted([keyOf('p1'), keyOf('p2'), keyOf('p3')]));
        assert.deepEqual(
          await search(and(phrase(['linear'], ['title']), phrase(['algebra'], ['subjects']))),
          [keyOf('p3')],
          'the words are there, in two columns, so only the phrase above failed',
        );
      });

      void it('combines with and and or, nested', async () => {
        assert.deepEqual(await search(and(term('linear'), term('basics'))), [keyOf('p1')]);
        assert.deepEqual(
          await search(or(term('basics'), term('design'))),
          sorted([keyOf('p1'), keyOf('p4')]),
        );
        assert.deepEqual(
          await search(and(term('linear'), or(term('basics'), term('algebra', ['subjects'])))),
          sorted([keyOf('p1'), keyOf('p3')]),
        );
        assert.deepEqual(await search(and(term('linear'), term('design'))), []);
      });

      void it('never returns an excluded document, with or without words to match', async () => {
        assert.deepEqual(
          await search(term('linear'), { exclude: term('basics') }),
          sorted([keyOf('p2'), keyOf('p3')]),
        );
        assert.deepEqual(
          await search(term('linear'), { exclude: or(term('basics'), term('algebra', ['subjects'])) }),
          [keyOf('p2')],
        );
        const browse = await f.index.search(query({ exclude: prefix('alg') }));
        assert.equal(browse.total, 12);
        assert.ok(browse.hits.every((h) => h.workKey.startsWith(`${SOURCE}/filler-`)));
        assert.ok(browse.hits.every((h) => h.score === 0));
      });
    });

    void describe('terms are data', () => {
      const f = fresh(open);
      const odd = [
        'AND',
        'and',
        'OR',
        'NOT',
        'NEAR',
        'near(',
        '"quoted"',
        'a"b',
        'a*',
        '*',
        'col:on',
        '(paren)',
        '{title}',
        '-minus',
        '+plus',
        '^caret',
        "it's",
        'back\\slash',
        'semi;colon',
        'x.y',
      ];
      const t64 = 'ab'.repeat(32);
      beforeEach(async () => {
        await f.index.apply(
          [
            ...odd.map((t, i) => doc(`odd-${String(i).padStart(2, '0')}`, { title: [t] })),
            doc('ar', { title: ['الجبر', 'الخطي'] }),
            doc('zh', { title: ['线性', '性代', '代数', '数导', '导论'] }),
            doc('hi', { title: ['हिन्दी', 'व्याकरण'] }),
            doc('haw', { title: ['hawaiʼi'] }),
            doc('de', { title: ['Über', 'über'], exact: ['Über'] }),
            doc('long', { title: [t64] }),
          ],
          [],
        );
      });
      const found = async (match: MatchExpr): Promise<string[]> =>
        sorted(keys(await f.index.search(query({ match }))));

      void it('finds each term with quotes, stars, colons, brackets or operator names as itself and nothing else', async () => {
        for (const [i, t] of odd.entries()) {
          assert.deepEqual(await found(term(t)), [keyOf(`odd-${String(i).padStart(2, '0')}`)], `term ${t}`);
        }
        assert.deepEqual(await found(phrase(['AND'])), [keyOf('odd-00')]);
        assert.deepEqual(await found(prefix('a"')), [keyOf('odd-07')]);
        assert.deepEqual(await found(prefix('A')), [keyOf('odd-00')], 'case is data');
        assert.deepEqual(await found(term('Über', ['exact'])), [keyOf('de')]);
        assert.deepEqual(await found(term('über', ['exact'])), []);
        assert.deepEqual(await found(term('near')), []);
      });

      void it('keeps non-Latin terms whole: Arabic, Chinese bigrams, Devanagari with its signs, ʼ', async () => {
        assert.deepEqual(await found(term('الجبر')), [keyOf('ar')]);
        assert.deepEqual(await found(phrase(['الجبر', 'الخطي'])), [keyOf('ar')]);
        assert.deepEqual(await found(term('代数')), [keyOf('zh')]);
        assert.deepEqual(await found(phrase(['性代', '代数'])), [keyOf('zh')]);
        assert.deepEqual(await found(phrase(['代数', '线性'])), []);
        assert.deepEqual(await found(term('代')), []);
        assert.deepEqual(await found(term('हिन्दी')), [keyOf('hi')]);
        assert.deepEqual(await found(term('हिन्दि')), [], 'another vowel sign is another term');
        assert.deepEqual(await found(prefix('हिन्')), [keyOf('hi')]);
        assert.deepEqual(await found(term('hawaiʼi')), [keyOf('haw')]);
        assert.deepEqual(await found(term('hawaii')), []);
        assert.deepEqual(await found(prefix('hawai')), [keyOf('haw')]);
      });

      void it('matches a 64-character term whole and by prefix', async () => {
        assert.deepEqual(await found(term(t64)), [keyOf('long')]);
        assert.deepEqual(await found(prefix(t64.slice(0, 63))), [keyOf('long')]);
        assert.deepEqual(await found(term(t64.slice(0, 63))), []);
      });

      void it('refuses a query term that is empty or holds a space, and an unknown column or facet', async () => {
        const bad: IndexQuery[] = [
          query({ match: term('') }),
          query({ match: term('two words') }),
          query({ match: phrase([]) }),
          query({ match: and() }),
          query({ match: term('x', []) }),
          query({ match: term('x', ['colour' as SearchColumn]) }),
          query({ exclude: term('a b') }),
          query({ facets: ['colour' as IndexFacet] }),
          query({ limit: -1 }),
          query({ limit: 1.5 }),
          query({ limit: 100_000 }),
          query({ facetLimit: -1 }),
          query({ after: { value: 'not a score', workKey: 'w' } }),
          query({ sort: 'date', after: { value: 3, workKey: 'w' } }),
        ];
        for (const q of bad)
          await assert.rejects(f.index.search(q), hasCode('invalid_parameter'), JSON.stringify(q));
      });
    });

    void describe('ranking', () => {
      const f = fresh(open);
      beforeEach(async () => {
        await f.index.apply(
          [
            ...fillers(16),
            doc('in-title', {
              title: ['zeta', 'one', 'two'],
              description: ['d1', 'd2', 'd3', 'd4'],
              quality: 0,
            }),
            doc('in-description', {
              title: ['three', 'four', 'five'],
              description: ['zeta', 'd5', 'd6', 'd7'],
              quality: 1,
            }),
            doc('good', { title: ['omega', 'six'], quality: 0.9 }),
            doc('poor', { title: ['omega', 'six'], quality: 0.1 }),
            doc('own', { title: ['sigma', 'seven'] }),
            doc('expanded', { title: ['sigmoid', 'seven'], concepts: ['c:1'] }),
            doc('both', { title: ['sigma', 'eight'], concepts: ['c:1'] }),
            doc('twice', { title: ['nine'], concepts: ['c:1', 'c:2'] }),
          ],
          [],
        );
      });

      void it('ranks a match in the title above one in the description, whatever their quality', async () => {
        const result = await f.index.search(query({ match: term('zeta') }));
        assert.deepEqual(keys(result), [keyOf('in-title'), keyOf('in-description')]);
        assert.ok((result.hits[0]?.score ?? 0) > (result.hits[1]?.score ?? 0));
        assert.ok((result.hits[1]?.score ?? 0) > 0);
      });

      void it('lets quality decide between equal texts', async () => {
        const result = await f.index.search(query({ match: term('omega') }));
        assert.deepEqual(keys(result), [keyOf('good'), keyOf('poor')]);
        const [good, poor] = result.hits.map((h) => h.score);
        assert.ok(
          good !== undefined && poor !== undefined && good > poor && good < poor * 1.5,
          'a mild factor',
        );
      });

      void it('finds documents through expansions, below the own words, and says through which', async () => {
        const q = query({
          match: term('sigma'),
          expansions: [
            { key: 'k1', expr: term('c:1', ['concepts']) },
            { key: 'k2', expr: term('c:2', ['concepts']) },
          ],
        });
        const result = await f.index.search(q);
        assert.equal(result.total, 4);
        const byKey = new Map(result.hits.map((h) => [h.workKey, h]));
        assert.deepEqual(byKey.get(keyOf('own'))?.via, []);
        assert.deepEqual(byKey.get(keyOf('both'))?.via, [], 'it matched the own words');
        assert.deepEqual(byKey.get(keyOf('expanded'))?.via, ['k1']);
        assert.deepEqual(byKey.get(keyOf('twice'))?.via, ['k1', 'k2']);
        const own = new Set([keyOf('own'), keyOf('both')]);
        assert.deepEqual(new Set(keys(result).slice(0, 2)), own, 'own words first');
        const lowestOwn = Math.min(...result.hits.filter((h) => own.has(h.workKey)).map((h) => h.score));
        for (const hit of result.hits.filter((h) => !own.has(h.workKey))) assert.ok(hit.score < lowestOwn);
        const browse = await f.index.search(query({ expansions: q.expansions, limit: 1000 }));
        assert.equal(browse.total, 24, 'expansions play no part in browsing');
        assert.ok(browse.hits.every((h) => h.via.length === 0 && h.score === 0));
      });

      void it('names every expansion a best member matched, whatever its shape, in the order given', async () => {
        const result = await f.index.search(
          query({
            match: term('sigma'),
            expansions: [
              { key: 'phrase-backwards', expr: phrase(['seven', 'sigmoid'], ['title']) },
              { key: 'prefix', expr: prefix('sigmo', ['title']) },
              { key: 'phrase', expr: phrase(['sigmoid', 'seven']) },
              { key: 'other-column', expr: term('sigmoid', ['description']) },
              { key: 'both', expr: and(term('seven', ['title']), term('c:1', ['concepts'])) },
            ],
          }),
        );
        assert.deepEqual(result.hits.find((h) => h.workKey === keyOf('expanded'))?.via, [
          'prefix',
          'phrase',
          'both',
        ]);
      });

      void it('scores nothing when browsing', async () => {
        const result = await f.index.search(query({ limit: 3 }));
        assert.equal(result.total, 24);
        assert.deepEqual(
          result.hits.map((h) => [h.score, h.cursor.value]),
          [
            [0, 0],
            [0, 0],
            [0, 0],
          ],
        );
      });
    });

    void describe('works', () => {
      const f = fresh(open);
      beforeEach(async () => {
        await f.index.apply(
          [
            ...fillers(10),
            doc('m-weak', {
              work: 'w-book',
              description: ['kappa', 'x1', 'x2'],
              facets: { inLanguage: ['fr'] },
              date: '2023-05-05',
            }),
            doc('m-strong', {
              work: 'w-book',
              title: ['kappa', 'x3'],
              facets: { inLanguage: ['en'] },
              date: '2020-01-01',
            }),
            doc('m-other', {
              work: 'w-book',
              title: ['unrelated'],
              facets: { inLanguage: ['de'] },
              date: '2024-12-31',
            }),
            doc('single', { title: ['kappa', 'x4', 'x5', 'x6'], facets: { inLanguage: ['en'] } }),
            doc('9', { source: 'src-a', work: 'w-tie', title: ['lambda'], date: '2021-01-01' }),
            doc('1', { source: 'src-b', work: 'w-tie', title: ['lambda'], date: '2021-01-01' }),
            doc('newer', { source: 'src-c', work: 'w-date', title: ['mu'], date: '2022-02-02' }),
            doc('older', { source: 'src-b', work: 'w-date', title: ['mu'], date: '2021-02-02' }),
          ],
          [],
        );
      });

      void it('collapses the members of a work into one hit, represented by its best matching member', async () => {
        const result = await f.index.search(query({ match: term('kappa'), facets: ['inLanguage'] }));
        assert.equal(result.total, 2);
        const book = result.hits.find((h) => h.workKey === 'w-book');
        assert.deepEqual(book?.best, ref('m-strong'));
        assert.equal(book?.workId, 'w-book');
        assert.equal(book?.date, '2023-05-05', 'the newest date among the matching members');
        const single = result.hits.find((h) => h.workKey === keyOf('single'));
        assert.equal(single?.workId, null);
        assert.deepEqual(result.facets.inLanguage, [
          { value: 'en', count: 2 },
          { value: 'fr', count: 1 },
        ]);
      });

      void it('breaks ties between members by date, then by ref in byte order', async () => {
        const tie = await f.index.search(query({ match: term('lambda') }));
        assert.deepEqual(
          tie.hits.map((h) => h.best),
          [ref('9', 'src-a')],
        );
        const dated = await f.index.search(query({ match: term('mu') }));
        assert.deepEqual(
          dated.hits.map((h) => h.best),
          [ref('newer', 'src-c')],
        );
        const browse = await f.index.search(query({ limit: 1000 }));
        const byKey = new Map(browse.hits.map((h) => [h.workKey, h]));
        assert.deepEqual(byKey.get('w-tie')?.best, ref('9', 'src-a'));
        assert.deepEqual(byKey.get('w-book')?.best, ref('m-other'), 'browsing: all score 0, the newest wins');
        assert.equal(byKey.get('w-book')?.date, '2024-12-31');
      });

      void it('lists the members of works in ref order with their languages, leaving unknown keys out', async () => {
        await f.index.apply(
          [doc('id/with slash', { source: 'src x', title: ['nu'], facets: { inLanguage: ['sw', 'en'] } })],
          [],
        );
        const oddKey = workKeyOf(ref('id/with slash', 'src x'), null);
        const members = await f.index.members(['w-book', oddKey, 'w-unknown', 'w-book']);
        assert.deepEqual([...members.keys()].sort(byteCompare), sorted(['w-book', oddKey]));
        assert.deepEqual(members.get('w-book'), [
          { ref: ref('m-other'), inLanguage: ['de'] },
          { ref: ref('m-strong'), inLanguage: ['en'] },
          { ref: ref('m-weak'), inLanguage: ['fr'] },
        ]);
        assert.deepEqual(members.get(oddKey), [
          { ref: ref('id/with slash', 'src x'), inLanguage: ['sw', 'en'] },
        ]);
        assert.deepEqual(keys(await f.index.search(query({ match: term('nu') }))), [oddKey]);
        assert.equal((await f.index.members([])).size, 0);
      });
    });

    void describe('facets and filters', () => {
      const f = fresh(open);
      beforeEach(async () => {
        await f.index.apply(
          [
            doc('w1-en', {
              work: 'w1',
              title: ['omega'],
              facets: { inLanguage: ['en'], license: ['cc-by'], level: ['1'] },
              free: true,
              noLogin: true,
            }),
            doc('w1-fr', {
              work: 'w1',
              title: ['omega'],
              facets: { inLanguage: ['fr'], license: ['cc-by'], level: ['1', '2'] },
              free: true,
              noLogin: false,
            }),
            doc('w2', {
              work: 'w2',
              title: ['omega'],
              facets: { inLanguage: ['en'], license: ['cc0'] },
              free: false,
            }),
            doc('w3', {
              title: ['omega'],
              facets: { inLanguage: ['de'], license: ['cc-by'], type: ['video'] },
            }),
            doc('other', {
              title: ['psi'],
              facets: { inLanguage: ['en'], license: ['cc-by-sa'] },
              free: true,
            }),
          ],
          [],
        );
      });
      const omega = (extra: Partial<IndexQuery>): Promise<IndexResult> =>
        f.index.search(query({ match: term('omega'), facets: ['inLanguage', 'license'], ...extra }));

      void it('counts works, not documents, for totals and facet values', async () => {
        const result = await omega({});
        assert.equal(result.total, 3);
        assert.deepEqual(result.facets, {
          inLanguage: [
            { value: 'en', count: 2 },
            { value: 'de', count: 1 },
            { value: 'fr', count: 1 },
          ],
          license: [
            { value: 'cc-by', count: 2 },
            { value: 'cc0', count: 1 },
          ],
        });
        const browse = await f.index.search(query({ facets: ['level', 'type', 'source'] }));
        assert.equal(browse.total, 4);
        assert.deepEqual(browse.facets, {
          level: [
            { value: '1', count: 1 },
            { value: '2', count: 1 },
          ],
          type: [{ value: 'video', count: 1 }],
          source: [],
        });
      });

      void it('counts each facet with every filter but its own, and always lists the selected values', async () => {
        const fr = await omega({ filters: filters({ inLanguage: ['fr'] }) });
        assert.equal(fr.total, 1);
        assert.deepEqual(keys(fr), ['w1']);
        assert.deepEqual(fr.hits[0]?.best, ref('w1-fr'), 'the best member passes the filters');
        assert.deepEqual(fr.facets.inLanguage, [
          { value: 'en', count: 2 },
          { value: 'de', count: 1 },
          { value: 'fr', count: 1 },
        ]);
        assert.deepEqual(fr.facets.license, [{ value: 'cc-by', count: 1 }]);

        const none = await omega({
          filters: filters({ inLanguage: ['fr'], license: ['cc0', 'cc-nothing'] }),
        });
        assert.equal(none.total, 0);
        assert.deepEqual(none.hits, []);
        assert.deepEqual(none.facets.inLanguage, [
          { value: 'en', count: 1 },
          { value: 'fr', count: 0 },
        ]);
        assert.deepEqual(none.facets.license, [
          { value: 'cc-by', count: 1 },
          { value: 'cc-nothing', count: 0 },
          { value: 'cc0', count: 0 },
        ]);
      });

      void it('ORs the values of one facet and ANDs the facets', async () => {
        assert.deepEqual(
          sorted(keys(await omega({ filters: filters({ inLanguage: ['fr', 'de'] }) }))),
          sorted(['w1', keyOf('w3')]),
        );
        assert.deepEqual(
          sorted(keys(await omega({ filters: filters({ inLanguage: ['en', 'de'], license: ['cc0'] }) }))),
          ['w2'],
        );
        assert.deepEqual(keys(await omega({ filters: filters({ level: ['2'], license: ['cc-by'] }) })), [
          'w1',
        ]);
        assert.equal(
          (await omega({ filters: filters({ level: ['2'], inLanguage: ['en'] }) })).total,
          0,
          'one member must pass all',
        );
      });

      void it('filters on free and noLogin, where unknown passes neither true nor false', async () => {
        assert.deepEqual(keys(await omega({ filters: filters({ free: true }) })), ['w1']);
        assert.deepEqual(keys(await omega({ filters: filters({ free: false }) })), ['w2']);
        assert.deepEqual(keys(await omega({ filters: filters({ noLogin: false }) })), ['w1']);
        const both = await omega({ filters: filters({ free: true, noLogin: true }) });
        assert.deepEqual(
          both.hits.map((h) => h.best),
          [ref('w1-en')],
        );
        assert.deepEqual(both.facets.inLanguage, [{ value: 'en', count: 1 }]);
        assert.equal((await f.index.search(query({ filters: filters({ free: true }) }))).total, 2);
      });

      void it('returns at most facetLimit values by count then value, plus the selected ones', async () => {
        const result = await omega({ facetLimit: 1, filters: filters({ license: ['cc0'] }) });
        assert.deepEqual(result.facets.inLanguage, [{ value: 'en', count: 1 }]);
        assert.deepEqual(result.facets.license, [
          { value: 'cc-by', count: 2 },
          { value: 'cc0', count: 1 },
        ]);
        const zero = await omega({ facetLimit: 0 });
        assert.deepEqual(zero.facets, { inLanguage: [], license: [] });
        assert.equal(zero.total, 3);
        const noHits = await omega({ limit: 0 });
        assert.deepEqual(noHits.hits, []);
        assert.equal(noHits.total, 3);
      });
    });

    void describe('order and paging', () => {
      const f = fresh(open);
      const dates: (string | null)[] = [
        '2021-03-01',
        '2023-01-01',
        null,
        '2022-06-30T23:00:00-05:00',
        '2022-07-01',
        null,
        '2023-01-01',
        '2019-12-31',
      ];
      beforeEach(async () => {
        const docs: SearchDocument[] = [...fillers(20)];
        // Works that tie on score (identical texts and quality) or on date; keys chosen to test byte order.
        const ids = ['b', 'a', 'B', 'é', 'z', 'Z', 'aa', '0'];
        ids.forEach((id, i) =>
          docs.push(doc(id, { source: 'src-t', title: ['tau', 'common'], date: dates[i] ?? null })),
        );
        docs.push(doc('strong', { source: 'src-t', title: ['tau', 'tau'], date: null }));
        docs.push(doc('weak', { source: 'src-t', description: ['tau', 'x', 'y', 'z'], date: '2018-01-01' }));
        docs.push(doc('m1', { source: 'src-t', work: 'w-pair', title: ['tau', 'common'], date: null }));
        docs.push(doc('m2', { source: 'src-t', work: 'w-pair', title: ['other'], date: '2030-01-01' }));
        await f.index.apply(docs, []);
      });

      void it('sorts ties by work key in byte order', async () => {
        const result = await f.index.search(query({ match: phrase(['tau', 'common']) }));
        const expected = sorted([
          ...['b', 'a', 'B', 'é', 'z', 'Z', 'aa', '0'].map((id) => keyOf(id, 'src-t')),
          'w-pair',
        ]);
        assert.deepEqual(keys(result), expected);
        assert.ok(
          result.hits.every((h) => h.score === result.hits[0]?.score),
          'identical texts score alike',
        );
      });

      void it('sorts by date newest first, by the instant named, with undated works last', async () => {
        const result = await f.index.search(query({ match: term('tau'), sort: 'date' }));
        const k = (id: string): string => keyOf(id, 'src-t');
        assert.deepEqual(keys(result), [
          ...sorted([k('a'), k('aa')]),
          k('é'),
          k('z'),
          k('b'),
          k('0'),
          k('weak'),
          ...sorted([k('B'), k('Z'), k('strong'), 'w-pair']),
        ]);
        assert.deepEqual(
          result.hits.slice(0, 3).map((h) => h.date),
          ['2023-01-01', '2023-01-01', '2022-06-30T23:00:00-05:00'],
        );
        assert.equal(
          result.hits.find((h) => h.workKey === 'w-pair')?.date,
          null,
          'only matching members count',
        );
        assert.ok(result.hits.every((h) => h.cursor.value === h.date && h.cursor.workKey === h.workKey));
      });

      for (const sort of ['relevance', 'date'] as const) {
        for (const size of [1, 2, 3, 5]) {
          void it(`walks every page of ${size} once, with no gap, in ${sort} order`, async () => {
            const q = query({ match: term('tau'), sort, facets: ['inLanguage'] });
            const all = await f.index.search(q);
            assert.equal(all.total, 11);
            const walked = await walk(f.index, q, size);
            assert.deepEqual(keys({ ...all, hits: walked }), keys(all));
            assert.deepEqual(walked, all.hits);
            const browsed = await walk(f.index, query({ sort }), size);
            assert.equal(browsed.length, 31);
            assert.equal(new Set(browsed.map((h) => h.workKey)).size, 31);
          });
        }
      }

      void it('starts after a cursor whose work is gone, or at a score with the smallest key', async () => {
        const q = query({ match: term('tau'), sort: 'date' });
        const all = keys(await f.index.search(q));
        const cursor = { value: '2023-01-01', workKey: keyOf('ab', 'src-t') };
        assert.deepEqual(keys(await f.index.search({ ...q, after: cursor })), all.slice(2));
        const relevance = await f.index.search(query({ match: term('tau') }));
        const second = relevance.hits[1];
        assert.ok(second !== undefined);
        assert.deepEqual(
          keys(
            await f.index.search(query({ match: term('tau'), after: { value: second.score, workKey: '' } })),
          ),
          keys(relevance).slice(1),
          'a key before every key starts at the score itself',
        );
      });
    });

    void describe('suggestions', () => {
      const f = fresh(open);
      beforeEach(async () => {
        await f.index.apply(
          [
            doc('s1', {
              title: ['algebra'],
              words: ['algebra', 'algebra', 'alpha'],
              name: 'Linear Algebra',
              quality: 0.9,
            }),
            doc('s2', {
              title: ['algebra'],
              words: ['algebra', 'algorithm'],
              name: 'Linear Algebra',
              quality: 0.9,
            }),
            doc('s3', {
              title: ['algebra'],
              words: ['algebra', 'algèbre'],
              name: 'Linear Models',
              quality: 0.7,
            }),
            doc('s4', { title: ['x'], words: ['algebraic'], name: 'Linear Algebra', quality: 0.3 }),
            doc('s5', { title: ['y'], words: ['beta'], name: 'Nonlinear Dynamics', quality: 1 }),
            doc('s6', { title: ['z'], words: ['gamma'], name: 'Linear Equations', quality: 0.7 }),
          ],
          [],
        );
      });

      void it('completes words by documents, then in byte order', async () => {
        assert.deepEqual(await f.index.completeWord('alg', 10), [
          { word: 'algebra', documents: 3 },
          { word: 'algebraic', documents: 1 },
          { word: 'algorithm', documents: 1 },
          { word: 'algèbre', documents: 1 },
        ]);
        assert.deepEqual(await f.index.completeWord('alg', 2), [
          { word: 'algebra', documents: 3 },
          { word: 'algebraic', documents: 1 },
        ]);
        assert.deepEqual(
          (await f.index.completeWord('', 1)).map((w) => w.word),
          ['algebra'],
        );
        assert.deepEqual(await f.index.completeWord('algebras', 5), []);
        assert.deepEqual(await f.index.completeWord('Alg', 5), []);
        await f.index.apply([], [ref('s1'), ref('s2')]);
        assert.deepEqual(await f.index.completeWord('al', 10), [
          { word: 'algebra', documents: 1 },
          { word: 'algebraic', documents: 1 },
          { word: 'algèbre', documents: 1 },
        ]);
      });

      void it('completes titles by quality then title, each title once', async () => {
        assert.deepEqual(await f.index.completeTitle('linear', 10), [
          { title: 'Linear Algebra', ref: ref('s1') },
          { title: 'Linear Equations', ref: ref('s6') },
          { title: 'Linear Models', ref: ref('s3') },
        ]);
        assert.deepEqual(
          (await f.index.completeTitle('linear e', 10)).map((t) => t.title),
          ['Linear Equations'],
        );
        assert.deepEqual(
          (await f.index.completeTitle('', 1)).map((t) => t.title),
          ['Nonlinear Dynamics'],
        );
        assert.deepEqual(await f.index.completeTitle('zzz', 10), []);
      });

      void it('counts documents per word, 0 for unknown words', async () => {
        assert.deepEqual(
          Object.fromEntries(await f.index.wordCounts(['algebra', 'beta', 'nothing', 'algebra'])),
          {
            algebra: 3,
            beta: 1,
            nothing: 0,
          },
        );
        assert.equal((await f.index.wordCounts([])).size, 0);
      });

      void it('offers words within the edit distance that share the prefix, closest and most used first', async () => {
        assert.deepEqual(await f.index.similarWords('algebar', 2, 3, 10), [
          { word: 'algebra', documents: 3 },
        ]);
        assert.deepEqual(
          await f.index.similarWords('algebra', 2, 3, 10),
          [
            { word: 'algebraic', documents: 1 },
            { word: 'algèbre', documents: 1 },
          ],
          'not itself',
        );
        assert.deepEqual(await f.index.similarWords('algebra', 2, 3, 1), [
          { word: 'algebraic', documents: 1 },
        ]);
        assert.deepEqual(await f.index.similarWords('algebr', 1, 3, 10), [{ word: 'algebra', documents: 3 }]);
        assert.deepEqual(await f.index.similarWords('xlgebra', 1, 1, 10), [], 'the first letter differs');
        assert.deepEqual(
          (await f.index.similarWords('xlgebra', 1, 0, 10)).map((w) => w.word),
          ['algebra'],
        );
        assert.deepEqual(
          (await f.index.similarWords('algèbra', 1, 3, 10)).map((w) => w.word),
          ['algebra', 'algèbre'],
        );
        assert.deepEqual(
          (await f.index.similarWords('btea', 1, 1, 10)).map((w) => w.word),
          ['beta'],
          'a swap is one edit',
        );
        await assert.rejects(f.index.similarWords('algebra', 9, 1, 10), hasCode('invalid_parameter'));
      });
    });
  });
}
