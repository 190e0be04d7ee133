// Text preparation for education-level statements: folding (case, Latin/Greek/Cyrillic diacritics, Arabic
// letter variants and marks, Arabic-Indic and full-width digits) and a tokenizer that knows numbers with
// their ordinal markers ("7th", "6e", "1re", "3º", "2ª", "5."), hyphens that join words ("pre-k") versus
// hyphens that make ranges ("6-8", "10-"), letters glued to numbers ("KS3", "CE1", "U18", "K12") and Han
// text, which it cuts into known terms and Chinese numerals. Pure functions; never performs I/O.

/** The kind of ordinal marker a number carried, which tells whose numbering it follows. */
export type Ordinal =
  | '' // a plain number: "7"
  | 'en' // 1st 2nd 3rd 7th
  | 'fr' // 6e 5ème 1re 1ère 2de 2nde 1er
  | 'es' // 1º 2ª 3° 1o 2a (Spanish, Portuguese, Italian)
  | 'w' // an ordinal written as a word: "seventh", "troisième", "segundo"
  | 'k'; // kindergarten as grade 0 ("K-12"), or below it ("preK")

export interface NumberToken {
  readonly kind: 'num';
  /** The digits as written ("01" stays "01"), or the value of a numeral. */
  readonly digits: string;
  readonly n: number;
  readonly ord: Ordinal;
  /** Written right after letters with no space ("KS3", "CE1", "U18"). */
  readonly glued: boolean;
}

export interface WordToken {
  readonly kind: 'word';
  /** The folded word, or a punctuation mark that matters: "-", "+", "<", ">", "/", ",", "&". */
  readonly key: string;
}

export type Token = NumberToken | WordToken;

const EN_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);
const FR_SUFFIX = new Set(['e', 'er', 're', 'ere', 'eme', 'em', 'de', 'nde', 'd', 'ieme', 'ste']);
const ES_SUFFIX = new Set(['o', 'a', '°', 'os', 'as']);

const NON_ASCII = /[\u0080-\uffff]/;
const ARABIC = /[\u0600-\u06ff]/;
const SPELLED_OUT = /[ßæœøłёđı]/g;
const ARABIC_LETTERS = /[أإآٱىة]/g;
const SPELLED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  ё: 'е',
  đ: 'd',
  ı: 'i',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
};

/** Lower case; Latin (Vietnamese đ and Turkish ı too), Greek and Cyrillic diacritics off; Arabic marks and letter variants unified. */
export function foldLevelText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let s = text.normalize('NFKC').toLowerCase();
  if (!NON_ASCII.test(s)) return s;
  // Words that only their accent tells apart from an English word of another meaning.
  if (s.includes('coll')) s = s.replace(/coll[èé]ge/g, 'collegefr');
  if (s.includes('th')) s = s.replace(/thèse/g, 'thesefr');
  s = s
    .replace(SPELLED_OUT, (ch) => SPELLED[ch] ?? ch)
    .normalize('NFD')
    .replace(/([a-z\u03b1-\u03c9\u0430-\u044f])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC');
  if (ARABIC.test(s)) {
    s = s
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .replace(ARABIC_LETTERS, (ch) => SPELLED[ch] ?? ch)
      .replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0660 + 48))
      .replace(/[\u06f0-\u06f9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x06f0 + 48));
  }
  return s;
}

const enum C {
  Space,
  Digit,
  Letter,
  Han,
  Dash,
  Plus,
  Less,
  Greater,
  Slash,
  Comma,
  Amp,
  Dot,
  Degree,
}

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/** 0 = not yet seen, 1 = letter or mark, 2 = anything else. */
const LETTER_CACHE = new Uint8Array(0x10000);

function classify(code: number): C {
  if (code >= 48 && code <= 57) return C.Digit;
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return C.Letter;
  if (code < 128) {
    switch (code) {
      case 45:
        return C.Dash;
      case 43:
        return C.Plus;
      case 60:
        return C.Less;
      case 62:
        return C.Greater;
      case 47:
        return C.Slash;
      case 44:
        return C.Comma;
      case 38:
        return C.Amp;
      case 46:
        return C.Dot;
      default:
        return C.Space;
    }
  }
  if (code === 0xb0) return C.Degree;
  if (code === 0x2010 || code === 0x2011 || code === 0x2012 || code === 0x2013 || code === 0x2014)
    return C.Dash;
  if (code === 0x2212) return C.Dash;
  if (code === 0x2265) return C.Greater;
  if (code === 0x2264) return C.Less;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return C.Han;
  // Letters of any other script, and combining marks that stayed (Devanagari, Thai...); remembered per code
  // unit (surrogate halves of astral letters count as letters, which keeps such words whole).
  let known = LETTER_CACHE[code];
  if (known === 0) {
    known = (code >= 0xd800 && code <= 0xdfff) || LETTER_OR_MARK.test(String.fromCharCode(code)) ? 1 : 2;
    LETTER_CACHE[code] = known;
  }
  return known === 1 ? C.Letter : C.Space;
}

const HAN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Reads a Chinese numeral of up to two digits ("七", "十", "十二", "二十") at `start`; returns [value, length]. */
function hanNumeral(run: string, start: number): [number, number] | null {
  const first = run[start];
  if (first === undefined) return null;
  let i = start;
  let value: number;
  if (first === '十') {
    value = 10;
    i += 1;
  } else {
    const d0 = HAN_DIGITS[first];
    if (d0 === undefined) return null;
    i += 1;
    if (run[i] !== '十') return [d0, 1];
    value = d0 * 10;
    i += 1;
  }
  const d1 = HAN_DIGITS[run[i] ?? ''];
  if (d1 !== undefined) {
    value += d1;
    i += 1;
  }
  return [value, i - start];
}

/** Han terms the tokenizer knows, longest first at each position; each becomes one word token. */
export interface HanLexicon {
  readonly terms: ReadonlySet<string>;
  readonly maxLength: number;
}

function scanHan(run: string, lexicon: HanLexicon, out: Token[]): void {
  let i = 0;
  while (i < run.length) {
    let matched = 0;
    for (let len = Math.min(lexicon.maxLength, run.length - i); len >= 1; len -= 1) {
      const piece = run.slice(i, i + len);
      if (lexicon.terms.has(piece)) {
        out.push({ kind: 'word', key: piece });
        matched = len;
        break;
      }
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const numeral = hanNumeral(run, i);
    if (numeral !== null) {
      out.push({ kind: 'num', digits: String(numeral[0]), n: numeral[0], ord: '', glued: false });
      i += numeral[1];
      continue;
    }
    i += 1;
  }
}

function ordinalOf(suffix: string): Ordinal | null {
  if (EN_SUFFIX.has(suffix)) return 'en';
  if (FR_SUFFIX.has(suffix)) return 'fr';
  if (ES_SUFFIX.has(suffix)) return 'es';
  return null;
}

/** Arabic clitics and the definite article off, and the feminine ending of relative adjectives unified. */
function arabicStem(word: string): string {
  let w = word;
  for (const prefix of ['وال', 'بال', 'فال', 'كال', 'لل', 'ال']) {
    if (w.startsWith(prefix) && w.length - prefix.length >= 2) {
      w = w.slice(prefix.length);
      break;
    }
  }
  if (w.length > 3 && w.endsWith('يه')) w = w.slice(0, -1);
  return w;
}

/** Splits folded text into number and word tokens (see the file comment). */
export function tokenize(folded: string, lexicon: HanLexicon): Token[] {
  const out: Token[] = [];
  const s = folded;
  const n = s.length;
  let i = 0;
  let prevClass = C.Space;
  while (i < n) {
    const code = s.charCodeAt(i);
    const cls = classify(code);
    if (cls === C.Digit) {
      let j = i;
      while (j < n && classify(s.charCodeAt(j)) === C.Digit) j += 1;
      // A decimal number ("3.5") stays one token.
      if (s[j] === '.' && j + 1 < n && classify(s.charCodeAt(j + 1)) === C.Digit) {
        j += 1;
        while (j < n && classify(s.charCodeAt(j)) === C.Digit) j += 1;
      }
      const digits = s.slice(i, j);
      // An ordinal marker: letters right after the digits (or after "." as in "1.º"), or a degree sign.
      let k = j;
      if (s[k] === '.' && k + 1 < n && classify(s.charCodeAt(k + 1)) === C.Letter) k += 1;
      let e = k;
      while (e < n && classify(s.charCodeAt(e)) === C.Letter) e += 1;
      let ord: Ordinal = '';
      let end = j;
      if (e > k) {
        const found = ordinalOf(s.slice(k, e));
        if (found !== null) {
          ord = found;
          end = e;
        }
      } else if (s.charCodeAt(k) === 0xb0) {
        ord = 'es';
        end = k + 1;
      } else if (s[k] === ' ' && s.startsWith('eme', k + 1) && classify(s.charCodeAt(k + 4)) !== C.Letter) {
        ord = 'fr';
        end = k + 4;
      }
      out.push({
        kind: 'num',
        digits,
        n: digits.includes('.') ? Number.NaN : Number.parseInt(digits, 10),
        ord,
        glued: prevClass === C.Letter,
      });
      i = end;
      prevClass = ord === '' ? C.Digit : C.Letter;
      continue;
    }
    if (cls === C.Letter) {
      let j = i;
      while (j < n) {
        const c = classify(s.charCodeAt(j));
        if (c !== C.Letter) break;
        j += 1;
      }
      let word = s.slice(i, j);
      const first = word.charCodeAt(0);
      if (first >= 0x0600 && first <= 0x06ff) word = arabicStem(word);
      out.push({ kind: 'word', key: word });
      i = j;
      prevClass = C.Letter;
      continue;
    }
    if (cls === C.Han) {
      let j = i;
      while (j < n && classify(s.charCodeAt(j)) === C.Han) j += 1;
      scanHan(s.slice(i, j), lexicon, out);
      i = j;
      prevClass = C.Han;
      continue;
    }
    switch (cls) {
      case C.Dash: {
        // A hyphen between two letters joins a compound ("pre-k", "Sekundarstufe-I"); elsewhere it is a range.
        const next = i + 1 < n ? classify(s.charCodeAt(i + 1)) : C.Space;
        if (!(prevClass === C.Letter && next === C.Letter)) out.push({ kind: 'word', key: '-' });
        break;
      }
      case C.Plus:
        out.push({ kind: 'word', key: '+' });
        break;
      case C.Less:
        out.push({ kind: 'word', key: '<' });
        break;
      case C.Greater:
        out.push({ kind: 'word', key: '>' });
        break;
      case C.Slash:
        out.push({ kind: 'word', key: '/' });
        break;
      case C.Comma:
        out.push({ kind: 'word', key: ',' });
        break;
      case C.Amp:
        out.push({ kind: 'word', key: '&' });
        break;
      case C.Degree:
      case C.Dot:
      case C.Space:
        break;
    }
    i += 1;
    prevClass = cls === C.Dot ? prevClass : cls;
  }
  return out;
}

/** The key a token has in the term tables: the folded word, or the digits of a number. */
export function tokenKey(token: Token): string {
  return token.kind === 'num' ? token.digits : token.key;
}
