// The vocabulary loader finds data-bundled/vocab/ both from src/ (tsx) and from a compiled tree: here the modules
// of src/vocab/ are compiled into a temporary checkout (package.json, data-bundled/vocab/, dist/vocab/) and run by
// plain Node, which must find that checkout's data, not ours.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { REPO_ROOT } from '../../scripts/build-vocab.js';
import { iscedFields, unescoThesaurus, vocabDir, vocabLoadTimes } from '../../src/vocab/index.js';

const SRC = path.join(REPO_ROOT, 'src/vocab');
// The loader and the modules that read through it (other files of src/vocab/ are not part of this test).
const MODULES = [
  'fold',
  'glossary',
  'index',
  'isced',
  'label-index',
  'labels',
  'load',
  'schemes',
  'types',
  'unesco',
];

function compileInto(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of MODULES.map((m) => `${m}.ts`)) {
    const output = ts.transpileModule(readFileSync(path.join(SRC, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: name,
    });
    writeFileSync(path.join(dir, name.replace(/\.ts$/, '.js')), output.outputText);
  }
}

function runNode(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vocabulary loader', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'oer-atlas-checkout-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds data-bundled/vocab from src/ under tsx', () => {
    assert.equal(vocabDir(), path.join(REPO_ROOT, 'data-bundled', 'vocab'));
    assert.ok(unescoThesaurus().concepts.length > 4000);
    assert.ok(vocabLoadTimes().has('unesco-thesaurus.json'));
  });

  it('finds data-bundled/vocab of a built checkout from dist/vocab/', () => {
    const checkout = path.join(root, 'built');
    mkdirSync(checkout, { recursive: true });
    writeFileSync(path.join(checkout, 'package.json'), '{"type":"module"}');
    cpSync(path.join(REPO_ROOT, 'data-bundled/vocab'), path.join(checkout, 'data-bundled/vocab'), {
      recursive: true,
    });
    compileInto(path.join(checkout, 'dist/vocab'));
    const script = `
      const v = await import(${JSON.stringify(path.join(checkout, 'dist/vocab/index.js'))});
      console.log(JSON.stringify({
        dir: v.vocabDir(),
        fields: v.iscedFields().length,
        label: v.conceptLabel('0541', 'fr'),
        match: v.findConcepts('Introduction à la chimie organique').map((m) => m.scheme + ':' + m.id),
      }));`;
    const r = runNode(script, root);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { dir: string; fields: number; label: string; match: string[] };
    assert.equal(out.dir, path.join(checkout, 'data-bundled', 'vocab'));
    assert.equal(out.fields, iscedFields().length);
    assert.equal(out.label, 'Mathématiques');
    assert.ok(out.match.includes('isced-f:0531'), out.match.join(' '));
  });

  it('says how to build the data when a compiled tree has none above it', () => {
    const bare = path.join(root, 'bare');
    mkdirSync(bare, { recursive: true });
    writeFileSync(path.join(bare, 'package.json'), '{"type":"module"}');
    compileInto(path.join(bare, 'dist/vocab'));
    const r = runNode(
      `const v = await import(${JSON.stringify(path.join(bare, 'dist/vocab/index.js'))}); v.iscedFields();`,
      root,
    );
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /data-bundled\/vocab not found.*build-vocab/);
  });
});
