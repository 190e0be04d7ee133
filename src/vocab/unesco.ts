// The UNESCO Thesaurus (data-bundled/vocab/unesco-thesaurus.json) and the ISCED-F field of each concept
// (data-bundled/vocab/unesco-isced-f.json): lookups by local id ("concept123") or URI, loaded once on first use.
// UNESCO Thesaurus © UNESCO, CC BY-SA 3.0 IGO: keep the attribution of the file header when showing it.
import { pickLabel } from './labels.js';
import { loadCuratedTables, loadVocabFile } from './load.js';
import type {
  UnescoConcept,
  UnescoFieldRule,
  UnescoFieldsFile,
  UnescoGroup,
  UnescoThesaurusFile,
} from './types.js';

export const UNESCO_SCHEME = 'http://vocabularies.unesco.org/thesaurus';
export const UNESCO_NAMESPACE = 'http://vocabularies.unesco.org/thesaurus/';

const UNESCO_URI =
  /^https?:\/\/vocabularies\.unesco\.org\/(?:thesaurus|browser\/thesaurus\/[a-z]{2}\/page)\/(concept\d+)\/?(?:\.html)?$/i;
const LOCAL_ID = /^concept\d+$/;

interface Thesaurus {
  readonly file: UnescoThesaurusFile;
  readonly byId: ReadonlyMap<string, UnescoConcept>;
  readonly groups: ReadonlyMap<string, UnescoGroup>;
}

/** The ISCED-F field of a UNESCO concept, whether it is weak, and the rule that gave it. */
export interface UnescoFieldValue {
  readonly field: string;
  readonly weak: boolean;
  readonly rule: UnescoFieldRule;
}

let thesaurus: Thesaurus | undefined;
let fieldMap: ReadonlyMap<string, UnescoFieldValue> | undefined;

/**
 * Adds our curated labels (data-bundled/vocab/curated/unesco-labels.LANG.tsv: concept id, then the preferred
 * label and any alternatives separated by " | ") in languages the thesaurus lacks; the concept lists the
 * languages whose labels are ours in `curated`. In a language the thesaurus has, the thesaurus keeps its
 * preferred label and every curated label of the row joins its alternatives (Arabic broken plurals).
 */
function withCuratedLabels(file: UnescoThesaurusFile): UnescoThesaurusFile {
  const tables = loadCuratedTables('unesco-labels.');
  if (tables.size === 0) return file;
  const extra = new Map<string, { pref: Record<string, string>; alt: Record<string, string[]> }>();
  for (const [lang, rows] of tables) {
    for (const [id, text] of rows) {
      const labels = (text ?? '')
        .split('|')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const [pref, ...alt] = labels;
      if (id === undefined || pref === undefined) continue;
      let entry = extra.get(id);
      if (entry === undefined) extra.set(id, (entry = { pref: {}, alt: {} }));
      entry.pref[lang] = pref;
      if (alt.length > 0) entry.alt[lang] = alt;
    }
  }
  const concepts = file.concepts.map((concept): UnescoConcept => {
    const entry = extra.get(concept.id);
    if (entry === undefined) return concept;
    const langs = Object.keys(entry.pref).filter((lang) => concept.prefLabel[lang] === undefined);
    const prefLabel = { ...concept.prefLabel };
    const altLabel: Record<string, readonly string[]> = { ...concept.altLabel };
    for (const lang of Object.keys(entry.pref)) {
      const ours = [entry.pref[lang] ?? '', ...(entry.alt[lang] ?? [])];
      if (langs.includes(lang)) {
        prefLabel[lang] = ours[0] ?? '';
        if (ours.length > 1) altLabel[lang] = ours.slice(1);
      } else {
        const have = new Set([concept.prefLabel[lang], ...(concept.altLabel?.[lang] ?? [])]);
        altLabel[lang] = [...(concept.altLabel?.[lang] ?? []), ...ours.filter((l) => !have.has(l))];
      }
    }
    return langs.length === 0
      ? { ...concept, altLabel }
      : { ...concept, prefLabel, altLabel, curated: langs };
  });
  return { ...file, concepts };
}

function load(): Thesaurus {
  if (thesaurus !== undefined) return thesaurus;
  const file = withCuratedLabels(loadVocabFile('unesco-thesaurus.json') as UnescoThesaurusFile);
  thesaurus = {
    file,
    byId: new Map(file.concepts.map((c) => [c.id, c])),
    groups: new Map(file.groups.map((g) => [g.id, g])),
  };
  return thesaurus;
}

/** The whole thesaurus file (header with source, licence and attribution; groups; concepts). */
export function unescoThesaurus(): UnescoThesaurusFile {
  return load().file;
}

/** "concept123" for a local id or any UNESCO concept URI (http or https, browser page), else null. */
export function unescoLocalId(idOrUri: string): string | null {
  const text = idOrUri.trim();
  if (LOCAL_ID.test(text)) return text;
  return UNESCO_URI.exec(text)?.[1] ?? null;
}

export function unescoUri(localId: string): string {
  return UNESCO_NAMESPACE + localId;
}

export function unescoConcept(idOrUri: string): UnescoConcept | undefined {
  const id = unescoLocalId(idOrUri);
  return id === null ? undefined : load().byId.get(id);
}

/** The domain or micro-thesaurus with this local id ("mt2.15", "domain2"). */
export function unescoGroup(id: string): UnescoGroup | undefined {
  return load().groups.get(id);
}

export function unescoLabel(idOrUri: string, lang?: string): string | undefined {
  return pickLabel(unescoConcept(idOrUri)?.prefLabel, lang);
}

/** The ISCED-F field of a UNESCO concept, or undefined when the concept has none (countries, methods). */
export function unescoField(idOrUri: string): UnescoFieldValue | undefined {
  const id = idOrUri.startsWith('concept') ? idOrUri : unescoLocalId(idOrUri);
  if (id === null) return undefined;
  if (fieldMap === undefined) {
    const file = loadVocabFile('unesco-isced-f.json') as UnescoFieldsFile;
    const weak = new Set(file.weak);
    const map = new Map<string, UnescoFieldValue>();
    for (const [concept, field] of Object.entries(file.fields)) {
      map.set(concept, { field, weak: weak.has(concept), rule: file.rules[concept] ?? 'g' });
    }
    fieldMap = map;
  }
  return fieldMap.get(id);
}
