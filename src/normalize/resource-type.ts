// Resource type normalization: what a type statement of a record amounts to in HCRT, the Hochschulcampus
// Ressourcentypen (https://w3id.org/kim/hcrt/...). Reads dc:type values (DCMI Type, info:eu-repo/semantics,
// EPrints and repository types), LOM learningResourceType values of many profiles and languages, LRMI and
// schema.org types, OpenEduHub, COAR, LRMI and ScoLOMFR concept URIs, HCRT's own URIs and labels, and MIME
// types as a weak last resort. Values are folded and split into words (camelCase too), stopwords dropped, and
// the longest phrases of the per-language term tables matched; German and Dutch compounds are read by their
// head. A value may name several types ("Diagram/Illustration"); one that names none is null. Pure; no I/O.
import { HCRT_CONCEPTS, HCRT_NAMESPACE, hcrtEntry } from '../vocab/hcrt.js';
import { BoundedCache, isCjk, tokens } from './resource-type-text.js';
import {
  COMPOUND_HEADS,
  FALSE_HEADS,
  STOPWORDS,
  TERM_TABLES,
  type TermTarget,
} from './resource-type-terms.js';
import {
  COAR,
  EU_REPO_NOT_TYPES,
  LRMI_LRT,
  OEH_LEARNING_RESOURCE_TYPE,
  OEH_NEW_LRT,
  SCOLOMFR,
} from './resource-type-uris.js';

/** What one type statement amounts to, and the rule that decided. */
export interface TypeResult {
  readonly input: string;
  /** HCRT concept URIs, in the order the value names them, or null when it names no type HCRT has. */
  readonly value: readonly string[] | null;
  /** "uri:hcrt", "uri:oeh", "uri:coar", "term:en", "term:de+en", "compound:de", "mime:video", "no-match"... */
  readonly rule: string;
}

interface Term {
  readonly ids: readonly string[];
  readonly weak: boolean;
  readonly lang: string;
}

const NOTATIONS = new Set(HCRT_CONCEPTS.map((c) => c.notation));

function toTerm(target: TermTarget, lang: string): Term {
  const list = typeof target === 'string' ? [target] : target;
  let weak = false;
  const ids = list.map((slug) => {
    if (slug.startsWith('~')) weak = true;
    const notation = slug.replace(/^~/, '');
    if (!NOTATIONS.has(notation)) throw new Error(`resource-type terms: unknown HCRT notation "${notation}"`);
    return HCRT_NAMESPACE + notation;
  });
  return { ids, weak, lang };
}

/** The lookup key of a phrase: folded words without stopwords, joined by one space. */
function phraseKey(phrase: string): string {
  return tokens(phrase)
    .filter((t) => !STOPWORDS.has(t))
    .join(' ');
}

const PHRASES = new Map<string, Term>();
/** First words of phrases of two or more words: only these can start one. */
const FIRST_WORDS = new Set<string>();
/** Han/kana/Hangul entries, longest first, matched as substrings of a CJK run. */
const CJK_TERMS: (readonly [string, Term])[] = [];
const conflicts: string[] = [];
/** Phrases the term tables map to different concepts (should stay empty; checked by the tests). */
export const TERM_CONFLICTS: readonly string[] = conflicts;
let maxWords = 1;

function addPhrase(phrase: string, term: Term, fromTable: boolean): void {
  const key = phraseKey(phrase);
  if (key === '') return;
  if (isCjk(key) && !key.includes(' ')) {
    if (!CJK_TERMS.some(([k]) => k === key)) CJK_TERMS.push([key, term]);
    return;
  }
  const existing = PHRASES.get(key);
  if (existing !== undefined) {
    if (fromTable && existing.ids.join() !== term.ids.join()) {
      conflicts.push(`${key}: ${existing.lang} ${existing.ids.join()} / ${term.lang} ${term.ids.join()}`);
    }
    return;
  }
  PHRASES.set(key, term);
  const words = key.split(' ');
  if (words.length > 1) FIRST_WORDS.add(words[0] ?? '');
  maxWords = Math.max(maxWords, words.length);
}

for (const [lang, table] of TERM_TABLES) {
  for (const [phrase, target] of Object.entries(table)) addPhrase(phrase, toTerm(target, lang), true);
}
// HCRT's own labels and notations, and our curated UI labels, where the tables do not already decide.
for (const concept of HCRT_CONCEPTS) {
  const own = (lang: string): Term => ({ ids: [concept.id], weak: false, lang: `hcrt-label:${lang}` });
  addPhrase(concept.notation.replace(/_/g, ' '), own('notation'), false);
  for (const [lang, label] of Object.entries(concept.prefLabel)) addPhrase(label, own(lang), false);
  for (const [lang, labels] of Object.entries(concept.altLabel))
    for (const l of labels) addPhrase(l, own(lang), false);
  for (const [lang, label] of Object.entries(concept.curatedLabel)) addPhrase(label, own(lang), false);
}
CJK_TERMS.sort((a, b) => b[0].length - a[0].length);

const HEADS: readonly (readonly [string, Term])[] = Object.entries(COMPOUND_HEADS)
  .map(([head, slug]) => [head, toTerm(slug, 'compound')] as const)
  .sort((a, b) => b[0].length - a[0].length);

/** Singular forms to try for a word that is not in the tables (en, fr, es, pt, de, nl plurals). */
function singulars(word: string): string[] {
  const out: string[] = [];
  if (word.length < 4) return out;
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  if (word.endsWith('en')) out.push(word.slice(0, -2));
  if (word.endsWith('er')) out.push(word.slice(0, -2));
  if (word.endsWith('n') || word.endsWith('e')) out.push(word.slice(0, -1));
  if (word.startsWith('ال') && word.length > 4) out.push(word.slice(2));
  return out.filter((w) => w.length >= 3);
}

function lookup(words: readonly string[], start: number, count: number): Term | undefined {
  if (count === 1) {
    const word = words[start] ?? '';
    const exact = PHRASES.get(word);
    if (exact !== undefined) return exact;
    for (const variant of singulars(word)) {
      const found = PHRASES.get(variant);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const slice = words.slice(start, start + count);
  const exact = PHRASES.get(slice.join(' '));
  if (exact !== undefined) return exact;
  const last = slice[slice.length - 1] ?? '';
  for (const variant of singulars(last)) {
    slice[slice.length - 1] = variant;
    const found = PHRASES.get(slice.join(' '));
    if (found !== undefined) return found;
  }
  return undefined;
}

interface Matches {
  readonly strong: string[];
  readonly weak: string[];
  readonly langs: string[];
}

function note(m: Matches, term: Term): void {
  const target = term.weak ? m.weak : m.strong;
  for (const id of term.ids) if (!target.includes(id)) target.push(id);
  if (!term.weak && !m.langs.includes(term.lang)) m.langs.push(term.lang);
}

function matchCjk(run: string, m: Matches): void {
  let i = 0;
  while (i < run.length) {
    let step = 1;
    for (const [key, term] of CJK_TERMS) {
      if (run.startsWith(key, i)) {
        note(m, term);
        step = key.length;
        break;
      }
    }
    i += step;
  }
}

/** A type value is a few words; more is a description in the wrong field. */
const MAX_WORDS_IN_VALUE = 10;

/** The HCRT concepts a text names, by its words. */
function fromWords(text: string, rulePrefix: string): { value: readonly string[] | null; rule: string } {
  const words = tokens(text).filter((t) => !STOPWORDS.has(t));
  if (words.length === 0) return { value: null, rule: `${rulePrefix}no-match` };
  if (words.length > MAX_WORDS_IN_VALUE) return { value: null, rule: `${rulePrefix}too-long` };
  const m: Matches = { strong: [], weak: [], langs: [] };
  let i = 0;
  while (i < words.length) {
    const word = words[i] ?? '';
    let matched = 0;
    const longest = FIRST_WORDS.has(word) ? Math.min(maxWords, words.length - i) : 1;
    for (let n = longest; n >= 2; n--) {
      const term = lookup(words, i, n);
      if (term !== undefined) {
        note(m, term);
        matched = n;
        break;
      }
    }
    // Two words written apart that are one word ("Post-print", "E-Book", "Web Seite").
    if (matched === 0 && i + 1 < words.length) {
      const joined = PHRASES.get(word + (words[i + 1] ?? ''));
      if (joined !== undefined) {
        note(m, joined);
        matched = 2;
      }
    }
    if (matched === 0) {
      const term = lookup(words, i, 1);
      if (term !== undefined) {
        note(m, term);
        matched = 1;
      }
    }
    if (matched === 0) {
      if (isCjk(word)) matchCjk(word, m);
      else if (word.length >= 8 && !FALSE_HEADS.some((f) => word.endsWith(f))) {
        for (const [head, term] of HEADS) {
          if (word.length >= head.length + 4 && word.endsWith(head)) {
            note(m, term);
            break;
          }
        }
      }
      matched = 1;
    }
    i += matched;
  }
  if (m.strong.length > 0) return { value: m.strong, rule: `${rulePrefix}term:${m.langs.join('+')}` };
  if (m.weak.length > 0) return { value: m.weak, rule: `${rulePrefix}weak-term` };
  return { value: null, rule: `${rulePrefix}no-match` };
}

function hcrt(notation: string | null | undefined): readonly string[] | null {
  return notation === null || notation === undefined ? null : [HCRT_NAMESPACE + notation];
}

// ---------------------------------------------------------------------------------------------------------
// URIs and prefixed names

const HCRT_URI = /^https?:\/\/w3id\.org\/kim\/hcrt\//i;
const OEH_URI =
  /^https?:\/\/w3id\.org\/openeduhub\/vocabs\/(learningResourceType|new_lrt)\/([^/?#\s]+?)\/?$/i;
const COAR_URI = /^https?:\/\/purl\.org\/coar\/resource_type\/(c_[0-9a-z]+)\/?$/i;
const LRMI_URI = /^https?:\/\/purl\.org\/dcx\/lrmi-vocabs\/learningResourceType\/([A-Za-z]+)\/?$/;
const SCOLOMFR_URI = /^https?:\/\/data\.education\.fr\/voc\/scolomfr\/concept\/([^/?#\s]+?)\/?$/i;
const EU_REPO = /^info:eu-repo\/semantics\/([A-Za-z]+)$/;
const SCHEMA_ORG = /^https?:\/\/(?:www\.)?schema\.org\/([A-Za-z0-9]+)\/?$/;
const DCMI_TYPE = /^https?:\/\/purl\.org\/dc\/dcmitype\/([A-Za-z]+)\/?$/;
const HTTP_URI = /^https?:\/\/\S+$/i;
const CURIE = /^([A-Za-z][\w.-]*):([A-Za-z][\w-]*)$/;
const DOI = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?10\.\d{4,9}\/\S+$/i;
const MIME = /^(application|audio|video|image|text|model|font|message|multipart)\/([\w.+-]+)(?:\s*;.*)?$/i;
/** Subtypes without a dot, plus or dash that are common enough to read "x/y" as a MIME type. */
const MIME_SUBTYPES = new Set(
  (
    'pdf html xhtml plain csv xml json zip gzip rtf msword jpeg jpg png gif tiff bmp webp svg mpeg mp4 mp3 ogg ' +
    'webm wav flac aac quicktime avi javascript css markdown epub octet-stream postscript'
  ).split(' '),
);

function fromUri(raw: string): { value: readonly string[] | null; rule: string } | null {
  const entry = hcrtEntry(raw);
  if (entry !== undefined) return { value: [entry.id], rule: 'uri:hcrt' };
  if (HCRT_URI.test(raw)) return { value: null, rule: 'uri:hcrt-unknown' };
  let m = OEH_URI.exec(raw);
  if (m !== null) {
    const [, scheme = '', local = ''] = m;
    const table = scheme.toLowerCase() === 'new_lrt' ? OEH_NEW_LRT : OEH_LEARNING_RESOURCE_TYPE;
    if (Object.hasOwn(table, local)) return { value: hcrt(table[local]), rule: 'uri:oeh' };
    return scheme.toLowerCase() === 'new_lrt'
      ? { value: null, rule: 'uri:oeh-unknown' }
      : fromWords(local, 'uri:oeh>');
  }
  m = COAR_URI.exec(raw);
  if (m !== null) {
    const code = (m[1] ?? '').toLowerCase();
    return Object.hasOwn(COAR, code)
      ? { value: hcrt(COAR[code]), rule: 'uri:coar' }
      : { value: null, rule: 'uri:coar-unknown' };
  }
  m = LRMI_URI.exec(raw);
  if (m !== null) {
    const local = (m[1] ?? '').toLowerCase();
    if (Object.hasOwn(LRMI_LRT, local)) return { value: hcrt(LRMI_LRT[local]), rule: 'uri:lrmi' };
    return fromWords(m[1] ?? '', 'uri:lrmi>');
  }
  m = SCOLOMFR_URI.exec(raw);
  if (m !== null) {
    const local = m[1] ?? '';
    if (Object.hasOwn(SCOLOMFR, local)) return { value: hcrt(SCOLOMFR[local]), rule: 'uri:scolomfr' };
    return /-num-/.test(local)
      ? { value: null, rule: 'uri:scolomfr-unknown' }
      : fromWords(local, 'uri:scolomfr>');
  }
  m = EU_REPO.exec(raw);
  if (m !== null) {
    const local = m[1] ?? '';
    if (EU_REPO_NOT_TYPES.has(local.toLowerCase())) return { value: null, rule: 'eu-repo:not-a-type' };
    return fromWords(local, 'eu-repo>');
  }
  m = SCHEMA_ORG.exec(raw) ?? DCMI_TYPE.exec(raw);
  if (m !== null)
    return fromWords(m[1] ?? '', raw.includes('dcmitype') ? 'uri:dcmitype>' : 'uri:schema.org>');
  if (HTTP_URI.test(raw)) {
    // Any other vocabulary: its local name ("https://example.org/types/Course" -> "Course").
    const path = raw.replace(/[?].*$/, '').replace(/\/+$/, '');
    const local = (/[#/]([^#/]*)$/.exec(path)?.[1] ?? '').replace(/\.[a-z0-9]{2,5}$/i, '');
    if (!/^\p{L}[\p{L}\p{N}_-]*$/u.test(local) || /^(?:[0-9a-f]+-){2,}/i.test(local)) {
      return { value: null, rule: 'uri:unknown' };
    }
    return fromWords(local, 'uri:local-name>');
  }
  return null;
}

function fromMime(type: string, subtype: string): { value: readonly string[] | null; rule: string } {
  const t = type.toLowerCase();
  const s = subtype.toLowerCase();
  if (t === 'video') return { value: hcrt('video'), rule: 'mime:video' };
  if (t === 'audio') return { value: hcrt('audio'), rule: 'mime:audio' };
  if (t === 'image') return { value: hcrt('image'), rule: 'mime:image' };
  if (s === 'html' || s === 'xhtml+xml') return { value: hcrt('web_page'), rule: 'mime:web-page' };
  if (/presentation|powerpoint|keynote/.test(s)) return { value: hcrt('slide'), rule: 'mime:presentation' };
  if (/spreadsheet|excel|csv|tab-separated|numbers/.test(s))
    return { value: hcrt('data'), rule: 'mime:data' };
  if (/wordprocessing|msword|opendocument\.text|rtf|epub|^plain$|markdown/.test(s)) {
    return { value: hcrt('text'), rule: 'mime:text' };
  }
  // PDF, archives, Flash, XML...: a file format that does not tell what kind of resource it holds.
  return { value: null, rule: 'mime:no-type' };
}

// ---------------------------------------------------------------------------------------------------------

const cache = new BoundedCache<TypeResult>(4096);

function decide(raw: string): { value: readonly string[] | null; rule: string } {
  const text = raw.trim();
  if (text === '') return { value: null, rule: 'empty' };
  if (DOI.test(text)) return { value: null, rule: 'not-a-type:doi' };
  const fromUriResult = fromUri(text);
  if (fromUriResult !== null) return fromUriResult;
  const mime = MIME.exec(text);
  if (mime !== null && (/[.+-]/.test(mime[2] ?? '') || MIME_SUBTYPES.has((mime[2] ?? '').toLowerCase()))) {
    return fromMime(mime[1] ?? '', mime[2] ?? '');
  }
  // OLAC discourse types describe the genre of speech in a recording, not the kind of resource.
  if (/^discourse-type\s*:/i.test(text)) return { value: null, rule: 'olac:discourse-type' };
  const curie = CURIE.exec(text);
  if (curie !== null) {
    const [, prefix = '', local = ''] = curie;
    if (prefix.toLowerCase() === 'lrt' && Object.hasOwn(LRMI_LRT, local.toLowerCase())) {
      return { value: hcrt(LRMI_LRT[local.toLowerCase()]), rule: 'curie:lrmi' };
    }
    return fromWords(local, 'curie>');
  }
  return fromWords(text, '');
}

/** The HCRT concept(s) one type statement amounts to. */
export function normalizeResourceType(raw: string): TypeResult {
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const { value, rule } = decide(raw);
  return cache.set(raw, { input: raw, value, rule });
}
