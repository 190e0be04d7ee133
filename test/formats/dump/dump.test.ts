// NDJSON splitting (chunk boundaries anywhere, long lines, BOM, CRLF, resuming at an offset) and the
// records of real dumps: the ORCA.nrw LRMI NDJSON and the ORCA repository listing (JSON list).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isAtlasError } from '../../../src/domain/errors.js';
import { jsonDumpEntries, ndjsonEntries, type DumpEntry } from '../../../src/formats/dump/dump-records.js';
import { NdjsonSplitter, type NdjsonLine } from '../../../src/formats/dump/ndjson.js';
import { mapAmbJsonLd } from '../../../src/formats/jsonld/map-amb-jsonld.js';
import { basicNormalizers } from '../../support/basic-normalizers.js';
import { corpusPath, readText } from '../corpus.js';

function split(bytes: Buffer, chunk: number, max = 1_000_000): NdjsonLine[] {
  const splitter = new NdjsonSplitter({ maxLineBytes: max });
  const out: NdjsonLine[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...splitter.push(bytes.subarray(i, i + chunk)));
  out.push(...splitter.end());
  return out;
}

function mapOutcome(entries: readonly DumpEntry[]): { mapped: number; failed: Map<string, number> } {
  let mapped = 0;
  const failed = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind === 'broken') {
      failed.set(entry.code, (failed.get(entry.code) ?? 0) + 1);
      continue;
    }
    try {
      mapAmbJsonLd(entry.raw, {
        sourceId: 'd',
        sourceRecordId: entry.sourceRecordId,
        harvestedAt: '2024-01-01T00:00:00Z',
        normalize: basicNormalizers,
      });
      mapped++;
    } catch (error) {
      const code = isAtlasError(error) ? error.code : 'unexpected';
      failed.set(code, (failed.get(code) ?? 0) + 1);
    }
  }
  return { mapped, failed };
}

void describe('NdjsonSplitter', () => {
  const text = '\uFEFF{"a":1}\r\n\n  \n{"b":"é€𝄞"}\n{"c":3}';
  const bytes = Buffer.from(text, 'utf8');

  void it('gives the same lines whatever the chunk size, inside UTF-8 sequences too', () => {
    const expected = split(bytes, bytes.length);
    assert.deepEqual(
      expected.map((l) => [l.line, l.text]),
      [
        [1, '{"a":1}'],
        [4, '{"b":"é€𝄞"}'],
        [5, '{"c":3}'],
      ],
    );
    for (const size of [1, 2, 3, 5, 7]) assert.deepEqual(split(bytes, size), expected);
  });

  void it('knows the byte offset after each line, so reading can resume there', () => {
    const lines = split(bytes, 4);
    const second = lines[1];
    assert.ok(second !== undefined);
    const resumed = new NdjsonSplitter({
      maxLineBytes: 1000,
      startOffset: lines[0]?.endOffset ?? 0,
      startLine: 1,
    });
    const rest = [...resumed.push(bytes.subarray(lines[0]?.endOffset ?? 0)), ...resumed.end()];
    assert.deepEqual(rest, lines.slice(1));
  });

  void it('reports a line past the cap by number and size without keeping it', () => {
    const long = Buffer.from(`{"x":"${'y'.repeat(5000)}"}\n{"ok":true}\n`);
    const lines = split(long, 100, 1000);
    assert.equal(lines[0]?.text, null);
    assert.equal(lines[0]?.bytes, 5008);
    assert.equal(lines[1]?.text, '{"ok":true}');
    const first = lines[0];
    assert.ok(first !== undefined);
    const entries = ndjsonEntries(first, 1000);
    assert.deepEqual(
      entries.map((e) => [e.sourceRecordId, e.kind === 'broken' ? e.code : '']),
      [['line 1', 'response_too_large']],
    );
  });
});

void describe('real dumps', () => {
  void it('maps all 8 records of the ORCA.nrw LRMI-profile NDJSON, keeping each line as received', (t) => {
    const bytes = readFileSync(corpusPath('jsonld', 'orca-nrw_lrmi-profile_8-records.ndjson'));
    const lines = split(bytes, 333);
    const entries = lines.flatMap((l) => ndjsonEntries(l, 1_000_000));
    assert.equal(entries.length, 8);
    const outcome = mapOutcome(entries);
    t.diagnostic(
      `ORCA NDJSON: ${outcome.mapped} of 8 mapped; ids ${new Set(entries.map((e) => e.sourceRecordId)).size} distinct`,
    );
    assert.equal(outcome.mapped, 8);
    const texts = readText('jsonld', 'orca-nrw_lrmi-profile_8-records.ndjson')
      .split('\n')
      .filter((l) => l.trim() !== '');
    assert.deepEqual(
      entries.map((e) => (e.kind === 'record' ? e.raw : '')),
      texts,
    );
  });

  void it('reads the ORCA repository listing as 10 records, all refused for want of a title', (t) => {
    const { entries, shape } = jsonDumpEntries(
      readText('jsonld', 'orca-nrw_regal-fedora_resource-list.json'),
      1_000_000,
    );
    assert.equal(shape, 'list');
    assert.equal(entries.length, 10);
    assert.equal(entries[0]?.sourceRecordId, 'oer:10');
    const outcome = mapOutcome(entries);
    t.diagnostic(`ORCA listing: ${outcome.mapped} mapped, failed ${JSON.stringify([...outcome.failed])}`);
    assert.equal(outcome.mapped, 0);
    assert.deepEqual([...outcome.failed], [['invalid_record', 10]]);
  });
});

void describe('dump shapes and broken entries', () => {
  const course = (id: string) => ({
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: `C ${id}`,
    id: `https://c.example.org/${id}`,
  });

  void it('reads a list, a @graph (with its context), a wrapped list, Elasticsearch hits and a single record', () => {
    const graph = jsonDumpEntries(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [{ '@type': 'Course', name: 'G', id: 'https://g.example.org/1' }],
      }),
      1e6,
    );
    assert.equal(graph.shape, 'graph');
    assert.equal(
      graph.entries[0]?.kind === 'record' &&
        (JSON.parse(graph.entries[0].raw) as Record<string, unknown>)['@context'],
      'https://schema.org',
    );
    assert.equal(jsonDumpEntries(JSON.stringify({ total: 1, items: [course('1')] }), 1e6).shape, 'wrapped');
    const es = jsonDumpEntries(
      JSON.stringify({
        hits: {
          total: 2,
          hits: [
            { _id: 'a', _source: course('1') },
            { _id: 'b', _source: course('2') },
          ],
        },
      }),
      1e6,
    );
    assert.equal(es.shape, 'elasticsearch');
    assert.deepEqual(
      es.entries.map((e) => e.sourceRecordId),
      ['https://c.example.org/1', 'https://c.example.org/2'],
    );
    assert.equal(jsonDumpEntries(JSON.stringify(course('9')), 1e6).shape, 'single');
    assert.equal(mapOutcome(es.entries).mapped, 2);
  });

  void it('reports entries that are not objects by position and keeps the rest', () => {
    const { entries } = jsonDumpEntries(
      JSON.stringify([course('1'), 42, null, 'x', { name: 'no id', '@type': 'Course' }]),
      1e6,
    );
    assert.deepEqual(
      entries.map((e) => [e.kind, e.sourceRecordId]),
      [
        ['record', 'https://c.example.org/1'],
        ['broken', 'record 2'],
        ['broken', 'record 3'],
        ['broken', 'record 4'],
        ['record', 'record 5'],
      ],
    );
  });

  void it('reports broken NDJSON lines by line number with the reason', () => {
    const text = `${JSON.stringify(course('1'))}\n{"name": "cut\n[1,2]\n${JSON.stringify(course('2'))}\n`;
    const entries = split(Buffer.from(text), 7).flatMap((l) => ndjsonEntries(l, 1e6));
    assert.deepEqual(
      entries.map((e) => [e.sourceRecordId, e.kind === 'broken' ? e.code : 'ok']),
      [
        ['https://c.example.org/1', 'ok'],
        ['line 2', 'json_malformed'],
        ['line 3#1', 'not_a_document'],
        ['line 3#2', 'not_a_document'],
        ['https://c.example.org/2', 'ok'],
      ],
    );
  });

  void it('throws json_malformed for a JSON dump that is not JSON', () => {
    assert.throws(
      () => jsonDumpEntries('{"a": [1, 2', 1e6),
      (e: unknown) => isAtlasError(e) && e.code === 'json_malformed',
    );
  });
});
