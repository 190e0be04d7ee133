// Records for the quality suites: a rich, valid record built after real ones (a lecture video of the
// HS-OER-LOM example, as an AMB source would describe it), corpus records through the real mappers, and a
// consistency check every assessment must pass. Test helper only; reads corpus files, never writes.
import assert from 'node:assert/strict';
import type { ResourceRecord } from '../../src/domain/profile.js';
import type { MappingContext } from '../../src/formats/mapping.js';
import { licenseValue } from '../../src/normalize/license.js';
import { FIX_CHECK, type RecordQuality } from '../../src/quality/record-quality.js';
import type { FixCode } from '../../src/quality/messages.js';
import { basicNormalizers } from '../support/basic-normalizers.js';

export const HARVESTED_AT = '2024-05-01T12:00:00Z';

/** A mapping context with the real licence normalizer, so licences are what ingest would make of them. */
export function realisticContext(sourceRecordId: string): MappingContext {
  return {
    sourceId: 'test-source',
    sourceRecordId,
    harvestedAt: HARVESTED_AT,
    normalize: { language: (raw) => basicNormalizers.language(raw), license: licenseValue },
  };
}

const BASE = 'https://www.oerbw.de/edu-sharing/components/render/c0a478bd-b5f0-4d67-89c5-4a49dfefddcf';

/** Everything a source can say about a resource, said well. */
export function richRecord(): ResourceRecord {
  return {
    id: BASE,
    type: ['LearningResource', 'VideoObject'],
    name: { en: 'Introduction to Difference Equations', de: 'Einführung in Differenzengleichungen' },
    description: {
      en:
        'A 30-minute lecture video introducing first-order linear difference equations: solving them by ' +
        'iteration, steady states, and applications to loans and population models. For first-year ' +
        'students of economics.',
    },
    keywords: { en: ['difference equation', 'recurrence relation'], de: ['Differenzengleichung'] },
    url: BASE,
    identifiers: [
      { kind: 'doi', value: '10.1137/S0036144500378302' },
      { kind: 'handle', value: '10900.3/OER_ZZxWvFJV' },
      { kind: 'isbn', value: '9783161484100' },
    ],
    inLanguage: ['en'],
    inLanguageOrigin: 'declared',
    license: {
      id: 'https://creativecommons.org/licenses/by/4.0/',
      group: 'by',
      original: ['https://creativecommons.org/licenses/by/4.0/'],
    },
    iscedLevels: ['6'],
    iscedFields: ['0311', '0541'],
    about: [
      {
        id: 'http://w3id.org/kim/hochschulfaechersystematik/n276',
        prefLabel: { de: 'Wirtschaftsmathematik' },
        inScheme: 'https://w3id.org/kim/hochschulfaechersystematik/scheme',
      },
    ],
    educationalLevel: [
      { id: 'https://w3id.org/kim/educationalLevel/level_06', prefLabel: { en: 'Bachelor' } },
    ],
    learningResourceType: [
      {
        id: 'https://w3id.org/kim/hcrt/video',
        prefLabel: { en: 'Video' },
        inScheme: 'https://w3id.org/kim/hcrt/scheme',
      },
    ],
    accessMode: ['auditory', 'visual'],
    accessibilityFeature: ['captions', 'transcript'],
    accessibilityHazard: ['noFlashingHazard'],
    caption: [{ id: `${BASE}/captions-en.vtt`, encodingFormat: 'text/vtt', inLanguage: 'en' }],
    creator: [{ type: 'Person', name: 'Thomas Dacher', orcid: 'https://orcid.org/0000-0002-5962-0349' }],
    publisher: [{ type: 'Organization', name: 'Hochschule Reutlingen' }],
    dateCreated: '2021-02-01',
    datePublished: '2021-03-15',
    dateModified: '2022-01-10T09:30:00Z',
    image: `${BASE}/preview.png`,
    encoding: [{ contentUrl: `${BASE}/lecture.mp4`, encodingFormat: 'video/mp4', contentSize: '45061194' }],
    isAccessibleForFree: true,
    requiresLogin: false,
    provenance: [
      {
        sourceId: 'zoerr',
        sourceRecordId: 'https://www.oerbw.de/resources/c0a478bd.json',
        harvestedAt: HARVESTED_AT,
        fields: ['name', 'description', 'license'],
      },
    ],
  };
}

/** The record with some fields replaced; `undefined` removes a field. */
export function patched(record: ResourceRecord, patch: Record<string, unknown>): ResourceRecord {
  const out = Object.fromEntries(
    Object.entries({ ...record, ...patch }).filter(([, value]) => value !== undefined),
  );
  return out as ResourceRecord;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * What every assessment must satisfy: the score is the weighted share of passed checks; every failed check
 * has a fix and every fix but an informational one belongs to a failed check; fixes are ordered errors
 * first, then by weight; no message keeps a placeholder.
 */
export function assertConsistent(q: RecordQuality): void {
  const total = q.checks.reduce((s, c) => s + c.weight, 0);
  const passed = q.checks.reduce((s, c) => s + (c.passed ? c.weight : 0), 0);
  assert.equal(q.score, Math.round((100 * passed) / total));
  assert.ok(Number.isInteger(q.score) && q.score >= 0 && q.score <= 100);
  const codes = new Set(q.checks.map((c) => c.code));
  assert.equal(codes.size, q.checks.length, 'a check counted twice');
  const failed = new Set(q.checks.filter((c) => !c.passed).map((c) => c.code));
  const fixedChecks = new Set(q.fixes.map((f) => FIX_CHECK[f.code as FixCode]));
  for (const code of failed) assert.ok(fixedChecks.has(code as never), `failed check ${code} has no fix`);
  for (const f of q.fixes) {
    if (f.severity !== 'info')
      assert.ok(failed.has(FIX_CHECK[f.code as FixCode]), `${f.code} without a failed check`);
    assert.doesNotMatch(f.message, /\{\w+\}/, f.message);
    assert.ok(typeof f.params?.element === 'string' && f.params.element.length > 0);
  }
  const weightOf = (code: string): number =>
    q.checks.find((c) => c.code === FIX_CHECK[code as FixCode])?.weight ?? 0;
  for (let i = 1; i < q.fixes.length; i++) {
    const a = q.fixes[i - 1];
    const b = q.fixes[i];
    assert.ok(a !== undefined && b !== undefined);
    const order = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
    assert.ok(
      order < 0 || (order === 0 && weightOf(a.code) >= weightOf(b.code)),
      `${a.code} before ${b.code}`,
    );
  }
}
