// `npm run bench search`: the search benchmark. For each backend (SQLite in a temporary folder, PostgreSQL in
// a throwaway cluster on 127.0.0.1) one process loads N generated records and times the index build
// (bench/search/build-child.ts); then, `repeat` times each, a fresh process times the query mix in process
// (bench/search/query-child.ts: the service, the index with 6 facets, raw FTS5 bm25 top-20) and the real
// server answers 16 concurrent HTTP clients for a fixed time (bench/search/http-load.ts). Figures are medians
// of the repeats, printed as a table and written to bench/output/search-N.json with every run.
//   npm run bench search -- [--records N] [--backends sqlite,postgres] [--queries 1200] [--warmup 200]
//                           [--repeat 3] [--clients 16] [--seconds 30] [--seed S] [--keep]
//                           [--reuse DIR [--rebuild]]
// --keep keeps the temporary folder (the SQLite catalog in DIR/sqlite and the query mix in DIR/queries.json);
// --reuse DIR measures on such a folder again without loading and building (SQLite only), and with --rebuild
// times the index build again on its records.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { startPostgresCluster, type PostgresCluster } from '../../test/support/postgres-cluster.js';
import { findPostgresBin } from '../../test/support/system-parts.js';
import type { Backend } from './backend.js';
import { DEFAULT_SEED, createRecordGenerator } from './generate.js';
import { runHttpLoad, startServer, type HttpFigures } from './http-load.js';
import { buildQueryMix, type QuerySpec } from './queries.js';
import { readCorpusShapes } from './shapes.js';

const here = import.meta.dirname;

/** The budgets of the design notes (BUDGETS.md) this benchmark measures against. */
export const SEARCH_BUDGETS = {
  indexSeconds: 180,
  p50Ms: 15,
  p95Ms: 50,
  p99Ms: 150,
  requestsPerSecond: 300,
} as const;

interface Options {
  records: number;
  backends: Backend[];
  queries: number;
  warmup: number;
  repeat: number;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  seed: string;
  keep: boolean;
  /** A folder kept by an earlier --keep run: its catalog and query mix are measured again. */
  reuse: string | null;
  /** With reuse: time the index build again on the kept records. */
  rebuild: boolean;
}

function parse(argv: readonly string[]): Options {
  const get = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at < 0 ? undefined : argv[at + 1];
  };
  const backends = (get('backends') ?? 'sqlite,postgres').split(',').map((b) => b.trim()) as Backend[];
  for (const b of backends)
    if (b !== 'sqlite' && b !== 'postgres') throw new Error(`unknown backend ${String(b)}`);
  return {
    records: Number(get('records') ?? '1000000'),
    backends,
    queries: Number(get('queries') ?? '1200'),
    warmup: Number(get('warmup') ?? '200'),
    repeat: Number(get('repeat') ?? '3'),
    clients: Number(get('clients') ?? '16'),
    seconds: Number(get('seconds') ?? '30'),
    warmupSeconds: Number(get('http-warmup') ?? '5'),
    seed: get('seed') ?? DEFAULT_SEED,
    keep: argv.includes('--keep'),
    reuse: get('reuse') ?? null,
    rebuild: argv.includes('--rebuild'),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function runChild(script: string, args: string[]): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

type Way = 'service' | 'index' | 'raw';
interface Summary {
  p50: number;
  p95: number;
  p99: number;
  zeroResults: number;
  count: number;
  cpuMsPerQuery: number;
}
interface WayFigures {
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerQuery: number;
  zeroResults: number;
}

interface BackendFigures {
  backend: Backend;
  build: Record<string, unknown>;
  queries: Partial<Record<Way, WayFigures>>;
  http: {
    requestsPerSecond: number;
    errors: number;
    p50: number;
    p95: number;
    requestsPerServerCpuSecond: number | null;
  } | null;
  runs: { queries: Record<string, unknown>[]; http: HttpFigures[] };
}

function medianOf(runs: readonly Record<string, unknown>[], way: Way): WayFigures | undefined {
  const got = runs.map((r) => r[way] as Summary | undefined).filter((s): s is Summary => s !== undefined);
  if (got.length === 0) return undefined;
  return {
    p50: median(got.map((s) => s.p50)),
    p95: median(got.map((s) => s.p95)),
    p99: median(got.map((s) => s.p99)),
    cpuMsPerQuery: median(got.map((s) => s.cpuMsPerQuery)),
    zeroResults: median(got.map((s) => s.zeroResults)),
  };
}

async function benchBackend(
  options: Options,
  backend: Backend,
  location: string,
  queryFile: string,
): Promise<BackendFigures> {
  let build: Record<string, unknown> = {};
  if (options.reuse === null || options.rebuild) {
    process.stderr.write(
      options.reuse === null
        ? `search benchmark, ${backend}: building ${options.records} records\n`
        : `search benchmark, ${backend}: building the index again on ${location}\n`,
    );
    build = await runChild('build-child.ts', [
      '--backend',
      backend,
      '--location',
      location,
      '--records',
      String(options.records),
      '--seed',
      options.seed,
      ...(options.reuse === null ? [] : ['--skip-load', 'true']),
    ]);
  }
  const queryRuns: Record<string, unknown>[] = [];
  const httpRuns: HttpFigures[] = [];
  for (let i = 0; i < options.repeat; i++) {
    const run = await runChild('query-child.ts', [
      '--backend',
      backend,
      '--location',
      location,
      '--queries',
      queryFile,
      '--warmup',
      String(options.warmup),
    ]);
    queryRuns.push(run);
    const s = (w: Way) => run[w] as Summary | undefined;
    process.stderr.write(
      `  ${backend} queries ${i + 1}/${options.repeat}: ` +
        (['service', 'index', 'raw'] as const)
          .filter((w) => s(w) !== undefined)
          .map(
            (w) =>
              `${w} p50 ${s(w)?.p50.toFixed(1)} p95 ${s(w)?.p95.toFixed(1)} p99 ${s(w)?.p99.toFixed(1)} ms`,
          )
          .join('; ') +
        '\n',
    );
    if (options.seconds > 0) {
      const server = await startServer(backend, location);
      try {
        const specs = JSON.parse(readFileSync(queryFile, 'utf8')) as QuerySpec[];
        const figures = await runHttpLoad(server, specs, {
          clients: options.clients,
          seconds: options.seconds,
          warmupSeconds: options.warmupSeconds,
        });
        httpRuns.push(figures);
        process.stderr.write(
          `  ${backend} HTTP ${i + 1}/${options.repeat}: ${figures.requestsPerSecond.toFixed(0)} requests/s, ` +
            `${figures.errors} errors, p50 ${figures.latencyMs.p50.toFixed(0)} ms, p95 ${figures.latencyMs.p95.toFixed(0)} ms\n`,
        );
      } finally {
        await server.stop();
      }
    }
  }
  const queries: BackendFigures['queries'] = {};
  for (const way of ['service', 'index', 'raw'] as const) {
    const m = medianOf(queryRuns, way);
    if (m !== undefined) queries[way] = m;
  }
  return {
    backend,
    build,
    queries,
    http:
      httpRuns.length === 0
        ? null
        : {
            requestsPerSecond: median(httpRuns.map((h) => h.requestsPerSecond)),
            errors: httpRuns.reduce((sum, h) => sum + h.errors, 0),
            p50: median(httpRuns.map((h) => h.latencyMs.p50)),
            p95: median(httpRuns.map((h) => h.latencyMs.p95)),
            requestsPerServerCpuSecond: httpRuns.some((h) => h.requestsPerServerCpuSecond === null)
              ? null
              : median(httpRuns.map((h) => h.requestsPerServerCpuSecond ?? 0)),
          },
    runs: { queries: queryRuns, http: httpRuns },
  };
}

function verdict(value: number, budget: number, atMost: boolean): string {
  return (atMost ? value <= budget : value >= budget) ? 'met' : '**missed**';
}

function render(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return `${line(header)}\n${rows.map(line).join('\n')}\n`;
}

const f = (n: number | null | undefined, digits = 1): string =>
  n === undefined || n === null ? '-' : n.toFixed(digits);

/** The figures as three tables: building, queries in process, HTTP. */
function tables(results: readonly BackendFigures[], records: number): string {
  const build = results.map((r) => {
    const index = r.build.index as { seconds: number; cpuSeconds: number } | undefined;
    const raw = r.build.rawFts as { seconds: number } | null | undefined;
    const load = r.build.load as { recordsPerSecond: number } | undefined;
    return [
      r.backend,
      String(records),
      f(load?.recordsPerSecond, 0),
      index === undefined
        ? '-'
        : `${f(index.seconds)} (${verdict(index.seconds, SEARCH_BUDGETS.indexSeconds, true)})`,
      f(index?.cpuSeconds),
      f(raw?.seconds),
      index === undefined || raw === null || raw === undefined ? '-' : `${f(index.seconds / raw.seconds)}x`,
      f(r.build.storeMegabytes as number | undefined, 0),
    ];
  });
  const queries: string[][] = [];
  for (const r of results) {
    const raw = r.queries.raw;
    for (const way of ['service', 'index', 'raw'] as const) {
      const q = r.queries[way];
      if (q === undefined) continue;
      const budget =
        way === 'raw'
          ? '-'
          : [
              verdict(q.p50, SEARCH_BUDGETS.p50Ms, true),
              verdict(q.p95, SEARCH_BUDGETS.p95Ms, true),
              verdict(q.p99, SEARCH_BUDGETS.p99Ms, true),
            ].join(' / ');
      queries.push([
        r.backend,
        way,
        f(q.p50),
        f(q.p95),
        f(q.p99),
        f(q.cpuMsPerQuery, 2),
        raw === undefined || way === 'raw' ? '-' : `${f(q.p95 / raw.p95)}x`,
        f(q.zeroResults, 0),
        budget,
      ]);
    }
  }
  const http = results
    .filter((r) => r.http !== null)
    .map((r) => [
      r.backend,
      `${f(r.http?.requestsPerSecond, 0)} (${verdict(r.http?.requestsPerSecond ?? 0, SEARCH_BUDGETS.requestsPerSecond, false)})`,
      String(r.http?.errors ?? '-'),
      f(r.http?.p50, 0),
      f(r.http?.p95, 0),
      f(r.http?.requestsPerServerCpuSecond, 0),
    ]);
  return [
    render(
      [
        'backend',
        'records',
        'load rec/s',
        'index build s',
        'index CPU s',
        'raw FTS5 insert s',
        'ratio',
        'store MB',
      ],
      build,
    ),
    render(
      [
        'backend',
        'way',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'CPU ms/query',
        'p95 / raw',
        'no hits',
        'budget p50/p95/p99',
      ],
      queries,
    ),
    http.length === 0
      ? ''
      : render(['backend', 'HTTP req/s', 'errors', 'p50 ms', 'p95 ms', 'req per server CPU s'], http),
  ].join('\n');
}

export async function runSearchBench(argv: readonly string[]): Promise<void> {
  const options = parse(argv);
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  };
  process.stderr.write(
    `Search benchmark: ${options.records} records, backends ${options.backends.join(', ')}, ${options.queries} queries ` +
      `(${options.warmup} warm-up), ${options.repeat} runs, ${options.clients} HTTP clients for ${options.seconds} s, ${machine.cpus}\n`,
  );
  if (options.reuse !== null && options.backends.some((b) => b !== 'sqlite')) {
    throw new Error('--reuse measures a kept SQLite catalog: use --backends sqlite');
  }
  const work = options.reuse ?? mkdtempSync(path.join(tmpdir(), 'atlas-search-bench-'));
  let cluster: PostgresCluster | null = null;
  const results: BackendFigures[] = [];
  try {
    const queryFile = path.join(work, 'queries.json');
    if (options.reuse === null) {
      const shapes = await readCorpusShapes();
      const generator = createRecordGenerator(shapes, { seed: options.seed });
      const specs = buildQueryMix(generator, {
        records: options.records,
        count: options.queries,
        seed: options.seed,
      });
      writeFileSync(queryFile, JSON.stringify(specs));
    }
    for (const backend of options.backends) {
      let location: string;
      if (backend === 'sqlite') {
        location = path.join(work, 'sqlite');
        if (options.reuse === null) mkdirSync(location);
      } else {
        if (findPostgresBin() === null) {
          process.stderr.write('  PostgreSQL server binaries not found: PostgreSQL skipped\n');
          continue;
        }
        cluster ??= await startPostgresCluster();
        location = await cluster.createDatabase();
      }
      results.push(await benchBackend(options, backend, location, queryFile));
    }
  } finally {
    await cluster?.stop();
    if (options.reuse !== null) process.stderr.write(`measured again on ${work}\n`);
    else if (!options.keep) rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`kept ${work}\n`);
  }
  process.stdout.write(tables(results, options.records));
  const outDir = path.join(here, '..', 'output');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `search-${options.records}.json`);
  writeFileSync(file, JSON.stringify({ machine, options, budgets: SEARCH_BUDGETS, results }, null, 2));
  process.stdout.write(`Written to ${path.relative(process.cwd(), file)}\n`);
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runSearchBench(process.argv.slice(2));
