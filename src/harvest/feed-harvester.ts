// Harvests an RSS 2.0 / RSS 1.0 / Atom feed: every item becomes a record (`rss-item` / `atom-entry`, the
// item's standalone XML), identified by its guid / id, else its link. Paged feeds (RFC 5005) are followed
// through their `next` links, with a guard against links that lead back and a cap on pages. A feed only
// shows its latest items, so a run is never a snapshot: records that dropped out of the feed stay.
// Incremental runs ask for the first page with ETag / Last-Modified (304: nothing new) and stop following
// `next` once a whole page is older than the previous run's start (less a day).
//
// State:      { startedAt, etag?, lastModified? }      (validators of the feed's first page)
// Checkpoint: { runStartedAt, next, pages, visited }   (`next` is the page to fetch when resuming; null: done)
import type { HarvestedItem } from '../ingest/page-writer.js';
import { parseFeed } from '../formats/feed/parse-feed.js';
import { decodeXmlBytes } from '../formats/xml/decode-bytes.js';
import type {
  Checkpoint,
  HarvestContext,
  HarvestEnd,
  HarvestNote,
  HarvestPage,
  Harvester,
} from './harvester.js';
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

export interface FeedHarvesterOptions {
  /** Feed pages followed at most in one run. */
  readonly maxPages: number;
  /** How far before the previous run's start incremental runs still read items. */
  readonly incrementalOverlapMs: number;
}

export const DEFAULT_FEED_OPTIONS: FeedHarvesterOptions = {
  maxPages: 1000,
  incrementalOverlapMs: 24 * 60 * 60 * 1000,
};

const MAX_VISITED_KEPT = 1000;

export function createFeedHarvester(options: Partial<FeedHarvesterOptions> = {}): Harvester {
  const settings: FeedHarvesterOptions = { ...DEFAULT_FEED_OPTIONS, ...options };
  return {
    async *harvest(ctx: HarvestContext): AsyncGenerator<HarvestPage, HarvestEnd, void> {
      const previousStart = readString(ctx.previousState?.['startedAt']);
      const previousValidators = readValidators(ctx.previousState ?? null);
      const incremental = ctx.mode === 'incremental' && previousStart !== null;
      const since =
        incremental && previousStart !== null
          ? Date.parse(previousStart) - settings.incrementalOverlapMs
          : null;
      const resume = ctx.resumeFrom;
      const runStartedAt = readString(resume?.['runStartedAt']) ?? ctx.now().toISOString();
      const visited = new Set<string>(
        Array.isArray(resume?.['visited'])
          ? (resume['visited'] as unknown[]).filter((v): v is string => typeof v === 'string')
          : [],
      );
      let pagesRead = readCount(resume?.['pages']);
      let next: string | null = resume === null ? ctx.source.url : readString(resume['next']);
      let validators: Validators | null = previousValidators;
      const notes: HarvestNote[] = [];
      const budget = new RequestBudget(ctx.limits.maxRequests);
      let emptyInRow = 0;

      while (next !== null) {
        ctx.signal.throwIfAborted();
        const url: string = next;
        if (visited.has(url)) {
          notes.push({
            code: 'feed_loop',
            message: `The feed's "next" links lead back to ${url}; paging stopped there.`,
          });
          break;
        }
        if (pagesRead >= settings.maxPages) {
          notes.push({
            code: 'feed_pages_capped',
            message: `Paging stopped after ${settings.maxPages} feed pages.`,
          });
          break;
        }
        visited.add(url);
        const first = pagesRead === 0;
        const conditional = first && incremental && resume === null ? previousValidators : null;
        const response = await get(ctx, url, { headers: conditionalHeaders(conditional) });
        budget.spend(response.attempts);
        pagesRead++;
        if (response.status === 304 && conditional !== null) {
          notes.push({
            code: 'feed_unchanged',
            message: 'The feed answered 304 Not Modified: nothing new since the last run.',
          });
          break;
        }
        if (response.status < 200 || response.status >= 300) throw httpStatusError(url, response.status);
        if (first) validators = validatorsOf(response);

        const text = decodeXmlBytes(response.body, { maxBytes: ctx.limits.maxPageBytes }).text;
        const feed = parseFeed(text, { url: response.url, maxRecordChars: ctx.limits.maxRecordChars });
        const harvestedAt = ctx.now().toISOString();
        const items: HarvestedItem[] = [];
        for (const entry of feed.entries) {
          if (entry.sourceRecordId === null) {
            items.push(
              brokenItem(
                null,
                entry.rawFormat,
                entry.raw,
                'invalid_record',
                `An item of ${url} has no guid, id or link to be known by.`,
              ),
            );
            continue;
          }
          items.push(
            recordItem(ctx, harvestedAt, {
              sourceRecordId: entry.sourceRecordId,
              sourceDatestamp: entry.datestamp,
              rawFormat: entry.rawFormat,
              raw: entry.raw,
            }),
          );
        }
        const rawFormat = feed.kind === 'atom' ? 'atom-entry' : 'rss-item';
        for (const problem of feed.problems) {
          items.push(
            brokenItem(problem.sourceRecordId, rawFormat, problem.raw, problem.code, problem.message),
          );
        }
        const pageNotes: HarvestNote[] = feed.repairs.includes('salvaged')
          ? [
              {
                code: 'page_salvaged',
                message: `${url} is not well-formed XML; its readable items were kept.`,
              },
            ]
          : [];

        next = feed.next;
        if (since !== null) {
          const dates = feed.entries.map((e) => e.dateMs).filter((d): d is number => d !== null);
          if (dates.length > 0 && dates.every((d) => d < since)) next = null;
        }
        emptyInRow = items.length === 0 ? emptyInRow + 1 : 0;
        if (emptyInRow >= ctx.limits.maxEmptyPagesInRow && next !== null) {
          notes.push({
            code: 'feed_empty_pages',
            message: `${emptyInRow} feed pages in a row had no items; paging stopped.`,
          });
          next = null;
        }
        const checkpoint: Checkpoint = {
          runStartedAt,
          next,
          pages: pagesRead,
          visited: [...visited].slice(-MAX_VISITED_KEPT),
        };
        yield {
          items,
          checkpoint,
          requests: response.attempts,
          ...(pageNotes.length > 0 ? { notes: pageNotes } : {}),
        };
      }
      return {
        state: { startedAt: runStartedAt, ...(validators ?? {}) },
        snapshot: false,
        notes,
      };
    },
  };
}
