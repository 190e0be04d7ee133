// The CSV harvester end to end against a web server on 127.0.0.1 and the real guarded HTTP client: the real
// OER Commons export in pages of 500, resuming by rows, conditional GET, column settings and broken rows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { isAtlasError } from '../../src/domain/errors.js';
import { createCsvHarvester } from '../../src/harvest/csv-harvester.js';
import { mapRawPayload, rawMappingContext } from '../../src/ingest/raw-mapping.js';
import type { HttpClient } from '../../src/ports/http-client.js';
import { corpusPath } from '../formats/corpus.js';
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

const OER_COMMONS = readFileSync(
  corpusPath('jsonld', 'other-record-formats', 'oer-commons_records_2176.csv'),
);
const COLUMNS = {
  name: 'NAME',
  url: 'URL',
  description: 'TEACHER_OVERVIEW',
  keywords: ['KEYWORDS', 'SUBJECTS'],
  license: 'LICENSE_URL',
  inLanguage: 'LANGUAGES',
  learningResourceType: 'MATERIAL_TYPES',
  educationalLevel: 'GRADE_SUBLEVELS',
  dateCreated: 'CREATE_DATE',
};

void describe('CSV harvester', () => {
  let server: WebFixtureServer;
  let http: HttpClient;
  before(async () => {
    server = await startWebFixtureServer({
      '/oer-commons.csv': {
        body: OER_COMMONS,
        contentType: 'text/csv; charset=utf-8',
        etag: '"oc-1"',
        gzip: true,
      },
    });
    http = testClient();
  });
  after(async () => {
    await http.close();
    await server.close();
  });

  void it('harvests the OER Commons export: 2,176 rows in pages of 500, a snapshot', async (t) => {
    const source = testSource('csv', `${server.url}/oer-commons.csv`, { settings: { columns: COLUMNS } });
    const result = await runHarvest(createCsvHarvester(), testContext(source, http));
    assert.deepEqual(
      result.pages.map((p) => p.items.length),
      [500, 500, 500, 500, 176],
    );
    assert.deepEqual(
      result.pages.map((p) => p.checkpoint['rows']),
      [500, 1000, 1500, 2000, 2176],
    );
    assert.equal(result.end?.snapshot, true);
    assert.equal(result.end?.state['etag'], '"oc-1"');
    const { records, failures } = mapAll(result.items);
    t.diagnostic(`OER Commons over HTTP: ${records.length} mapped, failed ${JSON.stringify([...failures])}`);
    assert.equal(records.length, 2173);
    assert.deepEqual([...failures], [['invalid_record', 3]]);
  });

  void it('stores rows that re-map to the same record from the stored payload alone', async () => {
    const source = testSource('csv', `${server.url}/oer-commons.csv`, { settings: { columns: COLUMNS } });
    const result = await runHarvest(createCsvHarvester({ rowsPerPage: 50 }), testContext(source, http), 1);
    const item = result.items[0];
    assert.ok(item?.kind === 'record');
    const remapped = mapRawPayload(
      item.rawFormat,
      item.raw,
      rawMappingContext(source, item.sourceRecordId, '2024-06-01T12:00:00.000Z', null),
    );
    assert.deepEqual(remapped, item.map());
  });

  void it('resumes after the rows of the last committed page', async () => {
    const source = testSource('csv', `${server.url}/oer-commons.csv`, { settings: { columns: COLUMNS } });
    const full = await runHarvest(createCsvHarvester(), testContext(source, http));
    const killed = await runHarvest(createCsvHarvester(), testContext(source, http), 2);
    const resumed = await runHarvest(
      createCsvHarvester(),
      testContext(source, http, { resumeFrom: lastCheckpoint(killed) }),
    );
    assert.deepEqual(
      resumed.pages.map((p) => p.items.length),
      [500, 500, 176],
    );
    assert.deepEqual([...idsOf(killed.items), ...idsOf(resumed.items)], idsOf(full.items));
    assert.equal(resumed.end?.snapshot, true);
  });

  void it('incremental: a 304 emits nothing and is no snapshot', async () => {
    const source = testSource('csv', `${server.url}/oer-commons.csv`);
    const first = await runHarvest(createCsvHarvester(), testContext(source, http));
    const second = await runHarvest(
      createCsvHarvester(),
      testContext(source, http, { mode: 'incremental', previousState: first.end?.state ?? null }),
    );
    assert.equal(second.pages.length, 0);
    assert.equal(second.end?.snapshot, false);
  });

  void it('follows the documented column setting, a named delimiter, and reports broken rows by number', async () => {
    server.set('/list.csv', {
      body:
        'ID\tTitle\tLink\tAbstract\tLicense\tLanguage\tTags\tAuthor\tType\tLevel\n' +
        'a1\tVectors\thttps://v.example.org/1\tAll about vectors\tCC BY 4.0\ten\tmath|vectors\tSmith, John\tworksheet\tsecondary\n' +
        'a2\t"Broken\t\n',
      contentType: 'text/tab-separated-values',
    });
    const columns = {
      name: 'Title',
      url: 'Link',
      description: 'Abstract',
      license: 'License',
      inLanguage: 'Language',
      keywords: 'Tags',
      creator: 'Author',
      learningResourceType: 'Type',
      educationalLevel: 'Level',
      id: 'ID',
    };
    const source = testSource('csv', `${server.url}/list.csv`, { settings: { columns, delimiter: 'tab' } });
    const result = await runHarvest(createCsvHarvester(), testContext(source, http));
    assert.deepEqual(
      result.items.map((i) => [i.kind, i.sourceRecordId]),
      [
        ['record', 'a1'],
        ['broken', 'row 2'],
      ],
    );
    const record = mapAll(result.items).records[0];
    assert.deepEqual(record?.keywords, { en: ['math', 'vectors'] });
    assert.equal(record?.url, 'https://v.example.org/1');
  });

  void it('refuses unusable settings and files without a title column before emitting anything', async () => {
    const badColumns = testSource('csv', `${server.url}/oer-commons.csv`, {
      settings: { columns: { titel: 'NAME' } },
    });
    await assert.rejects(
      runHarvest(createCsvHarvester(), testContext(badColumns, http)),
      (e: unknown) => isAtlasError(e) && e.code === 'invalid_parameter',
    );
    const badDelimiter = testSource('csv', `${server.url}/oer-commons.csv`, { settings: { delimiter: '#' } });
    await assert.rejects(
      runHarvest(createCsvHarvester(), testContext(badDelimiter, http)),
      (e: unknown) => isAtlasError(e) && e.code === 'invalid_parameter',
    );
    server.set('/untitled.csv', { body: 'a,b\n1,2\n', contentType: 'text/csv' });
    await assert.rejects(
      runHarvest(createCsvHarvester(), testContext(testSource('csv', `${server.url}/untitled.csv`), http)),
      (e: unknown) =>
        isAtlasError(e) && e.code === 'invalid_parameter' && /settings\.columns\.name/.test(e.message),
    );
  });
});
