// Hostile input through the AMB layer: markup, huge strings, wrong types, deep nesting, prototype keys,
// throwing getters. Nothing may crash (other than a clean AtlasError), hang, or touch Object.prototype.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { AtlasError } from '../../src/domain/errors.js';
import { mapAmbToProfile } from '../../src/formats/amb/amb-to-profile.js';
import { profileToAmb } from '../../src/formats/amb/profile-to-amb.js';
import { validateAmb } from '../../src/formats/amb/validate-amb.js';
import { validateRecord } from '../../src/formats/profile/validate-record.js';
import { testProvenance } from './corpus.js';

const AMB_CONTEXT = 'https://w3id.org/kim/amb/context.jsonld';
const HUGE = 'x'.repeat(10_000_000);

/** Maps a document; returns the record, or null for a clean AtlasError refusal. Anything else fails. */
function mapOrRefuse(doc: unknown) {
  try {
    const { record } = mapAmbToProfile(doc, testProvenance('hostile'));
    assert.equal(validateRecord(record).valid, true);
    assert.deepEqual(validateAmb(profileToAmb(record)), { valid: true });
    return record;
  } catch (error) {
    assert.ok(error instanceof AtlasError, `unexpected ${String(error)}`);
    assert.equal(error.code, 'invalid_record');
    return null;
  }
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1)
    value = { id: 'https://example.org/n', name: value, creator: [value], about: value };
  return value;
}

const PROPERTIES = [
  '@context',
  'id',
  'type',
  'name',
  'description',
  'keywords',
  'url',
  'identifier',
  'sameAs',
  'inLanguage',
  'license',
  'about',
  'educationalLevel',
  'learningResourceType',
  'audience',
  'teaches',
  'assesses',
  'competencyRequired',
  'interactivityType',
  'creator',
  'contributor',
  'publisher',
  'funder',
  'dateCreated',
  'datePublished',
  'dateModified',
  'duration',
  'image',
  'encoding',
  'trailer',
  'caption',
  'isBasedOn',
  'isBasedOnUrl',
  'translationOfWork',
  'workTranslation',
  'isPartOf',
  'hasPart',
  'isAccessibleForFree',
  'conditionsOfAccess',
  'accessMode',
  'accessModeSufficient',
  'accessibilityFeature',
  'accessibilityHazard',
  'accessibilityControl',
  'accessibilityAPI',
  'accessibilitySummary',
  'mainEntityOfPage',
  'educationalAlignment',
  'educationalRole',
];
const WRONG_VALUES: unknown[] = [
  42,
  -1.5,
  true,
  null,
  '',
  '   ',
  [],
  {},
  [null],
  [[[]]],
  [42, true],
  { '@value': 7 },
  { '@list': 'x' },
  { id: 42 },
  [{ id: { id: 'https://example.org/x' } }],
  'javascript:alert(1)',
  ['data:text/html,<b>x</b>'],
];

afterEach(() => {
  assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

void describe('hostile AMB documents', () => {
  void it('keeps markup as inert text and strips control characters', () => {
    const record = mapOrRefuse({
      '@context': [AMB_CONTEXT, { '@language': 'de' }],
      id: 'https://example.org/oer',
      type: ['LearningResource'],
      name: '<script>alert("x")</script>\u0000Titel\u0007',
      description: '<img src=x onerror=alert(1)>\n\uD800 lone surrogate',
      keywords: ['<b>bold</b>'],
      creator: [{ type: 'Person', name: '<script>', id: 'javascript:alert(1)' }],
      image: 'javascript:alert(1)',
      url: 'data:text/html,<script>alert(1)</script>',
    });
    assert.ok(record);
    assert.deepEqual(record.name, { de: '<script>alert("x")</script>Titel' });
    assert.deepEqual(record.description, { de: '<img src=x onerror=alert(1)>\n lone surrogate' });
    assert.deepEqual(record.creator, [{ type: 'Person', name: '<script>' }]);
    assert.equal(record.image, undefined);
    assert.equal(record.url, 'https://example.org/oer');
  });

  void it('cuts 10 MB strings to the profile limits quickly', () => {
    const started = Date.now();
    const record = mapOrRefuse({
      '@context': [AMB_CONTEXT, { '@language': 'de' }],
      id: `https://example.org/${HUGE}`,
      type: ['LearningResource', HUGE],
      name: HUGE,
      description: HUGE,
      keywords: HUGE,
      creator: [{ type: 'Person', name: HUGE, id: HUGE, email: `${HUGE}@example.org` }],
      about: [{ id: `https://example.org/${HUGE}`, prefLabel: { de: HUGE } }],
      license: { id: HUGE },
      dateCreated: HUGE,
      duration: `P${'1'.repeat(1_000_000)}D`,
      inLanguage: [HUGE],
      accessMode: [HUGE],
    });
    assert.ok(record);
    assert.equal(record.name['de']?.length, 100_000);
    assert.equal(record.creator?.[0]?.name.length, 1000);
    assert.equal(record.dateCreated?.length, 64);
    assert.match(record.id, /^urn:oer-atlas:/);
    assert.ok(Date.now() - started < 10_000, 'took too long');
  });

  void it('survives a wrong type in every property', () => {
    for (const property of PROPERTIES) {
      for (const value of WRONG_VALUES) {
        mapOrRefuse({
          '@context': [AMB_CONTEXT, { '@language': 'de' }],
          id: 'https://example.org/oer',
          type: ['LearningResource'],
          name: 'Titel',
          [property]: value,
        });
        const result = validateAmb({ '@context': [AMB_CONTEXT, { '@language': 'de' }], [property]: value });
        assert.equal(result.valid, false);
      }
    }
  });

  void it('survives deep nesting and self-references', () => {
    const deep = nested(100_000, 'leaf');
    const doc: Record<string, unknown> = {
      '@context': [AMB_CONTEXT, { '@language': 'de' }],
      id: 'https://example.org/oer',
      type: ['LearningResource'],
      name: 'Titel',
      creator: [deep],
      about: [deep],
      isBasedOn: [deep],
      description: deep,
      license: deep,
      audience: deep,
    };
    doc['hasPart'] = [doc];
    doc['isPartOf'] = doc;
    assert.ok(mapOrRefuse(doc));
    assert.equal(validateAmb(doc).valid, false);
  });

  void it('does not let __proto__ keys pollute prototypes or reach the record', () => {
    const doc: unknown = JSON.parse(`{
      "@context": ["${AMB_CONTEXT}", {"@language": "de", "__proto__": {"polluted": true}}],
      "__proto__": {"polluted": true, "name": "from proto"},
      "constructor": {"prototype": {"polluted": true}},
      "id": "https://example.org/oer",
      "type": ["LearningResource"],
      "name": {"__proto__": "evil", "de": "Titel", "constructor": "x"},
      "keywords": {"__proto__": ["evil"], "de": ["a"]},
      "about": [{"id": "https://example.org/c", "prefLabel": {"__proto__": {"polluted": true}, "en": "C"}}],
      "creator": [{"__proto__": {"type": "Person", "name": "Ghost"}}]
    }`);
    const record = mapOrRefuse(doc);
    assert.ok(record);
    assert.deepEqual(record.name, { de: 'Titel' });
    assert.deepEqual(record.keywords, { de: ['a'] });
    assert.deepEqual(record.about, [{ id: 'https://example.org/c', prefLabel: { en: 'C' } }]);
    assert.equal(record.creator, undefined);
    assert.equal(Object.getPrototypeOf(record.name), Object.prototype);
    // The validator reads the same keys without harm; the name map is not AMB (AMB names are plain strings).
    const checked = validateAmb(doc);
    assert.equal(checked.valid, false);
    if (!checked.valid) {
      const paths = checked.problems.map((p) => p.path);
      // The ghost creator's name and type live only under its own "__proto__" key: they count as missing.
      for (const expected of ['/name', '/creator/0/name', '/about/0/prefLabel/__proto__']) {
        assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
      }
    }
  });

  void it('does not take a name from the prototype chain', () => {
    const doc = Object.create({ name: 'inherited' }) as Record<string, unknown>;
    doc['id'] = 'https://example.org/oer';
    assert.equal(mapOrRefuse(doc), null);
  });

  void it('handles million-entry lists without walking them', () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => `k${i}`);
    const started = Date.now();
    const record = mapOrRefuse({
      '@context': [AMB_CONTEXT, { '@language': 'de' }],
      id: 'https://example.org/oer',
      type: ['LearningResource'],
      name: 'Titel',
      keywords: many,
      creator: many,
      about: many,
      accessMode: many,
    });
    assert.ok(record);
    assert.equal(record.keywords?.['de']?.length, 200);
    assert.ok(Date.now() - started < 5000, 'took too long');
  });

  void it('refuses documents whose properties throw when read', () => {
    const doc = {
      '@context': [AMB_CONTEXT, { '@language': 'de' }],
      id: 'https://example.org/oer',
      get name(): string {
        throw new Error('boom');
      },
    };
    assert.throws(
      () => mapAmbToProfile(doc, testProvenance('x')),
      (error: unknown) => error instanceof AtlasError && error.code === 'invalid_record',
    );
    assert.equal(validateAmb(doc).valid, false);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    assert.equal(validateAmb(revoked.proxy).valid, false);
    assert.throws(() => mapAmbToProfile(revoked.proxy, testProvenance('x')), AtlasError);
  });
});
