// The shapes of one parsed OAI-PMH response page, as the harvester consumes them. Values are kept as the
// provider gave them (trimmed), with parsed companions where a harvester must compute with them (datestamps).
// Pure types and constants; never performs I/O.
import type { ErrorCode } from '../../domain/errors.js';

export const OAI_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/';

export const OAI_VERBS = [
  'Identify',
  'ListMetadataFormats',
  'ListSets',
  'ListIdentifiers',
  'ListRecords',
  'GetRecord',
] as const;
export type OaiVerb = (typeof OAI_VERBS)[number];

/** The error codes of OAI-PMH 2.0; providers also send codes of their own, which are kept as given. */
export const OAI_ERROR_CODES = [
  'badArgument',
  'badResumptionToken',
  'badVerb',
  'cannotDisseminateFormat',
  'idDoesNotExist',
  'noRecordsMatch',
  'noMetadataFormats',
  'noSetHierarchy',
] as const;

export interface OaiError {
  /** As sent; usually one of OAI_ERROR_CODES. */
  readonly code: string;
  readonly message: string;
}

/** The `<request>` element: what the provider says it was asked. */
export interface OaiRequestEcho {
  /** The verb attribute, or null when absent (providers omit it on badVerb). */
  readonly verb: string | null;
  /** Every other attribute, as given. */
  readonly arguments: Readonly<Record<string, string>>;
  /** The element's text: the base URL, trimmed. */
  readonly baseUrl: string;
}

export interface OaiIdentify {
  readonly repositoryName: string;
  readonly baseURL: string;
  readonly protocolVersion: string;
  /** As given; `earliestDatestampIso` is the same instant as an ISO timestamp, or null if unreadable. */
  readonly earliestDatestamp: string;
  readonly earliestDatestampIso: string | null;
  /** "no", "transient" or "persistent" as given. */
  readonly deletedRecord: string;
  /** "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ" as given. */
  readonly granularity: string;
  readonly compression: string[];
  readonly adminEmail: string[];
}

export interface OaiMetadataFormat {
  readonly prefix: string;
  readonly schema: string;
  readonly namespace: string;
}

export interface OaiSet {
  readonly spec: string;
  readonly name: string;
}

export interface OaiHeader {
  /** Empty when the provider left it out (the record then fails on its own in parseOaiPage). */
  readonly identifier: string;
  /** As given (trimmed); `datestampIso` is the parsed instant in UTC, or null when unreadable. */
  readonly datestamp: string;
  readonly datestampIso: string | null;
  /** Unique, in the order given. */
  readonly setSpecs: string[];
  readonly deleted: boolean;
}

export interface OaiRecord {
  readonly header: OaiHeader;
  /**
   * The exact source text of the metadata payload (the single child of `<metadata>`), with the namespace
   * declarations it uses from outside added to its start tag so it parses on its own. When a provider puts
   * several elements directly in `<metadata>`, this is the `<metadata>` element itself (see `notes`).
   * Null for deleted records and for ListIdentifiers headers.
   */
  readonly metadataXml: string | null;
  /** Namespace URI of the payload's root element (of its first element when there are several). */
  readonly metadataNamespace: string | null;
  /** Local name of the payload's root element, which tells formats apart when namespaces are missing. */
  readonly metadataLocalName: string | null;
  /** The exact text of the whole `<record>` (or `<header>` for ListIdentifiers), for storage, made standalone the same way. */
  readonly recordXml: string;
  /** Oddities of this record that were tolerated, e.g. "metadata-several-children". */
  readonly notes: string[];
}

export interface OaiResumptionToken {
  /** The token, trimmed; "" when the element is empty, which means the list is complete. */
  readonly value: string;
  readonly completeListSize?: number;
  readonly cursor?: number;
  readonly expirationDate?: string;
}

/** One OAI-PMH response page. Sections that do not apply to the verb are empty. */
export interface OaiPage {
  /** The verb of the body element found; null when the page carries only errors. */
  readonly verb: OaiVerb | null;
  readonly responseDate: string;
  readonly responseDateIso: string | null;
  readonly request: OaiRequestEcho;
  readonly errors: OaiError[];
  readonly identify: OaiIdentify | null;
  readonly metadataFormats: OaiMetadataFormat[];
  readonly sets: OaiSet[];
  /** GetRecord, ListRecords and ListIdentifiers items, in page order. */
  readonly records: OaiRecord[];
  /** Null when absent; an empty `value` marks the end of the list. */
  readonly resumptionToken: OaiResumptionToken | null;
  /** What was tolerated on this page, e.g. "no-oai-namespace", "doctype-ignored". */
  readonly repairs: string[];
}

/** What happened to one item of a page: kept, or failed on its own with a classified reason. */
export type OaiRecordOutcome =
  | { readonly index: number; readonly status: 'ok'; readonly record: OaiRecord }
  | {
      readonly index: number;
      readonly status: 'failed';
      readonly code: ErrorCode;
      readonly reason: string;
      /** The record's text as found, for quarantine. */
      readonly rawXml: string;
      readonly identifier?: string;
    };

export interface QuarantinedRecord {
  /** Position of the record in the page (0-based). */
  readonly index: number;
  readonly code: ErrorCode;
  readonly reason: string;
  readonly rawXml: string;
  readonly identifier?: string;
}

/**
 * Whether the end of a salvaged list is known: "intact" (a resumptionToken element was read), "absent" (the
 * list element closed without a token: the list is complete) or "unreadable" (the page was cut before the
 * end; the harvester must not take a missing token as the end of the list).
 */
export type TokenStatus = 'intact' | 'absent' | 'unreadable';

export interface SalvageResult {
  /** The page rebuilt from the parts that could be read, with the records that could be recovered. */
  readonly page: OaiPage;
  /** The page-order index of each entry of `page.records` (the quarantined ones fill the gaps). */
  readonly recordIndexes: number[];
  readonly quarantined: QuarantinedRecord[];
  /** Why the page needed salvage (the strict parser's complaint). */
  readonly reason: string;
  readonly tokenStatus: TokenStatus;
}

export interface ParsedOaiPage {
  readonly page: OaiPage;
  /** One outcome per item found on the page, in page order; `page.records` holds the ok ones. */
  readonly outcomes: OaiRecordOutcome[];
  /** True when the page was not well-formed and was rebuilt by salvage. */
  readonly salvaged: boolean;
  readonly salvageReason?: string;
  readonly tokenStatus: TokenStatus;
}
