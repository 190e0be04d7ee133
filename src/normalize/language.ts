// Language normalization: what one declared language value (dc:language, LOM general.language, xml:lang,
// schema.org inLanguage) amounts to as a BCP 47 tag in its shortest form, and the language of running text
// when none is declared (detectLanguage, in language-detect.ts). Declared values may be ISO 639-1/2B/2T/3
// codes in any case, locale forms (pt_BR, en_US.UTF-8, sr_RS@latin), tags with script and region subtags,
// id.loc.gov / lexvo / EU vocabulary URIs, language names in English, in the language itself or in another
// major language (with or without diacritics, with a region or script in brackets), lists of several of
// these, or the special values for "no linguistic content" (zxx), "undetermined" (und) and "several" (mul).
// Codes map to ISO 639-1 where one exists, else to the 3-letter code; members of a macrolanguage map to it
// where CLDR does (cmn, arb, swh, pes, zsm...). Anything else is null with rule "no-match": nothing is
// guessed. Pure functions; results of repeated inputs are memoized in a bounded map.
import { LanguageTag } from '../domain/profile.js';
import { detectLanguage, type DetectionResult } from './language-detect.js';
import {
  foldName,
  foldPhrase,
  languageNameIndex,
  regionFromName,
  scriptNameIndex,
} from './language-names.js';
import {
  GRANDFATHERED,
  isScript,
  likelyScript,
  MULTI_SCRIPT_LANGUAGES,
  POSIX_SCRIPT_MODIFIERS,
  regionLanguage,
  resolveCode,
  resolveRegion,
} from './language-tables.js';

export { detectLanguage, type DetectionResult };
export { DEFAULT_DETECTION_CANDIDATES } from './language-detect.js';

/** What one declared value amounts to, and the rule that decided. */
export interface LanguageResult {
  readonly input: string;
  /** A BCP 47 tag matching the profile's LanguageTag ("en", "pt-BR", "zh-Hans", "zxx", "und", "mul"), or null. */
  readonly value: string | null;
  /**
   * The rule that decided: "iso639-1", "iso639-2", "iso639-3", "iso639-3-macrolanguage", "deprecated",
   * "bcp47", "grandfathered", "posix-locale", "uri", "name", "name+region", "name+script", "list", "zxx",
   * "und", "mul", "region-code", "empty", "no-match"...
   */
  readonly rule: string;
}

/** The profile's LanguageTag pattern; every value we return matches it. */
const LANGUAGE_TAG = new RegExp(LanguageTag.pattern ?? '^$');

const MAX_INPUT = 300;
const CACHE_LIMIT = 8192;
const cache = new Map<string, LanguageResult>();

/** Values that say there is no linguistic content, that the language is unknown, or that there are several. */
const SPECIAL: ReadonlyMap<string, 'zxx' | 'und' | 'mul'> = new Map(
  (
    [
      ['x none', 'zxx'],
      ['none', 'zxx'],
      ['zxx', 'zxx'],
      ['no linguistic content', 'zxx'],
      ['no language', 'zxx'],
      ['language unknown', 'und'],
      ['unknown language', 'und'],
      ['several languages', 'mul'],
      ['multi', 'mul'],
      ['not applicable', 'zxx'],
      ['sans contenu linguistique', 'zxx'],
      ['pas de contenu linguistique', 'zxx'],
      ['sin contenido linguistico', 'zxx'],
      ['sem conteudo linguistico', 'zxx'],
      ['kein sprachlicher inhalt', 'zxx'],
      ['keine sprachinhalte', 'zxx'],
      ['und', 'und'],
      ['unknown', 'und'],
      ['undetermined', 'und'],
      ['undefined', 'und'],
      ['unbekannt', 'und'],
      ['inconnu', 'und'],
      ['inconnue', 'und'],
      ['indeterminee', 'und'],
      ['desconocido', 'und'],
      ['desconhecido', 'und'],
      ['sconosciuto', 'und'],
      ['onbekend', 'und'],
      ['mul', 'mul'],
      ['multiple', 'mul'],
      ['multiple languages', 'mul'],
      ['multilingual', 'mul'],
      ['multilingue', 'mul'],
      ['multilingüe', 'mul'],
      ['plurilingue', 'mul'],
      ['mehrsprachig', 'mul'],
      ['bilingual', 'mul'],
      ['bilingue', 'mul'],
      ['bilingüe', 'mul'],
      ['zweisprachig', 'mul'],
      ['tweetalig', 'mul'],
      ['trilingual', 'mul'],
      ['meertalig', 'mul'],
      ['various', 'mul'],
      ['various languages', 'mul'],
      ['varios idiomas', 'mul'],
      ['varias lenguas', 'mul'],
      ['varios', 'mul'],
      ['vários idiomas', 'mul'],
      ['plusieurs langues', 'mul'],
    ] as const
  ).map(([k, v]) => [foldPhrase(k), v] as const),
);

/** Known URI shapes that carry a language code in their last path segment. */
const URI_PATTERNS: readonly RegExp[] = [
  /^(?:https?:\/\/)?id\.loc\.gov\/vocabulary\/(?:iso639-[125]|languages)\/([a-z]{2,3})(?:\.[a-z]+)?\/?$/i,
  /^(?:https?:\/\/)?(?:www\.)?lexvo\.org\/(?:id|page|data)\/(?:iso639-[1235]|term\/[a-z]{3})\/([a-z]{2,3})\/?$/i,
  /^(?:https?:\/\/)?publications\.europa\.eu\/resource\/authority\/language\/([a-z]{3})\/?$/i,
  /^(?:https?:\/\/)?(?:www\.)?loc\.gov\/standards\/iso639-2\/?.*[#/?=]([a-z]{3})$/i,
  /^(?:https?:\/\/)?[^/]+\/.*\b(?:iso-?639(?:-[1235])?|languages?|lang)\/([a-z]{2,3}(?:[-_][a-z0-9]{2,8})*)\/?(?:[#?].*)?$/i,
  /^(?:https?:\/\/)?[^/]+\/.*[#?&](?:lang(?:uage)?|iso639(?:-[123])?)=([a-z]{2,3}(?:[-_][a-z0-9]{2,8})*)$/i,
  /^urn:ietf:bcp:47:([a-z0-9-]+)$/i,
  /^urn:iso:std:iso:639(?:-[1235])?:([a-z]{2,3})$/i,
];

/** Macrolanguages (and sign languages) that take extended language subtags in practice. */
const EXTLANG_PREFIXES: ReadonlySet<string> = new Set([
  'zh',
  'ar',
  'ms',
  'sw',
  'sgn',
  'kok',
  'lv',
  'et',
  'uz',
]);

const TAG_SHAPE = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*(?:\.[A-Za-z0-9-]+)?(?:@[A-Za-z]+)?$/;
const SPLITTERS = /\s*(?:[,;|/+&·、，；]|\s-\s|\s(?:and|or|et|ou|y|e|und|oder|en|i|и|و)\s)\s*/u;
const QUALIFIED = /^(.+?)\s*[([（]\s*([^()[\]（）]+?)\s*[)\]）]\s*$/u;
const CONNECTED = /^(.+?)\s+(?:do|da|de|du|del|des|of|from|aus|von|as spoken in)\s+(.+)$/iu;
const DASHED = /^(.+?)\s*[-–—:]\s*(.+)$/u;
const COMMA = /^([^,]+),\s*([^,]+)$/u;
const CODE_LIKE = /^\s*[A-Za-z]{2,3}\s*$/;
const PREFIXED = /^[([（]\s*([^()[\]（）]+?)\s*[)\]）]\s*(.+)$/u;

function result(input: string, value: string | null, rule: string): LanguageResult {
  if (value !== null && !LANGUAGE_TAG.test(value)) return { input, value: null, rule: 'no-match' };
  return { input, value, rule };
}

/** A BCP 47-shaped value (any case, `_` or `-`, POSIX charset and modifier) as a canonical tag. */
function resolveTag(text: string, regionAsLanguage = true): { tag: string; rule: string } | undefined {
  let rest = text;
  let modifierScript: string | undefined;
  let posix = false;
  const at = rest.indexOf('@');
  if (at >= 0) {
    modifierScript = POSIX_SCRIPT_MODIFIERS[rest.slice(at + 1).toLowerCase()];
    rest = rest.slice(0, at);
    posix = true;
  }
  const dot = rest.indexOf('.');
  if (dot >= 0) {
    rest = rest.slice(0, dot);
    posix = true;
  }
  if (rest.includes('_')) posix = true;
  const lower = rest.toLowerCase().replace(/_/g, '-');
  const grand = GRANDFATHERED.get(lower);
  if (grand !== undefined) return { tag: grand, rule: 'grandfathered' };
  const parts = lower.split('-');
  let primary = parts[0] ?? '';
  if (primary === 'x' || primary === 'i') return undefined;
  if (primary.length < 2 || primary.length > 3 || !/^[a-z]+$/.test(primary)) return undefined;
  let index = 1;
  // Extended language subtag: zh-yue, zh-cmn-Hans, ar-arb, sgn-ase: a member of the macrolanguage in front.
  const ext = parts[1];
  if (
    ext !== undefined &&
    EXTLANG_PREFIXES.has(primary) &&
    /^[a-z]{3}$/.test(ext) &&
    resolveCode(ext) !== undefined
  ) {
    primary = ext;
    index = 2;
  }
  const code = resolveCode(primary);
  let rule: string;
  let language: string;
  let region: string | undefined;
  let script: string | undefined;
  if (code !== undefined) {
    // A code may itself canonicalize to language-script-region (prs -> fa-AF).
    const [l = '', ...extra] = code.tag.split('-');
    language = l;
    for (const e of extra) {
      if (e.length === 4) script = e;
      else region = e;
    }
    rule = code.rule;
  } else if (regionAsLanguage && primary.length === 2 && parts.length === 1) {
    // "jp", "cn", "cz", "gr", "dk": country codes sent as language codes.
    const asRegion = resolveRegion(primary.toUpperCase());
    const guess = asRegion === undefined ? undefined : regionLanguage(asRegion);
    if (guess === undefined || guess === 'und') return undefined;
    return { tag: guess, rule: 'region-code' };
  } else {
    return undefined;
  }
  const variants: string[] = [];
  for (; index < parts.length; index++) {
    const part = parts[index] ?? '';
    if (part.length === 1) break; // extensions and private use: dropped
    if (/^[a-z]{4}$/.test(part) && script === undefined && region === undefined && variants.length === 0) {
      const title = part.charAt(0).toUpperCase() + part.slice(1);
      if (isScript(title)) script = title;
      continue;
    }
    if (/^(?:[a-z]{2}|\d{3})$/.test(part) && region === undefined && variants.length === 0) {
      region = resolveRegion(part.toUpperCase()) ?? region;
      continue;
    }
    if (/^[a-z0-9]{5,8}$/.test(part)) {
      variants.push(part);
      continue;
    }
    // Four-character variants (de-1996) are valid BCP 47 but the profile's LanguageTag has no room for them.
    if (/^\d[a-z0-9]{3}$/.test(part)) continue;
    // Anything else (a stray subtag) ends the tag; what came before stands.
    break;
  }
  if (modifierScript !== undefined && script === undefined) script = modifierScript;
  if (script !== undefined && !MULTI_SCRIPT_LANGUAGES.has(language) && likelyScript(language) === script) {
    script = undefined;
  }
  const tag = [language, script, region, ...variants].filter((p) => p !== undefined).join('-');
  if (tag !== language && !(code?.tag.includes('-') && tag === code.tag)) {
    rule = posix ? 'posix-locale' : 'bcp47';
  } else if (posix) {
    rule = 'posix-locale';
  }
  return { tag, rule };
}

function resolveUri(text: string): { tag: string; rule: string } | undefined {
  for (const pattern of URI_PATTERNS) {
    const m = pattern.exec(text);
    const code = m?.[1];
    if (code === undefined) continue;
    const special = SPECIAL.get(foldPhrase(code));
    if (special !== undefined) return { tag: special, rule: 'uri' };
    const tag = resolveTag(code);
    if (tag !== undefined) return { tag: tag.tag, rule: 'uri' };
  }
  return undefined;
}

/** A single value that is a code or a name (no lists, no qualifiers). */
function resolveSimple(text: string, regionAsLanguage = true): { tag: string; rule: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (TAG_SHAPE.test(trimmed)) {
    const special = SPECIAL.get(trimmed.toLowerCase().replace(/[-_]/g, ' '));
    if (special !== undefined) return { tag: special, rule: special };
    const tag = resolveTag(trimmed, regionAsLanguage);
    if (tag !== undefined) return tag;
  }
  const special = SPECIAL.get(foldPhrase(trimmed));
  if (special !== undefined) return { tag: special, rule: special };
  const key = foldName(trimmed);
  if (key === '') return undefined;
  const named = languageNameIndex().get(key);
  if (named !== undefined) return { tag: named, rule: 'name' };
  return undefined;
}

/** A language qualified by a region given by name or code ("Brasil", "BR", "419"). */
function regionOf(tag: string, qualifier: string): { tag: string; rule: string } | undefined {
  if (tag.includes('-') || tag === 'zxx' || tag === 'und' || tag === 'mul') return undefined;
  const key = foldName(qualifier);
  if (key === '') return undefined;
  const region = /^(?:\d{3}|[a-z]{2})$/.test(key)
    ? resolveRegion(key.toUpperCase())
    : regionFromName(key, [tag, 'en']);
  return region === undefined ? undefined : { tag: `${tag}-${region}`, rule: 'name+region' };
}

/**
 * A qualifier after a language: the same language again, a region, or a script. Without brackets
 * ("Arabic English") a qualifier that names another language is not read as a script or region.
 */
function applyQualifier(
  tag: string,
  qualifier: string,
  bracketed: boolean,
): { tag: string; rule: string } | undefined {
  // In brackets, a region name comes first: "Suomi (Suomi)", "Italiano (Italia)" name the country, even
  // though "suomi" and "italia" also name the language somewhere; a lower-case code is the language's.
  // Outside brackets only a two-letter code is read as a region first ("English UK", "english_uk").
  const plainQualifier = qualifier.trim();
  if (bracketed ? !/^[a-z]{2,3}$/.test(plainQualifier) : /^[A-Za-z]{2}$/.test(plainQualifier)) {
    const region = regionOf(tag, qualifier);
    if (region !== undefined) return region;
  }
  const same = resolveSimple(qualifier, false);
  const base = tag.split('-')[0];
  if (same !== undefined && (same.tag === tag || same.tag === base)) return { tag, rule: 'name' };
  if (same !== undefined && same.tag.split('-')[0] === tag) return { tag: same.tag, rule: 'name' };
  if (same !== undefined && !bracketed) return undefined;
  if (tag.includes('-') || tag === 'zxx' || tag === 'und' || tag === 'mul') return undefined;
  const region = regionOf(tag, qualifier);
  if (region !== undefined) return region;
  const key = foldName(qualifier);
  if (key === '') return undefined;
  const script = scriptNameIndex().get(key);
  if (script !== undefined) {
    const redundant = !MULTI_SCRIPT_LANGUAGES.has(tag) && likelyScript(tag) === script;
    return { tag: redundant ? tag : `${tag}-${script}`, rule: 'name+script' };
  }
  return undefined;
}

/** Splits a name with no brackets at a word boundary into language + region or script, either way round. */
function resolveJoined(text: string): { tag: string; rule: string } | undefined {
  const key = foldName(text);
  const words = key.split(' ');
  if (words.length >= 2 && words.length <= 5) {
    for (let i = 1; i < words.length; i++) {
      const head = words.slice(0, i).join(' ');
      const tail = words.slice(i).join(' ');
      for (const [language, qualifier] of [
        [head, tail],
        [tail, head],
      ] as const) {
        const tag = languageNameIndex().get(language);
        if (tag === undefined) continue;
        const qualified = applyQualifier(tag, qualifier, false);
        if (qualified !== undefined) return qualified;
      }
    }
  } else if (words.length === 1 && /^[\p{sc=Han}]{3,8}$/u.test(key)) {
    // 中文简体, 简体中文 written without spaces.
    for (let i = 1; i < key.length; i++) {
      for (const [language, qualifier] of [
        [key.slice(0, i), key.slice(i)],
        [key.slice(i), key.slice(0, i)],
      ] as const) {
        const tag = languageNameIndex().get(language);
        if (tag === undefined) continue;
        const qualified = applyQualifier(tag, qualifier, false);
        if (qualified !== undefined) return qualified;
      }
    }
  }
  return undefined;
}

/** A value with a qualifier: "Português (Brasil)", "English - United States", "français du Canada". */
function resolveQualified(text: string): { tag: string; rule: string } | undefined {
  for (const pattern of [QUALIFIED, PREFIXED, CONNECTED, DASHED, COMMA]) {
    const m = pattern.exec(text);
    if (!m?.[1] || !m[2]) continue;
    // "[en] English", "(fr) français": the bracketed part comes first.
    const [head, tail] = pattern === PREFIXED ? [m[2], m[1]] : [m[1], m[2]];
    // "EN, ES", "fr - en": two codes are a list, not a language and its region.
    if ((pattern === DASHED || pattern === COMMA) && CODE_LIKE.test(head) && CODE_LIKE.test(tail)) continue;
    const base = resolveSimple(head);
    if (base === undefined) continue;
    // "Norwegian (Bokmål)": the two parts together may be a name of their own.
    const together = resolveSimple(`${head} ${tail}`);
    if (together !== undefined) return together;
    const qualified = applyQualifier(base.tag, tail, pattern === QUALIFIED || pattern === PREFIXED);
    if (qualified !== undefined) return qualified;
    // A qualifier we cannot read ("English (original)", "Occitan (Valbonnais dialect)") does not change the
    // language; a dash or connector might have been a list, so only brackets are ignored this way.
    // "Filipino (Tagalog)", "Chinese (Cantonese)": a second language in brackets explains the first one.
    if (pattern === QUALIFIED || pattern === PREFIXED)
      return { tag: base.tag, rule: `${base.rule}+qualifier` };
  }
  return undefined;
}

function resolveOne(text: string): { tag: string; rule: string } | undefined {
  return resolveSimple(text) ?? resolveQualified(text) ?? resolveJoined(text);
}

/** The parts of a list of values, or undefined when the value is no list. */
function listParts(text: string): string[] | undefined {
  const parts = text.split(SPLITTERS).filter((p) => p.trim() !== '');
  if (parts.length >= 2) return parts;
  const tokens = text.split(/\s+/);
  // Whitespace-separated codes or one-word names: "en fr", "english spanish".
  if (tokens.length < 2 || tokens.length > 6) return undefined;
  const codes = tokens.every((t) => /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(t));
  if (!codes && !tokens.every((t) => resolveSimple(t, false) !== undefined)) return undefined;
  return tokens;
}

/** A list of values ("en; fr", "English/French", "en fr", "patois de Valbonnais / occitan"). */
function resolveList(text: string): { tag: string; rule: string } | undefined {
  const parts = listParts(text);
  if (parts === undefined) return undefined;
  const found = new Set<string>();
  let unknown = 0;
  for (const part of parts) {
    const one = resolveOne(part);
    if (one === undefined) unknown++;
    else if (one.tag !== 'und') found.add(one.tag);
  }
  const tags = [...found];
  const [first] = tags;
  if (first === undefined) return undefined;
  if (tags.length === 1) return { tag: first, rule: unknown > 0 ? 'list-partial' : 'list' };
  // Several languages, possibly the same one with and without a region: keep the most specific only then.
  const bases = new Set(tags.map((t) => t.split('-')[0]));
  const specific = tags.filter((t) => t.includes('-'));
  const [one] = specific;
  if (bases.size === 1 && specific.length === 1 && one !== undefined) return { tag: one, rule: 'list' };
  return { tag: 'mul', rule: 'list' };
}

function resolve(text: string): { tag: string; rule: string } | undefined {
  if (/^(?:https?:|urn:|info:|www\.)/i.test(text)) return resolveUri(text);
  const simple = resolveSimple(text) ?? resolveQualified(text);
  if (simple !== undefined) return simple;
  // With list separators, a list first ("Arabic/English"); else a name joined to its qualifier.
  if (SPLITTERS.test(text)) return resolveList(text) ?? resolveJoined(text);
  return resolveJoined(text) ?? resolveList(text);
}

const ASCII = /^[\x20-\x7e]*$/;
const SPACE_RUNS = /\s+/g;
/** Values that need no cleaning: a code or tag, as most are. */
const BARE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$/;
const LANG_PREFIX = /^lang(?:uage)?[-_=](?=[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$)/i;
const QUOTES = /^["'“”‘’«»`]+|["'“”‘’«»`]+$/g;
const WRAPPED = /^\[(.*)\]$|^\((.*)\)$|^<(.*)>$/;
const TRAILING = /[.,;:!]+$/;

/** Strips wrapping quotes and brackets, trailing punctuation and extra spaces. */
function clean(raw: string): string {
  let text = (ASCII.test(raw) ? raw : raw.normalize('NFKC')).replace(SPACE_RUNS, ' ').trim();
  if (BARE.test(text)) return text;
  text = text.replace(LANG_PREFIX, '');
  for (;;) {
    const unwrapped = text.replace(QUOTES, '').replace(WRAPPED, '$1$2$3').replace(TRAILING, '').trim();
    if (unwrapped === text) return text;
    text = unwrapped;
  }
}

/** One declared language value -> BCP 47 tag in shortest form, or null. */
export function normalizeLanguage(raw: string): LanguageResult {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  let out: LanguageResult;
  const text = clean(raw);
  if (text === '') out = { input: raw, value: null, rule: 'empty' };
  else if (text.length > MAX_INPUT) out = { input: raw, value: null, rule: 'no-match' };
  else {
    const found = resolve(text);
    out = found === undefined ? result(raw, null, 'no-match') : result(raw, found.tag, found.rule);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, out);
  return out;
}

/**
 * Every language a declared value names, in order and without repeats ("en; fr" -> ["en", "fr"]); a value
 * naming one language gives one tag, and one that names none gives an empty list. Use this for fields that
 * may carry several languages; normalizeLanguage reads such a list as "mul".
 */
export function normalizeLanguages(raw: string): string[] {
  const whole = normalizeLanguage(raw);
  if (whole.value !== 'mul' || whole.rule !== 'list') return whole.value === null ? [] : [whole.value];
  const out: string[] = [];
  for (const part of listParts(clean(raw)) ?? []) {
    const value = normalizeLanguage(part).value;
    if (value !== null && value !== 'und' && !out.includes(value)) out.push(value);
  }
  return out;
}

/** The declared language of a record when there is one, else the detected language of its text. */
export function languageOf(
  declared: readonly string[],
  text: string,
  options?: { readonly candidates?: readonly string[] },
): { readonly value: string | null; readonly origin: 'declared' | 'detected' | null; readonly rule: string } {
  for (const raw of declared) {
    const found = normalizeLanguage(raw);
    if (found.value !== null && found.value !== 'und') {
      return { value: found.value, origin: 'declared', rule: found.rule };
    }
  }
  const detected = detectLanguage(text, options);
  return { value: detected.value, origin: detected.value === null ? null : 'detected', rule: detected.rule };
}
