// Records for the reuse tests: a small valid profile record with what each test overrides.
import type { ResourceRecord } from '../../src/domain/profile.js';
import { translator } from '../../src/web/i18n/catalog.js';
import type { UiLocale } from '../../src/web/i18n/locales.js';
import type { ReuseWording } from '../../src/reuse/attribution.js';

export function record(overrides: Partial<ResourceRecord> = {}): ResourceRecord {
  return {
    id: 'https://example.org/photo',
    type: ['LearningResource'],
    name: { en: 'Photosynthesis in green plants' },
    url: 'https://example.org/photo',
    inLanguage: ['en'],
    provenance: [
      {
        sourceId: 'src_1',
        sourceRecordId: 'oai:example.org:1',
        harvestedAt: '2024-03-01T10:00:00Z',
        fields: ['name'],
      },
    ],
    ...overrides,
  };
}

export const BY = { id: 'https://creativecommons.org/licenses/by/4.0/', group: 'by' } as const;

/** The catalog's wording in one UI language, as the page passes it. */
export function wording(locale: UiLocale): ReuseWording {
  const messages = translator(locale);
  return { locale, t: (key, values) => messages.t(key, values) };
}
