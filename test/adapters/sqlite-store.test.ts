// Behaviour only the SQLite adapter has: how it treats files it cannot use (damaged, foreign, too new, in a
// missing folder), its WAL setup, and how a write waits for another process's lock without freezing Node.
// Must never touch anything outside the temp folders it creates.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { packPayload } from '../../src/adapters/shared/payload.js';
import {
  migrations as sqliteMigrations,
  MIGRATIONS_TABLE_SQL as SQLITE_MIGRATIONS_TABLE_SQL,
} from '../../src/adapters/sqlite/migrations.js';
import * as q from '../../src/adapters/sqlite/queries.js';
import { openSqliteStore, sqliteAccessOf } from '../../src/adapters/sqlite/sqlite-store.js';
import { AtlasError, type ErrorCode } from '../../src/domain/errors.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { activeRecordInput, newSourceInput } from '../support/source-records.js';

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function failsWith(code: ErrorCode, ...mentions: string[]): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof AtlasError, `expected an AtlasError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    for (const text of mentions) assert.ok(err.message.includes(text), `"${err.message}" mentions ${text}`);
    return true;
  };
}

void describe('SQLite store', () => {
  let folder = '';
  let file = '';
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'oer-atlas-sqlite-adapter-'));
    file = path.join(folder, 'atlas.sqlite');
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** Asserts that opening `file` fails with `code` and leaves it, and its folder, exactly as they were. */
  async function refusesUntouched(code: ErrorCode, ...mentions: string[]): Promise<void> {
    const before = readFileSync(file);
    const listing = readdirSync(folder).sort();
    await assert.rejects(openSqliteStore({ file }), failsWith(code, ...mentions));
    assert.equal(sha256(readFileSync(file)), sha256(before), 'the file is byte-identical');
    assert.deepEqual(readdirSync(folder).sort(), listing, 'nothing was added beside it');
  }

  void describe('files it cannot use', () => {
    void it('refuses a text file as database_corrupt, names it, and leaves it untouched', async () => {
      writeFileSync(file, 'These are my lecture notes, not a database.\n');
      await refusesUntouched('database_corrupt', file, 'untouched');
    });

    void it('refuses random bytes as database_corrupt and leaves them untouched', async () => {
      writeFileSync(file, randomBytes(64 * 1024));
      await refusesUntouched('database_corrupt', file);
    });

    void it('refuses a SQLite file whose first pages are damaged, and leaves it untouched', async () => {
      const store = await openSqliteStore({ file });
      await store.migrate();
      await store.setMeta('demo', 'loaded');
      await store.close();
      const bytes = readFileSync(file);
      // Keep the 100-byte header so only SQLite itself can tell; scramble the schema page behind it.
      for (let i = 100; i < 4096; i += 1) bytes[i] = (i * 37) & 0xff;
      writeFileSync(file, bytes);
      await refusesUntouched('database_corrupt', file);
    });

    void it("refuses another application's SQLite database and leaves it untouched", async () => {
      const foreign = new Database(file);
      foreign.exec(
        'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);',
      );
      foreign.close();
      await refusesUntouched('database_corrupt', file, 'another application');
    });

    void it('refuses a database written by a newer version and leaves it untouched', async () => {
      const store = await openSqliteStore({ file });
      await store.migrate();
      const newer = store.latestSchemaVersion + 1;
      await store.close();
      const raw = new Database(file);
      raw
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(newer, '9999_from_the_future', new Date().toISOString());
      raw.close();
      await refusesUntouched('database_too_new', file, String(newer));
    });

    void it('reports data_dir_unusable, naming the folder, when the folder does not exist, and creates nothing', async () => {
      const missing = path.join(folder, 'no-such-folder');
      await assert.rejects(
        openSqliteStore({ file: path.join(missing, 'atlas.sqlite') }),
        failsWith('data_dir_unusable', missing),
      );
      assert.deepEqual(readdirSync(folder), []);
    });

    void it('reports data_dir_unusable when the database path is a folder', async () => {
      mkdirSync(file);
      await assert.rejects(openSqliteStore({ file }), failsWith('data_dir_unusable', file));
    });

    void it('treats an empty file as a new database', async () => {
      writeFileSync(file, '');
      const store = await openSqliteStore({ file });
      try {
        assert.equal((await store.migrate()).from, 0);
        await store.setMeta('k', 'v');
        assert.equal(await store.getMeta('k'), 'v');
      } finally {
        await store.close();
      }
    });
  });

  void describe('setup', () => {
    void it('creates the file, reports it as its location, and keeps it in WAL mode', async () => {
      const store = await openSqliteStore({ file });
      try {
        assert.equal(store.location, file);
        assert.equal(store.backend, 'sqlite');
        await store.migrate();
        const probe = new Database(file, { readonly: true });
        try {
          assert.equal(probe.pragma('journal_mode', { simple: true }), 'wal');
        } finally {
          probe.close();
        }
      } finally {
        await store.close();
      }
    });

    void it('upgrades a version 1 catalog, keeping its records, which no run has seen yet', async () => {
      const [first] = sqliteMigrations;
      assert.ok(first);
      const raw = '<record>kept through the upgrade</record>';
      const old = new Database(file);
      old.exec(SQLITE_MIGRATIONS_TABLE_SQL);
      old.exec(first.sql);
      const now = new Date().toISOString();
      old
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, ?, ?)')
        .run(first.name, now);
      old
        .prepare(
          `INSERT INTO sources (id, name, url, protocol, schedule, created_at, updated_at)
           VALUES ('old', 'Old source', 'https://oer.example.org/oai', 'oai-pmh', 'daily', ?, ?)`,
        )
        .run(now, now);
      old
        .prepare(
          `INSERT INTO source_records (source_id, source_record_id, status, raw_format, raw, raw_hash,
                                       harvested_at, updated_at)
           VALUES ('old', 'r1', 'active', 'oai_dc', ?, 'hash', ?, ?)`,
        )
        .run(packPayload(raw), now, now);
      old.close();

      const store = await openSqliteStore({ file });
      try {
        const report = await store.migrate();
        assert.equal(report.from, 1);
        assert.equal(report.to, store.latestSchemaVersion);
        assert.deepEqual(
          report.applied,
          sqliteMigrations.slice(1).map((m) => m.name),
        );
        const record = await store.getSourceRecord('old', 'r1');
        assert.equal(record?.raw, raw);
        assert.equal(record?.lastRunId, null);
        assert.equal(
          await store.enqueueHarvest({
            sourceId: 'old',
            mode: 'full',
            requestedAt: now,
            requestedBy: 'upgrade test',
          }),
          true,
        );
      } finally {
        await store.close();
      }
    });

    void it('can be opened again after closing, with its data', async () => {
      const first = await openSqliteStore({ file });
      await first.migrate();
      await first.setMeta('kept', 'yes');
      await first.close();
      const second = await openSqliteStore({ file });
      try {
        assert.deepEqual((await second.migrate()).applied, []);
        assert.equal(await second.getMeta('kept'), 'yes');
      } finally {
        await second.close();
      }
    });
  });

  void describe('page caches', () => {
    void it('applies the match-key log with a small cache and gives the writer its own back', async () => {
      const store = await openSqliteStore({ file });
      try {
        await store.migrate();
        const access = sqliteAccessOf(store);
        const writerCache = () => access.write((c) => c.db.pragma('cache_size', { simple: true }));
        const logged = () =>
          access.read((c) => c.db.prepare('SELECT count(*) FROM record_keys_log').pluck().get());
        assert.equal(await writerCache(), -8_192);
        const source = await store.createSource(newSourceInput({ name: 'Cache test' }));
        const at = '2024-03-01T00:00:00Z';
        const record: ResourceRecord = {
          id: 'https://oer.example.org/r/1',
          type: ['LearningResource'],
          name: { en: 'Linear algebra for engineers' },
          provenance: [{ sourceId: source.id, sourceRecordId: 'r1', harvestedAt: at, fields: ['name'] }],
        };
        await store.upsertSourceRecords([
          { ...activeRecordInput(source.id, 'r1', record, at), matchKeys: ['t:algebra engineers linear'] },
        ]);
        assert.equal(await logged(), 1, 'the key waits in the log');
        const [hit] = await store.findByMatchKeys(['t:algebra engineers linear'], 5);
        assert.deepEqual(hit?.refs, [{ sourceId: source.id, sourceRecordId: 'r1' }]);
        assert.equal(await logged(), 0, 'the log was applied');
        assert.equal(await writerCache(), -8_192, 'the writer has its cache back');
      } finally {
        await store.close();
      }
    });
  });

  void describe('query plans of duplicate grouping', () => {
    /** The plan SQLite picks for `sql` on a migrated, empty catalog, as its detail lines. */
    async function planOf(sql: string, params: unknown): Promise<string[]> {
      const store = await openSqliteStore({ file });
      await store.migrate();
      await store.close();
      const db = new Database(file, { readonly: true });
      try {
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as {
          detail: string;
        }[];
        return rows.map((r) => r.detail);
      } finally {
        db.close();
      }
    }
    /** A table read from end to end: a SCAN neither of a JSON parameter (virtual table), a CTE, nor in index order. */
    const fullScan = (line: string): boolean =>
      line.startsWith('SCAN ') &&
      !line.includes(' VIRTUAL TABLE ') &&
      !/^SCAN page\b/.test(line) &&
      // The rows a subquery yields (a co-routine), not a table.
      !/^SCAN \(subquery-\d+\)/.test(line) &&
      !/ USING (COVERING )?INDEX /.test(line);

    const cases: [string, string, unknown, RegExp[]][] = [
      [
        'all works',
        q.listWorksSql(false),
        { after: '', min_members: 2, limit: 10 },
        [/COVERING INDEX source_records_by_work/],
      ],
      [
        'works of one source',
        q.listWorksSql(true),
        { after: '', min_members: 2, limit: 10, source_id: 's' },
        [
          /COVERING INDEX source_records_by_source_work/,
          /source_records_by_work \(work_id=\? AND status=\?\)/,
        ],
      ],
      [
        'works with linked ones',
        q.listWorksSql(false, true),
        { after: '', min_members: 2, limit: 10 },
        [/COVERING INDEX source_records_by_work/, /work_edges_by_b \(b_source_id=\? AND b_record_id=\?\)/],
      ],
      [
        'works of one source with linked ones',
        q.listWorksSql(true, true),
        { after: '', min_members: 2, limit: 10, source_id: 's' },
        [/COVERING INDEX source_records_by_source_work/, /work_edges_by_b/],
      ],
      [
        'key counts',
        q.COUNT_KEY_HOLDERS,
        { keys: '["k"]', cap: 51 },
        [/SEARCH k USING PRIMARY KEY \(key=\?\)/],
      ],
      ['key holders', q.KEY_HOLDERS, ['["k"]'], [/record_keys USING (COVERING INDEX|PRIMARY KEY)/]],
      ['queue', q.LIST_QUEUE, [10], [/work_queue USING INDEX work_queue_by_age/]],
      [
        'grouping states',
        q.GROUPING_STATES,
        ['[["s","r"]]'],
        [/SEARCH s USING INDEX sqlite_autoindex_source_records_1/],
      ],
      [
        'records for grouping',
        q.RECORDS_FOR_GROUPING,
        ['[["s","r"]]'],
        [/SEARCH s USING INDEX sqlite_autoindex_source_records_1/],
      ],
      [
        'edges',
        q.EDGES_TOUCHING,
        ['[["s","r"]]', '[["s","r"]]'],
        [/SEARCH e USING PRIMARY KEY \(a_source_id=\? AND a_record_id=\?\)/, /work_edges_by_b/],
      ],
      ['work members', q.WORK_MEMBERS, ['w'], [/source_records_by_work/]],
      ['keys of a removed source', q.DELETE_KEYS_OF_SOURCE, ['s'], [/record_keys USING PRIMARY KEY/]],
      [
        'decisions',
        q.DECISIONS_TOUCHING,
        ['[["s","r"]]', '[["s","r"]]'],
        [/work_decisions_by_a/, /work_decisions_by_b/],
      ],
    ];
    for (const [name, sql, params, expected] of cases) {
      void it(`reaches ${name} through indexes`, async () => {
        const plan = await planOf(sql, params);
        for (const pattern of expected)
          assert.ok(
            plan.some((line) => pattern.test(line)),
            `${pattern} in ${plan.join(' | ')}`,
          );
        assert.ok(!plan.some(fullScan), `no full table scan in ${plan.join(' | ')}`);
        assert.ok(!plan.some((line) => line.includes('TEMP B-TREE FOR GROUP BY')), 'groups in index order');
      });
    }
  });

  void describe('waiting for another writer', () => {
    void it("keeps the event loop free while a write waits for another store's transaction", async () => {
      const holder = await openSqliteStore({ file });
      await holder.migrate();
      const waiter = await openSqliteStore({ file });
      try {
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        const transaction = holder.transaction(async (tx) => {
          await tx.setMeta('holder', 'yes');
          await held;
        });
        await sleep(10);
        const waiting = waiter.setMeta('waiter', 'yes');
        const start = Date.now();
        await sleep(20);
        assert.ok(Date.now() - start < 500, 'timers still fire while the write waits');
        release();
        await Promise.all([transaction, waiting]);
        assert.equal(await waiter.getMeta('holder'), 'yes');
        assert.equal(await holder.getMeta('waiter'), 'yes');
      } finally {
        await Promise.all([holder.close(), waiter.close()]);
      }
    });

    void it('gives up with database_unreachable when another store keeps the write lock too long', async () => {
      const holder = await openSqliteStore({ file });
      await holder.migrate();
      const impatient = await openSqliteStore({ file, busyTimeoutMs: 150 });
      try {
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        const transaction = holder.transaction(async (tx) => {
          await tx.setMeta('holder', 'yes');
          await held;
        });
        await sleep(10);
        await assert.rejects(impatient.setMeta('late', 'no'), failsWith('database_unreachable', file));
        release();
        await transaction;
        assert.equal(await impatient.getMeta('late'), null);
      } finally {
        await Promise.all([holder.close(), impatient.close()]);
      }
    });
  });
});
