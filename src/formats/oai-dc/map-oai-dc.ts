// Maps a Dublin Core record (oai_dc, a bare dc container, nsdl_dc, or DSpace's qdc elements lying directly
// in <metadata>) to the common profile. DC says little about structure, so the choices below are
// heuristics kept deliberately simple and explained where they are made. DC terms refinements that have an
// obvious place (abstract, issued, created, modified, license, educationLevel, audience) are read too.
// Never performs I/O; language tags and licences are left to ctx.normalize; throws AtlasError
// `invalid_record` when there is no title and the XML layer's errors for XML that does not parse.
import { AtlasError } from '../../domain/errors.js';
import type { AgentValue, ConceptValue, ResourceRecord } from '../../domain/profile.js';
import {
  classifyIdentifier,
  dateValue,
  earliest,
  finishRecord,
  guessAgent,
  httpUrl,
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
  splitKeywordList,
  uriOrNull,
  vocabularyConcept,
  type IdentifierValue,
  type MappingContext,
  type MediaObjectValue,
} from '../mapping.js';
import { attr, deepText, parseRoot, XML_NAMESPACE, type XmlElement } from '../xml/xml-tree.js';
import { readableText } from '../html/html-text.js';

const DC_NAMESPACE = /^https?:\/\/purl\.org\/dc\/(?:elements\/1\.1|terms)\/?$/;

// The DCMI Type Vocabulary: its terms appear bare ("Text", "InteractiveResource") in dc:type.
const DCMI_TYPES = new Set([
  'collection',
  'dataset',
  'event',
  'image',
  'interactiveresource',
  'movingimage',
  'physicalobject',
  'service',
  'software',
  'sound',
  'stillimage',
  'text',
]);
const DCMI_TYPE_NAMES: Readonly<Record<string, string>> = {
  interactiveresource: 'InteractiveResource',
  movingimage: 'MovingImage',
  physicalobject: 'PhysicalObject',
  stillimage: 'StillImage',
};

function isDc(element: XmlElement): boolean {
  return DC_NAMESPACE.test(element.uri);
}

/** The element holding the DC elements: the root, or the first descendant (3 levels) that has some. */
function dcContainer(root: XmlElement): XmlElement | null {
  const queue: { element: XmlElement; depth: number }[] = [{ element: root, depth: 0 }];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    if (item.element.children.some(isDc)) return item.element;
    if (item.depth < 3)
      for (const child of item.element.children) queue.push({ element: child, depth: item.depth + 1 });
  }
  return null;
}

/**
 * Some providers (PUC-Rio's Maxwell) put the language in front of the value: "[pt] APERFEIÇOAMENTO...".
 * Returns the tag and the value without it.
 */
function inlineLanguage(value: string): { language: string | null; text: string } {
  const m = /^\s*\[([A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?)\]\s*/.exec(value);
  return m?.[1] === undefined
    ? { language: null, text: value }
    : { language: m[1], text: value.slice(m[0].length) };
}

interface DcValue {
  readonly element: XmlElement;
  readonly text: string;
}

export function mapOaiDc(metadataXml: string, ctx: MappingContext): ResourceRecord {
  const root = parseRoot(metadataXml);
  const container = dcContainer(root);
  if (container === null) {
    throw new AtlasError('invalid_record', 'The record has no Dublin Core elements.', {
      details: { root: root.name },
    });
  }
  const byName = new Map<string, DcValue[]>();
  for (const element of container.children) {
    if (!isDc(element)) continue;
    const text = deepText(element);
    if (text.trim() === '') continue;
    const list = byName.get(element.local);
    if (list === undefined) byName.set(element.local, [{ element, text }]);
    else list.push({ element, text });
  }
  const values = (...names: string[]): DcValue[] => names.flatMap((n) => byName.get(n) ?? []);

  // Languages first: a value without xml:lang is taken to be in the record's language when the record
  // declares exactly one, else "und" (unknown) rather than a guess.
  const inLanguage: string[] = [];
  for (const { text } of values('language')) {
    const tag = ctx.normalize.language(oneLine(text, 64));
    if (tag !== null && !inLanguage.includes(tag)) inLanguage.push(tag);
  }
  const fallbackLanguage = inLanguage.length === 1 ? (inLanguage[0] ?? 'und') : 'und';
  const languageOf = (element: XmlElement, inline: string | null): string => {
    const declared = attr(element, 'lang', XML_NAMESPACE);
    const tag =
      (declared === undefined ? null : ctx.normalize.language(declared)) ??
      (inline === null ? null : ctx.normalize.language(inline));
    return tag ?? fallbackLanguage;
  };

  // A second title in the same language (DSpace sends the translated title without xml:lang) has nowhere
  // to go in the profile; the first one is the title.
  const name = new LangMapBuilder(100_000);
  for (const { element, text } of values('title')) {
    const { language, text: value } = inlineLanguage(text);
    name.add(languageOf(element, language), oneLine(readableText(value), 100_000));
  }
  const nameMap = name.build();
  if (nameMap === undefined) {
    throw new AtlasError('invalid_record', 'The record has no title (dc:title).', {
      details: { field: 'dc:title' },
    });
  }

  // Several descriptions in one language are parts of one text (abstract split by the repository).
  const description = new LangMapBuilder(100_000);
  for (const { element, text } of values('description', 'abstract', 'tableOfContents')) {
    const { language, text: value } = inlineLanguage(text);
    description.add(languageOf(element, language), paragraphs(readableText(value), 100_000), 'join');
  }

  const keywords = new KeywordsBuilder();
  const about: ConceptValue[] = [];
  for (const { element, text } of values('subject')) {
    const { language, text: value } = inlineLanguage(text);
    const uri = uriOrNull(value);
    if (uri !== null) {
      // A subject given as a URI is a concept of some vocabulary, not a keyword.
      pushConcept(about, { id: uri }, 500);
      continue;
    }
    const lang = languageOf(element, language);
    for (const keyword of splitKeywordList(oneLine(readableText(value), 10_000))) keywords.add(lang, keyword);
  }

  const creator: AgentValue[] = [];
  const contributor: AgentValue[] = [];
  const publisher: AgentValue[] = [];
  for (const { text } of values('creator')) pushAgent(creator, guessAgent(text, 'Person'), 500);
  for (const { text } of values('contributor')) pushAgent(contributor, guessAgent(text, 'Person'), 500);
  for (const { text } of values('publisher')) pushAgent(publisher, guessAgent(text, 'Organization'), 100);

  // dc:date is usually the issue date, but DSpace also exports accession and availability timestamps as
  // dc:date; those come later than the issue, so the earliest value is taken as the publication date.
  const dates = values('date', 'issued')
    .map((v) => dateValue(v.text))
    .filter((v): v is string => v !== null);
  const datePublished = earliest(dates);
  const dateCreated = earliest(values('created').flatMap((v) => dateValue(v.text) ?? []));
  const dateModified = values('modified').flatMap((v) => dateValue(v.text) ?? [])[0];

  // dc:type: DCMI type names and URIs (info:eu-repo/semantics/article, vocabulary URLs) become concepts as
  // they are; any other value ("Dissertação", "Artigo") becomes a concept with a minted id and the value as
  // label, so the normalization step can map it to HCRT. Types are not keywords: they would flood keyword
  // search with "Text" and "Article".
  const learningResourceType: ConceptValue[] = [];
  for (const { element, text } of values('type')) {
    const value = oneLine(text, 2000);
    const lower = value.toLowerCase().replace(/\s+/g, '');
    const concept = DCMI_TYPES.has(lower)
      ? {
          id: `http://purl.org/dc/dcmitype/${DCMI_TYPE_NAMES[lower] ?? lower.charAt(0).toUpperCase() + lower.slice(1)}`,
          inScheme: 'http://purl.org/dc/dcmitype/',
        }
      : vocabularyConcept('dc-type', value, { labelLanguage: languageOf(element, null) });
    pushConcept(learningResourceType, concept, 100);
  }

  const educationalLevel: ConceptValue[] = [];
  for (const { element, text } of values('educationLevel')) {
    pushConcept(
      educationalLevel,
      vocabularyConcept('dc-educationLevel', text, { labelLanguage: languageOf(element, null) }),
      100,
    );
  }
  const audience: ConceptValue[] = [];
  for (const { element, text } of values('audience')) {
    pushConcept(
      audience,
      vocabularyConcept('dc-audience', text, { labelLanguage: languageOf(element, null) }),
      100,
    );
  }

  // Identifiers: every one is kept, classified; the landing page is the first web address that is not a
  // file download, else the resolver of a DOI or handle. File links become the encoding's contentUrl.
  const identifiers: IdentifierValue[] = [];
  const webPages: string[] = [];
  const files: string[] = [];
  for (const { text } of values('identifier')) {
    const id = classifyIdentifier(text);
    if (id === null) continue;
    if (!identifiers.some((i) => i.kind === id.kind && i.value === id.value) && identifiers.length < 100) {
      identifiers.push(id);
    }
    // A web address stays as given (http stays http); a bare DOI or handle gets its resolver.
    const web = httpUrl(text) ?? resolverUrl(id);
    if (web !== null) (looksLikeFile(web) ? files : webPages).push(web);
  }
  const url = webPages[0];

  // dc:format mixes media types ("application/pdf") with extents ("506857 bytes"); only those two are used.
  const formats: string[] = [];
  let contentSize: string | undefined;
  for (const { text } of values('format', 'extent', 'medium')) {
    const value = oneLine(text, 255);
    const type = mediaType(value);
    if (type !== null) {
      if (!formats.includes(type)) formats.push(type);
    } else if (/^\d+(?:[.,]\d+)?\s*(?:bytes?|[kmgt]i?b|[kmgt]bytes)$/i.test(value)) {
      contentSize ??= value.slice(0, 64);
    }
  }
  const encoding: MediaObjectValue[] = formats.slice(0, 100).map((encodingFormat, i) => ({
    encodingFormat,
    ...(i === 0 && contentSize !== undefined ? { contentSize } : {}),
    ...(i === 0 && files[0] !== undefined ? { contentUrl: files[0] } : {}),
  }));
  if (encoding.length === 0 && files[0] !== undefined) {
    encoding.push({ contentUrl: files[0], ...(contentSize === undefined ? {} : { contentSize }) });
  }

  // dc:source names the resource this one derives from; only a URL or DOI is clear enough to link.
  // dc:relation is too loose (series titles, citations, "isPartOf" prose) and is left alone.
  const isBasedOn: { id: string }[] = [];
  for (const { text } of values('source')) {
    const id = classifyIdentifier(text);
    const link = id === null ? null : id.kind === 'url' ? id.value : resolverUrl(id);
    if (link !== null && !isBasedOn.some((l) => l.id === link) && isBasedOn.length < 100)
      isBasedOn.push({ id: link });
  }

  const license = licenseFrom(
    values('rights', 'license').map((v) => v.text),
    ctx,
  );

  return finishRecord(
    {
      name: nameMap,
      description: description.build(),
      keywords: keywords.build(),
      url,
      urlOriginal: url === undefined ? undefined : originalOf(url, values('identifier')),
      identifiers,
      inLanguage,
      inLanguageOrigin: inLanguage.length > 0 ? 'declared' : undefined,
      license,
      about,
      educationalLevel,
      learningResourceType,
      audience,
      creator,
      contributor,
      publisher,
      datePublished,
      dateCreated,
      dateModified,
      encoding,
      isBasedOn,
    },
    ctx,
  );
}

/** The identifier as the source wrote it, when normalizing the URL changed it. */
function originalOf(url: string, identifiers: readonly DcValue[]): string | undefined {
  for (const { text } of identifiers) {
    const raw = text.trim();
    if (httpUrl(raw) === url) return raw === url ? undefined : raw.slice(0, 4096);
  }
  return undefined;
}
