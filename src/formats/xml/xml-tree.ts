// A small, namespace-aware element tree built with saxes, for metadata documents harvested from the web.
// Every element remembers where it starts and ends in the source text, so callers can cut out the exact
// text of a record or of a metadata payload without serializing anything again.
// Safety rules: a DOCTYPE is never processed (saxes only reports it; one that declares entities is refused),
// only the five predefined entities and character references are honoured, nesting depth and element count
// are capped. Never performs I/O, never fetches anything, never expands a declared entity.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { AtlasError } from '../../domain/errors.js';

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

export interface XmlAttribute {
  /** Qualified name as written ("xml:lang"). */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI; "" for an unprefixed attribute (attributes never take the default namespace). */
  readonly uri: string;
  readonly value: string;
}

export interface XmlElement {
  /** Qualified name as written ("dc:title"). */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI; "" when the element is in no namespace. */
  readonly uri: string;
  /** Attributes without the namespace declarations (those are in `nsDecls`). */
  readonly attributes: readonly XmlAttribute[];
  /** Namespace declarations made on this element: prefix ("" for the default) -> URI. */
  readonly nsDecls: Readonly<Record<string, string>> | null;
  readonly children: XmlElement[];
  /** The element's own character data (text and CDATA, entities resolved), without its children's text. */
  text: string;
  readonly parent: XmlElement | null;
  /** Offset of the "<" of the start tag in the parsed text. */
  readonly start: number;
  /** Offset just after the ">" of the end tag (or of the empty-element tag). */
  end: number;
}

export interface XmlDocument {
  readonly root: XmlElement;
  /** The DOCTYPE as written (without "<!DOCTYPE" and ">"), or null; it was never processed. */
  readonly doctype: string | null;
  /** Leniencies applied while parsing, e.g. "unbound-prefix:xsi". */
  readonly repairs: string[];
}

export interface XmlParseOptions {
  /** Deepest element nesting accepted; deeper documents are refused as too large. */
  readonly maxDepth?: number;
  /** Most elements accepted in one document. */
  readonly maxElements?: number;
  /**
   * Namespace bindings in force before the text starts: used when a fragment cut out of a larger document
   * (one record of a broken page) is parsed on its own. "xml" and "xmlns" are ignored.
   */
  readonly namespaces?: Readonly<Record<string, string>>;
}

export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_ELEMENTS = 1_000_000;

// Prefixes whose meaning is conventional enough to guess when a document forgets to declare them (real
// providers do: see broken_error_noRecordsMatch_no-namespace-undeclared-xsi.xml). Anything else gets a
// placeholder URI, so the element is kept but matches no known vocabulary.
const CONVENTIONAL_PREFIXES: Readonly<Record<string, string>> = {
  xsi: XSI_NAMESPACE,
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  oai_dc: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
};

function unboundPrefixUri(prefix: string): string {
  return CONVENTIONAL_PREFIXES[prefix] ?? `urn:oer-atlas:unbound-prefix:${encodeURIComponent(prefix)}`;
}

/** Line and column (1-based) of an offset, computed only when an error needs them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < limit; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: limit - lineStart + 1 };
}

/** Removes saxes' own "file:line:col: " prefix, which is empty or misleading here (positions are ours). */
function saxesReason(message: string): string {
  return message.replace(/^[^:]*:\d+:\d+: /, '').replace(/\.$/, '');
}

/**
 * Parses `text` into an element tree. Throws AtlasError `xml_malformed` (with line and column) for text that
 * is not well-formed, `xml_dtd_refused` when a DOCTYPE declares entities, `response_too_large` past the caps.
 * Undeclared namespace prefixes are tolerated and reported in `repairs`.
 */
export function parseXml(text: string, options: XmlParseOptions = {}): XmlDocument {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const repairs: string[] = [];
  const unbound = new Set<string>();

  const additional: Record<string, string> = {};
  for (const [prefix, uri] of Object.entries(options.namespaces ?? {})) {
    if (prefix !== 'xml' && prefix !== 'xmlns') additional[prefix] = uri;
  }

  // position:false skips saxes' line/column bookkeeping (about 40% faster); `parser.position` still gives
  // the offset we need, and line/column are computed from it only when an error is reported.
  const parser = new SaxesParser({
    xmlns: true,
    position: false,
    additionalNamespaces: additional,
    resolvePrefix: (prefix: string) => {
      // saxes asks for "" too when no default namespace is declared: that simply means "no namespace".
      if (prefix === '') return undefined;
      unbound.add(prefix);
      return unboundPrefixUri(prefix);
    },
  });

  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  let depth = 0;
  let count = 0;
  let pendingStart = 0;
  let doctype: string | null = null;

  const fail = (code: 'xml_malformed' | 'xml_dtd_refused' | 'response_too_large', reason: string): never => {
    const { line, column } = lineAndColumn(text, parser.position);
    throw new AtlasError(code, `${reason} (line ${line}, column ${column})`, {
      details: { line, column, reason },
    });
  };

  // No 'error' handler on purpose: without one saxes throws at the first error, which is what we want, and
  // every extra handler property costs speed (measured: with eight handlers saxes ran five times slower,
  // its parser object leaving V8's fast-property mode).
  parser.on('doctype', (body: string) => {
    // Entity declarations are the door to "billion laughs" and external-entity reads; refuse them outright
    // rather than pretend to honour them. A DOCTYPE without entities is ignored (and reported).
    if (/<!ENTITY/i.test(body)) fail('xml_dtd_refused', 'the DOCTYPE declares entities');
    doctype = body.trim();
  });
  parser.on('opentagstart', () => {
    // saxes has consumed "<name" plus one character; the "<" is the last one before the current position.
    pendingStart = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    count++;
    depth++;
    if (count > maxElements) fail('response_too_large', `more than ${maxElements} elements`);
    if (depth > maxDepth) fail('response_too_large', `elements nested deeper than ${maxDepth}`);
    const attributes: XmlAttribute[] = [];
    let nsDecls: Record<string, string> | null = null;
    for (const key in tag.attributes) {
      const a = tag.attributes[key];
      if (a === undefined) continue;
      if (a.name === 'xmlns' || a.prefix === 'xmlns') {
        nsDecls ??= {};
        nsDecls[a.prefix === 'xmlns' ? a.local : ''] = a.value;
        continue;
      }
      attributes.push({ name: a.name, prefix: a.prefix, local: a.local, uri: a.uri, value: a.value });
    }
    const element: XmlElement = {
      name: tag.name,
      prefix: tag.prefix,
      local: tag.local,
      uri: tag.uri,
      attributes,
      nsDecls,
      children: [],
      text: '',
      parent: current,
      start: pendingStart,
      end: -1,
    };
    if (current === null) root ??= element;
    else current.children.push(element);
    current = element;
  });
  parser.on('closetag', () => {
    if (current === null) return;
    current.end = parser.position;
    current = current.parent;
    depth--;
  });
  const onText = (chunk: string): void => {
    if (current !== null) current.text += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof AtlasError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    fail('xml_malformed', saxesReason(message));
  }

  if (root === null) return fail('xml_malformed', 'the document has no root element');
  for (const prefix of unbound) repairs.push(`unbound-prefix:${prefix}`);
  return { root, doctype, repairs };
}

/** Offset of the root element's "<" after the prolog (declaration, PIs, comments, DOCTYPE), or -1. */
export function rootElementOffset(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) return -1;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return -1;
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      i = skipDoctype(text, i);
      if (i === -1) return -1;
    } else if (text.charAt(i) === '<' && /[A-Za-z_:]/.test(text.charAt(i + 1))) {
      return i;
    } else {
      return -1;
    }
  }
}

/** Offset of the ">" that ends the tag whose "<" is at `lt` (quotes respected), or -1 when it never ends. */
export function findTagEnd(text: string, lt: number): number {
  let quote = '';
  for (let i = lt + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1; // a new tag began: this one was cut off
  }
  return -1;
}

function skipDoctype(text: string, from: number): number {
  // A linear walk: quotes and one internal subset in brackets; no regular expression that could backtrack.
  let quote = '';
  let inSubset = false;
  for (let i = from + 9; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) return i + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// Reading helpers. Harvested metadata mixes namespaces and letter case freely, so most lookups go by local
// name; callers that care about the namespace check `uri` themselves.

/** The value of the first attribute with this local name (and namespace, when given), or undefined. */
export function attr(element: XmlElement, local: string, uri?: string): string | undefined {
  for (const a of element.attributes) {
    if (a.local === local && (uri === undefined || a.uri === uri)) return a.value;
  }
  return undefined;
}

/** Child elements with this local name, any namespace. */
export function childrenByLocal(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local);
}

/** The first child element with this local name, any namespace. */
export function childByLocal(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local);
}

/** All character data of the element and its descendants, in document order. */
export function deepText(element: XmlElement): string {
  if (element.children.length === 0) return element.text;
  // Direct text is stored as one string, so interleaving with children is lost; for metadata values (which
  // are rarely mixed content) own text followed by the children's text is close enough.
  let out = element.text;
  for (const child of element.children) out += deepText(child);
  return out;
}

/** Resolves a prefix through the element and its ancestors, then `outer`; "" is the default namespace. */
export function lookupNamespace(
  element: XmlElement | null,
  prefix: string,
  outer?: Readonly<Record<string, string>>,
): string | undefined {
  if (prefix === 'xml') return XML_NAMESPACE;
  for (let e = element; e !== null; e = e.parent) {
    const uri = e.nsDecls?.[prefix];
    if (uri !== undefined) return uri;
  }
  return outer?.[prefix];
}

// ---------------------------------------------------------------------------------------------------------
// Payload trees handed from the page parser to the mappers

// The page parser has already built the tree of every record's payload; the mapper receives the payload as
// text (the seam stays a string, which can be stored and re-mapped later) and would parse it again. So the
// page parser leaves each tree here and the mapper takes it back once, by the exact text. Entries are
// taken once and the oldest are dropped past the cap, so payloads never mapped (deleted, unsupported
// formats) cannot pile up. The trees are only read, never changed.
const rememberedTrees = new Map<string, XmlElement>();
const MAX_REMEMBERED_TREES = 2048;

/** Leaves the already-built tree of `xml` for parseRoot to take. */
export function rememberTree(xml: string, element: XmlElement): void {
  if (rememberedTrees.size >= MAX_REMEMBERED_TREES) {
    const oldest = rememberedTrees.keys().next();
    if (oldest.done !== true) rememberedTrees.delete(oldest.value);
  }
  rememberedTrees.set(xml, element);
}

/**
 * The root element of `xml`: the tree the page parser remembered for exactly this text (taken once), else
 * a fresh parse. Only for readers that use names, attributes, text and children (not source offsets).
 */
export function parseRoot(xml: string, options?: XmlParseOptions): XmlElement {
  const remembered = rememberedTrees.get(xml);
  if (remembered !== undefined) {
    rememberedTrees.delete(xml);
    return remembered;
  }
  return parseXml(xml, options).root;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/**
 * The exact source text of `element`, with the namespace declarations it relies on from outside added to
 * its start tag, so the result parses on its own with the same meaning. Prefixes used inside xsi:type values
 * are carried too. Nothing else of the text changes.
 */
export function standaloneXml(
  source: string,
  element: XmlElement,
  outer?: Readonly<Record<string, string>>,
): string {
  // Runs for every record of every page, so it allocates almost nothing per element: the prefixes declared
  // inside the subtree live on one stack, and the few bindings needed from outside in two small arrays.
  const declared: string[] = [];
  const prefixes: string[] = [];
  const uris: string[] = [];
  const need = (prefix: string, uri: string | undefined): void => {
    if (uri === undefined || uri === '' || prefix === 'xml' || prefix === 'xmlns') return;
    if (declared.includes(prefix) || prefixes.includes(prefix)) return;
    prefixes.push(prefix);
    uris.push(uri);
  };
  const visit = (e: XmlElement): void => {
    const depth = declared.length;
    if (e.nsDecls !== null) for (const p in e.nsDecls) declared.push(p);
    need(e.prefix, e.uri);
    for (const a of e.attributes) {
      if (a.prefix !== '') need(a.prefix, a.uri);
      if (a.local === 'type' && a.uri === XSI_NAMESPACE) {
        const colon = a.value.indexOf(':');
        if (colon > 0) {
          const p = a.value.slice(0, colon).trim();
          need(p, lookupNamespace(e, p, outer));
        }
      }
    }
    for (const child of e.children) visit(child);
    declared.length = depth;
  };
  visit(element);

  const raw = source.slice(element.start, element.end);
  if (prefixes.length === 0) return raw;
  let decls = '';
  prefixes.forEach((prefix, i) => {
    const uri = escapeAttribute(uris[i] ?? '');
    decls += prefix === '' ? ` xmlns="${uri}"` : ` xmlns:${prefix}="${uri}"`;
  });
  const at = 1 + element.name.length;
  return raw.slice(0, at) + decls + raw.slice(at);
}
