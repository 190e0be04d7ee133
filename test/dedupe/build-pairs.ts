// Builds the labeled duplicate-pair sets from real corpus records, deterministically (seeded), so that no
// corpus text is committed: the recipe below (files, seeds, quotas, variant rules) is the committed part.
//  - 'same': a real record and another repository's copy of it, differing the way copies really differ
//    (title casing and punctuation, subtitle dropped, diacritics lost, a typo; truncated, HTML-wrapped or
//    prefixed description, or none; http/https, www, trailing slash, tracking parameters; a DOI as URL or bare,
//    a handle as hdl: or URL, an ISBN-10 for an ISBN-13; "Last, First" vs "First Last", initials, fewer
//    creators; extra keywords, other dates, pt vs pt-BR). Each copy keeps what a careful librarian needs to
//    tell it is the same: a shared identifier or address, or an informative description, or a specific
//    title with a creator.
//  - 'different': real neighbouring records (same series with other numbers, similar titles in one
//    repository, same author), and hard negatives made from real records: numbered parts and chapters,
//    editions/versions, years, the same title given to another author's work, one generic title on two works.
//  - 'translation': a real record and its version in another language, linked the ways repositories link
//    them (translationOfWork, workTranslation, isBasedOn, /en/ vs /fr/ or ?lang= addresses, one landing page,
//    "translated from <title>"). Second-language titles and abstracts come from the records themselves
//    (repeated dc:title/dc:description) or from title-translations.tsv (written by us).
//  - 'adaptation': a real record and a derived one (isBasedOn by address or by title, "adapted from <title>",
//    "remix of"), with a changed title or version.
// The held-out set uses other corpus files and another seed; it was built before comparePair was tuned.
// Run `node --import tsx test/dedupe/build-pairs.ts main|heldout` to print a set as JSON lines.
import type { AgentValue, ResourceRecord } from '../../src/domain/profile.js';
import type { LabeledPair } from '../../src/dedupe/evaluate.js';
import type { PairRelation } from '../../src/dedupe/compare.js';
import { readLabelTable } from '../support/labels.js';
import { loadCsv, loadLearningRegistry, loadOaiFile, rawValues, type PoolRecord } from './corpus-pool.js';

export type PairSetName = 'main' | 'heldout';

interface Quotas {
  readonly same: number;
  readonly series: number;
  readonly neighbours: number;
  readonly numbered: number;
  readonly versions: number;
  readonly sameTitleOtherAuthor: number;
  readonly genericTitle: number;
  readonly sameAuthor: number;
  readonly otherLanguage: number;
  /** Real records of one file with the same title: duplicates, or namesakes by other authors. */
  readonly realSame: number;
  readonly realNamesakes: number;
  readonly translations: number;
  readonly adaptations: number;
}

interface Recipe {
  readonly seed: number;
  readonly oai: readonly string[];
  readonly learningRegistry: readonly string[];
  readonly csv: readonly string[];
  readonly quotas: Quotas;
}

const SCRAPI = 'oai-pmh/http-recordings/scrapi-vcr/bodies/';

// The OER Commons export mapped through a column mapping, as a CSV source would be configured.
const OER_COMMONS_COLUMNS = {
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
};

export const RECIPES: Readonly<Record<PairSetName, Recipe>> = {
  main: {
    seed: 20240501,
    oai: [
      'oai-pmh/dspace-lume-ufrgs_ListRecords_oai_dc_from.xml',
      'oai-pmh/dspace-xoai-educapes_ListRecords_qdc_base64-token.xml',
      'oai-pmh/dspace-erasmus-2004_ListRecords_oai_dc_large.xml',
      `${SCRAPI}citeseerx.01.http200.xml`,
      `${SCRAPI}cyberleninka.01.http200.xml`,
      `${SCRAPI}hacettepe.01.http200.xml`,
      `${SCRAPI}rcaap.01.http200.xml`,
      `${SCRAPI}mit.01.http200.xml`,
      `${SCRAPI}umontreal.01.http200.xml`,
      `${SCRAPI}ghent.01.http200.xml`,
      `${SCRAPI}datacite.01.http200.xml`,
      `${SCRAPI}calpoly.02.http200.xml`,
      `${SCRAPI}tdar.01.http200.xml`,
      `${SCRAPI}asu.01.http200.xml`,
      ...['01', '02', '03', '04', '05', '06', '07'].map((n) => `${SCRAPI}mla.${n}.http200.xml`),
      'oai-pmh/lom/feb-obaa_fiocruz-arca_ListRecords_page-500_very-large.xml',
      'oai-pmh/lom/oaicat-froac_ListRecords_lom_lowercase-namespaces.xml',
    ],
    learningRegistry: [],
    csv: ['jsonld/other-record-formats/oer-commons_records_2176.csv'],
    quotas: {
      same: 330,
      series: 50,
      neighbours: 55,
      numbered: 50,
      versions: 25,
      sameTitleOtherAuthor: 40,
      genericTitle: 40,
      sameAuthor: 30,
      otherLanguage: 10,
      realSame: 40,
      realNamesakes: 30,
      translations: 75,
      adaptations: 40,
    },
  },
  heldout: {
    seed: 77003,
    oai: [
      'oai-pmh/dspace-erasmus-2003_ListRecords_oai_dc.xml',
      `${SCRAPI}calpoly.01.http200.xml`,
      `${SCRAPI}calpoly.03.http200.xml`,
      `${SCRAPI}lshtm.01.http200.xml`,
      `${SCRAPI}krex.01.http200.xml`,
      `${SCRAPI}triceratops.01.http200.xml`,
      `${SCRAPI}zenodo.01.http200.xml`,
      `${SCRAPI}columbia.01.http200.xml`,
      `${SCRAPI}dash.01.http200.xml`,
      `${SCRAPI}asu.02.http200.xml`,
      `${SCRAPI}erudit.01.http200.xml`,
      `${SCRAPI}pcurio.01.http200.xml`,
      `${SCRAPI}hacettepe.02.http200.xml`,
      `${SCRAPI}rcaap.02.http200.xml`,
      `${SCRAPI}datacite.02.http200.xml`,
      `${SCRAPI}spdataverse.02.http200.xml`,
      ...['08', '09', '10', '11', '12', '13'].map((n) => `${SCRAPI}mla.${n}.http200.xml`),
      'oai-pmh/lom/dspace-cesta_ListRecords_lom_simplified.xml',
      'oai-pmh/lom/feb-obaa_fiocruz-arca_ListRecords_last-page_empty-token.xml',
      'oai-pmh/lom/anatomytool_ListRecords_nl_lom.xml',
      'oai-pmh/lom/edurep-meresco_ListRecords_lom_page1.xml',
      'oai-pmh/lom/edurep-meresco_ListRecords_lom_delta_deleted.xml',
    ],
    learningRegistry: ['oai-pmh/learning-registry/nsdl_dc_100-envelopes.json'],
    csv: [],
    quotas: {
      same: 55,
      series: 10,
      neighbours: 10,
      numbered: 8,
      versions: 4,
      sameTitleOtherAuthor: 6,
      genericTitle: 6,
      sameAuthor: 5,
      otherLanguage: 3,
      realSame: 6,
      realNamesakes: 6,
      translations: 16,
      adaptations: 10,
    },
  },
};

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness

type Rng = () => number;

function seeded(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  const item = list[Math.floor(rng() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Record helpers

function titleOf(r: ResourceRecord): string {
  return Object.values(r.name)[0] ?? '';
}

function descriptionOf(r: ResourceRecord): string {
  return r.description === undefined ? '' : (Object.values(r.description)[0] ?? '');
}

function textLanguage(r: ResourceRecord): string {
  const tag = r.inLanguage?.[0] ?? Object.keys(r.name)[0] ?? 'und';
  return tag.split('-')[0] ?? 'und';
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function wordDice(a: string, b: string): number {
  const x = new Set(words(a));
  const y = new Set(words(b));
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

function hostOf(url: string | undefined): string {
  if (url === undefined) return '';
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

let copyCounter = 0;

const MIRRORS = [
  'oer-mirror.example.org',
  'repositorio.example.br',
  'biblioteca.example.es',
  'archive.example.net',
  'portal.example.fr',
];

/** Another repository's record of the resource: new id, address, provenance. */
function rehome(r: ResourceRecord, rng: Rng, keepAddress: boolean): ResourceRecord {
  copyCounter += 1;
  const host = pick(rng, MIRRORS);
  const url = `https://${host}/record/${100000 + copyCounter}`;
  const copy = structuredClone(r) as ResourceRecord & Record<string, unknown>;
  const out: ResourceRecord = {
    ...copy,
    id: keepAddress ? r.id : url,
    provenance: [
      {
        sourceId: host.split('.')[0] ?? 'mirror',
        sourceRecordId: `oai:${host}:${100000 + copyCounter}`,
        harvestedAt: '2024-06-01T08:00:00Z',
        fields: [],
      },
    ],
  };
  if (!keepAddress) {
    return { ...out, url, identifiers: [{ kind: 'url', value: url }] };
  }
  return out;
}

function withName(r: ResourceRecord, title: string, language?: string): ResourceRecord {
  return { ...r, name: { [language ?? Object.keys(r.name)[0] ?? 'und']: title } };
}

function withDescription(r: ResourceRecord, text: string | null): ResourceRecord {
  const { description: _drop, ...rest } = r;
  if (text === null || text.trim() === '') return rest;
  return { ...rest, description: { [Object.keys(r.description ?? r.name)[0] ?? 'und']: text } };
}

function withoutCreators(r: ResourceRecord): ResourceRecord {
  const { creator: _c, contributor: _k, ...rest } = r;
  return rest;
}

// ---------------------------------------------------------------------------------------------------------
// How copies differ

const SUBTITLE = /\s*(?::|\s[-–—]\s)\s*/u;

function titleVariant(title: string, rng: Rng, language: string): { title: string; how: string } {
  const options: { how: string; apply: (t: string) => string | null }[] = [
    { how: 'upper case', apply: (t) => t.toLocaleUpperCase() },
    { how: 'lower case', apply: (t) => t.toLocaleLowerCase() },
    {
      how: 'title case',
      apply: (t) =>
        t
          .toLocaleLowerCase()
          .replace(/(^|\s)(\p{L})/gu, (_m, s: string, c: string) => `${s}${c.toLocaleUpperCase()}`),
    },
    {
      how: 'subtitle dropped',
      apply: (t) => {
        const m = SUBTITLE.exec(t);
        // A subtitle that numbers a part ("Webinar 3", "Module II") is what tells the part apart: kept.
        if (m === null || m.index < 12 || /\d|\b[IVX]{1,4}\b/.test(t.slice(m.index))) return null;
        return t.slice(0, m.index);
      },
    },
    {
      how: 'punctuation',
      apply: (t) => {
        if (t.includes(': ')) return t.replace(': ', ' - ');
        if (t.includes(' - ')) return t.replace(' - ', ': ');
        if (/[.]$/.test(t)) return t.slice(0, -1);
        return `${t}.`;
      },
    },
    {
      how: 'quotes and ampersand',
      apply: (t) =>
        language === 'en' && / and /.test(t)
          ? t.replace(' and ', ' & ')
          : t.includes('&')
            ? t.replace('&', 'and')
            : `"${t}"`,
    },
    {
      how: 'diacritics lost',
      apply: (t) => (/[^\t\n\r\x20-\x7e]/.test(t) ? t.normalize('NFD').replace(/\p{M}/gu, '') : null),
    },
    {
      how: 'typo',
      apply: (t) => {
        const longest = t.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
        if (longest.length < 7 || !/^\p{L}+$/u.test(longest)) return null;
        const i = 2 + Math.floor(rng() * (longest.length - 4));
        const swapped =
          longest.slice(0, i) + longest.charAt(i + 1) + longest.charAt(i) + longest.slice(i + 2);
        return t.replace(longest, swapped);
      },
    },
    { how: 'spacing', apply: (t) => t.replace(/\s+/g, '  ').replace(/\s*:\s*/g, ' : ') },
  ];
  let current = title;
  const hows: string[] = [];
  const steps = rng() < 0.6 ? 1 : 2;
  for (let i = 0; i < 6 && hows.length < steps; i++) {
    const option = pick(rng, options);
    if (hows.includes(option.how)) continue;
    const next = option.apply(current);
    if (next === null || next.trim() === '' || next === current) continue;
    current = next;
    hows.push(option.how);
  }
  return { title: current, how: hows.join('+') || 'title as is' };
}

function truncate(text: string, rng: Rng): string {
  const limit = 150 + Math.floor(rng() * 250);
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}...`;
}

const ABSTRACT_LABEL: Readonly<Record<string, string>> = {
  en: 'Abstract: ',
  pt: 'Resumo: ',
  es: 'Resumen: ',
  fr: 'Résumé : ',
  de: 'Zusammenfassung: ',
};

function descriptionVariant(
  text: string,
  rng: Rng,
  language: string,
  mayDrop: boolean,
): { text: string | null; how: string } {
  const roll = rng();
  if (mayDrop && roll < 0.12) return { text: null, how: 'no description' };
  if (roll < 0.4) return { text, how: 'description as is' };
  if (roll < 0.7) return { text: truncate(text, rng), how: 'description truncated' };
  if (roll < 0.8) return { text: `<p>${text.replace(/\.\s+/, '.<br/> ')}</p>`, how: 'description as HTML' };
  if (roll < 0.9)
    return { text: `${ABSTRACT_LABEL[language] ?? 'Abstract: '}${text}`, how: 'description prefixed' };
  return { text: text.replace(/\s+/g, ' ').replace(/\s([,.;:])/g, '$1'), how: 'description whitespace' };
}

function invertName(name: string): string {
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  if (comma?.[1] !== undefined && comma[2] !== undefined) return `${comma[2]} ${comma[1]}`;
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return name;
  return `${parts[parts.length - 1] ?? ''}, ${parts.slice(0, -1).join(' ')}`;
}

function initials(name: string): string {
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  if (comma?.[1] === undefined || comma[2] === undefined) return name;
  const given = comma[2]
    .split(/\s+/)
    .map((g) => `${g.charAt(0)}.`)
    .join(' ');
  return `${comma[1]}, ${given}`;
}

function creatorVariant(
  list: readonly AgentValue[],
  rng: Rng,
  mayDrop: boolean,
  publisher: AgentValue | undefined,
): { list: AgentValue[]; how: string } {
  const roll = rng();
  if (mayDrop && roll < 0.1) return { list: [], how: 'no creators' };
  if (roll < 0.35) return { list: list.map((a) => ({ ...a })), how: 'creators as is' };
  if (roll < 0.6)
    return {
      list: list.map((a) => (a.type === 'Person' ? { ...a, name: invertName(a.name) } : { ...a })),
      how: 'names inverted',
    };
  if (roll < 0.75)
    return {
      list: list.map((a) => (a.type === 'Person' ? { ...a, name: initials(a.name) } : { ...a })),
      how: 'initials',
    };
  if (roll < 0.82) return { list: list.slice(0, 1).map((a) => ({ ...a })), how: 'first creator only' };
  if (roll < 0.88 && publisher !== undefined)
    return { list: [{ ...publisher }], how: 'publisher as creator' };
  return { list: [...list].reverse().map((a) => ({ ...a })), how: 'creators reordered' };
}

function urlVariant(url: string, rng: Rng): { url: string; how: string } {
  const options: { how: string; apply: (u: string) => string | null }[] = [
    {
      how: 'https',
      apply: (u) => (u.startsWith('http:') ? u.replace('http:', 'https:') : u.replace('https:', 'http:')),
    },
    {
      how: 'www',
      apply: (u) => (/^https?:\/\/www\./.test(u) ? u.replace('://www.', '://') : u.replace('://', '://www.')),
    },
    {
      how: 'trailing slash',
      apply: (u) => (u.includes('?') ? null : u.endsWith('/') ? u.slice(0, -1) : `${u}/`),
    },
    {
      how: 'tracking',
      apply: (u) => `${u}${u.includes('?') ? '&' : '?'}utm_source=newsletter&utm_medium=email`,
    },
    { how: 'fragment', apply: (u) => (u.includes('#') ? null : `${u}#main`) },
    {
      how: 'host case',
      apply: (u) =>
        u.replace(/^(https?:\/\/)([^/]+)/, (_m, s: string, h: string) => `${s}${h.toUpperCase()}`),
    },
  ];
  let current = url;
  const hows: string[] = [];
  const steps = 1 + Math.floor(rng() * 2);
  for (let i = 0; i < 6 && hows.length < steps; i++) {
    const option = pick(rng, options);
    if (hows.includes(option.how)) continue;
    const next = option.apply(current);
    if (next === null || next === current) continue;
    current = next;
    hows.push(option.how);
  }
  return { url: current, how: hows.join('+') };
}

type IdentifierValue = NonNullable<ResourceRecord['identifiers']>[number];

function isbn10(isbn13: string): string | null {
  if (!isbn13.startsWith('978') || isbn13.length !== 13) return null;
  const core = isbn13.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(core.charAt(i)) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return `${core}${check === 10 ? 'X' : String(check)}`;
}

function identifierVariant(id: IdentifierValue, rng: Rng): { id: IdentifierValue; how: string } | null {
  switch (id.kind) {
    case 'doi': {
      const form = pick(rng, ['url', 'dx', 'prefix', 'upper']);
      if (form === 'url')
        return { id: { kind: 'url', value: `https://doi.org/${id.value}` }, how: 'DOI as URL' };
      if (form === 'dx')
        return { id: { kind: 'url', value: `http://dx.doi.org/${id.value}` }, how: 'DOI as dx URL' };
      if (form === 'prefix') return { id: { kind: 'doi', value: `doi:${id.value}` }, how: 'DOI with doi:' };
      return { id: { kind: 'doi', value: id.value.toUpperCase() }, how: 'DOI upper case' };
    }
    case 'handle':
      return rng() < 0.5
        ? { id: { kind: 'handle', value: `hdl:${id.value}` }, how: 'handle with hdl:' }
        : { id: { kind: 'url', value: `https://hdl.handle.net/${id.value}` }, how: 'handle as URL' };
    case 'isbn': {
      const ten = isbn10(id.value);
      return ten !== null && rng() < 0.5
        ? { id: { kind: 'isbn', value: ten }, how: 'ISBN-10' }
        : {
            id: {
              kind: 'isbn',
              value: `${id.value.slice(0, 3)}-${id.value.slice(3, 5)}-${id.value.slice(5, 12)}-${id.value.slice(12)}`,
            },
            how: 'ISBN hyphenated',
          };
    }
    case 'url':
    case 'urn':
    case 'other':
      return null;
  }
}

function isPersistent(id: IdentifierValue): boolean {
  return id.kind === 'doi' || id.kind === 'handle' || id.kind === 'isbn';
}

function otherDates(r: ResourceRecord, rng: Rng): Partial<ResourceRecord> {
  const year = /^(\d{4})/.exec(r.datePublished ?? r.dateCreated ?? '')?.[1];
  if (year === undefined) return {};
  return rng() < 0.5 ? { datePublished: year } : { datePublished: `${Number(year) + 1}-01-15` };
}

function otherLanguageTag(r: ResourceRecord, rng: Rng): Partial<ResourceRecord> {
  const tag = r.inLanguage?.[0];
  if (tag === undefined) return {};
  const roll = rng();
  if (roll < 0.15) return { inLanguage: [] };
  if (roll < 0.3)
    return { inLanguage: [tag.includes('-') ? (tag.split('-')[0] ?? tag) : tag === 'pt' ? 'pt-BR' : tag] };
  return {};
}

interface Built {
  readonly a: ResourceRecord;
  readonly b: ResourceRecord;
  readonly relation: PairRelation;
  readonly note: string;
}

function finish(r: ResourceRecord): ResourceRecord {
  const out = { ...r } as Record<string, unknown>;
  if (Array.isArray(out['inLanguage']) && out['inLanguage'].length === 0) delete out['inLanguage'];
  if (Array.isArray(out['creator']) && out['creator'].length === 0) delete out['creator'];
  return out as ResourceRecord;
}

/** Another repository's copy of `source`, or null when no copy would keep enough to be recognized. */
function makeCopy(p: PoolRecord, rng: Rng): Built | null {
  const r = p.record;
  const title = titleOf(r);
  const description = descriptionOf(r);
  const language = textLanguage(r);
  const descriptionWords = words(description).length;
  const titleWords = words(title).length;
  const creators = r.creator ?? [];
  const persistent = (r.identifiers ?? []).filter(isPersistent);
  const modes: ('address' | 'identifier' | 'text')[] = [];
  if (r.url !== undefined && rng() < 0.35) modes.push('address');
  if (persistent.length > 0 && rng() < 0.45) modes.push('identifier');
  modes.push('text');
  const mode = modes[0] ?? 'text';
  const textHasEvidence = descriptionWords >= 20 || (titleWords >= 4 && creators.length > 0);
  if (mode === 'text' && !textHasEvidence) return null;

  const t = titleVariant(title, rng, language);
  // Without a shared key, the description (or a specific title and a creator) must survive the copy.
  const mayDropDescription = mode !== 'text' || (titleWords >= 5 && creators.length > 0);
  const d =
    description === ''
      ? { text: null, how: 'no description' }
      : descriptionVariant(description, rng, language, mayDropDescription);
  const mayDropCreators = mode !== 'text' || (d.text !== null && descriptionWords >= 20);
  const publisher = r.publisher?.find((a) => a.type === 'Organization');
  const c =
    creators.length === 0
      ? { list: [], how: 'no creators' }
      : creatorVariant(creators, rng, mayDropCreators, publisher);
  if (mode === 'text' && d.text === null && c.list.length === 0) return null;

  let copy = rehome(r, rng, false);
  let how: string;
  if (mode === 'address' && r.url !== undefined) {
    const u = urlVariant(r.url, rng);
    copy = { ...copy, id: u.url, url: u.url, identifiers: [{ kind: 'url', value: u.url }] };
    how = `address ${u.how}`;
  } else if (mode === 'identifier') {
    const chosen = pick(rng, persistent);
    const v = identifierVariant(chosen, rng);
    if (v === null) return null;
    copy = { ...copy, identifiers: [...(copy.identifiers ?? []), v.id] };
    how = v.how;
  } else {
    how = 'no shared identifier';
  }
  copy = withName(copy, t.title);
  copy = withDescription(copy, d.text);
  copy = { ...copy, creator: c.list, ...otherDates(r, rng), ...otherLanguageTag(r, rng) };
  if (rng() < 0.3) {
    const keywords = r.keywords ?? { [Object.keys(r.name)[0] ?? 'und']: [] };
    copy = {
      ...copy,
      keywords: Object.fromEntries(
        Object.entries(keywords).map(([k, v]) => [k, [...v, 'open educational resources']]),
      ),
    };
  }
  const note = `same: ${how}; ${t.how}; ${d.how}; ${c.how}`;
  const [a, b] = rng() < 0.5 ? [r, finish(copy)] : [finish(copy), r];
  return { a, b, relation: 'same', note };
}

// ---------------------------------------------------------------------------------------------------------
// Hard negatives

const SERIES_FORMS: Readonly<Record<string, readonly ((n: number) => string)[]>> = {
  en: [
    (n) => `Part ${n}`,
    (n) => `Chapter ${n + 2}`,
    (n) => `Unit ${n}`,
    (n) => `Volume ${['I', 'II', 'III', 'IV'][n - 1] ?? n}`,
    (n) => `Module ${['One', 'Two', 'Three', 'Four'][n - 1] ?? n}`,
    (n) => `Week ${n + 4}`,
    (n) => `Lesson ${n}`,
    (n) => `(${2018 + n})`,
  ],
  pt: [
    (n) => `Parte ${n}`,
    (n) => `Capítulo ${n + 2}`,
    (n) => `Aula ${n}`,
    (n) => `Volume ${['I', 'II', 'III', 'IV'][n - 1] ?? n}`,
    (n) => `(${2014 + n})`,
  ],
  es: [
    (n) => `Parte ${n}`,
    (n) => `Capítulo ${n + 2}`,
    (n) => `Unidad ${n}`,
    (n) => `Tomo ${['I', 'II', 'III', 'IV'][n - 1] ?? n}`,
  ],
  fr: [
    (n) => `Partie ${n}`,
    (n) => `Chapitre ${n + 2}`,
    (n) => `Tome ${['I', 'II', 'III', 'IV'][n - 1] ?? n}`,
  ],
  de: [(n) => `Teil ${n}`, (n) => `Kapitel ${n + 2}`, (n) => `Band ${n}`],
  ru: [(n) => `Часть ${n}`, (n) => `Глава ${n + 2}`, (n) => `Том ${n}`],
  tr: [(n) => `${n}. Bölüm`, (n) => `Cilt ${n}`],
  nl: [(n) => `Deel ${n}`, (n) => `Hoofdstuk ${n + 2}`],
};

function numberedSiblings(p: PoolRecord, rng: Rng): Built | null {
  const r = p.record;
  const title = titleOf(r);
  const language = textLanguage(r);
  const number = /\b(\d{1,3})\b/.exec(title);
  let titleA: string;
  let titleB: string;
  if (number?.[1] !== undefined && rng() < 0.5) {
    titleA = title;
    titleB = title.replace(number[0], String(Number(number[1]) + 1));
  } else {
    const form = pick(rng, SERIES_FORMS[language] ?? SERIES_FORMS['en'] ?? []);
    const sep = pick(rng, [' - ', ': ', ', ', ' ']);
    const first = 1 + Math.floor(rng() * 2);
    titleA = `${title}${sep}${form(first)}`;
    titleB = `${title}${sep}${form(first + 1)}`;
    if (rng() < 0.3) titleA = title;
  }
  const a = withName(rehome(r, rng, false), titleA);
  const b = withName(rehome(r, rng, false), titleB);
  return {
    a: finish(a),
    b: finish(b),
    relation: 'different',
    note: `different: numbered parts "${titleA}" / "${titleB}"`,
  };
}

const VERSION_FORMS: readonly ((t: string, l: string) => string)[] = [
  (t, l) =>
    `${t} (${l === 'pt' ? '2ª edição' : l === 'es' ? '2ª edición' : l === 'fr' ? '2e édition' : '2nd edition'})`,
  (t) => `${t} - Version 2.0`,
  (t) => `${t} v3`,
  (t, l) => `${t} (${l === 'en' ? 'revised' : 'rev.'} 2021)`,
  (t, l) => `${t}, ${l === 'pt' ? 'edição' : l === 'es' ? 'edición' : 'edition'} 2019`,
];

function versionPair(p: PoolRecord, rng: Rng): Built {
  const r = p.record;
  const title = titleOf(r);
  const versioned = pick(rng, VERSION_FORMS)(title, textLanguage(r));
  let b = withName(rehome(r, rng, false), versioned);
  const doi = (r.identifiers ?? []).find((i) => i.kind === 'doi');
  if (doi !== undefined)
    b = { ...b, identifiers: [...(b.identifiers ?? []), { kind: 'doi', value: `${doi.value}.v2` }] };
  const description = descriptionOf(r);
  if (description !== '' && rng() < 0.5) b = withDescription(b, truncate(description, rng));
  const [x, y] = rng() < 0.5 ? [r, finish(b)] : [finish(b), r];
  return { a: x, b: y, relation: 'different', note: `different: version "${title}" / "${versioned}"` };
}

function hasCreators(p: PoolRecord): boolean {
  return (p.record.creator ?? []).length > 0;
}

function sameTitleOtherAuthor(p: PoolRecord, q: PoolRecord, rng: Rng): Built {
  const b = withName(rehome(q.record, rng, true), titleOf(p.record), Object.keys(q.record.name)[0]);
  return {
    a: p.record,
    b: finish(b),
    relation: 'different',
    note: `different: the title "${titleOf(p.record)}" on another author's work`,
  };
}

const GENERIC_TITLES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'Introduction',
    'Lecture Notes',
    'Exercises',
    'Final Exam',
    'Syllabus',
    'Overview',
    'Chapter 1',
    'Worksheet',
  ],
  pt: ['Introdução', 'Apostila', 'Exercícios', 'Aula 1', 'Apresentação'],
  es: ['Introducción', 'Ejercicios', 'Apuntes de clase', 'Tema 1'],
  fr: ['Introduction', 'Exercices', 'Notes de cours'],
  de: ['Einführung', 'Übungen', 'Vorlesung'],
  ru: ['Введение', 'Лекция 1'],
  tr: ['Giriş', 'Ders Notları'],
  nl: ['Inleiding', 'Oefeningen'],
};

function genericTitlePair(p: PoolRecord, q: PoolRecord, rng: Rng): Built {
  const language = textLanguage(p.record);
  const title = pick(rng, GENERIC_TITLES[language] ?? GENERIC_TITLES['en'] ?? []);
  let a = withName(rehome(p.record, rng, true), title);
  let b = withName(rehome(q.record, rng, true), title);
  if (rng() < 0.5) {
    a = withoutCreators(a);
    b = withoutCreators(b);
  }
  return {
    a: finish(a),
    b: finish(b),
    relation: 'different',
    note: `different: one generic title "${title}" on two works`,
  };
}

/** The title with its numbers, roman numerals, months and number words taken out (a series' skeleton). */
function skeleton(title: string): string {
  return words(title)
    .filter(
      (w) =>
        !/\d/.test(w) &&
        !/^(?:[ivxl]+|one|two|three|four|five|first|second|third|no|vol|part|issue|january|february|march|april|may|june|july|august|september|october|november|december)$/.test(
          w,
        ),
    )
    .join(' ');
}

/** The words `skeleton` takes out, in order: what tells the members of a series apart. */
function numberWords(title: string): string {
  const kept = new Set(skeleton(title).split(' '));
  return words(title)
    .filter((w) => !kept.has(w))
    .join(' ');
}

function strongOverlap(a: ResourceRecord, b: ResourceRecord): boolean {
  const keys = (r: ResourceRecord): Set<string> =>
    new Set([
      ...(r.url === undefined ? [] : [r.url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')]),
      ...(r.identifiers ?? [])
        .filter((i) => i.kind !== 'other')
        .map((i) =>
          i.value
            .replace(/^https?:\/\/(www\.)?/, '')
            .replace(/\/$/, '')
            .toLowerCase(),
        ),
    ]);
  const x = keys(a);
  for (const k of keys(b)) if (x.has(k)) return true;
  return false;
}

/** Name words (three letters or more) of all creators: robust to "Last, First" and comma-joined lists. */
function creatorTokens(r: ResourceRecord): Set<string> {
  const out = new Set<string>();
  for (const a of r.creator ?? []) for (const w of words(a.name)) if (w.length >= 3) out.add(w);
  return out;
}

function authorsDiffer(a: ResourceRecord, b: ResourceRecord): boolean {
  const x = creatorTokens(a);
  const y = creatorTokens(b);
  if (x.size === 0 || y.size === 0) return false;
  for (const n of x) if (y.has(n)) return false;
  return true;
}

function wordContainment(x: readonly string[], y: readonly string[]): number {
  const a = new Set(x);
  const b = new Set(y);
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const w of small) if (large.has(w)) common++;
  return small.size === 0 ? 0 : common / small.size;
}

// Same-title records whose relation a careful reader cannot settle from the metadata: left out.
const AMBIGUOUS_TITLES = new Set([
  // Two OER Commons records of one publisher's lesson plan, each with its own description.
  'should we ban it a free speaking lesson plan',
]);

function undeclaredAdaptation(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const inside = words(short).every((w) => words(long).includes(w));
  return inside && /\b(?:remix|remixed|adapted|adaptation|version|copy|mobile)\b/i.test(long);
}

function creatorNames(r: ResourceRecord): Set<string> {
  const out = new Set<string>();
  for (const a of r.creator ?? []) {
    const family = /^([^,]+),/.exec(a.name)?.[1] ?? a.name.split(/\s+/).pop() ?? '';
    if (family.length > 2) out.add(family.toLowerCase());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Translations and adaptations

const LANGUAGE_HINTS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'of', 'and', 'in', 'to', 'for', 'on', 'with', 'is', 'an', 'a', 'study', 'analysis'],
  pt: [
    'de',
    'da',
    'do',
    'e',
    'em',
    'para',
    'com',
    'os',
    'as',
    'uma',
    'um',
    'dos',
    'das',
    'na',
    'no',
    'estudo',
  ],
  es: ['de', 'la', 'el', 'y', 'en', 'los', 'las', 'del', 'para', 'con', 'una', 'por'],
  fr: ['de', 'la', 'le', 'les', 'des', 'et', 'en', 'du', 'pour', 'une', 'dans', 'sur', 'au'],
  tr: ['ve', 'bir', 'bu', 'ile', 'için', 'olarak', 'üzerine', 'yönelik', 'türkiye'],
  nl: ['de', 'het', 'een', 'van', 'en', 'in', 'op', 'voor', 'met', 'naar'],
  de: ['der', 'die', 'das', 'und', 'von', 'zu', 'mit', 'für', 'im'],
};

/** A rough guess of a text's language for the pair builder (not product code): hint words and letters. */
function guessLanguage(text: string): string | null {
  const inline = /^\s*\[([a-z]{2})\]/.exec(text)?.[1];
  if (inline !== undefined) return inline;
  if (/[\u0400-\u04FF]/.test(text)) return 'ru';
  const list = words(text);
  const scores: [string, number][] = Object.entries(LANGUAGE_HINTS).map(([l, hints]) => [
    l,
    list.filter((w) => hints.includes(w)).length +
      (l === 'tr' && /[ıışğ]/.test(text) ? 3 : 0) +
      (l === 'pt' && /[ãõç]/.test(text) ? 2 : 0),
  ]);
  scores.sort((x, y) => y[1] - x[1]);
  const [best, second] = scores;
  if (best === undefined || best[1] < 1 || (second !== undefined && best[1] === second[1])) return null;
  return best[0];
}

interface Bilingual {
  readonly source: PoolRecord;
  readonly original: { language: string; title: string; description: string | null };
  readonly translated: { language: string; title: string; description: string | null };
}

function stripInline(text: string): string {
  return text.replace(/^\s*\[[a-z]{2}\]\s*/, '');
}

function bilingualOf(
  p: PoolRecord,
  table: ReadonlyMap<string, { language: string; title: string }>,
): Bilingual | null {
  const title = titleOf(p.record);
  const fromTable = table.get(title);
  if (fromTable !== undefined) {
    const description = descriptionOf(p.record);
    return {
      source: p,
      original: {
        language: textLanguage(p.record),
        title,
        description: description === '' ? null : description,
      },
      translated: { language: fromTable.language, title: fromTable.title, description: null },
    };
  }
  if (p.raw === null) return null;
  const titles = rawValues(p.raw, 'title', 'alternative', 'obaaTitle');
  if (titles.length < 2) return null;
  const tagged = titles.map((t) => ({ text: t, language: guessLanguage(t) }));
  const first = tagged[0];
  const other = tagged.find((t) => t.language !== null && t.language !== first?.language);
  if (first?.language === null || first === undefined || other === undefined || other.language === null)
    return null;
  const descriptions = rawValues(p.raw, 'description', 'abstract').map((d) => ({
    text: d,
    language: guessLanguage(d),
  }));
  const inLanguage = (l: string): string | null => descriptions.find((d) => d.language === l)?.text ?? null;
  return {
    source: p,
    original: {
      language: first.language,
      title: stripInline(first.text),
      description: inLanguage(first.language),
    },
    translated: {
      language: other.language,
      title: stripInline(other.text),
      description: inLanguage(other.language),
    },
  };
}

const TRANSLATION_STATEMENTS: Readonly<Record<string, (title: string) => string>> = {
  en: (t) => `Translation of “${t}”.`,
  es: (t) => `Traducción de «${t}».`,
  fr: (t) => `Traduction de « ${t} ».`,
  pt: (t) => `Tradução de “${t}”.`,
  de: (t) => `Übersetzung von „${t}“.`,
  ru: (t) => `Перевод с оригинала: «${t}».`,
  ar: (t) => `ترجمة «${t}».`,
  zh: (t) => `译自《${t}》。`,
  sw: (t) => `Imetafsiriwa kutoka “${t}”.`,
  nl: (t) => `Vertaling van “${t}”.`,
};

type TranslationLink =
  | 'translationOfWork'
  | 'workTranslation'
  | 'isBasedOn'
  | 'language path'
  | 'lang parameter'
  | 'one landing page'
  | 'statement';
const TRANSLATION_LINKS: readonly TranslationLink[] = [
  'translationOfWork',
  'workTranslation',
  'isBasedOn',
  'language path',
  'lang parameter',
  'one landing page',
  'statement',
];

function translationPair(t: Bilingual, link: TranslationLink, rng: Rng): Built | null {
  const r = t.source.record;
  let a: ResourceRecord = { ...rehome(r, rng, true), provenance: r.provenance };
  // A record whose address is a site's home page (tez2.yok.gov.tr/) gets a landing page to link to.
  if (r.url !== undefined && /^https?:\/\/[^/]+\/?$/.test(r.url)) {
    const landing = `${r.url.replace(/\/$/, '')}/record/${t.source.position}`;
    a = { ...a, id: landing, url: landing, identifiers: [{ kind: 'url', value: landing }] };
  }
  a = withName(a, t.original.title, t.original.language);
  a = { ...withDescription(a, t.original.description), inLanguage: [t.original.language] };
  if (t.original.description !== null)
    a = { ...a, description: { [t.original.language]: t.original.description } };
  let b = rehome(r, rng, false);
  b = {
    ...withDescription(b, null),
    name: { [t.translated.language]: t.translated.title },
    inLanguage: [t.translated.language],
  };
  if (t.translated.description !== null)
    b = { ...b, description: { [t.translated.language]: t.translated.description } };
  if (rng() < 0.3) b = { ...b, contributor: [{ type: 'Person', name: pick(rng, TRANSLATORS) }] };
  const base = r.url ?? `https://oer-source.example.org/resource/${t.source.position}`;
  const host = hostOf(base) || 'oer-source.example.org';
  const slug = `resource/${t.source.position + 1000}`;
  switch (link) {
    case 'translationOfWork':
      b = {
        ...b,
        translationOfWork:
          rng() < 0.6 ? { id: a.url ?? a.id } : { name: t.original.title, inLanguage: t.original.language },
      };
      break;
    case 'workTranslation':
      a = { ...a, workTranslation: [{ id: b.url ?? b.id, inLanguage: t.translated.language }] };
      break;
    case 'isBasedOn':
      b = { ...b, isBasedOn: [{ id: a.url ?? a.id }] };
      break;
    case 'language path': {
      const ua = `https://${host}/${t.original.language}/${slug}`;
      const ub = `https://${host}/${t.translated.language}/${slug}`;
      a = { ...a, id: ua, url: ua, identifiers: [{ kind: 'url', value: ua }] };
      b = { ...b, id: ub, url: ub, identifiers: [{ kind: 'url', value: ub }] };
      break;
    }
    case 'lang parameter': {
      const ua = `https://${host}/${slug}?lang=${t.original.language}`;
      const ub = `https://${host}/${slug}?lang=${t.translated.language}`;
      a = { ...a, id: ua, url: ua, identifiers: [{ kind: 'url', value: ua }] };
      b = { ...b, id: ub, url: ub, identifiers: [{ kind: 'url', value: ub }] };
      break;
    }
    case 'one landing page': {
      const landing = `https://${host}/${slug}`;
      a = { ...a, id: landing, url: landing, identifiers: [{ kind: 'url', value: landing }] };
      b = { ...b, url: landing, identifiers: [{ kind: 'url', value: landing }] };
      break;
    }
    case 'statement': {
      const statement = TRANSLATION_STATEMENTS[t.translated.language];
      if (statement === undefined) return null;
      const text = `${statement(t.original.title)}${t.translated.description === null ? '' : ` ${t.translated.description}`}`;
      b = { ...b, description: { [t.translated.language]: text } };
      break;
    }
  }
  const [x, y] = rng() < 0.5 ? [finish(a), finish(b)] : [finish(b), finish(a)];
  return {
    a: x,
    b: y,
    relation: 'translation',
    note: `translation ${t.original.language}->${t.translated.language} by ${link}: "${t.original.title}" / "${t.translated.title}"`,
  };
}

// Names of adapters and translators: invented for these sets.
const ADAPTERS = [
  'Marta Oliveira',
  'Kwame Mensah',
  'Lena Hoffmann',
  'Diego Ramírez',
  'Aiko Tanaka',
  'Nadia Haddad',
  'Piotr Nowak',
  'Grace Wanjiru',
];
const TRANSLATORS = ['Chen Wei', 'Amina Yusuf', 'Olga Petrova', 'Jean Dupont', 'Lucía Fernández'];

const ADAPTED_TITLES: Readonly<Record<string, readonly ((t: string) => string)[]>> = {
  en: [
    (t) => `${t} (adapted for middle school)`,
    (t) => `Remix: ${t}`,
    (t) => `${t} - community college edition`,
    (t) => `${t}: revised for online teaching`,
  ],
  pt: [(t) => `${t} (adaptado para o ensino médio)`, (t) => `${t}: versão adaptada`],
  es: [(t) => `${t} (adaptación para secundaria)`, (t) => `${t}: versión adaptada`],
  fr: [(t) => `${t} (version adaptée)`, (t) => `${t} : adaptation pour le lycée`],
};

const ADAPTED_STATEMENTS: Readonly<Record<string, (t: string, by: string) => string>> = {
  en: (t, by) => `Adapted from “${t}” by ${by}.`,
  pt: (t, by) => `Adaptado de “${t}”, de ${by}.`,
  es: (t, by) => `Adaptado de «${t}» de ${by}.`,
  fr: (t, by) => `Adapté de « ${t} » de ${by}.`,
};

type AdaptationLink =
  'isBasedOn address' | 'isBasedOn title' | 'statement' | 'remix statement' | 'isBasedOn same title';
const ADAPTATION_LINKS: readonly AdaptationLink[] = [
  'isBasedOn address',
  'isBasedOn title',
  'statement',
  'remix statement',
  'isBasedOn same title',
];

function adaptationPair(p: PoolRecord, link: AdaptationLink, rng: Rng): Built | null {
  const r = p.record;
  const language = textLanguage(r);
  const forms = ADAPTED_TITLES[language];
  const statement = ADAPTED_STATEMENTS[language];
  if (forms === undefined || statement === undefined) return null;
  const title = titleOf(r);
  const newTitle = link === 'isBasedOn same title' ? title : pick(rng, forms)(title);
  const original = descriptionOf(r);
  const by = r.creator?.[0]?.name ?? r.publisher?.[0]?.name ?? 'its authors';
  let b = withName(rehome(r, rng, false), newTitle);
  b = {
    ...b,
    creator: [
      { type: 'Person', name: pick(rng, ADAPTERS) },
      ...(rng() < 0.4 ? (r.creator ?? []).slice(0, 1) : []),
    ],
  };
  let description = original === '' ? '' : truncate(original, rng);
  switch (link) {
    case 'isBasedOn address':
      if (r.url === undefined) return null;
      b = { ...b, isBasedOn: [{ id: r.url, ...(rng() < 0.5 ? { name: title } : {}) }] };
      break;
    case 'isBasedOn title':
    case 'isBasedOn same title':
      b = { ...b, isBasedOn: [{ name: title }] };
      break;
    case 'statement':
      description = `${statement(title, by)} ${description}`;
      break;
    case 'remix statement':
      if (language !== 'en') return null;
      description = `${description} This resource is a remix of "${title}" (${by}), shortened for a single class.`;
      break;
  }
  b = withDescription(b, description);
  const [x, y] = rng() < 0.5 ? [r, finish(b)] : [finish(b), r];
  return { a: x, b: y, relation: 'adaptation', note: `adaptation by ${link}: "${title}" / "${newTitle}"` };
}

// ---------------------------------------------------------------------------------------------------------
// Assembly

function readTranslationTable(): Map<string, { language: string; title: string }> {
  const table = readLabelTable(new URL('./title-translations.tsv', import.meta.url), {
    columns: ['original', 'language', 'translation'],
  });
  return new Map(
    table.rows.map((row) => [
      row.get('original'),
      { language: row.get('language'), title: row.get('translation') },
    ]),
  );
}

/** The mapped records of a recipe's corpus files, without placeholder titles. */
export async function loadRecipePool(recipe: Recipe): Promise<PoolRecord[]> {
  const pool: PoolRecord[] = [];
  for (const file of recipe.oai) pool.push(...loadOaiFile(file));
  for (const file of recipe.learningRegistry) pool.push(...loadLearningRegistry(file));
  for (const file of recipe.csv) pool.push(...(await loadCsv(file, OER_COMMONS_COLUMNS)));
  // Placeholder and empty titles are no resources to tell apart.
  return pool.filter(
    (p) =>
      words(titleOf(p.record)).length >= 1 &&
      !/^(?:t[ií]tulo \d+|invalidpackagename|untitled)$/i.test(titleOf(p.record)),
  );
}

/** Builds the labeled pairs of a set from the corpus (throws a clear error when the corpus is missing). */
export async function buildPairs(name: PairSetName): Promise<LabeledPair[]> {
  const recipe = RECIPES[name];
  const rng = seeded(recipe.seed);
  copyCounter = name === 'main' ? 0 : 500000;
  const pool = await loadRecipePool(recipe);
  const q = recipe.quotas;
  const out: Built[] = [];
  const used = new Set<PoolRecord>();
  const byFile = new Map<string, PoolRecord[]>();
  for (const p of pool) {
    const list = byFile.get(p.file);
    if (list === undefined) byFile.set(p.file, [p]);
    else list.push(p);
  }

  // Translations first: they need the few records that carry a second language.
  const table = readTranslationTable();
  const bilingual = pool.map((p) => bilingualOf(p, table)).filter((b): b is Bilingual => b !== null);
  let translations = 0;
  for (let round = 0; round < 3 && translations < q.translations; round++) {
    for (const t of shuffled(rng, bilingual)) {
      if (translations >= q.translations) break;
      const built = translationPair(
        t,
        TRANSLATION_LINKS[(translations + round) % TRANSLATION_LINKS.length] ?? 'translationOfWork',
        rng,
      );
      if (built === null) continue;
      out.push(built);
      used.add(t.source);
      translations++;
    }
  }

  // Adaptations of real records that have a description.
  let adaptations = 0;
  for (const p of shuffled(rng, pool)) {
    if (adaptations >= q.adaptations) break;
    if (used.has(p) || words(descriptionOf(p.record)).length < 15) continue;
    const built = adaptationPair(
      p,
      ADAPTATION_LINKS[adaptations % ADAPTATION_LINKS.length] ?? 'statement',
      rng,
    );
    if (built === null) continue;
    out.push(built);
    used.add(p);
    adaptations++;
  }

  // Copies of real records.
  let same = 0;
  for (const p of shuffled(rng, pool)) {
    if (same >= q.same) break;
    if (used.has(p)) continue;
    const built = makeCopy(p, rng);
    if (built === null) continue;
    out.push(built);
    used.add(p);
    same++;
  }

  // Real series: records of one file whose titles differ only in numbers, months or volume words.
  const seriesPairs: Built[] = [];
  for (const list of byFile.values()) {
    const groups = new Map<string, PoolRecord[]>();
    for (const p of list) {
      const key = skeleton(titleOf(p.record));
      if (key === '' || key === words(titleOf(p.record)).join(' ')) continue;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [p]);
      else g.push(p);
    }
    for (const g of groups.values()) {
      for (let i = 0; i + 1 < g.length && i < 6; i++) {
        const x = g[i] as PoolRecord;
        const y = g[i + 1] as PoolRecord;
        if (
          numberWords(titleOf(x.record)) === numberWords(titleOf(y.record)) ||
          strongOverlap(x.record, y.record)
        )
          continue;
        seriesPairs.push({
          a: x.record,
          b: y.record,
          relation: 'different',
          note: `different: real series "${titleOf(x.record)}" / "${titleOf(y.record)}"`,
        });
      }
    }
  }
  out.push(...shuffled(rng, seriesPairs).slice(0, q.series));

  // Real neighbours: the most similar titles among nearby records of one file.
  const neighbourPairs: { built: Built; score: number }[] = [];
  for (const list of byFile.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < Math.min(list.length, i + 40); j++) {
        const x = list[i] as PoolRecord;
        const y = list[j] as PoolRecord;
        const score = wordDice(titleOf(x.record), titleOf(y.record));
        if (
          score < 0.3 ||
          skeleton(titleOf(x.record)) === skeleton(titleOf(y.record)) ||
          strongOverlap(x.record, y.record)
        )
          continue;
        // Near-identical titles by the same people may be one resource: left to the reviewed same-title rules.
        if (score >= 0.8 && !authorsDiffer(x.record, y.record)) continue;
        // A title inside another with "remix"/"adapted"/"version" added is an undeclared adaptation: no clear label.
        if (undeclaredAdaptation(titleOf(x.record), titleOf(y.record))) continue;
        neighbourPairs.push({
          built: {
            a: x.record,
            b: y.record,
            relation: 'different',
            note: `different: real neighbours (title overlap ${score.toFixed(2)})`,
          },
          score,
        });
      }
    }
  }
  neighbourPairs.sort((x, y) => y.score - x.score);
  out.push(...neighbourPairs.slice(0, q.neighbours).map((n) => n.built));

  // Real records of one file with the same (folded) title. Labels, as a demanding librarian would read
  // them: the same address -> same (one record harvested twice); same authors and the same abstract, or
  // one abstract missing -> same (a repository's duplicate records of one paper); no author in common, or
  // two substantially different abstracts -> different (namesakes, modules of one course). Same authors
  // with different abstracts (versions of a paper) and records without authors or abstracts are left out.
  const realSame: Built[] = [];
  const realNamesakes: Built[] = [];
  let harvestedTwice = 0;
  for (const list of byFile.values()) {
    const groups = new Map<string, PoolRecord[]>();
    for (const p of list) {
      const key = words(titleOf(p.record)).join(' ');
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [p]);
      else g.push(p);
    }
    for (const g of groups.values()) {
      for (let i = 0; i + 1 < g.length && i < 4; i++) {
        const x = (g[i] as PoolRecord).record;
        const y = (g[i + 1] as PoolRecord).record;
        if (AMBIGUOUS_TITLES.has(words(titleOf(x)).join(' '))) continue;
        const wx = words(descriptionOf(x));
        const wy = words(descriptionOf(y));
        const abstracts = wx.length >= 15 && wy.length >= 15 ? wordContainment(wx, wy) : null;
        const cx = creatorTokens(x);
        const cy = creatorTokens(y);
        const bothKnown = cx.size > 0 && cy.size > 0;
        const shared = bothKnown && [...cx].some((t) => cy.has(t));
        if (strongOverlap(x, y)) {
          if (harvestedTwice++ < 8)
            realSame.push({
              a: x,
              b: y,
              relation: 'same',
              note: 'same: real record harvested twice (same address)',
            });
        } else if (bothKnown && !shared) {
          realNamesakes.push({
            a: x,
            b: y,
            relation: 'different',
            note: `different: real namesakes by other authors "${titleOf(x)}"`,
          });
        } else if (shared) {
          const oneMissing = (wx.length === 0) !== (wy.length === 0) && Math.max(wx.length, wy.length) >= 15;
          if (words(titleOf(x)).length >= 4 && ((abstracts !== null && abstracts >= 0.9) || oneMissing)) {
            realSame.push({
              a: x,
              b: y,
              relation: 'same',
              note: `same: real duplicate records in one repository (abstracts ${abstracts === null ? 'one missing' : abstracts.toFixed(2)})`,
            });
          }
        } else if (abstracts !== null && abstracts < 0.5) {
          realNamesakes.push({
            a: x,
            b: y,
            relation: 'different',
            note: `different: real records with one title, other contents (abstracts ${abstracts.toFixed(2)})`,
          });
        }
      }
    }
  }
  out.push(...shuffled(rng, realSame).slice(0, q.realSame));
  out.push(...shuffled(rng, realNamesakes).slice(0, q.realNamesakes));

  // Same author, other work (real).
  const authorPairs: Built[] = [];
  for (const list of byFile.values()) {
    const byAuthor = new Map<string, PoolRecord>();
    for (const p of list) {
      for (const family of creatorNames(p.record)) {
        const earlier = byAuthor.get(family);
        if (
          earlier !== undefined &&
          titleOf(earlier.record) !== titleOf(p.record) &&
          !strongOverlap(earlier.record, p.record)
        ) {
          authorPairs.push({
            a: earlier.record,
            b: p.record,
            relation: 'different',
            note: `different: same author (${family}), another work`,
          });
        }
        byAuthor.set(family, p);
      }
    }
  }
  out.push(...shuffled(rng, authorPairs).slice(0, q.sameAuthor));

  // Synthetic hard negatives from real records.
  const candidates = shuffled(
    rng,
    pool.filter((p) => !used.has(p)),
  );
  let cursor = 0;
  const next = (filter: (p: PoolRecord) => boolean): PoolRecord | null => {
    for (let tries = 0; tries < candidates.length; tries++) {
      const p = candidates[cursor % candidates.length] as PoolRecord;
      cursor++;
      if (filter(p)) return p;
    }
    return null;
  };
  const withDescriptionText = (p: PoolRecord): boolean => words(descriptionOf(p.record)).length >= 15;
  for (let i = 0; i < q.numbered; i++) {
    const p = next(withDescriptionText);
    const built = p === null ? null : numberedSiblings(p, rng);
    if (built !== null) out.push(built);
  }
  for (let i = 0; i < q.versions; i++) {
    const p = next(withDescriptionText);
    if (p !== null) out.push(versionPair(p, rng));
  }
  for (let i = 0; i < q.sameTitleOtherAuthor; i++) {
    const p = next(hasCreators);
    const other =
      p === null
        ? null
        : next(
            (x) =>
              hasCreators(x) &&
              x.file === p.file &&
              x !== p &&
              creatorNames(x.record).size > 0 &&
              [...creatorNames(x.record)].every((n) => !creatorNames(p.record).has(n)),
          );
    if (p !== null && other !== null) out.push(sameTitleOtherAuthor(p, other, rng));
  }
  for (let i = 0; i < q.genericTitle; i++) {
    const p = next(withDescriptionText);
    const other =
      p === null
        ? null
        : next((x) => withDescriptionText(x) && textLanguage(x.record) === textLanguage(p.record) && x !== p);
    if (p !== null && other !== null) out.push(genericTitlePair(p, other, rng));
  }
  for (let i = 0; i < q.otherLanguage; i++) {
    const p = next(withDescriptionText);
    const other =
      p === null
        ? null
        : next((x) => textLanguage(x.record) !== textLanguage(p.record) && textLanguage(x.record) !== 'und');
    if (p !== null && other !== null)
      out.push({
        a: p.record,
        b: other.record,
        relation: 'different',
        note: 'different: unrelated records in two languages',
      });
  }

  // One pair of records once, whichever way round.
  const seen = new Map<ResourceRecord, number>();
  const idOf = (r: ResourceRecord): number => {
    const known = seen.get(r);
    if (known !== undefined) return known;
    seen.set(r, seen.size);
    return seen.size - 1;
  };
  const pairsSeen = new Set<string>();
  const unique: Built[] = [];
  for (const b of out) {
    const [x, y] = [idOf(b.a), idOf(b.b)].sort((m, n) => m - n);
    const key = `${x}:${y}`;
    if (pairsSeen.has(key)) continue;
    pairsSeen.add(key);
    unique.push(b);
  }
  return unique.map((b) => ({ a: b.a, b: b.b, relation: b.relation, note: b.note }));
}

// Printing a set for review: node --import tsx test/dedupe/build-pairs.ts main
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const name = process.argv[2] === 'heldout' ? 'heldout' : 'main';
  const pairs = await buildPairs(name);
  for (const p of pairs) process.stdout.write(`${JSON.stringify(p)}\n`);
}
