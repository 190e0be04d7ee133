// Blocking keys as they are stored: a record whose key would be longer than the store takes (a very long
// landing address) is still written, and two records with that same long key still meet on its digest.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { MAX_MATCH_KEY_LENGTH } from '../../src/domain/catalog.js';
import { matchKeys, storedKeys } from '../../src/dedupe/index.js';
import { derivedFields } from '../../src/ingest/derived.js';
import { record } from './records.js';
import { newSourceInput } from '../support/source-records.js';

const LONG_URL = `https://repository.example.org/items/${'a-very-long-path-segment/'.repeat(30)}resource`;

describe('stored blocking keys', () => {
  it('keeps short keys as they are and replaces over-long ones by a stable digest', () => {
    const long = 'k'.repeat(MAX_MATCH_KEY_LENGTH + 1);
    const kept = storedKeys(['doi:10.1/x', long, long, '', 'doi:10.1/x']);
    assert.equal(kept.length, 2);
    assert.equal(kept[0], 'doi:10.1/x');
    assert.match(kept[1] ?? '', /^#[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(storedKeys([long]), [kept[1]]);
    assert.notDeepEqual(storedKeys([`${long}z`]), [kept[1]]);
  });

  it('lets a record with a very long address be stored, and its copy found by the same key', async () => {
    const a = record({ title: 'Fractions for beginners', url: LONG_URL, source: 'src_a' });
    const b = record({ title: 'Fractions for beginners', url: LONG_URL, source: 'src_b' });
    assert.ok(
      matchKeys(a).some((k) => k.length > MAX_MATCH_KEY_LENGTH),
      'the raw keys include one longer than the store takes',
    );
    const keysA = derivedFields(a).matchKeys;
    assert.ok(keysA.every((k) => k.length <= MAX_MATCH_KEY_LENGTH));

    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-keys-'));
    const store = await openSqliteStore({ file: path.join(dir, 'atlas.sqlite') });
    try {
      await store.migrate();
      for (const [id, r] of [
        ['src_a', a],
        ['src_b', b],
      ] as const) {
        await store.createSource(newSourceInput({ id, name: id, url: `https://${id}.example.org/oai` }));
        const outcomes = await store.upsertSourceRecords([
          {
            sourceId: id,
            sourceRecordId: 'r1',
            status: 'active',
            sourceDatestamp: null,
            rawFormat: 'oai_dc',
            raw: `<x>${id}</x>`,
            rawHash: id,
            record: r,
            ...derivedFields(r),
            errorCode: null,
            errorMessage: null,
            harvestedAt: '2026-12-05T10:00:00Z',
          },
        ]);
        assert.deepEqual(outcomes, ['new']);
      }
      const digest = keysA.find((k) => k.startsWith('#'));
      assert.ok(digest !== undefined);
      const [hits] = await store.findByMatchKeys([digest], 10);
      assert.equal(hits?.members, 2);
    } finally {
      await store.close();
    }
  });
});
