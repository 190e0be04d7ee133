// Shapes of the vocabulary files in data-bundled/vocab/ (written by scripts/build-vocab.ts, read by the loader in
// src/vocab/load.ts). Types only.

/** Where a file's data comes from, under which licence, and the attribution it requires. */
export interface VocabHeader {
  readonly title: string;
  readonly sources: readonly {
    readonly name: string;
    readonly url: string;
    readonly file?: string;
    readonly licence: string;
    readonly attribution?: string;
  }[];
  readonly licence: string;
  readonly attribution?: string;
  readonly curated?: string;
  readonly generatedBy: string;
}

/** Labels per language; alternative labels are lists. */
export type Labels = Readonly<Record<string, string>>;
export type LabelLists = Readonly<Record<string, readonly string[]>>;

export interface UnescoGroup {
  readonly id: string;
  readonly kind: 'domain' | 'microThesaurus';
  readonly notation: string;
  readonly prefLabel: Labels;
  /** The domain of a micro-thesaurus. */
  readonly domain?: string;
}

export interface UnescoConcept {
  /** Local name, e.g. "concept10"; the URI is the file's namespace + id. */
  readonly id: string;
  readonly prefLabel: Labels;
  readonly altLabel?: LabelLists;
  readonly broader?: readonly string[];
  readonly related?: readonly string[];
  /** The micro-thesaurus the concept belongs to. */
  readonly group?: string;
  /** Languages whose labels are ours (data-bundled/vocab/curated/), not the thesaurus's. */
  readonly curated?: readonly string[];
}

export interface UnescoThesaurusFile {
  readonly header: VocabHeader;
  readonly namespace: string;
  readonly scheme: string;
  readonly groups: readonly UnescoGroup[];
  readonly concepts: readonly UnescoConcept[];
}

export interface IscedLevel {
  readonly code: string;
  readonly uri: string;
  readonly prefLabel: Labels;
  /** Languages whose label is ours (curated), not from the source file. */
  readonly curated: readonly string[];
}

export interface IscedLevelsFile {
  readonly header: VocabHeader;
  readonly scheme: string;
  readonly levels: readonly IscedLevel[];
}

export type IscedFieldLevel = 'broad' | 'narrow' | 'detailed';

export interface IscedField {
  readonly code: string;
  readonly level: IscedFieldLevel;
  readonly parent?: string;
  readonly uri: string;
  readonly prefLabel: Labels;
  readonly curated: readonly string[];
}

export interface IscedFieldsFile {
  readonly header: VocabHeader;
  readonly scheme: string;
  readonly fields: readonly IscedField[];
}

/** How a UNESCO concept got its field: c curated, a anchor (label names a field), i inherited, g group default. */
export type UnescoFieldRule = 'c' | 'a' | 'i' | 'g';

export interface UnescoFieldsFile {
  readonly header: VocabHeader;
  readonly method: readonly string[];
  readonly coverage: Readonly<Record<string, number>>;
  /** Concept local name -> ISCED-F code. Concepts without a field are absent. */
  readonly fields: Readonly<Record<string, string>>;
  readonly rules: Readonly<Record<string, UnescoFieldRule>>;
  /** Concepts whose field only counts when nothing stronger is found. */
  readonly weak: readonly string[];
}

/** A label that names an ISCED-F field: [label, field code, weak (1) or not (0), source]. */
export type FieldLabel = readonly [string, string, 0 | 1, string];

export interface SubjectSchemesFile {
  readonly header: VocabHeader;
  readonly destatis: {
    readonly uriPrefixes: readonly string[];
    readonly studienfach: Readonly<Record<string, string | null>>;
    readonly studienbereich: Readonly<Record<string, string | null>>;
    readonly faechergruppe: Readonly<Record<string, string | null>>;
  };
  readonly oeh: {
    readonly uriPrefixes: readonly string[];
    readonly codes: Readonly<Record<string, string | null>>;
  };
  readonly iscedUriPrefixes: readonly string[];
  readonly arxiv: Readonly<Record<string, string>>;
  readonly arxivNames: Readonly<Record<string, string>>;
  readonly ddc: Readonly<Record<string, string | null>>;
  readonly udc: Readonly<Record<string, string | null>>;
  readonly oerCommons: Readonly<Record<string, string | null>>;
  /** Extra labels of ISCED-F fields: curated names, OpenEduHub discipline labels, OERSI mapping labels. */
  readonly labels: readonly FieldLabel[];
}
