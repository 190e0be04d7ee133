// The metadata-quality fixes of a source in the reader's language. The quality module writes its advice in
// English (src/quality/messages.ts); here each fix is rendered again from its stable code through the
// catalog (source.fix.<code>), and the element it names (dc:rights, "the "license" column", ...) is rebuilt
// from a structured table whose technical names stay as they are and whose connecting words ("or", "with a
// vocabulary URI", "the ... column") are translated. Technical names come out in <code>. A code the catalog
// does not know falls back to the English message, marked lang="en".
import type { ElementKey, MetadataFormat } from '../../quality/format.js';
import { FIX_MESSAGES, FORMAT_LABELS, type FixCode, type FixSeverity } from '../../quality/messages.js';
import { sourceMetadataFormat } from '../../quality/source-report.js';
import type { Source } from '../../domain/catalog.js';
import { translator } from '../i18n/catalog.js';
import { MarkedText } from './about-markup.js';
import type { PageContext } from './context.js';
import { escapeHtml } from './layout.js';

/**
 * How one format names an element: technical names joined by "or" (or "and"), optionally as CSV columns, and
 * optionally qualified ("with a vocabulary URI", "of the publisher").
 */
export interface ElementSpec {
  readonly names: readonly string[];
  readonly join?: 'or' | 'and';
  /** The names are CSV columns: "the "x" column". */
  readonly column?: true;
  readonly qualifier?:
    | { readonly kind: 'vocabularyUri' | 'vocabularyUris' | 'dateOfPublisher' | 'dateOfAuthor' }
    | { readonly kind: 'purpose'; readonly value: string }
    | { readonly kind: 'role'; readonly values: readonly string[] }
    | { readonly kind: 'ofKind'; readonly value: string };
}

const n = (...names: string[]): ElementSpec => ({ names });
const col = (...names: string[]): ElementSpec => ({ names, column: true });

/**
 * The same elements as ELEMENTS in src/quality/messages.ts, in structured form (a test renders this table in
 * English and compares it with that one, so the two cannot drift apart).
 */
export const ELEMENT_SPECS: Readonly<
  Record<ElementKey, Readonly<Record<MetadataFormat, ElementSpec | null>>>
> = {
  title: { dc: n('dc:title'), lom: n('general/title'), schema: n('name'), csv: col('title') },
  description: {
    dc: n('dc:description'),
    lom: n('general/description'),
    schema: n('description'),
    csv: col('description'),
  },
  language: {
    dc: n('dc:language'),
    lom: n('general/language'),
    schema: n('inLanguage'),
    csv: col('language'),
  },
  license: { dc: n('dc:rights'), lom: n('rights/description'), schema: n('license'), csv: col('license') },
  educationLevel: {
    dc: n('dcterms:educationLevel'),
    lom: n('educational/context', 'educational/typicalAgeRange'),
    schema: n('educationalLevel'),
    csv: col('level'),
  },
  subject: {
    dc: { names: ['dc:subject'], qualifier: { kind: 'vocabularyUri' } },
    lom: { names: ['classification'], qualifier: { kind: 'purpose', value: 'discipline' } },
    schema: n('about'),
    csv: { names: ['about'], column: true, qualifier: { kind: 'vocabularyUris' } },
  },
  resourceType: {
    dc: n('dc:type'),
    lom: n('educational/learningResourceType'),
    schema: n('learningResourceType'),
    csv: col('type'),
  },
  accessibility: {
    dc: null,
    lom: n(
      'accessibility/accessMode',
      'accessibility/accessibilityFeature',
      'accessibility/accessibilityHazard',
    ),
    schema: n('accessMode', 'accessibilityFeature', 'accessibilityHazard', 'accessibilitySummary'),
    csv: null,
  },
  captions: {
    dc: null,
    lom: n('accessibility/accessibilityFeature'),
    schema: n('caption', 'accessibilityFeature'),
    csv: null,
  },
  creator: {
    dc: n('dc:creator', 'dc:publisher'),
    lom: {
      names: ['lifeCycle/contribute'],
      qualifier: { kind: 'role', values: ['author', 'publisher'] },
    },
    schema: n('creator', 'publisher'),
    csv: col('author', 'publisher'),
  },
  date: {
    dc: n('dc:date'),
    lom: { names: ['lifeCycle/contribute/date'], qualifier: { kind: 'dateOfPublisher' } },
    schema: n('datePublished'),
    csv: col('date'),
  },
  dateCreated: {
    dc: n('dcterms:created'),
    lom: { names: ['lifeCycle/contribute/date'], qualifier: { kind: 'dateOfAuthor' } },
    schema: n('dateCreated'),
    csv: col('dateCreated'),
  },
  dateModified: {
    dc: n('dcterms:modified'),
    lom: null,
    schema: n('dateModified'),
    csv: col('dateModified'),
  },
  url: { dc: n('dc:identifier'), lom: n('technical/location'), schema: n('id', 'url'), csv: col('url') },
  identifier: {
    dc: n('dc:identifier'),
    lom: n('general/identifier'),
    schema: n('identifier'),
    csv: col('id'),
  },
  keywords: { dc: n('dc:subject'), lom: n('general/keyword'), schema: n('keywords'), csv: col('keywords') },
  image: {
    dc: null,
    lom: { names: ['relation'], qualifier: { kind: 'ofKind', value: 'thumbnail' } },
    schema: n('image'),
    csv: col('thumbnail'),
  },
  fileFormat: {
    dc: n('dc:format'),
    lom: n('technical/format'),
    schema: n('encoding/encodingFormat'),
    csv: null,
  },
  access: {
    dc: n('dcterms:accessRights'),
    lom: n('rights/cost'),
    schema: { names: ['isAccessibleForFree', 'conditionsOfAccess'], join: 'and' },
    csv: null,
  },
};

/** The formats named, in this order, when the source's format is unknown (as src/quality/format.ts does). */
const LISTED_FORMATS: readonly MetadataFormat[] = ['dc', 'lom', 'schema'];

const listFormats = new Map<string, Intl.ListFormat>();

function joinList(ctx: PageContext, items: readonly string[], type: 'or' | 'and'): string {
  const id = `${ctx.locale}:${type}`;
  let format = listFormats.get(id);
  if (format === undefined) {
    format = new Intl.ListFormat(ctx.locale, {
      style: 'long',
      type: type === 'or' ? 'disjunction' : 'conjunction',
    });
    listFormats.set(id, format);
  }
  return format.format(items);
}

function specText(ctx: PageContext, spec: ElementSpec, marks: MarkedText): string {
  const quote = (name: string): string => ctx.t('source.element.quote', { name: marks.code(name) });
  const names = spec.names.map((name) => (spec.column ? quote(name) : marks.code(name)));
  let text = joinList(ctx, names, spec.join ?? 'or');
  if (spec.column) text = ctx.t('source.element.column', { names: text });
  const q = spec.qualifier;
  if (q === undefined) return text;
  switch (q.kind) {
    case 'vocabularyUri':
      return ctx.t('source.element.withVocabularyUri', { element: text });
    case 'vocabularyUris':
      return ctx.t('source.element.withVocabularyUris', { element: text });
    case 'dateOfPublisher':
      return ctx.t('source.element.dateOfPublisher', { element: text });
    case 'dateOfAuthor':
      return ctx.t('source.element.dateOfAuthor', { element: text });
    case 'purpose':
      return ctx.t('source.element.withPurpose', { element: text, purpose: quote(q.value) });
    case 'role':
      return ctx.t('source.element.withRole', {
        element: text,
        roles: joinList(
          ctx,
          q.values.map((v) => marks.code(v)),
          'or',
        ),
      });
    case 'ofKind':
      return ctx.t('source.element.ofKind', { element: text, kind: marks.code(q.value) });
  }
}

/** The element to fill for `key`, as the source's format names it, or every format's when it is unknown. */
function elementText(
  ctx: PageContext,
  key: ElementKey,
  format: MetadataFormat | null,
  marks: MarkedText,
): string {
  const row = ELEMENT_SPECS[key];
  const own = format === null ? null : row[format];
  if (own !== null) return specText(ctx, own, marks);
  const parts: string[] = [];
  for (const f of LISTED_FORMATS) {
    const spec = row[f];
    if (spec !== null && f !== format) {
      parts.push(
        ctx.t('source.element.inFormat', { element: specText(ctx, spec, marks), format: FORMAT_LABELS[f] }),
      );
    }
  }
  return joinList(ctx, parts, 'or');
}

/** The element phrase as plain text (tests compare it with the English table of src/quality). */
export function elementPlainText(ctx: PageContext, key: ElementKey, format: MetadataFormat | null): string {
  const marks = new MarkedText();
  return marks.text(elementText(ctx, key, format, marks));
}

/** The metadata format each stored raw format was written in, as far as fixes are concerned. */
const RAW_FORMATS: Readonly<Record<string, MetadataFormat>> = {
  oai_dc: 'dc',
  lom: 'lom',
  'amb-jsonld': 'schema',
  // Feeds carry Dublin Core elements (dc:rights, dc:language...).
  'rss-item': 'dc',
  'atom-entry': 'dc',
  'csv-row': 'csv',
};

/**
 * The format a source's manager edits: from how it is harvested when that tells (src/quality), else from the
 * raw format of a sample of its records when they all agree (a local import of oai_dc files, a feed), else
 * null, and the fixes name the element of every format.
 */
export function fixFormatOf(
  source: Pick<Source, 'protocol' | 'format'>,
  sampleRawFormats: readonly string[],
): MetadataFormat | null {
  const declared = sourceMetadataFormat(source);
  if (declared !== null) return declared;
  const found = new Set(sampleRawFormats.map((raw) => RAW_FORMATS[raw] ?? null));
  if (found.size !== 1) return null;
  return [...found][0] ?? null;
}

function isFixCode(code: string): code is FixCode {
  return Object.hasOwn(FIX_MESSAGES, code);
}

export interface LocalizedFix {
  /** Safe HTML of the advice. */
  readonly html: string;
  /** True when the catalog had no translation and the English message of the report is used. */
  readonly english: boolean;
}

/**
 * The advice of one source-level fix in the reader's language, as HTML; `englishMessage` (the report's) is
 * used when the catalog has no message for the code.
 */
export function localizedFix(
  ctx: PageContext,
  format: MetadataFormat | null,
  code: string,
  englishMessage: string,
): LocalizedFix {
  const key = `source.fix.${code}`;
  if (!isFixCode(code) || !translator(ctx.locale).has(key)) {
    return { html: escapeHtml(englishMessage), english: true };
  }
  const marks = new MarkedText();
  const element = elementText(ctx, FIX_MESSAGES[code].element, format, marks);
  return { html: marks.html(ctx.t(key, { element })), english: false };
}

/** The label of a fix's severity: words, never colour alone. */
export function severityLabel(ctx: PageContext, severity: FixSeverity): string {
  return ctx.t(`source.severity.${severity}`);
}
