// The dump harvester end to end against a web server on 127.0.0.1 and the real guarded HTTP client:
// NDJSON read in byte ranges (and whole when the server has none), JSON dumps, broken lines, pages and
// checkpoints, resuming at a byte offset or by count, conditional GET, a dump that changes underway.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isAtlasError } from '../../src/domain/errors.js';
import { createDumpHarvester } from '../../src/harvest/dump-harvester.js';
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

const ORCA = readText('jsonld', 'orca-nrw_lrmi-profile_8-records.ndjson');
const REGAL = readText('jsonld', 'orca-nrw_regal-fedora_resource-list.json');

function course(i: number): string {
  return JSON.stringify({
    '@context': ['https://w3id.org/kim/amb/context.jsonld', { '@language': 'de' }],
    id: `https://dump.example.org/r/${i}`,
    type: ['LearningResource'],
    name: `Ressource ${i} – Übung`,
    license: { id: 'https://creativecommons.org/licenses/by/4.0/' },
  });
}

/** 12 records: 10 good ones around a broken line, a blank line and a line that is a list. */
function dump(): string {
  const lines = [
    course(1),
    course(2),
    '{"name": "cut off',
    course(3),
    '',
    course(4),
    '[1, 2]',
    ...[5, 6, 7, 8, 9, 10].map(course),
  ];
  return `${lines.join('\n')}\n`;
}

void describe('dump harvester', () => {
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

  void it('maps all 8 records of the real ORCA.nrw NDJSON; a full dump is a snapshot', async () => {
    server.set('/orca.ndjson', {
      body: ORCA,
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"orca-1"',
    });
    const result = await runHarvest(
      createDumpHarvester(),
      testContext(testSource('jsonl', `${server.url}/orca.ndjson`), http),
    );
    const { records, failures } = mapAll(result.items);
    assert.equal(records.length, 8);
    assert.equal(failures.size, 0);
    assert.equal(result.end?.snapshot, true);
    assert.equal(result.end?.state['etag'], '"orca-1"');
    assert.ok(result.end?.notes?.some((n) => n.code === 'duplicate_ids'));
  });

  void it('reads NDJSON in byte ranges, reports broken lines by number, pages of N with offsets', async () => {
    server.set('/dump.ndjson', {
      body: dump(),
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"d-1"',
    });
    const before = server.requests.length;
    const result = await runHarvest(
      createDumpHarvester({ recordsPerPage: 4, rangeBytes: 100 }),
      testContext(testSource('jsonl', `${server.url}/dump.ndjson`), http),
    );
    const ranged = server.requests.slice(before).filter((r) => r.status === 206);
    assert.ok(ranged.length > 5, `${ranged.length} ranges`);
    assert.deepEqual(idsOf(result.items), [
      'https://dump.example.org/r/1',
      'https://dump.example.org/r/2',
      'line 3',
      'https://dump.example.org/r/3',
      'https://dump.example.org/r/4',
      'line 7#1',
      'line 7#2',
      ...[5, 6, 7, 8, 9, 10].map((i) => `https://dump.example.org/r/${i}`),
    ]);
    assert.deepEqual([...brokenCodes(result.items)].sort(), [
      ['json_malformed', 1],
      ['not_a_document', 2],
    ]);
    assert.deepEqual(
      result.pages.map((p) => p.checkpoint['records']),
      [4, 8, 12, 13],
    );
    assert.ok(typeof result.pages[0]?.checkpoint['offset'] === 'number');
    assert.equal(result.pages[0]?.checkpoint['etag'], '"d-1"');
    assert.equal(mapAll(result.items).records.length, 10);
  });

  void it('resumes at the byte offset of the checkpoint with the same remaining items', async () => {
    server.set('/dump.ndjson', {
      body: dump(),
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"d-1"',
    });
    const source = testSource('jsonl', `${server.url}/dump.ndjson`);
    const harvester = () => createDumpHarvester({ recordsPerPage: 4, rangeBytes: 100 });
    const full = await runHarvest(harvester(), testContext(source, http));
    const killed = await runHarvest(harvester(), testContext(source, http), 2);
    const checkpoint = lastCheckpoint(killed);
    const before = server.requests.length;
    const resumed = await runHarvest(harvester(), testContext(source, http, { resumeFrom: checkpoint }));
    const firstRange = server.requests[before]?.headers['range'];
    assert.equal(firstRange, `bytes=${String(checkpoint['offset'])}-${Number(checkpoint['offset']) + 99}`);
    assert.deepEqual([...idsOf(killed.items), ...idsOf(resumed.items)], idsOf(full.items));
    assert.equal(resumed.end?.snapshot, true);
  });

  void it('resumes by count when the dump changed, and is then no snapshot', async () => {
    server.set('/dump.ndjson', {
      body: dump(),
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"d-1"',
    });
    const source = testSource('jsonl', `${server.url}/dump.ndjson`);
    const killed = await runHarvest(createDumpHarvester({ recordsPerPage: 4 }), testContext(source, http), 1);
    server.set('/dump.ndjson', {
      body: `${dump()}${course(11)}\n`,
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"d-2"',
    });
    const resumed = await runHarvest(
      createDumpHarvester({ recordsPerPage: 4 }),
      testContext(source, http, { resumeFrom: lastCheckpoint(killed) }),
    );
    assert.equal(idsOf(resumed.items)[0], 'https://dump.example.org/r/4');
    assert.equal(idsOf(resumed.items).at(-1), 'https://dump.example.org/r/11');
    assert.equal(resumed.end?.snapshot, false);
  });

  void it('reads ranges of a dump with a weak ETag (If-Range left out, validators compared per part)', async () => {
    server.set('/weak.ndjson', {
      body: dump(),
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: 'W/"weak-1"',
    });
    const before = server.requests.length;
    const result = await runHarvest(
      createDumpHarvester({ rangeBytes: 150 }),
      testContext(testSource('jsonl', `${server.url}/weak.ndjson`), http),
    );
    assert.equal(idsOf(result.items).length, 13);
    const asked = server.requests.slice(before);
    assert.ok(asked.length > 3);
    assert.ok(asked.every((r) => r.headers['if-range'] === undefined));
  });

  void it('stops with harvest_interrupted when the dump changes between two ranges', async () => {
    server.set('/moving.ndjson', {
      body: dump(),
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"m-1"',
    });
    const generator = createDumpHarvester({ recordsPerPage: 2, rangeBytes: 200 }).harvest(
      testContext(testSource('jsonl', `${server.url}/moving.ndjson`), http),
    );
    const first = await generator.next();
    assert.equal(first.done, false);
    server.set('/moving.ndjson', {
      body: dump().replace('Übung', 'Aufgabe'),
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"m-2"',
    });
    await assert.rejects(
      (async () => {
        for (;;) if ((await generator.next()).done === true) return;
      })(),
      (e: unknown) => isAtlasError(e) && e.code === 'harvest_interrupted',
    );
  });

  void it('reads the whole body from a server without ranges, and refuses one larger than the cap clearly', async () => {
    server.set('/plain.ndjson', { body: dump(), contentType: 'application/x-ndjson', gzip: true });
    const result = await runHarvest(
      createDumpHarvester(),
      testContext(testSource('jsonl', `${server.url}/plain.ndjson`), http),
    );
    assert.equal(idsOf(result.items).length, 13);
    server.set('/plain-identity.ndjson', { body: dump(), contentType: 'application/x-ndjson' });
    await assert.rejects(
      runHarvest(
        createDumpHarvester(),
        testContext(testSource('jsonl', `${server.url}/plain-identity.ndjson`), http, {
          limits: { maxPageBytes: 500 },
        }),
      ),
      (e: unknown) =>
        isAtlasError(e) && e.code === 'response_too_large' && /does not offer byte ranges/.test(e.message),
    );
    await assert.rejects(
      runHarvest(
        createDumpHarvester(),
        testContext(testSource('jsonl', `${server.url}/plain.ndjson`), http, {
          limits: { maxPageBytes: 500 },
        }),
      ),
      // Sent gzip'd, it is refused while inflating; the message says why either way.
      (e: unknown) =>
        isAtlasError(e) &&
        (e.code === 'response_too_large' || e.code === 'decompression_refused') &&
        /does not offer byte ranges/.test(e.message),
    );
  });

  void it('reads a gzip file dump and a JSON list (the real ORCA listing: 10 records without titles)', async () => {
    server.set('/dump.ndjson.gz', { body: gzipSync(dump()), contentType: 'application/gzip', ranges: true });
    const gz = await runHarvest(
      createDumpHarvester(),
      testContext(testSource('jsonl', `${server.url}/dump.ndjson.gz`), http),
    );
    assert.equal(idsOf(gz.items).length, 13);
    server.set('/regal.json', { body: REGAL, contentType: 'application/json' });
    const regal = await runHarvest(
      createDumpHarvester(),
      testContext(testSource('json', `${server.url}/regal.json`), http),
    );
    assert.equal(regal.items.length, 10);
    assert.equal(regal.items[0]?.sourceRecordId, 'oer:10');
    assert.deepEqual([...mapAll(regal.items).failures], [['invalid_record', 10]]);
    assert.equal(regal.end?.snapshot, true);
  });

  void it('reads NDJSON published as json and a JSON list published as jsonl, saying so', async () => {
    server.set('/lines.json', { body: dump(), contentType: 'application/json' });
    const lines = await runHarvest(
      createDumpHarvester(),
      testContext(testSource('json', `${server.url}/lines.json`), http),
    );
    assert.equal(idsOf(lines.items).length, 13);
    assert.ok(lines.end?.notes?.some((n) => n.code === 'dump_is_ndjson'));
    server.set('/list.jsonl', {
      body: `[${[1, 2, 3].map(course).join(',\n')}]`,
      contentType: 'application/json',
      ranges: true,
    });
    const list = await runHarvest(
      createDumpHarvester(),
      testContext(testSource('jsonl', `${server.url}/list.jsonl`), http),
    );
    assert.equal(idsOf(list.items).length, 3);
    assert.ok(list.end?.notes?.some((n) => n.code === 'dump_is_json'));
  });

  void it('incremental: a 304 emits nothing and is no snapshot', async () => {
    server.set('/dump.ndjson', {
      body: dump(),
      contentType: 'application/x-ndjson',
      ranges: true,
      etag: '"d-1"',
    });
    const source = testSource('jsonl', `${server.url}/dump.ndjson`);
    const first = await runHarvest(createDumpHarvester(), testContext(source, http));
    const second = await runHarvest(
      createDumpHarvester(),
      testContext(source, http, { mode: 'incremental', previousState: first.end?.state ?? null }),
    );
    assert.equal(second.pages.length, 0);
    assert.equal(second.end?.snapshot, false);
    assert.equal(second.end?.state['etag'], '"d-1"');
  });

  void it('streams a large dump in parts: 5,000 records in pages of 500', async () => {
    const body = `${Array.from({ length: 5000 }, (_, i) => course(i)).join('\n')}\n`;
    server.set('/big.ndjson', { body, contentType: 'application/x-ndjson', ranges: true, etag: '"big"' });
    const result = await runHarvest(
      createDumpHarvester({ rangeBytes: 64 * 1024 }),
      testContext(testSource('jsonl', `${server.url}/big.ndjson`), http),
    );
    assert.equal(result.pages.length, 10);
    assert.equal(result.items.length, 5000);
    assert.equal(new Set(idsOf(result.items)).size, 5000);
    assert.ok(result.pages.every((p) => p.items.length === 500));
  });
});
