// Text folding and match tokens for vocabulary labels and the texts matched against them: NFKC, lower
// case, diacritics removed on Latin, Greek and Cyrillic letters only (Devanagari or Thai marks are letters'
// parts, not accents), a few letters spelled out (ß -> ss, æ -> ae, ø -> o...), Arabic normalized (no
// tatweel or harakat, one alef, ى -> ي, ة -> ه, Arabic-Indic digits -> ASCII). Match tokens split the folded
// text into runs of letters and digits; Han, kana, Hangul and Thai characters are one token each so that a
// label written without spaces is found inside a longer run. Two light, language-neutral reductions make
// labels meet their inflected forms on both sides: a plural -s is dropped from Latin-script words of more
// than three letters (sciences/science, matemáticas/matemática), Portuguese -ção/-ções/-são/-dade/-agem
// endings take their Spanish form (educação/educación, sociedade/sociedad: the UNESCO Thesaurus has
// Spanish but no Portuguese labels), British spellings their American form (labour/labor, centre/center,
// organisation/organization, anaesthesia/anesthesia), Romance and English cognates meet (-tion/-ción,
// double consonants single: communication/comunicación; -se/-sis: synthèse/síntese/synthesis), Russian
// words lose their case and number endings
// (математическая модель / математические модели) and the Arabic article (ال, وال, بال, لل...) is
// dropped from Arabic words. Labels and texts always go through the same functions. Characters are classified once each and kept in a
// table, so tokenizing costs one lookup per character. Pure; no I/O.

const ASCII = /^[\x20-\x7e]*$/;
const NON_ASCII_SPACE = /[\s\u00a0]+/g;
const DECOMPOSED_ACCENT = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const SPECIAL_LETTERS =
  /[\u064b-\u065f\u0670ßæœøłđðþıς\u0640\u0622\u0623\u0625\u0671\u0649\u0629\u0660-\u0669\u06f0-\u06f9\u2019\u02bc\ua78c`\u00b4]/gu;
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ς: 'σ',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  '’': "'",
  ʼ: "'",
  ꞌ: "'",
  '`': "'",
  '´': "'",
};

function special(ch: string): string {
  const mapped = SPECIAL[ch];
  if (mapped !== undefined) return mapped;
  const code = ch.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return ''; // tatweel, harakat, superscript alef
}

/** Folds a text for matching: see the file comment. Spaces are kept (collapsed). */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  const lower = text.normalize('NFKC').toLowerCase();
  const stripped = lower.normalize('NFD').replace(DECOMPOSED_ACCENT, '$1').normalize('NFC');
  return stripped.replace(SPECIAL_LETTERS, special).replace(NON_ASCII_SPACE, ' ');
}

// ---------------------------------------------------------------------------------------------------------
// Characters

const enum Kind {
  /** Ends a token: spaces, punctuation, symbols. */
  Separator,
  /** Part of a word: appends its folded text. */
  Word,
  /** A token of its own (Han, kana, Hangul, Thai...). */
  Single,
  /** A combining mark: dropped after a Latin, Greek or Cyrillic letter, kept otherwise. */
  Mark,
  /** Dropped without ending the word (tatweel, harakat). */
  Drop,
}

interface CharInfo {
  readonly kind: Kind;
  readonly text: string;
  /** A Latin, Greek or Cyrillic letter (its accents are dropped). */
  readonly lgc: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const LGC = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const SINGLE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const ANY_MARK = /\p{M}/gu;
const APOSTROPHES = new Set(['’', 'ʼ', 'ꞌ', '`', '´', "'"]);

const chars = new Map<number, CharInfo>();

function classify(cp: number): CharInfo {
  const ch = String.fromCodePoint(cp);
  if ((cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || cp === 0x0640)
    return { kind: Kind.Drop, text: '', lgc: false };
  if (MARK.test(ch)) return { kind: Kind.Mark, text: ch, lgc: false };
  if (APOSTROPHES.has(ch)) return { kind: Kind.Separator, text: '', lgc: false };
  const mapped = SPECIAL[ch] ?? SPECIAL[ch.toLowerCase()];
  if (mapped !== undefined) return { kind: Kind.Word, text: mapped, lgc: LGC.test(ch) };
  if (cp >= 0x0660 && cp <= 0x0669) return { kind: Kind.Word, text: String(cp - 0x0660), lgc: false };
  if (cp >= 0x06f0 && cp <= 0x06f9) return { kind: Kind.Word, text: String(cp - 0x06f0), lgc: false };
  const compat = ch.normalize('NFKC');
  if (!LETTER_OR_DIGIT.test(compat)) return { kind: Kind.Separator, text: '', lgc: false };
  if (SINGLE_SCRIPT.test(compat)) return { kind: Kind.Single, text: compat, lgc: false };
  const lgc = LGC.test(compat);
  let text = compat.toLowerCase();
  if (lgc) text = text.normalize('NFD').replace(ANY_MARK, '');
  let out = '';
  for (const c of text) out += SPECIAL[c] ?? c;
  return { kind: Kind.Word, text: out, lgc };
}

function charInfo(cp: number): CharInfo {
  let info = chars.get(cp);
  if (info === undefined) {
    info = classify(cp);
    chars.set(cp, info);
  }
  return info;
}

// ---------------------------------------------------------------------------------------------------------
// Reductions

const CYRILLIC_ENDING =
  /(?:ого|его|ому|ему|ыми|ими|ами|ями|ая|яя|ое|ее|ые|ие|ый|ий|ой|ых|их|ым|им|ую|юю|ом|ем|ам|ям|ах|ях|ов|ев|ей|а|я|ы|и|о|е|у|ю|ь|і)$/;
const ARABIC_PREFIX = /^[وبكف]ال/;

function isConsonant(code: number): boolean {
  // b c d f g k l m n p r s t z
  return (
    code === 98 ||
    code === 99 ||
    code === 100 ||
    code === 102 ||
    code === 103 ||
    (code >= 107 && code <= 110) ||
    code === 112 ||
    (code >= 114 && code <= 116) ||
    code === 122
  );
}

function singleConsonants(t: string): string {
  let out = '';
  let prev = -1;
  for (let i = 0; i < t.length; i += 1) {
    const c = t.charCodeAt(i);
    if (c === prev && isConsonant(c)) continue;
    out += t.charAt(i);
    prev = c;
  }
  return out;
}

function hasDoubleConsonant(t: string): boolean {
  for (let i = 1; i < t.length; i += 1) {
    const c = t.charCodeAt(i);
    if (c === t.charCodeAt(i - 1) && isConsonant(c)) return true;
  }
  return false;
}

function isVowel(code: number): boolean {
  return code === 97 || code === 101 || code === 105 || code === 111 || code === 117 || code === 121;
}

/** Portuguese endings in their Spanish form; British spellings in their American form; cognate endings. */
function spelling(token: string): string {
  if (token.length < 5) return token;
  let t = token;
  const n = t.length;
  if (t.endsWith('cao')) t = `${t.slice(0, -3)}cion`;
  else if (t.endsWith('coe')) t = `${t.slice(0, -3)}cione`;
  else if (t.endsWith('sao')) t = `${t.slice(0, -3)}sion`;
  else if (t.endsWith('dade')) t = t.slice(0, -1);
  else if (t.endsWith('agem')) t = `${t.slice(0, -4)}aje`;
  else if (n >= 6 && t.endsWith('our'))
    t = `${t.slice(0, -3)}or`; // labour, behaviour, colour
  else if (n >= 6 && t.endsWith('tre'))
    t = `${t.slice(0, -3)}ter`; // centre, theatre
  else if (n >= 6 && t.charCodeAt(n - 1) === 101 && isVowel(t.charCodeAt(n - 3))) {
    const c = t.charCodeAt(n - 2);
    if (c === 115 || c === 122) t = `${t.slice(0, -1)}is`; // síntese, synthèse, analyse -> -sis
  }
  if (t.includes('isation')) t = t.replace('isation', 'ization');
  if (t.includes('ae')) t = t.replaceAll('ae', 'e'); // anaesthesia, palaeontology, paediatrics
  if (t.includes('tion')) t = t.replaceAll('tion', 'cion'); // education, educación, educação meet
  return hasDoubleConsonant(t) ? singleConsonants(t) : t; // communication/comunicación, professor/profesor
}

function isLatinWord(t: string): boolean {
  for (let i = 0; i < t.length; i += 1) {
    const c = t.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function reduce(token: string): string {
  const first = token.charCodeAt(0);
  if (first >= 97 && first <= 122) {
    if (!isLatinWord(token)) return token;
    const n = token.length;
    if (n > 3 && token.charCodeAt(n - 1) === 115) {
      const before = token.charCodeAt(n - 2);
      // Not "ss", "us", "is": class, virus, analysis keep their s.
      if (before !== 0x73 && before !== 0x75 && before !== 0x69) return spelling(token.slice(0, -1));
    }
    return spelling(token);
  }
  if (first >= 0x0430 && first <= 0x045f) {
    if (token.length < 5) return token;
    const stem = token.replace(CYRILLIC_ENDING, '');
    return stem.length >= 4 ? stem : token;
  }
  // The Arabic article only when at least three letters remain: بالاو (Palau) is not "the او".
  if (first >= 0x0621 && first <= 0x064a && token.length >= 5) {
    if (token.length >= 6 && ARABIC_PREFIX.test(token)) return token.slice(3);
    if (token.startsWith('ال') || token.startsWith('لل')) return token.slice(2);
  }
  return token;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens

/**
 * Pushes the match tokens of a text onto `out`; with `reduced`, also whether each token was changed by the
 * reductions (so "Medicine" can be told from "Medicines" where both are labels).
 */
export function pushTokens(text: string, out: string[], reduced?: boolean[]): void {
  let word = '';
  let afterLgc = false;
  let afterSingle = false;
  const n = text.length;
  for (let i = 0; i <= n; i += 1) {
    let cp = i === n ? 32 : text.charCodeAt(i);
    let kind: Kind;
    let piece = '';
    if (cp < 128) {
      if (cp >= 65 && cp <= 90) {
        kind = Kind.Word;
        piece = String.fromCharCode(cp + 32);
        afterLgc = true;
      } else if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) {
        kind = Kind.Word;
        piece = text[i] ?? '';
        afterLgc = cp >= 97;
      } else {
        kind = Kind.Separator;
      }
    } else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        cp = text.codePointAt(i) ?? cp;
        i += 1;
      }
      const info = charInfo(cp);
      kind = info.kind;
      piece = info.text;
      if (kind === Kind.Word) afterLgc = info.lgc;
    }
    if (kind === Kind.Word) {
      word += piece;
      afterSingle = false;
      continue;
    }
    if (kind === Kind.Mark) {
      if (afterSingle) out[out.length - 1] = `${out[out.length - 1] ?? ''}${piece}`;
      else if (!afterLgc && word !== '') word += piece;
      continue;
    }
    if (kind === Kind.Drop) continue;
    // A separator or a single-character token ends the current word.
    if (word !== '') {
      const token = reduce(word);
      out.push(token);
      reduced?.push(token !== word);
      word = '';
    }
    afterLgc = false;
    afterSingle = kind === Kind.Single;
    if (afterSingle) {
      out.push(piece);
      reduced?.push(false);
    }
  }
}

/** The match tokens of a text: folded, split and reduced (see the file comment). */
export function matchTokens(text: string, reduced?: boolean[]): string[] {
  const out: string[] = [];
  pushTokens(text, out, reduced);
  return out;
}

/** The lookup key of a label: its match tokens joined by single spaces ("" when it has none). */
export function matchKey(text: string): string {
  return matchTokens(text).join(' ');
}
