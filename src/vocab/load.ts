// Finds and reads the vocabulary files of data-bundled/vocab/ (built by scripts/build-vocab.ts): walks up from this
// module to the first folder that holds package.json and data-bundled/vocab/, so the same code works from src/
// under tsx and from the compiled dist/ tree. Each file is read synchronously on first use and kept.
// This is the only module of src/vocab/ that performs I/O.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let dir: string | undefined;
const cache = new Map<string, unknown>();
const loadTimes = new Map<string, number>();

/** The folder holding the vocabulary files. Throws when no data-bundled/vocab is found above this module. */
export function vocabDir(): string {
  if (dir !== undefined) return dir;
  let current = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(current, 'data-bundled', 'vocab');
    if (existsSync(path.join(current, 'package.json')) && existsSync(candidate)) {
      dir = candidate;
      return dir;
    }
    const parent = path.dirname(current);
    if (parent === current) {
      throw new Error(
        'data-bundled/vocab not found above ' +
          path.dirname(fileURLToPath(import.meta.url)) +
          ': run `node --import tsx scripts/build-vocab.ts`',
      );
    }
    current = parent;
  }
}

/** The parsed content of a vocabulary file ("unesco-thesaurus.json"), read once; callers know its shape. */
export function loadVocabFile(name: string): unknown {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const started = performance.now();
  const value: unknown = JSON.parse(readFileSync(path.join(vocabDir(), name), 'utf8'));
  cache.set(name, value);
  loadTimes.set(name, performance.now() - started);
  return value;
}

/**
 * The lines of the curated tab-separated files in data-bundled/vocab/curated/ whose names start with `prefix`
 * ("unesco-labels."), by the rest of the file name without ".tsv" ("zh"); read once. Empty lines are left out.
 */
export function loadCuratedTables(prefix: string): ReadonlyMap<string, readonly string[][]> {
  const folder = path.join(vocabDir(), 'curated');
  const tables = new Map<string, string[][]>();
  if (!existsSync(folder)) return tables;
  for (const name of readdirSync(folder).sort()) {
    if (!name.startsWith(prefix) || !name.endsWith('.tsv')) continue;
    const started = performance.now();
    const rows = readFileSync(path.join(folder, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.split('\t'));
    tables.set(name.slice(prefix.length, -'.tsv'.length), rows);
    loadTimes.set(`curated/${name}`, performance.now() - started);
  }
  return tables;
}

/** Milliseconds each vocabulary file took to read and parse (for reports and benchmarks). */
export function vocabLoadTimes(): ReadonlyMap<string, number> {
  return loadTimes;
}
