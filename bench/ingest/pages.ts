// Deterministic OAI-PMH ListRecords pages for the ingest benchmark: the records of the search benchmark's
// synthetic catalog (bench/search/generate.ts: shaped like the corpus's real records, in 25 languages and 8
// scripts, with duplicates, translations and skewed facets, a pure function of the seed and the record's
// number), written as a repository would serve them in oai_dc or IEEE LOM: one aggregator whose sets are the
// catalog's 40 sources. As in the corpus, about a quarter of the records declare no language (the product then
// detects it from their text), and each format carries only what it has room for (oai_dc has no education
// level; LOM has levels, resource types and contributors as vCards).
import type { Source } from '../../src/domain/catalog.js';
import type { ConceptValue, ResourceRecord } from '../../src/domain/profile.js';
import { createRecordGenerator, type GeneratedRecord } from '../search/generate.js';
import { hash32 } from '../search/prng.js';
import { readCorpusShapes } from '../search/shapes.js';

/** The source the benchmark's records are mapped for. */
export const BENCH_SOURCE: Source = {
  id: 'bench',
  name: 'Ingest benchmark',
  url: 'http://127.0.0.1/oai',
  protocol: 'oai-pmh',
  format: null,
  sets: [],
  excludeSets: [],
  schedule: 'manual',
  country: null,
  allowPrivateNetwork: true,
  settings: {},
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

export type BenchFormat = 'oai_dc' | 'lom';

export const INGEST_SEED = 'oer-atlas-ingest-bench-1';

/**
 * Share of records that declare their language, as in the corpus: of the records the product maps from the
 * corpus's OAI-PMH responses, 1,592 of 2,171 oai_dc records (73 %) and 555 of 730 LOM records (76 %) do.
 */
const DECLARED_LANGUAGE_SHARE: Readonly<Record<BenchFormat, number>> = { oai_dc: 0.73, lom: 0.76 };

export interface BenchPages {
  readonly format: BenchFormat;
  readonly total: number;
  readonly pageSize: number;
  readonly pageCount: number;
  /** ListRecords page `pageIndex` (0-based) as the provider at `baseUrl` serves it. */
  page(pageIndex: number, baseUrl: string): string;
}

/** The benchmark's `total` records in pages of `pageSize`, generated as each page is asked for. */
export async function benchPages(
  format: BenchFormat,
  total: number,
  pageSize: number,
  seed = INGEST_SEED,
): Promise<BenchPages> {
  const generator = createRecordGenerator(await readCorpusShapes(), { seed, normalize: false });
  const pageCount = Math.ceil(total / pageSize);
  return {
    format,
    total,
    pageSize,
    pageCount,
    page(pageIndex, baseUrl) {
      const first = pageIndex * pageSize;
      const last = Math.min(total, first + pageSize);
      const date = benchEarliest();
      const parts: string[] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">',
        `<responseDate>${new Date().toISOString().slice(0, 19)}Z</responseDate>`,
        `<request verb="ListRecords" metadataPrefix="${format}">${escapeXml(baseUrl)}</request><ListRecords>`,
      ];
      for (let n = first; n < last; n++) {
        const generated = generator.record(n);
        const declared = hash32(seed, n, 7) / 2 ** 32 < DECLARED_LANGUAGE_SHARE[format];
        parts.push(recordXml(format, generated, declared, date));
      }
      const token = last < total ? `p${pageIndex + 1}` : '';
      parts.push(`<resumptionToken completeListSize="${total}" cursor="${first}">${token}</resumptionToken>`);
      parts.push('</ListRecords></OAI-PMH>');
      return parts.join('\n');
    },
  };
}

/** One OAI-PMH <record> with the generated record's metadata in `format`. */
export function recordXml(
  format: BenchFormat,
  generated: GeneratedRecord,
  declaredLanguage: boolean,
  datestamp: string,
): string {
  const { input } = generated;
  const record = input.record as ResourceRecord;
  const metadata =
    format === 'oai_dc' ? oaiDcXml(record, declaredLanguage) : lomXml(record, declaredLanguage);
  return (
    `<record><header><identifier>${escapeXml(input.sourceRecordId)}</identifier>` +
    `<datestamp>${datestamp}</datestamp><setSpec>${escapeXml(input.sourceId)}</setSpec></header>` +
    `<metadata>${metadata}</metadata></record>`
  );
}

function oaiDcXml(record: ResourceRecord, declared: boolean): string {
  const out: string[] = [
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">',
  ];
  const element = (name: string, value: string, lang?: string) =>
    out.push(
      `<dc:${name}${lang === undefined ? '' : ` xml:lang="${escapeXml(lang)}"`}>${escapeXml(value)}</dc:${name}>`,
    );
  for (const [lang, title] of Object.entries(record.name ?? {}))
    element('title', title, declared ? lang : undefined);
  for (const agent of record.creator ?? []) element('creator', agent.name);
  for (const [lang, words] of Object.entries(record.keywords ?? {})) {
    for (const word of words) element('subject', word, declared ? lang : undefined);
  }
  for (const [lang, text] of Object.entries(record.description ?? {})) {
    element('description', text, declared ? lang : undefined);
  }
  for (const agent of record.publisher ?? []) element('publisher', agent.name);
  if (record.datePublished !== undefined) element('date', record.datePublished);
  for (const type of record.learningResourceType ?? []) element('type', labelOf(type, record));
  for (const file of record.encoding ?? []) {
    if (file.encodingFormat !== undefined) element('format', file.encodingFormat);
  }
  if (record.url !== undefined) element('identifier', record.url);
  if (declared) for (const tag of record.inLanguage ?? []) element('language', tag);
  for (const statement of record.license?.original ?? []) element('rights', statement);
  if (record.translationOfWork?.id !== undefined) element('relation', record.translationOfWork.id);
  out.push('</oai_dc:dc>');
  return out.join('');
}

function lomXml(record: ResourceRecord, declared: boolean): string {
  const langAttr = (lang: string) => (declared ? ` language="${escapeXml(lang)}"` : '');
  const strings = (map: Readonly<Record<string, string>>) =>
    Object.entries(map)
      .map(([lang, text]) => `<string${langAttr(lang)}>${escapeXml(text)}</string>`)
      .join('');
  const vocabulary = (name: string, value: string) =>
    `<${name}><source>LOMv1.0</source><value>${escapeXml(value)}</value></${name}>`;
  const out: string[] = ['<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general>'];
  if (record.url !== undefined) {
    out.push(`<identifier><catalog>URI</catalog><entry>${escapeXml(record.url)}</entry></identifier>`);
  }
  if (record.name !== undefined) out.push(`<title>${strings(record.name)}</title>`);
  if (declared) for (const tag of record.inLanguage ?? []) out.push(`<language>${escapeXml(tag)}</language>`);
  if (record.description !== undefined) out.push(`<description>${strings(record.description)}</description>`);
  for (const [lang, words] of Object.entries(record.keywords ?? {})) {
    for (const word of words) out.push(`<keyword>${strings({ [lang]: word })}</keyword>`);
  }
  out.push('</general><lifeCycle>');
  const contribute = (role: string, name: string, organization: boolean, date?: string) =>
    out.push(
      `<contribute>${vocabulary('role', role)}<entity>${escapeXml(vcard(name, organization))}</entity>` +
        (date === undefined ? '' : `<date><dateTime>${escapeXml(date)}</dateTime></date>`) +
        '</contribute>',
    );
  for (const agent of record.creator ?? []) {
    contribute('author', agent.name, agent.type === 'Organization', record.datePublished);
  }
  for (const agent of record.publisher ?? []) contribute('publisher', agent.name, true);
  out.push('</lifeCycle><technical>');
  for (const file of record.encoding ?? []) {
    if (file.encodingFormat !== undefined) out.push(`<format>${escapeXml(file.encodingFormat)}</format>`);
  }
  if (record.url !== undefined) out.push(`<location>${escapeXml(record.url)}</location>`);
  out.push('</technical><educational>');
  for (const type of record.learningResourceType ?? []) {
    out.push(vocabulary('learningResourceType', labelOf(type, record)));
  }
  for (const level of record.educationalLevel ?? []) out.push(vocabulary('context', labelOf(level, record)));
  out.push('</educational>');
  const statements = record.license?.original ?? [];
  if (statements.length > 0) {
    out.push(
      `<rights>${vocabulary('copyrightAndOtherRestrictions', 'yes')}<description>` +
        statements.map((s) => `<string>${escapeXml(s)}</string>`).join('') +
        '</description></rights>',
    );
  }
  if (record.translationOfWork?.id !== undefined) {
    out.push(
      `<relation>${vocabulary('kind', 'isbasedon')}<resource><identifier><catalog>URI</catalog>` +
        `<entry>${escapeXml(record.translationOfWork.id)}</entry></identifier></resource></relation>`,
    );
  }
  out.push('</lom>');
  return out.join('');
}

/** A concept as a source writes it: its label in the record's language, else in English, else its URI. */
function labelOf(concept: ConceptValue, record: ResourceRecord): string {
  const labels = concept.prefLabel ?? {};
  const lang = record.inLanguage?.[0] ?? 'en';
  return (
    labels[lang] ?? labels[lang.split('-')[0] ?? lang] ?? labels.en ?? Object.values(labels)[0] ?? concept.id
  );
}

/** A vCard 3.0 as LOM carries its contributors. */
function vcard(name: string, organization: boolean): string {
  const text = name.replace(/[\\,;]/g, (c) => `\\${c}`);
  return `BEGIN:VCARD\nVERSION:3.0\nFN:${text}\n${organization ? `ORG:${text}\n` : `N:${text};;;;\n`}END:VCARD`;
}

/** Text for XML: the five special characters escaped, characters XML 1.0 forbids dropped. */
function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** The first day of the current month: every record is stamped inside the one (open) harvest window. */
export function benchEarliest(now = new Date()): string {
  return `${now.toISOString().slice(0, 8)}01T00:00:00Z`;
}

export function identifyPage(baseUrl: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">' +
    `<responseDate>${new Date().toISOString().slice(0, 19)}Z</responseDate>` +
    `<request verb="Identify">${baseUrl}</request><Identify><repositoryName>Ingest benchmark</repositoryName>` +
    `<baseURL>${baseUrl}</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>bench@example.org</adminEmail>` +
    `<earliestDatestamp>${benchEarliest()}</earliestDatestamp><deletedRecord>persistent</deletedRecord>` +
    '<granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify></OAI-PMH>'
  );
}
