// Markup inside translated sentences, for the info and source pages: a message of the catalog is plain text,
// but some sentences hold a technical name in <code> or a link in the middle, where the word order differs
// from one language to the next. Such values go into the message as private-use markers; once ICU has placed
// them and the sentence is escaped, each marker becomes its HTML. Only our own texts and names are marked
// this way, never a harvested value (those are escaped as plain values).
import type { MessageValues } from '../i18n/catalog.js';
import type { PageContext } from './context.js';
import { escapeHtml } from './layout.js';

const MARKER = /\uE000(\d+)\uE001/g;

/** Collects marked pieces (each with its HTML and plain-text form) and swaps them back in. */
export class MarkedText {
  private readonly pieces: { readonly html: string; readonly text: string }[] = [];

  private add(html: string, text: string): string {
    this.pieces.push({ html, text });
    return `\uE000${this.pieces.length - 1}\uE001`;
  }

  /** A technical name, shown in <code>. */
  code(name: string): string {
    return this.add(`<code>${escapeHtml(name)}</code>`, name);
  }

  /** A link; its text in <code> when `code` is set. */
  link(
    href: string,
    text: string,
    options: { readonly code?: boolean; readonly hreflang?: string } = {},
  ): string {
    const label = options.code === true ? `<code>${escapeHtml(text)}</code>` : escapeHtml(text);
    const lang = options.hreflang === undefined ? '' : ` hreflang="${escapeHtml(options.hreflang)}"`;
    return this.add(`<a href="${escapeHtml(href)}"${lang}>${label}</a>`, text);
  }

  /** The text escaped, with each marker replaced by its HTML. */
  html(text: string): string {
    return escapeHtml(text).replace(MARKER, (_m, i: string) => this.pieces[Number(i)]?.html ?? '');
  }

  /** The text with each marker replaced by its plain form. */
  text(text: string): string {
    return text.replace(MARKER, (_m, i: string) => this.pieces[Number(i)]?.text ?? '');
  }
}

/**
 * A catalog message as HTML, where `marked` builds values that carry markup:
 * messageHtml(ctx, 'info.x', (m) => ({ file: m.code('THIRD-PARTY-DATA.md') })).
 */
export function messageHtml(
  ctx: PageContext,
  key: string,
  marked?: (marks: MarkedText) => MessageValues,
): string {
  const marks = new MarkedText();
  return marks.html(ctx.t(key, marked === undefined ? undefined : marked(marks)));
}

/**
 * The column name repeated inside a data cell, for narrow screens where .stack-table lays each row out as a
 * card (the header row is then hidden visually). Hidden from assistive technology, which already announces
 * the cell's column header, and hidden by CSS on wide screens.
 */
export function cellLabel(ctx: PageContext, label: string): string {
  return `<span class="cell-label" aria-hidden="true">${escapeHtml(ctx.t('source.cellLabel', { label }))}</span> `;
}
