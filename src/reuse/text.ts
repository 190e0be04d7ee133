// Small pure helpers the reuse formats share: choosing a text of a per-language map for the reader, making
// harvested text safe to put on one line, accepting only http(s) addresses as links, escaping for HTML, and
// reading the partial ISO 8601 dates records carry. No I/O.
import type { LangMapValue } from '../domain/profile.js';

/** A text and the language tag it was written under ("und" when the source did not say). */
export interface TextIn {
  readonly text: string;
  readonly lang: string;
}

/**
 * The text of a per-language map for a reader: their language exactly, else the same base language ("pt" for
 * "pt-BR"), else the first of the resource's own languages, else the first entry. Null for an absent map.
 */
export function pickText(
  map: LangMapValue | undefined,
  lang: string | null,
  fallbackLanguages: readonly string[] = [],
): TextIn | null {
  if (map === undefined) return null;
  const entries = Object.entries(map);
  const find = (wanted: string): TextIn | null => {
    const exact = entries.find(([key]) => key === wanted);
    if (exact !== undefined) return { lang: exact[0], text: exact[1] };
    const base = baseLanguage(wanted);
    const same = entries.find(([key]) => baseLanguage(key) === base);
    return same === undefined ? null : { lang: same[0], text: same[1] };
  };
  for (const wanted of [...(lang === null ? [] : [lang]), ...fallbackLanguages]) {
    const hit = find(wanted);
    if (hit !== null) return hit;
  }
  const first = entries[0];
  return first === undefined ? null : { lang: first[0], text: first[1] };
}

export function baseLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/**
 * Harvested text made fit for one line of a citation or attribution: control characters, line and paragraph
 * separators and runs of white space become one space; the result is trimmed. Never returns a line break.
 */
export function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b\ufeff]/g, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}

/** The address as a link target when its scheme is http or https (normalized by the URL parser), else null. */
export function httpUrl(value: string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.hostname === '') return null;
    return url.href;
  } catch {
    return null;
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtmlText(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** A calendar date as far as it is known: year, or year and month, or a full date. */
export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

/** The leading YYYY, YYYY-MM or YYYY-MM-DD of a date string (with or without a time), or null. */
export function parsePartialDate(value: string | undefined | null): PartialDate | null {
  if (value === undefined || value === null) return null;
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])/.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  if (year < 1000 || year > 2999) return null;
  const month = m[2] === undefined ? undefined : Number(m[2]);
  if (month === undefined) return { year };
  if (month < 1 || month > 12) return { year };
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (day === undefined) return { year, month };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { year, month };
  return { year, month, day };
}

/** The date parts of a Date in UTC, for "accessed" dates. */
export function dateOf(value: Date): PartialDate {
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
}

/** "adapt-forbidden" -> "adaptForbidden": codes as the message catalog's key names. */
export function camelCase(code: string): string {
  return code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
