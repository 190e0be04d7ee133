// Character classes and per-character folding for the search analyzer (src/search/analyzer.ts). Every code
// point is classified once, on first sight, and kept in a table, so the analyzer pays one array lookup per
// character. Folding rules: diacritics go on Latin and Greek letters (combining marks after a Latin, Greek or
// Cyrillic letter are dropped too: stress marks in Russian teaching texts); precomposed Cyrillic letters keep
// their marks except ё/ѐ -> е and ѝ -> и, because й, ї, ў, ґ, ќ... are letters of their own (Russian Snowball
// needs й: другой -> друг, not друго); letters that do not decompose are spelled out (ß -> ss, æ -> ae,
// œ -> oe, þ -> th, ø ł đ ð ħ ŧ... -> their base letter, dotless ı -> i, final ς -> σ); marks of every other
// script (Devanagari, Thai, Bengali...) are parts of letters and stay; Arabic loses harakat and Quranic marks
// and unifies alef forms (أ إ آ ٱ -> ا), ى -> ي, ة -> ه, Persian ی/ک -> ي/ك; every decimal digit of any
// script becomes its ASCII digit. Pure; no I/O.

/** Ends a word: spaces, punctuation, symbols, emoji, controls, lone surrogates. */
export const SEP = 1;
/** A letter or digit of a script written with spaces between words. */
export const WORD = 2;
/** A combining mark: joins the letter before it. */
export const MARK = 3;
/** Invisible inside a word (soft hyphen, ZWJ/ZWNJ, direction marks, variation selectors, tatweel). */
export const DROP = 4;
/** An apostrophe that is also punctuation (' ‘ ’ `): a letter between two letters, a quote elsewhere. */
export const APOS_PUNCT = 5;
/** An apostrophe that is a letter (ʻ ʼ ꞌ): the glottal stop of Hawaiian, Tongan, Quechua... */
export const APOS_LETTER = 6;
/** The middle dot: inside a Catalan word (col·lecció) it joins and disappears. */
export const MIDDOT = 7;
/** Han, kana or Hangul: indexed as overlapping character bigrams. */
export const CJK = 8;
/** Thai, Lao, Khmer or Myanmar: words found by the ICU dictionary (Intl.Segmenter). */
export const SA = 9;

/** The canonical apostrophe inside tokens: MODIFIER LETTER APOSTROPHE, a letter for FTS tokenizers. */
export const APOSTROPHE = '\u02bc';

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const MARK_CHAR = /^\p{M}$/u;
const FORMAT_CHAR = /^\p{Cf}$/u;
const LATIN_GREEK = /^[\p{Script=Latin}\p{Script=Greek}]$/u;
const CYRILLIC = /^\p{Script=Cyrillic}$/u;
const CJK_CHAR =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005\u3006\u303b]$/u;
const SA_CHAR = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const ANY_MARK = /\p{M}/gu;

/** Letters that do not decompose under NFD, spelled out or reduced to their base letter. */
const SPELLED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
  đ: 'd',
  ø: 'o',
  ł: 'l',
  ħ: 'h',
  ŧ: 't',
  ƀ: 'b',
  ɨ: 'i',
  ʉ: 'u',
  ƶ: 'z',
  ǥ: 'g',
  ȼ: 'c',
  ɇ: 'e',
  ɍ: 'r',
  ɏ: 'y',
  ı: 'i',
  ς: 'σ',
};
/** The only Cyrillic letters whose marks go: optional or disambiguating, not letters of their own. */
const CYRILLIC_FOLDED: Readonly<Record<string, string>> = { ё: 'е', ѐ: 'е', ѝ: 'и' };
const ARABIC_FOLDED: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0671': '\u0627', // ٱ
  '\u0649': '\u064a', // ى -> ي
  '\u0629': '\u0647', // ة -> ه
  '\u06cc': '\u064a', // Persian yeh -> ي
  '\u06a9': '\u0643', // keheh -> ك
};

function isArabicMark(cp: number): boolean {
  return (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x06d6 && cp <= 0x06ed);
}

function isDropped(cp: number): boolean {
  return (
    cp === 0x0640 || // tatweel
    cp === 0x034f || // combining grapheme joiner
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0x180b && cp <= 0x180f) // Mongolian variation selectors
  );
}

/** The ASCII digit of a decimal digit of any script: digits come in runs of ten starting at zero. */
function digitValue(cp: number): string {
  let zero = cp;
  while (zero > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((cp - zero) % 10);
}

function foldLetter(ch: string, cp: number): { fold: string; lgc: boolean } {
  if (DECIMAL_DIGIT.test(ch)) return { fold: cp < 0x80 ? ch : digitValue(cp), lgc: false };
  if (CYRILLIC.test(ch)) return { fold: CYRILLIC_FOLDED[ch] ?? ch, lgc: true };
  if (LATIN_GREEK.test(ch)) {
    let out = '';
    for (const c of ch.normalize('NFD').replace(ANY_MARK, '')) out += SPELLED[c] ?? c;
    return { fold: out, lgc: true };
  }
  return { fold: ARABIC_FOLDED[ch] ?? ch, lgc: false };
}

const BMP = 0x10000;
const kinds = new Uint8Array(BMP);
const lgcFlags = new Uint8Array(BMP);
const folds: (string | undefined)[] = [];
const astralKinds = new Map<number, number>();
const astralFolds = new Map<number, string>();
const ASTRAL_CACHE_LIMIT = 4096;

function classify(cp: number): { kind: number; fold: string; lgc: boolean } {
  if (cp >= 0xd800 && cp <= 0xdfff) return { kind: SEP, fold: '', lgc: false }; // lone surrogate
  const ch = String.fromCodePoint(cp);
  if (cp === 0x27 || cp === 0x60 || cp === 0x2018 || cp === 0x2019)
    return { kind: APOS_PUNCT, fold: APOSTROPHE, lgc: false };
  if (cp === 0x02bb || cp === 0x02bc || cp === 0xa78c)
    return { kind: APOS_LETTER, fold: APOSTROPHE, lgc: false };
  if (cp === 0xb7) return { kind: MIDDOT, fold: '', lgc: false };
  if (isDropped(cp)) return { kind: DROP, fold: '', lgc: false };
  if (cp === 0x200b) return { kind: SEP, fold: '', lgc: false }; // zero-width space separates words
  if (FORMAT_CHAR.test(ch)) return { kind: DROP, fold: '', lgc: false };
  if (MARK_CHAR.test(ch)) return { kind: MARK, fold: isArabicMark(cp) ? '' : ch, lgc: false };
  if (!LETTER_OR_NUMBER.test(ch)) return { kind: SEP, fold: '', lgc: false };
  if (CJK_CHAR.test(ch)) return { kind: CJK, fold: ch, lgc: false };
  if (SA_CHAR.test(ch) && !DECIMAL_DIGIT.test(ch)) return { kind: SA, fold: ch, lgc: false };
  const { fold, lgc } = foldLetter(ch, cp);
  return { kind: WORD, fold, lgc };
}

function learn(cp: number): number {
  const info = classify(cp);
  if (cp < BMP) {
    kinds[cp] = info.kind;
    lgcFlags[cp] = info.lgc ? 1 : 0;
    folds[cp] = info.fold;
  } else {
    if (astralKinds.size >= ASTRAL_CACHE_LIMIT) {
      astralKinds.clear();
      astralFolds.clear();
    }
    astralKinds.set(cp, info.kind);
    astralFolds.set(cp, info.fold);
  }
  return info.kind;
}

/** The class of a code point (SEP, WORD, MARK...). */
export function kindOf(cp: number): number {
  if (cp < BMP) {
    const k = kinds[cp] ?? 0;
    return k === 0 ? learn(cp) : k;
  }
  return astralKinds.get(cp) ?? learn(cp);
}

/** The folded text of a code point already classified by kindOf (marks: '' for Arabic harakat). */
export function foldOf(cp: number): string {
  if (cp < BMP) return folds[cp] ?? '';
  return astralFolds.get(cp) ?? '';
}

/** Whether a code point classified by kindOf is a Latin, Greek or Cyrillic letter (marks after it go). */
export function isLgc(cp: number): boolean {
  return cp < BMP && lgcFlags[cp] === 1; // astral Latin letters are rare phonetic symbols: marks stay
}

// ASCII is classified at load so that the common case never reaches the regular expressions.
for (let cp = 0; cp < 0x80; cp += 1) learn(cp);
