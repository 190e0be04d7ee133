// The published JSON Schema of our record must match the TypeBox definition, and validateRecord must accept
// exactly what the profile allows, with problems worded for people.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { profileJsonSchema, type ResourceRecord } from '../../src/domain/profile.js';
import { validateRecord } from '../../src/formats/profile/validate-record.js';
import { PROFILE_SCHEMA_FILE, renderProfileSchema } from '../../scripts/generate-profile-schema.js';
import { testProvenance } from './corpus.js';

const minimal: ResourceRecord = {
  id: 'https://example.org/oer',
  type: ['LearningResource'],
  name: { en: 'Example' },
  provenance: [testProvenance('r')],
};

void describe('schema/oer-atlas-record.schema.json', () => {
  void it('is what profileJsonSchema() produces now (regenerate with scripts/generate-profile-schema.ts)', async () => {
    const committed = readFileSync(PROFILE_SCHEMA_FILE, 'utf8');
    assert.deepEqual(JSON.parse(committed), profileJsonSchema());
    assert.equal(committed, await renderProfileSchema());
    assert.ok(committed.endsWith('}\n'));
  });
});

void describe('validateRecord', () => {
  void it('accepts a minimal record and returns it', () => {
    const result = validateRecord(minimal);
    assert.equal(result.valid, true);
    if (result.valid) assert.equal(result.record, minimal);
  });

  void it('rejects language-map keys that are not language tags', () => {
    const result = validateRecord({ ...minimal, name: { en_us: 'Example' } });
    assert.equal(result.valid, false);
    if (!result.valid) {
      assert.deepEqual(result.problems[0], {
        path: '/name/en_us',
        message:
          '"en_us" is not a language tag; keys here must be BCP 47 tags such as "en" or "pt-BR", or "und".',
      });
    }
  });

  void it('requires LearningResource among the types', () => {
    const result = validateRecord({ ...minimal, type: ['Course'] });
    assert.equal(result.valid, false);
    if (!result.valid) assert.match(result.problems[0]?.message ?? '', /LearningResource/);
  });

  void it('words a wrong agent by the branch its type names', () => {
    const result = validateRecord({ ...minimal, creator: [{ type: 'Person', name: '' }] });
    assert.equal(result.valid, false);
    if (!result.valid)
      assert.deepEqual(result.problems, [{ path: '/creator/0/name', message: 'Must not be empty.' }]);
  });

  void it('names missing fields and never throws on hostile values', () => {
    const missing = validateRecord({ id: 'https://example.org/oer' });
    assert.equal(missing.valid, false);
    if (!missing.valid) {
      assert.deepEqual(
        missing.problems.map((p) => p.path),
        ['/type', '/name', '/provenance'],
      );
    }
    for (const value of [
      null,
      'x',
      [],
      { ...minimal, id: `https://example.org/${'a'.repeat(10_000_000)}` },
    ]) {
      assert.equal(validateRecord(value).valid, false);
    }
  });
});
