// Behaviour only the PostgreSQL adapter has: how it reports a server that does not answer (quickly, naming
// host, port and database, never the password), its refusal of a too new schema, the advisory lock around
// migrations, and recovery after the server drops its connections.
// Must never send traffic anywhere but 127.0.0.1.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
  migrations as postgresMigrations,
  MIGRATIONS_TABLE_SQL as POSTGRES_MIGRATIONS_TABLE_SQL,
} from '../../src/adapters/postgres/migrations.js';
import { openPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import * as q from '../../src/adapters/postgres/queries.js';
import { packPayload } from '../../src/adapters/shared/payload.js';
import { AtlasError } from '../../src/domain/errors.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { skipUnless } from '../support/system-parts.js';
import { newSourceInput } from '../support/source-records.js';

const PASSWORD = 'Tr0ub4dor-and-3';

/** A port on 127.0.0.1 that was free a moment ago, so nothing answers there. */
async function silentPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

function assertUnreachable(err: unknown, port: number, database: string): true {
  assert.ok(err instanceof AtlasError, `expected an AtlasError, got ${String(err)}`);
  assert.equal(err.code, 'database_unreachable', err.message);
  assert.ok(err.message.includes('127.0.0.1'), err.message);
  assert.ok(err.message.includes(String(port)), err.message);
  assert.ok(err.message.includes(database), err.message);
  assert.ok(!err.message.includes(PASSWORD), 'the message never shows the password');
  assert.ok(!JSON.stringify(err.details).includes(PASSWORD), 'the details never show the password');
  return true;
}

void describe('PostgreSQL store without a server', () => {
  void it('reports database_unreachable quickly for a port nothing listens on, without the password', async () => {
    const port = await silentPort();
    const started = Date.now();
    await assert.rejects(
      openPostgresStore({
        connectionString: `postgresql://atlas:${PASSWORD}@127.0.0.1:${port}/catalog`,
        connectTimeoutMs: 2000,
      }),
      (err: unknown) => assertUnreachable(err, port, 'catalog'),
    );
    assert.ok(Date.now() - started < 2000, 'fails fast instead of waiting for the timeout');
  });

  void it('gives up within the connect timeout on a server that accepts connections but never answers', async () => {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    assert.ok(address !== null && typeof address === 'object');
    try {
      const started = Date.now();
      await assert.rejects(
        openPostgresStore({
          connectionString: `postgres://atlas:${PASSWORD}@127.0.0.1:${address.port}/catalog`,
          connectTimeoutMs: 300,
        }),
        (err: unknown) => assertUnreachable(err, address.port, 'catalog'),
      );
      assert.ok(Date.now() - started < 3000, `gave up after ${Date.now() - started} ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

void describe('PostgreSQL store on a real server', { skip: skipUnless('postgresql') }, () => {
  let cluster: PostgresCluster | undefined;
  before(async () => {
    cluster = await startPostgresCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  function running(): PostgresCluster {
    assert.ok(cluster, 'the cluster started');
    return cluster;
  }

  /** The database's URL with a password added; the cluster trusts loopback, so any password is accepted. */
  function withPassword(url: string): string {
    const parsed = new URL(url);
    parsed.password = PASSWORD;
    return parsed.href;
  }

  async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  void it('shows its location with the password redacted', async () => {
    const url = await running().createDatabase();
    const store = await openPostgresStore({ connectionString: withPassword(url) });
    try {
      assert.equal(store.backend, 'postgres');
      assert.ok(!store.location.includes(PASSWORD), store.location);
      assert.ok(store.location.includes('127.0.0.1'), store.location);
      assert.ok(store.location.includes(new URL(url).pathname), store.location);
    } finally {
      await store.close();
      await running().dropDatabase(url);
    }
  });

  void it('refuses a database written by a newer version and leaves it untouched', async () => {
    const url = await running().createDatabase();
    try {
      const store = await openPostgresStore({ connectionString: url });
      await store.migrate();
      const newer = store.latestSchemaVersion + 1;
      await store.close();
      const snapshot = `SELECT string_agg(table_name, ',' ORDER BY table_name) AS tables,
                               (SELECT string_agg(version || ':' || name, ',' ORDER BY version) FROM schema_migrations) AS versions
                        FROM information_schema.tables WHERE table_schema = 'public'`;
      const before = await admin(url, async (client) => {
        await client.query(
          `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', now())`,
          [newer],
        );
        return (await client.query(snapshot)).rows[0] as unknown;
      });
      await assert.rejects(openPostgresStore({ connectionString: withPassword(url) }), (err: unknown) => {
        assert.ok(err instanceof AtlasError);
        assert.equal(err.code, 'database_too_new', err.message);
        assert.ok(err.message.includes(String(newer)), err.message);
        assert.ok(!err.message.includes(PASSWORD));
        return true;
      });
      assert.deepEqual(
        await admin(url, async (client) => (await client.query(snapshot)).rows[0] as unknown),
        before,
      );
    } finally {
      await running().dropDatabase(url);
    }
  });

  void it('upgrades a version 1 catalog, keeping its records, which no run has seen yet', async () => {
    const url = await running().createDatabase();
    try {
      const [first] = postgresMigrations;
      assert.ok(first);
      const raw = '<record>kept through the upgrade</record>';
      await admin(url, async (client) => {
        await client.query(POSTGRES_MIGRATIONS_TABLE_SQL);
        await client.query(first.sql);
        await client.query(
          `INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, $1, now())`,
          [first.name],
        );
        await client.query(
          `INSERT INTO sources (id, name, url, protocol, schedule, created_at, updated_at)
           VALUES ('old', 'Old source', 'https://oer.example.org/oai', 'oai-pmh', 'daily', now(), now())`,
        );
        await client.query(
          `INSERT INTO source_records (source_id, source_record_id, status, raw_format, raw, raw_hash,
                                       harvested_at, updated_at)
           VALUES ('old', 'r1', 'active', 'oai_dc', $1, 'hash', now(), now())`,
          [packPayload(raw)],
        );
      });
      const store = await openPostgresStore({ connectionString: url });
      try {
        const report = await store.migrate();
        assert.equal(report.from, 1);
        assert.equal(report.to, store.latestSchemaVersion);
        assert.deepEqual(
          report.applied,
          postgresMigrations.slice(1).map((m) => m.name),
        );
        const record = await store.getSourceRecord('old', 'r1');
        assert.equal(record?.raw, raw);
        assert.equal(record?.lastRunId, null);
        assert.equal(
          await store.enqueueHarvest({
            sourceId: 'old',
            mode: 'full',
            requestedAt: '2024-05-01T10:00:00.000Z',
            requestedBy: 'upgrade test',
          }),
          true,
        );
      } finally {
        await store.close();
      }
    } finally {
      await running().dropDatabase(url);
    }
  });

  void it('waits while another process holds the migration lock, then migrates', async () => {
    const url = await running().createDatabase();
    const store = await openPostgresStore({ connectionString: url });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      // Take the same advisory lock a migrating process would hold.
      await other.query('SELECT pg_advisory_lock($1, $2)', [0x4f455241, 1]);
      let finished = false;
      const migrating = store.migrate().finally(() => {
        finished = true;
      });
      await sleep(300);
      assert.equal(finished, false, 'migrate waits while another process holds the lock');
      await other.query('SELECT pg_advisory_unlock($1, $2)', [0x4f455241, 1]);
      const report = await migrating;
      assert.equal(report.to, store.latestSchemaVersion);
    } finally {
      await other.end();
      await store.close();
      await running().dropDatabase(url);
    }
  });

  void it('reaches works, match keys, the grouping queue, edges and decisions through indexes', async () => {
    const url = await running().createDatabase();
    const store = await openPostgresStore({ connectionString: url });
    const refs = [['s'], ['r']];
    const cases: [string, string, unknown[], RegExp[]][] = [
      ['all works', q.listWorksSql(false), ['', 2, 10], [/source_records_by_work/]],
      [
        'works of one source',
        q.listWorksSql(true),
        ['', 2, 10, 's'],
        [/Index Only Scan using source_records_by_source_work/, /source_records_by_work/],
      ],
      [
        'works with linked ones',
        q.listWorksSql(false, true),
        ['', 2, 10],
        [/source_records_by_work/, /work_edges_pkey/, /work_edges_by_b/],
      ],
      [
        'works of one source with linked ones',
        q.listWorksSql(true, true),
        ['', 2, 10, 's'],
        [/source_records_by_source_work/, /work_edges_pkey/, /work_edges_by_b/],
      ],
      ['key counts', q.COUNT_KEY_HOLDERS, [['k'], 51], [/record_keys_pkey/]],
      ['key holders', q.KEY_HOLDERS, [['k']], [/record_keys_pkey/]],
      ['queue', q.LIST_QUEUE, [10], [/Index Scan using work_queue_by_age/]],
      ['grouping states', q.GROUPING_STATES, refs, [/source_records_pkey/]],
      ['records for grouping', q.RECORDS_FOR_GROUPING, refs, [/source_records_pkey/]],
      ['edges', q.EDGES_TOUCHING, refs, [/work_edges_pkey/, /work_edges_by_b/]],
      ['work members', q.WORK_MEMBERS, ['w'], [/source_records_by_work/]],
      ['keys of a removed source', q.DELETE_KEYS_OF_SOURCE, ['s'], [/record_keys_pkey/]],
      ['decisions', q.DECISIONS_TOUCHING, refs, [/work_decisions_by_a/, /work_decisions_by_b/]],
    ];
    try {
      await store.migrate();
      await admin(url, async (client) => {
        // Enough rows, with statistics, that plans are those of a real catalog, not of empty tables.
        await client.query(`
          INSERT INTO sources (id, name, url, protocol, schedule, created_at, updated_at)
          VALUES ('s', 'S', 'https://oer.example.org/oai', 'oai-pmh', 'daily', now(), now()),
                 ('t', 'T', 'https://oer.example.org/oai', 'oai-pmh', 'daily', now(), now());
          INSERT INTO source_records (source_id, source_record_id, status, raw_format, raw, raw_hash,
                                      harvested_at, updated_at, work_id, match_keys)
          SELECT CASE WHEN i % 2 = 0 THEN 's' ELSE 't' END, 'r' || i, 'active', 'oai_dc', '\\x00', 'h',
                 now(), now(), 'w' || (i / 2), jsonb_build_array('k' || (i / 3))
          FROM generate_series(1, 20000) AS i;
          INSERT INTO record_keys SELECT match_keys ->> 0, source_id, source_record_id FROM source_records;
          INSERT INTO work_queue SELECT source_id, source_record_id, now(), 'x' FROM source_records;
          INSERT INTO work_edges
          SELECT 's', 'r' || i, 't', 'r' || (i + 1), 'same', 1, 'test', now() FROM generate_series(2, 19998, 2) AS i;
          INSERT INTO work_decisions
          SELECT 'd' || i, 'join', 's', 'r' || i, 't', 'r' || (i + 1), now(), NULL FROM generate_series(2, 19998, 2) AS i;
          ANALYZE;`);
        // With sequential scans priced out, the planner still picks one where no index can serve the query.
        await client.query('SET enable_seqscan = off');
        for (const [name, sql, params, expected] of cases) {
          const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows
            .map((r) => r['QUERY PLAN'])
            .join('\n');
          for (const pattern of expected) assert.match(plan, pattern, `${name}: ${plan}`);
          assert.doesNotMatch(
            plan,
            /Seq Scan on (source_records|record_keys|work_queue|work_edges|work_decisions)\b/,
            `${name}: ${plan}`,
          );
        }
      });
    } finally {
      await store.close();
      await running().dropDatabase(url);
    }
  });

  void it('lets a page write proceed while a grouping transaction holds edges to its records', async () => {
    const url = await running().createDatabase();
    const pass = await openPostgresStore({ connectionString: url, poolSize: 2 });
    const harvest = await openPostgresStore({ connectionString: url, poolSize: 2 });
    const input = (id: string, raw: string) => ({
      sourceId: 'src',
      sourceRecordId: id,
      status: 'active' as const,
      sourceDatestamp: null,
      rawFormat: 'oai_dc',
      raw,
      rawHash: raw,
      record: null,
      errorCode: null,
      errorMessage: null,
      harvestedAt: '2024-05-01T10:00:00.000Z',
    });
    try {
      await pass.migrate();
      await pass.createSource(newSourceInput({ id: 'src', name: 'Source' }));
      await pass.upsertSourceRecords([input('r1', 'v1'), input('r2', 'v1')]);
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding!: () => void;
      const edgesWritten = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const transaction = pass.transaction(async (tx) => {
        await tx.replaceWorkEdges({ sourceId: 'src', sourceRecordId: 'r2' }, [
          { other: { sourceId: 'src', sourceRecordId: 'r1' }, relation: 'same', score: 1, reason: 'isbn' },
        ]);
        holding();
        await held;
      });
      await edgesWritten;
      const write = harvest.upsertSourceRecords([input('r1', 'v2'), input('r2', 'v2')]);
      const outcome = await Promise.race([write, sleep(3000).then(() => 'still waiting' as const)]);
      release();
      await transaction;
      assert.deepEqual(
        outcome,
        ['updated', 'updated'],
        'the write did not wait for the grouping transaction',
      );
      assert.equal((await harvest.listWorkEdges([{ sourceId: 'src', sourceRecordId: 'r1' }])).length, 1);
    } finally {
      await Promise.all([pass.close(), harvest.close()]);
      await running().dropDatabase(url);
    }
  });

  void it('keeps working after the server drops its connections', async () => {
    const url = await running().createDatabase();
    const store = await openPostgresStore({ connectionString: url, poolSize: 2 });
    try {
      await store.migrate();
      await store.setMeta('before', 'yes');
      await admin(url, (client) =>
        client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'oer-atlas'`,
        ),
      );
      await sleep(50);
      // The pool notices dropped idle connections and opens new ones; at worst one call reports the outage.
      let value: string | null = null;
      for (let attempt = 0; attempt < 3 && value === null; attempt += 1) {
        value = await store.getMeta('before').catch((err: unknown) => {
          assert.ok(err instanceof AtlasError && err.code === 'database_unreachable', String(err));
          return null;
        });
      }
      assert.equal(value, 'yes');
      await store.ping();
    } finally {
      await store.close();
      await running().dropDatabase(url);
    }
  });
});
