// The baselines for the ingest benchmark, over the same generated pages: the XML parser alone (saxes, no
// tree), and the product's page parsing plus mapping without storage. Prints one JSON line.
//   node --import tsx bench/ingest/parse-child.ts FORMAT TOTAL PAGE_SIZE
import { SaxesParser } from 'saxes';
import { mapperFor } from '../../src/formats/mapping.js';
import { parseOaiPage } from '../../src/formats/oai-pmh/salvage.js';
import { decodeXmlBytes } from '../../src/formats/xml/decode-bytes.js';
import { mapRawPayload, rawMappingContext } from '../../src/ingest/raw-mapping.js';
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

let saxMs = 0;
let parseMapMs = 0;
let records = 0;
let mapped = 0;
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
  for (const bytes of batch) {
    const parsed = parseOaiPage(decodeXmlBytes(bytes).text);
    for (const outcome of parsed.outcomes) {
      if (outcome.status !== 'ok') continue;
      const r = outcome.record;
      const xml = r.metadataXml;
      if (xml === null) continue;
      const rawFormat = mapperFor(r.metadataNamespace, r.metadataLocalName) ?? format;
      try {
        mapRawPayload(
          rawFormat,
          xml,
          rawMappingContext(source, r.header.identifier, at, r.header.datestampIso ?? null),
        );
        mapped += 1;
      } catch {
        // counted as not mapped
      }
    }
  }
  parseMapMs += performance.now() - t;
}
process.stdout.write(
  `${JSON.stringify({
    records,
    mapped,
    saxRecordsPerSecond: records / (saxMs / 1000),
    parseMapRecordsPerSecond: records / (parseMapMs / 1000),
  })}\n`,
);
