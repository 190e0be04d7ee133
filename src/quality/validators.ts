// Validity tests the quality checks apply to single values: web addresses (well-formed http(s) on a host
// the public can reach), calendar dates (real dates, plausible for a resource harvested at a given time) and
// identifiers (DOI, ISBN with its check digit, handle, URN, ORCID with its check digit). Each returns what
// is wrong, or null. Pure; never performs I/O.

export type UrlProblem = 'invalid' | 'not_public';

const HTTP_URL = /^https?:\/\/[^\s<>"{}|\\^`]+$/i;
/** A DNS name as WHATWG URL leaves it (lower case, punycode): labels, and a top-level label of letters. */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})\.?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** Names reserved for local networks, tests and documentation (RFC 2606, 6761, 6762, 8375). */
const NON_PUBLIC_NAME =
  /(?:^|\.)(?:localhost|local|internal|intranet|lan|home\.arpa|test|example|invalid|example\.(?:com|net|org))\.?$/;

/** Loopback, private, shared, link-local, documentation (RFC 5737) and multicast/reserved IPv4 ranges. */
function privateIpv4(a: number, b: number, c: number): boolean {
  return (
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

/** What is wrong with a landing-page address, or null when it is a well-formed public http(s) URL. */
export function urlProblem(value: string): UrlProblem | null {
  if (value.length > 4096 || !HTTP_URL.test(value)) return 'invalid';
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return 'invalid';
  }
  if (host.startsWith('[')) {
    // IPv6: loopback, unspecified, unique local (fc00::/7), link-local (fe80::/10), documentation (2001:db8::/32).
    const v6 = host.slice(1, -1);
    return v6 === '::1' || v6 === '::' || /^f[cd]|^fe[89ab]|^2001:db8:/.test(v6) ? 'not_public' : null;
  }
  const ip = IPV4.exec(host);
  if (ip !== null) {
    const octets = [Number(ip[1]), Number(ip[2]), Number(ip[3]), Number(ip[4])];
    if (octets.some((o) => o > 255)) return 'invalid';
    return privateIpv4(octets[0] ?? 0, octets[1] ?? 0, octets[2] ?? 0) ? 'not_public' : null;
  }
  // A name without a dot ("intranet", "moodle") only resolves inside some local network.
  if (!host.includes('.') || NON_PUBLIC_NAME.test(host)) return 'not_public';
  return HOST_NAME.test(host) ? null : 'invalid';
}

// ---------------------------------------------------------------------------------------------------------
// Dates

export type DateProblem = 'invalid' | 'future' | 'too_early' | 'placeholder';

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const DAY_MS = 86_400_000;
/** The earliest year a resource's own date can plausibly have; earlier ones are typing or system errors. */
export const EARLIEST_YEAR = 1000;
/** Dates systems write when they have none: the start of the Unix epoch and of the 20th century. */
const PLACEHOLDER_DAYS = new Set(['1900-01-01', '1970-01-01']);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function leap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * What is wrong with a date of the record, or null. `latestMs` is the latest moment the date may lie at
 * (the harvest time plus a day for time zones), or NaN when unknown; the date counts from its first moment,
 * so "2025" is not in the future in any part of 2025.
 */
export function dateProblem(value: string, latestMs: number): DateProblem | null {
  const m = DATE.exec(value.trim());
  if (m === null) return 'invalid';
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (year === 0 || month < 1 || month > 12 || day < 1) return 'invalid';
  if (day > (DAYS_IN_MONTH[month - 1] ?? 31) || (month === 2 && day === 29 && !leap(year))) return 'invalid';
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? '0') > 60))
    return 'invalid';
  if (year < EARLIEST_YEAR) return 'too_early';
  if (m[3] !== undefined && PLACEHOLDER_DAYS.has(value.slice(0, 10))) {
    // Only a bare date or one at midnight: a real event at 1970-01-01T14:32 is no system default.
    const midnight =
      m[4] === undefined || (Number(m[4]) === 0 && Number(m[5]) === 0 && Number(m[6] ?? '0') === 0);
    if (midnight) return 'placeholder';
  }
  if (!Number.isNaN(latestMs) && Date.UTC(year, month - 1, day) > latestMs) return 'future';
  return null;
}

/** The latest moment a record's dates may lie at: its latest harvest plus one day, or NaN when unknown. */
// Records of one harvest share their harvest time: the last one parsed is kept.
let lastTime = '';
let lastMs = Number.NaN;

function parseTime(t: string): number {
  if (t !== lastTime) {
    lastTime = t;
    lastMs = Date.parse(t);
  }
  return lastMs;
}

export function latestPlausibleMs(harvestTimes: readonly string[]): number {
  let latest = Number.NaN;
  for (const t of harvestTimes) {
    const ms = parseTime(t);
    if (!Number.isNaN(ms) && (Number.isNaN(latest) || ms > latest)) latest = ms;
  }
  return Number.isNaN(latest) ? latest : latest + DAY_MS;
}

/** True when `later` (a date of any precision) lies before `earlier` at the precision both share. */
export function datesOutOfOrder(earlier: string, later: string): boolean {
  const n = Math.min(earlier.length, later.length, 10);
  return later.slice(0, n) < earlier.slice(0, n);
}

// ---------------------------------------------------------------------------------------------------------
// Identifiers

const DOI = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?10\.\d{4,9}\/\S+$/i;
const HANDLE = /^(?:hdl:\s*|https?:\/\/hdl\.handle\.net\/)?\d[\w.-]*\/\S+$/i;
const URN = /^urn:([a-z0-9][a-z0-9-]{0,31}):\S+$/i;
const ISBN = /^(?:urn:isbn:|isbn:?\s*)?([0-9][0-9 -]{8,16}[0-9Xx])$/i;
const ORCID = /^(?:https?:\/\/orcid\.org\/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$/;

/** True when the digits (hyphens and spaces removed) are an ISBN-10 or ISBN-13 with a correct check digit. */
export function isbnValid(raw: string): boolean {
  const m = ISBN.exec(raw.trim());
  if (m?.[1] === undefined) return false;
  const digits = m[1].replace(/[ -]/g, '').toUpperCase();
  if (digits.length === 10) {
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      const c = digits.charCodeAt(i);
      const d = c === 88 /* X */ ? (i === 9 ? 10 : -1) : c - 48;
      if (d < 0 || d > 10) return false;
      sum += d * (10 - i);
    }
    return sum % 11 === 0;
  }
  if (digits.length === 13 && /^97[89]\d{10}$/.test(digits)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  return false;
}

/** True for an ORCID iD (bare or https) whose check digit (ISO 7064 MOD 11-2) is right. */
export function orcidValid(raw: string): boolean {
  const m = ORCID.exec(raw.trim());
  if (m === null) return false;
  const digits = `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}${m[4] ?? ''}`.toUpperCase();
  let total = 0;
  for (let i = 0; i < 15; i++) total = (total + digits.charCodeAt(i) - 48) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits.charAt(15) === (check === 10 ? 'X' : String(check));
}

/** True when an identifier of the profile's kind has the form that kind requires. */
export function identifierValid(kind: string, value: string): boolean {
  switch (kind) {
    case 'doi':
      return DOI.test(value);
    case 'isbn':
      return isbnValid(value);
    case 'handle':
      return HANDLE.test(value);
    case 'urn': {
      const nid = URN.exec(value)?.[1];
      if (nid === undefined || nid.toLowerCase() === 'urn') return false;
      return nid.toLowerCase() === 'isbn' ? isbnValid(value) : true;
    }
    case 'url':
      return urlProblem(value) === null;
    default:
      // "other" identifiers follow no known rule; a local id is as good as its source makes it.
      return !/\s/.test(value);
  }
}
