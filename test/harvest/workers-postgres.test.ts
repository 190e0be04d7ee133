// Several real `oer-atlas worker` processes sharing one PostgreSQL database (a throwaway cluster): every
// queued source is harvested exactly once, by one worker at a time, each list walked once; and a worker
// killed with SIGKILL in the middle of a run leaves its job leased until the lease ends, after which another
// worker takes the job over and resumes the same run from its last committed page, storing every record
// exactly once. Needs `npm run build`. Must never send traffic anywhere but 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import type { HarvestRun, Source } from '../../src/domain/catalog.js';
import type { Store } from '../../src/ports/store.js';
import { BIN, PROJECT_ROOT, runBin } from '../support/cli-harness.js';
import { startFaultOaiServer, type FaultOaiServer } from '../support/fault-oai-server.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { skipUnless } from '../support/system-parts.js';
import { newSourceInput } from '../support/source-records.js';

interface Worker {
  readonly pid: number;
  kill(signal: NodeJS.Signals): void;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

function startWorker(args: readonly string[], env: NodeJS.ProcessEnv): Worker {
  const child = spawn(process.execPath, [BIN, 'worker', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, ATLAS_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    pid: child.pid ?? -1,
    kill: (signal) => child.kill(signal),
    exited,
    stderr: () => stderr,
  };
}

/** Polls `probe` until it returns a value; fails with `what` after `timeoutMs`. */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await sleep(50);
  }
}

/** The list requests of a walk: each (arguments) pair once, so a repeated one means a page asked for twice. */
function listRequestKeys(server: FaultOaiServer): string[] {
  return server.requests.filter((r) => r.verb === 'ListRecords').map((r) => JSON.stringify(r.args));
}

function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

function assertNoOverlap(runs: readonly HarvestRun[]): void {
  const sorted = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  for (let i = 1; i < sorted.length; i += 1) {
    const earlier = sorted[i - 1];
    const later = sorted[i];
    assert.ok(earlier !== undefined && later !== undefined);
    assert.ok(
      earlier.finishedAt !== null && earlier.finishedAt <= later.startedAt,
      `runs ${earlier.id} and ${later.id} of one source overlap`,
    );
  }
}

function groundTruth(server: FaultOaiServer): { live: number; deleted: number } {
  const deleted = server.records.filter((r) => r.deleted).length;
  return { live: server.records.length - deleted, deleted };
}

void describe('harvest workers sharing one PostgreSQL database', { skip: skipUnless('postgresql') }, () => {
  let cluster: PostgresCluster;

  before(async () => {
    cluster = await startPostgresCluster();
  });
  after(async () => {
    await cluster.stop();
  });

  async function openDatabase(): Promise<{ url: string; store: Store }> {
    const url = await cluster.createDatabase();
    const store = await openPostgresStore({ connectionString: url });
    await store.migrate();
    return { url, store };
  }

  function addSource(store: Store, server: FaultOaiServer, name: string): Promise<Source> {
    return store.createSource(newSourceInput({ name, url: server.url }));
  }

  void it('three workers harvest six queued sources, each exactly once', async (t) => {
    const { url, store } = await openDatabase();
    const servers: FaultOaiServer[] = [];
    try {
      const sources: Source[] = [];
      for (let i = 0; i < 6; i += 1) {
        const server = await startFaultOaiServer({ records: 60 + i * 10, pageSize: 20 });
        // Every answer takes a while, so that the workers' runs overlap in time.
        server.setFaults([{ kind: 'delay', ms: 80 }]);
        servers.push(server);
        const source = await addSource(store, server, `Repository ${i + 1}`);
        sources.push(source);
        assert.equal(
          await store.enqueueHarvest({
            sourceId: source.id,
            mode: 'full',
            requestedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
            requestedBy: 'test',
          }),
          true,
        );
      }

      const env = {
        DATABASE_URL: url,
        ATLAS_ALLOW_PRIVATE_NETWORKS: 'true',
        ATLAS_HARVEST_DELAY_MS: '0',
      };
      const results = await Promise.all(
        [1, 2, 3].map(() => runBin(['worker', '--once', '--no-schedule'], { env, timeoutMs: 60_000 })),
      );
      const runsPerWorker = results.map((r) => {
        assert.equal(r.code, 0, r.stderr);
        return Number(/stopped after (\d+) run\(s\)/.exec(r.stderr)?.[1] ?? Number.NaN);
      });
      t.diagnostic(`runs per worker: ${runsPerWorker.join(', ')}`);
      assert.equal(
        runsPerWorker.reduce((a, b) => a + b, 0),
        6,
        'six runs in all',
      );
      const harvestedBy = results.flatMap((r) =>
        [...r.stderr.matchAll(/Harvesting source (\S+) /g)].map((m) => m[1]),
      );
      assert.deepEqual([...harvestedBy].sort(), sources.map((s) => s.id).sort(), 'each source claimed once');

      const allRuns: HarvestRun[] = [];
      for (const [i, source] of sources.entries()) {
        const server = servers[i];
        assert.ok(server !== undefined);
        const runs = await store.listRuns(source.id);
        assert.equal(runs.length, 1, `${source.name}: one run`);
        assertNoOverlap(runs);
        const run = runs[0];
        assert.ok(run !== undefined);
        allRuns.push(run);
        assert.equal(run.status, 'succeeded', JSON.stringify(run.report));
        const truth = groundTruth(server);
        assert.deepEqual(
          {
            new: run.counts.new,
            deleted: run.counts.deleted,
            unchanged: run.counts.unchanged,
            failed: run.counts.failed,
          },
          { new: truth.live, deleted: truth.deleted, unchanged: 0, failed: 0 },
          `${source.name}: every record once`,
        );
        assert.deepEqual(await store.countSourceRecords(source.id), {
          active: truth.live,
          deleted: truth.deleted,
          failed: 0,
        });
        // The provider saw one walk: one Identify, and no list page asked for twice.
        assert.equal(
          server.requests.filter((r) => r.verb === 'Identify').length,
          1,
          `${source.name}: Identify`,
        );
        assert.deepEqual(duplicates(listRequestKeys(server)), [], `${source.name}: each page once`);
        assert.equal(run.counts.requests, server.requests.length, `${source.name}: requests counted`);
      }
      assert.deepEqual(await store.listHarvestJobs(), [], 'every job was released');
      // The point of the exercise: runs of different sources did happen at the same time.
      const overlapping = allRuns.some((a) =>
        allRuns.some(
          (b) =>
            a.id !== b.id &&
            a.finishedAt !== null &&
            b.finishedAt !== null &&
            a.startedAt < b.finishedAt &&
            b.startedAt < a.finishedAt,
        ),
      );
      assert.ok(overlapping, 'several workers harvested at the same time');
    } finally {
      await store.close();
      for (const server of servers) await server.close();
    }
  });

  void it('a killed worker keeps its lease until it ends; another worker then resumes the same run', async (t) => {
    const { url, store } = await openDatabase();
    const server = await startFaultOaiServer({ records: 200, pageSize: 10 });
    server.setFaults([{ kind: 'delay', ms: 120 }]);
    const workers: Worker[] = [];
    try {
      const source = await addSource(store, server, 'Slow repository');
      await store.enqueueHarvest({
        sourceId: source.id,
        mode: 'full',
        requestedAt: new Date().toISOString(),
        requestedBy: 'test',
      });
      // Both workers hold leases of 3 s, renewed while they work.
      const env = {
        DATABASE_URL: url,
        ATLAS_ALLOW_PRIVATE_NETWORKS: 'true',
        ATLAS_HARVEST_DELAY_MS: '0',
        ATLAS_HARVEST_LEASE_MS: '3000',
      };
      const first = startWorker(['--once', '--no-schedule'], env);
      workers.push(first);
      const owner = await waitFor('the first worker to start', 30_000, () =>
        Promise.resolve(/Harvest worker (\S+) started/.exec(first.stderr())?.[1] ?? null),
      );
      const running = await waitFor('a few committed pages', 30_000, async () => {
        const run = await store.latestRun(source.id);
        return run !== null && run.counts.pages >= 5 ? run : null;
      });
      first.kill('SIGKILL');
      assert.equal(await first.exited, null, 'killed by the signal');
      const killedAt = Date.now();

      const [job] = await store.listHarvestJobs();
      assert.ok(job !== undefined, 'the job is still queued');
      assert.equal(job.claimedBy, owner, 'and still leased to the killed worker');
      assert.equal(job.attempts, 1);
      assert.ok(job.leaseUntil !== null);
      const leaseEnd = Date.parse(job.leaseUntil);
      const interrupted = await store.latestRun(source.id);
      assert.ok(interrupted !== null);
      assert.equal(interrupted.id, running.id);
      assert.equal(interrupted.status, 'running', 'nobody marked the run as ended');
      assert.ok(interrupted.checkpoint !== null, 'the run kept its checkpoint');
      const committedPages = interrupted.counts.pages;
      const requestsBeforeKill = server.requests.length;

      const second = startWorker(['--no-schedule', '--poll-ms', '100'], env);
      workers.push(second);
      const done = await waitFor('the run to finish', 40_000, async () => {
        const run = await store.latestRun(source.id);
        return run !== null && run.status !== 'running' ? run : null;
      });
      second.kill('SIGTERM');
      assert.equal(await second.exited, 0, second.stderr());
      t.diagnostic(
        `killed after ${committedPages} pages; lease ended ${leaseEnd - killedAt} ms after the kill`,
      );

      assert.match(second.stderr(), new RegExp(`Harvesting source ${source.id} \\(full, attempt 2\\)`));
      assert.equal(done.id, running.id, 'the same run was continued');
      assert.equal(done.status, 'succeeded', JSON.stringify(done.report));
      const notes = Array.isArray(done.report.notes) ? (done.report.notes as { code: string }[]) : [];
      assert.ok(
        notes.some((n) => n.code === 'resumed'),
        'the run says it was resumed',
      );
      assert.equal((await store.listRuns(source.id)).length, 1, 'no second run');
      assert.deepEqual(await store.listHarvestJobs(), [], 'the job was released');

      // Every record exactly once: nothing counted twice, nothing missing.
      const truth = groundTruth(server);
      assert.deepEqual(
        {
          new: done.counts.new,
          deleted: done.counts.deleted,
          unchanged: done.counts.unchanged,
          failed: done.counts.failed,
        },
        { new: truth.live, deleted: truth.deleted, unchanged: 0, failed: 0 },
      );
      assert.deepEqual(await store.countSourceRecords(source.id), {
        active: truth.live,
        deleted: truth.deleted,
        failed: 0,
      });
      // The second worker touched the provider only after the lease ended, did not start over (no second
      // Identify), and asked again at most for the one page that was in flight when the first was killed.
      const later = server.requests.slice(requestsBeforeKill);
      assert.ok(later.length > 0);
      for (const request of later) {
        assert.ok(request.time >= leaseEnd, `request ${request.n} came before the lease ended`);
      }
      assert.equal(server.requests.filter((r) => r.verb === 'Identify').length, 1);
      assert.ok(duplicates(listRequestKeys(server)).length <= 1, 'at most the in-flight page twice');
    } finally {
      for (const worker of workers) worker.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await store.close();
      await server.close();
    }
  });
});
