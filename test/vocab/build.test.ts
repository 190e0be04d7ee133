// The committed data-bundled/vocab/ files are in step with scripts/build-vocab.ts: rebuilt from the shared corpus
// into a temporary folder, they must be byte for byte the same. Skipped when the corpus is absent.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, VOCAB_FILES, buildVocab, writeVocab } from '../../scripts/build-vocab.js';
import { SHARED_DIR } from '../support/shared-dir.js';

const DATA = path.join(REPO_ROOT, 'data-bundled/vocab');
const corpus = path.join(SHARED_DIR, 'corpus/vocab');
const skip = existsSync(corpus) ? false : `shared corpus not found at ${corpus}`;

describe('data-bundled/vocab is in step with the build script', { skip }, () => {
  it('rebuilds into a temporary folder with the same bytes', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'oer-atlas-vocab-'));
    try {
      writeVocab(buildVocab(SHARED_DIR), out);
      const built = readdirSync(out).sort();
      assert.deepEqual(built, [...VOCAB_FILES, 'README.md'].sort());
      for (const name of built) {
        const fresh = readFileSync(path.join(out, name), 'utf8');
        const committed = readFileSync(path.join(DATA, name), 'utf8');
        assert.ok(fresh === committed, `${name} differs: run node --import tsx scripts/build-vocab.ts`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('data-bundled/vocab files', () => {
  it('are compact JSON, under 3 MB in total, each with a header naming source and licence', () => {
    let total = 0;
    for (const name of VOCAB_FILES) {
      const text = readFileSync(path.join(DATA, name), 'utf8');
      total += Buffer.byteLength(text);
      assert.ok(!text.includes('\n'), `${name} is minified`);
      const json = JSON.parse(text) as {
        header?: { sources?: unknown[]; licence?: string; generatedBy?: string };
      };
      assert.ok(Array.isArray(json.header?.sources) && json.header.sources.length > 0, `${name}: sources`);
      assert.ok(typeof json.header.licence === 'string' && json.header.licence !== '', `${name}: licence`);
      assert.equal(json.header.generatedBy, 'scripts/build-vocab.ts');
    }
    assert.ok(total < 3 * 1024 * 1024, `${total} bytes`);
  });

  it('keep the UNESCO attribution and licence wherever UNESCO data is shipped', () => {
    for (const name of ['unesco-thesaurus.json', 'unesco-isced-f.json']) {
      const json = JSON.parse(readFileSync(path.join(DATA, name), 'utf8')) as {
        header: { licence: string; attribution?: string };
      };
      assert.match(json.header.licence, /CC BY-SA 3\.0 IGO/);
      assert.match(json.header.attribution ?? '', /© UNESCO/);
    }
    const readme = readFileSync(path.join(DATA, 'README.md'), 'utf8');
    for (const name of VOCAB_FILES) assert.ok(readme.includes(`\`${name}\``), `README lists ${name}`);
    assert.match(readme, /CC BY-SA 3\.0 IGO, © UNESCO/);
  });
});
