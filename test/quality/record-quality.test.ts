// assessRecord on realistic records: a rich one, a sparse real oai_dc record, real LOM and JSON-LD records
// through the mappers, and one case per check where removing or spoiling a field fails exactly that check
// with its fix while the rich record passes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceRecord } from '../../src/domain/profile.js';
import { mapAmbToProfile } from '../../src/formats/amb/amb-to-profile.js';
import { mapLom } from '../../src/formats/lom/map-lom.js';
import { mapOaiDc } from '../../src/formats/oai-dc/map-oai-dc.js';
import { validateRecord } from '../../src/formats/profile/validate-record.js';
import { FIX_MESSAGES, type FixCode } from '../../src/quality/messages.js';
import {
  assessRecord,
  CHECKS,
  FIX_CHECK,
  type LinkCheck,
  type RecordQuality,
} from '../../src/quality/record-quality.js';
import { corpusXml } from '../formats/oai-pmh/support.js';
import { readText } from '../formats/corpus.js';
import { assertConsistent, HARVESTED_AT, patched, realisticContext, richRecord } from './records.js';

const produced = new Set<string>();

function assess(record: ResourceRecord, link?: LinkCheck): RecordQuality {
  const q = assessRecord(record, link);
  assertConsistent(q);
  for (const f of q.fixes) produced.add(f.code);
  return q;
}

function check(q: RecordQuality, code: string): boolean | undefined {
  return q.checks.find((c) => c.code === code)?.passed;
}

function fixCodes(q: RecordQuality): string[] {
  return q.fixes.map((f) => f.code);
}

const ALIVE: LinkCheck = { status: 'alive', httpStatus: 200, checkedAt: '2024-05-02T08:00:00Z' };

void describe('assessRecord: whole records', () => {
  void it('gives the rich record (valid against the profile) 100 and no fix', () => {
    const record = richRecord();
    assert.equal(validateRecord(record).valid, true);
    const q = assess(record, ALIVE);
    assert.equal(q.score, 100);
    assert.deepEqual(q.fixes, []);
    assert.ok(
      q.checks.some((c) => c.code === 'captions'),
      'a video is asked for captions',
    );
    assert.ok(q.checks.some((c) => c.code === 'link_alive'));
  });

  void it('gives a sparse real oai_dc record a low score and the fixes it needs', () => {
    const record = mapOaiDc(
      corpusXml('oai-pmh', 'bare_oai_dc_minimal.xml'),
      realisticContext('oai:lume:10183/394'),
    );
    const q = assess(record);
    assert.ok(q.score < 50, `score ${q.score}`);
    assert.deepEqual(
      new Set(fixCodes(q)),
      new Set([
        'license_missing',
        'language_missing',
        'description_short',
        'education_level_missing',
        'subject_missing',
        'resource_type_missing',
        'accessibility_missing',
        'keywords_missing',
        'image_missing',
        'file_format_missing',
        'access_conditions_missing',
      ]),
    );
    // Errors first: the licence (weight 10) before the language (weight 8).
    assert.deepEqual(fixCodes(q).slice(0, 2), ['license_missing', 'language_missing']);
    assert.equal(q.fixes.find((f) => f.code === 'description_short')?.params?.length, 'Descrição 2'.length);
  });

  void it('scores an empty-ish record far below a rich one', () => {
    const bare: ResourceRecord = {
      id: 'urn:oer-atlas:test-source:row%2012',
      type: ['LearningResource'],
      name: { und: 'Arbeitsblatt.pdf' },
      provenance: [
        { sourceId: 'test-source', sourceRecordId: 'row 12', harvestedAt: HARVESTED_AT, fields: ['name'] },
      ],
    };
    const q = assess(bare);
    assert.equal(q.score, 0);
    assert.equal(q.format, 'csv');
    assert.ok(fixCodes(q).includes('title_uninformative'));
    assert.ok(fixCodes(q).includes('url_missing'));
  });

  void it('reads real LOM and JSON-LD records without inconsistency, naming the elements of their format', () => {
    const lom = mapLom(
      corpusXml('lom', 'scolomfr', 'scolomfr-3.1_reference-manual-example.xml'),
      realisticContext('oai:scolomfr:1'),
    );
    const lq = assess(lom);
    assert.equal(lq.format, 'lom');
    for (const f of lq.fixes) {
      assert.doesNotMatch(f.message, /dc:|\(schema\.org\)/, f.message);
    }
    const licence = lq.fixes.find((f) => f.field === 'license');
    if (licence !== undefined) assert.match(licence.message, /rights\/description/);

    const line = readText('jsonld', 'orca-nrw_lrmi-profile_8-records.ndjson').split('\n')[0] ?? '';
    const amb = mapAmbToProfile(JSON.parse(line) as unknown, {
      sourceId: 'orca',
      sourceRecordId: 'orca.ndjson#1',
      harvestedAt: HARVESTED_AT,
      fields: [],
    }).record;
    const aq = assess(amb);
    assert.equal(aq.format, 'schema');
    for (const f of aq.fixes) assert.doesNotMatch(f.message, /dc:|general\//, f.message);
  });

  void it('names the elements of every format when the record does not show its format', () => {
    const record = patched(richRecord(), {
      license: undefined,
      type: ['LearningResource'],
      provenance: [{ sourceId: 's', sourceRecordId: 'oai:x:1', harvestedAt: HARVESTED_AT, fields: [] }],
    });
    const q = assess(record);
    assert.equal(q.format, null);
    const fix = q.fixes.find((f) => f.code === 'license_missing');
    assert.ok(fix !== undefined);
    assert.match(
      fix.message,
      /dc:rights \(Dublin Core\), rights\/description \(LOM\) or license \(schema\.org\)/,
    );
  });

  void it('orders a record from the same source: declared language > detected > none', () => {
    const declared = assess(richRecord()).score;
    const detected = assess(patched(richRecord(), { inLanguageOrigin: 'detected' })).score;
    const none = assess(patched(richRecord(), { inLanguage: undefined, inLanguageOrigin: undefined })).score;
    assert.ok(declared > detected && detected > none, `${declared} ${detected} ${none}`);
  });

  void it('leaves out checks that do not apply: unchecked links, no identifiers, no audio or video', () => {
    const text = patched(richRecord(), {
      type: ['LearningResource'],
      learningResourceType: [{ id: 'https://w3id.org/kim/hcrt/worksheet' }],
      encoding: [{ encodingFormat: 'application/pdf' }],
      caption: undefined,
      identifiers: undefined,
      creator: [{ type: 'Person', name: 'A. Author' }],
    });
    for (const link of [undefined, { status: 'unchecked' } as const]) {
      const q = assess(text, link);
      for (const code of ['link_alive', 'captions', 'identifiers_valid'])
        assert.equal(check(q, code), undefined, code);
      assert.equal(q.score, 100);
    }
  });

  void it('keeps a redirected link as passed and suggests the final address', () => {
    const q = assess(richRecord(), { status: 'redirected', httpStatus: 301 });
    assert.equal(check(q, 'link_alive'), true);
    assert.equal(q.score, 100);
    assert.deepEqual(fixCodes(q), ['link_redirected']);
    assert.equal(q.fixes[0]?.severity, 'info');
  });
});

interface FlipCase {
  readonly check: string;
  readonly fix: FixCode;
  readonly patch: Record<string, unknown>;
  readonly link?: LinkCheck;
}

const DCMI_MOVING_IMAGE = {
  id: 'http://purl.org/dc/dcmitype/MovingImage',
  inScheme: 'http://purl.org/dc/dcmitype/',
};

const FLIPS: readonly FlipCase[] = [
  { check: 'title', fix: 'title_uninformative', patch: { name: { en: 'IMG_2034.mp4' } } },
  { check: 'title', fix: 'title_uninformative', patch: { name: { fr: 'Sans titre' } } },
  { check: 'title', fix: 'title_uninformative', patch: { name: { und: 'https://www.oerbw.de/x' } } },
  { check: 'description', fix: 'description_missing', patch: { description: undefined } },
  { check: 'description', fix: 'description_short', patch: { description: { en: 'Lecture video.' } } },
  {
    check: 'description',
    fix: 'description_repeats_title',
    patch: { description: { en: 'Introduction to difference equations.' } },
  },
  {
    check: 'language',
    fix: 'language_missing',
    patch: { inLanguage: undefined, inLanguageOrigin: undefined },
  },
  { check: 'language', fix: 'language_missing', patch: { inLanguage: ['und'] } },
  { check: 'language_declared', fix: 'language_detected', patch: { inLanguageOrigin: 'detected' } },
  { check: 'license', fix: 'license_missing', patch: { license: undefined } },
  {
    check: 'license_recognised',
    fix: 'license_unrecognised',
    patch: { license: { group: 'unknown', original: ['siehe Impressum'] } },
  },
  {
    check: 'license_consistent',
    fix: 'license_conflict',
    patch: {
      license: {
        id: 'https://creativecommons.org/licenses/by-nc/4.0/',
        group: 'by-nc',
        original: ['CC BY 4.0', 'CC BY-NC 4.0'],
        conflict: true,
      },
    },
  },
  {
    check: 'license_open',
    fix: 'license_not_open',
    patch: { license: { group: 'restricted', original: ['© Alle Rechte vorbehalten'] } },
  },
  {
    check: 'education_level',
    fix: 'education_level_missing',
    patch: { iscedLevels: undefined, educationalLevel: undefined },
  },
  { check: 'education_level', fix: 'education_level_unmapped', patch: { iscedLevels: undefined } },
  { check: 'subject', fix: 'subject_keywords_only', patch: { about: undefined, iscedFields: undefined } },
  {
    check: 'subject',
    fix: 'subject_missing',
    patch: { about: undefined, iscedFields: undefined, keywords: undefined },
  },
  { check: 'resource_type', fix: 'resource_type_missing', patch: { learningResourceType: undefined } },
  {
    check: 'resource_type',
    fix: 'resource_type_generic',
    patch: { learningResourceType: [DCMI_MOVING_IMAGE] },
  },
  {
    check: 'accessibility',
    fix: 'accessibility_missing',
    patch: { accessMode: undefined, accessibilityFeature: undefined, accessibilityHazard: undefined },
  },
  {
    check: 'captions',
    fix: 'captions_missing',
    patch: { caption: undefined, accessibilityFeature: ['transcript'] },
  },
  {
    check: 'captions',
    fix: 'transcript_missing',
    patch: {
      type: ['LearningResource', 'AudioObject'],
      learningResourceType: [{ id: 'https://w3id.org/kim/hcrt/audio' }],
      encoding: [{ encodingFormat: 'audio/mpeg' }],
      caption: undefined,
      accessibilityFeature: ['alternativeText'],
    },
  },
  { check: 'creator', fix: 'creator_missing', patch: { creator: undefined, publisher: undefined } },
  {
    check: 'date',
    fix: 'date_missing',
    patch: { dateCreated: undefined, datePublished: undefined, dateModified: undefined },
  },
  { check: 'url', fix: 'url_missing', patch: { url: undefined } },
  {
    check: 'url_valid',
    fix: 'url_not_public',
    patch: { url: 'http://localhost:8080/moodle/mod/resource/view.php?id=3' },
  },
  { check: 'url_valid', fix: 'url_invalid', patch: { url: undefined, urlOriginal: 'htp:/www.oerbw.de/x' } },
  { check: 'dates_valid', fix: 'date_invalid', patch: { datePublished: '2021-02-30' } },
  {
    check: 'dates_valid',
    fix: 'date_future',
    patch: { datePublished: '2031-09-01', dateModified: undefined },
  },
  { check: 'dates_valid', fix: 'date_too_early', patch: { datePublished: '0201' } },
  { check: 'dates_valid', fix: 'date_placeholder', patch: { datePublished: '1970-01-01T00:00:00Z' } },
  { check: 'dates_valid', fix: 'date_order', patch: { dateModified: '2020-12-31' } },
  {
    check: 'identifiers_valid',
    fix: 'identifier_invalid',
    patch: { identifiers: [{ kind: 'isbn', value: '9783161484101' }] },
  },
  {
    check: 'identifiers_valid',
    fix: 'identifier_invalid',
    patch: {
      creator: [{ type: 'Person', name: 'Thomas Dacher', orcid: 'https://orcid.org/0000-0002-5962-0348' }],
    },
  },
  {
    check: 'link_alive',
    fix: 'link_dead',
    patch: {},
    link: { status: 'dead', httpStatus: 404, checkedAt: '2024-05-02' },
  },
  { check: 'link_alive', fix: 'link_dead', patch: {}, link: { status: 'dead' } },
  { check: 'keywords', fix: 'keywords_missing', patch: { keywords: undefined } },
  { check: 'image', fix: 'image_missing', patch: { image: undefined } },
  { check: 'file_format', fix: 'file_format_missing', patch: { encoding: undefined } },
  {
    check: 'access_conditions',
    fix: 'access_conditions_missing',
    patch: { isAccessibleForFree: undefined, requiresLogin: undefined },
  },
];

void describe('assessRecord: each check flips with its field', () => {
  const rich = assess(richRecord(), ALIVE);
  for (const flip of FLIPS) {
    void it(`${flip.check} fails with ${flip.fix} for ${JSON.stringify(flip.patch).slice(0, 90)}`, () => {
      assert.equal(check(rich, flip.check), true);
      const q = assess(patched(richRecord(), flip.patch), flip.link ?? ALIVE);
      assert.equal(check(q, flip.check), false);
      const fix = q.fixes.find((f) => f.code === flip.fix);
      assert.ok(fix !== undefined, `fixes: ${fixCodes(q).join(', ')}`);
      assert.equal(fix.severity, FIX_MESSAGES[flip.fix].severity);
      assert.ok(q.score < rich.score);
      // Only the checks the spoiled fields feed fail.
      const failed = q.checks.filter((c) => !c.passed).map((c) => c.code);
      assert.ok(failed.includes(flip.check));
      assert.ok(failed.length <= 3, `failed: ${failed.join(', ')}`);
    });
  }

  void it('carries the values the messages name in params', () => {
    const dead = assess(richRecord(), { status: 'dead', httpStatus: 410, checkedAt: '2024-05-02T08:00:00Z' });
    const fix = dead.fixes.find((f) => f.code === 'link_dead');
    assert.equal(fix?.params?.httpStatus, 410);
    assert.match(fix?.message ?? '', /HTTP 410/);
    const future = assess(patched(richRecord(), { datePublished: '2031-09-01', dateModified: undefined }));
    const f = future.fixes.find((x) => x.code === 'date_future');
    assert.equal(f?.params?.value, '2031-09-01');
    assert.equal(f?.params?.harvested, '2024-05-01');
    assert.equal(f?.field, 'datePublished');
  });

  void it('produced every fix code of the message table', () => {
    // Runs after the cases above (node:test runs the tests of a file in order).
    assert.deepEqual([...produced].sort(), Object.keys(FIX_MESSAGES).sort());
  });
});

void describe('the tables', () => {
  void it('has a check for every fix, a fix for every check, and positive weights', () => {
    const checks = new Set(Object.keys(CHECKS));
    assert.equal(checks.size, 24);
    const fixed = new Set(Object.values(FIX_CHECK));
    for (const code of fixed) assert.ok(checks.has(code), code);
    for (const code of checks) assert.ok(fixed.has(code as never), `${code} has no fix`);
    for (const spec of Object.values(CHECKS)) assert.ok(spec.weight > 0 && Number.isInteger(spec.weight));
    assert.deepEqual(Object.keys(FIX_CHECK).sort(), Object.keys(FIX_MESSAGES).sort());
  });

  void it('writes source messages with no placeholder but {element}', () => {
    for (const [code, entry] of Object.entries(FIX_MESSAGES)) {
      const names = [...entry.source.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(names)], ['element'], code);
      assert.match(entry.record, /\{element\}/, code);
    }
  });
});
