// Loads real records of the shared corpus into the profile with the repository's own mappers (oai_dc and
// DSpace qdc/nsdl_dc through mapOaiDc, IEEE LOM and OBAA through mapLom, CSV rows through mapCsvRow), for
// the labeled duplicate pairs. Keeps the raw metadata of each record too, because repositories put a
// record's second-language title and abstract in repeated DC elements the profile has no place for.
// Test helper; reads files only. Throws a clear error when the corpus is missing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { readCsv } from '../../src/formats/csv/csv-read.js';
import { mapCsvRow } from '../../src/formats/csv/map-csv-row.js';
import { mapLom } from '../../src/formats/lom/map-lom.js';
import type { MappingContext } from '../../src/formats/mapping.js';
import { mapOaiDc } from '../../src/formats/oai-dc/map-oai-dc.js';
import { parseOaiPage } from '../../src/formats/oai-pmh/salvage.js';
import { basicNormalizers } from '../support/basic-normalizers.js';
import { SHARED_DIR } from '../support/shared-dir.js';

export const CORPUS_DIR = process.env.ATLAS_CORPUS_DIR ?? path.join(SHARED_DIR, 'corpus');

export interface PoolRecord {
  readonly record: ResourceRecord;
  /** The corpus file (relative path) and the record's position in it. */
  readonly file: string;
  readonly position: number;
  /** The raw metadata XML (null for CSV rows). */
  readonly raw: string | null;
}

const HARVESTED_AT = '2024-05-01T12:00:00Z';

function context(sourceId: string, sourceRecordId: string): MappingContext {
  return { sourceId, sourceRecordId, harvestedAt: HARVESTED_AT, normalize: basicNormalizers };
}

/** The corpus file's absolute path; throws a message naming what is missing and how to point at it. */
export function corpusFile(relative: string): string {
  const full = path.join(CORPUS_DIR, relative);
  if (!existsSync(full)) {
    throw new Error(
      `The shared test corpus is missing: ${full} does not exist. The duplicate-pair sets are built from it; ` +
        'set ATLAS_SHARED_DIR (or ATLAS_CORPUS_DIR) to the folder that holds it.',
    );
  }
  return full;
}

function sourceIdOf(relative: string): string {
  return path
    .basename(relative)
    .replace(/\.(?:xml|json|csv)$/, '')
    .slice(0, 60);
}

function mapPayload(localName: string | null, xml: string, ctx: MappingContext): ResourceRecord | null {
  try {
    return localName === 'lom' || localName === 'obaa' ? mapLom(xml, ctx) : mapOaiDc(xml, ctx);
  } catch {
    return null;
  }
}

/** The records of one OAI-PMH response file, in page order. */
export function loadOaiFile(relative: string): PoolRecord[] {
  const text = readFileSync(corpusFile(relative), 'utf8');
  const page = parseOaiPage(text).page;
  const out: PoolRecord[] = [];
  const sourceId = sourceIdOf(relative);
  page.records.forEach((r, position) => {
    if (r.metadataXml === null) return;
    const record = mapPayload(r.metadataLocalName, r.metadataXml, context(sourceId, r.header.identifier));
    if (record !== null) out.push({ record, file: relative, position, raw: r.metadataXml });
  });
  return out;
}

/** The NSDL records of the Learning Registry envelopes (nsdl_dc payloads). */
export function loadLearningRegistry(relative: string): PoolRecord[] {
  const doc = JSON.parse(readFileSync(corpusFile(relative), 'utf8')) as {
    documents?: { resource_data?: unknown; doc_ID?: unknown }[];
  };
  const out: PoolRecord[] = [];
  (doc.documents ?? []).forEach((d, position) => {
    if (typeof d.resource_data !== 'string') return;
    const id = typeof d.doc_ID === 'string' ? d.doc_ID : `doc-${position}`;
    const record = mapPayload('nsdl_dc', d.resource_data, context(sourceIdOf(relative), id));
    if (record !== null) out.push({ record, file: relative, position, raw: d.resource_data });
  });
  return out;
}

/** The rows of a CSV export, mapped through `settings` (a source's column mapping) like a CSV source. */
export async function loadCsv(
  relative: string,
  settings: Readonly<Record<string, unknown>> = {},
): Promise<PoolRecord[]> {
  const bytes = readFileSync(corpusFile(relative));
  const out: PoolRecord[] = [];
  for await (const event of readCsv([bytes], { maxRowChars: 1_000_000 })) {
    if (event.kind !== 'row') continue;
    try {
      const record = mapCsvRow(
        JSON.stringify(event.cells),
        context(sourceIdOf(relative), `row-${event.row}`),
        settings,
      );
      out.push({ record, file: relative, position: event.row, raw: null });
    } catch {
      // A row without a title is no record.
    }
  }
  return out;
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(raw: string): string {
  return raw
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
      dec !== undefined
        ? String.fromCodePoint(Number(dec))
        : hex !== undefined
          ? String.fromCodePoint(parseInt(hex, 16))
          : (NAMED[(name ?? '').toLowerCase()] ?? ''),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every value of a DC element (any prefix) in a raw payload, decoded, in document order. */
export function rawValues(raw: string, ...localNames: string[]): string[] {
  const out: string[] = [];
  for (const name of localNames) {
    const pattern = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`, 'g');
    for (const m of raw.matchAll(pattern)) {
      const value = decodeXmlText(m[1] ?? '');
      if (value !== '' && !out.includes(value)) out.push(value);
    }
  }
  return out;
}
