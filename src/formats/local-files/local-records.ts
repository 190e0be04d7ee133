// What a local file holds, for `oer-atlas import`: the kind of file (from its name, its first bytes, or the
// format the source forces), and for XML files the records in them: OAI-PMH responses (each record with
// its OAI identifier; deleted headers as deletions), bare oai_dc and LOM records (one a file, known by
// their identifier when it is globally unique, else by the file's path), IMS content packages whose
// manifest carries LOM (or names the file that does), and RSS/Atom feeds. HTML, JSON, NDJSON and CSV files
// are read by their own readers. Pure; never performs I/O (the harvester reads the files).
import { AtlasError, isAtlasError } from '../../domain/errors.js';
import { parseFeed } from '../feed/parse-feed.js';
import { identifierPairs, kid } from '../lom/lom-read.js';
import { classifyIdentifier, mapperFor } from '../mapping.js';
import { parseOaiPage } from '../oai-pmh/salvage.js';
import { parseXml, rootElementOffset, standaloneXml, type XmlElement } from '../xml/xml-tree.js';

export type LocalFormat = 'xml' | 'html' | 'json' | 'ndjson' | 'csv' | 'unsupported';

export type LocalRecord =
  | {
      readonly kind: 'record';
      readonly sourceRecordId: string;
      readonly sourceDatestamp: string | null;
      readonly rawFormat: string;
      readonly raw: string;
    }
  | {
      readonly kind: 'deleted';
      readonly sourceRecordId: string;
      readonly sourceDatestamp: string | null;
      readonly rawFormat: string;
      readonly raw: string;
    }
  | {
      readonly kind: 'broken';
      readonly sourceRecordId: string | null;
      readonly rawFormat: string;
      readonly raw: string;
      readonly code: string;
      readonly message: string;
    };

export interface LocalXmlResult {
  readonly records: LocalRecord[];
  /** What the file turned out to be: "oai-pmh", "feed", "oai_dc", "lom", "ims-manifest", "html"... */
  readonly kind: string;
  /** An IMS manifest that keeps its LOM in another file: that file's path, relative to the manifest. */
  readonly metadataLocation?: string;
  /** Items of the file that are no records (ListIdentifiers headers, an Identify answer...). */
  readonly skipped: number;
}

const FORCED: Readonly<Record<string, LocalFormat>> = {
  'oai-pmh': 'xml',
  oai_dc: 'xml',
  lom: 'xml',
  ims: 'xml',
  xml: 'xml',
  rss: 'xml',
  atom: 'xml',
  feed: 'xml',
  html: 'html',
  json: 'json',
  jsonld: 'json',
  'amb-jsonld': 'json',
  amb: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  csv: 'csv',
};

/** The formats a `file` source may force with `format`. */
export const FORCEABLE_FORMATS: readonly string[] = Object.keys(FORCED);

/** The format a forced `format` names, or null when the source forces none; throws for unknown names. */
export function forcedFormat(format: string | null): LocalFormat | null {
  if (format === null || format.trim() === '') return null;
  const found = FORCED[format.trim().toLowerCase()];
  if (found === undefined) {
    throw new AtlasError(
      'invalid_parameter',
      `"${format}" is not a format files can be read as (one of: ${FORCEABLE_FORMATS.join(', ')}).`,
      { details: { format } },
    );
  }
  return found;
}

/** The file's name without a trailing ".gz". */
export function innerName(name: string): string {
  return name.toLowerCase().replace(/\.gz$/, '');
}

/** Detects what a file is from its name and first bytes (already decompressed). */
export function detectLocalFormat(name: string, head: Buffer, forced: LocalFormat | null): LocalFormat {
  if (forced !== null) return forced;
  const lower = innerName(name);
  const ext = /\.([a-z0-9-]+)$/.exec(lower)?.[1] ?? '';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  const text = head
    .subarray(0, 8192)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (ext === 'json' || ext === 'jsonld' || ext === 'json-ld') return 'json';
  if (/^<!doctype\s+html|^<html[\s>]/i.test(text)) return 'html';
  if (text.startsWith('<')) return 'xml';
  if (['xml', 'rss', 'atom', 'rdf'].includes(ext)) return 'xml';
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  return 'unsupported';
}

/** An identifier good enough to know a record by across files: a URI, DOI, handle, URN or OAI id. */
function globalIdentifier(value: string): string | null {
  const trimmed = value.trim();
  if (/^oai:[^\s]+$/i.test(trimmed) && trimmed.length <= 2048) return trimmed;
  const id = classifyIdentifier(trimmed);
  if (id === null || id.kind === 'other' || id.kind === 'isbn') return null;
  return trimmed.length <= 2048 ? trimmed : null;
}

function dcIdentifier(root: XmlElement): string | null {
  const queue: XmlElement[] = [root];
  for (let e = queue.shift(); e !== undefined; e = queue.shift()) {
    for (const child of e.children) {
      if (child.local === 'identifier' && /purl\.org\/dc\//.test(child.uri)) {
        const id = globalIdentifier(child.text);
        if (id !== null) return id;
      }
      if (queue.length < 1000) queue.push(child);
    }
  }
  return null;
}

function lomIdentifier(lom: XmlElement): string | null {
  for (const pair of identifierPairs(kid(lom, 'general'))) {
    const id = globalIdentifier(pair.entry);
    if (id !== null) return id;
  }
  return null;
}

/** The first element with this local name at most `depth` levels below `element`. */
function findLocal(element: XmlElement, local: string, depth: number): XmlElement | undefined {
  for (const child of element.children) {
    if (child.local.toLowerCase() === local) return child;
  }
  if (depth === 0) return undefined;
  for (const child of element.children) {
    const found = findLocal(child, local, depth - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function oaiRecords(text: string, path: string, maxRecordChars: number): LocalXmlResult {
  const parsed = parseOaiPage(text, { maxRecordChars });
  const prefix = parsed.page.request.arguments['metadataPrefix'] ?? 'oai_dc';
  const records: LocalRecord[] = [];
  let skipped = 0;
  for (const outcome of parsed.outcomes) {
    if (outcome.status === 'failed') {
      records.push({
        kind: 'broken',
        sourceRecordId: outcome.identifier ?? `${path}#${outcome.index + 1}`,
        rawFormat: prefix,
        raw: outcome.rawXml,
        code: outcome.code,
        message: outcome.reason,
      });
      continue;
    }
    const r = outcome.record;
    const mapper = mapperFor(r.metadataNamespace, r.metadataLocalName);
    if (r.header.deleted) {
      records.push({
        kind: 'deleted',
        sourceRecordId: r.header.identifier,
        sourceDatestamp: r.header.datestamp === '' ? null : r.header.datestamp,
        rawFormat: mapper ?? prefix,
        raw: r.recordXml,
      });
      continue;
    }
    if (r.metadataXml === null) {
      skipped++;
      continue;
    }
    if (mapper === null) {
      records.push({
        kind: 'broken',
        sourceRecordId: r.header.identifier,
        rawFormat: prefix,
        raw: r.metadataXml,
        code: 'unsupported_format',
        message: `The metadata of ${r.header.identifier} is <${r.metadataLocalName ?? '?'}> in ${r.metadataNamespace ?? 'no namespace'}, a format without a mapper.`,
      });
      continue;
    }
    records.push({
      kind: 'record',
      sourceRecordId: r.header.identifier,
      sourceDatestamp: r.header.datestamp === '' ? null : r.header.datestamp,
      rawFormat: mapper,
      raw: r.metadataXml,
    });
  }
  if (records.length === 0 && parsed.page.records.length === 0) skipped++;
  return { records, kind: 'oai-pmh', skipped };
}

function feedRecords(text: string, path: string, maxRecordChars: number): LocalXmlResult {
  const feed = parseFeed(text, { maxRecordChars });
  const rawFormat = feed.kind === 'atom' ? 'atom-entry' : 'rss-item';
  const records: LocalRecord[] = feed.entries.map((entry, i) =>
    entry.sourceRecordId === null
      ? {
          kind: 'broken',
          sourceRecordId: `${path}#item-${i + 1}`,
          rawFormat,
          raw: entry.raw,
          code: 'invalid_record',
          message: `Item ${i + 1} of ${path} has no guid, id or link to be known by.`,
        }
      : {
          kind: 'record',
          sourceRecordId: entry.sourceRecordId,
          sourceDatestamp: entry.datestamp,
          rawFormat: entry.rawFormat,
          raw: entry.raw,
        },
  );
  for (const p of feed.problems) {
    records.push({
      kind: 'broken',
      sourceRecordId: p.sourceRecordId,
      rawFormat,
      raw: p.raw,
      code: p.code,
      message: p.message,
    });
  }
  return { records, kind: 'feed', skipped: 0 };
}

function manifestRecords(text: string, root: XmlElement, path: string): LocalXmlResult {
  const metadata = root.children.find((c) => c.local === 'metadata');
  const lom = metadata === undefined ? undefined : findLocal(metadata, 'lom', 3);
  if (lom !== undefined) {
    return {
      records: [
        {
          kind: 'record',
          sourceRecordId: lomIdentifier(lom) ?? path,
          sourceDatestamp: null,
          rawFormat: 'lom',
          raw: standaloneXml(text, lom),
        },
      ],
      kind: 'ims-manifest',
      skipped: 0,
    };
  }
  const location = metadata?.children.find((c) => c.local === 'location')?.text.trim() ?? '';
  if (location !== '') return { records: [], kind: 'ims-manifest', metadataLocation: location, skipped: 0 };
  return {
    records: [
      {
        kind: 'broken',
        sourceRecordId: path,
        rawFormat: 'lom',
        raw: text.slice(0, 10_000),
        code: 'not_a_document',
        message: `The IMS manifest ${path} carries no LOM metadata and names no metadata file.`,
      },
    ],
    kind: 'ims-manifest',
    skipped: 0,
  };
}

function brokenFile(path: string, text: string, code: string, message: string): LocalXmlResult {
  return {
    records: [
      { kind: 'broken', sourceRecordId: path, rawFormat: 'xml', raw: text.slice(0, 10_000), code, message },
    ],
    kind: 'xml',
    skipped: 0,
  };
}

/**
 * The records of an XML file (see the file comment). `kind` "html" means the file is XHTML and should be
 * read for JSON-LD instead. Never throws for bad content: it becomes a broken record with the file's path.
 */
export function localXmlRecords(text: string, path: string, maxRecordChars: number): LocalXmlResult {
  const start = rootElementOffset(text);
  const rootName =
    start === -1 ? '' : (/^<(?:[\w.-]+:)?([\w.-]+)/.exec(text.slice(start, start + 200))?.[1] ?? '');
  try {
    if (rootName === 'OAI-PMH') return oaiRecords(text, path, maxRecordChars);
    if (rootName === 'rss' || rootName === 'feed' || rootName === 'RDF')
      return feedRecords(text, path, maxRecordChars);
    const doc = parseXml(text);
    const root = doc.root;
    if (root.local.toLowerCase() === 'html') return { records: [], kind: 'html', skipped: 0 };
    if (root.local === 'manifest') return manifestRecords(text, root, path);
    const mapper = mapperFor(root.uri === '' ? null : root.uri, root.local);
    if (mapper === null) {
      return brokenFile(
        path,
        text,
        'unsupported_format',
        `${path} is XML with the root element <${root.name}>${root.uri === '' ? '' : ` (${root.uri})`}, which is no metadata format OER Atlas reads.`,
      );
    }
    const id = mapper === 'lom' ? lomIdentifier(root) : dcIdentifier(root);
    return {
      records: [
        {
          kind: 'record',
          sourceRecordId: id ?? path,
          sourceDatestamp: null,
          rawFormat: mapper,
          raw: text.length > maxRecordChars ? text : standaloneXml(text, root),
        },
      ],
      kind: mapper,
      skipped: 0,
    };
  } catch (error) {
    const code = isAtlasError(error) ? error.code : 'xml_malformed';
    return brokenFile(
      path,
      text,
      code,
      `${path}: ${error instanceof Error ? error.message : 'unreadable XML'}`,
    );
  }
}
