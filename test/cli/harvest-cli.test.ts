// The harvesting commands as a repository manager meets them: `source add` with its endpoint check,
// `harvest` with its summary, progress and exit codes, `runs list|show`, `remap` and `source show`, against a
// real OAI-PMH provider on 127.0.0.1 and a real SQLite file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { HarvestRun, SourceRecord } from '../../src/domain/catalog.js';
import { runInProcess, type CliResult } from '../support/cli-harness.js';
import { startFaultOaiServer, type FaultOaiServer } from '../support/fault-oai-server.js';

interface Setup {
  readonly server: FaultOaiServer;
  readonly dir: string;
  run(args: readonly string[]): Promise<CliResult>;
  /** Registers the provider (checked) and returns the new id. */
  add(extra?: readonly string[]): Promise<string>;
}

async function setup(t: TestContext): Promise<Setup> {
  const server = await startFaultOaiServer({ records: 100, pageSize: 10 });
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-harvest-cli-'));
  t.after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { ATLAS_DATA_DIR: dir, ATLAS_ALLOW_PRIVATE_NETWORKS: 'true', ATLAS_HARVEST_DELAY_MS: '0' };
  const run = (args: readonly string[]) => runInProcess(args, { env });
  return {
    server,
    dir,
    run,
    async add(extra = []) {
      const added = await run([
        'source',
        'add',
        '--name',
        'Fault repository',
        '--url',
        server.url,
        '--protocol',
        'oai-pmh',
        ...extra,
      ]);
      assert.equal(added.code, 0, added.stderr);
      return added.stdout.trim();
    },
  };
}

async function storedRecords(dir: string, sourceId: string): Promise<SourceRecord[]> {
  const store = await openSqliteStore({ file: path.join(dir, 'atlas.sqlite') });
  try {
    const page = await store.listSourceRecords(sourceId, { limit: 1000 });
    return [...page.items];
  } finally {
    await store.close();
  }
}

const runIdOf = (stdout: string): string => /^Run (run_\w+) /m.exec(stdout)?.[1] ?? '';

describe('oer-atlas source add with the endpoint check', () => {
  it('prints what the check found and the new id', async (t) => {
    const s = await setup(t);
    const added = await s.run([
      'source',
      'add',
      '--name',
      'Fault',
      '--url',
      s.server.url,
      '--protocol',
      'oai-pmh',
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^src_\w+\n$/, 'stdout carries only the id');
    assert.match(added.stderr, /Found: Fault Test Repository/);
    assert.match(added.stderr, /formats: +oai_dc/);
    assert.match(added.stderr, /deleted records: persistent/);
    assert.match(
      added.stderr,
      /first page: +10 records, 9 readable, 1 deleted, 0 with problems \(the repository announces 100 in all\)/,
    );
    const verbs = s.server.requests.map((r) => r.verb);
    assert.deepEqual(verbs, ['Identify', 'ListMetadataFormats', 'ListRecords']);
    const listed = await s.run(['source', 'list', '--json']);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { id: string }[]).map((x) => x.id),
      [added.stdout.trim()],
    );
  });

  it('refuses a URL that answers HTML with not_oai_pmh, and registers nothing', async (t) => {
    const s = await setup(t);
    s.server.setFaults([{ kind: 'html-200' }]);
    const added = await s.run([
      'source',
      'add',
      '--name',
      'Web page',
      '--url',
      s.server.url,
      '--protocol',
      'oai-pmh',
    ]);
    assert.equal(added.code, 1);
    assert.match(added.stderr, /error \[not_oai_pmh\]: .* does not answer as an OAI-PMH endpoint/);
    assert.equal(added.stdout, '');
    assert.equal(s.server.requests.length, 1, 'told at once, not after asking again');
    const listed = await s.run(['source', 'list', '--json']);
    assert.deepEqual(JSON.parse(listed.stdout), []);
  });

  it('refuses a --format the repository does not offer, naming the ones it offers', async (t) => {
    const s = await setup(t);
    const added = await s.run([
      'source',
      'add',
      '--name',
      'Fault',
      '--url',
      s.server.url,
      '--protocol',
      'oai-pmh',
      '--format',
      'lom',
    ]);
    assert.equal(added.code, 1);
    assert.match(
      added.stderr,
      /error \[oai_error\]: .*"lom".* It offers: oai_dc\. Choose one with --format\./,
    );
  });
});

describe('oer-atlas harvest', () => {
  it('prints the run summary, and plain progress lines when not on a terminal', async (t) => {
    const s = await setup(t);
    const id = await s.add();
    const checked = s.server.requests.length;
    const harvested = await s.run(['harvest', id]);
    assert.equal(harvested.code, 0, harvested.stderr);
    assert.match(harvested.stdout, /^Run run_\w+ \(full\) succeeded$/m);
    assert.match(harvested.stdout, /records: +89 new, 0 updated, 11 deleted, 0 unchanged, 0 failed/);
    const requests = s.server.requests.length - checked;
    const pages = requests - 1;
    assert.match(
      harvested.stdout,
      new RegExp(`pages: +${pages}, requests: ${requests}, duration: \\d+(\\.\\d)? m?s$`, 'm'),
    );
    // Not a terminal: plain lines on stderr, no bar drawing, and a total only when the repository gives one.
    assert.match(harvested.stderr, new RegExp(`^harvest ${id}: 100 records$`, 'm'));
    assert.ok(!harvested.stderr.includes('\r') && !harvested.stderr.includes('\u001b['), 'no bar drawing');
  });

  it('prints the run as JSON with --json', async (t) => {
    const s = await setup(t);
    const id = await s.add();
    const harvested = await s.run(['harvest', id, '--json']);
    assert.equal(harvested.code, 0, harvested.stderr);
    const run = JSON.parse(harvested.stdout) as HarvestRun;
    assert.equal(run.sourceId, id);
    assert.equal(run.status, 'succeeded');
    assert.equal(run.counts.new, 89);
    assert.equal(run.counts.deleted, 11);
    assert.equal(typeof run.report.durationMs, 'number');
    assert.equal(harvested.stderr, '', 'no progress in JSON mode');
  });

  it('exits 1 when the run failed, and says why', async (t) => {
    const s = await setup(t);
    const id = await s.add();
    s.server.setFaults([{ kind: 'status', status: 403, verb: 'ListRecords' }]);
    const harvested = await s.run(['harvest', id]);
    assert.equal(harvested.code, 1);
    assert.match(harvested.stdout, /^Run run_\w+ \(full\) failed$/m);
    assert.match(harvested.stdout, /stopped: +\[http_error\] The repository refused access \(HTTP 403\)/);
    const json = await s.run(['harvest', id, '--json']);
    assert.equal(json.code, 1);
    assert.equal((JSON.parse(json.stdout) as HarvestRun).status, 'failed');
  });

  it('harvests every source with --all and exits 1 when one of them failed', async (t) => {
    const s = await setup(t);
    const good = await s.add();
    const other = await s.add(['--set', 'physics']);
    // Whichever source goes first is refused; the other one is still harvested.
    s.server.setFaults([{ kind: 'status', status: 403, verb: 'ListRecords', times: 1 }]);
    const all = await s.run(['harvest', '--all', '--json']);
    assert.equal(all.code, 1);
    const runs = JSON.parse(all.stdout) as HarvestRun[];
    assert.deepEqual(runs.map((r) => r.sourceId).sort(), [good, other].sort());
    assert.deepEqual(runs.map((r) => r.status).sort(), ['failed', 'succeeded']);
  });

  it('with --all, reports a source another process is harvesting and still harvests the others', async (t) => {
    const s = await setup(t);
    const busy = await s.add();
    const free = await s.add(['--set', 'physics']);
    // A live process (this one, as another worker) holds the first source's job.
    const store = await openSqliteStore({ file: path.join(s.dir, 'atlas.sqlite') });
    try {
      const now = new Date();
      await store.enqueueHarvest({
        sourceId: busy,
        mode: 'full',
        requestedAt: now.toISOString(),
        requestedBy: 'test',
      });
      const job = await store.claimHarvestJob({
        owner: `${hostname()}:${process.pid}:other-worker`,
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + 3_600_000).toISOString(),
        sourceId: busy,
      });
      assert.equal(job?.sourceId, busy);
    } finally {
      await store.close();
    }
    const all = await s.run(['harvest', '--all']);
    assert.equal(all.code, 1);
    assert.match(
      all.stderr,
      new RegExp(`error \\[harvest_busy\\]: The source ${busy} is being harvested by`),
    );
    assert.match(all.stdout, /^Run run_\w+ \(full\) succeeded$/m, 'the other source was harvested');
    assert.deepEqual(
      (await storedRecords(s.dir, busy)).length,
      0,
      'the busy source was left to its harvester',
    );
    assert.ok((await storedRecords(s.dir, free)).length > 0);
    const one = await s.run(['harvest', busy]);
    assert.equal(one.code, 1);
    assert.match(one.stderr, /error \[harvest_busy\]/);
  });

  it('exits 2 without a source id or --all, and with both', async (t) => {
    const s = await setup(t);
    const id = await s.add();
    const none = await s.run(['harvest']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /error \[usage_error\]: Give one source id, or --all/);
    const both = await s.run(['harvest', id, '--all']);
    assert.equal(both.code, 2);
    assert.equal(
      s.server.requests.filter((r) => r.verb === 'ListRecords').length,
      1,
      'nothing was harvested',
    );
  });
});

describe('oer-atlas runs, remap and source show', () => {
  it('lists runs and shows a run with its failed records (id and code), raw payloads on request', async (t) => {
    const s = await setup(t);
    const id = await s.add();
    s.server.setFaults([{ kind: 'undefined-entity', verb: 'ListRecords', page: 2, times: 1 }]);
    const harvested = await s.run(['harvest', id]);
    assert.equal(harvested.code, 0, 'a partial run is not a failure');
    assert.match(harvested.stdout, /\(full\) partial/);
    const runId = runIdOf(harvested.stdout);

    const list = await s.run(['runs', 'list', id]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^RUN +STARTED +MODE +STATUS +NEW\/UPD\/DEL\/SAME\/FAILED$/m);
    assert.match(list.stdout, new RegExp(`^${runId} +\\S+ +full +partial +88/0/11/0/1$`, 'm'));
    const listJson = JSON.parse((await s.run(['runs', 'list', id, '--json'])).stdout) as HarvestRun[];
    assert.deepEqual(
      listJson.map((r) => r.id),
      [runId],
    );

    const shown = await s.run(['runs', 'show', runId]);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /problems \(1 shown\):/);
    assert.match(shown.stdout, /^ +oai:fault\.test:12: \[xml_malformed\] undefined entity/m);
    assert.doesNotMatch(shown.stdout, /<dc:title/);
    const raw = await s.run(['runs', 'show', runId, '--raw']);
    assert.match(raw.stdout, /<identifier>oai:fault\.test:12<\/identifier>/);
    assert.match(raw.stdout, /Größen und Maße &nbsp;<\/dc:title>/);

    const missing = await s.run(['runs', 'show', 'run_nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /error \[not_found\]/);
  });

  it('remap after a harvest reports every record unchanged and changes nothing', async (t) => {
    const s = await setup(t);
    const id = await s.add();
    assert.equal((await s.run(['harvest', id])).code, 0);
    const before = await storedRecords(s.dir, id);
    const remapped = await s.run(['remap', id]);
    assert.equal(remapped.code, 0, remapped.stderr);
    assert.match(remapped.stdout, new RegExp(`^Remapped ${id}: 0 changed, 89 unchanged, 0 failed$`, 'm'));
    assert.deepEqual(await storedRecords(s.dir, id), before);
    const json = JSON.parse((await s.run(['remap', id, '--json'])).stdout) as {
      counts: Record<string, number>;
    };
    assert.deepEqual(json.counts, { new: 0, updated: 0, unchanged: 89, deleted: 0, failed: 0 });
  });

  it('source show lists the runs of the source with their counts', async (t) => {
    const s = await setup(t);
    const id = await s.add();
    const first = runIdOf((await s.run(['harvest', id])).stdout);
    const second = runIdOf((await s.run(['harvest', id])).stdout);
    const shown = await s.run(['source', 'show', id]);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /records: +89 active, 11 deleted, 0 failed/);
    assert.match(
      shown.stdout,
      new RegExp(`run ${first} \\S+ succeeded: 89 new, 0 updated, 11 deleted, 0 unchanged, 0 failed`),
    );
    assert.match(
      shown.stdout,
      new RegExp(`run ${second} \\S+ succeeded: 0 new, 0 updated, 0 deleted, \\d+ unchanged, 0 failed`),
    );
    assert.ok(shown.stdout.indexOf(second) < shown.stdout.indexOf(first), 'newest first');
  });
});
