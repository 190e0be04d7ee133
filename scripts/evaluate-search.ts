// Scores multilingual search on the labeled query sets of test/fixtures/search/ (see its README): builds the
// collection with the product's own import pipeline (every file of the shared corpus's oai-pmh, lom and jsonld
// folders imported as its own `file` source, as `oer-atlas import FILE` does) into a temporary SQLite data
// folder, runs each query through the search service of the composition, and prints nDCG@10, recall@20 and
// cross-language recall@20 per language and per category, with the budget of BUDGETS.md (shared design
// folder): cross-language recall@20 >= 0.8 on the queries written in the 6 UN languages.
//   node --import tsx scripts/evaluate-search.ts [--json] [--verbose] [--set main|holdout]
// --verbose lists, per query, the judged records missed in the top 20; --json prints everything as JSON.
// Exit codes: 0 budgets met, 1 a budget missed, 2 the evaluation could not run (search unavailable, corpus
// missing, a judged record absent from the collection).
//
// Definitions. A result is a work; a judged record counts as retrieved at the rank of the work it is a member
// of (SearchResult.sourceRecordIds). recall@k = |relevant records retrieved in the top k| / min(|relevant|, k)
// (capped at 1, so a query with more than k relevant records can still reach 1). nDCG@10 uses gain 2^grade - 1
// for a result (its best judged member) and log2(rank + 1) discounts; the ideal ranking groups the judged
// records by the work the catalog put them in. Cross-language recall counts only relevant records whose
// metadata language (the judgment's `langs`) differs from the query's language. Figures are averaged over
// queries (macro); cross-language recall over the queries that have cross-language relevant records.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RecordRef } from '../src/domain/catalog.js';
import type { ResourceRecord } from '../src/domain/profile.js';
import type { Store } from '../src/ports/store.js';
import { parseSearchParams } from '../src/search/filters.js';
import { workKeyOf } from '../src/search/work-key.js';

export const UN_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export const CATEGORIES = ['same-language', 'cross-language', 'mixed'] as const;
export type Category = (typeof CATEGORIES)[number];
/** The corpus folders the collection is built from, relative to the corpus root. */
export const CORPUS_FOLDERS = ['oai-pmh', 'lom', 'jsonld'] as const;
export const FIXTURES_DIR = fileURLToPath(new URL('../test/fixtures/search/', import.meta.url));
export const QUERY_SET_FILES = { main: 'queries.json', holdout: 'holdout.json' } as const;
export type SetName = keyof typeof QUERY_SET_FILES;
/** The budget of BUDGETS.md on cross-language recall@20 (queries in the UN languages). */
export const CROSS_LANGUAGE_RECALL_BUDGET = 0.8;
const NDCG_DEPTH = 10;
const RECALL_DEPTH = 20;

export interface Judgment {
  /** "<file path relative to the corpus root>|<source record id>" (see recordKey). */
  readonly record: string;
  /** 2 = highly relevant, 1 = relevant. */
  readonly grade: 1 | 2;
  /** Languages the record's title and description are written in (primary subtags). */
  readonly langs: readonly string[];
}

export interface LabeledQuery {
  readonly id: string;
  /** The language the user types in (the `lang` search parameter). */
  readonly lang: string;
  readonly q: string;
  readonly category: Category;
  /** Queries judged against the same list of records share a topic. */
  readonly topic: string;
  readonly note?: string;
  readonly relevant: readonly Judgment[];
}

export interface QuerySet {
  readonly set: string;
  readonly heldOut: boolean;
  readonly description: string;
  readonly queries: readonly LabeledQuery[];
}

/** The stable key of a record of the collection: the corpus file and the id the import gives the record. */
export function recordKey(corpusRelativePath: string, sourceRecordId: string): string {
  return `${corpusRelativePath}|${sourceRecordId}`;
}

export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

export function isCrossLanguage(judgment: Judgment, queryLang: string): boolean {
  const lang = primaryLanguage(queryLang);
  return !judgment.langs.some((l) => primaryLanguage(l) === lang);
}

/** same-language when every relevant record is in the query's language, cross-language when none is. */
export function categoryOf(query: Pick<LabeledQuery, 'lang' | 'relevant'>): Category {
  const other = query.relevant.filter((j) => isCrossLanguage(j, query.lang)).length;
  if (other === 0) return 'same-language';
  return other === query.relevant.length ? 'cross-language' : 'mixed';
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Everything wrong with a parsed query set file; empty when it is well-formed. */
export function checkQuerySet(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(data)) return ['the file must hold a JSON object'];
  if (typeof data.set !== 'string' || data.set === '') problems.push('"set" must be a non-empty string');
  if (typeof data.heldOut !== 'boolean') problems.push('"heldOut" must be true or false');
  if (typeof data.description !== 'string') problems.push('"description" must be a string');
  if (!Array.isArray(data.queries)) return [...problems, '"queries" must be an array'];
  const ids = new Set<string>();
  for (const [i, raw] of (data.queries as unknown[]).entries()) {
    const where = `query #${i + 1}`;
    if (!isObject(raw)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : null;
    const at = id === null ? where : `${where} (${id})`;
    if (id === null) problems.push(`${at}: "id" must be a non-empty string`);
    else if (ids.has(id)) problems.push(`${at}: duplicate id`);
    else ids.add(id);
    if (typeof raw.lang !== 'string' || !LANGUAGE_TAG.test(raw.lang))
      problems.push(`${at}: "lang" must be a language tag`);
    if (typeof raw.q !== 'string' || raw.q.trim() === '') problems.push(`${at}: "q" must be non-empty`);
    if (typeof raw.topic !== 'string' || raw.topic === '') problems.push(`${at}: "topic" must be non-empty`);
    if (raw.note !== undefined && typeof raw.note !== 'string')
      problems.push(`${at}: "note" must be a string`);
    for (const key of Object.keys(raw)) {
      if (!['id', 'lang', 'q', 'category', 'topic', 'note', 'relevant'].includes(key))
        problems.push(`${at}: unknown field "${key}"`);
    }
    if (!Array.isArray(raw.relevant) || raw.relevant.length === 0) {
      problems.push(`${at}: "relevant" must list at least one judged record`);
      continue;
    }
    const seen = new Set<string>();
    let judgmentsOk = true;
    for (const [j, item] of (raw.relevant as unknown[]).entries()) {
      const jat = `${at} judgment #${j + 1}`;
      if (!isObject(item)) {
        problems.push(`${jat}: must be an object`);
        judgmentsOk = false;
        continue;
      }
      if (typeof item.record !== 'string' || !/^[^|]+\|.+$/.test(item.record)) {
        problems.push(`${jat}: "record" must be "PATH|SOURCE_RECORD_ID"`);
        judgmentsOk = false;
      } else if (seen.has(item.record)) {
        problems.push(`${jat}: ${item.record} is judged twice`);
      } else {
        seen.add(item.record);
      }
      if (item.grade !== 1 && item.grade !== 2) problems.push(`${jat}: "grade" must be 1 or 2`);
      if (
        !Array.isArray(item.langs) ||
        item.langs.length === 0 ||
        !item.langs.every((l) => typeof l === 'string' && LANGUAGE_TAG.test(l))
      ) {
        problems.push(`${jat}: "langs" must be a non-empty list of language tags`);
        judgmentsOk = false;
      }
    }
    if (!CATEGORIES.includes(raw.category as Category)) {
      problems.push(`${at}: "category" must be one of ${CATEGORIES.join(', ')}`);
    } else if (judgmentsOk && typeof raw.lang === 'string') {
      const expected = categoryOf({ lang: raw.lang, relevant: raw.relevant as Judgment[] });
      if (expected !== raw.category)
        problems.push(
          `${at}: category is "${String(raw.category)}" but the judged languages make it "${expected}"`,
        );
    }
  }
  return problems;
}

/** Reads and checks a query set; throws with every problem listed. */
export function readQuerySet(file: string): QuerySet {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problems = checkQuerySet(data);
  if (problems.length > 0) throw new Error(`${file} is not a valid query set:\n  ${problems.join('\n  ')}`);
  return data as QuerySet;
}

export function readQuerySets(dir: string = FIXTURES_DIR): Record<SetName, QuerySet> {
  return {
    main: readQuerySet(path.join(dir, QUERY_SET_FILES.main)),
    holdout: readQuerySet(path.join(dir, QUERY_SET_FILES.holdout)),
  };
}

// ---- the collection ------------------------------------------------------------------------------------

/** The files of the corpus folders the collection is built from, relative to the corpus root ("/"), sorted. */
export function corpusFiles(corpusDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(corpusDir, rel)).sort()) {
      if (name.startsWith('.')) continue;
      const child = rel === '' ? name : `${rel}/${name}`;
      if (statSync(path.join(corpusDir, child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  for (const folder of CORPUS_FOLDERS) walk(folder);
  return out;
}

/** How the collection is imported: the product's source and harvest services, or a test harness. */
export interface CorpusTarget {
  readonly store: Store;
  /** Registers a `file` source for one file; returns its id. */
  addSource(name: string, fileUrl: string): Promise<string>;
  /** Runs a full harvest of the source. */
  harvest(sourceId: string): Promise<void>;
}

export interface CollectionRecord {
  readonly key: string;
  readonly ref: RecordRef;
  readonly record: ResourceRecord;
}

export interface Collection {
  readonly files: number;
  readonly byKey: ReadonlyMap<string, CollectionRecord>;
  /** "SOURCE_ID:SOURCE_RECORD_ID" (as search results list members) -> record key. */
  readonly keyOfRef: ReadonlyMap<string, string>;
}

export function refText(ref: RecordRef): string {
  return `${ref.sourceId}:${ref.sourceRecordId}`;
}

/** Imports every corpus file as its own source and lists the active records with their keys. */
export async function importCorpus(
  target: CorpusTarget,
  corpusDir: string,
  onFile?: (done: number, total: number) => void,
): Promise<Collection> {
  const files = corpusFiles(corpusDir);
  const byKey = new Map<string, CollectionRecord>();
  const keyOfRef = new Map<string, string>();
  for (const [i, rel] of files.entries()) {
    const sourceId = await target.addSource(rel, pathToFileURL(path.join(corpusDir, rel)).href);
    await target.harvest(sourceId);
    let after: string | undefined;
    for (;;) {
      const page = await target.store.listSourceRecords(sourceId, {
        status: 'active',
        limit: 500,
        ...(after === undefined ? {} : { after }),
      });
      for (const r of page.items) {
        if (r.status !== 'active' || r.record === null) continue;
        const key = recordKey(rel, r.sourceRecordId);
        const ref = { sourceId, sourceRecordId: r.sourceRecordId };
        byKey.set(key, { key, ref, record: r.record });
        keyOfRef.set(refText(ref), key);
      }
      if (page.next === null) break;
      after = page.next;
    }
    onFile?.(i + 1, files.length);
  }
  return { files: files.length, byKey, keyOfRef };
}

// ---- metrics --------------------------------------------------------------------------------------------

/** Discounted cumulative gain of grades in rank order, gain 2^grade - 1, cut at k. */
export function dcgAt(grades: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) sum += (2 ** (grades[i] ?? 0) - 1) / Math.log2(i + 2);
  return sum;
}

/** nDCG@k of ranked grades against the grades an ideal ranking could show (any order). */
export function ndcgAt(ranked: readonly number[], idealPool: readonly number[], k: number): number {
  const ideal = dcgAt(
    [...idealPool].sort((a, b) => b - a),
    k,
  );
  return ideal === 0 ? 0 : dcgAt(ranked, k) / ideal;
}

/** recall@k with the denominator capped at k (and the result at 1). */
export function recallAt(found: number, relevant: number, k: number): number {
  if (relevant === 0) return 0;
  return Math.min(1, found / Math.min(relevant, k));
}

// ---- running ---------------------------------------------------------------------------------------------

/** What search the evaluation needs: the product's search service, as wired by the composition. */
export interface SearchPort {
  search(request: ReturnType<typeof parseSearchParams>): Promise<{
    readonly results: readonly { readonly sourceRecordIds: readonly string[] }[];
    readonly partial: readonly { readonly sourceRecordIds: readonly string[] }[];
    readonly total: number;
  }>;
}

export interface QueryOutcome {
  readonly id: string;
  readonly lang: string;
  readonly q: string;
  readonly category: Category;
  readonly ndcg10: number;
  readonly recall20: number;
  /** null when no relevant record is in another language than the query's. */
  readonly crossRecall20: number | null;
  readonly total: number;
  readonly milliseconds: number;
  /** Judged records retrieved in the top 20, with the rank of their work (1-based). */
  readonly found: readonly { readonly record: string; readonly grade: number; readonly rank: number }[];
  readonly missed: readonly Judgment[];
}

export async function runQuery(
  search: SearchPort,
  query: LabeledQuery,
  collection: Collection,
  workOf: ReadonlyMap<string, string>,
): Promise<QueryOutcome> {
  const started = performance.now();
  const response = await search.search(
    parseSearchParams({ q: query.q, lang: query.lang, limit: String(RECALL_DEPTH) }),
  );
  const milliseconds = performance.now() - started;
  const gradeOf = new Map(query.relevant.map((j) => [j.record, j.grade]));
  const rankOf = new Map<string, number>();
  const rankedGrades: number[] = [];
  // What the page shows: the works matching the query, then those matching part of it (SearchResponse.partial).
  const shown = [...response.results, ...response.partial];
  for (const [i, result] of shown.slice(0, RECALL_DEPTH).entries()) {
    let best = 0;
    for (const member of result.sourceRecordIds) {
      const key = collection.keyOfRef.get(member);
      const grade = key === undefined ? undefined : gradeOf.get(key);
      if (key === undefined || grade === undefined) continue;
      if (!rankOf.has(key)) rankOf.set(key, i + 1);
      best = Math.max(best, grade);
    }
    rankedGrades.push(best);
  }
  // The ideal ranking shows each work once, with the best grade among its judged members.
  const idealByWork = new Map<string, number>();
  for (const j of query.relevant) {
    const work = workOf.get(j.record) ?? j.record;
    idealByWork.set(work, Math.max(idealByWork.get(work) ?? 0, j.grade));
  }
  const cross = query.relevant.filter((j) => isCrossLanguage(j, query.lang));
  const crossFound = cross.filter((j) => rankOf.has(j.record)).length;
  return {
    id: query.id,
    lang: query.lang,
    q: query.q,
    category: query.category,
    ndcg10: ndcgAt(rankedGrades, [...idealByWork.values()], NDCG_DEPTH),
    recall20: recallAt(rankOf.size, query.relevant.length, RECALL_DEPTH),
    crossRecall20: cross.length === 0 ? null : recallAt(crossFound, cross.length, RECALL_DEPTH),
    total: response.total,
    milliseconds,
    found: [...rankOf].map(([record, rank]) => ({ record, grade: gradeOf.get(record) ?? 0, rank })),
    missed: query.relevant.filter((j) => !rankOf.has(j.record)),
  };
}

export interface GroupScore {
  readonly group: string;
  readonly queries: number;
  readonly ndcg10: number;
  readonly recall20: number;
  readonly crossRecall20: number | null;
  /** Queries with cross-language relevant records. */
  readonly crossQueries: number;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function scoreGroup(group: string, outcomes: readonly QueryOutcome[]): GroupScore {
  const cross = outcomes.map((o) => o.crossRecall20).filter((x): x is number => x !== null);
  return {
    group,
    queries: outcomes.length,
    ndcg10: mean(outcomes.map((o) => o.ndcg10)),
    recall20: mean(outcomes.map((o) => o.recall20)),
    crossRecall20: cross.length === 0 ? null : mean(cross),
    crossQueries: cross.length,
  };
}

export interface SetReport {
  readonly set: string;
  readonly heldOut: boolean;
  readonly groups: readonly GroupScore[];
  readonly budget: {
    readonly metric: string;
    readonly budget: number;
    readonly value: number | null;
    readonly met: boolean;
  };
  readonly outcomes: readonly QueryOutcome[];
}

export function reportSet(querySet: QuerySet, outcomes: readonly QueryOutcome[]): SetReport {
  const groups: GroupScore[] = [scoreGroup('all', outcomes)];
  const langs = [...new Set(outcomes.map((o) => primaryLanguage(o.lang)))].sort((a, b) => {
    const ia = UN_LANGUAGES.indexOf(a as (typeof UN_LANGUAGES)[number]);
    const ib = UN_LANGUAGES.indexOf(b as (typeof UN_LANGUAGES)[number]);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  for (const lang of langs)
    groups.push(
      scoreGroup(
        `lang ${lang}`,
        outcomes.filter((o) => primaryLanguage(o.lang) === lang),
      ),
    );
  for (const category of CATEGORIES) {
    const these = outcomes.filter((o) => o.category === category);
    if (these.length > 0) groups.push(scoreGroup(`category ${category}`, these));
  }
  const un = scoreGroup(
    'UN languages',
    outcomes.filter((o) => (UN_LANGUAGES as readonly string[]).includes(primaryLanguage(o.lang))),
  );
  groups.push(un);
  return {
    set: querySet.set,
    heldOut: querySet.heldOut,
    groups,
    budget: {
      metric: 'cross-language recall@20, queries in the 6 UN languages',
      budget: CROSS_LANGUAGE_RECALL_BUDGET,
      value: un.crossRecall20,
      met: un.crossRecall20 !== null && un.crossRecall20 >= CROSS_LANGUAGE_RECALL_BUDGET,
    },
    outcomes,
  };
}

function fixed(x: number | null): string {
  return x === null ? '    -' : x.toFixed(3);
}

export function formatReport(report: SetReport, titleOf: (key: string) => string, verbose: boolean): string {
  const lines: string[] = [];
  lines.push(
    `Search evaluation: ${report.set} set (${report.outcomes.length} queries, ${report.heldOut ? 'HELD OUT: never tuned on' : 'tuned on'})`,
  );
  lines.push(
    `${'group'.padEnd(28)} ${'queries'.padStart(7)} ${'nDCG@10'.padStart(8)} ${'recall@20'.padStart(9)} ${'x-lang recall@20'.padStart(16)} ${'(queries)'.padStart(9)}`,
  );
  for (const g of report.groups) {
    lines.push(
      `${g.group.padEnd(28)} ${String(g.queries).padStart(7)} ${fixed(g.ndcg10).padStart(8)} ${fixed(g.recall20).padStart(9)} ${fixed(g.crossRecall20).padStart(16)} ${`(${g.crossQueries})`.padStart(9)}`,
    );
  }
  const b = report.budget;
  lines.push(`budget: ${b.metric} >= ${b.budget.toFixed(2)}: ${fixed(b.value)} ${b.met ? 'met' : 'MISSED'}`);
  if (verbose) {
    for (const o of report.outcomes) {
      if (o.missed.length === 0) continue;
      lines.push(
        `  ${o.id} [${o.lang}] ${JSON.stringify(o.q)}: nDCG@10 ${fixed(o.ndcg10)}, recall@20 ${fixed(o.recall20)}, ${o.total} works; missed ${o.missed.length}:`,
      );
      for (const m of o.missed)
        lines.push(
          `      ${m.grade} [${m.langs.join(',')}] ${m.record}  ${JSON.stringify(titleOf(m.record))}`,
        );
    }
  }
  return lines.join('\n');
}

// ---- command line ----------------------------------------------------------------------------------------

class CannotRun extends Error {}

function corpusDir(): string {
  if (process.env.ATLAS_CORPUS_DIR) return path.resolve(process.env.ATLAS_CORPUS_DIR);
  const shared =
    process.env.ATLAS_SHARED_DIR ?? path.resolve(fileURLToPath(new URL('../../shared', import.meta.url)));
  for (const dir of [path.join(shared, 'corpus'), '/work/shared/corpus']) {
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // try the next place
    }
  }
  throw new CannotRun('The shared corpus was not found; set ATLAS_CORPUS_DIR (or ATLAS_SHARED_DIR).');
}

function titleFrom(record: ResourceRecord | undefined): string {
  if (record === undefined) return '(not in the collection)';
  return (Object.values(record.name)[0] ?? '').slice(0, 100);
}

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  const setArg = argv.includes('--set') ? argv[argv.indexOf('--set') + 1] : undefined;
  const unknown = argv.filter(
    (a, i) => !['--json', '--verbose', '--set'].includes(a) && argv[i - 1] !== '--set',
  );
  if (unknown.length > 0 || (setArg !== undefined && !Object.hasOwn(QUERY_SET_FILES, setArg))) {
    throw new CannotRun('usage: evaluate-search.ts [--json] [--verbose] [--set main|holdout]');
  }
  const sets = readQuerySets();
  const chosen: SetName[] = setArg === undefined ? ['main', 'holdout'] : [setArg as SetName];
  const corpus = corpusDir();

  let composition: typeof import('../src/composition.js');
  let config: typeof import('../src/config.js');
  try {
    composition = await import('../src/composition.js');
    config = await import('../src/config.js');
  } catch (error) {
    throw new CannotRun(
      `Search is not available yet: the composition (src/composition.ts) does not load: ${(error as Error).message}`,
    );
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-search-eval-'));
  const log = (text: string) => {
    if (!json) process.stderr.write(`${text}\n`);
  };
  try {
    const atlas = await composition.createAtlas(
      config.loadConfig({ env: { ATLAS_DATA_DIR: dataDir }, cwd: dataDir }),
    );
    try {
      const search = (atlas as { search?: Partial<SearchPort> }).search;
      if (typeof search?.search !== 'function') {
        throw new CannotRun(
          'Search is not available yet: the composition has no search service (atlas.search).',
        );
      }
      const started = performance.now();
      log(`Building the collection from ${corpus} (${CORPUS_FOLDERS.join(', ')}) in ${dataDir}...`);
      const collection = await importCorpus(
        {
          store: atlas.store,
          addSource: async (name, url) =>
            (await atlas.sources.add({ name, url, protocol: 'file', schedule: 'manual' })).source.id,
          harvest: async (id) => {
            const summary = await atlas.harvests.harvest(id, {
              mode: 'full',
              requestedBy: 'evaluate-search',
            });
            if (summary.error !== null) log(`  ${id}: ${summary.error.code}: ${summary.error.message}`);
          },
        },
        corpus,
      );
      await atlas.works.groupPending();
      await atlas.indexer.ensureCurrent();
      const buildSeconds = (performance.now() - started) / 1000;
      log(
        `${collection.byKey.size} active records from ${collection.files} files, indexed in ${buildSeconds.toFixed(1)} s.`,
      );

      const judged = new Set(
        chosen.flatMap((s) => sets[s].queries.flatMap((q) => q.relevant.map((j) => j.record))),
      );
      const absent = [...judged].filter((key) => !collection.byKey.has(key));
      if (absent.length > 0) {
        throw new CannotRun(
          `${absent.length} judged records are not in the collection (the import changed?):\n  ${absent.slice(0, 20).join('\n  ')}`,
        );
      }
      const rows = await atlas.store.getRecordsForIndex(
        [...judged].map((key) => (collection.byKey.get(key) as CollectionRecord).ref),
      );
      const workOf = new Map<string, string>();
      for (const row of rows) {
        const key = collection.keyOfRef.get(refText(row.ref));
        if (key !== undefined) workOf.set(key, workKeyOf(row.ref, row.workId));
      }

      const reports: SetReport[] = [];
      for (const name of chosen) {
        const outcomes: QueryOutcome[] = [];
        for (const query of sets[name].queries)
          outcomes.push(await runQuery(search as SearchPort, query, collection, workOf));
        reports.push(reportSet(sets[name], outcomes));
      }
      const titleOf = (key: string) => titleFrom(collection.byKey.get(key)?.record);
      if (json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              collection: { files: collection.files, records: collection.byKey.size, buildSeconds },
              sets: reports,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        process.stdout.write(`${reports.map((r) => formatReport(r, titleOf, verbose)).join('\n\n')}\n`);
      }
      return reports.every((r) => r.budget.met) ? 0 : 1;
    } finally {
      await atlas.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `evaluate-search: ${error instanceof CannotRun ? error.message : ((error as Error).stack ?? String(error))}\n`,
      );
      process.exitCode = 2;
    },
  );
}
