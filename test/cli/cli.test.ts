import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createServer } from 'node:net';
import { runInProcess } from '../support/cli-harness.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'atlas-cli-'));
const envFor = (dir: string) => ({ ATLAS_DATA_DIR: dir });

/** A TCP port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

describe('oer-atlas CLI', () => {
  it('prints help listing every command, exit code 0', async () => {
    const result = await runInProcess(['--help']);
    assert.equal(result.code, 0);
    for (const command of ['serve', 'migrate', 'source', 'export', 'config']) {
      assert.match(result.stdout, new RegExp(`\\b${command}\\b`));
    }
  });

  it('has help for every command and sub-command', async () => {
    for (const args of [
      ['serve'],
      ['migrate'],
      ['export'],
      ['config'],
      ['source'],
      ['source', 'add'],
      ['source', 'list'],
      ['source', 'show'],
      ['source', 'remove'],
    ]) {
      const result = await runInProcess([...args, '--help']);
      assert.equal(result.code, 0, `help for ${args.join(' ')}`);
      assert.match(result.stdout, /Usage: oer-atlas/);
      assert.match(result.stdout, /Options:/);
    }
  });

  it('exits with 2 on bad usage: no command, unknown command, unknown option, missing option', async () => {
    assert.equal((await runInProcess([])).code, 2);
    const unknown = await runInProcess(['fly']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'fly'/);
    assert.equal((await runInProcess(['migrate', '--colour'])).code, 2);
    const missing = await runInProcess(['source', 'add', '--name', 'x']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--url/);
  });

  it('migrates a new SQLite database, then reports it up to date', async () => {
    const dir = tempDir();
    const first = await runInProcess(['migrate', '--json'], { env: envFor(dir) });
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout) as {
      backend: string;
      from: number;
      to: number;
      applied: string[];
    };
    assert.equal(report.backend, 'sqlite');
    assert.equal(report.from, 0);
    assert.ok(report.to >= 1);
    assert.ok(report.applied.length >= 1);
    const second = await runInProcess(['migrate'], { env: envFor(dir) });
    assert.equal(second.code, 0);
    assert.match(second.stdout, /up to date at version/);
  });

  it('adds, lists, shows and removes a source', async () => {
    const env = envFor(tempDir());
    const added = await runInProcess(
      [
        'source',
        'add',
        '--name',
        'Demo repository',
        '--url',
        'https://oer.example.org/oai',
        '--protocol',
        'oai-pmh',
        '--format',
        'oai_dc',
        '--set',
        'maths',
        '--set',
        'physics',
        '--country',
        'fr',
        // Registers without contacting the endpoint: tests reach no address outside this machine.
        '--no-check',
      ],
      { env },
    );
    assert.equal(added.code, 0, added.stderr);
    const id = added.stdout.trim();
    assert.match(id, /^\S+$/);

    const list = JSON.parse((await runInProcess(['source', 'list', '--json'], { env })).stdout) as {
      id: string;
      sets: string[];
      country: string;
    }[];
    assert.equal(list.length, 1);
    assert.equal(list[0]?.id, id);
    assert.deepEqual(list[0]?.sets, ['maths', 'physics']);
    assert.equal(list[0]?.country, 'FR');

    const shown = await runInProcess(['source', 'show', id], { env });
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /Demo repository/);
    assert.match(shown.stdout, /0 active, 0 deleted, 0 failed/);

    assert.equal((await runInProcess(['source', 'remove', id], { env })).code, 0);
    const gone = await runInProcess(['source', 'show', id, '--json'], { env });
    assert.equal(gone.code, 1);
    assert.equal((JSON.parse(gone.stdout) as { error: { code: string } }).error.code, 'not_found');
  });

  it('names every wrong field of a new source, exit code 2', async () => {
    const result = await runInProcess(
      [
        'source',
        'add',
        '--name',
        'x',
        '--url',
        'ftp://example.org',
        '--protocol',
        'gopher',
        '--schedule',
        'sometimes',
        '--country',
        'France',
      ],
      { env: envFor(tempDir()) },
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /error \[invalid_parameter\]/);
    for (const field of ['url', 'protocol', 'schedule', 'country'])
      assert.match(result.stderr, new RegExp(`\\b${field}\\b`));
  });

  it('reports invalid configuration once with every variable name, no stack trace, exit 2', async () => {
    const result = await runInProcess(['migrate'], { env: { ATLAS_PORT: 'abc', ATLAS_LOG_LEVEL: 'loud' } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /error \[config_invalid\]/);
    assert.match(result.stderr, /ATLAS_PORT/);
    assert.match(result.stderr, /ATLAS_LOG_LEVEL/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('refuses a data folder that does not exist instead of writing elsewhere', async () => {
    const missing = path.join(tempDir(), 'no', 'such', 'folder');
    const result = await runInProcess(['migrate'], { env: { ATLAS_DATA_DIR: missing } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /error \[data_dir_unusable\]/);
    assert.ok(result.stderr.includes(missing));
  });

  it('reports a corrupt SQLite file by name and leaves it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'atlas.sqlite');
    const garbage = Buffer.from(
      'this is not a database, but somebody may still need these bytes\n'.repeat(200),
    );
    writeFileSync(file, garbage);
    const result = await runInProcess(['source', 'list'], { env: envFor(dir) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /error \[database_corrupt\]/);
    assert.ok(result.stderr.includes(file));
    assert.deepEqual(readFileSync(file), garbage);
  });

  it('reports a PostgreSQL server that does not answer, without the password', async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await runInProcess(['migrate'], {
      env: { DATABASE_URL: `postgres://atlas:s3cret-pw@127.0.0.1:${port}/atlas` },
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /error \[database_unreachable\]/);
    assert.ok(result.stderr.includes(String(port)));
    assert.doesNotMatch(result.stderr, /s3cret-pw/);
    assert.ok(Date.now() - started < 20_000);
  });

  it('prints the effective configuration with the database password hidden', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'x'));
    const result = await runInProcess(['config', '--json'], {
      env: { DATABASE_URL: 'postgres://a:pw123@db/x' },
    });
    assert.equal(result.code, 0);
    assert.doesNotMatch(result.stdout, /pw123/);
    assert.equal((JSON.parse(result.stdout) as { databaseUrl: string }).databaseUrl, 'postgres://a:***@db/x');
  });
});
