// Opens the product for the search benchmark exactly as `oer-atlas` does (configuration, composition root:
// store, search index, indexer, search service), on a SQLite data folder or a PostgreSQL database, and
// small helpers the benchmark's processes share (argument reading, percentiles, one JSON line out).
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';

export type Backend = 'sqlite' | 'postgres';

/** The environment the product reads for a backend: a data folder for SQLite, a URL for PostgreSQL. */
export function backendEnv(backend: Backend, location: string): Record<string, string> {
  return backend === 'sqlite' ? { ATLAS_DATA_DIR: location } : { DATABASE_URL: location };
}

/** The product's parts on the given store, migrated. */
export async function openAtlas(backend: Backend, location: string): Promise<Atlas> {
  return createAtlas(loadConfig({ env: { ...backendEnv(backend, location), ATLAS_LOG_LEVEL: 'warn' } }));
}

/** `--name value` pairs of argv. */
export function readArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (key?.startsWith('--') === true) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) out.set(key.slice(2), 'true');
      else {
        out.set(key.slice(2), value);
        i += 1;
      }
    }
  }
  return out;
}

export function required(args: ReadonlyMap<string, string>, name: string): string {
  const value = args.get(name);
  if (value === undefined) throw new Error(`missing --${name}`);
  return value;
}

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.length === 0 ? 0 : sum / sorted.length,
  };
}

/** The result line of a benchmark process (the parent reads the last line of stdout). */
export function emit(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return (process.resourceUsage().maxRSS * 1024) / 1024 / 1024;
}
