// The raw mapper of `amb-jsonld` payloads: one JSON-LD object (AMB, schema.org, LRMI), stored exactly as
// it was taken from a page, dump or file, with the @context it needs. Parses it (strict JSON: the payload
// was already repaired when it was taken) and maps it with ambToProfile, licences going through the
// mapping context's normalizer like every other format. Never performs I/O.
import { AtlasError } from '../../domain/errors.js';
import type { ResourceRecord } from '../../domain/profile.js';
import { ambToProfile } from '../amb/amb-to-profile.js';
import type { MappingContext } from '../mapping.js';

export function mapAmbJsonLd(raw: string, ctx: MappingContext): ResourceRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(raw) as unknown;
  } catch (error) {
    throw new AtlasError(
      'json_malformed',
      `The stored JSON-LD is not well-formed: ${error instanceof Error ? error.message.slice(0, 300) : 'unreadable'}`,
      { cause: error },
    );
  }
  return ambToProfile(
    doc,
    {
      sourceId: ctx.sourceId,
      sourceRecordId: ctx.sourceRecordId,
      harvestedAt: ctx.harvestedAt,
      ...(ctx.sourceDatestamp === undefined ? {} : { sourceDatestamp: ctx.sourceDatestamp }),
      fields: [],
    },
    { normalizeLicense: (statements) => ctx.normalize.license([...statements]) },
  );
}
