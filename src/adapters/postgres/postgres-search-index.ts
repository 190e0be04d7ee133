// The SearchIndex port on PostgreSQL, in the store's own database (tables of migration 4) and on the store's
// connections: one row per document in search_docs with a tsvector and a GIN index, work keys and facet values
// as small numbers (search_works, search_facet_values), word counts in search_words. Terms come pre-analyzed:
// documents become tsvector literals and queries tsquery literals (search-text.ts), always bound parameters;
// PostgreSQL's parsers and dictionaries (to_tsvector, to_tsquery) are never used. A search is one statement
// (search-queries.ts). Rules shared with the SQLite adapter (validation, orders, tie-breaks, facet value
// picking, spelling) come from ../shared/search-support.ts, so both engines answer alike.
// Every write holds the index's advisory lock for its transaction, so writers (apply, clear, the store's
// removeSource) never interleave. Must never build SQL from values.
import type { QueryResultRow } from 'pg';
import type { RecordRef } from '../../domain/catalog.js';
import { AtlasError } from '../../domain/errors.js';
import {
  INDEX_FACETS,
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
import { workKeyOf } from '../../search/work-key.js';
import {
  checkCompletion,
  checkIndexQuery,
  checkKeys,
  codePointLength,
  dateSortKey,
  distinctValues,
  pickFacetValues,
  planApply,
  prefixUpperBound,
  rankSimilarWords,
  similarWordsPrefix,
} from '../shared/search-support.js';
import { compareBytes } from '../shared/shaping.js';
import { compareRefs } from '../shared/works.js';
import { postgresAccessOf, type Access, type Query } from './postgres-store.js';
import * as sq from './search-queries.js';
import { anyQuery, arrayLiteral, documentVector, matchQuery, rankQuery } from './search-text.js';

/** Documents per INSERT statement. */
const DOCUMENT_CHUNK = 1_000;
/** Refs per DELETE statement. */
const REF_CHUNK = 5_000;
/** Facet value ids of one facet: FACET_SHIFT bits. */
const MAX_FACET_VALUES = 1 << sq.FACET_SHIFT;

function facetCacheKey(facet: string, value: string): string {
  return `${facet}\u0000${value}`;
}

function refArrays(refs: readonly RecordRef[]): [string[], string[]] {
  return [refs.map((r) => r.sourceId), refs.map((r) => r.sourceRecordId)];
}

/** What apply writes of one document, before work numbers and facet ids are known. */
interface PreparedDocument {
  readonly doc: SearchDocument;
  readonly workKey: string;
  /** [facet, value] in facet order, then document order, each once. */
  readonly facets: readonly (readonly [IndexFacet, string])[];
  readonly words: readonly string[];
  readonly body: string;
}

function prepare(doc: SearchDocument): PreparedDocument {
  return {
    doc,
    workKey: workKeyOf(doc.ref, doc.workId),
    facets: INDEX_FACETS.flatMap((facet) =>
      distinctValues(doc.facets[facet]).map((v) => [facet, v] as const),
    ),
    words: distinctValues(doc.words),
    body: documentVector(doc),
  };
}

/** Column-wise arrays of INSERT_DOCUMENTS for a chunk of documents. */
function documentColumns(
  chunk: readonly PreparedDocument[],
  works: ReadonlyMap<string, number>,
  facetIds: (facet: string, value: string) => number,
): unknown[][] {
  const row = (p: PreparedDocument): unknown[] => [
    p.doc.ref.sourceId,
    p.doc.ref.sourceRecordId,
    works.get(p.workKey),
    p.doc.quality,
    dateSortKey(p.doc.date),
    p.doc.free,
    p.doc.noLogin,
    `{${p.facets.map(([facet, value]) => facetIds(facet, value)).join(',')}}`,
    p.doc.date,
    p.doc.title,
    p.doc.titleKey,
    arrayLiteral(p.words),
    p.body,
  ];
  const columns: unknown[][] = sq.DOCUMENT_COLUMNS.map(() => new Array<unknown>(chunk.length));
  chunk.forEach((p, i) => {
    row(p).forEach((value, c) => {
      const column = columns[c];
      if (column !== undefined) column[i] = value;
    });
  });
  return columns;
}

class PgSearchIndex implements SearchIndex {
  /** Facet value ids known to be committed; ids are never reused, so entries never go stale. */
  readonly #facetIds = new Map<string, number>();

  constructor(private readonly access: Access) {}

  async #read<R extends QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<R[]> {
    return await this.access.read(async (query) => (await query<R>(text, values)).rows);
  }

  /** Runs `work` in one transaction holding the index write lock (the store retries it after a deadlock). */
  async #write<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return await this.access.write(async (query) => {
      await query(sq.INDEX_WRITE_LOCK);
      return await work(query);
    });
  }

  async apply(documents: readonly SearchDocument[], removed: readonly RecordRef[]): Promise<void> {
    // Of two documents with the same ref the last wins; a ref also removed ends removed.
    const { upserts, removals } = planApply(documents, removed);
    const inserts = upserts.map(prepare).sort((a, b) => compareRefs(a.doc.ref, b.doc.ref));
    const refs = [...inserts.map((p) => p.doc.ref), ...removals].sort(compareRefs);
    if (refs.length === 0) return;

    const created = await this.#write(async (query) => {
      const delta = new Map<string, number>();
      for (let i = 0; i < refs.length; i += REF_CHUNK) {
        const { rows } = await query<{ words: string[] }>(
          sq.DELETE_DOCUMENTS,
          refArrays(refs.slice(i, i + REF_CHUNK)),
        );
        for (const row of rows) for (const word of row.words) delta.set(word, (delta.get(word) ?? 0) - 1);
      }
      if (inserts.length === 0) {
        await this.#applyWordCounts(query, delta);
        return new Map<string, number>();
      }
      const works = await this.#workNumbers(query, inserts);
      const { ids, created: newIds } = await this.#facetValueIds(query, inserts);
      const idOf = (facet: string, value: string): number => ids.get(facetCacheKey(facet, value)) ?? 0;
      for (let i = 0; i < inserts.length; i += DOCUMENT_CHUNK) {
        await query(sq.INSERT_DOCUMENTS, documentColumns(inserts.slice(i, i + DOCUMENT_CHUNK), works, idOf));
      }
      for (const p of inserts) for (const word of p.words) delta.set(word, (delta.get(word) ?? 0) + 1);
      await this.#applyWordCounts(query, delta);
      return newIds;
    });
    // Only now committed: cached for later calls.
    for (const [key, id] of created) this.#facetIds.set(key, id);
  }

  async #workNumbers(query: Query, inserts: readonly PreparedDocument[]): Promise<Map<string, number>> {
    const keys = [...new Set(inserts.map((p) => p.workKey))];
    await query(sq.ADD_WORKS, [keys]);
    const works = new Map<string, number>();
    for (const row of (await query<{ num: number; key: string }>(sq.WORK_NUMBERS, [keys])).rows) {
      works.set(row.key, row.num);
    }
    return works;
  }

  /** Ids of every facet value of `inserts`, creating the missing ones (the caller holds the write lock). */
  async #facetValueIds(
    query: Query,
    inserts: readonly PreparedDocument[],
  ): Promise<{ ids: Map<string, number>; created: Map<string, number> }> {
    const ids = new Map<string, number>();
    const created = new Map<string, number>();
    const unknown = new Map<string, readonly [IndexFacet, string]>();
    for (const p of inserts) {
      for (const pair of p.facets) {
        const key = facetCacheKey(pair[0], pair[1]);
        const id = this.#facetIds.get(key);
        if (id !== undefined) ids.set(key, id);
        else unknown.set(key, pair);
      }
    }
    if (unknown.size === 0) return { ids, created };
    const pairs = [...unknown.values()];
    const found = await query<sq.FacetValueRow>(sq.FIND_FACET_VALUES, [
      pairs.map((x) => x[0]),
      pairs.map((x) => x[1]),
    ]);
    for (const row of found.rows) {
      const key = facetCacheKey(row.facet, row.value);
      ids.set(key, row.id);
      created.set(key, row.id);
      unknown.delete(key);
    }
    if (unknown.size === 0) return { ids, created };
    const last = new Map<number, number>();
    for (const row of (await query<{ position: number; id: number }>(sq.LAST_FACET_IDS)).rows) {
      last.set(row.position, row.id);
    }
    const toInsert: [number[], string[], string[]] = [[], [], []];
    for (const [key, [facet, value]] of unknown) {
      const position = sq.FACET_POSITION.get(facet) ?? 0;
      const base = position * MAX_FACET_VALUES;
      const id = (last.get(position) ?? base) + 1;
      if (id >= base + MAX_FACET_VALUES) {
        throw new AtlasError(
          'internal_error',
          `The search index holds too many values of the ${facet} facet.`,
        );
      }
      last.set(position, id);
      ids.set(key, id);
      created.set(key, id);
      toInsert[0].push(id);
      toInsert[1].push(facet);
      toInsert[2].push(value);
    }
    await query(sq.INSERT_FACET_VALUES, toInsert);
    return { ids, created };
  }

  async #applyWordCounts(query: Query, delta: ReadonlyMap<string, number>): Promise<void> {
    const changed = [...delta].filter(([, n]) => n !== 0).sort((a, b) => compareBytes(a[0], b[0]));
    if (changed.length === 0) return;
    await query(sq.ADD_WORD_COUNTS, [changed.map(([w]) => w), changed.map(([, n]) => n)]);
    const emptied = changed.filter(([, n]) => n < 0).map(([w]) => w);
    if (emptied.length > 0) await query(sq.DELETE_EMPTY_WORDS, [emptied]);
  }

  async clear(): Promise<void> {
    await this.#write(async (query) => {
      await query(sq.CLEAR);
    });
  }

  async search(query: IndexQuery): Promise<IndexResult> {
    checkIndexQuery(query);
    const plan = toPlan(query);
    const { text, values } = sq.buildSearch(plan);
    const row = (await this.#read<sq.SearchRow>(text, values))[0];
    if (row === undefined) throw new AtlasError('internal_error', 'The search statement returned no row.');
    const browse = query.match === null;
    const hits: SearchHit[] = row.hits.map((h) => {
      const score = browse ? 0 : h.score;
      return {
        workKey: h.key,
        // Work ids never hold "/"; the key of an ungrouped record always does.
        workId: h.key.includes('/') ? null : h.key,
        best: { sourceId: h.source_id, sourceRecordId: h.source_record_id },
        score,
        date: h.date,
        via: h.via === null ? [] : distinctValues(h.via),
        cursor: { value: query.sort === 'relevance' ? score : h.date, workKey: h.key },
      };
    });
    const counts = new Map<string, Map<string, number>>();
    for (const [facet, value, n] of row.facets) {
      let map = counts.get(facet);
      if (map === undefined) counts.set(facet, (map = new Map<string, number>()));
      map.set(value, n);
    }
    const facets: Partial<Record<IndexFacet, readonly FacetCount[]>> = {};
    for (const facet of plan.facets) {
      facets[facet] = pickFacetValues(
        counts.get(facet) ?? new Map<string, number>(),
        query.facetLimit,
        query.filters[facet],
      );
    }
    return { total: row.total, hits, facets };
  }

  async members(
    workKeys: readonly string[],
  ): Promise<ReadonlyMap<string, readonly { ref: RecordRef; inLanguage: readonly string[] }[]>> {
    const keys = checkKeys(workKeys, 'workKeys');
    const out = new Map<string, { ref: RecordRef; inLanguage: readonly string[] }[]>();
    if (keys.length === 0) return out;
    for (const row of await this.#read<sq.MemberRow>(sq.MEMBERS, [keys])) {
      let list = out.get(row.key);
      if (list === undefined) out.set(row.key, (list = []));
      list.push({
        ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
        inLanguage: row.in_language,
      });
    }
    return out;
  }

  async completeWord(prefix: string, limit: number): Promise<readonly WordSuggestion[]> {
    checkCompletion(prefix, limit);
    if (limit === 0) return [];
    const rows = await this.#read<sq.WordRow>(sq.COMPLETE_WORD, [prefix, prefixUpperBound(prefix), limit]);
    return rows.map((r) => ({ word: r.word, documents: r.documents }));
  }

  async completeTitle(prefix: string, limit: number): Promise<readonly TitleSuggestion[]> {
    checkCompletion(prefix, limit);
    if (limit === 0) return [];
    const rows = await this.#read<sq.TitleRow>(sq.COMPLETE_TITLE, [prefix, prefixUpperBound(prefix), limit]);
    return rows.map((r) => ({
      title: r.title,
      ref: { sourceId: r.source_id, sourceRecordId: r.source_record_id },
    }));
  }

  async wordCounts(words: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const wanted = checkKeys(words, 'words');
    const out = new Map<string, number>(wanted.map((w) => [w, 0]));
    if (wanted.length === 0) return out;
    for (const row of await this.#read<sq.WordRow>(sq.WORD_COUNTS, [wanted]))
      out.set(row.word, row.documents);
    return out;
  }

  async similarWords(
    word: string,
    maxEdits: number,
    sharedPrefix: number,
    limit: number,
  ): Promise<readonly WordSuggestion[]> {
    const prefix = similarWordsPrefix(word, maxEdits, sharedPrefix, limit);
    if (limit === 0) return [];
    const length = codePointLength(word);
    const rows = await this.#read<sq.WordRow>(sq.SIMILAR_WORD_CANDIDATES, [
      prefix,
      prefixUpperBound(prefix),
      Math.max(1, length - maxEdits),
      length + maxEdits,
    ]);
    return rankSimilarWords(word, rows, maxEdits, limit);
  }

  async stats(): Promise<SearchIndexStats> {
    const row = (await this.#read<SearchIndexStats>(sq.STATS))[0];
    return { documents: row?.documents ?? 0, works: row?.works ?? 0, words: row?.words ?? 0 };
  }
}

/** The plan of a validated query: its tsquery literals, filters and paging. */
function toPlan(query: IndexQuery): sq.SearchPlan {
  const base = {
    exclude: query.exclude === null ? null : matchQuery(query.exclude),
    filters: INDEX_FACETS.filter((f) => query.filters[f].length > 0).map((facet) => ({
      facet,
      values: distinctValues(query.filters[facet]),
    })),
    free: query.filters.free,
    noLogin: query.filters.noLogin,
    facets: distinctValues(query.facets) as IndexFacet[],
    sort: query.sort,
    limit: query.limit,
    after:
      query.after === null
        ? null
        : {
            workKey: query.after.workKey,
            value:
              query.sort === 'relevance'
                ? (query.after.value as number)
                : dateSortKey(query.after.value as string | null),
          },
  };
  if (query.match === null) {
    return { ...base, match: null, own: null, ownRank: null, expansionRank: null, expansions: [] };
  }
  const own = matchQuery(query.match);
  const expansions = query.expansions.map((e) => ({ key: e.key, query: matchQuery(e.expr) }));
  return {
    ...base,
    match: expansions.length === 0 ? own : anyQuery([own, ...expansions.map((e) => e.query)]),
    own: expansions.length === 0 ? null : own,
    ownRank: rankQuery([query.match]),
    expansionRank: expansions.length === 0 ? null : rankQuery(query.expansions.map((e) => e.expr)),
    expansions,
  };
}

/**
 * The search index kept in the database of a PostgreSQL store (created by its migration 4), on the store's
 * own connections: it works while the store is open and closes with it.
 */
export function createPostgresSearchIndex(store: Store): SearchIndex {
  return new PgSearchIndex(postgresAccessOf(store));
}
