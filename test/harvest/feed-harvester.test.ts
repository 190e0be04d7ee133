// The feed harvester end to end against a web server on 127.0.0.1 and the real guarded HTTP client: RSS
// and Atom, RFC 5005 paging with a loop guard, checkpoints and resuming, conditional GET, incremental
// stopping, hostile feeds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAtlasError } from '../../src/domain/errors.js';
import { createFeedHarvester } from '../../src/harvest/feed-harvester.js';
import type { HttpClient } from '../../src/ports/http-client.js';
import { BILLION_LAUGHS, RSS2, SLOPPY_RSS } from '../formats/feed/feed-fixtures.js';
import { startWebFixtureServer, type WebFixtureServer } from '../support/web-fixture-server.js';
import {
  idsOf,
  lastCheckpoint,
  mapAll,
  runHarvest,
  testClient,
  testContext,
  testSource,
} from './web-harvest-support.js';

function atomPage(n: number, next: string | null, updated: string): string {
  const entries = [1, 2]
    .map(
      (
        i,
      ) => `<entry><title>Resource ${n}.${i}</title><id>urn:example:${n}-${i}</id><link href="/r/${n}/${i}"/><updated>${updated}</updated>
        <link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/></entry>`,
    )
    .join('');
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Paged</title><id>urn:example:feed</id>
    <updated>${updated}</updated>${next === null ? '' : `<link rel="next" href="${next}"/>`}${entries}</feed>`;
}

void describe('feed harvester', () => {
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

  function pagedFeed(): void {
    server.set('/atom', {
      body: atomPage(1, '/atom?page=2', '2024-05-20T00:00:00Z'),
      contentType: 'application/atom+xml',
      etag: '"feed-v1"',
      gzip: true,
    });
    server.set('/atom?page=2', {
      body: atomPage(2, '/atom?page=3', '2024-04-01T00:00:00Z'),
      contentType: 'application/atom+xml',
    });
    server.set('/atom?page=3', {
      body: atomPage(3, null, '2024-01-01T00:00:00Z'),
      contentType: 'application/atom+xml',
    });
  }

  void it('follows the next links of a paged Atom feed; one page a checkpoint; never a snapshot', async () => {
    pagedFeed();
    const source = testSource('feed', `${server.url}/atom`);
    const result = await runHarvest(createFeedHarvester(), testContext(source, http));
    assert.deepEqual(idsOf(result.items), [
      'urn:example:1-1',
      'urn:example:1-2',
      'urn:example:2-1',
      'urn:example:2-2',
      'urn:example:3-1',
      'urn:example:3-2',
    ]);
    assert.deepEqual(
      result.pages.map((p) => p.checkpoint['next']),
      [`${server.url}/atom?page=2`, `${server.url}/atom?page=3`, null],
    );
    assert.equal(result.end?.snapshot, false);
    assert.equal(result.end?.state['etag'], '"feed-v1"');
    const { records, failures } = mapAll(result.items);
    assert.equal(failures.size, 0);
    assert.equal(records[0]?.url, `${server.url}/r/1/1`);
    assert.equal(records[0]?.license?.id, 'https://creativecommons.org/licenses/by/4.0/');
    assert.equal(records[0]?.provenance[0]?.sourceDatestamp, '2024-05-20T00:00:00Z');
  });

  void it('resumes after the last committed page with the same remaining items', async () => {
    pagedFeed();
    const source = testSource('feed', `${server.url}/atom`);
    const full = await runHarvest(createFeedHarvester(), testContext(source, http));
    const killed = await runHarvest(createFeedHarvester(), testContext(source, http), 1);
    const resumed = await runHarvest(
      createFeedHarvester(),
      testContext(source, http, { resumeFrom: lastCheckpoint(killed) }),
    );
    assert.deepEqual([...idsOf(killed.items), ...idsOf(resumed.items)], idsOf(full.items));
  });

  void it('stops when next links lead back to a page already read', async () => {
    pagedFeed();
    server.set('/atom?page=3', {
      body: atomPage(3, '/atom', '2024-01-01T00:00:00Z'),
      contentType: 'application/atom+xml',
    });
    const source = testSource('feed', `${server.url}/atom`);
    const result = await runHarvest(createFeedHarvester(), testContext(source, http));
    assert.equal(result.pages.length, 3);
    assert.ok(result.end?.notes?.some((n) => n.code === 'feed_loop'));
    const capped = await runHarvest(createFeedHarvester({ maxPages: 2 }), testContext(source, http));
    assert.equal(capped.pages.length, 2);
  });

  void it('incremental: a 304 for the first page means nothing new; older pages are not followed', async () => {
    pagedFeed();
    const source = testSource('feed', `${server.url}/atom`);
    const first = await runHarvest(
      createFeedHarvester(),
      testContext(source, http, { now: new Date('2024-05-21T00:00:00Z') }),
    );
    const unchanged = await runHarvest(
      createFeedHarvester(),
      testContext(source, http, {
        mode: 'incremental',
        previousState: first.end?.state ?? null,
        now: new Date('2024-05-22T00:00:00Z'),
      }),
    );
    assert.equal(unchanged.pages.length, 0);
    assert.ok(unchanged.end?.notes?.some((n) => n.code === 'feed_unchanged'));
    assert.equal(unchanged.end?.state['etag'], '"feed-v1"');
    // The feed changes: page 1 is new, page 2 is older than the previous run, so page 3 is never asked for.
    server.set('/atom', {
      body: atomPage(1, '/atom?page=2', '2024-05-21T12:00:00Z'),
      contentType: 'application/atom+xml',
      etag: '"feed-v2"',
    });
    const before = server.hits('/atom?page=3');
    const changed = await runHarvest(
      createFeedHarvester(),
      testContext(source, http, {
        mode: 'incremental',
        previousState: first.end?.state ?? null,
        now: new Date('2024-05-22T00:00:00Z'),
      }),
    );
    assert.equal(changed.pages.length, 2);
    assert.equal(server.hits('/atom?page=3'), before);
    assert.equal(changed.end?.state['etag'], '"feed-v2"');
  });

  void it('harvests RSS 2.0 and reports the item without title as a failed mapping', async () => {
    server.set('/rss', {
      body: RSS2.replace('<atom:link rel="next" href="/feed.xml?page=2"/>', ''),
      contentType: 'application/rss+xml',
    });
    const result = await runHarvest(
      createFeedHarvester(),
      testContext(testSource('feed', `${server.url}/rss`), http),
    );
    assert.equal(result.items.length, 3);
    const { records, failures } = mapAll(result.items);
    assert.equal(records.length, 2);
    assert.deepEqual([...failures], [['invalid_record', 1]]);
  });

  void it('keeps the readable items of a broken feed and reports the broken one', async () => {
    server.set('/sloppy', { body: SLOPPY_RSS, contentType: 'application/rss+xml' });
    const result = await runHarvest(
      createFeedHarvester(),
      testContext(testSource('feed', `${server.url}/sloppy`), http),
    );
    assert.deepEqual(
      result.items.map((i) => [i.kind, i.sourceRecordId]),
      [
        ['record', 'https://x.example.org/1'],
        ['record', 'https://x.example.org/3'],
        ['broken', 'https://x.example.org/2'],
      ],
    );
    assert.ok(result.pages[0]?.notes?.some((n) => n.code === 'page_salvaged'));
  });

  void it('refuses a billion-laughs feed, an HTML page, and a failing next page after committing the first', async () => {
    server.set('/bomb', { body: BILLION_LAUGHS, contentType: 'application/rss+xml' });
    await assert.rejects(
      runHarvest(createFeedHarvester(), testContext(testSource('feed', `${server.url}/bomb`), http)),
      (e: unknown) => isAtlasError(e) && e.code === 'xml_dtd_refused',
    );
    server.set('/html', { body: '<html><body>Not a feed</body></html>' });
    await assert.rejects(
      runHarvest(createFeedHarvester(), testContext(testSource('feed', `${server.url}/html`), http)),
      (e: unknown) => isAtlasError(e) && (e.code === 'not_a_document' || e.code === 'xml_malformed'),
    );
    pagedFeed();
    server.set('/atom?page=2', { status: 500 });
    const pages: number[] = [];
    const generator = createFeedHarvester().harvest(
      testContext(testSource('feed', `${server.url}/atom`), http),
    );
    await assert.rejects(
      (async () => {
        for (;;) {
          const step = await generator.next();
          if (step.done === true) return;
          pages.push(step.value.items.length);
        }
      })(),
      (e: unknown) => isAtlasError(e) && e.code === 'http_error',
    );
    assert.deepEqual(pages, [2]);
  });
});
