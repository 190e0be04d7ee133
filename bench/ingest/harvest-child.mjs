// One measured ingest, in its own process so that its peak memory is its own: harvests a benchmark page
// server into a fresh SQLite database through the product's real pipeline (guarded HTTP client, OAI-PMH
// harvester, mapping, normalization, page writer, store), then, as `oer-atlas harvest` does after every run,
// groups the new records into works and brings the search index up to date; prints one JSON line with the
// figures (the whole, and the grouping and indexing parts apart).
// Plain JavaScript on the compiled build (dist/, made by `npm run bench`), run by node without a loader: the
// process and its peak memory are those of the product as installed, not of a TypeScript loader.
//   node bench/ingest/harvest-child.mjs BASE_URL FORMAT DATA_DIR
// With BENCH_REPORT=1 the run's report (notes, counts, errors) is printed too, to explain odd figures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { createGuardedHttpClient } from '../../dist/adapters/http/guarded-http-client.js';
import { openSqliteStore } from '../../dist/adapters/sqlite/sqlite-store.js';
import { searchIndexFor } from '../../dist/composition.js';
import { harvesterFor } from '../../dist/harvest/registry.js';
import { collectGarbage } from '../../dist/ingest/heap.js';
import { createHarvestService } from '../../dist/services/harvest-service.js';
import { createSearchIndexer } from '../../dist/services/search-indexer.js';
import { createWorksService } from '../../dist/services/works-service.js';

const [baseUrl = '', format = 'oai_dc', dataDir = '.'] = process.argv.slice(2);
const store = await openSqliteStore({ file: path.join(dataDir, 'atlas.sqlite') });
await store.migrate();
const http = createGuardedHttpClient({
  userAgent: 'OER-Atlas-bench',
  allowPrivateNetworks: true,
  perHostConcurrency: 1,
});
const works = createWorksService({ store });
const index = searchIndexFor(store);
const indexer = createSearchIndexer({ store, index });
/** @param {NodeJS.CpuUsage} since */
const cpuOf = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
/**
 * Bytes this process passed to write calls (Linux; null elsewhere): the database file, its write-ahead log and
 * checkpoints, and the few bytes of its HTTP requests.
 */
function writtenBytes() {
  try {
    const match = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}
/** The process's peak RSS so far (the kernel's high-water mark). */
const maxRss = () => process.resourceUsage().maxRSS * 1024;
/**
 * The peak RSS as each step (harvest, grouping, index update) ended: the step in which it rose holds the peak.
 * (The kernel's mark, not a timer: grouping and indexing never yield to the event loop for a timer to run.)
 */
const peakRssAfter = { harvest: 0, group: 0, index: 0 };
const after = {
  groupSeconds: 0,
  groupCpuSeconds: 0,
  // Pairs of records the grouping rules compared, and those they kept (same, translation, adaptation).
  pairsCompared: 0,
  pairsKept: 0,
  indexSeconds: 0,
  indexCpuSeconds: 0,
  // Bytes written by the harvest itself, by grouping and by the index update.
  harvestWrittenBytes: 0,
  groupWrittenBytes: 0,
  indexWrittenBytes: 0,
};
// The same steps, in the same order, as the composition's afterRun (src/composition.ts).
const harvests = createHarvestService({
  store,
  http,
  harvesterFor,
  afterRun: async () => {
    let wall = performance.now();
    let cpu = process.cpuUsage();
    let written = writtenBytes() ?? 0;
    after.harvestWrittenBytes += written - writtenAtStart;
    peakRssAfter.harvest = maxRss();
    collectGarbage();
    const grouped = await works.groupPending();
    after.pairsCompared += grouped.compared;
    after.pairsKept += grouped.linked;
    after.groupSeconds += (performance.now() - wall) / 1000;
    after.groupCpuSeconds += cpuOf(cpu);
    after.groupWrittenBytes += (writtenBytes() ?? 0) - written;
    wall = performance.now();
    cpu = process.cpuUsage();
    written = writtenBytes() ?? 0;
    peakRssAfter.group = maxRss();
    collectGarbage();
    await indexer.indexPending();
    peakRssAfter.index = maxRss();
    after.indexSeconds += (performance.now() - wall) / 1000;
    after.indexCpuSeconds += cpuOf(cpu);
    after.indexWrittenBytes += (writtenBytes() ?? 0) - written;
  },
});
const source = await store.createSource({
  name: 'bench',
  url: baseUrl,
  protocol: 'oai-pmh',
  format,
  sets: [],
  excludeSets: [],
  schedule: 'manual',
  country: null,
  allowPrivateNetwork: true,
  settings: {},
});
const writtenAtStart = writtenBytes() ?? 0;
const started = performance.now();
const cpuStart = process.cpuUsage();
const summary = await harvests.harvest(source.id, { mode: 'full' });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const counts = summary.run.counts;
const stored = await store.countSourceRecords(source.id);
const indexed = await index.stats();
await http.close();
// Closing checkpoints what is left in the write-ahead log: deferred work of the run, reported on its own.
const closing = performance.now();
await store.close();
const closeSeconds = (performance.now() - closing) / 1000;

process.stdout.write(
  `${JSON.stringify({
    status: summary.run.status,
    report:
      process.env.BENCH_REPORT === '1'
        ? { report: summary.run.report, errors: summary.run.errorsByClass, counts: summary.run.counts }
        : undefined,
    error: summary.error,
    records: counts.new + counts.updated + counts.unchanged + counts.failed,
    active: stored.active,
    failed: stored.failed,
    pages: counts.pages,
    indexedDocuments: indexed.documents,
    works: indexed.works,
    // The whole: harvest, grouping and index update.
    seconds,
    // CPU time of this process (all its threads): steadier than wall time on a shared machine.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    ...after,
    closeSeconds,
    writtenBytes: writtenBytes(),
    peakRssBytes: maxRss(),
    peakRssAfter,
  })}\n`,
);
