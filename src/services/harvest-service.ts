// Use cases around harvest runs: run one source now (`oer-atlas harvest`), run a job a worker claimed,
// re-map stored payloads (`oer-atlas remap`), and ask for the harvests that are due by schedule.
// A run holds its source's job lease for its whole life and renews it with every committed page, so two
// processes never harvest one source at once and a crashed worker's run is taken over and resumed from its
// checkpoint. Every page is committed with its checkpoint (ingest/page-writer.ts): a run killed at any
// point resumes without loss or duplicates.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  sumCounts,
  type HarvestCounts,
  type HarvestJob,
  type HarvestMode,
  type HarvestRun,
  type Protocol,
  type Schedule,
  type Source,
  type SourceRecordInput,
  type UpsertOutcome,
} from '../domain/catalog.js';
import { AtlasError, isAtlasError } from '../domain/errors.js';
import {
  DEFAULT_HARVEST_LIMITS,
  type Checkpoint,
  type HarvestLimits,
  type Harvester,
} from '../harvest/harvester.js';
import { abortableSleep } from '../harvest/oai-client.js';
import { keepHeapNearLiveSize } from '../ingest/heap.js';
import { mergeReportNotes, writeHarvestedPage } from '../ingest/page-writer.js';
import { derivedFields } from '../ingest/derived.js';
import { mapRawPayload, rawMappingContext } from '../ingest/raw-mapping.js';
import type { HttpClient } from '../ports/http-client.js';
import type { Store } from '../ports/store.js';

export interface HarvestServiceDeps {
  readonly store: Store;
  readonly http: HttpClient;
  readonly harvesterFor: (protocol: Protocol) => Harvester;
  /** This process, as job owner: host, process id and a random part. */
  readonly owner?: string;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly limits?: HarvestLimits;
  /** How long a job stays ours without renewal. Default 2 minutes. */
  readonly leaseMs?: number;
  /** Runs after each finished run while the job is still held (duplicate grouping of what changed). */
  readonly afterRun?: (run: HarvestRun) => Promise<void>;
}

export interface HarvestProgress {
  readonly run: HarvestRun;
  /** Records the source announced for the whole list, when it did. */
  readonly expectedTotal?: number;
}

export interface HarvestOptions {
  /** Default: resume an interrupted run, else incremental (full when the source was never harvested). */
  readonly mode?: HarvestMode;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: HarvestProgress) => void;
  readonly requestedBy?: string;
}

export interface HarvestSummary {
  readonly run: HarvestRun;
  readonly resumed: boolean;
  /** Set when the run ended in failure or was interrupted. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface RemapSummary {
  readonly sourceId: string;
  readonly counts: Readonly<Record<UpsertOutcome, number>>;
  readonly errorsByClass: Readonly<Record<string, number>>;
}

export interface HarvestService {
  /** Harvests one source now, in this process. Throws `harvest_busy` when another process is harvesting it. */
  harvest(sourceId: string, options?: HarvestOptions): Promise<HarvestSummary>;
  /** Runs a job this process has already claimed, and releases it at the end. */
  runClaimedJob(job: HarvestJob, options?: HarvestOptions): Promise<HarvestSummary>;
  /** Claims the oldest free job, if any. */
  claimNext(): Promise<HarvestJob | null>;
  /** Asks for every harvest that is due by schedule; returns the ids of the sources queued. */
  enqueueDue(): Promise<readonly string[]>;
  /** Rebuilds the mapped records of a source from the stored raw payloads. */
  remap(sourceId: string, options?: { readonly onProgress?: (done: number) => void }): Promise<RemapSummary>;
  readonly owner: string;
}

const SCHEDULE_MS: Readonly<Record<Schedule, number | null>> = {
  manual: null,
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
  monthly: 30 * 86_400_000,
};

/** A scheduled source gets a full run (which also finds unreported deletions) at least this often. */
const FULL_RUN_EVERY_MS = 30 * 86_400_000;
const REMAP_BATCH = 500;

export function processOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** True when `owner` names a process of this machine that no longer exists. */
function isDeadLocalOwner(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (isAtlasError(error)) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
}

export function createHarvestService(deps: HarvestServiceDeps): HarvestService {
  const { store } = deps;
  const owner = deps.owner ?? processOwner();
  const now = deps.now ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 120_000;
  const limits = deps.limits ?? DEFAULT_HARVEST_LIMITS;
  const leaseUntil = (): string => new Date(now().getTime() + leaseMs).toISOString();

  async function getSource(sourceId: string): Promise<Source> {
    const source = await store.getSource(sourceId);
    if (source === null) {
      throw new AtlasError('not_found', `There is no source with the id ${sourceId}.`, {
        details: { sourceId },
      });
    }
    return source;
  }

  /** Picks the run to continue (an interrupted one with a checkpoint) or starts a new one. */
  async function openRun(
    source: Source,
    requested: HarvestMode | undefined,
  ): Promise<{ run: HarvestRun; resumeFrom: Checkpoint | null; resumed: boolean }> {
    const latest = await store.latestRun(source.id);
    const unfinished =
      latest !== null &&
      (latest.status === 'running' || latest.status === 'interrupted' || latest.status === 'failed');
    // Finishing an interrupted full run also gives what an incremental one would (a stopped first harvest
    // leaves an incremental job behind); only a full harvest asked over an incremental run starts again.
    const resumable =
      unfinished &&
      latest.checkpoint !== null &&
      (requested === undefined ||
        requested === latest.mode ||
        (requested === 'incremental' && latest.mode === 'full'));
    if (resumable) {
      const run = await store.updateRun(latest.id, { status: 'running', finishedAt: null });
      return { run, resumeFrom: latest.checkpoint, resumed: true };
    }
    if (latest !== null && latest.status === 'running') {
      await store.updateRun(latest.id, { status: 'interrupted', finishedAt: now().toISOString() });
    }
    const everFinished = await store.latestRun(source.id, ['succeeded', 'partial']);
    // A source never harvested to the end gets a full run whatever was asked: there is nothing to increment.
    const mode: HarvestMode = everFinished === null ? 'full' : (requested ?? 'incremental');
    const run = await store.createRun({ sourceId: source.id, mode, startedAt: now().toISOString() });
    return { run, resumeFrom: null, resumed: false };
  }

  async function execute(source: Source, options: HarvestOptions): Promise<HarvestSummary> {
    keepHeapNearLiveSize();
    const opened = await openRun(source, options.mode);
    let run = opened.run;
    const previous = await store.latestRun(source.id, ['succeeded', 'partial']);
    const previousState =
      previous !== null && typeof previous.report.state === 'object' && previous.report.state !== null
        ? (previous.report.state as Checkpoint)
        : null;

    // The run stops when the caller aborts or when the lease is lost to another worker.
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted === true) controller.abort(options.signal.reason);
    let leaseLost = false;
    const renewTimer = setInterval(
      () => {
        store.renewHarvestJob(source.id, owner, leaseUntil()).then(
          (held) => {
            if (!held) {
              leaseLost = true;
              controller.abort(
                new AtlasError('harvest_interrupted', 'The harvest job was taken over by another worker.'),
              );
            }
          },
          () => undefined,
        );
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    renewTimer.unref();

    const started = Date.now();
    const earlierMs = typeof run.report.durationMs === 'number' ? run.report.durationMs : 0;
    const harvester = deps.harvesterFor(source.protocol);
    const generator = harvester.harvest({
      source,
      http: deps.http,
      mode: run.mode,
      resumeFrom: opened.resumeFrom,
      previousState,
      now,
      signal: controller.signal,
      limits,
      sleep: deps.sleep ?? abortableSleep(controller.signal),
    });
    try {
      for (;;) {
        const step = await generator.next();
        if (step.done === true) {
          const end = step.value;
          const at = now().toISOString();
          run = await store.transaction(async (tx) => {
            if (!(await tx.renewHarvestJob(source.id, owner, leaseUntil()))) {
              throw new AtlasError(
                'harvest_interrupted',
                'The harvest job was taken over by another worker.',
              );
            }
            const gone = end.snapshot ? await tx.tombstoneUnseen(source.id, run.id, at) : [];
            const counts: HarvestCounts = sumCounts(run.counts, { deleted: gone.length });
            const report = mergeReportNotes(run.report, end.notes ?? []);
            return tx.updateRun(run.id, {
              status: counts.failed > 0 ? 'partial' : 'succeeded',
              finishedAt: at,
              counts,
              checkpoint: null,
              report: {
                ...report,
                state: end.state,
                snapshot: end.snapshot,
                tombstoned: gone.length,
                durationMs: earlierMs + (Date.now() - started),
              },
            });
          });
          options.onProgress?.({ run });
          if (deps.afterRun !== undefined) {
            // Grouping and other catalog upkeep: a failure there is reported, never turns the run into a failure.
            try {
              await deps.afterRun(run);
            } catch (error) {
              run = await store.updateRun(run.id, {
                report: { ...run.report, afterRunError: describe(error) },
              });
            }
          }
          return { run, resumed: opened.resumed, error: null };
        }
        const page = step.value;
        const result = await writeHarvestedPage(store, run, source.id, page.items, {
          harvestedAt: now().toISOString(),
          checkpoint: page.checkpoint,
          extra: { pages: 1, requests: page.requests },
          ...(page.errors === undefined ? {} : { extraErrors: page.errors }),
          ...(page.notes === undefined ? {} : { notes: page.notes }),
          lease: { owner, leaseUntil: leaseUntil() },
        });
        run = result.run;
        options.onProgress?.({
          run,
          ...(page.expectedTotal === undefined ? {} : { expectedTotal: page.expectedTotal }),
        });
      }
    } catch (error) {
      const aborted = controller.signal.aborted;
      const reason: unknown =
        aborted && controller.signal.reason !== undefined ? controller.signal.reason : error;
      const takenOver = {
        code: 'harvest_interrupted',
        message: 'The harvest job was taken over by another worker.',
      };
      let failure = leaseLost
        ? takenOver
        : aborted
          ? { code: 'harvest_interrupted', message: describe(reason).message || 'The harvest was stopped.' }
          : describe(error);
      if (!leaseLost) {
        const errors = { ...run.errorsByClass };
        if (!aborted) errors[failure.code] = (errors[failure.code] ?? 0) + 1;
        const patch = {
          status: aborted ? ('interrupted' as const) : ('failed' as const),
          finishedAt: now().toISOString(),
          errorsByClass: errors,
          report: { ...run.report, error: failure, durationMs: earlierMs + (Date.now() - started) },
        };
        // Only the job's holder writes the run: a worker whose lease ran out (a commit refused by the fence)
        // must not mark as failed the run that another worker has taken over, or even finished.
        const stored = await store.transaction(async (tx) =>
          (await tx.renewHarvestJob(source.id, owner, leaseUntil())) ? tx.updateRun(run.id, patch) : null,
        );
        if (stored === null) {
          leaseLost = true;
          failure = takenOver;
        } else {
          run = stored;
        }
      }
      return { run, resumed: opened.resumed, error: failure };
    } finally {
      clearInterval(renewTimer);
      options.signal?.removeEventListener('abort', onAbort);
      await generator.return(undefined as never).catch(() => undefined);
      if (!leaseLost) {
        // An interrupted run stays queued, claimable at once, so that the next worker resumes it; so does a
        // full harvest asked for while this incremental one ran (the request upgraded the job in place).
        const job =
          run.mode === 'incremental'
            ? (await store.listHarvestJobs().catch(() => [])).find((j) => j.sourceId === source.id)
            : undefined;
        const stopped = run.status === 'interrupted' || (job?.claimedBy === owner && job.mode === 'full');
        const done = stopped
          ? store.renewHarvestJob(source.id, owner, new Date(0).toISOString())
          : store.releaseHarvestJob(source.id, owner);
        await done.catch(() => false);
      }
    }
  }

  async function claimFor(
    sourceId: string,
    mode: HarvestMode | undefined,
    requestedBy: string,
  ): Promise<HarvestJob> {
    await store.enqueueHarvest({
      sourceId,
      mode: mode ?? 'incremental',
      requestedAt: now().toISOString(),
      requestedBy,
    });
    const claim = () =>
      store.claimHarvestJob({ owner, now: now().toISOString(), leaseUntil: leaseUntil(), sourceId });
    let job = await claim();
    if (job === null) {
      const held = (await store.listHarvestJobs()).find((j) => j.sourceId === sourceId);
      if (held?.claimedBy != null && isDeadLocalOwner(held.claimedBy)) {
        // The process that held it on this machine is gone: end its lease now instead of waiting for it.
        await store.renewHarvestJob(sourceId, held.claimedBy, new Date(0).toISOString());
        job = await claim();
      }
      if (job === null) {
        throw new AtlasError(
          'harvest_busy',
          `The source ${sourceId} is being harvested by ${held?.claimedBy ?? 'another process'}` +
            (held?.leaseUntil != null ? ` (lease until ${held.leaseUntil}).` : '.'),
          { details: { sourceId, claimedBy: held?.claimedBy ?? null } },
        );
      }
    }
    return job;
  }

  return {
    owner,
    async harvest(sourceId, options = {}) {
      const source = await getSource(sourceId);
      await claimFor(source.id, options.mode, options.requestedBy ?? 'cli');
      return execute(source, options);
    },

    async runClaimedJob(job, options = {}) {
      const source = await store.getSource(job.sourceId);
      if (source === null) {
        await store.releaseHarvestJob(job.sourceId, owner);
        throw new AtlasError('not_found', `There is no source with the id ${job.sourceId}.`);
      }
      return execute(source, { ...options, mode: options.mode ?? job.mode });
    },

    claimNext() {
      return store.claimHarvestJob({ owner, now: now().toISOString(), leaseUntil: leaseUntil() });
    },

    async enqueueDue() {
      const queued: string[] = [];
      const t = now().getTime();
      for (const source of await store.listSources()) {
        const every = SCHEDULE_MS[source.schedule];
        if (every === null) continue;
        const runs = await store.listRuns(source.id, 50);
        const last = runs[0];
        if (last !== undefined && Date.parse(last.startedAt) + every > t && last.status !== 'failed')
          continue;
        if (
          last !== undefined &&
          last.status === 'failed' &&
          Date.parse(last.startedAt) + Math.min(every, 3_600_000) > t
        ) {
          continue;
        }
        const lastFull = runs.find(
          (r) => r.mode === 'full' && (r.status === 'succeeded' || r.status === 'partial'),
        );
        const mode: HarvestMode =
          lastFull === undefined || Date.parse(lastFull.startedAt) + FULL_RUN_EVERY_MS <= t
            ? 'full'
            : 'incremental';
        const added = await store.enqueueHarvest({
          sourceId: source.id,
          mode,
          requestedAt: now().toISOString(),
          requestedBy: 'scheduler',
        });
        if (added) queued.push(source.id);
      }
      return queued;
    },

    async remap(sourceId, options = {}) {
      const source = await getSource(sourceId);
      keepHeapNearLiveSize();
      const counts: Record<UpsertOutcome, number> = {
        new: 0,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        failed: 0,
      };
      const errors: Record<string, number> = {};
      let after: string | undefined;
      let done = 0;
      for (;;) {
        const page = await store.listSourceRecords(source.id, {
          limit: REMAP_BATCH,
          ...(after === undefined ? {} : { after }),
        });
        const inputs: SourceRecordInput[] = [];
        // The last link checks of the page, so that a remapped record whose url is unchanged keeps counting its own.
        const links = await store.getLinkChecks(
          source.id,
          page.items.filter((r) => r.status !== 'deleted').map((r) => r.sourceRecordId),
        );
        for (const stored of page.items) {
          if (stored.status === 'deleted') continue;
          const base = {
            sourceId: stored.sourceId,
            sourceRecordId: stored.sourceRecordId,
            sourceDatestamp: stored.sourceDatestamp,
            rawFormat: stored.rawFormat,
            raw: stored.raw,
            rawHash: stored.rawHash,
            harvestedAt: stored.harvestedAt,
          };
          try {
            const record = mapRawPayload(
              stored.rawFormat,
              stored.raw,
              rawMappingContext(source, stored.sourceRecordId, stored.harvestedAt, stored.sourceDatestamp),
            );
            inputs.push({
              ...base,
              status: 'active',
              record,
              ...derivedFields(record, links.get(stored.sourceRecordId)),
              errorCode: null,
              errorMessage: null,
            });
          } catch (error) {
            const { code, message } = describe(error);
            const kept = code === 'internal_error' ? 'mapping_failed' : code;
            errors[kept] = (errors[kept] ?? 0) + 1;
            inputs.push({ ...base, status: 'failed', record: null, errorCode: kept, errorMessage: message });
          }
        }
        if (inputs.length > 0) {
          for (const outcome of await store.upsertSourceRecords(inputs)) counts[outcome] += 1;
        }
        done += page.items.length;
        options.onProgress?.(done);
        if (page.next === null) break;
        after = page.next;
      }
      return { sourceId: source.id, counts, errorsByClass: errors };
    },
  };
}
