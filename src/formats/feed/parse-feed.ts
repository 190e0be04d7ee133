// Splits an RSS 2.0 / RSS 1.0 / Atom 1.0 feed into its items, each as standalone XML that maps on its own
// later (namespace declarations carried in, `xml:base` and `xml:lang` set from the feed when the item has
// none, and what the feed says for all items: the channel's licence elements for RSS, an `atom:source`
// with the feed's author and rights for Atom, as RFC 4287 describes for entries copied out of a feed).
// Also finds the RFC 5005 `next` link of paged feeds. HTML entity names are repaired; a feed that still
// does not parse is salvaged item by item (broken items are reported, the rest kept); DTD entities are
// refused outright. Pure; never performs I/O.
import { AtlasError, isAtlasError } from '../../domain/errors.js';
import {
  attr,
  findTagEnd,
  parseXml,
  rootElementOffset,
  standaloneXml,
  XML_NAMESPACE,
  type XmlElement,
} from '../xml/xml-tree.js';
import {
  ATOM_NS,
  escapeXmlAttribute,
  isAtom,
  isCc,
  isDc,
  isMedia,
  isRssCore,
  RDF_NS,
  repairHtmlEntityNames,
} from './feed-xml.js';

export type FeedKind = 'rss' | 'rdf' | 'atom';
export type FeedRawFormat = 'rss-item' | 'atom-entry';

export interface FeedEntry {
  readonly rawFormat: FeedRawFormat;
  /** The item as standalone XML (see the file comment). */
  readonly raw: string;
  /** guid / atom:id / rdf:about, else the link, else dc:identifier; null when the item has none. */
  readonly sourceRecordId: string | null;
  /** The item's own date (updated, else published) as given, or null. */
  readonly datestamp: string | null;
  /** That date as epoch milliseconds, or null when unreadable. */
  readonly dateMs: number | null;
}

export interface FeedProblem {
  readonly sourceRecordId: string | null;
  readonly code: string;
  readonly message: string;
  readonly raw: string;
}

export interface ParsedFeed {
  readonly kind: FeedKind;
  readonly entries: FeedEntry[];
  readonly problems: FeedProblem[];
  /** The RFC 5005 next page, absolute, or null. */
  readonly next: string | null;
  /** "html-entities:3", "salvaged", "doctype-ignored"... */
  readonly repairs: string[];
}

export interface FeedOptions {
  /** The feed's URL: base of relative links. */
  readonly url?: string;
  readonly maxRecordChars?: number;
  /** Items read at most. Default 100,000. */
  readonly maxItems?: number;
}

function text(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  let out = element.text;
  for (const child of element.children) out += text(child);
  return out.trim();
}

function resolve(href: string, base: string | undefined): string | null {
  const value = href.trim();
  if (value === '' || value.length > 4096) return null;
  try {
    const url = base === undefined ? new URL(value) : new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The base URI in force on `element`: its xml:base chain resolved against the document URL. */
function baseOf(element: XmlElement | null, documentUrl: string | undefined): string | undefined {
  const chain: string[] = [];
  for (let e = element; e !== null; e = e.parent) {
    const b = attr(e, 'base', XML_NAMESPACE);
    if (b !== undefined) chain.unshift(b);
  }
  let base = documentUrl;
  for (const b of chain) {
    try {
      base = base === undefined ? new URL(b).href : new URL(b, base).href;
    } catch {
      // An unusable xml:base is ignored.
    }
  }
  return base;
}

function languageOf(element: XmlElement | null): string | undefined {
  for (let e = element; e !== null; e = e.parent) {
    const lang = attr(e, 'lang', XML_NAMESPACE);
    if (lang !== undefined && lang.trim() !== '') return lang.trim();
  }
  return undefined;
}

function linkHref(element: XmlElement, rel: string): string | undefined {
  const given = (attr(element, 'rel') ?? 'alternate').trim().toLowerCase();
  return given === rel ? attr(element, 'href') : undefined;
}

function itemId(item: XmlElement, kind: FeedKind, base: string | undefined): string | null {
  const pick = (value: string | undefined): string | null => {
    const v = value?.trim() ?? '';
    return v === '' ? null : v.slice(0, 2048);
  };
  if (kind === 'atom') {
    const id = pick(text(item.children.find((c) => isAtom(c) && c.local === 'id')));
    if (id !== null) return id;
    for (const link of item.children) {
      if (!isAtom(link) || link.local !== 'link') continue;
      const href = linkHref(link, 'alternate');
      if (href !== undefined) return resolve(href, base) ?? pick(href);
    }
  } else {
    const guid = pick(text(item.children.find((c) => isRssCore(c) && c.local === 'guid')));
    if (guid !== null) return guid;
    const about = pick(attr(item, 'about', RDF_NS));
    if (about !== null) return about;
    const link = pick(text(item.children.find((c) => isRssCore(c) && c.local === 'link')));
    if (link !== null) return resolve(link, base) ?? link;
  }
  return pick(text(item.children.find((c) => isDc(c) && c.local === 'identifier')));
}

/** RFC 822 (RSS) and RFC 3339 / W3CDTF (Atom, Dublin Core) dates as epoch ms; null when unreadable. */
export function feedDateMs(value: string): number | null {
  const v = value.trim();
  if (v === '' || v.length > 64) return null;
  const w3c = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(v)
    ? `${v}${v.length === 4 ? '-01-01' : v.length === 7 ? '-01' : ''}T00:00:00Z`
    : v;
  const ms = Date.parse(w3c);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1000 && year <= 9999 ? ms : null;
}

function itemDate(item: XmlElement, kind: FeedKind): string | null {
  const find = (predicate: (c: XmlElement) => boolean): string | null => {
    const value = text(item.children.find(predicate));
    return value === '' ? null : value.slice(0, 64);
  };
  if (kind === 'atom') {
    return (
      find((c) => isAtom(c) && c.local === 'updated') ?? find((c) => isAtom(c) && c.local === 'published')
    );
  }
  return (
    find((c) => isDc(c) && c.local === 'modified') ??
    find((c) => isAtom(c) && c.local === 'updated') ??
    find((c) => isRssCore(c) && c.local === 'pubDate') ??
    find((c) => isDc(c) && (c.local === 'date' || c.local === 'issued'))
  );
}

/** Channel-level elements that state rights or licences for every item (RSS, Media RSS, CC modules). */
function isRightsElement(element: XmlElement): boolean {
  if (isCc(element) && element.local === 'license') return true;
  if (isDc(element) && (element.local === 'rights' || element.local === 'license')) return true;
  if (isMedia(element) && (element.local === 'license' || element.local === 'copyright')) return true;
  if (isRssCore(element) && element.local === 'copyright') return true;
  return (
    isAtom(element) &&
    element.local === 'link' &&
    (attr(element, 'rel') ?? '').trim().toLowerCase() === 'license'
  );
}

interface Inherited {
  readonly base: string | undefined;
  readonly lang: string | undefined;
  /** Standalone XML of the elements to add at the end of an item that has none of its own kind. */
  readonly extra: string;
}

function addToItem(raw: string, item: XmlElement, inherited: Inherited): string {
  let out = raw;
  const at = 1 + item.name.length;
  let attributes = '';
  if (inherited.base !== undefined && attr(item, 'base', XML_NAMESPACE) === undefined) {
    attributes += ` xml:base="${escapeXmlAttribute(inherited.base)}"`;
  }
  if (inherited.lang !== undefined && attr(item, 'lang', XML_NAMESPACE) === undefined) {
    attributes += ` xml:lang="${escapeXmlAttribute(inherited.lang)}"`;
  }
  if (attributes !== '') out = out.slice(0, at) + attributes + out.slice(at);
  if (inherited.extra !== '') {
    const close = out.lastIndexOf('</');
    // A self-closing item has nothing to map anyway.
    if (close !== -1 && out.endsWith('>')) out = out.slice(0, close) + inherited.extra + out.slice(close);
  }
  return out;
}

/** Whether the item states rights of its own, directly or in its Media RSS groups and contents. */
function hasOwnRights(item: XmlElement): boolean {
  return item.children.some(
    (c) =>
      isRightsElement(c) || (isMedia(c) && (c.local === 'group' || c.local === 'content') && hasOwnRights(c)),
  );
}

function rssExtra(source: string, channel: XmlElement | undefined, item: XmlElement): string {
  if (channel === undefined || hasOwnRights(item)) return '';
  return channel.children
    .filter(isRightsElement)
    .slice(0, 20)
    .map((e) => standaloneXml(source, e))
    .join('');
}

function atomExtra(source: string, feed: XmlElement, entry: XmlElement): string {
  if (entry.children.some((c) => isAtom(c) && c.local === 'source')) return '';
  const parts = feed.children
    .filter(
      (c) =>
        isAtom(c) &&
        (c.local === 'author' ||
          c.local === 'rights' ||
          c.local === 'id' ||
          c.local === 'title' ||
          (c.local === 'link' && (attr(c, 'rel') ?? '').trim().toLowerCase() === 'license')),
    )
    .slice(0, 40)
    .map((e) => standaloneXml(source, e));
  return parts.length === 0 ? '' : `<source xmlns="${ATOM_NS}">${parts.join('')}</source>`;
}

function nextLink(container: XmlElement | undefined, base: string | undefined): string | null {
  if (container === undefined) return null;
  for (const child of container.children) {
    if (!isAtom(child) || child.local !== 'link') continue;
    const href = linkHref(child, 'next');
    if (href !== undefined) return resolve(href, base);
  }
  return null;
}

interface Layout {
  readonly kind: FeedKind;
  /** Where the feed-level metadata is: <channel> or <feed>. */
  readonly container: XmlElement | undefined;
  readonly items: XmlElement[];
}

function layoutOf(root: XmlElement): Layout {
  if (root.local === 'feed' && isAtom(root)) {
    return {
      kind: 'atom',
      container: root,
      items: root.children.filter((c) => isAtom(c) && c.local === 'entry'),
    };
  }
  if (root.local === 'rss') {
    const channel = root.children.find((c) => c.local === 'channel');
    return {
      kind: 'rss',
      container: channel,
      items: [...(channel?.children ?? []), ...root.children].filter(
        (c) => isRssCore(c) && c.local === 'item',
      ),
    };
  }
  if (root.local === 'RDF' && root.uri === RDF_NS) {
    return {
      kind: 'rdf',
      container: root.children.find((c) => c.local === 'channel'),
      items: root.children.filter((c) => isRssCore(c) && c.local === 'item'),
    };
  }
  throw new AtlasError(
    'not_a_document',
    `The document is not an RSS or Atom feed: its root element is <${root.name}>.`,
    { details: { root: root.name } },
  );
}

function entryFrom(
  source: string,
  item: XmlElement,
  layout: Layout,
  options: FeedOptions,
): { entry: FeedEntry } | { problem: FeedProblem } {
  const base = baseOf(item, options.url);
  const id = itemId(item, layout.kind, base);
  const container = layout.container;
  const lang =
    languageOf(item.parent) ??
    (container === undefined
      ? undefined
      : text(container.children.find((c) => (isRssCore(c) || isDc(c)) && c.local === 'language')) ||
        undefined);
  const extra =
    layout.kind === 'atom' && container !== undefined
      ? atomExtra(source, container, item)
      : rssExtra(source, container, item);
  const raw = addToItem(standaloneXml(source, item), item, { base, lang, extra });
  const max = options.maxRecordChars ?? 4 * 1024 * 1024;
  if (raw.length > max) {
    return {
      problem: {
        sourceRecordId: id,
        code: 'response_too_large',
        message: `The feed item ${id ?? '(without id)'} has ${raw.length} characters; at most ${max} are kept.`,
        raw: raw.slice(0, 10_000),
      },
    };
  }
  const datestamp = itemDate(item, layout.kind);
  return {
    entry: {
      rawFormat: layout.kind === 'atom' ? 'atom-entry' : 'rss-item',
      raw,
      sourceRecordId: id,
      datestamp,
      dateMs: datestamp === null ? null : feedDateMs(datestamp),
    },
  };
}

function fromDocument(source: string, root: XmlElement, options: FeedOptions, repairs: string[]): ParsedFeed {
  const layout = layoutOf(root);
  const entries: FeedEntry[] = [];
  const problems: FeedProblem[] = [];
  for (const item of layout.items.slice(0, options.maxItems ?? 100_000)) {
    const result = entryFrom(source, item, layout, options);
    if ('entry' in result) entries.push(result.entry);
    else problems.push(result.problem);
  }
  const containerBase = baseOf(layout.container ?? root, options.url);
  return { kind: layout.kind, entries, problems, next: nextLink(layout.container, containerBase), repairs };
}

// ---- salvage ---------------------------------------------------------------------------------------------

function declarationsIn(startTag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of startTag.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1] ?? ''] = m[2] ?? m[3] ?? '';
  }
  return out;
}

/**
 * The text of each complete `<local ...>...</local>` (same prefix at both ends), in order, stopping at the
 * first one that never closes. One forward pass: hostile text full of open tags costs linear time.
 */
function* completeFragments(text: string, local: string): Generator<string> {
  const open = new RegExp(`<((?:[\\w.-]+:)?${local})[\\s>]`, 'g');
  for (;;) {
    const start = open.exec(text);
    if (start === null) return;
    const closing = `</${start[1] ?? local}`;
    let at = text.indexOf(closing, start.index);
    // "</item" must be followed by ">" or space, not be the start of a longer name.
    while (at !== -1 && !/[\s>]/.test(text.charAt(at + closing.length))) at = text.indexOf(closing, at + 1);
    if (at === -1) return;
    const end = text.indexOf('>', at);
    if (end === -1) return;
    yield text.slice(start.index, end + 1);
    open.lastIndex = end + 1;
  }
}

function salvageFeed(source: string, options: FeedOptions, reason: string): ParsedFeed {
  const rootStart = rootElementOffset(source);
  const rootEnd = rootStart === -1 ? -1 : findTagEnd(source, rootStart);
  if (rootEnd === -1) throw new AtlasError('xml_malformed', reason);
  const rootTag = source.slice(rootStart, rootEnd + 1);
  const rootLocal = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(rootTag)?.[1] ?? '';
  const namespaces = declarationsIn(rootTag);
  const firstItemAt = source.search(/<(?:[\w.-]+:)?(?:item|entry)[\s>/]/);
  const head = source.slice(rootEnd + 1, firstItemAt === -1 ? source.length : firstItemAt);
  const channelTag = /<(?:[\w.-]+:)?channel[^>]*>/.exec(head)?.[0];
  if (channelTag !== undefined) Object.assign(namespaces, declarationsIn(channelTag));
  const kind: FeedKind = rootLocal === 'feed' ? 'atom' : rootLocal === 'RDF' ? 'rdf' : 'rss';
  if (rootLocal !== 'feed' && rootLocal !== 'rss' && rootLocal !== 'RDF')
    throw new AtlasError('xml_malformed', reason);
  const local = kind === 'atom' ? 'entry' : 'item';
  const lang = /<(?:[\w.-]+:)?language\s*>([^<]{1,64})</.exec(head)?.[1]?.trim();
  const nextHref = /<(?:[\w.-]+:)?link\s[^>]*rel\s*=\s*["']next["'][^>]*>/.exec(head)?.[0];
  const nextValue = nextHref === undefined ? undefined : /href\s*=\s*["']([^"']*)["']/.exec(nextHref)?.[1];

  const entries: FeedEntry[] = [];
  const problems: FeedProblem[] = [];
  const max = options.maxItems ?? 100_000;
  for (const fragment of completeFragments(source, local)) {
    if (entries.length + problems.length >= max) break;
    let item: XmlElement;
    try {
      item = parseXml(fragment, { namespaces }).root;
    } catch (error) {
      const id =
        /<(?:[\w.-]+:)?(?:guid|id|link)(?:\s[^>]*)?>([^<]{1,2048})</.exec(fragment)?.[1]?.trim() ?? null;
      problems.push({
        sourceRecordId: id === '' ? null : id,
        code: isAtlasError(error) ? error.code : 'xml_malformed',
        message: `A feed item could not be read: ${error instanceof Error ? error.message : 'unreadable'}`,
        raw: fragment.slice(0, options.maxRecordChars ?? 4 * 1024 * 1024),
      });
      continue;
    }
    const layout: Layout = { kind, container: undefined, items: [item] };
    const result = entryFrom(fragment, item, layout, options);
    if ('entry' in result) {
      const entry = result.entry;
      // The container is lost with the broken document; the language can still be carried.
      entries.push(
        lang !== undefined && attr(item, 'lang', XML_NAMESPACE) === undefined
          ? { ...entry, raw: addToItem(entry.raw, item, { base: undefined, lang, extra: '' }) }
          : entry,
      );
    } else {
      problems.push(result.problem);
    }
  }
  if (entries.length === 0 && problems.length === 0) throw new AtlasError('xml_malformed', reason);
  return {
    kind,
    entries,
    problems,
    next: nextValue === undefined ? null : resolve(nextValue, options.url),
    repairs: ['salvaged'],
  };
}

/**
 * Reads a feed's text (see the file comment). Throws `xml_dtd_refused` for a DOCTYPE with entities,
 * `not_a_document` for XML that is not a feed, `xml_malformed` when nothing could be salvaged.
 */
export function parseFeed(source: string, options: FeedOptions = {}): ParsedFeed {
  const repairs: string[] = [];
  let text = source;
  let firstError: AtlasError | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const doc = parseXml(text);
      if (doc.doctype !== null) repairs.push('doctype-ignored');
      return fromDocument(text, doc.root, options, repairs);
    } catch (error) {
      if (!isAtlasError(error) || error.code !== 'xml_malformed') throw error;
      firstError ??= error;
      if (attempt === 0) {
        const repaired = repairHtmlEntityNames(text);
        if (repaired.count === 0) break;
        text = repaired.text;
        repairs.push(`html-entities:${repaired.count}`);
      }
    }
  }
  const salvaged = salvageFeed(text, options, firstError?.message ?? 'The feed is not well-formed XML.');
  return { ...salvaged, repairs: [...repairs, ...salvaged.repairs] };
}
