// Writes a profile record as AMB JSON-LD, for exports and for platforms that take AMB.
// AMB holds plain strings in one default language, two-letter language codes and a few controlled
// vocabularies, so the AMB view may hold less than the record: texts in other languages, values AMB's
// schema refuses, and our own fields (ISCED codes, provenance, identifiers) stay in the profile only.
// Must never return a document that fails validateAmb and never changes the record it is given.
import { AtlasError } from '../../domain/errors.js';
import type { AgentValue, ConceptValue, LangMapValue, ResourceRecord } from '../../domain/profile.js';
import { AMB_CONTEXT_URL, AMB_SCHEMAS } from './amb-schemas.js';
import { ambAcceptsItem, ambAcceptsProperty, isAmbLanguage, validateAmb } from './validate-amb.js';

export interface ProfileToAmbOptions {
  /**
   * The preferred default language. It is used when the record's name exists in it; otherwise the language
   * of the name that is written wins, so `@language` always tells the truth about the plain strings.
   */
  readonly language?: string;
}

type AmbDoc = Record<string, unknown>;

/** Language codes that say nothing about a text's language. */
const NO_LANGUAGE = new Set(['und', 'zxx', 'mul']);

const AMB_TYPES: ReadonlySet<string> = new Set(
  ((AMB_SCHEMAS['type.json']?.['items'] as { enum?: unknown } | undefined)?.enum as string[] | undefined) ??
    [],
);

/** The primary subtag ("pt" of "pt-BR"), when AMB accepts it as a language. */
function ambLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.split('-')[0]?.toLowerCase();
  return primary !== undefined && isAmbLanguage(primary) ? primary : undefined;
}

interface Languages {
  /** The key of `record.name` whose text is written. */
  readonly textKey: string;
  /** The AMB default language (@language). */
  readonly amb: string;
}

function chooseLanguages(record: ResourceRecord, preferred: string | undefined): Languages {
  const keys = Object.keys(record.name);
  const matching = (wanted: string | undefined) =>
    wanted === undefined
      ? undefined
      : (keys.find((k) => k === wanted) ??
        keys.find((k) => ambLanguage(k) !== undefined && ambLanguage(k) === ambLanguage(wanted)));
  const textKey =
    matching(preferred) ??
    (record.inLanguage ?? []).map(matching).find((k) => k !== undefined) ??
    keys.find((k) => !NO_LANGUAGE.has(k)) ??
    keys[0] ??
    'und';
  // A name without a usable language ("und", or a code AMB lacks): AMB insists on a default language, so
  // take the preferred one, else the resource's language, else English; it is a guess and documented as one.
  const amb =
    ambLanguage(textKey) ??
    ambLanguage(preferred) ??
    (record.inLanguage ?? []).map(ambLanguage).find((l) => l !== undefined) ??
    'en';
  return { textKey, amb };
}

/** The entry of a per-language map that may be written as a plain string in the default language. */
function inDefault<T>(map: Readonly<Record<string, T>> | undefined, lang: Languages): T | undefined {
  if (map === undefined) return undefined;
  if (Object.hasOwn(map, lang.textKey)) return map[lang.textKey];
  const sameLanguage = Object.keys(map).find((k) => ambLanguage(k) === lang.amb);
  if (sameLanguage !== undefined) return map[sameLanguage];
  return Object.hasOwn(map, 'und') ? map['und'] : undefined;
}

/** A language map limited to the two-letter keys AMB's localizedString allows (first text per language). */
function localized(map: LangMapValue | undefined): Record<string, string> | undefined {
  if (map === undefined) return undefined;
  const out = new Map<string, string>();
  for (const [key, text] of Object.entries(map)) {
    const code = ambLanguage(key);
    if (code !== undefined && !out.has(code)) out.set(code, text);
  }
  return out.size > 0 ? Object.fromEntries(out) : undefined;
}

function concept(c: ConceptValue): AmbDoc {
  const prefLabel = localized(c.prefLabel);
  return {
    id: c.id,
    type: 'Concept',
    ...(prefLabel !== undefined ? { prefLabel } : {}),
    // skos:inScheme points at a scheme node, so it is written as a node reference.
    ...(c.inScheme !== undefined ? { inScheme: { id: c.inScheme } } : {}),
  };
}

function agent(a: AgentValue): AmbDoc {
  const id = a.id ?? a.orcid ?? a.ror;
  // E-mail addresses are left out on purpose: AMB does not define them and exports are public.
  const out: AmbDoc = { type: a.type, name: a.name, ...(id !== undefined ? { id } : {}) };
  if (a.type === 'Person') {
    if (a.honorificPrefix !== undefined) out['honorificPrefix'] = a.honorificPrefix;
    if (a.affiliation !== undefined) {
      const org = a.affiliation;
      const orgId = org.id ?? org.ror;
      out['affiliation'] = {
        type: 'Organization',
        name: org.name,
        ...(orgId !== undefined ? { id: orgId } : {}),
      };
    }
  }
  return out;
}

const MEDIA_TYPE =
  /^(application|audio|example|font|image|message|model|multipart|text|video)\/[a-zA-Z0-9\-+_.]+$/;
const DIGITS = /^\d+$/;

type MediaFields = NonNullable<ResourceRecord['encoding']>[number];

/** The media fields in the forms AMB wants; sizes such as "568MB" are left out rather than misread. */
function mediaFields(m: Omit<MediaFields, 'sha256'> & { sha256?: string }): AmbDoc {
  return {
    ...(m.contentUrl !== undefined ? { contentUrl: m.contentUrl } : {}),
    ...(m.embedUrl !== undefined ? { embedUrl: m.embedUrl } : {}),
    ...(m.encodingFormat !== undefined && MEDIA_TYPE.test(m.encodingFormat)
      ? { encodingFormat: m.encodingFormat }
      : {}),
    ...(m.contentSize !== undefined && DIGITS.test(m.contentSize) ? { contentSize: m.contentSize } : {}),
    ...(m.bitrate !== undefined && DIGITS.test(m.bitrate) ? { bitrate: m.bitrate } : {}),
    ...(m.sha256 !== undefined ? { sha256: m.sha256 } : {}),
  };
}

type Link = NonNullable<ResourceRecord['isBasedOn']>[number];

function linkRef(l: Link, withLanguage: boolean): AmbDoc {
  const lang = withLanguage ? ambLanguage(l.inLanguage) : undefined;
  return {
    ...(l.id !== undefined ? { id: l.id } : {}),
    ...(l.name !== undefined ? { name: l.name } : {}),
    ...(lang !== undefined ? { inLanguage: lang } : {}),
  };
}

/**
 * Keeps only what AMB accepts: list entries AMB refuses are dropped one by one (a creator without a name,
 * an educational level outside the KIM vocabulary), and a property still refused as a whole (e.g. "about"
 * without any subject from the vocabularies AMB requires) is left out.
 */
function fitToAmb(doc: AmbDoc): AmbDoc {
  const fitted: AmbDoc = {};
  for (const [key, value] of Object.entries(doc)) {
    if (
      key === '@context' ||
      key === 'id' ||
      key === 'name' ||
      key === 'type' ||
      ambAcceptsProperty(key, value)
    ) {
      fitted[key] = value;
    } else if (Array.isArray(value)) {
      const kept = value.filter((item) => ambAcceptsItem(key, item));
      if (kept.length > 0 && ambAcceptsProperty(key, kept)) fitted[key] = kept;
    }
  }
  return fitted;
}

/** The record as an AMB JSON-LD document that passes validateAmb. */
export function profileToAmb(
  record: ResourceRecord,
  options: ProfileToAmbOptions = {},
): Record<string, unknown> {
  const lang = chooseLanguages(record, options.language);
  const doc: AmbDoc = {
    '@context': [AMB_CONTEXT_URL, { '@language': lang.amb }],
    id: record.id,
    type: ['LearningResource', ...record.type.filter((t) => t !== 'LearningResource' && AMB_TYPES.has(t))],
    name: inDefault(record.name, lang) ?? Object.values(record.name)[0] ?? record.id,
  };
  const set = (key: string, value: unknown) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    doc[key] = value;
  };

  set('description', inDefault(record.description, lang));
  set('keywords', inDefault(record.keywords, lang));
  if (record.url !== undefined && record.url !== record.id) set('url', record.url);
  set(
    'inLanguage',
    (record.inLanguage ?? [])
      .map(ambLanguage)
      .filter((l, i, all): l is string => l !== undefined && all.indexOf(l) === i),
  );
  if (record.license?.id !== undefined) set('license', { id: record.license.id });
  set('about', record.about?.map(concept));
  set('educationalLevel', record.educationalLevel?.map(concept));
  set('learningResourceType', record.learningResourceType?.map(concept));
  set('audience', record.audience?.map(concept));
  set('teaches', record.teaches?.map(concept));
  set('assesses', record.assesses?.map(concept));
  set('competencyRequired', record.competencyRequired?.map(concept));
  if (record.interactivityType !== undefined) set('interactivityType', concept(record.interactivityType));
  set('creator', record.creator?.map(agent));
  set('contributor', record.contributor?.map(agent));
  set('publisher', record.publisher?.map(agent));
  set('funder', record.funder?.map(agent));
  set('dateCreated', record.dateCreated);
  set('datePublished', record.datePublished);
  set('dateModified', record.dateModified);
  set('duration', record.duration);
  set('image', record.image);
  set(
    'encoding',
    record.encoding?.map((m) => ({ type: 'MediaObject', ...mediaFields(m) })),
  );
  if (record.trailer !== undefined)
    set('trailer', { type: record.trailer.type, ...mediaFields(record.trailer) });
  set(
    'caption',
    record.caption?.map((c) => {
      const captionLanguage = ambLanguage(c.inLanguage);
      return {
        id: c.id,
        type: 'MediaObject',
        ...(c.encodingFormat !== undefined ? { encodingFormat: c.encodingFormat } : {}),
        ...(captionLanguage !== undefined ? { inLanguage: captionLanguage } : {}),
      };
    }),
  );
  set(
    'isBasedOn',
    record.isBasedOn?.map((l) => linkRef(l, false)),
  );
  if (record.translationOfWork !== undefined)
    set('translationOfWork', linkRef(record.translationOfWork, true));
  set(
    'workTranslation',
    record.workTranslation?.map((l) => linkRef(l, true)),
  );
  set(
    'isPartOf',
    record.isPartOf?.map((l) => linkRef(l, false)),
  );
  set(
    'hasPart',
    record.hasPart?.map((l) => linkRef(l, false)),
  );
  set('isAccessibleForFree', record.isAccessibleForFree);
  if (record.requiresLogin !== undefined) {
    set('conditionsOfAccess', {
      id: `http://w3id.org/kim/conditionsOfAccess/${record.requiresLogin ? 'login' : 'no_login'}`,
      type: 'Concept',
    });
  }
  // schema.org accessibility properties: AMB's schema does not forbid additional properties, and the AMB
  // context maps them to schema.org through its @vocab, so they travel as they are.
  set('accessMode', record.accessMode);
  set(
    'accessModeSufficient',
    record.accessModeSufficient?.map((modes) => ({ type: 'ItemList', itemListElement: modes })),
  );
  set('accessibilityFeature', record.accessibilityFeature);
  set('accessibilityHazard', record.accessibilityHazard);
  set('accessibilityControl', record.accessibilityControl);
  set('accessibilityAPI', record.accessibilityAPI);
  set('accessibilitySummary', inDefault(record.accessibilitySummary, lang));

  const fitted = fitToAmb(doc);
  const check = validateAmb(fitted);
  if (!check.valid) {
    // Only reachable when the record itself is broken (it was not validated against the profile).
    const first = check.problems[0];
    throw new AtlasError(
      'invalid_record',
      `The record ${record.id} cannot be written as AMB${first === undefined ? '' : `: ${first.path || '/'} ${first.message}`}`,
      { details: { problems: check.problems } },
    );
  }
  return fitted;
}
