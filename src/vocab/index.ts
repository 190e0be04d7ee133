// Public entry of the vocabularies: UNESCO Thesaurus, ISCED 2011 levels, ISCED-F 2013 fields, subject
// schemes, our glossary of topics and the multilingual label index, all read lazily from data-bundled/vocab/ (see load.ts).
import { iscedField, iscedLevel } from './isced.js';
import { pickLabel } from './labels.js';
import { unescoConcept } from './unesco.js';

export {
  findConcepts,
  findConceptsInTokens,
  isStopToken,
  labelIndexStats,
  minWordLength,
  type ConceptMatch,
  type MatchScheme,
} from './label-index.js';
export { foldText, matchKey, matchTokens } from './fold.js';
export { glossaryTerm, glossaryTerms, type GlossaryTerm } from './glossary.js';
export {
  iscedField,
  iscedFieldLabel,
  iscedFields,
  iscedLevel,
  iscedLevelLabel,
  iscedLevels,
} from './isced.js';
export { vocabDir, vocabLoadTimes } from './load.js';
export { subjectSchemes } from './schemes.js';
export {
  UNESCO_NAMESPACE,
  UNESCO_SCHEME,
  unescoConcept,
  unescoField,
  unescoGroup,
  unescoLabel,
  unescoLocalId,
  unescoThesaurus,
  unescoUri,
  type UnescoFieldValue,
} from './unesco.js';
export type * from './types.js';

const ISCED_F_URI = /^https?:\/\/w3id\.org\/(?:kim\/isced-2013|class\/esc)\/n(\d{2,4})(?:-[a-z]+)?$/;
const ISCED_2011_URI = /^https?:\/\/w3id\.org\/kim\/isced-2011\/level(\d)$/;

/**
 * The label, in a language, of a concept named by id or URI: a UNESCO Thesaurus concept ("concept123" or
 * its URI), an ISCED-F field (its code or a KIM / ESC URI) or an ISCED 2011 level (its KIM URI). Falls
 * back to the base language, then English. Undefined for an unknown concept.
 */
export function conceptLabel(idOrUri: string, lang?: string): string | undefined {
  const unesco = unescoConcept(idOrUri);
  if (unesco !== undefined) return pickLabel(unesco.prefLabel, lang);
  const text = idOrUri.trim();
  const field = /^\d{2,4}$/.test(text) ? text : ISCED_F_URI.exec(text)?.[1];
  if (field !== undefined) return pickLabel(iscedField(field)?.prefLabel, lang);
  const level = ISCED_2011_URI.exec(text)?.[1];
  if (level !== undefined) return pickLabel(iscedLevel(level)?.prefLabel, lang);
  return undefined;
}
