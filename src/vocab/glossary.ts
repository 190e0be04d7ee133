// Our multilingual glossary of learning-resource topics (data-bundled/vocab/curated/glossary.*.tsv): specific
// subjects people search for that the UNESCO Thesaurus does not name (diseases, programming topics, periods,
// language-learning phrases), each with its usual term in the UI languages and common alternatives after
// " | ". The first line of each file names the language of each column; a `mul` column holds names that are
// the same in every language (scientific names of organisms, international acronyms and product names). Rows
// of several files with the same English term are one topic: later rows add alternatives. Read once, on
// first use.
import { loadCuratedTables } from './load.js';

export interface GlossaryTerm {
  /** Stable id: "g:" and the English term's lower-case words joined by "-". */
  readonly id: string;
  /** Terms per language, the usual one first. */
  readonly labels: Readonly<Record<string, readonly string[]>>;
}

let terms: readonly GlossaryTerm[] | undefined;
let byId: ReadonlyMap<string, GlossaryTerm> | undefined;

function load(): readonly GlossaryTerm[] {
  if (terms !== undefined) return terms;
  const list: GlossaryTerm[] = [];
  const seen = new Map<string, Record<string, string[]>>();
  for (const rows of loadCuratedTables('glossary.').values()) {
    const [header, ...entries] = rows;
    if (header === undefined) continue;
    const langs = header.map((h) => h.trim().toLowerCase());
    for (const row of entries) {
      const labels: Record<string, string[]> = {};
      row.forEach((cell, i) => {
        const lang = langs[i];
        const values = cell
          .split('|')
          .map((v) => v.trim())
          .filter((v) => v !== '');
        if (lang !== undefined && values.length > 0) labels[lang] = values;
      });
      const english = labels.en?.[0];
      if (english === undefined) continue;
      const id = `g:${english.toLowerCase().split(/\s+/).join('-')}`;
      const known = seen.get(id);
      if (known !== undefined) {
        for (const [lang, values] of Object.entries(labels)) {
          const into = (known[lang] ??= []);
          for (const v of values) if (!into.includes(v)) into.push(v);
        }
        continue;
      }
      seen.set(id, labels);
      list.push({ id, labels });
    }
  }
  terms = list;
  return list;
}

export function glossaryTerms(): readonly GlossaryTerm[] {
  return load();
}

export function glossaryTerm(id: string): GlossaryTerm | undefined {
  byId ??= new Map(load().map((t) => [t.id, t]));
  return byId.get(id);
}
