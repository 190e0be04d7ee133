// The code side of language normalization: every ISO 639-1, 639-2/B and 639-2/T code (from the generated
// table in language-codes.ts) mapped to its BCP 47 form (the 639-1 code where one exists, else the 639-2/T
// code), plus the facts the standards add on top: codes IANA deprecated in favour of others, the grandfathered
// and redundant tags of RFC 5646, the POSIX locale modifiers that name a script, and the codes of ISO 639-3
// that the table lacks, which ICU (CLDR) either canonicalizes (macrolanguage members such as cmn -> zh) or
// at least knows by name. Tables are built once at module load. Pure; no I/O.
import { CLDR_NAMED_639_3, ISO_639_ROWS, LOCALE_REGIONS } from './language-codes.js';

/** One row of the ISO 639-2 table. */
export interface IsoLanguage {
  /** The BCP 47 code: 639-1 where it exists, else 639-2/T (= 639-3). */
  readonly tag: string;
  readonly english: readonly string[];
  readonly french: readonly string[];
}

const codeToTag = new Map<string, string>();
const languages: IsoLanguage[] = [];

for (const line of ISO_639_ROWS.split('\n')) {
  const [b = '', t = '', a2 = '', en = '', fr = ''] = line.split('|');
  const split = (names: string): string[] =>
    names
      .split(';')
      .map((n) => n.trim())
      .filter((n) => n !== '');
  if (b.includes('-')) {
    // qaa-qtz: reserved for local use; every code of the range stands for itself.
    const [from = 'qaa', to = 'qtz'] = b.split('-');
    for (let c = from.charCodeAt(1); c <= to.charCodeAt(1); c++) {
      for (let d = 97; d <= 122; d++) {
        const code = `q${String.fromCharCode(c)}${String.fromCharCode(d)}`;
        if (code >= from && code <= to) codeToTag.set(code, code);
      }
    }
    continue;
  }
  const tag = a2 !== '' ? a2 : t !== '' ? t : b;
  for (const code of [a2, b, t]) if (code !== '') codeToTag.set(code, tag);
  languages.push({ tag, english: split(en), french: split(fr) });
}

/** The ISO 639-2 languages with their names as the Library of Congress gives them in English and French. */
export const ISO_LANGUAGES: readonly IsoLanguage[] = languages;

/** ISO 639-3 codes outside ISO 639-2 that CLDR names (Cantonese, American Sign Language, Central Kurdish...). */
export const CLDR_NAMED_CODES: readonly string[] = CLDR_NAMED_639_3.split(' ').filter((c) => c !== '');

/**
 * ISO 639-3 codes outside ISO 639-2 that CLDR does not name but OER metadata uses: national sign languages (their
 * names are in language-names.ts).
 */
export const EXTRA_639_3_CODES: ReadonlySet<string> = new Set([
  'bfi',
  'fsl',
  'gsg',
  'ssp',
  'bzs',
  'psr',
  'ise',
  'dse',
  'asf',
  'jsl',
]);

/** ISO 639-1 codes withdrawn by ISO/IANA, with the code that replaced them. `sh` (Serbo-Croatian) has no
 * replacement in the registry; its macrolanguage code `hbs` is the faithful non-deprecated form. */
const DEPRECATED: Readonly<Record<string, string>> = {
  iw: 'he',
  in: 'id',
  ji: 'yi',
  jw: 'jv',
  mo: 'ro',
  sh: 'hbs',
};

/** ICU canonicalizations we do not follow: hbs is kept as the macrolanguage rather than read as Serbian. */
const ICU_OVERRIDES: Readonly<Record<string, string>> = { hbs: 'hbs' };

/** Grandfathered and redundant tags of RFC 5646 / the IANA registry, and legacy culture names, with their
 * preferred values. */
export const GRANDFATHERED: ReadonlyMap<string, string> = new Map([
  ['art-lojban', 'jbo'],
  ['en-gb-oed', 'en-GB-oxendict'],
  ['i-ami', 'ami'],
  ['i-bnn', 'bnn'],
  ['i-hak', 'hak'],
  ['i-klingon', 'tlh'],
  ['i-lux', 'lb'],
  ['i-navajo', 'nv'],
  ['i-pwn', 'pwn'],
  ['i-tao', 'tao'],
  ['i-tay', 'tay'],
  ['i-tsu', 'tsu'],
  ['no-bok', 'nb'],
  ['no-nyn', 'nn'],
  ['sgn-be-fr', 'sfb'],
  ['sgn-be-nl', 'vgt'],
  ['sgn-ch-de', 'sgg'],
  ['zh-guoyu', 'zh'],
  ['zh-hakka', 'hak'],
  ['zh-min-nan', 'nan'],
  ['zh-xiang', 'hsn'],
  // Legacy Microsoft/.NET culture names, still found in exports.
  ['zh-chs', 'zh-Hans'],
  ['zh-cht', 'zh-Hant'],
]);

/** POSIX locale modifiers (`sr_RS@latin`) that name a script. */
export const POSIX_SCRIPT_MODIFIERS: Readonly<Record<string, string>> = {
  latin: 'Latn',
  cyrillic: 'Cyrl',
  devanagari: 'Deva',
  arabic: 'Arab',
};

const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const scriptNames = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });

/** Bounded memo for look-ups that go through ICU. */
function memo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key: string): V => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** What a lower-case language code stands for, and how we know. */
export interface CodeMatch {
  readonly tag: string;
  readonly rule: 'iso639-1' | 'iso639-2' | 'deprecated' | 'iso639-3' | 'iso639-3-macrolanguage';
}

/**
 * The BCP 47 form of a lower-case 2- or 3-letter language code, or undefined when it is no language code we
 * know. 639-3 codes outside 639-2 are accepted when ICU canonicalizes them (cmn -> zh, arb -> ar, swh -> sw,
 * pes -> fa, prs -> fa-AF, zsm -> ms) or knows their name (yue, nan, ase); others are refused rather than
 * guessed, because two in five random three-letter strings are assigned 639-3 codes.
 */
export const resolveCode = memo(4096, (code: string): CodeMatch | undefined => {
  const listed = codeToTag.get(code);
  if (listed !== undefined) return { tag: listed, rule: code.length === 2 ? 'iso639-1' : 'iso639-2' };
  const replaced = DEPRECATED[code];
  if (replaced !== undefined) return { tag: replaced, rule: 'deprecated' };
  if (code.length !== 3) return undefined;
  const override = ICU_OVERRIDES[code];
  if (override !== undefined) return { tag: override, rule: 'iso639-3' };
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(code)[0] ?? code;
  } catch {
    return undefined;
  }
  if (canonical !== code) {
    const [language = ''] = canonical.split('-');
    const mapped = codeToTag.get(language) ?? language;
    return { tag: canonical.replace(/^[a-z]+/, mapped), rule: 'iso639-3-macrolanguage' };
  }
  return englishNames.of(code) !== undefined || EXTRA_639_3_CODES.has(code)
    ? { tag: code, rule: 'iso639-3' }
    : undefined;
});

/** True when `code` (upper-case, or three digits) is a region ICU knows, with its canonical form. */
export const resolveRegion = memo(1024, (code: string): string | undefined => {
  if (code === 'ZZ' || code === 'AA' || /^Q[M-Z]$|^X[A-Z]$/.test(code))
    return code === 'XK' ? code : undefined;
  if (regionNames.of(code) === undefined) return undefined;
  try {
    const canonical = Intl.getCanonicalLocales(`und-${code}`)[0] ?? '';
    return canonical.slice(4) || code;
  } catch {
    return undefined;
  }
});

/** True when `code` (title case) is an ISO 15924 script ICU knows. */
export const isScript = memo(256, (code: string): boolean => {
  if (code === 'Zzzz' || code === 'Zyyy' || code === 'Zinh') return false;
  return scriptNames.of(code) !== undefined;
});

/** The most likely script of a language (ICU's likely subtags). */
export const likelyScript = memo(1024, (language: string): string | undefined => {
  try {
    return new Intl.Locale(language).maximize().script;
  } catch {
    return undefined;
  }
});

/**
 * Languages written in more than one script in current use, whose script subtag always carries information
 * (IANA gives them no Suppress-Script). For every other language a script subtag equal to its likely script
 * is redundant and dropped, as BCP 47 recommends (`en-Latn` -> `en`).
 */
export const MULTI_SCRIPT_LANGUAGES: ReadonlySet<string> = new Set([
  'zh',
  'yue',
  'sr',
  'bs',
  'uz',
  'az',
  'pa',
  'mn',
  'ms',
  'ks',
  'sd',
  'ha',
  'kk',
  'ky',
  'tk',
  'tg',
  'ku',
  'ff',
  'shi',
  'vai',
  'hbs',
  'sh',
  'ug',
  'tt',
  'be',
  'ro',
]);

/** The most likely language spoken in a region, for codes sent as language that are only region codes. */
export const regionLanguage = memo(512, (region: string): string | undefined => {
  try {
    return new Intl.Locale(`und-${region}`).maximize().language;
  } catch {
    return undefined;
  }
});

/** Per language, the regions CLDR has a locale for (for names such as "Brazilian Portuguese"). */
export const LOCALE_REGIONS_BY_LANGUAGE: ReadonlyMap<string, readonly string[]> = new Map(
  LOCALE_REGIONS.split('\n').map((line) => {
    const [language = '', regions = ''] = line.split(':');
    return [language, regions.split(' ').filter((r) => r !== '')] as const;
  }),
);
