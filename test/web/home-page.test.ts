// The home page on a real SQLite file: records imported through the real pipeline into two sources, then
// the page says how many resources and sources the catalog holds and counts them by language, licence and
// level, each value a link to the filtered search in the reader's language, with localized names and numbers.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/web/app.js';
import { createPageContext } from '../../src/web/pages/context.js';
import { renderHomePage } from '../../src/web/pages/home.js';
import { runInProcess } from '../support/cli-harness.js';
import { buildTestApp, openTestStore } from './web-harness.js';

interface Spec {
  readonly lang: string;
  readonly licence: string;
  readonly level: number;
}

const BY = 'https://creativecommons.org/licenses/by/4.0/';
const BY_SA = 'https://creativecommons.org/licenses/by-sa/4.0/';
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';

const FIRST: readonly Spec[] = [
  { lang: 'fr', licence: BY, level: 1 },
  { lang: 'fr', licence: BY, level: 1 },
  { lang: 'fr', licence: BY_SA, level: 2 },
  { lang: 'en', licence: BY, level: 3 },
  { lang: 'en', licence: CC0, level: 6 },
];
const SECOND: readonly Spec[] = [
  { lang: 'sw', licence: BY_SA, level: 1 },
  { lang: 'ar', licence: BY, level: 2 },
];

function lines(specs: readonly Spec[], host: string): string {
  return specs
    .map((s, i) =>
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'LearningResource',
        name: `Lesson ${host} ${i + 1}`,
        description: `A lesson number ${i + 1} from ${host}.`,
        url: `https://${host}/oer/${i + 1}`,
        inLanguage: s.lang,
        license: s.licence,
        educationalLevel: [
          { '@type': 'DefinedTerm', '@id': `https://w3id.org/kim/isced-2011/level${s.level}` },
        ],
      }),
    )
    .join('\n');
}

void describe('the home page', () => {
  let dir: string;
  let atlas: Atlas;
  let app: Awaited<ReturnType<typeof buildApp>>;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-home-page-'));
    const env = { ATLAS_DATA_DIR: path.join(dir, 'data') };
    mkdirSync(env.ATLAS_DATA_DIR);
    for (const [name, specs] of [
      ['first.example.org', FIRST],
      ['second.example.org', SECOND],
    ] as const) {
      const folder = path.join(dir, name);
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'records.jsonl'), `${lines(specs, name)}\n`);
      const imported = await runInProcess(['import', folder], { env });
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

  void it('says what the catalog holds, with each value linking to the filtered search', async () => {
    const res = await app.inject('/en/');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.equal(html.match(/<h1[ >]/g)?.length, 1);
    assert.ok(html.includes('<h1>Discover open educational resources</h1>'));
    assert.ok(html.includes('action="/en/search" method="get"'));
    assert.ok(html.includes('<p class="catalog-total">7 open educational resources from 2 sources.</p>'));
    assert.ok(html.includes('<caption>Resources by language</caption>'));
    assert.ok(html.includes('<caption>Resources by licence</caption>'));
    assert.ok(html.includes('<caption>Resources by level of education</caption>'));
    assert.ok(html.includes('<th scope="row"><a href="/en/search?inLanguage=fr">French</a></th><td>3</td>'));
    assert.ok(html.includes('<th scope="row"><a href="/en/search?inLanguage=sw">Swahili</a></th><td>1</td>'));
    assert.ok(
      html.includes('<th scope="row"><a href="/en/search?license=by">Attribution (CC BY)</a></th><td>4</td>'),
    );
    assert.ok(html.includes('<a href="/en/search?license=public-domain">Public domain</a>'));
    assert.ok(
      html.includes('<th scope="row"><a href="/en/search?level=1">Primary education</a></th><td>3</td>'),
    );
    // Levels in their own order, not by count.
    const levels = [...html.matchAll(/href="\/en\/search\?level=(\d)"/g)].map((m) => m[1]);
    assert.deepEqual(levels, ['1', '2', '3', '6']);
    assert.doesNotMatch(html, /<script(?! src=)|<style|style=/);
  });

  void it('speaks the reader’s language, right to left in Arabic', async () => {
    const fr = (await app.inject('/fr/')).body;
    assert.ok(fr.includes('7 ressources éducatives libres provenant de 2 sources.'));
    assert.ok(fr.includes('<a href="/fr/search?inLanguage=en">Anglais</a>'));
    assert.ok(fr.includes('<a href="/fr/search?level=1">Enseignement primaire</a>'));
    const ar = (await app.inject('/ar/')).body;
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.ok(ar.includes('7 موارد تعليمية مفتوحة من مصدرين.'), 'Arabic plurals');
    assert.ok(ar.includes('<a href="/ar/search?inLanguage=fr">الفرنسية</a>'));
    assert.ok(ar.includes('<a href="/ar/search?level=2">التعليم الثانوي الأدنى</a>'));
    const zh = (await app.inject('/zh/')).body;
    assert.ok(zh.includes('共有 7 项开放教育资源，来自 2 个来源。'));
    const ru = (await app.inject('/ru/')).body;
    assert.ok(ru.includes('7 открытых образовательных ресурсов из 2 источников.'));
  });

  void it('formats large counts by the reader’s conventions', () => {
    const summary = {
      resources: 1234567,
      sources: 21,
      facets: { inLanguage: [{ value: 'pt-BR', count: 1234 }] },
    };
    const fr = renderHomePage(createPageContext('fr', '/'), summary);
    assert.ok(fr.includes('1\u202f234\u202f567 ressources éducatives libres provenant de 21 sources.'), fr);
    assert.ok(
      fr.includes('<a href="/fr/search?inLanguage=pt-BR">Portugais brésilien</a></th><td>1\u202f234</td>'),
    );
    const en = renderHomePage(createPageContext('en', '/'), summary);
    assert.ok(en.includes('1,234,567 open educational resources from 21 sources.'));
    const ru = renderHomePage(createPageContext('ru', '/'), { ...summary, resources: 21 });
    assert.ok(ru.includes('21 открытый образовательный ресурс из 21 источника.'));
  });

  void it('says so when the catalog is empty', async () => {
    const { store, cleanup } = await openTestStore();
    const { app: empty } = await buildTestApp(store);
    try {
      const html = (await empty.inject('/en/')).body;
      assert.ok(html.includes('The catalog is empty for now'));
      assert.doesNotMatch(html, /<table/);
      const sw = (await empty.inject('/sw/')).body;
      assert.ok(sw.includes('Katalogi haina kitu kwa sasa'));
    } finally {
      await empty.close();
      await cleanup();
    }
  });
});
