// Validates a document against the official AMB JSON Schemas (bundled in amb-schemas.ts) and words every
// failure as a JSON pointer plus a sentence a repository manager can act on. Also answers "would AMB accept
// this value for this property?" for the AMB writer. Compiles once, reuses the validators, never fetches
// anything (every $ref resolves to the bundled copies) and never throws on hostile input.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import {
  addGuardedFormats,
  describeAjvError,
  describeKind,
  problemsFromAjvErrors,
  quoteValue,
  type Problem,
} from '../profile/validate-record.js';
import {
  AMB_CONTEXT_URL,
  AMB_LANGUAGES,
  AMB_ROOT_SCHEMA_ID,
  AMB_SCHEMAS,
  AMB_SCHEMA_BASE,
} from './amb-schemas.js';

export type { Problem } from '../profile/validate-record.js';

export type AmbValidation = { valid: true } | { valid: false; problems: Problem[] };

const AMB_LANGUAGE_SET: ReadonlySet<string> = new Set(AMB_LANGUAGES);

/** Whether AMB accepts `code` as a language (two-letter ISO 639-1 codes only). */
export function isAmbLanguage(code: string): boolean {
  return AMB_LANGUAGE_SET.has(code);
}

let ajvInstance: Ajv | undefined;
let rootValidator: ValidateFunction | undefined;
const componentValidators = new Map<string, ValidateFunction | null>();

function ambAjv(): Ajv {
  if (ajvInstance === undefined) {
    // strict: false because the AMB schemas use keywords Ajv's strict mode objects to (a "default" at the
    // root, "title" inside enums' siblings, patterns next to oneOf); allErrors so one run reports everything.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    // The AMB schemas describe date-times as "CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]", time zone optional, and the
    // official valid example dateTime.json has "2019-07-03T13:13:13"; Ajv's RFC 3339 "date-time" would reject
    // it, so AMB validation uses the ISO 8601 reading.
    addGuardedFormats(ajv, { dateTime: 'iso8601' });
    for (const schema of Object.values(AMB_SCHEMAS)) ajv.addSchema(schema);
    ajvInstance = ajv;
  }
  return ajvInstance;
}

function validatorForRoot(): ValidateFunction {
  if (rootValidator === undefined) {
    const found = ambAjv().getSchema(AMB_ROOT_SCHEMA_ID);
    if (found === undefined) throw new Error(`The bundled AMB schemas lack ${AMB_ROOT_SCHEMA_ID}.`);
    rootValidator = found;
  }
  return rootValidator;
}

/** The property's schema file as AMB names it ("@context" lives in context-schema.json). */
function schemaIdFor(property: string): string {
  return `${AMB_SCHEMA_BASE}${property === '@context' ? 'context-schema' : property}.json`;
}

function componentValidator(key: string, schemaRef: string): ValidateFunction | null {
  let found = componentValidators.get(key);
  if (found === undefined) {
    const ajv = ambAjv();
    const fileId = schemaRef.split('#')[0] ?? schemaRef;
    found = ajv.getSchema(fileId) === undefined ? null : ajv.compile({ $ref: schemaRef });
    componentValidators.set(key, found);
  }
  return found;
}

function safely(validate: ValidateFunction, value: unknown): boolean {
  try {
    return validate(value);
  } catch {
    return false;
  }
}

/**
 * Whether AMB accepts `value` as the value of the top-level `property`. Properties AMB does not define are
 * accepted (the AMB schema leaves additional properties open).
 */
export function ambAcceptsProperty(property: string, value: unknown): boolean {
  if (!Object.hasOwn(AMB_SCHEMAS, `${property === '@context' ? 'context-schema' : property}.json`))
    return true;
  const validate = componentValidator(property, schemaIdFor(property));
  return validate === null ? true : safely(validate, value);
}

/** Whether AMB accepts `item` as one entry of the list-valued top-level `property`. */
export function ambAcceptsItem(property: string, item: unknown): boolean {
  const schema = AMB_SCHEMAS[`${property}.json`];
  if (schema === undefined || schema['type'] !== 'array') return true;
  const validate = componentValidator(`${property}#items`, `${schemaIdFor(property)}#/items`);
  return validate === null ? true : safely(validate, item);
}

// ---- wording ---------------------------------------------------------------------------------------------

function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The top-level AMB property an error is about ("" for the document itself). */
function topProperty(error: ErrorObject): string {
  return segments(error.instancePath)[0] ?? '';
}

/** The name of the field an error is about: the last path segment that is not a list position. */
function fieldName(error: ErrorObject): string {
  const parts = segments(error.instancePath).filter((s) => !/^\d+$/.test(s));
  return parts.at(-1) ?? '';
}

const CONTEXT_EXAMPLE = `["${AMB_CONTEXT_URL}", {"@language": "de"}]`;

const PATTERN_WORDS: Readonly<Record<string, string>> = {
  contentSize: 'a size in bytes written as digits only, without unit (e.g. "568000000")',
  bitrate: 'a bitrate in kilobits per second written as digits only, without unit (e.g. "1651")',
  encodingFormat: 'a media type such as "video/mp4" or "application/pdf"',
  sha256: 'a SHA-256 hash (64 hexadecimal characters)',
  duration: 'an ISO 8601 duration such as "PT47M58S" (47 minutes 58 seconds)',
};

const CONTAINS_WORDS: Readonly<Record<string, string>> = {
  about:
    'At least one subject in "about" must come from the Hochschulfächersystematik ' +
    '(https://w3id.org/kim/hochschulfaechersystematik/...) or the school subjects vocabulary ' +
    '(http://w3id.org/kim/schulfaecher/...); subjects from other vocabularies may be listed next to it.',
  learningResourceType:
    'At least one entry of "learningResourceType" must come from HCRT (https://w3id.org/kim/hcrt/...) or ' +
    'the OpenEduHub resource types (http://w3id.org/openeduhub/vocabs/new_lrt/...); other vocabularies may ' +
    'be listed next to it.',
  type: '"type" must include "LearningResource"; other schema.org types such as "Course" may be listed next to it.',
};

function badLanguage(value: unknown): string {
  return `${quoteValue(value)} is not a language code AMB accepts; use a two-letter ISO 639-1 code such as "de" or "en" (no region or script part).`;
}

function contextProblem(error: ErrorObject): Problem | undefined {
  const path = '/@context';
  if (error.keyword === 'type' && error.instancePath === path) {
    return {
      path,
      message: `"@context" must be a list holding the AMB context and the default language, e.g. ${CONTEXT_EXAMPLE}; found ${describeKind(error.data)}.`,
    };
  }
  if (error.keyword === 'minItems' && error.instancePath === path) {
    return {
      path,
      message: `"@context" needs at least two entries: the AMB context URL and an object with the default language, e.g. ${CONTEXT_EXAMPLE}.`,
    };
  }
  if (error.keyword !== 'contains' || error.instancePath !== path) return undefined;
  const schema = error.schema as Record<string, unknown> | undefined;
  const wantsUrl = Array.isArray(schema?.['enum']) && schema['enum'].includes(AMB_CONTEXT_URL);
  if (wantsUrl) {
    return { path, message: `"@context" must list the AMB context "${AMB_CONTEXT_URL}".` };
  }
  const entries: unknown[] = Array.isArray(error.data) ? (error.data as unknown[]) : [];
  const declared = entries.find(
    (e): e is Record<string, unknown> => typeof e === 'object' && e !== null && Object.hasOwn(e, '@language'),
  );
  if (declared !== undefined) {
    // Same wording as the language.json enum error at the same place, so the two collapse into one problem.
    return {
      path: `${path}/${entries.indexOf(declared)}/@language`,
      message: badLanguage(declared['@language']),
    };
  }
  return {
    path,
    message: `"@context" gives no default language; add an object such as {"@language": "de"} naming the language of the document's texts.`,
  };
}

/** AMB-specific wording; undefined falls back to the generic wording. */
function ambWording(error: ErrorObject): Problem | undefined {
  const path = error.instancePath;
  const top = topProperty(error);
  const field = fieldName(error);
  const parentSchema = error.parentSchema as Record<string, unknown> | undefined;
  const parentId = typeof parentSchema?.['$id'] === 'string' ? parentSchema['$id'] : '';

  if (top === '@context') {
    const worded = contextProblem(error);
    if (worded !== undefined) return worded;
  }
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
      if (path === '' && missing === '@context') {
        return {
          path: '/@context',
          message: `The document has no "@context"; AMB documents start with "@context": ${CONTEXT_EXAMPLE}.`,
        };
      }
      if (path === '' && missing === 'type') {
        return {
          path: '/type',
          message: 'The required field "type" is missing; give a list such as ["LearningResource"].',
        };
      }
      return undefined;
    }
    case 'contains': {
      const words = CONTAINS_WORDS[top];
      return words === undefined ? undefined : { path, message: words };
    }
    case 'type': {
      if (field === 'prefLabel') {
        return {
          path,
          message: `"prefLabel" must be a language map such as {"de": "Kurs", "en": "Course"}; found ${describeKind(error.data)}.`,
        };
      }
      if (path === '/license') {
        return {
          path,
          message: `"license" must be an object with the licence URI in "id", e.g. {"id": "https://creativecommons.org/licenses/by/4.0/"}; found ${describeKind(error.data)}.`,
        };
      }
      if (path === '/conditionsOfAccess') {
        return {
          path,
          message: `"conditionsOfAccess" must be a concept such as {"id": "http://w3id.org/kim/conditionsOfAccess/no_login"}; found ${describeKind(error.data)}.`,
        };
      }
      if ((error.params as { type?: unknown }).type === 'array') {
        return {
          path,
          message: `"${field}" must be a list (a JSON array), even when it holds a single entry; found ${describeKind(error.data)}.`,
        };
      }
      return undefined;
    }
    case 'enum': {
      if (parentId.endsWith('/language.json')) return { path, message: badLanguage(error.data) };
      if (parentId === '' && top === 'type' && path !== '/type') {
        return {
          path,
          message: `${quoteValue(error.data)} is not a type AMB accepts; use schema.org type names such as "Course" or "VideoObject", not URIs.`,
        };
      }
      return undefined;
    }
    case 'additionalProperties': {
      if (parentId.endsWith('/localizedString.json')) {
        const key = String((error.params as { additionalProperty?: unknown }).additionalProperty);
        return {
          path: `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          message: `${quoteValue(key)} is not a label language AMB accepts; label keys must be two-letter ISO 639-1 codes such as "de" or "en".`,
        };
      }
      return undefined;
    }
    case 'pattern': {
      if (top === 'educationalLevel' && field === 'id') {
        return {
          path,
          message: `${quoteValue(error.data)} is not a concept of the educational level vocabulary AMB requires (https://w3id.org/kim/educationalLevel/...).`,
        };
      }
      const words = PATTERN_WORDS[field];
      return words === undefined
        ? undefined
        : { path, message: `${quoteValue(error.data)} is not ${words}.` };
    }
    case 'oneOf':
    case 'anyOf': {
      const branches = parentSchema?.[error.keyword];
      if (
        Array.isArray(branches) &&
        branches.every((b) => typeof (b as { format?: unknown }).format === 'string')
      ) {
        // iso8601date.json: a date or a date-time.
        return {
          path,
          message: `${quoteValue(error.data)} is not a date AMB accepts; use YYYY-MM-DD or YYYY-MM-DDThh:mm:ss, optionally with a time zone (Z or +01:00).`,
        };
      }
      if (field === 'id' && top === 'license' && Array.isArray(branches)) {
        const kinds = branches
          .map((b) => (b as { description?: unknown }).description)
          .filter((d): d is string => typeof d === 'string');
        return {
          path,
          message: `The licence ${quoteValue(error.data)} is not one AMB accepts; AMB takes the URI of a ${kinds.join(', ')}.`,
        };
      }
      if (top === 'encoding' || top === 'trailer') {
        return {
          path,
          message: `Each media object in "${top}" needs a "type" and a "contentUrl" (download) or an "embedUrl" (player).`,
        };
      }
      if (top === 'isBasedOn') {
        return {
          path,
          message: 'Each entry of "isBasedOn" needs an "id" (URI) or a "name" of the source resource.',
        };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The generic wording, prefixed with the field name so each message stands on its own. */
function wordAmbError(error: ErrorObject): Problem {
  const generic = describeAjvError(error);
  const field = fieldName(error);
  if (field === '' || error.keyword === 'required' || error.keyword === 'additionalProperties')
    return generic;
  const sentence = /^(Must|Is|Has|Needs|Lists|Does) /.test(generic.message)
    ? `"${field}" ${generic.message.charAt(0).toLowerCase()}${generic.message.slice(1)}`
    : `"${field}": ${generic.message}`;
  return { path: generic.path, message: sentence };
}

/**
 * Checks `doc` against the AMB schema. Accepts exactly what the official AMB schemas accept (with date-times
 * read as ISO 8601, see above); every rejection carries at least one problem.
 */
export function validateAmb(doc: unknown): AmbValidation {
  const validate = validatorForRoot();
  let ok: boolean;
  try {
    ok = validate(doc);
  } catch {
    return {
      valid: false,
      problems: [{ path: '', message: 'The document could not be read as JSON data.' }],
    };
  }
  if (ok) return { valid: true };
  const problems = problemsFromAjvErrors(validate.errors ?? [], ambWording, wordAmbError);
  return {
    valid: false,
    problems:
      problems.length > 0 ? problems : [{ path: '', message: 'The document does not fit the AMB schema.' }],
  };
}
