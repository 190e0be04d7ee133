// Plain text out of the HTML that harvested metadata is full of: RSS descriptions, Atom `type="html"` text,
// CSV cells exported from a CMS ("<p>The module&nbsp;asks&hellip;</p>"). Block elements become line breaks,
// scripts and styles are dropped, and every HTML entity the web knows is decoded (by htmlparser2's tables).
// Pure functions; input is untrusted, so the work is bounded by a cap on the characters read.
import { Parser } from 'htmlparser2';

const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
const PARAGRAPH_ELEMENTS = new Set([
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'ul',
  'ol',
  'table',
  'pre',
]);
const SKIPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
]);

/** Largest input looked at; metadata text beyond it would be cut by the profile's limits anyway. */
const MAX_INPUT = 1_000_000;

const CHARACTER_REFERENCE = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/;

/**
 * A tag of an HTML element that metadata text carries when it was written as HTML. Other words in angle
 * brackets ("Fractions <basics>", "<placeholder>") are text that happens to use them.
 */
const HTML_ELEMENT_TAG =
  /<\/?(?:a|abbr|address|article|aside|b|bdi|bdo|big|blockquote|body|br|caption|center|cite|code|col|colgroup|dd|del|dfn|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|iframe|img|ins|kbd|li|link|main|mark|math|meta|nav|noscript|object|ol|p|pre|q|s|samp|script|section|small|span|strike|strong|style|sub|sup|svg|table|tbody|td|template|tfoot|th|thead|title|tr|tt|u|ul|var|wbr)(?=[\s/>])[^<>]{0,2000}>/i;

/**
 * Metadata text as a person reads it. Repositories send descriptions as escaped HTML and escape titles twice
 * ("p &lt; 0.05", "R&amp;D" after the XML is read): a value with tags of HTML elements becomes the text of
 * its markup (htmlToText), a value with character references only has them decoded (a lone "<" and words in
 * angle brackets stay), any other value is returned as it is.
 */
export function readableText(value: string): string {
  if (!value.includes('<') && !value.includes('&')) return value;
  if (looksLikeHtml(value)) return htmlToText(value);
  return hasCharacterReferences(value) ? decodeHtmlEntities(value) : value;
}

/** Whether a value holds tags of HTML elements (HTML_ELEMENT_TAG): text written as HTML. */
export function looksLikeHtml(value: string): boolean {
  return HTML_ELEMENT_TAG.test(value.slice(0, 100_000));
}

/** Whether a value holds character references ("&amp;", "&#233;") left by a second escaping. */
export function hasCharacterReferences(value: string): boolean {
  return CHARACTER_REFERENCE.test(value.slice(0, 100_000));
}

/**
 * The text of an HTML fragment: tags removed, entities decoded, block elements turned into line breaks
 * (paragraph-like ones into blank lines), runs of spaces folded. Empty string when nothing is left.
 */
export function htmlToText(html: string): string {
  let out = '';
  let skipping = 0;
  const breakLine = (paragraph: boolean): void => {
    if (out === '') return;
    const want = paragraph ? '\n\n' : '\n';
    if (!out.endsWith(want)) out = out.replace(/[ \t\n]+$/, '') + want;
  };
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipping += 1;
        else if (BLOCK_ELEMENTS.has(name)) breakLine(PARAGRAPH_ELEMENTS.has(name));
      },
      onclosetag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_ELEMENTS.has(name)) breakLine(PARAGRAPH_ELEMENTS.has(name));
      },
      ontext(text) {
        if (skipping === 0) out += text.replace(/[ \t\r\n\f\u00A0]+/g, ' ');
      },
    },
    { decodeEntities: true },
  );
  parser.write(html.slice(0, MAX_INPUT));
  parser.end();
  return out
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * `value` with its HTML character references decoded ("&quot;" -> '"', "&eacute;" -> "é", "&#8211;" ->
 * "–"); everything else, "<" included, stays as it is. Unknown names stay as written.
 */
export function decodeHtmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  let out = '';
  // "<" is written as a reference so the parser sees only text; it decodes back to "<".
  const parser = new Parser(
    {
      ontext(text) {
        out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(value.replace(/</g, '&lt;'));
  parser.end();
  return out;
}
