// The search results page on a real SQLite file: schema.org records in eight languages (our own texts, with
// licences, ISCED levels and fields, HCRT types and accessibility features) are imported and harvested
// through the real pipeline into two sources (one with a country), then the page is read as a browser
// would get it: the announced count, facets as checkbox groups with the active values checked, chips that
// remove one filter each, links that keep the language prefix, cursor paging, why a result matched, a 400
// naming the wrong parameter in the reader's language, escaping of hostile metadata, right-to-left Arabic,
// and the weight of a full page (compressed HTML + stylesheet <= 50 KB).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { HCRT_CONCEPTS } from '../../src/vocab/hcrt.js';
import { iscedFields } from '../../src/vocab/isced.js';
import { parseSearchParams } from '../../src/search/filters.js';
import type { SearchResponse } from '../../src/services/search-service.js';
import { SITE_CSS, SITE_CSS_HREF } from '../../src/web/assets/site-css.js';
import { buildApp } from '../../src/web/app.js';
import { createPageContext } from '../../src/web/pages/context.js';
import { renderSearchPage } from '../../src/web/pages/search.js';
import type { SearchPageState } from '../../src/web/pages/search-state.js';
import { runInProcess } from '../support/cli-harness.js';

const LANGS = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw'] as const;

/** A lesson title per language, numbered to make each record its own work. */
const TITLES: Readonly<Record<(typeof LANGS)[number], string>> = {
  en: 'Fractions and decimals, lesson',
  fr: 'Fractions et nombres décimaux, leçon',
  es: 'Fracciones y decimales, lección',
  ar: 'الكسور والأعداد العشرية، الدرس',
  zh: '分数与小数 第课',
  ru: 'Дроби и десятичные числа, урок',
  pt: 'Frações e decimais, aula',
  sw: 'Sehemu na desimali, somo',
};

const LICENCES = [
  'https://creativecommons.org/licenses/by/4.0/',
  'https://creativecommons.org/licenses/by-sa/4.0/',
  'https://creativecommons.org/licenses/by-nc/4.0/',
  'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'https://creativecommons.org/licenses/by-nd/4.0/',
  'https://creativecommons.org/publicdomain/zero/1.0/',
];
const FIELDS = ['0541', '0533', '0511', '0222', '0231', '0311', '0613', '0912'];
const TYPES = ['video', 'worksheet', 'course', 'text', 'assessment', 'image'];
const FEATURES = ['alternativeText', 'captions', 'transcript', 'MathML', 'signLanguage', 'largePrint'];

const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';

function record(fields: Record<string, unknown>): string {
  return JSON.stringify({ '@context': 'https://schema.org', '@type': 'LearningResource', ...fields });
}

function generated(i: number): string {
  const lang = LANGS[i % LANGS.length] ?? 'en';
  return record({
    name: `${TITLES[lang]} ${i + 1}`,
    description:
      `Lesson ${i + 1} of a course on fractions, decimals and percentages for pupils: worked examples, ` +
      'exercises with answers, a short quiz and notes for teachers on common mistakes and how to address them. '.repeat(
        2,
      ),
    url: `https://one.example.org/oer/lesson-${i + 1}`,
    inLanguage: lang,
    license: LICENCES[i % LICENCES.length],
    educationalLevel: [{ '@type': 'DefinedTerm', '@id': `https://w3id.org/kim/isced-2011/level${i % 9}` }],
    learningResourceType: [
      { '@type': 'DefinedTerm', '@id': `https://w3id.org/kim/hcrt/${TYPES[i % TYPES.length]}` },
    ],
    about: [{ '@id': `https://w3id.org/kim/isced-2013/n${FIELDS[i % FIELDS.length]}` }],
    accessibilityFeature: [FEATURES[i % FEATURES.length], FEATURES[(i + 2) % FEATURES.length]],
    datePublished: `2023-${String((i % 12) + 1).padStart(2, '0')}-10`,
  });
}

const CLIMATE = [
  record({
    name: 'Climate change: causes and effects',
    description: 'A lesson on how greenhouse gases warm the planet and how societies can adapt.',
    url: 'https://one.example.org/oer/climate-en',
    inLanguage: 'en',
    keywords: 'climate change, greenhouse gases',
    license: LICENCES[0],
  }),
  record({
    name: 'El cambio climático explicado a estudiantes',
    description: 'Unidad didáctica sobre el calentamiento global y los gases de efecto invernadero.',
    url: 'https://one.example.org/oer/clima-es',
    inLanguage: 'es',
    keywords: 'cambio climático, calentamiento global',
    license: LICENCES[1],
  }),
  record({
    name: HOSTILE_TITLE,
    description: '<script>alert(1)</script> "><svg onload=alert(1)> a resource about photosynthesis',
    url: 'javascript:alert(1)',
    inLanguage: 'en',
    keywords: 'photosynthesis',
    license: LICENCES[0],
  }),
];

/** The second source holds a copy of the English climate lesson (same URL: one work, two sources). */
const SECOND = [
  record({
    name: 'Climate change: causes and effects',
    description: 'A lesson on how greenhouse gases warm the planet and how societies can adapt.',
    url: 'https://one.example.org/oer/climate-en',
    inLanguage: 'en',
    keywords: 'climate change',
    license: LICENCES[0],
  }),
  record({
    name: 'Les courants océaniques',
    description: 'Pourquoi les océans bougent et comment la chaleur circule autour du globe.',
    url: 'https://two.example.org/oer/oceans',
    inLanguage: 'fr',
    license: LICENCES[0],
  }),
];

const GENERATED = 40;

/** Every href in a page. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}

/** The main element of a page. */
function mainOf(html: string): string {
  const start = html.indexOf('<main');
  return html.slice(start, html.indexOf('</main>', start));
}

void describe('the search results page', () => {
  let dir: string;
  let atlas: Atlas;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const get = async (url: string): Promise<{ status: number; html: string }> => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, html: res.body };
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-search-page-'));
    const env = { ATLAS_DATA_DIR: path.join(dir, 'data') };
    mkdirSync(env.ATLAS_DATA_DIR);
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    mkdirSync(first);
    mkdirSync(second);
    const lines = [...Array.from({ length: GENERATED }, (_, i) => generated(i)), ...CLIMATE];
    writeFileSync(path.join(first, 'records.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(path.join(second, 'records.jsonl'), `${SECOND.join('\n')}\n`);
    const imported = await runInProcess(['import', first], { env });
    assert.equal(imported.code, 0, imported.stderr);
    const added = await runInProcess(
      [
        'source',
        'add',
        '--name',
        'Dépôt <b>Sud</b>',
        '--url',
        pathToFileURL(second).href,
        '--protocol',
        'file',
        '--country',
        'KE',
        '--json',
      ],
      { env },
    );
    assert.equal(added.code, 0, added.stderr);
    const sourceId = (JSON.parse(added.stdout) as { id?: string }).id;
    assert.ok(sourceId !== undefined, added.stdout);
    const harvested = await runInProcess(['harvest', sourceId], { env });
    assert.equal(harvested.code, 0, harvested.stderr);
    atlas = await createAtlas(loadConfig({ env: { ...env, ATLAS_LOG_LEVEL: 'silent' }, cwd: dir }));
    app = await buildApp({
      store: atlas.store,
      sources: atlas.sources,
      search: atlas.search,
      logLevel: 'silent',
    });
  });

  after(async () => {
    await app.close();
    await atlas.close();
    rmSync(dir, { recursive: true, force: true });
  });

  void it('browses everything with an empty query: count, 20 results, facets and a next page', async () => {
    const { status, html } = await get('/en/search');
    assert.equal(status, 200);
    const total = GENERATED + CLIMATE.length + 1; // the copy of the climate lesson joins its work
    assert.match(
      html,
      new RegExp(
        `<div class="search-summary" role="status"><h2 id="results-heading">${total} resources found</h2>`,
      ),
    );
    assert.equal(html.match(/<li class="result">/g)?.length, 20);
    assert.equal(html.match(/<h1[ >]/g)?.length, 1);
    for (const legend of [
      'Language',
      'Licence',
      'Level of education',
      'Field of study',
      'Resource type',
      'Accessibility',
      'Source',
      'Country of the source',
    ]) {
      assert.ok(html.includes(`<legend>${legend}</legend>`), legend);
    }
    assert.ok(html.includes('>Primary education <span class="facet-count">(5)</span></label>'));
    assert.ok(html.includes('>Attribution–ShareAlike (CC BY-SA) <span class="facet-count">'));
    assert.ok(html.includes('>Kenya <span class="facet-count">(2)</span></label>'));
    assert.ok(
      html.includes('>Dépôt &lt;b&gt;Sud&lt;/b&gt; <span class="facet-count">(2)</span>'),
      'source names, escaped',
    );
    assert.ok(html.includes('>Apply filters</button>'));
    assert.match(html, /<a href="\/en\/search\?cursor=[A-Za-z0-9_-]+" rel="next">Next page<\/a>/);
    assert.doesNotMatch(html, /First page/);
    assert.doesNotMatch(html, /<script|<style|style=/);
    // Browsing sorts by date, newest first; the form says so.
    assert.ok(html.includes('<option value="date" selected>Newest first</option>'));
  });

  void it('walks the pages with the cursor and offers the first page again', async () => {
    const seen = new Set<string>();
    let url: string | null = '/en/search?limit=20';
    let pages = 0;
    while (url !== null && pages < 10) {
      const { status, html }: { status: number; html: string } = await get(url);
      assert.equal(status, 200);
      for (const m of html.matchAll(/<h3 class="result-title"[^>]*><a href="([^"]+)"/g)) seen.add(m[1] ?? '');
      if (pages > 0) assert.match(html, /<a href="\/en\/search\?limit=20">First page<\/a>/);
      const next: RegExpMatchArray | null = /<a href="([^"]+)" rel="next">/.exec(html);
      url = next === null ? null : (next[1] ?? '').replace(/&amp;/g, '&');
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.equal(seen.size, GENERATED + CLIMATE.length + 1);
    for (const link of seen) assert.match(link, /^\/en\/resources\/[^/]+$/);
  });

  void it('shows active filters as chips and checked boxes, keeping the language prefix in every link', async () => {
    const { status, html } = await get('/fr/search?q=fractions&inLanguage=fr&inLanguage=en&license=by');
    assert.equal(status, 200);
    assert.match(html, /<html lang="fr" dir="ltr">/);
    assert.ok(html.includes('aria-label="Retirer le filtre\u00a0: Langue\u00a0: Français"'), 'French chip');
    assert.ok(html.includes('aria-label="Retirer le filtre\u00a0: Licence\u00a0: Attribution (CC BY)"'));
    assert.match(html, /<input type="checkbox" id="f-inLanguage-\d+" name="inLanguage" value="fr" checked>/);
    assert.match(html, /<input type="checkbox" id="f-inLanguage-\d+" name="inLanguage" value="en" checked>/);
    assert.match(html, /<input type="checkbox" id="f-license-\d+" name="license" value="by" checked>/);
    assert.match(html, /<input type="checkbox" id="f-license-\d+" name="license" value="by-sa">/);
    // Removing French keeps the query, English and the licence.
    assert.ok(
      html.includes(
        'href="/fr/search?q=fractions&amp;inLanguage=en&amp;license=by" aria-label="Retirer le filtre\u00a0: Langue\u00a0: Français"',
      ),
    );
    // The facet form carries the words; the search form carries the filters.
    assert.ok(html.includes('<input type="hidden" name="q" value="fractions">'));
    assert.ok(html.includes('<input type="hidden" name="license" value="by">'));
    for (const href of hrefs(mainOf(html))) {
      assert.ok(href.startsWith('/fr/') || href.startsWith('#') || /^https?:\/\//.test(href), href);
    }
    // Licence "by" and French or English: lessons 1, 9, 17, ... in en and fr only.
    const count = /<h2 id="results-heading">(\d+) ressources? trouvées?<\/h2>/.exec(html);
    assert.ok(count !== null, 'French count');
    const english = await get('/en/search?q=fractions&inLanguage=fr');
    assert.ok(english.html.includes('aria-label="Remove filter: Language: French"'));
  });

  void it('says why a result in another language matched, and can keep to the reader’s language', async () => {
    const all = await get('/es/search?q=cambio%20clim%C3%A1tico');
    assert.equal(all.status, 200);
    assert.ok(all.html.includes('El cambio climático explicado a estudiantes'));
    assert.ok(all.html.includes('Climate change: causes and effects'));
    assert.match(all.html, /Encontrado mediante (el concepto|los conceptos): /);
    assert.ok(all.html.includes('Disponible en 2 fuentes y en 1 idioma.'), 'one work from two sources');
    assert.ok(
      all.html.includes('<input type="radio" id="cross-all" name="crossLanguage" value="true" checked>'),
    );
    const mine = await get('/es/search?q=cambio%20clim%C3%A1tico&crossLanguage=false');
    assert.ok(mine.html.includes('El cambio climático explicado a estudiantes'));
    assert.ok(!mine.html.includes('Climate change: causes and effects'));
    assert.ok(
      mine.html.includes('<input type="radio" id="cross-mine" name="crossLanguage" value="false" checked>'),
    );
    assert.ok(mine.html.includes('<label for="cross-mine">Solo mi idioma (español)</label>'));
  });

  void it('offers a corrected spelling', async () => {
    const { html } = await get('/en/search?q=photosynthsis');
    assert.match(html, /<a href="\/en\/search\?q=photosynthesis">photosynthesis<\/a>/);
  });

  void it('lists works that match only part of the search under their own heading, after the results', async () => {
    const { status, html } = await get('/en/search?q=photosynthesis%20volcanoes');
    assert.equal(status, 200);
    assert.match(html, /<h2 id="results-heading">No resources found<\/h2>/);
    assert.match(
      html,
      /<h2 class="partial-heading" id="partial-heading">(A resource that matches|Resources that match) only part of your search<\/h2>\n<ol class="results partial-results" aria-labelledby="partial-heading">/,
    );
    assert.ok(html.indexOf('class="no-results"') < html.indexOf('id="partial-heading"'));
    // Numbered on from the results when there are some; in the reader's language.
    const ar = await get('/ar/search?q=fractions%20volcanoes&crossLanguage=false');
    assert.match(ar.html, /<h2 class="partial-heading" id="partial-heading">[^<]*جزئيًا فقط<\/h2>/);
    const some = await get('/en/search?q=fractions%209&crossLanguage=false');
    assert.match(some.html, /<h2 id="results-heading">1 resource found<\/h2>/);
    assert.match(
      some.html,
      /<ol class="results partial-results" aria-labelledby="partial-heading" start="2">/,
    );
  });

  void it('escapes hostile metadata and links only http(s) addresses', async () => {
    const { html } = await get('/en/search?q=photosynthesis');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes(HOSTILE_TITLE));
    assert.ok(!html.includes('<script>alert'));
    assert.ok(!html.includes('<svg'));
    assert.doesNotMatch(html, /href="javascript:/i);
    const lessons = await get('/en/search?q=fractions');
    assert.ok(
      lessons.html.includes(
        '<a href="https://one.example.org/oer/lesson-1" rel="nofollow noopener">Open at one.example.org</a>',
      ),
    );
    // The words typed are escaped too, in the title, heading and form.
    const typed = await get(`/en/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    assert.equal(typed.status, 200);
    assert.ok(!typed.html.includes('<script>alert'));
    assert.ok(typed.html.includes('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  });

  void it('answers a wrong parameter with 400 and names it in the reader’s language', async () => {
    const bad = await get('/fr/search?q=fractions&license=cc-by-zz');
    assert.equal(bad.status, 400);
    assert.match(bad.html, /<html lang="fr" dir="ltr">/);
    assert.ok(bad.html.includes('Cette recherche n’a pas pu être effectuée'));
    assert.ok(
      bad.html.includes(
        'La valeur «\u00a0cc-by-zz\u00a0» n’est pas valide pour le paramètre «\u00a0license\u00a0» (Licence).',
      ),
      mainOf(bad.html),
    );
    assert.ok(bad.html.includes('value="fractions"'), 'the words stay in the form');
    const unknown = await get('/fr/search?colour=red');
    assert.equal(unknown.status, 400);
    assert.ok(unknown.html.includes('«\u00a0colour\u00a0»'));
    for (const [query, parameter] of [
      ['limit=0', 'limit'],
      ['sort=random', 'sort'],
      ['cursor=WzEsMl0', 'cursor'],
      ['level=12', 'level'],
    ] as const) {
      const res = await get(`/en/search?${query}`);
      assert.equal(res.status, 400, query);
      assert.ok(res.html.includes(`“${parameter}”`), query);
    }
  });

  void it('renders Arabic right to left with Arabic labels and numbers', async () => {
    const { status, html } = await get('/ar/search?inLanguage=ar');
    assert.equal(status, 200);
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.ok(html.includes('تصفية النتائج'));
    assert.ok(html.includes('aria-label="إزالة عامل التصفية: اللغة: العربية"'), 'Arabic chip');
    assert.match(html, /<h3 class="result-title" lang="ar" dir="auto">/);
  });

  void it('stays within the page-weight budget: compressed HTML of a full page plus the stylesheet <= 50 KB', async () => {
    const page = await app.inject({ url: '/en/search', headers: { 'accept-encoding': 'gzip' } });
    const css = await app.inject({ url: SITE_CSS_HREF, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.equal(page.body.length > 0, true);
    const pageBr = await app.inject({ url: '/en/search', headers: { 'accept-encoding': 'br' } });
    const cssBr = await app.inject({ url: SITE_CSS_HREF, headers: { 'accept-encoding': 'br' } });
    const gzip = page.rawPayload.length + css.rawPayload.length;
    const brotli = pageBr.rawPayload.length + cssBr.rawPayload.length;
    const plain = await get('/en/search');
    assert.equal(plain.html.match(/<li class="result">/g)?.length, 20);
    console.log(
      `search page weight: HTML ${plain.html.length} B raw, ${page.rawPayload.length} B gzip, ${pageBr.rawPayload.length} B br; ` +
        `CSS ${css.rawPayload.length} B gzip, ${cssBr.rawPayload.length} B br; total gzip ${gzip} B, br ${brotli} B`,
    );
    assert.ok(gzip <= 50 * 1024, `${gzip} bytes`);
    assert.ok(brotli <= 50 * 1024, `${brotli} bytes`);
  });
});

void describe('the weight of the largest search page', () => {
  void it('stays within 50 KB compressed with 20 long results and 30 values in every facet', () => {
    const tags = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw', 'de', 'it', 'nl', 'pl', 'tr', 'ja', 'ko'];
    const many = (prefix: string, n: number): { value: string; count: number }[] =>
      Array.from({ length: n }, (_, i) => ({ value: `${prefix}${i}`, count: 100_000 - i * 997 }));
    const facets: SearchResponse['facets'] = {
      inLanguage: [...tags, ...tags.map((t) => `${t}-x-v${t.length}`)].map((value, i) => ({
        value,
        count: 90_000 - i * 131,
      })),
      license: [
        'public-domain',
        'by',
        'by-sa',
        'by-nc',
        'by-nc-sa',
        'by-nd',
        'by-nc-nd',
        'other-open',
        'restricted',
        'unknown',
      ].map((value, i) => ({ value, count: 50_000 - i * 777 })),
      level: ['0', '1', '2', '3', '4', '5', '6', '7', '8'].map((value, i) => ({
        value,
        count: 40_000 - i * 313,
      })),
      field: iscedFields()
        .slice(0, 30)
        .map((f, i) => ({ value: f.code, count: 30_000 - i * 211 })),
      type: HCRT_CONCEPTS.map((c, i) => ({ value: c.id, count: 20_000 - i * 97 })),
      accessibility: many('feature', 30),
      source: many('src_abcdefghij', 30).map((v, i) => ({
        ...v,
        value: `src_${String(i).padStart(12, 'q')}`,
      })),
      country: [
        'FR',
        'KE',
        'BR',
        'DE',
        'ES',
        'MX',
        'AR',
        'CL',
        'CO',
        'PE',
        'EG',
        'MA',
        'TN',
        'SA',
        'AE',
        'CN',
        'TW',
        'RU',
        'UA',
        'PT',
        'TZ',
        'UG',
        'NG',
        'GH',
        'ZA',
        'IN',
        'US',
        'CA',
        'GB',
        'AU',
      ].map((value, i) => ({ value, count: 10_000 - i * 51 })),
    };
    const results: SearchResponse['results'] = Array.from({ length: 20 }, (_, i) => ({
      id: `w_${(i * 7919).toString(16).padStart(20, '0')}`,
      url: `https://repository-${i}.example.org/handle/10${i}/${i * 7777}`,
      name: `An introduction to topic number ${i}: ${'concepts, methods and applications '.repeat(3)}`,
      description: `Resource ${i}. ${Array.from({ length: 60 }, (_, w) => `word${(w * (i + 3)) % 97}`).join(' ')}`,
      inLanguage: [tags[i % tags.length] ?? 'en'],
      license: { group: 'by-nc-sa', id: 'https://creativecommons.org/licenses/by-nc-sa/4.0/' },
      sources: [0, 1, 2].map((k) => ({
        id: `src_${String(k).padStart(12, 'q')}`,
        name: `Repository of university ${k + i}`,
        sourceRecordId: `oai:x:${i}`,
        harvestedAt: '2024-01-01T00:00:00Z',
      })),
      sourceRecordIds: [],
      languages: tags.slice(0, 3),
      matchedVia: [{ concept: 'unesco:1', label: 'Climate change' }],
      score: 1,
    }));
    const response: SearchResponse = {
      total: 1_234_567,
      results,
      facets,
      next: 'WzEsIngiXQ',
      didYouMean: null,
      partial: [],
      query: { text: 'climate', notes: [], concepts: [] },
    };
    const ctx = createPageContext('en', '/search', '?q=climate');
    const state: SearchPageState = {
      text: 'climate',
      request: parseSearchParams({ q: 'climate', lang: 'en', license: 'by' }),
      explicitLang: null,
      explicitSort: false,
      explicitLimit: false,
    };
    const names = new Map(facets.source?.map((s, i) => [s.value, `Open repository of institution ${i}`]));
    const html = renderSearchPage(ctx, state, response, names);
    assert.equal(html.match(/<li class="result">/g)?.length, 20);
    const gzip = gzipSync(html).length + gzipSync(SITE_CSS).length;
    const brotliOptions = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } };
    const brotli =
      brotliCompressSync(html, brotliOptions).length + brotliCompressSync(SITE_CSS, brotliOptions).length;
    console.log(`largest search page: HTML ${html.length} B raw; HTML+CSS ${gzip} B gzip, ${brotli} B br`);
    assert.ok(gzip <= 50 * 1024, `${gzip} bytes`);
  });
});
