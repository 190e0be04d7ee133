// `oer-atlas normalize`: one value through the pipeline's own normalizers, as text, as JSON, and a whole
// column from standard input (one JSON object per line, empty lines kept in step).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInProcess } from '../support/cli-harness.js';

describe('oer-atlas normalize', () => {
  it('prints a licence as JSON with its group and rule', async () => {
    const result = await runInProcess([
      'normalize',
      'licence',
      'http://creativecommons.org/licenses/by-nc/3.0/de/',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      input: 'http://creativecommons.org/licenses/by-nc/3.0/de/',
      value: 'https://creativecommons.org/licenses/by-nc/3.0/de/',
      group: 'by-nc',
      rule: 'cc-url',
    });
  });

  it('accepts the American spelling and prints plain text without --json', async () => {
    const result = await runInProcess(['normalize', 'license', 'All rights reserved']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^value: \(none\)$/m);
    assert.match(result.stdout, /^group: restricted$/m);
    assert.match(result.stdout, /^rule: {2}\S+/m);
  });

  it('gives languages as BCP 47 tags and no group', async () => {
    const result = await runInProcess(['normalize', 'language', 'pt_BR', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const body = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(body.value, 'pt-BR');
    assert.equal(body.group, undefined);
    assert.equal(typeof body.rule, 'string');
  });

  it('gives education levels as a list of ISCED 2011 levels', async () => {
    const result = await runInProcess(['normalize', 'level', 'Sekundarstufe I', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as { value: unknown }).value, ['2']);
  });

  it('reads a column from standard input and writes one JSON object per line, in order', async () => {
    const stdin = 'CC BY-SA 4.0\r\n\nReconocimiento-NoComercial\nnot a licence at all\n';
    const result = await runInProcess(['normalize', 'licence', '-'], { stdin });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    const rows = lines.map((l) => JSON.parse(l) as { input: string; value: string | null; group: string });
    assert.deepEqual(
      rows.map((r) => r.input),
      ['CC BY-SA 4.0', '', 'Reconocimiento-NoComercial', 'not a licence at all'],
    );
    assert.equal(rows[0]?.value, 'https://creativecommons.org/licenses/by-sa/4.0/');
    assert.equal(rows[1]?.value, null);
    assert.equal(rows[2]?.group, 'by-nc');
    assert.equal(rows[3]?.group, 'unknown');
  });

  it('refuses an unknown kind as bad usage, naming the kinds', async () => {
    const result = await runInProcess(['normalize', 'colour', 'red']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /usage_error.*licence, language, level/);
  });
});
