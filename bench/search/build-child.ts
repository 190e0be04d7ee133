// Builds the search benchmark's catalog in its own process: loads N generated records into a fresh store
// (bench/search/load.ts), then times the full index build the product runs (`SearchIndexer.rebuild`: clear,
// queue every active record, read, build documents, apply, dequeue, in batches). On SQLite it then times the
// baseline of the index budget: a raw FTS5 bulk insert of the same text (the documents' analyzed columns, read
// back and built again untimed) into a fresh FTS5 table declared like the product's, in transactions of 1,000.
//   node --import tsx bench/search/build-child.ts --backend sqlite|postgres --location DIR_OR_URL
//        --records N [--seed S] [--raw-fts false] [--skip-load true]
// --skip-load times the build again on a catalog loaded by an earlier run (main.ts --reuse DIR --rebuild).
// Prints one JSON line with the figures; progress goes to stderr.
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../src/composition.js';
import type { Store } from '../../src/ports/store.js';
import { buildSearchDocument } from '../../src/search/document.js';
import { createRawFtsTable } from '../raw-fts.js';
import { emit, openAtlas, peakRssMb, readArgs, required, type Backend } from './backend.js';
import { DEFAULT_SEED } from './generate.js';
import { loadCatalog } from './load.js';

const args = readArgs(process.argv.slice(2));
const backend = required(args, 'backend') as Backend;
const location = required(args, 'location');
const records = Number(required(args, 'records'));
const seed = args.get('seed') ?? DEFAULT_SEED;
const step = Math.max(1000, Math.round(records / 10 / 1000) * 1000);

function note(text: string): void {
  process.stderr.write(`  [${backend}] ${text}\n`);
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

/** The baseline: the same analyzed text inserted into a raw FTS5 table declared like the product's. */
async function rawFtsInsert(store: Store, dir: string): Promise<Record<string, number | string>> {
  const file = path.join(dir, 'raw-fts.sqlite');
  const raw = createRawFtsTable(path.join(dir, SQLITE_FILE_NAME), file);
  const { db, insert } = raw;
  const countries = new Map((await store.listSources()).map((s) => [s.id, s.country]));
  let rowid = 0;
  let insertMs = 0;
  for (const source of await store.listSources()) {
    let after: string | undefined;
    for (;;) {
      const page = await store.listSourceRecords(source.id, {
        status: 'active',
        limit: 1000,
        ...(after === undefined ? {} : { after }),
      });
      const rows: unknown[][] = [];
      for (const r of page.items) {
        if (r.record === null) continue;
        const doc = buildSearchDocument({
          ref: { sourceId: r.sourceId, sourceRecordId: r.sourceRecordId },
          record: r.record,
          workId: null,
          qualityScore: null,
          harvestedAt: r.harvestedAt,
          sourceCountry: countries.get(r.sourceId) ?? null,
        });
        rowid += 1;
        rows.push(raw.rowOf(rowid, doc));
      }
      const started = performance.now();
      db.transaction(() => {
        for (const row of rows) insert.run(...row);
      })();
      insertMs += performance.now() - started;
      if (page.next === null) break;
      after = page.next;
    }
  }
  const started = performance.now();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointMs = performance.now() - started;
  db.close();
  const bytes = statSync(file).size;
  rmSync(file, { force: true });
  return {
    table: raw.productTable,
    declaration: raw.declaration,
    documents: rowid,
    seconds: insertMs / 1000,
    checkpointSeconds: checkpointMs / 1000,
    megabytes: bytes / 1e6,
  };
}

const atlas = await openAtlas(backend, location);
let load: Awaited<ReturnType<typeof loadCatalog>> | null = null;
if (args.get('skip-load') === 'true') {
  note('building the index again on the records already loaded');
} else {
  note(`loading ${records} records`);
  load = await loadCatalog(atlas.store, {
    records,
    seed,
    onProgress: (n) => {
      if (n % step === 0) note(`loaded ${n}`);
    },
  });
  note(`loaded ${load.records} in ${load.seconds.toFixed(1)} s; building the index`);
}
const cpuStart = process.cpuUsage();
const started = performance.now();
const report = await atlas.indexer.rebuild({
  onProgress: (r) => {
    if ((r.indexed + r.removed) % step === 0) note(`indexed ${r.indexed}`);
  },
});
const index = {
  seconds: (performance.now() - started) / 1000,
  cpuSeconds: cpuSeconds(cpuStart),
  ...report,
  stats: await atlas.index.stats(),
};
note(`index built in ${index.seconds.toFixed(1)} s`);
let rawFts: Record<string, number | string> | null = null;
if (backend === 'sqlite' && args.get('raw-fts') !== 'false') {
  note('raw FTS5 bulk insert of the same text');
  rawFts = await rawFtsInsert(atlas.store, location);
  note(`raw FTS5 insert ${Number(rawFts.seconds).toFixed(1)} s`);
}
await atlas.close();
let storeMegabytes: number;
if (backend === 'sqlite') storeMegabytes = folderBytes(location) / 1e6;
else {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  const row = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
  storeMegabytes = Number(row.rows[0]?.bytes ?? 0) / 1e6;
  await client.end();
}
emit({ backend, load, index, rawFts, storeMegabytes, peakRssMb: peakRssMb() });
