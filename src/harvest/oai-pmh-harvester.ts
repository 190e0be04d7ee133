// Harvests an OAI-PMH 2.0 repository with ListRecords, the way real endpoints require:
// - Identify first (granularity, earliestDatestamp, deletedRecord); dates sent in the declared granularity;
// - date windows of a month (a day when a month holds too many records), so a broken token costs one
//   window; providers that reject from/until get one window, providers that ignore them get full + diff;
// - incremental runs start a day before the provider's responseDate of the previous run's first reply;
// - the resumptionToken is opaque and sent alone with the verb; an empty token ends the list; loops
//   (a repeated token, endless empty pages, far more records than announced) stop the run;
// - each page is yielded with the checkpoint that resumes right after it; badResumptionToken restarts the
//   current window only; sets are included and excluded; deleted headers become tombstones.
import type { Source } from '../domain/catalog.js';
import { AtlasError } from '../domain/errors.js';
import { mapperFor } from '../formats/mapping.js';
import { parseOaiDatestamp } from '../formats/oai-pmh/envelope.js';
import type { OaiIdentify, ParsedOaiPage } from '../formats/oai-pmh/types.js';
import type { HarvestedItem } from '../ingest/page-writer.js';
import { mapRawPayload, rawMappingContext } from '../ingest/raw-mapping.js';
import type {
  Checkpoint,
  HarvestContext,
  HarvestEnd,
  HarvestNote,
  HarvestPage,
  Harvester,
} from './harvester.js';
import {
  oaiErrorOf,
  oaiFailure,
  oaiRequest,
  type OaiExchange,
  type OaiRequestOptions,
} from './oai-client.js';

const DAY_MS = 86_400_000;
/** A month window announcing more records than this is split into days. */
const DEFAULT_MAX_WINDOW_RECORDS = 20_000;
/** badResumptionToken restarts of one window before the run gives up. */
const MAX_WINDOW_RESTARTS = 3;
/** Records outside the requested window by more than this mean the provider ignores from/until. */
const WINDOW_TOLERANCE_MS = DAY_MS;

type Granularity = 'day' | 'seconds';

type Window = {
  /** ISO instants; null start = from the beginning, null end = open (no until sent). */
  readonly start: string | null;
  readonly end: string | null;
  /** While a month is walked day by day: where the month ends (null when it was the open last window). */
  readonly splitEnd?: string | null;
  /** Span in months of a window that is not split into days (absent: one month). */
  readonly months?: number;
};

/** The resumption state, stored as the run's checkpoint after every committed page. */
type OaiState = {
  readonly v: 1;
  readonly prefix: string;
  readonly sets: readonly string[];
  readonly granularity: Granularity;
  /** "windows": from/until per window; "none": one window without dates (provider rejects or ignores them). */
  readonly dateRange: 'windows' | 'none';
  readonly ignoresDateRange: boolean;
  /** Only changes since the previous run are listed (so the run is not a snapshot of the repository). */
  readonly incremental: boolean;
  readonly rangeFrom: string | null;
  readonly setIndex: number;
  readonly window: Window;
  readonly token: string | null;
  readonly windowRestarts: number;
  readonly windowRecords: number;
  readonly emptyPagesInRow: number;
  readonly requests: number;
  readonly firstResponseDate: string | null;
  /** Broken items without an identifier: while any exist, the run cannot say which records are gone. */
  readonly unidentifiedBroken: number;
};

function isState(value: Checkpoint | null): value is Checkpoint & OaiState {
  return value !== null && value.v === 1 && typeof value.prefix === 'string' && Array.isArray(value.sets);
}

function granularityOf(identify: OaiIdentify | null): Granularity {
  return identify !== null && /T/.test(identify.granularity) ? 'seconds' : 'day';
}

function formatDate(iso: string, granularity: Granularity): string {
  return granularity === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

function ms(iso: string): number {
  return Date.parse(iso);
}

function isoOf(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 19)}Z`;
}

function startOfDay(millis: number): number {
  return Math.floor(millis / DAY_MS) * DAY_MS;
}

function nextMonthStart(millis: number, months = 1): number {
  const d = new Date(millis);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

/** Empty windows grow (2, 4, 8, then 12 months) so that years without records cost few requests. */
const MAX_WINDOW_MONTHS = 12;

function firstWindow(state: Pick<OaiState, 'dateRange' | 'rangeFrom'>, nowMs: number): Window {
  if (state.dateRange === 'none' || state.rangeFrom === null) return { start: null, end: null };
  const start = ms(state.rangeFrom);
  const end = nextMonthStart(start);
  return { start: state.rangeFrom, end: end > nowMs ? null : isoOf(end) };
}

/** The window after `w` spanning `months`, or null when `w` was the last (open) one. */
function nextWindow(w: Window, nowMs: number, months = 1): Window | null {
  if (w.end === null || w.start === null) return null;
  const start = ms(w.end);
  if (w.splitEnd !== undefined) {
    const splitEnd = w.splitEnd === null ? null : ms(w.splitEnd);
    if (splitEnd === null || start < splitEnd) {
      let end = start + DAY_MS;
      if (splitEnd !== null && end >= splitEnd) end = splitEnd;
      if (splitEnd === null && end > nowMs) return { start: w.end, end: null, splitEnd: null };
      return { start: w.end, end: isoOf(end), splitEnd: w.splitEnd };
    }
  }
  const end = nextMonthStart(start, months);
  return { start: w.end, end: end > nowMs ? null : isoOf(end), ...(months > 1 ? { months } : {}) };
}

/**
 * Narrows a window that holds too many records: a window of several months to its first month, a month to
 * its first day (the days after it follow one by one). Null when it is a day already.
 */
function splitWindow(w: Window, nowMs: number): Window | null {
  if (w.start === null || w.splitEnd !== undefined) return null;
  const start = ms(w.start);
  const monthEnd = nextMonthStart(start);
  if ((w.months ?? 1) > 1 && monthEnd <= nowMs) return { start: w.start, end: isoOf(monthEnd) };
  const dayEnd = startOfDay(start) + DAY_MS;
  if (w.end !== null && ms(w.end) <= dayEnd) return null;
  if (w.end === null && dayEnd > nowMs) return null;
  return { start: w.start, end: isoOf(dayEnd), splitEnd: w.end };
}

function excludedBy(setSpecs: readonly string[], exclude: readonly string[]): boolean {
  return setSpecs.some((spec) => exclude.some((x) => spec === x || spec.startsWith(`${x}:`)));
}

function addNote(notes: HarvestNote[], code: string, message: string): void {
  if (!notes.some((n) => n.code === code && n.message === message)) notes.push({ code, message });
}

function addCount(target: Record<string, number>, code: string, n = 1): void {
  target[code] = (target[code] ?? 0) + n;
}

interface PageItems {
  readonly items: HarvestedItem[];
  readonly unidentified: number;
  readonly excluded: number;
  /** Records whose datestamp lies well outside the window that was asked for. */
  readonly outside: number;
}

function itemsOf(
  parsed: ParsedOaiPage,
  source: Source,
  prefix: string,
  window: Window | null,
  harvestedAt: string,
): PageItems {
  const items: HarvestedItem[] = [];
  let unidentified = 0;
  let excluded = 0;
  let outside = 0;
  const lower = window?.start == null ? null : ms(window.start) - WINDOW_TOLERANCE_MS;
  const upper = window?.end == null ? null : ms(window.end) + WINDOW_TOLERANCE_MS;
  for (const outcome of parsed.outcomes) {
    if (outcome.status === 'failed') {
      const id = outcome.identifier?.trim() ?? '';
      if (id === '') unidentified += 1;
      items.push({
        kind: 'broken',
        sourceRecordId: id === '' ? null : id,
        rawFormat: prefix,
        raw: outcome.rawXml,
        code: outcome.code,
        message: outcome.reason,
      });
      continue;
    }
    const { header, metadataXml, metadataNamespace, metadataLocalName, recordXml } = outcome.record;
    if (excludedBy(header.setSpecs, source.excludeSets)) {
      excluded += 1;
      continue;
    }
    const stamp = header.datestampIso ?? parseOaiDatestamp(header.datestamp);
    if (stamp !== null) {
      const t = ms(stamp);
      if ((lower !== null && t < lower) || (upper !== null && t > upper)) outside += 1;
    }
    const datestamp = stamp ?? (header.datestamp === '' ? null : header.datestamp);
    const id = header.identifier;
    if (header.deleted) {
      items.push({
        kind: 'deleted',
        sourceRecordId: id,
        sourceDatestamp: datestamp,
        rawFormat: prefix,
        raw: recordXml,
      });
    } else if (metadataXml === null) {
      items.push({
        kind: 'broken',
        sourceRecordId: id,
        rawFormat: prefix,
        raw: recordXml,
        code: 'invalid_record',
        message: 'The record has a header but no metadata.',
      });
    } else {
      const rawFormat = mapperFor(metadataNamespace, metadataLocalName) ?? prefix;
      items.push({
        kind: 'record',
        sourceRecordId: id,
        sourceDatestamp: datestamp,
        rawFormat,
        raw: metadataXml,
        map: (at = harvestedAt) =>
          mapRawPayload(rawFormat, metadataXml, rawMappingContext(source, id, at, datestamp)),
      });
    }
  }
  return { items, unidentified, excluded, outside };
}

export interface OaiHarvesterOptions {
  /** A month window announcing more records than this is walked day by day. */
  readonly maxWindowRecords?: number;
}

export function createOaiPmhHarvester(options: OaiHarvesterOptions = {}): Harvester {
  const maxWindowRecords = options.maxWindowRecords ?? DEFAULT_MAX_WINDOW_RECORDS;
  return {
    async *harvest(ctx: HarvestContext): AsyncGenerator<HarvestPage, HarvestEnd, void> {
      const { source } = ctx;
      const prefix = source.format ?? 'oai_dc';
      const sets = source.sets;
      const request: OaiRequestOptions = {
        http: ctx.http,
        baseUrl: source.url,
        allowPrivateNetwork: source.allowPrivateNetwork,
        maxPageBytes: ctx.limits.maxPageBytes,
        maxRecordChars: ctx.limits.maxRecordChars,
        signal: ctx.signal,
        sleep: ctx.sleep,
      };
      const notes: HarvestNote[] = [];
      const nowMs = (): number => ctx.now().getTime();
      const previous = ctx.previousState;

      let state: OaiState;
      let pendingRequests = 0;
      // Retries spent before the first list page (on Identify) are reported with that page.
      let pendingErrors: Record<string, number> = {};
      const resume = ctx.resumeFrom;
      if (
        isState(resume) &&
        resume.prefix === prefix &&
        JSON.stringify(resume.sets) === JSON.stringify(sets)
      ) {
        state = resume;
        addNote(notes, 'resumed', 'The run continued from its last committed page.');
      } else {
        // Identify: granularity, earliest datestamp and how deletions are reported.
        let identify: OaiIdentify | null = null;
        let firstResponseDate: string | null = null;
        try {
          const ex = await oaiRequest(request, 'Identify', {});
          pendingRequests += ex.requests;
          for (const [code, n] of Object.entries(ex.retried)) addCount(pendingErrors, code, n);
          identify = ex.parsed.page.identify;
          firstResponseDate = ex.parsed.page.responseDateIso;
          const error = oaiErrorOf(ex.parsed);
          if (error !== null)
            addNote(notes, 'identify_error', `Identify answered with the error ${error.code}.`);
        } catch (error) {
          if (
            error instanceof AtlasError &&
            (error.code === 'xml_malformed' || error.code === 'xml_dtd_refused')
          ) {
            addNote(
              notes,
              'identify_unreadable',
              `Identify could not be read (${error.message}); day granularity assumed.`,
            );
          } else {
            throw error;
          }
        }
        if (identify !== null && identify.deletedRecord === 'no') {
          addNote(
            notes,
            'deletions_unreported',
            'The repository does not report deleted records; full runs find them.',
          );
        }
        const granularity = granularityOf(identify);
        const forcedNone = previous?.dateRange === 'none' || previous?.ignoresDateRange === true;
        const incrementalFrom =
          ctx.mode === 'incremental' && typeof previous?.nextFrom === 'string' ? previous.nextFrom : null;
        const earliest = identify?.earliestDatestampIso ?? null;
        let rangeFrom = incrementalFrom ?? earliest;
        if (rangeFrom !== null && granularity === 'day') rangeFrom = isoOf(startOfDay(ms(rangeFrom)));
        if (rangeFrom !== null && ms(rangeFrom) > nowMs()) rangeFrom = null;
        const dateRange = forcedNone ? 'none' : 'windows';
        if (forcedNone) {
          addNote(
            notes,
            'full_and_diff',
            'This repository ignores or rejects date ranges: every run lists all records.',
          );
        }
        state = {
          v: 1,
          prefix,
          sets: [...sets],
          granularity,
          dateRange,
          ignoresDateRange: previous?.ignoresDateRange === true,
          incremental: incrementalFrom !== null && rangeFrom !== null,
          rangeFrom,
          setIndex: 0,
          window: firstWindow({ dateRange, rangeFrom }, nowMs()),
          token: null,
          windowRestarts: 0,
          windowRecords: 0,
          emptyPagesInRow: 0,
          requests: 0,
          firstResponseDate,
          unidentifiedBroken: 0,
        };
      }
      // Run-level notes travel with the first page, so that they are kept even if the run stops early.
      const withRunNotes = (pageNotes: HarvestNote[]): HarvestNote[] => {
        const all = [...notes, ...pageNotes];
        notes.length = 0;
        return all;
      };

      const setCount = Math.max(sets.length, 1);
      // The request cap guards one session against an endless list; a resumed run gets a fresh allowance.
      const sessionStart = state.requests;
      const tokensThisWindow = new Set<string>();

      /** The next window (wider after an empty one), or the next set. */
      const advance = (s: OaiState, empty: boolean): OaiState => {
        tokensThisWindow.clear();
        const base = { ...s, token: null, windowRestarts: 0, windowRecords: 0, emptyPagesInRow: 0 };
        const months =
          empty && s.window.splitEnd === undefined
            ? Math.min(MAX_WINDOW_MONTHS, (s.window.months ?? 1) * 2)
            : 1;
        const next = s.dateRange === 'none' ? null : nextWindow(s.window, nowMs(), months);
        if (next !== null) return { ...base, window: next };
        return { ...base, setIndex: s.setIndex + 1, window: firstWindow(s, nowMs()) };
      };

      while (state.setIndex < setCount) {
        ctx.signal.throwIfAborted();
        if (state.requests - sessionStart + pendingRequests >= ctx.limits.maxRequests) {
          throw new AtlasError('harvest_loop', `The run stopped after ${ctx.limits.maxRequests} requests.`);
        }
        const set = sets[state.setIndex];
        const windowed =
          state.dateRange === 'windows' && (state.window.start !== null || state.window.end !== null);
        let args: Record<string, string>;
        if (state.token !== null) {
          args = { resumptionToken: state.token };
        } else {
          args = { metadataPrefix: prefix };
          if (state.dateRange === 'windows' && state.window.start !== null) {
            args.from = formatDate(state.window.start, state.granularity);
          }
          if (state.dateRange === 'windows' && state.window.end !== null) {
            const unit = state.granularity === 'day' ? DAY_MS : 1000;
            args.until = formatDate(isoOf(ms(state.window.end) - unit), state.granularity);
          }
          if (set !== undefined) args.set = set;
        }

        const exchange: OaiExchange = await oaiRequest(request, 'ListRecords', args);
        const requests = pendingRequests + exchange.requests;
        pendingRequests = 0;
        const errors: Record<string, number> = pendingErrors;
        pendingErrors = {};
        for (const [code, n] of Object.entries(exchange.retried)) addCount(errors, code, n);
        const pageNotes: HarvestNote[] = [];
        const firstResponseDate = state.firstResponseDate ?? exchange.parsed.page.responseDateIso;
        if (exchange.repairs.length > 0) {
          addNote(
            pageNotes,
            'page_repaired',
            `Repaired: ${[...new Set(exchange.repairs)].slice(0, 10).join(', ')}.`,
          );
        }
        if (exchange.parsed.salvaged) {
          addCount(errors, 'page_salvaged');
          addNote(
            pageNotes,
            'page_salvaged',
            `A page was not well-formed; its complete records were kept (${exchange.parsed.salvageReason ?? ''}).`,
          );
        }

        const error = oaiErrorOf(exchange.parsed);
        if (error !== null) {
          const counted = { ...state, requests: state.requests + requests, firstResponseDate };
          if (error.code === 'noRecordsMatch') {
            state = advance(counted, true);
          } else if (error.code === 'badResumptionToken' && counted.token !== null) {
            addCount(errors, 'bad_resumption_token');
            if (counted.windowRestarts >= MAX_WINDOW_RESTARTS) {
              throw oaiFailure(error, 'The list could not be completed after restarting it several times');
            }
            addNote(
              pageNotes,
              'window_restarted',
              'The repository refused its own paging token; the current date window was harvested again.',
            );
            tokensThisWindow.clear();
            state = {
              ...counted,
              token: null,
              windowRecords: 0,
              emptyPagesInRow: 0,
              windowRestarts: counted.windowRestarts + 1,
            };
          } else if (error.code === 'badArgument' && counted.token === null && windowed) {
            addNote(
              pageNotes,
              'date_range_rejected',
              'The repository rejects from/until; all records are listed at once.',
            );
            tokensThisWindow.clear();
            state = {
              ...counted,
              dateRange: 'none',
              window: { start: null, end: null },
              token: null,
              windowRecords: 0,
              emptyPagesInRow: 0,
              windowRestarts: 0,
            };
          } else {
            throw oaiFailure(
              error,
              set === undefined ? 'Harvesting stopped' : `Harvesting the set "${set}" stopped`,
            );
          }
          yield { items: [], checkpoint: state, requests, errors, notes: withRunNotes(pageNotes) };
          continue;
        }

        const harvestedAt = ctx.now().toISOString();
        const page = itemsOf(exchange.parsed, source, prefix, windowed ? state.window : null, harvestedAt);
        // Counted with the run's classes so that the report says how many were skipped; not a failure.
        if (page.excluded > 0) addCount(errors, 'excluded_by_set', page.excluded);
        const token = exchange.parsed.page.resumptionToken;
        const records = exchange.parsed.outcomes.length;
        let next: OaiState = {
          ...state,
          requests: state.requests + requests,
          firstResponseDate,
          unidentifiedBroken: state.unidentifiedBroken + page.unidentified,
        };

        if (exchange.parsed.tokenStatus === 'unreadable') {
          // Cut off before the end even when asked again: keep what was read, stop, resume here next time.
          // The checkpoint asks for this page again, so its cut-off last item is not a broken record (it is
          // read whole on resume) and none of its items may count against the snapshot yet.
          addNote(
            pageNotes,
            'page_truncated',
            'A page kept arriving cut off; its complete records were kept and the run stopped there.',
          );
          const cutTail = exchange.parsed.outcomes.at(-1)?.status === 'failed';
          yield {
            items: cutTail ? page.items.slice(0, -1) : page.items,
            checkpoint: { ...next, unidentifiedBroken: state.unidentifiedBroken },
            requests,
            errors,
            notes: withRunNotes(pageNotes),
          };
          throw new AtlasError(
            'xml_malformed',
            'A page of the list kept arriving incomplete; the run can resume from it later.',
          );
        }

        if (windowed && page.outside > 0) {
          // The provider ignores from/until: list everything once and let unchanged records be recognised.
          addNote(
            pageNotes,
            'from_until_ignored',
            'The repository ignores from/until (records outside the date window came back); all records are listed at once from now on.',
          );
          tokensThisWindow.clear();
          next = {
            ...next,
            dateRange: 'none',
            ignoresDateRange: true,
            window: { start: null, end: null },
            token: null,
            windowRecords: 0,
            emptyPagesInRow: 0,
            windowRestarts: 0,
          };
          yield { items: page.items, checkpoint: next, requests, errors, notes: withRunNotes(pageNotes) };
          state = next;
          continue;
        }

        const size = token?.completeListSize;
        if (state.token === null && windowed && size !== undefined && size > maxWindowRecords) {
          const split = splitWindow(state.window, nowMs());
          if (split !== null) {
            addNote(
              pageNotes,
              'window_split',
              `A month announced ${size} records; it is harvested day by day.`,
            );
            tokensThisWindow.clear();
            next = { ...next, window: split, token: null, windowRecords: 0, emptyPagesInRow: 0 };
            yield {
              items: page.items,
              checkpoint: next,
              requests,
              errors,
              notes: withRunNotes(pageNotes),
            };
            state = next;
            continue;
          }
        }

        const value = token?.value ?? '';
        if (value !== '') {
          if (tokensThisWindow.has(value) || value === state.token) {
            throw new AtlasError(
              'harvest_loop',
              'The repository sent the same resumptionToken twice; the list would never end.',
              { details: { token: value.slice(0, 200) } },
            );
          }
          tokensThisWindow.add(value);
          const emptyPagesInRow = records === 0 ? state.emptyPagesInRow + 1 : 0;
          if (emptyPagesInRow > ctx.limits.maxEmptyPagesInRow) {
            throw new AtlasError(
              'harvest_loop',
              `The repository sent ${emptyPagesInRow} empty pages in a row.`,
            );
          }
          const windowRecords = state.windowRecords + records;
          if (size !== undefined && windowRecords > size * 2 + 1000) {
            throw new AtlasError(
              'harvest_loop',
              `The repository sent ${windowRecords} records for a list it announced with ${size}.`,
            );
          }
          next = { ...next, token: value, windowRecords, emptyPagesInRow };
        } else {
          next = advance(next, state.token === null && records === 0);
        }
        yield {
          items: page.items,
          checkpoint: next,
          requests,
          errors,
          notes: withRunNotes(pageNotes),
          // A window's or a set's list size is not the whole harvest's: only one undivided list gives a total.
          ...(size === undefined || windowed || setCount > 1 ? {} : { expectedTotal: size }),
        };
        state = next;
      }

      // The next incremental run starts a day before this run's first answer: today is never complete.
      const basis = state.firstResponseDate ?? isoOf(nowMs());
      const nextFrom = isoOf(ms(basis) - DAY_MS);
      const snapshot = !state.incremental || state.dateRange === 'none';
      if (state.unidentifiedBroken > 0 && snapshot) {
        addNote(
          notes,
          'snapshot_incomplete',
          `${state.unidentifiedBroken} broken records had no readable identifier, so records missing from this run were not marked deleted.`,
        );
      }
      return {
        state: {
          nextFrom,
          granularity: state.granularity,
          dateRange: state.dateRange,
          ignoresDateRange: state.ignoresDateRange,
        },
        snapshot: snapshot && state.unidentifiedBroken === 0,
        notes,
      };
    },
  };
}
