// Runs every test file with Node's test runner (TypeScript through tsx), with TZ=UTC.
// Before the run it says which suites will be skipped because a system part is missing, and why;
// with ATLAS_REQUIRE_ALL_SUITES=1 (CI) a missing part is an error instead.
//   node --import tsx scripts/run-tests.ts [FILE_OR_FOLDER ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ALL_SYSTEM_PARTS, allSuitesRequired, probeSystemPart } from '../test/support/system-parts.js';

function collect(target: string, out: string[]): void {
  const stat = statSync(target);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(target).sort()) collect(path.join(target, entry), out);
  } else if (target.endsWith('.test.ts')) {
    out.push(target);
  }
}

const targets = process.argv.slice(2);
const files: string[] = [];
for (const t of targets.length > 0 ? targets : ['test']) collect(t, files);

const missing = ALL_SYSTEM_PARTS.map(probeSystemPart).filter((p) => !p.available);
if (missing.length > 0) {
  const header = allSuitesRequired()
    ? 'Missing system parts (every suite is required, so their suites will FAIL):'
    : 'Suites that will be SKIPPED because a system part is missing:';
  process.stdout.write(`${header}\n${missing.map((p) => `  - ${p.name}: ${p.reason}`).join('\n')}\n\n`);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', NODE_ENV: 'test' },
});
if (missing.length > 0 && !allSuitesRequired()) {
  process.stdout.write(`\nSkipped for missing system parts: ${missing.map((p) => p.name).join(', ')}\n`);
}
process.exit(result.status ?? 1);
