// Language-dependent parts of the search analyzer: which BCP 47 tags get a Snowball stemmer, which lower-case
// I as dotless ı (Turkic), which elide articles before an apostrophe (French, Italian, Catalan), and which
// write the glottal stop with an apostrophe even at the start of a word (Hawaiian, Samoan, Tongan, Quechua,
// Aymara, Guarani, Navajo, Mohawk, Ojibwe...). Stems come from `multilingual-stemmer`: the Snowball 3.1.1
// algorithms compiled to WebAssembly, shipped inside the npm package (offline), one instance per language,
// created on first use. Each language keeps a bounded cache of folded stems (two generations). Pure apart
// from that cache; no I/O.
import { createStemmer, type IsoCode } from 'multilingual-stemmer';

/** Snowball algorithms by primary language subtag (every one the package has; nb and nn use Norwegian). */
const SNOWBALL: Readonly<Record<string, IsoCode>> = {
  ar: 'ar',
  ca: 'ca',
  cs: 'cs',
  da: 'da',
  de: 'de',
  el: 'el',
  en: 'en',
  eo: 'eo',
  es: 'es',
  et: 'et',
  eu: 'eu',
  fa: 'fa',
  fi: 'fi',
  fr: 'fr',
  ga: 'ga',
  hi: 'hi',
  hu: 'hu',
  hy: 'hy',
  id: 'id',
  it: 'it',
  lt: 'lt',
  nb: 'no',
  ne: 'ne',
  nl: 'nl',
  nn: 'no',
  no: 'no',
  pl: 'pl',
  pt: 'pt',
  ro: 'ro',
  ru: 'ru',
  sr: 'sr',
  st: 'st',
  sv: 'sv',
  ta: 'ta',
  tr: 'tr',
  yi: 'yi',
};

/** Languages whose orthography pairs dotted İ/i and dotless I/ı. */
const TURKIC = new Set(['tr', 'az', 'crh', 'gag', 'tt']);

/** Words that drop their vowel before an apostrophe, by language; `und` gets the unambiguous ones only. */
const ELISIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  fr: new Set([
    'l',
    'd',
    'j',
    'm',
    'n',
    's',
    't',
    'c',
    'qu',
    'lorsqu',
    'puisqu',
    'jusqu',
    'quoiqu',
    'presqu',
  ]),
  it: new Set([
    'l',
    'd',
    'c',
    's',
    'm',
    't',
    'v',
    'un',
    'dell',
    'all',
    'dall',
    'nell',
    'sull',
    'coll',
    'pell',
    'quell',
    'quest',
    'bell',
    'sant',
    'tutt',
    'nessun',
  ]),
  ca: new Set(['l', 'd', 's', 'm', 'n', 't']),
  // Single consonants other than l and d are ejectives in Quechua or Aymara (t'ika, q'ara), so not here.
  und: new Set([
    'l',
    'd',
    'qu',
    'dell',
    'all',
    'dall',
    'nell',
    'sull',
    'lorsqu',
    'puisqu',
    'jusqu',
    'quoiqu',
  ]),
};

/** Orthographies where an apostrophe starting a word is the glottal-stop letter, not an opening quote. */
const GLOTTAL = new Set([
  'haw',
  'sm',
  'to',
  'ty',
  'nv',
  'gn',
  'gug',
  'gui',
  'gun',
  'ay',
  'ayr',
  'ayc',
  'moh',
  'one',
  'oj',
  'ojb',
  'ojc',
  'ojg',
  'ojs',
  'ojw',
  'otw',
  'ciw',
  'lkt',
  'dak',
  'tli',
]);
/** Quechua: the macrolanguage and its individual codes (quz, quy, qub... qvi, qxw). */
const QUECHUA = /^(?:qu|qu[a-z]|q[v-x][a-z])$/;

export interface LanguageProfile {
  /** Folded stem of a lower-cased word, or undefined when the language has no stemmer. */
  readonly stem: ((word: string) => string) | undefined;
  /** Lower-case I as ı (and İ as i). */
  readonly turkic: boolean;
  /** Elided words that are dropped before an apostrophe, or undefined. */
  readonly elisions: ReadonlySet<string> | undefined;
  /** A leading ' ‘ ’ before a letter is a letter; no English possessive stripping. */
  readonly glottal: boolean;
}

/**
 * Stems kept per language (twice this at most, see makeStem). A catalog in many languages fills one cache per
 * language: at 32,768 the stems of 100,000 benchmark records held tens of MB by the end of an index update,
 * where the most frequent words, which these keep, make nearly all the hits.
 */
const STEM_CACHE_LIMIT = 8_192;
/** Words longer than this are not stemmed (identifiers, chemical names, hostile input). */
const MAX_STEMMED_LENGTH = 48;

function makeStem(code: IsoCode, fold: (word: string) => string): (word: string) => string {
  let snowball: ((word: string) => string) | undefined;
  // Two generations: a word found in the older one moves to the newer; when the newer is full, the older
  // is dropped. Bounded (2 x STEM_CACHE_LIMIT), close to least-recently-used, no per-entry deletions.
  let recent = new Map<string, string>();
  let older = new Map<string, string>();
  return (word: string): string => {
    let folded = recent.get(word);
    if (folded !== undefined) return folded;
    folded = older.get(word);
    if (folded === undefined) {
      let stemmed = word;
      if (word.length <= MAX_STEMMED_LENGTH) {
        snowball ??= createStemmer(code);
        try {
          stemmed = snowball(word) || word;
        } catch {
          stemmed = word; // never seen in fuzzing; a word the stemmer rejects is indexed unstemmed
        }
      }
      folded = fold(stemmed);
    }
    if (recent.size >= STEM_CACHE_LIMIT) {
      older = recent;
      recent = new Map<string, string>();
    }
    recent.set(word, folded);
    return folded;
  };
}

const stemmers = new Map<IsoCode, (word: string) => string>();
const profiles = new Map<string, LanguageProfile>();
const PROFILE_CACHE_LIMIT = 512;

/** The primary subtag of a BCP 47 tag, lower-cased ("pt-BR" -> "pt", "zh_Hant" -> "zh"). */
export function primaryLanguage(tag: string): string {
  let end = 0;
  while (end < tag.length && end < 8) {
    const c = tag.charCodeAt(end);
    if (c === 0x2d || c === 0x5f) break;
    end += 1;
  }
  return tag.slice(0, end).toLowerCase();
}

/** The profile of a language tag (cached); unknown tags and `und` get the language-neutral profile. */
export function languageProfile(tag: string, fold: (word: string) => string): LanguageProfile {
  const known = profiles.get(tag);
  if (known !== undefined) return known;
  const lang = primaryLanguage(tag);
  const code = SNOWBALL[lang];
  let stem: ((word: string) => string) | undefined;
  if (code !== undefined) {
    stem = stemmers.get(code);
    if (stem === undefined) {
      stem = makeStem(code, fold);
      stemmers.set(code, stem);
    }
  }
  const glottal = GLOTTAL.has(lang) || QUECHUA.test(lang);
  const profile: LanguageProfile = {
    stem,
    turkic: TURKIC.has(lang),
    elisions: glottal ? undefined : (ELISIONS[lang] ?? (code === undefined ? ELISIONS['und'] : undefined)),
    glottal,
  };
  if (profiles.size >= PROFILE_CACHE_LIMIT) profiles.clear();
  profiles.set(tag, profile);
  return profile;
}
