// The Store port: everything the product keeps, behind one interface with two adapters side by side
// (adapters/sqlite and adapters/postgres) and one contract suite (test/contract/store.contract.ts) that both
// must pass. Services depend on this interface only; SQL lives in the adapters.
import type {
  DueLink,
  GroupingRecord,
  GroupingState,
  StoredGroupingFeatures,
  HarvestCounts,
  HarvestJob,
  HarvestMode,
  HarvestRun,
  HarvestRunStatus,
  IndexRecord,
  LinkCheckState,
  LinkCheckWrite,
  LinkStats,
  MatchKeyHits,
  NewSource,
  NewWorkDecision,
  QualityStats,
  QueuedRecordRef,
  RecordIssue,
  RecordRef,
  Source,
  SourceRecord,
  SourceRecordInput,
  SourceRecordStatus,
  UpsertOutcome,
  WorkDecision,
  WorkEdge,
  WorkEdgeInput,
  WorkListing,
} from '../domain/catalog.js';

export type StoreBackend = 'sqlite' | 'postgres';

export interface MigrationReport {
  /** Schema version before and after. */
  readonly from: number;
  readonly to: number;
  /** Names of the migrations applied by this call, in order (empty when already up to date). */
  readonly applied: readonly string[];
}

export type SourcePatch = Partial<Omit<Source, 'id' | 'createdAt' | 'updatedAt'>>;

export interface NewHarvestRun {
  readonly sourceId: string;
  readonly mode: HarvestRun['mode'];
  readonly startedAt: string;
}

export interface HarvestRunPatch {
  readonly status?: HarvestRunStatus;
  readonly finishedAt?: string | null;
  readonly counts?: HarvestCounts;
  readonly errorsByClass?: Readonly<Record<string, number>>;
  readonly checkpoint?: Readonly<Record<string, unknown>> | null;
  readonly report?: Readonly<Record<string, unknown>>;
}

export interface SourceRecordPage {
  readonly items: readonly SourceRecord[];
  /** Pass as `after` to get the next page; null on the last page. */
  readonly next: string | null;
}

/** What a harvest needs to know about a stored record to tell an unchanged re-harvest apart without mapping it. */
export interface SourceRecordState {
  readonly rawHash: string;
  readonly status: SourceRecordStatus;
}

export interface NewHarvestJob {
  readonly sourceId: string;
  readonly mode: HarvestMode;
  readonly requestedAt: string;
  readonly requestedBy: string;
}

export interface HarvestJobClaim {
  /** The worker taking the job: unique per worker process, e.g. host name, process id and a random part. */
  readonly owner: string;
  /** The claimer's clock: leases that ended before it have expired. */
  readonly now: string;
  readonly leaseUntil: string;
  /** Only this source's job is considered. */
  readonly sourceId?: string;
}

export interface ListWorksOptions {
  /** Only works with at least this many active members (default 2). */
  readonly minMembers?: number;
  /**
   * Also works with fewer members when a translation or adaptation edge links one of their active records to an
   * active record of another work (a translation stays a work of its own, linked to its original's).
   */
  readonly linked?: boolean;
  /** Only works with at least one active member from this source. */
  readonly sourceId?: string;
  /** Works per page (default 100). */
  readonly limit?: number;
  /** Cursor: only works whose id sorts after this one (the last workId of the previous page). */
  readonly after?: string;
}

export interface DueLinkOptions {
  /** Only this source's records. */
  readonly sourceId?: string;
  /** Records whose current URL was last checked before this instant are due; never-checked ones always are. */
  readonly checkedBefore: string;
}

/** A record to take off the grouping queue; with a ticket, only while it was not queued again since. */
export type DequeueRef = RecordRef & { readonly ticket?: string };

/** Every read and write of the catalog. Within `Store.transaction` the same methods run in that transaction. */
export interface StoreSession {
  createSource(input: NewSource): Promise<Source>;
  getSource(id: string): Promise<Source | null>;
  listSources(): Promise<readonly Source[]>;
  /** Throws AtlasError `not_found` for an unknown id. */
  updateSource(id: string, patch: SourcePatch): Promise<Source>;
  /**
   * Removes a source with its records, runs, issues and job, and with them their match keys, grouping queue
   * entries and work edges. Curator work decisions stay. Returns false when it did not exist.
   */
  removeSource(id: string): Promise<boolean>;

  /**
   * Writes a batch of source records in one transaction and returns one outcome per input, in order.
   * A record is identified by (sourceId, sourceRecordId): writing it again never creates a second row.
   * Outcomes: `new` (first time seen), `updated` (raw payload, status or mapped record changed),
   * `unchanged` (identical), `deleted` (became a tombstone), `failed` (stored with its error).
   */
  upsertSourceRecords(records: readonly SourceRecordInput[]): Promise<readonly UpsertOutcome[]>;
  getSourceRecord(sourceId: string, sourceRecordId: string): Promise<SourceRecord | null>;
  /**
   * The stored hash and status of the given records of one source, keyed by sourceRecordId; ids not stored are
   * absent. Costs one statement per few hundred ids, so a whole harvested page is looked up at once.
   */
  getRecordStates(
    sourceId: string,
    sourceRecordIds: readonly string[],
  ): Promise<ReadonlyMap<string, SourceRecordState>>;
  /**
   * Records that run `runId` saw these records (an unchanged re-harvest that was not mapped again), changing
   * nothing else about them. Ids not stored are ignored.
   */
  markRecordsSeen(sourceId: string, sourceRecordIds: readonly string[], runId: string): Promise<void>;
  /**
   * After a harvest that listed the whole source (a sitemap, a dump, every identifier), turns each `active` or
   * `failed` record of the source that `runId` did not see into a tombstone: no mapped record, no error, the
   * raw payload kept, updatedAt set to `at`. Returns the ids it turned, in sourceRecordId order.
   */
  tombstoneUnseen(sourceId: string, runId: string, at: string): Promise<readonly string[]>;
  /** Keyset paging in sourceRecordId order, stable at any depth. */
  listSourceRecords(
    sourceId: string,
    options?: { readonly after?: string; readonly limit?: number; readonly status?: SourceRecordStatus },
  ): Promise<SourceRecordPage>;
  /** Number of records per status, for one source or for all. */
  countSourceRecords(sourceId?: string): Promise<Readonly<Record<SourceRecordStatus, number>>>;

  createRun(input: NewHarvestRun): Promise<HarvestRun>;
  /** Throws AtlasError `not_found` for an unknown id. */
  updateRun(id: string, patch: HarvestRunPatch): Promise<HarvestRun>;
  getRun(id: string): Promise<HarvestRun | null>;
  /** Newest first. */
  listRuns(sourceId: string, limit?: number): Promise<readonly HarvestRun[]>;
  /** The newest run of the source (by startedAt, then id), only among `statuses` when given; null when none. */
  latestRun(sourceId: string, statuses?: readonly HarvestRunStatus[]): Promise<HarvestRun | null>;
  addRecordIssues(issues: readonly RecordIssue[]): Promise<void>;
  listRecordIssues(runId: string, limit?: number): Promise<readonly RecordIssue[]>;

  /**
   * Asks for a harvest of a source. Returns false when the source already has a job, which then stays as it
   * is, except that a full harvest asked while an incremental job waits or runs makes that job full.
   * Throws AtlasError `not_found` for an unknown source.
   */
  enqueueHarvest(job: NewHarvestJob): Promise<boolean>;
  /**
   * Takes the oldest job (by requestedAt, then sourceId) that nobody holds or whose lease ended before
   * `claim.now`, for `claim.owner` until `claim.leaseUntil`, counting one more attempt. Atomic across
   * processes and machines sharing the database: two claimers never get the same job. Null when none is free.
   */
  claimHarvestJob(claim: HarvestJobClaim): Promise<HarvestJob | null>;
  /**
   * Extends the lease while `owner` still holds the job, even past its end as long as no other worker took it
   * over; false when another worker has taken it over or it is gone. Called inside the transaction that commits
   * a page, it keeps a worker that lost its lease from committing over the new holder's work.
   */
  renewHarvestJob(sourceId: string, owner: string, leaseUntil: string): Promise<boolean>;
  /** Removes the job when `owner` holds it (the harvest ended); false otherwise. */
  releaseHarvestJob(sourceId: string, owner: string): Promise<boolean>;
  /** Every job, oldest request first. */
  listHarvestJobs(): Promise<readonly HarvestJob[]>;

  // ---- duplicate grouping ("works") ------------------------------------------------------------------
  // upsertSourceRecords keeps each active record's match keys (SourceRecordInput.matchKeys) and queues every
  // record whose write was new, updated or deleted, or turned an active record into a failed one;
  // tombstoneUnseen queues what it turns. Unchanged writes and markRecordsSeen queue nothing. Keys, queue
  // entries and edges go with their records (a removed source); curator decisions stay.

  /** The oldest queued records first (by the time first queued, then sourceId, sourceRecordId). */
  listQueuedForGrouping(limit: number): Promise<readonly QueuedRecordRef[]>;
  /**
   * Takes records off the queue. Refs carrying the ticket listQueuedForGrouping gave are removed only while
   * that ticket is current: a record written again after it was listed stays queued. Plain refs always go.
   * Inside one transaction, call it after setWorkIds and replaceWorkEdges: page writes lock records before
   * queue entries, and taking them in the same order keeps PostgreSQL from deadlocking the two.
   */
  dequeueGrouped(refs: readonly DequeueRef[]): Promise<void>;
  countQueuedForGrouping(): Promise<number>;
  /** Queues every active record (of one source, or of all) to be grouped again; returns how many. */
  enqueueAllForGrouping(sourceId?: string): Promise<number>;
  /**
   * For each distinct key, in the order given: how many active records hold it (counted up to maxPerKey + 1), and
   * which (in sourceId, then sourceRecordId order) when they are at most `maxPerKey`. Keys nobody holds come back
   * with 0 members.
   */
  findByMatchKeys(keys: readonly string[], maxPerKey: number): Promise<readonly MatchKeyHits[]>;
  /** Status, work and stored match keys of each stored ref, in the order given; refs not stored are left out. */
  getGroupingStates(refs: readonly RecordRef[]): Promise<readonly GroupingState[]>;
  /** Status, mapped record and work of each stored ref, in the order given; refs not stored are left out. */
  getRecordsForGrouping(refs: readonly RecordRef[]): Promise<readonly GroupingRecord[]>;
  /**
   * Status and stored grouping features (the last write's SourceRecordInput.groupingFeatures) of each stored
   * ref, in the order given; refs not stored are left out.
   */
  getGroupingFeatures(refs: readonly RecordRef[]): Promise<readonly StoredGroupingFeatures[]>;
  /**
   * Of `refs`, those waiting in the grouping queue, in the order asked (each once). A grouping pass leaves a pair
   * to the batch of whichever of its records is processed last.
   */
  getQueuedForGrouping(refs: readonly RecordRef[]): Promise<readonly RecordRef[]>;
  /**
   * Replaces every edge touching `ref` (whichever side it was stored on) with `edges`. An edge is undirected
   * and stored once per pair, in canonical order; of two edges to the same record the last given wins.
   * Throws `invalid_parameter` for an edge to `ref` itself, `not_found` when a record does not exist.
   */
  replaceWorkEdges(ref: RecordRef, edges: readonly WorkEdgeInput[]): Promise<void>;
  /** Every edge touching any of `refs`, each once, in (a, b) order. */
  listWorkEdges(refs: readonly RecordRef[]): Promise<readonly WorkEdge[]>;
  /** Sets (or, with null, clears) the work of records; refs not stored are ignored. */
  setWorkIds(
    assignments: readonly { readonly ref: RecordRef; readonly workId: string | null }[],
  ): Promise<void>;
  /** The active records of a work, in sourceId, then sourceRecordId order. */
  getWorkMembers(workId: string): Promise<readonly RecordRef[]>;
  /** Works in workId order (keyset paging with `after`), with their active members. */
  listWorks(options?: ListWorksOptions): Promise<readonly WorkListing[]>;
  /** Records a curator's join or split of two records (a generated id; a and b stored in canonical order). */
  addWorkDecision(decision: NewWorkDecision): Promise<WorkDecision>;
  /** Every decision, or those touching any of `refs`; oldest first (by `at`, then id). */
  listWorkDecisions(refs?: readonly RecordRef[]): Promise<readonly WorkDecision[]>;
  /** False when there was no such decision. */
  removeWorkDecision(id: string): Promise<boolean>;

  // ---- search index queue -------------------------------------------------------------------------------
  // Every record whose indexed content may have changed is queued for the search indexer: a record stored for
  // the first time (unless it failed on first sight), and any change of its status, mapped record, work id
  // (setWorkIds) or quality score. A new raw payload that maps to the same record, unchanged writes and
  // markRecordsSeen queue nothing. Removing a source removes its queue
  // entries and its documents from the search index in the same transaction. Same ticket rules as grouping.

  /** The oldest queued records first (by the time first queued, then sourceId, sourceRecordId). */
  listQueuedForIndex(limit: number): Promise<readonly QueuedRecordRef[]>;
  /** Takes records off the index queue (a ref with a stale ticket stays queued). */
  dequeueIndexed(refs: readonly DequeueRef[]): Promise<void>;
  countQueuedForIndex(): Promise<number>;
  /** Queues every active record to be indexed again (after an analyzer change); returns how many. */
  enqueueAllForIndex(): Promise<number>;
  /** Status, mapped record, work, quality and harvest time of each stored ref, in the order given; refs not
   * stored are left out. */
  getRecordsForIndex(refs: readonly RecordRef[]): Promise<readonly IndexRecord[]>;

  // ---- metadata quality ---------------------------------------------------------------------------------

  /** Quality scores and failed checks over the source's active records, with up to `examplesPerFix` ids each. */
  qualityStats(sourceId: string, examplesPerFix: number): Promise<QualityStats>;

  // ---- link checks ----------------------------------------------------------------------------------------
  // One stored check per record (its last), keyed like the record and removed with it (and with its source).
  // A check counts only while it is of the record's current url: a record whose url changed is due again.

  /**
   * Active records with a url that are due for a check: never checked (or checked at another url) first, in
   * sourceId, sourceRecordId order, then the oldest checks first; with their mapped record and last check.
   */
  listDueLinks(options: DueLinkOptions & { readonly limit: number }): Promise<readonly DueLink[]>;
  /** How many records listDueLinks would give without a limit. */
  countDueLinks(options: DueLinkOptions): Promise<number>;
  /**
   * Stores checks, each replacing the record's last one, and sets each record's quality score and failed checks
   * to the given quality, in one transaction; the record is queued for the search index when its score changes.
   * A check of a record that changed meanwhile (no longer active, or another version than recordUpdatedAt says,
   * so the quality would be of an old version) is dropped, and the record stays due. Returns how many were
   * stored.
   */
  saveLinkChecks(checks: readonly LinkCheckWrite[]): Promise<number>;
  /**
   * The last checks of the given records of one source, keyed by sourceRecordId (whatever url they were of);
   * ids without one are absent. One statement per few hundred ids, so a harvested page is looked up at once.
   */
  getLinkChecks(
    sourceId: string,
    sourceRecordIds: readonly string[],
  ): Promise<ReadonlyMap<string, LinkCheckState>>;
  /** Outcome and verdict counts over the source's active records, with up to `examplesPerOutcome` each. */
  linkStats(sourceId: string, examplesPerOutcome: number): Promise<LinkStats>;

  /** Small named values the product keeps about itself (analyzer version, demo catalog loaded...). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

export interface Store extends StoreSession {
  readonly backend: StoreBackend;
  /** Where the data lives, for messages: a file path or a URL without password. */
  readonly location: string;
  /** Applies pending migrations. Throws `database_too_new` when the schema is newer than this build. */
  migrate(): Promise<MigrationReport>;
  /** The current schema version (0 for an empty database). */
  schemaVersion(): Promise<number>;
  /** The highest schema version this build knows. */
  readonly latestSchemaVersion: number;
  /** Resolves when the database answers a trivial query; throws `database_unreachable` otherwise. */
  ping(): Promise<void>;
  /**
   * Runs `fn` in one transaction: all its writes commit together, or none do when it throws.
   * Readers outside the transaction keep seeing the last committed state and are never blocked by it.
   */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /** Waits for work in progress and releases connections. Calling it twice is harmless. */
  close(): Promise<void>;
}
