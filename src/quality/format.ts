// Which metadata format a record most likely came from, judged from the record alone (the marks the format
// mappers leave in it), and the element of that format a repository manager fills to supply a profile field.
// Quality fixes use it to say "fill dc:rights" to an oai_dc source and "fill rights/description" to a LOM one;
// when the record does not tell, a fix names the element of every format (the element names are in
// messages.ts with the other English text). Pure; never performs I/O.
import type { ConceptValue } from '../domain/profile.js';
import { ELEMENTS, FORMAT_LABELS } from './messages.js';

/** Dublin Core (oai_dc, qualified DC, feeds' dc: elements), IEEE LOM and its profiles, schema.org/AMB JSON-LD, CSV. */
export type MetadataFormat = 'dc' | 'lom' | 'schema' | 'csv';

/** What a fix asks the manager to fill; each has an element per format. */
export type ElementKey =
  | 'title'
  | 'description'
  | 'language'
  | 'license'
  | 'educationLevel'
  | 'subject'
  | 'resourceType'
  | 'accessibility'
  | 'captions'
  | 'creator'
  | 'date'
  | 'dateCreated'
  | 'dateModified'
  | 'url'
  | 'identifier'
  | 'keywords'
  | 'image'
  | 'fileFormat'
  | 'access';

/** The formats named, in this order, when a record's format is unknown. */
const LISTED_FORMATS: readonly MetadataFormat[] = ['dc', 'lom', 'schema'];

// Ids the mappers mint for plain vocabulary values: urn:oer-atlas:vocab:<property>:<value>. The property
// tells the format: LOM's vocabulary elements, DC's "dc-" properties, the CSV columns nobody else uses.
const MINTED = 'urn:oer-atlas:vocab:';
const LOM_PROPERTIES = /^(?:intendedEndUserRole|context|typicalAgeRange|interactivityType|taxon):/;
const DC_PROPERTIES = /^dc-/;
const CSV_PROPERTIES = /^(?:educationalLevel|audience):/;
/** LOM national profiles whose vocabularies are URIs (ScoLOMFR), and the LTSC vocabulary source. */
const LOM_SCHEMES = /\/scolomfr\/|ltsc\.ieee\.org|\/lom\//i;
const DCMI_TYPES = 'http://purl.org/dc/dcmitype/';
/** Ids of CSV rows without an id column ("file.csv#row 12", "row 12"), or of rows of a CSV file. */
const CSV_RECORD_ID = /(?:^|[#/:\s])row \d+$|\.(?:csv|tsv)(?:#|$)/i;
/** Local JSON-LD files and dumps: "folder/item.json", "dump.ndjson#3". */
const JSON_RECORD_ID = /\.(?:json|jsonld|json-ld|ndjson)(?:#|$)/i;

const FLAG: Readonly<Record<MetadataFormat, number>> = { dc: 1, lom: 2, schema: 4, csv: 8 };
const BY_FLAG = new Map<number, MetadataFormat>([
  [1, 'dc'],
  [2, 'lom'],
  [4, 'schema'],
  [8, 'csv'],
]);

function conceptMarks(concepts: readonly ConceptValue[] | undefined): number {
  if (concepts === undefined) return 0;
  let marks = 0;
  for (const c of concepts) {
    const id = c.id;
    if (id.startsWith(MINTED)) {
      const property = id.slice(MINTED.length);
      if (LOM_PROPERTIES.test(property)) marks |= FLAG.lom;
      else if (DC_PROPERTIES.test(property)) marks |= FLAG.dc;
      else if (CSV_PROPERTIES.test(property)) marks |= FLAG.csv;
    } else if (id.startsWith(DCMI_TYPES) || c.inScheme === DCMI_TYPES) {
      marks |= FLAG.dc;
    }
    if (c.inScheme !== undefined && LOM_SCHEMES.test(c.inScheme)) marks |= FLAG.lom;
    else if (LOM_SCHEMES.test(id)) marks |= FLAG.lom;
  }
  return marks;
}

/** The parts of a record (a ResourceRecord) that show its format. */
export interface FormatEvidence {
  readonly type: readonly string[];
  readonly learningResourceType?: readonly ConceptValue[] | undefined;
  readonly educationalLevel?: readonly ConceptValue[] | undefined;
  readonly audience?: readonly ConceptValue[] | undefined;
  readonly about?: readonly ConceptValue[] | undefined;
  readonly interactivityType?: ConceptValue | undefined;
  readonly provenance: readonly { readonly sourceRecordId: string }[];
}

/**
 * The format the record came from when its marks point to exactly one, else null. Marks: minted vocabulary
 * ids (LOM's intendedEndUserRole, context, typicalAgeRange, taxon; DC's dc-type, dc-educationLevel; CSV's
 * educationalLevel and audience columns), DCMI Type concepts, LOM vocabulary schemes, schema.org types
 * besides LearningResource (only the JSON-LD mapper keeps them), and ids of CSV rows or JSON files.
 */
export function detectMetadataFormat(record: FormatEvidence): MetadataFormat | null {
  let marks =
    conceptMarks(record.learningResourceType) |
    conceptMarks(record.educationalLevel) |
    conceptMarks(record.audience) |
    conceptMarks(record.about);
  if (record.interactivityType !== undefined) marks |= conceptMarks([record.interactivityType]);
  if (record.type.length > 1) marks |= FLAG.schema;
  for (const p of record.provenance) {
    if (CSV_RECORD_ID.test(p.sourceRecordId)) marks |= FLAG.csv;
    else if (JSON_RECORD_ID.test(p.sourceRecordId)) marks |= FLAG.schema;
  }
  return BY_FLAG.get(marks) ?? null;
}

/** The element to name for `key` in a message to a manager of `format` (null: unknown format). */
export function elementFor(key: ElementKey, format: MetadataFormat | null, joiner: string): string {
  const row = ELEMENTS[key];
  const own = format === null ? null : row[format];
  if (own !== null) return own;
  const parts: string[] = [];
  for (const f of LISTED_FORMATS) {
    const element = row[f];
    if (element !== null && f !== format) parts.push(`${element} (${FORMAT_LABELS[f]})`);
  }
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')}${joiner}${parts[parts.length - 1] ?? ''}`;
}
