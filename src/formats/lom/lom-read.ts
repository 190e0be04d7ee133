// Reading primitives for IEEE LOM in all the shapes it arrives in: the LTSC binding (<string language>),
// IMS MD 1.2 (<langstring xml:lang>, <vocabulary>, <catalogentry>, <centity><vcard>), national profiles
// that rename or lower-case elements (lifeCycle/lifecycle, copyrightAndOtherRestrictions/
// copyrightandotherrestrictions), plain-text simplifications (CESTA, OBAA) and HS-OER-LOM's id/entry pairs.
// Elements are found by case-insensitive local name in any namespace, because real records bind LOM to
// several URIs, to the wrong case of the right one, or to none. Never performs I/O.
import { attr, deepText, XML_NAMESPACE, type XmlElement } from '../xml/xml-tree.js';

/** Lower-case local name (short ASCII strings: cheaper to recompute than to cache). */
export function lname(element: XmlElement): string {
  return element.local.toLowerCase();
}

/** Whether a local name equals one of `names` (lower case), ignoring case; lower-cases only when lengths match. */
function nameIn(local: string, names: readonly string[]): boolean {
  for (const name of names) {
    if (local.length === name.length && (local === name || local.toLowerCase() === name)) return true;
  }
  return false;
}

/** Child elements whose local name (case-insensitively) is one of `names` (given in lower case). */
export function kids(element: XmlElement | undefined, ...names: string[]): XmlElement[] {
  if (element === undefined) return [];
  return element.children.filter((c) => nameIn(c.local, names));
}

export function kid(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  if (element === undefined) return undefined;
  return element.children.find((c) => nameIn(c.local, names));
}

const STRING_NAMES = ['string', 'langstring'];

export interface LangString {
  /** The language attribute as written ("es", "x-none", a LoC URI), or null. */
  readonly language: string | null;
  readonly text: string;
}

/**
 * The language strings of an element: its <string>/<langstring> children, or its own text when it has no
 * children (simplified bindings write `<title>Texto</title>`).
 */
export function langStrings(element: XmlElement | undefined): LangString[] {
  if (element === undefined) return [];
  const strings = element.children.filter((c) => nameIn(c.local, STRING_NAMES));
  if (strings.length > 0) {
    return strings.map((s) => ({
      language: attr(s, 'language') ?? attr(s, 'lang', XML_NAMESPACE) ?? attr(s, 'lang') ?? null,
      text: deepText(s),
    }));
  }
  if (element.children.length === 0) return [{ language: null, text: element.text }];
  return [];
}

/** The first non-empty text of an element read as language strings, trimmed; "" if none. */
export function firstText(element: XmlElement | undefined): string {
  for (const s of langStrings(element)) {
    const value = s.text.trim();
    if (value !== '') return value;
  }
  return '';
}

export interface VocabularyValue {
  /** "LOMv1.0", "LOM-ESv1.0", a scheme URI..., or null when the record gives none. */
  readonly source: string | null;
  readonly value: string;
  /** HS-OER-LOM gives the concept URI in <id> next to the labels in <entry>. */
  readonly id: string | null;
  readonly labels: LangString[];
}

/**
 * A vocabulary value: `<source>LOMv1.0</source><value>lecture</value>` (LTSC), the same wrapped in
 * <vocabulary> and <langstring> (IMS MD 1.2), `<id>` + `<entry>` (HS-OER-LOM), ScoLOMFR's extra <label>,
 * or a bare value. Null when nothing usable is there.
 */
export function vocabulary(element: XmlElement): VocabularyValue | null {
  const v = kid(element, 'vocabulary') ?? element;
  const sourceElement = kid(v, 'source');
  const valueElement = kid(v, 'value');
  const idElement = kid(v, 'id');
  const entryElement = kid(v, 'entry');
  const labelElement = kid(v, 'label');
  const source = sourceElement === undefined ? null : firstText(sourceElement) || null;
  const id = idElement === undefined ? null : deepText(idElement).trim() || null;
  let value = '';
  if (valueElement !== undefined) value = firstText(valueElement);
  else if (id !== null) value = id;
  else if (entryElement !== undefined) value = firstText(entryElement);
  else if (v.children.length === 0) value = v.text.trim();
  const labels =
    entryElement !== undefined
      ? langStrings(entryElement)
      : labelElement !== undefined
        ? [{ language: null, text: deepText(labelElement) }]
        : [];
  if (value === '' && id === null) return null;
  return { source, value, id, labels };
}

/**
 * The token a vocabulary value stands for, for comparisons: lower case, no spaces or underscores, and for
 * concept URIs (ScoLOMFR) the last path segment. "Author", "author" and ".../concept/author" are equal.
 */
export function token(value: string): string {
  let v = value.trim();
  if (/^https?:\/\//i.test(v)) v = v.replace(/[/#]+$/, '').replace(/^.*[/#]/, '');
  return v.toLowerCase().replace(/[\s_-]+/g, '');
}

/** A date element's value: LTSC <dateTime>, IMS <datetime>, or its own text. */
export function dateText(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  const inner = kid(element, 'datetime');
  return (inner === undefined ? (element.children.length === 0 ? element.text : '') : deepText(inner)).trim();
}

/** A duration element's value: LTSC <duration><duration>, IMS <datetime>, or its own text. */
export function durationText(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  const inner = kid(element, 'duration', 'datetime');
  return (inner === undefined ? (element.children.length === 0 ? element.text : '') : deepText(inner)).trim();
}

/** Identifier pairs: LTSC <identifier><catalog/><entry/>, IMS <catalogentry>, OBAA's plain text. */
export function identifierPairs(element: XmlElement | undefined): { catalog: string; entry: string }[] {
  return kids(element, 'identifier', 'catalogentry').flatMap((id) => {
    const entryElement = kid(id, 'entry');
    const entry =
      entryElement === undefined ? (id.children.length === 0 ? id.text.trim() : '') : firstText(entryElement);
    return entry === '' ? [] : [{ catalog: firstText(kid(id, 'catalog')), entry }];
  });
}
