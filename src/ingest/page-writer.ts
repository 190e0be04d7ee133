// Writes one harvested page: maps each item, stores the batch with per-record outcomes, records the
// problems, and commits the run's counts and checkpoint in the SAME transaction, so that a run killed at
// any point resumes from the last committed page without losing or duplicating anything.
// Protocol-agnostic: every harvester (OAI-PMH, sitemap, feeds, dumps, CSV) hands pages to it.
import { createHash } from 'node:crypto';
import {
  sumCounts,
  type HarvestCounts,
  type LinkCheckState,
  type HarvestRun,
  type RecordIssue,
  type SourceRecordInput,
  type UpsertOutcome,
} from '../domain/catalog.js';
import { AtlasError, isAtlasError } from '../domain/errors.js';
import type { ResourceRecord } from '../domain/profile.js';
import { newWorkId } from '../domain/work-id.js';
import type { SourceRecordState, Store } from '../ports/store.js';
import { derivedFields } from './derived.js';

/** One item of a harvested page, as the protocol layer saw it. */
export type HarvestedItem =
  | {
      readonly kind: 'record';
      readonly sourceRecordId: string;
      readonly sourceDatestamp: string | null;
      readonly rawFormat: string;
      readonly raw: string;
      /**
       * Maps the raw payload into the profile; throws (ideally an AtlasError) when it cannot. The page writer
       * passes the harvest time it stores with the record, which is also what `remap` maps with, so that
       * re-mapping the stored payload gives the very same record.
       */
      readonly map: (harvestedAt?: string) => ResourceRecord;
    }
  | {
      readonly kind: 'deleted';
      readonly sourceRecordId: string;
      readonly sourceDatestamp: string | null;
      readonly rawFormat: string;
      readonly raw: string;
    }
  | {
      /** A part of the page that could not be read as a record; kept raw with its reason. */
      readonly kind: 'broken';
      readonly sourceRecordId: string | null;
      readonly rawFormat: string;
      readonly raw: string;
      readonly code: string;
      readonly message: string;
    };

/** A note for the run report, counted when it comes back on later pages. */
export interface ReportNote {
  readonly code: string;
  readonly message: string;
  readonly count: number;
}

/** Adds `notes` to the `notes` list of a run report, counting repeats. */
export function mergeReportNotes(
  report: Readonly<Record<string, unknown>>,
  notes: readonly { readonly code: string; readonly message: string }[],
): Record<string, unknown> {
  const existing = Array.isArray(report.notes) ? (report.notes as ReportNote[]) : [];
  const merged = existing.map((n) => ({ ...n }));
  for (const note of notes) {
    const same = merged.find((n) => n.code === note.code && n.message === note.message);
    if (same !== undefined) same.count += 1;
    else if (merged.length < 200) merged.push({ code: note.code, message: note.message, count: 1 });
  }
  return { ...report, notes: merged };
}

export interface PageResult {
  readonly outcomes: readonly { readonly sourceRecordId: string | null; readonly outcome: UpsertOutcome }[];
  readonly counts: HarvestCounts;
  readonly errorsByClass: Readonly<Record<string, number>>;
  readonly run: HarvestRun;
}

const NO_LINK_CHECKS: ReadonlyMap<string, LinkCheckState> = new Map();

export function hashPayload(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

function errorCodeOf(error: unknown): { code: string; message: string } {
  if (isAtlasError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'mapping_failed', message };
}

function addError(errors: Record<string, number>, code: string, n = 1): void {
  errors[code] = (errors[code] ?? 0) + n;
}

/**
 * Maps and stores `items` for `run` in one transaction, adding `extra` counts (pages, requests) and
 * saving `checkpoint` with them. Mapping failures become `failed` records (raw kept, code and message
 * stored) and run issues; nothing in the page is dropped.
 */
export async function writeHarvestedPage(
  store: Store,
  run: HarvestRun,
  sourceId: string,
  items: readonly HarvestedItem[],
  options: {
    readonly harvestedAt: string;
    readonly checkpoint: Readonly<Record<string, unknown>> | null;
    readonly extra?: Partial<HarvestCounts>;
    readonly extraErrors?: Readonly<Record<string, number>>;
    /** Notes for the run report. */
    readonly notes?: readonly { readonly code: string; readonly message: string }[];
    /** The page commits only while this worker still holds the source's harvest job. */
    readonly lease?: { readonly owner: string; readonly leaseUntil: string };
  },
): Promise<PageResult> {
  const inputs: SourceRecordInput[] = [];
  const unchanged: string[] = [];
  // Records whose payload did not change since they were stored are neither mapped nor rewritten.
  const ids = items.flatMap((item) => (item.kind === 'broken' ? [] : [item.sourceRecordId]));
  const stored: ReadonlyMap<string, SourceRecordState> =
    ids.length > 0 ? await store.getRecordStates(sourceId, ids) : new Map<string, SourceRecordState>();
  // Payload hashes once, and the last link checks of stored records that are mapped again, in one look-up per
  // page, so that a new version of a record keeps a check of its unchanged url (a new record has none).
  const hashes = items.map((item) => (item.kind === 'broken' ? '' : hashPayload(item.raw)));
  const remapped = items.flatMap((item, index) => {
    if (item.kind !== 'record') return [];
    const before = stored.get(item.sourceRecordId);
    if (before === undefined || (before.rawHash === hashes[index] && before.status === 'active')) return [];
    return [item.sourceRecordId];
  });
  const links: ReadonlyMap<string, LinkCheckState> =
    remapped.length > 0 ? await store.getLinkChecks(sourceId, remapped) : NO_LINK_CHECKS;
  const issues: RecordIssue[] = [];
  const errors: Record<string, number> = { ...(options.extraErrors ?? {}) };
  const brokenOutcomes: { index: number; sourceRecordId: string | null }[] = [];

  items.forEach((item, index) => {
    switch (item.kind) {
      case 'record': {
        const rawHash = hashes[index] ?? hashPayload(item.raw);
        const before = stored.get(item.sourceRecordId);
        if (before?.rawHash === rawHash && before.status === 'active') {
          unchanged.push(item.sourceRecordId);
          break;
        }
        const base = {
          sourceId,
          sourceRecordId: item.sourceRecordId,
          sourceDatestamp: item.sourceDatestamp,
          rawFormat: item.rawFormat,
          raw: item.raw,
          rawHash,
          harvestedAt: options.harvestedAt,
          runId: run.id,
        };
        try {
          const record = item.map(options.harvestedAt);
          inputs.push({
            ...base,
            status: 'active',
            record,
            ...derivedFields(record, links.get(item.sourceRecordId)),
            // A record seen for the first time is a work of its own until grouping finds its duplicates: given
            // its id now, it is not written a second time for that when most records have no duplicate.
            ...(before === undefined ? { workId: newWorkId() } : {}),
            errorCode: null,
            errorMessage: null,
          });
        } catch (error) {
          const { code, message } = errorCodeOf(error);
          inputs.push({ ...base, status: 'failed', record: null, errorCode: code, errorMessage: message });
          issues.push({
            runId: run.id,
            sourceRecordId: item.sourceRecordId,
            code,
            message,
            raw: item.raw,
            at: options.harvestedAt,
          });
          addError(errors, code);
        }
        break;
      }
      case 'deleted': {
        const rawHash = hashes[index] ?? hashPayload(item.raw);
        const before = stored.get(item.sourceRecordId);
        if (before?.rawHash === rawHash && before.status === 'deleted') {
          unchanged.push(item.sourceRecordId);
          break;
        }
        inputs.push({
          sourceId,
          sourceRecordId: item.sourceRecordId,
          status: 'deleted',
          sourceDatestamp: item.sourceDatestamp,
          rawFormat: item.rawFormat,
          raw: item.raw,
          rawHash,
          record: null,
          errorCode: null,
          errorMessage: null,
          harvestedAt: options.harvestedAt,
          runId: run.id,
        });
        break;
      }
      case 'broken':
        // Without an id it cannot become a source record; the raw text stays with the run's issues.
        if (item.sourceRecordId !== null) {
          inputs.push({
            sourceId,
            sourceRecordId: item.sourceRecordId,
            status: 'failed',
            sourceDatestamp: null,
            rawFormat: item.rawFormat,
            raw: item.raw,
            rawHash: hashPayload(item.raw),
            record: null,
            errorCode: item.code,
            errorMessage: item.message,
            harvestedAt: options.harvestedAt,
            runId: run.id,
          });
        } else {
          brokenOutcomes.push({ index, sourceRecordId: null });
        }
        issues.push({
          runId: run.id,
          sourceRecordId: item.sourceRecordId ?? `(unidentified #${index + 1})`,
          code: item.code,
          message: item.message,
          raw: item.raw,
          at: options.harvestedAt,
        });
        addError(errors, item.code);
        break;
      default: {
        const unreachable: never = item;
        throw new Error(`unhandled item ${JSON.stringify(unreachable)}`);
      }
    }
  });

  return store.transaction(async (tx) => {
    if (options.lease !== undefined) {
      const held = await tx.renewHarvestJob(sourceId, options.lease.owner, options.lease.leaseUntil);
      if (!held) {
        throw new AtlasError(
          'harvest_interrupted',
          'Another worker took over this harvest after this one stopped renewing its lease; nothing was written.',
        );
      }
    }
    const written = inputs.length > 0 ? await tx.upsertSourceRecords(inputs) : [];
    if (unchanged.length > 0) await tx.markRecordsSeen(sourceId, unchanged, run.id);
    if (issues.length > 0) await tx.addRecordIssues(issues);
    const delta: Record<UpsertOutcome, number> = { new: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 };
    for (const outcome of written) delta[outcome] += 1;
    delta.failed += brokenOutcomes.length;
    delta.unchanged += unchanged.length;
    const pageCounts = sumCounts(sumCounts(run.counts, delta), options.extra ?? {});
    const mergedErrors: Record<string, number> = { ...run.errorsByClass };
    for (const [code, n] of Object.entries(errors)) addError(mergedErrors, code, n);
    const updated = await tx.updateRun(run.id, {
      counts: pageCounts,
      errorsByClass: mergedErrors,
      checkpoint: options.checkpoint,
      ...(options.notes !== undefined && options.notes.length > 0
        ? { report: mergeReportNotes(run.report, options.notes) }
        : {}),
    });
    const outcomes = [
      ...inputs.map((input, i) => ({
        sourceRecordId: input.sourceRecordId,
        outcome: written[i] ?? ('failed' as const),
      })),
      ...unchanged.map((id) => ({ sourceRecordId: id, outcome: 'unchanged' as const })),
      ...brokenOutcomes.map(() => ({ sourceRecordId: null, outcome: 'failed' as const })),
    ];
    return { outcomes, counts: pageCounts, errorsByClass: mergedErrors, run: updated };
  });
}
