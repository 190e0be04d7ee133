// The TASL attribution of a resource (Title, Author, Source, Licence), ready to copy as plain text, HTML and
// Markdown, in the reader's language, with notes on what the licence means for the uses the reader has in
// mind (adapting it, using it commercially). The wording comes from the message catalog through `t`: the
// sentences are formatted with placeholders only (private-use sentinels, never harvested text), then split
// into parts and every part is rendered in each output form with its own escaping. Pure; no I/O.
import type { AgentValue, ResourceRecord } from '../domain/profile.js';
import { licenceTerms, type LicenceTerms } from './licence-terms.js';
import { camelCase, escapeHtmlText, httpUrl, oneLine, pickText } from './text.js';

/** Uses a reader may have in mind; each may bring notes when the licence forbids or conditions it. */
export const REUSE_USES = ['adapt', 'commercial'] as const;
export type ReuseUse = (typeof REUSE_USES)[number];

/** The wording of one language: a message formatter over the catalog (keys "reuse.*") and its locale. */
export interface ReuseWording {
  readonly locale: string;
  readonly t: (key: string, values?: Record<string, string | number>) => string;
}

export type AttributionNoteCode =
  | 'no-attribution-required'
  | 'adapt-allowed'
  | 'adapt-forbidden'
  | 'indicate-changes'
  | 'share-alike'
  | 'commercial-allowed'
  | 'commercial-forbidden'
  | 'permission-needed'
  | 'licence-unknown'
  | 'conflict';

export interface AttributionNote {
  readonly code: AttributionNoteCode;
  /** Plain text in the reader's language (escape it before it goes into HTML). */
  readonly text: string;
}

export interface AttributionInput {
  readonly record: ResourceRecord;
  /** The name of the repository the resource was found in; its web address's host name when null. */
  readonly sourceName: string | null;
  readonly uses?: Iterable<ReuseUse>;
}

export interface Attribution {
  readonly title: string;
  /** The language tag of the title chosen ("und" when unknown). */
  readonly titleLang: string;
  /** The resource's http(s) address, or null. */
  readonly url: string | null;
  readonly authors: readonly string[];
  readonly source: string;
  readonly terms: LicenceTerms;
  readonly text: string;
  /** One HTML fragment: title linked when the resource has an http(s) address, licence with rel="license". */
  readonly html: string;
  readonly markdown: string;
  readonly notes: readonly AttributionNote[];
}

/** Authors named before "and N others". */
const MAX_AUTHORS = 5;

/** Which message words the attribution sentence for a licence. */
function sentenceKey(terms: LicenceTerms): string {
  switch (terms.kind) {
    case 'public-domain':
      return terms.name === null ? 'reuse.attribution.inPublicDomain' : 'reuse.attribution.marked';
    case 'creative-commons':
    case 'open':
      return terms.name === null ? 'reuse.attribution.openUnnamed' : 'reuse.attribution.licensed';
    case 'restricted':
      return 'reuse.attribution.restricted';
    case 'unknown':
      return 'reuse.attribution.unknown';
  }
}

// ---- parts -----------------------------------------------------------------------------------------------

type PartKind = 'title' | 'authors' | 'names' | 'source' | 'licence';
type Part = { readonly kind: 'text'; readonly text: string } | { readonly kind: PartKind };

const OPEN = '\uE000';
const CLOSE = '\uE001';
const slot = (kind: PartKind): string => `${OPEN}${kind}${CLOSE}`;
const SLOT_PATTERN = /\uE000(title|authors|names|source|licence)\uE001/g;

/** Splits a formatted message into literal text and the slots it holds. */
function parts(formatted: string): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const match of formatted.matchAll(SLOT_PATTERN)) {
    if (match.index > last) out.push({ kind: 'text', text: formatted.slice(last, match.index) });
    out.push({ kind: match[1] as PartKind });
    last = match.index + match[0].length;
  }
  if (last < formatted.length) out.push({ kind: 'text', text: formatted.slice(last) });
  // A sentinel left over (a translation that broke one) must not reach the output.
  return out.map((p) =>
    p.kind === 'text' ? { kind: 'text', text: p.text.replace(/[\uE000\uE001]/g, '') } : p,
  );
}

/** How one output form writes text and each slot. */
interface Form {
  text(value: string): string;
  slot(kind: PartKind): string;
}

function render(list: readonly Part[], form: Form): string {
  return list.map((p) => (p.kind === 'text' ? form.text(p.text) : form.slot(p.kind))).join('');
}

// ---- escaping --------------------------------------------------------------------------------------------

/**
 * Text for Markdown: line breaks become spaces, and every character that could start emphasis, code, a link,
 * an image, raw HTML, an entity, a table cell or strikethrough is escaped by a backslash. Spaces are kept as
 * they are (the text may be a piece of a sentence).
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- line breaks and other controls become spaces
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
      .replace(/[\\`*_[\]<>!|~&$]/g, (c) => `\\${c}`)
  );
}

/** A whole Markdown line: a start that would make a heading, list item, quote or rule is escaped too. */
export function markdownLine(line: string): string {
  const numbered = /^(\d{1,9})([.)])/.exec(line);
  if (numbered !== null) return `${numbered[1] ?? ''}\\${line.slice((numbered[1] ?? '').length)}`;
  return /^[#+\-=>]/.test(line) ? `\\${line}` : line;
}

/** An http(s) address as a Markdown link destination: parentheses and spaces percent-encoded. */
function markdownUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// ---- the attribution -------------------------------------------------------------------------------------

function agentNames(agents: readonly AgentValue[] | undefined): string[] {
  const names: string[] = [];
  for (const agent of agents ?? []) {
    const name = oneLine(agent.name);
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/**
 * Names joined in the language's way ("A, B and C"). With `open` the list goes on after the last name ("and 2
 * others" follows), so every name is joined with the separator the language puts between middle items.
 */
function joinList(
  locale: string,
  items: readonly string[],
  escape: (text: string) => string,
  open: boolean,
): string {
  const format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
  if (open) {
    const middle = format.formatToParts(['a', 'b', 'c']).find((p) => p.type === 'literal')?.value ?? ', ';
    return items.map(escape).join(escape(middle));
  }
  return format
    .formatToParts(items.map((_, i) => `\uE002${i}\uE003`))
    .map((p) => {
      if (p.type === 'element') {
        const index = Number(/\d+/.exec(p.value)?.[0] ?? '0');
        return escape(items[index] ?? '');
      }
      return escape(p.value);
    })
    .join('');
}

/** Builds the attribution of a record in the wording's language. */
export function buildAttribution(input: AttributionInput, wording: ReuseWording): Attribution {
  const { record } = input;
  const { t, locale } = wording;
  const titleText = pickText(record.name, locale, record.inLanguage ?? []);
  const title = oneLine(titleText?.text ?? record.id);
  const titleLang = titleText?.lang ?? 'und';
  const url = httpUrl(record.url);
  const authors = agentNames(record.creator);
  const source = oneLine(input.sourceName ?? '') || hostOf(url) || record.provenance[0]?.sourceId || '';
  const terms = licenceTerms(record.license);

  const sentence = parts(
    t(sentenceKey(terms), {
      title: t('reuse.attribution.title', { title: slot('title') }),
      authors: slot('authors'),
      source: slot('source'),
      licence: slot('licence'),
      hasAuthors: authors.length > 0 ? 'yes' : 'no',
    }),
  );
  const shown = authors.slice(0, MAX_AUTHORS);
  const hidden = authors.length - shown.length;
  const authorParts =
    hidden > 0 ? parts(t('reuse.attribution.moreAuthors', { names: slot('names'), count: hidden })) : null;

  const formOf = (
    escape: (text: string) => string,
    slots: Readonly<Record<'title' | 'source' | 'licence', string>>,
  ): Form => {
    const names = joinList(locale, shown, escape, authorParts !== null);
    const form: Form = {
      text: escape,
      slot(kind) {
        switch (kind) {
          case 'title':
          case 'source':
          case 'licence':
            return slots[kind];
          case 'names':
            return names;
          case 'authors':
            return authorParts === null ? names : render(authorParts, form);
        }
      },
    };
    return form;
  };

  const licenceName = terms.name ?? '';
  const text = render(
    sentence,
    formOf((s) => s, {
      title,
      source: url === null ? source : `${source} (${url})`,
      licence: terms.uri === null ? licenceName : `${licenceName} (${terms.uri})`,
    }),
  );
  const html = render(
    sentence,
    formOf(escapeHtmlText, {
      title:
        url === null
          ? escapeHtmlText(title)
          : `<a href="${escapeHtmlText(url)}">${escapeHtmlText(title)}</a>`,
      source: escapeHtmlText(source),
      licence:
        terms.uri === null
          ? escapeHtmlText(licenceName)
          : `<a rel="license" href="${escapeHtmlText(terms.uri)}">${escapeHtmlText(licenceName)}</a>`,
    }),
  );
  const markdown = markdownLine(
    render(
      sentence,
      formOf(escapeMarkdown, {
        title: url === null ? escapeMarkdown(title) : `[${escapeMarkdown(title)}](${markdownUrl(url)})`,
        source: escapeMarkdown(source),
        licence:
          terms.uri === null
            ? escapeMarkdown(licenceName)
            : `[${escapeMarkdown(licenceName)}](${markdownUrl(terms.uri)})`,
      }),
    ),
  );

  return {
    title,
    titleLang,
    url,
    authors,
    source,
    terms,
    text,
    html,
    markdown,
    notes: attributionNotes(terms, new Set(input.uses ?? []), wording),
  };
}

/** The notes for a licence and the uses the reader chose, in the order the page shows them. */
export function attributionNotes(
  terms: LicenceTerms,
  uses: ReadonlySet<ReuseUse>,
  wording: ReuseWording,
): AttributionNote[] {
  const codes: AttributionNoteCode[] = [];
  if (terms.kind === 'restricted') codes.push('permission-needed');
  else if (terms.kind === 'unknown') codes.push('licence-unknown');
  else {
    if (!terms.attribution) codes.push('no-attribution-required');
    if (uses.has('adapt')) {
      if (terms.adapt === 'no') codes.push('adapt-forbidden');
      else {
        codes.push('adapt-allowed');
        if (terms.indicateChanges) codes.push('indicate-changes');
        if (terms.shareAlike) codes.push('share-alike');
      }
    }
    if (uses.has('commercial')) {
      codes.push(terms.commercial === 'no' ? 'commercial-forbidden' : 'commercial-allowed');
    }
  }
  if (terms.conflict) codes.push('conflict');
  // Only public-domain resources without a licence address have no name (every other note needs a named licence).
  const licence = terms.name ?? wording.t('reuse.licence.publicDomain');
  return codes.map((code) => ({ code, text: wording.t(`reuse.note.${camelCase(code)}`, { licence }) }));
}
