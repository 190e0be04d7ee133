// AMB JSON-LD to profile and back: the official valid examples survive the round trip, and the mapping rules
// (languages, agents, concepts, licence seam, access, accessibility) behave as documented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtlasError } from '../../src/domain/errors.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { ambToProfile, mapAmbToProfile } from '../../src/formats/amb/amb-to-profile.js';
import { profileToAmb } from '../../src/formats/amb/profile-to-amb.js';
import { validateAmb } from '../../src/formats/amb/validate-amb.js';
import { validateRecord } from '../../src/formats/profile/validate-record.js';
import { jsonFiles, readJson, testProvenance } from './corpus.js';

const AMB_CONTEXT = 'https://w3id.org/kim/amb/context.jsonld';

function amb(fields: Record<string, unknown>, language: string | null = 'de'): Record<string, unknown> {
  return {
    '@context': language === null ? [AMB_CONTEXT] : [AMB_CONTEXT, { '@language': language }],
    id: 'https://example.org/oer',
    type: ['LearningResource'],
    name: 'Beispiel',
    ...fields,
  };
}

function map(doc: unknown): ResourceRecord {
  return ambToProfile(doc, testProvenance('rec-1'));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function withoutProvenance(record: ResourceRecord): Omit<ResourceRecord, 'provenance'> {
  const { provenance: _provenance, ...rest } = record;
  return rest;
}

const validFiles = jsonFiles('jsonld', 'amb', 'valid');

void describe('round trip of the official valid AMB examples', () => {
  void it('has examples to run', () => {
    assert.equal(validFiles.length, 35);
  });

  for (const file of validFiles) {
    void it(`maps ${file} to a valid record and back to valid AMB, keeping the essentials`, () => {
      const doc = readJson('jsonld', 'amb', 'valid', file) as Record<string, unknown>;
      const record = map(doc);
      assert.equal(validateRecord(record).valid, true);

      const back = profileToAmb(deepFreeze(record));
      assert.deepEqual(validateAmb(back), { valid: true });
      assert.equal(back['id'], doc['id']);
      assert.equal(back['name'], doc['name']);
      assert.deepEqual(back['@context'], [AMB_CONTEXT, { '@language': 'de' }]);
      assert.deepEqual(back['license'], doc['license']);
      assert.deepEqual(back['inLanguage'], doc['inLanguage']);
      assert.deepEqual(back['type'], [
        'LearningResource',
        ...(doc['type'] as string[]).filter((t) => t !== 'LearningResource'),
      ]);
      const people = (list: unknown) =>
        ((list as Record<string, unknown>[] | undefined) ?? []).map((a) => ({
          type: a['type'],
          name: a['name'],
          id: a['id'],
          affiliation: a['affiliation'],
        }));
      assert.deepEqual(people(back['creator']), people(doc['creator']));
      assert.deepEqual(people(back['contributor']), people(doc['contributor']));

      // Mapping the AMB view again gives the same record: the AMB view loses nothing these examples hold.
      assert.deepEqual(withoutProvenance(map(back)), withoutProvenance(record));
    });
  }
});

void describe('ambToProfile: languages', () => {
  void it('keys plain strings by the @language of the context', () => {
    const record = map(amb({ description: 'Eine OER', keywords: ['Mathe', 'Algebra'], inLanguage: ['fr'] }));
    assert.deepEqual(record.name, { de: 'Beispiel' });
    assert.deepEqual(record.description, { de: 'Eine OER' });
    assert.deepEqual(record.keywords, { de: ['Mathe', 'Algebra'] });
    assert.deepEqual(record.inLanguage, ['fr']);
    assert.equal(record.inLanguageOrigin, 'declared');
  });

  void it('uses the single inLanguage when the context names no language, else "und"', () => {
    assert.deepEqual(map(amb({ inLanguage: ['en'] }, null)).name, { en: 'Beispiel' });
    assert.deepEqual(map(amb({ inLanguage: ['en', 'fr'] }, null)).name, { und: 'Beispiel' });
    assert.deepEqual(map(amb({}, null)).name, { und: 'Beispiel' });
  });

  void it('reads JSON-LD value objects and language maps', () => {
    const record = map(
      amb({
        name: [
          { '@value': 'Algebra', '@language': 'en' },
          { '@value': 'Algèbre', '@language': 'fr' },
        ],
        description: { en: 'About algebra', pt_br: 'Sobre álgebra' },
      }),
    );
    assert.deepEqual(record.name, { en: 'Algebra', fr: 'Algèbre' });
    assert.deepEqual(record.description, { en: 'About algebra', 'pt-BR': 'Sobre álgebra' });
  });

  void it('splits a keywords string on commas, as schema.org describes it', () => {
    assert.deepEqual(map(amb({ keywords: 'Beispiel, OER , LRMI' })).keywords, {
      de: ['Beispiel', 'OER', 'LRMI'],
    });
  });

  void it('maps localized prefLabels, normalizing tags such as en_us', () => {
    const record = map(
      amb({
        audience: [
          {
            id: 'http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/generalPublic',
            prefLabel: { en_us: 'general public', de: 'Allgemeinheit', 'not a tag': 'x' },
            inScheme: { id: 'http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/' },
          },
        ],
      }),
    );
    assert.deepEqual(record.audience, [
      {
        id: 'http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/generalPublic',
        prefLabel: { 'en-US': 'general public', de: 'Allgemeinheit' },
        inScheme: 'http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/',
      },
    ]);
  });
});

void describe('ambToProfile: agents', () => {
  void it('recognises ORCID and ROR identifiers and keeps affiliations', () => {
    const record = map(
      amb({
        creator: [
          {
            type: 'Person',
            name: 'Jens Lechtenbörger',
            id: 'http://orcid.org/0000-0002-3064-147x',
            honorificPrefix: 'Dr.',
            affiliation: { type: 'Organization', name: 'RWTH Aachen', id: 'https://ror.org/04xfq0f34' },
          },
          { type: 'Person', name: 'Typo', id: 'https://orcid.org/0000-0002-3064-1471' },
        ],
        publisher: [{ type: 'EducationalOrganization', name: 'Uni', id: 'https://ror.org/04XFQ0F34' }],
      }),
    );
    assert.deepEqual(record.creator?.[0], {
      type: 'Person',
      name: 'Jens Lechtenbörger',
      id: 'http://orcid.org/0000-0002-3064-147x',
      orcid: 'https://orcid.org/0000-0002-3064-147X',
      honorificPrefix: 'Dr.',
      affiliation: {
        type: 'Organization',
        name: 'RWTH Aachen',
        id: 'https://ror.org/04xfq0f34',
        ror: 'https://ror.org/04xfq0f34',
      },
    });
    // A wrong check digit is not presented as an ORCID iD.
    assert.equal(record.creator?.[1]?.type === 'Person' ? record.creator[1].orcid : 'x', undefined);
    assert.deepEqual(record.publisher, [
      {
        type: 'Organization',
        name: 'Uni',
        id: 'https://ror.org/04XFQ0F34',
        ror: 'https://ror.org/04xfq0f34',
      },
    ]);
  });

  void it('reads LRMI plain-string publishers as organisations and drops ids without scheme', () => {
    const record = map(
      amb({ publisher: ['Cooper-Hewitt', { type: 'Organization', name: 'HBZ NRW', id: 'www.hbz-nrw.de' }] }),
    );
    assert.deepEqual(record.publisher, [
      { type: 'Organization', name: 'Cooper-Hewitt' },
      { type: 'Organization', name: 'HBZ NRW' },
    ]);
  });

  void it('maps funders, folding FundingScheme into Organization', () => {
    const record = map(
      amb({ funder: [{ type: 'FundingScheme', id: 'https://example.org/f', name: 'Förderprogramm A' }] }),
    );
    assert.deepEqual(record.funder, [
      { type: 'Organization', name: 'Förderprogramm A', id: 'https://example.org/f' },
    ]);
  });
});

void describe('ambToProfile: licence, access and other fields', () => {
  void it('keeps the licence as given with group "unknown" when no normalizer is passed', () => {
    assert.deepEqual(map(amb({ license: { id: 'https://creativecommons.org/licenses/by/4.0/' } })).license, {
      id: 'https://creativecommons.org/licenses/by/4.0/',
      group: 'unknown',
      original: ['https://creativecommons.org/licenses/by/4.0/'],
    });
    // LRMI-style plain string.
    assert.equal(
      map(amb({ license: 'https://creativecommons.org/publicdomain/zero/1.0/legalcode' })).license?.id,
      'https://creativecommons.org/publicdomain/zero/1.0/legalcode',
    );
  });

  void it('hands every licence statement to the normalizeLicense hook', () => {
    const seen: string[][] = [];
    const record = ambToProfile(
      amb({ license: [{ id: 'https://example.org/l' }, 'CC BY 4.0'] }),
      testProvenance('r'),
      {
        normalizeLicense: (statements) => {
          seen.push([...statements]);
          return {
            id: 'https://creativecommons.org/licenses/by/4.0/',
            group: 'by',
            original: [...statements],
          };
        },
      },
    );
    assert.deepEqual(seen, [['https://example.org/l', 'CC BY 4.0']]);
    assert.equal(record.license?.group, 'by');
  });

  void it('turns conditionsOfAccess into requiresLogin', () => {
    const login = { id: 'http://w3id.org/kim/conditionsOfAccess/login', type: 'Concept' };
    const free = { id: 'http://w3id.org/kim/conditionsOfAccess/no_login', type: 'Concept' };
    assert.equal(map(amb({ conditionsOfAccess: login })).requiresLogin, true);
    assert.equal(map(amb({ conditionsOfAccess: free })).requiresLogin, false);
    assert.equal(map(amb({ conditionsOfAccess: 'kostenfrei' })).requiresLogin, undefined);
  });

  void it('maps media, trailer, captions, links, dates and the schema.org accessibility properties', () => {
    const record = map(
      amb({
        type: ['LearningResource', 'VideoObject'],
        duration: 'PT47M58S',
        dateCreated: '2019-07-03T13:13:13',
        encoding: [
          {
            type: 'MediaObject',
            contentUrl: 'https://example.org/v.mp4',
            encodingFormat: 'video/mp4',
            contentSize: '568MB',
          },
          { type: 'MediaObject', bitrate: '831' },
        ],
        trailer: {
          type: 'AudioObject',
          contentUrl: 'https://example.org/t.mp3',
          encodingFormat: 'audio/mp3',
        },
        caption: [
          {
            id: 'https://example.org/subs-de.vtt',
            type: 'MediaObject',
            encodingFormat: 'text/vtt',
            inLanguage: 'de',
          },
        ],
        isBasedOn: [{ id: 'https://example.org/orig' }, { name: 'Remix me' }, { creator: [] }],
        isPartOf: [{ id: 'https://example.org/course', name: 'Course' }],
        accessMode: ['textual', 'visual'],
        accessModeSufficient: [{ type: 'ItemList', itemListElement: ['textual'] }, 'auditory,visual'],
        accessibilityFeature: ['captions', 'transcript'],
        accessibilityHazard: 'none',
        accessibilitySummary: 'Untertitel auf Deutsch.',
      }),
    );
    assert.deepEqual(record.type, ['LearningResource', 'VideoObject']);
    assert.equal(record.duration, 'PT47M58S');
    assert.equal(record.dateCreated, '2019-07-03T13:13:13');
    assert.deepEqual(record.encoding, [
      { contentUrl: 'https://example.org/v.mp4', encodingFormat: 'video/mp4', contentSize: '568MB' },
    ]);
    assert.deepEqual(record.trailer, {
      type: 'AudioObject',
      contentUrl: 'https://example.org/t.mp3',
      encodingFormat: 'audio/mp3',
    });
    assert.deepEqual(record.caption, [
      { id: 'https://example.org/subs-de.vtt', encodingFormat: 'text/vtt', inLanguage: 'de' },
    ]);
    assert.deepEqual(record.isBasedOn, [{ id: 'https://example.org/orig' }, { name: 'Remix me' }]);
    assert.deepEqual(record.isPartOf, [{ id: 'https://example.org/course', name: 'Course' }]);
    assert.deepEqual(record.accessMode, ['textual', 'visual']);
    assert.deepEqual(record.accessModeSufficient, [['textual'], ['auditory', 'visual']]);
    assert.deepEqual(record.accessibilityFeature, ['captions', 'transcript']);
    assert.deepEqual(record.accessibilityHazard, ['none']);
    assert.deepEqual(record.accessibilitySummary, { de: 'Untertitel auf Deutsch.' });

    const back = profileToAmb(record);
    assert.deepEqual(validateAmb(back), { valid: true });
    assert.deepEqual(back['accessibilityFeature'], ['captions', 'transcript']);
    assert.equal(back['accessibilitySummary'], 'Untertitel auf Deutsch.');
    // "568MB" is not a size AMB accepts; the rest of the media object stays.
    assert.deepEqual(back['encoding'], [
      { type: 'MediaObject', contentUrl: 'https://example.org/v.mp4', encodingFormat: 'video/mp4' },
    ]);
  });

  void it('always includes LearningResource and keeps schema.org type names only', () => {
    assert.deepEqual(
      map(amb({ type: ['Course', 'http://vivoweb.org/ontology/core#Course', 'schema:Quiz'] })).type,
      ['LearningResource', 'Course', 'Quiz'],
    );
  });

  void it('uses the landing page as id when there is no id, else mints a URN from the provenance', () => {
    const noId = amb({ url: 'https://example.org/page' });
    delete noId['id'];
    assert.equal(map(noId).id, 'https://example.org/page');
    delete noId['url'];
    const mapping = mapAmbToProfile({ ...noId, id: 'not a uri' }, testProvenance('rec/1'));
    assert.equal(mapping.record.id, 'urn:oer-atlas:test-source:rec%2F1');
    assert.ok(mapping.notes.some((n) => n.path === '/id'));
  });

  void it('reports what it left out', () => {
    const { notes } = mapAmbToProfile(
      amb({ learningResourceType: ['lesson plan'], inLanguage: ['English'], creator: [{ type: 'Person' }] }),
      testProvenance('r'),
    );
    assert.deepEqual(
      notes.map((n) => n.path),
      ['/inLanguage/0', '/learningResourceType/0', '/creator/0'],
    );
  });

  void it('fills the provenance fields and takes a missing datestamp from mainEntityOfPage', () => {
    const record = map(
      amb({
        mainEntityOfPage: [{ id: 'https://example.org/meta', dateModified: '2020-02-02' }],
        description: 'x',
      }),
    );
    assert.deepEqual(record.provenance, [
      {
        sourceId: 'test-source',
        sourceRecordId: 'rec-1',
        harvestedAt: '2024-05-01T12:00:00Z',
        sourceDatestamp: '2020-02-02',
        fields: ['description', 'id', 'name', 'type', 'url'],
      },
    ]);
  });
});

void describe('ambToProfile: refusals', () => {
  const refusal = (doc: unknown, pattern: RegExp) =>
    assert.throws(
      () => map(doc),
      (error: unknown) =>
        error instanceof AtlasError && error.code === 'invalid_record' && pattern.test(error.message),
    );

  void it('refuses a document without a usable name, naming the field', () => {
    refusal(amb({ name: undefined }), /"name"/);
    refusal(amb({ name: '   ' }), /"name"/);
    refusal(amb({ name: 42 }), /"name"/);
  });

  void it('refuses things that are not one JSON-LD object', () => {
    for (const doc of [null, 'x', 3, [amb({})]]) refusal(doc, /one JSON-LD object/);
  });

  void it('refuses documents that describe a person, organisation or event', () => {
    refusal(amb({ type: ['Person'] }), /not a learning resource/);
    refusal(amb({ type: 'Event' }), /not a learning resource/);
  });
});

void describe('profileToAmb', () => {
  const record = (fields: Partial<ResourceRecord>): ResourceRecord =>
    deepFreeze({
      id: 'https://example.org/oer',
      type: ['LearningResource'],
      name: { de: 'Beispiel', en: 'Example' },
      provenance: [testProvenance('r')],
      ...fields,
    });

  void it('writes the name in the requested language and drops texts in other languages', () => {
    const doc = profileToAmb(record({ description: { de: 'Eine OER' } }), { language: 'en' });
    assert.deepEqual(doc['@context'], [AMB_CONTEXT, { '@language': 'en' }]);
    assert.equal(doc['name'], 'Example');
    assert.equal(doc['description'], undefined);
    assert.deepEqual(validateAmb(doc), { valid: true });
  });

  void it('defaults to the first inLanguage that the name has, else the first name key', () => {
    assert.equal(profileToAmb(record({ inLanguage: ['fr', 'en'] }))['name'], 'Example');
    assert.equal(profileToAmb(record({}))['name'], 'Beispiel');
  });

  void it('gives an AMB-valid default language for regional and unknown-language names', () => {
    const regional = profileToAmb(record({ name: { 'pt-BR': 'Exemplo' }, inLanguage: ['pt-BR'] }));
    assert.deepEqual(regional['@context'], [AMB_CONTEXT, { '@language': 'pt' }]);
    assert.deepEqual(regional['inLanguage'], ['pt']);
    const unknown = profileToAmb(record({ name: { und: 'Beispiel' }, inLanguage: ['fr'] }));
    assert.deepEqual(unknown['@context'], [AMB_CONTEXT, { '@language': 'fr' }]);
    assert.deepEqual(validateAmb(unknown), { valid: true });
  });

  void it('keeps only what AMB accepts from controlled fields', () => {
    const doc = profileToAmb(
      record({
        about: [{ id: 'https://example.org/subjects/maths', prefLabel: { en: 'Maths' } }],
        educationalLevel: [
          { id: 'https://w3id.org/kim/educationalLevel/level_06' },
          { id: 'https://example.org/levels/bachelor' },
        ],
        learningResourceType: [
          { id: 'https://w3id.org/kim/hcrt/video', prefLabel: { 'de-AT': 'Video', und: 'x' } },
        ],
        license: { id: 'https://spdx.org/licenses/MPL-2.0.html', group: 'other-open' },
        creator: [
          {
            type: 'Person',
            name: 'Ada',
            email: 'ada@example.org',
            orcid: 'https://orcid.org/0000-0002-3064-147X',
          },
        ],
        requiresLogin: true,
      }),
    );
    assert.deepEqual(validateAmb(doc), { valid: true });
    // AMB requires a subject from its vocabularies; an "about" without one is left out as a whole.
    assert.equal(doc['about'], undefined);
    assert.deepEqual(doc['educationalLevel'], [
      { id: 'https://w3id.org/kim/educationalLevel/level_06', type: 'Concept' },
    ]);
    assert.deepEqual(doc['learningResourceType'], [
      { id: 'https://w3id.org/kim/hcrt/video', type: 'Concept', prefLabel: { de: 'Video' } },
    ]);
    assert.equal(doc['license'], undefined);
    assert.deepEqual(doc['creator'], [
      { type: 'Person', name: 'Ada', id: 'https://orcid.org/0000-0002-3064-147X' },
    ]);
    assert.deepEqual(doc['conditionsOfAccess'], {
      id: 'http://w3id.org/kim/conditionsOfAccess/login',
      type: 'Concept',
    });
  });
});
