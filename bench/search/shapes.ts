// The shapes of real records, read from the shared corpus when the search benchmark starts (nothing of the
// corpus is copied into git): every OAI-PMH and LOM record of the corpus and the OER Commons CSV export go
// through the product's own mappers and normalization, and give per language the real titles, descriptions and
// keywords, and overall the share of records with each field, description lengths, keyword counts, years,
// creators, licence statements, level and resource-type values. Vocabulary labels fill in where the corpus
// has few records in a language: UNESCO Thesaurus labels (en, fr, es, ru, ar; CC BY-SA 3.0 IGO, UNESCO) and
// ISCED-F 2013 and HCRT labels from the product's vocabularies, and the repository's own labeled texts (the
// language detector's texts written by us, the duplicate set's title translations) for languages the corpus
// lacks (zh, hi, sw...). Benchmark code: reads files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { localFileSource, type Source } from '../../src/domain/catalog.js';
import type {
  AgentValue,
  ConceptValue,
  LicenseGroupValue,
  ResourceRecord,
} from '../../src/domain/profile.js';
import { readCsv } from '../../src/formats/csv/csv-read.js';
import { localXmlRecords } from '../../src/formats/local-files/local-records.js';
import { mapRawPayload, rawMappingContext } from '../../src/ingest/raw-mapping.js';
import { licenseValue } from '../../src/normalize/license.js';
import { normalizeRecord } from '../../src/normalize/record.js';
import { ACCESSIBILITY_VOCABULARY } from '../../src/vocab/accessibility.js';
import { HCRT_CONCEPTS, hcrtConcept } from '../../src/vocab/hcrt.js';
import { iscedFields, iscedLevels } from '../../src/vocab/isced.js';
import { unescoThesaurus } from '../../src/vocab/unesco.js';
import { corpusTexts, ownTexts } from '../../test/normalize/language-corpus.js';
import { SHARED_DIR } from '../../test/support/shared-dir.js';

export const CORPUS_DIR = process.env.ATLAS_CORPUS_DIR ?? path.join(SHARED_DIR, 'corpus');

/** Text of one language, as the generator draws it. */
export interface LanguagePool {
  /** Primary language subtag ("en", "pt", "zh"). */
  readonly lang: string;
  /** Real titles (records of the corpus, our title translations). */
  readonly titles: readonly string[];
  /** Real descriptions and abstracts (>= 8 words), and our labeled texts. */
  readonly texts: readonly string[];
  /** Keywords, most frequent first: real keywords by count, then vocabulary labels. */
  readonly keywords: readonly string[];
  /** False for scripts written without spaces between words (zh, ja, th). */
  readonly spaced: boolean;
}

/** Share of real records holding each field. */
export interface FieldShares {
  readonly description: number;
  readonly keywords: number;
  readonly license: number;
  readonly educationalLevel: number;
  readonly learningResourceType: number;
  readonly creator: number;
  readonly publisher: number;
  readonly datePublished: number;
  readonly identifiers: number;
  readonly encoding: number;
}

export interface CorpusShapes {
  /** How many real records were read. */
  readonly records: number;
  readonly languages: ReadonlyMap<string, LanguagePool>;
  readonly shares: FieldShares;
  /** Word counts of real descriptions. */
  readonly descriptionWords: readonly number[];
  /** Keyword counts of real records that have keywords. */
  readonly keywordCounts: readonly number[];
  /** Years of real datePublished values. */
  readonly years: readonly number[];
  /** Real creator lists (at most 6 agents each). */
  readonly creators: readonly (readonly AgentValue[])[];
  /** Real licence statements by the group the licence normalizer gives them. */
  readonly licenceStatements: ReadonlyMap<LicenseGroupValue, readonly string[]>;
  /** educationalLevel concepts (real, and the ISCED 2011 concepts) by the one ISCED level they normalize to. */
  readonly levelConcepts: ReadonlyMap<string, readonly ConceptValue[]>;
  /** learningResourceType concepts (real free-text ones, and HCRT's own) by the one HCRT type they give. */
  readonly typeConcepts: ReadonlyMap<string, readonly ConceptValue[]>;
  /** Current accessibilityFeature terms, the commonly declared ones first. */
  readonly accessibilityFeatures: readonly string[];
  /** Real encoding (file) descriptions. */
  readonly encodings: readonly NonNullable<ResourceRecord['encoding']>[];
}

const UNSPACED = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my']);
const NOT_LANGUAGES = new Set(['und', 'zxx', 'mul', 'mis']);
const AT = '2026-01-01T00:00:00Z';
const READER: Source = localFileSource('corpus', 'file:///corpus', AT);
/** The column mapping of the OER Commons (ISKME) export, as a CSV source would be set up. */
const OER_COMMONS: Source = {
  ...READER,
  settings: {
    columns: {
      name: 'NAME',
      url: 'URL',
      description: 'TEACHER_OVERVIEW',
      keywords: ['KEYWORDS', 'SUBJECTS'],
      license: 'LICENSE_URL',
      inLanguage: 'LANGUAGES',
      publisher: 'PROVIDER',
      dateCreated: 'CREATE_DATE',
    },
  },
};
const OER_COMMONS_CSV = 'jsonld/other-record-formats/oer-commons_records_2176.csv';
/** The features repositories declare most, in that order; the vocabulary's other current terms follow. */
const COMMON_FEATURES = [
  'alternativeText',
  'structuralNavigation',
  'tableOfContents',
  'readingOrder',
  'displayTransformability',
  'closedCaptions',
  'transcript',
  'longDescription',
  'MathML',
  'highContrastDisplay',
  'describedMath',
  'audioDescription',
  'signLanguage',
  'largePrint',
  'braille',
];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** Every record of the corpus's OAI-PMH and LOM XML files and of the OER Commons export, mapped and normalized. */
async function realRecords(): Promise<ResourceRecord[]> {
  const out: ResourceRecord[] = [];
  const files = [
    ...filesUnder(path.join(CORPUS_DIR, 'oai-pmh')),
    ...filesUnder(path.join(CORPUS_DIR, 'lom')),
  ];
  for (const file of files) {
    if (!file.endsWith('.xml')) continue;
    let found;
    try {
      found = localXmlRecords(readFileSync(file, 'utf8'), file, 5_000_000);
    } catch {
      continue;
    }
    for (const item of found.records) {
      if (item.kind !== 'record') continue;
      try {
        out.push(
          mapRawPayload(item.rawFormat, item.raw, rawMappingContext(READER, item.sourceRecordId, AT, null)),
        );
      } catch {
        // Records the product does not map are not shapes of what it stores.
      }
    }
  }
  let bytes: Buffer | null;
  try {
    bytes = readFileSync(path.join(CORPUS_DIR, OER_COMMONS_CSV));
  } catch {
    bytes = null;
  }
  if (bytes !== null) {
    for await (const event of readCsv([bytes], { maxRowChars: 1_000_000 })) {
      if (event.kind !== 'row') continue;
      try {
        out.push(
          mapRawPayload(
            'csv-row',
            JSON.stringify(event.cells),
            rawMappingContext(OER_COMMONS, `row-${event.row}`, AT, null),
          ),
        );
      } catch {
        // A row without a title is no record.
      }
    }
  }
  return out;
}

/** The primary subtag of a language tag ("pt-BR" -> "pt"). */
export function primaryOf(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/** The language a LangMap value is in: its key, or the record's only language for "und". */
function languageOfKey(key: string, record: ResourceRecord): string | null {
  if (key !== 'und') return primaryOf(key);
  const langs = record.inLanguage ?? [];
  return langs.length === 1 && langs[0] !== undefined && langs[0] !== 'und' ? primaryOf(langs[0]) : null;
}

class PoolBuilder {
  readonly titles = new Set<string>();
  readonly texts = new Set<string>();
  readonly keywordCounts = new Map<string, number>();
  readonly labels = new Set<string>();
}

function poolFor(pools: Map<string, PoolBuilder>, lang: string): PoolBuilder {
  let pool = pools.get(lang);
  if (pool === undefined) pools.set(lang, (pool = new PoolBuilder()));
  return pool;
}

function wordsOf(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

/** A record holding one concept, to ask the normalizer what the concept amounts to. */
function probe(field: 'educationalLevel' | 'learningResourceType', concept: ConceptValue): ResourceRecord {
  return {
    id: 'urn:bench:probe',
    type: ['LearningResource'],
    name: { en: 'probe' },
    inLanguage: ['en'],
    [field]: [concept],
    provenance: [{ sourceId: 'probe', sourceRecordId: 'probe', harvestedAt: AT, fields: ['name'] }],
  };
}

/** Concepts grouped by the single value the normalizer derives from each (others are left out). */
function bucketConcepts(
  concepts: readonly ConceptValue[],
  valueOf: (concept: ConceptValue) => readonly string[],
): Map<string, ConceptValue[]> {
  const out = new Map<string, ConceptValue[]>();
  const seen = new Set<string>();
  for (const concept of concepts) {
    const key = JSON.stringify(concept);
    if (seen.has(key)) continue;
    seen.add(key);
    const values = valueOf(concept);
    if (values.length !== 1 || values[0] === undefined) continue;
    const list = out.get(values[0]) ?? [];
    list.push(concept);
    out.set(values[0], list);
  }
  return out;
}

/** Our own title translations of the duplicate set (test/dedupe/title-translations.tsv): titles per language. */
function ownTitleTranslations(): { lang: string; title: string }[] {
  let text: string;
  try {
    text = readFileSync(new URL('../../test/dedupe/title-translations.tsv', import.meta.url), 'utf8');
  } catch {
    return [];
  }
  const out: { lang: string; title: string }[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [, lang, title] = line.split('\t');
    if (lang !== undefined && title !== undefined && lang !== 'language' && title.trim() !== '') {
      out.push({ lang: primaryOf(lang), title: title.trim() });
    }
  }
  return out;
}

let cached: Promise<CorpusShapes> | undefined;

/** Reads the corpus and the vocabularies once per process (a few seconds). Throws when the corpus is missing. */
export function readCorpusShapes(): Promise<CorpusShapes> {
  cached ??= readShapes();
  return cached;
}

async function readShapes(): Promise<CorpusShapes> {
  const records = await realRecords();
  if (records.length < 100) {
    throw new Error(
      `The shared corpus gave ${records.length} records (looked in ${CORPUS_DIR}); the search benchmark needs it. ` +
        'Set ATLAS_SHARED_DIR or ATLAS_CORPUS_DIR.',
    );
  }
  const pools = new Map<string, PoolBuilder>();
  const descriptionWords: number[] = [];
  const keywordCounts: number[] = [];
  const years: number[] = [];
  const creators: AgentValue[][] = [];
  const statements = new Set<string>();
  const levelCandidates: ConceptValue[] = [];
  const typeCandidates: ConceptValue[] = [];
  const encodings: NonNullable<ResourceRecord['encoding']>[] = [];
  const count = {
    description: 0,
    keywords: 0,
    license: 0,
    educationalLevel: 0,
    learningResourceType: 0,
    creator: 0,
    publisher: 0,
    datePublished: 0,
    identifiers: 0,
    encoding: 0,
  };
  for (const record of records) {
    for (const [key, title] of Object.entries(record.name)) {
      const lang = languageOfKey(key, record);
      if (lang !== null && title.length >= 3 && title.length <= 300) poolFor(pools, lang).titles.add(title);
    }
    if (record.description !== undefined) {
      count.description += 1;
      for (const [key, text] of Object.entries(record.description)) {
        const lang = languageOfKey(key, record);
        const n = wordsOf(text);
        descriptionWords.push(n);
        if (lang !== null && n >= 8) poolFor(pools, lang).texts.add(text.slice(0, 4000));
      }
    }
    if (record.keywords !== undefined) {
      count.keywords += 1;
      let n = 0;
      for (const [key, list] of Object.entries(record.keywords)) {
        n += list.length;
        const lang = languageOfKey(key, record);
        if (lang === null) continue;
        const pool = poolFor(pools, lang);
        for (const keyword of list) {
          if (keyword.length < 2 || keyword.length > 80) continue;
          pool.keywordCounts.set(keyword, (pool.keywordCounts.get(keyword) ?? 0) + 1);
        }
      }
      keywordCounts.push(n);
    }
    if (record.license !== undefined) {
      count.license += 1;
      for (const s of record.license.original ?? []) if (s.length <= 300) statements.add(s);
      if (record.license.id !== undefined) statements.add(record.license.id);
    }
    if (record.educationalLevel !== undefined) {
      count.educationalLevel += 1;
      levelCandidates.push(...record.educationalLevel);
    }
    if (record.learningResourceType !== undefined) {
      count.learningResourceType += 1;
      typeCandidates.push(
        ...record.learningResourceType.filter((c) => !c.id.startsWith('https://w3id.org/')),
      );
    }
    if (record.creator !== undefined && record.creator.length > 0) {
      count.creator += 1;
      creators.push(record.creator.slice(0, 6));
    }
    if (record.publisher !== undefined) count.publisher += 1;
    if (record.identifiers !== undefined) count.identifiers += 1;
    if (record.encoding !== undefined) {
      count.encoding += 1;
      encodings.push(record.encoding.slice(0, 3));
    }
    const year = /^(\d{4})/.exec(record.datePublished ?? record.dateCreated ?? '')?.[1];
    if (year !== undefined && Number(year) >= 1990 && Number(year) <= 2026) {
      count.datePublished += 1;
      years.push(Number(year));
    }
  }
  // Descriptions from the language detector's texts (corrected labels) and our own texts in other languages.
  for (const text of [...corpusTexts(CORPUS_DIR), ...ownTexts()]) {
    poolFor(pools, primaryOf(text.expected)).texts.add(text.text);
  }
  for (const { lang, title } of ownTitleTranslations()) poolFor(pools, lang).titles.add(title);
  // Vocabulary labels as keywords: UNESCO Thesaurus, ISCED-F fields, HCRT types.
  for (const concept of unescoThesaurus().concepts) {
    for (const [lang, label] of Object.entries(concept.prefLabel))
      poolFor(pools, primaryOf(lang)).labels.add(label);
    for (const [lang, list] of Object.entries(concept.altLabel ?? {})) {
      for (const label of list) poolFor(pools, primaryOf(lang)).labels.add(label);
    }
  }
  for (const field of iscedFields()) {
    for (const [lang, label] of Object.entries(field.prefLabel))
      poolFor(pools, primaryOf(lang)).labels.add(label);
  }
  for (const type of HCRT_CONCEPTS) {
    for (const [lang, label] of Object.entries({ ...type.prefLabel, ...type.curatedLabel })) {
      poolFor(pools, primaryOf(lang)).labels.add(label);
    }
  }

  const languages = new Map<string, LanguagePool>();
  for (const [lang, pool] of pools) {
    if (!/^[a-z]{2,3}$/.test(lang) || NOT_LANGUAGES.has(lang) || pool.texts.size === 0) continue;
    const real = [...pool.keywordCounts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k]) => k);
    const known = new Set(real);
    const keywords = [...real, ...[...pool.labels].filter((l) => !known.has(l)).sort()];
    languages.set(lang, {
      lang,
      titles: [...pool.titles],
      texts: [...pool.texts],
      keywords,
      spaced: !UNSPACED.has(lang),
    });
  }

  const licenceStatements = new Map<LicenseGroupValue, string[]>();
  for (const file of filesUnder(path.join(CORPUS_DIR, 'vocab', 'licenses', 'cc-licenserdf'))) {
    const about = /rdf:about="(https?:\/\/creativecommons\.org\/[^"]+)"/.exec(
      readFileSync(file, 'utf8'),
    )?.[1];
    if (about !== undefined) statements.add(about);
  }
  for (const statement of [...statements].sort()) {
    const value = licenseValue([statement]);
    const list = licenceStatements.get(value.group) ?? [];
    list.push(statement);
    licenceStatements.set(value.group, list);
  }

  for (const level of iscedLevels()) {
    levelCandidates.push({ id: level.uri, prefLabel: { ...level.prefLabel } });
  }
  const levelConcepts = bucketConcepts(
    levelCandidates,
    (c) => normalizeRecord(probe('educationalLevel', c)).iscedLevels ?? [],
  );
  for (const type of HCRT_CONCEPTS) {
    const concept = hcrtConcept(type.id);
    if (concept !== undefined) typeCandidates.push(concept);
  }
  const typeConcepts = bucketConcepts(typeCandidates, (c) =>
    c.id.startsWith('https://w3id.org/kim/hcrt/')
      ? [c.id]
      : (normalizeRecord(probe('learningResourceType', c)).learningResourceType ?? [])
          .map((t) => t.id)
          .filter((id) => id.startsWith('https://w3id.org/kim/hcrt/')),
  );

  const current = ACCESSIBILITY_VOCABULARY.accessibilityFeature
    .filter((t) => t.status === 'current')
    .map((t) => t.term);
  const accessibilityFeatures = [
    ...COMMON_FEATURES.filter((f) => current.includes(f)),
    ...current.filter((f) => !COMMON_FEATURES.includes(f)).sort(),
  ];

  const share = (n: number) => n / records.length;
  return {
    records: records.length,
    languages,
    shares: {
      description: share(count.description),
      keywords: share(count.keywords),
      license: share(count.license),
      educationalLevel: share(count.educationalLevel),
      learningResourceType: share(count.learningResourceType),
      creator: share(count.creator),
      publisher: share(count.publisher),
      datePublished: share(count.datePublished),
      identifiers: share(count.identifiers),
      encoding: share(count.encoding),
    },
    descriptionWords,
    keywordCounts,
    years,
    creators,
    licenceStatements,
    levelConcepts,
    typeConcepts,
    accessibilityFeatures,
    encodings,
  };
}
