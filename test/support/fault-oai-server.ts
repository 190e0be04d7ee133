// A real OAI-PMH 2.0 data provider for tests that misbehaves on demand: with no fault set it answers
// correctly over a deterministic record set; tests then choose faults (HTTP errors, hung or cut
// connections, broken bytes, broken XML, broken resumption tokens, bombs, redirects) at runtime.
// Must never listen on anything but a loopback address, and never reach out to any other server itself.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------------------
// Public shapes

export type OaiVerb =
  'Identify' | 'ListMetadataFormats' | 'ListSets' | 'ListIdentifiers' | 'ListRecords' | 'GetRecord';

/** One record of the ground truth. Datestamps are UTC with seconds granularity. */
export interface FaultRecord {
  readonly identifier: string;
  readonly datestamp: string;
  readonly setSpecs: readonly string[];
  readonly deleted: boolean;
  readonly title: string;
  readonly creator: string;
  readonly subject: string;
  readonly description: string;
  readonly language: string;
  readonly rights: string;
  readonly url: string;
}

/** When a fault fires. All given conditions must hold; none given means every request to the base URL. */
export interface FaultWhen {
  /** How many times it fires before it is spent. Default: unlimited. */
  readonly times?: number;
  /** Let this many matching requests through untouched first. */
  readonly skip?: number;
  /** Only the nth request (1-based) counted from the last `setFaults` call. */
  readonly request?: number;
  /** Only list requests for this page (1 = the request without resumptionToken). */
  readonly page?: number;
  /** Only requests with this verb (or one of these). */
  readonly verb?: OaiVerb | readonly OaiVerb[];
  /** Only requests carrying exactly this resumptionToken. */
  readonly token?: string;
}

export type FaultAction =
  /** Answers with this status (503, 500, 502, 504, 429, 403…) and optionally Retry-After (seconds or date). */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfter?: string | number | Date;
      readonly body?: string;
    }
  /** Accepts the request and never answers (the socket stays open until the server closes). */
  | { readonly kind: 'hang' }
  /** Drops the connection at once with a TCP reset. */
  | { readonly kind: 'reset' }
  /** Waits before answering normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Sends the correct answer a few bytes at a time. Defaults: 16 bytes every 50 ms. */
  | { readonly kind: 'drip'; readonly chunkBytes?: number; readonly intervalMs?: number }
  /**
   * Cuts the body in the middle of a record. `content-length-lie` (default) announces the full length;
   * `cut` sends chunked and drops the connection. `keepBytes` overrides where the cut falls.
   */
  | { readonly kind: 'truncate'; readonly mode?: 'content-length-lie' | 'cut'; readonly keepBytes?: number }
  /** An HTML maintenance page with status 200. */
  | { readonly kind: 'html-200' }
  /** XML-illegal control characters inside the title of the first live record of the page. */
  | { readonly kind: 'control-chars' }
  /** Latin-1 bytes declared UTF-8, or UTF-8 bytes declared ISO-8859-1 (header and XML declaration). */
  | { readonly kind: 'wrong-encoding'; readonly variant: 'latin1-declared-utf8' | 'utf8-declared-latin1' }
  /** UTF-8 text encoded twice ("Ã¼" for "ü"). */
  | { readonly kind: 'double-encoded-utf8' }
  /** A gzip-compressed body without Content-Encoding. */
  | { readonly kind: 'gzip-no-header' }
  /** Content-Encoding gzip over `inflatedBytes` zeros (default 10 MB, about 10 KB on the wire). */
  | { readonly kind: 'gzip-bomb'; readonly inflatedBytes?: number }
  /** Text after </OAI-PMH> (default: a PHP notice). */
  | { readonly kind: 'trailing-garbage'; readonly garbage?: string }
  /** The XML declaration appears twice. */
  | { readonly kind: 'repeated-xml-declaration' }
  /**
   * How the last page of a list ends: `missing` (no token element), `whitespace` (a token of blanks),
   * `empty-with-attributes` (what the server does anyway, spelled out with expirationDate too).
   */
  | { readonly kind: 'last-page-token'; readonly style: 'missing' | 'whitespace' | 'empty-with-attributes' }
  /** Answers a token request with the same page and the same token again, forever. */
  | { readonly kind: 'token-loop' }
  /** Answers a token request with the OAI error badResumptionToken. */
  | { readonly kind: 'bad-resumption-token' }
  /** Simulates a provider restart before answering: every token issued so far becomes invalid. */
  | { readonly kind: 'restart' }
  /** Ignores from/until and lists everything (the set still applies). */
  | { readonly kind: 'ignore-date-range' }
  /** Pads the records of the page until the page is at least `bytes` long (default 8 MB). */
  | { readonly kind: 'huge-page'; readonly bytes?: number }
  /** A DOCTYPE with nested entities ("billion laughs"), referenced from the first live record. */
  | { readonly kind: 'entity-expansion'; readonly depth?: number }
  /** Redirects to `location` (e.g. another loopback address, to check a harvester refuses it). */
  | { readonly kind: 'redirect'; readonly location: string; readonly status?: 301 | 302 | 303 | 307 | 308 }
  /** An entity XML does not define (default &nbsp;) inside one record only (the second live one). */
  | { readonly kind: 'undefined-entity'; readonly entity?: string };

export type Fault = FaultWhen & FaultAction;
export type FaultKind = FaultAction['kind'];

export interface RequestLogEntry {
  /** 1-based over the server's life. */
  readonly n: number;
  readonly method: string;
  readonly path: string;
  readonly verb: string | undefined;
  /** Arguments other than verb (first value of each). */
  readonly args: Readonly<Record<string, string>>;
  /** Wall-clock ms when the request arrived. */
  readonly time: number;
  readonly headers: IncomingHttpHeaders;
  /** Kinds of the faults that fired on this request. */
  readonly faults: FaultKind[];
}

export interface RecordChanges {
  readonly title?: string;
  readonly creator?: string;
  readonly subject?: string;
  readonly description?: string;
  readonly language?: string;
  readonly rights?: string;
  readonly setSpecs?: readonly string[];
}

export interface FaultOaiServer {
  /** The base URL, …/oai. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Every request received on the base URL, in order. */
  readonly requests: readonly RequestLogEntry[];
  /** The ground truth, including deleted records, in identifier order. */
  readonly records: readonly FaultRecord[];
  readonly pageSize: number;
  /** Replaces the active faults and restarts the request count that `request` selectors use. */
  setFaults(faults: readonly Fault[]): void;
  /** Invalidates every resumptionToken issued so far, like a provider that lost its state. */
  restart(): void;
  /** Changes to the ground truth; each gives the record a datestamp later than any before. */
  readonly mutate: {
    add(fields?: RecordChanges): FaultRecord;
    update(identifier: string, changes: RecordChanges): FaultRecord;
    delete(identifier: string): FaultRecord;
  };
  close(): Promise<void>;
}

export interface FaultOaiServerOptions {
  /** Records in the initial set. Default 100. */
  readonly records?: number;
  /** Records per list page. Default 25. */
  readonly pageSize?: number;
  /** A loopback address. Default 127.0.0.1. */
  readonly host?: string;
  /** Compress answers with gzip when the client accepts it. Default false. */
  readonly gzip?: boolean;
  /** Clock for responseDate and new datestamps. */
  readonly clock?: () => Date;
}

// ---------------------------------------------------------------------------------------------------------
// The deterministic record set

export const FAULT_SETS: readonly { readonly spec: string; readonly name: string }[] = [
  { spec: 'math', name: 'Mathematics' },
  { spec: 'math:geometry', name: 'Geometry' },
  { spec: 'physics', name: 'Physics' },
  { spec: 'language', name: 'Languages' },
  { spec: 'history', name: 'History' },
  { spec: 'arts', name: 'Arts' },
];

const TOP_SETS = ['math', 'physics', 'language', 'history', 'arts'] as const;

// Only Latin-1 letters beyond ASCII, so the latin1-declared-utf8 fault changes bytes without losing text.
const TITLES: readonly { readonly lang: string; readonly title: (n: number) => string }[] = [
  { lang: 'de', title: (n) => `Übungsblatt ${n}: Größen und Maße` },
  { lang: 'fr', title: (n) => `Cours ${n} : équations différentielles à l'école` },
  { lang: 'en', title: (n) => `Lesson ${n}: Fractions & ratios <basics>` },
  { lang: 'es', title: (n) => `Lección ${n}: España y el año académico` },
];

const LICENSES = [
  'https://creativecommons.org/licenses/by/4.0/',
  'https://creativecommons.org/licenses/by-sa/4.0/',
  'https://creativecommons.org/publicdomain/zero/1.0/',
];

const FIRST_DATESTAMP_MS = Date.UTC(2024, 0, 3, 8, 0, 0);

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function buildRecord(n: number): FaultRecord {
  const top = TOP_SETS[n % TOP_SETS.length] ?? 'math';
  const specs: string[] = [top];
  if (top === 'math' && n % 2 === 0) specs.push('math:geometry');
  // Some records sit in two sets: one record in several sets is still one record.
  if (n % 6 === 0) specs.push(TOP_SETS[(n + 2) % TOP_SETS.length] ?? 'arts');
  const flavour = TITLES[n % TITLES.length] ?? TITLES[0];
  // About 29 hours apart: 100 records span four months.
  const stampMs = FIRST_DATESTAMP_MS + (n - 1) * 29 * 3600_000 + ((n * 7) % 60) * 60_000;
  return {
    identifier: `oai:fault.test:${n}`,
    datestamp: isoSeconds(stampMs),
    setSpecs: specs,
    deleted: n % 9 === 4,
    title: flavour?.title(n) ?? `Record ${n}`,
    creator: `Autorin ${n}, Zoë`,
    subject: top,
    description: `Open educational resource number ${n} for ${top}.`,
    language: flavour?.lang ?? 'en',
    rights: LICENSES[n % LICENSES.length] ?? LICENSES[0] ?? '',
    url: `https://fault.test/resource/${n}`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// XML helpers

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const OAI_OPEN =
  '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">';
const DC_OPEN =
  '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">';

const PHP_NOTICE =
  '\n<br />\n<b>Notice</b>:  Undefined index: set in <b>/var/www/oai/index.php</b> on line <b>42</b><br />\n';

const HTML_MAINTENANCE =
  '<!DOCTYPE html>\n<html><head><title>Down for maintenance</title></head>' +
  '<body><h1>We will be back soon</h1><p>The repository is being upgraded.</p></body></html>\n';

// ---------------------------------------------------------------------------------------------------------
// Protocol

const LIST_VERBS: ReadonlySet<string> = new Set(['ListIdentifiers', 'ListRecords']);
const VERBS: ReadonlySet<string> = new Set([
  'Identify',
  'ListMetadataFormats',
  'ListSets',
  'ListIdentifiers',
  'ListRecords',
  'GetRecord',
]);

interface TokenState {
  readonly v: string;
  readonly p: string;
  readonly f?: string;
  readonly u?: string;
  readonly s?: string;
  /** Records delivered before the page this token asks for. */
  readonly c: number;
  /** Key (datestamp, identifier) of the last record delivered. */
  readonly d: string;
  readonly i: string;
  /** Server epoch; a restart makes older tokens invalid. */
  readonly e: number;
}

function encodeToken(state: TokenState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeToken(text: string): TokenState | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<TokenState> | null;
    if (
      parsed === null ||
      typeof parsed.v !== 'string' ||
      typeof parsed.p !== 'string' ||
      typeof parsed.c !== 'number' ||
      typeof parsed.d !== 'string' ||
      typeof parsed.i !== 'string' ||
      typeof parsed.e !== 'number'
    ) {
      return undefined;
    }
    return parsed as TokenState;
  } catch {
    return undefined;
  }
}

interface DateBound {
  readonly value: string;
  readonly granularity: 'day' | 'seconds';
}

function parseDateArg(text: string, side: 'from' | 'until'): DateBound | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return undefined;
    return { value: side === 'from' ? `${text}T00:00:00Z` : `${text}T23:59:59Z`, granularity: 'day' };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms) || isoSeconds(ms) !== text) return undefined;
    return { value: text, granularity: 'seconds' };
  }
  return undefined;
}

interface OaiErrorOutcome {
  readonly type: 'error';
  readonly code: string;
  readonly message: string;
  /** badVerb and badArgument answers echo no arguments. */
  readonly echo: boolean;
}

interface TokenOut {
  /** '' on the last page. */
  readonly value: string;
  readonly cursor: number;
  readonly completeListSize: number;
}

type Outcome =
  | OaiErrorOutcome
  | { readonly type: 'Identify' }
  | { readonly type: 'ListMetadataFormats' }
  | { readonly type: 'ListSets' }
  | {
      readonly type: 'ListIdentifiers' | 'ListRecords' | 'GetRecord';
      readonly items: readonly FaultRecord[];
      /** Absent when the whole list fits on one page (and for GetRecord). */
      readonly token?: TokenOut;
      readonly lastPage: boolean;
    };

function oaiError(code: string, message: string, echo = true): OaiErrorOutcome {
  return { type: 'error', code, message, echo };
}

/** What record-level faults change while rendering. */
interface RenderTweaks {
  controlChars: boolean;
  undefinedEntity?: string;
  entityDepth?: number;
  hugeBytes?: number;
  lastPageToken?: 'missing' | 'whitespace' | 'empty-with-attributes';
  /** Replaces the outgoing token (token-loop). */
  loopToken?: string;
}

// Faults that decide the answer before it is computed, and whether they end the request by themselves.
const TERMINAL_KINDS: ReadonlySet<FaultKind> = new Set([
  'status',
  'hang',
  'reset',
  'redirect',
  'html-200',
  'gzip-bomb',
  'bad-resumption-token',
]);
const EARLY_KINDS: ReadonlySet<FaultKind> = new Set([
  ...TERMINAL_KINDS,
  'restart',
  'delay',
  'ignore-date-range',
  'token-loop',
]);
type TerminalFault = Extract<
  Fault,
  { kind: 'status' | 'hang' | 'reset' | 'redirect' | 'html-200' | 'gzip-bomb' | 'bad-resumption-token' }
>;

function isTerminal(fault: Fault): fault is TerminalFault {
  return TERMINAL_KINDS.has(fault.kind);
}

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
  toSkip: number;
}

interface RequestContext {
  readonly verb: string | undefined;
  readonly token: string | undefined;
  readonly page: number | undefined;
  readonly requestNumber: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^::1$/;

// ---------------------------------------------------------------------------------------------------------
// The server

export async function startFaultOaiServer(options: FaultOaiServerOptions = {}): Promise<FaultOaiServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new RangeError(`The fault server only listens on loopback (got ${host}).`);
  const pageSize = options.pageSize ?? 25;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError('pageSize must be a positive integer.');
  const count = options.records ?? 100;
  const clock = options.clock ?? (() => new Date());
  const useGzip = options.gzip ?? false;

  const records = new Map<string, FaultRecord>();
  for (let n = 1; n <= count; n += 1) {
    const record = buildRecord(n);
    records.set(record.identifier, record);
  }
  let nextNumber = count + 1;
  let epoch = 0;
  let active: ActiveFault[] = [];
  let requestsSinceFaults = 0;
  let requestCounter = 0;
  const log: RequestLogEntry[] = [];
  const bombs = new Map<number, Buffer>();
  let baseUrl = '';

  const sorted = (): FaultRecord[] =>
    [...records.values()].sort((a, b) =>
      a.datestamp === b.datestamp
        ? compareIds(a.identifier, b.identifier)
        : a.datestamp < b.datestamp
          ? -1
          : 1,
    );

  const latestStamp = (): number => {
    let latest = 0;
    for (const r of records.values()) latest = Math.max(latest, Date.parse(r.datestamp));
    return latest;
  };

  // Changes get a datestamp after every existing one and not before "now", so incremental harvests see them.
  const freshStamp = (): string => isoSeconds(Math.max(clock().getTime(), latestStamp() + 1000));

  // ----- fault selection

  const selects = (fault: Fault, ctx: RequestContext): boolean => {
    if (fault.request !== undefined && fault.request !== ctx.requestNumber) return false;
    if (fault.page !== undefined && fault.page !== ctx.page) return false;
    if (fault.token !== undefined && fault.token !== ctx.token) return false;
    if (fault.verb !== undefined) {
      const verbs: readonly string[] = typeof fault.verb === 'string' ? [fault.verb] : fault.verb;
      if (ctx.verb === undefined || !verbs.includes(ctx.verb)) return false;
    }
    return true;
  };

  // Whether a kind can have any effect on this request; a fault that cannot is not spent on it.
  const applies = (kind: FaultKind, ctx: RequestContext, outcome: Outcome | undefined): boolean => {
    const isList = ctx.verb !== undefined && LIST_VERBS.has(ctx.verb);
    switch (kind) {
      case 'bad-resumption-token':
      case 'token-loop':
        return isList && ctx.token !== undefined;
      case 'ignore-date-range':
        return isList;
      case 'control-chars':
      case 'undefined-entity':
      case 'entity-expansion':
      case 'huge-page':
        return (
          outcome !== undefined &&
          (outcome.type === 'ListRecords' || outcome.type === 'GetRecord') &&
          outcome.items.some((r) => !r.deleted)
        );
      case 'last-page-token':
        return (
          outcome !== undefined &&
          (outcome.type === 'ListRecords' || outcome.type === 'ListIdentifiers') &&
          outcome.lastPage
        );
      case 'status':
      case 'hang':
      case 'reset':
      case 'delay':
      case 'drip':
      case 'truncate':
      case 'html-200':
      case 'wrong-encoding':
      case 'double-encoded-utf8':
      case 'gzip-no-header':
      case 'gzip-bomb':
      case 'trailing-garbage':
      case 'repeated-xml-declaration':
      case 'restart':
      case 'redirect':
        return true;
    }
  };

  /** Fires the matching faults among `kinds`; at most one terminal and one delivery fault. */
  const pick = (
    kinds: (kind: FaultKind) => boolean,
    ctx: RequestContext,
    outcome: Outcome | undefined,
    entry: RequestLogEntry,
  ): Fault[] => {
    const fired: Fault[] = [];
    let terminal = false;
    let delivery = false;
    for (const item of active) {
      const { fault } = item;
      if (!kinds(fault.kind) || item.remaining <= 0) continue;
      if (!selects(fault, ctx) || !applies(fault.kind, ctx, outcome)) continue;
      const isTerminal = TERMINAL_KINDS.has(fault.kind);
      const isDelivery = fault.kind === 'drip' || fault.kind === 'truncate';
      if ((isTerminal && terminal) || (isDelivery && delivery)) continue;
      if (item.toSkip > 0) {
        item.toSkip -= 1;
        continue;
      }
      item.remaining -= 1;
      terminal ||= isTerminal;
      delivery ||= isDelivery;
      fired.push(fault);
      entry.faults.push(fault.kind);
    }
    return fired;
  };

  // ----- the protocol

  const answer = (
    verb: string | undefined,
    args: ReadonlyMap<string, string>,
    duplicated: boolean,
    ignoreDates: boolean,
  ): Outcome => {
    if (verb === undefined) return oaiError('badVerb', 'The verb argument is missing.', false);
    if (!VERBS.has(verb)) return oaiError('badVerb', `"${verb}" is not an OAI-PMH verb.`, false);
    if (duplicated) return oaiError('badArgument', 'An argument is repeated.', false);
    const allowed = (names: readonly string[]): OaiErrorOutcome | undefined => {
      for (const name of args.keys()) {
        if (!names.includes(name))
          return oaiError('badArgument', `"${name}" is not allowed with ${verb}.`, false);
      }
      return undefined;
    };

    switch (verb) {
      case 'Identify':
        return allowed([]) ?? { type: 'Identify' };
      case 'ListMetadataFormats': {
        const bad = allowed(['identifier']);
        if (bad) return bad;
        const id = args.get('identifier');
        if (id !== undefined && !records.has(id)) return oaiError('idDoesNotExist', `No record ${id}.`);
        return { type: 'ListMetadataFormats' };
      }
      case 'ListSets': {
        const bad = allowed(['resumptionToken']);
        if (bad) return bad;
        if (args.has('resumptionToken'))
          return oaiError('badResumptionToken', 'ListSets is never paged here.');
        return { type: 'ListSets' };
      }
      case 'GetRecord': {
        const bad = allowed(['identifier', 'metadataPrefix']);
        if (bad) return bad;
        const id = args.get('identifier');
        const prefix = args.get('metadataPrefix');
        if (id === undefined || prefix === undefined) {
          return oaiError('badArgument', 'GetRecord needs identifier and metadataPrefix.', false);
        }
        if (prefix !== 'oai_dc')
          return oaiError('cannotDisseminateFormat', `Format ${prefix} is not offered.`);
        const record = records.get(id);
        if (record === undefined) return oaiError('idDoesNotExist', `No record ${id}.`);
        return { type: 'GetRecord', items: [record], lastPage: true };
      }
      default:
        return list(verb as 'ListIdentifiers' | 'ListRecords', args, ignoreDates);
    }
  };

  const list = (
    verb: 'ListIdentifiers' | 'ListRecords',
    args: ReadonlyMap<string, string>,
    ignoreDates: boolean,
  ): Outcome => {
    for (const name of args.keys()) {
      if (!['metadataPrefix', 'from', 'until', 'set', 'resumptionToken'].includes(name)) {
        return oaiError('badArgument', `"${name}" is not allowed with ${verb}.`, false);
      }
    }
    let state: TokenState;
    const tokenText = args.get('resumptionToken');
    if (tokenText !== undefined) {
      if (args.size > 1) {
        return oaiError('badArgument', 'resumptionToken is an exclusive argument.', false);
      }
      const decoded = decodeToken(tokenText);
      if (decoded === undefined || decoded.v !== verb) {
        return oaiError('badResumptionToken', 'The resumptionToken is not valid.');
      }
      if (decoded.e !== epoch) {
        return oaiError('badResumptionToken', 'The resumptionToken has expired (the provider restarted).');
      }
      state = decoded;
    } else {
      const prefix = args.get('metadataPrefix');
      if (prefix === undefined) return oaiError('badArgument', `${verb} needs metadataPrefix.`, false);
      if (prefix !== 'oai_dc') return oaiError('cannotDisseminateFormat', `Format ${prefix} is not offered.`);
      const fromText = args.get('from');
      const untilText = args.get('until');
      const from = fromText === undefined ? undefined : parseDateArg(fromText, 'from');
      const until = untilText === undefined ? undefined : parseDateArg(untilText, 'until');
      if (
        (fromText !== undefined && from === undefined) ||
        (untilText !== undefined && until === undefined)
      ) {
        return oaiError('badArgument', 'from and until must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.', false);
      }
      if (from !== undefined && until !== undefined) {
        if (from.granularity !== until.granularity) {
          return oaiError('badArgument', 'from and until must have the same granularity.', false);
        }
        if (from.value > until.value) return oaiError('badArgument', 'from is later than until.', false);
      }
      const set = args.get('set');
      state = {
        v: verb,
        p: prefix,
        ...(from === undefined ? {} : { f: from.value }),
        ...(until === undefined ? {} : { u: until.value }),
        ...(set === undefined ? {} : { s: set }),
        c: 0,
        d: '',
        i: '',
        e: epoch,
      };
    }

    const matching = sorted().filter((r) => {
      if (!ignoreDates && state.f !== undefined && r.datestamp < state.f) return false;
      if (!ignoreDates && state.u !== undefined && r.datestamp > state.u) return false;
      if (state.s !== undefined) {
        const set = state.s;
        if (!r.setSpecs.some((spec) => spec === set || spec.startsWith(`${set}:`))) return false;
      }
      return true;
    });
    const after =
      tokenText === undefined
        ? matching
        : matching.filter(
            (r) =>
              r.datestamp > state.d || (r.datestamp === state.d && compareIds(r.identifier, state.i) > 0),
          );
    if (after.length === 0) return oaiError('noRecordsMatch', 'No records match the request.');
    const items = after.slice(0, pageSize);
    const lastPage = after.length <= pageSize;
    const last = items[items.length - 1];
    const multiPage = tokenText !== undefined || !lastPage;
    let token: TokenOut | undefined;
    if (multiPage) {
      const value =
        lastPage || last === undefined
          ? ''
          : encodeToken({
              ...state,
              c: state.c + items.length,
              d: last.datestamp,
              i: last.identifier,
              e: epoch,
            });
      token = { value, cursor: state.c, completeListSize: matching.length };
    }
    return { type: verb, items, lastPage, ...(token === undefined ? {} : { token }) };
  };

  // ----- rendering

  const renderHeader = (r: FaultRecord): string =>
    `<header${r.deleted ? ' status="deleted"' : ''}>` +
    `<identifier>${esc(r.identifier)}</identifier><datestamp>${r.datestamp}</datestamp>` +
    r.setSpecs.map((s) => `<setSpec>${esc(s)}</setSpec>`).join('') +
    '</header>';

  const renderRecord = (r: FaultRecord, titleExtra: string, padding: string): string => {
    if (r.deleted) return `  <record>${renderHeader(r)}</record>\n`;
    return (
      `  <record>${renderHeader(r)}\n    <metadata>${DC_OPEN}\n` +
      `      <dc:title xml:lang="${r.language}">${esc(r.title)}${titleExtra}</dc:title>\n` +
      `      <dc:creator>${esc(r.creator)}</dc:creator>\n` +
      `      <dc:subject>${esc(r.subject)}</dc:subject>\n` +
      `      <dc:description>${esc(r.description)}${padding}</dc:description>\n` +
      `      <dc:language>${esc(r.language)}</dc:language>\n` +
      `      <dc:rights>${esc(r.rights)}</dc:rights>\n` +
      `      <dc:identifier>${esc(r.url)}</dc:identifier>\n` +
      `      <dc:type>Text</dc:type>\n` +
      `    </oai_dc:dc></metadata>\n  </record>\n`
    );
  };

  const render = (
    outcome: Outcome,
    verb: string | undefined,
    args: ReadonlyMap<string, string>,
    tweaks: RenderTweaks,
  ): string => {
    const responseDate = isoSeconds(clock().getTime());
    const echo = outcome.type !== 'error' || outcome.echo;
    const attributes =
      echo && verb !== undefined
        ? ` verb="${esc(verb)}"` + [...args].map(([k, v]) => ` ${k}="${esc(v)}"`).join('')
        : '';
    let doctype = '';
    if (tweaks.entityDepth !== undefined) {
      const lines = ['<!ENTITY e0 "boom">'];
      for (let level = 1; level <= tweaks.entityDepth; level += 1) {
        lines.push(`<!ENTITY e${level} "${`&e${level - 1};`.repeat(10)}">`);
      }
      doctype = `<!DOCTYPE OAI-PMH [\n  ${lines.join('\n  ')}\n]>\n`;
    }
    const head = `${XML_DECL}\n${doctype}${OAI_OPEN}\n<responseDate>${responseDate}</responseDate>\n<request${attributes}>${esc(baseUrl)}</request>\n`;
    return `${head}${renderBody(outcome, tweaks)}</OAI-PMH>\n`;
  };

  const renderBody = (outcome: Outcome, tweaks: RenderTweaks): string => {
    switch (outcome.type) {
      case 'error':
        return `<error code="${outcome.code}">${esc(outcome.message)}</error>\n`;
      case 'Identify': {
        const earliest = sorted()[0]?.datestamp ?? isoSeconds(FIRST_DATESTAMP_MS);
        return (
          '<Identify>\n' +
          '  <repositoryName>Fault Test Repository</repositoryName>\n' +
          `  <baseURL>${esc(baseUrl)}</baseURL>\n` +
          '  <protocolVersion>2.0</protocolVersion>\n' +
          '  <adminEmail>nobody@fault.test</adminEmail>\n' +
          `  <earliestDatestamp>${earliest}</earliestDatestamp>\n` +
          '  <deletedRecord>persistent</deletedRecord>\n' +
          '  <granularity>YYYY-MM-DDThh:mm:ssZ</granularity>\n' +
          (useGzip ? '  <compression>gzip</compression>\n' : '') +
          '</Identify>\n'
        );
      }
      case 'ListMetadataFormats':
        return (
          '<ListMetadataFormats>\n  <metadataFormat><metadataPrefix>oai_dc</metadataPrefix>' +
          '<schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>' +
          '<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat>\n' +
          '</ListMetadataFormats>\n'
        );
      case 'ListSets':
        return (
          '<ListSets>\n' +
          FAULT_SETS.map(
            (s) => `  <set><setSpec>${esc(s.spec)}</setSpec><setName>${esc(s.name)}</setName></set>\n`,
          ).join('') +
          '</ListSets>\n'
        );
      case 'ListIdentifiers':
      case 'ListRecords':
      case 'GetRecord': {
        const live = outcome.items.filter((r) => !r.deleted);
        const controlTarget = tweaks.controlChars || tweaks.entityDepth !== undefined ? live[0] : undefined;
        const entityTarget = tweaks.undefinedEntity !== undefined ? (live[1] ?? live[0]) : undefined;
        const padding =
          tweaks.hugeBytes !== undefined && live.length > 0
            ? filler(Math.ceil(tweaks.hugeBytes / live.length))
            : '';
        let inner = '';
        for (const r of outcome.items) {
          if (outcome.type === 'ListIdentifiers') {
            inner += `  ${renderHeader(r)}\n`;
            continue;
          }
          let extra = '';
          if (r === controlTarget && tweaks.controlChars) extra += ' \u0001\u0008\u000B\u000C\u001F';
          if (r === controlTarget && tweaks.entityDepth !== undefined) extra += ` &e${tweaks.entityDepth};`;
          if (r === entityTarget && tweaks.undefinedEntity !== undefined)
            extra += ` &${tweaks.undefinedEntity};`;
          inner += renderRecord(r, extra, r.deleted ? '' : padding);
        }
        return `<${outcome.type}>\n${inner}${renderToken(outcome, tweaks)}</${outcome.type}>\n`;
      }
    }
  };

  const renderToken = (
    outcome: { readonly token?: TokenOut; readonly lastPage: boolean; readonly type: string },
    tweaks: RenderTweaks,
  ): string => {
    const token = outcome.token;
    if (tweaks.loopToken !== undefined && token !== undefined) {
      return `  <resumptionToken completeListSize="${token.completeListSize}" cursor="${token.cursor}">${esc(tweaks.loopToken)}</resumptionToken>\n`;
    }
    if (outcome.lastPage && tweaks.lastPageToken !== undefined) {
      const size = token?.completeListSize ?? 0;
      const cursor = token?.cursor ?? 0;
      switch (tweaks.lastPageToken) {
        case 'missing':
          return '';
        case 'whitespace':
          return `  <resumptionToken completeListSize="${size}" cursor="${cursor}">   </resumptionToken>\n`;
        case 'empty-with-attributes': {
          const expires = isoSeconds(clock().getTime() + 24 * 3600_000);
          return `  <resumptionToken expirationDate="${expires}" completeListSize="${size}" cursor="${cursor}"/>\n`;
        }
      }
    }
    if (token === undefined) return '';
    if (token.value === '') {
      return `  <resumptionToken completeListSize="${token.completeListSize}" cursor="${token.cursor}"/>\n`;
    }
    const expires = isoSeconds(clock().getTime() + 24 * 3600_000);
    return `  <resumptionToken expirationDate="${expires}" completeListSize="${token.completeListSize}" cursor="${token.cursor}">${esc(token.value)}</resumptionToken>\n`;
  };

  // ----- delivery

  // Gzip members of 1 MiB of zeros each, one after the other (a gzip stream may hold several, and decoders
  // inflate them all): even a gigabyte bomb is ready at once and never sits in memory uncompressed. Compressing
  // the zeros as one member took 1.6 s for 256 MiB on a slow machine, longer than a client's idle timeout.
  const bombFor = (bytes: number): Buffer => {
    const cached = bombs.get(bytes);
    if (cached !== undefined) return cached;
    const step = Math.min(bytes, 1024 * 1024);
    const member = gzipSync(Buffer.alloc(step), { level: 9 });
    const parts: Buffer[] = [];
    let left = bytes;
    for (; left >= step; left -= step) parts.push(member);
    if (left > 0) parts.push(gzipSync(Buffer.alloc(left), { level: 9 }));
    const bomb = Buffer.concat(parts);
    bombs.set(bytes, bomb);
    return bomb;
  };

  const deliver = async (
    req: IncomingMessage,
    res: ServerResponse,
    xml: string,
    fired: readonly Fault[],
  ): Promise<void> => {
    let text = xml;
    let charset = 'UTF-8';
    let bytes: Buffer | undefined;
    for (const fault of fired) {
      if (fault.kind === 'repeated-xml-declaration') text = `${XML_DECL}\n${text}`;
      if (fault.kind === 'trailing-garbage') text = `${text}${fault.garbage ?? PHP_NOTICE}`;
    }
    for (const fault of fired) {
      if (fault.kind === 'wrong-encoding') {
        if (fault.variant === 'latin1-declared-utf8') {
          bytes = Buffer.from(text, 'latin1');
        } else {
          text = text.replace(/encoding="UTF-8"/g, 'encoding="ISO-8859-1"');
          charset = 'ISO-8859-1';
          bytes = Buffer.from(text, 'utf8');
        }
      } else if (fault.kind === 'double-encoded-utf8') {
        bytes = Buffer.from(Buffer.from(text, 'utf8').toString('latin1'), 'utf8');
      }
    }
    let body = bytes ?? Buffer.from(text, 'utf8');
    const headers: Record<string, string> = { 'content-type': `text/xml; charset=${charset}` };
    if (fired.some((f) => f.kind === 'gzip-no-header')) {
      body = gzipSync(body);
    } else if (useGzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    }

    const drip = fired.find((f) => f.kind === 'drip');
    const truncate = fired.find((f) => f.kind === 'truncate');
    if (truncate !== undefined) {
      const secondRecord = body.indexOf('<record>', body.indexOf('<record>') + 1);
      const cutAt = Math.min(
        body.length - 1,
        truncate.keepBytes ?? (secondRecord > 0 ? secondRecord + 40 : Math.floor(body.length / 2)),
      );
      if ((truncate.mode ?? 'content-length-lie') === 'content-length-lie') {
        headers['content-length'] = String(body.length);
      }
      res.writeHead(200, headers);
      res.write(body.subarray(0, cutAt), () => {
        // Give the bytes a moment on the wire, then drop the connection without finishing the message.
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    headers['content-length'] = String(body.length);
    if (drip !== undefined) {
      const step = Math.max(1, drip.chunkBytes ?? 16);
      const interval = Math.max(1, drip.intervalMs ?? 50);
      res.writeHead(200, headers);
      for (let offset = 0; offset < body.length; offset += step) {
        if (res.destroyed || req.socket.destroyed) return;
        res.write(body.subarray(offset, offset + step));
        await sleep(interval);
      }
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  };

  const playTerminal = (
    res: ServerResponse,
    fault: TerminalFault,
    args: ReadonlyMap<string, string>,
    verb: string | undefined,
  ): void => {
    switch (fault.kind) {
      case 'hang':
        // Nothing is sent; the socket stays open until the client gives up or the server closes.
        return;
      case 'reset': {
        const socket = res.socket;
        if (socket !== null) {
          if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
          else socket.destroy();
        }
        return;
      }
      case 'status': {
        const headers: Record<string, string> = { 'content-type': 'text/html; charset=UTF-8' };
        if (fault.retryAfter !== undefined) {
          headers['retry-after'] =
            fault.retryAfter instanceof Date ? fault.retryAfter.toUTCString() : String(fault.retryAfter);
        }
        res.writeHead(fault.status, headers);
        res.end(fault.body ?? `<html><body><h1>${fault.status}</h1></body></html>\n`);
        return;
      }
      case 'redirect':
        res.writeHead(fault.status ?? 302, { location: fault.location, 'content-type': 'text/plain' });
        res.end(`Moved to ${fault.location}\n`);
        return;
      case 'html-200':
        res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
        res.end(HTML_MAINTENANCE);
        return;
      case 'gzip-bomb': {
        const bomb = bombFor(fault.inflatedBytes ?? 10 * 1024 * 1024);
        res.writeHead(200, {
          'content-type': 'text/xml; charset=UTF-8',
          'content-encoding': 'gzip',
          'content-length': String(bomb.length),
        });
        res.end(bomb);
        return;
      }
      case 'bad-resumption-token': {
        const xml = render(oaiError('badResumptionToken', 'The resumptionToken is unknown.'), verb, args, {
          controlChars: false,
        });
        res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' });
        res.end(xml);
        return;
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', baseUrl);
    if (url.pathname !== '/oai') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain' });
      res.end('Method not allowed\n');
      return;
    }
    let params = url.searchParams;
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    }
    const args = new Map<string, string>();
    let duplicated = false;
    let verb: string | undefined;
    let verbs = 0;
    for (const [name, value] of params) {
      if (name === 'verb') {
        verbs += 1;
        verb ??= value;
        continue;
      }
      if (args.has(name)) duplicated = true;
      else args.set(name, value);
    }
    if (verbs > 1) verb = `${verb ?? ''} (repeated)`;

    requestCounter += 1;
    requestsSinceFaults += 1;
    const token = args.get('resumptionToken');
    const decoded = token === undefined ? undefined : decodeToken(token);
    const page =
      verb !== undefined && LIST_VERBS.has(verb)
        ? token === undefined
          ? 1
          : decoded === undefined
            ? undefined
            : Math.floor(decoded.c / pageSize) + 1
        : undefined;
    const ctx: RequestContext = { verb, token, page, requestNumber: requestsSinceFaults };
    const entry: RequestLogEntry = {
      n: requestCounter,
      method: req.method,
      path: url.pathname,
      verb,
      args: Object.fromEntries(args),
      time: Date.now(),
      headers: req.headers,
      faults: [],
    };
    log.push(entry);

    const early = pick((kind) => EARLY_KINDS.has(kind), ctx, undefined, entry);
    for (const fault of early) {
      if (fault.kind === 'restart') epoch += 1;
      if (fault.kind === 'delay') await sleep(fault.ms);
    }
    const terminal = early.find(isTerminal);
    if (terminal !== undefined) {
      playTerminal(res, terminal, args, verb);
      return;
    }

    const outcome = answer(
      verb,
      args,
      duplicated,
      early.some((f) => f.kind === 'ignore-date-range'),
    );
    const late = pick((kind) => !EARLY_KINDS.has(kind), ctx, outcome, entry);
    const tweaks: RenderTweaks = { controlChars: false };
    for (const fault of late) {
      if (fault.kind === 'control-chars') tweaks.controlChars = true;
      if (fault.kind === 'undefined-entity') tweaks.undefinedEntity = fault.entity ?? 'nbsp';
      if (fault.kind === 'entity-expansion') tweaks.entityDepth = fault.depth ?? 10;
      if (fault.kind === 'huge-page') tweaks.hugeBytes = fault.bytes ?? 8 * 1024 * 1024;
      if (fault.kind === 'last-page-token') tweaks.lastPageToken = fault.style;
    }
    if (early.some((f) => f.kind === 'token-loop') && token !== undefined) tweaks.loopToken = token;
    await deliver(req, res, render(outcome, verb, args, tweaks), late);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fault server failed: ${String(error)}\n`);
      } else {
        res.destroy();
      }
    });
  });
  server.listen(0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  baseUrl = `http://${hostInUrl}:${port}/oai`;

  const change = (identifier: string, apply: (r: FaultRecord) => FaultRecord): FaultRecord => {
    const current = records.get(identifier);
    if (current === undefined) throw new RangeError(`No record ${identifier} in the fault server.`);
    const next = { ...apply(current), datestamp: freshStamp() };
    records.set(identifier, next);
    return next;
  };

  return {
    url: baseUrl,
    port,
    host,
    pageSize,
    get requests(): readonly RequestLogEntry[] {
      return log;
    },
    get records(): readonly FaultRecord[] {
      return [...records.values()].sort((a, b) => compareIds(a.identifier, b.identifier));
    },
    setFaults(faults: readonly Fault[]): void {
      active = faults.map((fault) => ({
        fault,
        remaining: fault.times ?? Number.POSITIVE_INFINITY,
        toSkip: fault.skip ?? 0,
      }));
      requestsSinceFaults = 0;
    },
    restart(): void {
      epoch += 1;
    },
    mutate: {
      add(fields: RecordChanges = {}): FaultRecord {
        const n = nextNumber;
        nextNumber += 1;
        const record: FaultRecord = { ...buildRecord(n), ...fields, deleted: false, datestamp: freshStamp() };
        records.set(record.identifier, record);
        return record;
      },
      update(identifier: string, changes: RecordChanges): FaultRecord {
        return change(identifier, (r) => ({ ...r, ...changes, deleted: false }));
      },
      delete(identifier: string): FaultRecord {
        return change(identifier, (r) => ({ ...r, deleted: true }));
      },
    },
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hung and keep-alive connections would keep close() waiting forever.
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Identifiers compare by their number when they share the prefix, so 10 comes after 9. */
function compareIds(a: string, b: string): number {
  const na = /:(\d+)$/.exec(a)?.[1];
  const nb = /:(\d+)$/.exec(b)?.[1];
  if (na !== undefined && nb !== undefined && a.slice(0, -na.length) === b.slice(0, -nb.length)) {
    return Number(na) - Number(nb);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function filler(bytes: number): string {
  const sentence = ' Padding for a very large page, repeated to reach the requested size.';
  return sentence.repeat(Math.ceil(bytes / sentence.length)).slice(0, bytes);
}
