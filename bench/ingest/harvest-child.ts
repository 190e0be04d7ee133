// One measured ingest, in its own process so that its peak memory is its own: harvests a benchmark page
// server into a fresh SQLite database through the product's real pipeline (guarded HTTP client, OAI-PMH
// harvester, mapping, page writer, store) and prints one JSON line with the figures.
//   node --import tsx bench/ingest/harvest-child.ts BASE_URL FORMAT DATA_DIR
// With BENCH_REPORT=1 the run's report (notes, counts, errors) is printed too, to explain odd figures.
import path from 'node:path';
import { createGuardedHttpClient } from '../../src/adapters/http/guarded-http-client.js';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { harvesterFor } from '../../src/harvest/registry.js';
import { createHarvestService } from '../../src/services/harvest-service.js';

const [baseUrl = '', format = 'oai_dc', dataDir = '.'] = process.argv.slice(2);
const store = await openSqliteStore({ file: path.join(dataDir, 'atlas.sqlite') });
await store.migrate();
const http = createGuardedHttpClient({
  userAgent: 'OER-Atlas-bench',
  allowPrivateNetworks: true,
  perHostConcurrency: 1,
});
const harvests = createHarvestService({ store, http, harvesterFor });
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
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);
const started = performance.now();
const cpuStart = process.cpuUsage();
const summary = await harvests.harvest(source.id, { mode: 'full' });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
clearInterval(sampler);
const counts = summary.run.counts;
const stored = await store.countSourceRecords(source.id);
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
    seconds,
    // CPU time of this process (all its threads): steadier than wall time on a shared machine.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    closeSeconds,
    peakRssBytes: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
  })}\n`,
);
