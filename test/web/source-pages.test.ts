// The source pages: the list of sources and one source's page (what it is, records by status, harvest history
// with errors by class, metadata quality with fixes in the reader's language), on a real SQLite catalog filled
// by the real import pipeline from a corpus file, plus a hostile source written straight into the store.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { EMPTY_COUNTS } from '../../src/domain/catalog.js';
import { ELEMENTS, ELEMENT_JOINER, FIX_MESSAGES, type FixCode } from '../../src/quality/messages.js';
import type { ElementKey, MetadataFormat } from '../../src/quality/format.js';
import { UI_LOCALES } from '../../src/web/i18n/locales.js';
import { translator } from '../../src/web/i18n/catalog.js';
import { createPageContext } from '../../src/web/pages/context.js';
import { elementPlainText, fixFormatOf, localizedFix } from '../../src/web/pages/sources-quality.js';
import { formatDuration, httpUrl } from '../../src/web/pages/sources.js';
import { CORPUS_DIR } from '../formats/corpus.js';
import { buildTestApp, type TestApp } from './web-harness.js';

const LUME = path.join(CORPUS_DIR, 'oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml');
const HOSTILE_NAME = '<script>alert("name")</script><img src=x onerror=alert(1)>';
const HOSTILE_URL = 'javascript:alert(document.cookie)//"><script>alert(2)</script>';

/** The one h1 of a page, and the count of h1 elements. */
function h1s(html: string): string[] {
  return [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => m[1] ?? '');
}

/** Heading levels in document order, to check that none is skipped. */
function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
}

function assertHeadingsInOrder(html: string): void {
  const levels = headingLevels(html);
  assert.equal(levels[0], 1);
  for (let i = 1; i < levels.length; i += 1) {
    assert.ok((levels[i] ?? 0) <= (levels[i - 1] ?? 0) + 1, `heading h${levels[i]} after h${levels[i - 1]}`);
  }
}

/** Every table has a caption and only scoped header cells. */
function assertTablesMarkedUp(html: string): void {
  const tables = [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) => m[0]);
  assert.ok(tables.length > 0, 'a table');
  for (const table of tables) {
    assert.match(table, /<caption[^>]*>[^<]+/);
    const ths = table.match(/<th[ >][^>]*/g) ?? [];
    assert.ok(ths.length > 0);
    for (const th of ths) assert.match(th, /scope="(col|row)"/, th);
  }
}

void describe('source pages', () => {
  let dir: string;
  let atlas: Atlas;
  let web: TestApp;
  let lumeId: string;
  let hostileId: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-source-pages-'));
    atlas = await createAtlas(
      loadConfig({ env: { ATLAS_DATA_DIR: dir, ATLAS_LOG_LEVEL: 'silent' }, cwd: dir }),
    );
    const { source } = await atlas.sources.add({
      name: 'LUME – Repositório Digital da UFRGS',
      url: pathToFileURL(LUME).href,
      protocol: 'file',
      schedule: 'manual',
    });
    lumeId = source.id;
    const summary = await atlas.harvests.harvest(lumeId, { mode: 'full', requestedBy: 'test' });
    assert.equal(summary.error, null);

    // A source as a careless or hostile registry entry could hold it, written past the service's checks.
    const hostile = await atlas.store.createSource({
      name: HOSTILE_NAME,
      url: HOSTILE_URL,
      protocol: 'oai-pmh',
      format: 'lom',
      sets: ['<b>set</b>'],
      excludeSets: [],
      schedule: 'weekly',
      country: 'BR',
      allowPrivateNetwork: false,
      settings: {},
    });
    hostileId = hostile.id;
    const older = await atlas.store.createRun({
      sourceId: hostileId,
      mode: 'full',
      startedAt: '2025-03-01T10:00:00.000Z',
    });
    await atlas.store.updateRun(older.id, {
      status: 'partial',
      finishedAt: '2025-03-01T10:03:12.000Z',
      counts: { ...EMPTY_COUNTS, new: 1200, failed: 3, pages: 12, requests: 13 },
      errorsByClass: { xml_malformed: 2, excluded_by_set: 40, 'weird<class>': 1 },
    });
    const latest = await atlas.store.createRun({
      sourceId: hostileId,
      mode: 'incremental',
      startedAt: '2025-03-08T10:00:00.000Z',
    });
    await atlas.store.updateRun(latest.id, {
      status: 'failed',
      finishedAt: '2025-03-08T10:00:31.000Z',
      counts: { ...EMPTY_COUNTS, requests: 4 },
      errorsByClass: { source_unreachable: 1 },
      report: {
        durationMs: 31_000,
        error: { code: 'source_unreachable', message: 'No answer from <host> after 4 attempts.' },
      },
    });
    web = await buildTestApp(atlas.store, { sources: atlas.sources, search: atlas.search });
  });

  after(async () => {
    await web.app.close();
    await atlas.close();
    rmSync(dir, { recursive: true, force: true });
  });

  void it('lists every source in a captioned table with records, latest harvest and quality score', async () => {
    const res = await web.app.inject('/en/sources');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.deepEqual(h1s(html), ['Sources']);
    assertHeadingsInOrder(html);
    assertTablesMarkedUp(html);
    assert.match(html, /<caption id="sources-caption">2 harvested sources<\/caption>/);
    assert.match(html, /role="region" aria-labelledby="sources-caption" tabindex="0"/);
    // The imported source: 100 searchable records, a successful harvest, a score out of 100.
    const row = html.split('<tr>').find((r) => r.includes('LUME'));
    assert.ok(row);
    assert.match(row, new RegExp(`href="/en/sources/${lumeId}"`));
    assert.match(
      row,
      /<td class="num"><span class="cell-label" aria-hidden="true">Records:<\/span> 100<\/td>/,
    );
    assert.match(row, /Succeeded/);
    assert.match(
      row,
      /<td class="num"><span class="cell-label" aria-hidden="true">Quality score:<\/span> \d{1,2}\/100<\/td>/,
    );
    assert.match(row, /Not stated/);
    // The hostile one: its name escaped, its failed harvest said in words, no score.
    assert.ok(html.includes('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;'));
    assert.doesNotMatch(html, /<script|<img src=x|javascript:/);
    assert.match(html, /Failed/);
    assert.match(html, /Brazil/);
    assert.match(html, /Not scored yet/);
  });

  void it('localizes numbers, dates, countries and plurals (French, Russian, Arabic right to left)', async () => {
    const fr = (await web.app.inject('/fr/sources')).body;
    assert.match(fr, /<html lang="fr" dir="ltr">/);
    assert.match(fr, /2 sources moissonnées/);
    assert.match(fr, /Brésil/);
    assert.match(fr, /8 mars 2025/);
    const ru = (await web.app.inject('/ru/sources')).body;
    assert.match(ru, /2 источника/);
    assert.match(ru, /Бразилия/);
    const ar = (await web.app.inject('/ar/sources')).body;
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.equal(h1s(ar).length, 1);
    assert.match(ar, /البرازيل/);
    // Numbers as CLDR writes them for "ar" (Latin or Arabic-Indic digits, by the ICU version).
    assert.ok(ar.includes(`</span> ${new Intl.NumberFormat('ar').format(100)}</td>`));
  });

  void it('shows what a source is, its records, its harvest history and its quality fixes', async () => {
    const res = await web.app.inject(`/en/sources/${lumeId}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.deepEqual(h1s(html), ['LUME – Repositório Digital da UFRGS']);
    assertHeadingsInOrder(html);
    assertTablesMarkedUp(html);
    // A local import shows its file name, never the server's folders, and is not a link.
    assert.match(html, /dspace-lume-ufrgs_ListRecords_oai_dc_100\.xml \(a file imported by the operator/);
    assert.ok(!html.includes(path.dirname(LUME)), 'no server path');
    assert.match(html, /Local files/);
    assert.match(html, /<dt>Searchable<\/dt><dd class="num">100<\/dd>/);
    assert.match(html, /The latest harvest, started on .+, succeeded\./);
    assert.match(html, /<caption id="runs-caption">The latest harvest<\/caption>/);
    // The link to this source's resources in search keeps the language.
    assert.ok(html.includes(`href="/en/search?source=${lumeId}"`));
    // Quality: a score and the fixes, most important first; the licence is missing from every record and
    // the element to fill is named in <code>, in the format the records came in (oai_dc, told from the
    // stored records since a local import's protocol does not say).
    assert.match(html, /Score: \d{1,2} out of 100/);
    assert.match(html, /The mean over 100 scored records, out of 100 searchable records\./);
    const fixes = html.slice(html.indexOf('<ol class="fix-list">'));
    assert.match(fixes, /^<ol class="fix-list">\n<li class="fix fix-error">/);
    assert.match(
      fixes,
      /Add licences: a Creative Commons licence URL in <code>dc:rights<\/code> lets people/,
    );
    assert.match(fixes, /100 records need this \(100%/);
    assert.match(fixes, /<li><code>oai:www\.lume\.ufrgs\.br:[^<]+<\/code><\/li>/);
    assert.match(fixes, /Must fix/);
  });

  void it("renders the fixes in the reader's language with the same elements", async () => {
    const fr = (await web.app.inject(`/fr/sources/${lumeId}`)).body;
    assert.match(fr, /<html lang="fr" dir="ltr">/);
    assert.match(fr, /Ajoutez des licences/);
    assert.match(fr, /<code>dc:rights<\/code>/);
    assert.match(fr, /100 notices concernées/);
    assert.doesNotMatch(fr, /<p lang="en"/, 'every fix is translated');
    const ar = (await web.app.inject(`/ar/sources/${lumeId}`)).body;
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.equal(h1s(ar).length, 1);
    assert.match(ar, /<code>dc:rights<\/code>/);
    const zh = (await web.app.inject(`/zh/sources/${lumeId}`)).body;
    assert.match(zh, /许可/);
  });

  void it('escapes a hostile source and never links a javascript: address', async () => {
    const res = await web.app.inject(`/en/sources/${hostileId}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.equal(h1s(html).length, 1);
    assert.equal(
      h1s(html)[0],
      '&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    assert.doesNotMatch(html, /<script|<img|<b>|href="javascript|<[^>]*\sonerror=/);
    // The address is shown as text, not as a link.
    assert.match(html, /<dd><code>javascript:alert\(document\.cookie\)\/\/&quot;&gt;&lt;script&gt;/);
    assert.match(html, /<title>&lt;script&gt;/);
    // OAI-PMH details, its schedule and country in words.
    assert.match(html, /<code>&lt;b&gt;set&lt;\/b&gt;<\/code>/);
    assert.match(html, /Every week/);
    // Harvest health: the latest run failed, with the reason in words and its code, message escaped.
    assert.match(html, /The latest harvest, started on .+, failed\./);
    assert.match(
      html,
      /Reason: The source does not answer\. <code>source_unreachable<\/code> – No answer from &lt;host&gt;/,
    );
    assert.match(html, /The latest 2 harvests, newest first/);
    assert.match(html, /31 sec/);
    assert.match(html, /3 min, 12 sec/);
    assert.match(html, /Partly succeeded/);
    assert.match(html, /Changes only/);
    assert.match(
      html,
      /<td class="num count"><span class="cell-label" aria-hidden="true">New:<\/span> 1,200<\/td>/,
    );
    assert.match(html, /<code>xml_malformed<\/code> × 2/);
    assert.match(html, /<code>excluded_by_set<\/code> × 40 <span class="muted">\(left out by the set filter/);
    assert.match(html, /<code>weird&lt;class&gt;<\/code> × 1/);
    // The meaning of the catalogue codes that appear.
    assert.match(html, /<dt><code>xml_malformed<\/code><\/dt><dd>The XML is not well-formed\.<\/dd>/);
    assert.match(html, /No record of this source has been scored yet\./);
    // In French the English message is marked as English.
    const fr = (await web.app.inject(`/fr/sources/${hostileId}`)).body;
    assert.match(fr, /<span lang="en" dir="ltr">No answer from &lt;host&gt; after 4 attempts\.<\/span>/);
    assert.doesNotMatch(fr, /<script|<img/);
  });

  void it('answers an unknown source with a 404 page in the language of the URL', async () => {
    const fr = await web.app.inject({ url: '/fr/sources/src_nope', headers: { accept: 'text/html' } });
    assert.equal(fr.statusCode, 404);
    assert.match(fr.body, /<html lang="fr" dir="ltr">/);
    assert.equal(h1s(fr.body).length, 1);
    assert.match(fr.body, /<a href="\/fr\/">/);
    const ar = await web.app.inject('/ar/sources/%3Cscript%3E');
    assert.equal(ar.statusCode, 404);
    assert.match(ar.body, /<html lang="ar" dir="rtl">/);
    assert.doesNotMatch(ar.body, /<script>/);
    const json = await web.app.inject({
      url: '/fr/sources/src_nope',
      headers: { accept: 'application/json' },
    });
    assert.equal(json.json<{ error: { code: string } }>().error.code, 'not_found');
  });

  void it('serves every source page in every UI language with one h1 and no untranslated key', async () => {
    for (const locale of UI_LOCALES) {
      for (const page of ['/sources', `/sources/${lumeId}`, `/sources/${hostileId}`]) {
        const res = await web.app.inject(`/${locale}${page}`);
        assert.equal(res.statusCode, 200, `${locale}${page}`);
        assert.equal(h1s(res.body).length, 1, `${locale}${page}`);
        assert.doesNotMatch(res.body, /\bsource\.[a-z]+\.[A-Za-z_.-]+/, `${locale}${page}: a raw key`);
        assert.doesNotMatch(res.body, /style=|<script/, `${locale}${page}`);
      }
    }
  });
});

void describe('fix texts', () => {
  const formats: (MetadataFormat | null)[] = ['dc', 'lom', 'schema', 'csv', null];

  void it('names the same elements as the English table of the quality module', () => {
    const ctx = createPageContext('en', '/');
    for (const key of Object.keys(ELEMENTS) as ElementKey[]) {
      for (const format of formats) {
        const ours = elementPlainText(ctx, key, format)
          .replace(/, or /g, ' or ')
          .replace(/, and /g, ' and ');
        // What src/quality/format.ts's elementFor gives, rebuilt from ELEMENTS.
        const row = ELEMENTS[key];
        const own = format === null ? null : row[format];
        let expected: string;
        if (own !== null) {
          expected = own;
        } else {
          const parts = (['dc', 'lom', 'schema'] as const)
            .filter((f) => row[f] !== null && f !== format)
            .map((f) => `${row[f]} (${{ dc: 'Dublin Core', lom: 'LOM', schema: 'schema.org' }[f]})`);
          expected =
            parts.length <= 1
              ? (parts[0] ?? '')
              : `${parts.slice(0, -1).join(', ')}${ELEMENT_JOINER}${parts[parts.length - 1] ?? ''}`;
        }
        assert.equal(ours, expected.replace(/, or /g, ' or '), `${key} ${String(format)}`);
      }
    }
  });

  void it('has a translated fix for every fix code in every language, with only {element}', () => {
    for (const locale of UI_LOCALES) {
      const ctx = createPageContext(locale, '/');
      for (const code of Object.keys(FIX_MESSAGES) as FixCode[]) {
        assert.ok(translator(locale).has(`source.fix.${code}`), `${locale} ${code}`);
        const fix = localizedFix(ctx, 'lom', code, 'English');
        assert.equal(fix.english, false);
        assert.doesNotMatch(fix.html, /[{}\uE000\uE001]/, `${locale} ${code}`);
        assert.match(fix.html, /<code>/, `${locale} ${code}`);
      }
    }
  });

  void it('names the elements of the format the source is edited in', () => {
    assert.equal(fixFormatOf({ protocol: 'oai-pmh', format: 'lom' }, ['oai_dc']), 'lom');
    assert.equal(fixFormatOf({ protocol: 'csv', format: null }, []), 'csv');
    // Local imports and feeds: told by the raw format of their records when they all agree.
    assert.equal(fixFormatOf({ protocol: 'file', format: null }, ['oai_dc', 'oai_dc']), 'dc');
    assert.equal(fixFormatOf({ protocol: 'feed', format: null }, ['rss-item']), 'dc');
    assert.equal(fixFormatOf({ protocol: 'file', format: null }, ['oai_dc', 'lom']), null);
    assert.equal(fixFormatOf({ protocol: 'file', format: null }, ['xml']), null);
    assert.equal(fixFormatOf({ protocol: 'file', format: null }, []), null);
  });

  void it('falls back to the English message for a code it does not know', () => {
    const fix = localizedFix(createPageContext('fr', '/'), 'csv', 'new_check', '<b>x</b>');
    assert.deepEqual(fix, { html: '&lt;b&gt;x&lt;/b&gt;', english: true });
  });

  void it("links only http(s) addresses and formats durations in the reader's units", () => {
    assert.equal(httpUrl('https://example.org/oai'), 'https://example.org/oai');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'nope',
    ]) {
      assert.equal(httpUrl(bad), null, bad);
    }
    const en = createPageContext('en', '/');
    assert.equal(formatDuration(en, 400), '0.4 sec');
    assert.equal(formatDuration(en, 7_500_000), '2 hr, 5 min');
    assert.match(formatDuration(createPageContext('fr', '/'), 192_000), /3\smin.+12\ss/);
  });
});
