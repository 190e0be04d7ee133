// Reads sitemaps (sitemaps.org 0.9): `<urlset>` lists of pages and `<sitemapindex>` lists of sitemaps, each
// entry with its `<lastmod>`; also the protocol's plain-text form (one URL a line). The XML goes through
// the product's DTD-free parser; a sitemap that is not well-formed is salvaged by picking out its complete
// `<loc>` entries (and reported as salvaged). Entries are resolved against the sitemap's own URL, only
// http(s) ones are kept, each at most once. Pure; never performs I/O.
import { AtlasError, isAtlasError } from '../../domain/errors.js';
import { parseXml, type XmlElement } from '../xml/xml-tree.js';

export interface SitemapEntry {
  readonly loc: string;
  /** `<lastmod>` as given (trimmed), or null. */
  readonly lastmod: string | null;
}

export interface Sitemap {
  readonly kind: 'urlset' | 'sitemapindex';
  readonly entries: SitemapEntry[];
  /** Entries dropped: not http(s), unreadable, repeated, or past `maxEntries`. */
  readonly dropped: number;
  /** What was tolerated: "salvaged", "plain-text", "no-namespace"... */
  readonly repairs: string[];
}

export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapOptions {
  /** The sitemap's URL, for relative entries. */
  readonly url?: string;
  /** Entries kept at most. Default 1,000,000 (the protocol allows 50,000 per file). */
  readonly maxEntries?: number;
}

function decodeXmlText(value: string): string {
  return value
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-fA-F]{1,6});/g, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]{1,7});/g, (_, dec: string) => safeCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

class EntryCollector {
  readonly entries: SitemapEntry[] = [];
  dropped = 0;
  readonly #seen = new Set<string>();

  constructor(
    private readonly base: string | undefined,
    private readonly max: number,
  ) {}

  add(rawLoc: string, rawLastmod: string | null): void {
    const loc = absoluteHttpUrl(rawLoc.trim(), this.base);
    if (loc === null || this.#seen.has(loc) || this.entries.length >= this.max) {
      this.dropped++;
      return;
    }
    this.#seen.add(loc);
    const lastmod = rawLastmod?.trim().slice(0, 64) ?? '';
    this.entries.push({ loc, lastmod: lastmod === '' ? null : lastmod });
  }
}

/** `value` as an absolute http(s) URL without fragment, resolved against `base`; null otherwise. */
export function absoluteHttpUrl(value: string, base: string | undefined): string | null {
  if (value === '' || value.length > 4096) return null;
  try {
    const url = base === undefined ? new URL(value) : new URL(value, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function childText(element: XmlElement, local: string): string | null {
  const child = element.children.find((c) => c.local === local);
  return child === undefined ? null : child.text;
}

function fromTree(root: XmlElement, collector: EntryCollector, repairs: string[]): Sitemap['kind'] {
  const kind = root.local === 'sitemapindex' ? 'sitemapindex' : 'urlset';
  if (root.uri !== SITEMAP_NAMESPACE)
    repairs.push(root.uri === '' ? 'no-namespace' : `namespace:${root.uri}`);
  const item = kind === 'sitemapindex' ? 'sitemap' : 'url';
  for (const child of root.children) {
    if (child.local !== item) continue;
    const loc = childText(child, 'loc');
    if (loc === null) {
      collector.dropped++;
      continue;
    }
    collector.add(loc, childText(child, 'lastmod'));
  }
  return kind;
}

/**
 * The inner text of each complete `<local>...</local>` (any prefix), in order, stopping at the first one
 * that never closes. One forward pass: hostile text full of open tags costs linear time.
 */
export function* completeElements(text: string, local: string): Generator<string> {
  const open = new RegExp(`<(?:[\\w.-]+:)?${local}[\\s>]`, 'g');
  const close = new RegExp(`</(?:[\\w.-]+:)?${local}\\s*>`, 'g');
  for (;;) {
    const start = open.exec(text);
    if (start === null) return;
    const bodyStart = text.indexOf('>', start.index);
    if (bodyStart === -1) return;
    close.lastIndex = bodyStart + 1;
    const end = close.exec(text);
    if (end === null) return;
    yield text.slice(bodyStart + 1, end.index);
    open.lastIndex = close.lastIndex;
  }
}

function firstElementText(body: string, local: string): string | null {
  for (const inner of completeElements(body, local)) return inner;
  return null;
}

/** Picks the complete entries out of a sitemap that is not well-formed. */
function salvage(text: string, collector: EntryCollector): Sitemap['kind'] {
  const kind = /<(?:[\w.-]+:)?sitemapindex[\s>]/.test(text.slice(0, 4096)) ? 'sitemapindex' : 'urlset';
  const item = kind === 'sitemapindex' ? 'sitemap' : 'url';
  for (const body of completeElements(text, item)) {
    const loc = firstElementText(body, 'loc');
    const lastmod = firstElementText(body, 'lastmod');
    if (loc === null) continue;
    collector.add(decodeXmlText(loc), lastmod === null ? null : decodeXmlText(lastmod));
  }
  return kind;
}

/**
 * Reads a sitemap from its text (see the file comment). Throws `xml_dtd_refused` for a sitemap declaring
 * entities, `not_a_document` when the text is neither a sitemap nor a URL list, and the XML layer's size
 * errors.
 */
export function parseSitemap(text: string, options: SitemapOptions = {}): Sitemap {
  const collector = new EntryCollector(options.url, options.maxEntries ?? 1_000_000);
  const repairs: string[] = [];
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('<')) {
    // The plain-text form: one absolute URL a line, nothing else.
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length === 0 || !lines.every((l) => /^\s*https?:\/\/\S+\s*$/i.test(l))) {
      throw new AtlasError('not_a_document', 'The sitemap is neither XML nor a list of URLs.');
    }
    for (const line of lines) collector.add(line, null);
    repairs.push('plain-text');
    return { kind: 'urlset', entries: collector.entries, dropped: collector.dropped, repairs };
  }
  let kind: Sitemap['kind'];
  try {
    const doc = parseXml(text);
    if (doc.root.local !== 'urlset' && doc.root.local !== 'sitemapindex') {
      throw new AtlasError(
        'not_a_document',
        `The document is not a sitemap: its root element is <${doc.root.name}>, not <urlset> or <sitemapindex>.`,
        { details: { root: doc.root.name } },
      );
    }
    kind = fromTree(doc.root, collector, repairs);
  } catch (error) {
    if (!isAtlasError(error) || error.code !== 'xml_malformed') throw error;
    kind = salvage(text, collector);
    if (collector.entries.length === 0) throw error;
    repairs.push('salvaged');
  }
  return { kind, entries: collector.entries, dropped: collector.dropped, repairs };
}

/**
 * The instant a `<lastmod>` (W3C Datetime: "2024", "2024-05", "2024-05-01", with or without a time) stands
 * for, as epoch milliseconds: the END of the period it names, since a page dated "2024-05-01" may have
 * changed at any time that day. Null when unreadable.
 */
export function lastmodUpperBound(lastmod: string): number | null {
  const value = lastmod.trim();
  const date = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (date !== null) {
    const year = Number(date[1]);
    const month = date[2] === undefined ? null : Number(date[2]);
    const day = date[3] === undefined ? null : Number(date[3]);
    // Date.UTC rolls over: month 12 of the year is January of the next, day 0 is the last of the month.
    if (month === null) return Date.UTC(year + 1, 0, 1) - 1;
    if (day === null) return Date.UTC(year, month, 1) - 1;
    return Date.UTC(year, month - 1, day + 1) - 1;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  // A time without a zone is read as UTC.
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}
