// Test factory: a harvested, active source record holding a mapped ResourceRecord, as the harvesters hand it
// to the store (raw JSON-LD, its hash, no error), for tests that fill a catalog without harvesting.
import { createHash } from 'node:crypto';
import type { SourceRecordInput } from '../../src/domain/catalog.js';
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
