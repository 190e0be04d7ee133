// Checks an OAI-PMH endpoint before it is registered, the way a repository manager would want it told:
// does it answer as OAI-PMH (Identify), does it offer the chosen metadata format (ListMetadataFormats), do
// the chosen sets exist (ListSets), and do its first records map into our profile (one ListRecords page).
// Blocking problems stop registration; the rest are warnings shown with what was found.
import type { Source } from '../domain/catalog.js';
import { AtlasError, isAtlasError } from '../domain/errors.js';
import { mapperFor } from '../formats/mapping.js';
import { mapRawPayload, rawMappingContext } from '../ingest/raw-mapping.js';
import type { HttpClient } from '../ports/http-client.js';
import { DEFAULT_HARVEST_LIMITS } from './harvester.js';
import { abortableSleep, oaiErrorOf, oaiFailure, oaiRequest, type OaiRequestOptions } from './oai-client.js';

export interface OaiCheckReport {
  readonly repositoryName: string | null;
  readonly granularity: string | null;
  readonly earliestDatestamp: string | null;
  readonly deletedRecord: string | null;
  readonly adminEmail: readonly string[];
  readonly formats: readonly string[];
  readonly setCount: number | null;
  readonly sample: {
    readonly records: number;
    readonly mapped: number;
    readonly deleted: number;
    readonly failed: readonly { readonly id: string; readonly code: string; readonly message: string }[];
    readonly completeListSize: number | null;
  };
  /** Things that do not stop harvesting but deserve attention. */
  readonly warnings: readonly string[];
  readonly requests: number;
}

/**
 * Runs the check for a source that is not stored yet. Throws AtlasError when harvesting could not work at
 * all: the address does not answer, it is not OAI-PMH, the format is not offered, a chosen set does not exist.
 */
export async function checkOaiSource(
  http: HttpClient,
  source: Source,
  signal?: AbortSignal,
): Promise<OaiCheckReport> {
  const request: OaiRequestOptions = {
    http,
    baseUrl: source.url,
    allowPrivateNetwork: source.allowPrivateNetwork,
    maxPageBytes: DEFAULT_HARVEST_LIMITS.maxPageBytes,
    maxRecordChars: DEFAULT_HARVEST_LIMITS.maxRecordChars,
    sleep: abortableSleep(signal),
    // Someone is waiting for the answer: an HTML page or a cut-off body is reported at once, not asked again.
    contentRetries: 0,
    ...(signal === undefined ? {} : { signal }),
  };
  const prefix = source.format ?? 'oai_dc';
  const warnings: string[] = [];
  let requests = 0;

  let identify;
  try {
    const ex = await oaiRequest(request, 'Identify', {});
    requests += ex.requests;
    identify = ex.parsed.page.identify;
    if (ex.repairs.length > 0)
      warnings.push(`Identify needed repairs: ${ex.repairs.slice(0, 5).join(', ')}.`);
    if (identify === null) warnings.push('Identify answered without repository details.');
  } catch (error) {
    if (isAtlasError(error) && error.code === 'not_oai_pmh') {
      throw new AtlasError(
        'not_oai_pmh',
        `${source.url} does not answer as an OAI-PMH endpoint (Identify returned something else, often an HTML page). Check the base URL: it usually ends in /oai or /oai/request.`,
        { details: { url: source.url } },
      );
    }
    if (isAtlasError(error) && (error.code === 'xml_malformed' || error.code === 'xml_dtd_refused')) {
      warnings.push(`Identify could not be read (${error.message}); harvesting will assume day granularity.`);
      identify = null;
    } else {
      throw error;
    }
  }
  if (identify !== null && identify.deletedRecord === 'no') {
    warnings.push(
      'The repository does not report deleted records; OER Atlas finds them with periodic full harvests.',
    );
  }
  if (identify !== null && identify.earliestDatestampIso === null) {
    warnings.push(
      `The earliest datestamp "${identify.earliestDatestamp}" is not a date; harvests will not use date windows.`,
    );
  }

  const formatsEx = await oaiRequest(request, 'ListMetadataFormats', {});
  requests += formatsEx.requests;
  const formats = formatsEx.parsed.page.metadataFormats.map((f) => f.prefix);
  if (formats.length > 0 && !formats.includes(prefix)) {
    throw new AtlasError(
      'oai_error',
      `The repository does not offer the metadata format "${prefix}". It offers: ${formats.join(', ')}. Choose one with --format.`,
      { details: { offered: formats } },
    );
  }
  const offered = formatsEx.parsed.page.metadataFormats.find((f) => f.prefix === prefix);
  if (offered !== undefined && mapperFor(offered.namespace, null) === null) {
    warnings.push(
      `OER Atlas has no mapper for "${prefix}" (${offered.namespace}); its records will be kept raw but not searchable. oai_dc or lom are read.`,
    );
  }

  let setCount: number | null = null;
  if (source.sets.length > 0 || source.excludeSets.length > 0) {
    const setsEx = await oaiRequest(request, 'ListSets', {});
    requests += setsEx.requests;
    const error = oaiErrorOf(setsEx.parsed);
    if (error !== null) throw oaiFailure(error, 'The set filter cannot be used');
    const specs = new Set(setsEx.parsed.page.sets.map((s) => s.spec));
    setCount = specs.size;
    // ListSets can be paged; only complain when the first page is also the whole list.
    const complete = (setsEx.parsed.page.resumptionToken?.value ?? '') === '';
    const unknown = source.sets.filter((s) => !specs.has(s));
    if (complete && unknown.length > 0) {
      throw new AtlasError(
        'oai_error',
        `The repository has no set ${unknown.map((s) => `"${s}"`).join(', ')}.`,
        {
          details: { unknownSets: unknown },
        },
      );
    }
    const unknownExcluded = source.excludeSets.filter((s) => !specs.has(s));
    if (complete && unknownExcluded.length > 0) {
      warnings.push(`The excluded set ${unknownExcluded.map((s) => `"${s}"`).join(', ')} does not exist.`);
    }
  }

  const args: Record<string, string> = { metadataPrefix: prefix };
  if (source.sets[0] !== undefined) args.set = source.sets[0];
  const sampleEx = await oaiRequest(request, 'ListRecords', args);
  requests += sampleEx.requests;
  const sampleError = oaiErrorOf(sampleEx.parsed);
  if (sampleError !== null && sampleError.code !== 'noRecordsMatch') {
    throw oaiFailure(sampleError, 'The first records could not be listed');
  }
  if (sampleError?.code === 'noRecordsMatch')
    warnings.push('The repository lists no records for this format and set yet.');
  if (sampleEx.parsed.salvaged)
    warnings.push('The first page of records is not well-formed XML; complete records will be salvaged.');
  const failed: { id: string; code: string; message: string }[] = [];
  let mapped = 0;
  let deleted = 0;
  const harvestedAt = new Date().toISOString();
  for (const outcome of sampleEx.parsed.outcomes) {
    if (outcome.status === 'failed') {
      failed.push({
        id: outcome.identifier ?? '(no identifier)',
        code: outcome.code,
        message: outcome.reason,
      });
      continue;
    }
    const { header, metadataXml, metadataNamespace, metadataLocalName } = outcome.record;
    if (header.deleted) {
      deleted += 1;
      continue;
    }
    try {
      if (metadataXml === null)
        throw new AtlasError('invalid_record', 'The record has a header but no metadata.');
      const rawFormat = mapperFor(metadataNamespace, metadataLocalName) ?? prefix;
      mapRawPayload(
        rawFormat,
        metadataXml,
        rawMappingContext(source, header.identifier, harvestedAt, header.datestampIso),
      );
      mapped += 1;
    } catch (error) {
      const e = isAtlasError(error) ? error : null;
      failed.push({
        id: header.identifier,
        code: e?.code ?? 'mapping_failed',
        message: e?.message ?? String(error),
      });
    }
  }
  if (failed.length > 0)
    warnings.push(
      `${failed.length} of the first ${sampleEx.parsed.outcomes.length} records could not be read or mapped.`,
    );
  return {
    repositoryName: identify?.repositoryName ?? null,
    granularity: identify?.granularity ?? null,
    earliestDatestamp: identify?.earliestDatestamp ?? null,
    deletedRecord: identify?.deletedRecord ?? null,
    adminEmail: identify?.adminEmail ?? [],
    formats,
    setCount,
    sample: {
      records: sampleEx.parsed.outcomes.length,
      mapped,
      deleted,
      failed: failed.slice(0, 20),
      completeListSize: sampleEx.parsed.page.resumptionToken?.completeListSize ?? null,
    },
    warnings,
    requests,
  };
}
