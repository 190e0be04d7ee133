// Reads JSON as web pages and dumps really publish it. Strict JSON.parse first; when that fails, only
// repairs that cannot change the meaning of valid data are tried, each named in `repairs`:
// wrappers around embedded JSON-LD (HTML comments, CDATA sections, with or without "//" in front),
// HTML character references written where quotes belong (`{&quot;name&quot;: ...}`), raw control
// characters inside strings (escaped), control characters between tokens (dropped), JavaScript comments,
// trailing commas before `}` or `]`, and several JSON values written one after the other (a list).
// Never evaluates anything, never recurses on the input; throws AtlasError `json_malformed` otherwise.
import { AtlasError } from '../../domain/errors.js';
import { decodeHtmlEntities } from '../html/html-text.js';

export interface LenientJson {
  readonly value: unknown;
  /** What had to be repaired, e.g. "html-comment-wrapper", "trailing-commas". */
  readonly repairs: string[];
}

function strictParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // A RangeError (nesting too deep for the engine) is malformed input for us as well.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Removes the wrappers that keep embedded JSON-LD away from old browsers and XHTML parsers. */
function unwrap(text: string, repairs: string[]): string {
  let value = text.replace(/^\uFEFF/, '').trim();
  for (let round = 0; round < 4; round++) {
    const before = value;
    // "<!-- {...} -->", also with the JavaScript-comment forms of the markers.
    let m = /^(?:\/\/\s*)?<!--([\s\S]*?)(?:\/\/\s*)?-->$/.exec(value);
    if (m?.[1] !== undefined) {
      value = m[1].trim();
      repairs.push('html-comment-wrapper');
    }
    // "<![CDATA[ {...} ]]>", "//<![CDATA[ ... //]]>", "/*<![CDATA[*/ ... /*]]>*/".
    m = /^(?:\/\/\s*|\/\*\s*)?<!\[CDATA\[(?:\s*\*\/)?([\s\S]*?)(?:\/\/\s*|\/\*\s*)?\]\]>(?:\s*\*\/)?$/.exec(
      value,
    );
    if (m?.[1] !== undefined) {
      value = m[1].trim();
      repairs.push('cdata-wrapper');
    }
    if (value === before) break;
  }
  return value;
}

/**
 * One pass over the text that knows where strings are: escapes raw control characters inside strings,
 * drops control characters and JavaScript comments outside them, and drops commas that only precede a
 * closing bracket.
 */
function sanitize(text: string, repairs: string[]): string {
  let out = '';
  let inString = false;
  let escaped = false;
  let controlsInStrings = 0;
  let controlsOutside = 0;
  let comments = 0;
  let trailingCommas = 0;
  let pendingComma = -1; // index in `out` of a comma that may turn out to be trailing
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const code = c.charCodeAt(0);
    if (inString) {
      if (escaped) {
        escaped = false;
        out += c;
      } else if (c === '\\') {
        escaped = true;
        out += c;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else if (code < 0x20) {
        controlsInStrings++;
        out +=
          c === '\n'
            ? '\\n'
            : c === '\r'
              ? '\\r'
              : c === '\t'
                ? '\\t'
                : `\\u${code.toString(16).padStart(4, '0')}`;
      } else {
        out += c;
      }
      continue;
    }
    if (c === '/' && text.charAt(i + 1) === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
      comments++;
      continue;
    }
    if (c === '/' && text.charAt(i + 1) === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
      comments++;
      continue;
    }
    if (code < 0x20 && c !== '\n' && c !== '\r' && c !== '\t') {
      controlsOutside++;
      continue;
    }
    if (code === 0x7f) {
      controlsOutside++;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      out += c;
      continue;
    }
    if ((c === '}' || c === ']') && pendingComma !== -1) {
      out = out.slice(0, pendingComma) + out.slice(pendingComma + 1);
      trailingCommas++;
    }
    pendingComma = -1;
    if (c === ',') pendingComma = out.length;
    if (c === '"') inString = true;
    out += c;
  }
  if (controlsInStrings > 0) repairs.push(`control-characters-in-strings:${controlsInStrings}`);
  if (controlsOutside > 0) repairs.push(`control-characters:${controlsOutside}`);
  if (comments > 0) repairs.push(`comments:${comments}`);
  if (trailingCommas > 0) repairs.push(`trailing-commas:${trailingCommas}`);
  return out;
}

/** The top-level JSON values written one after the other ("{...}{...}" or "{...}\n{...}"), as texts. */
function topLevelValues(text: string): string[] | null {
  const values: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) values.push(text.slice(start, i + 1));
    } else if (depth === 0 && !/[\s,;]/.test(c)) {
      return null;
    }
  }
  return depth === 0 && values.length > 1 ? values : null;
}

function tryRepaired(text: string, repairs: string[]): { ok: true; value: unknown } | { ok: false } {
  const cleaned = sanitize(text, repairs);
  const parsed = strictParse(cleaned);
  if (parsed.ok) return parsed;
  const parts = topLevelValues(cleaned);
  if (parts !== null) {
    const values: unknown[] = [];
    for (const part of parts) {
      const one = strictParse(part);
      if (!one.ok) return { ok: false };
      values.push(one.value);
    }
    repairs.push(`concatenated-values:${parts.length}`);
    return { ok: true, value: values };
  }
  return { ok: false };
}

/**
 * Parses `text` as JSON, repairing only what is safely repairable (see the file comment). Throws AtlasError
 * `json_malformed` with the strict parser's complaint when even the repaired text is not JSON.
 */
export function parseLenientJson(text: string): LenientJson {
  const unwrapRepairs: string[] = [];
  const unwrapped = unwrap(text, unwrapRepairs);
  if (unwrapped === '') {
    throw new AtlasError('json_malformed', 'The JSON is empty.', { details: { reason: 'empty' } });
  }
  const strict = strictParse(unwrapped);
  if (strict.ok) return { value: strict.value, repairs: unwrapRepairs };

  const repairs = [...unwrapRepairs];
  const repaired = tryRepaired(unwrapped, repairs);
  if (repaired.ok) return { value: repaired.value, repairs };

  // Quotes written as HTML references: decoded only when the text does not parse as it stands.
  if (/&(?:quot|#0*34|#[xX]0*22);/.test(unwrapped)) {
    const decoded = decodeHtmlEntities(unwrapped);
    const entityRepairs = [...unwrapRepairs, 'html-entities'];
    const again = strictParse(decoded);
    if (again.ok) return { value: again.value, repairs: entityRepairs };
    const more = tryRepaired(decoded, entityRepairs);
    if (more.ok) return { value: more.value, repairs: entityRepairs };
  }

  throw new AtlasError('json_malformed', `The JSON is not well-formed: ${strict.message.slice(0, 300)}`, {
    details: { reason: strict.message.slice(0, 300) },
  });
}
