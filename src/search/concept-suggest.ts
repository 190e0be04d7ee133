// Completion from the vocabularies: every label (preferred and alternative, in every language, curated UI
// labels included) of the UNESCO Thesaurus, ISCED-F fields, ISCED 2011 levels and HCRT resource types, folded
// like search terms and kept sorted, so a prefix typed in any script finds its concepts by binary search.
// Built on first use (tens of thousands of labels, a few hundred milliseconds); pure after that.
import { HCRT_CONCEPTS } from '../vocab/hcrt.js';
import { iscedFields, iscedLevels, unescoThesaurus } from '../vocab/index.js';
import { foldTerm } from './analyzer.js';

export interface ConceptSuggestion {
  /** "unesco:concept123", "isced-f:0531", "level:3", "type:video". */
  readonly concept: string;
  /** The label that matched the prefix, as written. */
  readonly label: string;
  readonly lang: string;
}

interface Entry {
  readonly key: string;
  readonly label: string;
  readonly lang: string;
  readonly concept: string;
}

let entries: Entry[] | undefined;

function build(): Entry[] {
  const list: Entry[] = [];
  const add = (concept: string, lang: string, label: string): void => {
    const key = foldTerm(label.trim());
    if (key.length > 0) list.push({ key, label: label.trim(), lang, concept });
  };
  for (const concept of unescoThesaurus().concepts) {
    const id = `unesco:${concept.id}`;
    for (const [lang, label] of Object.entries(concept.prefLabel)) add(id, lang, label);
    for (const [lang, labels] of Object.entries(concept.altLabel ?? {})) {
      for (const label of labels) add(id, lang, label);
    }
  }
  for (const field of iscedFields()) {
    for (const [lang, label] of Object.entries(field.prefLabel)) add(`isced-f:${field.code}`, lang, label);
  }
  for (const level of iscedLevels()) {
    for (const [lang, label] of Object.entries(level.prefLabel)) add(`level:${level.code}`, lang, label);
  }
  for (const type of HCRT_CONCEPTS) {
    const id = `type:${type.notation}`;
    for (const [lang, label] of Object.entries(type.prefLabel)) add(id, lang, label);
    for (const [lang, label] of Object.entries(type.curatedLabel)) add(id, lang, label);
    for (const [lang, labels] of Object.entries(type.altLabel))
      for (const label of labels) add(id, lang, label);
  }
  list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return list;
}

function lowerBound(list: readonly Entry[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.key ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Concepts with a label starting with `prefix` (folded), one suggestion per concept: the matching label in
 * `lang` when the concept has one that matches, else the shortest matching label. Labels in `lang` first,
 * then shorter labels. At most `limit`; a prefix of fewer than two characters gives nothing.
 */
export function suggestConcepts(prefix: string, lang: string | null, limit: number): ConceptSuggestion[] {
  const key = foldTerm(prefix.trim());
  if (key.replace(/[\uDC00-\uDFFF]/g, '').length < 2 || limit <= 0) return [];
  entries ??= build();
  const base = lang?.split('-')[0] ?? null;
  const best = new Map<string, Entry>();
  const better = (a: Entry, b: Entry): boolean => {
    const aLang = a.lang.split('-')[0] === base;
    const bLang = b.lang.split('-')[0] === base;
    if (aLang !== bLang) return aLang;
    return a.label.length < b.label.length;
  };
  // Look at a bounded window of matches: a one-letter-longer prefix narrows it for the user anyway.
  for (let i = lowerBound(entries, key), seen = 0; i < entries.length && seen < 2000; i += 1, seen += 1) {
    const entry = entries[i];
    if (entry === undefined || !entry.key.startsWith(key)) break;
    const held = best.get(entry.concept);
    if (held === undefined || better(entry, held)) best.set(entry.concept, entry);
  }
  return [...best.values()]
    .sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : a.label.localeCompare(b.label)))
    .slice(0, limit)
    .map((e) => ({ concept: e.concept, label: e.label, lang: e.lang }));
}
