// Identifier normalization: what kind of identifier a dc:identifier, LOM identifier entry or JSON-LD id
// value is, and its canonical value. DOIs in every written form (bare, doi:, DOI:, resolver URLs, info:doi/,
// urn:doi:, inside a citation) become lower-case "10.prefix/suffix"; ISBNs (with or without "ISBN", hyphens,
// spaces, ISBN-10 converted) become 13 digits with their checksum verified; handles become "prefix/suffix";
// URNs get a lower-case "urn:" and namespace; arXiv ids become "arXiv:ID"; ISSNs "ISSN NNNN-NNNC"; other
// http(s) addresses go through canonicalUrl. A value that names no identifier (a citation, a journal title)
// gives kind null. Pure functions; never performs I/O.
import { canonicalUrl } from './url.js';

export type IdentifierKind = 'doi' | 'isbn' | 'handle' | 'urn' | 'url' | 'other';

export interface IdentifierResult {
  readonly input: string;
  readonly kind: IdentifierKind | null;
  /** The canonical value, or null when the value names no usable identifier. */
  readonly value: string | null;
  /** Why: "doi-url", "isbn-10", "handle-url", "urn", "arxiv", "issn", "url", "local-id", "free-text"... */
  readonly rule: string;
}

const MAX_LENGTH = 4096;
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
const DASHES = /[\u2010-\u2015\u2212\ufe63\uff0d]/g;

// DOIs: directory indicator "10.", a registrant code of 4 or more digits (sub-codes after dots), "/", a suffix.
const DOI_PREFIXED =
  /^(?:doi\s*:?\s*|info:doi\/|urn:doi:|(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/|(?:https?:\/\/)?hdl\.handle\.net\/)(10\.\S*)$/i;
const DOI_IN_TEXT = /(?:^|[^\w./-])(?:doi\s*[:=]?\s*|doi\.org\/)?(10\.\d{4,9}(?:\.\d+)*\/[^\s"<>]+)/i;
const DOI_BARE = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;
const DOI_FRAGMENT = /^(?:doi\s*:?\s*|info:doi\/|urn:doi:|(?:https?:\/\/)?(?:dx\.)?doi\.org\/)?10\.\d*\/?$/i;
// Publishers' own DOI proxies: doi.acm.org, doi.wiley.com, doi.apa.org, doi.ieeecomputersociety.org...
const DOI_PROXY_HOST = /^doi\.[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

const HANDLE_PREFIXED = /^(?:hdl:|info:hdl\/|urn:handle:)\s*(\S+\/\S+)$/i;
// A bare "prefix/suffix" is read as a handle only when the prefix cannot be a year or a page range:
// a dotted prefix ("1721.1", "20.500.12345", "10400.7") or one of 5 or more digits ("10066").
const HANDLE_BARE = /^((?:\d+\.)+\d+|\d{5,})\/([^\s/][^\s]*)$/;
const HANDLE_HOSTS = /^(?:hdl\.)?handle\.net$/;

const URN = /^urn:([a-z0-9][a-z0-9-]{0,31}):(\S+)$/i;
const URN_REPEATED = /^urn:\s*urn:/i;
const NBN_RESOLVER_HOST =
  /^(?:www\.)?nbn-resolving\.(?:de|org)$|^(?:www\.)?urn\.fi$|^(?:www\.)?persistent-identifier\.nl$/;

const ISBN_LABEL = /^isbn(?:-?1[03])?\s*[:.]?\s*/i;
const ISBN_IN_TEXT = /isbn(?:-?1[03])?\s*[:.]?\s*((?:97[89][\s-]?)?\d[\d\s-]{7,15}[\dXx])/i;
// Digits in groups: 10 digits need two separators at least ("90-9016760-9"), 13 start with 978 or 979.
const ISBN_GROUPED =
  /^\d{1,7}[\s-]\d{1,7}[\s-](?:\d{1,7}[\s-])?(?:\d{1,7}[\s-])?[\dXx]$|^97[89][\s-]?[\d\s-]{9,14}\d$/;

const ISSN = /^(\d{4})[\s-]?(\d{3}[\dXx])$/;
const ISSN_LABEL = /^(?:issn|e-?issn|p-?issn|urn:issn)\s*[:.]?\s*/i;

const ARXIV_NEW = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const ARXIV_OLD = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/i;
const ARXIV_LABEL =
  /^(?:arxiv\s*:\s*|oai:arxiv\.org:|(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/)/i;

const ARK = /^(?:https?:\/\/[^/]+\/)?ark:\/?(\d{5,})\/(\S+)$/i;
const OAI = /^oai:[a-z0-9._-]+(?::\d+)?:\S+$/i;
// "Call Number: SM1472": a short label and one token, a local identifier that says what it is.
const LABELLED_LOCAL = /^\p{L}[\p{L} .-]{1,30}:\s*[^\s:]+$/u;
const CANONICAL_PARTS = /^https?:\/\/([^/:?#]+)(?::\d+)?([^?#]*)(\?[^#]*)?/;
const GENERIC_SCHEME = /^([a-z][a-z0-9+.-]{1,30}):/i;
const UNSAFE_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'file', 'blob', 'about']);

function result(
  input: string,
  kind: IdentifierKind | null,
  value: string | null,
  rule: string,
): IdentifierResult {
  return { input, kind, value, rule };
}

// ---------------------------------------------------------------------------------------------------------
// Checksums

/** ISBN-10 check: weighted sum 10..1 divisible by 11 (X stands for 10 in the last place). */
export function isbn10Valid(digits: string): boolean {
  if (!/^\d{9}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = digits.charAt(i);
    sum += (c === 'X' ? 10 : c.charCodeAt(0) - 48) * (10 - i);
  }
  return sum % 11 === 0;
}

/** ISBN-13 / EAN-13 check: weights 1,3,1,3... sum divisible by 10. */
export function isbn13Valid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** ISSN check: weights 8..2 on the first seven digits, mod 11, X for 10. */
export function issnValid(digits: string): boolean {
  if (!/^\d{7}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (digits.charCodeAt(i) - 48) * (8 - i);
  const check = (11 - (sum % 11)) % 11;
  return digits.charAt(7) === (check === 10 ? 'X' : String(check));
}

/** An ISBN (10 or 13, any punctuation) as 13 digits, or null when it is not one with a valid checksum. */
export function isbn13(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').toUpperCase();
  if (digits.length === 13) return isbn13Valid(digits) && /^97[89]/.test(digits) ? digits : null;
  if (digits.length === 10 && isbn10Valid(digits)) {
    const first12 = `978${digits.slice(0, 9)}`;
    return first12 + isbn13CheckDigit(first12);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Kinds

/** Trailing punctuation a citation puts after a DOI; a closing bracket only when it opens nowhere inside. */
function trimDoiSuffix(doi: string): string {
  let value = doi;
  for (;;) {
    const before = value;
    value = value.replace(/[.,;:'"\u201d\u2019>]+$/, '');
    const last = value.charAt(value.length - 1);
    if (last === ')' || last === ']' || last === '}') {
      const open = last === ')' ? '(' : last === ']' ? '[' : '{';
      const opens = value.split(open).length - 1;
      const closes = value.split(last).length - 1;
      if (closes > opens) value = value.slice(0, -1);
    }
    if (value === before) return value;
  }
}

function doiValue(raw: string): string | null {
  let doi = raw;
  if (doi.includes('%')) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      // keep it as written
    }
  }
  doi = trimDoiSuffix(doi);
  if (!DOI_BARE.test(doi)) return null;
  return doi.toLowerCase();
}

function fromUrl(input: string, text: string): IdentifierResult {
  const canonical = canonicalUrl(text);
  if (canonical.value === null) return result(input, null, null, `url:${canonical.rule}`);
  // The canonical form is "scheme://host[:port]/path[?query][#route]".
  const parts = CANONICAL_PARTS.exec(canonical.value);
  const host = (parts?.[1] ?? '').replace(/^www\./, '');
  const path = parts?.[2] ?? '/';
  const search = parts?.[3] ?? '';
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = doiValue(path.slice(1));
    return doi === null ? result(input, null, null, 'doi-incomplete') : result(input, 'doi', doi, 'doi-url');
  }
  if (DOI_PROXY_HOST.test(host) && /^\/10\.\d{4,9}/.test(path)) {
    const doi = doiValue(path.slice(1));
    if (doi !== null) return result(input, 'doi', doi, 'doi-proxy-url');
  }
  if (HANDLE_HOSTS.test(host)) {
    let handle = path.slice(1);
    try {
      handle = decodeURIComponent(handle);
    } catch {
      // keep it as written
    }
    if (/^10\.\d{4,9}(?:\.\d+)*\/./.test(handle)) {
      const doi = doiValue(handle);
      if (doi !== null) return result(input, 'doi', doi, 'doi-handle-url');
    }
    if (/^[^/\s]+\/\S+$/.test(handle)) return result(input, 'handle', handle, 'handle-url');
  }
  if (NBN_RESOLVER_HOST.test(host)) {
    let target = path + search;
    try {
      target = decodeURIComponent(target);
    } catch {
      // keep it as written
    }
    const urn = /^\/(?:resolver\?identifier=)?(urn:\S+)$/i.exec(target);
    if (urn?.[1] !== undefined) {
      const normal = urnValue(urn[1]);
      if (normal !== null) return result(input, 'urn', normal, 'urn-resolver-url');
    }
  }
  const ark = /^\/ark:\/?(\d{5,})\/(\S+)$/.exec(path);
  if (ark !== null) return result(input, 'other', `ark:/${ark[1] ?? ''}/${ark[2] ?? ''}`, 'ark');
  if (host === 'arxiv.org' || host === 'export.arxiv.org') {
    const id = arxivId(path.replace(/^\/(?:abs|pdf)\//, '').replace(/\.pdf$/, ''));
    if (id !== null && /^\/(?:abs|pdf)\//.test(path)) return result(input, 'other', id, 'arxiv-url');
  }
  return result(
    input,
    'url',
    canonical.value,
    canonical.rule === 'http-url' ? 'url' : `url:${canonical.rule}`,
  );
}

function arxivId(text: string): string | null {
  const modern = ARXIV_NEW.exec(text);
  if (modern !== null) {
    const month = Number(text.slice(2, 4));
    if (month < 1 || month > 12) return null;
    return `arXiv:${modern[1] ?? ''}${modern[2] ?? ''}`;
  }
  const old = ARXIV_OLD.exec(text);
  if (old !== null) return `arXiv:${old[1] ?? ''}${old[2] ?? ''}`;
  return null;
}

function urnValue(text: string): string | null {
  const match = URN.exec(text);
  if (match === null) return null;
  const nid = (match[1] ?? '').toLowerCase();
  return `urn:${nid}:${match[2] ?? ''}`;
}

function issnValue(text: string): string | null {
  const match = ISSN.exec(text);
  if (match === null) return null;
  const digits = `${match[1] ?? ''}${(match[2] ?? '').toUpperCase()}`;
  return issnValid(digits) ? `ISSN ${digits.slice(0, 4)}-${digits.slice(4)}` : null;
}

/** "1989-2009": two years joined by a hyphen look like an ISSN. */
function looksLikeYearRange(text: string): boolean {
  const match = /^(\d{4})-(\d{4})$/.exec(text);
  if (match === null) return false;
  const a = Number(match[1]);
  const b = Number(match[2]);
  return a >= 1400 && a <= 2100 && b >= a && b <= 2100;
}

/**
 * What kind of identifier a value is, and its canonical form: DOI lower-cased "10.xxxx/...", ISBN as 13
 * digits, handle "prefix/suffix", URN with lower-case "urn:" and namespace, arXiv "arXiv:ID" and ISSN
 * "ISSN NNNN-NNNC" (kind other), http(s) URLs canonical (kind url). OAI identifiers, ARKs and single-token
 * local identifiers are kept as written (kind other). Text that contains no identifier gives kind null.
 */
export function normalizeIdentifier(raw: string): IdentifierResult {
  const input = raw;
  if (typeof raw !== 'string') return result(String(raw), null, null, 'empty');
  if (raw.length > MAX_LENGTH) return result(input, null, null, 'too-long');
  const text = raw
    .replace(CONTROL, '')
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim()
    .replace(/^[<"'\u201c\u2018[(]+|[>"'\u201d\u2019\]]+$/g, '')
    .trim();
  if (text === '') return result(input, null, null, 'empty');
  if (/^url:\s*(?:https?:|\/\/|www\.)/i.test(text)) return fromUrl(input, text);

  // DOIs: prefixed forms first, then resolver URLs, then bare, then inside text.
  if (DOI_FRAGMENT.test(text)) return result(input, null, null, 'doi-incomplete');
  const prefixed = DOI_PREFIXED.exec(text);
  if (prefixed !== null) {
    const resolver = /doi\.org\/|handle\.net\//i.test(text);
    // In a resolver address "?" and "#" start the query and fragment (a DOI's own are percent-encoded there).
    const doi = doiValue(resolver ? (prefixed[1] ?? '').replace(/[?#].*$/, '') : (prefixed[1] ?? ''));
    const rule = resolver ? 'doi-url' : 'doi';
    return doi === null ? result(input, null, null, 'doi-incomplete') : result(input, 'doi', doi, rule);
  }
  if (DOI_BARE.test(text)) {
    const doi = doiValue(text);
    if (doi !== null) return result(input, 'doi', doi, 'doi');
  }

  const scheme = GENERIC_SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && UNSAFE_SCHEMES.has(scheme))
    return result(input, null, null, `scheme:${scheme}`);
  if (scheme === 'http' || scheme === 'https' || /^www\.[a-z0-9-]+\./i.test(text) || text.startsWith('//')) {
    if (!/\s/.test(text)) return fromUrl(input, text);
  }

  // URNs (the doubled "urn:urn:nbn:..." some repositories write is repaired).
  if (scheme === 'urn') {
    const repaired = URN_REPEATED.test(text);
    const candidate = repaired ? text.replace(URN_REPEATED, 'urn:') : text;
    const nid = URN.exec(candidate)?.[1]?.toLowerCase();
    if (nid === 'isbn') {
      const isbn = isbn13(candidate.slice(9));
      return isbn === null
        ? result(input, null, null, 'isbn-checksum')
        : result(input, 'isbn', isbn, 'urn-isbn');
    }
    if (nid === 'issn') {
      const issn = issnValue(candidate.slice(9));
      return issn === null
        ? result(input, null, null, 'issn-checksum')
        : result(input, 'other', issn, 'urn-issn');
    }
    const urn = urnValue(candidate);
    if (urn !== null) return result(input, 'urn', urn, repaired ? 'urn-doubled-prefix' : 'urn');
    return result(input, null, null, 'urn-malformed');
  }

  const handle = HANDLE_PREFIXED.exec(text);
  if (handle !== null) {
    const value = handle[1] ?? '';
    if (/^10\.\d{4,9}(?:\.\d+)*\/./.test(value)) {
      const doi = doiValue(value);
      if (doi !== null) return result(input, 'doi', doi, 'doi-handle');
    }
    return result(input, 'handle', value, 'handle');
  }

  const arxivLabelled = ARXIV_LABEL.exec(text);
  if (arxivLabelled !== null) {
    const token = text.slice(arxivLabelled[0].length).split(' ')[0] ?? '';
    const id = arxivId(token.replace(/\.pdf$/i, ''));
    return id === null ? result(input, null, null, 'arxiv-invalid') : result(input, 'other', id, 'arxiv');
  }

  // ISBN: labelled, or grouped with hyphens/spaces, or 13 digits starting 978/979.
  if (ISBN_LABEL.test(text)) {
    const rest = text.replace(ISBN_LABEL, '');
    const isbn = /^[\dXx\s-]+$/.test(rest) ? isbn13(rest) : null;
    if (isbn !== null)
      return result(input, 'isbn', isbn, rest.replace(/[\s-]/g, '').length === 10 ? 'isbn-10' : 'isbn');
    if (/^[\dXx\s-]+$/.test(rest)) return result(input, null, null, 'isbn-checksum');
  }
  if (ISBN_GROUPED.test(text) || /^97[89]\d{10}$/.test(text)) {
    const isbn = isbn13(text);
    if (isbn !== null)
      return result(input, 'isbn', isbn, text.replace(/[\s-]/g, '').length === 10 ? 'isbn-10' : 'isbn');
    // Thirteen digits starting 978/979 are an ISBN with a wrong checksum, not some other number.
    if (/^97[89]\d{10}$/.test(text.replace(/[\s-]/g, ''))) return result(input, null, null, 'isbn-checksum');
  }

  // ISSN: labelled, or bare NNNN-NNNC with a valid checksum that is not a span of years.
  if (ISSN_LABEL.test(text)) {
    const issn = issnValue(text.replace(ISSN_LABEL, ''));
    return issn === null ? result(input, null, null, 'issn-checksum') : result(input, 'other', issn, 'issn');
  }
  if (/^\d{4}-\d{3}[\dXx]$/.test(text) && !looksLikeYearRange(text)) {
    const issn = issnValue(text);
    if (issn !== null) return result(input, 'other', issn, 'issn');
  }

  const ark = ARK.exec(text);
  if (ark !== null) return result(input, 'other', `ark:/${ark[1] ?? ''}/${ark[2] ?? ''}`, 'ark');

  if (OAI.test(text)) {
    const arxiv = /^oai:arxiv\.org:(.+)$/i.exec(text);
    const id = arxiv?.[1] === undefined ? null : arxivId(arxiv[1]);
    if (id !== null) return result(input, 'other', id, 'arxiv');
    return result(input, 'other', `oai:${text.slice(4)}`, 'oai-identifier');
  }

  const bareHandle = HANDLE_BARE.exec(text);
  if (bareHandle !== null && !text.startsWith('10.')) return result(input, 'handle', text, 'handle-bare');

  // Identifiers inside text: a DOI, an ISBN after "ISBN", a URL.
  const inText = DOI_IN_TEXT.exec(text);
  if (inText?.[1] !== undefined) {
    const doi = doiValue(inText[1]);
    if (doi !== null) return result(input, 'doi', doi, 'doi-in-text');
  }
  const isbnInText = ISBN_IN_TEXT.exec(text);
  if (isbnInText?.[1] !== undefined) {
    const isbn = isbn13(isbnInText[1].trim());
    if (isbn !== null) return result(input, 'isbn', isbn, 'isbn-in-text');
  }

  if (scheme !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/\s/.test(text))
    return result(input, 'other', text, `scheme:${scheme}`);

  if (/^[a-z][a-z0-9+.-]*:$/i.test(text)) return result(input, null, null, 'empty-identifier');
  // A single token is a local identifier (a record number, a call number); prose is no identifier.
  if (!/\s/.test(text)) {
    if (!/[\p{L}\p{N}]/u.test(text)) return result(input, null, null, 'no-identifier');
    const bare = canonicalUrl(text);
    if (bare.value !== null && /\//.test(text) && !/^\d/.test(text)) return fromUrl(input, text);
    return result(input, 'other', text, 'local-id');
  }
  if (LABELLED_LOCAL.test(text)) return result(input, 'other', text, 'labelled-local-id');
  return result(input, null, null, 'free-text');
}
