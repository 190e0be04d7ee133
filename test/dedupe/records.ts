// Short profile records for the duplicate-detection tests: what a test names, a fresh id, address and source
// otherwise. Test helper only.
import type { AgentValue, ResourceRecord } from '../../src/domain/profile.js';

let serial = 0;

export interface Spec {
  title: string;
  language?: string;
  description?: string;
  url?: string;
  identifiers?: { kind: 'doi' | 'isbn' | 'handle' | 'urn' | 'url' | 'other'; value: string }[];
  creators?: string[];
  organisations?: string[];
  source?: string;
  datePublished?: string;
  extra?: Partial<ResourceRecord>;
}

/** A record of the profile with what a test names, and a fresh source and id otherwise. */
export function record(spec: Spec): ResourceRecord {
  serial += 1;
  const language = spec.language ?? 'en';
  const url = spec.url ?? `https://repository-${serial}.example.org/item/${serial}`;
  const creator: AgentValue[] = [
    ...(spec.creators ?? []).map((name): AgentValue => ({ type: 'Person', name })),
    ...(spec.organisations ?? []).map((name): AgentValue => ({ type: 'Organization', name })),
  ];
  return {
    id: url,
    type: ['LearningResource'],
    name: { [language]: spec.title },
    ...(spec.description === undefined ? {} : { description: { [language]: spec.description } }),
    url,
    identifiers: spec.identifiers ?? [{ kind: 'url', value: url }],
    inLanguage: [language],
    ...(creator.length === 0 ? {} : { creator }),
    ...(spec.datePublished === undefined ? {} : { datePublished: spec.datePublished }),
    provenance: [
      {
        sourceId: spec.source ?? `source-${serial}`,
        sourceRecordId: `record-${serial}`,
        harvestedAt: '2024-05-01T12:00:00Z',
        fields: [],
      },
    ],
    ...spec.extra,
  };
}
