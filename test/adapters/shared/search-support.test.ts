// The pure rules both search index adapters share (edit distance, prefix ranges, facet value picking, date
// keys, orders and cursors, validation) and SQLite's term encoding, which must keep every term one token and
// map prefixes to prefixes. Must stay free of any database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkIndexQuery,
  codePointPrefix,
  compareMembers,
  compareUtf8,
  compareSortPositions,
  dateSortKey,
  editDistance,
  isAfterCursor,
  pickFacetValues,
  planApply,
  prefixUpperBound,
  rankSimilarWords,
} from '../../../src/adapters/shared/search-support.js';
import { compileMatch, encodeTerm, withoutMatches } from '../../../src/adapters/sqlite/search-fts.js';
import { AtlasError } from '../../../src/domain/errors.js';
import {
  INDEX_FACETS,
  type IndexQuery,
  type MatchExpr,
  type SearchDocument,
} from '../../../src/ports/search-index.js';

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

void describe('search index rules', () => {
  void it('orders strings by their UTF-8 bytes without encoding them, astral and lone surrogates included', () => {
    const samples = [
      '',
      'a',
      'ab',
      'b',
      'é',
      '\ue000',
      '\uffff',
      '𝔞',
      '𝔞b',
      '𝔟',
      '\ud800',
      '\udc00x',
      'a\ud800',
      '中',
    ];
    for (const a of samples) {
      for (const b of samples) {
        assert.equal(Math.sign(compareUtf8(a, b)), Math.sign(byteCompare(a, b)), JSON.stringify([a, b]));
      }
    }
  });

  void it('counts edits over code points, a swap of neighbours as one, and stops past the maximum', () => {
    assert.equal(editDistance('algebra', 'algebra', 2), 0);
    assert.equal(editDistance('algebra', 'algebar', 2), 1);
    assert.equal(editDistance('algebra', 'algbra', 2), 1);
    assert.equal(editDistance('algebra', 'algebrai', 2), 1);
    assert.equal(editDistance('algebra', 'algèbre', 2), 2);
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('kitten', 'sitting', 2), 3, 'max + 1 once beyond');
    assert.equal(editDistance('𝔞𝔟', '𝔟𝔞', 1), 1, 'astral characters count once');
    assert.equal(editDistance('', 'abc', 5), 3);
    assert.equal(editDistance('abc', 'abcdef', 2), 3);
  });

  void it('ranks similar words by distance, then documents, then bytes, leaving the word out', () => {
    const found = rankSimilarWords(
      'colour',
      [
        { word: 'colour', documents: 50 },
        { word: 'color', documents: 3 },
        { word: 'colours', documents: 9 },
        { word: 'collar', documents: 40 },
        { word: 'cooler', documents: 1 },
      ],
      2,
      10,
    );
    assert.deepEqual(
      found.map((w) => w.word),
      ['colours', 'color', 'collar', 'cooler'],
    );
  });

  void it('bounds every string with a prefix, in byte order, and nothing else', () => {
    const words = ['ab', 'abc', 'ab\u{10FFFF}x', 'abd', 'ac', 'a', 'ab\uffff', 'abé', 'aa'];
    for (const prefix of ['ab', 'a', 'abc', 'ab\u{10FFFF}']) {
      const upper = prefixUpperBound(prefix);
      const inRange = words.filter(
        (w) => byteCompare(w, prefix) >= 0 && (upper === null || byteCompare(w, upper) < 0),
      );
      assert.deepEqual(inRange.sort(), words.filter((w) => w.startsWith(prefix)).sort(), prefix);
    }
    assert.equal(prefixUpperBound(''), null);
    assert.equal(prefixUpperBound('\u{10FFFF}'), null);
    assert.equal(prefixUpperBound('a\ud7ff'), 'a\ue000', 'no surrogate code points');
    assert.equal(codePointPrefix('𝔞𝔟c', 2), '𝔞𝔟');
  });

  void it('picks facet values by count then bytes, up to the limit, with every selected value', () => {
    const counts = new Map([
      ['fr', 3],
      ['en', 5],
      ['de', 3],
      ['ar', 1],
      ['zero', 0],
    ]);
    assert.deepEqual(pickFacetValues(counts, 2, []), [
      { value: 'en', count: 5 },
      { value: 'de', count: 3 },
    ]);
    assert.deepEqual(pickFacetValues(counts, 1, ['ar', 'sw', 'en']), [
      { value: 'en', count: 5 },
      { value: 'ar', count: 1 },
      { value: 'sw', count: 0 },
    ]);
    assert.deepEqual(pickFacetValues(new Map(), 5, []), []);
  });

  void it('sorts dates by the instant they name, null last, and ties by work key', () => {
    assert.equal(dateSortKey('2022-07-01'), Date.UTC(2022, 6, 1));
    assert.equal(dateSortKey('2022-06-30T23:00:00-05:00'), Date.UTC(2022, 6, 1, 4));
    assert.equal(dateSortKey('2022-02-30x'), dateSortKey('2022-02-30'));
    assert.equal(dateSortKey('9999-99-99'), null);
    assert.equal(dateSortKey(null), null);
    const positions = [
      { value: null, workKey: 'a' },
      { value: '2022-07-01', workKey: 'b' },
      { value: '2022-06-30T23:00:00-05:00', workKey: 'c' },
      { value: '2022-07-01', workKey: 'a' },
    ];
    assert.deepEqual(
      [...positions].sort((x, y) => compareSortPositions('date', x, y)).map((p) => p.workKey),
      ['c', 'a', 'b', 'a'],
    );
    assert.ok(isAfterCursor('date', { value: null, workKey: 'a' }, { value: '1900-01-01', workKey: 'z' }));
    assert.ok(!isAfterCursor('relevance', { value: 2, workKey: 'a' }, { value: 1, workKey: 'z' }));
    assert.ok(isAfterCursor('relevance', { value: 1, workKey: 'é' }, { value: 1, workKey: 'z' }));
    const members = [
      { score: 1, date: null, ref: { sourceId: 'a', sourceRecordId: '1' } },
      { score: 1, date: '2020-01-01', ref: { sourceId: 'b', sourceRecordId: '1' } },
      { score: 2, date: null, ref: { sourceId: 'c', sourceRecordId: '1' } },
    ];
    assert.deepEqual(
      [...members].sort(compareMembers).map((m) => m.ref.sourceId),
      ['c', 'b', 'a'],
    );
  });

  void it('keeps the last of two documents with one ref and drops those removed too', () => {
    const facets = Object.fromEntries(
      INDEX_FACETS.map((f) => [f, []]),
    ) as unknown as SearchDocument['facets'];
    const doc = (id: string, title: string): SearchDocument => ({
      ref: { sourceId: 's', sourceRecordId: id },
      workId: null,
      text: { title: [title], subjects: [], description: [], exact: [], concepts: [] },
      facets,
      free: null,
      noLogin: null,
      date: null,
      quality: 0,
      title,
      titleKey: title,
      words: [],
    });
    const plan = planApply(
      [doc('a', 'one'), doc('b', 'two'), doc('a', 'three')],
      [{ sourceId: 's', sourceRecordId: 'b' }],
    );
    assert.deepEqual(
      plan.upserts.map((d) => d.title),
      ['three'],
    );
    assert.deepEqual(plan.removals, [{ sourceId: 's', sourceRecordId: 'b' }]);
  });

  void it('refuses queries that are out of range', () => {
    const base: IndexQuery = {
      match: null,
      expansions: [],
      exclude: null,
      filters: {
        ...(Object.fromEntries(INDEX_FACETS.map((f) => [f, []])) as unknown as IndexQuery['filters']),
        free: null,
        noLogin: null,
      },
      facets: [],
      facetLimit: 10,
      sort: 'relevance',
      limit: 20,
      after: null,
    };
    checkIndexQuery(base);
    const deep = (n: number): MatchExpr =>
      n === 0 ? { kind: 'term', term: 'x', columns: ['title'] } : { kind: 'and', nodes: [deep(n - 1)] };
    for (const bad of [
      { ...base, limit: 1001 },
      { ...base, match: deep(40) },
      { ...base, expansions: [{ key: '', expr: { kind: 'term', term: 'x', columns: ['title'] } }] },
    ] as IndexQuery[]) {
      assert.throws(
        () => checkIndexQuery(bad),
        (err: unknown) => err instanceof AtlasError && err.code === 'invalid_parameter',
      );
    }
  });
});

void describe('SQLite term encoding', () => {
  const terms = [
    'algebra',
    'Über',
    'a"b*c:d',
    'AND',
    '(x)',
    '{y}',
    'ʼokina',
    '线性',
    'हिन्दी',
    'x\uf701y',
    'e\uf6ffz',
    'ÿ',
  ];

  void it('leaves a-z, digits and other letters alone and maps everything else outside ASCII', () => {
    assert.equal(encodeTerm('algebra2'), 'algebra2');
    assert.equal(encodeTerm('线性'), '线性');
    for (const t of terms) assert.match(encodeTerm(t), /^[a-z0-9\u0080-\uffff]+$/u, t);
  });

  void it('gives distinct terms distinct encodings and keeps prefixes exactly', () => {
    const all = [...terms, 'A', 'a', '\uf741', '\uf6ff', '\uf6ff\uf741', 'x\uf741', 'xA'];
    const encoded = all.map(encodeTerm);
    assert.equal(new Set(encoded).size, all.length);
    for (const a of all) {
      for (const b of all) {
        assert.equal(encodeTerm(b).startsWith(encodeTerm(a)), b.startsWith(a), `${a} / ${b}`);
      }
    }
  });

  void it('quotes every term and names columns only from the list', () => {
    assert.equal(
      compileMatch({
        kind: 'and',
        nodes: [
          { kind: 'term', term: 'NEAR', columns: ['title', 'subjects'] },
          {
            kind: 'phrase',
            terms: ['a', 'b'],
            columns: ['title', 'subjects', 'description', 'exact', 'concepts'],
          },
          { kind: 'or', nodes: [{ kind: 'term', term: 'c', columns: ['concepts'], prefix: true }] },
        ],
      }),
      `({title subjects} : "${encodeTerm('NEAR')}") AND ("a b") AND ({concepts} : "c" *)`,
    );
    assert.equal(withoutMatches('"a"', []), '"a"');
    assert.equal(withoutMatches('"a"', ['"b"', '"c"']), '("a") NOT (("b") OR ("c"))');
  });
});
