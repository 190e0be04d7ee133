// Reads a response body into memory within caps: the bytes on the wire are limited, and so are the bytes
// a Content-Encoding (gzip, deflate, br) expands to, counted while inflating.
// Must never buffer more than the cap plus one decoder chunk, so a decompression bomb costs nothing.
import { Readable, pipeline } from 'node:stream';
import {
  constants as zlibConstants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
} from 'node:zlib';
import type { Transform } from 'node:stream';
import { AtlasError } from '../../domain/errors.js';

export interface BodyLimits {
  /** Cap on the bytes received and on the bytes after decoding. */
  readonly maxBytes: number;
  /** The response's Content-Encoding header, if any. */
  readonly contentEncoding: string | undefined;
  /** For messages. */
  readonly url: string;
  /** Called for every chunk received on the wire (feeds the idle watchdog). */
  readonly onBytes?: (bytes: number) => void;
}

export interface ReadBody {
  readonly body: Buffer;
  /** True when the Content-Encoding was undone, so the caller can drop the header. */
  readonly decoded: boolean;
}

const DECODER_CHUNK = 16 * 1024;

type Coding = 'gzip' | 'deflate' | 'br';

/** The codings to undo, outermost first; `undefined` when one of them is unknown (the body stays as sent). */
export function parseContentEncoding(header: string | undefined): Coding[] | undefined {
  if (header === undefined) return [];
  const listed = header
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && part !== 'identity');
  const codings: Coding[] = [];
  for (const name of listed) {
    if (name === 'gzip' || name === 'x-gzip') codings.push('gzip');
    else if (name === 'deflate') codings.push('deflate');
    else if (name === 'br') codings.push('br');
    else return undefined;
  }
  // Codings are listed in the order they were applied, so they are undone from the last.
  return codings.reverse();
}

async function* limitedRaw(source: AsyncIterable<unknown>, limits: BodyLimits): AsyncGenerator<Buffer> {
  let received = 0;
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    received += bytes.length;
    limits.onBytes?.(bytes.length);
    if (received > limits.maxBytes) {
      throw new AtlasError(
        'response_too_large',
        `The response from ${limits.url} is larger than the allowed ${limits.maxBytes} bytes.`,
        { details: { url: limits.url, maxBytes: limits.maxBytes, receivedBytes: received } },
      );
    }
    yield bytes;
  }
}

// "deflate" on the web is meant to be zlib-wrapped but some servers send raw deflate; the first two bytes
// tell them apart (a zlib header has compression method 8 and a checksum divisible by 31).
function looksZlibWrapped(first: Buffer): boolean {
  if (first.length < 2) return true;
  const cmf = first[0] ?? 0;
  const flg = first[1] ?? 0;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

async function* decode(source: AsyncIterable<Buffer>, coding: Coding): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield first.value;
    for (;;) {
      const step = await iterator.next();
      if (step.done === true) return;
      yield step.value;
    }
  };
  let decoder: Transform;
  if (coding === 'gzip') {
    // Truncated gzip must fail rather than yield a silently short body; the default flush does that.
    decoder = createGunzip({ chunkSize: DECODER_CHUNK });
  } else if (coding === 'deflate') {
    decoder = looksZlibWrapped(first.value)
      ? createInflate({ chunkSize: DECODER_CHUNK })
      : createInflateRaw({ chunkSize: DECODER_CHUNK });
  } else {
    decoder = createBrotliDecompress({
      chunkSize: DECODER_CHUNK,
      params: { [zlibConstants.BROTLI_DECODER_PARAM_LARGE_WINDOW]: 0 },
    });
  }
  const input = Readable.from(rest(), { objectMode: false });
  // Errors of either side end up on `decoder`, which is what the consumer iterates.
  pipeline(input, decoder, () => undefined);
  try {
    for await (const chunk of decoder) yield chunk as Buffer;
  } finally {
    input.destroy();
    decoder.destroy();
    await iterator.return?.();
  }
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI'));
}

/**
 * Reads `source` to the end within `limits`. Rejects with `response_too_large` when the wire bytes pass
 * the cap, `decompression_refused` when the decoded bytes do, `http_error` when the coding is corrupt.
 * Transport errors of `source` (a cut connection) pass through unchanged for the caller to classify.
 */
export async function readLimitedBody(source: AsyncIterable<unknown>, limits: BodyLimits): Promise<ReadBody> {
  const codings = parseContentEncoding(limits.contentEncoding);
  let stream: AsyncIterable<Buffer> = limitedRaw(source, limits);
  if (codings !== undefined) for (const coding of codings) stream = decode(stream, coding);
  const decoding = codings !== undefined && codings.length > 0;

  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += chunk.length;
      if (total > limits.maxBytes) {
        // Leaving the loop closes every stage, so inflation stops right here.
        throw new AtlasError(
          'decompression_refused',
          `The response from ${limits.url} expands beyond the allowed ${limits.maxBytes} bytes when decompressed (Content-Encoding: ${limits.contentEncoding ?? ''}).`,
          { details: { url: limits.url, maxBytes: limits.maxBytes, inflatedBytes: total } },
        );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (decoding && isZlibError(error)) {
      throw new AtlasError(
        'http_error',
        `The response from ${limits.url} declares Content-Encoding ${limits.contentEncoding ?? ''} but cannot be decoded.`,
        { cause: error, details: { url: limits.url, reason: 'undecodable_body' } },
      );
    }
    throw error;
  }
  return { body: Buffer.concat(chunks, total), decoded: decoding };
}
