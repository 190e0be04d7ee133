// The official AMB JSON Schemas (draft), bundled as TypeScript data so they ship inside dist/ with the
// compiled code and every $ref resolves locally. Origin and licence (CC0-1.0, dini-ag-kim/amb): CREDITS.md.
// The content is upstream's, unchanged: language.json and localizedString.json are rebuilt from the one list of
// ISO 639-1 codes below because both repeat it (183 entries each); a test compares every schema here with the
// upstream files. Pure data; never fetches anything and must not be edited by hand except to follow upstream.

/** The AMB JSON-LD context every AMB document must name in its `@context`. */
export const AMB_CONTEXT_URL = 'https://w3id.org/kim/amb/context.jsonld';
/** Where the AMB draft schemas live; every `$id` below starts with it. */
export const AMB_SCHEMA_BASE = 'https://w3id.org/kim/amb/draft/schemas/';
/** The schema of a whole AMB document. */
export const AMB_ROOT_SCHEMA_ID = `${AMB_SCHEMA_BASE}schema.json`;
/** The upstream commit the schemas were taken from. */
export const AMB_SCHEMA_COMMIT = 'd94c6fe3d01e';

/** The language codes AMB accepts (ISO 639-1, two letters), in upstream order. */
export const AMB_LANGUAGES: readonly string[] = [
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de ',
  'dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia ',
  'id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo ',
  'lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ',
  'ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk ',
  'tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ',
]
  .join('')
  .trim()
  .split(' ');

const languageSchema = {
  $id: 'https://w3id.org/kim/amb/draft/schemas/language.json',
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Language code',
  description: 'An enumeration of ISO 639-1.conformant two-digit language codes.',
  type: 'string',
  enum: [...AMB_LANGUAGES],
};

const localizedStringSchema = {
  $id: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Localized String',
  description:
    'A language-tagged string using JSON-LD "language maps", see https://www.w3.org/TR/json-ld/#language-maps',
  type: 'object',
  properties: Object.fromEntries(AMB_LANGUAGES.map((code) => [code, { type: 'string' }])),
  additionalProperties: false,
};

/** Every AMB schema, keyed by file name as published upstream. */
export const AMB_SCHEMAS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'about.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/about.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Subject',
    description:
      'The subject of the learning resource, taken from Destatis classification or OpenEduHub-Fächersystematik',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['Concept'] },
        id: { type: 'string', format: 'uri' },
        prefLabel: {
          title: 'The preferred label of the concept',
          description: 'A localized string for prefLabel of a SKOS concept',
          $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
        },
      },
      required: ['id'],
    },
    contains: {
      type: 'object',
      properties: {
        id: {
          type: 'string',
          format: 'uri',
          pattern:
            '(^https://w3id.org/kim/hochschulfaechersystematik/.*|http://w3id.org/kim/schulfaecher/.*)',
        },
      },
      required: ['id'],
    },
  },
  'affiliation.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/affiliation.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Affiliation',
    description:
      'The organization a creator or contributor was affiliated with in the context of the creation of the resource',
    type: 'object',
    properties: {
      type: { title: 'Type', type: 'string', enum: ['Organization'] },
      id: { title: 'URI', type: 'string', format: 'uri' },
      name: { title: 'Name', type: 'string' },
    },
    required: ['name', 'type'],
  },
  'assesses.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/assesses.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Assesses',
    description:
      'The item being described is intended to assess the competency or learning outcome defined by the referenced term.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uri' },
        prefLabel: {
          title: 'The preferred label of the concept',
          description: 'A localized string',
          $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
        },
      },
      required: ['id'],
    },
  },
  'audience.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/audience.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Intended Audience',
    description: 'The audience the educational resource is intended for.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['Concept'] },
        id: { type: 'string', format: 'uri' },
        prefLabel: {
          title: 'The preferred label of the concept',
          description: 'A localized string for prefLabel of a SKOS concept',
          $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
        },
      },
      required: ['id'],
    },
  },
  'caption.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/caption.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Caption',
    description: 'The caption/subtitle file for an audio/video resource',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { title: 'Type', type: 'string', enum: ['MediaObject'] },
        id: { $ref: 'https://w3id.org/kim/amb/draft/schemas/id.json' },
        encodingFormat: {
          title: 'Encoding Format',
          description:
            'The media type of the media object, conforming to https://www.iana.org/assignments/media-types/media-types.xml',
          type: 'string',
        },
        inLanguage: { $ref: 'https://w3id.org/kim/amb/draft/schemas/language.json' },
      },
      required: ['id', 'type'],
    },
  },
  'competencyRequired.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/competencyRequired.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Competency Required',
    description:
      'Knowledge, skill, ability or personal attribute that must be demonstrated by a person or other entity in order to do something such as earn an Educational Occupational Credential or understand a LearningResource.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uri' },
        prefLabel: {
          title: 'The preferred label of the concept',
          description: 'A localized string',
          $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
        },
      },
      required: ['id'],
    },
  },
  'conditionsOfAccess.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/conditionsOfAccess.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'conditionsOfAccess',
    description: 'Description if login is needed to use the source.',
    type: 'object',
    properties: {
      type: { type: 'string', enum: ['Concept'] },
      id: {
        type: 'string',
        format: 'uri',
        enum: [
          'http://w3id.org/kim/conditionsOfAccess/no_login',
          'http://w3id.org/kim/conditionsOfAccess/login',
        ],
      },
      prefLabel: {
        title: 'The preferred label of the concept',
        description: 'A localized string for prefLabel of a SKOS concept',
        $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
      },
    },
    required: ['id'],
  },
  'context-schema.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/context-schema.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'JSON-LD Context',
    description: 'The JSON-LD context for the structured resource descriptions',
    type: 'array',
    minItems: 2,
    allOf: [
      { contains: { type: 'string', format: 'uri', enum: ['https://w3id.org/kim/amb/context.jsonld'] } },
      {
        contains: {
          type: 'object',
          properties: { '@language': { $ref: 'https://w3id.org/kim/amb/draft/schemas/language.json' } },
          required: ['@language'],
        },
      },
    ],
  },
  'contributor.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/contributor.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Contributor',
    description: 'Contributor(s) to the creation of the learning resource',
    type: 'array',
    items: {
      type: 'object',
      required: ['name', 'type'],
      properties: {
        type: { title: 'Type', type: 'string', enum: ['Person', 'Organization'] },
        id: { title: 'URL', type: 'string', format: 'uri' },
        name: { title: 'Name', type: 'string' },
        honorificPrefix: { title: 'Academic title', type: 'string' },
        affiliation: { $ref: 'https://w3id.org/kim/amb/draft/schemas/affiliation.json' },
      },
    },
  },
  'creator.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/creator.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Creator',
    description: 'The creator(s) of the learning resource',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { title: 'Type', type: 'string', enum: ['Person', 'Organization'] },
        id: { title: 'URL', type: 'string', format: 'uri' },
        name: { title: 'Name', type: 'string' },
        affiliation: { $ref: 'https://w3id.org/kim/amb/draft/schemas/affiliation.json' },
        honorificPrefix: { title: 'Academic title', type: 'string' },
      },
      required: ['name', 'type'],
    },
  },
  'dateCreated.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/dateCreated.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Creation Date',
    description: 'The creation date in ISO 8601 format: YYYY-MM-DD or CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]',
    $ref: 'https://w3id.org/kim/amb/draft/schemas/iso8601date.json',
  },
  'dateModified.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/dateModified.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Modification Date',
    description: 'The modification date in ISO 8601 format: YYYY-MM-DD or CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]',
    $ref: 'https://w3id.org/kim/amb/draft/schemas/iso8601date.json',
  },
  'datePublished.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/datePublished.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Publication Date',
    description: 'The publication date in ISO 8601 format: YYYY-MM-DD or CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]',
    $ref: 'https://w3id.org/kim/amb/draft/schemas/iso8601date.json',
  },
  'description.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/description.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Description',
    description: 'A description of the learning resource',
    type: 'string',
  },
  'duration.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/duration.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Duration',
    description:
      'The duration of an audio/video resource (the time it takes to play the audio/video resource) in ISO 8601 duration format: P[n]Y[n]M[n]DT[n]H[n]M[n]S',
    type: 'string',
    pattern:
      '^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$',
  },
  'educationalLevel.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/educationalLevel.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Educational context',
    description:
      'The level in terms of progression through an educational context for which the learning resource is designated.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['Concept'] },
        id: { type: 'string', format: 'uri', pattern: '(^https://w3id.org/kim/educationalLevel/.*)' },
        prefLabel: {
          title: 'The preferred label of the concept',
          description: 'A localized string for prefLabel of a SKOS concept',
          $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
        },
      },
      required: ['id'],
    },
  },
  'encoding.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/encoding.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Encoding',
    description: 'A media object that encodes this learning resource',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { title: 'Type', type: 'string', enum: ['MediaObject'] },
        contentUrl: {
          title: 'Content URL',
          description: 'The download URL of the media object',
          type: 'string',
          format: 'uri',
        },
        encodingFormat: {
          title: 'Encoding Format',
          description:
            'The media type of the media object, conforming to https://www.iana.org/assignments/media-types/media-types.xml',
          type: 'string',
          pattern:
            '^(application|audio|example|font|image|message|model|multipart|text|video)/[a-zA-Z0-9\\-+_.]+$',
        },
        contentSize: {
          title: 'Content Size',
          description: 'The size of the media object in bytes (B) without units.',
          type: 'string',
          pattern: '^\\d+$',
        },
        sha256: {
          title: 'sha256',
          description: 'The SHA-2 SHA256 hash of the content of the media object.',
          type: 'string',
          pattern: '^[A-Fa-f0-9]{64}$',
        },
        embedUrl: {
          title: 'Embed URL',
          description:
            'A URL pointing to a player for a video. In general, this is the information in the src element of an embed tag.',
          type: 'string',
          format: 'uri',
        },
        bitrate: {
          title: 'Bitrate',
          description:
            'The bitrate of an audio or video object in kilobyte per second (kb/s) without units. ',
          type: 'string',
          pattern: '^\\d+$',
        },
      },
      anyOf: [{ required: ['type', 'contentUrl'] }, { required: ['type', 'embedUrl'] }],
    },
  },
  'funder.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/funder.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Funder',
    description: 'Financial contributor of the learning resource',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { title: 'Type', type: 'string', enum: ['Person', 'FundingScheme', 'Organization'] },
        id: { $ref: 'https://w3id.org/kim/amb/draft/schemas/id.json' },
        name: { $ref: 'https://w3id.org/kim/amb/draft/schemas/name.json' },
      },
      required: ['type', 'name'],
    },
  },
  'hasPart.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/hasPart.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Has part',
    description: 'Resources that are part of the described learning resource',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { $ref: 'https://w3id.org/kim/amb/draft/schemas/id.json' },
        type: { $ref: 'https://w3id.org/kim/amb/draft/schemas/type.json' },
        name: { $ref: 'https://w3id.org/kim/amb/draft/schemas/name.json' },
      },
      required: ['id'],
    },
  },
  'id.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/id.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'URL',
    description: 'The URL/URI of the resource',
    type: 'string',
    format: 'uri',
  },
  'image.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/image.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Image',
    type: 'string',
    format: 'uri',
  },
  'inLanguage.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/inLanguage.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Language',
    description: 'The language of the learning resource',
    type: 'array',
    items: { $ref: 'https://w3id.org/kim/amb/draft/schemas/language.json' },
  },
  'interactivityType.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/interactivityType.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'interactivityType',
    description:
      'A concept scheme that defines the predominate interact mode of the learning resource being described.',
    type: 'object',
    properties: {
      type: { type: 'string', enum: ['Concept'] },
      id: {
        type: 'string',
        format: 'uri',
        enum: [
          'http://purl.org/dcx/lrmi-vocabs/interactivityType/active',
          'http://purl.org/dcx/lrmi-vocabs/interactivityType/expositive',
          'http://purl.org/dcx/lrmi-vocabs/interactivityType/mixed',
        ],
      },
      prefLabel: {
        title: 'The preferred label of the concept',
        description: 'A localized string for prefLabel of a SKOS concept',
        $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
      },
    },
    required: ['id'],
  },
  'isAccessibleForFree.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/isAccessibleForFree.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Status of free accessibility',
    description:
      'States if a ressource is free to access and to use. This also can be a ressource without an open license',
    type: 'boolean',
  },
  'isBasedOn.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/isBasedOn.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Based on',
    description: 'Resources the described learning resources derived from.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { $ref: 'https://w3id.org/kim/amb/draft/schemas/type.json' },
        id: { $ref: 'https://w3id.org/kim/amb/draft/schemas/id.json' },
        name: { $ref: 'https://w3id.org/kim/amb/draft/schemas/name.json' },
        creator: { $ref: 'https://w3id.org/kim/amb/draft/schemas/creator.json' },
        license: { $ref: 'https://w3id.org/kim/amb/draft/schemas/license.json' },
        provider: { $ref: 'https://w3id.org/kim/amb/draft/schemas/provider.json' },
      },
      anyOf: [{ required: ['name'] }, { required: ['id'] }],
    },
  },
  'isPartOf.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/isPartOf.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Is part of',
    description: 'Resources the described learning resource is part of.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { $ref: 'https://w3id.org/kim/amb/draft/schemas/id.json' },
        type: { $ref: 'https://w3id.org/kim/amb/draft/schemas/type.json' },
        name: { $ref: 'https://w3id.org/kim/amb/draft/schemas/name.json' },
      },
      required: ['id'],
    },
  },
  'iso8601date.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/iso8601date.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ISO 8601 Date',
    description: 'A date in ISO 8601 format.',
    oneOf: [
      { type: 'string', format: 'date' },
      { type: 'string', format: 'date-time' },
    ],
  },
  'keywords.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/keywords.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Keywords',
    description: 'Keywords or tags used to describe this content',
    type: 'array',
    items: { type: 'string' },
  },
  'language.json': languageSchema,
  'learningResourceType.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/learningResourceType.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Learning Resource Type',
    description:
      'The learning resource type of the resource, taken from the controlled HCRT list or the OpenEduHub vocabulary for learningResourceType',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['Concept'] },
        id: { type: 'string', format: 'uri' },
        prefLabel: {
          title: 'The preferred label of the concept',
          description: 'A localized string for prefLabel of a SKOS concept',
          $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
        },
      },
      required: ['id'],
    },
    contains: {
      type: 'object',
      properties: {
        id: {
          type: 'string',
          format: 'uri',
          pattern: '(^https://w3id.org/kim/hcrt/.*|^http://w3id.org/openeduhub/vocabs/new_lrt/.*)',
        },
      },
      required: ['id'],
    },
  },
  'license.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/license.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'License',
    description:
      'An object that links to an open source license. Public Domain, Creative Commons, GNU, Apache, MIT and BSD are allowed',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        format: 'uri',
        oneOf: [
          {
            description: 'Creative Commons License or Public Domain',
            pattern: '^http[s]?://creativecommons.org/(licenses|licences|publicdomain)/.*',
          },
          { description: 'GNU License', pattern: '^http[s]?://www.gnu.org/licenses/.*' },
          { description: 'Apache License', pattern: '^http[s]?://www.apache.org/licenses/.*' },
          { description: 'MIT License', pattern: 'http[s]?://opensource.org/licenses/MIT' },
          { description: 'BSD License', pattern: '^http[s]?://www.opensource.org/licenses/BSD.*' },
        ],
      },
    },
    required: ['id'],
  },
  'localizedString.json': localizedStringSchema,
  'mainEntityOfPage.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/mainEntityOfPage.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Metadata/Structured descriptions',
    description:
      'This object contains metametadata, i.e. information about the structured description(s) of the OER and its source(s).',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { $ref: 'https://w3id.org/kim/amb/draft/schemas/id.json' },
        type: { title: 'Type', type: 'string', enum: ['WebContent'] },
        provider: { $ref: 'https://w3id.org/kim/amb/draft/schemas/provider.json' },
        dateCreated: { $ref: 'https://w3id.org/kim/amb/draft/schemas/dateCreated.json' },
        dateModified: { $ref: 'https://w3id.org/kim/amb/draft/schemas/dateModified.json' },
      },
      required: ['id'],
    },
  },
  'name.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/name.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Title',
    description: 'The title of the learning resource',
    type: 'string',
  },
  'provider.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/provider.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Provider',
    description: 'Quelle, von der eine Bildungsressource oder deren Metadaten zur Verfügung gestellt werden.',
    type: 'object',
    properties: {
      id: { title: 'URL', type: 'string', format: 'uri' },
      type: { title: 'Type', type: 'string' },
      name: { title: 'Name', type: 'string' },
    },
    required: ['id'],
  },
  'publisher.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/publisher.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Publisher',
    description: 'The publisher of the educational resource',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { title: 'Type', type: 'string', enum: ['Organization', 'Person'] },
        id: {
          title: 'URL',
          description: 'The URL/URI of the publisher, preferably from GND, Wikidata or RoR.',
          type: 'string',
          format: 'uri',
        },
        name: { title: 'Name', type: 'string' },
        affiliation: { $ref: 'https://w3id.org/kim/amb/draft/schemas/affiliation.json' },
      },
      required: ['name', 'type'],
    },
  },
  'schema.json': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://w3id.org/kim/amb/draft/schemas/schema.json',
    title: 'OER',
    description: 'This is a generic JSON schema for describing an Open Educational Resource with schema.org',
    type: 'object',
    default: {
      '@context': ['https://w3id.org/kim/amb/context.jsonld', { '@language': 'de' }],
      type: ['LearningResource'],
    },
    properties: {
      '@context': { $ref: 'https://w3id.org/kim/amb/draft/schemas/context-schema.json' },
      id: { $ref: 'https://w3id.org/kim/amb/draft/schemas/id.json' },
      type: { $ref: 'https://w3id.org/kim/amb/draft/schemas/type.json' },
      name: { $ref: 'https://w3id.org/kim/amb/draft/schemas/name.json' },
      creator: { $ref: 'https://w3id.org/kim/amb/draft/schemas/creator.json' },
      contributor: { $ref: 'https://w3id.org/kim/amb/draft/schemas/contributor.json' },
      description: { $ref: 'https://w3id.org/kim/amb/draft/schemas/description.json' },
      about: { $ref: 'https://w3id.org/kim/amb/draft/schemas/about.json' },
      license: { $ref: 'https://w3id.org/kim/amb/draft/schemas/license.json' },
      image: { $ref: 'https://w3id.org/kim/amb/draft/schemas/image.json' },
      trailer: { $ref: 'https://w3id.org/kim/amb/draft/schemas/trailer.json' },
      dateCreated: { $ref: 'https://w3id.org/kim/amb/draft/schemas/dateCreated.json' },
      datePublished: { $ref: 'https://w3id.org/kim/amb/draft/schemas/datePublished.json' },
      dateModified: { $ref: 'https://w3id.org/kim/amb/draft/schemas/dateModified.json' },
      duration: { $ref: 'https://w3id.org/kim/amb/draft/schemas/duration.json' },
      inLanguage: { $ref: 'https://w3id.org/kim/amb/draft/schemas/inLanguage.json' },
      publisher: { $ref: 'https://w3id.org/kim/amb/draft/schemas/publisher.json' },
      learningResourceType: { $ref: 'https://w3id.org/kim/amb/draft/schemas/learningResourceType.json' },
      audience: { $ref: 'https://w3id.org/kim/amb/draft/schemas/audience.json' },
      isBasedOn: { $ref: 'https://w3id.org/kim/amb/draft/schemas/isBasedOn.json' },
      isPartOf: { $ref: 'https://w3id.org/kim/amb/draft/schemas/isPartOf.json' },
      hasPart: { $ref: 'https://w3id.org/kim/amb/draft/schemas/hasPart.json' },
      mainEntityOfPage: { $ref: 'https://w3id.org/kim/amb/draft/schemas/mainEntityOfPage.json' },
      keywords: { $ref: 'https://w3id.org/kim/amb/draft/schemas/keywords.json' },
      encoding: { $ref: 'https://w3id.org/kim/amb/draft/schemas/encoding.json' },
      caption: { $ref: 'https://w3id.org/kim/amb/draft/schemas/caption.json' },
      conditionsOfAccess: { $ref: 'https://w3id.org/kim/amb/draft/schemas/conditionsOfAccess.json' },
      funder: { $ref: 'https://w3id.org/kim/amb/draft/schemas/funder.json' },
      assesses: { $ref: 'https://w3id.org/kim/amb/draft/schemas/assesses.json' },
      competencyRequired: { $ref: 'https://w3id.org/kim/amb/draft/schemas/competencyRequired.json' },
      teaches: { $ref: 'https://w3id.org/kim/amb/draft/schemas/teaches.json' },
      educationalLevel: { $ref: 'https://w3id.org/kim/amb/draft/schemas/educationalLevel.json' },
      isAccessibleForFree: { $ref: 'https://w3id.org/kim/amb/draft/schemas/isAccessibleForFree.json' },
      interactivityType: { $ref: 'https://w3id.org/kim/amb/draft/schemas/interactivityType.json' },
    },
    required: ['@context', 'id', 'name', 'type'],
  },
  'teaches.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/teaches.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Teaches',
    description:
      'The item being described is intended to help a person learn the competency or learning outcome defined by the referenced term.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uri' },
        prefLabel: {
          title: 'The preferred label of the concept',
          description: 'A localized string',
          $ref: 'https://w3id.org/kim/amb/draft/schemas/localizedString.json',
        },
      },
      required: ['id'],
    },
  },
  'trailer.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/trailer.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Trailer',
    description: 'Ein Trailer/Video-Teaser zu einer Ressource',
    type: 'object',
    properties: {
      type: { title: 'Type', type: 'string', enum: ['VideoObject', 'AudioObject'] },
      contentUrl: {
        title: 'Content URL',
        description: 'The download URL of the media object',
        type: 'string',
        format: 'uri',
      },
      encodingFormat: {
        title: 'Encoding Format',
        description:
          'The media type of the media object, conforming to https://www.iana.org/assignments/media-types/media-types.xml',
        type: 'string',
        pattern:
          '^(application|audio|example|font|image|message|model|multipart|text|video)/[a-zA-Z0-9\\-+_.]+$',
      },
      contentSize: {
        title: 'Content Size',
        description: 'The size of the media object in bytes (B) without units.',
        type: 'string',
        pattern: '^\\d+$',
      },
      sha256: {
        title: 'sha256',
        description: 'The SHA-2 SHA256 hash of the content of the media object.',
        type: 'string',
        pattern: '^[A-Fa-f0-9]{64}$',
      },
      embedUrl: {
        title: 'Embed URL',
        description:
          'A URL pointing to a player for a video. In general, this is the information in the src element of an embed tag.',
        type: 'string',
        format: 'uri',
      },
      bitrate: {
        title: 'Bitrate',
        description: 'The bitrate of an audio or video object in kilobyte per second (kb/s) without units. ',
        type: 'string',
        pattern: '^\\d+$',
      },
    },
    anyOf: [{ required: ['type', 'contentUrl'] }, { required: ['type', 'embedUrl'] }],
  },
  'type.json': {
    $id: 'https://w3id.org/kim/amb/draft/schemas/type.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Type',
    description:
      'The type (rdf:type / @type) of the learning resource, taken from sub-classes of sdo:CreativeWork.',
    type: 'array',
    items: {
      type: 'string',
      default: 'LearningResource',
      enum: [
        '3DModel',
        'AmpStory',
        'Article',
        'Atlas',
        'Audiobook',
        'AudioObject',
        'Blog',
        'Book',
        'BookSeries',
        'Chapter',
        'Clip',
        'Collection',
        'ComicStory',
        'Comment',
        'Conversation',
        'Course',
        'CreativeWorkSeason',
        'CreativeWorkSeries',
        'DataDownload',
        'Diet',
        'DigitalDocument',
        'Drawing',
        'Episode',
        'ExercisePlan',
        'FAQPage',
        'Game',
        'Guide',
        'HowTo',
        'ImageGallery',
        'ImageObject',
        'LearningResource',
        'LegislationObject',
        'Manuscript',
        'Map',
        'MathSolver',
        'MediaGallery',
        'MediaObject',
        'Message',
        'MobileApplication',
        'Movie',
        'MovieClip',
        'MovieSeries',
        'MusicAlbum',
        'MusicComposition',
        'MusicPlaylist',
        'MusicRecording',
        'MusicRelease',
        'MusicVideoObject',
        'NewsArticle',
        'Painting',
        'Periodical',
        'Photograph',
        'Play',
        'PodcastEpisode',
        'PodcastSeason',
        'PodcastSeries',
        'Poster',
        'PresentationDigitalDocument',
        'PublicationIssue',
        'PublicationVolume',
        'Quotation',
        'Quiz',
        'RadioClip',
        'RadioEpisode',
        'RadioSeason',
        'RadioSeries',
        'Recipe',
        'Review',
        'Report',
        'ScholarlyArticle',
        'Sculpture',
        'SheetMusic',
        'ShortStory',
        'SoftwareApplication',
        'SoftwareSourceCode',
        'SpreadsheetDigitalDocument',
        'TVClip',
        'TVEpisode',
        'TVSeason',
        'TVSeries',
        'Thesis',
        'TextDigitalDocument',
        'VideoGallery',
        'VideoGame',
        'VideoGameClip',
        'VideoGameSeries',
        'VideoObject',
        'VisualArtwork',
        'WebApplication',
        'WebContent',
        'WebPage',
      ],
    },
    contains: { const: 'LearningResource' },
  },
};
