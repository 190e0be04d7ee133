// `oer-atlas serve` runs the harvest worker beside the portal (SQLite): a source scheduled hourly that was
// never harvested is harvested soon after the server starts; with `--no-harvest` (or
// ATLAS_HARVEST_IN_SERVER=false) the server leaves it alone. Needs `npm run build`.
// Must never send traffic anywhere but 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { HarvestRun } from '../../src/domain/catalog.js';
import { BIN, PROJECT_ROOT, runBin } from '../support/cli-harness.js';
import { startFaultOaiServer, type FaultOaiServer } from '../support/fault-oai-server.js';

/** How long a server without harvesting is watched (the harvesting one starts at once). */
const QUIET_WATCH_MS = 3_000;

interface Served {
  /** When the server said it was serving (ms since the epoch). */
  readonly servingAt: number;
  stop(): Promise<{ code: number | null; stderr: string }>;
}

async function serve(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, ATLAS_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start:\n${stderr}`));
    }, 30_000);
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (/is serving http:\/\/\S+/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${String(code)}:\n${stderr}`));
    });
  });
  const servingAt = Date.now();
  return {
    servingAt,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return { code, stderr };
    },
  };
}

interface Setup {
  readonly dataDir: string;
  readonly server: FaultOaiServer;
  readonly sourceId: string;
  readonly env: NodeJS.ProcessEnv;
}

const cleanups: (() => Promise<void>)[] = [];

/** A fresh data folder with one hourly source pointing at its own fault server. */
async function setup(): Promise<Setup> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-serve-harvest-'));
  const server = await startFaultOaiServer({ records: 45, pageSize: 20 });
  cleanups.push(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = { ATLAS_DATA_DIR: dataDir, ATLAS_ALLOW_PRIVATE_NETWORKS: 'true', ATLAS_HARVEST_DELAY_MS: '0' };
  const added = await runBin(
    [
      'source',
      'add',
      '--name',
      'Hourly repository',
      '--url',
      server.url,
      '--protocol',
      'oai-pmh',
      '--schedule',
      'hourly',
      '--no-check',
    ],
    { env },
  );
  assert.equal(added.code, 0, added.stderr);
  return { dataDir, server, sourceId: added.stdout.trim(), env };
}

async function latestRun(dataDir: string, sourceId: string): Promise<HarvestRun | null> {
  const store = await openSqliteStore({ file: path.join(dataDir, 'atlas.sqlite') });
  try {
    return await store.latestRun(sourceId);
  } finally {
    await store.close();
  }
}

void describe('oer-atlas serve and scheduled harvests', () => {
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  void it('harvests a due hourly source soon after it starts', async (t) => {
    const { dataDir, server, sourceId, env } = await setup();
    assert.equal(server.requests.length, 0, 'registered without contacting the endpoint');
    const served = await serve([], env);
    let run: HarvestRun | null = null;
    try {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        run = await latestRun(dataDir, sourceId);
        if (run !== null && run.status !== 'running') break;
        await sleep(100);
      }
    } finally {
      const stopped = await served.stop();
      assert.equal(stopped.code, 0, stopped.stderr);
    }
    assert.ok(run !== null, 'the server harvested the source');
    assert.equal(run.status, 'succeeded', JSON.stringify(run.report));
    assert.equal(run.mode, 'full', 'a never harvested source gets a full harvest');
    const deleted = server.records.filter((r) => r.deleted).length;
    assert.equal(run.counts.new, server.records.length - deleted);
    assert.equal(run.counts.deleted, deleted);
    assert.equal(server.requests.filter((r) => r.verb === 'Identify').length, 1, 'one walk');
    const first = server.requests[0];
    assert.ok(first !== undefined);
    t.diagnostic(`first request ${first.time - served.servingAt} ms after the server said it was serving`);

    const shown = await runBin(['source', 'show', sourceId, '--json'], { env });
    assert.equal(shown.code, 0, shown.stderr);
    const overview = JSON.parse(shown.stdout) as { records: { active: number; deleted: number } };
    assert.deepEqual(overview.records, {
      active: server.records.length - deleted,
      deleted,
      failed: 0,
    });
  });

  void it('leaves due sources alone with --no-harvest or ATLAS_HARVEST_IN_SERVER=false', async () => {
    const byFlag = await setup();
    const byEnv = await setup();
    const servers = [
      await serve(['--no-harvest'], byFlag.env),
      await serve([], { ...byEnv.env, ATLAS_HARVEST_IN_SERVER: 'false' }),
    ];
    try {
      await sleep(QUIET_WATCH_MS);
    } finally {
      for (const served of servers) {
        const stopped = await served.stop();
        assert.equal(stopped.code, 0, stopped.stderr);
      }
    }
    for (const { dataDir, server, sourceId } of [byFlag, byEnv]) {
      assert.deepEqual(server.requests, [], 'the endpoint was never contacted');
      assert.equal(await latestRun(dataDir, sourceId), null, 'no run');
      const store = await openSqliteStore({ file: path.join(dataDir, 'atlas.sqlite') });
      try {
        assert.deepEqual(await store.listHarvestJobs(), [], 'nothing was queued');
      } finally {
        await store.close();
      }
    }
  });
});
