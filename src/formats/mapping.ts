// The seam between the format mappers (oai_dc, LOM...) and the rest of the product: what a mapper is told
// about the record it maps (MappingContext) and the two judgements it leaves to others (Normalizers:
// language tags and licences, supplied by normalize/record.ts in the pipeline). Below the seam: record-assembly helpers both XML mappers share, so that every
// mapper produces text, identifiers, agents and concepts that fit the profile schema in the same way.
// Pure functions; never performs I/O and never decides a licence itself.
import type {
  AgentValue,
  ConceptValue,
  LangMapValue,
  LicenseValue,
  ProvenanceValue,
  ResourceRecord,
} from '../domain/profile.js';

// ---------------------------------------------------------------------------------------------------------
// The seam

export interface Normalizers {
  /** A BCP 47 tag for what a source wrote as a language ("eng", "pt_BR", a LoC URI...), or null. */
  language(raw: string): string | null;
  /** The licence the source's statements (URLs, badges, free text, as given) amount to. */
  license(statements: string[]): LicenseValue;
}

export interface MappingContext {
  readonly sourceId: string;
  /** The source's own id of the record (OAI identifier, URL...). */
  readonly sourceRecordId: string;
  /** When the record was harvested (ISO 8601 date-time). */
  readonly harvestedAt: string;
  /** The datestamp the source gave the record (OAI-PMH header datestamp). */
  readonly sourceDatestamp?: string;
  readonly normalize: Normalizers;
}

// ---------------------------------------------------------------------------------------------------------
// Text

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/** One line: runs of white space (newlines included) become one space. Empty string when nothing is left. */
export function oneLine(raw: string, max = 100_000): string {
  return cut(raw.replace(/\s+/g, ' ').trim(), max);
}

/** Running text: keeps paragraph breaks, folds the indentation pretty-printed XML puts into values. */
export function paragraphs(raw: string, max = 100_000): string {
  const text = raw
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/([^\n])\n(?!\n)/g, '$1 ')
    .replace(/\n{2,}/g, '\n\n')
    .trim();
  return cut(text, max);
}

// ---------------------------------------------------------------------------------------------------------
// Language-keyed values

/** Collects text per language; the first value of a language wins unless `join` is asked for. */
export class LangMapBuilder {
  private readonly values = new Map<string, string>();

  constructor(private readonly max = 100_000) {}

  add(language: string, value: string, mode: 'first' | 'join' = 'first'): void {
    if (value === '') return;
    const existing = this.values.get(language);
    if (existing === undefined) this.values.set(language, cut(value, this.max));
    else if (mode === 'join' && !existing.includes(value)) {
      this.values.set(language, cut(`${existing}\n\n${value}`, this.max));
    }
  }

  get size(): number {
    return this.values.size;
  }

  build(): LangMapValue | undefined {
    if (this.values.size === 0) return undefined;
    return Object.fromEntries(this.values);
  }
}

/** Keywords per language, unique (case-insensitively) within a language. */
export class KeywordsBuilder {
  private readonly values = new Map<string, string[]>();
  private readonly seen = new Set<string>();

  add(language: string, keyword: string): void {
    const value = oneLine(keyword, 1000);
    if (value === '') return;
    const key = `${language}\u0000${value.toLowerCase()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const list = this.values.get(language);
    if (list === undefined) this.values.set(language, [value]);
    else list.push(value);
  }

  build(): Record<string, string[]> | undefined {
    return this.values.size === 0 ? undefined : Object.fromEntries(this.values);
  }
}

/**
 * Splits a subject line into keywords when it is clearly a list: two or more parts separated by ";", each
 * short. "Physics; Optics; Lenses" splits, a sentence with one semicolon in it does not.
 */
export function splitKeywordList(value: string): string[] {
  if (!value.includes(';')) return [value];
  const parts = value
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length >= 2 && parts.every((p) => p.length <= 80 && p.split(' ').length <= 8)
    ? parts
    : [value];
}

/**
 * A media type ("application/pdf") from a format value, also when written as a purl.org mediatypes URI
 * (ScoLOMFR: http://purl.org/NET/mediatypes/text/html); null for anything else ("506857 bytes", "DVD").
 */
export function mediaType(raw: string): string | null {
  const value = oneLine(raw, 255).replace(/^https?:\/\/purl\.org\/NET\/mediatypes\//i, '');
  return /^[a-z]+\/[a-z0-9][\w.+-]*(?:\s*;.*)?$/i.test(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------------------
// URLs and identifiers

/** The value as a well-formed absolute http(s) URL (normalized by WHATWG URL rules), or null. */
export function httpUrl(raw: string): string | null {
  const value = raw.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(value) || value.length > 4096) return null;
  try {
    const url = new URL(value);
    if (url.hostname === '' || !url.hostname.includes('.')) return null;
    // WHATWG URLs keep characters RFC 3986 forbids ("[1].pdf", a stray "%"); encode them so the result is
    // a valid URI for the profile schema. User names and passwords are dropped on purpose.
    const rest = `${url.pathname}${url.search}${url.hash}`
      .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
      .replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));
    return `${url.origin}${rest}`;
  } catch {
    return null;
  }
}

/** True for values that are already usable as a concept id: http(s) URLs and urn:/info: URIs. */
export function uriOrNull(raw: string): string | null {
  const value = raw.trim();
  const web = httpUrl(value);
  if (web !== null) return web;
  if (/^(?:urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:|info:)[^\s<>"{}|\\^`]+$/i.test(value) && value.length <= 4096) {
    return value;
  }
  return null;
}

const FILE_EXTENSIONS =
  /\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|epub|zip|rar|7z|gz|tar|mp3|mp4|m4a|m4v|webm|ogg|ogv|wav|avi|mov|wmv|flv|swf|jpe?g|png|gif|svg|tiff?|bmp|xml|csv|json)$/i;

/** A URL that points at a file download rather than a landing page. */
export function looksLikeFile(url: string): boolean {
  try {
    const { pathname } = new URL(url);
    return FILE_EXTENSIONS.test(pathname) || /\/bitstream\//i.test(pathname);
  } catch {
    return false;
  }
}

export type IdentifierKind = 'doi' | 'isbn' | 'handle' | 'urn' | 'url' | 'other';
export interface IdentifierValue {
  kind: IdentifierKind;
  value: string;
}

function isbnChecks(digits: string): boolean {
  if (digits.length === 10) {
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      const c = digits.charAt(i);
      const v = c === 'X' || c === 'x' ? 10 : Number(c);
      sum += v * (10 - i);
    }
    return sum % 11 === 0;
  }
  if (digits.length === 13) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(digits.charAt(i)) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  return false;
}

/**
 * Recognizes DOIs (bare, "doi:" or resolver URLs), handles ("hdl:" or hdl.handle.net URLs), ISBNs (with a
 * valid check digit), URNs and web URLs; any other single token is "other"; text with spaces is no identifier. `hint` is a catalogue name (LOM) that
 * may say what the value is ("DOI", "ISBN", "HDL").
 */
export function classifyIdentifier(raw: string, hint = ''): IdentifierValue | null {
  const value = oneLine(raw, 2048);
  if (value === '') return null;
  const doi = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i.exec(value);
  if (doi?.[1] !== undefined) return { kind: 'doi', value: doi[1] };
  const handle = /^(?:hdl:\s*|https?:\/\/hdl\.handle\.net\/)(\d[\w.]*\/\S+)$/i.exec(value);
  if (handle?.[1] !== undefined) return { kind: 'handle', value: handle[1] };
  if (/^hdl$|handle/i.test(hint) && /^\d[\w.]*\/\S+$/.test(value)) return { kind: 'handle', value };
  const isbn = /^(?:urn:isbn:|isbn:?\s*)?([0-9][0-9 -]{8,16}[0-9Xx])$/i.exec(value);
  if (isbn?.[1] !== undefined) {
    const digits = isbn[1].replace(/[ -]/g, '');
    if (isbnChecks(digits) && (/isbn/i.test(value) || /isbn/i.test(hint) || digits.length === 13)) {
      return { kind: 'isbn', value: digits.toUpperCase() };
    }
  }
  if (/^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$/i.test(value)) return { kind: 'urn', value };
  const url = httpUrl(value);
  if (url !== null) return { kind: 'url', value: url };
  // Repositories also put citations ("SILVA, J. et al. Title...") where identifiers go; an identifier has
  // no spaces.
  if (/\s/.test(value) || value.length > 256) return null;
  return { kind: 'other', value };
}

/** The resolver URL of a DOI or handle, which is a landing page by definition. */
export function resolverUrl(id: IdentifierValue): string | null {
  if (id.kind === 'doi') return httpUrl(`https://doi.org/${id.value}`);
  if (id.kind === 'handle') return httpUrl(`https://hdl.handle.net/${id.value}`);
  return null;
}

/** The stable id of a record without a URL of its own: urn:oer-atlas:<source>:<source record id>. */
export function recordUrn(sourceId: string, sourceRecordId: string): string {
  return cut(`urn:oer-atlas:${encodeURIComponent(sourceId)}:${encodeURIComponent(sourceRecordId)}`, 4096);
}

/**
 * A concept for a vocabulary value. A value that is already a URI is its own id; a plain value ("lecture",
 * "Dissertação") gets a minted id `urn:oer-atlas:vocab:<property>:<value>` so the normalization step can
 * map it later, and keeps the value as its label.
 */
export function vocabularyConcept(
  property: string,
  value: string,
  options: { labels?: LangMapValue | undefined; scheme?: string | null; labelLanguage?: string } = {},
): ConceptValue | null {
  const clean = oneLine(value, 2000);
  if (clean === '') return null;
  const uri = uriOrNull(clean);
  const id = uri ?? `urn:oer-atlas:vocab:${property}:${encodeURIComponent(clean.toLowerCase())}`;
  const prefLabel =
    options.labels ?? (uri === null ? { [options.labelLanguage ?? 'und']: clean } : undefined);
  const scheme = options.scheme === undefined || options.scheme === null ? null : uriOrNull(options.scheme);
  return {
    id: cut(id, 4096),
    ...(prefLabel === undefined ? {} : { prefLabel }),
    ...(scheme === null || scheme === id ? {} : { inScheme: scheme }),
  };
}

/** Appends a concept unless one with the same id is already there. */
export function pushConcept(list: ConceptValue[], concept: ConceptValue | null, max: number): void {
  if (concept === null || list.length >= max || list.some((c) => c.id === concept.id)) return;
  list.push(concept);
}

// ---------------------------------------------------------------------------------------------------------
// Agents

// Word starts that name organisations in the languages of our sources, and a few exact acronyms.
const ORGANIZATION_WORDS = new RegExp(
  '(?:^|[^\\p{L}])(?:' +
    [
      'univ',
      'institu',
      'academ',
      'akadem',
      'college',
      'school',
      'escola',
      'escuela',
      '[ée]cole',
      'schule',
      'hochschule',
      'depart',
      'facult',
      'faculdade',
      'societ',
      'socied',
      'associa',
      'asocia',
      'verein',
      'minist',
      'press',
      'verlag',
      'editora',
      'editorial',
      '[ée]ditions',
      'publish',
      'librar',
      'bibliot',
      'museu',
      'museo',
      'cent(?:er|re|ro)\\b',
      'zentrum',
      'foundation',
      'funda[çc][ãa]o',
      'fundaci[óo]n',
      'stiftung',
      'council',
      'consel',
      'consej',
      'agenc',
      'govern',
      'gobiern',
      'compan',
      'corporat',
      'consorti',
      'network',
      'laborat',
      'office',
      'symposi',
      'simp[óo]si',
      'conferen',
      'congres',
      'workshop',
      'seminar',
      'semin[áa]rio',
      'encontro',
      'meeting',
      'project',
      'group',
      'team',
      'inc\\b',
      'ltd\\b',
      'gmbh\\b',
      'corp\\b',
      'unesco\\b',
    ].join('|') +
    ')',
  'iu',
);

/**
 * Guesses whether a bare name is a person or an organisation. Deliberately simple, because the sources do
 * not say: words such as "University", "Institute", "Press" or a digit (event names, "7. : 1982") mean an
 * organisation, and so does a lone acronym; otherwise the `fallback` applies (Person for creators, Organization for publishers), so
 * "Lagoze, Carl" and "John Smith" are people and "UNESCO" published something.
 */
export function guessAgent(rawName: string, fallback: 'Person' | 'Organization'): AgentValue | null {
  const name = oneLine(rawName, 1000);
  if (name === '' || !/[\p{L}\p{N}]/u.test(name)) return null;
  const lastFirst = /^[^,]{1,60},\s*[^,\d]{1,60}$/.test(name);
  // A single all-capitals token ("UNESCO", "CINTED/UFRGS") is an acronym; people's names in capitals
  // ("DIOGO SPAZZAFUMO REINOSO") have several words.
  const acronym = /^[\p{Lu}\d&./-]{2,}$/u.test(name) && /\p{Lu}{2}/u.test(name);
  const organization = ORGANIZATION_WORDS.test(name) || acronym || (/\d/.test(name) && !lastFirst);
  if (organization) return { type: 'Organization', name };
  if (lastFirst) return { type: 'Person', name };
  return { type: fallback, name };
}

/** Appends an agent unless one of the same type and name is already there. */
export function pushAgent(list: AgentValue[], agent: AgentValue | null, max: number): void {
  if (agent === null || list.length >= max) return;
  const key = agent.name.toLowerCase();
  if (list.some((a) => a.type === agent.type && a.name.toLowerCase() === key)) return;
  list.push(agent);
}

// ---------------------------------------------------------------------------------------------------------
// Dates and durations

/** A date value as given when it starts like a calendar date (year, year-month, date, date-time), or null. */
export function dateValue(raw: string): string | null {
  const value = oneLine(raw, 64);
  return /^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? value : null;
}

/** The earliest of several date values (they compare as strings once they start with the year). */
export function earliest(values: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const v of values) if (best === undefined || v < best) best = v;
  return best;
}

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** An ISO 8601 duration (or "hh:mm:ss", converted), or null; zero durations carry no information. */
export function isoDuration(raw: string): string | null {
  const value = raw.trim().toUpperCase();
  let duration: string | null = null;
  if (ISO_DURATION.test(value)) duration = value;
  else {
    const clock = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(value);
    if (clock !== null) duration = `PT${Number(clock[1])}H${Number(clock[2])}M${Number(clock[3] ?? '0')}S`;
  }
  if (duration === null || !/[1-9]/.test(duration)) return null;
  return duration;
}

// ---------------------------------------------------------------------------------------------------------
// Licence and the finished record

/** Cleans licence statements (trimmed, unique, at most 50 of 4096 characters) and asks the normalizer. */
export function licenseFrom(statements: readonly string[], ctx: MappingContext): LicenseValue | undefined {
  const clean: string[] = [];
  for (const s of statements) {
    const value = oneLine(s, 4096);
    if (value !== '' && !clean.includes(value) && clean.length < 50) clean.push(value);
  }
  return clean.length === 0 ? undefined : ctx.normalize.license(clean);
}

type RecordBody = Omit<ResourceRecord, 'id' | 'type' | 'provenance'>;
/** What a mapper hands to finishRecord: the profile fields, any of them possibly undefined or empty. */
export type RecordParts = { [K in keyof RecordBody]?: RecordBody[K] | undefined } & Pick<RecordBody, 'name'>;
/** One entry of `encoding`. */
export type MediaObjectValue = NonNullable<ResourceRecord['encoding']>[number];

/**
 * Puts a mapped record together: drops empty parts, sets the id (landing page URL, else the record URN),
 * the LearningResource type and one provenance entry naming the fields this source supplied.
 */
export function finishRecord(body: RecordParts, ctx: MappingContext): ResourceRecord {
  const parts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    parts[key] = value;
  }
  const fields = Object.keys(parts).sort();
  const provenance: ProvenanceValue = {
    sourceId: ctx.sourceId,
    sourceRecordId: ctx.sourceRecordId,
    harvestedAt: ctx.harvestedAt,
    ...(ctx.sourceDatestamp === undefined ? {} : { sourceDatestamp: ctx.sourceDatestamp }),
    fields,
  };
  const id = body.url ?? recordUrn(ctx.sourceId, ctx.sourceRecordId);
  return { id, type: ['LearningResource'], ...(parts as RecordBody), provenance: [provenance] };
}

// ---------------------------------------------------------------------------------------------------------
// Which mapper reads a payload

const DC_PAYLOAD =
  /^(?:https?:\/\/(?:www\.openarchives\.org\/OAI\/2\.0\/oai_dc|purl\.org\/dc\/(?:elements\/1\.1|terms)|ns\.nsdl\.org\/nsdl_dc_v[\d.]+)\/?)$/i;
const LOM_PAYLOAD =
  /^(?:https?:\/\/ltsc\.ieee\.org\/xsd\/lom|https?:\/\/www\.imsglobal\.org\/xsd\/imsmd_|https?:\/\/www\.imsproject\.org\/xsd\/imsmd_|https?:\/\/www\.oerbw\.de\/hsoerlom)/i;

/**
 * The mapper for a metadata payload, from its root element's namespace and local name (OaiRecord's
 * metadataNamespace and metadataLocalName): "oai_dc" for Dublin Core containers, "lom" for LOM in any of
 * its bindings, null for formats without a mapper (MODS, MARCXML, DataCite...).
 */
export function mapperFor(namespace: string | null, localName: string | null): 'oai_dc' | 'lom' | null {
  const ns = namespace ?? '';
  const local = (localName ?? '').toLowerCase();
  if (DC_PAYLOAD.test(ns) || local === 'dc' || local === 'nsdl_dc' || local === 'qualifieddc')
    return 'oai_dc';
  if (LOM_PAYLOAD.test(ns) || local === 'lom' || local === 'obaa') return 'lom';
  return null;
}
