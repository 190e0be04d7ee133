// The contract every protocol harvester fulfils (OAI-PMH, sitemaps, feeds, dumps, CSV, local files): it
// streams pages of items, each with the checkpoint that resumes the run right after that page. The harvest
// service commits each page with its checkpoint in one transaction (ingest/page-writer.ts), so a harvester
// never writes to the store itself and a run killed at any point resumes without loss or duplicates.
import type { HarvestMode, Source } from '../domain/catalog.js';
import type { HttpClient } from '../ports/http-client.js';
import type { HarvestedItem } from '../ingest/page-writer.js';

export type Checkpoint = Readonly<Record<string, unknown>>;

/** Something the repository manager should read in the run report (a fallback taken, a page salvaged...). */
export interface HarvestNote {
  /** Stable code, e.g. "from_until_ignored", "page_salvaged", "window_split". */
  readonly code: string;
  readonly message: string;
}

export interface HarvestLimits {
  /** Cap on one response body after decompression. */
  readonly maxPageBytes: number;
  /** Cap on one record's payload (characters). */
  readonly maxRecordChars: number;
  /** Cap on requests in one run (loop guard). */
  readonly maxRequests: number;
  /** Pages without any item in a row before the list is taken as looping. */
  readonly maxEmptyPagesInRow: number;
}

export const DEFAULT_HARVEST_LIMITS: HarvestLimits = {
  maxPageBytes: 64 * 1024 * 1024,
  maxRecordChars: 4 * 1024 * 1024,
  maxRequests: 1_000_000,
  maxEmptyPagesInRow: 50,
};

export interface HarvestContext {
  readonly source: Source;
  readonly http: HttpClient;
  readonly mode: HarvestMode;
  /** The checkpoint of the last committed page of the interrupted run being resumed, or null for a fresh start. */
  readonly resumeFrom: Checkpoint | null;
  /** The `state` the last finished run of this source returned (e.g. the OAI-PMH responseDate), or null. */
  readonly previousState: Checkpoint | null;
  /** The clock; tests move it. */
  readonly now: () => Date;
  /** Aborted when the run must stop (shutdown, lost lease); a harvester stops between requests. */
  readonly signal: AbortSignal;
  readonly limits: HarvestLimits;
  /** Waits between attempts; rejects when `signal` aborts. Tests pass one that does not wait. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** One page of a harvest, handed to the page writer and committed with its checkpoint. */
export interface HarvestPage {
  readonly items: readonly HarvestedItem[];
  /** Where to resume after this page is committed. */
  readonly checkpoint: Checkpoint;
  /** HTTP requests (or files read) spent on this page, retries included. */
  readonly requests: number;
  /** Errors by class met while getting this page that are not per-record issues (e.g. {"http_error": 2}). */
  readonly errors?: Readonly<Record<string, number>>;
  readonly notes?: readonly HarvestNote[];
  /** How many records the whole list is expected to hold, when the source says (for progress bars). */
  readonly expectedTotal?: number;
}

/** What a harvester says when its list ends normally. */
export interface HarvestEnd {
  /** Kept with the run and given back as `previousState` to the next run (e.g. where incremental runs start). */
  readonly state: Checkpoint;
  /**
   * True when this run listed every record the source currently has (a full snapshot): records of the
   * source that the run did not see are then gone from the source and become tombstones.
   */
  readonly snapshot: boolean;
  readonly notes?: readonly HarvestNote[];
}

export interface Harvester {
  /**
   * Streams the pages of one run. Throws AtlasError for a failure that ends the run (source unreachable,
   * OAI error, loop detected); pages already yielded stay committed and the run can resume from them.
   */
  harvest(ctx: HarvestContext): AsyncGenerator<HarvestPage, HarvestEnd, void>;
}
