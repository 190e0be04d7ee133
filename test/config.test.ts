import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, redactUrl } from '../src/config.js';
import { AtlasError } from '../src/domain/errors.js';

function problemsOf(fn: () => unknown): { variable: string; problem: string }[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AtlasError);
    assert.equal(error.code, 'config_invalid');
    return (error.details?.problems ?? []) as { variable: string; problem: string }[];
  }
  assert.fail('expected config_invalid');
}

describe('loadConfig', () => {
  it('uses defaults: SQLite in ./data, port 8080, loopback host', () => {
    const config = loadConfig({ env: {}, cwd: '/srv/atlas' });
    assert.equal(config.dataDir, '/srv/atlas/data');
    assert.equal(config.dataDirExplicit, false);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.allowPrivateNetworks, false);
  });

  it('reads environment variables and coerces their types', () => {
    const config = loadConfig({
      env: {
        ATLAS_DATA_DIR: 'var/db',
        ATLAS_PORT: '9000',
        ATLAS_LOG_LEVEL: 'WARN',
        ATLAS_ALLOW_PRIVATE_NETWORKS: 'yes',
        DATABASE_URL: 'postgres://atlas:secret@db.example:5432/atlas',
      },
      cwd: '/srv',
    });
    assert.equal(config.dataDir, '/srv/var/db');
    assert.equal(config.dataDirExplicit, true);
    assert.equal(config.port, 9000);
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.allowPrivateNetworks, true);
    assert.equal(config.databaseUrl, 'postgres://atlas:secret@db.example:5432/atlas');
  });

  it('reports every problem at once, each with the variable name', () => {
    const problems = problemsOf(() =>
      loadConfig({
        env: {
          ATLAS_PORT: 'eighty',
          ATLAS_LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://x@y/z',
          ATLAS_ALLOW_PRIVATE_NETWORKS: 'maybe',
          ATLAS_PUBLIC_URL: 'not a url',
        },
      }),
    );
    assert.deepEqual(problems.map((p) => p.variable).sort(), [
      'ATLAS_ALLOW_PRIVATE_NETWORKS',
      'ATLAS_LOG_LEVEL',
      'ATLAS_PORT',
      'ATLAS_PUBLIC_URL',
      'DATABASE_URL',
    ]);
  });

  it('never echoes a database URL it cannot parse (it may hold a password)', () => {
    const problems = problemsOf(() => loadConfig({ env: { DATABASE_URL: 'postgres://u:hunter2@[bad' } }));
    assert.equal(problems.length, 1);
    assert.doesNotMatch(JSON.stringify(problems), /hunter2/);
  });

  it('reads a JSON config file, with environment variables taking precedence', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-config-'));
    const file = path.join(dir, 'atlas.json');
    writeFileSync(file, JSON.stringify({ port: 7000, host: '0.0.0.0', logLevel: 'debug' }));
    const config = loadConfig({ env: { ATLAS_CONFIG: file, ATLAS_PORT: '7001' } });
    assert.equal(config.port, 7001);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.configFile, file);
  });

  it('names unknown keys and wrong values in the config file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-config-'));
    const file = path.join(dir, 'atlas.json');
    writeFileSync(file, JSON.stringify({ prot: 1, port: 'x' }));
    const problems = problemsOf(() => loadConfig({ env: {}, configFile: file }));
    assert.deepEqual(problems.map((p) => p.variable).sort(), ['atlas.json: port', 'atlas.json: prot']);
  });

  it('reports a missing or malformed config file', () => {
    assert.match(
      problemsOf(() => loadConfig({ env: { ATLAS_CONFIG: '/nonexistent/atlas.json' } }))[0]?.problem ?? '',
      /does not exist/,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-config-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "port": ');
    assert.match(
      problemsOf(() => loadConfig({ env: {}, configFile: file }))[0]?.problem ?? '',
      /not valid JSON/,
    );
  });

  it('lets command-line overrides win and names them as options', () => {
    assert.equal(loadConfig({ env: { ATLAS_PORT: '1' }, overrides: { port: '2' } }).port, 2);
    assert.equal(
      problemsOf(() => loadConfig({ env: {}, overrides: { port: '99999' } }))[0]?.variable,
      '--port',
    );
  });
});

describe('redactUrl', () => {
  it('hides the password of a database URL', () => {
    assert.equal(redactUrl('postgres://atlas:secret@db:5432/atlas'), 'postgres://atlas:***@db:5432/atlas');
  });
});
