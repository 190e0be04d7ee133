// `npm run bench`: the product's benchmarks. Each measurement runs in its own process; figures are medians
// of several runs, printed as a table and written to bench/output/ as JSON for BENCHMARKS.md.
//   npm run bench -- [--records N] [--million] [--repeat R] [--formats oai_dc,lom]
//   npm run bench search -- [--records N] [--backends sqlite,postgres] [--repeat R]   (bench/search/main.ts)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { LAUNCHER_NODE_FLAGS } from './launcher-flags.js';

if (process.argv[2] === 'search') {
  await (await import('./search/main.js')).runSearchBench(process.argv.slice(3));
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    million: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
    formats: { type: 'string', default: 'oai_dc,lom' },
    'page-size': { type: 'string', default: '100' },
  },
});
const total = values.million ? 1_000_000 : Number(values.records);
const repeat = Number(values.repeat);
const pageSize = Number(values['page-size']);
const formats = values.formats.split(',').map((f) => f.trim());
const here = import.meta.dirname;
const tsx = ['--import', 'tsx'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function runChild(script: string, args: string[]): Promise<Record<string, unknown>> {
  // TypeScript children run under tsx; a .mjs child runs the compiled build with no loader, started with the
  // product's own Node.js flags (those of bin/oer-atlas), as the product's processes are.
  const flags = script.endsWith('.ts') ? tsx : LAUNCHER_NODE_FLAGS;
  const child = spawn(process.execPath, [...flags, path.join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

async function startPageServer(format: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [...tsx, path.join(here, 'ingest/page-server.ts'), format, String(total), String(pageSize)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', () => reject(new Error('page server exited')));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

interface IngestFigures {
  format: string;
  records: number;
  /** Harvest, grouping into works and search index update: what `oer-atlas harvest` does. */
  endToEndRecordsPerSecond: number;
  /** The harvest alone (pages parsed, mapped, normalized and written), without grouping and indexing. */
  harvestOnlyRecordsPerSecond: number;
  /** Median seconds of grouping and of the index update at the end of the run. */
  groupSeconds: number;
  indexSeconds: number;
  /** Records per second of the ingest process's own CPU time (steadier than wall time on a shared machine). */
  cpuRecordsPerSecond: number;
  peakRssMb: number;
  saxRecordsPerSecond: number;
  parseMapRecordsPerSecond: number;
  /**
   * The floor of any ingest of these pages into SQLite, parts that no pipeline can leave out, each raw and on one
   * thread: the XML parser alone, a plain insert of each record's metadata (a transaction per page) and a raw
   * FTS5 insert of its searchable text (one transaction per 10,000 records); and those two inserts alone.
   */
  floorRecordsPerSecond: number;
  plainInsertRecordsPerSecond: number;
  ftsInsertRecordsPerSecond: number;
  /**
   * Two parts of the product's own work that a multilingual searchable catalog cannot leave out, each alone: the
   * per-language analysis of the searchable text and the language detection of records that declare none (its
   * time spread over every record); with the floor they make the required work, on one thread.
   */
  analysisRecordsPerSecond: number;
  detectionRecordsPerSecond: number;
  requiredRecordsPerSecond: number;
  runs: Record<string, unknown>[];
}

async function benchIngest(format: string): Promise<IngestFigures> {
  const server = await startPageServer(format);
  const runs: Record<string, unknown>[] = [];
  try {
    for (let i = 0; i < repeat; i++) {
      const dir = mkdtempSync(path.join(tmpdir(), 'atlas-bench-'));
      try {
        const result = await runChild('ingest/harvest-child.mjs', [server.url, format, dir]);
        if (result.status !== 'succeeded') throw new Error(`ingest run ended ${JSON.stringify(result)}`);
        const base = await runChild('ingest/parse-child.ts', [format, String(total), String(pageSize)]);
        runs.push({ ...result, ...base });
        process.stderr.write(`  ${format} run ${i + 1}/${repeat}: ${JSON.stringify(runs.at(-1))}\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    server.stop();
  }
  const num = (key: string) => runs.map((r) => Number(r[key]));
  return {
    format,
    records: total,
    endToEndRecordsPerSecond: median(runs.map((r) => Number(r.records) / Number(r.seconds))),
    harvestOnlyRecordsPerSecond: median(
      runs.map(
        (r) => Number(r.records) / (Number(r.seconds) - Number(r.groupSeconds) - Number(r.indexSeconds)),
      ),
    ),
    groupSeconds: median(num('groupSeconds')),
    indexSeconds: median(num('indexSeconds')),
    cpuRecordsPerSecond: median(runs.map((r) => Number(r.records) / Number(r.cpuSeconds))),
    peakRssMb: Math.max(...num('peakRssBytes')) / 1024 / 1024,
    saxRecordsPerSecond: median(num('saxRecordsPerSecond')),
    parseMapRecordsPerSecond: median(num('parseMapRecordsPerSecond')),
    floorRecordsPerSecond: median(num('floorRecordsPerSecond')),
    plainInsertRecordsPerSecond: median(num('plainInsertRecordsPerSecond')),
    ftsInsertRecordsPerSecond: median(num('ftsInsertRecordsPerSecond')),
    analysisRecordsPerSecond: median(num('analysisRecordsPerSecond')),
    detectionRecordsPerSecond: median(num('detectionRecordsPerSecond')),
    requiredRecordsPerSecond: median(num('requiredRecordsPerSecond')),
    runs,
  };
}

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  // The Node.js flags the measured ingest process ran with (the product's launcher flags).
  nodeFlags: LAUNCHER_NODE_FLAGS,
};
process.stderr.write(
  `Ingest benchmark: ${total} records per format, ${pageSize} per page, ${repeat} runs, ${machine.cpus}\n`,
);
const results: IngestFigures[] = [];
for (const format of formats) results.push(await benchIngest(format));

const rows = results.map((r) => [
  r.format,
  String(r.records),
  Math.round(r.endToEndRecordsPerSecond).toString(),
  Math.round(r.cpuRecordsPerSecond).toString(),
  Math.round(r.harvestOnlyRecordsPerSecond).toString(),
  `${r.groupSeconds.toFixed(1)} / ${r.indexSeconds.toFixed(1)}`,
  r.peakRssMb.toFixed(0),
  Math.round(r.parseMapRecordsPerSecond).toString(),
  Math.round(r.saxRecordsPerSecond).toString(),
  Math.round(r.floorRecordsPerSecond).toString(),
  Math.round(r.requiredRecordsPerSecond).toString(),
]);
const header = [
  'format',
  'records',
  'end-to-end rec/s',
  'per CPU second',
  'harvest alone rec/s',
  'grouping / index s',
  'peak RSS MB',
  'parse+map rec/s',
  'XML parser alone rec/s',
  'floor rec/s',
  'required rec/s',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
const outDir = path.join(here, 'output');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `ingest-${total}.json`);
writeFileSync(file, JSON.stringify({ machine, pageSize, repeat, results }, null, 2));
process.stdout.write(`Written to ${path.relative(process.cwd(), file)}\n`);
