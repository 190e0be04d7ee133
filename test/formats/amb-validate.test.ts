// The official AMB test suite through validateAmb: every valid example accepted, every invalid one rejected
// with a readable reason; plus the bundled schemas compared with the upstream files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AMB_SCHEMAS } from '../../src/formats/amb/amb-schemas.js';
import { validateAmb } from '../../src/formats/amb/validate-amb.js';
import { jsonFiles, readJson } from './corpus.js';

// Counts of the suite at the bundled commit; a new upstream file means updating these on purpose.
const VALID_COUNT = 35;
const INVALID_COUNT = 37;
const SCHEMA_COUNT = 40;

const validFiles = jsonFiles('jsonld', 'amb', 'valid');
const invalidFiles = jsonFiles('jsonld', 'amb', 'invalid');

void describe('validateAmb on the official valid examples', () => {
  void it(`finds all ${VALID_COUNT} valid examples`, () => {
    assert.equal(validFiles.length, VALID_COUNT);
  });
  for (const file of validFiles) {
    void it(`accepts ${file}`, () => {
      const result = validateAmb(readJson('jsonld', 'amb', 'valid', file));
      assert.deepEqual(result, { valid: true }, JSON.stringify(result));
    });
  }
});

void describe('validateAmb on the official invalid examples', () => {
  void it(`finds all ${INVALID_COUNT} invalid examples`, () => {
    assert.equal(invalidFiles.length, INVALID_COUNT);
  });
  for (const file of invalidFiles) {
    void it(`rejects ${file} with a reason`, () => {
      const result = validateAmb(readJson('jsonld', 'amb', 'invalid', file));
      assert.equal(result.valid, false);
      if (result.valid) return;
      assert.ok(result.problems.length > 0);
      for (const problem of result.problems) {
        assert.match(problem.path, /^(\/[^/]*)*$/, 'path is a JSON pointer');
        assert.ok(problem.message.length >= 15, `message too short: ${problem.message}`);
        // Raw Ajv phrasing is translated, not passed through.
        assert.doesNotMatch(problem.message, /must match (exactly one|a schema in anyOf)|must NOT have/);
      }
    });
  }
});

void describe('validateAmb wording', () => {
  const problemsOf = (file: string) => {
    const result = validateAmb(readJson('jsonld', 'amb', 'invalid', file));
    assert.equal(result.valid, false);
    return result.valid ? [] : result.problems;
  };

  void it('rejects missingDefaultLanguage.json: says the default language is missing', () => {
    const problems = problemsOf('missingDefaultLanguage.json');
    assert.ok(problems.some((p) => p.path === '/@context' && /default language/.test(p.message)));
  });

  void it('rejects wrongDefaultLanguageTag.json: points at @language and names the bad code once', () => {
    const problems = problemsOf('wrongDefaultLanguageTag.json');
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/@context/1/@language'],
    );
    assert.match(problems[0]?.message ?? '', /"de-AT".*ISO 639-1/);
  });

  void it('rejects Mozilla-Public-License.json: names the licence and the accepted families', () => {
    const [problem] = problemsOf('Mozilla-Public-License.json');
    assert.equal(problem?.path, '/license/id');
    assert.match(problem?.message ?? '', /MPL-2\.0.*Creative Commons/);
  });

  void it('rejects wrongDateTime.json: one problem per bad date, with the accepted forms', () => {
    const problems = problemsOf('wrongDateTime.json').filter((p) => p.path === '/dateCreated');
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /YYYY-MM-DD/);
  });

  void it('rejects typeWithoutLearningResource.json: asks for "LearningResource"', () => {
    const [problem] = problemsOf('typeWithoutLearningResource.json');
    assert.equal(problem?.path, '/type');
    assert.match(problem?.message ?? '', /LearningResource/);
  });

  void it('rejects isBasedOn_noIdOrName.json: one sentence instead of both alternatives', () => {
    const problems = problemsOf('isBasedOn_noIdOrName.json');
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /"id".*"name"/);
  });

  void it('rejects a non-object with a problem instead of throwing', () => {
    for (const doc of [null, 42, 'text', [], undefined]) {
      const result = validateAmb(doc);
      assert.equal(result.valid, false);
    }
  });

  void it('rejects a 10 MB id as too long instead of overflowing the stack', () => {
    const doc = {
      '@context': ['https://w3id.org/kim/amb/context.jsonld', { '@language': 'de' }],
      id: `https://example.org/${'a'.repeat(10_000_000)}`,
      name: 'x',
      type: ['LearningResource'],
    };
    const result = validateAmb(doc);
    assert.equal(result.valid, false);
    if (!result.valid) assert.match(result.problems[0]?.message ?? '', /too long/);
  });
});

void describe('bundled AMB schemas', () => {
  const upstream = jsonFiles('schema', 'amb-jsonschema');

  void it(`bundles all ${SCHEMA_COUNT} upstream schema files`, () => {
    assert.equal(upstream.length, SCHEMA_COUNT);
    assert.deepEqual(Object.keys(AMB_SCHEMAS).sort(), upstream);
  });

  for (const file of upstream) {
    void it(`bundles ${file} unchanged`, () => {
      assert.deepEqual(AMB_SCHEMAS[file], readJson('schema', 'amb-jsonschema', file));
    });
  }
});
