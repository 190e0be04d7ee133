// `oer-atlas explain`: how a record became what the catalog holds. A stored record is mapped again from its
// raw payload, and the records of a local file are read by the very reader `import` uses, each with a trace of
// the normalization decisions; the answer lists, field by field, the mapped value, the inputs the source gave
// and the rule or vocabulary entry that decided.
import { localFileSource, type Source } from '../domain/catalog.js';
import { AtlasError, toAtlasError } from '../domain/errors.js';
import type { ResourceRecord } from '../domain/profile.js';
import type { Harvester, HarvestContext } from '../harvest/harvester.js';
import { DEFAULT_HARVEST_LIMITS } from '../harvest/harvester.js';
import { mapRawPayload, rawMappingContext } from '../ingest/raw-mapping.js';
import type { Decision, Trace } from '../normalize/record.js';
import type { HttpClient } from '../ports/http-client.js';
import type { Store } from '../ports/store.js';
import { parseRecordRef } from './works-service.js';

export interface FieldExplanation {
  readonly field: string;
  /** The value the catalog holds. */
  readonly value: unknown;
  /** What the source gave and what each normalizer made of it; empty when the mapper copied the value. */
  readonly decisions: readonly Decision[];
}

export interface RecordExplanation {
  readonly sourceRecordId: string;
  readonly rawFormat: string;
  readonly status: 'mapped' | 'failed' | 'deleted';
  readonly error?: { readonly code: string; readonly message: string };
  readonly fields: readonly FieldExplanation[];
  /** Decisions whose input was dropped (no field holds their output). */
  readonly dropped: readonly Decision[];
}

/** Trace fields that explain another profile field. */
const FIELD_OF_DECISION: Readonly<Record<string, string>> = {
  language: 'inLanguage',
  accessibilitySummary: 'accessibilityFeature',
};

/** Lays a mapped record and its trace out field by field, in the profile's own order. */
export function explainMapped(record: ResourceRecord, trace: Trace): FieldExplanation[] {
  const byField = new Map<string, Decision[]>();
  for (const decision of trace) {
    const field = FIELD_OF_DECISION[decision.field] ?? decision.field;
    const list = byField.get(field);
    if (list === undefined) byField.set(field, [decision]);
    else list.push(decision);
  }
  const fields: FieldExplanation[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (field === 'provenance') continue;
    fields.push({ field, value, decisions: byField.get(field) ?? [] });
    byField.delete(field);
  }
  // Fields a decision was made for but that stayed empty (an undetected language, an unknown level).
  for (const [field, decisions] of byField) fields.push({ field, value: null, decisions });
  return fields;
}

function explainRaw(
  source: Source,
  sourceRecordId: string,
  rawFormat: string,
  raw: string,
  harvestedAt: string,
  sourceDatestamp: string | null,
): RecordExplanation {
  const trace: Trace = [];
  try {
    const record = mapRawPayload(
      rawFormat,
      raw,
      rawMappingContext(source, sourceRecordId, harvestedAt, sourceDatestamp, trace),
    );
    return { sourceRecordId, rawFormat, status: 'mapped', fields: explainMapped(record, trace), dropped: [] };
  } catch (error) {
    const failure = toAtlasError(error);
    return {
      sourceRecordId,
      rawFormat,
      status: 'failed',
      error: { code: failure.code, message: failure.message },
      fields: [],
      dropped: trace,
    };
  }
}

export interface ExplainServiceDeps {
  readonly store: Store;
  readonly http: HttpClient;
  readonly fileHarvester: Harvester;
  readonly clock?: () => Date;
}

export interface ExplainService {
  /** A stored record, by `SOURCE_ID:SOURCE_RECORD_ID`. */
  explainRecord(reference: string): Promise<RecordExplanation>;
  /** The records of a local file or folder (at most `limit`), read as `oer-atlas import` reads them. */
  explainPath(fileUrl: string, options?: { readonly limit?: number }): Promise<RecordExplanation[]>;
}

export function createExplainService(deps: ExplainServiceDeps): ExplainService {
  const clock = deps.clock ?? (() => new Date());
  return {
    async explainRecord(reference) {
      const ref = parseRecordRef(reference);
      const source = await deps.store.getSource(ref.sourceId);
      const stored =
        source === null ? null : await deps.store.getSourceRecord(ref.sourceId, ref.sourceRecordId);
      if (source === null || stored === null) {
        throw new AtlasError('not_found', `There is no record ${reference}.`, {
          details: { record: reference },
        });
      }
      if (stored.status === 'deleted') {
        return {
          sourceRecordId: stored.sourceRecordId,
          rawFormat: stored.rawFormat,
          status: 'deleted',
          fields: [],
          dropped: [],
        };
      }
      return explainRaw(
        source,
        stored.sourceRecordId,
        stored.rawFormat,
        stored.raw,
        stored.harvestedAt,
        stored.sourceDatestamp,
      );
    },

    async explainPath(fileUrl, options = {}) {
      const limit = options.limit ?? 20;
      const at = clock().toISOString();
      const source = localFileSource('explain', fileUrl, at);
      const controller = new AbortController();
      const ctx: HarvestContext = {
        source,
        http: deps.http,
        mode: 'full',
        resumeFrom: null,
        previousState: null,
        now: clock,
        signal: controller.signal,
        limits: DEFAULT_HARVEST_LIMITS,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      };
      const out: RecordExplanation[] = [];
      const pages = deps.fileHarvester.harvest(ctx);
      for (;;) {
        const step = await pages.next();
        if (step.done === true) break;
        for (const item of step.value.items) {
          if (out.length >= limit) break;
          if (item.kind === 'record') {
            out.push(
              explainRaw(source, item.sourceRecordId, item.rawFormat, item.raw, at, item.sourceDatestamp),
            );
          } else if (item.kind === 'broken') {
            out.push({
              sourceRecordId: item.sourceRecordId ?? '(unidentified)',
              rawFormat: item.rawFormat,
              status: 'failed',
              error: { code: item.code, message: item.message },
              fields: [],
              dropped: [],
            });
          }
        }
        if (out.length >= limit) {
          controller.abort();
          await pages.return(undefined as never).catch(() => undefined);
          break;
        }
      }
      return out;
    },
  };
}
