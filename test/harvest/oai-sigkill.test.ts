// The real thing: `oer-atlas harvest` as a user runs it, killed with SIGKILL at random moments (seeded, so a
// failure can be replayed), then started again until it finishes. The catalog it ends with must be the one
// an uninterrupted run builds in another data folder, the SQLite file must pass its integrity check after
// every kill, and the next run must not wait for the dead process's lease.
// Needs `npm run build` (which `npm test` does first). Must never send traffic anywhere but 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { HarvestRun, SourceRecord } from '../../src/domain/catalog.js';
import type { Store } from '../../src/ports/store.js';
import { BIN, PROJECT_ROOT, runBin, type CliResult } from '../support/cli-harness.js';
import { startFaultOaiServer, type FaultOaiServer } from '../support/fault-oai-server.js';

const SEED = 0x5eed_2024;
const KILLS = 8;
const RECORDS = 600;
const SQLITE_FILE = 'atlas.sqlite';

/** mulberry32: a small seeded generator, so the kill moments are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function envFor(dataDir: string): NodeJS.ProcessEnv {
  return {
    ATLAS_DATA_DIR: dataDir,
    ATLAS_ALLOW_PRIVATE_NETWORKS: 'true',
    ATLAS_HARVEST_DELAY_MS: '0',
  };
}

interface Killed {
  readonly result: CliResult & { readonly signal: NodeJS.Signals | null };
  /** True when the signal reached the process before it ended by itself. */
  readonly killed: boolean;
}

/** When to kill: a while after start (start-up), or once the provider has seen so many more requests. */
type KillPoint =
  | { readonly afterMs: number }
  | { readonly afterRequests: number; readonly jitterMs: number; readonly server: FaultOaiServer };

function describePoint(point: KillPoint): string {
  return 'afterMs' in point
    ? `${point.afterMs} ms after start`
    : `${point.jitterMs} ms after request ${point.afterRequests}`;
}

/** Runs the real command and sends it `signal` (SIGKILL unless told) at `point`, unless it ended before. */
function harvestAndKill(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  point: KillPoint,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ATLAS_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const kill = (): void => {
      killed = child.exitCode === null && child.kill(signal);
    };
    let timer: NodeJS.Timeout | undefined;
    let watch: NodeJS.Timeout | undefined;
    if ('afterMs' in point) {
      timer = setTimeout(kill, point.afterMs);
    } else {
      // Progress, not time, picks the moment: the same seed kills at the same place on a fast or slow machine.
      const base = point.server.requests.length;
      watch = setInterval(() => {
        if (point.server.requests.length - base < point.afterRequests) return;
        clearInterval(watch);
        timer = setTimeout(kill, point.jitterMs);
      }, 1);
    }
    child.on('error', reject);
    // 'close' comes after the process was reaped, so its pid is really gone for the next run's lease check.
    child.on('close', (code, endedBy) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve({
        result: { code: code ?? -1, stdout, stderr, signal: endedBy },
        killed: killed && (signal !== 'SIGKILL' || endedBy === 'SIGKILL'),
      });
    });
  });
}

function integrityOf(dataDir: string): string {
  const db = new Database(path.join(dataDir, SQLITE_FILE));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

async function withStore<T>(dataDir: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ file: path.join(dataDir, SQLITE_FILE) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function catalogOf(dataDir: string, sourceId: string): Promise<SourceRecord[]> {
  return withStore(dataDir, async (store) => {
    const all: SourceRecord[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.listSourceRecords(sourceId, { limit: 500, ...(after ? { after } : {}) });
      all.push(...page.items);
      if (page.next === null) return all;
      after = page.next;
    }
  });
}

async function addSource(url: string, env: NodeJS.ProcessEnv): Promise<string> {
  const added = await runBin(
    ['source', 'add', '--name', 'Killed repository', '--url', url, '--protocol', 'oai-pmh', '--no-check'],
    { env },
  );
  assert.equal(added.code, 0, added.stderr);
  return added.stdout.trim();
}

describe('oer-atlas harvest killed with SIGKILL', () => {
  it('resumes after every kill and ends with the catalog of an uninterrupted run', async (t) => {
    assert.ok(existsSync(path.join(PROJECT_ROOT, 'dist', 'bin', 'cli.js')), 'run `npm run build` first');
    const server = await startFaultOaiServer({ records: RECORDS, pageSize: 20 });
    // Every answer takes a moment, so that a run lasts long enough to be killed in the middle of it.
    server.setFaults([{ kind: 'delay', ms: 15 }]);
    const killedDir = mkdtempSync(path.join(tmpdir(), 'atlas-sigkill-'));
    const referenceDir = mkdtempSync(path.join(tmpdir(), 'atlas-sigkill-ref-'));
    t.after(async () => {
      await server.close();
      rmSync(killedDir, { recursive: true, force: true });
      rmSync(referenceDir, { recursive: true, force: true });
    });

    // The uninterrupted run, into its own data folder.
    const referenceEnv = envFor(referenceDir);
    const referenceId = await addSource(server.url, referenceEnv);
    const reference = await runBin(['harvest', referenceId, '--full', '--json'], {
      env: referenceEnv,
      timeoutMs: 60_000,
    });
    assert.equal(reference.code, 0, reference.stderr);
    const referenceRun = JSON.parse(reference.stdout) as HarvestRun;
    assert.equal(referenceRun.status, 'succeeded');
    assert.ok(
      referenceRun.counts.pages > 30,
      `a run long enough to kill: ${referenceRun.counts.pages} pages`,
    );

    const env = envFor(killedDir);
    const sourceId = await addSource(server.url, env);
    const random = seeded(SEED);
    let killedMidRun = 0;
    for (let round = 0; killedMidRun < KILLS; round += 1) {
      // Rounds that finish before their kill point start a new full run the next time; only kills count.
      assert.ok(round < KILLS * 3, `only ${killedMidRun} of ${round} rounds were killed before they ended`);
      // One kill in five while the process starts (opening and migrating the store), the rest anywhere in
      // the harvest: while waiting for an answer or while committing a page.
      const point: KillPoint =
        random() < 0.2
          ? { afterMs: Math.round(random() * 400) }
          : {
              afterRequests: 1 + Math.floor(random() * referenceRun.counts.requests * 0.8),
              jitterMs: Math.floor(random() * 25),
              server,
            };
      const { result, killed } = await harvestAndKill(['harvest', sourceId, '--full', '--json'], env, point);
      if (killed) killedMidRun += 1;
      else assert.equal(result.code, 0, `round ${round} ended by itself but failed:\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /harvest_busy/, 'the dead process before did not hold the source');
      assert.equal(integrityOf(killedDir), 'ok', `integrity after round ${round} (${describePoint(point)})`);
    }

    // Started again after the last kill, it must finish without waiting for the dead process's lease.
    const final = await runBin(['harvest', sourceId, '--full', '--json'], { env, timeoutMs: 60_000 });
    assert.equal(final.code, 0, final.stderr);
    const finalRun = JSON.parse(final.stdout) as HarvestRun;
    assert.equal(finalRun.status, 'succeeded');
    assert.equal(integrityOf(killedDir), 'ok');

    const expected = await catalogOf(referenceDir, referenceId);
    const got = await catalogOf(killedDir, sourceId);
    assert.equal(expected.length, RECORDS);
    const ids = got.map((r) => r.sourceRecordId);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    const shape = (records: readonly SourceRecord[]) =>
      records.map((r) => [r.sourceRecordId, r.status, r.rawHash, r.errorCode]);
    assert.deepEqual(shape(got), shape(expected));
    const truth = server.records;
    assert.equal(got.filter((r) => r.status === 'active').length, truth.filter((r) => !r.deleted).length);
    assert.equal(got.filter((r) => r.status === 'deleted').length, truth.filter((r) => r.deleted).length);

    // Counts across every run of the killed source: each record was new (or a new tombstone) exactly once.
    await withStore(killedDir, async (store) => {
      const runs = await store.listRuns(sourceId, 1000);
      const sum = (key: 'new' | 'deleted' | 'failed' | 'updated') =>
        runs.reduce((n, run) => n + run.counts[key], 0);
      assert.equal(sum('new'), referenceRun.counts.new);
      assert.equal(sum('deleted'), referenceRun.counts.deleted);
      assert.equal(sum('failed'), 0);
      assert.equal(sum('updated'), 0);
      assert.ok(
        runs.every((run) => run.status !== 'running'),
        'no run is left looking alive',
      );
      assert.deepEqual(await store.listHarvestJobs(), [], 'no job is left behind');
      const counts = await store.countSourceRecords(sourceId);
      assert.equal(counts.active + counts.deleted + counts.failed, RECORDS);
    });
  });

  it('stops cleanly on SIGTERM, keeps its checkpoint, and the next run resumes it', async (t) => {
    assert.ok(existsSync(path.join(PROJECT_ROOT, 'dist', 'bin', 'cli.js')), 'run `npm run build` first');
    const server = await startFaultOaiServer({ records: RECORDS, pageSize: 20 });
    server.setFaults([{ kind: 'delay', ms: 15 }]);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-sigterm-'));
    t.after(async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const env = envFor(dataDir);
    const sourceId = await addSource(server.url, env);

    const { result, killed } = await harvestAndKill(
      ['harvest', sourceId, '--full', '--json'],
      env,
      { afterRequests: 20, jitterMs: 5, server },
      'SIGTERM',
    );
    assert.ok(killed, 'the signal came while the run was going on');
    assert.equal(result.signal, null, 'the process ended by itself');
    assert.equal(result.code, 1, 'an interrupted run is not a success');
    const stopped = JSON.parse(result.stdout) as HarvestRun;
    assert.equal(stopped.status, 'interrupted');
    assert.deepEqual(stopped.report.error, { code: 'harvest_interrupted', message: 'Stopped by a signal.' });
    assert.notEqual(stopped.checkpoint, null);
    assert.ok(stopped.counts.pages > 0);
    assert.equal(integrityOf(dataDir), 'ok');

    const resumed = await runBin(['harvest', sourceId, '--json'], { env, timeoutMs: 60_000 });
    assert.equal(resumed.code, 0, resumed.stderr);
    const run = JSON.parse(resumed.stdout) as HarvestRun;
    assert.equal(run.id, stopped.id, 'the same run continues');
    assert.equal(run.status, 'succeeded');
    assert.equal(run.mode, 'full');
    assert.equal(run.counts.new + run.counts.deleted, RECORDS);
    const records = await catalogOf(dataDir, sourceId);
    assert.equal(records.length, RECORDS);
    assert.equal(
      records.filter((r) => r.status === 'deleted').length,
      server.records.filter((r) => r.deleted).length,
    );
  });
});
