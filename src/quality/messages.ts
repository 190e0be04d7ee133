// Every English message of the metadata quality report, in one table keyed by stable fix codes (the codes
// are what translations will be keyed by). Each fix has a message about one record and one about all the
// records of a source that share the problem; `{name}` placeholders are filled from the fix's params, and
// `{element}` is always the element (of the record's metadata format when known) the manager should fill,
// taken from ELEMENTS.
// Messages speak to repository managers: what to add or correct, where, and why it matters to users.
// Pure data and one rendering function; never performs I/O.
import type { ElementKey, MetadataFormat } from './format.js';

/** How a format is named after an element in a message listing several formats. */
export const FORMAT_LABELS: Readonly<Record<MetadataFormat, string>> = {
  dc: 'Dublin Core',
  lom: 'LOM',
  schema: 'schema.org',
  csv: 'CSV',
};

/**
 * The element (or column) of each format that feeds a profile field; null where the format has none, in
 * which case the message names the elements of the formats that do. Element names are technical terms that
 * stay as they are; the words around them ("the ... column", "of the publisher") are to be translated.
 */
export const ELEMENTS: Readonly<Record<ElementKey, Readonly<Record<MetadataFormat, string | null>>>> = {
  title: { dc: 'dc:title', lom: 'general/title', schema: 'name', csv: 'the "title" column' },
  description: {
    dc: 'dc:description',
    lom: 'general/description',
    schema: 'description',
    csv: 'the "description" column',
  },
  language: {
    dc: 'dc:language',
    lom: 'general/language',
    schema: 'inLanguage',
    csv: 'the "language" column',
  },
  license: { dc: 'dc:rights', lom: 'rights/description', schema: 'license', csv: 'the "license" column' },
  educationLevel: {
    dc: 'dcterms:educationLevel',
    lom: 'educational/context or educational/typicalAgeRange',
    schema: 'educationalLevel',
    csv: 'the "level" column',
  },
  subject: {
    dc: 'dc:subject with a vocabulary URI',
    lom: 'classification with purpose "discipline"',
    schema: 'about',
    csv: 'the "about" column with vocabulary URIs',
  },
  resourceType: {
    dc: 'dc:type',
    lom: 'educational/learningResourceType',
    schema: 'learningResourceType',
    csv: 'the "type" column',
  },
  accessibility: {
    dc: null,
    lom: 'accessibility/accessMode, accessibility/accessibilityFeature or accessibility/accessibilityHazard',
    schema: 'accessMode, accessibilityFeature, accessibilityHazard or accessibilitySummary',
    csv: null,
  },
  captions: {
    dc: null,
    lom: 'accessibility/accessibilityFeature',
    schema: 'caption or accessibilityFeature',
    csv: null,
  },
  creator: {
    dc: 'dc:creator or dc:publisher',
    lom: 'lifeCycle/contribute with role author or publisher',
    schema: 'creator or publisher',
    csv: 'the "author" or "publisher" column',
  },
  date: {
    dc: 'dc:date',
    lom: 'lifeCycle/contribute/date of the publisher',
    schema: 'datePublished',
    csv: 'the "date" column',
  },
  dateCreated: {
    dc: 'dcterms:created',
    lom: 'lifeCycle/contribute/date of the author',
    schema: 'dateCreated',
    csv: 'the "dateCreated" column',
  },
  dateModified: {
    dc: 'dcterms:modified',
    lom: null,
    schema: 'dateModified',
    csv: 'the "dateModified" column',
  },
  url: {
    dc: 'dc:identifier',
    lom: 'technical/location',
    schema: 'id or url',
    csv: 'the "url" column',
  },
  identifier: {
    dc: 'dc:identifier',
    lom: 'general/identifier',
    schema: 'identifier',
    csv: 'the "id" column',
  },
  keywords: { dc: 'dc:subject', lom: 'general/keyword', schema: 'keywords', csv: 'the "keywords" column' },
  image: { dc: null, lom: 'relation of kind thumbnail', schema: 'image', csv: 'the "thumbnail" column' },
  fileFormat: { dc: 'dc:format', lom: 'technical/format', schema: 'encoding/encodingFormat', csv: null },
  access: {
    dc: 'dcterms:accessRights',
    lom: 'rights/cost',
    schema: 'isAccessibleForFree and conditionsOfAccess',
    csv: null,
  },
};

export type FixSeverity = 'error' | 'warning' | 'info';

export type FixCode =
  | 'title_uninformative'
  | 'description_missing'
  | 'description_short'
  | 'description_repeats_title'
  | 'language_missing'
  | 'language_detected'
  | 'license_missing'
  | 'license_unrecognised'
  | 'license_conflict'
  | 'license_not_open'
  | 'education_level_missing'
  | 'education_level_unmapped'
  | 'subject_missing'
  | 'subject_keywords_only'
  | 'resource_type_missing'
  | 'resource_type_generic'
  | 'accessibility_missing'
  | 'captions_missing'
  | 'transcript_missing'
  | 'creator_missing'
  | 'date_missing'
  | 'url_missing'
  | 'url_invalid'
  | 'url_not_public'
  | 'date_invalid'
  | 'date_future'
  | 'date_too_early'
  | 'date_placeholder'
  | 'date_order'
  | 'identifier_invalid'
  | 'link_dead'
  | 'link_redirected'
  | 'keywords_missing'
  | 'image_missing'
  | 'file_format_missing'
  | 'access_conditions_missing';

export interface FixMessage {
  readonly severity: FixSeverity;
  /** What the manager fills; the fix may name another element (the date field at fault, for instance). */
  readonly element: ElementKey;
  /** About one record; may use the params the fix carries. */
  readonly record: string;
  /** About the records of a source that share the problem; uses {element} only. */
  readonly source: string;
}

/** Joins the elements of several formats when the record's format is unknown: "dc:rights (Dublin Core) or ...". */
export const ELEMENT_JOINER = ' or ';

export const FIX_MESSAGES: Readonly<Record<FixCode, FixMessage>> = {
  title_uninformative: {
    severity: 'error',
    element: 'title',
    record:
      'The title "{title}" looks like a file name, a web address or a placeholder: give the resource a title in {element} that says what it is about.',
    source:
      'Titles look like file names, web addresses or placeholders: give each resource a title in {element} that says what it is about.',
  },
  description_missing: {
    severity: 'warning',
    element: 'description',
    record:
      'Add a description in {element}: a few sentences on what the resource teaches, for whom and in what form help people choose it, and search finds it by those words.',
    source:
      'Add descriptions in {element}: a few sentences on what each resource teaches, for whom and in what form.',
  },
  description_short: {
    severity: 'warning',
    element: 'description',
    record:
      'The description has only {length} characters: extend it in {element} to a few sentences on what the resource teaches, for whom and in what form.',
    source:
      'Descriptions are very short: extend them in {element} to a few sentences on what each resource teaches, for whom and in what form.',
  },
  description_repeats_title: {
    severity: 'warning',
    element: 'description',
    record:
      'The description only repeats the title: say in {element} what the resource teaches, for whom and in what form.',
    source:
      'Descriptions only repeat the titles: say in {element} what each resource teaches, for whom and in what form.',
  },
  language_missing: {
    severity: 'error',
    element: 'language',
    record:
      'State the language of the resource in {element} as a code such as "en" or "pt-BR": people who filter by language never see a resource without one.',
    source:
      'State the language of each resource in {element} as a code such as "en" or "pt-BR": people who filter by language never see these records.',
  },
  language_detected: {
    severity: 'info',
    element: 'language',
    record:
      'The language ("{language}") was guessed from the text because the record does not state it: state it in {element}.',
    source:
      'Languages had to be guessed from the text: state the language of each resource in {element} (a code such as "en").',
  },
  license_missing: {
    severity: 'error',
    element: 'license',
    record: 'Add a licence: a Creative Commons licence URL in {element} lets people reuse the resource.',
    source: 'Add licences: a Creative Commons licence URL in {element} lets people reuse the resources.',
  },
  license_unrecognised: {
    severity: 'error',
    element: 'license',
    record:
      'The licence statement "{statement}" names no licence we can identify: put the licence URL in {element}, e.g. https://creativecommons.org/licenses/by/4.0/.',
    source:
      'Licence statements name no licence we can identify: put the licence URL in {element}, e.g. https://creativecommons.org/licenses/by/4.0/.',
  },
  license_conflict: {
    severity: 'error',
    element: 'license',
    record:
      'The record states licences that contradict each other ({statements}): keep only the one that applies in {element}.',
    source: 'Records state licences that contradict each other: keep only the one that applies in {element}.',
  },
  license_not_open: {
    severity: 'warning',
    element: 'license',
    record:
      'The rights statement reserves all rights, so the resource is not open: if people may reuse it, state an open licence (a Creative Commons licence URL) in {element}.',
    source:
      'Rights statements reserve all rights, so these resources are not open: where people may reuse them, state an open licence in {element}.',
  },
  education_level_missing: {
    severity: 'warning',
    element: 'educationLevel',
    record:
      'State the education level in {element} (e.g. primary school, upper secondary, bachelor): teachers and learners filter by it.',
    source:
      'State education levels in {element} (e.g. primary school, upper secondary, bachelor): teachers and learners filter by them.',
  },
  education_level_unmapped: {
    severity: 'warning',
    element: 'educationLevel',
    record:
      'The education level "{value}" matches no level we know: use a common level name or a term of a published vocabulary (ISCED 2011, your national curriculum) in {element}.',
    source:
      'Education levels match no level we know: use common level names or terms of a published vocabulary (ISCED 2011, your national curriculum) in {element}.',
  },
  subject_missing: {
    severity: 'warning',
    element: 'subject',
    record:
      'Add a subject in {element}, ideally from a vocabulary (UNESCO Thesaurus, ISCED-F fields, your national subject list): people browse and filter by subject.',
    source:
      'Add subjects in {element}, ideally from a vocabulary (UNESCO Thesaurus, ISCED-F fields, your national subject list): people browse and filter by subject.',
  },
  subject_keywords_only: {
    severity: 'warning',
    element: 'subject',
    record:
      'Only free keywords describe the subject: add a subject from a vocabulary (UNESCO Thesaurus, ISCED-F fields, your national subject list) in {element} so that filtering by subject finds the resource.',
    source:
      'Only free keywords describe the subjects: add subjects from a vocabulary (UNESCO Thesaurus, ISCED-F fields, your national subject list) in {element}.',
  },
  resource_type_missing: {
    severity: 'warning',
    element: 'resourceType',
    record:
      'State what kind of resource this is in {element} (e.g. video, worksheet, course, simulation): people filter by type.',
    source:
      'State what kind of resource each one is in {element} (e.g. video, worksheet, course, simulation): people filter by type.',
  },
  resource_type_generic: {
    severity: 'warning',
    element: 'resourceType',
    record:
      'The only resource type is the generic "{value}": add a learning resource type in {element} (e.g. worksheet, lesson plan, video, from HCRT or LRMI).',
    source:
      'Resource types are only generic ones ("Text", "Image"): add learning resource types in {element} (e.g. worksheet, lesson plan, video, from HCRT or LRMI).',
  },
  accessibility_missing: {
    severity: 'warning',
    element: 'accessibility',
    record:
      'Describe the accessibility of the resource in {element}: how it can be perceived (text, visual, auditory), its features (alternative text, captions, transcripts) and any hazards (flashing, motion).',
    source:
      'Describe accessibility in {element}: how each resource can be perceived, its features (alternative text, captions, transcripts) and any hazards.',
  },
  captions_missing: {
    severity: 'warning',
    element: 'captions',
    record:
      'This video has no captions described: provide captions and say so in {element}; deaf and hard-of-hearing people, and people without sound, depend on them.',
    source:
      'Videos have no captions described: provide captions and say so in {element}; deaf and hard-of-hearing people depend on them.',
  },
  transcript_missing: {
    severity: 'warning',
    element: 'captions',
    record:
      'This audio resource has no transcript described: provide one and say so in {element}; deaf and hard-of-hearing people depend on it.',
    source:
      'Audio resources have no transcript described: provide transcripts and say so in {element}; deaf and hard-of-hearing people depend on them.',
  },
  creator_missing: {
    severity: 'warning',
    element: 'creator',
    record:
      'Name who made the resource (author or publishing organisation) in {element}: people need it to attribute the resource and to judge it.',
    source:
      'Name who made the resources (authors or publishing organisation) in {element}: people need it to attribute and to judge them.',
  },
  date_missing: {
    severity: 'warning',
    element: 'date',
    record:
      'Add the publication date in {element} (YYYY-MM-DD, or just the year): people sort and filter by how recent a resource is.',
    source:
      'Add publication dates in {element} (YYYY-MM-DD, or just the year): people sort and filter by how recent a resource is.',
  },
  url_missing: {
    severity: 'error',
    element: 'url',
    record:
      'Give the web address of the resource or its landing page in {element}: without it, people who find the record cannot open the resource.',
    source:
      'Give the web address of each resource or its landing page in {element}: without it, people who find these records cannot open the resources.',
  },
  url_invalid: {
    severity: 'error',
    element: 'url',
    record:
      'The web address "{value}" is not a valid http(s) URL: correct it in {element} so that people can open the resource.',
    source:
      'Web addresses are not valid http(s) URLs: correct them in {element} so that people can open the resources.',
  },
  url_not_public: {
    severity: 'error',
    element: 'url',
    record:
      'The web address "{value}" points to a local, private or example host that nobody else can reach: give the public address in {element}.',
    source:
      'Web addresses point to local, private or example hosts that nobody else can reach: give the public addresses in {element}.',
  },
  date_invalid: {
    severity: 'warning',
    element: 'date',
    record:
      'The date "{value}" ({field}) is not a calendar date: write it in {element} as YYYY, YYYY-MM or YYYY-MM-DD.',
    source: 'Dates are not calendar dates: write them in {element} as YYYY, YYYY-MM or YYYY-MM-DD.',
  },
  date_future: {
    severity: 'warning',
    element: 'date',
    record:
      'The date {value} ({field}) lies after the record was harvested ({harvested}): correct it in {element}.',
    source: 'Dates lie after the records were harvested: correct them in {element}.',
  },
  date_too_early: {
    severity: 'warning',
    element: 'date',
    record: 'The date {value} ({field}) cannot be right for this resource: correct it in {element}.',
    source: 'Dates are implausibly early (before the year 1000): correct them in {element}.',
  },
  date_placeholder: {
    severity: 'warning',
    element: 'date',
    record:
      'The date {value} ({field}) looks like a system default rather than a real date: put the actual date in {element} or leave it out.',
    source:
      'Dates look like system defaults (1900-01-01, 1970-01-01) rather than real dates: put the actual dates in {element} or leave them out.',
  },
  date_order: {
    severity: 'warning',
    element: 'dateModified',
    record:
      'The modification date {modified} is earlier than the creation date {created}: correct one of them in {element}.',
    source: 'Modification dates are earlier than creation dates: correct them in {element}.',
  },
  identifier_invalid: {
    severity: 'warning',
    element: 'identifier',
    record:
      'The {kind} "{value}" is not valid (wrong form or check digit): correct it in {element} so that it leads to the resource.',
    source: 'Identifiers (DOI, ISBN, handle, URN, ORCID) are not valid: correct them in {element}.',
  },
  link_dead: {
    severity: 'error',
    element: 'url',
    record:
      'The web address {url} could not be opened when it was checked ({status}): restore the page or give the new address in {element}.',
    source:
      'Web addresses could not be opened when they were checked: restore the pages or give the new addresses in {element}.',
  },
  link_redirected: {
    severity: 'info',
    element: 'url',
    record:
      'The web address {url} redirects elsewhere: give the final address in {element}, so that the link keeps working if the redirect goes away.',
    source:
      'Web addresses redirect elsewhere: give the final addresses in {element}, so that links keep working if the redirects go away.',
  },
  keywords_missing: {
    severity: 'info',
    element: 'keywords',
    record:
      'Add keywords in {element}: words people search for that the title and description do not contain.',
    source: 'Add keywords in {element}: words people search for that titles and descriptions do not contain.',
  },
  image_missing: {
    severity: 'info',
    element: 'image',
    record:
      'Add a thumbnail image in {element}: result lists show it, and people recognise the resource faster.',
    source:
      'Add thumbnail images in {element}: result lists show them, and people recognise resources faster.',
  },
  file_format_missing: {
    severity: 'info',
    element: 'fileFormat',
    record:
      'State the file format as a media type (e.g. application/pdf, video/mp4) in {element}: people filter by format and know what they will open.',
    source:
      'State file formats as media types (e.g. application/pdf, video/mp4) in {element}: people filter by format and know what they will open.',
  },
  access_conditions_missing: {
    severity: 'info',
    element: 'access',
    record:
      'State in {element} whether the resource is free of charge and whether a login is needed to use it.',
    source:
      'State in {element} whether the resources are free of charge and whether a login is needed to use them.',
  },
};

/** The words record messages insert from params that are not values of the record. */
export const STATUS_UNKNOWN = 'no answer';
/** How identifier kinds are named in identifier_invalid ({kind}). */
export const IDENTIFIER_KIND_LABELS: Readonly<Record<string, string>> = {
  doi: 'DOI',
  isbn: 'ISBN',
  handle: 'handle',
  urn: 'URN',
  url: 'URL',
  orcid: 'ORCID iD',
  other: 'identifier',
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** A template cut at its placeholders: literal text at even positions, param names at odd ones. */
type Compiled = readonly string[];
const COMPILED = new Map<string, Compiled>();

function compile(template: string): Compiled {
  let parts = COMPILED.get(template);
  if (parts === undefined) {
    parts = template.split(PLACEHOLDER);
    // Templates come from the tables above; anything else is rendered without being kept.
    if (COMPILED.size < 1000) COMPILED.set(template, parts);
  }
  return parts;
}

/** A template with its placeholders filled; a placeholder without a param stays visible as "{name}". */
export function renderMessage(template: string, params: Readonly<Record<string, string | number>>): string {
  const parts = compile(template);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? '';
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    out += value === undefined ? `{${name}}` : String(value);
    out += parts[i + 1] ?? '';
  }
  return out;
}
