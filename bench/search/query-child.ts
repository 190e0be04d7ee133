// One in-process measurement of the search benchmark, in its own process on an already built catalog: the
// query mix (bench/search/queries.ts) after a warm-up, timed three ways on the same store:
//   service  SearchService.search, the API's whole path (plan, index query with the 8 facets it counts,
//            spelling check when few works match, results shaped from the store);
//   index    planQuery + SearchIndex.search with the budget's 6 facets and a page of 20 (the index alone);
//   raw      SQLite only: `SELECT rowid FROM <fts> WHERE <fts> MATCH ? ORDER BY bm25(<fts>, weights) LIMIT 20`
//            with better-sqlite3 on the same file, for the same words analyzed as the index analyzes them
//            (each word's terms AND-ed, a quoted phrase as an FTS5 phrase): what FTS5 costs with nothing else.
//   node --import tsx bench/search/query-child.ts --backend sqlite|postgres --location DIR_OR_URL
//        --queries FILE.json --warmup N
// Prints one JSON line with percentiles (milliseconds) per way and per kind of query.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COLUMN_WEIGHTS, type IndexQuery, type SearchColumn } from '../../src/ports/search-index.js';
import { analyze } from '../../src/search/analyzer.js';
import { parseSearchParams, type SearchRequest } from '../../src/search/filters.js';
import { planQuery } from '../../src/search/plan.js';
import { SQLITE_FILE_NAME } from '../../src/composition.js';
import { emit, openAtlas, peakRssMb, percentiles, readArgs, required, type Backend } from './backend.js';
import { INDEX_FACET_MIX, type QueryKind, type QuerySpec } from './queries.js';

const args = readArgs(process.argv.slice(2));
const backend = required(args, 'backend') as Backend;
const location = required(args, 'location');
const specs = JSON.parse(readFileSync(required(args, 'queries'), 'utf8')) as QuerySpec[];
const warmup = Math.min(Number(args.get('warmup') ?? '200'), Math.floor(specs.length / 2));
const only = new Set((args.get('ways') ?? 'service,index,raw').split(','));

const atlas = await openAtlas(backend, location);
const requests = specs.map((s) => parseSearchParams(s.params));

function indexQuery(request: SearchRequest): IndexQuery {
  const plan = planQuery(request.q, { lang: request.lang, crossLanguage: request.crossLanguage });
  return {
    match: plan.match,
    expansions: request.crossLanguage ? plan.expansions : [],
    exclude: plan.exclude,
    filters: { ...request.filters },
    facets: INDEX_FACET_MIX,
    facetLimit: 30,
    sort: request.sort,
    limit: 20,
    after: null,
  };
}

interface Timed {
  readonly ms: number[];
  /** Works found by each measured query, in order (with ms, it shows what the time grows with). */
  readonly totals: number[];
  readonly byKind: Map<QueryKind, number[]>;
  zero: number;
  /** CPU time of the process over the measured queries, per query (steadier than wall time when shared). */
  cpuMsPerQuery: number;
}

async function time(run: (i: number) => Promise<number>): Promise<Timed> {
  for (let i = 0; i < warmup; i++) await run(i);
  const out: Timed = { ms: [], totals: [], byKind: new Map(), zero: 0, cpuMsPerQuery: 0 };
  const cpu = process.cpuUsage();
  for (let i = warmup; i < specs.length; i++) {
    const started = performance.now();
    const total = await run(i);
    const ms = performance.now() - started;
    out.ms.push(ms);
    out.totals.push(total);
    const kind = specs[i]?.kind ?? 'common';
    out.byKind.set(kind, [...(out.byKind.get(kind) ?? []), ms]);
    if (total === 0) out.zero += 1;
  }
  const used = process.cpuUsage(cpu);
  out.cpuMsPerQuery = (used.user + used.system) / 1000 / Math.max(1, out.ms.length);
  return out;
}

/** Latency by how many works a query found (0, 1-99, 100-9,999, 10,000 and more). */
function byMatches(timed: Timed): Record<string, ReturnType<typeof percentiles>> {
  const classes: [string, (n: number) => boolean][] = [
    ['0', (n) => n === 0],
    ['1-99', (n) => n > 0 && n < 100],
    ['100-9999', (n) => n >= 100 && n < 10_000],
    ['10000+', (n) => n >= 10_000],
  ];
  const out: Record<string, ReturnType<typeof percentiles>> = {};
  for (const [name, test] of classes) {
    const ms = timed.ms.filter((_, i) => test(timed.totals[i] ?? 0));
    if (ms.length > 0) out[name] = percentiles(ms);
  }
  return out;
}

function summary(timed: Timed) {
  return {
    ...percentiles(timed.ms),
    zeroResults: timed.zero,
    cpuMsPerQuery: timed.cpuMsPerQuery,
    byKind: Object.fromEntries([...timed.byKind].map(([k, v]) => [k, percentiles(v)])),
    byMatches: byMatches(timed),
  };
}

/** The FTS5 table of the SQLite search index: the one virtual table with a `title` column. */
function findFtsTable(db: Database.Database): { name: string; columns: string[] } {
  const tables = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'",
    )
    .all();
  for (const table of tables) {
    const columns = db
      .prepare<[], { name: string }>(
        `SELECT name FROM pragma_table_info('${table.name.replace(/'/g, "''")}')`,
      )
      .all()
      .map((c) => c.name);
    if (columns.includes('title')) return { name: table.name, columns };
  }
  throw new Error('no FTS5 table with a title column in the SQLite database');
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The FTS5 query of a spec: each word's terms (a phrase when several), AND-ed; a quoted phrase whole. Words
 * are analyzed in the language the query is written in (stemmed as the documents in it are), whether or not
 * the request names it.
 */
function ftsMatch(spec: QuerySpec): string | null {
  const lang = spec.lang;
  const termsOf = (word: string) => analyze(word, lang).map((t) => t.term);
  if (spec.phrase) {
    const terms = spec.words.flatMap(termsOf);
    return terms.length === 0 ? null : quote(terms.join(' '));
  }
  const items = spec.words
    .map(termsOf)
    .filter((t) => t.length > 0)
    .map((t) => quote(t.join(' ')));
  return items.length === 0 ? null : items.join(' AND ');
}

const result: Record<string, unknown> = { backend, queries: specs.length - warmup, warmup };
// The first search of a process loads what the index keeps in memory: timed apart, before the warm-up.
const firstStarted = performance.now();
await atlas.search.search(requests[0] as SearchRequest);
result.firstQueryMs = performance.now() - firstStarted;
if (only.has('service')) {
  result.service = summary(
    await time(async (i) => (await atlas.search.search(requests[i] as SearchRequest)).total),
  );
}
if (only.has('index')) {
  result.index = summary(
    await time(async (i) => (await atlas.index.search(indexQuery(requests[i] as SearchRequest))).total),
  );
}
if (backend === 'sqlite' && only.has('raw')) {
  const db = new Database(path.join(location, SQLITE_FILE_NAME), { readonly: true });
  const fts = findFtsTable(db);
  const weights = fts.columns.map((c) => COLUMN_WEIGHTS[c as SearchColumn] ?? 0).join(', ');
  const statement = db.prepare<[string], { rowid: number }>(
    `SELECT rowid FROM "${fts.name}" WHERE "${fts.name}" MATCH ? ORDER BY bm25("${fts.name}", ${weights}) LIMIT 20`,
  );
  const matches = specs.map(ftsMatch);
  result.raw = {
    table: fts.name,
    ...summary(
      await time((i) => {
        const match = matches[i];
        return Promise.resolve(match === null || match === undefined ? 0 : statement.all(match).length);
      }),
    ),
  };
  db.close();
}
result.peakRssMb = peakRssMb();
await atlas.close();
emit(result);
