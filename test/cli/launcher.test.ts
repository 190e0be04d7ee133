// The executable as installed: `bin/oer-atlas` run by its own first line (as a shell, npm's bin link or a
// scheduler runs it) starts Node.js with the launcher's V8 flags, and those flags take effect (the young
// generation of the heap is the size they ask for); `npm start` passes the very same flags.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { BIN, PROJECT_ROOT } from '../support/cli-harness.js';
import { LAUNCHER_NODE_FLAGS } from '../../bench/launcher-flags.js';

const run = promisify(execFile);
/** The semi-space size the launcher asks for, in MiB (NaN when it asks for none). */
const SEMI_MIB = Number(
  LAUNCHER_NODE_FLAGS.find((flag) => flag.startsWith('--max-semi-space-size='))?.split('=')[1],
);

describe('the oer-atlas launcher', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-launcher-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('asks for a young generation of at most 8 MiB a semi-space, in the first line and in npm start', () => {
    assert.ok(SEMI_MIB <= 8, `no --max-semi-space-size of at most 8 in ${LAUNCHER_NODE_FLAGS.join(' ')}`);
    assert.equal(
      readFileSync(BIN, 'utf8').split('\n', 1)[0],
      `#!/usr/bin/env -S node ${LAUNCHER_NODE_FLAGS.join(' ')}`,
    );
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    assert.equal(pkg.scripts.start, `node ${LAUNCHER_NODE_FLAGS.join(' ')} bin/oer-atlas serve`);
  });

  it('runs by its first line with those flags in effect', async () => {
    // A script Node.js loads before the program (NODE_OPTIONS --require) reports the process as started.
    const report = path.join(dir, 'report.json');
    const preload = path.join(dir, 'report.cjs');
    writeFileSync(
      preload,
      [
        "const v8 = require('node:v8');",
        "const fs = require('node:fs');",
        // The young generation grows to its largest size only under allocation: churn through short-lived objects.
        'let kept = 0;',
        'for (let round = 0; round < 40; round++) {',
        '  const batch = [];',
        '  for (let i = 0; i < 100000; i++) batch.push({ i, text: `t${i}` });',
        '  kept += batch.length;',
        '}',
        "const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');",
        'fs.writeFileSync(process.env.LAUNCHER_REPORT, JSON.stringify({ execArgv: process.execArgv,',
        '  newSpace: space.space_size, kept }));',
      ].join('\n'),
    );
    const { stdout } = await run(BIN, ['--version'], {
      env: {
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        NODE_OPTIONS: `--require ${preload}`,
        LAUNCHER_REPORT: report,
      },
    });
    assert.match(stdout, /\d+\.\d+\.\d+/);
    const seen = JSON.parse(readFileSync(report, 'utf8')) as { execArgv: string[]; newSpace: number };
    for (const flag of LAUNCHER_NODE_FLAGS) assert.ok(seen.execArgv.includes(flag), `${flag} not passed`);
    // Node's default (16 MiB semi-spaces) gives a new space of about 33 MB; 8 MiB gives about 17 MB.
    assert.ok(
      seen.newSpace <= 3 * SEMI_MIB * 1024 * 1024,
      `new space of ${seen.newSpace} bytes with ${SEMI_MIB} MiB semi-spaces`,
    );
  });
});
