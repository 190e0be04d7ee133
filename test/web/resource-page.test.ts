// The resource page on a real SQLite file filled through the real import pipeline (mapping, normalization,
// grouping, indexing): found through the search API, shown in English and Arabic with the attribution, the
// licence deed with rel="license", a JSON-LD block that parses and that a "</script>" in a title cannot end,
// the reuse form's notes, citation downloads, versions in other languages, 404s for unknown ids, the copy
// script, and metadata with script and javascript: payloads that never becomes markup or a link.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import type { SearchResponse } from '../../src/services/search-service.js';
import { RESOURCE_JS, RESOURCE_JS_HREF } from '../../src/web/assets/scripts/resource-js.js';
import { buildApp } from '../../src/web/app.js';
import { UI_LOCALES } from '../../src/web/i18n/locales.js';
import { createPageContext } from '../../src/web/pages/context.js';
import { renderResourcePage } from '../../src/web/pages/resource.js';
import type { ResourceView } from '../../src/web/pages/resource-data.js';
import { runInProcess } from '../support/cli-harness.js';

const HOST = 'https://oer.example.org';
const EVIL_TITLE = 'Photosynthesis </script><script>alert(1)</script> & light';

const RECORDS = [
  {
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    name: EVIL_TITLE,
    description: 'How chloroplasts capture light energy <img src=x onerror=alert(2)>.',
    url: `${HOST}/en/photosynthesis`,
    inLanguage: 'en',
    license: 'https://creativecommons.org/licenses/by-sa/4.0/',
    creator: [
      { '@type': 'Person', name: 'Jane Doe' },
      { '@type': 'Person', name: 'Wei Zhang' },
    ],
    publisher: { '@type': 'Organization', name: 'Open Biology Press' },
    datePublished: '2023-05-01',
    keywords: 'photosynthesis, biology',
    accessibilityFeature: ['captions'],
    accessibilityHazard: ['noFlashingHazard'],
    accessibilitySummary: 'Every video has captions.',
    identifier: 'doi:10.1234/photo.2023',
  },
  {
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    name: 'La photosynthèse chez les plantes vertes',
    description: 'Comment les chloroplastes captent l’énergie lumineuse.',
    url: `${HOST}/fr/photosynthesis`,
    inLanguage: 'fr',
    license: 'https://creativecommons.org/licenses/by-sa/4.0/',
    translationOfWork: { '@id': `${HOST}/en/photosynthesis`, name: 'Photosynthesis' },
  },
  {
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    name: 'Evil link <b onmouseover=alert(3)>lesson</b>',
    url: 'javascript:alert(4)',
    inLanguage: 'en',
    license: 'CC BY-NC-ND 4.0',
    creator: { '@type': 'Person', name: '<script>alert(5)</script>' },
    isBasedOn: { '@id': 'javascript:alert(6)', name: 'Evil base' },
  },
  {
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    name: 'مقدمة في الجبر الخطي',
    description: 'درس عن المتجهات والمصفوفات.',
    url: `${HOST}/ar/algebra`,
    inLanguage: 'ar',
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
  },
];

/** The text of the textarea with this id, unescaped. */
function textarea(html: string, id: string): string {
  const match = new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  assert.ok(match !== null, `textarea ${id}`);
  return (match[1] ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function scriptTags(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
}

void describe('the resource page', () => {
  let dir: string;
  let atlas: Atlas;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const ids = new Map<string, string>();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-resource-page-'));
    const env = { ATLAS_DATA_DIR: path.join(dir, 'data') };
    mkdirSync(env.ATLAS_DATA_DIR);
    const folder = path.join(dir, 'OpenBiology');
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, 'records.jsonl'),
      `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`,
    );
    const imported = await runInProcess(['import', folder], { env });
    assert.equal(imported.code, 0, imported.stderr);
    atlas = await createAtlas(loadConfig({ env: { ...env, ATLAS_LOG_LEVEL: 'silent' }, cwd: dir }));
    app = await buildApp({
      store: atlas.store,
      sources: atlas.sources,
      search: atlas.search,
      logLevel: 'silent',
    });
    const res = await app.inject({ url: '/api/v1/resources?q=*&limit=50' });
    for (const result of res.json<SearchResponse>().results) ids.set(result.name, result.id);
  });

  after(async () => {
    await app.close();
    await atlas.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const idOf = (name: string): string => {
    const id = ids.get(name);
    assert.ok(id !== undefined, `${name} in ${[...ids.keys()].join(' | ')}`);
    return id;
  };
  const page = async (locale: string, name: string, query = '') => {
    const res = await app.inject({ url: `/${locale}/resources/${encodeURIComponent(idOf(name))}${query}` });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(String(res.headers['content-type']), /^text\/html/);
    return res.body;
  };

  void it('shows an English page with the metadata, the licence and a TASL attribution', async () => {
    const html = await page('en', EVIL_TITLE);
    assert.match(html, /<html lang="en" dir="ltr">/);
    assert.equal((html.match(/<h1\b/g) ?? []).length, 1);
    assert.match(
      html,
      /<h1 lang="en" dir="auto">Photosynthesis &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; light<\/h1>/,
    );
    assert.match(html, /Jane Doe/);
    assert.match(html, /Open Biology Press/);
    assert.match(
      html,
      /<a rel="license" href="https:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0\/deed\.en">/,
    );
    assert.match(html, /Share your adaptations under the same licence or a compatible one/);
    assert.equal(
      textarea(html, 'reuse-plain'),
      `“${EVIL_TITLE}” by Jane Doe and Wei Zhang, from OpenBiology (${HOST}/en/photosynthesis), ` +
        'is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).',
    );
    const attributionHtml = textarea(html, 'reuse-html');
    assert.match(
      attributionHtml,
      /<a rel="license" href="https:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0\/">CC BY-SA 4\.0<\/a>/,
    );
    assert.match(attributionHtml, /&lt;\/script&gt;&lt;script&gt;/);
    assert.match(
      textarea(html, 'reuse-markdown'),
      /^“\[Photosynthesis \\<\/script\\>\\<script\\>alert\(1\)\\<\/script\\> \\& light\]\(https:/,
    );
    // Every box is labelled, and the uses form groups its checkboxes.
    for (const id of [
      'reuse-plain',
      'reuse-html',
      'reuse-markdown',
      'cite-apa',
      'cite-bibtex',
      'cite-ris',
      'cite-csl',
    ]) {
      assert.match(html, new RegExp(`<label for="${id}">`), id);
      assert.match(html, new RegExp(`<textarea id="${id}" readonly`), id);
    }
    assert.match(html, /<fieldset>\n<legend>I want to:<\/legend>/);
  });

  void it('lists every source with its harvest time, the accessibility summary and the identifiers', async () => {
    const html = await page('en', EVIL_TITLE);
    assert.match(html, /<caption>Sources holding this resource and when each was last harvested<\/caption>/);
    assert.match(html, /<th scope="row"><a href="\/en\/sources\/src_[a-z0-9]+">OpenBiology<\/a><\/th>/);
    assert.match(html, /<time datetime="\d{4}-\d{2}-\d{2}T[^"]+">/);
    assert.match(html, /Every video has captions\./);
    assert.match(html, /No flashing hazard/);
    assert.match(
      html,
      /<a href="https:\/\/doi\.org\/10\.1234\/photo\.2023" dir="ltr">10\.1234\/photo\.2023<\/a>/,
    );
  });

  void it('links the versions in other languages both ways', async () => {
    const en = await page('en', EVIL_TITLE);
    const fr = await page('en', 'La photosynthèse chez les plantes vertes');
    assert.ok(
      en.includes(
        `href="/en/resources/${encodeURIComponent(idOf('La photosynthèse chez les plantes vertes'))}" hreflang="fr"`,
      ),
    );
    assert.ok(fr.includes(`href="/en/resources/${encodeURIComponent(idOf(EVIL_TITLE))}" hreflang="en"`));
    assert.match(fr, /Language version:/);
  });

  void it('carries a JSON-LD block that parses and that no title can close', async () => {
    const html = await page('en', EVIL_TITLE);
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    assert.equal(blocks.length, 1);
    const doc = JSON.parse(blocks[0]?.[1] ?? '') as { name: string; '@context': unknown };
    assert.equal(doc.name, EVIL_TITLE);
    assert.ok(Array.isArray(doc['@context']));
    // The only script elements: the JSON-LD block and our own deferred file.
    assert.deepEqual(scriptTags(html), [
      '<script type="application/ld+json">',
      `<script src="${RESOURCE_JS_HREF}" defer>`,
    ]);
    assert.doesNotMatch(html, /<script>alert|<img src=x|style=/);
  });

  void it('is in Arabic, right to left, with the attribution worded in Arabic', async () => {
    const html = await page('ar', 'مقدمة في الجبر الخطي');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<h1 lang="ar" dir="auto">مقدمة في الجبر الخطي<\/h1>/);
    assert.equal(
      textarea(html, 'reuse-plain'),
      `«مقدمة في الجبر الخطي»، المصدر: OpenBiology (${HOST}/ar/algebra)، يحمل علامة CC0 1.0 ` +
        '(https://creativecommons.org/publicdomain/zero/1.0/).',
    );
    assert.match(
      html,
      /<a rel="license" href="https:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/deed\.ar">/,
    );
    assert.match(html, /لا توجد أي شروط/);
    assert.match(textarea(html, 'reuse-html'), /rel="license"/);
  });

  void it('renders in every UI language with no message key left untranslated', async () => {
    for (const locale of UI_LOCALES) {
      const html = await page(locale, EVIL_TITLE, '?use=adapt&use=commercial');
      const text = html.replace(/<[^>]+>/g, ' ');
      assert.doesNotMatch(text, /\b(?:resource|reuse|common)\.[a-zA-Z]+\.?[a-zA-Z]*\b/, locale);
      assert.match(html, new RegExp(`<html lang="${locale}"`));
    }
  });

  void it('answers the uses form with the notes for the uses chosen', async () => {
    const plain = await page('en', 'Evil link <b onmouseover=alert(3)>lesson</b>');
    assert.doesNotMatch(plain, /id="reuse-notes"/);
    const html = await page(
      'en',
      'Evil link <b onmouseover=alert(3)>lesson</b>',
      '?use=adapt&use=commercial&use=bogus',
    );
    assert.match(html, /<input type="checkbox" id="use-adapt" name="use" value="adapt" checked>/);
    assert.match(html, /<input type="checkbox" id="use-commercial" name="use" value="commercial" checked>/);
    assert.match(html, /CC BY-NC-ND 4\.0 does not allow adaptations/);
    assert.match(html, /CC BY-NC-ND 4\.0 does not allow commercial use/);
    assert.match(html, /<form class="uses-form" method="get" action="\/en\/resources\/[^"]+#reuse-notes">/);
  });

  void it('never links or runs harvested script and javascript: payloads', async () => {
    const html = await page('en', 'Evil link <b onmouseover=alert(3)>lesson</b>');
    assert.doesNotMatch(html, /href="\s*javascript:/i);
    assert.doesNotMatch(html, /<b onmouseover|<script>alert/);
    assert.match(html, /Evil link &lt;b onmouseover=alert\(3\)&gt;lesson&lt;\/b&gt;/);
    assert.match(html, /No web address is known for this resource\./);
    assert.doesNotMatch(textarea(html, 'reuse-html'), /href="javascript/);
    assert.doesNotMatch(textarea(html, 'reuse-markdown'), /\]\(javascript/);
  });

  void it('downloads citations as RIS, BibTeX and CSL-JSON files', async () => {
    const base = `/en/resources/${encodeURIComponent(idOf(EVIL_TITLE))}/cite`;
    const risFile = await app.inject({ url: `${base}.ris` });
    assert.equal(risFile.statusCode, 200);
    assert.match(
      String(risFile.headers['content-type']),
      /^application\/x-research-info-systems; charset=utf-8/,
    );
    assert.match(
      String(risFile.headers['content-disposition']),
      /^attachment; filename="doe2023photosynthesis\.ris"$/,
    );
    assert.match(
      risFile.body,
      /^TY {2}- ELEC\nTI {2}- Photosynthesis <\/script><script>alert\(1\)<\/script> & light\n/,
    );
    const bib = await app.inject({ url: `${base}.bib` });
    assert.match(String(bib.headers['content-type']), /^application\/x-bibtex/);
    assert.match(bib.body, /^@misc\{doe2023photosynthesis,\n {2}author = \{Doe, Jane and Zhang, Wei\},/);
    assert.match(bib.body, /title = \{\{Photosynthesis <\/script><script>alert\(1\)<\/script> \\& light\}\}/);
    const csl = await app.inject({ url: `${base}.json` });
    assert.match(String(csl.headers['content-type']), /^application\/vnd\.citationstyles\.csl\+json/);
    const items = csl.json<{ title: string; DOI: string; author: unknown[] }[]>();
    assert.equal(items[0]?.title, EVIL_TITLE);
    assert.equal(items[0]?.DOI, '10.1234/photo.2023');
    const missing = await app.inject({ url: '/en/resources/nosuchwork/cite.ris' });
    assert.equal(missing.statusCode, 404);
  });

  void it('answers 404 with an HTML page for unknown ids', async () => {
    for (const id of ['nosuchwork', encodeURIComponent('src_nope/record'), encodeURIComponent('%%%')]) {
      const res = await app.inject({ url: `/en/resources/${id}`, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 404, id);
      assert.match(String(res.headers['content-type']), /^text\/html/, id);
    }
  });

  void it('serves the copy script from our origin, small, cached and revalidated', async () => {
    assert.ok(Buffer.byteLength(RESOURCE_JS) <= 5 * 1024, `${Buffer.byteLength(RESOURCE_JS)} bytes`);
    const res = await app.inject({ url: RESOURCE_JS_HREF });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.match(String(res.headers['cache-control']), /max-age=31536000/);
    const etag = String(res.headers.etag);
    const again = await app.inject({ url: RESOURCE_JS_HREF, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
  });
});

void describe('renderResourcePage with hostile records', () => {
  // A record as an adapter or a future mapper might hand it over: every address is a javascript: payload.
  const record: ResourceRecord = {
    id: 'javascript:alert(1)',
    type: ['LearningResource'],
    name: { en: '<svg onload=alert(1)>' },
    url: 'javascript:alert(2)',
    inLanguage: ['en'],
    license: { id: 'javascript:alert(3)', group: 'by' },
    creator: [{ type: 'Person', name: 'Eve', id: 'javascript:alert(4)' }],
    identifiers: [{ kind: 'url', value: 'javascript:alert(5)' }],
    isBasedOn: [{ id: 'javascript:alert(6)', name: 'Base' }],
    workTranslation: [{ id: 'data:text/html,<script>alert(7)</script>', name: 'Data' }],
    about: [{ id: 'https://example.org/c', prefLabel: { en: '"><script>alert(8)</script>' } }],
    provenance: [
      { sourceId: 'src_x', sourceRecordId: 'r1', harvestedAt: '2024-01-01T00:00:00Z', fields: [] },
    ],
  };
  const view: ResourceView = {
    key: 'src_x/r1',
    record,
    ref: { sourceId: 'src_x', sourceRecordId: 'r1' },
    members: [
      {
        ref: { sourceId: 'src_x', sourceRecordId: 'r1' },
        source: null,
        record,
        harvestedAt: '2024-01-01T00:00:00Z',
      },
    ],
    linked: [],
  };

  void it('links only http(s) addresses and escapes everything else', () => {
    for (const locale of UI_LOCALES) {
      const html = renderResourcePage(
        createPageContext(locale, '/resources/src_x%2Fr1'),
        view,
        new Set(['adapt']),
        new Date(),
      );
      // The shell's own empty favicon (href="data:,") is the only data: address allowed.
      assert.doesNotMatch(html, /href="\s*(?:javascript:|data:(?!,"))/i, locale);
      assert.doesNotMatch(html, /<svg|<script>alert/, locale);
      assert.match(html, /&lt;svg onload=alert\(1\)&gt;/, locale);
      // The key of an ungrouped record is one path segment.
      assert.match(html, /\/resources\/src_x%2Fr1\/cite\.ris/, locale);
    }
  });
});
