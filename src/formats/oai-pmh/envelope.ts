// Parses one OAI-PMH response page (already decoded to text) into an OaiPage: the request echo, errors,
// and the body of whichever verb the provider answered. It checks that the document really is OAI-PMH
// before trusting it (HTML error pages with status 200 are common) and keeps each record's exact source text
// so it can be stored and re-mapped later without harvesting again.
// Envelope elements are matched by local name: real providers drop the namespace, bind it to another URI,
// or prefix only some elements, and the structure is what matters. Never performs I/O and never maps
// metadata (that is the format mappers' job).
import { AtlasError } from '../../domain/errors.js';
import {
  attr,
  childByLocal,
  childrenByLocal,
  deepText,
  parseXml,
  rememberTree,
  standaloneXml,
  type XmlElement,
  type XmlParseOptions,
} from '../xml/xml-tree.js';
import {
  OAI_NAMESPACE,
  OAI_VERBS,
  type OaiError,
  type OaiHeader,
  type OaiIdentify,
  type OaiMetadataFormat,
  type OaiPage,
  type OaiRecord,
  type OaiRequestEcho,
  type OaiResumptionToken,
  type OaiSet,
  type OaiVerb,
} from './types.js';

const DATESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Reads an OAI-PMH datestamp leniently (day granularity, fractions of a second, a missing "Z", an offset)
 * and returns the instant as "YYYY-MM-DDThh:mm:ssZ" in UTC, or null when it is not a date at all.
 */
export function parseOaiDatestamp(raw: string): string | null {
  const m = DATESTAMP.exec(raw.trim());
  if (m === null) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let millis = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return null; // 31 February and friends
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    millis -= sign * offset * 60_000;
  }
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, 19)}Z`;
}

function textOf(element: XmlElement | undefined): string {
  return element === undefined ? '' : deepText(element).trim();
}

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function isVerb(local: string): local is OaiVerb {
  return (OAI_VERBS as readonly string[]).includes(local);
}

/** Root check shared with salvage: returns the repairs the root needs, or throws `not_oai_pmh`. */
export function checkOaiRoot(root: { local: string; uri: string; name: string }): string[] {
  if (root.local !== 'OAI-PMH') {
    throw new AtlasError(
      'not_oai_pmh',
      `The response is not an OAI-PMH document: its root element is <${root.name.slice(0, 64)}>.`,
      { details: { root: root.name.slice(0, 64) } },
    );
  }
  if (root.uri === OAI_NAMESPACE) return [];
  // Seen in the wild: no namespace at all (older toolkits, tests that strip it) and Learning Registry's
  // own namespace. The structure is still OAI-PMH, so the page is read and the oddity reported.
  return root.uri === '' ? ['no-oai-namespace'] : [`other-oai-namespace:${root.uri.slice(0, 200)}`];
}

export function readRequest(element: XmlElement | undefined): OaiRequestEcho {
  if (element === undefined) return { verb: null, arguments: {}, baseUrl: '' };
  const args: Record<string, string> = {};
  let verb: string | null = null;
  for (const a of element.attributes) {
    if (a.prefix !== '') continue;
    if (a.local === 'verb') verb = a.value.trim();
    else args[a.local] = a.value;
  }
  return { verb, arguments: args, baseUrl: textOf(element) };
}

export function readError(element: XmlElement): OaiError {
  return { code: (attr(element, 'code') ?? '').trim(), message: collapse(deepText(element)) };
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

export function readResumptionToken(element: XmlElement): OaiResumptionToken {
  const completeListSize = positiveInteger(attr(element, 'completeListSize'));
  const cursor = positiveInteger(attr(element, 'cursor'));
  const expirationDate = attr(element, 'expirationDate')?.trim();
  return {
    // Opaque, but the white space around it is layout (pretty-printed responses), never part of it.
    value: textOf(element),
    ...(completeListSize === undefined ? {} : { completeListSize }),
    ...(cursor === undefined ? {} : { cursor }),
    ...(expirationDate === undefined || expirationDate === '' ? {} : { expirationDate }),
  };
}

function readHeader(header: XmlElement | undefined): OaiHeader {
  if (header === undefined) {
    return { identifier: '', datestamp: '', datestampIso: null, setSpecs: [], deleted: false };
  }
  const datestamp = textOf(childByLocal(header, 'datestamp'));
  const setSpecs: string[] = [];
  for (const spec of childrenByLocal(header, 'setSpec')) {
    const value = textOf(spec);
    if (value !== '' && !setSpecs.includes(value)) setSpecs.push(value);
  }
  return {
    identifier: textOf(childByLocal(header, 'identifier')),
    datestamp,
    datestampIso: datestamp === '' ? null : parseOaiDatestamp(datestamp),
    setSpecs,
    deleted: attr(header, 'status')?.trim() === 'deleted',
  };
}

/**
 * Reads one `<record>` (or, for ListIdentifiers, one `<header>`) of a page whose text is `source`.
 * `outer` carries namespace bindings declared outside the parsed text (used by salvage).
 */
export function readRecord(
  element: XmlElement,
  source: string,
  outer?: Readonly<Record<string, string>>,
): OaiRecord {
  const notes: string[] = [];
  const isHeaderOnly = element.local === 'header';
  const header = readHeader(isHeaderOnly ? element : childByLocal(element, 'header'));
  let metadataXml: string | null = null;
  let metadataNamespace: string | null = null;
  let metadataLocalName: string | null = null;
  const metadata = isHeaderOnly ? undefined : childByLocal(element, 'metadata');
  if (metadata !== undefined) {
    const payload = metadata.children;
    const first = payload[0];
    if (header.deleted) {
      notes.push('deleted-with-metadata');
    } else if (first === undefined) {
      notes.push('metadata-empty');
    } else {
      metadataNamespace = first.uri;
      metadataLocalName = first.local;
      // eduCAPES (DSpace XOAI qdc) puts each dc:* element directly in <metadata>. Those are kept together
      // by handing over the <metadata> element itself; the DC mapper reads the elements under it.
      const payloadRoot = payload.length === 1 ? first : metadata;
      if (payload.length > 1) notes.push('metadata-several-children');
      metadataXml = standaloneXml(source, payloadRoot, outer);
      rememberTree(metadataXml, payloadRoot);
    }
  } else if (!isHeaderOnly && !header.deleted) {
    notes.push('metadata-missing');
  }
  return {
    header,
    metadataXml,
    metadataNamespace,
    metadataLocalName,
    recordXml: standaloneXml(source, element, outer),
    notes,
  };
}

function readIdentify(element: XmlElement): OaiIdentify {
  const earliestDatestamp = textOf(childByLocal(element, 'earliestDatestamp'));
  return {
    repositoryName: collapse(textOf(childByLocal(element, 'repositoryName'))),
    baseURL: textOf(childByLocal(element, 'baseURL')),
    protocolVersion: textOf(childByLocal(element, 'protocolVersion')),
    earliestDatestamp,
    earliestDatestampIso: earliestDatestamp === '' ? null : parseOaiDatestamp(earliestDatestamp),
    deletedRecord: textOf(childByLocal(element, 'deletedRecord')),
    granularity: textOf(childByLocal(element, 'granularity')),
    compression: childrenByLocal(element, 'compression')
      .map(textOf)
      .filter((v) => v !== ''),
    adminEmail: childrenByLocal(element, 'adminEmail')
      .map(textOf)
      .filter((v) => v !== ''),
  };
}

function readMetadataFormat(element: XmlElement): OaiMetadataFormat {
  return {
    prefix: textOf(childByLocal(element, 'metadataPrefix')),
    schema: textOf(childByLocal(element, 'schema')),
    namespace: textOf(childByLocal(element, 'metadataNamespace')),
  };
}

function readSet(element: XmlElement): OaiSet {
  return {
    spec: textOf(childByLocal(element, 'setSpec')),
    name: collapse(textOf(childByLocal(element, 'setName'))),
  };
}

/** The items of a list or GetRecord body: `<record>`s, or `<header>`s for ListIdentifiers. */
export function itemLocalName(verb: OaiVerb): 'record' | 'header' | null {
  switch (verb) {
    case 'ListRecords':
    case 'GetRecord':
      return 'record';
    case 'ListIdentifiers':
      return 'header';
    case 'Identify':
    case 'ListMetadataFormats':
    case 'ListSets':
      return null;
  }
}

export function emptyPage(): OaiPage {
  return {
    verb: null,
    responseDate: '',
    responseDateIso: null,
    request: { verb: null, arguments: {}, baseUrl: '' },
    errors: [],
    identify: null,
    metadataFormats: [],
    sets: [],
    records: [],
    resumptionToken: null,
    repairs: [],
  };
}

export interface ParseOaiOptions {
  /** Caps for the XML tree (depth, element count). */
  readonly xml?: XmlParseOptions;
}

/**
 * Parses a well-formed OAI-PMH page. Throws `not_oai_pmh` for anything else that is well-formed (an XHTML
 * error page, another XML format), `xml_malformed` / `xml_dtd_refused` / `response_too_large` from the XML
 * layer; parseOaiPage (salvage.ts) catches the XML failures and recovers the complete records.
 */
export function parseOaiResponse(text: string, options: ParseOaiOptions = {}): OaiPage {
  const doc = parseXml(text, options.xml);
  const repairs = [...checkOaiRoot(doc.root), ...doc.repairs];
  if (doc.doctype !== null) repairs.push('doctype-ignored');

  let verb: OaiVerb | null = null;
  let body: XmlElement | undefined;
  let responseDate = '';
  let request: OaiRequestEcho | undefined;
  const errors: OaiError[] = [];
  for (const child of doc.root.children) {
    const local = child.local;
    if (local === 'responseDate') responseDate = textOf(child);
    else if (local === 'request') request = readRequest(child);
    else if (local === 'error') errors.push(readError(child));
    else if (isVerb(local)) {
      if (body === undefined) {
        verb = local;
        body = child;
      } else {
        repairs.push(`extra-verb-element:${local}`);
      }
    }
  }

  const page = {
    ...emptyPage(),
    verb,
    responseDate,
    responseDateIso: responseDate === '' ? null : parseOaiDatestamp(responseDate),
    request: request ?? readRequest(undefined),
    errors,
    repairs,
  };
  if (request !== undefined && verb !== null && request.verb !== null && request.verb !== verb) {
    repairs.push(`request-verb-mismatch:${request.verb.slice(0, 40)}`);
  }
  if (body === undefined || verb === null) return page;

  const tokenElement = childByLocal(body, 'resumptionToken');
  const resumptionToken = tokenElement === undefined ? null : readResumptionToken(tokenElement);
  switch (verb) {
    case 'Identify':
      return { ...page, identify: readIdentify(body) };
    case 'ListMetadataFormats':
      return { ...page, metadataFormats: childrenByLocal(body, 'metadataFormat').map(readMetadataFormat) };
    case 'ListSets':
      return { ...page, sets: childrenByLocal(body, 'set').map(readSet), resumptionToken };
    case 'ListIdentifiers':
    case 'ListRecords':
    case 'GetRecord': {
      const item = itemLocalName(verb) ?? 'record';
      const records = childrenByLocal(body, item).map((el) => readRecord(el, text));
      return { ...page, records, resumptionToken };
    }
  }
}
