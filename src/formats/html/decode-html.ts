// Turns the bytes of a harvested web page into text: gzip sent without Content-Encoding is undone (with a
// size cap), and the character encoding is taken from the byte order mark, then the HTTP header, then the
// page's own <meta charset>, else UTF-8 when the bytes are UTF-8 and windows-1252 when they are not (what
// browsers do with undeclared legacy pages). Never performs I/O.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { AtlasError } from '../../domain/errors.js';

export interface DecodedText {
  readonly text: string;
  /** The WHATWG name of the encoding used. */
  readonly encoding: string;
}

/** The charset parameter of a Content-Type header value, lower-cased, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

// Node's TextDecoder reads windows-1252 as Latin-1; these are the characters of bytes 0x80-0x9F.
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** Undoes gzip that arrived without a Content-Encoding header; refuses to inflate beyond `maxBytes`. */
export function gunzipIfCompressed(bytes: Buffer, maxBytes: number): Buffer {
  if (!(bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AtlasError(
        'decompression_refused',
        `The compressed content expands to more than ${maxBytes} bytes; it was not decompressed further.`,
        { details: { maxBytes }, cause: error },
      );
    }
    throw new AtlasError('not_a_document', 'The content is gzip data that cannot be decompressed.', {
      cause: error,
    });
  }
}

/** Decodes bytes as `label` (a WHATWG encoding label); UTF-8 and windows-1252 when the label is unknown. */
export function decodeWithLabel(bytes: Buffer, label: string | undefined): DecodedText {
  const body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    return { text: body.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (body[0] === 0xff && body[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(body.subarray(2)), encoding: 'utf-16le' };
  }
  if (body[0] === 0xfe && body[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(body.subarray(2)), encoding: 'utf-16be' };
  }
  const decoder = decoderFor(label);
  const encoding = decoder?.encoding;
  // A page that says UTF-16 but could be read as ASCII is not UTF-16 (the declaration was copied around).
  if (decoder !== undefined && encoding !== 'utf-8' && encoding !== 'utf-16le' && encoding !== 'utf-16be') {
    return {
      text: encoding === 'windows-1252' ? decodeWindows1252(body) : decoder.decode(body),
      encoding: encoding ?? 'utf-8',
    };
  }
  if (encoding === 'utf-8' || isUtf8(body)) return { text: body.toString('utf8'), encoding: 'utf-8' };
  return { text: decodeWindows1252(body), encoding: 'windows-1252' };
}

const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i;

/**
 * The text of an HTML page: BOM first, then the Content-Type charset, then a <meta> charset in the first
 * 4 KiB, else UTF-8 (or windows-1252 when the bytes are not UTF-8).
 */
export function decodeHtmlBytes(
  bytes: Buffer,
  contentType: string | undefined,
  maxBytes: number,
): DecodedText {
  const body = gunzipIfCompressed(bytes, maxBytes);
  const declared =
    charsetOf(contentType) ?? META_CHARSET.exec(body.subarray(0, 4096).toString('latin1'))?.[1];
  return decodeWithLabel(body, declared?.toLowerCase());
}
