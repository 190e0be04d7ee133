// Reading the labeled sets, shared by the tests and `npm run evaluate`: the tab-separated label files
// ('#' comment lines, one header row naming the columns, one labeled value a row, line numbers kept for
// messages), and the sets that need the shared corpus (the duplicate pairs built by test/dedupe/build-pairs.ts,
// the corpus texts of the language detector), which say so instead of failing when the corpus is missing.
// Test and script helper; reads files.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabeledPair } from '../../src/dedupe/evaluate.js';
import type { PairSetName } from '../dedupe/build-pairs.js';
import type { LabeledText } from '../normalize/language-corpus.js';
import { SHARED_DIR } from './shared-dir.js';

/** One labeled row of a label file. */
export class LabelRow {
  constructor(
    /** Line number in the file, counting from 1. */
    readonly line: number,
    /** The row's cells, in the order of the header's columns. */
    readonly cells: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly file: string,
  ) {}

  /** The cell under a column of the header; '' when the row ends before it (an optional trailing column). */
  get(column: string): string {
    const at = this.index.get(column);
    if (at === undefined) throw new Error(`${this.file}: no column "${column}"`);
    return this.cells[at] ?? '';
  }
}

export interface LabelTable {
  /** The file's absolute path. */
  readonly file: string;
  /** The file's base name, for messages and reports. */
  readonly name: string;
  /** The comment lines above the header row, without their '#'. */
  readonly comments: readonly string[];
  readonly columns: readonly string[];
  readonly rows: readonly LabelRow[];
  /** The comments say the rows were never tuned on (a held-out set). */
  readonly heldOut: boolean;
}

export interface ReadOptions {
  /** The header row the file must have, column by column. */
  readonly columns?: readonly string[];
  /** Trailing columns a row may leave out (a note, a comment). */
  readonly optional?: readonly string[];
}

const HELD_OUT = /\bnever tuned on\b/i;

function filePath(file: string | URL): string {
  return typeof file === 'string' ? path.resolve(file) : fileURLToPath(file);
}

/**
 * Reads a label file. Lines starting with '#' are comments wherever they are; empty lines are skipped; the
 * first other line is the header. A row may not have more cells than the header has columns, nor fewer than
 * the columns that are not optional. Throws, naming file and line, when the file breaks these rules.
 */
export function readLabelTable(file: string | URL, options: ReadOptions = {}): LabelTable {
  const full = filePath(file);
  const name = path.basename(full);
  const text = readFileSync(full, 'utf8');
  const comments: string[] = [];
  const rows: LabelRow[] = [];
  let columns: string[] | undefined;
  let index = new Map<string, number>();
  let required = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return;
    if (line.startsWith('#')) {
      if (columns === undefined) comments.push(line.replace(/^#\s?/, ''));
      return;
    }
    const cells = line.split('\t');
    if (columns === undefined) {
      columns = cells;
      if (options.columns !== undefined && options.columns.join('\t') !== line) {
        throw new Error(
          `${name} line ${i + 1}: header ${JSON.stringify(cells)}, expected ${JSON.stringify(options.columns)}`,
        );
      }
      index = new Map(cells.map((column, at) => [column, at]));
      required = cells.length;
      const optional = options.optional ?? [];
      while (required > 0 && optional.includes(cells[required - 1] ?? '')) required--;
      for (const column of optional) {
        if (!index.has(column)) throw new Error(`${name}: no optional column "${column}"`);
        if ((index.get(column) ?? 0) < required)
          throw new Error(`${name}: "${column}" is not a trailing column`);
      }
      return;
    }
    if (cells.length > columns.length || cells.length < required) {
      const want = required === columns.length ? `${required}` : `${required} to ${columns.length}`;
      throw new Error(
        `${name} line ${i + 1}: ${cells.length} cells, expected ${want} (${columns.join(', ')})`,
      );
    }
    rows.push(new LabelRow(i + 1, cells, index, name));
  });
  if (columns === undefined) throw new Error(`${name}: no header row`);
  return { file: full, name, comments, columns, rows, heldOut: comments.some((c) => HELD_OUT.test(c)) };
}

/** The shared corpus folder the corpus-dependent sets read. */
export function sharedCorpusDir(): string {
  return path.join(SHARED_DIR, 'corpus');
}

/** A set built from the shared corpus, or why it could not be built. */
export type CorpusSet<T> =
  | { readonly status: 'ok'; readonly items: readonly T[] }
  | { readonly status: 'missing'; readonly reason: string };

function missing(dir: string, relative: readonly string[]): string | undefined {
  const absent = relative.map((r) => path.join(dir, r)).find((full) => !existsSync(full));
  return absent === undefined
    ? undefined
    : `shared corpus missing: ${absent} does not exist (set ATLAS_SHARED_DIR to the shared folder)`;
}

/** The folders of the shared corpus the language-detection texts come from. */
const DETECTION_FOLDERS = ['oai-pmh', 'lom', 'jsonld'];

/** The corpus texts of the language-detection set (language-corpus.ts), with their corrected labels. */
export async function readDetectionCorpus(): Promise<CorpusSet<LabeledText>> {
  const dir = sharedCorpusDir();
  const reason = missing(dir, DETECTION_FOLDERS);
  if (reason !== undefined) return { status: 'missing', reason };
  const { corpusTexts } = await import('../normalize/language-corpus.js');
  return { status: 'ok', items: corpusTexts(dir) };
}

/** Whether a duplicate-pair set is the held-out one (other corpus files, built before comparePair was tuned). */
export function pairSetHeldOut(name: PairSetName): boolean {
  return name === 'heldout';
}

/** A labeled duplicate-pair set, built from the shared corpus by build-pairs.ts. */
export async function readPairSet(name: PairSetName): Promise<CorpusSet<LabeledPair>> {
  const { RECIPES, buildPairs } = await import('../dedupe/build-pairs.js');
  const { CORPUS_DIR } = await import('../dedupe/corpus-pool.js');
  const recipe = RECIPES[name];
  const reason = missing(CORPUS_DIR, [...recipe.oai, ...recipe.csv, ...recipe.learningRegistry]);
  if (reason !== undefined) return { status: 'missing', reason };
  return { status: 'ok', items: await buildPairs(name) };
}

/** Both duplicate-pair sets, by name; throws the reason when the shared corpus is missing. */
export async function readPairSets(): Promise<Map<PairSetName, readonly LabeledPair[]>> {
  const sets = new Map<PairSetName, readonly LabeledPair[]>();
  for (const name of ['main', 'heldout'] as const) {
    const set = await readPairSet(name);
    if (set.status === 'missing') throw new Error(set.reason);
    sets.set(name, set.items);
  }
  return sets;
}
