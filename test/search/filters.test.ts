// Tests of the search parameters shared by the HTTP API and the CLI: each parameter with valid, edge and
// invalid values, the repeated and comma-separated forms, defaults, errors (shape and wording) and the
// CLI's --filter pairs. Expected canonical values come from the vocabularies themselves where they can.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtlasError } from '../../src/domain/errors.js';
import { LICENSE_GROUPS } from '../../src/domain/profile.js';
import {
  DEFAULT_LIMIT,
  FILTER_KEYS,
  MAX_CURSOR_LENGTH,
  MAX_LIMIT,
  MAX_VALUES_PER_FACET,
  parseFilterArgs,
  parseSearchParams,
  SEARCH_PARAMETERS,
  SearchParameterError,
  type SearchRequest,
} from '../../src/search/filters.js';
import { parseQuery } from '../../src/search/query.js';
import { ACCESSIBILITY_VOCABULARY } from '../../src/vocab/accessibility.js';
import { HCRT_CONCEPTS } from '../../src/vocab/hcrt.js';

type Params = Parameters<typeof parseSearchParams>[0];

/** The SearchParameterError thrown for params (fails when nothing, or anything else, is thrown). */
function errorOf(params: Params): SearchParameterError {
  try {
    parseSearchParams(params);
  } catch (error) {
    assert.ok(error instanceof SearchParameterError, `not a SearchParameterError: ${String(error)}`);
    return error;
  }
  assert.fail(`no error for ${JSON.stringify(params)}`);
}

function rejects(parameter: string, values: readonly string[]): void {
  for (const value of values) {
    const error = errorOf({ [parameter]: value });
    assert.equal(error.parameter, parameter, value);
    assert.equal(error.value, value.trim().slice(0, 256), value);
    assert.ok(error.message.includes(`"${parameter}"`), error.message);
    assert.ok(error.message.includes('expected'), error.message);
  }
}

function facet(parameter: keyof SearchRequest['filters'], value: string | readonly string[]): unknown {
  return parseSearchParams({ [parameter]: value }).filters[parameter];
}

describe('parseSearchParams: defaults and general rules', () => {
  it('gives the defaults for no parameters', () => {
    assert.deepEqual(parseSearchParams({}), {
      q: { root: null, notes: [], truncated: false },
      lang: null,
      filters: {
        inLanguage: [],
        license: [],
        level: [],
        field: [],
        type: [],
        accessibility: [],
        source: [],
        country: [],
        free: null,
        noLogin: null,
      },
      crossLanguage: true,
      sort: 'date',
      limit: DEFAULT_LIMIT,
      cursor: null,
    });
  });

  it('treats empty values (an empty HTML form) and undefined as absent', () => {
    const empty = Object.fromEntries(SEARCH_PARAMETERS.map((p) => [p, '']));
    assert.deepEqual(parseSearchParams(empty), parseSearchParams({}));
    const blank = Object.fromEntries(SEARCH_PARAMETERS.map((p) => [p, [' ', '']]));
    assert.deepEqual(parseSearchParams(blank), parseSearchParams({}));
    assert.deepEqual(parseSearchParams({ license: undefined, Bogus: undefined }), parseSearchParams({}));
  });

  it('refuses an unknown parameter, naming it and suggesting the known spelling', () => {
    const error = errorOf({ Licence: 'by' });
    assert.equal(error.parameter, 'Licence');
    assert.match(error.message, /"Licence" is not known\. Did you mean "license"\?/);
    assert.match(errorOf({ inlanguage: 'fr' }).message, /Did you mean "inLanguage"\?/);
    const far = errorOf({ zzzzzz: '1' });
    assert.doesNotMatch(far.message, /Did you mean/);
    assert.ok(SEARCH_PARAMETERS.every((p) => far.message.includes(p)));
    errorOf(JSON.parse('{"__proto__": "x"}') as Params);
    errorOf({ constructor: 'x' });
  });

  it('refuses values that are not text', () => {
    for (const value of [1, true, {}, null, [['a']], [2]]) {
      const error = errorOf({ license: value as unknown as string });
      assert.equal(error.parameter, 'license');
      assert.match(error.message, /must be text/);
    }
  });

  it('accepts a single-valued parameter repeated with one value, and refuses different values', () => {
    assert.equal(parseSearchParams({ limit: ['5', '5', ''] }).limit, 5);
    const error = errorOf({ sort: ['date', 'relevance'] });
    assert.equal(error.parameter, 'sort');
    assert.match(error.message, /takes one value but was given 2 different ones \("date", "relevance"\)/);
  });

  it('refuses huge values and too many repetitions before doing any work', () => {
    assert.equal(errorOf({ license: 'b'.repeat(100_000) }).parameter, 'license');
    assert.equal(errorOf({ license: Array.from({ length: 1000 }, () => 'by') }).parameter, 'license');
  });

  it('makes every error an invalid_parameter AtlasError (HTTP 400) with the parameter in its details', () => {
    const error = errorOf({ level: '9' });
    assert.ok(error instanceof AtlasError);
    assert.equal(error.code, 'invalid_parameter');
    assert.equal(error.httpStatus, 400);
    assert.deepEqual(error.details, { parameter: 'level', value: '9' });
    assert.equal(error.name, 'SearchParameterError');
  });

  it('quotes a hostile value safely and briefly in the message', () => {
    const value = `a\u0000\u0085\u202E\u2028\uD800<script>${'x'.repeat(500)}`;
    const error = errorOf({ license: value });
    assert.ok(!/[\p{Cc}\p{Cf}\u2028\uD800]/u.test(error.message), error.message);
    assert.ok(error.message.includes('"a\\u0000\\u0085\\u202e\\u2028\\ud800<script>'), error.message);
    assert.ok(error.message.length < 400);
    assert.equal(error.value, value.slice(0, 256));
  });
});

describe('parseSearchParams: q and lang', () => {
  it('parses q with parseQuery, without splitting at commas', () => {
    const q = 'algebra, "linear map" -x';
    assert.deepEqual(parseSearchParams({ q }).q, parseQuery(q));
    assert.deepEqual(parseSearchParams({ q: [q, q] }).q, parseQuery(q));
    assert.equal(errorOf({ q: ['a', 'b'] }).parameter, 'q');
  });

  it('accepts any query text, even hostile, without an error', () => {
    const q = `"\u0000${'ab '.repeat(5000)}\uD800 OR |`;
    assert.deepEqual(parseSearchParams({ q }).q, parseQuery(q));
  });

  it('canonicalizes lang as records are (case, 639-2/3 codes, deprecated codes, _ for -)', () => {
    const cases: readonly (readonly [string, string])[] = [
      ['pt-br', 'pt-BR'],
      ['EN', 'en'],
      ['zh-hans-cn', 'zh-Hans-CN'],
      ['en_US', 'en-US'],
      ['fra', 'fr'],
      ['iw', 'he'],
      ['es-419', 'es-419'],
      ['und', 'und'],
      ['sw', 'sw'],
    ];
    for (const [input, expected] of cases)
      assert.equal(parseSearchParams({ lang: input }).lang, expected, input);
    assert.equal(parseSearchParams({ lang: ' fr ' }).lang, 'fr');
  });

  it('refuses lang values that are not language tags, or several of them', () => {
    rejects('lang', ['French', 'jp', 'x-foo', 'i-klingon', 'e', 'en-', 'xxx', '1', 'en us', 'a'.repeat(70)]);
    assert.match(errorOf({ lang: 'fr,en' }).message, /one BCP 47 language tag/);
    assert.equal(errorOf({ lang: ['fr', 'en'] }).parameter, 'lang');
  });
});

describe('parseSearchParams: facets', () => {
  it('accepts repeated and comma-separated values together, canonical and without duplicates', () => {
    assert.deepEqual(facet('license', ['by', 'by-sa,by-nc', ' by ,, BY-SA ']), ['by', 'by-sa', 'by-nc']);
    assert.deepEqual(facet('inLanguage', ['pt-br,pt-BR', 'pt_BR', 'fra', 'fr']), ['pt-BR', 'fr']);
  });

  it(`takes at most ${MAX_VALUES_PER_FACET} distinct values per facet`, () => {
    const sources = Array.from(
      { length: MAX_VALUES_PER_FACET + 1 },
      (_, i) => `src_${String(i).padStart(12, '0')}`,
    );
    assert.equal(
      (facet('source', sources.slice(0, MAX_VALUES_PER_FACET)) as string[]).length,
      MAX_VALUES_PER_FACET,
    );
    assert.match(errorOf({ source: sources.join(',') }).message, /at most 50 values/);
  });

  it('inLanguage: BCP 47 tags, canonicalized', () => {
    assert.deepEqual(facet('inLanguage', 'EN-gb,zh-hant,ar,mul,zxx'), [
      'en-GB',
      'zh-Hant',
      'ar',
      'mul',
      'zxx',
    ]);
    rejects('inLanguage', ['English', 'en-', '-en', 'x', 'en--GB', 'qq']);
  });

  it('license: every licence group of the profile, in any case and spacing', () => {
    for (const group of LICENSE_GROUPS) {
      assert.deepEqual(facet('license', group), [group]);
      assert.deepEqual(facet('license', group.toUpperCase().replace(/-/g, ' ')), [group]);
      if (group.startsWith('by')) assert.deepEqual(facet('license', `CC-${group}`), [group]);
    }
    assert.deepEqual(facet('license', 'cc0,CC_BY_NC'), ['public-domain', 'by-nc']);
    rejects('license', ['by-sa-4.0', 'gpl', 'cc', 'nc-by', 'constructor', '__proto__', 'toString']);
    assert.ok(errorOf({ license: 'gpl' }).message.includes(LICENSE_GROUPS.join(', ')));
  });

  it('level: ISCED 2011 digits 0 to 8', () => {
    for (let level = 0; level <= 8; level++) assert.deepEqual(facet('level', String(level)), [String(level)]);
    assert.deepEqual(facet('level', '3,2,3'), ['3', '2']);
    rejects('level', ['9', '24', '-1', '02', 'ISCED 2', 'two', '2.0']);
  });

  it('field: ISCED-F 2013 codes of 2 to 4 digits, or their URIs', () => {
    assert.deepEqual(facet('field', '00,05,053,0532,10,1041'), ['00', '05', '053', '0532', '10', '1041']);
    assert.deepEqual(facet('field', 'https://w3id.org/kim/isced-2013/n0532'), ['0532']);
    assert.deepEqual(facet('field', 'http://w3id.org/kim/isced-2013/n05/'), ['05']);
    rejects('field', ['5', '11', '99', '05321', 'ab', '0x1', 'https://w3id.org/kim/isced-2013/n5']);
  });

  it('type: every HCRT concept by its local name or URI, to the https URI', () => {
    for (const concept of HCRT_CONCEPTS) {
      assert.deepEqual(facet('type', concept.notation), [concept.id]);
      assert.deepEqual(facet('type', concept.notation.toUpperCase().replace(/_/g, '-')), [concept.id]);
      assert.deepEqual(facet('type', concept.id), [concept.id]);
      assert.deepEqual(facet('type', `${concept.id.replace('https:', 'http:')}/`), [concept.id]);
    }
    assert.deepEqual(facet('type', 'web page,hcrt:video'), [
      'https://w3id.org/kim/hcrt/web_page',
      'https://w3id.org/kim/hcrt/video',
    ]);
    rejects('type', [
      'movie',
      'https://w3id.org/kim/hcrt/movie',
      'https://example.org/video',
      'vid eo',
      '1video',
    ]);
    for (const concept of HCRT_CONCEPTS) assert.ok(errorOf({ type: 'x' }).message.includes(concept.notation));
  });

  it('accessibility: every accessibilityFeature term in any case and spacing, deprecated ones replaced', () => {
    for (const term of ACCESSIBILITY_VOCABULARY.accessibilityFeature) {
      const expected = [term.replacedBy ?? term.term];
      assert.deepEqual(facet('accessibility', term.term), expected);
      assert.deepEqual(facet('accessibility', term.term.toLowerCase()), expected);
      const spaced = term.term.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
      assert.deepEqual(facet('accessibility', spaced), expected, spaced);
      assert.deepEqual(
        facet('accessibility', `http://purl.org/dcx/lrmi-vocabs/accessibilityFeature/${term.term}`),
        expected,
      );
    }
    assert.deepEqual(facet('accessibility', 'alternative-text,high_contrast'), [
      'alternativeText',
      'highContrastDisplay',
    ]);
    rejects('accessibility', ['flashing', 'fullKeyboardControl', 'alt text', 'constructor', 'visual']);
  });

  it('source: src_ and 12 letters or digits, lower-cased', () => {
    assert.deepEqual(facet('source', 'src_0h7k3m9q2c4x,SRC_0H7K3M9Q2C4X'), ['src_0h7k3m9q2c4x']);
    rejects('source', [
      'src_0h7k3m9q2c4',
      'src_0h7k3m9q2c4xy',
      'src-0h7k3m9q2c4x',
      '0h7k3m9q2c4x',
      'src_0h7k3m9q2c4_',
    ]);
  });

  it('country: ISO 3166-1 alpha-2, upper-cased, withdrawn codes to their successors', () => {
    assert.deepEqual(facet('country', 'fr,KE,br,uk'), ['FR', 'KE', 'BR', 'GB']);
    rejects('country', ['EU', 'UN', 'ZZ', 'AA', 'XX', 'QO', 'FRA', '250', 'F', 'France']);
  });
});

describe('parseSearchParams: booleans, sort, limit, cursor', () => {
  it('reads free, noLogin and crossLanguage as booleans in several spellings', () => {
    for (const [text, value] of [
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['yes', true],
      ['on', true],
      ['false', false],
      ['0', false],
      ['No', false],
      ['off', false],
    ] as const) {
      const r = parseSearchParams({ free: text, noLogin: text, crossLanguage: text });
      assert.equal(r.filters.free, value, text);
      assert.equal(r.filters.noLogin, value, text);
      assert.equal(r.crossLanguage, value, text);
    }
    rejects('free', ['maybe', '2', 'truee']);
    rejects('noLogin', ['y', '-1']);
    rejects('crossLanguage', ['both']);
    assert.equal(errorOf({ free: ['true', 'false'] }).parameter, 'free');
  });

  it('sorts by relevance when there is something to search for, else by date, unless told', () => {
    assert.equal(parseSearchParams({ q: 'algebra' }).sort, 'relevance');
    assert.equal(parseSearchParams({ q: '-algebra' }).sort, 'date');
    assert.equal(parseSearchParams({ q: 'algebra', sort: 'date' }).sort, 'date');
    assert.equal(parseSearchParams({ sort: 'Relevance' }).sort, 'relevance');
    rejects('sort', ['newest', 'score', 'date desc']);
  });

  it(`takes a limit from 1 to ${MAX_LIMIT}`, () => {
    assert.equal(parseSearchParams({ limit: '1' }).limit, 1);
    assert.equal(parseSearchParams({ limit: String(MAX_LIMIT) }).limit, MAX_LIMIT);
    assert.equal(parseSearchParams({ limit: '007' }).limit, 7);
    assert.equal(parseSearchParams({ limit: ' 5 ' }).limit, 5);
    rejects('limit', ['0', String(MAX_LIMIT + 1), '-1', '1.5', '1e2', '0x10', 'ten', '9999999999', '+5']);
  });

  it(`takes an opaque base64url cursor of up to ${MAX_CURSOR_LENGTH} characters`, () => {
    const longest = 'A'.repeat(MAX_CURSOR_LENGTH);
    assert.equal(parseSearchParams({ cursor: longest }).cursor, longest);
    assert.equal(parseSearchParams({ cursor: 'eyJrIjoxfQ' }).cursor, 'eyJrIjoxfQ');
    assert.equal(parseSearchParams({ cursor: 'ab_-' }).cursor, 'ab_-');
    rejects('cursor', ['A'.repeat(MAX_CURSOR_LENGTH + 4), 'ab+/', 'abc=', 'abcde', 'a b', 'é']);
  });
});

describe('parseFilterArgs', () => {
  it('groups key=value pairs by key, in order, trimmed, splitting at the first "="', () => {
    assert.deepEqual(
      parseFilterArgs(['license=by', ' license = by-sa,by-nc ', 'level=2', 'type=https://x/y?a=b']),
      {
        license: ['by', 'by-sa,by-nc'],
        level: ['2'],
        type: ['https://x/y?a=b'],
      },
    );
    assert.deepEqual(parseFilterArgs([]), {});
  });

  it('accepts every filter key, and its result feeds parseSearchParams', () => {
    for (const key of FILTER_KEYS) assert.deepEqual(Object.keys(parseFilterArgs([`${key}=x`])), [key]);
    const request = parseSearchParams({
      q: 'algebra',
      ...parseFilterArgs(['license=by', 'license=CC BY-SA', 'free=yes']),
    });
    assert.deepEqual(request.filters.license, ['by', 'by-sa']);
    assert.equal(request.filters.free, true);
  });

  it('refuses pairs without "=", without a key or value, and keys that are not filters', () => {
    for (const arg of ['license', '=by', 'license=', 'license= ', '']) {
      const error = (() => {
        try {
          parseFilterArgs([arg]);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(error instanceof SearchParameterError, arg);
      assert.equal(error.parameter, 'filter');
      assert.match(error.message, /key=value/);
    }
    for (const key of ['limit', 'q', 'Licence', '__proto__', 'constructor']) {
      assert.throws(
        () => parseFilterArgs([`${key}=1`]),
        (e: unknown) => e instanceof SearchParameterError && e.parameter === key && /filter/.test(e.message),
      );
    }
    assert.throws(() => parseFilterArgs(['Level=2']), /Did you mean "level"\?/);
  });
});
