// Names and small readers shared by the feed parser and the feed item mapper: the namespaces of RSS 1.0,
// Atom, Dublin Core, Media RSS and the Creative Commons modules, and the repair of HTML entity names
// ("&nbsp;", "&eacute;") that feeds written by HTML tools use although XML does not define them.
// Pure; never performs I/O.
import { decodeHtmlEntities } from '../html/html-text.js';
import type { XmlElement } from '../xml/xml-tree.js';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const RSS1_NS = 'http://purl.org/rss/1.0/';
export const RSS090_NS = 'http://my.netscape.com/rdf/simple/0.9/';
export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const DCTERMS_NS = 'http://purl.org/dc/terms/';
export const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
/** Media RSS; some feeds leave out the final slash. */
export const MEDIA_NS = /^https?:\/\/search\.yahoo\.com\/mrss\/?$/;
/** Creative Commons: the RSS 2.0 module, the RSS 1.0 (RDF) module and ccREL. */
export const CC_NS =
  /^(?:https?:\/\/backend\.userland\.com\/creativeCommonsRssModule\/?|https?:\/\/web\.resource\.org\/cc\/?|https?:\/\/creativecommons\.org\/ns#)$/;

/** RSS core elements: no namespace (RSS 0.9x/2.0) or the RSS 1.0 / 0.90 namespaces. */
export function isRssCore(element: XmlElement): boolean {
  return element.uri === '' || element.uri === RSS1_NS || element.uri === RSS090_NS;
}

export function isAtom(element: XmlElement): boolean {
  return element.uri === ATOM_NS;
}

export function isDc(element: XmlElement): boolean {
  return (
    element.uri === DC_NS ||
    element.uri === DCTERMS_NS ||
    /^https?:\/\/purl\.org\/dc\/(?:elements\/1\.1|terms)\/?$/.test(element.uri)
  );
}

export function isMedia(element: XmlElement): boolean {
  return MEDIA_NS.test(element.uri);
}

export function isCc(element: XmlElement): boolean {
  return CC_NS.test(element.uri);
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Rewrites HTML entity names XML does not know as numeric references ("&nbsp;" -> "&#160;"), outside
 * CDATA sections. Names HTML does not know either stay, so the XML parser still reports them.
 */
export function repairHtmlEntityNames(text: string): { text: string; count: number } {
  let count = 0;
  // A feed repeats the same few names; each is looked up once.
  const known = new Map<string, string>();
  const out = text.replace(
    /<!\[CDATA\[[\s\S]*?\]\]>|&([A-Za-z][A-Za-z0-9]{1,31});/g,
    (match, name?: string) => {
      if (name === undefined || XML_ENTITIES.has(name)) return match;
      let decoded = known.get(match);
      if (decoded === undefined) {
        decoded = decodeHtmlEntities(match);
        known.set(match, decoded);
      }
      if (decoded === match) return match;
      count++;
      let references = '';
      for (const c of decoded) references += `&#${c.codePointAt(0) ?? 0};`;
      return references;
    },
  );
  return { text: out, count };
}

export function escapeXmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
