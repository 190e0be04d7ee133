// The page shell, the HTML escaper, the home page and the stylesheet route.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SITE_CSS_HREF } from '../../src/web/assets/site-css.js';
import { escapeHtml, renderPage } from '../../src/web/pages/layout.js';
import { buildTestApp, openTestStore } from './web-harness.js';

void describe('escapeHtml', () => {
  void it('escapes the five characters that matter in content and quoted attributes', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  void it('leaves other text alone, including non-ASCII', () => {
    assert.equal(escapeHtml('Lernmaterialien für Schulen – 学习'), 'Lernmaterialien für Schulen – 学习');
  });

  void it('does not undo itself: escaping twice escapes the ampersands again', () => {
    assert.equal(escapeHtml(escapeHtml('<')), '&amp;lt;');
  });
});

void describe('renderPage', () => {
  void it('escapes the title and keeps the shell free of inline script and style', () => {
    const html = renderPage({ title: '</title><script>x()</script>', mainHtml: '<h1>Hi</h1>' });
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;x\(\)&lt;\/script&gt; – OER Atlas<\/title>/);
    assert.doesNotMatch(html, /<script|<style|style=/);
  });
});

void describe('GET /', () => {
  void it('sends the reader to the home page in the language the browser prefers', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const cases: [string | undefined, string][] = [
        [undefined, '/en/'],
        ['fr-CH, fr;q=0.9, en;q=0.8', '/fr/'],
        ['de-DE, ar;q=0.5', '/ar/'],
        ['zh-Hant-TW', '/zh/'],
        ['pt-BR,pt;q=0.9', '/pt/'],
        ['xx, *;q=0.1', '/en/'],
      ];
      for (const [accept, target] of cases) {
        const res = await app.inject({
          url: '/',
          headers: accept === undefined ? {} : { 'accept-language': accept },
        });
        assert.equal(res.statusCode, 302, String(accept));
        assert.equal(res.headers.location, target, String(accept));
        assert.match(String(res.headers.vary), /Accept-Language/i);
      }
      const search = await app.inject({ url: '/search?q=fractions', headers: { 'accept-language': 'es' } });
      assert.equal(search.statusCode, 302);
      assert.equal(search.headers.location, '/es/search?q=fractions');
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('serves an accessible home page in each language, with lang, dir and alternates', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      for (const [locale, dir] of [
        ['en', 'ltr'],
        ['ar', 'rtl'],
        ['zh', 'ltr'],
      ] as const) {
        const res = await app.inject(`/${locale}/`);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
        const html = res.body;
        assert.ok(html.includes(`<html lang="${locale}" dir="${dir}">`), locale);
        assert.match(html, /<meta name="viewport"/);
        assert.match(html, /<a class="skip-link" href="#main">/);
        for (const landmark of ['<header', '<main id="main"', '<footer'])
          assert.ok(html.includes(landmark), landmark);
        assert.equal(html.match(/<h1[ >]/g)?.length, 1);
        assert.ok(html.includes(`action="/${locale}/search" method="get"`), locale);
        assert.match(html, /<label for="search-query">/);
        for (const other of ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw'])
          assert.ok(html.includes(`<link rel="alternate" hreflang="${other}" href="/${other}/">`), other);
        assert.ok(html.includes(`<link rel="stylesheet" href="${SITE_CSS_HREF}">`));
        assert.doesNotMatch(html, /<script(?! src=)|<style|style=/);
      }
      const ar = (await app.inject('/ar/')).body;
      assert.ok(ar.includes('انتقل إلى المحتوى الرئيسي'), 'Arabic skip link');
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('compresses pages and answers a revalidation with 304', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const first = await app.inject({ url: '/en/', headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['content-encoding'], 'br');
      const etag = String(first.headers.etag);
      assert.match(etag, /^W\//);
      const again = await app.inject({ url: '/en/', headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
    } finally {
      await app.close();
      await cleanup();
    }
  });
});

void describe('GET /assets/site.css', () => {
  void it('serves the stylesheet with a long cache lifetime and an ETag, and answers 304 to a matching If-None-Match', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject(SITE_CSS_HREF);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/css; charset=utf-8');
      assert.match(String(res.headers['cache-control']), /max-age=31536000/);
      const etag = String(res.headers.etag);
      assert.match(etag, /^"[0-9a-f]+"$/);
      assert.match(res.body, /:focus-visible/);
      assert.doesNotMatch(res.body, /@import|url\(/, 'no remote fonts or imports');

      const again = await app.inject({
        method: 'GET',
        url: '/assets/site.css',
        headers: { 'if-none-match': etag },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      const weak = await app.inject({
        method: 'GET',
        url: '/assets/site.css',
        headers: { 'if-none-match': `"x", W/${etag}` },
      });
      assert.equal(weak.statusCode, 304);
      const stale = await app.inject({
        method: 'GET',
        url: '/assets/site.css',
        headers: { 'if-none-match': '"old"' },
      });
      assert.equal(stale.statusCode, 200);
    } finally {
      await app.close();
      await cleanup();
    }
  });
});
