// Search as a user meets it, on a real SQLite file: two folders of schema.org/LRMI records in seven languages
// (our own texts) are imported through the real pipeline (mapping, normalization, grouping, indexing), then
// searched through `oer-atlas search` and the JSON API: own-language and cross-language matches with the
// concept they came through, one result per work with its sources, filters and facet counts, cursor paging
// that walks every result once, spelling correction, suggestions, AMB JSON-LD of a result, stable 400s and
// no 5xx for hostile query strings, and a deleted record leaving the results.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import type { SearchResponse } from '../../src/services/search-service.js';
import { buildApp } from '../../src/web/app.js';
import { runInProcess, type CliResult } from '../support/cli-harness.js';

interface Spec {
  readonly slug: string;
  readonly lang: string;
  readonly name: string;
  readonly description: string;
  readonly keywords?: readonly string[];
  readonly license?: string;
  readonly level?: string;
  readonly url?: string;
}

const BY = 'https://creativecommons.org/licenses/by/4.0/';
const BY_SA = 'https://creativecommons.org/licenses/by-sa/4.0/';
const BY_NC = 'https://creativecommons.org/licenses/by-nc/4.0/';

const FIRST: readonly Spec[] = [
  {
    slug: 'climate-en',
    lang: 'en',
    name: 'Climate change: causes and effects',
    description:
      'A lesson on how greenhouse gases warm the planet, what rising temperatures do to oceans and ice, and how societies can adapt.',
    keywords: ['climate change', 'greenhouse gases'],
    license: BY,
    level: 'secondary school',
  },
  {
    slug: 'clima-es',
    lang: 'es',
    name: 'El cambio climático explicado a estudiantes',
    description:
      'Unidad didáctica sobre el calentamiento global, los gases de efecto invernadero y las medidas de mitigación.',
    keywords: ['cambio climático', 'calentamiento global'],
    license: BY_SA,
  },
  {
    slug: 'klima-ru',
    lang: 'ru',
    name: 'Изменение климата и его последствия',
    description:
      'Урок о причинах глобального потепления, парниковых газах и последствиях для экосистем планеты.',
    keywords: ['изменение климата'],
    license: BY,
  },
  {
    slug: 'algebre-fr',
    lang: 'fr',
    name: "Introduction à l'algèbre linéaire",
    description:
      'Cours sur les espaces vectoriels, les matrices, les déterminants et les applications linéaires, avec exercices corrigés.',
    keywords: ['algèbre linéaire', 'mathématiques'],
    license: BY_NC,
  },
  {
    slug: 'algebra-en',
    lang: 'en',
    name: 'Linear algebra for engineers',
    description:
      'Vectors, matrices, eigenvalues and least squares, with worked engineering examples and exercises.',
    keywords: ['linear algebra', 'matrices'],
    license: BY,
  },
  {
    slug: 'photo-zh',
    lang: 'zh',
    name: '光合作用简介',
    description: '本课介绍植物如何利用光能把二氧化碳和水转化为葡萄糖和氧气。',
    keywords: ['光合作用', '植物'],
    license: BY,
  },
  {
    slug: 'photo-en',
    lang: 'en',
    name: 'Photosynthesis in green plants',
    description:
      'How chloroplasts capture light energy and turn carbon dioxide and water into sugar, with a simple experiment.',
    keywords: ['photosynthesis', 'biology'],
    license: BY_SA,
  },
  {
    slug: 'jabr-ar',
    lang: 'ar',
    name: 'مقدمة في الجبر الخطي',
    description: 'درس عن المتجهات والمصفوفات وحل أنظمة المعادلات الخطية مع تمارين محلولة.',
    keywords: ['الجبر الخطي', 'رياضيات'],
    license: BY,
  },
];

/** A second repository: one record about the same resource as climate-en (same page), one of its own. */
const SECOND: readonly Spec[] = [
  {
    slug: 'climate-en-copy',
    lang: 'en',
    url: 'https://first.example.org/oer/climate-en',
    name: 'Climate change: causes and effects',
    description:
      'A lesson on how greenhouse gases warm the planet, what rising temperatures do to oceans and ice, and how societies can adapt.',
    keywords: ['climate change'],
    license: BY,
  },
  {
    slug: 'oceans-en',
    lang: 'en',
    name: 'Ocean currents and the water cycle',
    description:
      'Why the oceans move, how heat travels around the globe and what drives evaporation and rain.',
    keywords: ['oceanography'],
    license: BY,
  },
];

function lrmi(spec: Spec, host: string): string {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    name: spec.name,
    description: spec.description,
    url: spec.url ?? `https://${host}/oer/${spec.slug}`,
    inLanguage: spec.lang,
    ...(spec.keywords === undefined ? {} : { keywords: spec.keywords.join(', ') }),
    ...(spec.license === undefined ? {} : { license: spec.license }),
    ...(spec.level === undefined ? {} : { educationalLevel: spec.level }),
    datePublished: '2023-05-01',
  });
}

void describe('search through the CLI and the JSON API', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let atlas: Atlas;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const run = (args: readonly string[]): Promise<CliResult> => runInProcess(args, { env });
  const search = async (args: readonly string[]): Promise<SearchResponse> => {
    const result = await run(['search', ...args, '--json']);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as SearchResponse;
  };
  const names = (r: SearchResponse): string[] => r.results.map((x) => x.name);

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-search-cli-'));
    env = { ATLAS_DATA_DIR: path.join(dir, 'data') };
    mkdirSync(env.ATLAS_DATA_DIR as string);
    const folder = (name: string, specs: readonly Spec[], host: string): string => {
      const target = path.join(dir, name);
      mkdirSync(target);
      writeFileSync(path.join(target, 'records.jsonl'), `${specs.map((s) => lrmi(s, host)).join('\n')}\n`);
      return target;
    };
    for (const [name, specs, host] of [
      ['first', FIRST, 'first.example.org'],
      ['second', SECOND, 'second.example.org'],
    ] as const) {
      const imported = await run(['import', folder(name, specs, host)]);
      assert.equal(imported.code, 0, imported.stderr);
    }
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

  void it('indexes every imported record with the import (no separate step)', async () => {
    assert.equal(await atlas.indexer.pending(), 0);
    const stats = await atlas.index.stats();
    assert.equal(stats.documents, FIRST.length + SECOND.length);
    assert.equal(stats.works, FIRST.length + SECOND.length - 1, 'the two climate records are one work');
  });

  void it('finds records in the query language first and others through a concept', async () => {
    const response = await search(['cambio climático', '--lang', 'es']);
    assert.equal(response.results[0]?.name, 'El cambio climático explicado a estudiantes');
    assert.deepEqual(response.results[0]?.matchedVia, []);
    const others = response.results.slice(1);
    const english = others.find((r) => r.name.startsWith('Climate change'));
    const russian = others.find((r) => r.name.startsWith('Изменение климата'));
    assert.ok(english !== undefined && russian !== undefined, names(response).join(' | '));
    assert.ok(english.matchedVia.length > 0, 'says why an English record matched a Spanish query');
    assert.ok(response.query.concepts.length > 0);
    // Only the reader's language when asked.
    const own = await search(['cambio climático', '--lang', 'es', '--only-my-language']);
    assert.deepEqual(names(own), ['El cambio climático explicado a estudiantes']);
  });

  void it('collapses duplicates into one result listing every source', async () => {
    const response = await search(['greenhouse gases', '--lang', 'en']);
    const climate = response.results.filter((r) => r.name === 'Climate change: causes and effects');
    assert.equal(climate.length, 1);
    assert.equal(climate[0]?.sources.length, 2);
    assert.equal(new Set(climate[0]?.sources.map((s) => s.id)).size, 2);
    assert.equal(climate[0]?.sourceRecordIds.length, 2);
  });

  void it('filters by facets (OR within one, AND across) and counts the other facets', async () => {
    const bySa = await search(['*', '--filter', 'license=by-sa']);
    assert.deepEqual(names(bySa).sort(), [
      'El cambio climático explicado a estudiantes',
      'Photosynthesis in green plants',
    ]);
    const both = await search(['*', '--filter', 'license=by-sa,by-nc', '--filter', 'inLanguage=en,fr']);
    assert.deepEqual(names(both).sort(), [
      "Introduction à l'algèbre linéaire",
      'Photosynthesis in green plants',
    ]);
    const licence = new Map(both.facets.license?.map((f) => [f.value, f.count]));
    // The licence counts ignore the licence filter but keep the language filter: en+fr works.
    assert.equal(licence.get('by'), 3);
    assert.equal(licence.get('by-sa'), 1);
    assert.equal(licence.get('by-nc'), 1);
  });

  void it('walks every result once with the cursor, at any page size', async () => {
    const all = await search(['*', '--limit', '100']);
    assert.equal(all.total, FIRST.length + SECOND.length - 1);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response: SearchResponse = await search([
        '*',
        '--limit',
        '2',
        ...(cursor === null ? [] : ['--cursor', cursor]),
      ]);
      seen.push(...response.results.map((r) => r.id));
      cursor = response.next;
      if (cursor === null) break;
    }
    assert.equal(seen.length, all.total);
    assert.equal(new Set(seen).size, all.total);
  });

  void it('corrects a misspelled word', async () => {
    const response = await search(['photosynthsis', '--lang', 'en']);
    assert.equal(response.didYouMean, 'photosynthesis');
    assert.ok(names(response).includes('Photosynthesis in green plants'));
  });

  void it('fills a short first page with works matching only part of the query, apart from the results', async () => {
    // No record is about both: nothing matches all the words, and each half finds its own records.
    const none = await search(['photosynthesis oceanography', '--lang', 'en']);
    assert.equal(none.total, 0);
    assert.deepEqual(names(none), []);
    const partialNames = none.partial.map((r) => r.name);
    assert.ok(partialNames.includes('Photosynthesis in green plants'), partialNames.join(' | '));
    assert.ok(partialNames.includes('Ocean currents and the water cycle'), partialNames.join(' | '));
    assert.equal(new Set(none.partial.map((r) => r.id)).size, none.partial.length, 'each work once');
    // One work holds every word: it is the result, and the partial list never repeats it.
    const both = await search(['oceans greenhouse', '--lang', 'en', '--only-my-language', '--limit', '2']);
    assert.deepEqual(names(both), ['Climate change: causes and effects']);
    assert.equal(both.total, 1);
    assert.deepEqual(
      both.partial.map((r) => r.name),
      ['Ocean currents and the water cycle'],
      'one more work fills the page of two',
    );
    // A full page, a later page and a one-word query have nothing to add.
    const full = await search(['climate', '--lang', 'en', '--limit', '1']);
    assert.ok(full.total > 1);
    assert.deepEqual(full.partial, []);
    const later = await search(['climate', '--lang', 'en', '--limit', '1', '--cursor', full.next ?? '']);
    assert.deepEqual(later.partial, []);
    const oneWord = await search(['oceanography', '--lang', 'en', '--only-my-language']);
    assert.equal(oneWord.total, 1);
    assert.deepEqual(oneWord.partial, []);
    // The terminal lists them after the results under their own line.
    const text = await run(['search', 'photosynthesis oceanography', '--lang', 'en']);
    assert.match(text.stdout, /0 results\nMatching only part of the query:\n {2}1\. /);
  });

  void it('finds Chinese text by any two-character part and Arabic without its marks', async () => {
    assert.ok(names(await search(['光合', '--lang', 'zh'])).includes('光合作用简介'));
    assert.ok(names(await search(['الجبر', '--lang', 'ar'])).includes('مقدمة في الجبر الخطي'));
  });

  void it('answers the JSON API with the documented shape and AMB JSON-LD per result', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/resources?q=linear%20algebra&lang=en' });
    assert.equal(res.statusCode, 200);
    const body = res.json<SearchResponse>();
    const first = body.results[0];
    assert.ok(first !== undefined);
    for (const key of [
      'id',
      'url',
      'name',
      'description',
      'inLanguage',
      'license',
      'sources',
      'sourceRecordIds',
      'matchedVia',
    ]) {
      assert.ok(key in first, key);
    }
    assert.ok('facets' in body && 'next' in body && typeof body.total === 'number');
    const one = await app.inject({ method: 'GET', url: `/api/v1/resources/${encodeURIComponent(first.id)}` });
    assert.equal(one.statusCode, 200);
    assert.match(String(one.headers['content-type']), /^application\/ld\+json/);
    const doc = one.json<{ '@context': unknown; name: unknown }>();
    assert.ok(Array.isArray(doc['@context']));
    const missing = await app.inject({ method: 'GET', url: '/api/v1/resources/nosuchwork' });
    assert.equal(missing.statusCode, 404);
  });

  void it('refuses bad parameters with a stable code naming the parameter', async () => {
    for (const [query, parameter] of [
      ['license=cc-by-zz', 'license'],
      ['limit=0', 'limit'],
      ['sort=random', 'sort'],
      ['cursor=%25%25%25', 'cursor'],
      ['cursor=WzEsMl0', 'cursor'],
      ['colour=red', 'colour'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/resources?${query}` });
      assert.equal(res.statusCode, 400, query);
      const error = res.json<{ error: { code: string; details?: { parameter?: string } } }>().error;
      assert.equal(error.code, 'invalid_parameter', query);
      assert.equal(error.details?.parameter, parameter, query);
    }
  });

  void it('never fails on hostile query strings', async () => {
    const nasty = [
      '"',
      '"unbalanced',
      'AND OR NOT',
      '-',
      '- -- ---',
      '(((',
      'a OR',
      'NEAR(a b)',
      'title:x',
      '*',
      '^a',
      '"a" * "b"',
      "'; DROP TABLE search_docs; --",
      '\u0000\u0001\u0007',
      '🙂🙂 ✓',
      'ﷺ مقدمة',
      'x'.repeat(10_000),
      Array.from({ length: 400 }, (_, i) => `w${i}`).join(' OR '),
    ];
    // A lone surrogate cannot be percent-encoded from a string: send its UTF-8 bytes as they are.
    const raw = await app.inject({ method: 'GET', url: '/api/v1/resources?q=%ED%A0%80%20lone' });
    assert.ok(raw.statusCode === 200 || raw.statusCode === 400, `${raw.statusCode} for a lone surrogate`);
    for (const q of nasty) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/resources?q=${encodeURIComponent(q)}` });
      assert.ok(res.statusCode === 200 || res.statusCode === 400, `${res.statusCode} for ${q.slice(0, 40)}`);
      const suggest = await app.inject({
        method: 'GET',
        url: `/api/v1/suggest?q=${encodeURIComponent(q.slice(0, 200))}`,
      });
      assert.ok(suggest.statusCode === 200 || suggest.statusCode === 400, `suggest ${suggest.statusCode}`);
    }
  });

  void it('suggests words, titles and concepts for a prefix in any script', async () => {
    const words = await app.inject({ method: 'GET', url: '/api/v1/suggest?q=photos&lang=en' });
    assert.equal(words.statusCode, 200);
    const texts = words
      .json<{ suggestions: { text: string; kind: string }[] }>()
      .suggestions.map((s) => s.text);
    assert.ok(
      texts.some((t) => /photosynthesis/i.test(t)),
      texts.join(' | '),
    );
    const arabic = await app.inject({
      method: 'GET',
      url: `/api/v1/suggest?q=${encodeURIComponent('مقدمة')}`,
    });
    const arabicTexts = arabic.json<{ suggestions: { text: string }[] }>().suggestions.map((s) => s.text);
    assert.ok(arabicTexts.includes('مقدمة في الجبر الخطي'), arabicTexts.join(' | '));
    const concept = await app.inject({
      method: 'GET',
      url: `/api/v1/suggest?q=${encodeURIComponent('cambio clim')}&lang=es`,
    });
    const conceptTexts = concept.json<{ suggestions: { text: string; kind: string }[] }>().suggestions;
    assert.ok(
      conceptTexts.some((s) => s.kind === 'concept'),
      JSON.stringify(conceptTexts),
    );
  });

  void it('drops a record from the results when its source no longer holds it', async () => {
    const target = path.join(dir, 'second', 'records.jsonl');
    writeFileSync(target, `${lrmi(SECOND[0] as Spec, 'second.example.org')}\n`);
    const again = await run(['import', path.join(dir, 'second')]);
    assert.equal(again.code, 0, again.stderr);
    const response = await search(['ocean currents', '--lang', 'en', '--only-my-language']);
    assert.ok(!names(response).includes('Ocean currents and the water cycle'), names(response).join(' | '));
  });
});
