// Which CSV column feeds which profile field. A source may say it (`settings.columns`: field -> column
// name, or a list of column names whose values are joined); otherwise columns are recognized by their
// header in English, German, French, Spanish, Portuguese and Dutch ("Title", "Titel", "Titre", "Título"...),
// compared without case, accents, spaces or punctuation. Pure; never performs I/O.
import { AtlasError } from '../../domain/errors.js';

export const CSV_FIELDS = [
  'id',
  'name',
  'description',
  'url',
  'license',
  'inLanguage',
  'keywords',
  'creator',
  'contributor',
  'publisher',
  'learningResourceType',
  'educationalLevel',
  'audience',
  'about',
  'datePublished',
  'dateCreated',
  'dateModified',
  'image',
  'duration',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Field -> the columns (header names as they appear in the file) it is read from, in order. */
export type ColumnMapping = Readonly<Partial<Record<CsvField, readonly string[]>>>;

const DEFAULT_HEADERS: Readonly<Record<CsvField, readonly string[]>> = {
  id: ['id', 'identifier', 'recordid', 'identifiant', 'identificador', 'kennung'],
  name: ['title', 'name', 'titel', 'titre', 'titulo', 'nome', 'naam', 'resourcetitle', 'resourcename'],
  description: [
    'description',
    'abstract',
    'summary',
    'beschreibung',
    'kurzbeschreibung',
    'zusammenfassung',
    'descripcion',
    'descricao',
    'resumen',
    'resumo',
    'resume',
    'omschrijving',
    'beschrijving',
    'overview',
    'teacheroverview',
    'courseoverview',
    'resourcedescription',
  ],
  url: ['url', 'link', 'uri', 'landingpage', 'webpage', 'href', 'enlace', 'lien', 'weblink', 'resourceurl'],
  license: [
    'license',
    'licence',
    'licenseurl',
    'licenceurl',
    'licensetitle',
    'licensename',
    'lizenz',
    'licencia',
    'licenca',
    'licentie',
    'rights',
    'droits',
    'derechos',
    'direitos',
  ],
  inLanguage: [
    'language',
    'languages',
    'lang',
    'inlanguage',
    'sprache',
    'idioma',
    'langue',
    'lingua',
    'taal',
  ],
  keywords: [
    'keywords',
    'keyword',
    'tags',
    'tag',
    'subject',
    'subjects',
    'schlagworter',
    'schlagwort',
    'stichworter',
    'palabrasclave',
    'palavraschave',
    'motscles',
    'motcle',
    'etiquetas',
    'trefwoorden',
  ],
  creator: [
    'author',
    'authors',
    'creator',
    'creators',
    'autor',
    'autoren',
    'autores',
    'auteur',
    'auteurs',
    'urheber',
  ],
  contributor: ['contributor', 'contributors', 'mitwirkende', 'colaborador', 'colaboradores', 'contributeur'],
  publisher: [
    'publisher',
    'provider',
    'verlag',
    'herausgeber',
    'anbieter',
    'editorial',
    'editeur',
    'editora',
    'uitgever',
  ],
  learningResourceType: [
    'type',
    'resourcetype',
    'learningresourcetype',
    'materialtype',
    'materialtypes',
    'typ',
    'tipo',
    'lernressourcentyp',
    'medientyp',
  ],
  educationalLevel: [
    'level',
    'educationallevel',
    'gradelevel',
    'gradelevels',
    'grade',
    'bildungsstufe',
    'bildungsbereich',
    'stufe',
    'nivel',
    'niveau',
    'niveleducativo',
    'educationallevels',
    'gradesublevels',
    'gradesublevel',
  ],
  audience: [
    'audience',
    'intendedaudience',
    'primaryuser',
    'primaryusers',
    'zielgruppe',
    'publico',
    'publicocible',
    'doelgroep',
  ],
  about: [],
  datePublished: [
    'date',
    'datepublished',
    'published',
    'publicationdate',
    'pubdate',
    'datum',
    'fecha',
    'erscheinungsdatum',
  ],
  dateCreated: ['datecreated', 'created', 'createdate', 'creationdate', 'erstellt'],
  dateModified: ['datemodified', 'modified', 'lastmodified', 'updated', 'geandert', 'aktualisiert'],
  image: ['image', 'thumbnail', 'thumbnailurl', 'vorschaubild', 'bild', 'imagen', 'imagem'],
  duration: ['duration', 'dauer', 'duracion', 'duree', 'duracao'],
};

/** A header reduced for comparison: lower case, no accents, only letters and digits. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function isField(value: string): value is CsvField {
  return (CSV_FIELDS as readonly string[]).includes(value);
}

/**
 * Checks a `settings.columns` value: an object from profile field to a column name or a list of them.
 * Throws AtlasError `invalid_parameter` naming every problem.
 */
export function readColumnSetting(value: unknown): ColumnMapping | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AtlasError(
      'invalid_parameter',
      'settings.columns must be an object from profile field to column name.',
      {
        details: { setting: 'columns' },
      },
    );
  }
  const problems: string[] = [];
  const mapping: Partial<Record<CsvField, string[]>> = {};
  for (const [field, columns] of Object.entries(value)) {
    if (!isField(field)) {
      problems.push(`"${field}" is not a field a CSV column can fill (one of: ${CSV_FIELDS.join(', ')})`);
      continue;
    }
    const list: unknown[] = Array.isArray(columns) ? columns : [columns];
    if (list.length === 0 || !list.every((c) => typeof c === 'string' && c.trim() !== '')) {
      problems.push(`the column of "${field}" must be a column name or a list of column names`);
      continue;
    }
    mapping[field] = list as string[];
  }
  if (problems.length > 0) {
    throw new AtlasError('invalid_parameter', `settings.columns is not usable: ${problems.join('; ')}.`, {
      details: { setting: 'columns', problems },
    });
  }
  return mapping;
}

/**
 * The mapping for a file with these headers: the configured one (column names matched exactly, then
 * without case and punctuation), else every column recognized by its header.
 */
export function resolveColumns(headers: readonly string[], configured: ColumnMapping | null): ColumnMapping {
  const byKey = new Map<string, string>();
  for (const h of headers) if (!byKey.has(headerKey(h))) byKey.set(headerKey(h), h);
  if (configured !== null) {
    const out: Partial<Record<CsvField, string[]>> = {};
    for (const field of CSV_FIELDS) {
      const wanted = configured[field];
      if (wanted === undefined) continue;
      const found = wanted
        .map((c) => (headers.includes(c) ? c : byKey.get(headerKey(c))))
        .filter((c): c is string => c !== undefined);
      if (found.length > 0) out[field] = found;
    }
    return out;
  }
  const out: Partial<Record<CsvField, string[]>> = {};
  const used = new Set<string>();
  for (const field of CSV_FIELDS) {
    const found: string[] = [];
    for (const key of DEFAULT_HEADERS[field]) {
      const header = byKey.get(key);
      if (header !== undefined && !used.has(header)) {
        found.push(header);
        used.add(header);
      }
    }
    if (found.length > 0) out[field] = found;
  }
  return out;
}
