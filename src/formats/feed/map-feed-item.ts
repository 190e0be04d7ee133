// Maps one feed item, as stored by the feed reader (`rss-item`: an RSS 2.0 / 1.0 <item>; `atom-entry`: an
// Atom <entry>), to the common profile. Reads the core elements, Dublin Core (dc: and dcterms: title,
// creator, subject, language, rights, date, type, identifier...), Media RSS (media:content, media:group,
// media:thumbnail, media:license, media:keywords, media:credit...), RSS enclosures, the Creative Commons
// modules (cc:license, creativeCommons:license) and Atom licence links (RFC 4946). HTML in descriptions is
// turned into text. Relative links resolve against the item's xml:base, which the feed reader sets.
// Never performs I/O; throws AtlasError `invalid_record` when the item has no title or the result does not
// fit the profile, and the XML layer's errors for XML that does not parse.
import { AtlasError } from '../../domain/errors.js';
import type { AgentValue, ConceptValue, ResourceRecord } from '../../domain/profile.js';
import { decodeHtmlEntities, hasCharacterReferences, htmlToText, looksLikeHtml } from '../html/html-text.js';
import {
  classifyIdentifier,
  dateValue,
  finishRecord,
  guessAgent,
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
  splitKeywordList,
  uriOrNull,
  vocabularyConcept,
  type IdentifierValue,
  type MappingContext,
  type MediaObjectValue,
} from '../mapping.js';
import { validateRecord } from '../profile/validate-record.js';
import { attr, parseXml, XML_NAMESPACE, type XmlElement } from '../xml/xml-tree.js';
import { isAtom, isCc, isDc, isMedia, isRssCore, RDF_NS } from './feed-xml.js';
import { feedDateMs } from './parse-feed.js';

const DCMI_TYPES: Readonly<Record<string, string>> = {
  collection: 'Collection',
  dataset: 'Dataset',
  event: 'Event',
  image: 'Image',
  interactiveresource: 'InteractiveResource',
  movingimage: 'MovingImage',
  physicalobject: 'PhysicalObject',
  service: 'Service',
  software: 'Software',
  sound: 'Sound',
  stillimage: 'StillImage',
  text: 'Text',
};

function textOf(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  let out = element.text;
  for (const child of element.children) out += textOf(child);
  return out;
}

/** The markup inside an element, from the source text the element was parsed from. */
function innerMarkup(source: string, element: XmlElement): string {
  const open = source.indexOf('>', element.start);
  const close = source.lastIndexOf('<', element.end - 1);
  return open === -1 || close <= open ? '' : source.slice(open + 1, close);
}

/** An Atom text construct, or RSS text that may hold escaped HTML, as plain text. */
function plainText(source: string, element: XmlElement, kind: 'title' | 'body'): string {
  const type = (attr(element, 'type') ?? '').trim().toLowerCase();
  if (type === 'xhtml') {
    // XHTML is markup in the document itself; read as HTML it keeps its words in order.
    const text = htmlToText(innerMarkup(source, element));
    return kind === 'title' ? oneLine(text, 100_000) : text.slice(0, 100_000);
  }
  const raw = textOf(element);
  if (kind === 'title') {
    // Titles are plain text; only double-escaped references are decoded, tags are not guessed at.
    return oneLine(type === 'html' ? htmlToText(raw) : decodeHtmlEntities(raw), 100_000);
  }
  if (type === 'text') return paragraphs(raw, 100_000);
  // Declared HTML, or RSS text holding tags of HTML elements; words in angle brackets ("<draft>") are text.
  if (type === 'html' || looksLikeHtml(raw)) return htmlToText(raw).slice(0, 100_000);
  return paragraphs(hasCharacterReferences(raw) ? decodeHtmlEntities(raw) : raw, 100_000);
}

function resolveUrl(href: string, base: string | undefined): string | null {
  const value = href.trim();
  if (value === '') return null;
  try {
    return httpUrl(base === undefined ? new URL(value).href : new URL(value, base).href);
  } catch {
    return null;
  }
}

function baseOf(element: XmlElement): string | undefined {
  const chain: string[] = [];
  for (let e: XmlElement | null = element; e !== null; e = e.parent) {
    const b = attr(e, 'base', XML_NAMESPACE);
    if (b !== undefined) chain.unshift(b);
  }
  let base: string | undefined;
  for (const b of chain) {
    try {
      base = base === undefined ? new URL(b).href : new URL(b, base).href;
    } catch {
      // ignored, as a reader of the feed would
    }
  }
  return base;
}

/** Media RSS elements of the item: directly, in media:group, and inside media:content. */
function mediaElements(item: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (element: XmlElement, depth: number): void => {
    for (const child of element.children) {
      if (!isMedia(child)) continue;
      out.push(child);
      if (depth < 2 && (child.local === 'group' || child.local === 'content')) visit(child, depth + 1);
    }
  };
  visit(item, 0);
  return out.slice(0, 2000);
}

/** "lawyer@example.com (Lawyer Boyer)" and the other shapes of RSS <author>. */
function rssAuthor(value: string): AgentValue | null {
  const v = oneLine(value, 1000);
  const withName = /^([^\s@()]+@[^\s@()]+)\s*\((.+)\)$/.exec(v);
  const email = withName?.[1] ?? (/^[^\s@()]+@[^\s@()]+\.[^\s@()]+$/.test(v) ? v : undefined);
  const name = withName?.[2]?.trim() ?? v;
  const agent = guessAgent(name, 'Person');
  if (agent === null) return null;
  return email !== undefined && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 320
    ? { ...agent, email }
    : agent;
}

function atomPerson(element: XmlElement): AgentValue | null {
  const name = textOf(element.children.find((c) => isAtom(c) && c.local === 'name'));
  const agent = guessAgent(name, 'Person');
  if (agent === null) return null;
  const uri = httpUrl(textOf(element.children.find((c) => isAtom(c) && c.local === 'uri')));
  const email = oneLine(textOf(element.children.find((c) => isAtom(c) && c.local === 'email')), 320);
  return {
    ...agent,
    ...(uri === null ? {} : { id: uri }),
    ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? { email } : {}),
  };
}

function bytesSize(value: string | undefined): string | undefined {
  const v = value?.trim() ?? '';
  return /^\d{1,18}$/.test(v) && v !== '0' ? v : undefined;
}

/** Maps a stored feed item (see the file comment). */
export function mapFeedItem(raw: string, ctx: MappingContext): ResourceRecord {
  // Parsed afresh: element offsets must refer to `raw` (XHTML content is read from the source text).
  const item = parseXml(raw).root;
  const atom = item.local === 'entry' && isAtom(item);
  if (!atom && item.local !== 'item') {
    throw new AtlasError(
      'invalid_record',
      `A feed item is an <item> or an Atom <entry>, not <${item.name}>.`,
      {
        details: { root: item.name },
      },
    );
  }
  const base = baseOf(item);
  const children = item.children;
  const source = atom ? children.find((c) => isAtom(c) && c.local === 'source') : undefined;
  const core = (c: XmlElement): boolean => (atom ? isAtom(c) : isRssCore(c));
  const named = (predicate: (c: XmlElement) => boolean, ...locals: string[]): XmlElement[] =>
    children.filter((c) => locals.includes(c.local) && predicate(c));
  const media = mediaElements(item);
  const mediaNamed = (...locals: string[]): XmlElement[] => media.filter((m) => locals.includes(m.local));

  // Languages: Dublin Core, then the item's xml:lang (the feed reader carries the channel's into it).
  const inLanguage: string[] = [];
  for (const value of [
    ...named(isDc, 'language').map((e) => textOf(e)),
    attr(item, 'lang', XML_NAMESPACE) ?? '',
  ]) {
    const tag = value.trim() === '' ? null : ctx.normalize.language(oneLine(value, 64));
    if (tag !== null && !inLanguage.includes(tag)) inLanguage.push(tag);
  }
  const lang = inLanguage.length === 1 ? (inLanguage[0] ?? 'und') : 'und';
  const languageOf = (element: XmlElement): string => {
    const own = attr(element, 'lang', XML_NAMESPACE);
    return (own === undefined || element === item ? null : ctx.normalize.language(own)) ?? lang;
  };

  const name = new LangMapBuilder(100_000);
  for (const e of [...named(core, 'title'), ...named(isDc, 'title'), ...mediaNamed('title')]) {
    name.add(languageOf(e), plainText(raw, e, 'title'));
  }
  const nameMap = name.build();
  if (nameMap === undefined) {
    throw new AtlasError('invalid_record', 'The feed item has no title.', { details: { field: 'title' } });
  }

  const description = new LangMapBuilder(100_000);
  const descriptions = [
    ...named(core, atom ? 'summary' : 'description'),
    ...named(isDc, 'description', 'abstract'),
    ...mediaNamed('description'),
    ...(atom ? named(core, 'content') : children.filter((c) => c.local === 'encoded')),
  ];
  for (const e of descriptions) {
    // Atom content that is only a link to the resource (src=...) has no text.
    if (attr(e, 'src') !== undefined) continue;
    description.add(languageOf(e), plainText(raw, e, 'body'));
  }

  // Links: the landing page, licences, enclosures.
  let url: string | null = null;
  const licenseStatements: string[] = [];
  const encoding: MediaObjectValue[] = [];
  const addEncoding = (m: MediaObjectValue): void => {
    if (
      encoding.length < 100 &&
      !encoding.some((e) => e.contentUrl !== undefined && e.contentUrl === m.contentUrl)
    ) {
      encoding.push(m);
    }
  };
  const links = [...children, ...(source?.children ?? [])].filter((c) => isAtom(c) && c.local === 'link');
  for (const link of links) {
    const rel = (attr(link, 'rel') ?? 'alternate').trim().toLowerCase();
    const href = attr(link, 'href') ?? '';
    if (rel === 'license') {
      licenseStatements.push(href);
      continue;
    }
    if (link.parent !== item) continue;
    const resolved = resolveUrl(href, base);
    if (resolved === null) continue;
    if (rel === 'alternate' && atom) url ??= resolved;
    else if (rel === 'enclosure') {
      const type = mediaType(attr(link, 'type') ?? '');
      const size = bytesSize(attr(link, 'length'));
      addEncoding({
        contentUrl: resolved,
        ...(type === null ? {} : { encodingFormat: type }),
        ...(size === undefined ? {} : { contentSize: size }),
      });
    }
  }
  if (!atom) {
    for (const e of named(isRssCore, 'link')) url ??= resolveUrl(textOf(e), base);
    const guid = named(isRssCore, 'guid')[0];
    if (url === null && guid !== undefined && (attr(guid, 'isPermaLink') ?? 'true').trim() !== 'false') {
      url = resolveUrl(textOf(guid), base);
    }
    const about = attr(item, 'about', RDF_NS);
    if (url === null && about !== undefined) url = resolveUrl(about, base);
    for (const e of named(isRssCore, 'enclosure')) {
      const contentUrl = resolveUrl(attr(e, 'url') ?? '', base);
      if (contentUrl === null) continue;
      const type = mediaType(attr(e, 'type') ?? '');
      const size = bytesSize(attr(e, 'length'));
      addEncoding({
        contentUrl,
        ...(type === null ? {} : { encodingFormat: type }),
        ...(size === undefined ? {} : { contentSize: size }),
      });
    }
  }

  let image: string | null = null;
  let duration: string | null = null;
  for (const m of media) {
    if (m.local === 'content') {
      const contentUrl = resolveUrl(attr(m, 'url') ?? '', base);
      const medium = (attr(m, 'medium') ?? '').trim().toLowerCase();
      const type = mediaType(attr(m, 'type') ?? '');
      if (contentUrl !== null && (medium === 'image' || type?.startsWith('image/') === true)) {
        image ??= contentUrl;
        continue;
      }
      const size = bytesSize(attr(m, 'fileSize'));
      if (contentUrl !== null) {
        addEncoding({
          contentUrl,
          ...(type === null ? {} : { encodingFormat: type }),
          ...(size === undefined ? {} : { contentSize: size }),
        });
      }
      const seconds = (attr(m, 'duration') ?? '').trim();
      if (duration === null && /^\d{1,7}$/.test(seconds)) duration = isoDuration(`PT${seconds}S`);
    } else if (m.local === 'thumbnail') {
      image ??= resolveUrl(attr(m, 'url') ?? '', base);
    } else if (m.local === 'license') {
      licenseStatements.push(attr(m, 'href') ?? '', textOf(m));
    } else if (m.local === 'copyright') {
      licenseStatements.push(attr(m, 'url') ?? '', textOf(m));
    }
  }

  // Licences: CC modules, Dublin Core, RSS copyright, Atom rights (the entry's, else its source's).
  for (const e of children) {
    if (isCc(e) && e.local === 'license')
      licenseStatements.push(attr(e, 'resource', RDF_NS) ?? '', textOf(e));
    else if (isDc(e) && (e.local === 'license' || e.local === 'rights')) {
      licenseStatements.push(attr(e, 'resource', RDF_NS) ?? '', textOf(e));
    } else if (!atom && isRssCore(e) && e.local === 'copyright') licenseStatements.push(textOf(e));
  }
  if (atom) {
    const rights = named(isAtom, 'rights');
    const inherited = source?.children.filter((c) => isAtom(c) && c.local === 'rights') ?? [];
    for (const e of rights.length > 0 ? rights : inherited)
      licenseStatements.push(plainText(raw, e, 'title'));
  }
  const license = licenseFrom(
    licenseStatements.filter((s) => s.trim() !== ''),
    ctx,
  );

  // Agents.
  const creator: AgentValue[] = [];
  const contributor: AgentValue[] = [];
  const publisher: AgentValue[] = [];
  if (atom) {
    const authors = named(isAtom, 'author');
    const inherited = source?.children.filter((c) => isAtom(c) && c.local === 'author') ?? [];
    for (const e of authors.length > 0 ? authors : inherited) pushAgent(creator, atomPerson(e), 500);
    for (const e of named(isAtom, 'contributor')) pushAgent(contributor, atomPerson(e), 500);
  } else {
    for (const e of named(isRssCore, 'author')) pushAgent(creator, rssAuthor(textOf(e)), 500);
  }
  for (const e of named(isDc, 'creator')) pushAgent(creator, guessAgent(textOf(e), 'Person'), 500);
  for (const e of named(isDc, 'contributor')) pushAgent(contributor, guessAgent(textOf(e), 'Person'), 500);
  for (const e of named(isDc, 'publisher')) pushAgent(publisher, guessAgent(textOf(e), 'Organization'), 100);
  for (const m of mediaNamed('credit')) {
    const role = (attr(m, 'role') ?? '').trim().toLowerCase();
    const target = ['author', 'creator', 'owner', 'uploader', 'artist'].includes(role)
      ? creator
      : role === 'publisher'
        ? publisher
        : contributor;
    pushAgent(target, guessAgent(textOf(m), target === publisher ? 'Organization' : 'Person'), 500);
  }

  // Subjects and keywords.
  const keywords = new KeywordsBuilder();
  const about: ConceptValue[] = [];
  for (const e of named(core, 'category')) {
    const term = atom ? (attr(e, 'term') ?? '') : textOf(e);
    const label = atom ? (attr(e, 'label') ?? '') : '';
    const uri = uriOrNull(term);
    if (uri !== null) {
      pushConcept(
        about,
        { id: uri, ...(oneLine(label) === '' ? {} : { prefLabel: { [lang]: oneLine(label, 2000) } }) },
        500,
      );
    } else {
      keywords.add(languageOf(e), label.trim() !== '' ? label : term);
    }
  }
  for (const e of named(isDc, 'subject')) {
    const value = oneLine(textOf(e), 10_000);
    const uri = uriOrNull(value);
    if (uri !== null) pushConcept(about, { id: uri }, 500);
    else for (const k of splitKeywordList(value)) keywords.add(languageOf(e), k);
  }
  for (const m of mediaNamed('keywords')) {
    for (const k of textOf(m).slice(0, 100_000).split(',')) keywords.add(lang, k);
  }
  for (const m of mediaNamed('category')) keywords.add(lang, attr(m, 'label') ?? textOf(m));

  // Types, levels, audiences (Dublin Core).
  const learningResourceType: ConceptValue[] = [];
  for (const e of named(isDc, 'type')) {
    const value = oneLine(textOf(e), 2000);
    const dcmi = DCMI_TYPES[value.toLowerCase().replace(/\s+/g, '')];
    pushConcept(
      learningResourceType,
      dcmi !== undefined
        ? { id: `http://purl.org/dc/dcmitype/${dcmi}`, inScheme: 'http://purl.org/dc/dcmitype/' }
        : vocabularyConcept('dc-type', value, { labelLanguage: languageOf(e) }),
      100,
    );
  }
  const educationalLevel: ConceptValue[] = [];
  for (const e of named(isDc, 'educationLevel')) {
    pushConcept(
      educationalLevel,
      vocabularyConcept('dc-educationLevel', textOf(e), { labelLanguage: languageOf(e) }),
      100,
    );
  }
  const audience: ConceptValue[] = [];
  for (const e of named(isDc, 'audience')) {
    pushConcept(audience, vocabularyConcept('dc-audience', textOf(e), { labelLanguage: languageOf(e) }), 100);
  }

  // Identifiers: the item's id or guid and dc:identifier, classified; a DOI or handle can stand for the URL.
  const identifiers: IdentifierValue[] = [];
  const idSources = [
    ...(atom ? named(isAtom, 'id') : named(isRssCore, 'guid')),
    ...named(isDc, 'identifier'),
  ].map((e) => textOf(e));
  for (const value of idSources) {
    const id = classifyIdentifier(value);
    if (id === null || identifiers.length >= 100) continue;
    if (!identifiers.some((i) => i.kind === id.kind && i.value === id.value)) identifiers.push(id);
    if (url === null && id.kind !== 'url') url = resolverUrl(id);
    if (url === null && id.kind === 'url' && !looksLikeFile(id.value)) url = id.value;
  }

  // Dates.
  const dateOf = (elements: XmlElement[]): string | undefined => {
    for (const e of elements) {
      const value = oneLine(textOf(e), 64);
      const iso = dateValue(value);
      if (iso !== null) return iso;
      const ms = feedDateMs(value);
      if (ms !== null) return new Date(ms).toISOString().replace('.000Z', 'Z');
    }
    return undefined;
  };
  const datePublished = atom
    ? dateOf([...named(isAtom, 'published'), ...named(isDc, 'issued', 'date')])
    : dateOf([...named(isRssCore, 'pubDate'), ...named(isDc, 'issued', 'date')]);
  const dateModified = dateOf([...named(isAtom, 'updated'), ...named(isDc, 'modified')]);
  const dateCreated = dateOf(named(isDc, 'created'));

  const record = finishRecord(
    {
      name: nameMap,
      description: description.build(),
      keywords: keywords.build(),
      url: url ?? undefined,
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
      dateModified,
      dateCreated,
      duration: duration ?? undefined,
      image: image ?? undefined,
      encoding,
    },
    ctx,
  );
  const checked = validateRecord(record);
  if (!checked.valid) {
    const first = checked.problems[0];
    throw new AtlasError(
      'invalid_record',
      `The mapped feed item does not fit the profile${first === undefined ? '' : ` at ${first.path || '/'}: ${first.message}`}`,
      { details: { problems: checked.problems } },
    );
  }
  return checked.record;
}
