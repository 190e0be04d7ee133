// The common profile: one record shape for every resource, whatever protocol or format it came from.
// It follows the AMB / schema.org / LRMI vocabulary (so it serializes to AMB JSON-LD without loss) and adds
// per-language text maps, schema.org accessibility properties, canonical controlled values (licence,
// ISCED 2011 levels, ISCED-F 2013 fields) and per-source provenance. The TypeBox schemas below are the single
// definition: TypeScript types are inferred from them and `schema/oer-atlas-record.schema.json` is generated
// from them. Pure data; never performs I/O.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Uri = Type.String({ format: 'uri', maxLength: 4096 });
const NonEmpty = (max = 100_000) => Type.String({ minLength: 1, maxLength: max });

/** A BCP 47 tag ("en", "pt-BR", "zh-Hans"), or "und" when the language is unknown. */
export const LanguageTag = Type.String({
  pattern: '^(?:[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*|und|zxx|mul)$',
  maxLength: 35,
});

/** Text in several languages: `{ "en": "Algebra", "fr": "Algèbre" }`. Keys are BCP 47 tags or "und". */
// additionalProperties: false matters: a Record over a key pattern becomes `patternProperties`, which on its
// own lets keys that are not language tags ("en_us", "__proto__") through.
export const LangMap = Type.Record(LanguageTag, NonEmpty(), {
  minProperties: 1,
  additionalProperties: false,
});
/** Lists of texts per language, for keywords. */
export const LangMapList = Type.Record(LanguageTag, Type.Array(NonEmpty(1000), { minItems: 1 }), {
  minProperties: 1,
  additionalProperties: false,
});

/** A concept of a controlled vocabulary (UNESCO Thesaurus, HCRT, ISCED...), with labels when known. */
export const Concept = Type.Object(
  {
    id: Uri,
    prefLabel: Type.Optional(LangMap),
    /** The concept scheme the concept belongs to, when known. */
    inScheme: Type.Optional(Uri),
    /** The scheme's own code ("0532" in ISCED-F, "2" in ISCED 2011). */
    notation: Type.Optional(NonEmpty(64)),
  },
  { additionalProperties: false },
);

const AgentBase = {
  name: NonEmpty(1000),
  /** A URI identifying the agent (ORCID, ROR, Wikidata, GND...), when the source gave one. */
  id: Type.Optional(Uri),
  /** ORCID iD in its https form, for people. */
  orcid: Type.Optional(Type.String({ pattern: '^https://orcid\\.org/\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]$' })),
  /** ROR id in its https form, for organisations. */
  ror: Type.Optional(Type.String({ pattern: '^https://ror\\.org/0[a-z0-9]{6}\\d{2}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
};

export const Organization = Type.Object(
  { type: Type.Literal('Organization'), ...AgentBase },
  { additionalProperties: false },
);
export const Person = Type.Object(
  {
    type: Type.Literal('Person'),
    ...AgentBase,
    /** Academic title as AMB carries it ("Dr."), kept apart from the name. */
    honorificPrefix: Type.Optional(NonEmpty(64)),
    affiliation: Type.Optional(Organization),
  },
  { additionalProperties: false },
);
export const Agent = Type.Union([Person, Organization]);

export const LICENSE_GROUPS = [
  'public-domain',
  'by',
  'by-sa',
  'by-nc',
  'by-nc-sa',
  'by-nd',
  'by-nc-nd',
  'other-open',
  'restricted',
  'unknown',
] as const;
export const LicenseGroup = Type.Union(LICENSE_GROUPS.map((g) => Type.Literal(g)));

/** The licence of a resource: a canonical URI (Creative Commons deed or SPDX) and its group. */
export const License = Type.Object(
  {
    /** Canonical licence URI, e.g. https://creativecommons.org/licenses/by-sa/4.0/ ; absent when unknown. */
    id: Type.Optional(Uri),
    group: LicenseGroup,
    /** The statements the sources made, exactly as given (URLs, badges, free text). */
    original: Type.Optional(Type.Array(NonEmpty(4096), { maxItems: 50 })),
    /** Set when sources state licences that contradict each other; every statement is kept. */
    conflict: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A link to another resource (isBasedOn, translation): by URI, by name, or both. */
export const ResourceLink = Type.Object(
  {
    id: Type.Optional(Uri),
    name: Type.Optional(NonEmpty(2000)),
    inLanguage: Type.Optional(LanguageTag),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MediaObject = Type.Object(
  {
    contentUrl: Type.Optional(Uri),
    embedUrl: Type.Optional(Uri),
    encodingFormat: Type.Optional(NonEmpty(255)),
    contentSize: Type.Optional(NonEmpty(64)),
    bitrate: Type.Optional(NonEmpty(64)),
    /** SHA-256 of the file, as AMB carries it. */
    sha256: Type.Optional(Type.String({ pattern: '^[A-Fa-f0-9]{64}$' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A short video or audio teaser of the resource (AMB `trailer`). */
export const TrailerMedia = Type.Object(
  {
    type: Type.Union([Type.Literal('VideoObject'), Type.Literal('AudioObject')]),
    contentUrl: Type.Optional(Uri),
    embedUrl: Type.Optional(Uri),
    encodingFormat: Type.Optional(NonEmpty(255)),
    contentSize: Type.Optional(NonEmpty(64)),
    bitrate: Type.Optional(NonEmpty(64)),
  },
  { additionalProperties: false },
);

/** A caption or subtitle file of an audio or video resource (AMB `caption`), one language each. */
export const Caption = Type.Object(
  {
    id: Uri,
    encodingFormat: Type.Optional(NonEmpty(255)),
    inLanguage: Type.Optional(LanguageTag),
  },
  { additionalProperties: false },
);

export const IDENTIFIER_KINDS = ['doi', 'isbn', 'handle', 'urn', 'url', 'other'] as const;
export const Identifier = Type.Object(
  {
    kind: Type.Union(IDENTIFIER_KINDS.map((k) => Type.Literal(k))),
    value: NonEmpty(2048),
  },
  { additionalProperties: false },
);

/** One source's contribution to a record: who said it, when, and which fields it supplied. */
export const Provenance = Type.Object(
  {
    sourceId: NonEmpty(128),
    sourceRecordId: NonEmpty(2048),
    harvestedAt: Type.String({ format: 'date-time' }),
    /** The datestamp the source gave the record (OAI-PMH header datestamp, sitemap lastmod...). */
    sourceDatestamp: Type.Optional(Type.String({ maxLength: 64 })),
    /** Profile fields this source supplied. */
    fields: Type.Array(NonEmpty(64), { uniqueItems: true }),
  },
  { additionalProperties: false },
);

/** ISCED 2011 level codes: "0".."8", and the two-digit sub-levels such as "24" or "34". */
export const IscedLevel = Type.String({ pattern: '^[0-8][0-9]?$' });
/** ISCED-F 2013 field codes: broad (2 digits), narrow (3) or detailed (4). */
export const IscedField = Type.String({ pattern: '^[0-9]{2,4}$' });
const Strings = (max = 200) => Type.Array(NonEmpty(max), { uniqueItems: true, maxItems: 200 });

export const ResourceRecordSchema = Type.Object(
  {
    /** The resource's own URI when it has one (landing page), else a stable URN minted by the mapper. */
    id: Uri,
    /** schema.org types; always includes "LearningResource". */
    type: Type.Array(NonEmpty(64), {
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      contains: Type.Literal('LearningResource'),
    }),
    name: LangMap,
    description: Type.Optional(LangMap),
    keywords: Type.Optional(LangMapList),
    /** Canonical landing page URL (normalized); the original stays in `urlOriginal`. */
    url: Type.Optional(Uri),
    urlOriginal: Type.Optional(NonEmpty(4096)),
    identifiers: Type.Optional(Type.Array(Identifier, { maxItems: 100 })),
    inLanguage: Type.Optional(Type.Array(LanguageTag, { uniqueItems: true })),
    /** How inLanguage was obtained: stated by the source, or detected from the text. */
    inLanguageOrigin: Type.Optional(Type.Union([Type.Literal('declared'), Type.Literal('detected')])),
    license: Type.Optional(License),
    iscedLevels: Type.Optional(Type.Array(IscedLevel, { uniqueItems: true })),
    iscedFields: Type.Optional(Type.Array(IscedField, { uniqueItems: true })),
    /** Subject concepts (UNESCO Thesaurus and others); the original keywords stay in `keywords`. */
    about: Type.Optional(Type.Array(Concept, { maxItems: 500 })),
    educationalLevel: Type.Optional(Type.Array(Concept, { maxItems: 100 })),
    learningResourceType: Type.Optional(Type.Array(Concept, { maxItems: 100 })),
    audience: Type.Optional(Type.Array(Concept, { maxItems: 100 })),
    teaches: Type.Optional(Type.Array(Concept, { maxItems: 500 })),
    /** Competencies or outcomes the resource assesses (AMB `assesses`). */
    assesses: Type.Optional(Type.Array(Concept, { maxItems: 500 })),
    /** Competencies a learner needs beforehand (AMB `competencyRequired`). */
    competencyRequired: Type.Optional(Type.Array(Concept, { maxItems: 500 })),
    interactivityType: Type.Optional(Concept),
    creator: Type.Optional(Type.Array(Agent, { maxItems: 500 })),
    contributor: Type.Optional(Type.Array(Agent, { maxItems: 500 })),
    publisher: Type.Optional(Type.Array(Agent, { maxItems: 100 })),
    funder: Type.Optional(Type.Array(Agent, { maxItems: 100 })),
    dateCreated: Type.Optional(Type.String({ maxLength: 64 })),
    datePublished: Type.Optional(Type.String({ maxLength: 64 })),
    dateModified: Type.Optional(Type.String({ maxLength: 64 })),
    /** ISO 8601 duration, e.g. PT1H30M. */
    duration: Type.Optional(
      Type.String({
        pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$',
      }),
    ),
    image: Type.Optional(Uri),
    encoding: Type.Optional(Type.Array(MediaObject, { maxItems: 100 })),
    trailer: Type.Optional(TrailerMedia),
    /** Caption and subtitle files; an accessibility feature of audio and video resources. */
    caption: Type.Optional(Type.Array(Caption, { maxItems: 100 })),
    isBasedOn: Type.Optional(Type.Array(ResourceLink, { maxItems: 100 })),
    /** The work this resource is a translation of. */
    translationOfWork: Type.Optional(ResourceLink),
    /** Known translations of this resource. */
    workTranslation: Type.Optional(Type.Array(ResourceLink, { maxItems: 200 })),
    isPartOf: Type.Optional(Type.Array(ResourceLink, { maxItems: 100 })),
    hasPart: Type.Optional(Type.Array(ResourceLink, { maxItems: 1000 })),
    isAccessibleForFree: Type.Optional(Type.Boolean()),
    /** Whether a login is needed to use the resource (from conditionsOfAccess). */
    requiresLogin: Type.Optional(Type.Boolean()),
    // schema.org accessibility properties (https://schema.org/accessMode and siblings).
    accessMode: Type.Optional(Strings(64)),
    /** Each entry is one sufficient combination of access modes, e.g. ["textual", "visual"]. */
    accessModeSufficient: Type.Optional(Type.Array(Strings(64), { maxItems: 50 })),
    accessibilityFeature: Type.Optional(Strings(64)),
    accessibilityHazard: Type.Optional(Strings(64)),
    accessibilityControl: Type.Optional(Strings(64)),
    accessibilityAPI: Type.Optional(Strings(64)),
    accessibilitySummary: Type.Optional(LangMap),
    provenance: Type.Array(Provenance, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type LangMapValue = Static<typeof LangMap>;
export type ConceptValue = Static<typeof Concept>;
export type AgentValue = Static<typeof Agent>;
export type LicenseGroupValue = (typeof LICENSE_GROUPS)[number];
export type LicenseValue = Static<typeof License>;
export type ProvenanceValue = Static<typeof Provenance>;
/** A resource described in the common profile. */
export type ResourceRecord = Static<typeof ResourceRecordSchema>;

/** The JSON Schema document of the profile, as published in `schema/oer-atlas-record.schema.json`. */
export function profileJsonSchema(): Record<string, unknown> {
  const schema: TSchema = ResourceRecordSchema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://oer-atlas.org/schema/oer-atlas-record.schema.json',
    title: 'OER Atlas resource record',
    description:
      'The OER Atlas common profile: AMB/LRMI-compatible, with per-language text, accessibility and provenance.',
    ...(JSON.parse(JSON.stringify(schema)) as Record<string, unknown>),
  };
}
