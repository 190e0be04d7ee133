// Real JSON-LD from the corpus (ORCA.nrw LRMI-profile NDJSON, DCMI LRMI examples, the ORCA resource list)
// through ambToProfile: each record maps to a valid record with a valid AMB view, or is refused with a reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtlasError } from '../../src/domain/errors.js';
import { mapAmbToProfile } from '../../src/formats/amb/amb-to-profile.js';
import { profileToAmb } from '../../src/formats/amb/profile-to-amb.js';
import { validateAmb } from '../../src/formats/amb/validate-amb.js';
import { validateRecord } from '../../src/formats/profile/validate-record.js';
import { corpusPath, readJson, readText, testProvenance } from './corpus.js';
import { readdirSync } from 'node:fs';

interface Outcome {
  readonly mapped: number;
  readonly refused: string[];
}

function run(label: string, docs: readonly unknown[]): Outcome {
  let mapped = 0;
  const refused: string[] = [];
  docs.forEach((doc, index) => {
    try {
      const { record } = mapAmbToProfile(doc, testProvenance(`${label}#${index}`));
      assert.equal(validateRecord(record).valid, true);
      assert.deepEqual(validateAmb(profileToAmb(record)), { valid: true });
      mapped += 1;
    } catch (error) {
      assert.ok(error instanceof AtlasError, `${label}#${index}: unexpected ${String(error)}`);
      assert.equal(error.code, 'invalid_record');
      assert.ok(error.message.length > 10);
      refused.push(error.message);
    }
  });
  return { mapped, refused };
}

/** JSON-LD as embedded in web pages: the harvester's HTML step takes it out of the script element. */
function unwrapScript(text: string): string {
  return /<script[^>]*>([\s\S]*)<\/script>/i.exec(text)?.[1] ?? text;
}

void describe('real LRMI and ORCA records', () => {
  void it('maps all 8 ORCA.nrw LRMI-profile NDJSON records', (t) => {
    const lines = readText('jsonld', 'orca-nrw_lrmi-profile_8-records.ndjson')
      .split('\n')
      .filter((line) => line.trim() !== '');
    assert.equal(lines.length, 8);
    const outcome = run(
      'orca',
      lines.map((line) => JSON.parse(line) as unknown),
    );
    t.diagnostic(`ORCA NDJSON: ${outcome.mapped} of ${lines.length} mapped`);
    assert.equal(outcome.mapped, 8);
  });

  void it('maps all 4 DCMI LRMI examples', (t) => {
    const files = readdirSync(corpusPath('jsonld', 'lrmi-dcmi')).sort();
    assert.equal(files.length, 4);
    const docs = files.map((f) => JSON.parse(unwrapScript(readText('jsonld', 'lrmi-dcmi', f))) as unknown);
    const outcome = run('lrmi', docs);
    t.diagnostic(`DCMI LRMI: ${outcome.mapped} of ${files.length} mapped`);
    assert.equal(outcome.mapped, 4);
  });

  void it('refuses the 10 ORCA repository listing entries (no title) with a reason naming "name"', () => {
    const list = readJson('jsonld', 'orca-nrw_regal-fedora_resource-list.json') as unknown[];
    assert.equal(list.length, 10);
    const outcome = run('regal', list);
    assert.equal(outcome.mapped, 0);
    for (const reason of outcome.refused) assert.match(reason, /"name"/);
  });

  void it('maps the LRMI example with schema.org prefixes and alignments', () => {
    const { record } = mapAmbToProfile(
      readJson('jsonld', 'lrmi-dcmi', 'LRexample01a.json-ld'),
      testProvenance('x'),
    );
    assert.equal(
      record.id,
      'http://dx.cooperhewitt.org/lessonplan/Tiles-Blocks-Sapphires-Gold-Designing-a-Treasure-Map/',
    );
    assert.deepEqual(record.name, { und: 'Tiles, Blocks, Sapphires & Gold: Designing a Treasure Map' });
    assert.deepEqual(record.audience, [
      { id: 'http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/teacher' },
    ]);
    assert.equal(record.educationalLevel?.length, 2);
    assert.equal(record.teaches?.length, 3);
  });
});
