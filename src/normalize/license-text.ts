// Text preparation for licence statements: HTML and character references out, link targets kept, and two
// folded forms for matching (spaced words, and the same with every separator removed so that
// "NoComercial", "No Comercial" and "No-Comercial" compare equal). Pure functions; never performs I/O.

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  rsquo: '’',
  lsquo: '‘',
  ndash: '–',
  mdash: '—',
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The string values a licence object of JSON-LD names it by, when the statement is such an object. */
const JSON_NAMING_KEYS = ['@id', 'id', 'url', 'name', 'license', 'licence', '@value', 'value'];

function jsonObjectText(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const values = JSON_NAMING_KEYS.map((key) => (parsed as Record<string, unknown>)[key]).filter(
    (value): value is string => typeof value === 'string',
  );
  return values.length === 0 ? null : values.join(' ');
}

/** Arabic-Indic and Persian digits, and the Arabic decimal separator ("۴٫۰"), as ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\u066B]/g, (c) => {
    if (c === '\u066B') return '.';
    return String(c.charCodeAt(0) & 0xf);
  });
}

/**
 * The readable text of a statement: a JSON object read for the values that name the licence, tags removed (the
 * targets of their href, src and content attributes stay, since a licence link or badge image is often all a
 * snippet says), Arabic and Persian digits as ASCII, character references decoded, replacement
 * characters and odd spaces turned into plain spaces, runs of white space folded.
 */
export function plainText(input: string): string {
  let text = decodeEntities(jsonObjectText(input) ?? input);
  text = text.replace(/<[^>]*>/g, (tag) => {
    // An address in angle brackets is not a tag.
    if (/^<(?:https?:|www\.)/i.test(tag)) return ` ${tag.slice(1, -1)} `;
    const targets = [...tag.matchAll(/\b(?:href|src|about|resource|content)\s*=\s*["']?([^"'\s>]+)/gi)].map(
      (m) => m[1],
    );
    return ` ${targets.join(' ')} `;
  });
  text = decodeEntities(text);
  return asciiDigits(text)
    .normalize('NFKC')
    .replace(/[\uFFFD\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Lower case, Latin diacritics off (ł, ß and friends spelled out, Turkish dotless ı as i, since "HAKLARI" lower-cases
 * to "haklari"), Cyrillic ё as е, Arabic marks off.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ı/g, 'i')
    .replace(/ё/g, 'е')
    .normalize('NFD')
    .replace(/([a-z])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[’‘ʼ`´]/g, "'");
}

/** Folded text with every character that is neither a letter nor a digit removed. */
export function squash(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
}
