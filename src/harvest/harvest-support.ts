// What the web and file harvesters (sitemaps, feeds, dumps, CSV, local files) share: turning what a
// reader found into harvested items whose mapping goes through the raw-mapping registry (so a harvest and
// a later re-map give the same record), HTTP validators for conditional GETs, the request budget, and the
// classification of failures into "the resource is gone" and "try again later".
import { AtlasError, isAtlasError } from '../domain/errors.js';
import { mapRawPayload, rawMappingContext } from '../ingest/raw-mapping.js';
import type { HarvestedItem } from '../ingest/page-writer.js';
import type { HttpRequest, HttpResponse } from '../ports/http-client.js';
import type { HarvestContext, HarvestNote } from './harvester.js';

/** ETag and Last-Modified of a response, kept to ask "has it changed?" next time. */
export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

const MAX_ID_CHARS = 2048;

/** An id that fits the store: ids longer than 2048 characters are cut and made unique with a hash suffix. */
export function boundedId(id: string): string {
  if (id.length <= MAX_ID_CHARS) return id;
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (Math.imul(hash, 31) + id.charCodeAt(i)) | 0;
  return `${id.slice(0, MAX_ID_CHARS - 12)}#h${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

export interface RecordInput {
  readonly sourceRecordId: string;
  readonly sourceDatestamp: string | null;
  readonly rawFormat: string;
  readonly raw: string;
}

/** A record item that maps through the raw-mapping registry, or a broken item when the payload is too big. */
export function recordItem(ctx: HarvestContext, harvestedAt: string, input: RecordInput): HarvestedItem {
  const sourceRecordId = boundedId(input.sourceRecordId);
  if (input.raw.length > ctx.limits.maxRecordChars) {
    return brokenItem(
      sourceRecordId,
      input.rawFormat,
      input.raw.slice(0, 10_000),
      'response_too_large',
      `The record has ${input.raw.length} characters; at most ${ctx.limits.maxRecordChars} are kept.`,
    );
  }
  const datestamp = input.sourceDatestamp === null ? null : input.sourceDatestamp.slice(0, 64);
  const { source } = ctx;
  return {
    kind: 'record',
    sourceRecordId,
    sourceDatestamp: datestamp,
    rawFormat: input.rawFormat,
    raw: input.raw,
    map: (at = harvestedAt) =>
      mapRawPayload(input.rawFormat, input.raw, rawMappingContext(source, sourceRecordId, at, datestamp)),
  };
}

export function brokenItem(
  sourceRecordId: string | null,
  rawFormat: string,
  raw: string,
  code: string,
  message: string,
): HarvestedItem {
  return {
    kind: 'broken',
    sourceRecordId: sourceRecordId === null ? null : boundedId(sourceRecordId),
    rawFormat,
    raw,
    code,
    message,
  };
}

/** The code and message of anything thrown. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isAtlasError(error)) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
}

/** Failures that may go away on their own: they must not make the records of a page look deleted. */
export function isTransient(code: string): boolean {
  return (
    code === 'request_timeout' ||
    code === 'source_unreachable' ||
    code === 'http_error' ||
    code === 'unavailable'
  );
}

/** An HTTP status that says the resource is gone for good (its records are gone with it). */
export function isGone(status: number): boolean {
  return status === 404 || status === 410;
}

export function httpStatusError(url: string, status: number): AtlasError {
  return new AtlasError('http_error', `${url} answered HTTP ${status}.`, { details: { url, status } });
}

export function validatorsOf(response: HttpResponse): Validators | null {
  const etag = response.headers['etag']?.trim();
  const lastModified = response.headers['last-modified']?.trim();
  const out: { etag?: string; lastModified?: string } = {};
  if (etag !== undefined && etag !== '' && etag.length <= 512) out.etag = etag;
  if (lastModified !== undefined && lastModified !== '' && lastModified.length <= 64)
    out.lastModified = lastModified;
  return out.etag === undefined && out.lastModified === undefined ? null : out;
}

export function conditionalHeaders(validators: Validators | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag !== undefined) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified !== undefined) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

/** Validators read back from a stored state or checkpoint (untrusted JSON), or null. */
export function readValidators(value: unknown): Validators | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const out: { etag?: string; lastModified?: string } = {};
  if (typeof record['etag'] === 'string') out.etag = record['etag'];
  if (typeof record['lastModified'] === 'string') out.lastModified = record['lastModified'];
  return out.etag === undefined && out.lastModified === undefined ? null : out;
}

/** A map of URL -> validators read back from stored JSON; entries of the wrong shape are dropped. */
export function readValidatorMap(value: unknown, max: number): Map<string, Validators> {
  const out = new Map<string, Validators>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [url, entry] of Object.entries(value as Record<string, unknown>)) {
    if (out.size >= max) break;
    const validators = readValidators(entry);
    if (validators !== null) out.set(url, validators);
  }
  return out;
}

/** The newest `max` entries of a validator map, as plain JSON for a state. */
export function validatorsJson(
  map: ReadonlyMap<string, Validators>,
  max: number,
): Record<string, Validators> {
  const entries = [...map.entries()];
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - max)));
}

export function readString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function readCount(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

export function readObject(value: unknown): Readonly<Record<string, unknown>> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : null;
}

/** Whether `error` is the end of the run's request budget (not a redirect loop of one page). */
export function isBudgetExhausted(error: unknown): boolean {
  return isAtlasError(error) && error.code === 'harvest_loop' && error.details?.['maxRequests'] !== undefined;
}

/** Counts requests against the run's cap; past it the run ends with `harvest_loop`. */
export class RequestBudget {
  #used = 0;

  constructor(private readonly max: number) {}

  get used(): number {
    return this.#used;
  }

  spend(n: number): void {
    this.#used += n;
    if (this.#used > this.max) {
      throw new AtlasError(
        'harvest_loop',
        `The run has made more than ${this.max} requests, the most one run may make; it was stopped.`,
        { details: { maxRequests: this.max } },
      );
    }
  }
}

/** A GET through the product's HTTP client with the source's network permission and the run's signal. */
export function get(
  ctx: HarvestContext,
  url: string,
  options: { readonly headers?: Readonly<Record<string, string>>; readonly maxBytes?: number } = {},
): Promise<HttpResponse> {
  const request: HttpRequest = {
    url,
    method: 'GET',
    allowPrivateNetwork: ctx.source.allowPrivateNetwork,
    maxBytes: options.maxBytes ?? ctx.limits.maxPageBytes,
    signal: ctx.signal,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  };
  return ctx.http.fetch(request);
}

/** Adds `n` to a counter in a plain object. */
export function bump(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

/** Notes for the run report from counters, in a stable order, leaving out zeros. */
export function countNotes(
  counts: Readonly<Record<string, number>>,
  messages: Readonly<Record<string, string>>,
): HarvestNote[] {
  const notes: HarvestNote[] = [];
  for (const [code, message] of Object.entries(messages)) {
    const n = counts[code] ?? 0;
    if (n > 0) notes.push({ code, message: message.replace('{n}', String(n)) });
  }
  return notes;
}

/** Runs `work` over `items` with at most `concurrency` at once, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
