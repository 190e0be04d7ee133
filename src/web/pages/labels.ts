// Names of facet values and vocabulary concepts in the UI language: languages and countries through Intl,
// ISCED levels and fields, HCRT resource types and accessibility features through the shipped vocabularies
// and curated labels, licence groups and sources through the message catalogs (area "labels").
//
// Decisions:
// - A vocabulary label is used in the UI language (the shipped ISCED vocabularies carry all eight), else in
//   English. A value nobody knows is shown as it is (never an empty label).
// - Source ids are not names: facetValueLabel takes an optional map of source names (sourceNameMap reads them
//   once per request), and shows the id when the map lacks it.
// - Language and country names start with a capital letter when they stand alone as a label ("Français"),
//   as CLDR gives the middle-of-sentence form ("français").
import { ACCESSIBILITY_VOCABULARY } from '../../vocab/accessibility.js';
import { hcrtEntry, hcrtLabel } from '../../vocab/hcrt.js';
import { iscedField, iscedFieldLabel, iscedLevel, iscedLevelLabel } from '../../vocab/isced.js';
import type { Facet } from '../../search/filters.js';
import type { SourceService } from '../../services/source-service.js';
import { translator } from '../i18n/catalog.js';
import type { PageContext } from './context.js';

/** Source id -> source name. */
export type SourceNames = ReadonlyMap<string, string>;

/** The names of every registered source, read once (call it once per request that shows sources). */
export async function sourceNameMap(sources: SourceService): Promise<SourceNames> {
  return new Map((await sources.list()).map((s) => [s.id, s.name]));
}

function capitalize(ctx: PageContext, text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(ctx.locale) + text.slice(head.length);
}

/** A message of the UI language's own catalog, or undefined when that language has no such key. */
function ownMessage(ctx: PageContext, key: string): string | undefined {
  return translator(ctx.locale).has(key) ? ctx.t(key) : undefined;
}

/** The name of a facet in the UI language ("license" -> "Licence"). */
export function facetName(ctx: PageContext, facet: Facet): string {
  return ctx.t(`labels.facet.${facet}`);
}

/** A licence group in short plain words ("by-sa" -> "Attribution–ShareAlike (CC BY-SA)"). */
export function licenceGroupLabel(ctx: PageContext, group: string): string {
  return ownMessage(ctx, `labels.license.${group}`) ?? group;
}

/** An ISCED 2011 level ("1" -> "Primary education"). */
export function levelLabel(ctx: PageContext, code: string): string {
  const level = iscedLevel(code);
  if (level === undefined) return code;
  return level.prefLabel[ctx.locale] ?? iscedLevelLabel(code, ctx.locale) ?? code;
}

/** An ISCED-F 2013 field ("0541" -> "Mathematics"), from the vocabulary (labelled in every UI language). */
export function fieldLabel(ctx: PageContext, code: string): string {
  return iscedField(code)?.prefLabel[ctx.locale] ?? iscedFieldLabel(code, ctx.locale) ?? code;
}

/** An HCRT resource type by its URI ("https://w3id.org/kim/hcrt/video" -> "Video"). */
export function resourceTypeLabel(ctx: PageContext, id: string): string {
  return hcrtLabel(id, ctx.locale) ?? hcrtEntry(id)?.notation ?? id;
}

const FEATURE_LABELS: ReadonlyMap<string, string> = new Map(
  ACCESSIBILITY_VOCABULARY.accessibilityFeature.map((t) => [t.term, t.label.en]),
);

/** A schema.org accessibilityFeature term ("alternativeText" -> "Alternative text"). */
export function accessibilityFeatureLabel(ctx: PageContext, term: string): string {
  return ownMessage(ctx, `labels.accessibility.${term}`) ?? FEATURE_LABELS.get(term) ?? term;
}

/** The label of one facet value ("level" "1" -> "Primary education" in English), the value when unknown. */
export function facetValueLabel(
  ctx: PageContext,
  facet: Facet,
  value: string,
  sourceNames?: SourceNames,
): string {
  switch (facet) {
    case 'inLanguage':
      return capitalize(ctx, ctx.languageName(value));
    case 'license':
      return licenceGroupLabel(ctx, value);
    case 'level':
      return levelLabel(ctx, value);
    case 'field':
      return fieldLabel(ctx, value);
    case 'type':
      return resourceTypeLabel(ctx, value);
    case 'accessibility':
      return accessibilityFeatureLabel(ctx, value);
    case 'source':
      return sourceNames?.get(value) ?? value;
    case 'country':
      return capitalize(ctx, ctx.regionName(value));
  }
}

/** The label of the free-of-cost and no-login filters ("free" true -> "Free of cost"). */
export function accessFilterLabel(ctx: PageContext, filter: 'free' | 'noLogin', value: boolean): string {
  return ctx.t(`labels.filter.${filter}.${value ? 'true' : 'false'}`);
}
