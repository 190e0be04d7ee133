// Search documents: turns one active source record into the SearchDocument the SearchIndex port stores (see
// src/ports/search-index.ts), with every text column already analyzed by src/search/analyzer.ts, the facet
// values in the canonical forms the search filters send (src/search/filters.ts), and the concept tokens that
// cross-language expansion (src/search/plan.ts) looks for. Pure: no I/O apart from the vocabularies, which
// load once on first use.
//
// Columns:
//   title       every name, each analyzed in its own language;
//   subjects    keywords (their language) and the labels of the record's concepts (`about`, ISCED-F fields)
//               in the record's languages;
//   description every description, at most DESCRIPTION_LIMIT characters of each;
//   exact       the exact terms (unfolded, unstemmed) of names and keywords;
//   concepts    conceptToken of each UNESCO concept, ISCED-F field (and its parents), ISCED level (and its
//               parent level) and HCRT type.
// The language of a value is its LangMap key; `und` (and `mul`, `zxx`, `x-none`) stands for the record's first
// declared language, or `und` when it has none.
import type { RecordRef } from '../domain/catalog.js';
import type { ConceptValue, LangMapValue, ResourceRecord } from '../domain/profile.js';
import { normalizeDate } from '../normalize/date.js';
import type { IndexFacet, SearchColumn, SearchDocument } from '../ports/search-index.js';
import { hcrtByNotation, hcrtEntry } from '../vocab/hcrt.js';
import { iscedField } from '../vocab/isced.js';
import { unescoConcept, unescoLocalId } from '../vocab/unesco.js';
import { analyze, exactTerms, foldTerm } from './analyzer.js';

/** Changes whenever the documents built from the same record may change; the index is rebuilt when it does. */
export const DOCUMENT_VERSION = 1;

/** Characters of one description that are analyzed (the rest adds little to ranking and costs time). */
export const DESCRIPTION_LIMIT = 5000;
/** Longest `title` kept for suggestions, in UTF-16 code units. */
export const TITLE_LIMIT = 200;
/** Most distinct `words` a document offers for completion and spelling. */
export const MAX_WORDS = 512;
/** Most record languages whose concept labels go into `subjects`. */
const MAX_LABEL_LANGUAGES = 4;

export interface SearchDocumentInput {
  readonly ref: RecordRef;
  readonly record: ResourceRecord;
  readonly workId: string | null;
  /** Metadata quality 0..100, or null when not assessed (counted as 50). */
  readonly qualityScore: number | null;
  /** When the record was harvested (ISO 8601); the date of last resort. */
  readonly harvestedAt: string;
  /** ISO 3166-1 code of the source's country, when known. */
  readonly sourceCountry: string | null;
}

export type ConceptScheme = 'unesco' | 'isced-f' | 'level' | 'type';

// --- concept tokens ----------------------------------------------------------------------------------------

const SCHEME_LETTER: Readonly<Record<ConceptScheme, string>> = {
  unesco: 'u',
  'isced-f': 'f',
  level: 'l',
  type: 't',
};
const UNESCO_NUMBER = /^concept(\d{1,20})$/;
const FIELD_CODE = /^\d{2,4}$/;
const FIELD_URI = /^https?:\/\/w3id\.org\/(?:kim\/isced-2013|class\/esc)\/n(\d{2,4})\/?$/i;
const LEVEL_CODE = /^[0-9]{1,2}$/;
const LEVEL_URI = /^https?:\/\/w3id\.org\/kim\/isced-2011\/level(\d{1,2})\/?$/i;
const NOTATION = /^[a-z0-9_]{1,40}$/;
/** Longest token written with encodeId (the analyzer's MAX_TERM_LENGTH); longer ones use a digest. */
const MAX_TOKEN_LENGTH = 64;

/**
 * Writes any string with letters a-z and digits only, reversibly: a-w, y, z and 0-9 stand for themselves,
 * x is written "xx" and every other UTF-16 code unit "x" + 4 hex digits (hex digits never include x, so
 * reading back is unambiguous and two different strings never share an encoding).
 */
function encodeId(id: string): string {
  let out = '';
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a && c !== 0x78) || (c >= 0x30 && c <= 0x39)) out += String.fromCharCode(c);
    else if (c === 0x78) out += 'xx';
    else out += 'x' + c.toString(16).padStart(4, '0');
  }
  return out;
}

/** A 64-bit FNV-1a digest (two 32-bit halves with different offsets), as 16 hex digits. */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0') + text.length.toString(36);
}

/** The canonical short id of a concept ("concept123", "0531", "3", "video") when it is one; else the id as given. */
function canonicalId(scheme: ConceptScheme, id: string): string {
  const text = id.trim();
  switch (scheme) {
    case 'unesco':
      return unescoLocalId(text) ?? id;
    case 'isced-f':
      return FIELD_CODE.test(text) ? text : (FIELD_URI.exec(text)?.[1] ?? id);
    case 'level':
      return LEVEL_CODE.test(text) ? text : (LEVEL_URI.exec(text)?.[1] ?? id);
    case 'type': {
      const lower = text.toLowerCase();
      return (hcrtEntry(text) ?? (NOTATION.test(lower) ? hcrtByNotation(lower) : undefined))?.notation ?? id;
    }
  }
}

/**
 * The token that stands for a concept in the `concepts` column: one term of letters a-z and digits only,
 * which the analyzer and both engines keep whole. The first letter names the scheme (u UNESCO, f ISCED-F,
 * l ISCED level, t HCRT type) and the concept's canonical id follows: "u4559" for concept4559 (or its URI),
 * "f0531", "l3", "tvideo", "tcasex005fstudy" (HCRT notations through encodeId). Any other id of UNESCO,
 * ISCED-F or levels is written "q" + encodeId(id) after the letter. When that would be longer than 64
 * characters (the analyzer's longest term), "xz" + a 64-bit digest follows the letter instead (no encodeId
 * output starts with "xz"). So the URI and the short id of one concept share a token, and two different
 * concepts never do (digests of overlong odd ids aside: 1 chance in 2^64).
 */
export function conceptToken(scheme: ConceptScheme, id: string): string {
  const letter = SCHEME_LETTER[scheme];
  const canonical = canonicalId(scheme, typeof id === 'string' ? id : String(id));
  let token: string | undefined;
  switch (scheme) {
    case 'unesco': {
      const number = UNESCO_NUMBER.exec(canonical)?.[1];
      if (number !== undefined) token = letter + number;
      break;
    }
    case 'isced-f':
      if (FIELD_CODE.test(canonical)) token = letter + canonical;
      break;
    case 'level':
      if (LEVEL_CODE.test(canonical)) token = letter + canonical;
      break;
    case 'type':
      if (canonical.length < MAX_TOKEN_LENGTH) token = letter + encodeId(canonical);
      break;
  }
  if (token === undefined && canonical.length < MAX_TOKEN_LENGTH) token = letter + 'q' + encodeId(canonical);
  return token !== undefined && token.length <= MAX_TOKEN_LENGTH ? token : letter + 'xz' + digest(canonical);
}

// --- languages ---------------------------------------------------------------------------------------------

const UNDETERMINED: ReadonlySet<string> = new Set(['und', 'mul', 'zxx', 'x-none']);

function primary(tag: string): string {
  const cut = tag.search(/[-_]/);
  return (cut < 0 ? tag : tag.slice(0, cut)).toLowerCase();
}

/** The record's first real language, for values written under `und`. */
function fallbackLanguage(record: ResourceRecord): string {
  for (const tag of record.inLanguage ?? []) if (!UNDETERMINED.has(tag)) return tag;
  return 'und';
}

/** Primary subtags of the languages the record is written in (declared, else those of its names). */
function labelLanguages(record: ResourceRecord): string[] {
  const out: string[] = [];
  const add = (tag: string): void => {
    if (UNDETERMINED.has(tag)) return;
    const p = primary(tag);
    if (p !== '' && !out.includes(p) && out.length < MAX_LABEL_LANGUAGES) out.push(p);
  };
  for (const tag of record.inLanguage ?? []) add(tag);
  if (out.length === 0) for (const tag of Object.keys(record.name)) add(tag);
  if (out.length === 0) out.push('en');
  return out;
}

// --- text --------------------------------------------------------------------------------------------------

function pushAnalyzed(out: string[], text: string, lang: string): void {
  const tokens = analyze(text, lang);
  for (let i = 0; i < tokens.length; i += 1) out.push((tokens[i] as { term: string }).term);
}

const LABEL_CACHE_LIMIT = 4096;
let labelsRecent = new Map<string, readonly string[]>();
let labelsOlder = new Map<string, readonly string[]>();

/** pushAnalyzed for vocabulary labels, which recur on many records: their terms are cached (two generations). */
function pushLabel(out: string[], label: string, lang: string): void {
  const key = lang + '\u0000' + label;
  let terms = labelsRecent.get(key) ?? labelsOlder.get(key);
  if (terms === undefined) {
    terms = analyze(label, lang).map((t) => t.term);
    if (labelsRecent.size >= LABEL_CACHE_LIMIT) {
      labelsOlder = labelsRecent;
      labelsRecent = new Map<string, readonly string[]>();
    }
    labelsRecent.set(key, terms);
  }
  for (let i = 0; i < terms.length; i += 1) out.push(terms[i] as string);
}

function pushExact(out: string[], text: string): void {
  const terms = exactTerms(text);
  for (let i = 0; i < terms.length; i += 1) out.push(terms[i] as string);
}

const SPACE_AT_END = /\s\S*$/u;

/** The first `max` characters of a text, cut at a space when one is near the cut. */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const space = SPACE_AT_END.exec(cut.slice(-100));
  if (space !== null) cut = cut.slice(0, cut.length - 100 + space.index);
  return cut;
}

const WHITE_SPACE = /\s+/gu;

function displayTitle(name: LangMapValue): string {
  let first = '';
  for (const key in name) {
    const value = name[key];
    if (typeof value === 'string' && value.trim() !== '') {
      first = value;
      break;
    }
  }
  let title = first.replace(WHITE_SPACE, ' ').trim();
  if (title.length > TITLE_LIMIT) {
    title = title.slice(0, TITLE_LIMIT);
    const last = title.charCodeAt(TITLE_LIMIT - 1);
    if (last >= 0xd800 && last <= 0xdbff) title = title.slice(0, -1);
    title = title.trimEnd();
  }
  return title;
}

/** The label of a concept in a language: the record's own, else the vocabulary's. */
function conceptLabelIn(concept: ConceptValue, lang: string): string | undefined {
  const own = concept.prefLabel?.[lang];
  if (own !== undefined) return own;
  return unescoConcept(concept.id)?.prefLabel[lang];
}

// --- facets and values -------------------------------------------------------------------------------------

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T[0-9:.,+\-Z]*)?)?)?$/;

/** A date as YYYY-MM-DD (or longer), padding year and month precision; null when unreadable. */
function isoDate(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let m = ISO_DATE.exec(raw);
  if (m === null) {
    const found = normalizeDate(raw).value;
    m = found === null ? null : ISO_DATE.exec(found);
    if (m === null) return null;
  }
  const year = m[1] ?? '';
  const month = m[2] ?? '01';
  const day = m[3] ?? '01';
  const monthN = Number(month);
  const dayN = Number(day);
  if (monthN < 1 || monthN > 12 || dayN < 1 || dayN > 31) return null;
  return `${year}-${month}-${day}${m[4] ?? ''}`;
}

function documentDate(record: ResourceRecord, harvestedAt: string): string | null {
  return (
    isoDate(record.datePublished) ??
    isoDate(record.dateCreated) ??
    isoDate(record.dateModified) ??
    isoDate(harvestedAt)
  );
}

const COUNTRY = /^[A-Za-z]{2}$/;

function quality(score: number | null): number {
  const value = score === null || !Number.isFinite(score) ? 50 : score;
  return Math.min(1, Math.max(0, value / 100));
}

// --- the document ------------------------------------------------------------------------------------------

/** The search document of one active record. */
export function buildSearchDocument(input: SearchDocumentInput): SearchDocument {
  const { ref, record, workId, qualityScore, harvestedAt, sourceCountry } = input;
  const fallback = fallbackLanguage(record);
  const langOf = (key: string): string => (UNDETERMINED.has(key) ? fallback : key);

  const title: string[] = [];
  const subjects: string[] = [];
  const description: string[] = [];
  const exact: string[] = [];
  const concepts: string[] = [];

  for (const key in record.name) {
    const value = record.name[key];
    if (typeof value !== 'string') continue;
    pushAnalyzed(title, value, langOf(key));
    pushExact(exact, value);
  }
  const keywords = record.keywords;
  if (keywords !== undefined) {
    for (const key in keywords) {
      const list = keywords[key];
      if (list === undefined) continue;
      const lang = langOf(key);
      for (const keyword of list) {
        pushAnalyzed(subjects, keyword, lang);
        pushExact(exact, keyword);
      }
    }
  }
  const languages = labelLanguages(record);
  for (const concept of record.about ?? []) {
    for (const lang of languages) {
      const label = conceptLabelIn(concept, lang);
      if (label !== undefined) pushLabel(subjects, label, lang);
    }
    const local = unescoLocalId(concept.id);
    if (local !== null) concepts.push(conceptToken('unesco', local));
  }
  const fieldFacet = new Set<string>();
  for (const code of record.iscedFields ?? []) {
    const labels = iscedField(code)?.prefLabel;
    if (labels !== undefined) {
      for (const lang of languages) {
        const label = labels[lang];
        if (label !== undefined) pushLabel(subjects, label, lang);
      }
    }
    for (let n = 2; n <= code.length; n += 1) fieldFacet.add(code.slice(0, n));
  }
  for (const code of fieldFacet) concepts.push(conceptToken('isced-f', code));
  const levelFacet = new Set<string>();
  for (const code of record.iscedLevels ?? []) {
    levelFacet.add(code.slice(0, 1));
    levelFacet.add(code);
  }
  for (const code of levelFacet) concepts.push(conceptToken('level', code));
  const types = new Set<string>();
  for (const concept of record.learningResourceType ?? []) {
    const entry = hcrtEntry(concept.id);
    if (entry !== undefined) types.add(entry.id);
  }
  for (const id of types) concepts.push(conceptToken('type', id));

  const descriptions = record.description;
  if (descriptions !== undefined) {
    for (const key in descriptions) {
      const value = descriptions[key];
      if (typeof value === 'string')
        pushAnalyzed(description, cutText(value, DESCRIPTION_LIMIT), langOf(key));
    }
  }

  const words: string[] = [];
  const seen = new Set<string>();
  for (const w of exact) {
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
    if (words.length >= MAX_WORDS) break;
  }

  const text: Record<SearchColumn, readonly string[]> = { title, subjects, description, exact, concepts };
  const country = sourceCountry !== null && COUNTRY.test(sourceCountry) ? sourceCountry.toUpperCase() : null;
  const facets: Record<IndexFacet, readonly string[]> = {
    inLanguage: distinct(record.inLanguage ?? []),
    license: [record.license?.group ?? 'unknown'],
    level: [...levelFacet],
    field: [...fieldFacet],
    type: [...types],
    accessibility: distinct(record.accessibilityFeature ?? []),
    source: [ref.sourceId],
    country: country === null ? [] : [country],
  };
  const shown = displayTitle(record.name);
  return {
    ref,
    workId,
    text,
    facets,
    free: record.isAccessibleForFree ?? null,
    noLogin: record.requiresLogin === undefined ? null : !record.requiresLogin,
    date: documentDate(record, harvestedAt),
    quality: quality(qualityScore),
    title: shown,
    titleKey: foldTerm(shown),
    words,
  };
}
