// The pure rules both store adapters share (ids, timestamps, canonical JSON, upsert outcomes) and the promise
// that the two migration lists describe the same schema history.
// Must stay free of any database: everything here runs in memory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrations as postgresMigrations } from '../../src/adapters/postgres/migrations.js';
import { Mutex } from '../../src/adapters/shared/concurrency.js';
import { packPayload, unpackPayload } from '../../src/adapters/shared/payload.js';
import {
  canonicalJson,
  decideOutcome,
  newId,
  toUtcIso,
  type RecordState,
} from '../../src/adapters/shared/shaping.js';
import { migrations as sqliteMigrations } from '../../src/adapters/sqlite/migrations.js';
import { AtlasError } from '../../src/domain/errors.js';

void describe('store adapter rules', () => {
  void it('mints short prefixed ids from 60 random bits without ambiguous letters', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId('src')));
    assert.equal(ids.size, 5000);
    for (const id of ids) assert.match(id, /^src_[0-9a-hjkmnp-tv-z]{12}$/);
    assert.match(newId('run'), /^run_[0-9a-z]{12}$/);
  });

  void it('brings every timestamp to one UTC shape and refuses what is not one', () => {
    assert.equal(toUtcIso('2024-05-01T12:00:00+02:00', 'at'), '2024-05-01T10:00:00.000Z');
    assert.equal(toUtcIso('2024-05-01T10:00:00Z', 'at'), '2024-05-01T10:00:00.000Z');
    assert.throws(
      () => toUtcIso('soon', 'at'),
      (err: unknown) => err instanceof AtlasError && err.code === 'invalid_parameter',
    );
  });

  void it('writes JSON with sorted keys at every depth, keeping array order', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }),
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  void it('decides upsert outcomes as the port documents them', () => {
    const active: RecordState = { status: 'active', rawHash: 'h1', recordJson: '{"a":1}' };
    const tombstone: RecordState = { status: 'deleted', rawHash: 'h2', recordJson: null };
    const failed: RecordState = { status: 'failed', rawHash: 'h1', recordJson: null };
    assert.equal(decideOutcome(null, active), 'new');
    assert.equal(decideOutcome(active, active), 'unchanged');
    assert.equal(decideOutcome(active, { ...active, rawHash: 'h9' }), 'updated');
    assert.equal(decideOutcome(active, { ...active, recordJson: '{"a":2}' }), 'updated');
    assert.equal(decideOutcome(failed, active), 'updated');
    assert.equal(decideOutcome(null, tombstone), 'deleted');
    assert.equal(decideOutcome(active, tombstone), 'deleted');
    assert.equal(decideOutcome(tombstone, { ...tombstone, rawHash: 'h3' }), 'unchanged');
    assert.equal(decideOutcome(tombstone, active), 'updated');
    assert.equal(decideOutcome(null, failed), 'failed');
    assert.equal(decideOutcome(failed, failed), 'failed');
  });

  void it('packs payloads so they unpack to the identical string', () => {
    const raw = '\uFEFFé\u0000\r\n🧮';
    assert.equal(unpackPayload(packPayload(raw)), raw);
  });

  void it('runs mutex holders one at a time, in order, even when one fails', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const hold = (name: string, fail = false) =>
      mutex.run(async () => {
        log.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`${name} out`);
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([hold('a'), hold('b', true), hold('c')]);
    assert.deepEqual(log, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
  });

  void it('keeps the SQLite and PostgreSQL migration lists in step', () => {
    const outline = (list: readonly { version: number; name: string }[]) =>
      list.map((m) => `${m.version}:${m.name}`);
    assert.deepEqual(outline(sqliteMigrations), outline(postgresMigrations));
    const versions = sqliteMigrations.map((m) => m.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions ascend',
    );
    assert.equal(new Set(versions).size, versions.length, 'versions are unique');
  });
});
