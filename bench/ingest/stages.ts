// Where ingest time goes, stage by stage, in one process: the same generated pages as the ingest benchmark,
// parsed, mapped, normalized, given their match keys and quality, and written to a fresh SQLite store through
// the real page writer. Prints CPU and wall time per record for each stage (CPU time is steadier than wall
// time on a shared machine). A diagnostic, not a budget figure: `npm run bench` measures the budget.
//   node --import tsx bench/ingest/stages.ts [oai_dc|lom] [RECORDS]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { canonicalJson } from '../../src/adapters/shared/shaping.js';
import { packPayload } from '../../src/adapters/shared/payload.js';
import { matchKeys } from '../../src/dedupe/index.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { mapLom } from '../../src/formats/lom/map-lom.js';
import { mapOaiDc } from '../../src/formats/oai-dc/map-oai-dc.js';
import { parseOaiPage } from '../../src/formats/oai-pmh/salvage.js';
import type { OaiRecord } from '../../src/formats/oai-pmh/types.js';
import { decodeXmlBytes } from '../../src/formats/xml/decode-bytes.js';
import { derivedFields } from '../../src/ingest/derived.js';
import { hashPayload, writeHarvestedPage, type HarvestedItem } from '../../src/ingest/page-writer.js';
import { rawMappingContext } from '../../src/ingest/raw-mapping.js';
import { normalizeRecord } from '../../src/normalize/record.js';
import { assessRecord } from '../../src/quality/record-quality.js';
import { BENCH_SOURCE, benchPages, type BenchFormat } from './pages.js';

const [formatArg = 'oai_dc', totalArg = '10000'] = process.argv.slice(2);
const format = formatArg as BenchFormat;
const total = Number(totalArg);
const pageSize = 100;
const generated = await benchPages(format, total, pageSize);
const pages: Buffer[] = [];
for (let p = 0; p < generated.pageCount; p++) pages.push(Buffer.from(generated.page(p, BENCH_SOURCE.url)));

interface Timing {
  cpuUs: number;
  wallMs: number;
}
const timings = new Map<string, Timing>();
function timed<T>(stage: string, work: () => T): T {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  const t = timings.get(stage) ?? { cpuUs: 0, wallMs: 0 };
  t.cpuUs += used.user + used.system;
  t.wallMs += performance.now() - wall;
  timings.set(stage, t);
  return result;
}
async function timedAsync<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  const t = timings.get(stage) ?? { cpuUs: 0, wallMs: 0 };
  t.cpuUs += used.user + used.system;
  t.wallMs += performance.now() - wall;
  timings.set(stage, t);
  return result;
}

const dir = mkdtempSync(path.join(tmpdir(), 'atlas-stages-'));
const store = await openSqliteStore({ file: path.join(dir, 'atlas.sqlite') });
await store.migrate();
const { id: _id, createdAt: _c, updatedAt: _u, ...newSource } = BENCH_SOURCE;
const source = await store.createSource({ ...newSource, format });
let run = await store.createRun({ sourceId: source.id, mode: 'full', startedAt: new Date().toISOString() });
const at = new Date().toISOString();
const mapper = format === 'lom' ? mapLom : mapOaiDc;
let records = 0;
let jsonBytes = 0;
let keyCount = 0;
let peakRss = 0;
const started = performance.now();
for (const bytes of pages) {
  const parsed = timed('parse page', () => parseOaiPage(decodeXmlBytes(bytes).text));
  const oai: OaiRecord[] = [];
  for (const o of parsed.outcomes) if (o.status === 'ok' && o.record.metadataXml !== null) oai.push(o.record);
  const mapped = timed('map', () =>
    oai.map((r) =>
      mapper(r.metadataXml ?? '', rawMappingContext(source, r.header.identifier, at, r.header.datestampIso)),
    ),
  );
  const normalized = timed('normalizeRecord', () => mapped.map((r) => normalizeRecord(r)));
  // Stand-alone costs of what the page writer and store do, to see them apart (not used below).
  timed('  (matchKeys)', () => normalized.forEach((r) => (keyCount += matchKeys(r).length)));
  timed('  (assessRecord)', () => normalized.forEach((r) => assessRecord(r)));
  timed('  (canonicalJson)', () => normalized.forEach((r) => (jsonBytes += canonicalJson(r).length)));
  timed('  (packPayload)', () => oai.forEach((r) => packPayload(r.metadataXml ?? '')));
  timed('  (hashPayload)', () => oai.forEach((r) => hashPayload(r.metadataXml ?? '')));
  timed('derivedFields', () => normalized.forEach((r) => derivedFields(r)));
  const items: HarvestedItem[] = oai.map((r, i) => ({
    kind: 'record',
    sourceRecordId: r.header.identifier,
    sourceDatestamp: r.header.datestampIso,
    rawFormat: format,
    raw: r.metadataXml ?? '',
    map: () => normalized[i] as ResourceRecord,
  }));
  const result = await timedAsync('writeHarvestedPage (incl. derived)', () =>
    writeHarvestedPage(store, run, source.id, items, { harvestedAt: at, checkpoint: { page: records } }),
  );
  run = result.run;
  records += oai.length;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}
const seconds = (performance.now() - started) / 1000;
await store.close();
rmSync(dir, { recursive: true, force: true });

const rows = [...timings].map(([stage, t]) => [
  stage.padEnd(36),
  (t.cpuUs / records).toFixed(1).padStart(9),
  ((t.wallMs * 1000) / records).toFixed(1).padStart(9),
]);
process.stdout.write(`${format}: ${records} records, ${(records / seconds).toFixed(0)} rec/s in this loop\n`);
process.stdout.write(
  `${'stage'.padEnd(36)}  cpu µs/r  wall µs/r\n${rows.map((r) => r.join(' ')).join('\n')}\n`,
);
process.stdout.write(
  `record JSON ${(jsonBytes / records).toFixed(0)} B/rec, ${(keyCount / records).toFixed(1)} keys/rec, ` +
    `peak RSS ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1e6).toFixed(0)} MB\n`,
);
