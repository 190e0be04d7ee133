// Where the formats tests find the shared test corpus (real and official example metadata, not in git):
// ATLAS_CORPUS_DIR, else the corpus folder of the shared material (see support/shared-dir.ts). Test helper only; reads files, never writes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DIR } from '../support/shared-dir.js';

export const CORPUS_DIR = process.env.ATLAS_CORPUS_DIR ?? path.join(SHARED_DIR, 'corpus');

export function corpusPath(...parts: string[]): string {
  return path.join(CORPUS_DIR, ...parts);
}

/** The .json files of a corpus folder, sorted; throws when the folder is missing so suites fail loudly. */
export function jsonFiles(...parts: string[]): string[] {
  return readdirSync(corpusPath(...parts))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(corpusPath(...parts), 'utf8')) as unknown;
}

export function readText(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), 'utf8');
}

/** A provenance entry for tests. */
export function testProvenance(sourceRecordId: string) {
  return {
    sourceId: 'test-source',
    sourceRecordId,
    harvestedAt: '2024-05-01T12:00:00Z',
    fields: [] as string[],
  };
}
