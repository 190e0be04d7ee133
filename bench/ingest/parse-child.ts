// The baselines for the ingest benchmark, over the same generated pages: the XML parser alone (saxes, no
// tree); the product's page parsing plus mapping without storage; and the floor of any ingest that makes these
// records stored and searchable on SQLite, the parts no pipeline can leave out, each raw: the XML parser alone,
// a plain insert of each record's metadata text into a table keyed by its identifier, and a raw FTS5 insert of
// its searchable text into a table declared like the product's index (bench/raw-fts.ts). The plain insert
// commits each page, as a resumable harvest must; the FTS5 insert commits every 100 pages (10,000 records at
// the benchmark's page size), the most favourable batching for FTS5, which writes a segment per transaction.
// Beside the floor, two parts of the work a multilingual catalog must do for every record, timed alone on the
// product's own code: the per-language analysis of the searchable text (what search matches against; the FTS5
// insert above takes its output) and language detection of the records that declare no language (what
// normalization must find before that analysis can choose a language). With the floor they make the required
// work: what an ingest of these pages that makes them searchable in their language cannot do without.
// Prints one JSON line.
//   node --import tsx bench/ingest/parse-child.ts FORMAT TOTAL PAGE_SIZE
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SaxesParser } from 'saxes';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { SQLITE_FILE_NAME } from '../../src/composition.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { mapperFor } from '../../src/formats/mapping.js';
import { parseOaiPage } from '../../src/formats/oai-pmh/salvage.js';
import { decodeXmlBytes } from '../../src/formats/xml/decode-bytes.js';
import { mapRawPayload, rawMappingContext } from '../../src/ingest/raw-mapping.js';
import { detectLanguage } from '../../src/normalize/language.js';
import { detectionText } from '../../src/normalize/record.js';
import { buildSearchDocument } from '../../src/search/document.js';
import { createRawFtsTable } from '../raw-fts.js';
import { BENCH_SOURCE, benchPages, type BenchFormat } from './pages.js';

const [formatArg = 'oai_dc', totalArg = '100000', pageSizeArg = '100'] = process.argv.slice(2);
const format = formatArg as BenchFormat;
const total = Number(totalArg);
const pageSize = Number(pageSizeArg);
const generated = await benchPages(format, total, pageSize);
const pages = generated.pageCount;
const base = BENCH_SOURCE.url;
// Rendering is not measured: pages are made first (in batches, to bound memory) and timed separately.
const source = BENCH_SOURCE;

const dir = mkdtempSync(path.join(tmpdir(), 'atlas-floor-'));
const productFile = path.join(dir, SQLITE_FILE_NAME);
const product = await openSqliteStore({ file: productFile });
await product.migrate();
await product.close();
const fts = createRawFtsTable(productFile, path.join(dir, 'raw-fts.sqlite'));
const plain = new Database(path.join(dir, 'raw-records.sqlite'));
plain.pragma('journal_mode = WAL');
plain.pragma('synchronous = NORMAL');
plain.exec('CREATE TABLE raw_records (id TEXT NOT NULL UNIQUE, datestamp TEXT, metadata TEXT NOT NULL)');
const insertPlain = plain.prepare<[string, string | null, string]>(
  'INSERT INTO raw_records VALUES (?, ?, ?)',
);

let saxMs = 0;
let parseMapMs = 0;
let plainMs = 0;
let ftsMs = 0;
let analysisMs = 0;
let detectionMs = 0;
let detected = 0;
let records = 0;
let mapped = 0;
let rowid = 0;
const BATCH = 100;
for (let start = 0; start < pages; start += BATCH) {
  const batch: Buffer[] = [];
  for (let p = start; p < Math.min(pages, start + BATCH); p++) {
    batch.push(Buffer.from(generated.page(p, base)));
  }
  let t = performance.now();
  for (const bytes of batch) {
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => {
      if (tag.local === 'record') records += 1;
    });
    parser.write(bytes.toString('utf8')).close();
  }
  saxMs += performance.now() - t;
  t = performance.now();
  const at = new Date().toISOString();
  // Per page, what the floor writes: the records' identifiers, datestamps and metadata, and their mapped form.
  const pageRows: [string, string | null, string][][] = [];
  const pageRecords: { id: string; record: ResourceRecord }[][] = [];
  for (const bytes of batch) {
    const parsed = parseOaiPage(decodeXmlBytes(bytes).text);
    const rows: [string, string | null, string][] = [];
    const mappedRecords: { id: string; record: ResourceRecord }[] = [];
    for (const outcome of parsed.outcomes) {
      if (outcome.status !== 'ok') continue;
      const r = outcome.record;
      const xml = r.metadataXml;
      if (xml === null) continue;
      rows.push([r.header.identifier, r.header.datestampIso ?? null, xml]);
      const rawFormat = mapperFor(r.metadataNamespace, r.metadataLocalName) ?? format;
      try {
        const record = mapRawPayload(
          rawFormat,
          xml,
          rawMappingContext(source, r.header.identifier, at, r.header.datestampIso ?? null),
        );
        mappedRecords.push({ id: r.header.identifier, record });
        mapped += 1;
      } catch {
        // counted as not mapped
      }
    }
    pageRows.push(rows);
    pageRecords.push(mappedRecords);
  }
  parseMapMs += performance.now() - t;
  t = performance.now();
  for (const rows of pageRows) {
    plain.transaction(() => {
      for (const row of rows) insertPlain.run(...row);
    })();
  }
  plainMs += performance.now() - t;
  // Language detection, again and alone, on the text normalization gave it for the records that declared none.
  t = performance.now();
  for (const page of pageRecords) {
    for (const { record } of page) {
      if (record.inLanguageOrigin === 'declared') continue;
      detected += 1;
      detectLanguage(detectionText(record));
    }
  }
  detectionMs += performance.now() - t;
  // The searchable text is the product's (its analyzed columns), timed apart from the insert.
  t = performance.now();
  const ftsPages = pageRecords.map((page) =>
    page.map(({ id, record }) => {
      rowid += 1;
      return fts.rowOf(
        rowid,
        buildSearchDocument({
          ref: { sourceId: source.id, sourceRecordId: id },
          record,
          workId: null,
          qualityScore: null,
          harvestedAt: at,
          sourceCountry: null,
        }),
      );
    }),
  );
  analysisMs += performance.now() - t;
  t = performance.now();
  fts.db.transaction(() => {
    for (const rows of ftsPages) for (const row of rows) fts.insert.run(...row);
  })();
  ftsMs += performance.now() - t;
}
plain.close();
fts.db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    records,
    mapped,
    saxRecordsPerSecond: records / (saxMs / 1000),
    parseMapRecordsPerSecond: records / (parseMapMs / 1000),
    plainInsertRecordsPerSecond: records / (plainMs / 1000),
    ftsInsertRecordsPerSecond: records / (ftsMs / 1000),
    floorRecordsPerSecond: records / ((saxMs + plainMs + ftsMs) / 1000),
    analysisRecordsPerSecond: records / (analysisMs / 1000),
    // Records that declared no language, and the detection time spread over every record.
    detectedRecords: detected,
    detectionRecordsPerSecond: records / (detectionMs / 1000),
    requiredRecordsPerSecond: records / ((saxMs + plainMs + ftsMs + analysisMs + detectionMs) / 1000),
  })}\n`,
);
