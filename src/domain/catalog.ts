// Domain types of the catalog around the profile: sources, what each source said (source records),
// harvest runs with their per-record outcomes, and works (groups of source records describing one resource).
// Pure types and small pure helpers; never performs I/O.
import type { ResourceRecord } from './profile.js';

/**
 * How a source publishes: an OAI-PMH endpoint, a sitemap of pages with JSON-LD, an RSS/Atom feed, a JSON or
 * NDJSON dump, a CSV file, or local files and folders (`file:` URLs, what `oer-atlas import` reads).
 */
export const PROTOCOLS = ['oai-pmh', 'sitemap', 'feed', 'jsonl', 'json', 'csv', 'file'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const SCHEDULES = ['manual', 'hourly', 'daily', 'weekly', 'monthly'] as const;
export type Schedule = (typeof SCHEDULES)[number];

/** One harvestable endpoint of a repository. */
export interface Source {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly protocol: Protocol;
  /** Metadata format (OAI-PMH metadataPrefix such as oai_dc or lom), when the protocol has one. */
  readonly format: string | null;
  readonly sets: readonly string[];
  readonly excludeSets: readonly string[];
  readonly schedule: Schedule;
  /** ISO 3166-1 alpha-2 country of the repository, when known. */
  readonly country: string | null;
  /** Per-source permission to reach private or loopback addresses (operator decision). */
  readonly allowPrivateNetwork: boolean;
  /** Protocol-specific settings (CSV column mapping, OAI-PMH granularity found by Identify...). */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type NewSource = Omit<Source, 'id' | 'createdAt' | 'updatedAt'> & { readonly id?: string };

/**
 * A source that only reads local files and is never stored: what `oer-atlas explain PATH` runs the import
 * pipeline with, and what tools that read the corpus use. No sets, no schedule, no private network.
 */
export function localFileSource(id: string, url: string, at: string): Source {
  return {
    id,
    name: id,
    url,
    protocol: 'file',
    format: null,
    sets: [],
    excludeSets: [],
    schedule: 'manual',
    country: null,
    allowPrivateNetwork: false,
    settings: {},
    createdAt: at,
    updatedAt: at,
  };
}

export const RECORD_STATUSES = ['active', 'deleted', 'failed'] as const;
/** active: mapped and searchable; deleted: a tombstone; failed: kept raw with the reason, not searchable. */
export type SourceRecordStatus = (typeof RECORD_STATUSES)[number];

/** What one source said about one resource: the raw payload as received and, when it mapped, the profile record. */
export interface SourceRecord {
  readonly sourceId: string;
  /** The identifier the source uses (OAI identifier, page URL, dump id). Unique within a source. */
  readonly sourceRecordId: string;
  readonly status: SourceRecordStatus;
  /** The datestamp the source declared for this version. */
  readonly sourceDatestamp: string | null;
  /** The wire format of the raw payload: "oai_dc", "lom", "amb-jsonld", "rss-item", "csv-row"... */
  readonly rawFormat: string;
  /** The payload exactly as received (stored compressed). */
  readonly raw: string;
  /** SHA-256 of the raw payload, to tell unchanged re-harvests apart from updates. */
  readonly rawHash: string;
  readonly record: ResourceRecord | null;
  /** For failed records: a stable error code and a message. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly harvestedAt: string;
  readonly updatedAt: string;
  /** The harvest run that last saw this record, or null when no run has recorded seeing it. */
  readonly lastRunId: string | null;
}

export type SourceRecordInput = Omit<SourceRecord, 'updatedAt' | 'lastRunId'> & {
  /**
   * The harvest run that saw this version, stored as the record's last seen run whatever the outcome. Null or
   * left out (an import, a re-mapping of stored payloads) keeps the last seen run already stored.
   */
  readonly runId?: string | null;
  /**
   * Blocking keys of an active record, for duplicate grouping (non-empty strings of at most
   * MAX_MATCH_KEY_LENGTH characters; repeats are stored once). Every write replaces the stored keys: left out
   * means none. Ignored for deleted and failed records, which never hold keys.
   */
  readonly matchKeys?: readonly string[];
  /**
   * What duplicate grouping compares an active record on, in its stored form (dedupe/stored-features.ts; at
   * most MAX_GROUPING_FEATURES_LENGTH characters), opaque to the store. Every write replaces it: left out
   * means none, and grouping computes the features from the record. Ignored for deleted and failed records.
   */
  readonly groupingFeatures?: string;
  /** Metadata quality of an active record; every write replaces it (left out: unscored). Ignored otherwise. */
  readonly quality?: RecordQuality;
  /**
   * The work an active record starts in when this write stores it for the first time (a new work id: a record
   * is a work of its own until grouping finds its duplicates). Ignored when the record is already stored, and
   * for deleted and failed records; left out, a new record has no work until grouping gives it one.
   */
  readonly workId?: string;
};

/** The longest stored grouping features the stores accept. */
export const MAX_GROUPING_FEATURES_LENGTH = 32_768;

/** The longest match key the stores accept (PostgreSQL indexes cap an entry at about 2,700 bytes). */
export const MAX_MATCH_KEY_LENGTH = 400;

/** How complete and clean a record's metadata is. */
export interface RecordQuality {
  /** A whole number from 0 to 100. */
  readonly score: number;
  /** Codes of the quality checks the record failed (repeats are stored once). */
  readonly fixes: readonly string[];
}

/** The outcome of writing one source record. */
export type UpsertOutcome = 'new' | 'updated' | 'unchanged' | 'deleted' | 'failed';

export type HarvestMode = 'full' | 'incremental';

export const RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'interrupted'] as const;
export type HarvestRunStatus = (typeof RUN_STATUSES)[number];

export interface HarvestCounts {
  readonly new: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
  readonly failed: number;
  readonly pages: number;
  readonly requests: number;
}

export const EMPTY_COUNTS: HarvestCounts = {
  new: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  failed: 0,
  pages: 0,
  requests: 0,
};

/** One execution over one source. The checkpoint lets a killed run resume where it stopped. */
export interface HarvestRun {
  readonly id: string;
  readonly sourceId: string;
  readonly status: HarvestRunStatus;
  readonly mode: HarvestMode;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly counts: HarvestCounts;
  /** Errors by class, e.g. { http_503: 2, record_invalid: 5 }. */
  readonly errorsByClass: Readonly<Record<string, number>>;
  /** Protocol-specific resumption state, committed with each page. */
  readonly checkpoint: Readonly<Record<string, unknown>> | null;
  /** Free-form report for the repository manager (windows, fallbacks, warnings). */
  readonly report: Readonly<Record<string, unknown>>;
}

/**
 * A request to harvest one source, shared by every worker process of an installation: at most one per source.
 * A worker claims it for a lease, renews the lease while it works, and releases (removes) it when done; a job
 * whose lease ran out is claimable again, so a crashed worker's harvest is taken over by another.
 */
export interface HarvestJob {
  readonly sourceId: string;
  readonly mode: HarvestMode;
  readonly requestedAt: string;
  /** Who asked: a user, the scheduler, a command. */
  readonly requestedBy: string;
  /** The worker holding the lease, or null while the job waits. */
  readonly claimedBy: string | null;
  readonly leaseUntil: string | null;
  /** How many times the job was claimed; more than one means earlier workers stopped before the end. */
  readonly attempts: number;
}

/** A per-record problem recorded during a run. */
export interface RecordIssue {
  readonly runId: string;
  readonly sourceRecordId: string;
  readonly code: string;
  readonly message: string;
  readonly raw: string | null;
  readonly at: string;
}

/** Names one source record. */
export interface RecordRef {
  readonly sourceId: string;
  readonly sourceRecordId: string;
}

/**
 * A record waiting for the grouping pass. The ticket changes each time the record is queued again, so that
 * dequeueGrouped, given this object back, leaves a record alone that changed again after it was listed.
 */
export interface QueuedRecordRef extends RecordRef {
  /** When the record was first queued (it keeps its place when queued again before being grouped). */
  readonly queuedAt: string;
  readonly ticket: string;
}

/** What the grouping pass reads about one record. */
/** What grouping needs to know of a stored record before it reads the record itself. */
export interface GroupingState {
  readonly ref: RecordRef;
  readonly status: SourceRecordStatus;
  readonly workId: string | null;
  /** The match keys stored with the record (SourceRecordInput.matchKeys); none unless it is active. */
  readonly matchKeys: readonly string[];
}

export interface GroupingRecord {
  readonly ref: RecordRef;
  readonly status: SourceRecordStatus;
  readonly record: ResourceRecord | null;
  readonly workId: string | null;
}

/** The stored grouping features of one record (SourceRecordInput.groupingFeatures). */
export interface StoredGroupingFeatures {
  readonly ref: RecordRef;
  readonly status: SourceRecordStatus;
  /** Null when the record was written without them, and always for deleted and failed records. */
  readonly features: string | null;
}

/** What the search indexer reads about one queued record. */
export interface IndexRecord extends GroupingRecord {
  /** Metadata quality 0..100 of an active record, when assessed. */
  readonly qualityScore: number | null;
  /** When the record was last harvested (ISO 8601). */
  readonly harvestedAt: string;
}

/** How many active records hold one match key, and which (only when they are few enough). */
export interface MatchKeyHits {
  readonly key: string;
  /**
   * How many active records hold the key, counted up to the caller's maxPerKey + 1 only: above maxPerKey the
   * exact number does not matter, and counting every holder of a very common key would cost as much as listing them.
   */
  readonly members: number;
  /** Empty when `members` is above the caller's maxPerKey. */
  readonly refs: readonly RecordRef[];
}

export const WORK_RELATIONS = ['same', 'translation', 'adaptation'] as const;
/** same: one resource described twice; translation / adaptation: a derived resource kept in the same work. */
export type WorkRelation = (typeof WORK_RELATIONS)[number];

/** An edge the grouping pass found from one record to another. Edges are undirected. */
export interface WorkEdgeInput {
  readonly other: RecordRef;
  readonly relation: WorkRelation;
  /** How sure the pass is, as it scores (stored as a double). */
  readonly score: number;
  /** Why, for people: the rule or the evidence. */
  readonly reason: string;
}

/** A stored edge, in canonical order: `a` sorts before `b` by sourceId, then sourceRecordId (UTF-8 bytes). */
export interface WorkEdge {
  readonly a: RecordRef;
  readonly b: RecordRef;
  readonly relation: WorkRelation;
  readonly score: number;
  readonly reason: string;
  readonly createdAt: string;
}

/** One active member of a work, as a work listing shows it. */
export interface WorkListingMember {
  readonly ref: RecordRef;
  /** The value of the record's name under its first language tag in UTF-8 byte order; null without one. */
  readonly name: string | null;
  readonly inLanguage: readonly string[];
}

export interface WorkListing {
  readonly workId: string;
  /** Active members in sourceId, then sourceRecordId order. */
  readonly members: readonly WorkListingMember[];
}

export const WORK_DECISION_ACTIONS = ['join', 'split'] as const;
/** join: a curator says two records belong to one work; split: they do not. */
export type WorkDecisionAction = (typeof WORK_DECISION_ACTIONS)[number];

export interface NewWorkDecision {
  readonly action: WorkDecisionAction;
  readonly a: RecordRef;
  readonly b: RecordRef;
  readonly at: string;
  readonly note?: string | null;
}

/**
 * A curator's decision about two records, kept by record reference: it outlives the records themselves
 * (deleted, re-harvested, even their source removed), because it is knowledge about the resources.
 * Stored in canonical order like WorkEdge, so `a` and `b` may come back swapped.
 */
export interface WorkDecision {
  readonly id: string;
  readonly action: WorkDecisionAction;
  readonly a: RecordRef;
  readonly b: RecordRef;
  readonly at: string;
  readonly note: string | null;
}

/** Metadata quality over the active records of one source. */
export interface QualityStats {
  /** Active records. */
  readonly records: number;
  /** Active records that carry a quality score. */
  readonly scored: number;
  /** Mean score of the scored records; null when none is scored. */
  readonly meanScore: number | null;
  /** Failed checks, most frequent first, then by code; examples are sourceRecordIds in byte order. */
  readonly fixes: readonly {
    readonly code: string;
    readonly count: number;
    readonly examples: readonly string[];
  }[];
}

/** Why a source record belongs to a work. */
export interface WorkMember {
  readonly sourceId: string;
  readonly sourceRecordId: string;
  readonly reason: string;
  readonly score: number;
}

/** A group of source records that describe the same resource. */
export interface Work {
  readonly id: string;
  readonly members: readonly WorkMember[];
}

export function sumCounts(a: HarvestCounts, b: Partial<HarvestCounts>): HarvestCounts {
  return {
    new: a.new + (b.new ?? 0),
    updated: a.updated + (b.updated ?? 0),
    unchanged: a.unchanged + (b.unchanged ?? 0),
    deleted: a.deleted + (b.deleted ?? 0),
    failed: a.failed + (b.failed ?? 0),
    pages: a.pages + (b.pages ?? 0),
    requests: a.requests + (b.requests ?? 0),
  };
}

// ---- link checks ------------------------------------------------------------------------------------------

/**
 * What one check of a record's landing page found: `alive` (2xx, directly or through temporary redirects),
 * `redirected` (a permanent redirect to a page that answers 2xx), `dead` (404, 410 and other definitive 4xx),
 * `inconclusive` (401/403/429, 5xx, timeouts, connection errors, redirect loops: maybe only a bad day), and
 * `not_checked` (the address guard forbade the address, or the URL cannot be fetched at all).
 */
export const LINK_OUTCOMES = ['alive', 'redirected', 'dead', 'inconclusive', 'not_checked'] as const;
export type LinkOutcome = (typeof LINK_OUTCOMES)[number];

/**
 * What the quality score counts the link as after the checks so far: an inconclusive check keeps the verdict
 * of the checks before it until LINK_FAILURES_FOR_DEAD of them in a row make the link dead.
 */
export const LINK_VERDICTS = ['alive', 'redirected', 'dead', 'unchecked'] as const;
export type LinkVerdict = (typeof LINK_VERDICTS)[number];

/** Consecutive inconclusive (or dead) checks after which the quality score counts a link as dead. */
export const LINK_FAILURES_FOR_DEAD = 3;

/** The last check of one record's landing page, as stored. */
export interface LinkCheckState extends RecordRef {
  /** The URL checked: the record's `url` at the time. A record whose url changed is due again. */
  readonly url: string;
  readonly outcome: LinkOutcome;
  readonly verdict: LinkVerdict;
  /** The final HTTP status, when an answer came. */
  readonly httpStatus: number | null;
  /** Where redirects led (the target of the permanent ones for `redirected`); null without redirects. */
  readonly finalUrl: string | null;
  /** A stable code for every outcome but alive and redirected (e.g. http_not_found, timeout). */
  readonly errorCode: string | null;
  /** Consecutive checks that were neither alive nor redirected, this one included. */
  readonly failures: number;
  readonly checkedAt: string;
}

/** A check to store together with the record's quality recomputed from it. */
export interface LinkCheckWrite extends LinkCheckState {
  readonly quality: RecordQuality;
  /** The `updatedAt` of the record version the quality was computed from (DueLink.recordUpdatedAt). */
  readonly recordUpdatedAt: string;
}

/** An active record whose landing page is due for a check. */
export interface DueLink extends RecordRef {
  /** The record's current `url`. */
  readonly url: string;
  readonly record: ResourceRecord;
  /** When the record's content last changed: a check is stored only while the record is still this version. */
  readonly recordUpdatedAt: string;
  /** The last check, when it was of this same URL. */
  readonly previous: LinkCheckState | null;
}

/** The link checks of one source's active records. */
export interface LinkStats {
  /** Active records with a landing page URL. */
  readonly withUrl: number;
  /** Of those, records whose current URL was checked. */
  readonly checked: number;
  /** Checked records per outcome of their last check. */
  readonly outcomes: Readonly<Record<LinkOutcome, number>>;
  /** Checked records per verdict (what the quality score counts). */
  readonly verdicts: Readonly<Record<LinkVerdict, number>>;
  /** Up to the asked number of checks per outcome other than alive, by outcome then sourceRecordId. */
  readonly examples: readonly LinkCheckState[];
}
