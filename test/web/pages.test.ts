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
  void it('serves an accessible home page', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject('/');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      const html = res.body;
      assert.match(html, /<html lang="en">/);
      assert.match(html, /<title>OER Atlas<\/title>/);
      assert.match(html, /<meta name="viewport"/);
      assert.match(html, /<a class="skip-link" href="#main">/);
      for (const landmark of ['<header', '<main id="main"', '<footer'])
        assert.ok(html.includes(landmark), landmark);
      assert.equal(html.match(/<h1[ >]/g)?.length, 1);
      assert.match(html, /<form[^>]+action="\/search"[^>]+method="get"/);
      assert.match(html, /<label for="search-query">/);
      assert.match(html, /<input id="search-query" name="q"/);
      assert.match(html, /href="\/healthz"/);
      assert.match(html, /href="\/readyz"/);
      assert.ok(html.includes(`<link rel="stylesheet" href="${SITE_CSS_HREF}">`));
      assert.doesNotMatch(html, /<script|<style|style=/);
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('lets the search form land on a page that exists or on the HTML 404 page', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/search?q=fractions',
        headers: { accept: 'text/html' },
      });
      assert.ok(res.statusCode === 200 || res.statusCode === 404);
      assert.match(String(res.headers['content-type']), /^text\/html/);
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
