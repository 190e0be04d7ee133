// What every page handler gets: the UI language and its direction, the translator, localized formatting of
// numbers, dates, language and country names (Intl, CLDR data built into Node), and links that keep the
// language in the path. Built once per request from the locale of the route.
import { translator, type MessageValues } from '../i18n/catalog.js';
import { directionOf, type UiLocale } from '../i18n/locales.js';

export type QueryValue = string | number | boolean | readonly string[] | null | undefined;

export interface PageContext {
  readonly locale: UiLocale;
  readonly dir: 'ltr' | 'rtl';
  /** A message of the catalog as plain text: escape it (escapeHtml) before it goes into HTML. */
  t(key: string, values?: MessageValues): string;
  /** The path of this page after the language prefix ("/search"), used for language alternates. */
  readonly path: string;
  /** The query string of this request ("?q=x", or ""), kept when switching languages. */
  readonly search: string;
  /** A link inside the portal in this language: href("/search", { q: "x" }) -> "/fr/search?q=x". Not escaped. */
  href(path: string, params?: Readonly<Record<string, QueryValue>>): string;
  /** The same link in another UI language. */
  hrefIn(locale: UiLocale, path: string, params?: Readonly<Record<string, QueryValue>>): string;
  number(value: number): string;
  /** A date (ISO 8601 string or Date) in the reader's conventions; "" when it cannot be read. */
  date(value: string | Date, style?: 'long' | 'short'): string;
  /** A date with the time of day (harvest times). */
  dateTime(value: string | Date): string;
  /** A BCP 47 language tag's name in the UI language ("fr" -> "français" in French); the tag when unknown. */
  languageName(tag: string): string;
  /** An ISO 3166 region's name in the UI language; the code when unknown. */
  regionName(code: string): string;
}

/** A query string from parameters: arrays repeat the name, empty/undefined/null values are left out. */
export function queryString(params: Readonly<Record<string, QueryValue>> | undefined): string {
  if (params === undefined) return '';
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) out.append(name, item);
    else out.append(name, String(value));
  }
  const text = out.toString();
  return text === '' ? '' : `?${text}`;
}

function localizedPath(locale: UiLocale, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return clean === '/' ? `/${locale}/` : `/${locale}${clean}`;
}

function toDate(value: string | Date): Date | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

const displayNames = new Map<string, Intl.DisplayNames>();

function namesOf(locale: UiLocale, type: 'language' | 'region'): Intl.DisplayNames {
  const id = `${locale}:${type}`;
  let names = displayNames.get(id);
  if (names === undefined) {
    names = new Intl.DisplayNames([locale], { type, fallback: 'code' });
    displayNames.set(id, names);
  }
  return names;
}

export function createPageContext(locale: UiLocale, path: string, search = ''): PageContext {
  const messages = translator(locale);
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    locale,
    dir: directionOf(locale),
    t: (key, values) => messages.t(key, values),
    path,
    search,
    href: (target, params) => `${localizedPath(locale, target)}${queryString(params)}`,
    hrefIn: (other, target, params) => `${localizedPath(other, target)}${queryString(params)}`,
    number: (value) => numberFormat.format(value),
    date(value, style = 'long') {
      const date = toDate(value);
      if (date === null) return '';
      return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date);
    },
    dateTime(value) {
      const date = toDate(value);
      if (date === null) return '';
      return new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(date);
    },
    languageName(tag) {
      try {
        return namesOf(locale, 'language').of(tag) ?? tag;
      } catch {
        return tag;
      }
    },
    regionName(code) {
      try {
        return namesOf(locale, 'region').of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
  };
}
