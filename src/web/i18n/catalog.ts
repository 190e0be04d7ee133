// Message catalogs of the interface: ICU MessageFormat strings (plurals, selects, numbers) in JSON files,
// one folder per language and one file per area of the portal (data-bundled/messages/<locale>/<area>.json),
// keys written "area.name". Formatting goes through intl-messageformat; a key missing in a language falls
// back to English (a test fails the build when any key is missing or its arguments differ).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { DEFAULT_LOCALE, UI_LOCALES, type UiLocale } from './locales.js';

export type MessageValues = Record<string, PrimitiveType>;

/** Catalog of one language: key -> ICU message. */
export type Catalog = ReadonlyMap<string, string>;

let folder: string | undefined;

/** data-bundled/messages, found by walking up from this module (works from src/ and from dist/). */
export function messagesDir(): string {
  if (folder !== undefined) return folder;
  let current = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(current, 'data-bundled', 'messages');
    if (existsSync(path.join(current, 'package.json')) && existsSync(candidate)) {
      folder = candidate;
      return folder;
    }
    const parent = path.dirname(current);
    if (parent === current) throw new Error('data-bundled/messages not found above this module');
    current = parent;
  }
}

const catalogs = new Map<UiLocale, Catalog>();

/** Reads every area file of one language (once). A key defined twice is an error: areas must not overlap. */
export function loadCatalog(locale: UiLocale): Catalog {
  const hit = catalogs.get(locale);
  if (hit !== undefined) return hit;
  const dir = path.join(messagesDir(), locale);
  const out = new Map<string, string>();
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const parsed = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error(`${locale}/${name}: a message file must hold one JSON object`);
      }
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value !== 'string') throw new Error(`${locale}/${name}: ${key} is not a string`);
        if (out.has(key)) throw new Error(`${locale}/${name}: ${key} is defined twice`);
        out.set(key, value);
      }
    }
  }
  catalogs.set(locale, out);
  return out;
}

/** Translates keys of one UI language into plain text (escape it before putting it into HTML). */
export interface Translator {
  readonly locale: UiLocale;
  /** The formatted message; the key itself when no language defines it (visible, and caught by tests). */
  t(key: string, values?: MessageValues): string;
  has(key: string): boolean;
}

const compiled = new Map<string, IntlMessageFormat>();

function compile(locale: UiLocale, key: string, message: string): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (format === undefined) {
    format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

const translators = new Map<UiLocale, Translator>();

export function translator(locale: UiLocale): Translator {
  const hit = translators.get(locale);
  if (hit !== undefined) return hit;
  const own = loadCatalog(locale);
  const fallback = loadCatalog(DEFAULT_LOCALE);
  const made: Translator = {
    locale,
    has: (key) => own.has(key) || fallback.has(key),
    t(key, values) {
      const ownMessage = own.get(key);
      const [lang, message] =
        ownMessage !== undefined ? [locale, ownMessage] : [DEFAULT_LOCALE, fallback.get(key)];
      if (message === undefined) return key;
      const out = compile(lang, key, message).format(values);
      return typeof out === 'string' ? out : String(out);
    },
  };
  translators.set(locale, made);
  return made;
}

/** Every key of every language, for the completeness check. */
export function allCatalogs(): ReadonlyMap<UiLocale, Catalog> {
  return new Map(UI_LOCALES.map((locale) => [locale, loadCatalog(locale)]));
}
