// Builds the vocabulary files of data-bundled/vocab/ from the shared corpus (corpus/vocab/) and our curated tables
// (src/vocab/curated/): the UNESCO Thesaurus, ISCED 2011 levels, ISCED-F 2013 fields, the mapping of
// UNESCO concepts to ISCED-F fields, and the subject-scheme tables. Output is compact, deterministic JSON
// (same input, same bytes) plus data-bundled/vocab/README.md. The product reads only the JSON; Turtle is parsed
// here, at build time.
//   node --import tsx scripts/build-vocab.ts [SHARED_DIR] [--out DIR]
// SHARED_DIR defaults to ../shared beside the checkout, else /work/shared; DIR to data-bundled/vocab.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Parser, type Quad } from 'n3';
import { matchKey } from '../src/vocab/fold.js';
import {
  ISCED_2011_LEVEL_LABELS,
  ISCED_F_DETAILED_LABELS,
  ISCED_F_LABELS,
  type CuratedLabels,
  type CuratedLang,
} from '../src/vocab/curated/isced-labels.js';
import {
  ARXIV,
  ARXIV_ARCHIVE_NAMES,
  DDC,
  DESTATIS_FAECHERGRUPPE,
  DESTATIS_STUDIENBEREICH,
  DESTATIS_STUDIENFACH_ISCED97,
  DESTATIS_STUDIENFACH_OVERRIDES,
  ISCED97_TO_ISCED_F,
  OEH_DISCIPLINE,
  OER_COMMONS,
  UDC,
} from '../src/vocab/curated/schemes.js';
import { SUBJECT_TERMS, WEAK_FIELD_LABELS, WEAK_FIELD_NAMES_OF } from '../src/vocab/curated/subject-terms.js';
import {
  CONCEPT_FIELDS,
  MICRO_THESAURUS_FIELDS,
  type FieldRule,
} from '../src/vocab/curated/unesco-fields.js';
import type {
  FieldLabel,
  IscedField,
  IscedFieldsFile,
  IscedLevel,
  IscedLevelsFile,
  Labels,
  SubjectSchemesFile,
  UnescoConcept,
  UnescoFieldRule,
  UnescoFieldsFile,
  UnescoGroup,
  UnescoThesaurusFile,
  VocabHeader,
} from '../src/vocab/types.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const ISO_THES = 'http://purl.org/iso25964/skos-thes#';
const UNESCO_NS = 'http://vocabularies.unesco.org/thesaurus/';
const UNESCO_VOC = 'http://vocabularies.unesco.org/ontology#';
const UNESCO_LANGS = ['en', 'fr', 'es', 'ru', 'ar'];
const CURATED_LANGS: readonly CuratedLang[] = ['fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw'];
const GENERATED_BY = 'scripts/build-vocab.ts';

/** The files the build writes, in the order README.md lists them. */
export const VOCAB_FILES = [
  'unesco-thesaurus.json',
  'isced-2011.json',
  'isced-f-2013.json',
  'unesco-isced-f.json',
  'subject-schemes.json',
] as const;

export interface VocabBuild {
  /** File name -> exact content. */
  readonly files: ReadonlyMap<string, string>;
  /** What the build noticed (dropped labels, coverage), for the console. */
  readonly notes: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// RDF helpers

type Graph = Map<string, Map<string, Quad['object'][]>>;

function readTurtle(file: string): Graph {
  const quads = new Parser({ format: 'text/turtle' }).parse(readFileSync(file, 'utf8'));
  const graph: Graph = new Map();
  for (const q of quads) {
    let props = graph.get(q.subject.value);
    if (props === undefined) graph.set(q.subject.value, (props = new Map<string, Quad['object'][]>()));
    let values = props.get(q.predicate.value);
    if (values === undefined) props.set(q.predicate.value, (values = []));
    values.push(q.object);
  }
  return graph;
}

function objects(graph: Graph, subject: string, predicate: string): Quad['object'][] {
  return graph.get(subject)?.get(predicate) ?? [];
}

function iris(graph: Graph, subject: string, predicate: string): string[] {
  return objects(graph, subject, predicate)
    .filter((o) => o.termType === 'NamedNode')
    .map((o) => o.value);
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function literals(graph: Graph, subject: string, predicate: string): { lang: string; text: string }[] {
  return objects(graph, subject, predicate).flatMap((o) =>
    o.termType === 'Literal' && clean(o.value) !== '' ? [{ lang: o.language, text: clean(o.value) }] : [],
  );
}

function subjectsOfType(graph: Graph, type: string): string[] {
  const out: string[] = [];
  for (const [subject, props] of graph) {
    if ((props.get(RDF_TYPE) ?? []).some((o) => o.value === type)) out.push(subject);
  }
  return out;
}

/** Sorts keys so JSON output does not depend on insertion order. */
function sortedRecord<T>(
  entries: Iterable<[string, T]>,
  compare?: (a: string, b: string) => number,
): Record<string, T> {
  const list = [...entries].sort(([a], [b]) =>
    compare === undefined ? (a < b ? -1 : a > b ? 1 : 0) : compare(a, b),
  );
  return Object.fromEntries(list);
}

const byNumber = (a: string, b: string): number => {
  const na = Number(a.replace(/\D+/g, ''));
  const nb = Number(b.replace(/\D+/g, ''));
  return na !== nb ? na - nb : a < b ? -1 : a > b ? 1 : 0;
};

function labelsOf(list: { lang: string; text: string }[], langs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of langs) {
    const first = list.find((l) => l.lang === lang);
    if (first !== undefined) out[lang] = first.text;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Headers

const UNESCO_ATTRIBUTION =
  '© UNESCO. UNESCO Thesaurus, http://vocabularies.unesco.org/thesaurus, licensed under CC BY-SA 3.0 IGO ' +
  '(https://creativecommons.org/licenses/by-sa/3.0/igo/). Converted to JSON by OER Atlas.';

function header(title: string, extra: Omit<VocabHeader, 'title' | 'generatedBy'>): VocabHeader {
  return { title, ...extra, generatedBy: GENERATED_BY };
}

const KIM_VOCABS_EDU = {
  name: 'DINI AG KIM vocabs-edu (SKOS of ISCED 2011 / ISCED-F 2013)',
  url: 'https://github.com/dini-ag-kim/vocabs-edu',
  licence: 'CC0-1.0',
  attribution: 'ISCED content © UNESCO Institute for Statistics (UIS)',
};
const ESC = {
  name: 'OER World Map ESC (Educational Subjects Classification, an extension of ISCED-F 2013), German labels',
  url: 'https://github.com/hbz/oerworldmap',
  file: 'corpus/vocab/oerworldmap/esc-isced-f-2013.json',
  licence: 'Apache-2.0 (repository licence)',
};
const CURATED_NOTE =
  'Labels in the languages listed under "curated" of each entry were written for OER Atlas ' +
  '(src/vocab/curated/isced-labels.ts), after UNESCO translations of ISCED where known.';

// ---------------------------------------------------------------------------------------------------------
// UNESCO Thesaurus

interface Unesco {
  readonly file: UnescoThesaurusFile;
  readonly byId: ReadonlyMap<string, UnescoConcept>;
  readonly groupNotation: ReadonlyMap<string, string>;
}

function localName(uri: string): string {
  return uri.startsWith(UNESCO_NS) ? uri.slice(UNESCO_NS.length) : uri;
}

function buildUnesco(shared: string): Unesco {
  const file = path.join(shared, 'corpus/vocab/unesco-thesaurus.ttl');
  const graph = readTurtle(file);
  const scheme = 'http://vocabularies.unesco.org/thesaurus';
  const groups: UnescoGroup[] = [];
  const groupOf = new Map<string, string>();
  const groupNotation = new Map<string, string>();
  for (const [kind, type] of [
    ['domain', `${UNESCO_VOC}Domain`],
    ['microThesaurus', `${UNESCO_VOC}MicroThesaurus`],
  ] as const) {
    for (const uri of subjectsOfType(graph, type)) {
      const id = localName(uri);
      const notation = literals(graph, uri, `${SKOS}notation`)[0]?.text ?? '';
      const domain = iris(graph, uri, `${ISO_THES}superGroup`)[0];
      groups.push({
        id,
        kind,
        notation,
        prefLabel: labelsOf(literals(graph, uri, `${SKOS}prefLabel`), UNESCO_LANGS),
        ...(domain === undefined ? {} : { domain: localName(domain) }),
      });
      groupNotation.set(id, notation);
      if (kind === 'microThesaurus') {
        for (const member of iris(graph, uri, `${SKOS}member`)) groupOf.set(localName(member), id);
      }
    }
  }
  groups.sort((a, b) =>
    a.kind === b.kind ? byNumber(a.notation, b.notation) : a.kind === 'domain' ? -1 : 1,
  );

  const concepts: UnescoConcept[] = [];
  for (const uri of subjectsOfType(graph, `${SKOS}Concept`)) {
    if (!uri.startsWith(UNESCO_NS)) continue;
    const id = localName(uri);
    const prefLabel = labelsOf(literals(graph, uri, `${SKOS}prefLabel`), UNESCO_LANGS);
    const altLabel: Record<string, string[]> = {};
    for (const { lang, text } of literals(graph, uri, `${SKOS}altLabel`)) {
      if (!UNESCO_LANGS.includes(lang) || prefLabel[lang] === text) continue;
      const list = (altLabel[lang] ??= []);
      if (!list.includes(text)) list.push(text);
    }
    for (const list of Object.values(altLabel)) list.sort();
    const ids = (predicate: string): string[] =>
      [
        ...new Set(
          iris(graph, uri, predicate)
            .filter((u) => u.startsWith(UNESCO_NS))
            .map(localName),
        ),
      ].sort(byNumber);
    const broader = ids(`${SKOS}broader`);
    const related = ids(`${SKOS}related`);
    const group = groupOf.get(id);
    concepts.push({
      id,
      prefLabel,
      ...(Object.keys(altLabel).length === 0
        ? {}
        : { altLabel: sortedRecord(Object.entries(altLabel), langOrder) }),
      ...(broader.length === 0 ? {} : { broader }),
      ...(related.length === 0 ? {} : { related }),
      ...(group === undefined ? {} : { group }),
    });
  }
  concepts.sort((a, b) => byNumber(a.id, b.id));
  const modified = literals(graph, scheme, 'http://purl.org/dc/terms/modified')[0]?.text;
  const result: UnescoThesaurusFile = {
    header: header('UNESCO Thesaurus', {
      sources: [
        {
          name:
            'UNESCO Thesaurus (official SKOS export' +
            (modified === undefined ? ')' : `, modified ${modified})`),
          url: 'http://vocabularies.unesco.org/thesaurus',
          file: 'corpus/vocab/unesco-thesaurus.ttl',
          licence: 'CC BY-SA 3.0 IGO',
          attribution: UNESCO_ATTRIBUTION,
        },
      ],
      licence: 'CC BY-SA 3.0 IGO',
      attribution: UNESCO_ATTRIBUTION,
    }),
    namespace: UNESCO_NS,
    scheme,
    groups,
    concepts,
  };
  return { file: result, byId: new Map(concepts.map((c) => [c.id, c])), groupNotation };
}

function langOrder(a: string, b: string): number {
  const order = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw', 'de'];
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------
// ISCED 2011 and ISCED-F 2013

function withCurated(
  base: Record<string, string>,
  curated: CuratedLabels | undefined,
): { prefLabel: Labels; curated: string[] } {
  const labels: Record<string, string> = { ...base };
  const mine: string[] = [];
  for (const lang of CURATED_LANGS) {
    const text = curated?.[lang];
    if (text !== undefined && labels[lang] === undefined) {
      labels[lang] = text;
      mine.push(lang);
    }
  }
  return { prefLabel: sortedRecord(Object.entries(labels), langOrder), curated: mine };
}

function buildIscedLevels(shared: string): IscedLevelsFile {
  const graph = readTurtle(path.join(shared, 'corpus/vocab/isced/isced-2011.ttl'));
  const levels: IscedLevel[] = [];
  for (const uri of subjectsOfType(graph, `${SKOS}Concept`)) {
    const notation = literals(graph, uri, `${SKOS}notation`)[0]?.text ?? '';
    const code = notation.replace(/^ISCED-2011:/, '');
    if (!/^\d$/.test(code)) throw new Error(`isced-2011.ttl: unexpected notation ${notation}`);
    const { prefLabel, curated } = withCurated(
      labelsOf(literals(graph, uri, `${SKOS}prefLabel`), ['en', 'de']),
      ISCED_2011_LEVEL_LABELS[code],
    );
    levels.push({ code, uri, prefLabel, curated });
  }
  levels.sort((a, b) => byNumber(a.code, b.code));
  return {
    header: header('ISCED 2011 levels of education', {
      sources: [{ ...KIM_VOCABS_EDU, file: 'corpus/vocab/isced/isced-2011.ttl' }],
      licence: 'CC0-1.0 (source); curated labels CC0-1.0',
      attribution: 'ISCED 2011 © UNESCO Institute for Statistics (UIS)',
      curated: CURATED_NOTE,
    }),
    scheme: 'https://w3id.org/kim/isced-2011/scheme',
    levels,
  };
}

/** ESC German labels with known slips corrected (ESC gives 0313 "Psychology" the label of 0312). */
const ESC_DE_CORRECTIONS: Readonly<Record<string, string>> = { '0313': 'Psychologie' };

function escGermanLabels(shared: string): Map<string, string> {
  interface EscConcept {
    readonly notation?: readonly string[];
    readonly name?: readonly { readonly '@language'?: string; readonly '@value'?: string }[];
    readonly narrower?: readonly EscConcept[];
  }
  const json = JSON.parse(
    readFileSync(path.join(shared, 'corpus/vocab/oerworldmap/esc-isced-f-2013.json'), 'utf8'),
  ) as { hasTopConcept: EscConcept[] };
  const out = new Map<string, string>();
  const walk = (c: EscConcept): void => {
    const de = c.name?.find((n) => n['@language'] === 'de')?.['@value'];
    for (const code of c.notation ?? []) {
      if (/^\d{2,4}$/.test(code) && de !== undefined) out.set(code, clean(ESC_DE_CORRECTIONS[code] ?? de));
    }
    for (const n of c.narrower ?? []) walk(n);
  };
  for (const c of json.hasTopConcept) walk(c);
  return out;
}

function buildIscedFields(shared: string): IscedFieldsFile {
  const graph = readTurtle(path.join(shared, 'corpus/vocab/isced/isced-f-2013.ttl'));
  const german = escGermanLabels(shared);
  const byCode = new Map<string, { uri: string; en: string }>();
  for (const uri of subjectsOfType(graph, `${SKOS}Concept`)) {
    const en = labelsOf(literals(graph, uri, `${SKOS}prefLabel`), ['en']).en;
    if (en === undefined) throw new Error(`isced-f-2013.ttl: no English label for ${uri}`);
    // KIM collapses a level that has a single child into it: "n0421" carries notations 042 and 0421.
    for (const { text: code } of literals(graph, uri, `${SKOS}notation`)) {
      if (!/^\d{2,4}$/.test(code)) throw new Error(`isced-f-2013.ttl: unexpected notation ${code}`);
      byCode.set(code, { uri, en });
    }
  }
  const fields: IscedField[] = [];
  for (const [code, { uri, en }] of byCode) {
    const level = code.length === 2 ? 'broad' : code.length === 3 ? 'narrow' : 'detailed';
    const parent = code.length > 2 ? code.slice(0, code.length - 1) : undefined;
    if (parent !== undefined && !byCode.has(parent)) throw new Error(`ISCED-F ${code}: no parent ${parent}`);
    const base: Record<string, string> = { en };
    const de = german.get(code);
    if (de !== undefined) base['de'] = de;
    let curated = level === 'detailed' ? ISCED_F_DETAILED_LABELS[code] : ISCED_F_LABELS[code];
    // A detailed field that repeats its narrow field ("0421 Law" under "042 Law") shares its labels.
    if (level === 'detailed' && parent !== undefined && byCode.get(parent)?.en === en) {
      curated = { ...ISCED_F_LABELS[parent], ...curated };
    }
    if (level !== 'detailed' && curated === undefined) throw new Error(`ISCED-F ${code}: no curated labels`);
    const labels = withCurated(base, curated);
    fields.push({ code, level, ...(parent === undefined ? {} : { parent }), uri, ...labels });
  }
  fields.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    header: header('ISCED-F 2013 fields of education and training', {
      sources: [{ ...KIM_VOCABS_EDU, file: 'corpus/vocab/isced/isced-f-2013.ttl' }, ESC],
      licence: 'CC0-1.0 (KIM source); German labels from ESC (Apache-2.0); curated labels CC0-1.0',
      attribution: 'ISCED-F 2013 © UNESCO Institute for Statistics (UIS)',
      curated: CURATED_NOTE,
    }),
    scheme: 'https://w3id.org/kim/isced-2013/scheme',
    fields,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Names of fields: ISCED-F labels, curated subject terms, OpenEduHub disciplines, OERSI mapping tables

interface NamedField {
  readonly label: string;
  readonly field: string;
  readonly source: string;
  readonly priority: number;
}

function isAncestor(a: string, b: string): boolean {
  return a.length < b.length && b.startsWith(a);
}

/** The one field a set of candidate fields amounts to: the most specific if they nest, else none. */
function resolveFields(fields: readonly string[]): string | null {
  const unique = [...new Set(fields)];
  const specific = unique.filter((f) => !unique.some((g) => isAncestor(f, g)));
  return specific.length === 1 ? (specific[0] ?? null) : null;
}

function destatisField(code: string): string | null | undefined {
  if (code.length === 3) {
    if (code in DESTATIS_STUDIENFACH_OVERRIDES) return DESTATIS_STUDIENFACH_OVERRIDES[code];
    const isced97 = destatisIsced97().get(code);
    return isced97 === undefined ? undefined : ISCED97_TO_ISCED_F[isced97];
  }
  if (code.length === 2) return DESTATIS_STUDIENBEREICH[code];
  if (code.length === 1) return DESTATIS_FAECHERGRUPPE[code];
  return undefined;
}

let isced97Cache: Map<string, string> | undefined;
function destatisIsced97(): Map<string, string> {
  isced97Cache ??= new Map(
    DESTATIS_STUDIENFACH_ISCED97.split(' ').map((pair) => {
      const [code, field] = pair.split(':');
      if (code === undefined || field === undefined) throw new Error(`bad Destatis pair ${pair}`);
      return [code, field];
    }),
  );
  return isced97Cache;
}

/** Destatis URI ending ("n079", "n0128" written with a stray zero) -> code. */
function destatisCode(uri: string): string | null {
  const m = /\/n(\d{1,4})$/.exec(uri.trim());
  if (m?.[1] === undefined) return null;
  const digits = m[1];
  return digits.length === 4 && digits.startsWith('0')
    ? digits.slice(1)
    : digits.length === 4
      ? null
      : digits;
}

function namedFields(shared: string, fields: IscedFieldsFile, notes: string[]): FieldLabel[] {
  const known = new Set(fields.fields.map((f) => f.code));
  const named: NamedField[] = [];
  const add = (label: string, field: string | null | undefined, source: string, priority: number): void => {
    if (field === null || field === undefined) return;
    if (!known.has(field)) throw new Error(`${source}: unknown ISCED-F field ${field} for ${label}`);
    if (matchKey(label) === '') return;
    // Course and programme codes of the mapping tables ("PHD", "TCB") are not names.
    if (priority > 2 && /^[A-Z0-9]{2,5}$/.test(label.trim())) return;
    named.push({ label: clean(label), field, source, priority });
  };
  for (const [field, terms] of Object.entries(SUBJECT_TERMS))
    for (const t of terms) add(t, field, 'curated', 1);
  for (const f of fields.fields)
    for (const text of Object.values(f.prefLabel)) add(text, f.code, 'isced-f', 2);

  const oeh = readTurtle(path.join(shared, 'corpus/vocab/openeduhub/discipline.ttl'));
  for (const uri of subjectsOfType(oeh, `${SKOS}Concept`)) {
    const id = uri.slice(uri.lastIndexOf('/') + 1);
    if (!(id in OEH_DISCIPLINE))
      throw new Error(`OpenEduHub discipline ${id} has no entry in OEH_DISCIPLINE`);
    for (const p of ['prefLabel', 'altLabel']) {
      // A school subject "English" is language acquisition (0231), but the word names a language (023).
      const field = OEH_DISCIPLINE[id] === '0231' ? '023' : OEH_DISCIPLINE[id];
      for (const { text } of literals(oeh, uri, `${SKOS}${p}`)) add(text, field, 'openeduhub', 3);
    }
  }
  for (const name of ['hoou-subject-mapping.tsv', 'openStax2Destatis.tsv', 'tuDelftSubjects2destatis.tsv']) {
    const text = readFileSync(path.join(shared, 'corpus/vocab/mappings-oersi', name), 'utf8');
    for (const line of text.split(/\r?\n/)) {
      const [label, uri] = line.split('\t');
      if (label === undefined || uri === undefined || uri.trim() === '') continue;
      const code = destatisCode(uri);
      if (code === null) continue;
      add(label, destatisField(code), 'oersi', 4);
    }
  }

  const byKey = new Map<string, NamedField[]>();
  for (const n of named) {
    const key = matchKey(n.label);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [n]);
    else list.push(n);
  }
  const weakKeys = new Set(WEAK_FIELD_LABELS.map(matchKey));
  const out: FieldLabel[] = [];
  for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const best = Math.min(...list.map((n) => n.priority));
    const top = list.filter((n) => n.priority === best);
    const field = resolveFields(top.map((n) => n.field));
    if (field === null) {
      notes.push(
        `label "${key}" names several fields (${[...new Set(top.map((n) => n.field))].join(', ')}): dropped`,
      );
      continue;
    }
    const first = top.find((n) => n.field === field) ?? top[0];
    if (first === undefined) continue;
    const weak =
      field.length === 2 ||
      weakKeys.has(key) ||
      (first.source === 'isced-f' && WEAK_FIELD_NAMES_OF.includes(field))
        ? 1
        : 0;
    out.push([first.label, field, weak, first.source]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// UNESCO concept -> ISCED-F field

/** Parts of ISCED-F labels ("Personal skills and development") that name no discipline on their own. */
const PART_STOPLIST = new Set([
  'administration',
  'analysis',
  'beauty services',
  'biological',
  'building',
  'construction',
  'crop',
  'development',
  'electricity',
  'energy',
  'generic programmes',
  'hair',
  'information',
  'interior',
  'manufacturing',
  'medical diagnostic',
  'processes',
  'processing',
  'property',
  'protection of persons',
  'qualifications',
  'related sciences',
  'reporting',
  'safety',
  'traditional',
  'youth services',
]);

/** Words that make a discipline's name the name of its teaching ("Chemistry education"). */
const TEACHING_WORDS = new Set(['education', 'instruction', 'teaching', 'training', 'studies'].map(matchKey));

function fieldNameIndex(fields: IscedFieldsFile): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (label: string, field: string): void => {
    const key = matchKey(label);
    if (key === '') return;
    let set = index.get(key);
    if (set === undefined) index.set(key, (set = new Set()));
    set.add(field);
  };
  for (const f of fields.fields) {
    const en = f.prefLabel['en'];
    if (en === undefined) continue;
    add(en, f.code);
    if (!en.includes('(')) {
      for (const part of en.split(/, | and /)) {
        if (!part.startsWith('of ') && !PART_STOPLIST.has(part.toLowerCase())) add(part, f.code);
      }
    }
  }
  for (const [field, terms] of Object.entries(SUBJECT_TERMS)) for (const t of terms) add(t, field);
  // A name of nested fields ("Law": 042 and 0421) names the most specific.
  const out = new Map<string, Set<string>>();
  for (const [key, set] of index) {
    const one = resolveFields([...set]);
    if (one !== null) out.set(key, new Set([one]));
  }
  return out;
}

function buildUnescoFields(unesco: Unesco, fields: IscedFieldsFile, notes: string[]): UnescoFieldsFile {
  const known = new Set(fields.fields.map((f) => f.code));
  const check = (field: string | null, where: string): void => {
    if (field !== null && !known.has(field)) throw new Error(`${where}: unknown ISCED-F field ${field}`);
  };
  const byEnglish = new Map<string, string>();
  for (const c of unesco.file.concepts) {
    const en = c.prefLabel['en'];
    if (en !== undefined) byEnglish.set(en, c.id);
  }
  const groupRule = (c: UnescoConcept): FieldRule | undefined => {
    const notation = c.group === undefined ? undefined : unesco.groupNotation.get(c.group);
    return notation === undefined ? undefined : MICRO_THESAURUS_FIELDS[notation];
  };
  for (const [notation, rule] of Object.entries(MICRO_THESAURUS_FIELDS))
    check(rule.field, `micro-thesaurus ${notation}`);

  const assigned = new Map<string, { field: string | null; weak: boolean; rule: UnescoFieldRule }>();
  // 1. Curated.
  for (const [label, rule] of Object.entries(CONCEPT_FIELDS)) {
    const id = byEnglish.get(label);
    if (id === undefined) throw new Error(`CONCEPT_FIELDS: no UNESCO concept "${label}"`);
    check(rule.field, `CONCEPT_FIELDS ${label}`);
    assigned.set(id, { field: rule.field, weak: rule.weak === true, rule: 'c' });
  }
  // 2. Anchors: a label that is the name of one field.
  const names = fieldNameIndex(fields);
  for (const c of unesco.file.concepts) {
    if (assigned.has(c.id)) continue;
    const group = groupRule(c);
    const candidates = new Set<string>();
    const labels = [...Object.values(c.prefLabel), ...Object.values(c.altLabel ?? {}).flat()];
    for (const label of labels) {
      for (const f of names.get(matchKey(label)) ?? []) candidates.add(f);
      // "Chemistry education", "History teaching": the discipline taught.
      const tokens = matchKey(label).split(' ');
      const last = tokens[tokens.length - 1];
      if (tokens.length > 1 && last !== undefined && TEACHING_WORDS.has(last)) {
        for (const f of names.get(tokens.slice(0, -1).join(' ')) ?? []) candidates.add(f);
      }
    }
    const field = resolveFields([...candidates]);
    if (field === null) continue;
    const groupField = group?.field;
    if (
      groupField !== null &&
      groupField !== undefined &&
      group?.weak !== true &&
      groupField.slice(0, 2) !== field.slice(0, 2)
    ) {
      notes.push(
        `anchor skipped: "${c.prefLabel['en'] ?? c.id}" names ${field}, its micro-thesaurus says ${groupField}`,
      );
      continue;
    }
    assigned.set(c.id, { field, weak: false, rule: 'a' });
  }
  // 3. Inheritance from the nearest broader concept with a strong field of its own; 4. group default.
  const fieldsOut: [string, string][] = [];
  const rulesOut: [string, UnescoFieldRule][] = [];
  const weak: string[] = [];
  const coverage: Record<string, number> = {
    concepts: unesco.file.concepts.length,
    c: 0,
    a: 0,
    i: 0,
    g: 0,
    none: 0,
    weak: 0,
  };
  const inherited = (c: UnescoConcept): { field: string; curated: boolean } | null => {
    const seen = new Set<string>([c.id]);
    let frontier = c.broader ?? [];
    while (frontier.length > 0) {
      const sources = frontier
        .map((id) => assigned.get(id))
        .filter((a) => a !== undefined && a.field !== null && !a.weak && a.rule !== 'i');
      const found = sources.map((a) => a?.field ?? '');
      const one = resolveFields(found);
      if (one !== null) return { field: one, curated: sources.every((a) => a?.rule === 'c') };
      if (found.length > 0) return null;
      const next: string[] = [];
      for (const id of frontier) {
        for (const b of unesco.byId.get(id)?.broader ?? []) {
          if (seen.has(b)) continue;
          seen.add(b);
          next.push(b);
        }
      }
      frontier = next;
    }
    return null;
  };
  for (const c of unesco.file.concepts) {
    let a = assigned.get(c.id);
    const group = groupRule(c);
    if (a === undefined) {
      const fromBroader = inherited(c);
      const groupField = group?.field ?? null;
      const groupWeak = group?.weak === true;
      // A curated broader concept is followed everywhere ("Energy resources" -> 0713 takes "Wind power" along);
      // an anchored one only within the broad field of the concept's micro-thesaurus.
      if (
        fromBroader !== null &&
        (fromBroader.curated ||
          groupField === null ||
          groupWeak ||
          groupField.slice(0, 2) === fromBroader.field.slice(0, 2))
      ) {
        a = { field: fromBroader.field, weak: false, rule: 'i' };
      } else if (groupField !== null) {
        a = { field: groupField, weak: groupWeak, rule: 'g' };
      }
    }
    if (a === undefined || a.field === null) {
      coverage['none'] = (coverage['none'] ?? 0) + 1;
      continue;
    }
    fieldsOut.push([c.id, a.field]);
    rulesOut.push([c.id, a.rule]);
    coverage[a.rule] = (coverage[a.rule] ?? 0) + 1;
    if (a.weak) {
      weak.push(c.id);
      coverage['weak'] = (coverage['weak'] ?? 0) + 1;
    }
  }
  notes.push(`UNESCO -> ISCED-F: ${JSON.stringify(coverage)}`);
  return {
    header: header('UNESCO Thesaurus concepts -> ISCED-F 2013 fields', {
      sources: [
        {
          name: 'UNESCO Thesaurus (concept ids and hierarchy)',
          url: 'http://vocabularies.unesco.org/thesaurus',
          licence: 'CC BY-SA 3.0 IGO',
          attribution: UNESCO_ATTRIBUTION,
        },
      ],
      licence: 'CC BY-SA 3.0 IGO (derived from the UNESCO Thesaurus); the mapping rules are ours',
      attribution: UNESCO_ATTRIBUTION,
      curated: 'Rules in src/vocab/curated/unesco-fields.ts and subject-terms.ts.',
    }),
    method: [
      'c: curated field for the concept (src/vocab/curated/unesco-fields.ts CONCEPT_FIELDS)',
      'a: a label of the concept (any language) is the name of exactly one ISCED-F field, unless the micro-thesaurus points to another broad field',
      'i: inherited from the nearest broader concept with a strong field of its own (rules c or a)',
      'g: default field of the concept’s micro-thesaurus (MICRO_THESAURUS_FIELDS)',
      'weak: the field counts for a record only when no strong field is found',
    ],
    coverage: sortedRecord(Object.entries(coverage)),
    fields: sortedRecord(fieldsOut, byNumber),
    rules: sortedRecord(rulesOut, byNumber),
    weak: weak.sort(byNumber),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Subject schemes

function buildSubjectSchemes(shared: string, fields: IscedFieldsFile, notes: string[]): SubjectSchemesFile {
  const known = new Set(fields.fields.map((f) => f.code));
  const checked = <T extends string | null>(
    table: Readonly<Record<string, T>>,
    name: string,
  ): Record<string, T> => {
    for (const [code, field] of Object.entries(table)) {
      if (field !== null && !known.has(field))
        throw new Error(`${name} ${code}: unknown ISCED-F field ${field}`);
    }
    return sortedRecord(Object.entries(table));
  };
  const studienfach: [string, string | null][] = [];
  for (const code of destatisIsced97().keys()) {
    const field = destatisField(code);
    if (field === undefined) throw new Error(`Destatis ${code}: ISCED 1997 field without ISCED-F`);
    studienfach.push([code, field]);
  }
  for (const code of Object.keys(DESTATIS_STUDIENFACH_OVERRIDES)) {
    if (!destatisIsced97().has(code)) throw new Error(`Destatis override ${code}: no such Studienfach`);
  }
  return {
    header: header('Subject classification schemes -> ISCED-F 2013 fields', {
      sources: [
        {
          name: 'Destatis Systematik der Fächergruppen, Studienbereiche und Studienfächer (codes and Destatis’ ISCED 1997 fields only)',
          url: 'https://github.com/dini-ag-kim/hochschulfaechersystematik',
          licence: 'facts (codes); no labels shipped',
        },
        {
          name: 'OpenEduHub discipline vocabulary (labels)',
          url: 'https://github.com/openeduhub/oeh-metadata-vocabs',
          file: 'corpus/vocab/openeduhub/discipline.ttl',
          licence: 'CC0-1.0',
        },
        {
          name: 'OERSI subject mapping tables (HOOU, OpenStax, TU Delft -> Destatis; labels)',
          url: 'https://github.com/TIBHannover/oersi-etl',
          file: 'corpus/vocab/mappings-oersi/',
          licence: 'MIT (hbz NRW / OER 2020)',
        },
        { ...ESC, name: 'ISCED-F labels as listed in isced-f-2013.json' },
      ],
      licence: 'CC0-1.0 for our tables; labels keep their sources’ licences (CC0-1.0, MIT)',
      curated: 'Tables in src/vocab/curated/schemes.ts and subject-terms.ts.',
    }),
    destatis: {
      uriPrefixes: [
        'https://w3id.org/kim/hochschulfaechersystematik/',
        'http://w3id.org/kim/hochschulfaechersystematik/',
      ],
      studienfach: checked(sortedRecord(studienfach), 'Destatis Studienfach'),
      studienbereich: checked(DESTATIS_STUDIENBEREICH, 'Destatis Studienbereich'),
      faechergruppe: checked(DESTATIS_FAECHERGRUPPE, 'Destatis Fächergruppe'),
    },
    oeh: {
      uriPrefixes: [
        'http://w3id.org/openeduhub/vocabs/discipline/',
        'https://w3id.org/openeduhub/vocabs/discipline/',
      ],
      codes: checked(OEH_DISCIPLINE, 'OEH discipline'),
    },
    iscedUriPrefixes: [
      'https://w3id.org/kim/isced-2013/n',
      'http://w3id.org/kim/isced-2013/n',
      'https://w3id.org/class/esc/n',
      'http://w3id.org/class/esc/n',
    ],
    arxiv: checked(ARXIV, 'arXiv'),
    arxivNames: sortedRecord(Object.entries(ARXIV_ARCHIVE_NAMES)),
    ddc: checked(DDC, 'DDC'),
    udc: checked(UDC, 'UDC'),
    oerCommons: checked(OER_COMMONS, 'OER Commons'),
    labels: namedFields(shared, fields, notes),
  };
}

// ---------------------------------------------------------------------------------------------------------
// README

function readme(files: ReadonlyMap<string, string>): string {
  const size = (name: string): string => `${Math.round(Buffer.byteLength(files.get(name) ?? '') / 1024)} KB`;
  const { coverage } = JSON.parse(files.get('unesco-isced-f.json') ?? '{}') as Partial<UnescoFieldsFile>;
  const count = (key: string): number => coverage?.[key] ?? 0;
  const total = count('concepts');
  const mapped = total - count('none');
  const percent = (n: number): string => `${total === 0 ? 0 : Math.round((100 * n) / total)}%`;
  return `# data-bundled/vocab — vocabularies shipped with OER Atlas

Generated by \`scripts/build-vocab.ts\` from the shared corpus (\`corpus/vocab/\`) and our curated tables
(\`src/vocab/curated/\`). Do not edit by hand: rebuild with

\`\`\`sh
node --import tsx scripts/build-vocab.ts [/path/to/shared]   # default: ../shared beside the checkout, else /work/shared
\`\`\`

The output is deterministic (the same input gives the same bytes); \`test/vocab/build.test.ts\` rebuilds into a
temporary folder when the shared corpus is present and fails if these files are out of step.
The product reads only these JSON files (\`src/vocab/load.ts\`), never Turtle.

| file | size | what | source | licence |
|---|---:|---|---|---|
| \`unesco-thesaurus.json\` | ${size('unesco-thesaurus.json')} | every UNESCO Thesaurus concept: preferred and alternative labels (en, fr, es, ru, ar), broader and related concepts, micro-thesaurus; the 7 domains and 88 micro-thesauri | UNESCO Thesaurus, official SKOS export (\`corpus/vocab/unesco-thesaurus.ttl\`) | **CC BY-SA 3.0 IGO, © UNESCO** — keep the attribution: ${UNESCO_ATTRIBUTION} |
| \`isced-2011.json\` | ${size('isced-2011.json')} | ISCED 2011 levels 0–9 with labels in en, fr, es, ar, zh, ru, pt, sw (+ de) | DINI AG KIM vocabs-edu \`isced-2011.ttl\` (en, de); other languages curated by us | CC0-1.0; ISCED © UNESCO-UIS |
| \`isced-f-2013.json\` | ${size('isced-f-2013.json')} | ISCED-F 2013 broad, narrow and detailed fields, all labelled in the eight UI languages (and de) | DINI AG KIM vocabs-edu \`isced-2013.ttl\` (en); German from the OER World Map ESC file (Apache-2.0); other languages curated by us | CC0-1.0; ISCED-F © UNESCO-UIS |
| \`unesco-isced-f.json\` | ${size('unesco-isced-f.json')} | the ISCED-F field of each UNESCO concept, the rule that gave it, weak flags and coverage | derived from the UNESCO Thesaurus with our rules (\`src/vocab/curated/unesco-fields.ts\`) | CC BY-SA 3.0 IGO (derived), © UNESCO |
| \`subject-schemes.json\` | ${size('subject-schemes.json')} | tables from subject schemes to ISCED-F: Destatis Hochschulfächersystematik codes, OpenEduHub disciplines, arXiv, Dewey, UDC, OER Commons subjects; names of fields (curated, OpenEduHub, OERSI mapping labels) | our tables (\`src/vocab/curated/schemes.ts\`, \`subject-terms.ts\`); Destatis codes with Destatis' own ISCED 1997 fields; OpenEduHub \`discipline.ttl\` labels (CC0-1.0); OERSI mapping tables (MIT) | CC0-1.0 for our tables; labels keep their licences |

Curated content is marked: ISCED entries list their curated languages in \`curated\`; UNESCO field rules
say where each field came from (\`rules\`: c curated, a anchor, i inherited, g micro-thesaurus default).

Coverage of the UNESCO -> ISCED-F mapping: ${mapped} of ${total} concepts (${percent(mapped)}) have a field:
${count('c')} curated, ${count('a')} anchored (a label names the field), ${count('i')} inherited from a broader concept,
${count('g')} from their micro-thesaurus; ${count('weak')} of them are weak (generic concepts such as "Education",
"Students", "Culture": a record's field only when nothing stronger is found). ${count('none')} concepts have no field
on purpose: countries and country groups, methods and research management, document types, equipment.
The Destatis scheme's labels are not shipped (its SKOS file declares a closed licence); only its codes.
`;
}

// ---------------------------------------------------------------------------------------------------------

/** Builds every file from the shared folder; throws when an input is missing or a table is inconsistent. */
export function buildVocab(shared: string): VocabBuild {
  const notes: string[] = [];
  const unesco = buildUnesco(shared);
  const levels = buildIscedLevels(shared);
  const fields = buildIscedFields(shared);
  const unescoFields = buildUnescoFields(unesco, fields, notes);
  const schemes = buildSubjectSchemes(shared, fields, notes);
  const files = new Map<string, string>([
    ['unesco-thesaurus.json', JSON.stringify(unesco.file)],
    ['isced-2011.json', JSON.stringify(levels)],
    ['isced-f-2013.json', JSON.stringify(fields)],
    ['unesco-isced-f.json', JSON.stringify(unescoFields)],
    ['subject-schemes.json', JSON.stringify(schemes)],
  ]);
  files.set('README.md', readme(files));
  return { files, notes };
}

export function writeVocab(build: VocabBuild, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of build.files) writeFileSync(path.join(outDir, name), content);
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function defaultSharedDir(): string {
  const beside = path.resolve(REPO_ROOT, '../shared');
  return [beside, '/work/shared'].find((dir) => existsSync(path.join(dir, 'corpus/vocab'))) ?? beside;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const positional = args.filter((_, i) => i !== outAt && i !== outAt + 1);
  const shared = positional[0] ?? defaultSharedDir();
  const started = Date.now();
  const build = buildVocab(shared);
  const outDir = out ?? path.join(REPO_ROOT, 'data-bundled/vocab');
  writeVocab(build, outDir);
  for (const note of build.notes) process.stdout.write(`${note}\n`);
  for (const [name, content] of build.files) {
    process.stdout.write(`${name}: ${Buffer.byteLength(content)} bytes\n`);
  }
  process.stdout.write(`built ${outDir} from ${shared} in ${Date.now() - started} ms\n`);
}
