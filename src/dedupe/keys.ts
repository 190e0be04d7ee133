// Comparable keys of the values duplicate detection relies on: canonical URL keys (and the "family" of a URL
// whose path or query names a language), DOI/ISBN/handle/URN keys, and person-name token lists.
// dedupe depends on the domain only, so it keeps its own key rules beside the normalizers'
// (src/normalize/url.ts, identifier.ts, agent.ts), which records have already been through; the key formats
// below are ours.
// Pure functions; no I/O.
import { fold, tokens } from './text.js';

// ---------------------------------------------------------------------------------------------------------
// URLs

/** A canonical key of a web address, plus its language-free family when the address names a language. */
export interface UrlKey {
  /** "url:example.org/a/b?x=1", or a "doi:"/"handle:" key for resolver addresses. */
  readonly key: string;
  /** The key with its language marker taken out ("url~:example.org/{lang}/a"), when it has one. */
  readonly family: string | null;
  /** The language the address names ("fr"), when it names one. */
  readonly marker: string | null;
  /** True when the address has no path or query: a site's home page, shared by all its records. */
  readonly siteRoot: boolean;
}

// Query parameters that track a visit and never change what the page shows.
const TRACKING_PARAM =
  /^(?:utm_\w+|fbclid|gclid|yclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|igshid|jsessionid|phpsessid|sid|sessionid|si|feature)$/i;
// Query parameters that choose a language.
const LANGUAGE_PARAM = /^(?:lang|language|locale|hl|lng|lan|idioma|langue|sprache|lingua|l)$/i;
// Two-letter language codes that sites put in paths, sub-domains and parameters.
const LANGUAGE_CODES = new Set(
  (
    'en fr es pt de it nl ru ar zh ja ko sw tr pl el he hi id ms th vi uk cs sk ro hu fi sv da no nb nn ' +
    'ca eu gl fa ur bn ta te ka hy az kk uz mn sr hr bs sl bg mk lt lv et is ga cy mt sq af am ha yo ig ' +
    'zu xh so rw mg tl ps ku ne si km lo my qu gn ay'
  ).split(' '),
);
const LANGUAGE_SEGMENT = /^([a-z]{2})(?:[-_]([a-z]{2}|\d{3}|hans|hant))?$/i;
const INDEX_PAGE = /\/(?:index|default)\.(?:html?|php|aspx?|jsp)$/i;
const SESSION_IN_PATH = /;(?:jsessionid|sessionid)=[^/?#]*/gi;
const UNRESERVED_ESCAPE = /%([0-9A-Fa-f]{2})/g;

function decodeUnreserved(value: string): string {
  return value.replace(UNRESERVED_ESCAPE, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : escape.toUpperCase();
  });
}

function languageMarker(value: string): string | null {
  const m = LANGUAGE_SEGMENT.exec(value);
  if (m?.[1] === undefined) return null;
  const code = m[1].toLowerCase();
  return LANGUAGE_CODES.has(code) ? code : null;
}

const urlCache = new Map<string, UrlKey | null>();
const URL_CACHE_MAX = 20_000;

/** The canonical key of an http(s) address, or null when it is not one. Bounded cache of recent inputs. */
export function urlKey(raw: string): UrlKey | null {
  const cached = urlCache.get(raw);
  if (cached !== undefined) return cached;
  const value = computeUrlKey(raw);
  if (urlCache.size >= URL_CACHE_MAX) urlCache.clear();
  urlCache.set(raw, value);
  return value;
}

// scheme://authority path ?query #fragment, read without building a URL object (cheaper, and a key needs
// no more): user names and default ports go, the host is lower-cased and loses "www.".
const URL_PARTS = /^(https?):\/\/([^/?#\s]+)([^?#\s]*)(?:\?([^#\s]*))?(?:#\S*)?$/i;

function decodeLoosely(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return decodeUnreserved(value);
  }
}

function computeUrlKey(raw: string): UrlKey | null {
  let text = raw.trim().replace(/&amp;/g, '&');
  if (/^www\./i.test(text)) text = `http://${text}`;
  const m = URL_PARTS.exec(text);
  if (m === null) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  let authority = m[2] ?? '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host = authority.toLowerCase();
  const port = /:(\d*)$/.exec(host);
  if (port !== null) {
    const number = port[1] ?? '';
    host = host.slice(0, port.index);
    if (
      number !== '' &&
      !(scheme === 'http' && number === '80') &&
      !(scheme === 'https' && number === '443')
    ) {
      host = `${host}:${number}`;
    }
  }
  host = host.replace(/\.$/, '').replace(/^www\d?\./, '');
  if (host === '' || !host.includes('.')) return null;
  let path = decodeLoosely(m[3] ?? '')
    .replace(SESSION_IN_PATH, '')
    .replace(/\/{2,}/g, '/');

  // Resolver addresses are the identifier they resolve.
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = doiKey(path.slice(1));
    if (doi !== null) return { key: doi, family: null, marker: null, siteRoot: false };
  }
  if (host === 'hdl.handle.net') {
    const handle = handleKey(path.slice(1));
    if (handle !== null) return { key: handle, family: null, marker: null, siteRoot: false };
  }

  const params: [string, string][] = [];
  const query = m[4] ?? '';
  if (query !== '') {
    for (const part of query.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = decodeLoosely(eq < 0 ? part : part.slice(0, eq));
      if (TRACKING_PARAM.test(name)) continue;
      params.push([name, eq < 0 ? '' : decodeLoosely(part.slice(eq + 1))]);
    }
  }
  // One video, however it is linked: youtu.be/ID, /embed/ID and /watch?v=ID (playlist position dropped).
  if (host === 'youtu.be' || host === 'youtube.com' || host === 'm.youtube.com') {
    const id =
      host === 'youtu.be'
        ? path.slice(1)
        : path.startsWith('/embed/')
          ? path.slice(7)
          : params.find(([n]) => n === 'v')?.[1];
    if (id !== undefined && /^[\w-]{6,}$/.test(id)) {
      return { key: `url:youtube.com/watch?v=${id}`, family: null, marker: null, siteRoot: false };
    }
  }

  path = path.replace(INDEX_PAGE, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
  if (path === '/') path = '';

  let marker: string | null = null;
  let familyPath = path;
  if (path !== '') {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const code = languageMarker(segments[i] ?? '');
      if (code !== null) {
        marker = code;
        segments[i] = '{lang}';
        familyPath = segments.join('/');
        break;
      }
    }
  }
  let familyHost = host;
  const firstDot = host.indexOf('.');
  if (marker === null && firstDot > 0 && host.indexOf('.', firstDot + 1) > 0) {
    const code = languageMarker(host.slice(0, firstDot));
    if (code !== null) {
      marker = code;
      familyHost = `{lang}${host.slice(firstDot)}`;
    }
  }
  const familyParams: [string, string][] = [];
  for (const [name, val] of params) {
    const code = LANGUAGE_PARAM.test(name) ? languageMarker(val) : null;
    if (code !== null) marker ??= code;
    else familyParams.push([name, val]);
  }
  const queryKey = (list: [string, string][]): string =>
    list.length === 0
      ? ''
      : `?${list
          .map(([n, v]) => `${n}=${v}`)
          .sort()
          .join('&')}`;
  const key = `url:${host}${path}${queryKey(params)}`;
  const family = marker === null ? null : `url~:${familyHost}${familyPath}${queryKey(familyParams)}`;
  return { key, family, marker, siteRoot: path === '' && params.length === 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Identifiers

const DOI = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/|info:doi\/)?(10\.\d{4,9}\/\S+?)[.,;/]*$/i;
const HANDLE = /^(?:hdl:\s*|https?:\/\/hdl\.handle\.net\/|info:hdl\/)?(\d[\w.]*\/[^\s?#]+)/i;

/** "doi:10.1234/abc" (lower case, as DOIs are case-insensitive), or null. */
export function doiKey(raw: string): string | null {
  const m = DOI.exec(raw.trim());
  return m?.[1] === undefined ? null : `doi:${m[1].toLowerCase()}`;
}

/** "handle:1765/315" (lower case: handles are case-insensitive in ASCII), or null. */
export function handleKey(raw: string): string | null {
  const m = HANDLE.exec(raw.trim());
  return m?.[1] === undefined ? null : `handle:${m[1].toLowerCase()}`;
}

function isbnValid(digits: string): boolean {
  if (digits.length === 10) {
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      const c = digits.charAt(i);
      sum += (c === 'X' ? 10 : Number(c)) * (10 - i);
    }
    return sum % 11 === 0;
  }
  if (digits.length === 13) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(digits.charAt(i)) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0 && /^97[89]/.test(digits);
  }
  return false;
}

/** "isbn:978..." in its 13-digit form (ISBN-10 converted), or null when the check digit fails. */
export function isbnKey(raw: string): string | null {
  const digits = raw
    .replace(/^\s*(?:urn:isbn:|isbn(?:-1[03])?:?)\s*/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
  if (!/^(?:\d{9}[\dX]|\d{13})$/.test(digits) || !isbnValid(digits)) return null;
  if (digits.length === 13) return `isbn:${digits}`;
  const stem = `978${digits.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(stem.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  return `isbn:${stem}${(10 - (sum % 10)) % 10}`;
}

/** An arXiv number, new ("2103.04518") or old ("math.GT/0309136"), then its version, which keys leave out. */
const ARXIV_NUMBER = String.raw`(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?`;
/** An arXiv identifier as records hold it ("arXiv:2103.04518v2"). */
const ARXIV_ID = new RegExp(String.raw`^arxiv:\s*${ARXIV_NUMBER}$`, 'i');
const ARXIV_ADDRESS = new RegExp(
  String.raw`^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/${ARXIV_NUMBER}(?:\.pdf)?\/?$`,
  'i',
);
const ZENODO_ADDRESS = /^https?:\/\/(?:www\.)?zenodo\.org\/records?\/(\d+)\/?$/i;

/**
 * The identifier an address of a well-known host stands for: an arXiv abstract or PDF address is its arXiv id, a
 * Zenodo record page is the DOI Zenodo registered for it (10.5281/zenodo.N), so a copy that gives the identifier
 * instead of the address meets the record.
 */
export function addressIdentifierKey(raw: string): string | null {
  const text = raw.trim();
  const arxiv = ARXIV_ADDRESS.exec(text)?.[1];
  if (arxiv !== undefined) return `arxiv:${arxiv.toLowerCase()}`;
  const zenodo = ZENODO_ADDRESS.exec(text)?.[1];
  return zenodo === undefined ? null : doiKey(`10.5281/zenodo.${zenodo}`);
}

// An ISBN written with its hyphens ("90-9014980-5") among "other" identifiers: the hyphens tell it from
// the local record numbers repositories also put there.
const HYPHENATED_ISBN = /^(?:\d{1,5}-\d{1,7}-\d{1,7}-[\dX]|97[89]-\d{1,5}-\d{1,7}-\d{1,7}-\d)$/i;

export interface IdentifierInput {
  readonly kind: string;
  readonly value: string;
}

/** The strong keys of one identifier (DOI, ISBN, handle, URN, web address); empty for local numbers. */
export function identifierKeys(id: IdentifierInput, out: string[] = []): string[] {
  const value = id.value;
  switch (id.kind) {
    case 'doi': {
      const key = doiKey(value);
      if (key !== null) out.push(key);
      break;
    }
    case 'handle': {
      const key = handleKey(value);
      if (key !== null) out.push(key);
      break;
    }
    case 'isbn': {
      const key = isbnKey(value);
      if (key !== null) out.push(key);
      break;
    }
    case 'urn': {
      const lower = value.trim().toLowerCase();
      if (lower.startsWith('urn:oer-atlas:')) break;
      if (lower.startsWith('urn:isbn:')) {
        const key = isbnKey(lower);
        if (key !== null) out.push(key);
      } else if (lower.startsWith('urn:doi:')) {
        const key = doiKey(lower.slice(8));
        if (key !== null) out.push(key);
      } else if (/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/.test(lower)) {
        out.push(lower);
      }
      break;
    }
    case 'url': {
      const key = urlKey(value);
      if (key !== null && !key.siteRoot) out.push(key.key);
      break;
    }
    default: {
      const trimmed = value.trim();
      const doi = /^(?:doi:\s*)?10\.\d{4,9}\//i.test(trimmed) ? doiKey(trimmed) : null;
      const arxiv = ARXIV_ID.exec(trimmed)?.[1];
      if (doi !== null) out.push(doi);
      else if (arxiv !== undefined) out.push(`arxiv:${arxiv.toLowerCase()}`);
      else if (HYPHENATED_ISBN.test(trimmed) || /^isbn/i.test(trimmed)) {
        const key = isbnKey(trimmed);
        if (key !== null) out.push(key);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Person and organisation names

// Titles, roles and particles that are no part of telling two people apart.
const NAME_NOISE = new Set(
  (
    'dr prof profa professor professora mr mrs ms mme mlle sr sra dra phd msc ma ba jr sr ing dipl ' +
    'et al ed eds editor orgs org coord autor author'
  ).split(' '),
);

/** Folded tokens of a name, without titles, dates and roles; "Smith, John" and "John Smith" alike. */
export function nameTokens(raw: string): string[] {
  const text = fold(raw.replace(/\([^)]*\)/g, ' ').replace(/\d{3,4}\s*-\s*(?:\d{3,4})?/g, ' '));
  return tokens(text).filter((t) => !NAME_NOISE.has(t) && !/^\d+$/.test(t));
}

/**
 * Whether two names can be the same person or body: every token of the shorter name is in the longer one,
 * or is the initial of one of its tokens, and at least one full token (two letters or more) is shared.
 * "Smith, J." ~ "John Smith"; "Smith, Jane" !~ "Smith, John".
 */
export function namesCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let full = false;
  const used = new Set<number>();
  for (const token of short) {
    let matched = -1;
    for (let i = 0; i < long.length; i++) {
      if (used.has(i)) continue;
      const other = long[i] ?? '';
      if (other === token) {
        matched = i;
        if (token.length >= 2) full = true;
        break;
      }
    }
    if (matched < 0) {
      for (let i = 0; i < long.length; i++) {
        if (used.has(i)) continue;
        const other = long[i] ?? '';
        if (
          (token.length === 1 && other.startsWith(token)) ||
          (other.length === 1 && token.startsWith(other))
        ) {
          matched = i;
          break;
        }
      }
    }
    if (matched < 0) return false;
    used.add(matched);
  }
  return full;
}
