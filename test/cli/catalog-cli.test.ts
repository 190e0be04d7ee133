// What a repository manager sees after an import: `source show` (text and JSON) and the JSON API give the
// source's metadata quality with concrete fixes, and `oer-atlas explain` shows field by field how a stored
// record and the records of a local file were read, with the rule behind each decision. Real corpus files,
// real SQLite file, the real import pipeline.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createAtlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/web/app.js';
import { CORPUS_DIR } from '../formats/corpus.js';
import { runInProcess } from '../support/cli-harness.js';

const LUME = path.join(CORPUS_DIR, 'oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml');
const OBAA = path.join(CORPUS_DIR, 'lom', 'bare', 'obaa_record_pt_BR.xml');

interface Explanation {
  sourceRecordId: string;
  status: string;
  fields: { field: string; value: unknown; decisions: { field: string; input: string; rule: string }[] }[];
}

describe('quality and explanations after an import', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-catalog-'));
  const env = { ATLAS_DATA_DIR: dir };

  it('imports, then shows the source quality score and its fixes with example records', async () => {
    const imported = await runInProcess(['import', LUME, '--json'], { env });
    assert.equal(imported.code, 0, imported.stderr);
    const sourceId = (JSON.parse(imported.stdout) as { source: { id: string } }).source.id;

    const shown = await runInProcess(['source', 'show', sourceId, '--json'], { env });
    assert.equal(shown.code, 0, shown.stderr);
    const overview = JSON.parse(shown.stdout) as {
      quality: {
        records: number;
        scored: number;
        score: number;
        fixes: { code: string; count: number; share: number; message: string; examples: string[] }[];
      };
    };
    assert.equal(overview.quality.records, 100);
    assert.equal(overview.quality.scored, 100);
    assert.ok(overview.quality.score > 0 && overview.quality.score < 100, String(overview.quality.score));
    // This repository states no licence in its records: the first fix says so, for every record.
    const licence = overview.quality.fixes.find((f) => f.code === 'license_missing');
    assert.ok(licence, JSON.stringify(overview.quality.fixes.map((f) => f.code)));
    assert.equal(licence.count, 100);
    assert.equal(licence.share, 1);
    assert.match(licence.message, /dc:rights/);
    assert.equal(licence.examples.length, 5);
    assert.ok(licence.examples.every((id) => id.startsWith('oai:www.lume.ufrgs.br:')));
    assert.equal(overview.quality.fixes[0]?.code, 'license_missing');

    const text = await runInProcess(['source', 'show', sourceId], { env });
    assert.match(text.stdout, /quality: {3}\d+\/100 over 100 records/);
    assert.match(text.stdout, /error \[license_missing\] 100 records \(100%\)/);

    // The same report through the JSON API.
    const atlas = await createAtlas(loadConfig({ env: { ...env, ATLAS_LOG_LEVEL: 'silent' }, cwd: dir }));
    try {
      const app = await buildApp({
        store: atlas.store,
        sources: atlas.sources,
        search: atlas.search,
        logLevel: 'silent',
      });
      const one = await app.inject({ method: 'GET', url: `/api/v1/sources/${sourceId}` });
      assert.equal(one.statusCode, 200);
      const body = one.json<{ id: string; quality: { score: number; fixes: { code: string }[] } }>();
      assert.equal(body.id, sourceId);
      assert.equal(body.quality.score, overview.quality.score);
      assert.deepEqual(
        body.quality.fixes.map((f) => f.code),
        overview.quality.fixes.map((f) => f.code),
      );
      const list = await app.inject({ method: 'GET', url: '/api/v1/sources' });
      assert.equal(list.json<{ total: number }>().total, 1);
      const missing = await app.inject({ method: 'GET', url: '/api/v1/sources/src_nosuchsource' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json<{ error: { code: string } }>().error.code, 'not_found');
      await app.close();
    } finally {
      await atlas.close();
    }

    // A stored record, explained from its stored raw payload.
    const explained = await runInProcess(
      ['explain', `${sourceId}:oai:www.lume.ufrgs.br:10183/394`, '--json'],
      { env },
    );
    assert.equal(explained.code, 0, explained.stderr);
    const [record] = JSON.parse(explained.stdout) as Explanation[];
    assert.equal(record?.status, 'mapped');
    assert.equal(record?.sourceRecordId, 'oai:www.lume.ufrgs.br:10183/394');
    assert.ok(record.fields.some((f) => f.field === 'name'));
  });

  it('explains a local LOM file field by field with the rule of each normalized value', async () => {
    const result = await runInProcess(['explain', OBAA, '--json'], { env });
    assert.equal(result.code, 0, result.stderr);
    const [record] = JSON.parse(result.stdout) as Explanation[];
    assert.equal(record?.status, 'mapped');
    const field = (name: string) => record.fields.find((f) => f.field === name);
    const license = field('license');
    assert.equal((license?.value as { id: string }).id, 'https://creativecommons.org/licenses/by-sa/3.0/br/');
    assert.equal(license?.decisions[0]?.input, 'http://creativecommons.org/licenses/by-sa/3.0/br/');
    assert.equal(license?.decisions[0]?.rule, 'cc-url');
    const language = field('inLanguage');
    assert.deepEqual(language?.value, ['pt-BR']);
    assert.ok(language?.decisions.some((d) => d.input === 'pt_BR'));
    const levels = field('iscedLevels');
    assert.ok(Array.isArray(levels?.value) && (levels.value as string[]).includes('6'));
    assert.ok(levels.decisions.some((d) => d.input === 'Educacao superior' && d.rule === 'term'));
    const types = field('learningResourceType');
    assert.ok(
      (types?.value as { id: string }[]).some((c) => c.id === 'https://w3id.org/kim/hcrt/simulation'),
    );

    const text = await runInProcess(['explain', OBAA], { env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /license .*by-sa\/3\.0\/br/);
    assert.match(text.stdout, /"pt_BR" -> pt-BR {2}\[/);
  });

  it('says clearly when a record reference does not exist', async () => {
    const result = await runInProcess(['explain', 'src_nothere:oai:x:1'], { env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not_found/);
    const bad = await runInProcess(['explain', 'nocolon'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /SOURCE_ID:SOURCE_RECORD_ID/);
  });
});
