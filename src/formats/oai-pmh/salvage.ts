// Recovers what can be recovered from an OAI-PMH list page that is not well-formed: a truncated body, garbage
// after the root, an undefined entity or a never-closed element inside one record. The text is scanned for
// each record (with whatever prefix), every record is parsed on its own with the root's namespace bindings,
// the good ones are kept and the broken ones quarantined with their identifier when it can be read; the
// resumptionToken is recovered when it is intact. parseOaiPage puts strict parsing and salvage together and
// always answers with per-record outcomes, so one bad record never loses its page.
// Only list pages (ListRecords, ListIdentifiers, GetRecord) are salvaged: a broken Identify or ListSets is
// better refused than guessed. Never performs I/O, never expands entities, never trusts a cut-off token.
import { AtlasError, isAtlasError, type ErrorCode } from '../../domain/errors.js';
import { findTagEnd, parseXml, rootElementOffset, type XmlElement } from '../xml/xml-tree.js';
import {
  checkOaiRoot,
  emptyPage,
  itemLocalName,
  parseOaiDatestamp,
  parseOaiResponse,
  readError,
  readRecord,
  readRequest,
  readResumptionToken,
  type ParseOaiOptions,
} from './envelope.js';
import {
  OAI_VERBS,
  type OaiError,
  type OaiPage,
  type OaiRecord,
  type OaiRecordOutcome,
  type OaiRequestEcho,
  type OaiResumptionToken,
  type OaiVerb,
  type ParsedOaiPage,
  type QuarantinedRecord,
  type SalvageResult,
  type TokenStatus,
} from './types.js';

/** Largest record text kept; bigger records fail on their own with `response_too_large`. */
export const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024;

export interface ParsePageOptions extends ParseOaiOptions {
  readonly maxRecordChars?: number;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/**
 * End (offset after ">") of the element whose start tag begins at `start`, counting nested elements of the
 * same qualified name (MARCXML's unprefixed <record xmlns="..."> can sit inside an OAI <record>); -1 if it
 * never closes. A nested start tag of the same name without a namespace declaration is the next record, so
 * a record missing its end tag stops there instead of swallowing the rest of the page (which would also
 * make many such records cost quadratic time).
 */
function elementEnd(text: string, start: number, qname: string): number {
  const tagEnd = findTagEnd(text, start);
  if (tagEnd === -1) return -1;
  if (text.charAt(tagEnd - 1) === '/') return tagEnd + 1;
  const tags = new RegExp(`<(/?)${escapeRegExp(qname)}(?=[\\s>/])`, 'g');
  tags.lastIndex = tagEnd + 1;
  let depth = 1;
  for (let m = tags.exec(text); m !== null; m = tags.exec(text)) {
    const end = findTagEnd(text, m.index);
    if (end === -1) return -1;
    if (m[1] === '/') {
      depth--;
      if (depth === 0) return end + 1;
    } else if (!text.slice(m.index, end).includes('xmlns')) {
      return -1;
    } else if (text.charAt(end - 1) !== '/') {
      depth++;
    }
    tags.lastIndex = end + 1;
  }
  return -1;
}

interface Found {
  readonly start: number;
  readonly qname: string;
  readonly local: string;
}

/** The next start tag at or after `from` whose local name is one of `locals` (any prefix). */
function findStart(text: string, from: number, locals: readonly string[]): Found | null {
  const re = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?)(${locals.map(escapeRegExp).join('|')})(?=[\\s>/])`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  if (m === null) return null;
  const prefix = m[1] ?? '';
  const local = m[2] ?? '';
  return { start: m.index, qname: prefix + local, local };
}

function decodeBasicEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-fA-F]{1,6});/g, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]{1,7});/g, (_, dec: string) => safeCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** The header identifier of a record too broken to parse, when it can still be read. */
function identifierOf(raw: string): string | undefined {
  const m = /<(?:[\w.-]+:)?identifier(?:\s[^>]*)?>([^<]{1,2048})<\//.exec(raw);
  const value = m?.[1] === undefined ? '' : decodeBasicEntities(m[1]).trim();
  return value === '' ? undefined : value;
}

function failure(error: unknown): { code: ErrorCode; reason: string } {
  if (isAtlasError(error)) return { code: error.code, reason: error.message };
  return { code: 'internal_error', reason: 'The record could not be read.' };
}

/** Parses a cut-out fragment with the root's bindings; null when it does not parse. */
function parseFragment(fragment: string, namespaces: Readonly<Record<string, string>>): XmlElement | null {
  try {
    return parseXml(fragment, { namespaces }).root;
  } catch {
    return null;
  }
}

/**
 * Rebuilds a list page that the strict parser refused. `reason` is the strict parser's complaint, carried
 * into the result. Throws `not_oai_pmh` when the text is not an OAI-PMH response at all and `xml_malformed`
 * when it is not a list page (nothing record-shaped to recover).
 */
export function salvageOaiPage(text: string, reason = 'The page is not well-formed XML.'): SalvageResult {
  const rootStart = rootElementOffset(text);
  if (rootStart === -1) {
    throw new AtlasError('not_oai_pmh', 'The response is not an OAI-PMH document: it is not XML.');
  }
  const rootTagEnd = findTagEnd(text, rootStart);
  const rootTag = rootTagEnd === -1 ? null : text.slice(rootStart, rootTagEnd + 1);
  const root =
    rootTag === null
      ? null
      : parseFragment(rootTag.endsWith('/>') ? rootTag : `${rootTag.slice(0, -1)}/>`, {});
  if (root === null) {
    throw new AtlasError(
      'not_oai_pmh',
      'The response is not an OAI-PMH document: its root element is unreadable.',
    );
  }
  const repairs = [...checkOaiRoot(root), 'salvaged'];
  const namespaces: Readonly<Record<string, string>> = { ...(root.nsDecls ?? {}) };
  // Entities declared in a DOCTYPE are never honoured; records that use them fail for that reason.
  const declaresEntities = /<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(text.slice(0, rootStart));
  if (text.slice(0, rootStart).includes('<!DOCTYPE')) repairs.push('doctype-ignored');

  // The parts before the verb element: responseDate, request, errors.
  const verbFound = findStart(text, rootTagEnd + 1, OAI_VERBS);
  const preambleEnd = verbFound?.start ?? text.length;
  let responseDate = '';
  let request: OaiRequestEcho = readRequest(undefined);
  const errors: OaiError[] = [];
  for (let at = rootTagEnd + 1; ;) {
    const found = findStart(text, at, ['responseDate', 'request', 'error']);
    if (found === null || found.start >= preambleEnd) break;
    const end = elementEnd(text, found.start, found.qname);
    if (end === -1) break;
    const element = parseFragment(text.slice(found.start, end), namespaces);
    if (element !== null) {
      if (found.local === 'responseDate') responseDate = element.text.trim();
      else if (found.local === 'request') request = readRequest(element);
      else errors.push(readError(element));
    }
    at = end;
  }

  const verb = verbFound?.local as OaiVerb | undefined;
  const item = verb === undefined ? null : itemLocalName(verb);
  if (verbFound === null || verb === undefined || item === null) {
    throw new AtlasError('xml_malformed', reason, { details: { salvage: 'not a list page' } });
  }

  const records: OaiRecord[] = [];
  const recordIndexes: number[] = [];
  const quarantined: QuarantinedRecord[] = [];
  let index = 0;
  let at = findTagEnd(text, verbFound.start) + 1;
  let itemQname: string | null = null;
  for (;;) {
    const found: Found | null =
      itemQname === null ? findStart(text, at, [item]) : findExact(text, at, itemQname, item);
    if (found === null) break;
    itemQname ??= found.qname;
    let end = elementEnd(text, found.start, found.qname);
    let cutReason: string | null = null;
    if (end === -1) {
      // Never closed: a truncated body, or a record missing its end tag. Stop at the next record if any.
      const next = findExact(text, found.start + 1, found.qname, item);
      end = next === null ? text.length : next.start;
      cutReason =
        next === null ? 'the record is cut off (the page ends inside it)' : 'the record never closes';
    }
    const raw = text.slice(found.start, end);
    let problem: { code: ErrorCode; reason: string } | null =
      cutReason === null ? null : { code: 'xml_malformed', reason: cutReason };
    if (problem === null) {
      try {
        records.push(readRecord(parseXml(raw, { namespaces }).root, raw, namespaces));
        recordIndexes.push(index);
      } catch (error) {
        problem = failure(error);
      }
    }
    if (problem !== null) {
      const code: ErrorCode =
        declaresEntities && /undefined entity/i.test(problem.reason) ? 'xml_dtd_refused' : problem.code;
      const identifier = identifierOf(raw);
      quarantined.push({
        index,
        code,
        reason: problem.reason,
        rawXml: raw,
        ...(identifier === undefined ? {} : { identifier }),
      });
    }
    index++;
    at = end;
  }

  const { token, status } = salvageToken(text, at, verbFound.qname, namespaces);
  const page: OaiPage = {
    ...emptyPage(),
    verb,
    responseDate,
    responseDateIso: responseDate === '' ? null : parseOaiDatestamp(responseDate),
    request,
    errors,
    records,
    resumptionToken: token,
    repairs,
  };
  return { page, recordIndexes, quarantined, reason, tokenStatus: status };
}

function findExact(text: string, from: number, qname: string, local: string): Found | null {
  const re = new RegExp(`<${escapeRegExp(qname)}(?=[\\s>/])`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m === null ? null : { start: m.index, qname, local };
}

function salvageToken(
  text: string,
  from: number,
  verbQname: string,
  namespaces: Readonly<Record<string, string>>,
): { token: OaiResumptionToken | null; status: TokenStatus } {
  const found = findStart(text, from, ['resumptionToken']);
  if (found !== null) {
    const end = elementEnd(text, found.start, found.qname);
    const element = end === -1 ? null : parseFragment(text.slice(found.start, end), namespaces);
    if (element !== null) return { token: readResumptionToken(element), status: 'intact' };
    return { token: null, status: 'unreadable' };
  }
  const closed = new RegExp(`</${escapeRegExp(verbQname)}\\s*>`).test(text.slice(from));
  return { token: null, status: closed ? 'absent' : 'unreadable' };
}

function classify(record: OaiRecord, maxRecordChars: number): { code: ErrorCode; reason: string } | null {
  if (record.header.identifier === '') {
    return { code: 'invalid_record', reason: 'The record header has no identifier.' };
  }
  if (record.recordXml.length > maxRecordChars) {
    return {
      code: 'response_too_large',
      reason: `The record has ${record.recordXml.length} characters; at most ${maxRecordChars} are accepted.`,
    };
  }
  return null;
}

function outcomesFor(
  records: readonly OaiRecord[],
  indexes: readonly number[] | undefined,
  quarantined: readonly QuarantinedRecord[],
  maxRecordChars: number,
): { kept: OaiRecord[]; outcomes: OaiRecordOutcome[] } {
  const kept: OaiRecord[] = [];
  const outcomes: OaiRecordOutcome[] = quarantined.map((q) => ({ ...q, status: 'failed' as const }));
  records.forEach((record, i) => {
    const index = indexes?.[i] ?? i;
    const problem = classify(record, maxRecordChars);
    if (problem === null) {
      kept.push(record);
      outcomes.push({ index, status: 'ok', record });
    } else {
      const identifier = record.header.identifier;
      outcomes.push({
        index,
        status: 'failed',
        ...problem,
        rawXml: record.recordXml.slice(0, maxRecordChars),
        ...(identifier === '' ? {} : { identifier }),
      });
    }
  });
  outcomes.sort((a, b) => a.index - b.index);
  return { kept, outcomes };
}

const SALVAGEABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'xml_malformed',
  'xml_dtd_refused',
  'response_too_large',
]);

/**
 * Parses one response page, strictly first and by salvage when the XML is broken, and gives one outcome per
 * item. Throws `not_oai_pmh` for anything that is not OAI-PMH (an HTML error page, "broken xml"), and the
 * XML failure itself (`xml_malformed`, `xml_dtd_refused`...) for broken pages that are not list pages.
 */
export function parseOaiPage(text: string, options: ParsePageOptions = {}): ParsedOaiPage {
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let strictError: AtlasError;
  try {
    const page = parseOaiResponse(text, options);
    const { kept, outcomes } = outcomesFor(page.records, undefined, [], maxRecordChars);
    return {
      page: { ...page, records: kept },
      outcomes,
      salvaged: false,
      tokenStatus: page.resumptionToken === null ? 'absent' : 'intact',
    };
  } catch (error) {
    if (!isAtlasError(error) || !SALVAGEABLE.has(error.code)) throw error;
    strictError = error;
  }

  let salvage: SalvageResult;
  try {
    salvage = salvageOaiPage(text, strictError.message);
  } catch (error) {
    // A document that refuses its DTD stays refused for that reason, whatever its root is; for the rest,
    // the salvage verdict (not OAI-PMH, not a list page) says more than the first parse error.
    if (strictError.code === 'xml_dtd_refused') throw strictError;
    if (isAtlasError(error) && error.code === 'xml_malformed') throw strictError;
    throw error;
  }
  const { kept, outcomes } = outcomesFor(
    salvage.page.records,
    salvage.recordIndexes,
    salvage.quarantined,
    maxRecordChars,
  );
  return {
    page: { ...salvage.page, records: kept },
    outcomes,
    salvaged: true,
    salvageReason: salvage.reason,
    tokenStatus: salvage.tokenStatus,
  };
}
