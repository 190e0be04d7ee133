// ISCED 2011 levels and ISCED-F 2013 fields (data-bundled/vocab/isced-2011.json, isced-f-2013.json) with labels
// in the UI languages, loaded once on first use.
import { pickLabel } from './labels.js';
import { loadVocabFile } from './load.js';
import type { IscedField, IscedFieldsFile, IscedLevel, IscedLevelsFile } from './types.js';

let fieldsByCode: ReadonlyMap<string, IscedField> | undefined;
let levelsByCode: ReadonlyMap<string, IscedLevel> | undefined;

function fieldFile(): IscedFieldsFile {
  return loadVocabFile('isced-f-2013.json') as IscedFieldsFile;
}

function levelFile(): IscedLevelsFile {
  return loadVocabFile('isced-2011.json') as IscedLevelsFile;
}

/** Every ISCED-F 2013 field (broad, narrow, detailed), sorted by code. */
export function iscedFields(): readonly IscedField[] {
  return fieldFile().fields;
}

export function iscedField(code: string): IscedField | undefined {
  fieldsByCode ??= new Map(fieldFile().fields.map((f) => [f.code, f]));
  return fieldsByCode.get(code);
}

/** The label of an ISCED-F field in a language (falls back to the base language, then English). */
export function iscedFieldLabel(code: string, lang?: string): string | undefined {
  return pickLabel(iscedField(code)?.prefLabel, lang);
}

/** Every ISCED 2011 level (0-9), sorted. */
export function iscedLevels(): readonly IscedLevel[] {
  return levelFile().levels;
}

export function iscedLevel(code: string): IscedLevel | undefined {
  levelsByCode ??= new Map(levelFile().levels.map((l) => [l.code, l]));
  return levelsByCode.get(code);
}

export function iscedLevelLabel(code: string, lang?: string): string | undefined {
  return pickLabel(iscedLevel(code)?.prefLabel, lang);
}
