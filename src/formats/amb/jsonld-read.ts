// Defensive readers for untrusted JSON-LD (AMB, schema.org, LRMI): own properties only, bounded list sizes,
// schema.org terms found under their usual prefixes, and text cleaned and cut to the profile's limits.
// Every reader returns undefined (or an empty list) for a value of the wrong shape; none of them throws,
// recurses without bound, or writes into the objects it reads.
import { fullFormats } from 'ajv-formats/dist/formats.js';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: `constructor`, `__proto__` and other inherited names never leak in. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The ways a term may be spelled in a document: plain, JSON-LD keyword, prefixed, or as a full IRI. */
export interface TermReader {
  /** Prefixes bound to schema.org in the document's context ("schema", "sdo", ...). */
  readonly schemaPrefixes: readonly string[];
}

const KEYWORD_ALIASES: Readonly<Record<string, string>> = { id: '@id', type: '@type' };

/** The value of `term` in `obj`, under whichever spelling the document used first. */
export function term(obj: JsonObject, name: string, reader: TermReader): unknown {
  const plain = own(obj, name);
  if (plain !== undefined) return plain;
  const keyword = KEYWORD_ALIASES[name];
  if (keyword !== undefined) return own(obj, keyword);
  for (const prefix of reader.schemaPrefixes) {
    const prefixed = own(obj, `${prefix}:${name}`);
    if (prefixed !== undefined) return prefixed;
  }
  return own(obj, `http://schema.org/${name}`) ?? own(obj, `https://schema.org/${name}`);
}

/**
 * A value as a list of at most `limit` entries: a single value becomes a one-entry list, JSON-LD `@list` and
 * `@set` wrappers are opened. Only the first entries are looked at, so a million-entry list costs nothing.
 */
export function listOf(value: unknown, limit: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (isObject(value)) {
    const wrapped = own(value, '@list') ?? own(value, '@set');
    if (wrapped !== undefined) return Array.isArray(wrapped) ? wrapped.slice(0, limit) : [wrapped];
  }
  return Array.isArray(value) ? value.slice(0, limit) : [value];
}

/** A JSON string, or the string of a JSON-LD value object `{"@value": ...}`; anything else is undefined. */
export function rawText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    const inner = own(value, '@value');
    if (typeof inner === 'string') return inner;
  }
  return undefined;
}

// C0 controls other than tab, newline and carriage return, and DEL: none of them is text, and PostgreSQL
// refuses NUL. Lone UTF-16 surrogates cannot be written as UTF-8.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** At most `max` code points of `text`, never splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // UTF-16 units >= code points, so `max` units hold at most `max` code points.
  const head = text.slice(0, max);
  const last = head.charCodeAt(head.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, -1) : head;
}

/**
 * Cleaned text: control characters and broken surrogates removed, trimmed, cut to `max` code points;
 * `singleLine` also folds every run of white space into one space (titles, names, labels).
 * Empty results are undefined.
 */
export function cleanText(raw: string, max: number, singleLine: boolean): string | undefined {
  // Only a bounded head is cleaned: anything past it would be cut anyway, and a 10 MB string stays cheap.
  let text = cut(raw.trimStart(), max * 2 + 16)
    .replace(CONTROL_CHARACTERS, '')
    .replace(LONE_SURROGATES, '');
  if (singleLine) text = text.replace(/\s+/g, ' ');
  text = cut(text.trim(), max).trim();
  return text.length > 0 ? text : undefined;
}

/** cleanText of rawText. */
export function textOf(value: unknown, max: number, singleLine = true): string | undefined {
  const raw = rawText(value);
  return raw === undefined ? undefined : cleanText(raw, max, singleLine);
}

/** Same pattern as LanguageTag in the profile. */
const LANGUAGE_TAG =
  /^(?:[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*|und|zxx|mul)$/;

/**
 * A language tag in the profile's canonical case ("pt_br" and "PT-br" give "pt-BR"), or undefined when the
 * value is not a tag at all ("English", "__proto__").
 */
export function languageTag(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 35) return undefined;
  const parts = value.trim().replace(/_/g, '-').split('-');
  const tag = parts
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (part.length === 4 && /^[A-Za-z]+$/.test(part))
        return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      return part.toLowerCase();
    })
    .join('-');
  return LANGUAGE_TAG.test(tag) ? tag : undefined;
}

const uriFormat = fullFormats.uri;
const uriCheck: (value: string) => boolean =
  typeof uriFormat === 'function' ? (value) => (uriFormat as (v: string) => boolean)(value) : () => false;

// Schemes that run code or read local files when a page links them; never stored as identifiers or links.
const UNSAFE_SCHEMES = /^(?:javascript|vbscript|data|file|blob|about):/i;

/**
 * The value when it is an absolute URI the profile accepts (same check as the profile's "uri" format, at most
 * 4096 characters) and not one of the schemes above; otherwise undefined.
 */
export function uriOf(value: unknown): string | undefined {
  const raw = rawText(value);
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text.length === 0 || text.length > 4096 || UNSAFE_SCHEMES.test(text)) return undefined;
  try {
    return uriCheck(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** uriOf, restricted to http and https: for links people will open (landing pages, images, media files). */
export function webUrlOf(value: unknown): string | undefined {
  const uri = uriOf(value);
  return uri !== undefined && /^https?:\/\//i.test(uri) ? uri : undefined;
}

/**
 * For strings that may be a URI or a plain word (a subject, a creator, a source): only http(s) and urn: count
 * as URIs here, since "Mathe:Algebra" is URI syntax but a word.
 */
export function bareUriOf(value: unknown): string | undefined {
  const uri = uriOf(value);
  return uri !== undefined && /^(?:https?:\/\/|urn:)/i.test(uri) ? uri : undefined;
}

/** The URI naming a node: a string, or the node's `id` / `@id`. */
export function nodeId(value: unknown, reader: TermReader): string | undefined {
  if (isObject(value)) return uriOf(term(value, 'id', reader));
  return uriOf(value);
}

/** A schema.org type name from "Course", "schema:Course" or "http://schema.org/Course"; undefined otherwise. */
export function schemaTypeName(value: unknown, reader: TermReader): string | undefined {
  if (typeof value !== 'string') return undefined;
  let name = value.trim();
  for (const prefix of reader.schemaPrefixes) {
    if (name.startsWith(`${prefix}:`)) name = name.slice(prefix.length + 1);
  }
  name = name.replace(/^https?:\/\/schema\.org\//, '');
  return /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name) ? name : undefined;
}

/** The schema.org type names of a node (its `type` / `@type`, one or many). */
export function typeNames(obj: JsonObject, reader: TermReader): string[] {
  return listOf(term(obj, 'type', reader), 20)
    .map((t) => schemaTypeName(t, reader))
    .filter((t): t is string => t !== undefined);
}
