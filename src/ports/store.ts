// The Store port: everything the product keeps, behind one interface with two adapters side by side
// (adapters/sqlite and adapters/postgres) and one contract suite (test/contract/store.contract.ts) that both
// must pass. Services depend on this interface only; SQL lives in the adapters.
import type {
  HarvestCounts,
  HarvestRun,
  HarvestRunStatus,
  NewSource,
  RecordIssue,
  Source,
  SourceRecord,
  SourceRecordInput,
  SourceRecordStatus,
  UpsertOutcome,
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

/** Every read and write of the catalog. Within `Store.transaction` the same methods run in that transaction. */
export interface StoreSession {
  createSource(input: NewSource): Promise<Source>;
  getSource(id: string): Promise<Source | null>;
  listSources(): Promise<readonly Source[]>;
  /** Throws AtlasError `not_found` for an unknown id. */
  updateSource(id: string, patch: SourcePatch): Promise<Source>;
  /** Removes a source with its records, runs and issues. Returns false when it did not exist. */
  removeSource(id: string): Promise<boolean>;

  /**
   * Writes a batch of source records in one transaction and returns one outcome per input, in order.
   * A record is identified by (sourceId, sourceRecordId): writing it again never creates a second row.
   * Outcomes: `new` (first time seen), `updated` (raw payload, status or mapped record changed),
   * `unchanged` (identical), `deleted` (became a tombstone), `failed` (stored with its error).
   */
  upsertSourceRecords(records: readonly SourceRecordInput[]): Promise<readonly UpsertOutcome[]>;
  getSourceRecord(sourceId: string, sourceRecordId: string): Promise<SourceRecord | null>;
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
  addRecordIssues(issues: readonly RecordIssue[]): Promise<void>;
  listRecordIssues(runId: string, limit?: number): Promise<readonly RecordIssue[]>;

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
