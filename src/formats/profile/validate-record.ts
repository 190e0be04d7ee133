// Validates a ResourceRecord against our own profile schema (ResourceRecordSchema), compiled once with Ajv.
// Also home of the small Ajv toolkit the format validators share: format checks that cannot be crashed by
// huge strings, and wording of Ajv errors as problems a repository manager can act on.
// Never changes the record it checks and never fetches anything.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { ResourceRecordSchema, type ResourceRecord } from '../../domain/profile.js';

/** One reason a document was rejected: where (a JSON pointer into the document) and why, in plain words. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export type RecordValidation =
  | { readonly valid: true; readonly record: ResourceRecord }
  | { readonly valid: false; readonly problems: Problem[] };

/** Strings longer than this are not handed to the format checks (see addGuardedFormats). */
export const FORMAT_CHECK_MAX_LENGTH = 65_536;
/** At most this many problems are reported for one document; the first ones are the useful ones. */
const MAX_PROBLEMS = 50;

type FormatCheck = (value: string) => boolean;

function formatCheck(format: unknown): FormatCheck | undefined {
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === 'function') return (value) => (format as (v: string) => unknown)(value) === true;
  if (typeof format === 'object' && format !== null && 'validate' in format) {
    return formatCheck(format.validate);
  }
  return undefined;
}

/**
 * Registers the ajv-formats checks on `ajv`, each behind a length limit and a catch: the upstream `uri` and
 * `email` expressions overflow the stack on multi-megabyte strings (measured: a 10 MB URI throws RangeError),
 * and a hostile document must give a problem, never an exception.
 * `dateTime: 'iso8601'` makes `date-time` accept a missing time zone, as the AMB schemas describe it
 * ("CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]"); `'rfc3339'` keeps the strict JSON Schema meaning.
 */
export function addGuardedFormats(ajv: Ajv, options: { readonly dateTime: 'rfc3339' | 'iso8601' }): void {
  for (const [name, format] of Object.entries(fullFormats)) {
    const source =
      name === 'date-time' && options.dateTime === 'iso8601' ? fullFormats['iso-date-time'] : format;
    const check = formatCheck(source);
    if (check === undefined) continue;
    ajv.addFormat(name, {
      type: 'string',
      validate: (value: string) => {
        if (value.length > FORMAT_CHECK_MAX_LENGTH) return false;
        try {
          return check(value);
        } catch {
          return false;
        }
      },
    });
  }
}

/** A short, safe rendering of a value for a message: strings quoted and cut, structures named, never dumped. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return describeKind(value);
}

/** "text", "a number", "a list", "an object"... for "found ..." parts of messages. */
export function describeKind(value: unknown): string {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true/false';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text (a JSON string)',
  array: 'a list (a JSON array)',
  object: 'an object',
  boolean: 'true or false',
  number: 'a number',
  integer: 'a whole number',
  null: 'null',
};

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map(quoteValue).join(', ');
  return values.length > 8 ? `${shown}, ... (${values.length} in all)` : shown;
}

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  uri: 'an absolute URI (with a scheme such as "https:")',
  date: 'a date in the form YYYY-MM-DD',
  'date-time': 'a date and time in the form YYYY-MM-DDThh:mm:ss with a time zone (Z or +hh:mm)',
  email: 'an e-mail address',
};

function pointerSegment(name: string): string {
  return `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Plain wording of one Ajv error, for any schema. Schema-specific wording is layered on top by callers. */
export function describeAjvError(error: ErrorObject): Problem {
  const path = error.instancePath;
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = String(params['missingProperty']);
      return { path: path + pointerSegment(field), message: `The required field "${field}" is missing.` };
    }
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      const schema = error.parentSchema as Record<string, unknown> | undefined;
      const isLanguageMap = schema !== undefined && schema['patternProperties'] !== undefined;
      return {
        path: path + pointerSegment(field),
        message: isLanguageMap
          ? `${quoteValue(field)} is not a language tag; keys here must be BCP 47 tags such as "en" or "pt-BR", or "und".`
          : `${quoteValue(field)} is not a field allowed here.`,
      };
    }
    case 'type': {
      const wanted = String(params['type'])
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      return { path, message: `Must be ${wanted}; found ${describeKind(data)}.` };
    }
    case 'enum':
      return {
        path,
        message: `${quoteValue(data)} is not an allowed value; allowed: ${listValues(params['allowedValues'] as unknown[])}.`,
      };
    case 'const':
      return { path, message: `Must be ${quoteValue(params['allowedValue'])}; found ${quoteValue(data)}.` };
    case 'format': {
      const format = String(params['format']);
      const what = FORMAT_WORDS[format] ?? `in the "${format}" format`;
      if (typeof data === 'string' && data.length > FORMAT_CHECK_MAX_LENGTH) {
        return { path, message: `Is too long (${data.length} characters) to be ${what}.` };
      }
      return { path, message: `${quoteValue(data)} is not ${what}.` };
    }
    case 'pattern':
      return {
        path,
        message: `${quoteValue(data)} does not have the expected form (${String(params['pattern'])}).`,
      };
    case 'minLength':
      return Number(params['limit']) <= 1
        ? { path, message: 'Must not be empty.' }
        : { path, message: `Is too short: at least ${String(params['limit'])} characters are needed.` };
    case 'maxLength':
      return {
        path,
        message: `Is too long: ${typeof data === 'string' ? data.length : '?'} characters where at most ${String(params['limit'])} are allowed.`,
      };
    case 'minItems':
      return { path, message: `Needs at least ${String(params['limit'])} entries.` };
    case 'maxItems':
      return { path, message: `Has more than the ${String(params['limit'])} entries allowed.` };
    case 'minProperties':
      return { path, message: `Must have at least ${String(params['limit'])} entries.` };
    case 'uniqueItems':
      return {
        path,
        message: `Lists the same value twice (entries ${String(params['j'])} and ${String(params['i'])}).`,
      };
    case 'contains': {
      const schema = error.schema as Record<string, unknown> | undefined;
      const wanted =
        schema !== undefined && 'const' in schema ? quoteValue(schema['const']) : 'a suitable entry';
      return { path, message: `Must include ${wanted}.` };
    }
    case 'anyOf':
    case 'oneOf':
      return { path, message: 'Does not match any of the allowed forms.' };
    default:
      return { path, message: error.message ?? `Fails the "${error.keyword}" rule.` };
  }
}

function isUnder(child: ErrorObject, parent: ErrorObject): boolean {
  return (
    child !== parent &&
    child.schemaPath.startsWith(`${parent.schemaPath}/`) &&
    (child.instancePath === parent.instancePath || child.instancePath.startsWith(`${parent.instancePath}/`))
  );
}

/** The branch number of `child` under the anyOf/oneOf error `parent` ("…/anyOf/1/…" gives 1). */
function branchOf(child: ErrorObject, parent: ErrorObject): number {
  const rest = child.schemaPath.slice(parent.schemaPath.length + 1);
  return Number.parseInt(rest, 10);
}

/**
 * Turns Ajv's raw error list into problems. Combinators are collapsed so a person sees one reason, not the
 * failure of every alternative: `special` may word any error (a whole anyOf/oneOf/contains failure too);
 * otherwise for anyOf/oneOf the errors of the closest alternative are kept (the one whose "type" matched, else
 * the one with the fewest errors). Errors `special` leaves alone are worded by `fallback`.
 */
export function problemsFromAjvErrors(
  errors: readonly ErrorObject[],
  special?: (error: ErrorObject) => Problem | undefined,
  fallback: (error: ErrorObject) => Problem = describeAjvError,
): Problem[] {
  const suppressed = new Set<ErrorObject>();
  const combinators = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'contains')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const worded = new Map<ErrorObject, Problem>();
  for (const combinator of combinators) {
    if (suppressed.has(combinator)) continue;
    const children = errors.filter((e) => isUnder(e, combinator));
    const own = special?.(combinator);
    if (own !== undefined || combinator.keyword === 'contains' || children.length === 0) {
      for (const child of children) suppressed.add(child);
      if (own !== undefined) worded.set(combinator, own);
      continue;
    }
    // Keep one alternative: prefer the branch where nothing is wrong with "type" (the discriminator).
    const branches = new Map<number, ErrorObject[]>();
    for (const child of children) {
      const branch = branchOf(child, combinator);
      branches.set(branch, [...(branches.get(branch) ?? []), child]);
    }
    const ranked = [...branches.entries()].sort((a, b) => {
      const typeMiss = (list: ErrorObject[]) =>
        list.some((e) => e.instancePath === `${combinator.instancePath}/type`) ? 1 : 0;
      return typeMiss(a[1]) - typeMiss(b[1]) || a[1].length - b[1].length || a[0] - b[0];
    });
    const kept = new Set(ranked[0]?.[1] ?? []);
    for (const child of children) if (!kept.has(child)) suppressed.add(child);
    suppressed.add(combinator);
  }
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    if (suppressed.has(error)) continue;
    const problem = worded.get(error) ?? special?.(error) ?? fallback(error);
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

let compiled: ValidateFunction | undefined;

function recordValidator(): ValidateFunction {
  if (compiled === undefined) {
    // verbose: the wording needs the offending value; strict: our own schema has no excuse for odd keywords.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    addGuardedFormats(ajv, { dateTime: 'rfc3339' });
    compiled = ajv.compile(ResourceRecordSchema);
  }
  return compiled;
}

/** Checks that `record` is a ResourceRecord as the profile defines it; returns it typed, or the problems. */
export function validateRecord(record: unknown): RecordValidation {
  const validate = recordValidator();
  let ok: boolean;
  try {
    ok = validate(record);
  } catch {
    // Reading the value itself failed (a throwing getter, a revoked proxy): not a record.
    return { valid: false, problems: [{ path: '', message: 'The record could not be read as JSON data.' }] };
  }
  if (ok) return { valid: true, record: record as ResourceRecord };
  const problems = problemsFromAjvErrors(validate.errors ?? []);
  return {
    valid: false,
    problems:
      problems.length > 0 ? problems : [{ path: '', message: 'The record does not fit the profile.' }],
  };
}
