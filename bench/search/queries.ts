// The search benchmark's query mix, deterministic from a seed and built from the generated catalog itself, so
// that every query word occurs in the catalog with the frequency it has there.
//
// The mix (the same list runs in process, through HTTP and on each backend):
// - language of the query: the 10 main languages of the catalog (en es fr pt de ar ru zh hi sw), each with a
//   share proportional to its share of records raised to the power 0.7 (small languages get more queries
//   than their share of records, as their readers search too): en about 24 %, sw about 4 %.
// - the words come from a sample of the generated records in that language (titles, descriptions,
//   keywords; the first 20,000 records, or all when fewer), ranked by how many records hold them:
//     a common word (ranks 31-300; the 30 most frequent, function words, are left out)  30 %
//     a middling word (ranks 301-5,000)                                                   30 %
//     a rare word (held by 1-3 sample records)                                           12 %
//     a keyword as the records hold it (often several words, unquoted)                    13 %
//     a quoted phrase: 2-3 consecutive words of a generated title                         10 %
//     a middling word with one letter changed (a typo; triggers the spelling check)        5 %
//   Word queries have 1 (45 %), 2 (35 %) or 3 (20 %) words: the first of the kind above, the others taken
//   from one sample record that holds the first (any word but the function words), because the words people
//   put together are words that occur together; Chinese and Japanese "words" are runs of 2-3 characters.
// - 70 % send the reader's language (lang=<the query language>); crossLanguage stays on (the default).
// - 30 % carry filters, one (2 in 10 of those: two): inLanguage, license, level, type, accessibility, source,
//   country or free, with values drawn from the catalog's own skewed distribution of that facet.
// - every query asks for the first page of 20 (default limit), sorted by relevance; the service counts the
//   facets it always counts (8); the index-level measurement asks for the 6 facets of the budget
//   (INDEX_FACET_MIX: language, licence, level, field, type, accessibility); duplicates collapse by work.
import type { IndexFacet } from '../../src/ports/search-index.js';
import type { GeneratedRecord, RecordGenerator } from './generate.js';
import { Random, Weighted } from './prng.js';

/** The six facets counted by the index-level measurement. */
export const INDEX_FACET_MIX: readonly IndexFacet[] = [
  'inLanguage',
  'license',
  'level',
  'field',
  'type',
  'accessibility',
];

export const QUERY_LANGUAGES = ['en', 'es', 'fr', 'pt', 'de', 'ar', 'ru', 'zh', 'hi', 'sw'] as const;

export type QueryKind = 'common' | 'middling' | 'rare' | 'keyword' | 'phrase' | 'typo';

export interface QuerySpec {
  readonly id: number;
  readonly lang: string;
  readonly kind: QueryKind;
  /** The query text as typed (q). */
  readonly q: string;
  /** The words of q without quotes, for the raw FTS5 baseline. */
  readonly words: readonly string[];
  readonly phrase: boolean;
  /** Every request parameter, as the HTTP API receives it (q, lang, filters). */
  readonly params: Readonly<Record<string, string>>;
}

const KINDS: readonly (readonly [QueryKind, number])[] = [
  ['common', 0.3],
  ['middling', 0.3],
  ['rare', 0.12],
  ['keyword', 0.13],
  ['phrase', 0.1],
  ['typo', 0.05],
];
const SAMPLE = 20_000;
const FUNCTION_WORDS = 30;
const UNSPACED = new Set(['zh', 'ja']);
const WORD = /[\p{L}\p{M}\p{N}’'-]+/gu;
const HAN_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

interface LanguageWords {
  /** Words by document frequency, most frequent first. */
  readonly ranked: readonly string[];
  readonly rare: readonly string[];
  readonly keywords: readonly string[];
  readonly titles: readonly string[];
  /** The distinct words of each sample record, and the records holding each word. */
  readonly records: readonly (readonly string[])[];
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** The function words (the most frequent), never the first word of a query nor added to one. */
  readonly stop: ReadonlySet<string>;
}

function wordsOf(text: string, lang: string): string[] {
  if (UNSPACED.has(lang)) {
    const out: string[] = [];
    for (const run of text.match(HAN_RUN) ?? []) {
      const chars = Array.from(run);
      for (let i = 0; i + 2 <= chars.length; i += 2)
        out.push(chars.slice(i, i + 2 + (i % 4 === 0 ? 1 : 0)).join(''));
    }
    return out;
  }
  return (text.match(WORD) ?? [])
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, '').toLowerCase())
    .filter((w) => Array.from(w).length >= 3 && !/^\d+$/.test(w));
}

/** Every word of a text in order, short ones too (for phrases), lower-cased. */
function phraseWordsOf(text: string): string[] {
  return (text.match(WORD) ?? [])
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, '').toLowerCase())
    .filter((w) => w.length > 0);
}

function textsOf(record: GeneratedRecord): { title: string; texts: string[]; keywords: string[] } {
  const r = record.input.record;
  if (r === null) return { title: '', texts: [], keywords: [] };
  const title = Object.values(r.name)[0] ?? '';
  const texts = [title, ...Object.values(r.description ?? {})];
  const keywords = Object.values(r.keywords ?? {}).flat();
  return { title, texts, keywords };
}

/** Words of the generated catalog per query language, from its first records. */
function sampleWords(generator: RecordGenerator, records: number): Map<string, LanguageWords> {
  const df = new Map<string, Map<string, number>>();
  const recordWords = new Map<string, string[][]>();
  const keywords = new Map<string, string[]>();
  const titles = new Map<string, string[]>();
  const wanted = new Set<string>(QUERY_LANGUAGES);
  for (const batch of generator.batches(Math.min(records, SAMPLE), 500)) {
    for (const record of batch) {
      if (!wanted.has(record.lang)) continue;
      const { title, texts, keywords: kws } = textsOf(record);
      const counts = df.get(record.lang) ?? new Map<string, number>();
      df.set(record.lang, counts);
      const seen = new Set<string>();
      for (const text of [...texts, ...kws]) for (const w of wordsOf(text, record.lang)) seen.add(w);
      for (const w of seen) counts.set(w, (counts.get(w) ?? 0) + 1);
      const list = recordWords.get(record.lang) ?? [];
      recordWords.set(record.lang, list);
      list.push([...seen]);
      const kwList = keywords.get(record.lang) ?? [];
      keywords.set(record.lang, kwList);
      for (const k of kws) if (k.length <= 60 && !/[,;|]/.test(k)) kwList.push(k);
      const titleList = titles.get(record.lang) ?? [];
      titles.set(record.lang, titleList);
      titleList.push(title);
    }
  }
  const out = new Map<string, LanguageWords>();
  for (const lang of QUERY_LANGUAGES) {
    const counts = df.get(lang);
    if (counts === undefined || counts.size === 0) continue;
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
    const records = recordWords.get(lang) ?? [];
    const postings = new Map<string, number[]>();
    records.forEach((words, i) => {
      for (const w of words) {
        const list = postings.get(w);
        if (list === undefined) postings.set(w, [i]);
        else list.push(i);
      }
    });
    out.set(lang, {
      ranked,
      rare: ranked.filter((w) => (counts.get(w) ?? 0) <= 3),
      keywords: keywords.get(lang) ?? [],
      titles: titles.get(lang) ?? [],
      records,
      postings,
      stop: new Set(ranked.slice(0, FUNCTION_WORDS)),
    });
  }
  return out;
}

/** Facet values of the sample, each as often as records hold it (for filters with realistic skew). */
function sampleFacets(generator: RecordGenerator, records: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const push = (facet: string, value: string | null | undefined) => {
    if (value === null || value === undefined) return;
    const list = out.get(facet) ?? [];
    list.push(value);
    out.set(facet, list);
  };
  const countryOf = new Map(generator.sources.map((s) => [s.id, s.country]));
  for (const batch of generator.batches(Math.min(records, 5000), 500)) {
    for (const { input } of batch) {
      const r = input.record;
      if (r === null) continue;
      for (const l of r.inLanguage ?? []) push('inLanguage', l);
      push('license', r.license?.group);
      for (const l of r.iscedLevels ?? []) if (/^\d$/.test(l)) push('level', l);
      for (const t of r.learningResourceType ?? []) {
        if (t.id.startsWith('https://w3id.org/kim/hcrt/'))
          push('type', t.id.slice('https://w3id.org/kim/hcrt/'.length));
      }
      for (const f of r.accessibilityFeature ?? []) push('accessibility', f);
      push('source', input.sourceId);
      push('country', countryOf.get(input.sourceId));
    }
  }
  return out;
}

const FILTERS: readonly (readonly [string, number])[] = [
  ['inLanguage', 0.22],
  ['license', 0.2],
  ['level', 0.14],
  ['type', 0.14],
  ['accessibility', 0.05],
  ['source', 0.08],
  ['country', 0.1],
  ['free', 0.07],
];

function typo(word: string, random: Random): string {
  const chars = Array.from(word);
  if (chars.length < 4) return word;
  const at = 1 + random.int(chars.length - 2);
  const roll = random.next();
  if (roll < 0.4) chars.splice(at, 1);
  else if (roll < 0.7) [chars[at], chars[at - 1]] = [chars[at - 1] ?? '', chars[at] ?? ''];
  else chars.splice(at, 0, chars[at] ?? '');
  return chars.join('');
}

/** `count` queries of the mix, deterministic for the seed and the catalog's generator. */
export function buildQueryMix(
  generator: RecordGenerator,
  options: { readonly records: number; readonly count: number; readonly seed: string },
): QuerySpec[] {
  const words = sampleWords(generator, options.records);
  const facets = sampleFacets(generator, options.records);
  const languages = QUERY_LANGUAGES.filter((l) => words.has(l));
  const shares = new Map<string, number>();
  for (const batch of generator.batches(Math.min(options.records, 5000), 500)) {
    for (const r of batch) shares.set(r.lang, (shares.get(r.lang) ?? 0) + 1);
  }
  const languageDraw = new Weighted(languages.map((l) => Math.pow(shares.get(l) ?? 1, 0.7)));
  const kindDraw = new Weighted(KINDS.map(([, w]) => w));
  const filterDraw = new Weighted(FILTERS.map(([, w]) => w));
  const random = new Random(options.seed, 0x9e);
  const out: QuerySpec[] = [];
  for (let id = 0; id < options.count; id++) {
    const lang = languages[languageDraw.draw(random)] ?? 'en';
    const pool = words.get(lang);
    if (pool === undefined) continue;
    const kind = KINDS[kindDraw.draw(random)]?.[0] ?? 'common';
    const n = random.chance(0.45) ? 1 : random.chance(0.64) ? 2 : 3;
    const common = pool.ranked.slice(FUNCTION_WORDS, 300);
    const middling = pool.ranked.slice(300, 5000);
    const pickFrom = (list: readonly string[]) =>
      list.length > 0 ? random.pick(list) : random.pick(pool.ranked);
    /** `first`, then words of one sample record holding it: words people combine are words that meet. */
    const withNeighbours = (first: string): string[] => {
      const holders = pool.postings.get(first) ?? [];
      const words = holders.length === 0 ? [] : (pool.records[random.pick(holders)] ?? []);
      const others = words.filter((w) => w !== first && !pool.stop.has(w));
      const out = [first];
      for (let i = 1; i < n && others.length > 0; i++) out.push(random.pick(others));
      return out;
    };
    let list: string[];
    let phrase = false;
    switch (kind) {
      case 'common':
        list = withNeighbours(pickFrom(common));
        break;
      case 'middling':
        list = withNeighbours(pickFrom(middling));
        break;
      case 'rare':
        list = withNeighbours(pickFrom(pool.rare));
        break;
      case 'keyword':
        list = [pool.keywords.length > 0 ? random.pick(pool.keywords) : pickFrom(common)];
        break;
      case 'phrase': {
        const title = pool.titles.length > 0 ? random.pick(pool.titles) : '';
        const tokens = UNSPACED.has(lang) ? wordsOf(title, lang) : phraseWordsOf(title);
        const size = Math.min(tokens.length, random.chance(0.6) ? 2 : 3);
        const start = random.int(Math.max(1, tokens.length - size + 1));
        list = tokens.slice(start, start + size);
        phrase = list.length >= 2 && !UNSPACED.has(lang);
        if (list.length === 0) list = [pickFrom(common)];
        break;
      }
      case 'typo': {
        const [first = '', ...rest] = withNeighbours(pickFrom(middling));
        list = [typo(first, random), ...rest];
        break;
      }
    }
    const distinct = phrase ? list : [...new Set(list)];
    const q = phrase ? `"${distinct.join(' ')}"` : distinct.join(' ');
    const params: Record<string, string> = { q };
    if (random.chance(0.7)) params.lang = lang;
    if (random.chance(0.3)) {
      const count = random.chance(0.2) ? 2 : 1;
      for (let f = 0; f < count; f++) {
        const facet = FILTERS[filterDraw.draw(random)]?.[0] ?? 'license';
        if (facet === 'free') params.free = 'true';
        else {
          const values = facets.get(facet);
          if (values !== undefined && values.length > 0) params[facet] = random.pick(values);
        }
      }
    }
    out.push({ id, lang, kind, q, words: distinct, phrase, params });
  }
  return out;
}
