// The search analyzer: turns one field value (a title, a description, one keyword) in one language into the
// terms that both search backends index, SQLite FTS5 and PostgreSQL alike, because neither tokenizer splits
// Chinese or strips Arabic marks. The same function analyzes documents and queries. The chain:
//   1. NFKC (Thai and Lao am recomposed), then locale-independent lower case; İ -> i everywhere, and
//      I -> ı in Turkic languages so that the Turkish stemmer sees real words (ı folds to i afterwards, so
//      I, ı, İ and i all meet).
//   2. Segmentation with one pass over a per-code-point class table: words are runs of letters, digits and
//      marks; Han, kana and Hangul runs become overlapping character bigrams (a one-character run stays one
//      token) so that 代数 finds 线性代数导论; Thai, Lao, Khmer and Myanmar runs are split by ICU's dictionary
//      through Intl.Segmenter, run by run (never a whole document, nor even a whole value; short runs are
//      cached). Intl.Segmenter is not used for the rest because it costs 80 µs for 60 English words against
//      a budget of 30 µs; the table follows its rules where they matter (an apostrophe between two letters
//      stays in the word; hyphens, periods, slashes, underscores and emoji separate; "3.14" and "1,000"
//      give two tokens on both sides, like "e-learning").
//   3. Apostrophes: ' ‘ ’ ` ´ ʻ ʼ ꞌ between two letters become one letter, ʼ (U+02BC), inside the token
//      (Hawaiʻi, q'ara, ng'ombe, п'ять); ʻ ʼ ꞌ also start a word, and so do ' ‘ ’ in languages that write the
//      glottal stop with them (haw, sm, to, qu...); elsewhere they are quotes. French, Italian and Catalan
//      elisions drop the article (l'algèbre -> algèbre, dell'arte -> arte; `und` only the unambiguous
//      l' d' qu' dell'...), and a final 's is dropped (Euler's -> euler) except in glottal-stop orthographies.
//   4. Stemming (option `stem`, default true) with Snowball where the language has an algorithm (see
//      analyzer-lang.ts); the stemmer gets the unfolded word, since its rules need the accents (activités ->
//      activ, but activites -> activit), then the stem is folded. Nothing else is stemmed: sw, zh, ja, ko,
//      th, indigenous languages and `und` are folded only; the search layer adds prefix matching.
//   5. Folding (analyzer-chars.ts): diacritics off Latin and Greek letters, Cyrillic keeps й ї ў (ё -> е),
//      ß -> ss, æ -> ae, œ -> oe, ø -> o, ł -> l, đ -> d; Devanagari, Thai and other marks stay; Arabic loses
//      harakat and tatweel, alef forms unify, ى -> ي, ة -> ه; digits of every script become ASCII.
// No stop words: BM25 already weighs frequent words down, phrase queries need "of" and "de", and a list per
// language would make a query analyzed as `und` miss a document analyzed in its language. Positions count
// tokens: each word, each bigram of a CJK run and each Thai word takes the next position, so phrases work.
// Terms are at most MAX_TERM_LENGTH code units (longer words are cut) and a value gives at most MAX_TOKENS
// terms. Every term is letters, marks, digits and ʼ only. Pure: no I/O.
import {
  APOSTROPHE,
  APOS_LETTER,
  APOS_PUNCT,
  CJK,
  DROP,
  MARK,
  MIDDOT,
  SA,
  WORD,
  foldOf,
  isLgc,
  kindOf,
} from './analyzer-chars.js';
import { languageProfile, type LanguageProfile } from './analyzer-lang.js';

/**
 * Changes whenever the tokens of any text may change; the index is rebuilt when it does. It names the rules
 * (bump the leading number on any change here), the Snowball release of the pinned stemmer package, and the
 * Unicode and ICU versions of the running Node.js, because the character classes and the Thai dictionary
 * come from them.
 */
export const ANALYZER_VERSION = `1+snowball-3.1.1+unicode-${process.versions.unicode ?? '?'}+icu-${process.versions.icu ?? 'none'}`;

export interface AnalyzedToken {
  readonly term: string;
  readonly position: number;
}

export interface AnalyzeOptions {
  /** Reduce words to their Snowball stem where the language has a stemmer (default true). */
  readonly stem?: boolean;
}

/** Longest term, in UTF-16 code units; a longer word keeps its beginning. */
export const MAX_TERM_LENGTH = 64;
/** Most terms one field value gives; the rest of a longer value is not indexed. */
export const MAX_TOKENS = 20_000;

const MODE_EXACT = 0;
const MODE_FOLD = 1;
const MODE_STEM = 2;

const FLAG_NON_ASCII = 1;
/** Holds a dropped character, an apostrophe or a middle dot: the slice needs cleaning. */
const FLAG_DIRTY = 2;
const FLAG_APOSTROPHE = 4;
/** Holds a letter (not only digits): worth stemming. */
const FLAG_LETTER = 8;

const ASCII_ONLY = /^[^\u0080-\uffff]*$/; // every UTF-16 code unit below 0x80
const ACUTE_ACCENT = /\u00b4/g; // used as an apostrophe; NFKC would turn it into a space and a mark
const TURKIC_CAPITAL_I = /[Iİ]/g;
const DOTTED_CAPITAL_I = /İ/g;
const ASCII_CAPITAL_I = /I/g;
const VOWEL_OR_H = /^[aeiouyh]/;
// NFKC splits Thai sara am (ำ) and Lao am (ຳ) into nikhahit + aa, which the ICU dictionary does not know:
// put them back together (this also unifies the two ways of typing them).
const THAI_LAO_AM = /\u0e4d\u0e32|\u0ecd\u0eb2/g;
const THAI_LAO_MARKS = /[\u0e4d\u0ecd]/;
const SEGMENTER = new Intl.Segmenter('und', { granularity: 'word' });

const UND_PROFILE = languageProfile('und', foldWord);

// Scratch state of the one analysis running at a time (the analyzer is synchronous).
const terms: string[] = [];
const cjkStarts: number[] = [];
const cjkEnds: number[] = [];
let limitReached = false;

function emit(term: string): void {
  if (term === '') return;
  if (terms.length >= MAX_TOKENS) {
    limitReached = true;
    return;
  }
  terms.push(cut(term)); // again after folding: ß -> ss and þ -> th lengthen a word
}

function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** The class of the code point at `i`, or 0 past the end. */
function kindAt(s: string, i: number): number {
  return i < s.length ? kindOf(codePointAt(s, i)) : 0;
}

/** Folds a word that is already NFKC and lower case (see analyzer-chars.ts). */
function foldWord(w: string): string {
  let out = '';
  let afterLgc = false;
  for (let i = 0; i < w.length;) {
    const cp = codePointAt(w, i);
    const len = cp > 0xffff ? 2 : 1;
    const k = kindOf(cp);
    if (k === WORD) {
      out += foldOf(cp);
      afterLgc = isLgc(cp);
    } else if (k === MARK) {
      if (!afterLgc) out += foldOf(cp);
    } else if (k === APOS_PUNCT || k === APOS_LETTER) {
      out += APOSTROPHE;
      afterLgc = false;
    } else if (k !== DROP && k !== MIDDOT && (cp < 0xd800 || cp > 0xdfff)) {
      out += w.slice(i, i + len); // CJK, Thai, separators; lone surrogates go
      afterLgc = false;
    }
    i += len;
  }
  return out;
}

/** Removes invisible characters and middle dots and writes every apostrophe as ʼ. */
function clean(w: string): string {
  let out = '';
  for (let i = 0; i < w.length;) {
    const cp = codePointAt(w, i);
    const len = cp > 0xffff ? 2 : 1;
    const k = kindOf(cp);
    if (k === APOS_PUNCT || k === APOS_LETTER) out += APOSTROPHE;
    else if (k !== DROP && k !== MIDDOT) out += w.slice(i, i + len);
    i += len;
  }
  return out;
}

function cut(w: string): string {
  if (w.length <= MAX_TERM_LENGTH) return w;
  const c = w.charCodeAt(MAX_TERM_LENGTH - 1);
  return w.slice(0, c >= 0xd800 && c <= 0xdbff ? MAX_TERM_LENGTH - 1 : MAX_TERM_LENGTH);
}

function finishWord(raw: string, flags: number, profile: LanguageProfile, mode: number): void {
  let w = (flags & FLAG_DIRTY) !== 0 ? clean(raw) : raw;
  let apostrophe = (flags & FLAG_APOSTROPHE) !== 0;
  if (apostrophe) {
    const at = w.indexOf(APOSTROPHE);
    const elisions = profile.elisions;
    if (elisions !== undefined && at > 0 && elisions.has(w.slice(0, at))) {
      const first = w.codePointAt(at + 1) ?? 0;
      kindOf(first);
      if (VOWEL_OR_H.test(first < 0x80 ? String.fromCharCode(first) : foldOf(first))) w = w.slice(at + 1);
    }
    if (!profile.glottal && w.length > 2 && w.endsWith(`${APOSTROPHE}s`)) w = w.slice(0, -2);
    apostrophe = w.includes(APOSTROPHE);
  }
  w = cut(w);
  if (mode === MODE_EXACT) emit(w);
  else if (mode === MODE_STEM && profile.stem !== undefined && (flags & FLAG_LETTER) !== 0 && !apostrophe)
    emit(profile.stem(w));
  else emit((flags & FLAG_NON_ASCII) !== 0 ? foldWord(w) : w);
}

/**
 * Emits the bigrams of a CJK run; `dirty` when an invisible character sits inside it, `marked` when a
 * combining mark does (then the bigrams are folded like words, outside exact mode).
 */
function finishCjk(s: string, count: number, dirty: boolean, marked: boolean, mode: number): void {
  for (let j = 0; j === 0 || (j + 1 < count && !limitReached); j += 1) {
    const a = cjkStarts[j] ?? 0;
    const b = cjkEnds[j] ?? 0;
    let gram = s.slice(a, b);
    if (count > 1) {
      const c = cjkStarts[j + 1] ?? 0;
      const d = cjkEnds[j + 1] ?? 0;
      gram = b === c ? s.slice(a, d) : gram + s.slice(c, d);
    }
    if (marked && mode !== MODE_EXACT) emit(foldWord(gram));
    else emit(dirty ? clean(gram) : gram);
  }
}

const SA_CACHE_LIMIT = 4096;
const SA_CACHED_LENGTH = 80;
let saRecent = new Map<string, readonly string[]>();
let saOlder = new Map<string, readonly string[]>();

/** The dictionary words of a run; short runs are cached in two generations (ICU costs ~8 µs a call). */
function saWords(run: string): readonly string[] {
  const cacheable = run.length <= SA_CACHED_LENGTH;
  if (cacheable) {
    const hit = saRecent.get(run) ?? saOlder.get(run);
    if (hit !== undefined) return hit;
  }
  const words: string[] = [];
  for (const seg of SEGMENTER.segment(run)) if (seg.isWordLike === true) words.push(seg.segment);
  if (cacheable) {
    if (saRecent.size >= SA_CACHE_LIMIT) {
      saOlder = saRecent;
      saRecent = new Map<string, readonly string[]>();
    }
    saRecent.set(run, words);
  }
  return words;
}

/**
 * Emits the dictionary words of a Thai, Lao, Khmer or Myanmar run. Each run is segmented alone: the words
 * of a run do not depend on the text around it, and the cost stays linear in the length of the value.
 */
function finishSa(run: string, dirty: boolean, mode: number): void {
  for (const seg of saWords(run)) {
    if (limitReached) return;
    const w = dirty ? clean(seg) : seg;
    emit(mode === MODE_EXACT ? w : foldWord(w));
  }
}

/** NFKC and lower case, with the Turkic I rule; ASCII text skips the normalization. */
function prepare(text: string, turkic: boolean): string {
  if (ASCII_ONLY.test(text)) {
    return turkic && text.includes('I')
      ? text.replace(ASCII_CAPITAL_I, 'ı').toLowerCase()
      : text.toLowerCase();
  }
  let t = text.includes('\u00b4') ? text.replace(ACUTE_ACCENT, '\u2019') : text;
  t = t.normalize('NFKC');
  if (THAI_LAO_MARKS.test(t)) t = t.replace(THAI_LAO_AM, (m) => (m === '\u0e4d\u0e32' ? '\u0e33' : '\u0eb3'));
  if (turkic) t = t.replace(TURKIC_CAPITAL_I, (c) => (c === 'I' ? 'ı' : 'i'));
  else if (t.includes('İ')) t = t.replace(DOTTED_CAPITAL_I, 'i');
  return t.toLowerCase();
}

/** Splits the prepared text `s` and emits its terms into `terms`. */
function scan(s: string, profile: LanguageProfile, mode: number): void {
  terms.length = 0;
  limitReached = false;
  const n = s.length;
  let wordStart = -1;
  let flags = 0;
  let cjkCount = 0;
  let cjkDirty = false;
  let cjkMarked = false;
  let saStart = -1;
  let saEnd = 0;
  let saDirty = false;

  const endWord = (end: number): void => {
    if (wordStart >= 0) finishWord(s.slice(wordStart, end), flags, profile, mode);
    wordStart = -1;
  };
  const endRuns = (): void => {
    if (cjkCount > 0) finishCjk(s, cjkCount, cjkDirty, cjkMarked, mode);
    cjkCount = 0;
    cjkDirty = false;
    cjkMarked = false;
    if (saStart >= 0) finishSa(s.slice(saStart, saEnd), saDirty, mode);
    saStart = -1;
  };

  for (let i = 0; i < n && !limitReached;) {
    let cp = s.charCodeAt(i);
    let len = 1;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      cp = codePointAt(s, i);
      if (cp > 0xffff) len = 2;
    }
    const k = kindOf(cp);
    if (k === WORD) {
      if (wordStart < 0) {
        endRuns();
        wordStart = i;
        flags = 0;
      }
      if (cp >= 0x80) {
        flags |= FLAG_NON_ASCII;
        const f = foldOf(cp);
        if (!(f.length === 1 && f.charCodeAt(0) >= 0x30 && f.charCodeAt(0) <= 0x39)) flags |= FLAG_LETTER;
      } else if (cp > 0x39) {
        flags |= FLAG_LETTER;
      }
    } else if (k === MARK) {
      if (wordStart >= 0) flags |= FLAG_NON_ASCII;
      else if (cjkCount > 0) {
        cjkEnds[cjkCount - 1] = i + len;
        cjkMarked = true;
      } else if (saStart >= 0) saEnd = i + len;
    } else if (k === DROP) {
      if (wordStart >= 0) flags |= FLAG_DIRTY | FLAG_NON_ASCII;
      else if (cjkCount > 0) cjkDirty = true;
      else if (saStart >= 0) saDirty = true;
    } else if (k === APOS_PUNCT || k === APOS_LETTER) {
      const nextIsWord = kindAt(s, i + len) === WORD;
      if (wordStart >= 0) {
        if (nextIsWord) flags |= FLAG_DIRTY | FLAG_APOSTROPHE;
        else endWord(i);
      } else if (nextIsWord && (k === APOS_LETTER || profile.glottal)) {
        endRuns();
        wordStart = i;
        flags = FLAG_DIRTY | FLAG_APOSTROPHE | FLAG_NON_ASCII;
      } else {
        endRuns();
      }
    } else if (k === MIDDOT) {
      if (wordStart >= 0 && kindAt(s, i + len) === WORD) flags |= FLAG_DIRTY;
      else {
        endWord(i);
        endRuns();
      }
    } else if (k === CJK) {
      endWord(i);
      if (saStart >= 0) endRuns();
      if (cjkCount <= MAX_TOKENS) {
        cjkStarts[cjkCount] = i;
        cjkEnds[cjkCount] = i + len;
        cjkCount += 1;
      }
    } else if (k === SA) {
      endWord(i);
      if (cjkCount > 0) endRuns();
      if (saStart < 0) {
        saStart = i;
        saDirty = false;
      }
      saEnd = i + len;
    } else {
      endWord(i);
      endRuns();
    }
    i += len;
  }
  endWord(n);
  endRuns();
}

function safeText(text: unknown): string {
  return typeof text === 'string' ? text : '';
}

/** Tokens of one field value in a language (BCP 47 or 'und'); the same function for documents and queries. */
export function analyze(text: string, language: string, options?: AnalyzeOptions): AnalyzedToken[] {
  const value = safeText(text);
  if (value === '') return [];
  const profile =
    typeof language === 'string' && language !== '' ? languageProfile(language, foldWord) : UND_PROFILE;
  scan(prepare(value, profile.turkic), profile, options?.stem === false ? MODE_FOLD : MODE_STEM);
  const out: AnalyzedToken[] = new Array<AnalyzedToken>(terms.length);
  for (let i = 0; i < terms.length; i += 1) out[i] = { term: terms[i] ?? '', position: i };
  return out;
}

/**
 * The exact forms (NFKC, lower case, apostrophes as ʼ, elided articles and 's dropped, not folded, not
 * stemmed), in the order of analyze(text, 'und', { stem: false }): one exact form for each of its terms.
 * For "exact matches rank above folded ones".
 */
export function exactTerms(text: string): string[] {
  const value = safeText(text);
  if (value === '') return [];
  scan(prepare(value, false), UND_PROFILE, MODE_EXACT);
  return terms.slice();
}

/** Folding alone (NFKC, lower case, the folding of step 5; no segmentation, no stemming), e.g. for prefixes. */
export function foldTerm(term: string): string {
  const value = safeText(term);
  if (value === '') return '';
  const lower = prepare(value, false);
  return ASCII_ONLY.test(lower) && !lower.includes("'") && !lower.includes('`') ? lower : foldWord(lower);
}
