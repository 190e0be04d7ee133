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
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../src/composition.js';
import type { Store } from '../../src/ports/store.js';
import { SEARCH_COLUMNS } from '../../src/ports/search-index.js';
import { buildSearchDocument } from '../../src/search/document.js';
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

/** The FTS5 virtual table of the product's index (the one with a `title` column) and its declaration. */
function ftsDeclaration(db: Database.Database): { name: string; args: string } {
  const rows = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'",
    )
    .all();
  for (const row of rows) {
    const m = /USING\s+fts5\s*\(([\s\S]*)\)\s*$/i.exec(row.sql);
    if (m?.[1] !== undefined && /\btitle\b/.test(m[1])) return { name: row.name, args: m[1] };
  }
  throw new Error('no FTS5 table with a title column in the SQLite database');
}

/**
 * The baseline: the same analyzed text inserted into a fresh FTS5 table with the product's columns and
 * options (an external content table becomes contentless: the raw insert keeps no copy of the text).
 */
async function rawFtsInsert(store: Store, dir: string): Promise<Record<string, number | string>> {
  const product = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
  const declared = ftsDeclaration(product);
  // FTS5 settings the product made (page size, automerge...), given to the raw table too.
  const config = product
    .prepare<[], { k: string; v: unknown }>(`SELECT k, v FROM "${declared.name}_config" WHERE k <> 'version'`)
    .all();
  product.close();
  const options = declared.args
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const columns = options.filter((o) => !o.includes('=')).map((o) => o.split(/\s+/)[0] ?? o);
  const kept = options
    .map((o) => (/^content\s*=/i.test(o) ? "content=''" : o))
    .filter((o) => !/^content_rowid\s*=/i.test(o));
  const file = path.join(dir, 'raw-fts.sqlite');
  rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE raw_fts USING fts5(${kept.join(', ')})`);
  const configure = db.prepare('INSERT INTO raw_fts (raw_fts, rank) VALUES (?, ?)');
  // Whole numbers go as integers (FTS5 refuses pgsz given as a real).
  for (const { k, v } of config)
    configure.run(k, typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v);
  const insert = db.prepare(
    `INSERT INTO raw_fts (rowid, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
  );
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
        rows.push([
          rowid,
          ...columns.map((c) =>
            (SEARCH_COLUMNS as readonly string[]).includes(c)
              ? doc.text[c as (typeof SEARCH_COLUMNS)[number]].join(' ')
              : null,
          ),
        ]);
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
    table: declared.name,
    declaration: `fts5(${kept.join(', ')})`,
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
