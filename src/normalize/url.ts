// URL normalization: the canonical form of a resource's landing-page URL (kept in the record, the original
// is kept beside it) and a looser key for telling whether two records point at the same page. Only http(s)
// addresses count; script, data and mail addresses, relative paths and junk give null and a rule saying why.
// The canonical form changes nothing a server could tell apart except what RFC 3986 and the WHATWG URL
// standard call equivalent (case of scheme and host, default ports, dot segments, percent-encoding case and
// unreserved characters) and what only trackers read (utm_* and similar parameters, the fragment).
// Pure functions; never performs I/O.

export interface UrlResult {
  readonly input: string;
  /** The canonical URL, or null when the value is not a usable http(s) address. */
  readonly value: string | null;
  /** Why: "http-url", "no-scheme:https-assumed+tracking-removed", "scheme:javascript", "relative"... */
  readonly rule: string;
}

/** Longer values are not URLs anyone means (the profile stores at most 4096 characters). */
export const MAX_URL_LENGTH = 4096;

// Query parameters that only tell analytics where a click came from.
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_eid',
  'mc_cid',
  '_ga',
  '_gl',
  'igshid',
  'igsh',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'ref_src',
  'ref_url',
  'spm',
  'scid',
]);
// Parameters that are tracking only on some hosts (on others they may mean something).
const HOST_TRACKING_PARAMS: ReadonlyArray<readonly [RegExp, ReadonlySet<string>]> = [
  [/(?:^|\.)(?:youtube\.com|youtu\.be|youtube-nocookie\.com)$/, new Set(['si', 'feature', 'pp'])],
  [/(?:^|\.)(?:docs|drive)\.google\.com$/, new Set(['usp'])],
  [/(?:^|\.)(?:twitter\.com|x\.com)$/, new Set(['s', 't'])],
  [/(?:^|\.)linkedin\.com$/, new Set(['trk', 'trkinfo', 'originalsubdomain'])],
];
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Invisible marks pasted along with addresses (zero-width spaces, direction marks, byte-order marks).
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const LINE_BREAKS = /\s*[\r\n]+\s*|\t+/g;
const WRAPPERS = /^[<"'\u201c\u201d\u2018\u2019\u00ab\u00bb[(]+|[>"'\u201c\u201d\u2018\u2019\u00ab\u00bb]+$/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;
// A scheme-less value that starts with a host name: "www.example.org/x", "academiccommons.columbia.edu/ac:1".
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?(?=[/?#]|$)/i;
// File extensions that make "index.html" or "notes.pdf" look like host names.
const FILE_EXTENSIONS = new Set([
  'html',
  'htm',
  'xhtml',
  'php',
  'asp',
  'aspx',
  'jsp',
  'cgi',
  'pdf',
  'doc',
  'docx',
  'ppt',
  'pptx',
  'xls',
  'xlsx',
  'odt',
  'txt',
  'xml',
  'json',
  'zip',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'mp3',
  'mp4',
  'mov',
  'avi',
  'wmv',
  'swf',
  'epub',
  'csv',
]);
const PERCENT = /%([0-9a-fA-F]{2})/g;
// Characters RFC 3986 does not allow in a path or query that the WHATWG parser leaves alone.
const UNSAFE_CHARS = /[[\]|^`{}\\]/g;
const UNSAFE_TEST = /[[\]|^`{}\\]/;
const LOCAL_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2}|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\]|\[fe80:[0-9a-f:]*\])$/;
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal'];

function isLocalHost(host: string): boolean {
  return LOCAL_HOST.test(host) || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function isUnreserved(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e // ~
  );
}

/** Upper-cases percent-escapes and decodes the ones that stand for unreserved characters. */
function normalizePercent(raw: string): string {
  const text = UNSAFE_TEST.test(raw)
    ? raw.replace(UNSAFE_CHARS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    : raw;
  if (!text.includes('%')) return text;
  return text.replace(PERCENT, (_, hex: string) => {
    const code = parseInt(hex, 16);
    return isUnreserved(code) ? String.fromCharCode(code) : `%${hex.toUpperCase()}`;
  });
}

function queryKey(piece: string): string {
  const eq = piece.indexOf('=');
  const key = eq < 0 ? piece : piece.slice(0, eq);
  if (!key.includes('%') && !key.includes('+')) return key.toLowerCase();
  try {
    return decodeURIComponent(key.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return key.toLowerCase();
  }
}

function hostTracking(host: string): ReadonlySet<string> | null {
  for (const [pattern, params] of HOST_TRACKING_PARAMS) if (pattern.test(host)) return params;
  return null;
}

interface CleanQuery {
  readonly query: string;
  readonly tracking: boolean;
  readonly htmlEscaped: boolean;
}

/** Drops tracking parameters and empty pieces, repairs "&amp;" separators; keeps everything else in order. */
function cleanQuery(search: string, host: string): CleanQuery {
  if (search === '' || search === '?') return { query: '', tracking: false, htmlEscaped: false };
  const pieces = search.slice(1).split('&');
  const kept: string[] = [];
  let tracking = false;
  let htmlEscaped = false;
  const extra = hostTracking(host);
  for (let piece of pieces) {
    if (piece === '') continue;
    // A query written into HTML with "&amp;" and escaped once more: "a=1&amp;b=2".
    if (piece.startsWith('amp;')) {
      piece = piece.slice(4);
      htmlEscaped = true;
      if (piece === '') continue;
    }
    const key = queryKey(piece);
    if (key.startsWith('utm_') || TRACKING_PARAMS.has(key) || (extra !== null && extra.has(key))) {
      tracking = true;
      continue;
    }
    kept.push(normalizePercent(piece));
  }
  return { query: kept.length === 0 ? '' : `?${kept.join('&')}`, tracking, htmlEscaped };
}

// Click-tracking wrappers around the real address: Google result links, Facebook and Outlook link shims.
const REDIRECTORS: ReadonlyArray<readonly [RegExp, string, readonly string[]]> = [
  [/^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/, '/url', ['url', 'q']],
  [/^l[m]?\.facebook\.com$/, '/l.php', ['u']],
  [/\.safelinks\.protection\.outlook\.com$/, '/', ['url']],
];

function redirectTarget(host: string, url: URL): string | null {
  for (const [pattern, path, params] of REDIRECTORS) {
    if (!pattern.test(host) || url.pathname !== path) continue;
    const query = new URLSearchParams(url.search);
    for (const name of params) {
      const target = query.get(name);
      if (target !== null && /^https?:\/\//i.test(target)) return target;
    }
  }
  return null;
}

function fail(input: string, rule: string): UrlResult {
  return { input, value: null, rule };
}

/**
 * Canonical form of a landing-page URL: trimmed, scheme and host lower-cased, IDN host as punycode, default
 * port, fragment and tracking parameters dropped, percent-encoding normalized, dot segments removed, the rest
 * of the query kept as it was. A value without a scheme that starts with a host name ("www.example.org/x")
 * is read as https, and the rule says so. Null, with the reason as rule, for anything that is not http(s).
 */
export function canonicalUrl(raw: string): UrlResult {
  const input = raw;
  if (typeof raw !== 'string') return fail(String(raw), 'empty');
  if (raw.length > MAX_URL_LENGTH * 2) return fail(input, 'too-long');
  let text = raw.trim();
  if (text === '') return fail(input, 'empty');
  // Line-wrapped values ("http://example.org/a/\n      b") were one address.
  if (/[\r\n\t]/.test(text)) text = text.replace(LINE_BREAKS, '');
  if (CONTROL.test(text)) return fail(input, 'control-characters');
  text = text.replace(INVISIBLE, '');
  // "<http://example.org/x>." or "(see http://example.org/x)" as written in prose.
  for (let i = 0; i < 3; i++) {
    const before = text;
    text = text.replace(WRAPPERS, '').replace(TRAILING_PUNCTUATION, '');
    if (text.endsWith(')') && !text.includes('(')) text = text.slice(0, -1);
    if (text === before) break;
  }
  if (text === '') return fail(input, 'empty');
  if (/\s/.test(text)) {
    // Spaces inside the host or before the scheme mean prose, not an address; spaces in a path are kept
    // (encoded) because repositories do publish such addresses.
    const hostPart = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)/i.exec(text);
    if (hostPart === null || /\s/.test(hostPart[1] ?? '')) return fail(input, 'not-a-url');
  }
  const rules: string[] = [];
  // "<URL:http://example.org/>", the wrapper RFC 1738 suggested for addresses in text.
  if (/^url:\s*(?=[a-z]+:|\/\/|www\.)/i.test(text)) text = text.replace(/^url:\s*/i, '');
  const scheme = SCHEME.exec(text);
  if (scheme !== null) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https') {
      // "www.example.org:8080/x" looks like a scheme "www.example.org"; a host name with a port is not one.
      const bare = BARE_HOST.exec(text);
      if (bare === null || !/^\d/.test(text.slice(scheme[0].length))) return fail(input, `scheme:${name}`);
      text = `https://${text}`;
      rules.push('no-scheme:https-assumed');
    }
  } else if (text.startsWith('//')) {
    text = `https:${text}`;
    rules.push('protocol-relative:https-assumed');
  } else {
    const bare = BARE_HOST.exec(text);
    const tld = bare?.[1]?.toLowerCase();
    const looksLikeHost =
      bare !== null &&
      tld !== undefined &&
      !FILE_EXTENSIONS.has(tld) &&
      (/^www\d*\./i.test(text) || bare[0].length < text.length || bare[0].split('.').length >= 3);
    if (!looksLikeHost) return fail(input, 'relative');
    text = `https://${text}`;
    rules.push('no-scheme:https-assumed');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(input, 'unparseable');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(input, 'unparseable');
  let host = url.hostname;
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return fail(input, 'no-host');
  if (isLocalHost(host)) return fail(input, 'local-host');
  if (!host.includes('.') && !host.startsWith('[')) return fail(input, 'single-label-host');
  const target = redirectTarget(host, url);
  if (target !== null) {
    const unwrapped = canonicalUrl(target);
    if (unwrapped.value !== null) {
      const rule =
        unwrapped.rule === 'http-url' ? 'redirect-unwrapped' : `redirect-unwrapped+${unwrapped.rule}`;
      return { input, value: unwrapped.value, rule };
    }
  }
  if (!IPV4.test(host) && !host.startsWith('[') && !/^[a-z0-9.-]+$/.test(host))
    return fail(input, 'unparseable');
  if (!IPV4.test(host) && !host.startsWith('[') && /^[0-9.-]+$/.test(host)) return fail(input, 'unparseable');
  if (url.username !== '' || url.password !== '') rules.push('userinfo-dropped');
  const port = url.port === '' ? '' : `:${url.port}`;
  const path = normalizePercent(url.pathname);
  const { query, tracking, htmlEscaped } = cleanQuery(url.search, host);
  if (htmlEscaped) rules.push('html-escaped-query');
  if (tracking) rules.push('tracking-removed');
  // Fragments are for the browser; "#/route" and "#!route" are how single-page sites address pages.
  const fragment = url.hash.startsWith('#/') || url.hash.startsWith('#!') ? normalizePercent(url.hash) : '';
  const value = `${url.protocol}//${host}${port}${path}${query}${fragment}`;
  if (value.length > MAX_URL_LENGTH) return fail(input, 'too-long');
  return { input, value, rule: rules.length === 0 ? 'http-url' : rules.join('+') };
}

// ---------------------------------------------------------------------------------------------------------
// Match keys

const EXAMPLE_HOST = /(?:^|\.)(?:example\.(?:org|com|net|edu)|test|example|invalid|localhost)$/;
const DOI_HOST = /^(?:dx\.)?doi\.org$/;
const HANDLE_HOST = /^(?:hdl\.)?handle\.net$/;
const YOUTUBE_HOST = /^(?:m\.|music\.)?youtube\.com$|^youtube-nocookie\.com$/;
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const WIKI_MOBILE =
  /^([a-z0-9-]+)\.m\.(wikipedia|wiktionary|wikibooks|wikiversity|wikimedia|wikisource|wikiquote)\.org$/;
const INDEX_PAGE = /\/(?:index|default)\.(?:html?|php|aspx?|jsp|shtml)$/i;
const ARXIV_PATH = /^\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/;

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sortedQuery(query: string): string {
  if (query === '') return '';
  const pieces = query.slice(1).split('&');
  if (pieces.length > 1) pieces.sort();
  return `?${pieces.join('&')}`;
}

/**
 * A key for telling whether two records' URLs name the same page: the canonical URL without scheme, "www."
 * and trailing slash or index page, query parameters sorted, and known mirrors folded (doi.org and
 * dx.doi.org with the DOI lower-cased, hdl.handle.net, youtu.be and YouTube watch/embed addresses, mobile
 * Wikipedia, arXiv abstract and PDF addresses). Null when the URL is unusable or names no particular page
 * (a bare host, a reserved example domain).
 */
export function urlMatchKey(raw: string): string | null {
  const canonical = canonicalUrl(raw).value;
  if (canonical === null) return null;
  const schemeEnd = canonical.indexOf('//') + 2;
  const rest = canonical.slice(schemeEnd);
  const slash = rest.search(/[/?#]/);
  let host = slash < 0 ? rest : rest.slice(0, slash);
  let tail = slash < 0 ? '/' : rest.slice(slash);
  // The fragment is only kept for single-page routes; it stays part of the key then.
  const hashAt = tail.indexOf('#');
  const fragment = hashAt < 0 ? '' : tail.slice(hashAt);
  if (hashAt >= 0) tail = tail.slice(0, hashAt);
  const queryAt = tail.indexOf('?');
  let path = queryAt < 0 ? tail : tail.slice(0, queryAt);
  let query = queryAt < 0 ? '' : tail.slice(queryAt);
  host = host.replace(/^www\./, '');
  if (EXAMPLE_HOST.test(host.replace(/:\d+$/, ''))) return null;
  const wiki = WIKI_MOBILE.exec(host);
  if (wiki !== null) host = `${wiki[1] ?? ''}.${wiki[2] ?? ''}.org`;
  if (DOI_HOST.test(host) || host === 'doi.org') {
    const doi = decodeSafe(path.slice(1)).toLowerCase();
    return /^10\.\d{4,9}\/\S+/.test(doi) ? `doi.org/${doi}` : null;
  }
  if (HANDLE_HOST.test(host)) {
    const handle = decodeSafe(path.slice(1));
    if (/^10\.\d{4,9}\//.test(handle)) return `doi.org/${handle.toLowerCase()}`;
    return handle.includes('/') ? `hdl.handle.net/${handle}` : null;
  }
  if (host === 'youtu.be' || YOUTUBE_HOST.test(host)) {
    const id =
      host === 'youtu.be'
        ? (path.slice(1).split('/')[0] ?? null)
        : path === '/watch'
          ? (/(?:^\?|&)v=([^&]+)/.exec(query)?.[1] ?? null)
          : (/^\/(?:embed|v|shorts|live)\/([^/]+)/.exec(path)?.[1] ?? null);
    if (id !== null && YOUTUBE_ID.test(id)) return `youtube.com/watch?v=${id}`;
  }
  if (host === 'arxiv.org' || host === 'export.arxiv.org') {
    const id = ARXIV_PATH.exec(path)?.[1];
    if (id !== undefined) return `arxiv.org/abs/${id}`;
    host = 'arxiv.org';
  }
  path = path.replace(INDEX_PAGE, '/');
  path = path.replace(/\/+$/, '');
  query = sortedQuery(query);
  if (path === '' && query === '' && fragment === '') return null;
  return `${host}${path}${query}${fragment}`;
}
