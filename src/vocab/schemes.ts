// The subject-scheme tables (data-bundled/vocab/subject-schemes.json): Destatis, OpenEduHub, arXiv, Dewey, UDC and
// OER Commons codes to ISCED-F fields, and the extra names of fields. Loaded once on first use.
import { loadVocabFile } from './load.js';
import type { SubjectSchemesFile } from './types.js';

export function subjectSchemes(): SubjectSchemesFile {
  return loadVocabFile('subject-schemes.json') as SubjectSchemesFile;
}
