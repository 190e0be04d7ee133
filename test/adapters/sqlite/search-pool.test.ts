// The SQLite search pool (search-pool.ts) on its own: its size (fewer than two workers is no pool), a worker
// that cannot open the catalog answers null (the index then searches on its own thread) and turns the pool off
// after a few failures, and close() stops every worker for good.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { poolSize, SearchPool } from '../../../src/adapters/sqlite/search-pool.js';
import { openSqliteStore } from '../../../src/adapters/sqlite/sqlite-store.js';

const JOB = { query: '"alpha"', ranked: true, from: 0, to: 0 };

async function withFolder(work: (folder: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'atlas-search-pool-'));
  try {
    await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

void describe('SQLite search pool', () => {
  void it('has at least two workers or none', () => {
    assert.equal(poolSize(0), 0);
    assert.equal(poolSize(1), 0);
    assert.equal(poolSize(2), 2);
    assert.equal(poolSize(7), 7);
    const size = poolSize(undefined);
    assert.ok(size === 0 || (size >= 2 && size <= 4));
    assert.equal(new SearchPool('x.sqlite', { workers: 1 }).enabled, false);
  });

  void it('answers null when its workers cannot open the catalog, then turns itself off', async () => {
    await withFolder(async (folder) => {
      const file = path.join(folder, 'not-a-database.sqlite');
      await writeFile(file, 'not a database');
      const pool = new SearchPool(file, { workers: 2, waitForStart: true });
      assert.deepEqual(await pool.run([JOB]), [null]);
      for (let i = 0; i < 5 && pool.enabled; i += 1) await pool.run([JOB]);
      assert.equal(pool.enabled, false);
      assert.equal(pool.run([JOB]), null);
      await pool.close();
    });
  });

  void it('runs jobs on workers and stops them for good on close', async () => {
    await withFolder(async (folder) => {
      const file = path.join(folder, 'atlas.sqlite');
      const store = await openSqliteStore({ file });
      await store.migrate();
      try {
        const pool = new SearchPool(file, { workers: 2, waitForStart: true });
        const answers = await pool.run([JOB, { ...JOB, ranked: false }]);
        assert.equal(answers?.length, 2);
        for (const answer of answers ?? []) assert.equal(answer?.ids.length, 0);
        await pool.close();
        assert.equal(pool.enabled, false);
        assert.equal(pool.run([JOB]), null);
      } finally {
        await store.close();
      }
    });
  });
});
