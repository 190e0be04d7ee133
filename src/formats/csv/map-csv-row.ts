// Maps one CSV row, stored as a JSON object of header -> cell (`csv-row`), to the common profile through
// the column mapping (csv-columns.ts). Lists in a cell are split on "|" and ";" (keywords also on ","),
// HTML in cells (CMS exports) becomes text, languages and licences go through the mapping context's
// normalizers. `settings.language` names the language of the texts when the row does not say it.
// Never performs I/O; throws AtlasError `invalid_record` when the row has no title or the result does not
// fit the profile, and `invalid_parameter` for an unusable `settings.columns`.
import { AtlasError } from '../../domain/errors.js';
import type { AgentValue, ConceptValue, ResourceRecord } from '../../domain/profile.js';
import { isObject, languageTag } from '../amb/jsonld-read.js';
import { readableText } from '../html/html-text.js';
import {
  classifyIdentifier,
  dateValue,
  finishRecord,
  guessAgent,
  httpUrl,
  isoDuration,
  KeywordsBuilder,
  LangMapBuilder,
  licenseFrom,
  oneLine,
  paragraphs,
  pushAgent,
  pushConcept,
  resolverUrl,
  uriOrNull,
  vocabularyConcept,
  type IdentifierValue,
  type MappingContext,
} from '../mapping.js';
import { validateRecord } from '../profile/validate-record.js';
import { readColumnSetting, resolveColumns, type ColumnMapping, type CsvField } from './csv-columns.js';

export type CsvCells = Readonly<Record<string, string>>;

/** The row's cells from a stored payload; throws `invalid_record` when it is not an object of texts. */
export function parseCsvRow(raw: string): CsvCells {
  let value: unknown;
  try {
    value = JSON.parse(raw) as unknown;
  } catch (error) {
    throw new AtlasError('json_malformed', 'The stored CSV row is not well-formed JSON.', { cause: error });
  }
  if (!isObject(value))
    throw new AtlasError('invalid_record', 'The stored CSV row is not an object of cells.');
  const cells: Record<string, string> = {};
  for (const [key, cell] of Object.entries(value)) if (typeof cell === 'string') cells[key] = cell;
  return cells;
}

/** The mapping for a row: the source's `settings.columns`, else recognized headers. */
export function columnsFor(
  headers: readonly string[],
  settings: Readonly<Record<string, unknown>>,
): ColumnMapping {
  return resolveColumns(headers, readColumnSetting(settings['columns']));
}

function values(cells: CsvCells, mapping: ColumnMapping, field: CsvField): string[] {
  const out: string[] = [];
  for (const column of mapping[field] ?? []) {
    const value = cells[column];
    if (value !== undefined && value.trim() !== '') out.push(value);
  }
  return out;
}

function split(value: string, alsoComma = false): string[] {
  return value
    .split(alsoComma ? /[|;,]/ : /[|;]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function textOf(value: string, singleLine: boolean): string {
  const plain = readableText(value);
  return singleLine ? oneLine(plain, 100_000) : paragraphs(plain, 100_000);
}

/** The id a row is stored under: its id column, else its URL column, else its position. */
export function csvRowId(cells: CsvCells, mapping: ColumnMapping, row: number): string {
  const id = values(cells, mapping, 'id')[0]?.trim();
  if (id !== undefined && id !== '' && id.length <= 2048) return id;
  const url = values(cells, mapping, 'url')[0]?.trim();
  if (url !== undefined && url !== '' && url.length <= 2048) return httpUrl(url) ?? url;
  return `row ${row}`;
}

export function mapCsvRow(
  raw: string,
  ctx: MappingContext,
  settings: Readonly<Record<string, unknown>>,
): ResourceRecord {
  const cells = parseCsvRow(raw);
  const mapping = columnsFor(Object.keys(cells), settings);
  const get = (field: CsvField): string[] => values(cells, mapping, field);

  const inLanguage: string[] = [];
  for (const cell of get('inLanguage')) {
    for (const part of split(cell, true)) {
      const tag = ctx.normalize.language(part);
      if (tag !== null && !inLanguage.includes(tag)) inLanguage.push(tag);
    }
  }
  const configured = typeof settings['language'] === 'string' ? languageTag(settings['language']) : undefined;
  const lang = inLanguage.length === 1 ? (inLanguage[0] ?? 'und') : (configured ?? 'und');

  const name = new LangMapBuilder(100_000);
  for (const cell of get('name')) name.add(lang, textOf(cell, true));
  const nameMap = name.build();
  if (nameMap === undefined) {
    throw new AtlasError('invalid_record', 'The row has no title (no title column, or an empty cell).', {
      details: { field: 'name', columns: mapping.name ?? [] },
    });
  }
  const description = new LangMapBuilder(100_000);
  for (const cell of get('description')) description.add(lang, textOf(cell, false), 'join');

  const keywords = new KeywordsBuilder();
  for (const cell of get('keywords')) for (const k of split(cell, true)) keywords.add(lang, k);

  const about: ConceptValue[] = [];
  for (const cell of get('about')) {
    for (const part of split(cell)) {
      const uri = uriOrNull(part);
      if (uri !== null) pushConcept(about, { id: uri }, 500);
      else keywords.add(lang, part);
    }
  }

  const agents = (field: CsvField, fallback: 'Person' | 'Organization', max: number): AgentValue[] => {
    const out: AgentValue[] = [];
    for (const cell of get(field))
      for (const part of split(cell)) pushAgent(out, guessAgent(part, fallback), max);
    return out;
  };

  const concepts = (field: CsvField): ConceptValue[] => {
    const out: ConceptValue[] = [];
    for (const cell of get(field)) {
      for (const part of split(cell))
        pushConcept(out, vocabularyConcept(field, part, { labelLanguage: lang }), 100);
    }
    return out;
  };

  const identifiers: IdentifierValue[] = [];
  let url: string | null = null;
  for (const cell of get('url')) url ??= httpUrl(cell);
  for (const cell of [...get('id'), ...get('url')]) {
    const id = classifyIdentifier(cell);
    if (id === null || identifiers.some((i) => i.kind === id.kind && i.value === id.value)) continue;
    if (identifiers.length < 100) identifiers.push(id);
    url ??= resolverUrl(id);
  }
  const urlOriginal = get('url')[0]?.trim();

  const date = (field: CsvField): string | undefined => {
    for (const cell of get(field)) {
      const value = dateValue(cell);
      if (value !== null) return value;
    }
    return undefined;
  };
  let image: string | undefined;
  for (const cell of get('image')) image ??= httpUrl(cell) ?? undefined;
  let duration: string | undefined;
  for (const cell of get('duration')) duration ??= isoDuration(cell) ?? undefined;

  const record = finishRecord(
    {
      name: nameMap,
      description: description.build(),
      keywords: keywords.build(),
      url: url ?? undefined,
      urlOriginal:
        url !== null && urlOriginal !== undefined && urlOriginal !== url
          ? urlOriginal.slice(0, 4096)
          : undefined,
      identifiers,
      inLanguage,
      inLanguageOrigin: inLanguage.length > 0 ? 'declared' : undefined,
      license: licenseFrom(
        get('license').flatMap((c) => split(c)),
        ctx,
      ),
      about,
      educationalLevel: concepts('educationalLevel'),
      learningResourceType: concepts('learningResourceType'),
      audience: concepts('audience'),
      creator: agents('creator', 'Person', 500),
      contributor: agents('contributor', 'Person', 500),
      publisher: agents('publisher', 'Organization', 100),
      datePublished: date('datePublished'),
      dateCreated: date('dateCreated'),
      dateModified: date('dateModified'),
      image,
      duration,
    },
    ctx,
  );
  const checked = validateRecord(record);
  if (!checked.valid) {
    const first = checked.problems[0];
    throw new AtlasError(
      'invalid_record',
      `The mapped CSV row does not fit the profile${first === undefined ? '' : ` at ${first.path || '/'}: ${first.message}`}`,
      { details: { problems: checked.problems } },
    );
  }
  return checked.record;
}
