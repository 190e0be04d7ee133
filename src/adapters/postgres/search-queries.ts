// Every SQL statement of the PostgreSQL search index (tables of migration 4: search_docs, search_works,
// search_facet_values, search_words), and the builder of the one statement a search runs. Shared by the index
// adapter and by the store, which removes a source's documents when it removes the source. Never builds SQL
// from values: values are bound parameters; only column names, numbers and operators chosen here are spliced.
import { INDEX_FACETS, type IndexFacet } from '../../ports/search-index.js';
import { BODY_RANK_WEIGHTS, EXACT_RANK_WEIGHTS, type RankQuery } from './search-text.js';

/** The advisory lock every writer of the index holds for its transaction ("OERA" and 2). */
export const INDEX_WRITE_LOCK = `SELECT pg_advisory_xact_lock(1330926145, 2)`;

/** A facet value id carries its facet's position in INDEX_FACETS in the bits above FACET_SHIFT. */
export const FACET_SHIFT = 24;
export const FACET_POSITION: ReadonlyMap<string, number> = new Map(INDEX_FACETS.map((f, i) => [f, i]));

// ---- writes -------------------------------------------------------------------------------------------------

export interface FacetValueRow {
  id: number;
  facet: string;
  value: string;
}
/** $1 facets, $2 values (pairwise). */
export const FIND_FACET_VALUES = `
SELECT v.id, v.facet, v.value FROM search_facet_values v
JOIN unnest($1::text[], $2::text[]) AS u (facet, value) ON v.facet = u.facet AND v.value = u.value`;
/** The highest id of each facet position. */
export const LAST_FACET_IDS = `SELECT (id >> ${FACET_SHIFT}) AS position, max(id) AS id FROM search_facet_values GROUP BY 1`;
/** $1 ids, $2 facets, $3 values. */
export const INSERT_FACET_VALUES = `
INSERT INTO search_facet_values (id, facet, value) SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`;

/** $1 work keys: adds the missing ones, in byte order (writers hold the index lock, but keep one order anyway). */
export const ADD_WORKS = `
INSERT INTO search_works (key) SELECT k FROM unnest($1::text[]) AS u (k) ORDER BY k COLLATE "C"
ON CONFLICT (key) DO NOTHING`;
export const WORK_NUMBERS = `SELECT num, key FROM search_works WHERE key = ANY ($1::text[])`;

/** $1 source ids, $2 record ids (pairwise): removes those documents and returns the words they held. */
export const DELETE_DOCUMENTS = `
DELETE FROM search_docs d USING unnest($1::text[], $2::text[]) AS u (source_id, source_record_id)
WHERE d.source_id = u.source_id AND d.source_record_id = u.source_record_id
RETURNING d.words`;

/** One array parameter per column, in this order; vectors and arrays arrive as literals and are cast. */
export const DOCUMENT_COLUMNS = [
  'source_id',
  'source_record_id',
  'work',
  'quality',
  'date_key',
  'free',
  'no_login',
  'facets',
  'date',
  'title',
  'title_key',
  'words',
  'body',
] as const;
const ARRAY_TYPE = [
  'text',
  'text',
  'int',
  'float8',
  'float8',
  'boolean',
  'boolean',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
];
const CAST: Partial<Record<(typeof DOCUMENT_COLUMNS)[number], string>> = {
  facets: '::int[]',
  words: '::text[]',
  body: '::tsvector',
};
export const INSERT_DOCUMENTS = `
INSERT INTO search_docs (${DOCUMENT_COLUMNS.join(', ')})
SELECT ${DOCUMENT_COLUMNS.map((c) => `u.${c}${CAST[c] ?? ''}`).join(', ')}
FROM unnest(${DOCUMENT_COLUMNS.map((_, i) => `$${i + 1}::${ARRAY_TYPE[i] ?? 'text'}[]`).join(', ')})
  AS u (${DOCUMENT_COLUMNS.join(', ')})
ORDER BY u.source_id COLLATE "C", u.source_record_id COLLATE "C"`;

/**
 * Adds $2 to the document count of each word of $1 (negative to take away), in byte order so that concurrent
 * writers lock rows in one order. A count that reaches 0 is removed by DELETE_EMPTY_WORDS.
 */
export const ADD_WORD_COUNTS = `
INSERT INTO search_words (word, documents)
SELECT u.word, u.n FROM unnest($1::text[], $2::integer[]) AS u (word, n) ORDER BY u.word COLLATE "C"
ON CONFLICT (word) DO UPDATE SET documents = search_words.documents + excluded.documents`;
export const DELETE_EMPTY_WORDS = `DELETE FROM search_words WHERE word = ANY ($1::text[]) AND documents <= 0`;

/** Facet value ids stay, like SQLite's: they are never reused, so caches of them never go stale. */
export const CLEAR = `TRUNCATE search_docs, search_works, search_words`;

/**
 * Removes a source's documents ($1) and takes their words off the counts; returns the words left with no
 * document, which DELETE_EMPTY_WORDS then removes.
 */
export const DELETE_SOURCE_DOCUMENTS = `
WITH gone AS (DELETE FROM search_docs WHERE source_id = $1 RETURNING words),
delta AS (SELECT w.word, count(*)::int AS n FROM gone, unnest(gone.words) AS w (word) GROUP BY w.word),
changed AS (
  UPDATE search_words s SET documents = s.documents - delta.n FROM delta WHERE s.word = delta.word
  RETURNING s.word, s.documents)
SELECT coalesce(array_agg(word), '{}') AS empty FROM changed WHERE documents <= 0`;

// ---- reads --------------------------------------------------------------------------------------------------

export interface MemberRow {
  key: string;
  source_id: string;
  source_record_id: string;
  in_language: string[];
}
/** Members of works ($1 keys) with their languages in document order. */
export const MEMBERS = `
SELECT w.key, d.source_id, d.source_record_id,
       ARRAY(SELECT v.value FROM unnest(d.facets) WITH ORDINALITY AS f (id, n)
             JOIN search_facet_values v ON v.id = f.id
             WHERE f.id >> ${FACET_SHIFT} = ${FACET_POSITION.get('inLanguage') ?? 0} ORDER BY f.n) AS in_language
FROM search_works w JOIN search_docs d ON d.work = w.num
WHERE w.key = ANY ($1::text[])
ORDER BY w.key, d.source_id COLLATE "C", d.source_record_id`;

export interface WordRow {
  word: string;
  documents: number;
}
/** $1 prefix, $2 upper bound or null (none), $3 limit. */
export const COMPLETE_WORD = `
SELECT word, documents FROM search_words
WHERE word >= $1 AND ($2::text IS NULL OR word < $2::text)
ORDER BY documents DESC, word LIMIT $3`;
export const WORD_COUNTS = `SELECT word, documents FROM search_words WHERE word = ANY ($1::text[])`;
/** $1 prefix, $2 upper bound or null, $3 and $4 the shortest and longest length in code points. */
export const SIMILAR_WORD_CANDIDATES = `
SELECT word, documents FROM search_words
WHERE word >= $1 AND ($2::text IS NULL OR word < $2::text) AND char_length(word) BETWEEN $3 AND $4`;

export interface TitleRow {
  title: string;
  source_id: string;
  source_record_id: string;
}
/** $1 prefix, $2 upper bound or null, $3 limit: each distinct title once, by its best-quality holder. */
export const COMPLETE_TITLE = `
SELECT title, source_id, source_record_id FROM (
  SELECT DISTINCT ON (title) title, quality, source_id, source_record_id FROM search_docs
  WHERE title_key >= $1 AND ($2::text IS NULL OR title_key < $2::text)
  ORDER BY title, quality DESC, source_id COLLATE "C", source_record_id) AS t
ORDER BY quality DESC, title LIMIT $3`;

export const STATS = `
SELECT (SELECT count(*) FROM search_docs)::int AS documents,
       (SELECT count(DISTINCT work) FROM search_docs)::int AS works,
       (SELECT count(*) FROM search_words)::int AS words`;

// ---- search -------------------------------------------------------------------------------------------------

/** A search, reduced to what its SQL depends on; values are bound by the builder. */
export interface SearchPlan {
  /** tsquery literal of everything that can match (own words and expansions), or null (browse). */
  readonly match: string | null;
  /** tsquery literal of the own words, when expansions exist too. */
  readonly own: string | null;
  readonly ownRank: RankQuery | null;
  readonly expansionRank: RankQuery | null;
  /** tsquery literals of the expansions, with their keys, for `via`. */
  readonly expansions: readonly { readonly key: string; readonly query: string }[];
  readonly exclude: string | null;
  readonly filters: readonly { readonly facet: IndexFacet; readonly values: readonly string[] }[];
  readonly free: boolean | null;
  readonly noLogin: boolean | null;
  readonly facets: readonly IndexFacet[];
  readonly sort: 'relevance' | 'date';
  readonly limit: number;
  /** Where the previous page ended: its score (relevance) or date key (date, null for none) and work key. */
  readonly after: { readonly value: number | null; readonly workKey: string } | null;
}

export interface SearchRow {
  total: number;
  hits: {
    key: string;
    score: number;
    source_id: string;
    source_record_id: string;
    date: string | null;
    via: string[] | null;
  }[];
  /** [facet, value, works] of every value met in the counted facets. */
  facets: [string, string, number][];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** rank(own words or expansions) as float8: the per-term sum described in search-text.ts. */
function rankSql(rank: RankQuery, p: Params): string {
  const parts: string[] = [];
  if (rank.body !== null) {
    parts.push(
      `ts_rank('${BODY_RANK_WEIGHTS}', d.body, ${p.add(rank.body, '::tsquery')})::float8 * ${rank.bodySize}`,
    );
  }
  if (rank.exact !== null) {
    parts.push(
      `ts_rank('${EXACT_RANK_WEIGHTS}', d.body, ${p.add(rank.exact, '::tsquery')})::float8 * ${rank.exactSize}`,
    );
  }
  return parts.length === 0 ? '0::float8' : `(${parts.join(' + ')})`;
}

const QUALITY_FACTOR = '(0.9::float8 + 0.2::float8 * d.quality)';
/**
 * The one statement a search runs. `m` holds the matching documents as numbers (id, work, score, date key, the
 * bits of the counted facets whose filter the document fails, facet value ids): every document passing all
 * filters, and, for facet counts, those failing only the filter of one counted facet. `hits` collapses them
 * into works by hashing (each work's best score and newest date key); the page takes the works above the
 * cursor in (value desc, key) order, reading keys only for works that can be on it; only then are the page's
 * best members and dates looked up. Total and facet counts (one pass over m for every facet) come back in the
 * same row as JSON.
 */
export function buildSearch(plan: SearchPlan): { text: string; values: unknown[] } {
  const p = new Params();
  const where: string[] = [];
  if (plan.match !== null) where.push(`d.body @@ ${p.add(plan.match, '::tsquery')}`);
  if (plan.exclude !== null) where.push(`NOT (d.body @@ ${p.add(plan.exclude, '::tsquery')})`);
  if (plan.free !== null) where.push(`d.free = ${p.add(plan.free)}`);
  if (plan.noLogin !== null) where.push(`d.no_login = ${p.add(plan.noLogin)}`);

  // Filters on counted facets become bits of `fail` (a document failing one of them still counts for that
  // facet); the others restrict `m` directly, through the GIN index on facets.
  const failBits: string[] = [];
  for (const filter of plan.filters) {
    const position = FACET_POSITION.get(filter.facet) ?? 0;
    const ids = `(SELECT coalesce(array_agg(id), '{}') FROM search_facet_values
                  WHERE facet = ${p.add(filter.facet, '::text')} AND value = ANY (${p.add(filter.values, '::text[]')}))`;
    if (plan.facets.includes(filter.facet)) {
      failBits.push(`CASE WHEN d.facets && ${ids} THEN 0 ELSE ${1 << position} END`);
    } else {
      where.push(`d.facets && ${ids}`);
    }
  }
  const fail = failBits.length === 0 ? '0' : failBits.join(' + ');
  if (failBits.length > 1) where.push(`((${fail}) & ((${fail}) - 1)) = 0`);

  let score = '0::float8';
  if (plan.match !== null && plan.ownRank !== null) {
    const own = `${rankSql(plan.ownRank, p)} * ${QUALITY_FACTOR}`;
    if (plan.own !== null && plan.expansionRank !== null) {
      const expanded = `0.5::float8 * ${rankSql(plan.expansionRank, p)} * ${QUALITY_FACTOR}`;
      score = `CASE WHEN d.body @@ ${p.add(plan.own, '::tsquery')} THEN ${own} ELSE ${expanded} END`;
    } else {
      score = own;
    }
  }
  // Scores of documents that only serve facet counts are never read: not computed.
  const scoreColumn = failBits.length === 0 ? score : `CASE WHEN (${fail}) = 0 THEN ${score} END`;
  const counted = plan.facets.map((f) => FACET_POSITION.get(f) ?? 0);

  const m = `
m AS MATERIALIZED (
  SELECT d.id, d.work, d.date_key, ${scoreColumn} AS score, ${fail} AS fail${counted.length > 0 ? ', d.facets' : ''}
  FROM search_docs d
  ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`})`;

  // sv: the value hits sort by, descending: the score, or the date key with no date below every date.
  // One hash aggregation over m: per work, its members in m and (over the members passing every filter) its
  // best score and sort value; hits are the works with such a member.
  const svAll = plan.sort === 'relevance' ? 'max(score)' : `max(date_key) FILTER (WHERE fail = 0)`;
  const hits = `
works AS MATERIALIZED (
  SELECT work, count(*) AS members, bool_or(fail = 0) AS hit, max(score) AS score, ${svAll} AS sv
  FROM m GROUP BY work),
hits AS MATERIALIZED (
  SELECT work, score, ${plan.sort === 'relevance' ? 'sv' : `coalesce(sv, '-Infinity'::float8)`} AS sv
  FROM works WHERE hit)`;

  const limit = p.add(plan.limit, '::int');
  let page: string;
  if (plan.match === null && plan.sort === 'relevance') {
    // Every score is 0: the order is the key order, which the works' key index walks.
    const after = plan.after === null ? '' : `WHERE w.key > ${p.add(plan.after.workKey, '::text')}`;
    page = `
page AS MATERIALIZED (
  SELECT h.work, h.score, h.sv, w.key FROM search_works w JOIN hits h ON h.work = w.num
  ${after} ORDER BY w.key LIMIT ${limit})`;
  } else {
    // Keys are read only for works that can be on the page: those tied with the cursor, and those at or above
    // the page's lowest value.
    let top = `SELECT sv FROM hits ORDER BY sv DESC LIMIT ${limit}`;
    let onPage = `h.sv >= (SELECT min(sv) FROM top)`;
    if (plan.after !== null) {
      const value = p.add(plan.after.value ?? Number.NEGATIVE_INFINITY, '::float8');
      const key = p.add(plan.after.workKey, '::text');
      top = `SELECT sv FROM hits WHERE sv < ${value} ORDER BY sv DESC LIMIT ${limit}`;
      onPage = `((h.sv = ${value} AND w.key > ${key}) OR (h.sv < ${value} AND h.sv >= (SELECT min(sv) FROM top)))`;
    }
    page = `
top AS (${top}),
page AS MATERIALIZED (
  SELECT h.work, h.score, h.sv, w.key FROM hits h JOIN search_works w ON w.num = h.work
  WHERE ${onPage} ORDER BY h.sv DESC, w.key LIMIT ${limit})`;
  }

  // Expansions a best member matched through, when it missed the own words.
  let via = 'NULL::text[]';
  if (plan.own !== null && plan.expansions.length > 0) {
    const own = p.add(plan.own, '::tsquery');
    const each = plan.expansions.map(
      (e) => `CASE WHEN d.body @@ ${p.add(e.query, '::tsquery')} THEN ${p.add(e.key, '::text')} END`,
    );
    via = `CASE WHEN d.body @@ ${own} THEN NULL ELSE array_remove(ARRAY[${each.join(', ')}], NULL) END`;
  }
  const members = `
best AS (
  SELECT DISTINCT ON (m.work) m.work, d.source_id, d.source_record_id, ${via} AS via
  FROM page JOIN m ON m.work = page.work JOIN search_docs d ON d.id = m.id
  WHERE m.fail = 0
  ORDER BY m.work, m.score DESC, m.date_key DESC NULLS LAST, d.source_id COLLATE "C", d.source_record_id),
newest AS (
  SELECT DISTINCT ON (m.work) m.work, d.date
  FROM page JOIN m ON m.work = page.work JOIN search_docs d ON d.id = m.id
  WHERE m.fail = 0 AND m.date_key IS NOT NULL
  ORDER BY m.work, m.date_key DESC, d.source_id COLLATE "C", d.source_record_id)`;

  // Facet counts count works. Most works have one member in `m`: their (value, work) pairs are counted as
  // they come; only the pairs of works with several members are made distinct. Conditions sit in FILTER
  // clauses, which leave the planner's row estimates whole, so it aggregates by hashing rather than sorting.
  const countedParam = counted.length === 0 ? '' : p.add(counted, '::int[]');
  const passes = `(fail & ~(1 << (id >> ${FACET_SHIFT}))) = 0`;
  // unnest in the select list: a set-returning projection costs far less per row than a lateral function scan.
  const facetCounts =
    counted.length === 0
      ? `'[]'::json`
      : `(SELECT coalesce(json_agg(json_build_array(v.facet, v.value, c.n)), '[]')
    FROM (SELECT id, sum(n)::int AS n FROM (
            SELECT id, count(*) FILTER (WHERE ${passes}) AS n
            FROM (SELECT unnest(m.facets) AS id, m.fail FROM m WHERE m.work NOT IN (SELECT work FROM multi)) AS one
            GROUP BY id
            UNION ALL
            SELECT id, count(DISTINCT work) FILTER (WHERE ${passes}) AS n
            FROM (SELECT unnest(m.facets) AS id, m.fail, m.work FROM m WHERE m.work IN (SELECT work FROM multi)) AS several
            GROUP BY id) AS parts
          WHERE (id >> ${FACET_SHIFT}) = ANY (${countedParam})
          GROUP BY id HAVING sum(n) > 0) AS c
    JOIN search_facet_values v ON v.id = c.id)`;
  const multi =
    counted.length === 0
      ? ''
      : `,
multi AS MATERIALIZED (SELECT work FROM works WHERE members > 1)`;

  const text = `
WITH ${m},
${hits},
${page},
${members}${multi}
SELECT (SELECT count(*) FROM hits)::int AS total,
       (SELECT coalesce(json_agg(json_build_object('key', page.key, 'score', page.score,
                 'source_id', best.source_id, 'source_record_id', best.source_record_id,
                 'date', newest.date, 'via', best.via) ORDER BY page.sv DESC, page.key), '[]')
        FROM page JOIN best ON best.work = page.work LEFT JOIN newest ON newest.work = page.work) AS hits,
       ${facetCounts} AS facets`;
  return { text, values: p.values };
}
