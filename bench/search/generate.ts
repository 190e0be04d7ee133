// Deterministic synthetic catalog for the search benchmark: N source records shaped like the corpus's real
// records (bench/search/shapes.ts), in 25 languages and 8 scripts, spread over 40 sources of skewed size.
// Record i is a pure function of (seed, i): the generator keeps nothing between records, so memory stays
// flat at any N, and a duplicate or a translation of record j regenerates j to copy from it.
//
// What a record gets, before the product's own normalization (normalizeRecord) turns it into what the store
// keeps (canonical URL, ISCED levels from the level concepts, ISCED-F fields and UNESCO concepts from the
// keywords, HCRT types from the type concepts...):
// - language: Zipf-like shares (en 34 %, es 11, fr 9, pt 9, de 7, ar 5, ru 5, zh 5, hi 3, sw 2, then 15 more
//   languages); each source writes mostly (75 %) in its own language; 3 % of records carry a second title in
//   English (multilingual records); regional tags as real records have them (pt-BR, en-US, es-MX).
// - text: titles are real titles of the language (25 %), real titles with a keyword or a few words added
//   (20 %), or made of a keyword and words of real descriptions; descriptions splice runs of 6-20 consecutive
//   words (or characters, in scripts without spaces) of real descriptions, to lengths drawn from the real
//   descriptions' lengths; keywords are drawn Zipf-wise from the language's real keywords (most frequent
//   first) and vocabulary labels, in counts drawn from real records.
// - facets, each skewed: licence (per source one dominant group, 70 % of its records; real statements of that
//   group), ISCED levels (35 % of records, level 2 and 1 most), HCRT types (75 %, text and video most),
//   accessibility features (12 %), 40 sources (Zipf, s = 1.1), a country per source.
// - duplicates (7 %): the same resource (title, URL, licence, levels, types) from another source, with its
//   description whole, shortened or missing and fewer keywords; same work id as the original.
// - translations (2 %): an original's translation in another language (its own text), with translationOfWork
//   pointing at the original; a work of its own (the grouping never merges a translation into its original).
// Every record gets a work id as the grouping pass would give it (`w_` + 20 hex digits).
import { createHash } from 'node:crypto';
import type { NewSource, SourceRecordInput } from '../../src/domain/catalog.js';
import type { ConceptValue, LicenseGroupValue, ResourceRecord } from '../../src/domain/profile.js';
import { licenseValue } from '../../src/normalize/license.js';
import { normalizeRecord } from '../../src/normalize/record.js';
import { Random, Weighted, ZipfList, hash32, shuffled } from './prng.js';
import type { CorpusShapes, LanguagePool } from './shapes.js';

export const DEFAULT_SEED = 'oer-atlas-search-bench-1';
export const SOURCE_COUNT = 40;
export const DUPLICATE_SHARE = 0.07;
export const TRANSLATION_SHARE = 0.02;
const MULTILINGUAL_SHARE = 0.03;
const OWN_LANGUAGE_SHARE = 0.75;
const DOMINANT_LICENCE_SHARE = 0.7;
const LEVEL_SHARE = 0.35;
const TYPE_SHARE = 0.75;
const ACCESSIBILITY_SHARE = 0.12;
/** How far back a duplicate or translation looks for its original (records loaded well before it). */
const ORIGINAL_WINDOW = 200_000;

/** Target share of records per language (primary subtag) and the tags records use for it. */
const LANGUAGES: readonly { lang: string; share: number; tags: readonly (readonly [string, number])[] }[] = [
  {
    lang: 'en',
    share: 0.34,
    tags: [
      ['en', 0.88],
      ['en-US', 0.08],
      ['en-GB', 0.04],
    ],
  },
  {
    lang: 'es',
    share: 0.11,
    tags: [
      ['es', 0.9],
      ['es-MX', 0.1],
    ],
  },
  { lang: 'fr', share: 0.09, tags: [['fr', 1]] },
  {
    lang: 'pt',
    share: 0.09,
    tags: [
      ['pt-BR', 0.6],
      ['pt', 0.4],
    ],
  },
  { lang: 'de', share: 0.07, tags: [['de', 1]] },
  { lang: 'ar', share: 0.05, tags: [['ar', 1]] },
  { lang: 'ru', share: 0.05, tags: [['ru', 1]] },
  { lang: 'zh', share: 0.05, tags: [['zh', 1]] },
  { lang: 'hi', share: 0.03, tags: [['hi', 1]] },
  { lang: 'sw', share: 0.02, tags: [['sw', 1]] },
  { lang: 'tr', share: 0.012, tags: [['tr', 1]] },
  { lang: 'nl', share: 0.012, tags: [['nl', 1]] },
  { lang: 'it', share: 0.01, tags: [['it', 1]] },
  { lang: 'uk', share: 0.008, tags: [['uk', 1]] },
  { lang: 'ja', share: 0.008, tags: [['ja', 1]] },
  { lang: 'ko', share: 0.006, tags: [['ko', 1]] },
  { lang: 'id', share: 0.006, tags: [['id', 1]] },
  { lang: 'pl', share: 0.005, tags: [['pl', 1]] },
  { lang: 'sv', share: 0.005, tags: [['sv', 1]] },
  { lang: 'vi', share: 0.004, tags: [['vi', 1]] },
  { lang: 'fa', share: 0.004, tags: [['fa', 1]] },
  { lang: 'el', share: 0.003, tags: [['el', 1]] },
  { lang: 'ca', share: 0.003, tags: [['ca', 1]] },
  { lang: 'cs', share: 0.003, tags: [['cs', 1]] },
  { lang: 'th', share: 0.002, tags: [['th', 1]] },
];

/** Countries of the sources writing in each language, the first most often. */
const COUNTRIES: Readonly<Record<string, readonly string[]>> = {
  en: ['US', 'GB', 'CA', 'AU', 'IN', 'ZA', 'NG', 'IE', 'NZ'],
  es: ['ES', 'MX', 'CO', 'AR', 'CL', 'PE'],
  fr: ['FR', 'CA', 'BE', 'SN', 'MA', 'CH'],
  pt: ['BR', 'PT', 'MZ'],
  de: ['DE', 'AT', 'CH'],
  ar: ['EG', 'MA', 'SA', 'JO', 'TN'],
  ru: ['RU', 'KZ', 'BY'],
  zh: ['CN', 'TW', 'SG'],
  hi: ['IN'],
  sw: ['KE', 'TZ', 'UG'],
};

/** Licence groups by how often sources choose them. */
const LICENCE_ORDER: readonly LicenseGroupValue[] = [
  'by',
  'by-sa',
  'by-nc-sa',
  'by-nc',
  'public-domain',
  'by-nc-nd',
  'unknown',
  'restricted',
  'by-nd',
  'other-open',
];
/** ISCED 2011 levels by how often OER carry them. */
const LEVEL_ORDER = ['2', '1', '3', '6', '0', '7', '4', '5', '8'];
/** HCRT types by how often OER carry them (local names). */
const TYPE_ORDER = [
  'text',
  'video',
  'web_page',
  'course',
  'worksheet',
  'image',
  'drill_and_practice',
  'lesson_plan',
  'slide',
  'assessment',
  'audio',
  'simulation',
  'textbook',
  'diagram',
  'experiment',
  'map',
  'data',
  'educational_game',
  'case_study',
  'questionnaire',
  'script',
  'index',
  'application',
  'portal',
  'sheet_music',
  'other',
];
const HCRT = 'https://w3id.org/kim/hcrt/';

export interface BenchSource extends NewSource {
  readonly id: string;
  /** Share of the catalog's records that come from this source (before duplicates). */
  readonly weight: number;
  readonly mainLanguage: string;
  readonly host: string;
  readonly licence: LicenseGroupValue;
}

export type RecordKind = 'original' | 'duplicate' | 'translation';

export interface GeneratedRecord {
  readonly index: number;
  readonly kind: RecordKind;
  /** The original a duplicate or translation was made from. */
  readonly of: number | null;
  /** Primary language subtag of the record's main text. */
  readonly lang: string;
  readonly workId: string;
  readonly input: SourceRecordInput;
}

/** What an original is made of, regenerated from its index when a duplicate or translation needs it. */
interface Content {
  readonly source: BenchSource;
  readonly lang: string;
  readonly tag: string;
  readonly title: string;
  readonly url: string;
  readonly description: string | null;
  readonly keywords: readonly string[];
  readonly licence: string | null;
  readonly levels: readonly ConceptValue[];
  readonly types: readonly ConceptValue[];
  readonly features: readonly string[];
  readonly year: number | null;
  readonly creators: number | null;
  readonly encoding: number | null;
  readonly secondTitle: string | null;
}

export interface RecordGenerator {
  readonly seed: string;
  readonly sources: readonly BenchSource[];
  /** Record number `index` (0-based), always the same for the same seed and corpus. */
  record(index: number): GeneratedRecord;
  /** Records first..first+count-1 in batches of `size`, generated as they are asked for. */
  batches(count: number, size: number, first?: number): Generator<GeneratedRecord[]>;
  /** The language pools the text is drawn from (also used to build the query mix). */
  readonly pools: ReadonlyMap<string, PreparedPool>;
}

/** A language's text, split once into what the generator splices. */
export interface PreparedPool {
  readonly pool: LanguagePool;
  readonly tag: Weighted;
  readonly tags: readonly string[];
  /** Each text as tokens: words (spaced scripts) or characters. */
  readonly texts: readonly (readonly string[])[];
  readonly keywords: ZipfList<string>;
}

function prepare(pool: LanguagePool, tags: readonly (readonly [string, number])[]): PreparedPool {
  const texts = pool.texts
    .map((t) =>
      pool.spaced ? t.split(/\s+/).filter((w) => w.length > 0) : Array.from(t.replace(/\s+/g, '')),
    )
    .filter((t) => t.length >= 6);
  let keywords = pool.keywords;
  if (keywords.length < 20) {
    // Languages without keywords in the corpus: their texts' longer words, most frequent first.
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const token of text) {
        const word = token.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
        if (Array.from(word).length >= 4) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    const words = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
    keywords = [...keywords, ...words.filter((w) => !keywords.includes(w))];
  }
  return {
    pool,
    tag: new Weighted(tags.map(([, w]) => w)),
    tags: tags.map(([t]) => t),
    texts,
    keywords: new ZipfList(keywords.length > 0 ? keywords : ['OER'], 0.9),
  };
}

function makeSources(seed: string, languages: readonly string[], shares: Weighted): BenchSource[] {
  const random = new Random(seed, 0x50);
  const weights = Weighted.zipf(SOURCE_COUNT, 1.1);
  const assigned = new Map<string, number>();
  const licences = new ZipfList(LICENCE_ORDER, 1.0);
  const perLanguage = new Map<string, number>();
  const out: BenchSource[] = [];
  for (let k = 0; k < SOURCE_COUNT; k++) {
    // The language whose target share is furthest from what the larger sources already give it.
    let best = languages[0] ?? 'en';
    let bestGap = -Infinity;
    languages.forEach((lang, i) => {
      const gap = shares.share(i) - (assigned.get(lang) ?? 0);
      if (gap > bestGap) {
        bestGap = gap;
        best = lang;
      }
    });
    assigned.set(best, (assigned.get(best) ?? 0) + weights.share(k));
    const nth = perLanguage.get(best) ?? 0;
    perLanguage.set(best, nth + 1);
    const countries = COUNTRIES[best] ?? [];
    const country = countries.length === 0 ? null : (countries[nth % countries.length] ?? null);
    const id = `src_bench${String(k).padStart(7, '0')}`;
    const host = `oer-${k}.${(country ?? 'int').toLowerCase()}.example.org`;
    out.push({
      id,
      name: `Benchmark repository ${k + 1} (${best}${country === null ? '' : `, ${country}`})`,
      url: `https://${host}/oai`,
      protocol: 'oai-pmh',
      format: 'oai_dc',
      sets: [],
      excludeSets: [],
      schedule: 'manual',
      country,
      allowPrivateNetwork: false,
      settings: {},
      weight: weights.share(k),
      mainLanguage: best,
      host,
      licence: licences.draw(random),
    });
  }
  return out;
}

function capitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trim();
}

export function createRecordGenerator(
  shapes: CorpusShapes,
  options: {
    readonly seed?: string;
    /**
     * false: records as a source would give them, before the product's normalization (what the ingest
     * benchmark serializes as harvested metadata); default true: as the store keeps them.
     */
    readonly normalize?: boolean;
  } = {},
): RecordGenerator {
  const seed = options.seed ?? DEFAULT_SEED;
  const normalize = options.normalize ?? true;
  const pools = new Map<string, PreparedPool>();
  const available = LANGUAGES.filter((l) => {
    const pool = shapes.languages.get(l.lang);
    return pool !== undefined && pool.texts.length > 0;
  });
  for (const l of available) {
    const pool = shapes.languages.get(l.lang);
    if (pool !== undefined) pools.set(l.lang, prepare(pool, l.tags));
  }
  const languageList = available.map((l) => l.lang);
  const languageShares = new Weighted(available.map((l) => l.share));
  const sources = makeSources(seed, languageList, languageShares);
  const sourceWeights = new Weighted(sources.map((s) => s.weight));

  const licenceGroups = LICENCE_ORDER.filter((g) => (shapes.licenceStatements.get(g)?.length ?? 0) > 0);
  const licenceDraw = new ZipfList(licenceGroups, 1.0);
  const levels = new ZipfList(
    LEVEL_ORDER.filter((l) => (shapes.levelConcepts.get(l)?.length ?? 0) > 0),
    1.0,
  );
  const types = new ZipfList(
    TYPE_ORDER.map((t) => HCRT + t).filter((t) => (shapes.typeConcepts.get(t)?.length ?? 0) > 0),
    1.1,
  );
  const features = new ZipfList(
    shapes.accessibilityFeatures.filter((f) => f !== 'none' && f !== 'unknown'),
    1.2,
  );
  const descriptionWords = shapes.descriptionWords.length > 0 ? shapes.descriptionWords : [60];
  const keywordCounts = shapes.keywordCounts.length > 0 ? shapes.keywordCounts : [3];
  const years = shapes.years.length > 0 ? shapes.years : [2020];
  const shuffledCreators = shuffled(shapes.creators, new Random(seed, 0xc1));

  function poolOf(lang: string): PreparedPool {
    const pool = pools.get(lang) ?? pools.get('en');
    if (pool === undefined) throw new Error('the corpus gave no English text');
    return pool;
  }

  /** `words` tokens of running text: runs of consecutive tokens of real texts. */
  function splice(random: Random, pool: PreparedPool, words: number): string {
    const parts: string[] = [];
    const unit = pool.pool.spaced ? 1 : 2; // about two characters a word in Chinese and Japanese
    let left = Math.max(3, Math.round(words * unit));
    while (left > 0) {
      const text = random.pick(pool.texts);
      const run = Math.min(left, random.between(6, 20) * unit, text.length);
      const start = random.int(Math.max(1, text.length - run + 1));
      parts.push(text.slice(start, start + run).join(pool.pool.spaced ? ' ' : ''));
      left -= run;
    }
    return parts.join(pool.pool.spaced ? ' ' : '');
  }

  function makeTitle(random: Random, pool: PreparedPool): string {
    const titles = pool.pool.titles;
    const roll = random.next();
    if (titles.length >= 20 && roll < 0.25) return clip(random.pick(titles), 200);
    if (titles.length >= 20 && roll < 0.45) {
      const base = random.pick(titles);
      const extra = random.chance(0.5)
        ? pool.keywords.draw(random)
        : splice(random, pool, random.between(2, 5));
      return clip(`${base}${pool.pool.spaced ? ': ' : '：'}${extra}`, 200);
    }
    const words = splice(random, pool, random.between(3, 8));
    return clip(
      random.chance(0.5)
        ? `${pool.keywords.draw(random)}${pool.pool.spaced ? ' ' : ''}${words}`
        : capitalize(words),
      200,
    );
  }

  function makeDescription(random: Random, pool: PreparedPool): string {
    const words = Math.min(400, Math.max(8, random.pick(descriptionWords)));
    return clip(capitalize(splice(random, pool, words)), 4000);
  }

  function makeKeywords(random: Random, pool: PreparedPool): string[] {
    const n = Math.min(15, Math.max(1, random.pick(keywordCounts)));
    return pool.keywords.drawDistinct(random, n);
  }

  function content(index: number): Content {
    const random = new Random(seed, index, 1);
    const source = sources[sourceWeights.draw(random)] ?? sources[0];
    if (source === undefined) throw new Error('no sources');
    const lang = random.chance(OWN_LANGUAGE_SHARE)
      ? source.mainLanguage
      : (languageList[languageShares.draw(random)] ?? 'en');
    return contentIn(random, index, source, lang);
  }

  function contentIn(random: Random, index: number, source: BenchSource, lang: string): Content {
    const pool = poolOf(lang);
    const tag = pool.tags[pool.tag.draw(random)] ?? lang;
    const title = makeTitle(random, pool);
    const description = random.chance(shapes.shares.description) ? makeDescription(random, pool) : null;
    const keywords = random.chance(shapes.shares.keywords) ? makeKeywords(random, pool) : [];
    let licence: string | null = null;
    if (random.chance(Math.max(0.75, shapes.shares.license))) {
      const group =
        random.chance(DOMINANT_LICENCE_SHARE) && licenceGroups.includes(source.licence)
          ? source.licence
          : licenceDraw.draw(random);
      licence = random.pick(
        shapes.licenceStatements.get(group) ?? ['https://creativecommons.org/licenses/by/4.0/'],
      );
    }
    const levelList = random.chance(LEVEL_SHARE)
      ? levels
          .drawDistinct(random, random.chance(0.3) ? 2 : 1)
          .map((l) => random.pick(shapes.levelConcepts.get(l) ?? []))
      : [];
    const typeList = random.chance(TYPE_SHARE)
      ? types
          .drawDistinct(random, random.chance(0.2) ? 2 : 1)
          .map((t) => random.pick(shapes.typeConcepts.get(t) ?? []))
      : [];
    const featureList = random.chance(ACCESSIBILITY_SHARE)
      ? features.drawDistinct(random, random.between(1, 3))
      : [];
    const secondTitle =
      lang !== 'en' && random.chance(MULTILINGUAL_SHARE) ? makeTitle(random, poolOf('en')) : null;
    return {
      source,
      lang,
      tag,
      title,
      url: `https://${source.host}/resources/${index.toString(36)}`,
      description,
      keywords,
      licence,
      levels: levelList,
      types: typeList,
      features: featureList,
      year: random.chance(shapes.shares.datePublished) ? random.pick(years) : null,
      creators:
        shuffledCreators.length > 0 && random.chance(shapes.shares.creator)
          ? random.int(shuffledCreators.length)
          : null,
      encoding:
        shapes.encodings.length > 0 && random.chance(shapes.shares.encoding)
          ? random.int(shapes.encodings.length)
          : null,
      secondTitle,
    };
  }

  /** Whether record i is an original, a duplicate or a translation, and of which original. */
  function kindOf(index: number): { kind: RecordKind; of: number | null } {
    if (index < 1000) return { kind: 'original', of: null };
    const random = new Random(seed, index, 0);
    const roll = random.next();
    if (roll >= DUPLICATE_SHARE + TRANSLATION_SHARE) return { kind: 'original', of: null };
    let of = index - 1 - random.int(Math.min(index, ORIGINAL_WINDOW));
    // Copies are made of originals (a copy of a copy is a copy of its original).
    for (let hops = 0; hops < 8; hops++) {
      const earlier = kindOf(of);
      if (earlier.of === null) break;
      of = earlier.of;
    }
    return { kind: roll < DUPLICATE_SHARE ? 'duplicate' : 'translation', of };
  }

  function workIdOf(index: number): string {
    return `w_${new Random(seed, index, 2).hex20()}`;
  }

  function buildRecord(index: number, c: Content, extra: Partial<ResourceRecord>, sourceRecordId: string) {
    const name: Record<string, string> = { [c.tag]: c.title };
    const inLanguage = [c.tag];
    if (c.secondTitle !== null) {
      name.en = c.secondTitle;
      inLanguage.push('en');
    }
    const random = new Random(seed, index, 3);
    const month = String(1 + random.int(12)).padStart(2, '0');
    const day = String(1 + random.int(28)).padStart(2, '0');
    const harvestedAt = `2026-${String(1 + (index % 11)).padStart(2, '0')}-${day}T${String(index % 24).padStart(2, '0')}:00:00Z`;
    const record: Record<string, unknown> = {
      id: c.url,
      type: ['LearningResource'],
      name,
      ...(c.description === null ? {} : { description: { [c.tag]: c.description } }),
      ...(c.keywords.length === 0 ? {} : { keywords: { [c.tag]: [...c.keywords] } }),
      url: c.url,
      identifiers: [{ kind: 'url', value: c.url }],
      inLanguage,
      ...(c.licence === null ? {} : { license: licenseValue([c.licence]) }),
      ...(c.levels.length === 0 ? {} : { educationalLevel: [...c.levels] }),
      ...(c.types.length === 0 ? {} : { learningResourceType: [...c.types] }),
      ...(c.creators === null ? {} : { creator: [...(shuffledCreators[c.creators] ?? [])] }),
      publisher: [{ type: 'Organization', name: c.source.name }],
      ...(c.year === null
        ? {}
        : { datePublished: random.chance(0.5) ? `${c.year}-${month}-${day}` : String(c.year) }),
      ...(c.encoding === null ? {} : { encoding: [...(shapes.encodings[c.encoding] ?? [])] }),
      ...(c.features.length === 0 ? {} : { accessibilityFeature: [...c.features] }),
      ...(random.chance(0.5) ? { isAccessibleForFree: true } : {}),
      ...(random.chance(0.25) ? { requiresLogin: random.chance(0.2) } : {}),
      ...extra,
    };
    const fields = Object.keys(record)
      .filter((k) => k !== 'id' && k !== 'type')
      .sort();
    record.provenance = [
      {
        sourceId: c.source.id,
        sourceRecordId,
        harvestedAt,
        sourceDatestamp: harvestedAt.slice(0, 10),
        fields,
      },
    ];
    return { record: record as ResourceRecord, harvestedAt };
  }

  function record(index: number): GeneratedRecord {
    const { kind, of } = kindOf(index);
    let c: Content;
    let extra: Partial<ResourceRecord> = {};
    let workId = workIdOf(index);
    if (kind === 'original' || of === null) {
      c = content(index);
    } else {
      const original = content(of);
      const random = new Random(seed, index, 1);
      if (kind === 'duplicate') {
        // Another source describing the same resource, with its own (often thinner) description.
        const others = sources.filter((s) => s.id !== original.source.id);
        const source = others[sourceWeights.draw(random) % others.length] ?? original.source;
        const roll = random.next();
        const description =
          original.description === null || roll < 0.2
            ? null
            : roll < 0.4
              ? clip(original.description, Math.max(40, Math.floor(original.description.length / 2)))
              : original.description;
        const keywords = original.keywords.filter(() => random.chance(0.7));
        c = { ...original, source, description, keywords, year: random.chance(0.8) ? original.year : null };
        workId = workIdOf(of);
      } else {
        const choices = languageList.filter((l) => l !== original.lang);
        const lang = choices[hash32(seed, index) % choices.length] ?? 'en';
        const source = random.chance(0.5)
          ? original.source
          : (sources[sourceWeights.draw(random)] ?? original.source);
        const own = contentIn(random, index, source, lang);
        c = {
          ...own,
          url: `${original.url}/${lang}`,
          licence: original.licence,
          levels: original.levels,
          types: original.types,
          secondTitle: null,
        };
        extra = { translationOfWork: { id: original.url, name: original.title, inLanguage: original.tag } };
      }
    }
    const sourceRecordId = `oai:${c.source.host}:${index}`;
    const { record: mapped, harvestedAt } = buildRecord(index, c, extra, sourceRecordId);
    const raw = JSON.stringify(mapped);
    const normalized = normalize ? normalizeRecord(mapped) : mapped;
    return {
      index,
      kind,
      of,
      lang: c.lang,
      workId,
      input: {
        sourceId: c.source.id,
        sourceRecordId,
        status: 'active',
        sourceDatestamp: harvestedAt.slice(0, 10),
        rawFormat: 'amb-jsonld',
        raw,
        rawHash: createHash('sha256').update(raw).digest('hex'),
        record: normalized,
        errorCode: null,
        errorMessage: null,
        harvestedAt,
      },
    };
  }

  function* batches(count: number, size: number, first = 0): Generator<GeneratedRecord[]> {
    for (let start = first; start < first + count; start += size) {
      const end = Math.min(first + count, start + size);
      const batch: GeneratedRecord[] = [];
      for (let i = start; i < end; i++) batch.push(record(i));
      yield batch;
    }
  }

  return { seed, sources, record, batches, pools };
}
