// The SearchIndex port on SQLite, in the store's own database file (tables of migration 4): an FTS5 table of
// the pre-analyzed terms (search-fts.ts says how terms stay whole), one row per document with its facet value
// ids, work numbers whose ranks order work keys, and suggestion words with document counts (search-write.ts).
// A search is one read transaction: FTS5 finds and scores the matching documents (one statement for the
// user's words, one for the expansions, exclusions folded in with NOT), and SearchMirror (search-mirror.ts)
// filters, counts facets, collapses works and picks the page in one pass over them in memory; then a few
// primary-key reads turn the page into hits.
// Cost model (200k synthetic documents, see the report of the task that built it): FTS5's bm25 costs ~0.7 µs
// per matching document and dominates; the mirror adds ~0.1-0.2 µs; facets and collapse in SQL cost ~2-3 µs.
// Rules shared with the PostgreSQL adapter (validation, orders, facet picking, spelling) come from
// ../shared/search-support.ts. Must never build SQL from values: FTS5 queries are bound parameters.
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
import { compareBytes } from '../shared/shaping.js';
import { compareRefs } from '../shared/works.js';
import {
  checkCompletion,
  checkIndexQuery,
  checkIndexTerm,
  checkKeys,
  codePointLength,
  dateSortKey,
  pickFacetValues,
  planApply,
  prefixUpperBound,
  rankSimilarWords,
  relevanceScore,
  similarWordsPrefix,
} from '../shared/search-support.js';
import { BM25_SQL, compileMatch, matchesText, withoutMatches } from './search-fts.js';
import {
  comesAfter,
  SearchMirror,
  type Evaluation,
  type EvaluationSpec,
  type MatchList,
  type PageWork,
} from './search-mirror.js';
import { clearDocuments, writeDocuments, type FacetIdCache, type StatementSource } from './search-write.js';
import { sqliteAccessOf, type SqliteAccess, type SqliteConnection } from './sqlite-store.js';

// Matches reach JavaScript through an aggregate function that copies each (id, rank) into typed arrays: about
// 0.3 µs per match, against ~1 µs for rows or JSON arrays. (bm25 cannot be an aggregate's argument directly:
// the ORDER BY keeps the subquery from being flattened; FTS5 returns rowid order anyway.)
const COLLECT = 'atlas_collect_matches';
const MATCH_WITH_RANKS = `
SELECT ${COLLECT}(id, r) FROM (
  SELECT rowid AS id, -${BM25_SQL} AS r FROM search_text WHERE search_text MATCH ? ORDER BY rowid)`;
const MATCH_IDS = `SELECT ${COLLECT}(rowid, 0) FROM search_text WHERE search_text MATCH ?`;
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

/** Where the aggregate puts matches; one per process is enough, since a search runs synchronously. */
const collector = {
  ids: new Int32Array(1 << 12),
  ranks: new Float64Array(1 << 12),
  count: 0,
  push(id: number, rank: number): void {
    if (this.count === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      const ranks = new Float64Array(this.ranks.length * 2);
      ranks.set(this.ranks);
      this.ids = ids;
      this.ranks = ranks;
    }
    this.ids[this.count] = id;
    this.ranks[this.count] = rank;
    this.count += 1;
  },
};

const prepared = new WeakSet<object>();

/** The documents matching an FTS5 query, with their ranks when asked. */
function matchList(c: SqliteConnection, query: string, withRanks: boolean): MatchList {
  if (!prepared.has(c.db)) {
    const step = (count: number, id: number, rank: number): number => {
      collector.push(id, rank);
      return count + 1;
    };
    // The typings know one argument per step; SQLite passes both.
    c.db.aggregate(COLLECT, { start: 0, step: step as unknown as (total: number, next: number) => number });
    prepared.add(c.db);
  }
  collector.count = 0;
  c.stmt<[string]>(withRanks ? MATCH_WITH_RANKS : MATCH_IDS)
    .pluck()
    .get(query);
  const n = collector.count;
  return { ids: collector.ids.slice(0, n), ranks: withRanks ? collector.ranks.slice(0, n) : null };
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
  readonly #facetIds: FacetIdCache = new Map();
  /**
   * Browsing (no words) gives the same answer for the same filters, facets and order until the index changes,
   * and costs a pass over every document: the counts and the first works are kept, least recently used out.
   */
  readonly #browse = new Map<string, BrowseEntry>();

  constructor(private readonly access: SqliteAccess) {}

  async apply(documents: readonly SearchDocument[], removed: readonly RecordRef[]): Promise<void> {
    const { upserts, removals } = planApply(documents, removed);
    if (upserts.length === 0 && removals.length === 0) return;
    const created = await this.access.write((c) => writeDocuments(c, upserts, removals, this.#facetIds));
    for (const [key, id] of created) this.#facetIds.set(key, id);
  }

  async clear(): Promise<void> {
    await this.access.write((c) => {
      clearDocuments(c);
    });
  }

  async search(query: IndexQuery): Promise<IndexResult> {
    checkIndexQuery(query);
    return await this.access.read((c) => c.db.transaction(() => this.#search(c, query))());
  }

  #search(c: SqliteConnection, query: IndexQuery): IndexResult {
    const mirror = this.#mirror;
    mirror.sync(c);
    const exclude = query.exclude === null ? null : compileMatch(query.exclude);
    let own: MatchList | null = null;
    let expansions: MatchList | null = null;
    let excluded: Int32Array = new Int32Array(0);
    const ranked = query.sort === 'relevance';
    if (query.match !== null) {
      const words = compileMatch(query.match);
      // Relevance needs every score; date order needs them only to pick each work's best member, so it
      // still reads them (the best member of a work is its best-scoring match on both engines).
      own = matchList(c, withoutMatches(words, exclude === null ? [] : [exclude]), true);
      if (query.expansions.length > 0) {
        // Documents matching the user's words too are skipped in memory (SearchMirror.evaluate): repeating
        // the words under NOT here would make FTS5 read every one of their document lists again for bm25.
        const any = query.expansions.map((e) => `(${compileMatch(e.expr)})`).join(' OR ');
        expansions = matchList(c, withoutMatches(any, exclude === null ? [] : [exclude]), true);
      }
    } else if (exclude !== null) {
      excluded = matchList(c, exclude, false).ids;
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
        for (const row of rows) {
          const columns = SEARCH_COLUMNS.map((column) => {
            const text = String(row[column] ?? '');
            return text === '' ? [] : text.split(' ');
          });
          const keys = query.expansions.filter((e) => matchesText(e.expr, columns)).map((e) => e.key);
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
            (a, b) => b.quality - a.quality || compareBytes(a.title, b.title),
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

/** The search index in the database of a store opened by openSqliteStore (closed with the store). */
export function createSqliteSearchIndex(store: Store): SearchIndex {
  return new SqliteSearchIndex(sqliteAccessOf(store));
}
