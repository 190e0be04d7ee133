// The sitemap harvester end to end against a web server on 127.0.0.1 and the real guarded HTTP client:
// nested and gzip'd sitemaps, pages with real AMB / LRMI JSON-LD, robots.txt, errors on single pages,
// redirect loops, checkpoints and resuming, incremental runs with lastmod and conditional GETs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isAtlasError } from '../../src/domain/errors.js';
import { createSitemapHarvester } from '../../src/harvest/sitemap-harvester.js';
import type { HttpClient } from '../../src/ports/http-client.js';
import { readText } from '../formats/corpus.js';
import { startWebFixtureServer, type WebFixtureServer } from '../support/web-fixture-server.js';
import {
  brokenCodes,
  idsOf,
  lastCheckpoint,
  mapAll,
  runHarvest,
  testClient,
  testContext,
  testSource,
} from './web-harvest-support.js';

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

function page(...blocks: string[]): string {
  return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>x</title>${blocks
    .map((b) => `<script type="application/ld+json">${b}</script>`)
    .join('')}</head><body><h1>x</h1></body></html>`;
}

function urlset(entries: readonly [string, string?][]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><urlset ${NS}>${entries
    .map(
      ([loc, lastmod]) =>
        `<url><loc>${loc}</loc>${lastmod === undefined ? '' : `<lastmod>${lastmod}</lastmod>`}</url>`,
    )
    .join('')}</urlset>`;
}

const TUTORY = readText('jsonld', 'amb', 'valid', 'tutoryExample.json');
const VIDEO = readText('jsonld', 'amb', 'valid', 'videoWithEncodings.json');
const COURSE = readText('jsonld', 'amb', 'valid', 'highered-course.json');
const COURSE_PART = readText('jsonld', 'amb', 'valid', 'highered-course-part.json');
const LRMI_PAGE = readText('jsonld', 'lrmi-dcmi', 'alignmentsUK_jsonld.json');

/** A site: an index with a plain and a gzip'd sitemap, eight pages of every kind, robots.txt. */
function buildSite(server: WebFixtureServer): void {
  const u = server.url;
  server.set('/robots.txt', {
    body: 'User-agent: *\nDisallow: /private/\n\nUser-agent: oer-atlas\nDisallow: /private/\nDisallow: /drafts/\n',
    contentType: 'text/plain',
  });
  server.set('/sitemap.xml', {
    body: `<?xml version="1.0"?><sitemapindex ${NS}><sitemap><loc>${u}/sitemap-a.xml</loc></sitemap><sitemap><loc>${u}/sitemap-b.xml.gz</loc></sitemap></sitemapindex>`,
    contentType: 'application/xml',
    etag: '"index-1"',
  });
  server.set('/sitemap-a.xml', {
    body: urlset([
      [`${u}/p/1`, '2024-05-01'],
      [`${u}/p/2`, '2024-01-01'],
      [`${u}/p/3`],
      [`${u}/p/4`, '2024-05-01T10:00:00+00:00'],
    ]),
    contentType: 'application/xml',
    etag: '"a-1"',
    gzip: true,
  });
  // Served as a file: gzip bytes without Content-Encoding.
  server.set('/sitemap-b.xml.gz', {
    body: gzipSync(urlset([[`${u}/p/5`], [`${u}/drafts/6`], [`${u}/p/7`], [`${u}/p/8`], [`${u}/p/1`]])),
    contentType: 'application/x-gzip',
    etag: '"b-1"',
  });
  server.set('/p/1', { body: page(TUTORY), etag: '"p1-v1"' });
  server.set('/p/2', {
    body: LRMI_PAGE.replace('<script', '<html><body><script') + '</body></html>',
    lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
  });
  server.set('/p/3', {
    body: page(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: 'OER site',
        url: `${u}/`,
      }),
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'BreadcrumbList', itemListElement: [] },
          JSON.parse(COURSE) as unknown,
          JSON.parse(COURSE_PART) as unknown,
        ],
      }),
    ),
    etag: '"p3-v1"',
  });
  server.set('/p/4', { body: '<html><body>No structured data here</body></html>', etag: '"p4-v1"' });
  server.set('/p/5', { status: 500 });
  server.set('/drafts/6', { body: page(VIDEO) });
  server.set('/p/7', { redirectTo: '/p/7b' });
  server.set('/p/7b', { redirectTo: '/p/7' });
  server.set('/p/8', {
    body: page('{"@context": "https://schema.org", "@type": "Course", "name": ', VIDEO),
    etag: '"p8-v1"',
  });
}

void describe('sitemap harvester', () => {
  let server: WebFixtureServer;
  let http: HttpClient;
  before(async () => {
    server = await startWebFixtureServer();
    http = testClient();
  });
  after(async () => {
    await http.close();
    await server.close();
  });

  void it('harvests every page of nested and gzip sitemaps, keeping the rest when one page fails', async () => {
    buildSite(server);
    const u = server.url;
    const source = testSource('sitemap', `${u}/sitemap.xml`);
    const result = await runHarvest(createSitemapHarvester({ pagesPerBatch: 3 }), testContext(source, http));
    assert.ok(result.end !== null);

    assert.deepEqual(idsOf(result.items, 'record'), [
      'https://www.tutory.de/w/fbbadf1a',
      'http://example.org/lessonplan',
      'https://oer.gitlab.io/OS',
      'https://oer.gitlab.io/OS/Operating-Systems-Memory-I.html',
      'https://av.tib.eu/media/32641',
    ]);
    assert.deepEqual(
      result.items
        .filter((i) => i.kind === 'broken')
        .map((i) => [i.sourceRecordId, i.kind === 'broken' ? i.code : '']),
      [
        [`${u}/p/5`, 'http_error'],
        [`${u}/p/7`, 'harvest_loop'],
        [`${u}/p/8#block-1`, 'json_malformed'],
      ],
    );
    const { records, failures } = mapAll(result.items);
    assert.equal(records.length, 5);
    assert.equal(failures.size, 0);
    assert.equal(records[0]?.provenance[0]?.sourceDatestamp, '2024-05-01');

    // 7 listed pages (p/1 twice, drafts/6 disallowed for oer-atlas) in batches of 3.
    assert.equal(result.pages.length, 3);
    assert.deepEqual(
      result.pages.map((p) => p.checkpoint['position']),
      [3, 6, 8],
    );
    assert.equal(server.hits('/drafts/6'), 0);
    assert.equal(server.hits('/robots.txt'), 1);
    // A server error may pass: the run must not make the records of p/5 look deleted.
    assert.equal(result.end.snapshot, false);
    const notes = Object.fromEntries(result.end.notes?.map((n) => [n.code, n.message]) ?? []);
    assert.match(notes['robots_disallowed'] ?? '', /^1 pages/);
    assert.match(notes['pages_without_resources'] ?? '', /^1 pages/);
    assert.ok(notes['snapshot_withheld'] !== undefined);
    const requests = result.pages.reduce((n, p) => n + p.requests, 0);
    assert.ok(requests >= 10, `${requests}`);
  });

  void it('is a snapshot when every page was read, and keeps validators in its state', async () => {
    buildSite(server);
    server.set('/p/5', { body: page(COURSE_PART) });
    server.set('/p/7', { body: '<html></html>' });
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    const result = await runHarvest(createSitemapHarvester(), testContext(source, http));
    assert.equal(result.end?.snapshot, true);
    const state = result.end?.state ?? {};
    assert.equal(state['startedAt'], '2024-06-01T12:00:00.000Z');
    assert.deepEqual((state['pages'] as Record<string, unknown>)[`${server.url}/p/1`], { etag: '"p1-v1"' });
    assert.deepEqual((state['sitemaps'] as Record<string, unknown>)[`${server.url}/sitemap.xml`], {
      etag: '"index-1"',
    });
  });

  void it('resumes a killed run after the last page it committed, giving the same remaining items', async () => {
    buildSite(server);
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    const full = await runHarvest(createSitemapHarvester({ pagesPerBatch: 2 }), testContext(source, http));
    const killed = await runHarvest(
      createSitemapHarvester({ pagesPerBatch: 2 }),
      testContext(source, http),
      2,
    );
    assert.equal(killed.end, null);
    const checkpoint = lastCheckpoint(killed);
    assert.equal(checkpoint['position'], 4);
    const resumed = await runHarvest(
      createSitemapHarvester({ pagesPerBatch: 2 }),
      testContext(source, http, { resumeFrom: checkpoint }),
    );
    const all = [...idsOf(killed.items), ...idsOf(resumed.items)];
    assert.deepEqual(all, idsOf(full.items));
    assert.equal(resumed.end?.state['startedAt'], checkpoint['runStartedAt']);
  });

  void it('resumes after the last page done even when the sitemap changed in between', async () => {
    buildSite(server);
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    const killed = await runHarvest(
      createSitemapHarvester({ pagesPerBatch: 2 }),
      testContext(source, http),
      1,
    );
    const checkpoint = lastCheckpoint(killed);
    assert.equal(checkpoint['lastUrl'], `${server.url}/p/2`);
    // A page is added at the top of the first sitemap.
    const u = server.url;
    server.set('/sitemap-a.xml', {
      body: urlset([[`${u}/p/new`], [`${u}/p/1`], [`${u}/p/2`], [`${u}/p/3`], [`${u}/p/4`]]),
      contentType: 'application/xml',
    });
    server.set('/p/new', {
      body: page(
        JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'Course',
          name: 'New',
          url: `${u}/p/new`,
        }),
      ),
    });
    const resumed = await runHarvest(
      createSitemapHarvester({ pagesPerBatch: 2 }),
      testContext(source, http, { resumeFrom: checkpoint }),
    );
    assert.equal(idsOf(resumed.items, 'record')[0], 'https://oer.gitlab.io/OS');
  });

  void it('incremental runs skip old lastmods, send validators and emit nothing for 304s; never a snapshot', async () => {
    buildSite(server);
    server.set('/p/5', { body: page(COURSE_PART), etag: '"p5-v1"' });
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    const first = await runHarvest(
      createSitemapHarvester(),
      testContext(source, http, { now: new Date('2024-05-10T00:00:00Z') }),
    );
    assert.ok(first.end !== null);
    // p/3 changes (new ETag); everything else is as before.
    server.set('/p/3', {
      body: page(
        JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'Course',
          name: 'Changed',
          url: `${server.url}/p/3`,
        }),
      ),
      etag: '"p3-v2"',
    });
    const before = server.requests.length;
    const second = await runHarvest(
      createSitemapHarvester(),
      testContext(source, http, {
        mode: 'incremental',
        previousState: first.end.state,
        now: new Date('2024-06-01T00:00:00Z'),
      }),
    );
    const seen = server.requests.slice(before);
    assert.equal(second.end?.snapshot, false);
    // p/1, p/2 and p/4 have lastmods from before the first run (less a day): not fetched at all.
    for (const path of ['/p/1', '/p/2', '/p/4'])
      assert.equal(seen.filter((r) => r.path === path).length, 0, path);
    assert.ok(
      seen.some((r) => r.path === '/p/8' && r.status === 304 && r.headers['if-none-match'] === '"p8-v1"'),
    );
    assert.deepEqual(idsOf(second.items, 'record'), [`${server.url}/p/3`]);
    const notes = Object.fromEntries(second.end?.notes?.map((n) => [n.code, n.message]) ?? []);
    assert.match(notes['pages_not_modified'] ?? '', /^3 pages/);
    assert.ok(notes['pages_unchanged'] !== undefined);
    // The new validators replace the old ones; the unchanged ones stay.
    const pages = second.end?.state['pages'] as Record<string, unknown>;
    assert.deepEqual(pages[`${server.url}/p/3`], { etag: '"p3-v2"' });
    assert.deepEqual(pages[`${server.url}/p/1`], { etag: '"p1-v1"' });
  });

  void it('lists nothing from a sitemap that dates every page and answers 304, also when resuming', async () => {
    const u = server.url;
    server.set('/dated.xml', {
      body: urlset([
        [`${u}/d/1`, '2024-05-01'],
        [`${u}/d/2`, '2024-05-02'],
      ]),
      contentType: 'application/xml',
      etag: '"dated-1"',
    });
    server.set('/d/1', { body: page(TUTORY), etag: '"d1"' });
    server.set('/d/2', { body: page(VIDEO), etag: '"d2"' });
    const source = testSource('sitemap', `${u}/dated.xml`);
    const first = await runHarvest(
      createSitemapHarvester(),
      testContext(source, http, { now: new Date('2024-05-03T00:00:00Z') }),
    );
    assert.deepEqual(first.end?.state['dated'], [`${u}/dated.xml`]);
    const incremental = {
      mode: 'incremental' as const,
      previousState: first.end?.state ?? null,
      now: new Date('2024-05-04T00:00:00Z'),
    };
    const before = server.hits('/d/1');
    const second = await runHarvest(createSitemapHarvester(), testContext(source, http, incremental));
    const notes = Object.fromEntries(second.end?.notes?.map((n) => [n.code, n.message]) ?? []);
    assert.match(notes['sitemaps_unchanged'] ?? '', /^1 sitemaps/);
    assert.equal(second.items.length, 0);
    assert.equal(server.hits('/d/1'), before);
    assert.equal(second.end?.snapshot, false);
    // The sitemap changes: a new page appears and only it is fetched (d/1 and d/2 answer 304).
    server.set('/dated.xml', {
      body: urlset([
        [`${u}/d/1`, '2024-05-01'],
        [`${u}/d/2`, '2024-05-02'],
        [`${u}/d/3`, '2024-05-03'],
      ]),
      contentType: 'application/xml',
      etag: '"dated-2"',
    });
    server.set('/d/3', { body: page(COURSE), etag: '"d3"' });
    const third = await runHarvest(createSitemapHarvester(), testContext(source, http, incremental));
    assert.deepEqual(idsOf(third.items, 'record'), ['https://oer.gitlab.io/OS']);
  });

  void it('reads the Sitemap: lines of a robots.txt given as the source', async () => {
    buildSite(server);
    server.set('/robots.txt', {
      body: `User-agent: *\nDisallow: /private/\nSitemap: ${server.url}/sitemap-a.xml\n`,
      contentType: 'text/plain',
    });
    const source = testSource('sitemap', `${server.url}/robots.txt`);
    const result = await runHarvest(createSitemapHarvester(), testContext(source, http));
    assert.deepEqual(idsOf(result.items, 'record'), [
      'https://www.tutory.de/w/fbbadf1a',
      'http://example.org/lessonplan',
      'https://oer.gitlab.io/OS',
      'https://oer.gitlab.io/OS/Operating-Systems-Memory-I.html',
    ]);
  });

  void it('crawls everything when robots.txt is missing, and nothing of a host whose robots.txt fails', async () => {
    buildSite(server);
    server.remove('/robots.txt');
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    const open = await runHarvest(createSitemapHarvester(), testContext(source, http));
    assert.ok(idsOf(open.items, 'record').length >= 6);
    server.set('/robots.txt', { status: 503 });
    const closed = await runHarvest(createSitemapHarvester(), testContext(source, http));
    assert.equal(closed.items.length, 0);
    assert.equal(closed.end?.snapshot, false);
  });

  void it('fails the run when the sitemap itself cannot be read or declares entities', async () => {
    const source = testSource('sitemap', `${server.url}/missing-sitemap.xml`);
    await assert.rejects(
      runHarvest(createSitemapHarvester(), testContext(source, http)),
      (e: unknown) => isAtlasError(e) && e.code === 'http_error',
    );
    server.set('/bomb.xml', {
      body: `<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><urlset ${NS}><url><loc>${server.url}/&b;</loc></url></urlset>`,
      contentType: 'application/xml',
    });
    await assert.rejects(
      runHarvest(
        createSitemapHarvester(),
        testContext(testSource('sitemap', `${server.url}/bomb.xml`), http),
      ),
      (e: unknown) => isAtlasError(e) && e.code === 'xml_dtd_refused',
    );
  });

  void it('goes on without a child sitemap that fails, and is then no snapshot', async () => {
    buildSite(server);
    server.set('/sitemap-b.xml.gz', { status: 404 });
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    const result = await runHarvest(createSitemapHarvester(), testContext(source, http));
    assert.equal(idsOf(result.items, 'record').length, 4);
    assert.equal(result.end?.snapshot, false);
    assert.ok(result.end?.notes?.some((n) => n.code === 'sitemaps_failed'));
  });

  void it('follows sitemap indexes only to the depth cap, and never in circles', async () => {
    const u = server.url;
    server.set('/loop-a.xml', {
      body: `<sitemapindex ${NS}><sitemap><loc>${u}/loop-b.xml</loc></sitemap></sitemapindex>`,
      contentType: 'application/xml',
    });
    server.set('/loop-b.xml', {
      body: `<sitemapindex ${NS}><sitemap><loc>${u}/loop-a.xml</loc></sitemap><sitemap><loc>${u}/deep-1.xml</loc></sitemap></sitemapindex>`,
      contentType: 'application/xml',
    });
    for (let i = 1; i <= 8; i++) {
      server.set(`/deep-${i}.xml`, {
        body: `<sitemapindex ${NS}><sitemap><loc>${u}/deep-${i + 1}.xml</loc></sitemap></sitemapindex>`,
        contentType: 'application/xml',
      });
    }
    const source = testSource('sitemap', `${u}/loop-a.xml`);
    const result = await runHarvest(
      createSitemapHarvester({ maxSitemapDepth: 4 }),
      testContext(source, http),
    );
    assert.equal(server.hits('/loop-a.xml'), 1);
    assert.equal(server.hits('/deep-5.xml'), 0);
    assert.ok(result.end?.notes?.some((n) => n.code === 'sitemaps_too_deep'));
  });

  void it('reports broken items with codes for every failing page kind', async () => {
    buildSite(server);
    server.set('/p/4', { status: 404 });
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    const result = await runHarvest(createSitemapHarvester(), testContext(source, http));
    assert.deepEqual([...brokenCodes(result.items)].sort(), [
      ['harvest_loop', 1],
      ['http_error', 2],
      ['json_malformed', 1],
    ]);
  });

  void it('stops between requests when the run is aborted', async () => {
    buildSite(server);
    const controller = new AbortController();
    controller.abort(new Error('shutdown'));
    const source = testSource('sitemap', `${server.url}/sitemap.xml`);
    await assert.rejects(
      runHarvest(createSitemapHarvester(), testContext(source, http, { signal: controller.signal })),
      /shutdown/,
    );
  });
});
