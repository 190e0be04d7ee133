// Harvests a web site through its sitemaps: the sitemap (or sitemap index, nested, plain or gzip'd; or the
// `Sitemap:` lines of a robots.txt given as the source URL) lists the pages; each page is fetched through
// the guarded HTTP client (politeness, retries, address guard) when robots.txt allows it, and the learning
// resources in its JSON-LD blocks become records (raw format `amb-jsonld`).
//
// Full runs fetch every page and are snapshots, unless something that may be temporary (a server error, a
// timeout, a sitemap or robots.txt that could not be read) kept pages out: then records not seen must not
// look deleted and the run says it is no snapshot. Incremental runs skip pages whose `<lastmod>` is older
// than the previous run's start (less a day, for clocks and day-only dates) and ask with ETag /
// Last-Modified for the sitemaps and pages; a 304 means unchanged, so nothing is emitted and the run is
// never a snapshot. The validators and the start time live in the state the run ends with.
//
// State:      { startedAt, sitemaps: { url: {etag?, lastModified?} }, indexes: { url: [child sitemap urls] },
//               dated: [sitemap urls], pages: { url: {etag?, lastModified?} } }
//   Sitemap files are asked with validators when a 304 can be acted on: an index is then followed through
//   the sitemaps it listed last time; a sitemap that dated every page ("dated") lists no pages, since by
//   its own account none changed. Other sitemaps are read again, their pages asked one by one.
// Checkpoint: { runStartedAt, position, lastUrl, unchangedSitemaps, incomplete, counts }
//   `position` is the index of the next page in the run's page list and `lastUrl` the last page done;
//   a resumed run rebuilds the list and continues after `lastUrl` (or at `position` if it is gone).
import { AtlasError, isAtlasError } from '../domain/errors.js';
import type { HarvestedItem } from '../ingest/page-writer.js';
import type { HttpResponse } from '../ports/http-client.js';
import { decodeHtmlBytes } from '../formats/html/decode-html.js';
import { readJsonLdPage } from '../formats/jsonld-html/jsonld-page.js';
import {
  ALLOW_ALL,
  DISALLOW_ALL,
  isAllowed,
  parseRobotsTxt,
  type RobotsTxt,
} from '../formats/robots/robots-txt.js';
import {
  absoluteHttpUrl,
  lastmodUpperBound,
  parseSitemap,
  type SitemapEntry,
} from '../formats/sitemap/sitemap.js';
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
  bump,
  conditionalHeaders,
  countNotes,
  describeError,
  get,
  httpStatusError,
  isBudgetExhausted,
  isGone,
  isTransient,
  mapLimited,
  readCount,
  readObject,
  readString,
  readValidatorMap,
  recordItem,
  RequestBudget,
  validatorsJson,
  validatorsOf,
  type Validators,
} from './harvest-support.js';

export interface SitemapHarvesterOptions {
  /** Pages fetched between two checkpoints. */
  readonly pagesPerBatch: number;
  /** Sitemap indexes nested deeper than this are not followed. */
  readonly maxSitemapDepth: number;
  /** Sitemap files read at most in one run. */
  readonly maxSitemaps: number;
  /** Pages listed at most in one run. */
  readonly maxPages: number;
  /** Pages fetched at the same time (the HTTP client still limits each host). */
  readonly concurrency: number;
  /** Page validators kept in the state at most. */
  readonly maxValidators: number;
  /** How far before the previous run's start incremental runs still fetch pages. */
  readonly incrementalOverlapMs: number;
  /** Cap on one robots.txt. */
  readonly maxRobotsBytes: number;
}

export const DEFAULT_SITEMAP_OPTIONS: SitemapHarvesterOptions = {
  pagesPerBatch: 20,
  maxSitemapDepth: 5,
  maxSitemaps: 1000,
  maxPages: 500_000,
  concurrency: 2,
  maxValidators: 200_000,
  incrementalOverlapMs: 24 * 60 * 60 * 1000,
  maxRobotsBytes: 512 * 1024,
};

const RAW_FORMAT = 'amb-jsonld';

const NOTE_MESSAGES: Readonly<Record<string, string>> = {
  pages_without_resources: '{n} pages had no learning resource in their JSON-LD; they were skipped.',
  pages_not_html: '{n} pages were not HTML or JSON-LD (PDFs, images...); they were skipped.',
  pages_unchanged: '{n} pages answered 304 Not Modified; their records are unchanged.',
  pages_not_modified:
    '{n} pages were skipped because their sitemap <lastmod> is older than the previous run.',
  robots_disallowed: '{n} pages were skipped because robots.txt disallows them.',
  robots_unreachable: 'robots.txt of {n} hosts could not be read; their pages were not fetched this time.',
  sitemaps_unchanged: '{n} sitemaps answered 304 Not Modified; their pages were not listed again.',
  sitemaps_failed: '{n} sitemaps could not be read; their pages are missing from this run.',
  sitemaps_salvaged: '{n} sitemaps were not well-formed; their complete entries were used.',
  sitemaps_too_deep: '{n} sitemap indexes were nested too deep or too many; they were not followed.',
  pages_capped: '{n} pages were left out because the run lists at most the configured number of pages.',
  pages_failed: '{n} pages could not be fetched (see the failed records).',
  jsonld_repaired: '{n} pages had JSON-LD that needed repairs (comments, entities, trailing commas...).',
};

interface RunState {
  readonly startedAt: string;
  readonly sitemaps: Map<string, Validators>;
  /** The sitemaps each sitemap index listed, so an index that answers 304 can still be followed. */
  readonly indexes: Map<string, string[]>;
  /** Sitemaps that gave a lastmod for every page: a 304 from them means none of their pages changed. */
  readonly dated: Set<string>;
  readonly pages: Map<string, Validators>;
}

const MAX_INDEX_CHILDREN = 50_000;

function readIndexes(value: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const record = readObject(value);
  if (record === null) return out;
  for (const [url, children] of Object.entries(record)) {
    if (out.size >= 10_000 || !Array.isArray(children)) continue;
    out.set(
      url,
      (children as unknown[]).filter((c): c is string => typeof c === 'string').slice(0, MAX_INDEX_CHILDREN),
    );
  }
  return out;
}

interface ResumePoint {
  readonly runStartedAt: string;
  readonly position: number;
  readonly lastUrl: string | null;
  readonly unchangedSitemaps: string[];
  readonly incomplete: boolean;
  readonly counts: Record<string, number>;
}

function readState(value: Checkpoint | null, maxValidators: number): RunState | null {
  if (value === null) return null;
  const startedAt = readString(value['startedAt']);
  if (startedAt === null || Number.isNaN(Date.parse(startedAt))) return null;
  return {
    startedAt,
    sitemaps: readValidatorMap(value['sitemaps'], 10_000),
    indexes: readIndexes(value['indexes']),
    dated: new Set(
      Array.isArray(value['dated'])
        ? (value['dated'] as unknown[]).filter((u): u is string => typeof u === 'string').slice(0, 10_000)
        : [],
    ),
    pages: readValidatorMap(value['pages'], maxValidators),
  };
}

function readResume(value: Checkpoint | null): ResumePoint | null {
  if (value === null) return null;
  const runStartedAt = readString(value['runStartedAt']);
  if (runStartedAt === null) return null;
  const unchanged = Array.isArray(value['unchangedSitemaps'])
    ? (value['unchangedSitemaps'] as unknown[]).filter((u): u is string => typeof u === 'string')
    : [];
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(readObject(value['counts']) ?? {})) counts[k] = readCount(v);
  return {
    runStartedAt,
    position: readCount(value['position']),
    lastUrl: readString(value['lastUrl']),
    unchangedSitemaps: unchanged,
    incomplete: value['incomplete'] === true,
    counts,
  };
}

interface PageOutcome {
  readonly items: HarvestedItem[];
  /** The page's validators to keep, or null to forget them. */
  readonly validators: Validators | null;
}

class SitemapRun {
  readonly budget: RequestBudget;
  readonly counts: Record<string, number>;
  readonly robots = new Map<string, Promise<RobotsTxt>>();
  readonly sitemapValidators: Map<string, Validators>;
  readonly indexes: Map<string, string[]>;
  readonly dated: Set<string>;
  readonly pageValidators: Map<string, Validators>;
  readonly unchangedSitemaps: string[];
  incomplete: boolean;
  capped = false;
  requestsSinceBatch = 0;

  constructor(
    readonly ctx: HarvestContext,
    readonly options: SitemapHarvesterOptions,
    readonly previous: RunState | null,
    readonly resume: ResumePoint | null,
    readonly incremental: boolean,
  ) {
    this.budget = new RequestBudget(ctx.limits.maxRequests);
    this.counts = { ...(resume?.counts ?? {}) };
    this.sitemapValidators = new Map(previous?.sitemaps ?? []);
    this.indexes = new Map(previous?.indexes ?? []);
    this.dated = new Set(previous?.dated ?? []);
    this.pageValidators = new Map(previous?.pages ?? []);
    this.unchangedSitemaps = [...(resume?.unchangedSitemaps ?? [])];
    this.incomplete = resume?.incomplete ?? false;
  }

  spend(response: HttpResponse | null, attempts = 1): void {
    const n = response?.attempts ?? attempts;
    this.requestsSinceBatch += n;
    this.budget.spend(n);
  }

  async fetch(url: string, validators: Validators | null, maxBytes?: number): Promise<HttpResponse> {
    this.ctx.signal.throwIfAborted();
    try {
      const response = await get(this.ctx, url, {
        headers: conditionalHeaders(validators),
        ...(maxBytes === undefined ? {} : { maxBytes }),
      });
      this.spend(response);
      return response;
    } catch (error) {
      const attempts = isAtlasError(error) ? Number(error.details?.['attempts'] ?? 1) : 1;
      this.spend(null, Number.isFinite(attempts) && attempts > 0 ? attempts : 1);
      throw error;
    }
  }

  /** robots.txt of the page's host, fetched once per run. */
  robotsFor(pageUrl: string): Promise<RobotsTxt> {
    let origin: string;
    try {
      origin = new URL(pageUrl).origin;
    } catch {
      return Promise.resolve(ALLOW_ALL);
    }
    const known = this.robots.get(origin);
    if (known !== undefined) return known;
    const loading = this.loadRobots(`${origin}/robots.txt`);
    this.robots.set(origin, loading);
    return loading;
  }

  async loadRobots(url: string): Promise<RobotsTxt> {
    try {
      const response = await this.fetch(url, null, this.options.maxRobotsBytes);
      if (response.status >= 200 && response.status < 300) {
        return parseRobotsTxt(response.body.toString('utf8'));
      }
      // RFC 9309: "unavailable" (4xx) means no restrictions; a server error means full disallow for now.
      if (response.status >= 400 && response.status < 500) return ALLOW_ALL;
    } catch (error) {
      if (isAtlasError(error) && error.code === 'response_too_large') return ALLOW_ALL;
      if (this.ctx.signal.aborted) throw error;
    }
    bump(this.counts, 'robots_unreachable');
    this.incomplete = true;
    return DISALLOW_ALL;
  }

  /** The sitemap roots: the source URL, or the Sitemap: lines of a robots.txt given as the source URL. */
  async roots(): Promise<string[]> {
    const url = this.ctx.source.url;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AtlasError('invalid_parameter', `The source URL "${url}" is not an absolute URL.`, {
        details: { url },
      });
    }
    if (parsed.pathname !== '/robots.txt') return [url];
    const response = await this.fetch(url, null, this.options.maxRobotsBytes);
    if (response.status < 200 || response.status >= 300) throw httpStatusError(url, response.status);
    const robots = parseRobotsTxt(response.body.toString('utf8'));
    this.robots.set(parsed.origin, Promise.resolve(robots));
    const roots = robots.sitemaps.map((s) => absoluteHttpUrl(s, url)).filter((s): s is string => s !== null);
    if (roots.length === 0) {
      throw new AtlasError('not_a_document', `${url} names no sitemap (no "Sitemap:" line).`, {
        details: { url },
      });
    }
    return roots;
  }

  /** Every page the sitemaps list, in sitemap order, each once. */
  async listPages(): Promise<SitemapEntry[]> {
    const roots = await this.roots();
    const single = roots.length === 1;
    const pages: SitemapEntry[] = [];
    const listed = new Set<string>();
    const visited = new Set<string>();
    const queue: { url: string; depth: number; root: boolean }[] = roots.map((url) => ({
      url,
      depth: 0,
      root: single,
    }));
    let read = 0;
    let firstError: Error | null = null;
    let anyRead = false;
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      if (visited.has(item.url)) continue;
      visited.add(item.url);
      if (item.depth > this.options.maxSitemapDepth || read >= this.options.maxSitemaps) {
        bump(this.counts, 'sitemaps_too_deep');
        this.incomplete = true;
        continue;
      }
      if (this.unchangedSitemaps.includes(item.url)) {
        anyRead = true;
        continue;
      }
      read++;
      const knownChildren = this.indexes.get(item.url);
      // Asking "changed?" only pays when a 304 can be acted on: an index whose sitemaps are known, or a
      // sitemap that dates every page (its pages are then unchanged too).
      const trusted = knownChildren !== undefined || this.dated.has(item.url);
      const validators = this.incremental && trusted ? (this.sitemapValidators.get(item.url) ?? null) : null;
      let entries: SitemapEntry[];
      let kind: 'urlset' | 'sitemapindex';
      try {
        const response = await this.fetch(item.url, validators);
        if (response.status === 304 && validators !== null) {
          bump(this.counts, 'sitemaps_unchanged');
          anyRead = true;
          if (knownChildren !== undefined) {
            // An unchanged index still leads to its sitemaps, which have validators of their own.
            for (const child of knownChildren) queue.push({ url: child, depth: item.depth + 1, root: false });
          } else {
            this.unchangedSitemaps.push(item.url);
          }
          continue;
        }
        if (response.status < 200 || response.status >= 300) throw httpStatusError(item.url, response.status);
        const text = decodeXmlBytes(response.body, { maxBytes: this.ctx.limits.maxPageBytes }).text;
        const sitemap = parseSitemap(text, { url: response.url, maxEntries: this.options.maxPages });
        if (sitemap.repairs.includes('salvaged')) {
          bump(this.counts, 'sitemaps_salvaged');
          // A salvaged sitemap may have lost entries at its end.
          this.incomplete = true;
        }
        const fresh = validatorsOf(response);
        if (fresh !== null) this.sitemapValidators.set(item.url, fresh);
        else this.sitemapValidators.delete(item.url);
        entries = sitemap.entries;
        kind = sitemap.kind;
        anyRead = true;
      } catch (error) {
        if (this.ctx.signal.aborted || isBudgetExhausted(error)) throw error;
        if (item.root) throw error;
        firstError ??= error instanceof Error ? error : new Error(String(error));
        bump(this.counts, 'sitemaps_failed');
        this.incomplete = true;
        continue;
      }
      if (kind === 'sitemapindex') {
        this.indexes.set(
          item.url,
          entries.slice(0, MAX_INDEX_CHILDREN).map((e) => e.loc),
        );
        for (const entry of entries) queue.push({ url: entry.loc, depth: item.depth + 1, root: false });
        continue;
      }
      this.indexes.delete(item.url);
      if (
        entries.length > 0 &&
        entries.every((e) => e.lastmod !== null && lastmodUpperBound(e.lastmod) !== null)
      ) {
        this.dated.add(item.url);
      } else {
        this.dated.delete(item.url);
      }
      for (const entry of entries) {
        if (listed.has(entry.loc)) continue;
        if (pages.length >= this.options.maxPages) {
          bump(this.counts, 'pages_capped');
          this.capped = true;
          continue;
        }
        listed.add(entry.loc);
        pages.push(entry);
      }
    }
    if (!anyRead && firstError !== null) throw firstError;
    return pages;
  }

  /** Fetches one page and turns its JSON-LD into items. */
  async harvestPage(entry: SitemapEntry, harvestedAt: string): Promise<PageOutcome> {
    const robots = await this.robotsFor(entry.loc);
    if (!isAllowed(robots, entry.loc)) {
      bump(this.counts, 'robots_disallowed');
      return { items: [], validators: this.pageValidators.get(entry.loc) ?? null };
    }
    const known = this.pageValidators.get(entry.loc) ?? null;
    const validators = this.incremental ? known : null;
    let response: HttpResponse;
    try {
      response = await this.fetch(entry.loc, validators);
    } catch (error) {
      if (this.ctx.signal.aborted || isBudgetExhausted(error)) throw error;
      const { code, message } = describeError(error);
      if (isTransient(code)) this.incomplete = true;
      bump(this.counts, 'pages_failed');
      return {
        items: [brokenItem(entry.loc, RAW_FORMAT, '', code, message)],
        validators: known,
      };
    }
    if (response.status === 304 && validators !== null) {
      bump(this.counts, 'pages_unchanged');
      return { items: [], validators: known };
    }
    if (response.status < 200 || response.status >= 300) {
      const error = httpStatusError(entry.loc, response.status);
      // A page that is gone takes its records with it; any other refusal may pass.
      if (!isGone(response.status)) this.incomplete = true;
      bump(this.counts, 'pages_failed');
      return {
        items: [brokenItem(entry.loc, RAW_FORMAT, '', error.code, error.message)],
        validators: null,
      };
    }
    const fresh = validatorsOf(response);
    const contentType = (response.headers['content-type'] ?? '').toLowerCase();
    let items: HarvestedItem[];
    try {
      items = this.itemsOf(entry, response, contentType, harvestedAt);
    } catch (error) {
      const { code, message } = describeError(error);
      // Forgetting the validators makes the next incremental run read the page again.
      return { items: [brokenItem(entry.loc, RAW_FORMAT, '', code, message)], validators: null };
    }
    return { items, validators: fresh };
  }

  itemsOf(
    entry: SitemapEntry,
    response: HttpResponse,
    contentType: string,
    harvestedAt: string,
  ): HarvestedItem[] {
    const isJson = /json/.test(contentType);
    const isPage = contentType === '' || /html|xml|text\/plain/.test(contentType);
    if (!isJson && !isPage) {
      bump(this.counts, 'pages_not_html');
      return [];
    }
    const text = decodeHtmlBytes(
      response.body,
      response.headers['content-type'],
      this.ctx.limits.maxPageBytes,
    ).text;
    // A page served as JSON-LD is read as one block.
    const html = isJson
      ? `<script type="application/ld+json">${text.replace(/<\/script/gi, '<\\/script')}</script>`
      : text;
    const page = readJsonLdPage(html, {
      url: response.url,
      pageId: entry.loc,
      maxRecordChars: this.ctx.limits.maxRecordChars,
    });
    if (page.repairs.length > 0) bump(this.counts, 'jsonld_repaired');
    const items: HarvestedItem[] = [];
    for (const resource of page.resources) {
      items.push(
        recordItem(this.ctx, harvestedAt, {
          sourceRecordId: resource.sourceRecordId,
          sourceDatestamp: entry.lastmod,
          rawFormat: RAW_FORMAT,
          raw: resource.raw,
        }),
      );
    }
    for (const problem of page.problems) {
      items.push(brokenItem(problem.sourceRecordId, RAW_FORMAT, problem.raw, problem.code, problem.message));
    }
    if (items.length === 0) bump(this.counts, 'pages_without_resources');
    return items;
  }
}

function checkpointOf(
  run: SitemapRun,
  runStartedAt: string,
  position: number,
  lastUrl: string | null,
): Checkpoint {
  return {
    runStartedAt,
    position,
    lastUrl,
    unchangedSitemaps: run.unchangedSitemaps.slice(0, 1000),
    incomplete: run.incomplete,
    counts: { ...run.counts },
  };
}

export function createSitemapHarvester(options: Partial<SitemapHarvesterOptions> = {}): Harvester {
  const settings: SitemapHarvesterOptions = { ...DEFAULT_SITEMAP_OPTIONS, ...options };
  return {
    async *harvest(ctx: HarvestContext): AsyncGenerator<HarvestPage, HarvestEnd, void> {
      const previous = readState(ctx.previousState, settings.maxValidators);
      const resume = readResume(ctx.resumeFrom);
      // Without a previous run there is nothing to compare with: the run is a full one.
      const incremental = ctx.mode === 'incremental' && previous !== null;
      const runStartedAt = resume?.runStartedAt ?? ctx.now().toISOString();
      const run = new SitemapRun(ctx, settings, previous, resume, incremental);

      let pages = await run.listPages();
      if (incremental && previous !== null) {
        const since = Date.parse(previous.startedAt) - settings.incrementalOverlapMs;
        const before = pages.length;
        pages = pages.filter((p) => {
          const bound = p.lastmod === null ? null : lastmodUpperBound(p.lastmod);
          return bound === null || bound >= since;
        });
        // Counted once per run, not again when a killed run resumes.
        if (resume === null) bump(run.counts, 'pages_not_modified', before - pages.length);
      }

      let start = 0;
      if (resume !== null) {
        const at = resume.lastUrl === null ? -1 : pages.findIndex((p) => p.loc === resume.lastUrl);
        start = at >= 0 ? at + 1 : Math.min(resume.position, pages.length);
      }
      // The requests spent on listing are reported with the first batch.
      let yielded = false;
      for (let from = start; from < pages.length; from += settings.pagesPerBatch) {
        ctx.signal.throwIfAborted();
        const batch = pages.slice(from, from + settings.pagesPerBatch);
        const harvestedAt = ctx.now().toISOString();
        const outcomes = await mapLimited(batch, settings.concurrency, (entry) =>
          run.harvestPage(entry, harvestedAt),
        );
        const items: HarvestedItem[] = [];
        outcomes.forEach((outcome, i) => {
          items.push(...outcome.items);
          const loc = batch[i]?.loc;
          if (loc === undefined) return;
          // Re-inserted, so the newest stay when the map is cut to its cap.
          run.pageValidators.delete(loc);
          if (outcome.validators !== null) run.pageValidators.set(loc, outcome.validators);
        });
        const requests = run.requestsSinceBatch;
        run.requestsSinceBatch = 0;
        const lastUrl = batch[batch.length - 1]?.loc ?? null;
        yielded = true;
        yield {
          items,
          checkpoint: checkpointOf(run, runStartedAt, from + batch.length, lastUrl),
          requests,
        };
      }

      if (!yielded && run.requestsSinceBatch > 0) {
        yield {
          items: [],
          checkpoint: checkpointOf(run, runStartedAt, pages.length, pages[pages.length - 1]?.loc ?? null),
          requests: run.requestsSinceBatch,
        };
      }

      const snapshot = !incremental && !run.incomplete && !run.capped;
      const notes: HarvestNote[] = countNotes(run.counts, NOTE_MESSAGES);
      if (!incremental && !snapshot) {
        notes.push({
          code: 'snapshot_withheld',
          message:
            'Some pages or sitemaps could not be read this time, so records not seen are kept rather than deleted.',
        });
      }
      // A full run knows every page: validators of pages no longer listed are dropped.
      const listed = new Set(pages.map((p) => p.loc));
      const pageValidators = incremental
        ? run.pageValidators
        : new Map([...run.pageValidators].filter(([url]) => listed.has(url)));
      return {
        state: {
          startedAt: runStartedAt,
          sitemaps: validatorsJson(run.sitemapValidators, 10_000),
          indexes: Object.fromEntries([...run.indexes].filter(([url]) => run.sitemapValidators.has(url))),
          dated: [...run.dated].filter((url) => run.sitemapValidators.has(url)).slice(0, 10_000),
          pages: validatorsJson(pageValidators, settings.maxValidators),
        },
        snapshot,
        notes,
      };
    },
  };
}
