// One OAI-PMH request, from URL to parsed page: builds the query (verb and arguments, or verb and token
// only), fetches it through the guarded HTTP client, decodes the bytes (declared encoding, gzip without
// headers, control characters), checks that the body really is OAI-PMH and parses it with per-record
// salvage. A 200 that is not OAI-PMH (an HTML maintenance page) and a body cut off before its end are
// asked again a few times before they count as failures, because both are usually transient.
import { AtlasError, isAtlasError } from '../domain/errors.js';
import { decodeXmlBytes } from '../formats/xml/decode-bytes.js';
import { parseOaiPage } from '../formats/oai-pmh/salvage.js';
import type { OaiVerb, ParsedOaiPage } from '../formats/oai-pmh/types.js';
import type { HttpClient } from '../ports/http-client.js';

export interface OaiRequestOptions {
  readonly http: HttpClient;
  readonly baseUrl: string;
  readonly allowPrivateNetwork: boolean;
  readonly maxPageBytes: number;
  readonly maxRecordChars: number;
  readonly signal?: AbortSignal;
  /** Waits between the extra attempts for transient answers. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Extra attempts for a 200 that is not OAI-PMH or a page cut off before its end. Default 2. */
  readonly contentRetries?: number;
}

export interface OaiExchange {
  readonly parsed: ParsedOaiPage;
  /** HTTP attempts spent, retries included. */
  readonly requests: number;
  /** Repairs made to the bytes and the XML, e.g. "gzip-without-header", "control-characters:3". */
  readonly repairs: readonly string[];
  /**
   * Transient answers that were asked again, by error code: `http_retried` for attempts the HTTP client
   * repeated (5xx, 429, timeouts, cut connections), `not_oai_pmh` and `page_truncated` for bodies.
   */
  readonly retried: Readonly<Record<string, number>>;
  readonly url: string;
}

/** Extra attempts for a 200 that is not OAI-PMH or a page cut off before its end. */
const DEFAULT_CONTENT_RETRIES = 2;
const CONTENT_RETRY_DELAY_MS = 2_000;

/** The request URL: the base URL's own query is kept; OAI arguments replace same-named ones. */
export function oaiRequestUrl(
  baseUrl: string,
  verb: OaiVerb,
  args: Readonly<Record<string, string>>,
): string {
  const url = new URL(baseUrl);
  url.searchParams.set('verb', verb);
  for (const [key, value] of Object.entries(args)) url.searchParams.set(key, value);
  return url.toString();
}

function failureOf(status: number, url: string): AtlasError {
  const forbidden = status === 401 || status === 403;
  return new AtlasError(
    'http_error',
    forbidden
      ? `The repository refused access (HTTP ${status}). It may block harvesters or need permission.`
      : `The repository answered HTTP ${status} instead of an OAI-PMH document.`,
    { details: { status, url } },
  );
}

/**
 * Sends one OAI-PMH request and parses the answer. Throws AtlasError for answers that are not usable at
 * all (HTTP errors after retries, not OAI-PMH after retries, size caps, refused addresses).
 */
export async function oaiRequest(
  options: OaiRequestOptions,
  verb: OaiVerb,
  args: Readonly<Record<string, string>>,
): Promise<OaiExchange> {
  const url = oaiRequestUrl(options.baseUrl, verb, args);
  const contentRetries = options.contentRetries ?? DEFAULT_CONTENT_RETRIES;
  let requests = 0;
  const retried: Record<string, number> = {};
  let lastTransient: { parsed: ParsedOaiPage; repairs: string[] } | null = null;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    const response = await options.http.fetch({
      url,
      headers: { accept: 'text/xml, application/xml;q=0.9, */*;q=0.1' },
      allowPrivateNetwork: options.allowPrivateNetwork,
      maxBytes: options.maxPageBytes,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    requests += response.attempts;
    if (response.attempts > 1) retried.http_retried = (retried.http_retried ?? 0) + response.attempts - 1;
    if (response.status !== 200) throw failureOf(response.status, url);
    let transient: 'page_truncated' | 'not_oai_pmh';
    try {
      const decoded = decodeXmlBytes(response.body, { maxBytes: options.maxPageBytes });
      const parsed = parseOaiPage(decoded.text, { maxRecordChars: options.maxRecordChars });
      const repairs = [...decoded.repairs, ...parsed.page.repairs];
      if (parsed.tokenStatus !== 'unreadable') return { parsed, requests, repairs, retried, url };
      // Cut off before the end: the records read so far are good, but the rest of the list is unknown.
      lastTransient = { parsed, repairs };
      transient = 'page_truncated';
    } catch (error) {
      if (!isAtlasError(error) || error.code !== 'not_oai_pmh') throw error;
      if (attempt >= contentRetries && lastTransient === null) throw error;
      transient = 'not_oai_pmh';
    }
    // Out of attempts: the best cut-off page read is what there is.
    if (attempt >= contentRetries && lastTransient !== null) {
      return { parsed: lastTransient.parsed, requests, repairs: lastTransient.repairs, retried, url };
    }
    retried[transient] = (retried[transient] ?? 0) + 1;
    await options.sleep(CONTENT_RETRY_DELAY_MS * (attempt + 1));
  }
}

/** The first OAI error of a page, or null. */
export function oaiErrorOf(parsed: ParsedOaiPage): { code: string; message: string } | null {
  return parsed.page.errors[0] ?? null;
}

/** An AtlasError `oai_error` in words a repository manager understands. */
export function oaiFailure(error: { code: string; message: string }, context: string): AtlasError {
  const explanations: Readonly<Record<string, string>> = {
    cannotDisseminateFormat: 'the repository does not offer this metadata format',
    badArgument: 'the repository rejected the request arguments',
    badVerb: 'the repository does not understand this OAI-PMH request',
    noSetHierarchy: 'the repository has no sets, so a set filter cannot be used',
    idDoesNotExist: 'the record does not exist',
    badResumptionToken: 'the repository no longer accepts its own paging token',
    noMetadataFormats: 'the repository offers no metadata formats for this item',
  };
  const why = explanations[error.code] ?? 'the repository reported an error';
  const detail = error.message.trim() === '' ? '' : ` (it said: "${error.message.trim().slice(0, 300)}")`;
  return new AtlasError('oai_error', `${context}: ${why} [${error.code}]${detail}.`, {
    details: { oaiCode: error.code },
  });
}

/** Waits `ms`, or rejects when `signal` aborts first. */
export function abortableSleep(signal?: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}
