// Text folding and tokenizing for duplicate detection: one comparable form of titles, descriptions and
// names whatever the script. NFKC, lower case, diacritics folded on Latin, Greek and Cyrillic letters only
// (Devanagari or Thai marks are letters of the word), Arabic marks and letter variants unified, apostrophes
// dropped; Han, kana, Hangul and Thai runs become overlapping character bigrams because those scripts do not
// separate words with spaces. Also: the small multilingual word lists the comparison needs (function words,
// generic title words, series words, number words, month names). Pure functions; no I/O.

const ASCII = /^[\x20-\x7e]*$/;
// Combining marks of the blocks Latin, Greek and Cyrillic letters take their diacritics from; the marks of
// Devanagari, Thai, Hebrew or Arabic live in their own blocks and are left alone.
// eslint-disable-next-line no-misleading-character-class -- the class lists combining marks on purpose
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
// After the decomposition, anything outside Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic may need
// composing again (Hangul syllables, kana with voicing marks, Indic letters with nukta).
const NEEDS_COMPOSITION = /[^\t\n\r\x20-\u02ff\u0370-\u06ff]/;
const LIGATURE = /[ßæœøłđþı]/;
const LIGATURES = /[ßæœøłđþı]/g;
const LIGATURE_MAP: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  þ: 'th',
  ı: 'i',
};
// Arabic: tatweel and harakat go; alef forms, alef maqsura and teh marbuta are unified; Arabic-Indic and
// Persian digits become ASCII digits; Persian yeh and keheh become their Arabic letters.
const ARABIC = /[\u0600-\u06FF]/;
// eslint-disable-next-line no-misleading-character-class -- the class lists combining marks on purpose
const ARABIC_MARKS = /[\u0640\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const ARABIC_LETTERS = /[\u0622\u0623\u0625\u0671\u0649\u0629\u06CC\u06A9]/g;
const ARABIC_LETTER_MAP: Readonly<Record<string, string>> = {
  '\u0622': '\u0627',
  '\u0623': '\u0627',
  '\u0625': '\u0627',
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u0629': '\u0647',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
};
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
// Apostrophes and glottal-stop letters: "Euler's" and "Eulers", "l'algèbre" and "l’algèbre" fold alike.
const APOSTROPHES = /['\u2019\u2018\u02BC\u02BB\uA78C\u0060\u00B4]/g;
const ASCII_APOSTROPHES = /['`]/g;

/** Lower-cased, diacritic-folded text (see the file comment); the same input always gives the same output. */
export function fold(raw: string): string {
  if (ASCII.test(raw)) return raw.toLowerCase().replace(ASCII_APOSTROPHES, '');
  // NFKD splits compatibility forms and letters with diacritics; the diacritics then go.
  let text = raw.normalize('NFKD').toLowerCase().replace(COMBINING, '');
  if (LIGATURE.test(text)) text = text.replace(LIGATURES, (c) => LIGATURE_MAP[c] ?? c);
  if (ARABIC.test(text)) {
    text = text
      .replace(ARABIC_MARKS, '')
      .replace(ARABIC_LETTERS, (c) => ARABIC_LETTER_MAP[c] ?? c)
      .replace(EASTERN_DIGITS, (c) => String((c.charCodeAt(0) & 0xf) % 10));
  }
  if (NEEDS_COMPOSITION.test(text)) text = text.normalize('NFC');
  return text.replace(APOSTROPHES, '');
}

// Runs of a script written without spaces between words, or runs of other letters and digits.
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\u30FC]+|[^\s\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]+/gu;
const ASCII_TOKEN = /[a-z0-9]+/g;
const SURROGATE = /[\uD800-\uDBFF]/;

function unspacedCode(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) || // kana
    (c >= 0x3400 && c <= 0x9fff) || // Han
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xac00 && c <= 0xd7af) || // Hangul syllables
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0x0e00 && c <= 0x0e7f) || // Thai
    (c >= 0xd840 && c <= 0xd87f) // Han beyond the BMP (high surrogates)
  );
}

/** Tokens of folded text, in order: words, numbers, and character bigrams of Han/kana/Hangul/Thai runs. */
export function tokens(folded: string, out: string[] = []): string[] {
  if (ASCII.test(folded)) {
    const runs = folded.match(ASCII_TOKEN);
    if (runs !== null) for (const run of runs) out.push(run);
    return out;
  }
  const runs = folded.match(TOKEN);
  if (runs === null) return out;
  for (const run of runs) {
    if (!unspacedCode(run.charCodeAt(0))) {
      out.push(run);
      continue;
    }
    const chars = SURROGATE.test(run) ? Array.from(run) : null;
    const length = chars === null ? run.length : chars.length;
    if (length === 1) out.push(run);
    else if (chars === null) for (let i = 0; i + 1 < length; i++) out.push(run.slice(i, i + 2));
    else for (let i = 0; i + 1 < length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
  return out;
}

/** True for a bigram of a script written without spaces (its tokens carry less than a word each). */
export function isUnspacedToken(token: string): boolean {
  return unspacedCode(token.charCodeAt(0));
}

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w !== ''));
}

// Function words of the languages our sources use (folded forms), never informative in a title.
export const STOPWORDS: ReadonlySet<string> = set(`
  a an the of and or in on at to for from by with without into about as is are be its this that these those
  vs via per s
  de la le les l d des du et en un une au aux dans sur pour par avec sans ou a
  el los las lo del y e o al con sin para por su sus una uno unos unas
  da do das dos na no nas nos em um uma ao aos com sem pela pelo pelas pelos ou
  der die das den dem des ein eine einer eines einem und oder im in zu zum zur von vom fur mit ohne auf aus bei
  il lo gli i di del della delle dei degli e ed per con nel nella nelle
  het een van en op voor met te bij uit
  и в во на с со по для о об от к из за у как а или не
  ve ile bir bu icin
  na ya wa kwa za
  في من على الى إلى عن مع و ال
  的 和 与 及 之
`);

// Words that make a title generic when little else is in it ("Introduction", "Lecture notes", "Week 3").
export const GENERIC_WORDS: ReadonlySet<string> = set(`
  introduction intro overview basics basic fundamentals principles elements general
  chapter lesson lecture lectures unit module part section week session class course topic
  notes note slides presentation video audio podcast exercise exercises worksheet quiz test exam
  activity activities practice review summary handout assignment homework lab tutorial guide
  resource resources material materials document text article paper report study
  introducao introduccion aula clase curso tema capitulo leccion licao unidade unidad modulo parte
  exercicios ejercicios apresentacao presentacion texto
  einfuhrung einleitung kapitel lektion vorlesung ubung teil
  chapitre lecon cours seance exercice exercices
  inleiding hoofdstuk les college
  введение глава урок лекция часть курс
  مقدمة درس فصل محاضرة
  utangulizi somo
`);

// Words after which a number, a roman numeral, a number word or a single letter designates one of a
// series ("Volume II", "Part B", "Module One", "Capítulo 3").
export const SERIES_WORDS: ReadonlySet<string> = set(`
  vol volume volumes part parts chapter ch chap book unit module lesson lecture week session section
  episode ep issue no nr number edition ed grade level year semester term tome tomo band heft teil
  fascicle appendix annex exercise exercises problem set series stage phase day class topic
  parte capitulo cap livro unidade unidad modulo aula leccion licao numero ano serie nivel
  chapitre livre partie lecon seance annee niveau
  kapitel lektion
  hoofdstuk deel les
  том часть глава урок выпуск
`);

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  primero: 1,
  segundo: 2,
  tercero: 3,
  um: 1,
  dois: 2,
  quatro: 4,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  primeiro: 1,
  terceiro: 3,
  un: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  premier: 1,
  premiere: 1,
  deuxieme: 2,
  troisieme: 3,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  erste: 1,
  zweite: 2,
  dritte: 3,
};

// Month names (folded, with common abbreviations): "February 8, 1924" and "March 8, 1924" differ.
const MONTHS = new Map<string, number>();
const MONTH_NAMES: readonly string[] = [
  'january jan janeiro janvier enero januar januari январь января',
  'february feb fevereiro fevrier febrero februar februari февраль февраля',
  'march mar marco mars marzo marz maart март марта',
  'april apr abril avril апрель апреля',
  'may maio mai mayo mei май мая',
  'june jun junho juin junio juni июнь июня',
  'july jul julho juillet julio juli июль июля',
  'august aug agosto aout augustus август августа',
  'september sep sept setembro septembre septiembre сентябрь сентября',
  'october oct outubro octobre octubre oktober октябрь октября',
  'november nov novembro novembre noviembre ноябрь ноября',
  'december dec dezembro decembre diciembre dezember декабрь декабря',
];
MONTH_NAMES.forEach((line, index) => {
  for (const word of line.split(' ')) MONTHS.set(word, index + 1);
});

const ROMAN = /^(?=[ivxl])(l?x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50 };
// Roman numerals that are also everyday words in some language: numbers only in a numbering position.
const AMBIGUOUS_ROMAN: ReadonlySet<string> = set('i v x l vi xi li mix');

function romanValue(token: string): number | null {
  if (!ROMAN.test(token)) return null;
  let total = 0;
  for (let i = 0; i < token.length; i++) {
    const value = ROMAN_VALUES[token.charAt(i)] ?? 0;
    const next = ROMAN_VALUES[token.charAt(i + 1)] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 ? total : null;
}

const DIGITS = /\d/;
const PURE_NUMBER = /^0*(\d+)(?:st|nd|rd|th|e|er|re|eme|o|a|º|ª)?$/;
const ROMAN_LETTERS = /^[ivxl]+$/;

function nearDigit(tokenList: readonly string[], index: number): boolean {
  for (let j = Math.max(0, index - 2); j <= index + 2 && j < tokenList.length; j++) {
    if (j !== index && DIGITS.test(tokenList[j] ?? '')) return true;
  }
  return false;
}

/**
 * The number or designator token `i` of a title stands for, or null: digits (leading zeros and ordinal
 * endings dropped), roman numerals, number words and single letters in a numbering position (after a
 * series word, or closing a title part), tokens mixing letters and digits ("h5n1", kept whole) and month
 * names next to a number ("m2"). `partEnds` holds the indexes of tokens that close a title part.
 */
export function designatorAt(
  tokenList: readonly string[],
  i: number,
  partEnds: ReadonlySet<number>,
): string | null {
  const token = tokenList[i] ?? '';
  if (DIGITS.test(token)) return PURE_NUMBER.exec(token)?.[1] ?? token;
  const afterSeries = i > 0 && SERIES_WORDS.has(tokenList[i - 1] ?? '');
  const month = MONTHS.get(token);
  // Month names are also words ("may", "mar", "marco"): one counts when a number stands next to it.
  if (month !== undefined && nearDigit(tokenList, i)) return `m${month}`;
  if (token.length <= 8 && ROMAN_LETTERS.test(token)) {
    const roman = romanValue(token);
    if (roman !== null && (!AMBIGUOUS_ROMAN.has(token) || afterSeries || partEnds.has(i)))
      return String(roman);
  }
  if (afterSeries) {
    const word = NUMBER_WORDS[token];
    if (word !== undefined) return String(word);
    if (token.length === 1) return token;
  }
  return null;
}

// Han ordinals: 第3章, 第一版, 第十二课 (chapter, edition, lesson...): the number is a designator.
const HAN_ORDINAL =
  /第\s*([0-9〇零一二两三四五六七八九十百]+)\s*[章节節版册冊卷课課部篇讲講回期集巻辑輯单元]/gu;
const HAN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function hanNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '十' || ch === '百') {
      total += (current === 0 ? 1 : current) * (ch === '十' ? 10 : 100);
      current = 0;
    } else current = current * 10 + (HAN_DIGITS[ch] ?? 0);
  }
  return total + current;
}

/** The numbers of Han ordinals in folded text ("第一版" -> "1"); digits inside them are tokens already. */
export function hanDesignators(folded: string): string[] {
  if (!folded.includes('第')) return [];
  const out: string[] = [];
  for (const m of folded.matchAll(HAN_ORDINAL)) {
    const value = m[1] ?? '';
    if (!/^\d+$/.test(value)) out.push(String(hanNumber(value)));
  }
  return out;
}

/** Dice coefficient of two sets (0 when both are empty). */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const item of small) if (large.has(item)) common++;
  return (2 * common) / (a.size + b.size);
}

/** True when two words are at most one edit apart (insertion, deletion, substitution or a swap of neighbours). */
export function oneEditApart(x: string, y: string): boolean {
  if (x === y) return true;
  const lx = x.length;
  const ly = y.length;
  if (Math.abs(lx - ly) > 1) return false;
  let i = 0;
  while (i < lx && i < ly && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  if (lx === ly) {
    if (x.slice(i + 1) === y.slice(i + 1)) return true;
    return (
      x.charAt(i) === y.charAt(i + 1) && x.charAt(i + 1) === y.charAt(i) && x.slice(i + 2) === y.slice(i + 2)
    );
  }
  return lx > ly ? x.slice(i + 1) === y.slice(i) : x.slice(i) === y.slice(i + 1);
}

const FUZZY_MIN_LENGTH = 5;

/**
 * Dice coefficient where a word of five letters or more also matches a word one edit away from it
 * ("strategies"/"startegies"), each word matching at most once. Exact when few words are left over.
 */
export function fuzzyDice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  let left = 0;
  for (const item of a) {
    if (b.has(item)) common++;
    else if (item.length >= FUZZY_MIN_LENGTH) left++;
  }
  if (left > 0 && left <= 4) {
    // Match the leftovers one edit apart; `taken` marks words of b already matched (b is small: a title).
    let taken = 0;
    for (const x of a) {
      if (x.length < FUZZY_MIN_LENGTH || b.has(x)) continue;
      let j = 0;
      for (const y of b) {
        if (
          j < 31 &&
          (taken & (1 << j)) === 0 &&
          y.length >= FUZZY_MIN_LENGTH &&
          !a.has(y) &&
          oneEditApart(x, y)
        ) {
          taken |= 1 << j;
          common++;
          break;
        }
        j++;
      }
    }
  }
  return (2 * common) / (a.size + b.size);
}

/** A 32-bit FNV-1a hash of a string, for compact token sets. */
export function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The sorted, unique hashes of a token set. */
export function hashedSet(items: Iterable<string>): Uint32Array {
  const list: number[] = [];
  for (const item of items) list.push(hash32(item));
  list.sort((x, y) => x - y);
  let n = 0;
  for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[i - 1]) list[n++] = list[i] ?? 0;
  return Uint32Array.from(list.slice(0, n));
}

/** |a ∩ b| / min(|a|, |b|) of two hashed sets (sorted unique hashes). */
export function hashedContainment(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common / Math.min(a.length, b.length);
}

/** Whether a sorted hashed set holds the hash of `value`. */
export function hashedHas(set: Uint32Array, value: string): boolean {
  const h = hash32(value);
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set[mid] ?? 0;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** |a ∩ b| / min(|a|, |b|): 1 when the smaller set is inside the larger (a truncated copy). */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const item of small) if (large.has(item)) common++;
  return common / small.size;
}

/** Character bigrams of a compact string (spaces removed), for typo-tolerant title comparison. */
export function charBigrams(compact: string): Set<string> {
  const out = new Set<string>();
  const chars = Array.from(compact);
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return out;
}
