// Searching the catalog: turns a validated SearchRequest into an index query (words analyzed in the
// reader's language, cross-language concept expansion), runs it on the SearchIndex, and shapes works into
// results with their sources, languages and why they matched. Also prefix suggestions and typo corrections.
import type { RecordRef } from '../domain/catalog.js';
import type { LangMapValue, LicenseValue, ResourceRecord } from '../domain/profile.js';
import {
  INDEX_FACETS,
  type IndexCursor,
  type IndexFilters,
  type IndexQuery,
  type IndexResult,
  type SearchHit,
  type SearchIndex,
} from '../ports/search-index.js';
import type { Store } from '../ports/store.js';
import { exactTerms, foldTerm } from '../search/analyzer.js';
import { suggestConcepts } from '../search/concept-suggest.js';
import { SearchParameterError, type Facet, type SearchRequest } from '../search/filters.js';
import { planQuery, relaxPlan, type QueryPlan } from '../search/plan.js';
import { describeQuery, parseQuery } from '../search/query.js';
import { parseWorkKey } from '../search/work-key.js';

export interface SearchResultSource {
  readonly id: string;
  readonly name: string;
  /** The record's id at that source. */
  readonly sourceRecordId: string;
  readonly harvestedAt: string;
}

export interface SearchResult {
  /** The work key: use it with GET /api/v1/resources/{id}. */
  readonly id: string;
  readonly url: string | null;
  /** Title in the reader's language when the record has it, else its first. */
  readonly name: string;
  readonly description: string | null;
  readonly inLanguage: readonly string[];
  readonly license: LicenseValue | null;
  /** Every source holding a member of the work. */
  readonly sources: readonly SearchResultSource[];
  /** "SOURCE_ID:SOURCE_RECORD_ID" of every member. */
  readonly sourceRecordIds: readonly string[];
  /** Languages over all members. */
  readonly languages: readonly string[];
  /** Empty when the user's own words matched; else the concepts through which the result was found. */
  readonly matchedVia: readonly { readonly concept: string; readonly label: string }[];
  readonly score: number;
}

export interface FacetValueCount {
  readonly value: string;
  readonly count: number;
}

export interface SearchResponse {
  readonly total: number;
  readonly results: readonly SearchResult[];
  readonly facets: Readonly<Partial<Record<Facet, readonly FacetValueCount[]>>>;
  /** Cursor of the next page, or null on the last. */
  readonly next: string | null;
  /** Works that match only some of the query's words or concepts, best first, never counted in `total`: given
   * on a first page when the query found fewer works than the page holds, up to filling it. Always ranked by
   * relevance (a date order would put a work holding one common word first). */
  readonly partial: readonly SearchResult[];
  /** A corrected query when the query found few or no works and close spellings find more. */
  readonly didYouMean: string | null;
  /** What the query was read as: notes of the parser, concepts used to cross languages. */
  readonly query: {
    readonly text: string;
    readonly notes: readonly string[];
    readonly concepts: readonly { readonly concept: string; readonly label: string }[];
  };
}

export interface Suggestion {
  readonly text: string;
  readonly kind: 'word' | 'title' | 'concept';
}

export interface SearchService {
  search(request: SearchRequest): Promise<SearchResponse>;
  suggest(prefix: string, lang: string | null, limit?: number): Promise<readonly Suggestion[]>;
  /** The best record of a work (or an ungrouped record) by its result id, with its members; null if unknown. */
  resource(id: string): Promise<{
    readonly record: ResourceRecord;
    readonly ref: RecordRef;
    readonly members: readonly RecordRef[];
  } | null>;
}

export interface SearchServiceDeps {
  readonly store: Store;
  readonly index: SearchIndex;
}

/** Facet values returned per facet. */
const FACET_LIMIT = 30;
/** Fewer works than this and the query tries close spellings. */
const FEW_RESULTS = 3;

function invalidCursor(value: string): SearchParameterError {
  return new SearchParameterError(
    'cursor',
    value,
    'cursor must be the "next" value of a previous response, unchanged.',
  );
}

/** The opaque cursor of a hit: base64url of [value, workKey]. */
export function encodeCursor(cursor: IndexCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.workKey]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): IndexCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw invalidCursor(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(text);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor(text);
  const [value, workKey] = parsed as [unknown, unknown];
  const valueOk =
    value === null || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
  if (!valueOk || typeof workKey !== 'string' || workKey.length === 0) throw invalidCursor(text);
  return { value, workKey };
}

function pickText(map: LangMapValue | undefined, lang: string | null): string | null {
  if (map === undefined) return null;
  if (lang !== null) {
    const exact = map[lang];
    if (exact !== undefined) return exact;
    const base = lang.split('-')[0] ?? lang;
    for (const [key, value] of Object.entries(map)) if (key.split('-')[0] === base) return value;
  }
  return Object.values(map)[0] ?? null;
}

function toIndexFilters(request: SearchRequest): IndexFilters {
  const f = request.filters;
  const inLanguage =
    !request.crossLanguage && request.lang !== null && f.inLanguage.length === 0
      ? [request.lang]
      : f.inLanguage;
  return {
    inLanguage,
    license: f.license,
    level: f.level,
    field: f.field,
    type: f.type,
    accessibility: f.accessibility,
    source: f.source,
    country: f.country,
    free: f.free,
    noLogin: f.noLogin,
  };
}

/** Edits allowed when correcting a word of this length. */
function editsFor(word: string): number {
  // Code points: a surrogate pair is one letter.
  const length = word.replace(/[\uDC00-\uDFFF]/g, '').length;
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

export function createSearchService(deps: SearchServiceDeps): SearchService {
  const { store, index } = deps;
  let sourceNames: Map<string, string> | undefined;
  let sourceNamesAt = 0;

  async function sourceName(id: string): Promise<string> {
    const fresh = Date.now() - sourceNamesAt < 30_000;
    if (sourceNames === undefined || !fresh || !sourceNames.has(id)) {
      sourceNames = new Map((await store.listSources()).map((s) => [s.id, s.name]));
      sourceNamesAt = Date.now();
    }
    return sourceNames.get(id) ?? id;
  }

  /** The page of `request` for `plan`, with the facet counts (and one hit more, to tell whether a page follows). */
  function indexQuery(request: SearchRequest, plan: QueryPlan): IndexQuery {
    return {
      match: plan.match,
      expansions: request.crossLanguage ? plan.expansions : [],
      exclude: plan.exclude,
      filters: toIndexFilters(request),
      facets: INDEX_FACETS,
      facetLimit: FACET_LIMIT,
      sort: request.sort,
      limit: request.limit + 1,
      after: request.cursor === null ? null : decodeCursor(request.cursor),
    };
  }

  /** Works of the relaxed plan that the query itself did not find, to fill a first page it left short. */
  async function partialResults(
    request: SearchRequest,
    plan: QueryPlan,
    result: IndexResult,
  ): Promise<SearchResult[]> {
    const room = request.limit - result.total;
    if (request.cursor !== null || room <= 0) return [];
    const relaxed = relaxPlan(plan);
    if (relaxed === null) return [];
    const found = await index.search({
      ...indexQuery(request, relaxed),
      facets: [],
      sort: 'relevance',
      // The query's own works are among the relaxed plan's best: ask for enough to leave them out.
      limit: result.total + room,
    });
    const shown = new Set(result.hits.map((h) => h.workKey));
    const hits = found.hits.filter((h) => !shown.has(h.workKey)).slice(0, room);
    return (await shape(request, relaxed, hits, false)).results;
  }

  /** The query with each unknown or rare word replaced by its most frequent close spelling, or null. */
  async function correction(request: SearchRequest, plan: QueryPlan): Promise<string | null> {
    const words = plan.words.filter((w) => editsFor(w) > 0);
    if (words.length === 0) return null;
    const counts = await index.wordCounts(words);
    const replacements = new Map<string, string>();
    for (const word of words) {
      const have = counts.get(word) ?? 0;
      const near = await index.similarWords(word, editsFor(word), 1, 5);
      // A word nobody wrote takes any close word; a rare one only a ten times more common one.
      const top = near.find(
        (s) => s.word !== word && (have === 0 ? s.documents > 0 : s.documents >= have * 10),
      );
      if (top !== undefined) replacements.set(word, top.word);
    }
    if (replacements.size === 0) return null;
    const text = describeQuery(request.q);
    let changed = text;
    for (const [from, to] of replacements) {
      changed = changed.replace(
        new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{M}\\p{N}])`, 'giu'),
        to,
      );
    }
    return changed === text ? null : changed;
  }

  async function shape(
    request: SearchRequest,
    plan: QueryPlan,
    pageHits: readonly SearchHit[],
    more: boolean,
  ): Promise<{ results: SearchResult[]; next: string | null }> {
    const hits = pageHits.slice(0, request.limit);
    const members = await index.members(hits.map((h) => h.workKey));
    const groups = hits.map((hit) => members.get(hit.workKey) ?? [{ ref: hit.best, inLanguage: [] }]);
    // One read for every record shown: the best of each work and all its members.
    const wanted = new Map<string, RecordRef>();
    for (const hit of hits) wanted.set(refText(hit.best), hit.best);
    for (const group of groups) for (const m of group) wanted.set(refText(m.ref), m.ref);
    const rows = await store.getRecordsForIndex([...wanted.values()]);
    const byRef = new Map(rows.map((r) => [refText(r.ref), r]));
    const labels = new Map(plan.concepts.map((c) => [c.key, c.label]));
    const results: SearchResult[] = [];
    for (const [i, hit] of hits.entries()) {
      const row = byRef.get(refText(hit.best));
      const record = row?.record ?? null;
      if (record === null || row === undefined) continue;
      const group = groups[i] ?? [];
      const sources: SearchResultSource[] = [];
      for (const m of group) {
        const memberRow = byRef.get(refText(m.ref));
        if (memberRow === undefined) continue;
        sources.push({
          id: m.ref.sourceId,
          name: await sourceName(m.ref.sourceId),
          sourceRecordId: m.ref.sourceRecordId,
          harvestedAt: memberRow.harvestedAt,
        });
      }
      const languages = [...new Set(group.flatMap((m) => m.inLanguage))];
      results.push({
        id: hit.workKey,
        url: record.url ?? null,
        name: pickText(record.name, request.lang) ?? record.id,
        description: pickText(record.description, request.lang),
        inLanguage: record.inLanguage ?? [],
        license: record.license ?? null,
        sources,
        sourceRecordIds: group.map((m) => refText(m.ref)),
        languages,
        matchedVia: hit.via.map((key) => ({ concept: key, label: labels.get(key) ?? key })),
        score: hit.score,
      });
    }
    const last = hits.at(-1);
    return { results, next: more && last !== undefined ? encodeCursor(last.cursor) : null };
  }

  return {
    async search(request) {
      const plan = planQuery(request.q, { lang: request.lang, crossLanguage: request.crossLanguage });
      let result = await index.search(indexQuery(request, plan));
      let didYouMean: string | null = null;
      let used = request;
      let usedPlan = plan;
      if (result.total < FEW_RESULTS && request.cursor === null && plan.match !== null) {
        const corrected = await correction(request, plan);
        if (corrected !== null) {
          const q = parseQuery(corrected);
          const retryRequest = { ...request, q };
          const retryPlan = planQuery(q, { lang: request.lang, crossLanguage: request.crossLanguage });
          const retry = await index.search(indexQuery(retryRequest, retryPlan));
          if (retry.total > result.total) {
            didYouMean = corrected;
            // Nothing found as typed: show what the corrected spelling finds.
            if (result.total === 0) {
              result = retry;
              used = retryRequest;
              usedPlan = retryPlan;
            }
          }
        }
      }
      const { results, next } = await shape(used, usedPlan, result.hits, result.hits.length > used.limit);
      const partial = await partialResults(used, usedPlan, result);
      return {
        total: result.total,
        results,
        facets: result.facets,
        next,
        partial,
        didYouMean,
        query: {
          text: describeQuery(used.q),
          notes: used.q.notes,
          concepts: usedPlan.concepts.map((c) => ({ concept: c.key, label: c.label })),
        },
      };
    },

    async suggest(prefix, lang, limit = 10) {
      const text = prefix.trim().slice(0, 200);
      if (text.length === 0) return [];
      const out: Suggestion[] = [];
      const seen = new Set<string>();
      const push = (value: string, kind: Suggestion['kind']): void => {
        const key = foldTerm(value);
        if (seen.has(key) || out.length >= limit) return;
        seen.add(key);
        out.push({ text: value, kind });
      };
      const titleKey = foldTerm(text);
      const words = exactTerms(text);
      const lastWord = words.at(-1);
      const at = lastWord === undefined ? -1 : text.toLowerCase().lastIndexOf(lastWord);
      const head = at < 0 ? '' : text.slice(0, at);
      const [titles, completions] = await Promise.all([
        index.completeTitle(titleKey, limit),
        lastWord === undefined || /\s$/.test(prefix)
          ? Promise.resolve([])
          : index.completeWord(lastWord, limit),
      ]);
      for (const c of suggestConcepts(text, lang, Math.ceil(limit / 2))) push(c.label, 'concept');
      for (const w of completions) push(`${head}${w.word}`, 'word');
      for (const t of titles) push(t.title, 'title');
      return out;
    },

    async resource(id) {
      const key = parseWorkKey(id);
      if (key === null) return null;
      const refs = 'workId' in key ? await store.getWorkMembers(key.workId) : [key.ref];
      if (refs.length === 0) return null;
      const rows = (await store.getRecordsForIndex(refs)).filter(
        (r) => r.status === 'active' && r.record !== null,
      );
      // The member with the best metadata stands for the work.
      rows.sort((a, b) => (b.qualityScore ?? 0) - (a.qualityScore ?? 0));
      const best = rows[0];
      if (best?.record == null) return null;
      return { record: best.record, ref: best.ref, members: rows.map((r) => r.ref) };
    },
  };
}

function refText(ref: RecordRef): string {
  return `${ref.sourceId}:${ref.sourceRecordId}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
