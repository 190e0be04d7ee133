// The name side of language normalization: how a language, region or script name written by a person is
// folded for comparison, and the indexes from folded names to codes. Names come from the Library of
// Congress table (English and French, via language-codes.ts) and from Intl.DisplayNames (CLDR): every
// language in English and in its own language, the main languages in ~45 display languages, the CLDR
// dialect names ("Brazilian Portuguese", "简体中文"), plus feminine and article-less forms the way those
// languages use them ("lengua española", "langue française", "عربي"). The indexes are built on the first
// name look-up, not at module load, so code-only inputs never pay for them. Pure; no I/O.
import { CLDR_NAMED_CODES, ISO_LANGUAGES, LOCALE_REGIONS_BY_LANGUAGE } from './language-tables.js';

/** The languages whose names we want in every display language. */
const DISPLAY_LOCALES = [
  'en',
  'fr',
  'es',
  'pt',
  'de',
  'it',
  'nl',
  'ru',
  'ar',
  'zh',
  'zh-Hant',
  'ja',
  'ko',
  'sw',
  'hi',
  'tr',
  'pl',
  'fa',
  'id',
  'ms',
  'vi',
  'uk',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
  'sk',
  'el',
  'he',
  'ca',
  'eu',
  'gl',
  'ro',
  'hu',
  'hr',
  'sr',
  'bg',
  'sl',
  'lt',
  'et',
  'th',
  'bn',
  'ur',
  'am',
  'ha',
  'yo',
  'so',
  'fil',
] as const;

/** Three-letter languages common enough in OER metadata to get names in every display language too. */
const MAJOR_THREE_LETTER = ['fil', 'yue', 'haw', 'ast', 'ckb', 'mul', 'zxx', 'gsw', 'nds', 'nso', 'ase'];

/** Words around a language name that do not change which language it is ("langue", "bahasa", "in"). */
const FILLERS = new Set(
  [
    'language',
    'languages',
    'lang',
    'langue',
    'langues',
    'lengua',
    'lenguas',
    'idioma',
    'idiomas',
    'lingua',
    'linguas',
    'lingue',
    'llengua',
    'sprache',
    'taal',
    'sprak',
    'sprog',
    'jezyk',
    'jazyk',
    'jezik',
    'dil',
    'dili',
    'nyelv',
    'kieli',
    'bahasa',
    'lugha',
    'tieng',
    'язык',
    'мова',
    'γλωσσα',
    'لغة',
    'اللغة',
    'زبان',
    'version',
    'versao',
    'fassung',
    'in',
    'en',
    'em',
    'auf',
    'the',
  ].map((w) => w.normalize('NFC')),
);

const LGC_MARKS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
// The class lists Arabic marks and tatweel by code point on purpose: they are what is removed.
// eslint-disable-next-line no-misleading-character-class
const ARABIC_MARKS = /[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const ALEFS = /[\u0622\u0623\u0625\u0671]/g;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;
const LIGATURES: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};
const LIGATURE = /[ßæœøłđı]/g;
/** Apostrophes and glottal-stop letters, written many ways (ʻ ʼ ‘ ’ ' ꞌ): all one separator. */
const APOSTROPHES = /[\u0027\u0060\u00b4\u02b9\u02bb\u02bc\u02bd\u2018\u2019\ua78c]/g;

const HAN = /\p{Script=Han}/u;
let hanFold: Map<string, string> | undefined;

/**
 * Traditional -> simplified for the characters of language and region names, learnt from CLDR itself: where
 * the Simplified and Traditional Chinese names of the same language or region have the same length, the
 * characters that differ are the same character in its two forms (or two words used the same way, such as
 * 語 and 语, which are then treated as one, as they should be).
 */
function foldHan(text: string): string {
  if (!HAN.test(text)) return text;
  if (hanFold === undefined) {
    const map = new Map<string, string>();
    const codes = [
      ...ISO_LANGUAGES.map((l) => l.tag),
      ...new Set([...LOCALE_REGIONS_BY_LANGUAGE.values()].flat()),
    ];
    for (const type of ['language', 'region'] as const) {
      const simplified = displayNames('zh', type);
      const traditional = displayNames('zh-Hant', type);
      for (const code of codes) {
        if ((type === 'language') !== /^[a-z]+$/.test(code)) continue;
        const s = Array.from(simplified.of(code) ?? '');
        const t = Array.from(traditional.of(code) ?? '');
        if (s.length !== t.length) continue;
        for (let i = 0; i < s.length; i++) {
          const a = s[i] ?? '';
          const b = t[i] ?? '';
          if (a !== b && HAN.test(a) && HAN.test(b) && !map.has(b) && !map.has(a)) map.set(b, a);
        }
      }
    }
    // 文 and 語 both end language names ("英文", "英語"); read them all as 语.
    map.set('語', '语');
    map.set('文', '语');
    hanFold = map;
  }
  let out = '';
  for (const ch of text) out += hanFold.get(ch) ?? ch;
  return out;
}

/**
 * Folds a name for comparison: compatibility forms, lower case, no diacritics on Latin, Greek and Cyrillic
 * letters (other scripts keep their marks: they are letters there), no Arabic vowel marks or tatweel, one
 * alef, punctuation to spaces, filler words dropped.
 */
export function foldName(text: string): string {
  const folded = PRINTABLE_ASCII.test(text)
    ? text.toLowerCase().replace(NOT_ASCII_WORD, ' ').trim()
    : foldHan(text)
        .normalize('NFKD')
        .toLowerCase()
        .replace(LGC_MARKS, '$1')
        .replace(LIGATURE, (c) => LIGATURES[c] ?? c)
        .replace(APOSTROPHES, ' ')
        .normalize('NFC')
        .replace(ARABIC_MARKS, '')
        .replace(ALEFS, '\u0627')
        .replace(NOT_WORD, ' ')
        .trim();
  if (!folded.includes(' ')) return FILLERS.has(folded) ? '' : folded;
  return folded
    .split(' ')
    .filter((w) => !FILLERS.has(w))
    .join(' ');
}

/** Folds a phrase like foldName but keeps every word ("no language" must not become "no"). */
export function foldPhrase(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(LGC_MARKS, '$1')
    .normalize('NFC')
    .replace(NOT_WORD, ' ')
    .trim();
}

/** Other forms a name takes in running text of its display language. */
function variants(name: string, display: string): string[] {
  const out = [name];
  const paren = name.replace(/\s*[([（].*?[)\]）]\s*/g, ' ').trim();
  if (paren !== name && paren !== '') out.push(paren);
  const comma = /^([^,]+),\s*([^,]+)$/.exec(paren);
  if (comma?.[1] && comma[2]) out.push(`${comma[2]} ${comma[1]}`);
  // Catalogues invert English names: "North Ndebele" is also filed as "Ndebele, North".
  const pair = /^(\S+) (\S+)$/.exec(paren);
  if (display === 'en' && pair?.[1] && pair[2]) out.push(`${pair[2]}, ${pair[1]}`);
  const base = display.split('-')[0] ?? display;
  const word = paren.toLowerCase();
  const add = (re: RegExp, to: string): void => {
    if (re.test(word)) out.push(word.replace(re, to));
  };
  switch (base) {
    case 'fr':
      add(/(ais|ois|and|ol|ain|an)$/, '$1e');
      add(/(ien)$/, '$1ne');
      break;
    case 'es':
      add(/és$/, 'esa');
      add(/án$/, 'ana');
      add(/ol$/, 'ola');
      add(/o$/, 'a');
      break;
    case 'pt':
      add(/ês$/, 'esa');
      add(/ão$/, 'ã');
      add(/ol$/, 'ola');
      add(/o$/, 'a');
      break;
    case 'it':
    case 'ca':
      add(/o$/, 'a');
      break;
    case 'de':
      add(/sch$/, 'sche');
      break;
    case 'nl':
      add(/s$/, 'se');
      break;
    case 'ar':
      add(/^ال/, '');
      add(/^ال(.*)ية$/, '$1ي');
      break;
    default:
      break;
  }
  return out;
}

/**
 * Names people use that CLDR does not list, per BCP 47 tag: other common names, and the names in their own
 * language of languages for which ICU has no locale data (so no autonym).
 */
const EXTRA_NAMES: Readonly<Record<string, readonly string[]>> = {
  es: ['castellano', 'Castilian', 'español castellano'],
  zh: ['汉语', '漢語', '华语', '華語', '国语', '國語', '普通话', '普通話', 'Mandarin', 'Mandarin Chinese'],
  de: ['Hochdeutsch', 'Standard German', 'High German'],
  fa: ['Farsi', 'فارسی دری'],
  ca: ['valencià', 'Valencian'],
  el: ['Modern Greek', 'νέα ελληνικά'],
  ms: ['Bahasa Malaysia'],
  sw: ['Kiswahili sanifu'],
  fil: ['Pilipino', 'Wikang Filipino'],
  ar: ['عربي', 'عربى', 'العربية الفصحى', 'الفصحى', 'Standard Arabic'],
  uz: ['Oʻzbekcha', 'Oʻzbek tili', "O'zbekcha", "O'zbek tili", 'Ўзбекча', 'ўзбек тили'],
  qu: ['Runa Simi', 'Runasimi'],
  // Turkic and Iranian autonyms with their word for "language" (теле, тили, забони) or the -ča adverb.
  tt: ['татар теле', 'татарча', 'tatar tele', 'tatarça'],
  ba: ['башҡорт теле', 'башҡортса'],
  kk: ['қазақша', 'qazaqşa', 'qazaq tili'],
  ky: ['кыргыз тили', 'kyrgyz tili'],
  tg: ['забони тоҷикӣ', 'тоҷикӣ'],
  rom: ['Romani', 'Romani čhib', 'romanes'],
  lzh: ['Classical Chinese', '文言文', '文言'],
  'pt-BR': ['português brasileiro', 'Brazilian', 'brasileiro'],
  // Kurmanji is the Kurdish that `ku` (and kmr, which ICU reads as ku) stands for.
  ku: ['Kurmanji', 'Kurmancî', 'Northern Kurdish'],
  // Sign languages CLDR does not name, by their ISO 639-3 codes (EXTRA_639_3_CODES).
  bfi: ['British Sign Language'],
  fsl: ['Langue des signes française', 'French Sign Language'],
  gsg: ['Deutsche Gebärdensprache', 'German Sign Language'],
  ssp: ['Lengua de signos española', 'Spanish Sign Language'],
  bzs: ['Língua Brasileira de Sinais', 'Libras', 'Brazilian Sign Language'],
  psr: ['Língua Gestual Portuguesa', 'Portuguese Sign Language'],
  ise: ['Lingua dei segni italiana', 'Italian Sign Language'],
  dse: ['Nederlandse Gebarentaal', 'Sign Language of the Netherlands'],
  asf: ['Auslan', 'Australian Sign Language'],
  jsl: ['日本手話', 'Japanese Sign Language'],
  hi: ['हिंदी'],
  my: ['Myanmar', 'Myanmar (Burmese)'],
  hbs: ['Serbo-Croatian', 'srpskohrvatski', 'hrvatskosrpski', 'српскохрватски'],
  sa: ['संस्कृतम्'],
  ga: ['Irish Gaelic'],
  gsw: ['Schwyzerdütsch', 'Schweizerdeutsch'],
  nds: ['Plattdüütsch', 'Plattdeutsch'],
  'es-419': ['español latino'],
  'zh-Hant': ['正體中文', '正体中文'],
  th: ['ภาษาไทย'],
  // Autonyms of languages ICU has no locale data for.
  aa: ['Qafaraf'],
  ab: ['аԥсуа бызшәа', 'аԥсшәа'],
  an: ['aragonés'],
  av: ['авар мацӀ'],
  ay: ['Aymar aru'],
  ch: ['Chamoru'],
  co: ['corsu'],
  cr: ['Nēhiyawēwin', 'ᓀᐦᐃᔭᐍᐏᐣ'],
  dv: ['ދިވެހި', 'Dhivehi'],
  fj: ['Vosa Vakaviti'],
  gn: ['Avañe’ẽ'],
  ht: ['Kreyòl ayisyen', 'kreyòl'],
  hz: ['Otjiherero'],
  ik: ['Iñupiaq'],
  iu: ['ᐃᓄᒃᑎᑐᑦ'],
  kg: ['Kikongo'],
  kv: ['коми кыв'],
  la: ['Latina', 'lingua Latina'],
  li: ['Limburgs'],
  mh: ['Kajin M̧ajeļ'],
  na: ['Dorerin Naoero'],
  ng: ['Owambo'],
  nr: ['isiNdebele'],
  nv: ['Diné bizaad'],
  ny: ['Chinyanja'],
  oj: ['Anishinaabemowin', 'ᐊᓂᔑᓈᐯᒧᐎᓐ'],
  pi: ['पाळि'],
  sm: ['Gagana Samoa', 'Gagana faʻa Sāmoa'],
  ss: ['siSwati'],
  tl: ['Wikang Tagalog'],
  ts: ['Xitsonga'],
  ty: ['Reo Tahiti', 'Reo Māʻohi'],
  ve: ['Tshivenḓa'],
  wa: ['walon'],
};

type Index = Map<string, string>;

/** Names already indexed during one build, so that a name repeated across display languages is folded once. */
let seen = new Set<string>();

function put(index: Index, name: string | undefined, tag: string, display = 'en'): void {
  if (name === undefined) return;
  const once = `${tag}\u0000${display.slice(0, 2)}\u0000${name}`;
  if (seen.has(once)) return;
  seen.add(once);
  for (const form of variants(name, display)) {
    const key = foldName(form);
    if (key !== '' && !index.has(key)) index.set(key, tag);
  }
}

function displayNames(locale: string, type: 'language' | 'region' | 'script'): Intl.DisplayNames {
  return new Intl.DisplayNames([locale], { type, fallback: 'none' });
}

const supported = new Map<string, boolean>();

/** Whether ICU has display names in this language (else it falls back to English). */
function supportsLocale(tag: string): boolean {
  let yes = supported.get(tag);
  if (yes === undefined) {
    try {
      const resolved = new Intl.DisplayNames([tag], { type: 'language' }).resolvedOptions().locale;
      yes = resolved.split('-')[0] === tag.split('-')[0];
    } catch {
      yes = false;
    }
    supported.set(tag, yes);
  }
  return yes;
}

let languageIndex: Index | undefined;

/** Folded language name -> BCP 47 tag, over every name source, first source winning on a clash. */
export function languageNameIndex(): ReadonlyMap<string, string> {
  if (languageIndex !== undefined) return languageIndex;
  const index: Index = new Map();
  const english = displayNames('en', 'language');
  const isoTags = ISO_LANGUAGES.map((l) => l.tag);
  const allTags = [...isoTags, ...CLDR_NAMED_CODES];
  const major = [...isoTags.filter((t) => t.length === 2), ...MAJOR_THREE_LETTER];
  // Dialects: the tags CLDR names as a variety of their own in English ("Brazilian Portuguese", "Flemish"),
  // which it writes without brackets; they get names in every display language below.
  const dialects = ['zh-Hans', 'zh-Hant'];
  for (const [language, regions] of LOCALE_REGIONS_BY_LANGUAGE) {
    if (language.length !== 2) continue;
    for (const region of regions) {
      const name = english.of(`${language}-${region}`);
      if (name !== undefined && !name.includes('(')) dialects.push(`${language}-${region}`);
    }
  }
  // 1. English: CLDR's names of languages and dialects, then the Library of Congress names.
  for (const tag of allTags) put(index, english.of(tag), tag);
  for (const tag of dialects) put(index, english.of(tag), tag);
  for (const l of ISO_LANGUAGES) {
    if (l.english.length > 1) put(index, l.english.join('; '), l.tag);
    for (const n of l.english) put(index, n, l.tag);
  }
  // 2. Each language (and dialect) in its own language, when ICU has data for it.
  for (const tag of [...allTags, ...dialects]) {
    const language = tag.split('-')[0] ?? tag;
    if (supportsLocale(language)) put(index, displayNames(language, 'language').of(tag), tag, language);
  }
  // 3. French from the Library of Congress, then the main languages and dialects in every display language.
  for (const l of ISO_LANGUAGES) for (const n of l.french) put(index, n, l.tag, 'fr');
  for (const locale of DISPLAY_LOCALES) {
    const names = displayNames(locale, 'language');
    for (const tag of major) put(index, names.of(tag), tag, locale);
    for (const tag of dialects) put(index, names.of(tag), tag, locale);
  }
  // 4. Names CLDR lacks.
  for (const [tag, names] of Object.entries(EXTRA_NAMES)) for (const n of names) put(index, n, tag);
  languageIndex = index;
  seen = new Set();
  return index;
}

const SCRIPTS = [
  'Latn',
  'Cyrl',
  'Arab',
  'Hans',
  'Hant',
  'Deva',
  'Grek',
  'Hebr',
  'Beng',
  'Mong',
  'Tfng',
  'Ethi',
];

const regionIndexes = new Map<string, Index>();
let regionCodes: ReadonlySet<string> | undefined;

/** The regions of CLDR's locales, and the macro-regions used in tags (419 Latin America...). */
function allRegionCodes(): ReadonlySet<string> {
  if (regionCodes === undefined) {
    const codes = new Set<string>(['001', '150', '419', '005', '013', '029', '142', '145', '002', '009']);
    for (const list of LOCALE_REGIONS_BY_LANGUAGE.values()) for (const r of list) codes.add(r);
    regionCodes = codes;
  }
  return regionCodes;
}

function regionIndexFor(locale: string): Index {
  let index = regionIndexes.get(locale);
  if (index !== undefined) return index;
  index = new Map();
  const names = displayNames(locale, 'region');
  const short = new Intl.DisplayNames([locale], { type: 'region', style: 'short', fallback: 'none' });
  for (const region of allRegionCodes()) {
    put(index, names.of(region), region, locale);
    put(index, short.of(region), region, locale);
  }
  regionIndexes.set(locale, index);
  seen = new Set();
  return index;
}

const REGION_EXTRAS: ReadonlyMap<string, string> = new Map([
  ['latinoamerica', '419'],
  ['latam', '419'],
  ['hispanoamerica', '419'],
  ['america latina', '419'],
  ['prc', 'CN'],
  // Names CLDR no longer uses, and common short forms.
  ['turkey', 'TR'],
  ['czech republic', 'CZ'],
  ['swaziland', 'SZ'],
  ['macedonia', 'MK'],
  ['burma', 'MM'],
  ['ivory coast', 'CI'],
  ['cape verde', 'CV'],
  ['east timor', 'TL'],
  ['korea', 'KR'],
  ['usa', 'US'],
  ['great britain', 'GB'],
  ['britain', 'GB'],
  ['england', 'GB'],
]);

/** Where region names are looked up when the qualified language's own names and English do not have them. */
const REGION_FALLBACK_LOCALES = ['fr', 'es', 'pt', 'de', 'ru', 'ar', 'zh', 'zh-Hant'];

/**
 * The region a folded name or code stands for: looked up first in the names of the regions in `prefer` (the
 * language being qualified, then English), then in the other UN languages and German and Portuguese.
 */
export function regionFromName(key: string, prefer: readonly string[]): string | undefined {
  if (/^[a-z]{2}$/.test(key)) {
    const code = key.toUpperCase();
    return allRegionCodes().has(code) ? code : undefined;
  }
  const extra = REGION_EXTRAS.get(key);
  if (extra !== undefined) return extra;
  for (const locale of prefer) {
    if (!supportsLocale(locale)) continue;
    const hit = regionIndexFor(locale).get(key);
    if (hit !== undefined) return hit;
  }
  for (const locale of REGION_FALLBACK_LOCALES) {
    const hit = regionIndexFor(locale).get(key);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

let scriptIndex: Index | undefined;

/** Folded script name (in the display languages) or code -> script code. */
export function scriptNameIndex(): ReadonlyMap<string, string> {
  if (scriptIndex !== undefined) return scriptIndex;
  const index: Index = new Map();
  for (const locale of DISPLAY_LOCALES) {
    const names = displayNames(locale, 'script');
    for (const script of SCRIPTS) put(index, names.of(script), script, locale);
  }
  for (const script of SCRIPTS) put(index, script, script);
  for (const [name, script] of [
    ['simplified', 'Hans'],
    ['traditional', 'Hant'],
    ['简', 'Hans'],
    ['繁', 'Hant'],
    ['latinica', 'Latn'],
    ['cirilica', 'Cyrl'],
    ['ћирилица', 'Cyrl'],
    ['latin', 'Latn'],
    ['cyrillic', 'Cyrl'],
  ] as const) {
    put(index, name, script);
  }
  scriptIndex = index;
  return index;
}
