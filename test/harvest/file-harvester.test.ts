// The file harvester (`oer-atlas import`) over a folder built from real corpus files: detection of every
// format, hidden files and outside links left alone, ids, deletions, unsupported files, pages and
// checkpoints, resuming between files and inside a big NDJSON or CSV file; and the whole corpus as one
// import, with its figures.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { isAtlasError } from '../../src/domain/errors.js';
import { comparePaths, createFileHarvester } from '../../src/harvest/file-harvester.js';
import type { HttpClient } from '../../src/ports/http-client.js';
import { CORPUS_DIR, corpusPath } from '../formats/corpus.js';
import { RSS2 } from '../formats/feed/feed-fixtures.js';
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

function course(i: number): string {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: `Course ${i}`,
    url: `https://files.example.org/c/${i}`,
  });
}

void describe('file harvester', () => {
  let root: string;
  let outside: string;
  let http: HttpClient;

  before(() => {
    http = testClient();
    root = mkdtempSync(path.join(tmpdir(), 'atlas-import-'));
    outside = mkdtempSync(path.join(tmpdir(), 'atlas-outside-'));
    const put = (rel: string, from: string): void => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      copyFileSync(from, path.join(root, rel));
    };
    const write = (rel: string, content: string | Buffer): void => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), content);
    };
    put('oai/erasmus-2003.xml', corpusPath('oai-pmh', 'dspace-erasmus-2003_ListRecords_oai_dc.xml'));
    put(
      'oai/edurep-delta.xml',
      corpusPath('oai-pmh', 'lom', 'edurep-meresco_ListRecords_lom_delta_deleted.xml'),
    );
    put('bare/dc.xml', corpusPath('oai-pmh', 'bare_oai_dc_minimal.xml'));
    put('bare/scolomfr.xml', corpusPath('lom', 'scolomfr', 'scolomfr_official-example_harry-potter.xml'));
    put(
      'scorm/imsmanifest.xml',
      corpusPath('lom', 'scorm-packages', 'articulate-rise_imsmanifest_scorm2004.xml'),
    );
    put(
      'scorm/metadata.xml',
      corpusPath('lom', 'scorm-packages', 'articulate-rise_metadata_no-namespace.xml'),
    );
    put(
      'exe/imsmanifest.xml',
      corpusPath('lom', 'exelearning', 'exe_imsmanifest_scorm12_teoria-celular.xml'),
    );
    put('dumps/orca.ndjson', corpusPath('jsonld', 'orca-nrw_lrmi-profile_8-records.ndjson'));
    put('dumps/regal.json', corpusPath('jsonld', 'orca-nrw_regal-fedora_resource-list.json'));
    write('dumps/courses.jsonl.gz', gzipSync(`${[1, 2, 3].map(course).join('\n')}\n`));
    write(
      'dumps/big.ndjson',
      `${Array.from({ length: 1200 }, (_, i) => (i === 700 ? '{broken' : course(i))).join('\n')}\n`,
    );
    put('csv/oer-commons.csv', corpusPath('jsonld', 'other-record-formats', 'oer-commons_records_2176.csv'));
    put('html/lesson.html', corpusPath('jsonld', 'lrmi-dcmi', 'alignmentsUK_jsonld.json'));
    write(
      'html/page.htm',
      `<html><head><script type="application/ld+json">${course(99)}</script></head><body></body></html>`,
    );
    write('feeds/news.rss', RSS2);
    write('notes.txt', 'Just some notes.');
    write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    write(
      '.hidden/secret.ndjson',
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'Course',
        name: 'Hidden',
        url: 'https://files.example.org/hidden',
      }),
    );
    write('.DS_Store', 'x');
    writeFileSync(
      path.join(outside, 'outside.ndjson'),
      JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'Course',
        name: 'Outside',
        url: 'https://files.example.org/outside',
      }),
    );
    symlinkSync(path.join(outside, 'outside.ndjson'), path.join(root, 'link-out.ndjson'));
    symlinkSync(path.join(root, 'html'), path.join(root, 'zz-link-in'));
    symlinkSync(root, path.join(root, 'html', 'loop'));
  });

  after(async () => {
    await http.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  function source(overrides: Parameters<typeof testSource>[2] = {}) {
    return testSource('file', pathToFileURL(root).href, overrides);
  }

  void it('imports every format of a folder, leaving hidden files and outside links alone; a snapshot', async (t) => {
    const result = await runHarvest(createFileHarvester(), testContext(source(), http));
    assert.ok(result.end !== null);
    assert.equal(result.end.snapshot, true);
    const ids = idsOf(result.items);
    // Hidden files and a link to outside the folder are never read.
    assert.ok(!ids.includes('https://files.example.org/hidden'));
    assert.ok(!ids.includes('https://files.example.org/outside'));
    // OAI-PMH: records by OAI identifier, deleted headers as deletions.
    assert.ok(ids.includes('hdl:1765/308'));
    assert.ok(ids.includes('surfsharekit:oai:surfsharekit.nl:5af0e26f-c4d2-4ddd-94ab-7dd0bd531751'));
    assert.ok(result.items.filter((i) => i.kind === 'deleted').length > 0);
    // NDJSON without own ids would be "<path>#line N"; a broken line is reported by its line.
    assert.ok(ids.includes('dumps/big.ndjson#line 701'));
    assert.ok(ids.includes('https://files.example.org/c/3'));
    // The manifest points to metadata.xml of the same folder, which is read on its own.
    assert.ok(ids.includes('scorm/metadata.xml'));
    assert.ok(!ids.includes('scorm/imsmanifest.xml'));
    // The eXeLearning manifest names imslrm.xml, which is not there.
    assert.ok(
      result.items.some(
        (i) =>
          i.kind === 'broken' && i.sourceRecordId === 'exe/imsmanifest.xml' && i.code === 'not_a_document',
      ),
    );
    // Unsupported files are broken items named by their path.
    for (const file of ['notes.txt', 'image.png']) {
      assert.ok(
        result.items.some(
          (i) => i.kind === 'broken' && i.sourceRecordId === file && i.code === 'unsupported_format',
        ),
        file,
      );
    }
    // The link into the folder is followed (its page found twice under the same id); the loop back is not endless.
    assert.ok(ids.filter((id) => id === 'https://files.example.org/c/99').length >= 1);
    const { records, failures } = mapAll(result.items);
    t.diagnostic(
      `folder import: ${result.items.length} items, ${records.length} mapped, failed ${JSON.stringify([...failures])}, broken ${JSON.stringify([...brokenCodes(result.items)])}`,
    );
    assert.ok(records.length > 3000);
    const notes = Object.fromEntries(result.end.notes?.map((n) => [n.code, n.message]) ?? []);
    assert.match(notes['links_outside'] ?? '', /^1 /);
    assert.match(notes['manifests_pointing_elsewhere'] ?? '', /^1 /);
  });

  void it('walks in name order and checkpoints the last file done, or the position inside a big file', async () => {
    const result = await runHarvest(createFileHarvester({ itemsPerPage: 400 }), testContext(source(), http));
    const checkpoints = result.pages.map((p) => p.checkpoint);
    const dones = checkpoints.map((c) => c['done']).filter((d): d is string => typeof d === 'string');
    for (let i = 1; i < dones.length; i++) assert.ok(comparePaths(dones[i - 1] ?? '', dones[i] ?? '') <= 0);
    const inBig = checkpoints.find(
      (c) => (c['current'] as { path?: string } | undefined)?.path === 'dumps/big.ndjson',
    );
    assert.ok(inBig !== undefined);
    assert.equal(typeof (inBig['current'] as { offset?: unknown }).offset, 'number');
    const inCsv = checkpoints.find(
      (c) => (c['current'] as { path?: string } | undefined)?.path === 'csv/oer-commons.csv',
    );
    assert.ok(inCsv !== undefined);
  });

  void it('resumes between files and inside NDJSON and CSV files with the same remaining items', async () => {
    const harvester = () => createFileHarvester({ itemsPerPage: 300 });
    const full = await runHarvest(harvester(), testContext(source(), http));
    for (let stop = 1; stop < full.pages.length; stop += 3) {
      const killed = await runHarvest(harvester(), testContext(source(), http), stop);
      const resumed = await runHarvest(
        harvester(),
        testContext(source(), http, { resumeFrom: lastCheckpoint(killed) }),
      );
      assert.deepEqual(
        [...idsOf(killed.items), ...idsOf(resumed.items)],
        idsOf(full.items),
        `stopped after ${stop} pages`,
      );
    }
  });

  void it('imports a single file, and honours a forced format', async () => {
    const single = await runHarvest(
      createFileHarvester(),
      testContext(testSource('file', pathToFileURL(path.join(root, 'dumps', 'orca.ndjson')).href), http),
    );
    assert.equal(single.items.length, 8);
    const manifest = await runHarvest(
      createFileHarvester(),
      testContext(testSource('file', pathToFileURL(path.join(root, 'scorm', 'imsmanifest.xml')).href), http),
    );
    assert.deepEqual(
      manifest.items.map((i) => [i.kind, i.kind === 'broken' ? i.code : '']),
      [['broken', 'not_a_document']],
    );
    writeFileSync(path.join(outside, 'data.txt'), 'title,url\nA,https://a.example.org\n');
    const forced = await runHarvest(
      createFileHarvester(),
      testContext(
        testSource('file', pathToFileURL(path.join(outside, 'data.txt')).href, { format: 'csv' }),
        http,
      ),
    );
    assert.deepEqual(idsOf(forced.items), ['https://a.example.org/']);
    await assert.rejects(
      runHarvest(
        createFileHarvester(),
        testContext(testSource('file', pathToFileURL(root).href, { format: 'pdf' }), http),
      ),
      (e: unknown) => isAtlasError(e) && e.code === 'invalid_parameter',
    );
  });

  void it('refuses a path that does not exist and a URL that is not file:', async () => {
    await assert.rejects(
      runHarvest(
        createFileHarvester(),
        testContext(testSource('file', pathToFileURL(path.join(root, 'nope')).href), http),
      ),
      (e: unknown) => isAtlasError(e) && e.code === 'not_found',
    );
    await assert.rejects(
      runHarvest(createFileHarvester(), testContext(testSource('file', 'https://example.org/x'), http)),
      (e: unknown) => isAtlasError(e) && e.code === 'invalid_parameter',
    );
  });

  void it('reports a whole-read file past the page cap by its path', async () => {
    const result = await runHarvest(
      createFileHarvester(),
      testContext(source(), http, { limits: { maxPageBytes: 45_000 } }),
    );
    assert.ok(
      result.items.some(
        (i) =>
          i.kind === 'broken' &&
          i.sourceRecordId === 'oai/erasmus-2003.xml' &&
          i.code === 'response_too_large',
      ),
    );
    assert.ok(idsOf(result.items).some((id) => id?.startsWith('surfsharekit:') === true));
    // Streamed formats are read whatever their size.
    assert.ok(idsOf(result.items).includes('dumps/big.ndjson#line 701'));
  });
});

void describe('the whole corpus as one import', () => {
  void it('reads every file of the corpus without failing, each record mapped or refused with a code', async (t) => {
    const http = testClient();
    try {
      const result = await runHarvest(
        createFileHarvester(),
        testContext(testSource('file', pathToFileURL(CORPUS_DIR).href), http),
      );
      assert.ok(result.end !== null);
      const { records, failures } = mapAll(result.items);
      const deleted = result.items.filter((i) => i.kind === 'deleted').length;
      const broken = brokenCodes(result.items);
      const notes = result.end.notes?.map((n) => n.message).join(' ') ?? '';
      t.diagnostic(
        `corpus import: ${result.items.length} items: ${records.length} mapped, ${deleted} deleted, mapping failed ${JSON.stringify([...failures].sort())}, broken ${JSON.stringify([...broken].sort())}`,
      );
      t.diagnostic(notes);
      assert.ok(records.length > 5000);
      for (const code of [...failures.keys(), ...broken.keys()]) {
        // invalid_parameter: CSV files (the vocabulary tables) with no column to take a title from.
        assert.match(
          code,
          /^(invalid_record|unsupported_format|not_a_document|json_malformed|xml_malformed|xml_dtd_refused|response_too_large|invalid_parameter)$/,
        );
      }
      const csv = readFileSync(corpusPath('jsonld', 'other-record-formats', 'oer-commons_records_2176.csv'));
      assert.ok(csv.length > 0);
    } finally {
      await http.close();
    }
  });
});
