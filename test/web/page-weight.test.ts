// The page-weight budget of ../shared/design/BUDGETS.md, measured in bytes (not time, so it is stable): a full
// search results page (20 results with their facets), compressed with brotli and with gzip as the server
// sends it, plus the compressed stylesheet it links, stays within 50 KB in every UI language; the JavaScript
// any page loads stays within 30 KB compressed. The catalog is real corpus files imported through the real
// pipeline into a real SQLite file; the app answers in-process. Prints every figure it measures.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { UI_LOCALES } from '../../src/web/i18n/locales.js';
import { CORPUS_DIR } from '../formats/corpus.js';
import { runInProcess } from '../support/cli-harness.js';
import { buildTestApp } from './web-harness.js';

const KB = 1024;
/** BUDGETS.md: the portal search page, HTML + CSS compressed. */
const HTML_CSS_BUDGET = 50 * KB;
/** BUDGETS.md: any JavaScript, compressed. */
const JS_BUDGET = 30 * KB;
const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

/** Real records in many languages and licences (the same mix as the browser suite). */
const CORPUS = [
  'jsonld/other-record-formats/oer-commons_records_2176.csv',
  'oai-pmh/dspace-lume-ufrgs_ListRecords_oai_dc_100.xml',
  'jsonld/orca-nrw_lrmi-profile_8-records.ndjson',
] as const;
/** Found in hundreds of records: a full page of 20 results with every facet filled. */
const QUERY = 'science';

interface Transfer {
  readonly bytes: number;
  readonly uncompressed: number;
  readonly body: string;
}

void describe('page weight of the search page (BUDGETS.md)', () => {
  let dir: string;
  let atlas: Atlas;
  let app: FastifyInstance;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-weight-'));
    const env = { ATLAS_DATA_DIR: dir };
    for (const file of CORPUS) {
      const result = await runInProcess(['import', path.join(CORPUS_DIR, file)], { env });
      assert.equal(result.code, 0, result.stderr);
    }
    atlas = await createAtlas(loadConfig({ env: { ...env, ATLAS_LOG_LEVEL: 'silent' }, cwd: dir }));
    ({ app } = await buildTestApp(atlas.store, { search: atlas.search, sources: atlas.sources }));
  });

  after(async () => {
    await app?.close();
    await atlas?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the server sends for a URL when the client accepts one encoding: the bytes on the wire. */
  async function fetchAs(url: string, encoding: Encoding): Promise<Transfer> {
    const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
    assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
    const sent = res.headers['content-encoding'];
    // Responses under the compression threshold go out as they are; anything larger must be compressed.
    if (sent === undefined) {
      assert.ok(res.rawPayload.length < 1024, `${url} (${res.rawPayload.length} bytes) was not compressed`);
    } else {
      assert.equal(sent, encoding, `${url} was sent as ${sent}`);
    }
    const plain = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    return { bytes: res.rawPayload.length, uncompressed: plain.rawPayload.length, body: plain.body };
  }

  /** Our own stylesheets and scripts a page links (absolute URLs would break the no-CDN rule and fail here). */
  function assetsOf(html: string): { css: string[]; js: string[] } {
    const css = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map(
      (m) => /\bhref="([^"]+)"/.exec(m[0])?.[1] ?? '',
    );
    const js = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const href of [...css, ...js]) {
      assert.ok(href.startsWith('/'), `the page loads ${href} from outside the portal`);
    }
    return { css, js: js.map((src) => src.replace(/&amp;/g, '&')) };
  }

  const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

  void it('a full results page with facets, HTML + CSS, stays within 50 KB compressed in every language', async () => {
    const rows: string[] = [];
    let worst = 0;
    for (const locale of UI_LOCALES) {
      for (const encoding of ENCODINGS) {
        const url = `/${locale}/search?q=${QUERY}`;
        const page = await fetchAs(url, encoding);
        const resultLinks = new Set(
          page.body.match(new RegExp(`href="/${locale}/resources/[^"]+"`, 'g')) ?? [],
        );
        assert.ok(resultLinks.size >= 20, `${url} shows ${resultLinks.size} results, a full page has 20`);
        const checkboxes = page.body.match(/type="checkbox"/g)?.length ?? 0;
        assert.ok(checkboxes >= 10, `${url} has ${checkboxes} filter checkboxes`);
        const { css, js } = assetsOf(page.body);
        assert.ok(css.length >= 1, `${url} links no stylesheet`);
        let cssBytes = 0;
        for (const href of css) cssBytes += (await fetchAs(href, encoding)).bytes;
        let jsBytes = 0;
        for (const src of js) jsBytes += (await fetchAs(src, encoding)).bytes;
        const total = page.bytes + cssBytes;
        worst = Math.max(worst, total);
        rows.push(
          `# ${locale} ${encoding.padEnd(4)} HTML ${kb(page.bytes)} (of ${kb(page.uncompressed)}) + CSS ${kb(cssBytes)} = ${kb(total)}; JS ${kb(jsBytes)}`,
        );
        assert.ok(
          total <= HTML_CSS_BUDGET,
          `${url} with ${encoding}: HTML ${page.bytes} + CSS ${cssBytes} = ${total} bytes, over the ${HTML_CSS_BUDGET}-byte budget`,
        );
        assert.ok(
          jsBytes <= JS_BUDGET,
          `${url} with ${encoding}: ${jsBytes} bytes of JavaScript, budget ${JS_BUDGET}`,
        );
      }
    }
    process.stdout.write(
      `# search page "${QUERY}" (20 results with facets):\n${rows.join('\n')}\n# largest: ${kb(worst)} of ${kb(HTML_CSS_BUDGET)}\n`,
    );
  });

  void it('the JavaScript any page loads stays within 30 KB compressed and the pages work without it', async () => {
    const found = await app.inject({ url: `/api/v1/resources?q=${QUERY}&limit=1` });
    const id = found.json<{ results: { id: string }[] }>().results[0]?.id;
    assert.ok(id !== undefined);
    const sources = await app.inject({ url: '/api/v1/sources' });
    const sourceId = sources.json<{ results: { id: string }[] }>().results[0]?.id;
    assert.ok(sourceId !== undefined);
    const pages = ['/en/', `/en/search?q=${QUERY}`, `/en/resources/${encodeURIComponent(id)}`, '/en/sources'];
    pages.push(`/en/sources/${encodeURIComponent(sourceId)}`, '/en/about', '/en/api');
    const rows: string[] = [];
    for (const url of pages) {
      for (const encoding of ENCODINGS) {
        const page = await fetchAs(url, encoding);
        const { js } = assetsOf(page.body);
        let jsBytes = 0;
        for (const src of js) jsBytes += (await fetchAs(src, encoding)).bytes;
        // "Works without JavaScript": scripts are deferred enhancements, never render-blocking.
        for (const tag of page.body.match(/<script\b[^>]*\bsrc="[^"]*"[^>]*>/g) ?? []) {
          assert.match(tag, /\b(defer|async|type="module")\b/, `${url}: ${tag} blocks rendering`);
        }
        rows.push(`# ${url} ${encoding}: ${js.length} script(s), ${kb(jsBytes)}`);
        assert.ok(
          jsBytes <= JS_BUDGET,
          `${url} with ${encoding}: ${jsBytes} bytes of JavaScript, budget ${JS_BUDGET}`,
        );
      }
    }
    process.stdout.write(`${rows.join('\n')}\n`);
  });
});
