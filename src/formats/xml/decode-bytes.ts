// Turns the raw bytes of a harvested XML response into text a strict XML parser can read, repairing the
// damage real endpoints do: gzip bodies sent without Content-Encoding, encodings that only the XML
// declaration names, UTF-8 that was encoded twice, control characters XML forbids, XML declarations repeated
// inside the body, whitespace before the declaration and garbage after the root element.
// Every repair is named in `repairs` so a harvest report can say what was wrong with a source.
// The encoding is chosen from the bytes only (BOM, then the XML declaration), never from an HTTP header,
// because headers lie more often than documents. Never performs I/O and never inflates without a size cap.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { constants as zlibConstants, gunzipSync, inflateSync } from 'node:zlib';
import { AtlasError } from '../../domain/errors.js';
import { rootElementOffset } from './xml-tree.js';

export interface DecodeXmlOptions {
  /** Largest body accepted, before and after decompression. Default 64 MiB. */
  readonly maxBytes?: number;
}

export interface DecodedXml {
  readonly text: string;
  /** What was repaired, e.g. "gzip-without-header", "latin1-declared", "control-characters:12". */
  readonly repairs: string[];
  /** The WHATWG name of the encoding the text was decoded with ("utf-8", "windows-1252"...). */
  readonly encoding: string;
}

export const DEFAULT_MAX_XML_BYTES = 64 * 1024 * 1024;

/** Nested compression layers we unwrap at most; a body gzipped twice happens, three times is suspicious. */
const MAX_COMPRESSION_LAYERS = 3;

export function decodeXmlBytes(bytes: Buffer, options: DecodeXmlOptions = {}): DecodedXml {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const repairs: string[] = [];
  if (bytes.length > maxBytes) {
    throw new AtlasError(
      'response_too_large',
      `The response has ${bytes.length} bytes; at most ${maxBytes} are accepted.`,
      {
        details: { bytes: bytes.length, maxBytes },
      },
    );
  }

  let body = bytes;
  for (let layer = 0; layer < MAX_COMPRESSION_LAYERS; layer++) {
    const kind = compressionOf(body);
    if (kind === null) break;
    body = inflateCapped(body, kind, maxBytes, repairs);
  }

  const { text: decoded, encoding } = decodeText(body, repairs);
  const text = repairText(decoded, repairs);
  return { text, repairs, encoding };
}

// ---------------------------------------------------------------------------------------------------------
// Decompression

type Compression = 'gzip' | 'zlib';

function compressionOf(b: Buffer): Compression | null {
  if (b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08) return 'gzip';
  // A zlib stream with the usual 32 KiB window starts with 0x78 and a header checksum divisible by 31.
  // No XML document starts with "x", so this cannot mistake text for compressed data.
  const b1 = b[1];
  if (b[0] === 0x78 && b1 !== undefined && (0x78 * 256 + b1) % 31 === 0) return 'zlib';
  return null;
}

function inflateCapped(body: Buffer, kind: Compression, maxBytes: number, repairs: string[]): Buffer {
  const inflate = kind === 'gzip' ? gunzipSync : inflateSync;
  const label = kind === 'gzip' ? 'gzip-without-header' : 'deflate-without-header';
  try {
    const out = inflate(body, { maxOutputLength: maxBytes });
    repairs.push(label);
    return out;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw decompressionRefused(maxBytes, error);
    if (code !== 'Z_BUF_ERROR') {
      throw new AtlasError('xml_malformed', `The ${kind} data in the response is damaged.`, { cause: error });
    }
  }
  // The stream was cut short (a truncated transfer). Keep what inflates cleanly; the XML salvage step
  // recovers the complete records from it.
  try {
    const out = inflate(body, { maxOutputLength: maxBytes, finishFlush: zlibConstants.Z_SYNC_FLUSH });
    repairs.push(label, `${kind}-truncated`);
    return out;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw decompressionRefused(maxBytes, error);
    throw new AtlasError('xml_malformed', `The ${kind} data in the response is damaged.`, { cause: error });
  }
}

function decompressionRefused(maxBytes: number, cause: unknown): AtlasError {
  return new AtlasError(
    'decompression_refused',
    `The compressed response expands to more than ${maxBytes} bytes; it was not decompressed further.`,
    { details: { maxBytes }, cause },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Character decoding

interface Decoded {
  text: string;
  encoding: string;
}

const DECLARATION = /^[\s]*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z][A-Za-z0-9._:-]*)\s*["']/;
const LATIN1_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'latin-1',
  'l1',
  'cp819',
  'ibm819',
]);

function decodeText(b: Buffer, repairs: string[]): Decoded {
  // Byte order marks win over everything else.
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return decodeUtf8(b.subarray(3), repairs);
  if (b[0] === 0xff && b[1] === 0xfe) return withDecoder('utf-16le', b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return withDecoder('utf-16be', b.subarray(2));
  // UTF-16 without a BOM still shows "<?" as "<\0?\0" or "\0<\0?".
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) {
    repairs.push('utf-16le-without-bom');
    return withDecoder('utf-16le', b);
  }
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) {
    repairs.push('utf-16be-without-bom');
    return withDecoder('utf-16be', b);
  }

  const head = b.subarray(0, 1024).toString('latin1');
  const label = DECLARATION.exec(head)?.[1]?.toLowerCase();
  if (label === undefined) return decodeUtf8(b, repairs);

  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    repairs.push(`unknown-encoding:${label.slice(0, 40)}`);
    return decodeUtf8(b, repairs);
  }
  const encoding = decoder.encoding;
  if (encoding === 'utf-8') return decodeUtf8(b, repairs);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // We could read the declaration as single bytes, so the body is not UTF-16 whatever it says.
    repairs.push('utf-16-declared-but-8-bit');
    return decodeUtf8(b, repairs);
  }
  // WHATWG reads ISO-8859-1 as windows-1252, which is what such documents mean in practice (0x80-0x9F are
  // curly quotes and dashes, not C1 controls).
  repairs.push(LATIN1_LABELS.has(label) ? 'latin1-declared' : `${encoding}-declared`);
  return { text: encoding === 'windows-1252' ? decodeWindows1252(b) : decoder.decode(b), encoding };
}

// Node's TextDecoder reads windows-1252 as plain Latin-1 (0x80-0x9F come out as C1 controls), so those 32
// bytes are mapped here. The five bytes windows-1252 leaves undefined stay as their C1 code points.
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(b: Buffer): string {
  return b
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

function withDecoder(encoding: string, b: Buffer): Decoded {
  return { text: new TextDecoder(encoding).decode(b), encoding };
}

function decodeUtf8(b: Buffer, repairs: string[]): Decoded {
  if (isUtf8(b)) return { text: b.toString('utf8'), encoding: 'utf-8' };
  const { valid, invalid } = countUtf8Sequences(b);
  if (valid === 0) {
    // Not one well-formed multi-byte sequence: the body is in a single-byte encoding that was not declared.
    repairs.push('utf8-declared-but-windows-1252');
    return { text: decodeWindows1252(b), encoding: 'windows-1252' };
  }
  // Mostly UTF-8 with a few broken bytes: keep the good text, mark the bad bytes with U+FFFD.
  repairs.push(`invalid-utf8-replaced:${invalid}`);
  return { text: b.toString('utf8'), encoding: 'utf-8' };
}

/** Counts well-formed multi-byte UTF-8 sequences and stray bytes, to tell damaged UTF-8 from Latin-1. */
function countUtf8Sequences(b: Buffer): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length;) {
    const c = b[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const n = b[i + k];
      ok = n !== undefined && (n & 0xc0) === 0x80;
    }
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

// ---------------------------------------------------------------------------------------------------------
// Text repairs

function repairText(input: string, repairs: string[]): string {
  let text = input;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // A newline or spaces before "<?xml" make strict parsers stop at the first byte (COPAC did this).
  if (/^\s+<\?xml\s/.test(text)) {
    text = text.trimStart();
    repairs.push('whitespace-before-xml-declaration');
  }

  text = stripIllegalCharacters(text, repairs);
  text = repairDoubleEncoding(text, repairs);
  text = dropRepeatedDeclarations(text, repairs);
  text = dropTrailingGarbage(text, repairs);
  return text;
}

// C0 controls other than tab, LF and CR; U+FFFE and U+FFFF; surrogates without their partner (the decoders
// already turn those into U+FFFD; the check stays so the guarantee does not depend on them).
const ILLEGAL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Character references to the same characters are just as fatal to a parser.
const ILLEGAL_REFERENCES =
  /&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF]));/g;

// Cheap checks that let clean text (nearly all of it) skip the replacing passes.
// eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
const ANY_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|&#/;

function stripIllegalCharacters(text: string, repairs: string[]): string {
  if (!ANY_ILLEGAL.test(text)) return text;
  let count = 0;
  const out = text
    .replace(ILLEGAL_CHARACTERS, () => {
      count++;
      return '';
    })
    .replace(ILLEGAL_REFERENCES, () => {
      count++;
      return '';
    });
  if (count > 0) repairs.push(`control-characters:${count}`);
  return out;
}

// windows-1252 characters for the bytes 0x80-0x9F; with U+0080-U+00FF (read as Latin-1) they are what the
// continuation bytes of UTF-8 turn into when UTF-8 is decoded as a single-byte encoding by mistake.
const CP1252_HIGH: Readonly<Record<string, number>> = {
  '\u20AC': 0x80, '\u201A': 0x82, '\u0192': 0x83, '\u201E': 0x84, '\u2026': 0x85, '\u2020': 0x86,
  '\u2021': 0x87, '\u02C6': 0x88, '\u2030': 0x89, '\u0160': 0x8a, '\u2039': 0x8b, '\u0152': 0x8c,
  '\u017D': 0x8e, '\u2018': 0x91, '\u2019': 0x92, '\u201C': 0x93, '\u201D': 0x94, '\u2022': 0x95,
  '\u2013': 0x96, '\u2014': 0x97, '\u02DC': 0x98, '\u2122': 0x99, '\u0161': 0x9a, '\u203A': 0x9b,
  '\u0153': 0x9c, '\u017E': 0x9e, '\u0178': 0x9f,
}; // prettier-ignore
const CONT =
  '[\\u0080-\\u00BF\\u20AC\\u201A\\u0192\\u201E\\u2026\\u2020\\u2021\\u02C6\\u2030\\u0160\\u2039\\u0152\\u017D\\u2018\\u2019\\u201C\\u201D\\u2022\\u2013\\u2014\\u02DC\\u2122\\u0161\\u203A\\u0153\\u017E\\u0178]';
const MOJIBAKE = new RegExp(
  `[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`,
  'g',
);

function mojibakeBytes(run: string): Buffer | null {
  const bytes = Buffer.alloc(run.length);
  for (let i = 0; i < run.length; i++) {
    const ch = run.charAt(i);
    const code = ch.charCodeAt(0);
    const byte = code <= 0xff ? code : CP1252_HIGH[ch];
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  return isUtf8(bytes) ? bytes : null;
}

/**
 * "TÃ©lÃ©chargement" is "Téléchargement" whose UTF-8 bytes were read as Latin-1 and encoded again. The
 * repair runs only on clear evidence: each sequence must decode to valid UTF-8, and there must be at least
 * two of them or one of three or more bytes (a lone "Ã©" pair could, very rarely, be real text).
 */
function repairDoubleEncoding(text: string, repairs: string[]): string {
  if (!/[\u00C2-\u00F4]/.test(text)) return text;
  let pairs = 0;
  let longer = 0;
  for (const match of text.matchAll(MOJIBAKE)) {
    if (mojibakeBytes(match[0]) === null) continue;
    if (match[0].length === 2) pairs++;
    else longer++;
  }
  if (pairs + longer === 0 || (pairs < 2 && longer === 0)) return text;
  const out = text.replace(MOJIBAKE, (run) => mojibakeBytes(run)?.toString('utf8') ?? run);
  repairs.push('double-encoded-utf8');
  return out;
}

const LATER_DECLARATION = /<\?xml\s[^?]*\?>/g;

function dropRepeatedDeclarations(text: string, repairs: string[]): string {
  const first = text.startsWith('<?xml') ? text.indexOf('?>') + 2 : 0;
  const rest = text.slice(first);
  if (!rest.includes('<?xml')) return text;
  let count = 0;
  const cleaned = rest.replace(LATER_DECLARATION, () => {
    count++;
    return '';
  });
  if (count === 0) return text;
  repairs.push('repeated-xml-declaration');
  return text.slice(0, first) + cleaned;
}

function dropTrailingGarbage(text: string, repairs: string[]): string {
  const start = rootElementOffset(text);
  if (start === -1) return text;
  const name = /^<([^\s/>]+)/.exec(text.slice(start, start + 300))?.[1];
  if (name === undefined) return text;
  let close = text.lastIndexOf(`</${name}`);
  // "</OAI-PMH" must not be the start of a longer name.
  while (close !== -1 && !/[\s>]/.test(text.charAt(close + 2 + name.length))) {
    close = close === 0 ? -1 : text.lastIndexOf(`</${name}`, close - 1);
  }
  if (close === -1) return text;
  const end = text.indexOf('>', close);
  if (end === -1) return text;
  if (onlyMiscAfter(text, end + 1)) return text;
  repairs.push('trailing-garbage');
  return text.slice(0, end + 1);
}

/** Whether only comments, processing instructions and white space (legal after the root) follow `from`. */
function onlyMiscAfter(text: string, from: number): boolean {
  // One linear pass: a regular expression with lazy groups would go quadratic on a tail full of "<!--".
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) return false;
      i = close + 3;
    } else if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close === -1) return false;
      i = close + 2;
    } else {
      return false;
    }
  }
  return true;
}
