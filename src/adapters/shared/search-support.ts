// Pure rules both SearchIndex adapters (sqlite-search-index.ts on FTS5, postgres-search-index.ts on tsvector)
// apply identically, so the contract suite sees one behaviour: validation of documents and queries, the
// relevance formula, the order of hits and members, keyset cursor comparison, facet value selection, prefix
// ranges in byte order and the edit distance behind similarWords. Never performs I/O, never imports a driver.
//
// Decisions both engines follow (the port leaves them open):
// - A document matching the user's own words scores relevanceScore(rank, quality); one matching only the
//   expansions scores EXPANSION_FACTOR x relevanceScore(its rank against the OR of every expansion, quality).
// - The best member of a work is the highest score, then the newest date (null last), then the smallest ref.
// - Dates are compared by dateSortKey (the instant they name), on both engines.
// - A work's date (SearchHit.date, what sort=date orders by) is the newest date among its matching members,
//   so date order does not depend on engine-specific scores. The work's score is its best member's.
// - apply: of two documents with the same ref the last wins; a ref both given and removed ends removed.
// - members: work keys without indexed members are absent from the map; members come in ref order with
//   their languages in document order.
// - similarWords never returns the word itself; it orders by distance, then documents desc, then word.
// - completeTitle returns each distinct title once (its best-quality holder, then smallest ref).
import { AtlasError } from '../../domain/errors.js';
import type { RecordRef } from '../../domain/catalog.js';
import {
  INDEX_FACETS,
  SEARCH_COLUMNS,
  type FacetCount,
  type IndexCursor,
  type IndexFilters,
  type IndexQuery,
  type MatchExpr,
  type SearchColumn,
  type SearchDocument,
} from '../../ports/search-index.js';
import { compareBytes } from './shaping.js';
import { refKey } from './works.js';

/** Most hits per page, facet values per facet, suggestions per call, keys per members/wordCounts call. */
export const MAX_INDEX_LIMIT = 1_000;
export const MAX_FACET_LIMIT = 1_000;
export const MAX_SUGGESTIONS = 1_000;
export const MAX_KEYS_PER_CALL = 10_000;
/** Longest term either index accepts, in UTF-16 code units (the analyzer cuts at 64). */
export const MAX_INDEX_TERM_LENGTH = 256;
/** Most term occurrences in one query (match, expansions and exclude together). */
export const MAX_QUERY_TERMS = 1_024;
/** Most expansions in one query. */
export const MAX_EXPANSIONS = 256;
/** Most edits similarWords searches within. */
export const MAX_EDITS = 3;

const SEARCH_COLUMN_SET: ReadonlySet<string> = new Set(SEARCH_COLUMNS);
const FACET_SET: ReadonlySet<string> = new Set(INDEX_FACETS);
/** Spaces and control characters: both engines split or choke on them, so no term may hold one. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const TERM_BREAK = /[\u0000-\u0020\u007f]/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}/;

/** Array.isArray without narrowing the caller's typed value to any[]. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function invalid(field: string, message: string): AtlasError {
  return new AtlasError('invalid_parameter', `${field} ${message}`, { details: { field } });
}

/** A term of a document or a query: non-empty, no space or control character, at most 256 code units. */
export function checkIndexTerm(term: unknown, field: string): string {
  if (typeof term !== 'string' || term.length === 0) throw invalid(field, 'must be a non-empty term');
  if (term.length > MAX_INDEX_TERM_LENGTH) {
    throw invalid(field, `must be at most ${MAX_INDEX_TERM_LENGTH} characters long`);
  }
  if (TERM_BREAK.test(term)) throw invalid(field, 'must not contain spaces or control characters');
  return term;
}

/**
 * checkIndexTerm on every term of a list: the lengths one by one, the characters with one test of the joined
 * terms (documents hold hundreds of terms); a list that fails is checked term by term for the exact error.
 */
function checkIndexTerms(terms: readonly unknown[], field: string): void {
  let fine = true;
  for (let i = 0; i < terms.length && fine; i += 1) {
    const term = terms[i];
    fine = typeof term === 'string' && term.length > 0 && term.length <= MAX_INDEX_TERM_LENGTH;
  }
  if (fine && !TERM_BREAK.test((terms as readonly string[]).join(''))) return;
  for (const term of terms) checkIndexTerm(term, field);
}

function checkColumns(columns: readonly SearchColumn[], field: string): void {
  if (!isList(columns) || columns.length === 0) throw invalid(field, 'must name at least one column');
  for (const column of columns) {
    if (!SEARCH_COLUMN_SET.has(column)) throw invalid(field, `names an unknown column "${column}"`);
  }
}

/** Checks a match expression and returns how many term occurrences it holds. */
export function checkMatchExpr(expr: MatchExpr, field: string, depth = 0): number {
  if (depth > 32) throw invalid(field, 'is nested too deeply');
  switch (expr.kind) {
    case 'term':
      checkIndexTerm(expr.term, `${field}.term`);
      checkColumns(expr.columns, `${field}.columns`);
      return 1;
    case 'phrase':
      if (!isList(expr.terms) || expr.terms.length === 0) throw invalid(field, 'holds an empty phrase');
      for (const term of expr.terms) checkIndexTerm(term, `${field}.terms`);
      checkColumns(expr.columns, `${field}.columns`);
      return expr.terms.length;
    case 'and':
    case 'or': {
      if (!isList(expr.nodes) || expr.nodes.length === 0) throw invalid(field, `holds an empty ${expr.kind}`);
      let terms = 0;
      for (const node of expr.nodes) terms += checkMatchExpr(node, field, depth + 1);
      return terms;
    }
    default:
      throw invalid(field, 'is not a match expression');
  }
}

function checkWhole(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  }
}

function checkFilters(filters: IndexFilters): void {
  for (const facet of INDEX_FACETS) {
    const values = filters[facet] as readonly unknown[] | undefined;
    if (!Array.isArray(values)) throw invalid(`filters.${facet}`, 'must be a list of values');
    for (const value of values) {
      if (typeof value !== 'string') throw invalid(`filters.${facet}`, 'must hold strings');
    }
  }
  for (const flag of ['free', 'noLogin'] as const) {
    const value = filters[flag] as unknown;
    if (value !== null && typeof value !== 'boolean')
      throw invalid(`filters.${flag}`, 'must be true, false or null');
  }
}

/** Checks a whole query before either engine runs it; a bad one is a caller bug and fails loudly. */
export function checkIndexQuery(query: IndexQuery): void {
  let terms = 0;
  if (query.match !== null) terms += checkMatchExpr(query.match, 'match');
  if (query.exclude !== null) terms += checkMatchExpr(query.exclude, 'exclude');
  if (!isList(query.expansions)) throw invalid('expansions', 'must be a list');
  if (query.expansions.length > MAX_EXPANSIONS)
    throw invalid('expansions', `may hold at most ${MAX_EXPANSIONS}`);
  for (const expansion of query.expansions) {
    if (typeof expansion.key !== 'string' || expansion.key === '')
      throw invalid('expansions.key', 'must be a non-empty string');
    terms += checkMatchExpr(expansion.expr, 'expansions.expr');
  }
  if (terms > MAX_QUERY_TERMS) throw invalid('match', `may hold at most ${MAX_QUERY_TERMS} terms in all`);
  checkFilters(query.filters);
  if (!isList(query.facets)) throw invalid('facets', 'must be a list');
  for (const facet of query.facets) {
    if (!FACET_SET.has(facet)) throw invalid('facets', `names an unknown facet "${facet}"`);
  }
  checkWhole(query.facetLimit, 'facetLimit', 0, MAX_FACET_LIMIT);
  if (query.sort !== 'relevance' && query.sort !== 'date') throw invalid('sort', 'must be relevance or date');
  checkWhole(query.limit, 'limit', 0, MAX_INDEX_LIMIT);
  if (query.after !== null) checkCursor(query.after, query.sort);
}

function checkCursor(cursor: IndexCursor, sort: IndexQuery['sort']): void {
  if (typeof cursor.workKey !== 'string') throw invalid('after.workKey', 'must be a string');
  if (sort === 'relevance') {
    if (typeof cursor.value !== 'number' || !Number.isFinite(cursor.value)) {
      throw invalid('after.value', 'must be a finite number for sort=relevance');
    }
  } else if (cursor.value !== null && typeof cursor.value !== 'string') {
    throw invalid('after.value', 'must be a date or null for sort=date');
  }
}

/** Checks one document before either engine stores it. */
export function checkSearchDocument(doc: SearchDocument): void {
  if (
    typeof doc.ref.sourceId !== 'string' ||
    doc.ref.sourceId === '' ||
    typeof doc.ref.sourceRecordId !== 'string' ||
    doc.ref.sourceRecordId === ''
  ) {
    throw invalid('documents.ref', 'must name a record by sourceId and sourceRecordId');
  }
  if (
    doc.workId !== null &&
    (typeof doc.workId !== 'string' || doc.workId === '' || doc.workId.includes('/'))
  ) {
    throw invalid('documents.workId', 'must be null or a work id without "/"');
  }
  for (const column of SEARCH_COLUMNS) {
    const terms = doc.text[column] as readonly unknown[] | undefined;
    if (!Array.isArray(terms)) throw invalid(`documents.text.${column}`, 'must be a list of terms');
    checkIndexTerms(terms, `documents.text.${column}`);
  }
  for (const facet of INDEX_FACETS) {
    const values = doc.facets[facet] as readonly unknown[] | undefined;
    if (!Array.isArray(values)) throw invalid(`documents.facets.${facet}`, 'must be a list of values');
    for (const value of values) {
      if (typeof value !== 'string' || value === '')
        throw invalid(`documents.facets.${facet}`, 'must hold non-empty strings');
    }
  }
  checkIndexTerms(doc.words, 'documents.words');
  if (doc.free !== null && typeof doc.free !== 'boolean')
    throw invalid('documents.free', 'must be a boolean or null');
  if (doc.noLogin !== null && typeof doc.noLogin !== 'boolean')
    throw invalid('documents.noLogin', 'must be a boolean or null');
  if (doc.date !== null && (typeof doc.date !== 'string' || !DATE_SHAPE.test(doc.date))) {
    throw invalid('documents.date', 'must be null or an ISO 8601 date');
  }
  if (typeof doc.quality !== 'number' || !(doc.quality >= 0 && doc.quality <= 1)) {
    throw invalid('documents.quality', 'must be a number from 0 to 1');
  }
  if (typeof doc.title !== 'string' || typeof doc.titleKey !== 'string') {
    throw invalid('documents.title', 'and titleKey must be strings');
  }
}

/** Distinct values in first-seen order (facet values and words of a document may repeat). */
export function distinctValues(values: readonly string[]): string[] {
  if (values.length < 2) return values.slice();
  if (values.length === 2) return values[0] === values[1] ? values.slice(0, 1) : values.slice();
  return [...new Set(values)];
}

/** The score of a match: `rank` is the engine's positive weighted text score (FTS5: -bm25). */
export function relevanceScore(rank: number, quality: number): number {
  return rank * (0.9 + 0.2 * quality);
}

// ---- order of hits and members -----------------------------------------------------------------------------

/** Work keys order ties in byte order on both engines (SQLite BINARY, PostgreSQL COLLATE "C"). */
export const compareWorkKeys = compareBytes;

/**
 * The number dates sort by, on both engines: milliseconds since 1970 of the instant the ISO 8601 string names
 * (a date alone is midnight UTC); a string Date.parse cannot read counts by its first ten characters, and one
 * it cannot read at all sorts like null. Date sort orders works by this key, newest first, null last.
 */
export function dateSortKey(date: string | null): number | null {
  if (date === null) return null;
  let time = Date.parse(date);
  if (Number.isNaN(time)) time = Date.parse(date.slice(0, 10));
  return Number.isNaN(time) ? null : time;
}

/** Date keys sort newest first, null last. */
export function compareDateKeysDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a > b ? -1 : 1;
}

export interface SortPosition {
  /** Score (relevance) or date (date sort, an ISO 8601 string or null). */
  readonly value: number | string | null;
  readonly workKey: string;
}

/** Negative when `a` comes before `b` in the result order of `sort`. */
export function compareSortPositions(sort: IndexQuery['sort'], a: SortPosition, b: SortPosition): number {
  if (sort === 'relevance') {
    const x = a.value as number;
    const y = b.value as number;
    if (x !== y) return x > y ? -1 : 1;
  } else {
    const byDate = compareDateKeysDesc(
      dateSortKey(a.value as string | null),
      dateSortKey(b.value as string | null),
    );
    if (byDate !== 0) return byDate;
  }
  return compareWorkKeys(a.workKey, b.workKey);
}

/** Whether a hit at `position` comes strictly after the cursor (belongs on a later page). */
export function isAfterCursor(
  sort: IndexQuery['sort'],
  position: SortPosition,
  cursor: IndexCursor | null,
): boolean {
  return cursor === null || compareSortPositions(sort, position, cursor) > 0;
}

export interface MemberPosition {
  readonly score: number;
  readonly date: string | null;
  readonly ref: RecordRef;
}

/** Negative when member `a` represents its work better than `b`: score desc, date desc (null last), ref. */
export function compareMembers(a: MemberPosition, b: MemberPosition): number {
  if (a.score !== b.score) return a.score > b.score ? -1 : 1;
  return (
    compareDateKeysDesc(dateSortKey(a.date), dateSortKey(b.date)) ||
    compareBytes(a.ref.sourceId, b.ref.sourceId) ||
    compareBytes(a.ref.sourceRecordId, b.ref.sourceRecordId)
  );
}

// ---- facets --------------------------------------------------------------------------------------------------

/** True when the filters restrict anything. */
export function hasFilters(filters: IndexFilters): boolean {
  return filters.free !== null || filters.noLogin !== null || INDEX_FACETS.some((f) => filters[f].length > 0);
}

/**
 * The values returned for one facet: the `limit` most counted (count desc, then value in byte order), plus every
 * selected value even when it counts 0, all in that same order.
 */
export function pickFacetValues(
  counts: ReadonlyMap<string, number>,
  limit: number,
  selected: readonly string[],
): FacetCount[] {
  const all: FacetCount[] = [];
  for (const [value, count] of counts) if (count > 0) all.push({ value, count });
  all.sort(compareFacetCounts);
  const out = all.slice(0, limit);
  if (selected.length > 0) {
    const present = new Set(out.map((c) => c.value));
    let added = false;
    for (const value of selected) {
      if (present.has(value)) continue;
      present.add(value);
      out.push({ value, count: counts.get(value) ?? 0 });
      added = true;
    }
    if (added) out.sort(compareFacetCounts);
  }
  return out;
}

function compareFacetCounts(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || compareUtf8(a.value, b.value);
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/**
 * compareBytes (the order of the UTF-8 bytes) without encoding both strings: where they first differ in two
 * characters of the Basic Multilingual Plane that are not surrogates, UTF-8 orders them as their code units.
 * Anything involving a surrogate (astral characters, or lone surrogates, which UTF-8 writes as U+FFFD) is left
 * to compareBytes itself.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (i > 0 && isSurrogate(a.charCodeAt(i - 1))) return compareBytes(a, b);
  if (i === n) {
    if (a.length === b.length) return 0;
    const rest = a.length > b.length ? a.charCodeAt(i) : b.charCodeAt(i);
    if (isSurrogate(rest)) return compareBytes(a, b);
    return a.length < b.length ? -1 : 1;
  }
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (isSurrogate(x) || isSurrogate(y)) return compareBytes(a, b);
  return x < y ? -1 : 1;
}

// ---- prefixes and spelling -----------------------------------------------------------------------------------

/** The first `n` code points of `text`. */
export function codePointPrefix(text: string, n: number): string {
  let units = 0;
  let points = 0;
  while (units < text.length && points < n) {
    const cp = text.codePointAt(units) ?? 0;
    units += cp > 0xffff ? 2 : 1;
    points += 1;
  }
  return text.slice(0, units);
}

export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) n += 1;
  }
  return n;
}

/**
 * The smallest string above every string that starts with `prefix`, in byte (= code point) order, so that
 * `value >= prefix AND value < upper` selects exactly the values with that prefix on an index; null when no
 * such bound exists (empty prefix, or only U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | null {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = (points.pop() ?? '').codePointAt(0) ?? 0;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return null;
}

/** The code points of a string into `out` (reused), returning how many. */
function codePointsInto(text: string, out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out[n++] = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
        i += 1;
        continue;
      }
    }
    out[n++] = unit;
  }
  return n;
}

// Scratch rows of the distance table, reused by every call (words are at most MAX_INDEX_TERM_LENGTH long).
const SCRATCH = MAX_INDEX_TERM_LENGTH + 2;
const sourcePoints = new Int32Array(SCRATCH);
const targetPoints = new Int32Array(SCRATCH);
let rowBefore: Int32Array = new Int32Array(SCRATCH);
let rowPrevious: Int32Array = new Int32Array(SCRATCH);
let rowCurrent: Int32Array = new Int32Array(SCRATCH);

/** editDistance on code points already split (s[0..m), t[0..n)), with the scratch rows. */
function pointDistance(s: Int32Array, m: number, t: Int32Array, n: number, max: number): number {
  if (Math.abs(m - n) > max) return max + 1;
  if (m === 0 || n === 0) return Math.min(Math.max(m, n), max + 1);
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  for (let j = 0; j <= n; j += 1) {
    previous[j] = j;
    before[j] = 0;
  }
  for (let i = 1; i <= m; i += 1) {
    current[0] = i;
    let rowMin = i;
    const si = s[i - 1] ?? 0;
    const siBefore = i > 1 ? (s[i - 2] ?? 0) : -1;
    for (let j = 1; j <= n; j += 1) {
      const tj = t[j - 1] ?? 0;
      const cost = si === tj ? 0 : 1;
      let value = (previous[j] ?? 0) + 1;
      const insert = (current[j - 1] ?? 0) + 1;
      if (insert < value) value = insert;
      const substitute = (previous[j - 1] ?? 0) + cost;
      if (substitute < value) value = substitute;
      if (i > 1 && j > 1 && si === (t[j - 2] ?? 0) && siBefore === tj) {
        const swap = (before[j - 2] ?? 0) + 1;
        if (swap < value) value = swap;
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) {
      rowBefore = before;
      rowPrevious = previous;
      rowCurrent = current;
      return max + 1;
    }
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  rowBefore = before;
  rowPrevious = previous;
  rowCurrent = current;
  return Math.min(previous[n] ?? max + 1, max + 1);
}

/**
 * Edit distance between `a` and `b` in code points, counting an insertion, deletion, substitution or swap of
 * two adjacent characters as one edit (optimal string alignment); returns `max + 1` as soon as it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a.length > MAX_INDEX_TERM_LENGTH || b.length > MAX_INDEX_TERM_LENGTH)
    return slowEditDistance(a, b, max);
  const m = codePointsInto(a, sourcePoints);
  const n = codePointsInto(b, targetPoints);
  return pointDistance(sourcePoints, m, targetPoints, n, max);
}

/** The same distance for strings longer than the scratch rows (never met by index words). */
function slowEditDistance(a: string, b: string, max: number): number {
  const s = Int32Array.from(Array.from(a), (c) => c.codePointAt(0) ?? 0);
  const t = Int32Array.from(Array.from(b), (c) => c.codePointAt(0) ?? 0);
  const saved = [rowBefore, rowPrevious, rowCurrent];
  const width = Math.max(s.length, t.length) + 2;
  rowBefore = new Int32Array(width);
  rowPrevious = new Int32Array(width);
  rowCurrent = new Int32Array(width);
  try {
    return pointDistance(s, s.length, t, t.length, max);
  } finally {
    [rowBefore, rowPrevious, rowCurrent] = saved as [Int32Array, Int32Array, Int32Array];
  }
}

/** Checks the arguments of similarWords and gives the prefix every candidate must share. */
export function similarWordsPrefix(
  word: string,
  maxEdits: number,
  sharedPrefix: number,
  limit: number,
): string {
  checkIndexTerm(word, 'word');
  checkWhole(maxEdits, 'maxEdits', 0, MAX_EDITS);
  checkWhole(sharedPrefix, 'sharedPrefix', 0, MAX_INDEX_TERM_LENGTH);
  checkWhole(limit, 'limit', 0, MAX_SUGGESTIONS);
  return codePointPrefix(word, sharedPrefix);
}

export interface WordCandidate {
  readonly word: string;
  readonly documents: number;
}

/** Of candidates sharing the prefix, those within `maxEdits` (not the word itself), best first, at most `limit`. */
export function rankSimilarWords(
  word: string,
  candidates: Iterable<WordCandidate>,
  maxEdits: number,
  limit: number,
): { word: string; documents: number }[] {
  const found: { word: string; documents: number; distance: number }[] = [];
  // The word's code points are split once; each candidate's into the scratch row.
  const m = codePointsInto(word.slice(0, MAX_INDEX_TERM_LENGTH), sourcePoints);
  const whole = word.length <= MAX_INDEX_TERM_LENGTH;
  for (const candidate of candidates) {
    if (candidate.word === word) continue;
    const distance =
      whole && candidate.word.length <= MAX_INDEX_TERM_LENGTH
        ? pointDistance(sourcePoints, m, targetPoints, codePointsInto(candidate.word, targetPoints), maxEdits)
        : editDistance(word, candidate.word, maxEdits);
    if (distance <= maxEdits) found.push({ ...candidate, distance });
  }
  found.sort((x, y) => x.distance - y.distance || y.documents - x.documents || compareUtf8(x.word, y.word));
  return found.slice(0, limit).map(({ word: w, documents }) => ({ word: w, documents }));
}

/** Checks a prefix and limit of completeWord / completeTitle. */
export function checkCompletion(prefix: string, limit: number): void {
  if (typeof prefix !== 'string') throw invalid('prefix', 'must be a string');
  if (prefix.length > 1_000) throw invalid('prefix', 'must be at most 1000 characters long');
  checkWhole(limit, 'limit', 0, MAX_SUGGESTIONS);
}

/** Checks a list of keys (work keys, words) given to one call. */
export function checkKeys(keys: readonly string[], field: string): string[] {
  if (!isList(keys)) throw invalid(field, 'must be a list');
  if (keys.length > MAX_KEYS_PER_CALL) throw invalid(field, `may hold at most ${MAX_KEYS_PER_CALL} keys`);
  for (const key of keys) if (typeof key !== 'string') throw invalid(field, 'must hold strings');
  return distinctValues(keys);
}

/**
 * What one apply call does, checked: distinct documents to insert or replace (of two with the same ref the
 * last wins) and distinct refs to remove; a ref both given and removed ends removed.
 */
export function planApply(
  documents: readonly SearchDocument[],
  removed: readonly RecordRef[],
): { readonly upserts: SearchDocument[]; readonly removals: RecordRef[] } {
  if (!isList(documents) || !isList(removed)) {
    throw invalid('documents', 'and removed must be lists');
  }
  const removals = new Map<string, RecordRef>();
  for (const ref of removed) {
    if (typeof ref.sourceId !== 'string' || typeof ref.sourceRecordId !== 'string') {
      throw invalid('removed', 'must name records by sourceId and sourceRecordId');
    }
    removals.set(refKey(ref), { sourceId: ref.sourceId, sourceRecordId: ref.sourceRecordId });
  }
  const upserts = new Map<string, SearchDocument>();
  for (const doc of documents) {
    checkSearchDocument(doc);
    const key = refKey(doc.ref);
    if (removals.has(key)) continue;
    upserts.delete(key);
    upserts.set(key, doc);
  }
  return { upserts: [...upserts.values()], removals: [...removals.values()] };
}
