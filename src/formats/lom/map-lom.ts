// Maps an IEEE LOM record to the common profile: the LTSC binding (http://ltsc.ieee.org/xsd/LOM, in any
// letter case), IMS MD 1.2 bindings, and the national profiles built on them (LOM-ES, ScoLOMFR, NL-LOM/CZP,
// OBAA including FEB's flattened obaaTitle/obaaKeyword variant, HS-OER-LOM). Elements are matched by
// local name in any namespace; elements this mapper does not know (profile extensions) are ignored without
// affecting the known ones. Vocabulary values are kept as concepts with their original values; mapping
// them to HCRT, ISCED or LRMI is a later step.
// Never performs I/O; language tags and licences are left to ctx.normalize; throws AtlasError
// `invalid_record` when there is no LOM or no title, and the XML layer's errors for XML that does not parse.
import { AtlasError } from '../../domain/errors.js';
import type { AgentValue, ConceptValue, ResourceRecord } from '../../domain/profile.js';
import {
  classifyIdentifier,
  dateValue,
  earliest,
  finishRecord,
  httpUrl,
  isoDuration,
  KeywordsBuilder,
  LangMapBuilder,
  licenseFrom,
  looksLikeFile,
  mediaType,
  oneLine,
  paragraphs,
  pushAgent,
  pushConcept,
  resolverUrl,
  uriOrNull,
  vocabularyConcept,
  type IdentifierValue,
  type MappingContext,
  type MediaObjectValue,
} from '../mapping.js';
import { deepText, parseRoot, type XmlElement } from '../xml/xml-tree.js';
import { readableText } from '../html/html-text.js';
import {
  dateText,
  durationText,
  firstText,
  identifierPairs,
  kid,
  kids,
  langStrings,
  lname,
  token,
  vocabulary,
  type LangString,
  type VocabularyValue,
} from './lom-read.js';
import { agentFromEntity } from './vcard.js';

type ResourceLinkValue = NonNullable<ResourceRecord['isBasedOn']>[number];

const LOM_CATEGORIES = new Set([
  'general',
  'lifecycle',
  'metametadata',
  'technical',
  'educational',
  'rights',
  'relation',
  'annotation',
  'classification',
]);

/** The LOM element: the root itself, or the first lom/obaa element below it (IMS manifests, HS-OER). */
function findLom(root: XmlElement): XmlElement | null {
  const isLom = (e: XmlElement): boolean => e.children.some((c) => LOM_CATEGORIES.has(lname(c)));
  const queue: { element: XmlElement; depth: number }[] = [{ element: root, depth: 0 }];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const n = lname(item.element);
    if ((n === 'lom' || n === 'obaa' || item.depth === 0) && isLom(item.element)) return item.element;
    if (item.depth < 4)
      for (const c of item.element.children) queue.push({ element: c, depth: item.depth + 1 });
  }
  return null;
}

// Role values that make a contributor a creator or a publisher (LOM English tokens and the translations
// national profiles and their tools use); every other role makes a contributor.
const CREATOR_ROLES = new Set([
  'author',
  'creator',
  'autor',
  'auteur',
  'autore',
  'auteurs',
  'autora',
  'auteure',
]);
const PUBLISHER_ROLES = new Set([
  'publisher',
  'editeur',
  'éditeur',
  'editora',
  'uitgever',
  'verlag',
  'herausgeber',
]);

type Role = 'creator' | 'publisher' | 'contributor';

function roleOf(value: string): Role {
  const t = token(value);
  if (CREATOR_ROLES.has(t)) return 'creator';
  if (PUBLISHER_ROLES.has(t)) return 'publisher';
  return 'contributor';
}

// LOM relation kinds kept as links; the others (references, requires, has format...) have no place.
function relationKind(value: string): 'isBasedOn' | 'isPartOf' | 'hasPart' | null {
  switch (token(value)) {
    case 'isbasedon':
    case 'isversionof':
      return 'isBasedOn';
    case 'ispartof':
      return 'isPartOf';
    case 'haspart':
      return 'hasPart';
    default:
      return null;
  }
}

const LRMI_INTERACTIVITY = new Set(['active', 'expositive', 'mixed']);

/** Values of cost and copyright elements that only say yes or no. */
function yesNo(value: string): 'yes' | 'no' | null {
  const t = token(value).replace(/\d+$/, '');
  if (['yes', 'true', 'sim', 'si', 'sí', 'oui', 'ja'].includes(t)) return 'yes';
  if (['no', 'false', 'não', 'nao', 'non', 'nein', 'nee', 'none'].includes(t)) return 'no';
  return null;
}

export function mapLom(metadataXml: string, ctx: MappingContext): ResourceRecord {
  const root = parseRoot(metadataXml);
  const lom = findLom(root);
  if (lom === null) {
    throw new AtlasError('invalid_record', 'The record contains no LOM metadata.', {
      details: { root: root.name },
    });
  }
  const generals = kids(lom, 'general');
  const lifecycles = kids(lom, 'lifecycle');
  const technicals = kids(lom, 'technical');
  const educationals = kids(lom, 'educational');
  const rights = kids(lom, 'rights');
  const inGeneral = (...names: string[]): XmlElement[] => generals.flatMap((g) => kids(g, ...names));

  // Languages. A language string without its own language is in the metadata's language (LOM 3.4,
  // metaMetadata/language), else in the resource's language when there is exactly one, else unknown.
  const inLanguage: string[] = [];
  const addLanguage = (raw: string): void => {
    const tag = ctx.normalize.language(oneLine(raw, 200));
    if (tag !== null && !inLanguage.includes(tag)) inLanguage.push(tag);
  };
  for (const l of inGeneral('language', 'obaalanguage')) addLanguage(deepText(l));
  if (inLanguage.length === 0) {
    // The learner's language (educational/language) stands in when the resource's is not given.
    for (const e of educationals) for (const l of kids(e, 'language')) addLanguage(deepText(l));
  }
  const metadataLanguage = kids(lom, 'metametadata')
    .flatMap((m) => kids(m, 'language'))
    .map((l) => ctx.normalize.language(oneLine(deepText(l), 200)))
    .find((tag) => tag !== null);
  const fallbackLanguage = metadataLanguage ?? (inLanguage.length === 1 ? (inLanguage[0] ?? 'und') : 'und');
  const languageOf = (s: LangString): string =>
    (s.language === null ? null : ctx.normalize.language(s.language)) ?? fallbackLanguage;

  // General
  const name = new LangMapBuilder(100_000);
  for (const t of inGeneral('title', 'obaatitle')) {
    for (const s of langStrings(t)) name.add(languageOf(s), oneLine(readableText(s.text), 100_000));
  }
  const nameMap = name.build();
  if (nameMap === undefined) {
    throw new AtlasError('invalid_record', 'The record has no title (general/title).', {
      details: { field: 'general/title' },
    });
  }
  const description = new LangMapBuilder(100_000);
  for (const d of inGeneral('description', 'obaadescription')) {
    for (const s of langStrings(d)) {
      description.add(languageOf(s), paragraphs(readableText(s.text), 100_000), 'join');
    }
  }
  const keywords = new KeywordsBuilder();
  for (const k of inGeneral('keyword', 'obaakeyword')) {
    for (const s of langStrings(k)) keywords.add(languageOf(s), s.text);
  }

  // Identifiers: general identifiers (catalog + entry), FEB's plain obaaIdentifier values.
  const identifiers: IdentifierValue[] = [];
  const pageCandidates: string[] = [];
  const addIdentifier = (entry: string, catalog: string): void => {
    const id = classifyIdentifier(entry, catalog);
    if (id === null) return;
    if (identifiers.length < 100 && !identifiers.some((i) => i.kind === id.kind && i.value === id.value)) {
      identifiers.push(id);
    }
    const web = httpUrl(entry) ?? resolverUrl(id);
    if (web !== null) pageCandidates.push(web);
  };
  for (const { catalog, entry } of generals.flatMap((g) => identifierPairs(g))) addIdentifier(entry, catalog);
  for (const e of inGeneral('obaaidentifier')) addIdentifier(deepText(e), '');

  // Life cycle: contributors by role, and the dates that go with authoring and publishing.
  const creator: AgentValue[] = [];
  const contributor: AgentValue[] = [];
  const publisher: AgentValue[] = [];
  const createdDates: string[] = [];
  const publishedDates: string[] = [];
  const addAgent = (role: Role, entity: string): void => {
    if (role === 'creator') pushAgent(creator, agentFromEntity(entity, 'Person'), 500);
    else if (role === 'publisher') pushAgent(publisher, agentFromEntity(entity, 'Organization'), 100);
    else pushAgent(contributor, agentFromEntity(entity, 'Person'), 500);
  };
  for (const contribute of lifecycles.flatMap((l) => kids(l, 'contribute'))) {
    const roleElement = kid(contribute, 'role');
    const roleValue = roleElement === undefined ? null : vocabulary(roleElement);
    const role = roleOf(roleValue?.value ?? '');
    const entities = kids(contribute, 'entity', 'centity').map((e) => {
      const vcard = kid(e, 'vcard');
      return deepText(vcard ?? e);
    });
    for (const entity of entities) addAgent(role, entity);
    const date = dateValue(dateText(kid(contribute, 'date')));
    if (date !== null && role === 'creator') createdDates.push(date);
    if (date !== null && role === 'publisher') publishedDates.push(date);
  }
  // FEB's flattened OBAA lists roles and entities side by side in <general>; they pair up in order.
  const obaaRoles = inGeneral('obaarole').map((r) => deepText(r));
  inGeneral('obaaentity').forEach((e, i) => addAgent(roleOf(obaaRoles[i] ?? ''), deepText(e)));
  const obaaDates = inGeneral('obaadate').flatMap((d) => dateValue(deepText(d)) ?? []);

  // Technical
  const formats: string[] = [];
  for (const f of [...technicals.flatMap((t) => kids(t, 'format')), ...inGeneral('obaaformat')]) {
    const value = mediaType(deepText(f));
    if (value !== null && !formats.includes(value)) formats.push(value);
  }
  const sizeText = technicals
    .map((t) => oneLine(deepText(kid(t, 'size') ?? t), 64))
    .find((s) => /^\d+(?:\.\d+)?$/.test(s));
  const contentSize = sizeText === undefined || Number(sizeText) === 0 ? undefined : sizeText;
  const locations = technicals
    .flatMap((t) => kids(t, 'location'))
    .map((l) => httpUrl(deepText(l)))
    .filter((u): u is string => u !== null);
  // The landing page: a location that is not a file download, else a web identifier, else any location.
  const url =
    locations.find((u) => !looksLikeFile(u)) ??
    pageCandidates.find((u) => !looksLikeFile(u)) ??
    locations[0] ??
    pageCandidates[0];
  const fileUrl = locations.find((u) => looksLikeFile(u) && u !== url);
  const encoding: MediaObjectValue[] = formats.slice(0, 100).map((encodingFormat, i) => ({
    encodingFormat,
    ...(i === 0 && contentSize !== undefined ? { contentSize } : {}),
    ...(i === 0 && fileUrl !== undefined ? { contentUrl: fileUrl } : {}),
  }));
  if (encoding.length === 0 && (fileUrl !== undefined || contentSize !== undefined)) {
    encoding.push({
      ...(fileUrl === undefined ? {} : { contentUrl: fileUrl }),
      ...(contentSize === undefined ? {} : { contentSize }),
    });
  }
  let duration = technicals.map((t) => isoDuration(durationText(kid(t, 'duration')))).find((d) => d !== null);

  // Educational
  const learningResourceType: ConceptValue[] = [];
  const audience: ConceptValue[] = [];
  const educationalLevel: ConceptValue[] = [];
  let interactivityType: ConceptValue | undefined;
  const concept = (property: string, v: VocabularyValue | null): ConceptValue | null => {
    if (v === null) return null;
    const labels = new LangMapBuilder(100_000);
    for (const l of v.labels) labels.add(languageOf(l), oneLine(l.text, 1000));
    const scheme = v.source !== null && uriOrNull(v.source) !== null ? v.source : null;
    return vocabularyConcept(property, v.id ?? v.value, { labels: labels.build(), scheme });
  };
  for (const e of educationals) {
    for (const t of kids(e, 'learningresourcetype'))
      pushConcept(learningResourceType, concept('learningResourceType', vocabulary(t)), 100);
    for (const r of kids(e, 'intendedenduserrole'))
      pushConcept(audience, concept('intendedEndUserRole', vocabulary(r)), 100);
    for (const c of kids(e, 'context')) pushConcept(educationalLevel, concept('context', vocabulary(c)), 100);
    for (const a of kids(e, 'typicalagerange')) {
      for (const s of langStrings(a)) {
        pushConcept(
          educationalLevel,
          vocabularyConcept('typicalAgeRange', s.text, { labelLanguage: languageOf(s) }),
          100,
        );
      }
    }
    const interactivity = kid(e, 'interactivitytype');
    const iv = interactivity === undefined ? null : vocabulary(interactivity);
    if (iv !== null && interactivityType === undefined) {
      // LOM's three values are exactly LRMI's interactivityType concepts.
      const t = token(iv.value);
      interactivityType = LRMI_INTERACTIVITY.has(t)
        ? { id: `http://purl.org/dcx/lrmi-vocabs/interactivityType/${t}` }
        : (concept('interactivityType', iv) ?? undefined);
    }
    duration ??= kids(e, 'typicallearningtime')
      .map((t) => isoDuration(durationText(t)))
      .find((d) => d !== null);
  }
  for (const t of inGeneral('obaalearningresourcetype')) {
    pushConcept(learningResourceType, vocabularyConcept('learningResourceType', deepText(t)), 100);
  }

  // Rights: licence statements from the free text and from copyright values that say more than yes/no
  // (LOM-ES and NL-LOM put licence names there); cost "no" means free of charge.
  const statements: string[] = [];
  let isAccessibleForFree: boolean | undefined;
  for (const r of rights) {
    const copyright = kid(r, 'copyrightandotherrestrictions');
    const cv = copyright === undefined ? null : vocabulary(copyright);
    if (cv !== null && yesNo(cv.value) === null) statements.push(cv.value);
    for (const d of kids(r, 'description')) for (const s of langStrings(d)) statements.push(s.text);
    const cost = kid(r, 'cost');
    const costValue = cost === undefined ? null : yesNo(vocabulary(cost)?.value ?? '');
    if (costValue !== null) isAccessibleForFree ??= costValue === 'no';
  }
  for (const d of inGeneral('obaarightsdescription')) statements.push(deepText(d));
  const license = licenseFrom(statements, ctx);

  // Relations
  let image: string | undefined;
  const links: Record<'isBasedOn' | 'isPartOf' | 'hasPart', ResourceLinkValue[]> = {
    isBasedOn: [],
    isPartOf: [],
    hasPart: [],
  };
  for (const relation of kids(lom, 'relation')) {
    const kindElement = kid(relation, 'kind');
    const kindValue = kindElement === undefined ? null : vocabulary(kindElement);
    const kind = kindValue === null ? null : relationKind(kindValue.value);
    // ScoLOMFR links the thumbnail as a relation ("a pour vignette", scolomfr-voc-009-num-021).
    const thumbnail =
      kindValue !== null &&
      (token(kindValue.value) === 'scolomfrvoc009num021' ||
        kindValue.labels.some((l) => /vignette/i.test(l.text)));
    if (thumbnail) {
      for (const resource of kids(relation, 'resource'))
        image ??= httpUrl(identifierPairs(resource)[0]?.entry ?? '') ?? undefined;
      continue;
    }
    if (kind === null) continue;
    for (const resource of kids(relation, 'resource')) {
      const entry = identifierPairs(resource)[0]?.entry ?? '';
      const id = entry === '' ? null : (httpUrl(entry) ?? uriOrNull(entry));
      const label = oneLine(firstText(kid(resource, 'description')), 2000);
      if (id === null && label === '') continue;
      const list = links[kind];
      if (list.length < 100)
        list.push({ ...(id === null ? {} : { id }), ...(label === '' ? {} : { name: label }) });
    }
  }

  // Classification: the most specific taxon of each path. Discipline (or unstated) purposes describe the
  // subject; "educational level" purposes (NL-LOM, ScoLOMFR) describe the level.
  const about: ConceptValue[] = [];
  for (const classification of kids(lom, 'classification')) {
    const purposeElement = kid(classification, 'purpose');
    const pv = purposeElement === undefined ? null : vocabulary(purposeElement);
    const purpose = token(pv?.value ?? '');
    // ScoLOMFR names its purposes by concept URI; its labels ("domaine d'enseignement", "niveau éducatif
    // détaillé") say what they are.
    const label = (pv?.labels ?? []).map((l) => l.text.toLowerCase()).join(' ');
    const target =
      purpose === '' ||
      purpose === 'discipline' ||
      purpose === 'idea' ||
      purpose === 'none' ||
      /enseignement|discipline/.test(label)
        ? about
        : purpose.includes('educationallevel') || /niveau/.test(label)
          ? educationalLevel
          : null;
    if (target === null) continue;
    for (const path of kids(classification, 'taxonpath')) {
      const source = firstText(kid(path, 'source'));
      const taxa = kids(path, 'taxon');
      const leaf = taxa[taxa.length - 1];
      if (leaf === undefined) continue;
      const taxonId = deepText(kid(leaf, 'id') ?? leaf).trim();
      const labels = new LangMapBuilder(100_000);
      for (const s of langStrings(kid(leaf, 'entry'))) labels.add(languageOf(s), oneLine(s.text, 1000));
      const key = taxonId !== '' && kid(leaf, 'id') !== undefined ? taxonId : firstText(kid(leaf, 'entry'));
      if (key === '') continue;
      const property = `taxon:${encodeURIComponent(source === '' ? 'unknown' : source.toLowerCase())}`;
      const built = vocabularyConcept(property, key, { labels: labels.build(), scheme: source });
      pushConcept(target, built, target === about ? 500 : 100);
    }
  }

  const accessibility = readAccessibility(lom);

  return finishRecord(
    {
      name: nameMap,
      description: description.build(),
      keywords: keywords.build(),
      url,
      identifiers,
      inLanguage,
      inLanguageOrigin: inLanguage.length > 0 ? 'declared' : undefined,
      license,
      about,
      educationalLevel,
      learningResourceType,
      audience,
      interactivityType,
      creator,
      contributor,
      publisher,
      dateCreated: earliest(createdDates),
      datePublished: earliest([...publishedDates, ...obaaDates]),
      duration: duration ?? undefined,
      image,
      encoding,
      isBasedOn: links.isBasedOn,
      isPartOf: links.isPartOf,
      hasPart: links.hasPart,
      isAccessibleForFree,
      ...accessibility,
    },
    ctx,
  );
}

// OBAA's accessibility category says which senses the resource needs (hasVisual, hasAuditory, hasText,
// hasTactile); a few profiles carry schema.org's properties under their own names. Both are read when
// present; nothing is inferred when they are absent.
const SENSES: Readonly<Record<string, string>> = {
  hasvisual: 'visual',
  hasauditory: 'auditory',
  hastext: 'textual',
  hastactile: 'tactile',
};

function readAccessibility(lom: XmlElement): {
  accessMode?: string[];
  accessibilityFeature?: string[];
  accessibilityHazard?: string[];
} {
  const section = kid(lom, 'accessibility');
  if (section === undefined) return {};
  const accessMode: string[] = [];
  const accessibilityFeature: string[] = [];
  const accessibilityHazard: string[] = [];
  const visit = (e: XmlElement, depth: number): void => {
    const n = lname(e);
    const value = oneLine(deepText(e), 64);
    const sense = SENSES[n];
    if (sense !== undefined && yesNo(value) === 'yes' && !accessMode.includes(sense)) accessMode.push(sense);
    if (n === 'accessmode' && value !== '' && !accessMode.includes(value)) accessMode.push(value);
    if (n === 'accessibilityfeature' && value !== '' && !accessibilityFeature.includes(value))
      accessibilityFeature.push(value);
    if (n === 'accessibilityhazard' && value !== '' && !accessibilityHazard.includes(value))
      accessibilityHazard.push(value);
    if (depth < 6) for (const c of e.children) visit(c, depth + 1);
  };
  visit(section, 0);
  return {
    ...(accessMode.length === 0 ? {} : { accessMode: accessMode.slice(0, 200) }),
    ...(accessibilityFeature.length === 0
      ? {}
      : { accessibilityFeature: accessibilityFeature.slice(0, 200) }),
    ...(accessibilityHazard.length === 0 ? {} : { accessibilityHazard: accessibilityHazard.slice(0, 200) }),
  };
}
