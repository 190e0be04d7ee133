// Search request parameters: the one place where the HTTP API (GET /api/v1/resources?...) and the CLI
// (`--filter key=value`) turn what a client sent into a validated, canonical, engine-independent
// SearchRequest. Every value is checked against the profile's vocabularies and canonicalized to the form the
// normalizers store (so a filter matches stored values); anything wrong throws a SearchParameterError whose
// message names the parameter and what it accepts, and nothing else is ever thrown. Pure functions with no
// I/O of their own (importing src/normalize/language.ts loads its language-detection model once).
//
// Decisions:
// - Empty values are absent (`?q=&lang=` is what an empty HTML form sends); empty items of a comma list too.
// - Facets take several values, repeated (`?license=by&license=by-sa`) or comma-separated (`by,by-sa`), or
//   both; duplicates (after canonicalization) are kept once, in order; at most 50 values per facet.
// - Single-valued parameters (q, lang, free, noLogin, crossLanguage, sort, limit, cursor) may be repeated
//   only with the same value; `q` is never split at commas.
// - Parameter names are case-sensitive; an unknown one is an error that suggests the known spelling.
// - Booleans accept true/false, 1/0, yes/no and on/off (an HTML checkbox sends "on"), in any case.
// - crossLanguage defaults to true (searching across languages is the product's purpose); sort defaults to
//   relevance when there is something to search for, else to date (nothing to rank); limit defaults to 20.
// - Languages (lang, inLanguage) must look like a BCP 47 tag (`_` accepted for `-`), and are canonicalized
//   exactly as records' languages are (src/normalize/language.ts): pt-br -> pt-BR, fra -> fr, iw -> he.
//   Language names and country codes sent as languages ("jp") are refused.
// - license: a licence group of the profile; "cc-" prefixes, spaces and underscores are tolerated ("CC BY-SA")
//   and cc0 is public-domain. level: ISCED 2011 single digits 0-8, as the normalizer stores them. field:
//   ISCED-F 2013 codes (2-4 digits under the broad fields 00-10) or their w3id URIs. type: HCRT local names
//   (any case, '-' or ' ' for '_') or URIs -> the https URI. accessibility: schema.org accessibilityFeature
//   terms in any case and spacing -> canonical spelling, deprecated terms -> their replacement (as stored).
//   country: ISO 3166-1 alpha-2, upper-cased; withdrawn codes map to their successors as CLDR says (UK ->
//   GB); EU, EZ, UN and user-assigned codes are refused.
import { AtlasError } from '../domain/errors.js';
import { LICENSE_GROUPS } from '../domain/profile.js';
import { INDEX_FACETS, type IndexFacet } from '../ports/search-index.js';
import { resolveRegion } from '../normalize/language-tables.js';
import { normalizeLanguage } from '../normalize/language.js';
import { ACCESSIBILITY_VOCABULARY, LRMI_ACCESSIBILITY_SCHEMES } from '../vocab/accessibility.js';
import { HCRT_CONCEPTS, hcrtByNotation, hcrtEntry } from '../vocab/hcrt.js';
import { parseQuery, type ParsedQuery } from './query.js';

/** The facets a search filters and counts on: the search index's. */
export const FACETS = INDEX_FACETS;
export type Facet = IndexFacet;
/** Keys accepted by `--filter key=value` (and as parameters). */
export const FILTER_KEYS = [...FACETS, 'free', 'noLogin'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** Every parameter of a search request. */
export const SEARCH_PARAMETERS = [
  'q',
  'lang',
  ...FILTER_KEYS,
  'crossLanguage',
  'sort',
  'limit',
  'cursor',
] as const;
export type SearchParameter = (typeof SEARCH_PARAMETERS)[number];

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const MAX_VALUES_PER_FACET = 50;
export const MAX_CURSOR_LENGTH = 512;
/** Longer raw values (other than q) are refused before any other work. */
const MAX_RAW_LENGTH = 8192;
/** More repetitions of one parameter are refused before any other work. */
const MAX_REPETITIONS = 200;

export interface SearchFilters {
  inLanguage: string[];
  license: string[];
  level: string[];
  field: string[];
  type: string[];
  accessibility: string[];
  source: string[];
  country: string[];
  free: boolean | null;
  noLogin: boolean | null;
}

export interface SearchRequest {
  q: ParsedQuery;
  /** The language the query is written in, when the client says so. */
  lang: string | null;
  filters: SearchFilters;
  crossLanguage: boolean;
  sort: 'relevance' | 'date';
  limit: number;
  cursor: string | null;
}

/** A search parameter with a value that is not allowed; an `invalid_parameter` AtlasError (HTTP 400). */
export class SearchParameterError extends AtlasError {
  override readonly code = 'invalid_parameter';
  /** The parameter, as the client named it. */
  readonly parameter: string;
  /** The offending value (cut to 256 characters). */
  readonly value: string;

  constructor(parameter: string, value: string, message: string) {
    const shortValue = shorten(value, 256);
    super('invalid_parameter', message, { details: { parameter, value: shortValue } });
    this.name = 'SearchParameterError';
    this.parameter = shorten(parameter, 256);
    this.value = shortValue;
  }
}

/** The first `max` code points of a string. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const INVISIBLE = /[\u007F-\u009F\p{Cf}\u2028\u2029]/gu;

/**
 * A value as quoted in a message: JSON string syntax, shortened, with every control, format (bidi) and
 * line-separator character and stray surrogate escaped, so a message can be logged or shown as it is.
 */
function show(value: string): string {
  const short = shorten(value, 60);
  return JSON.stringify(short === value ? value : `${short}…`).replace(
    INVISIBLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function invalid(parameter: string, value: string, allowed: string): SearchParameterError {
  return new SearchParameterError(
    parameter,
    value,
    `The parameter "${parameter}" does not accept ${show(value)}: ${allowed}.`,
  );
}

// --- value rules -----------------------------------------------------------------------------------------

type Canonicalizer = (value: string) => string | undefined;

const LICENSES: ReadonlySet<string> = new Set(LICENSE_GROUPS);
const LICENSE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['cc0', 'public-domain'],
  ['pd', 'public-domain'],
]);

function canonicalLicense(value: string): string | undefined {
  const key = value
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/^cc-(?=by)/, '');
  return LICENSES.has(key) ? key : LICENSE_ALIASES.get(key);
}

function canonicalLevel(value: string): string | undefined {
  return /^[0-8]$/.test(value) ? value : undefined;
}

const ISCED_F_CODE = /^(?:0\d|10)\d{0,2}$/;
const ISCED_F_URI = /^https?:\/\/w3id\.org\/(?:kim\/isced-2013|class\/esc)\/n(\d{2,4})\/?$/i;

function canonicalField(value: string): string | undefined {
  const code = ISCED_F_URI.exec(value)?.[1] ?? value;
  return ISCED_F_CODE.test(code) ? code : undefined;
}

const BCP47_SHAPE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;
const LANGUAGE_RULES: ReadonlySet<string> = new Set([
  'iso639-1',
  'iso639-2',
  'iso639-3',
  'iso639-3-macrolanguage',
  'deprecated',
  'bcp47',
  'grandfathered',
  'posix-locale',
  'zxx',
  'und',
  'mul',
]);

function canonicalLanguage(value: string): string | undefined {
  if (value.length > 64 || !BCP47_SHAPE.test(value)) return undefined;
  try {
    const result = normalizeLanguage(value);
    return result.value !== null && LANGUAGE_RULES.has(result.rule) ? result.value : undefined;
  } catch {
    return undefined;
  }
}

function canonicalType(value: string): string | undefined {
  if (/^(?:https?:|hcrt:)/i.test(value)) return hcrtEntry(value)?.id;
  if (!/^[A-Za-z][A-Za-z_\- ]{0,40}$/.test(value)) return undefined;
  return hcrtByNotation(value.toLowerCase().replace(/[\s-]+/g, '_'))?.id;
}

const squash = (text: string): string => text.toLowerCase().replace(/[\s_-]+/g, '');
const FEATURE_SCHEME = LRMI_ACCESSIBILITY_SCHEMES.accessibilityFeature ?? '';
const FEATURES: ReadonlyMap<string, string> = new Map(
  ACCESSIBILITY_VOCABULARY.accessibilityFeature.map((t) => [squash(t.term), t.replacedBy ?? t.term]),
);

function canonicalFeature(value: string): string | undefined {
  const local = value.toLowerCase().startsWith(FEATURE_SCHEME.toLowerCase())
    ? value.slice(FEATURE_SCHEME.length)
    : value;
  if (local.length > 64) return undefined;
  return FEATURES.get(squash(local));
}

function canonicalSource(value: string): string | undefined {
  const id = value.toLowerCase();
  return /^src_[0-9a-z]{12}$/.test(id) ? id : undefined;
}

const NOT_COUNTRIES: ReadonlySet<string> = new Set(['EU', 'EZ', 'UN']);

function canonicalCountry(value: string): string | undefined {
  if (!/^[A-Za-z]{2}$/.test(value)) return undefined;
  const region = resolveRegion(value.toUpperCase());
  return region !== undefined && /^[A-Z]{2}$/.test(region) && !NOT_COUNTRIES.has(region) ? region : undefined;
}

const HCRT_NAMES = HCRT_CONCEPTS.map((c) => c.notation).join(', ');

const FACET_RULES: Readonly<Record<Facet, { readonly canonical: Canonicalizer; readonly allowed: string }>> =
  {
    inLanguage: {
      canonical: canonicalLanguage,
      allowed: 'expected a BCP 47 language tag such as en, pt-BR or zh-Hans',
    },
    license: {
      canonical: canonicalLicense,
      allowed: `expected a licence group, one of ${LICENSE_GROUPS.join(', ')}`,
    },
    level: { canonical: canonicalLevel, allowed: 'expected an ISCED 2011 level, a digit from 0 to 8' },
    field: {
      canonical: canonicalField,
      allowed: 'expected an ISCED-F 2013 field code of 2 to 4 digits from 00 to 10, such as 05, 053 or 0532',
    },
    type: {
      canonical: canonicalType,
      allowed: `expected an HCRT resource type, one of ${HCRT_NAMES}, or its URI such as https://w3id.org/kim/hcrt/video`,
    },
    accessibility: {
      canonical: canonicalFeature,
      allowed:
        'expected a schema.org accessibilityFeature term such as alternativeText, closedCaptions, transcript, signLanguage or MathML',
    },
    source: {
      canonical: canonicalSource,
      allowed: 'expected a source id: "src_" followed by 12 lower-case letters or digits',
    },
    country: {
      canonical: canonicalCountry,
      allowed: 'expected an ISO 3166-1 two-letter country code such as FR, KE or BR',
    },
  };

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'no', 'off']);

function parseBoolean(parameter: string, value: string): boolean {
  const key = value.toLowerCase();
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  throw invalid(parameter, value, 'expected true or false');
}

function parseLimit(value: string): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (n >= 1 && n <= MAX_LIMIT) return n;
  throw invalid('limit', value, `expected a whole number from 1 to ${MAX_LIMIT}`);
}

function parseSort(value: string): 'relevance' | 'date' {
  const key = value.toLowerCase();
  if (key === 'relevance' || key === 'date') return key;
  throw invalid('sort', value, 'expected relevance or date');
}

const CURSOR = /^[A-Za-z0-9_-]+$/;

function parseCursor(value: string): string {
  // A base64url text of length 4k+1 cannot be decoded: it is no cursor of ours.
  if (value.length <= MAX_CURSOR_LENGTH && CURSOR.test(value) && value.length % 4 !== 1) return value;
  throw invalid(
    'cursor',
    value,
    `expected the cursor given with a previous page (base64url, up to ${MAX_CURSOR_LENGTH} characters)`,
  );
}

function parseLang(value: string): string {
  const lang = canonicalLanguage(value);
  if (lang !== undefined) return lang;
  throw invalid(
    'lang',
    value,
    value.includes(',')
      ? 'expected one BCP 47 language tag (the language of the query), such as en or pt-BR'
      : 'expected a BCP 47 language tag such as en, pt-BR or zh-Hans',
  );
}

// --- reading raw parameters ------------------------------------------------------------------------------

type RawValue = string | readonly string[] | undefined;

const KNOWN: ReadonlySet<string> = new Set(SEARCH_PARAMETERS);

/** Edit distance (insertions, deletions, substitutions), case-insensitive; for suggestions only. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** The known name closest to a misspelt one ("Licence" -> "license"), when one is close enough. */
function closest(name: string, allowed: readonly string[]): string | undefined {
  if (name.length > 40) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = distance(name.trim(), candidate);
    if (d < bestDistance && d < candidate.length / 2) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function unknownParameter(name: string, allowed: readonly string[], what: string): SearchParameterError {
  const suggestion = closest(name, allowed);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  return new SearchParameterError(
    name,
    name,
    `${what} ${show(name)} is not known.${hint} Allowed: ${allowed.join(', ')}.`,
  );
}

/** The raw strings of a parameter, in order, checked for type and size. */
function rawStrings(parameter: string, raw: unknown): string[] {
  const list: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length > MAX_REPETITIONS) {
    throw new SearchParameterError(
      parameter,
      '',
      `The parameter "${parameter}" is repeated ${list.length} times; at most ${MAX_REPETITIONS} are accepted.`,
    );
  }
  const out: string[] = [];
  for (const item of list) {
    if (item === undefined) continue;
    if (typeof item !== 'string') {
      throw new SearchParameterError(parameter, typeof item, `The parameter "${parameter}" must be text.`);
    }
    if (parameter !== 'q' && item.length > MAX_RAW_LENGTH) {
      throw invalid(parameter, item, `values are at most ${MAX_RAW_LENGTH} characters long`);
    }
    out.push(item);
  }
  return out;
}

/** The one value of a single-valued parameter (trimmed), or null when absent or empty. */
function single(parameter: string, raw: unknown): string | null {
  const values = [...new Set(rawStrings(parameter, raw).map((v) => v.trim()))].filter((v) => v !== '');
  const [first, second] = values;
  if (second !== undefined) {
    throw new SearchParameterError(
      parameter,
      second,
      `The parameter "${parameter}" takes one value but was given ${values.length} different ones (${show(first ?? '')}, ${show(second)}${values.length > 2 ? ', …' : ''}).`,
    );
  }
  return first ?? null;
}

function facetValues(facet: Facet, raw: unknown): string[] {
  const rule = FACET_RULES[facet];
  const out = new Set<string>();
  for (const item of rawStrings(facet, raw)) {
    for (const part of item.split(',')) {
      const value = part.trim();
      if (value === '') continue;
      const canonical = rule.canonical(value);
      if (canonical === undefined) throw invalid(facet, value, rule.allowed);
      out.add(canonical);
      if (out.size > MAX_VALUES_PER_FACET) {
        throw new SearchParameterError(
          facet,
          value,
          `The parameter "${facet}" takes at most ${MAX_VALUES_PER_FACET} values.`,
        );
      }
    }
  }
  return [...out];
}

function optionalBoolean(parameter: string, raw: unknown): boolean | null {
  const value = single(parameter, raw);
  return value === null ? null : parseBoolean(parameter, value);
}

/**
 * Reads the parameters of a search (HTTP query string, or the CLI's options and `--filter` pairs) into a
 * validated SearchRequest. Throws SearchParameterError, and nothing else, for anything not allowed.
 */
export function parseSearchParams(params: Readonly<Record<string, RawValue>>): SearchRequest {
  const get = new Map<SearchParameter, unknown>();
  for (const name of Object.keys(params)) {
    const raw: unknown = params[name];
    if (raw === undefined) continue;
    if (!KNOWN.has(name)) throw unknownParameter(name, SEARCH_PARAMETERS, 'The parameter');
    get.set(name as SearchParameter, raw);
  }
  const qText = single('q', get.get('q'));
  const q = parseQuery(qText ?? '');
  const langText = single('lang', get.get('lang'));
  const filters: SearchFilters = {
    inLanguage: facetValues('inLanguage', get.get('inLanguage')),
    license: facetValues('license', get.get('license')),
    level: facetValues('level', get.get('level')),
    field: facetValues('field', get.get('field')),
    type: facetValues('type', get.get('type')),
    accessibility: facetValues('accessibility', get.get('accessibility')),
    source: facetValues('source', get.get('source')),
    country: facetValues('country', get.get('country')),
    free: optionalBoolean('free', get.get('free')),
    noLogin: optionalBoolean('noLogin', get.get('noLogin')),
  };
  const crossLanguage = optionalBoolean('crossLanguage', get.get('crossLanguage'));
  const sortText = single('sort', get.get('sort'));
  const limitText = single('limit', get.get('limit'));
  const cursorText = single('cursor', get.get('cursor'));
  return {
    q,
    lang: langText === null ? null : parseLang(langText),
    filters,
    crossLanguage: crossLanguage ?? true,
    sort: sortText === null ? (q.root === null ? 'date' : 'relevance') : parseSort(sortText),
    limit: limitText === null ? DEFAULT_LIMIT : parseLimit(limitText),
    cursor: cursorText === null ? null : parseCursor(cursorText),
  };
}

const FILTER_KEY_SET: ReadonlySet<string> = new Set(FILTER_KEYS);

/**
 * Groups CLI `--filter key=value` arguments by key ("license=by-sa" -> { license: ["by-sa"] }), in order; the
 * values are checked later by parseSearchParams. Throws SearchParameterError for an argument without "=",
 * without a value, or with a key that is not a filter.
 */
export function parseFilterArgs(args: readonly string[]): Partial<Record<string, string[]>> {
  const out: Partial<Record<FilterKey, string[]>> = {};
  for (const arg of args) {
    const text = typeof arg === 'string' ? arg : '';
    const eq = text.indexOf('=');
    const key = eq < 0 ? '' : text.slice(0, eq).trim();
    const value = eq < 0 ? '' : text.slice(eq + 1).trim();
    if (eq < 0 || key === '' || value === '') {
      throw new SearchParameterError(
        'filter',
        text,
        `The filter ${show(text)} is not of the form key=value (such as license=by-sa); keys: ${FILTER_KEYS.join(', ')}.`,
      );
    }
    if (!FILTER_KEY_SET.has(key)) throw unknownParameter(key, FILTER_KEYS, 'The filter');
    const list = (out[key as FilterKey] ??= []);
    list.push(value);
  }
  return out;
}
