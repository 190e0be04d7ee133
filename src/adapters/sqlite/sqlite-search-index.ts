// The SearchIndex port on SQLite, in the store's own database file (tables of migration 4): an FTS5 table of
// the pre-analyzed terms (search-fts.ts says how terms stay whole), one row per document with its facet value
// ids, work numbers whose ranks order work keys, and suggestion words with document counts (search-write.ts).
// A search is one read transaction: FTS5 finds and scores the matching documents (one statement for the
// user's words, one for the expansions, exclusions folded in with NOT), and SearchMirror (search-mirror.ts)
// filters, counts facets, collapses works and picks the page in one pass over them in memory; then a few
// primary-key reads turn the page into hits.
// The FTS5 statements run on worker threads with their own read connections (search-pool.ts) once the index is
// large: the user's words and the expansions side by side, each split in rowid ranges while workers are idle;
// the answers are used only if they were read in the snapshot the main thread then evaluates (search_state's
// seq and epoch), else the statements run again here. Ranks are FTS5's own either way, so results never depend
// on where a search ran. After a bulk load the indexer asks optimize() to merge the FTS5 segments.
// Cost model (100k generated documents, 2 shared cores): FTS5 finding and scoring the matches is ~70 % of a
// search (bm25 ~1-2 µs per matching document, half of it computing each term's document frequency), the
// mirror ~0.2-0.3 µs per match, turning the page into hits ~0.3 ms; facets and collapse in SQL cost ~2-3 µs per
// match, several times more than the mirror.
// Rules shared with the PostgreSQL adapter (validation, orders, facet picking, spelling) come from
// ../shared/search-support.ts. Must never build SQL from values: FTS5 queries are bound parameters.
import path from 'node:path';
import type { RecordRef } from '../../domain/catalog.js';
import {
  EXPANSION_FACTOR,
  INDEX_FACETS,
  SEARCH_COLUMNS,
  type FacetCount,
  type IndexFacet,
  type IndexQuery,
  type IndexResult,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
  type SearchIndexStats,
  type TitleSuggestion,
  type WordSuggestion,
} from '../../ports/search-index.js';
import type { Store } from '../../ports/store.js';
import { compareRefs } from '../shared/works.js';
import {
  checkCompletion,
  checkIndexQuery,
  checkIndexTerm,
  checkKeys,
  codePointLength,
  compareUtf8,
  dateSortKey,
  pickFacetValues,
  planApply,
  prefixUpperBound,
  rankSimilarWords,
  relevanceScore,
  similarWordsPrefix,
} from '../shared/search-support.js';
import { compileMatch, compileTextMatcher, StoredText, withoutMatches } from './search-fts.js';
import { matchList } from './search-matches.js';
import {
  comesAfter,
  SearchMirror,
  type Evaluation,
  type EvaluationSpec,
  type MatchList,
  type PageWork,
} from './search-mirror.js';
import {
  poolSize,
  SearchPool,
  type MatchRequest,
  type MatchResult,
  type SearchPoolOptions,
} from './search-pool.js';
import {
  clearDocuments,
  rememberFacetIds,
  writeDocuments,
  type FacetIdCache,
  type StatementSource,
} from './search-write.js';
import { sqliteAccessOf, type SqliteAccess, type SqliteConnection } from './sqlite-store.js';

/** ? JSON array of document ids: their stored text, to tell which expansions they match. */
const TEXT_OF = `
SELECT id, ${SEARCH_COLUMNS.join(', ')} FROM search_text_src WHERE id IN (SELECT value FROM json_each(?))`;
const RANK_AFTER_KEY = `SELECT rank FROM search_works WHERE key > ? ORDER BY key LIMIT 1`;
const DOCS_BY_ID = `
SELECT id, source_id, source_record_id, date FROM search_docs WHERE id IN (SELECT value FROM json_each(?))`;
const WORK_KEYS = `SELECT num, key FROM search_works WHERE num IN (SELECT value FROM json_each(?))`;
const MEMBERS = `
SELECT w.key, d.source_id, d.source_record_id, d.facets
FROM search_works w JOIN search_docs d ON d.work = w.num
WHERE w.key IN (SELECT value FROM json_each(?))`;
const STATS = `SELECT documents, works, words FROM search_state WHERE id = 1`;
/** A step of incremental merging: negative = merge every level into one segment (see optimize()). */
const MERGE = `INSERT INTO search_text (search_text, rank) VALUES ('merge', ?)`;
const TOTAL_CHANGES = `SELECT total_changes()`;
/** Pages (about 4 KB each) one merge step writes. */
const MERGE_STEP_PAGES = 4_000;
/**
 * The read connection's page cache once it searches (negative: KiB): searches read long FTS5 document lists again
 * and again, and keeping up to 64 MiB of pages parsed (SQLite's default is 2 MiB) saves 10-25 % of a search over
 * a large catalog. Set on the first search, so a process that only ingests does not fill it with records.
 */
const SEARCH_CACHE_KIB = -65_536;
const WORD_COUNTS = `SELECT word, documents FROM search_words WHERE word IN (SELECT value FROM json_each(?))`;
function wordRangeSql(bounded: boolean): string {
  return `SELECT word, documents FROM search_words WHERE word >= @lo ${bounded ? 'AND word < @hi' : ''}`;
}
function completeWordSql(bounded: boolean): string {
  return `${wordRangeSql(bounded)} ORDER BY documents DESC, word LIMIT @limit`;
}
function similarWordSql(bounded: boolean): string {
  return `${wordRangeSql(bounded)} AND length(word) BETWEEN @shortest AND @longest`;
}
/** Documents whose title key is in the range, best quality first, read from the (title_key, quality) index. */
function titleRangeSql(bounded: boolean): string {
  return `SELECT id, quality FROM search_docs WHERE title_key >= @lo ${bounded ? 'AND title_key < @hi' : ''}
    ORDER BY quality DESC LIMIT @limit`;
}
const TITLES_BY_ID = `
SELECT id, title, source_id, source_record_id, quality FROM search_docs WHERE id IN (SELECT value FROM json_each(?))`;

interface DocRow {
  id: number;
  source_id: string;
  source_record_id: string;
  date: string | null;
}

/** Whether ascending `ids` (FTS5 gives rowid order) holds `id`. */
function sortedHas(ids: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = ids[mid] ?? 0;
    if (value === id) return true;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function smallestRef(rows: readonly DocRow[]): DocRow | undefined {
  let best: DocRow | undefined;
  for (const row of rows) {
    const ref = { sourceId: row.source_id, sourceRecordId: row.source_record_id };
    if (
      best === undefined ||
      compareRefs(ref, { sourceId: best.source_id, sourceRecordId: best.source_record_id }) < 0
    ) {
      best = row;
    }
  }
  return best;
}

/** The FTS5 queries of an IndexQuery. */
interface CompiledQuery {
  /** The user's words without the excluded documents, or null (browse). */
  readonly own: string | null;
  /** Any expansion without the excluded documents, or null. */
  readonly expansions: string | null;
  readonly exclude: string | null;
}

function compileQuery(query: IndexQuery): CompiledQuery {
  const exclude = query.exclude === null ? null : compileMatch(query.exclude);
  const without = exclude === null ? [] : [exclude];
  if (query.match === null) return { own: null, expansions: null, exclude };
  // Documents matching the user's words too are skipped in memory (SearchMirror.evaluate): repeating the words
  // under NOT in the expansions' query would make FTS5 read every one of their document lists again for bm25.
  const any =
    query.expansions.length === 0
      ? null
      : withoutMatches(query.expansions.map((e) => `(${compileMatch(e.expr)})`).join(' OR '), without);
  return { own: withoutMatches(compileMatch(query.match), without), expansions: any, exclude };
}

interface RemoteMatches {
  readonly own: MatchList | null;
  readonly expansions: MatchList | null;
  /** The index state the workers read. */
  readonly seq: number;
  readonly epoch: number;
}

/** The lists of consecutive rowid ranges, joined in order: the list of the whole range. */
function joinPieces(pieces: readonly MatchResult[]): MatchList {
  if (pieces.length === 1) {
    const only = pieces[0] as MatchResult;
    return { ids: only.ids, ranks: only.ranks };
  }
  let n = 0;
  for (const piece of pieces) n += piece.ids.length;
  const ids = new Int32Array(n);
  const ranks = new Float64Array(n);
  let at = 0;
  for (const piece of pieces) {
    ids.set(piece.ids, at);
    if (piece.ranks !== null) ranks.set(piece.ranks, at);
    at += piece.ids.length;
  }
  return { ids, ranks };
}

/** Below this many documents searches stay on the calling thread (passing work to a worker costs ~0.1 ms). */
const POOL_MIN_DOCUMENTS = 20_000;
/** Below this many documents a query is never split in rowid ranges. */
const SPLIT_MIN_DOCUMENTS = 50_000;
/** Most rowid ranges one query is split into. */
const MAX_SPLIT = 2;

export interface SqliteSearchIndexOptions {
  /** Worker threads for the FTS5 part of searches (search-pool.ts); workers: 0 or 1 turns them off. */
  readonly pool?: SearchPoolOptions & {
    /** Documents from which searches use the pool (default 20,000). */
    readonly minDocuments?: number;
    /** Documents from which a search may be split in rowid ranges over idle workers (default 50,000). */
    readonly splitMinDocuments?: number;
  };
}

/** Works kept per cached browse (no words): pages within them are answered without a pass over every document. */
const BROWSE_CACHE_WORKS = 1_000;
const BROWSE_CACHE_ENTRIES = 16;

interface BrowseEntry {
  readonly version: string;
  readonly evaluation: Evaluation;
  /** Every matching work is in evaluation.page. */
  readonly complete: boolean;
}

class SqliteSearchIndex implements SearchIndex {
  readonly #mirror = new SearchMirror();
  /** Whether the read connection's page cache was raised for searching (on the first search). */
  #searchCacheSet = false;
  readonly #facetIds: FacetIdCache = new Map();
  /**
   * Browsing (no words) gives the same answer for the same filters, facets and order until the index changes,
   * and costs a pass over every document: the counts and the first works are kept, least recently used out.
   */
  readonly #browse = new Map<string, BrowseEntry>();
  readonly #poolOptions: SearchPoolOptions;
  readonly #poolMinDocuments: number;
  readonly #splitMinDocuments: number;
  #pool: SearchPool | null = null;
  /** The database file as an absolute path, read from the connection on first use ('' when in memory). */
  #file = '';
  /** Set when the store closes: no pool starts again. */
  #closed = false;

  constructor(
    private readonly access: SqliteAccess,
    options: SqliteSearchIndexOptions = {},
  ) {
    this.#poolOptions = options.pool ?? {};
    this.#poolMinDocuments = options.pool?.minDocuments ?? POOL_MIN_DOCUMENTS;
    this.#splitMinDocuments = options.pool?.splitMinDocuments ?? SPLIT_MIN_DOCUMENTS;
    // Closing the store stops the workers (a worker holds its own connection to the file).
    access.onClose(async () => {
      this.#closed = true;
      await this.#pool?.close();
    });
  }

  async apply(documents: readonly SearchDocument[], removed: readonly RecordRef[]): Promise<void> {
    const { upserts, removals } = planApply(documents, removed);
    if (upserts.length === 0 && removals.length === 0) return;
    const created = await this.access.write((c) => writeDocuments(c, upserts, removals, this.#facetIds));
    rememberFacetIds(this.#facetIds, created);
  }

  async clear(): Promise<void> {
    await this.access.write((c) => {
      clearDocuments(c);
    });
  }

  /**
   * Merges the FTS5 index into one segment after a bulk load (the indexer calls it after a rebuild or a large
   * pass): every term of a query is then one b-tree lookup and one contiguous list instead of one per segment
   * (a 100k-document rebuild leaves about a dozen segments; queries read their lists ~25 % faster merged).
   * Works in steps of MERGE_STEP_PAGES pages, each its own write transaction, so that other writers wait at most
   * one step; scores do not change (FTS5 keeps the same documents, sizes and counts).
   */
  async optimize(): Promise<void> {
    for (;;) {
      const changes = await this.access.write((c) => {
        const before = c.stmt<[], number>(TOTAL_CHANGES).pluck().get() ?? 0;
        c.stmt<[number]>(MERGE).run(-MERGE_STEP_PAGES);
        return (c.stmt<[], number>(TOTAL_CHANGES).pluck().get() ?? 0) - before;
      });
      // FTS5's documented test for "nothing left to merge": the step changed fewer than two rows.
      if (changes < 2) return;
    }
  }

  async search(query: IndexQuery): Promise<IndexResult> {
    checkIndexQuery(query);
    const fts = compileQuery(query);
    const remote = this.#remoteMatches(fts);
    const found = remote === null ? null : await remote;
    return await this.access.read((c) => {
      if (!this.#searchCacheSet) {
        c.db.pragma(`cache_size = ${SEARCH_CACHE_KIB}`);
        this.#searchCacheSet = true;
      }
      return c.db.transaction(() => this.#search(c, query, fts, found))();
    });
  }

  /** The pool, once the index is large enough for it to pay (null: search on this thread). */
  #usablePool(): SearchPool | null {
    if (this.#closed) return null;
    if (this.#pool === null && poolSize(this.#poolOptions.workers) > 0) {
      if (this.#mirror.documentSlots < this.#poolMinDocuments || this.#file === '') return null;
      this.#pool = new SearchPool(this.#file, this.#poolOptions);
    }
    return this.#pool?.enabled === true ? this.#pool : null;
  }

  /**
   * The FTS5 lists of a query computed by the pool: the user's words and the expansions side by side, each split
   * in rowid ranges when workers are idle (a search alone then uses every core). Null when the pool is not in
   * use or failed: the caller computes them itself.
   */
  async #remoteMatches(fts: CompiledQuery): Promise<RemoteMatches | null> {
    if (fts.own === null) return null;
    const pool = this.#usablePool();
    if (pool === null) return null;
    const span = this.#mirror.documentSlots;
    const parts = span >= this.#splitMinDocuments ? Math.max(1, Math.min(MAX_SPLIT, pool.idleWorkers)) : 1;
    const queries = fts.expansions === null ? [fts.own] : [fts.own, fts.expansions];
    const requests: MatchRequest[] = [];
    for (const query of queries) {
      for (let part = 0; part < parts; part += 1) {
        const from = part === 0 ? 0 : Math.floor((span * part) / parts);
        const to = part === parts - 1 ? 0 : Math.floor((span * (part + 1)) / parts);
        requests.push({ query, ranked: true, from, to });
      }
    }
    const answers = await pool.run(requests);
    if (answers === null) return null;
    const lists: MatchList[] = [];
    let seq = -1;
    let epoch = -1;
    for (let q = 0; q < queries.length; q += 1) {
      const pieces = answers.slice(q * parts, (q + 1) * parts);
      if (pieces.some((p) => p === null)) return null;
      const done = pieces as MatchResult[];
      for (const piece of done) {
        if (seq === -1) ({ seq, epoch } = piece);
        // Pieces read in different snapshots (a write committed in between) cannot be joined.
        if (piece.seq !== seq || piece.epoch !== epoch) return null;
      }
      lists.push(joinPieces(done));
    }
    return { own: lists[0] ?? null, expansions: lists[1] ?? null, seq, epoch };
  }

  #search(
    c: SqliteConnection,
    query: IndexQuery,
    fts: CompiledQuery,
    remote: RemoteMatches | null,
  ): IndexResult {
    const mirror = this.#mirror;
    mirror.sync(c);
    // An in-memory database has no file a worker could open: its searches stay here.
    if (this.#file === '' && !c.db.memory) this.#file = path.resolve(c.db.name);
    const exclude = fts.exclude;
    let own: MatchList | null = null;
    let expansions: MatchList | null = null;
    let excluded: Int32Array = new Int32Array(0);
    const ranked = query.sort === 'relevance';
    if (fts.own !== null) {
      if (remote !== null && mirror.isSnapshot(remote.seq, remote.epoch)) {
        ({ own, expansions } = remote);
      } else {
        // Relevance needs every score; date order needs them only to pick each work's best member, so it
        // still reads them (the best member of a work is its best-scoring match on both engines).
        own = matchList(c.db, fts.own, true);
        if (fts.expansions !== null) expansions = matchList(c.db, fts.expansions, true);
      }
    } else if (exclude !== null) {
      excluded = matchList(c.db, exclude, false).ids;
    }
    let after: EvaluationSpec['after'] = null;
    if (query.after !== null) {
      const floor = c.stmt<[string], { rank: number }>(RANK_AFTER_KEY).get(query.after.workKey);
      after = {
        value: ranked
          ? (query.after.value as number)
          : (dateSortKey(query.after.value as string | null) ?? Number.NaN),
        rankFloor: floor?.rank ?? Number.POSITIVE_INFINITY,
      };
    }
    const spec: EvaluationSpec = {
      own,
      expansions,
      excluded,
      filters: query.filters,
      free: query.filters.free,
      noLogin: query.filters.noLogin,
      facets: query.facets,
      sort: query.sort,
      limit: query.limit,
      after,
      expansionFactor: EXPANSION_FACTOR,
      score: relevanceScore,
    };
    const evaluation = query.match === null ? this.#browseEvaluation(spec, exclude) : mirror.evaluate(spec);
    const facets: Partial<Record<IndexFacet, readonly FacetCount[]>> = {};
    for (const facet of INDEX_FACETS) {
      const counts = evaluation.facets[facet];
      if (counts !== undefined)
        facets[facet] = pickFacetValues(counts, query.facetLimit, query.filters[facet]);
    }
    const hits = this.#hits(c, evaluation.page, query, own, expansions);
    return { total: evaluation.total, hits, facets };
  }

  #browseEvaluation(spec: EvaluationSpec, exclude: string | null): Evaluation {
    const key = JSON.stringify([exclude, spec.filters, [...spec.facets].sort(), spec.sort]);
    const version = this.#mirror.version;
    let entry = this.#browse.get(key);
    if (entry?.version !== version) {
      const evaluation = this.#mirror.evaluate({ ...spec, limit: BROWSE_CACHE_WORKS, after: null });
      entry = { version, evaluation, complete: evaluation.page.length === evaluation.total };
      if (this.#browse.size >= BROWSE_CACHE_ENTRIES) {
        const oldest = this.#browse.keys().next().value;
        if (oldest !== undefined) this.#browse.delete(oldest);
      }
    }
    this.#browse.delete(key);
    this.#browse.set(key, entry);
    const cached = entry.evaluation;
    const after = spec.after;
    const byDate = spec.sort === 'date';
    const start =
      after === null
        ? 0
        : cached.page.findIndex((p) => comesAfter(byDate ? p.dateKey : p.score, p.rank, after));
    if (start >= 0 && (entry.complete || start + spec.limit <= cached.page.length)) {
      return { ...cached, page: cached.page.slice(start, start + spec.limit) };
    }
    if (start < 0 && entry.complete) return { ...cached, page: [] };
    return this.#mirror.evaluate(spec);
  }

  #hits(
    c: StatementSource,
    page: readonly PageWork[],
    query: IndexQuery,
    own: MatchList | null,
    expansions: MatchList | null,
  ): SearchHit[] {
    if (page.length === 0) return [];
    const wanted = new Set<number>();
    for (const p of page) {
      wanted.add(p.bestDoc);
      wanted.add(p.newestDoc);
      for (const id of p.tiedDocs) wanted.add(id);
    }
    const docs = new Map<number, DocRow>();
    for (const row of c.stmt<[string], DocRow>(DOCS_BY_ID).all(JSON.stringify([...wanted])))
      docs.set(row.id, row);
    const keys = new Map<number, string>();
    const keyRows = c
      .stmt<[string], { num: number; key: string }>(WORK_KEYS)
      .all(JSON.stringify(page.map((p) => p.work)));
    for (const row of keyRows) keys.set(row.num, row.key);

    const best = page.map((p) => {
      if (p.tiedDocs.length < 2) return docs.get(p.bestDoc);
      return smallestRef(p.tiedDocs.flatMap((id) => docs.get(id) ?? []));
    });
    // Which best documents matched only through expansions, and through which.
    const via = new Map<number, string[]>();
    if (expansions !== null && own !== null) {
      const expansionOnly = best.flatMap((row) =>
        row !== undefined && !sortedHas(own.ids, row.id) ? [row.id] : [],
      );
      if (expansionOnly.length > 0) {
        const rows = c
          .stmt<[string], Record<string, string | number>>(TEXT_OF)
          .all(JSON.stringify(expansionOnly));
        const matchers = query.expansions.map((e) => ({ key: e.key, matches: compileTextMatcher(e.expr) }));
        for (const row of rows) {
          const text = new StoredText(SEARCH_COLUMNS.map((column) => String(row[column] ?? '')));
          const keys = matchers.filter((m) => m.matches(text)).map((m) => m.key);
          via.set(Number(row.id), [...new Set(keys)]);
        }
      }
    }
    const hits: SearchHit[] = [];
    page.forEach((p, i) => {
      const row = best[i];
      const workKey = keys.get(p.work);
      if (row === undefined || workKey === undefined) return;
      const date = Number.isNaN(p.dateKey) ? null : (docs.get(p.newestDoc)?.date ?? null);
      const score = own === null ? 0 : p.score;
      hits.push({
        workKey,
        workId: workKey.includes('/') ? null : workKey,
        best: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
        score,
        date,
        via: via.get(row.id) ?? [],
        cursor: { value: query.sort === 'relevance' ? score : date, workKey },
      });
    });
    return hits;
  }

  async members(
    workKeys: readonly string[],
  ): Promise<ReadonlyMap<string, readonly { ref: RecordRef; inLanguage: readonly string[] }[]>> {
    const keys = checkKeys(workKeys, 'workKeys');
    const out = new Map<string, { ref: RecordRef; inLanguage: readonly string[] }[]>();
    if (keys.length === 0) return out;
    const rows = await this.access.read((c) =>
      c.db.transaction(() => {
        this.#mirror.syncValues(c);
        return c
          .stmt<[string], { key: string; source_id: string; source_record_id: string; facets: Buffer }>(
            MEMBERS,
          )
          .all(JSON.stringify(keys));
      })(),
    );
    for (const row of rows) {
      let list = out.get(row.key);
      if (list === undefined) out.set(row.key, (list = []));
      list.push({
        ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
        inLanguage: this.#mirror.facetValues(row.facets, 'inLanguage'),
      });
    }
    for (const list of out.values()) list.sort((a, b) => compareRefs(a.ref, b.ref));
    return out;
  }

  async completeWord(prefix: string, limit: number): Promise<readonly WordSuggestion[]> {
    checkCompletion(prefix, limit);
    if (limit === 0) return [];
    const hi = prefixUpperBound(prefix);
    const rows = await this.access.read((c) =>
      c
        .stmt<[Record<string, unknown>], { word: string; documents: number }>(completeWordSql(hi !== null))
        .all({ lo: prefix, ...(hi === null ? {} : { hi }), limit }),
    );
    return rows.map((r) => ({ word: r.word, documents: r.documents }));
  }

  /**
   * One suggestion per distinct title (its best-quality holder, then the smallest ref), by quality then title.
   * Reads the best-quality documents of the range from the index, more each round, until the titles it returns
   * are all of quality above the last one read: only then can no unread document change them.
   */
  async completeTitle(prefix: string, limit: number): Promise<readonly TitleSuggestion[]> {
    checkCompletion(prefix, limit);
    if (limit === 0) return [];
    const hi = prefixUpperBound(prefix);
    type TitleRow = {
      id: number;
      title: string;
      source_id: string;
      source_record_id: string;
      quality: number;
    };
    const best = await this.access.read((c) =>
      c.db.transaction(() => {
        const range = c.stmt<[Record<string, unknown>], { id: number; quality: number }>(
          titleRangeSql(hi !== null),
        );
        for (let read = Math.max(64, limit * 4); ; read *= 4) {
          const rows = range.all({ lo: prefix, ...(hi === null ? {} : { hi }), limit: read });
          const all = rows.length < read;
          const floor = rows.at(-1)?.quality ?? 0;
          const docs = c.stmt<[string], TitleRow>(TITLES_BY_ID).all(JSON.stringify(rows.map((r) => r.id)));
          const byTitle = new Map<string, TitleRow>();
          for (const doc of docs) {
            const held = byTitle.get(doc.title);
            const ref = { sourceId: doc.source_id, sourceRecordId: doc.source_record_id };
            if (
              held === undefined ||
              doc.quality > held.quality ||
              (doc.quality === held.quality &&
                compareRefs(ref, { sourceId: held.source_id, sourceRecordId: held.source_record_id }) < 0)
            ) {
              byTitle.set(doc.title, doc);
            }
          }
          const ordered = [...byTitle.values()].sort(
            (a, b) => b.quality - a.quality || compareUtf8(a.title, b.title),
          );
          const sure = all ? ordered : ordered.filter((t) => t.quality > floor);
          if (all || sure.length >= limit) return sure.slice(0, limit);
        }
      })(),
    );
    return best.map((r) => ({
      title: r.title,
      ref: { sourceId: r.source_id, sourceRecordId: r.source_record_id },
    }));
  }

  async wordCounts(words: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const distinct = checkKeys(words, 'words');
    const out = new Map<string, number>(distinct.map((w) => [w, 0]));
    if (distinct.length === 0) return out;
    const rows = await this.access.read((c) =>
      c.stmt<[string], { word: string; documents: number }>(WORD_COUNTS).all(JSON.stringify(distinct)),
    );
    for (const row of rows) out.set(row.word, row.documents);
    return out;
  }

  async similarWords(
    word: string,
    maxEdits: number,
    sharedPrefix: number,
    limit: number,
  ): Promise<readonly WordSuggestion[]> {
    checkIndexTerm(word, 'word');
    const prefix = similarWordsPrefix(word, maxEdits, sharedPrefix, limit);
    if (limit === 0) return [];
    const hi = prefixUpperBound(prefix);
    const length = codePointLength(word);
    const rows = await this.access.read((c) =>
      c
        .stmt<[Record<string, unknown>], { word: string; documents: number }>(similarWordSql(hi !== null))
        .all({
          lo: prefix,
          ...(hi === null ? {} : { hi }),
          shortest: Math.max(1, length - maxEdits),
          longest: length + maxEdits,
        }),
    );
    return rankSimilarWords(word, rows, maxEdits, limit);
  }

  async stats(): Promise<SearchIndexStats> {
    const row = await this.access.read((c) =>
      c.stmt<[], { documents: number; works: number; words: number }>(STATS).get(),
    );
    return { documents: row?.documents ?? 0, works: row?.works ?? 0, words: row?.words ?? 0 };
  }
}

/**
 * The search index in the database of a store opened by openSqliteStore, closed with the store (its worker
 * threads too; they also stop on their own once idle).
 */
export function createSqliteSearchIndex(store: Store, options: SqliteSearchIndexOptions = {}): SearchIndex {
  return new SqliteSearchIndex(sqliteAccessOf(store), options);
}
