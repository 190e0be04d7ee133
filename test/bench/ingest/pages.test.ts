// Tests of the ingest benchmark's pages (bench/ingest/pages.ts): real OAI-PMH ListRecords pages that the
// product's own page parser reads without salvage or tolerated oddities, whose records map through the
// mapper of their format into the records the catalog generator made (same titles, languages and licences),
// that declare their language about as often as the corpus's records do, and that come out the same for the
// same seed. Needs the shared corpus, which the generator reads; skipped with a note when it is missing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { mapperFor } from '../../../src/formats/mapping.js';
import { parseOaiPage } from '../../../src/formats/oai-pmh/salvage.js';
import type { OaiRecord } from '../../../src/formats/oai-pmh/types.js';
import { mapRawPayload, rawMappingContext } from '../../../src/ingest/raw-mapping.js';
import type { ResourceRecord } from '../../../src/domain/profile.js';
import { BENCH_SOURCE, benchPages, type BenchFormat, type BenchPages } from '../../../bench/ingest/pages.js';
import { createRecordGenerator } from '../../../bench/search/generate.js';
import { CORPUS_DIR, readCorpusShapes } from '../../../bench/search/shapes.js';

const skip = existsSync(CORPUS_DIR) ? false : `shared corpus missing (${CORPUS_DIR})`;
const BASE = 'http://127.0.0.1:8080/oai';
const TOTAL = 1_050;
const PAGE = 100;

function recordsOf(xml: string): OaiRecord[] {
  const page = parseOaiPage(xml);
  const records: OaiRecord[] = [];
  for (const outcome of page.outcomes) {
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome));
    if (outcome.status === 'ok') records.push(outcome.record);
  }
  return records;
}

function mapped(format: BenchFormat, record: OaiRecord): ResourceRecord {
  assert.equal(mapperFor(record.metadataNamespace, record.metadataLocalName), format);
  assert.ok(record.metadataXml !== null);
  const context = rawMappingContext(BENCH_SOURCE, record.header.identifier, '2026-01-01T00:00:00Z', null);
  return mapRawPayload(format, record.metadataXml, context);
}

for (const format of ['oai_dc', 'lom'] as const) {
  void describe(`ingest benchmark pages (${format})`, { skip }, () => {
    let pages: BenchPages;
    before(async () => {
      pages = await benchPages(format, TOTAL, PAGE, 'test-seed');
    });

    it('lists every record once, in full pages chained by resumption tokens', () => {
      assert.equal(pages.pageCount, 11);
      const ids = new Set<string>();
      for (let p = 0; p < pages.pageCount; p++) {
        const xml = pages.page(p, BASE);
        const parsed = parseOaiPage(xml);
        assert.deepEqual(parsed.page.repairs, [], `page ${p} needed no repair`);
        assert.equal(parsed.salvaged, false);
        const records = recordsOf(xml);
        assert.equal(records.length, p < 10 ? PAGE : 50);
        for (const r of records) ids.add(r.header.identifier);
        const token = parsed.page.resumptionToken?.value ?? '';
        assert.equal(token, p < 10 ? `p${p + 1}` : '');
        assert.equal(parsed.page.resumptionToken?.completeListSize, TOTAL);
      }
      assert.equal(ids.size, TOTAL);
    });

    it("maps each record into the generator's record: title, address, licence and (when declared) language", async () => {
      const generator = createRecordGenerator(await readCorpusShapes(), {
        seed: 'test-seed',
        normalize: false,
      });
      const records = recordsOf(pages.page(3, BASE));
      let declared = 0;
      for (const [i, oai] of records.entries()) {
        const made = generator.record(300 + i).input;
        assert.equal(oai.header.identifier, made.sourceRecordId);
        const want = made.record as ResourceRecord;
        const got = mapped(format, oai);
        assert.deepEqual(new Set(Object.values(got.name ?? {})), new Set(Object.values(want.name ?? {})));
        assert.equal(got.url, want.url);
        assert.deepEqual(got.license?.original ?? [], want.license?.original ?? []);
        if (got.inLanguageOrigin === 'declared') {
          declared++;
          assert.deepEqual(got.inLanguage, want.inLanguage);
        }
      }
      assert.ok(
        declared > 0 && declared < records.length,
        `${declared} of ${records.length} declare a language`,
      );
    });

    it('declares a language in about three records of four, as the corpus does', () => {
      let declared = 0;
      let total = 0;
      for (let p = 0; p < pages.pageCount; p++) {
        for (const oai of recordsOf(pages.page(p, BASE))) {
          total++;
          if (mapped(format, oai).inLanguageOrigin === 'declared') declared++;
        }
      }
      const share = declared / total;
      assert.ok(share > 0.68 && share < 0.82, `share ${share}`);
    });

    it('gives the same pages for the same seed and others for another', async () => {
      const same = await benchPages(format, TOTAL, PAGE, 'test-seed');
      const other = await benchPages(format, TOTAL, PAGE, 'another-seed');
      const body = (xml: string) => xml.replace(/<responseDate>[^<]*<\/responseDate>/, '');
      assert.equal(body(same.page(5, BASE)), body(pages.page(5, BASE)));
      assert.notEqual(body(other.page(5, BASE)), body(pages.page(5, BASE)));
    });
  });
}
