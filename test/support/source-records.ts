// Test factory: a harvested, active source record holding a mapped ResourceRecord, as the harvesters hand it
// to the store (raw JSON-LD, its hash, no error), for tests that fill a catalog without harvesting; and a new
// source with the defaults those tests share.
import { createHash } from 'node:crypto';
import type { NewSource, SourceRecordInput } from '../../src/domain/catalog.js';
import type { ResourceRecord } from '../../src/domain/profile.js';

export function activeRecordInput(
  sourceId: string,
  sourceRecordId: string,
  record: ResourceRecord,
  harvestedAt: string,
): SourceRecordInput {
  const raw = JSON.stringify(record);
  return {
    sourceId,
    sourceRecordId,
    status: 'active',
    sourceDatestamp: '2024-04-30',
    rawFormat: 'amb-jsonld',
    raw,
    rawHash: createHash('sha256').update(raw).digest('hex'),
    record,
    errorCode: null,
    errorMessage: null,
    harvestedAt,
  };
}

/** A new OAI-PMH source with no sets, schedule or country: the fields a test does not care about. */
export function newSourceInput(fields: Partial<NewSource> & Pick<NewSource, 'name'>): NewSource {
  return {
    url: 'https://oer.example.org/oai',
    protocol: 'oai-pmh',
    format: 'oai_dc',
    sets: [],
    excludeSets: [],
    schedule: 'manual',
    country: null,
    allowPrivateNetwork: false,
    settings: {},
    ...fields,
  };
}
