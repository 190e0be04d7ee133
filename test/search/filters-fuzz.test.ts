// Property tests of the search parameters over thousands of seeded random parameter sets (known and unknown
// names, valid, near-valid and hostile values, repeated and comma forms, values that are not text): the
// parser either returns a well-formed request or throws a SearchParameterError, never anything else; a
// request's canonical values are accepted again unchanged; --filter pairs behave the same way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LICENSE_GROUPS } from '../../src/domain/profile.js';
import {
  DEFAULT_LIMIT,
  FACETS,
  FILTER_KEYS,
  MAX_LIMIT,
  MAX_VALUES_PER_FACET,
  parseFilterArgs,
  parseSearchParams,
  SEARCH_PARAMETERS,
  SearchParameterError,
  type SearchRequest,
} from '../../src/search/filters.js';
import { parseQuery } from '../../src/search/query.js';
import { HCRT_CONCEPTS } from '../../src/vocab/hcrt.js';

/** mulberry32: a small seeded generator, so every run tries the same parameter sets. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  const value = list[Math.floor(rnd() * list.length)];
  assert.ok(value !== undefined);
  return value;
}

// Values near the valid ones of every parameter, and hostile ones.
const VALUES: readonly string[] = [
  ...LICENSE_GROUPS,
  ...HCRT_CONCEPTS.slice(0, 6).map((c) => c.notation),
  HCRT_CONCEPTS[0]?.id ?? '',
  'CC BY-SA',
  'cc0',
  'gpl',
  'by-sa-4.0',
  '0',
  '2',
  '8',
  '9',
  '24',
  '05',
  '0532',
  '05321',
  '99',
  'en',
  'pt-br',
  'zh-Hans-CN',
  'fra',
  'French',
  'x-foo',
  'en-',
  'und',
  'alternativeText',
  'CAPTIONS',
  'mathml',
  'flashing',
  'src_0h7k3m9q2c4x',
  'src_short',
  'FR',
  'uk',
  'EU',
  'ZZ',
  'true',
  'false',
  'on',
  'maybe',
  'relevance',
  'date',
  'newest',
  '1',
  '20',
  '100',
  '101',
  '-1',
  '1.5',
  'eyJrIjoxfQ',
  'abcde',
  'ab+/',
  '',
  ' ',
  ',',
  ',,by,',
  'by,,by-sa',
  '\u0000',
  '\uD800',
  '\u202E',
  '<script>',
  'constructor',
  '__proto__',
  'toString',
  'a'.repeat(600),
  'b'.repeat(10_000),
  '😀',
  '数学',
  "' OR 1=1 --",
  '%00',
  '\r\n',
];

function randomValue(rnd: () => number): string {
  const mode = rnd();
  if (mode < 0.15) {
    let s = '';
    const n = Math.floor(rnd() * 20);
    for (let k = 0; k < n; k++) s += String.fromCharCode(Math.floor(rnd() * 0x10000));
    return s;
  }
  if (mode < 0.3) return [pick(rnd, VALUES), pick(rnd, VALUES)].join(',');
  return pick(rnd, VALUES);
}

const NAMES: readonly string[] = [
  ...SEARCH_PARAMETERS,
  ...SEARCH_PARAMETERS,
  'Licence',
  'LICENSE',
  'page',
  '',
  'constructor',
  'hasOwnProperty',
];

/** Values of other types than the HTTP layer sends, as JavaScript callers might. */
const ODD_VALUES: readonly unknown[] = [undefined, null, 5, true, {}, [1], [['x']], [undefined, 'by']];

function randomParams(rnd: () => number): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 5);
  for (let k = 0; k < n; k++) {
    const name = pick(rnd, NAMES);
    const mode = rnd();
    if (mode < 0.6) params[name] = randomValue(rnd);
    else if (mode < 0.9) params[name] = Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd));
    else params[name] = ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)];
  }
  return params;
}

/** Asserts the shape and canonical form of a request. */
function checkRequest(r: SearchRequest): void {
  assert.ok(r.q.root === null || typeof r.q.root.kind === 'string');
  assert.ok(r.lang === null || /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(r.lang), String(r.lang));
  assert.ok(Number.isInteger(r.limit) && r.limit >= 1 && r.limit <= MAX_LIMIT);
  assert.ok(r.sort === 'relevance' || r.sort === 'date');
  assert.equal(typeof r.crossLanguage, 'boolean');
  assert.ok(r.cursor === null || /^[A-Za-z0-9_-]{1,512}$/.test(r.cursor));
  for (const facet of FACETS) {
    const values = r.filters[facet];
    assert.ok(values.length <= MAX_VALUES_PER_FACET);
    assert.equal(new Set(values).size, values.length, `duplicates in ${facet}`);
    for (const v of values) assert.ok(v.length > 0 && v === v.trim() && !v.includes(','), `${facet}: ${v}`);
  }
  for (const v of r.filters.license) assert.ok((LICENSE_GROUPS as readonly string[]).includes(v));
  for (const v of r.filters.level) assert.match(v, /^[0-8]$/);
  for (const v of r.filters.field) assert.match(v, /^\d{2,4}$/);
  for (const v of r.filters.type)
    assert.ok(
      HCRT_CONCEPTS.some((c) => c.id === v),
      v,
    );
  for (const v of r.filters.country) assert.match(v, /^[A-Z]{2}$/);
  for (const v of r.filters.source) assert.match(v, /^src_[0-9a-z]{12}$/);
  assert.ok(r.filters.free === null || typeof r.filters.free === 'boolean');
  assert.ok(r.filters.noLogin === null || typeof r.filters.noLogin === 'boolean');
}

/** The request written back as parameters, in canonical form. */
function toParams(r: SearchRequest, q: unknown): Record<string, unknown> {
  const params: Record<string, unknown> = {
    crossLanguage: String(r.crossLanguage),
    sort: r.sort,
    limit: String(r.limit),
  };
  if (q !== undefined) params.q = q;
  if (r.lang !== null) params.lang = r.lang;
  if (r.cursor !== null) params.cursor = r.cursor;
  for (const facet of FACETS) if (r.filters[facet].length > 0) params[facet] = [...r.filters[facet]];
  if (r.filters.free !== null) params.free = String(r.filters.free);
  if (r.filters.noLogin !== null) params.noLogin = String(r.filters.noLogin);
  return params;
}

describe('parseSearchParams under fuzzing', () => {
  it('returns a well-formed request or throws a SearchParameterError, nothing else (8,000 seeded sets)', () => {
    const rnd = random(424242);
    let accepted = 0;
    const refusedBy = new Set<string>();
    for (let k = 0; k < 8000; k++) {
      const params = randomParams(rnd);
      let request: SearchRequest;
      try {
        request = parseSearchParams(params as Parameters<typeof parseSearchParams>[0]);
      } catch (error) {
        assert.ok(error instanceof SearchParameterError, `${String(error)} for ${JSON.stringify(params)}`);
        assert.ok(error.message.length > 0 && error.message.length < 1000, error.message);
        assert.ok(error.message.includes(`"${error.parameter.slice(0, 40)}`), error.message);
        refusedBy.add(error.parameter);
        continue;
      }
      accepted++;
      checkRequest(request);
      // Canonical values are a fixed point: written back, they are read the same.
      const again = toParams(request, params.q) as Parameters<typeof parseSearchParams>[0];
      assert.deepEqual(parseSearchParams(again), request, JSON.stringify(params));
    }
    // Both outcomes are exercised, and refusals come from every parameter.
    assert.ok(accepted > 1000, `only ${accepted} accepted`);
    for (const p of SEARCH_PARAMETERS.filter((name) => name !== 'q'))
      assert.ok(refusedBy.has(p), `no refusal of ${p}`);
  });

  it('gives the defaults for every parameter that is absent', () => {
    const rnd = random(5);
    for (let k = 0; k < 500; k++) {
      const only = pick(rnd, FACETS);
      const value = pick(rnd, ['by', 'en', '2', '05', 'video', 'braille', 'src_0h7k3m9q2c4x', 'FR']);
      let r: SearchRequest;
      try {
        r = parseSearchParams({ [only]: value });
      } catch (error) {
        assert.ok(error instanceof SearchParameterError);
        continue;
      }
      assert.equal(r.limit, DEFAULT_LIMIT);
      assert.equal(r.crossLanguage, true);
      assert.deepEqual(r.q, parseQuery(''));
      for (const facet of FACETS) if (facet !== only) assert.deepEqual(r.filters[facet], []);
    }
  });

  it('parseFilterArgs returns known keys or throws a SearchParameterError (4,000 seeded argument lists)', () => {
    const rnd = random(77);
    for (let k = 0; k < 4000; k++) {
      const args = Array.from({ length: Math.floor(rnd() * 4) }, () => {
        const mode = rnd();
        if (mode < 0.7) return `${pick(rnd, NAMES)}=${randomValue(rnd)}`;
        return randomValue(rnd);
      });
      let grouped: Partial<Record<string, string[]>>;
      try {
        grouped = parseFilterArgs(args);
      } catch (error) {
        assert.ok(error instanceof SearchParameterError, `${String(error)} for ${JSON.stringify(args)}`);
        continue;
      }
      for (const key of Object.keys(grouped))
        assert.ok((FILTER_KEYS as readonly string[]).includes(key), key);
      try {
        checkRequest(parseSearchParams(grouped));
      } catch (error) {
        assert.ok(error instanceof SearchParameterError, `${String(error)} for ${JSON.stringify(args)}`);
      }
    }
  });
});
