// Deterministic OAI-PMH ListRecords pages for the ingest benchmark, built from the shapes of real records in
// the corpus: each generated record is a real harvested record with a new identifier and a numbered title,
// so parsing and mapping cost what real records cost.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DIR } from '../../test/support/shared-dir.js';
import { parseOaiResponse } from '../../src/formats/oai-pmh/envelope.js';
import { mapperFor } from '../../src/formats/mapping.js';
import { mapRawPayload, rawMappingContext } from '../../src/ingest/raw-mapping.js';
import type { Source } from '../../src/domain/catalog.js';

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

const CORPUS = process.env.ATLAS_CORPUS_DIR ?? path.join(SHARED_DIR, 'corpus');

/** Real ListRecords responses whose records serve as templates. */
const TEMPLATE_FILES: Readonly<Record<BenchFormat, readonly string[]>> = {
  oai_dc: [
    'oai-pmh/dspace-lume-ufrgs_ListRecords_oai_dc_100.xml',
    'oai-pmh/dspace-erasmus-2003_ListRecords_oai_dc.xml',
    'oai-pmh/arxiv_ListRecords_arXiv_set-cs.xml',
    'oai-pmh/sickle_ListRecords_page1.xml',
  ],
  lom: [
    'oai-pmh/lom/dspace-cesta_ListRecords_lom_simplified.xml',
    'oai-pmh/lom/edurep-meresco_ListRecords_lom_page1.xml',
    'oai-pmh/lom/anatomytool_ListRecords_nl_lom.xml',
    'oai-pmh/lom/feb-obaa_ListRecords_cesta.xml',
  ],
};

export interface Template {
  /** The record text with placeholders for identifier and datestamp. */
  readonly text: string;
}

/** Live records of the template files whose payload is the wanted format, ready to be renumbered. */
export function loadTemplates(format: BenchFormat): Template[] {
  const templates: Template[] = [];
  for (const file of TEMPLATE_FILES[format]) {
    let page;
    try {
      page = parseOaiResponse(readFileSync(path.join(CORPUS, file), 'utf8'));
    } catch {
      continue;
    }
    for (const record of page.records) {
      if (record.header.deleted || record.metadataXml === null) continue;
      // Only records the product maps: the benchmark measures ingest, not rejection.
      if (mapperFor(record.metadataNamespace, record.metadataLocalName) !== format) continue;
      try {
        mapRawPayload(
          format,
          record.metadataXml,
          rawMappingContext(BENCH_SOURCE, record.header.identifier, '2026-01-01T00:00:00Z', null),
        );
      } catch {
        continue;
      }
      const text = record.recordXml
        .replace(/(<(?:\w+:)?identifier>)[^<]*(<\/(?:\w+:)?identifier>)/, '$1@@ID@@$2')
        .replace(/(<(?:\w+:)?datestamp>)[^<]*(<\/(?:\w+:)?datestamp>)/, '$1@@DATE@@$2');
      if (!text.includes('@@ID@@')) continue;
      templates.push({ text });
    }
  }
  if (templates.length === 0) throw new Error(`no ${format} templates found under ${CORPUS}`);
  return templates;
}

/** The first day of the current month: every record is stamped inside the one (open) harvest window. */
export function benchEarliest(now = new Date()): string {
  return `${now.toISOString().slice(0, 8)}01T00:00:00Z`;
}

export function renderPage(
  templates: readonly Template[],
  format: BenchFormat,
  pageIndex: number,
  pageSize: number,
  total: number,
  baseUrl: string,
): string {
  const first = pageIndex * pageSize;
  const last = Math.min(total, first + pageSize);
  const date = benchEarliest();
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">',
    `<responseDate>${new Date().toISOString().slice(0, 19)}Z</responseDate>`,
    `<request verb="ListRecords" metadataPrefix="${format}">${baseUrl}</request><ListRecords>`,
  ];
  for (let n = first; n < last; n++) {
    const template = templates[n % templates.length];
    if (template === undefined) continue;
    parts.push(template.text.replace('@@ID@@', `oai:bench.example:${format}:${n}`).replace('@@DATE@@', date));
  }
  const token = last < total ? `p${pageIndex + 1}` : '';
  parts.push(`<resumptionToken completeListSize="${total}" cursor="${first}">${token}</resumptionToken>`);
  parts.push('</ListRecords></OAI-PMH>');
  return parts.join('\n');
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
