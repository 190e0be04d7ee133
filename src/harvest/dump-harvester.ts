// Harvests a dump of AMB / schema.org JSON-LD records published as one file: NDJSON (protocol `jsonl`, one
// record a line) or JSON (protocol `json`: a list, a @graph, a single record, or a wrapped list). Every
// record becomes an `amb-jsonld` record; a line or entry that cannot be read becomes a broken item with its
// position ("line 12", "record 12") while the rest is kept. Records go out in pages of 500.
//
// NDJSON is read in parts when the server offers byte ranges (206 answers, checked with If-Range so a dump
// that changes underway is noticed): memory stays bounded by one part, whatever the dump's size. A server
// without ranges sends the whole body, which must fit the run's page cap (`response_too_large` says so);
// JSON dumps are always read whole. A dump is a full listing, so a run that read it is a snapshot.
// Incremental runs ask with ETag / Last-Modified first; a 304 means unchanged: nothing is emitted and the
// run is no snapshot.
//
// State:      { startedAt, etag?, lastModified? }
// Checkpoint: { runStartedAt, records, line, offset?, etag?, lastModified? }
//   `records` entries consumed (resuming skips that many); `offset` / `line`: where the next line starts,
//   used with a byte range when the dump still has the same validators.
import { AtlasError } from '../domain/errors.js';
import type { HarvestedItem } from '../ingest/page-writer.js';
import type { HttpResponse } from '../ports/http-client.js';
import { jsonDumpEntries, ndjsonEntries, type DumpEntry } from '../formats/dump/dump-records.js';
import { NdjsonSplitter } from '../formats/dump/ndjson.js';
import { gunzipIfCompressed } from '../formats/html/decode-html.js';
import type { HarvestContext, HarvestEnd, HarvestNote, HarvestPage, Harvester } from './harvester.js';
import {
  brokenItem,
  conditionalHeaders,
  get,
  httpStatusError,
  readCount,
  readString,
  readValidators,
  recordItem,
  RequestBudget,
  validatorsOf,
  type Validators,
} from './harvest-support.js';

export interface DumpHarvesterOptions {
  /** Records per harvested page (and checkpoint). */
  readonly recordsPerPage: number;
  /** Size of one byte range when the server offers ranges. */
  readonly rangeBytes: number;
}

export const DEFAULT_DUMP_OPTIONS: DumpHarvesterOptions = {
  recordsPerPage: 500,
  rangeBytes: 8 * 1024 * 1024,
};

const RAW_FORMAT = 'amb-jsonld';

/** One entry of the dump and where the reader stands after it. */
export interface PositionedEntry {
  readonly entry: DumpEntry;
  /** The NDJSON line it came from (0 for JSON dumps). */
  readonly line: number;
  /** Byte offset after its line, when resuming there is possible; null otherwise. */
  readonly offset: number | null;
}

/** Items of dump entries: records map through the raw-mapping registry, the rest are broken items. */
export function dumpItem(ctx: HarvestContext, harvestedAt: string, entry: DumpEntry): HarvestedItem {
  return entry.kind === 'record'
    ? recordItem(ctx, harvestedAt, {
        sourceRecordId: entry.sourceRecordId,
        sourceDatestamp: entry.datestamp,
        rawFormat: RAW_FORMAT,
        raw: entry.raw,
      })
    : brokenItem(entry.sourceRecordId, RAW_FORMAT, entry.raw, entry.code, entry.message);
}

function sameValidators(a: Validators | null, b: Validators | null): boolean {
  if (a === null || b === null) return false;
  if (a.etag !== undefined && b.etag !== undefined) return a.etag === b.etag;
  return a.lastModified !== undefined && a.lastModified === b.lastModified;
}

/** What If-Range may carry: a strong ETag, else the Last-Modified date (weak ETags never match). */
function ifRangeValue(validators: Validators | null): string | undefined {
  if (validators?.etag !== undefined && !validators.etag.startsWith('W/')) return validators.etag;
  return validators?.lastModified;
}

/** "bytes 0-99/1234" -> start, end, total (null when unknown). */
function contentRange(
  header: string | undefined,
): { start: number; end: number; total: number | null } | null {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header ?? '');
  if (m === null) return null;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) };
}

function looksGzip(body: Buffer): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

function firstChar(body: Buffer): string {
  const text = body
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return text.trimStart().charAt(0);
}

interface Opening {
  /** How the body will be read. */
  readonly mode: 'unchanged' | 'ranged' | 'whole' | 'empty';
  readonly response: HttpResponse | null;
  readonly validators: Validators | null;
  readonly total: number | null;
}

/**
 * Runs one dump harvest over entries produced by `entries` (which already skips what was consumed before a
 * resume when it can seek), paging them and writing checkpoints.
 */
export async function* pageEntries(
  ctx: HarvestContext,
  entries: AsyncIterable<PositionedEntry> | Iterable<PositionedEntry>,
  options: {
    readonly recordsPerPage: number;
    readonly consumedBefore: number;
    /** Entries still to pass over without emitting (resuming by count). */
    readonly skip: number;
    readonly checkpointExtra: () => Record<string, unknown>;
    readonly takeRequests: () => number;
  },
): AsyncGenerator<HarvestPage, { records: number; duplicates: number }, void> {
  let consumed = options.consumedBefore;
  let toSkip = options.skip;
  let items: HarvestedItem[] = [];
  let ids = new Set<string>();
  let duplicates = 0;
  let last: PositionedEntry | null = null;
  let harvestedAt = ctx.now().toISOString();
  const flush = (): HarvestPage => {
    const page: HarvestPage = {
      items,
      checkpoint: {
        ...options.checkpointExtra(),
        records: consumed,
        line: last?.line ?? 0,
        ...(last?.offset === null || last === null ? {} : { offset: last.offset }),
      },
      requests: options.takeRequests(),
    };
    items = [];
    ids = new Set();
    harvestedAt = ctx.now().toISOString();
    return page;
  };
  for await (const positioned of entries) {
    consumed++;
    last = positioned;
    if (toSkip > 0) {
      toSkip--;
      continue;
    }
    const id = positioned.entry.sourceRecordId;
    if (ids.has(id)) duplicates++;
    ids.add(id);
    items.push(dumpItem(ctx, harvestedAt, positioned.entry));
    if (items.length >= options.recordsPerPage) {
      ctx.signal.throwIfAborted();
      yield flush();
    }
  }
  if (items.length > 0 || consumed === options.consumedBefore) yield flush();
  return { records: consumed, duplicates };
}

export function createDumpHarvester(options: Partial<DumpHarvesterOptions> = {}): Harvester {
  const settings: DumpHarvesterOptions = { ...DEFAULT_DUMP_OPTIONS, ...options };
  return {
    async *harvest(ctx: HarvestContext): AsyncGenerator<HarvestPage, HarvestEnd, void> {
      const format = (ctx.source.format ?? '').toLowerCase();
      let ndjson =
        format === 'ndjson' || format === 'jsonl'
          ? true
          : format === 'json'
            ? false
            : ctx.source.protocol !== 'json';
      const url = ctx.source.url;
      const previousValidators = readValidators(ctx.previousState ?? null);
      const incremental = ctx.mode === 'incremental' && ctx.previousState !== null;
      const resume = ctx.resumeFrom;
      const runStartedAt = readString(resume?.['runStartedAt']) ?? ctx.now().toISOString();
      const resumeValidators = readValidators(resume ?? null);
      const resumeRecords = readCount(resume?.['records']);
      const resumeOffset = readCount(resume?.['offset']);
      const resumeLine = readCount(resume?.['line']);
      const budget = new RequestBudget(ctx.limits.maxRequests);
      let pendingRequests = 0;
      const spend = (response: HttpResponse): void => {
        budget.spend(response.attempts);
        pendingRequests += response.attempts;
      };
      const takeRequests = (): number => {
        const n = pendingRequests;
        pendingRequests = 0;
        return n;
      };
      const notes: HarvestNote[] = [];
      const maxBytes = ctx.limits.maxPageBytes;
      // A part never exceeds what one response may hold.
      const rangeBytes = Math.max(1, Math.min(settings.rangeBytes, maxBytes));

      // ---- open the dump ----------------------------------------------------------------------------
      const conditional = incremental && resume === null ? previousValidators : null;
      const resumeIfRange = ifRangeValue(resumeValidators);
      const seekTo =
        ndjson && resume !== null && resumeOffset > 0 && resumeIfRange !== undefined ? resumeOffset : 0;
      const openHeaders: Record<string, string> = { ...conditionalHeaders(conditional) };
      if (ndjson) openHeaders['range'] = `bytes=${seekTo}-${seekTo + rangeBytes - 1}`;
      if (seekTo > 0 && resumeValidators !== null) {
        openHeaders['if-range'] = resumeIfRange ?? '';
      }
      const wholeGet = async (): Promise<HttpResponse> => {
        try {
          const response = await get(ctx, url, { headers: conditionalHeaders(conditional), maxBytes });
          spend(response);
          return response;
        } catch (error) {
          throw tooLarge(error, url, maxBytes);
        }
      };
      let first: HttpResponse;
      try {
        first = await get(ctx, url, { headers: openHeaders, maxBytes });
        spend(first);
      } catch (error) {
        throw tooLarge(error, url, maxBytes);
      }
      let opening: Opening;
      if (first.status === 304 && conditional !== null) {
        opening = { mode: 'unchanged', response: first, validators: previousValidators, total: null };
      } else if (first.status === 206) {
        const range = contentRange(first.headers['content-range']);
        const encoded = first.headers['x-atlas-content-encoding'] !== undefined;
        if (
          range === null ||
          range.start !== seekTo ||
          encoded ||
          (seekTo === 0 && (looksGzip(first.body) || firstChar(first.body) === '['))
        ) {
          // Parts that cannot be joined (compressed, or not where asked): read the whole body instead.
          const whole = await wholeGet();
          if (whole.status < 200 || whole.status >= 300) throw httpStatusError(url, whole.status);
          opening = { mode: 'whole', response: whole, validators: validatorsOf(whole), total: null };
        } else {
          opening = { mode: 'ranged', response: first, validators: validatorsOf(first), total: range.total };
        }
      } else if (first.status === 416) {
        opening = { mode: 'empty', response: first, validators: resumeValidators, total: null };
      } else if (first.status >= 200 && first.status < 300) {
        opening = { mode: 'whole', response: first, validators: validatorsOf(first), total: null };
      } else {
        throw httpStatusError(url, first.status);
      }

      if (opening.mode === 'unchanged') {
        return {
          state: { startedAt: runStartedAt, ...(previousValidators ?? {}) },
          snapshot: false,
          notes: [
            {
              code: 'dump_unchanged',
              message: 'The dump answered 304 Not Modified: nothing changed since the last run.',
            },
          ],
        };
      }

      // A resumed run over a dump that changed in between may skip or repeat records: no snapshot then.
      const changedSinceResume =
        resume !== null && resumeRecords > 0 && !sameValidators(resumeValidators, opening.validators);
      const seeking = opening.mode === 'ranged' && seekTo > 0;
      const checkpointExtra = (): Record<string, unknown> => ({
        runStartedAt,
        ...(opening.validators ?? {}),
      });
      let wholeBody: Buffer | null = null;
      if (opening.mode === 'whole' && opening.response !== null) {
        wholeBody = gunzipIfCompressed(opening.response.body, maxBytes);
        if (ndjson && firstChar(wholeBody) === '[') {
          ndjson = false;
          notes.push({
            code: 'dump_is_json',
            message: 'The dump is a JSON list, not NDJSON; it was read as JSON.',
          });
        }
      }

      // ---- the entries --------------------------------------------------------------------------------
      const maxRecordChars = ctx.limits.maxRecordChars;
      const ranged = opening.mode === 'ranged' ? opening : null;
      async function* ndjsonFromRanges(
        firstPart: HttpResponse,
        total: number | null,
        validators: Validators | null,
      ): AsyncGenerator<PositionedEntry> {
        const splitter = new NdjsonSplitter({
          maxLineBytes: maxRecordChars,
          startLine: seeking ? resumeLine : 0,
          startOffset: seeking ? seekTo : 0,
        });
        let part: HttpResponse = firstPart;
        let position = seekTo;
        for (;;) {
          const bytes = part.body;
          for (const line of splitter.push(bytes)) {
            for (const entry of ndjsonEntries(line, maxRecordChars))
              yield { entry, line: line.line, offset: line.endOffset };
          }
          position += bytes.length;
          const range = contentRange(part.headers['content-range']);
          const end = total ?? range?.total ?? null;
          if (bytes.length === 0 || (end !== null && position >= end)) break;
          ctx.signal.throwIfAborted();
          const headers: Record<string, string> = { range: `bytes=${position}-${position + rangeBytes - 1}` };
          const validator = ifRangeValue(validators);
          if (validator !== undefined) headers['if-range'] = validator;
          part = await get(ctx, url, { headers, maxBytes });
          spend(part);
          if (part.status === 416) break;
          // A server may ignore If-Range (or there is nothing to send in it): the validators must still match.
          const changed =
            validators !== null && part.status === 206 && !sameValidators(validators, validatorsOf(part));
          if (part.status === 200 || changed) {
            throw new AtlasError(
              'harvest_interrupted',
              `The dump at ${url} changed while it was being read; the run can be resumed and reads the new version.`,
              { details: { url } },
            );
          }
          if (part.status !== 206) throw httpStatusError(url, part.status);
        }
        for (const line of splitter.end()) {
          for (const entry of ndjsonEntries(line, maxRecordChars))
            yield { entry, line: line.line, offset: line.endOffset };
        }
      }
      function* ndjsonFromBody(body: Buffer): Generator<PositionedEntry> {
        const splitter = new NdjsonSplitter({ maxLineBytes: maxRecordChars });
        for (const line of [...splitter.push(body), ...splitter.end()]) {
          for (const entry of ndjsonEntries(line, maxRecordChars))
            yield { entry, line: line.line, offset: null };
        }
      }
      function* jsonFromBody(body: Buffer): Generator<PositionedEntry> {
        const text = body.toString('utf8');
        let parsed: ReturnType<typeof jsonDumpEntries>;
        try {
          parsed = jsonDumpEntries(text, maxRecordChars);
        } catch (error) {
          // JSON Lines published under a .json name: read line by line.
          if (/^\s*\{[^\n]*\}\s*\r?\n\s*\{/.test(text.slice(0, 1_000_000))) {
            notes.push({
              code: 'dump_is_ndjson',
              message: 'The dump is NDJSON (one record a line); it was read as such.',
            });
            yield* ndjsonFromBody(body);
            return;
          }
          throw error;
        }
        if (parsed.shape !== 'list' && parsed.shape !== 'single') {
          notes.push({
            code: 'dump_shape',
            message: `The dump's records were found in a ${parsed.shape} wrapper.`,
          });
        }
        for (const entry of parsed.entries) yield { entry, line: 0, offset: null };
      }

      let entries: AsyncIterable<PositionedEntry> | Iterable<PositionedEntry>;
      if (opening.mode === 'empty') entries = [];
      else if (ranged !== null && ranged.response !== null) {
        entries = ndjsonFromRanges(ranged.response, ranged.total, ranged.validators);
      } else if (ndjson) entries = ndjsonFromBody(wholeBody ?? Buffer.alloc(0));
      else entries = jsonFromBody(wholeBody ?? Buffer.alloc(0));

      const result = yield* pageEntries(ctx, entries, {
        recordsPerPage: settings.recordsPerPage,
        consumedBefore: seeking || opening.mode === 'empty' ? resumeRecords : 0,
        skip: seeking || opening.mode === 'empty' ? 0 : resumeRecords,
        checkpointExtra,
        takeRequests,
      });
      if (result.duplicates > 0) {
        notes.push({
          code: 'duplicate_ids',
          message: `${result.duplicates} records repeat the id of another record; the last of each is kept.`,
        });
      }
      if (changedSinceResume) {
        notes.push({
          code: 'snapshot_withheld',
          message:
            'The dump changed between the interrupted run and its resumption; records not seen are kept.',
        });
      }
      return {
        state: { startedAt: runStartedAt, ...(opening.validators ?? {}) },
        snapshot: !changedSinceResume,
        notes,
      };
    },
  };
}

/** A clearer `response_too_large` for dumps read whole. */
function tooLarge(error: unknown, url: string, maxBytes: number): unknown {
  if (
    error instanceof AtlasError &&
    (error.code === 'response_too_large' || error.code === 'decompression_refused')
  ) {
    return new AtlasError(
      error.code,
      `The dump at ${url} is larger than ${maxBytes} bytes and the server does not offer byte ranges, so it cannot be read in parts. ${error.message}`,
      { cause: error, details: { url, maxBytes } },
    );
  }
  return error;
}
