import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { BIN, PROJECT_ROOT } from '../support/cli-harness.js';

describe('oer-atlas serve (the real command)', () => {
  it('serves the home page and health checks, then shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-serve-'));
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ATLAS_DATA_DIR: dataDir, ATLAS_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 30_000);
        child.stderr.on('data', (c: Buffer) => {
          stderr += c.toString();
          const match = /serving (http:\/\/\S+) /.exec(stderr);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const home = await fetch(url);
      assert.equal(home.status, 200);
      assert.match(home.headers.get('content-type') ?? '', /text\/html/);
      assert.match(home.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(await home.text(), /<html lang="en"/);
      const ready = await fetch(new URL('/readyz', url));
      assert.equal(ready.status, 200);
      assert.equal(((await ready.json()) as { status: string }).status, 'ready');

      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
    } finally {
      child.kill('SIGKILL');
    }
    // Structured logs: one JSON object per line, request lines carry a request id.
    const lines = stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(
      lines.some((l) => typeof l.reqId === 'string'),
      'request logs carry request ids',
    );
    // A clean close leaves a consistent database and no write-ahead log behind.
    const file = path.join(dataDir, 'atlas.sqlite');
    assert.equal(existsSync(`${file}-wal`), false);
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });
});
