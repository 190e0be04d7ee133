// The about page and the API page: what they say in each UI language, that the catalog figures are real,
// that every search parameter and error code of the API is documented, and that their example links answer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/domain/errors.js';
import { parseSearchParams, SEARCH_PARAMETERS } from '../../src/search/filters.js';
import { translator } from '../../src/web/i18n/catalog.js';
import { UI_LOCALES } from '../../src/web/i18n/locales.js';
import { PARAMETER_EXAMPLES } from '../../src/web/pages/api-page.js';
import { CORPUS_DIR } from '../formats/corpus.js';
import { buildTestApp, openTestStore, type TestApp } from './web-harness.js';

const LUME = path.join(CORPUS_DIR, 'oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml');

function h1s(html: string): string[] {
  return [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => m[1] ?? '');
}

function assertHeadingsInOrder(html: string): void {
  const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
  assert.equal(levels[0], 1);
  for (let i = 1; i < levels.length; i += 1) {
    assert.ok((levels[i] ?? 0) <= (levels[i - 1] ?? 0) + 1, `h${levels[i]} after h${levels[i - 1]}`);
  }
}

void describe('info pages on a catalog with records', () => {
  let dir: string;
  let atlas: Atlas;
  let web: TestApp;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-info-pages-'));
    atlas = await createAtlas(
      loadConfig({ env: { ATLAS_DATA_DIR: dir, ATLAS_LOG_LEVEL: 'silent' }, cwd: dir }),
    );
    const { source } = await atlas.sources.add({
      name: 'LUME',
      url: pathToFileURL(LUME).href,
      protocol: 'file',
      schedule: 'manual',
    });
    const summary = await atlas.harvests.harvest(source.id, { mode: 'full', requestedBy: 'test' });
    assert.equal(summary.error, null);
    web = await buildTestApp(atlas.store, { sources: atlas.sources, search: atlas.search });
  });

  after(async () => {
    await web.app.close();
    await atlas.close();
    rmSync(dir, { recursive: true, force: true });
  });

  void it('says what OER Atlas is, what it holds, how it works, whose data it is and how accessible it is', async () => {
    const res = await web.app.inject('/en/about');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.deepEqual(h1s(html), ['About OER Atlas']);
    assertHeadingsInOrder(html);
    assert.match(html, /Recommendation on Open Educational Resources/);
    assert.match(html, /href="https:\/\/www\.unesco\.org\/[^"]+" hreflang="en"/);
    assert.match(html, /100 descriptions of resources from 1 source\./);
    assert.match(html, /search shows \d+ resources?\./);
    assert.match(html, /Portuguese: \d+ resources?/);
    assert.match(html, /ISCED 2011/);
    assert.match(html, /grouped into one result/);
    assert.match(html, /UNESCO Thesaurus, © UNESCO: CC BY-SA 3\.0 IGO/);
    assert.match(html, /<code>THIRD-PARTY-DATA\.md<\/code>/);
    assert.match(html, /WCAG\) 2\.2 at level AA/);
    assert.match(html, /<h3 id="report">Report a problem<\/h3>/);
    assert.match(html, /href="\/en\/sources"/);
    assert.doesNotMatch(html, /style=|<script/);
    assert.match(html, /aria-current="page"/, 'the navigation marks the about page');
  });

  void it('documents the API that exists, with example links that answer', async () => {
    const res = await web.app.inject('/en/api');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.deepEqual(h1s(html), ['JSON API']);
    assertHeadingsInOrder(html);
    for (const endpoint of [
      'GET /api/v1/resources',
      'GET /api/v1/resources/{id}',
      'GET /api/v1/suggest',
      'GET /api/v1/sources',
      'GET /api/v1/sources/{id}',
      'GET /healthz',
      'GET /readyz',
    ]) {
      assert.ok(html.includes(`<code>${endpoint}</code>`), endpoint);
    }
    for (const name of SEARCH_PARAMETERS) {
      assert.match(html, new RegExp(`<th scope="row"><code>${name}</code></th>`), name);
    }
    for (const code of Object.keys(ERROR_CATALOGUE)) {
      assert.match(
        html,
        new RegExp(
          `<th scope="row"><code>${code}</code></th><td class="num"><span class="cell-label" aria-hidden="true">HTTP status:</span> \\d{3}</td>`,
        ),
        code,
      );
    }
    assert.match(html, /&quot;error&quot;: \{/);
    // Every example link works on this installation, including the one resource and the one source.
    const links = [...html.matchAll(/<a href="(\/api\/v1\/[^"]+|\/healthz|\/readyz)"/g)].map((m) =>
      (m[1] ?? '').replace(/&amp;/g, '&'),
    );
    assert.ok(
      links.some((l) => /^\/api\/v1\/resources\/[^?{]+$/.test(l)),
      'a real resource example',
    );
    assert.ok(links.length >= 7, links.join(' '));
    for (const link of links) {
      const answer = await web.app.inject(link);
      assert.equal(answer.statusCode, 200, link);
      assert.match(String(answer.headers['content-type']), /json/, link);
    }
  });

  void it('serves both pages in every UI language with lang, dir, one h1 and no raw key', async () => {
    for (const locale of UI_LOCALES) {
      for (const page of ['/about', '/api']) {
        const res = await web.app.inject(`/${locale}${page}`);
        assert.equal(res.statusCode, 200, `${locale}${page}`);
        const html = res.body;
        assert.ok(html.includes(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`));
        assert.equal(h1s(html).length, 1, `${locale}${page}`);
        assertHeadingsInOrder(html);
        assert.doesNotMatch(
          html,
          /\binfo\.(about|api)\.[A-Za-z_.]+|\berrors\.code\./,
          `${locale}${page}: a raw key`,
        );
        assert.doesNotMatch(html, /[\uE000\uE001]/);
      }
    }
    const fr = (await web.app.inject('/fr/about')).body;
    assert.match(fr, /100 descriptions de ressources/);
    assert.match(fr, /portugais/);
    const ar = (await web.app.inject('/ar/api')).body;
    assert.match(ar, /<code>limit<\/code>/);
  });
});

void describe('info pages on an empty catalog', () => {
  void it('say that the catalog is empty and give placeholders instead of example ids', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const about = (await app.inject('/en/about')).body;
      assert.match(about, /The catalog is empty for now: no source is registered yet\./);
      const api = (await app.inject('/en/api')).body;
      assert.match(api, /There is no example yet/);
      const sources = (await app.inject('/es/sources')).body;
      assert.equal(h1s(sources).length, 1);
      assert.match(sources, /<code>oer-atlas source add/);
      assert.doesNotMatch(sources, /<table/);
    } finally {
      await app.close();
      await cleanup();
    }
  });
});

void describe('API page contents', () => {
  void it('gives example values that the search API accepts', () => {
    for (const [name, example] of Object.entries(PARAMETER_EXAMPLES)) {
      if (example === null) continue;
      assert.doesNotThrow(() => parseSearchParams({ [name]: example }), name);
    }
  });

  void it('explains every search parameter and error code in every language', () => {
    for (const locale of UI_LOCALES) {
      const t = translator(locale);
      for (const name of SEARCH_PARAMETERS) assert.ok(t.has(`info.api.param.${name}`), `${locale} ${name}`);
      for (const code of Object.keys(ERROR_CATALOGUE))
        assert.ok(t.has(`errors.code.${code}`), `${locale} ${code}`);
    }
  });

  void it('keeps the English error meanings the same as the error catalogue', () => {
    const en = translator('en');
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE) as [ErrorCode, { summary: string }][]) {
      assert.equal(en.t(`errors.code.${code}`), entry.summary, code);
    }
  });
});
