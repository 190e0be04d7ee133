// Text preparation for matching short controlled values (resource types, accessibility terms) against
// multilingual term tables: camelCase split ("MovingImage" -> "Moving Image"), folding (lower case, Latin and
// Cyrillic diacritics off, Arabic marks and letter variants unified) and word tokens. Han, kana and Hangul
// runs are kept whole, to be matched by substring. Pure functions; never performs I/O.

const CAMEL = /(\p{Ll})(\p{Lu})|(\p{Lu})(\p{Lu}\p{Ll})|(\p{L})(\p{N})|(\p{N})(\p{L})/gu;

/** "MovingImage" -> "Moving Image", "doctoralThesis" -> "doctoral Thesis", "PDFDocument" -> "PDF Document". */
export function splitCamel(text: string): string {
  return text.replace(
    CAMEL,
    (_m, a?: string, b?: string, c?: string, d?: string, e?: string, f?: string, g?: string, h?: string) =>
      a !== undefined
        ? `${a} ${b ?? ''}`
        : c !== undefined
          ? `${c} ${d ?? ''}`
          : e !== undefined
            ? `${e} ${f ?? ''}`
            : `${g ?? ''} ${h ?? ''}`,
  );
}

const LATIN_MARKS = /([a-z])[\u0300-\u036f]+/g;
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g;
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  ё: 'е',
  й: 'и',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '`': "'",
  '´': "'",
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/** Lower case; Latin diacritics off (ß, æ, œ, ø, ł spelled out); ё as е; Arabic marks off, letter forms unified. */
export function fold(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  out = out.replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch);
  // Only decompose when there is something outside ASCII: the common case stays cheap.
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(out)) {
    out = out
      .normalize('NFD')
      .replace(LATIN_MARKS, '$1')
      .replace(/[\u0306\u0308]/g, '')
      .normalize('NFC');
    out = out.replace(ARABIC_MARKS, '');
  }
  return out;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;
const ASCII_CAMEL = /([a-z])([A-Z])|([A-Z])([A-Z][a-z])|([A-Za-z])([0-9])|([0-9])([A-Za-z])/g;
const ASCII_NON_WORD = /[^a-z0-9]+/;

/** Folded word tokens of a text (camelCase split first), in order. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  if (ASCII.test(text)) {
    // The common case, without Unicode normalization.
    const split = text.replace(
      ASCII_CAMEL,
      (_m, a?: string, b?: string, c?: string, d?: string, e?: string, f?: string, g?: string, h?: string) =>
        a !== undefined
          ? `${a} ${b ?? ''}`
          : c !== undefined
            ? `${c} ${d ?? ''}`
            : e !== undefined
              ? `${e} ${f ?? ''}`
              : `${g ?? ''} ${h ?? ''}`,
    );
    for (const t of split.toLowerCase().split(ASCII_NON_WORD)) if (t !== '') out.push(t);
    return out;
  }
  const folded = fold(splitCamel(text));
  for (const t of folded.split(NON_WORD)) if (t !== '') out.push(t);
  return out;
}

/** Whether a token is written in a script without spaces between words (Han, kana, Hangul). */
export function isCjk(token: string): boolean {
  return CJK.test(token);
}

/** Folded text with every character that is neither a letter nor a digit removed ("Sous-titres" -> "soustitres"). */
export function squash(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A bounded cache for repeated identical inputs (the common case in harvests): two generations of at most
 * `limit` entries each; when the young one is full it becomes the old one and the oldest is dropped whole.
 * Every operation is O(1), unlike evicting single entries from one Map.
 */
export class BoundedCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }
  set(key: string, value: V): V {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
    return value;
  }
}
