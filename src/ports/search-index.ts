// The SearchIndex port: the full-text and facet index of active records, with two adapters side by side
// (adapters/sqlite/sqlite-search-index.ts on FTS5, adapters/postgres/postgres-search-index.ts on tsvector)
// and one contract suite (test/contract/search-index.contract.ts) that both must pass with the same answers.
//
// The index never analyzes text: documents and queries arrive as terms made by src/search/analyzer.ts, so
// both engines see exactly the same tokens (their own tokenizers must keep each term whole: FTS5 gets the
// terms joined by spaces under a tokenizer that only splits at spaces; PostgreSQL gets a tsvector literal with
// positions and weights built from the terms, and tsquery literals, never to_tsvector/to_tsquery).
//
// One document is one active source record. Results are works: documents sharing a work id collapse into one
// hit (a document without a work id is a work of its own), represented by its best-scoring matching member.
// Counts (total and facet counts) count works, not documents.
//
// The index lives in the store's database (migration 4 of both stores creates its tables); the store queues
// every record whose indexed content may have changed (see Store.listQueuedForIndex) and the indexer
// (src/services/search-indexer.ts) turns queued records into documents and calls `apply`.
import type { RecordRef } from '../domain/catalog.js';

/** Text columns of a document, in weight order. */
export const SEARCH_COLUMNS = ['title', 'subjects', 'description', 'exact', 'concepts'] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/**
 * BM25 weight of each column. `exact` holds title and keyword words unfolded and unstemmed (a query word that
 * matches it as typed scores above one that only matches after folding); `concepts` holds concept tokens
 * (see conceptToken in src/search/document.ts) and is queried only by cross-language expansion.
 */
export const COLUMN_WEIGHTS: Readonly<Record<SearchColumn, number>> = {
  title: 10,
  subjects: 5,
  description: 2,
  exact: 4,
  concepts: 3,
};

/** Facets counted and filtered on; every value is a canonical string as the normalizers store it. */
export const INDEX_FACETS = [
  'inLanguage',
  'license',
  'level',
  'field',
  'type',
  'accessibility',
  'source',
  'country',
] as const;
export type IndexFacet = (typeof INDEX_FACETS)[number];

export interface SearchDocument {
  readonly ref: RecordRef;
  readonly workId: string | null;
  /** Terms of each column in reading order; a term's position is its index. Every term is non-empty and has
   * no space. Values of a multi-valued field are concatenated. */
  readonly text: Readonly<Record<SearchColumn, readonly string[]>>;
  /** Distinct canonical values per facet (a record may have several languages, levels...). */
  readonly facets: Readonly<Record<IndexFacet, readonly string[]>>;
  readonly free: boolean | null;
  readonly noLogin: boolean | null;
  /** The date results are sorted by when sort=date (ISO 8601, at least YYYY-MM-DD), or null. */
  readonly date: string | null;
  /** Metadata quality 0..1; a mild ranking signal. */
  readonly quality: number;
  /** The title shown by suggestions (first name, as written, at most 200 characters). */
  readonly title: string;
  /** The title folded for prefix completion (src/search/analyzer.ts foldTerm of the whole title, spaces kept). */
  readonly titleKey: string;
  /** Distinct words offered as completions and spelling corrections: the `exact` terms. */
  readonly words: readonly string[];
}

/**
 * A match expression over the columns. `term` matches a column containing the term (or, with prefix, any
 * term starting with it); `phrase` matches the terms at consecutive positions of one column. There is no
 * `not`: exclusions are a separate part of the query (IndexQuery.exclude).
 */
export type MatchExpr =
  | {
      readonly kind: 'term';
      readonly term: string;
      readonly columns: readonly SearchColumn[];
      readonly prefix?: boolean;
    }
  | { readonly kind: 'phrase'; readonly terms: readonly string[]; readonly columns: readonly SearchColumn[] }
  | { readonly kind: 'and'; readonly nodes: readonly MatchExpr[] }
  | { readonly kind: 'or'; readonly nodes: readonly MatchExpr[] };

/** Another way to reach documents, scored below the user's own words (cross-language concept expansion). */
export interface Expansion {
  /** Stable key returned in SearchHit.via (e.g. "unesco:concept123"). */
  readonly key: string;
  readonly expr: MatchExpr;
}

export type IndexFilters = Readonly<Record<IndexFacet, readonly string[]>> & {
  readonly free: boolean | null;
  readonly noLogin: boolean | null;
};

export interface IndexQuery {
  /** The user's words; null matches every document (browse). */
  readonly match: MatchExpr | null;
  /** Expansions: a document matching one of them is a result too, scored EXPANSION_FACTOR times its score
   * for the expansion. Ignored when `match` is null. */
  readonly expansions: readonly Expansion[];
  /** Documents matching this are never results. */
  readonly exclude: MatchExpr | null;
  /** Values of one facet are OR-ed, facets AND-ed; an empty list does not filter. */
  readonly filters: IndexFilters;
  /** Facets to count. Each count applies every filter except the facet's own. */
  readonly facets: readonly IndexFacet[];
  /** Most values returned per facet (by count, then value); selected values are always returned. */
  readonly facetLimit: number;
  /** relevance: score desc; date: date desc (null last). Ties: work key ascending. */
  readonly sort: 'relevance' | 'date';
  readonly limit: number;
  /** The `cursor` of the previous page's last hit; results strictly after it. */
  readonly after: IndexCursor | null;
}

/** Position of a hit in the sort order. */
export interface IndexCursor {
  /** Score (relevance) or date (date sort; null sorts last). */
  readonly value: number | string | null;
  readonly workKey: string;
}

/** Score of an expansion-only match relative to a match on the user's own words. */
export const EXPANSION_FACTOR = 0.5;

/** A work in the results. */
export interface SearchHit {
  /** The work id, or "SOURCE_ID/SOURCE_RECORD_ID" (encodeURIComponent on each part) for an ungrouped record. */
  readonly workKey: string;
  readonly workId: string | null;
  /** The best-scoring matching document of the work. */
  readonly best: RecordRef;
  /** Larger is better; comparable within one query only. 0 when match is null. */
  readonly score: number;
  readonly date: string | null;
  /** Keys of the expansions through which the best document matched, when it did not match the user's own
   * words; empty otherwise. */
  readonly via: readonly string[];
  readonly cursor: IndexCursor;
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export interface IndexResult {
  /** Works matching query and filters. */
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly facets: Readonly<Partial<Record<IndexFacet, readonly FacetCount[]>>>;
}

export interface WordSuggestion {
  readonly word: string;
  /** Documents holding it. */
  readonly documents: number;
}

export interface TitleSuggestion {
  readonly title: string;
  readonly ref: RecordRef;
}

export interface SearchIndexStats {
  readonly documents: number;
  readonly works: number;
  readonly words: number;
}

export interface SearchIndex {
  /** Inserts or replaces `documents` (by ref) and removes `removed`, in one transaction. */
  apply(documents: readonly SearchDocument[], removed: readonly RecordRef[]): Promise<void>;
  /** Removes every document (before a rebuild). */
  clear(): Promise<void>;
  search(query: IndexQuery): Promise<IndexResult>;
  /** The members (documents) of works, for "available from N sources / in K languages". */
  members(
    workKeys: readonly string[],
  ): Promise<ReadonlyMap<string, readonly { ref: RecordRef; inLanguage: readonly string[] }[]>>;
  /** Words starting with `prefix` (an exact term), most documents first, then alphabetically. */
  completeWord(prefix: string, limit: number): Promise<readonly WordSuggestion[]>;
  /** Titles whose titleKey starts with `prefix`, by quality desc then title. */
  completeTitle(prefix: string, limit: number): Promise<readonly TitleSuggestion[]>;
  /** Document counts of words (exact terms); absent words count 0. */
  wordCounts(words: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /** Words within edit distance `maxEdits` of `word` that share its first `sharedPrefix` characters. */
  similarWords(
    word: string,
    maxEdits: number,
    sharedPrefix: number,
    limit: number,
  ): Promise<readonly WordSuggestion[]>;
  stats(): Promise<SearchIndexStats>;
}
