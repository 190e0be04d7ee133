// Maps a stored raw payload into the profile by its raw format. Harvesting and `oer-atlas remap` both go
// through here, so a record re-mapped from its stored payload is exactly what a new harvest would produce.
import type { Source } from '../domain/catalog.js';
import { AtlasError } from '../domain/errors.js';
import type { ResourceRecord } from '../domain/profile.js';
import { mapCsvRow } from '../formats/csv/map-csv-row.js';
import { mapFeedItem } from '../formats/feed/map-feed-item.js';
import { mapAmbJsonLd } from '../formats/jsonld/map-amb-jsonld.js';
import { mapLom } from '../formats/lom/map-lom.js';
import type { MappingContext } from '../formats/mapping.js';
import { mapOaiDc } from '../formats/oai-dc/map-oai-dc.js';
import { createNormalizers, normalizeRecord, pipelineNormalizers, type Trace } from '../normalize/record.js';

/** What a raw mapper is told besides the payload. */
export interface RawMappingContext extends MappingContext {
  /** The source, for settings some formats need (a CSV column mapping...). */
  readonly source: Source;
  /** Collects every normalization decision when given (`oer-atlas explain`). */
  readonly trace?: Trace;
}

export type RawMapper = (raw: string, ctx: RawMappingContext) => ResourceRecord;

/** Raw formats with a mapper. A payload stored under another format is kept raw and reported as unmappable. */
const RAW_MAPPERS: Readonly<Record<string, RawMapper>> = {
  oai_dc: (raw, ctx) => mapOaiDc(raw, ctx),
  lom: (raw, ctx) => mapLom(raw, ctx),
  'amb-jsonld': (raw, ctx) => mapAmbJsonLd(raw, ctx),
  'rss-item': (raw, ctx) => mapFeedItem(raw, ctx),
  'atom-entry': (raw, ctx) => mapFeedItem(raw, ctx),
  'csv-row': (raw, ctx) => mapCsvRow(raw, ctx, ctx.source.settings),
};

export function hasRawMapper(rawFormat: string): boolean {
  return Object.hasOwn(RAW_MAPPERS, rawFormat);
}

/**
 * Maps `raw` and normalizes the result (ISCED levels and fields, resource types, canonical URL...); throws
 * AtlasError (`invalid_record`, `unsupported_format`...) when it cannot.
 */
export function mapRawPayload(rawFormat: string, raw: string, ctx: RawMappingContext): ResourceRecord {
  const mapper = Object.hasOwn(RAW_MAPPERS, rawFormat) ? RAW_MAPPERS[rawFormat] : undefined;
  if (mapper === undefined) {
    throw new AtlasError('unsupported_format', `There is no mapper for the metadata format "${rawFormat}".`, {
      details: { rawFormat },
    });
  }
  return normalizeRecord(mapper(raw, ctx), ctx.trace);
}

/** The mapping context for one record of `source`. */
export function rawMappingContext(
  source: Source,
  sourceRecordId: string,
  harvestedAt: string,
  sourceDatestamp: string | null,
  trace?: Trace,
): RawMappingContext {
  return {
    source,
    sourceId: source.id,
    sourceRecordId,
    harvestedAt,
    ...(sourceDatestamp === null ? {} : { sourceDatestamp }),
    normalize: trace === undefined ? pipelineNormalizers : createNormalizers(trace),
    ...(trace === undefined ? {} : { trace }),
  };
}
