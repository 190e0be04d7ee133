// Splits an NDJSON (JSON Lines) byte stream into lines as the chunks arrive, so a dump of any size is read
// with memory bounded by one line: chunks may end anywhere (inside a line, inside a UTF-8 sequence), CRLF
// and LF both end a line, a BOM at the very start is dropped, blank lines are skipped (their numbers still
// count), and a line longer than the cap is reported by number and length and never buffered.
// Every line knows the byte offset just after it, so a reader can resume there. Pure; no I/O.

export interface NdjsonLine {
  /** 1-based line number in the whole stream. */
  readonly line: number;
  /** The line's text (UTF-8 decoded, without the line break), or null when it was longer than the cap. */
  readonly text: string | null;
  /** The line's length in bytes. */
  readonly bytes: number;
  /** Byte offset in the whole stream just after this line's break: where reading resumes after it. */
  readonly endOffset: number;
}

export interface NdjsonSplitterOptions {
  /** Longest line kept, in bytes. */
  readonly maxLineBytes: number;
  /** Where the stream starts when resuming: the line number before the first byte, and its byte offset. */
  readonly startLine?: number;
  readonly startOffset?: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export class NdjsonSplitter {
  readonly #max: number;
  #line: number;
  #offset: number;
  #parts: Buffer[] = [];
  #pending = 0;
  #overflow = false;
  #atStart: boolean;
  #head: Buffer = Buffer.alloc(0);

  constructor(options: NdjsonSplitterOptions) {
    this.#max = options.maxLineBytes;
    this.#line = options.startLine ?? 0;
    this.#offset = options.startOffset ?? 0;
    this.#atStart = this.#offset === 0;
  }

  /** Bytes consumed so far (complete lines only). */
  get offset(): number {
    return this.#offset;
  }

  /** The lines completed by `chunk`. */
  push(chunk: Buffer): NdjsonLine[] {
    let data = chunk;
    if (this.#atStart) {
      // The first bytes are held back until it is clear whether they are a byte order mark.
      this.#head = Buffer.concat([this.#head, chunk]);
      if (this.#head.length < 3 && BOM.subarray(0, this.#head.length).equals(this.#head)) return [];
      this.#atStart = false;
      data = this.#head;
      this.#head = Buffer.alloc(0);
      if (data.length >= 3 && data.subarray(0, 3).equals(BOM)) {
        data = data.subarray(3);
        this.#offset += 3;
      }
    }
    const out: NdjsonLine[] = [];
    let from = 0;
    for (let nl = data.indexOf(0x0a, from); nl !== -1; nl = data.indexOf(0x0a, from)) {
      this.#take(data.subarray(from, nl));
      const line = this.#finish(1);
      if (line !== null) out.push(line);
      from = nl + 1;
    }
    this.#take(data.subarray(from));
    return out;
  }

  /** The last line when the stream does not end with a line break. */
  end(): NdjsonLine[] {
    if (this.#atStart && this.#head.length > 0) {
      this.#atStart = false;
      const held = this.#head;
      this.#head = Buffer.alloc(0);
      const lines = this.push(held);
      return [...lines, ...this.end()];
    }
    if (this.#pending === 0 && !this.#overflow) return [];
    const line = this.#finish(0);
    return line === null ? [] : [line];
  }

  #take(part: Buffer): void {
    if (part.length === 0) return;
    this.#pending += part.length;
    if (this.#overflow) return;
    if (this.#pending > this.#max) {
      this.#overflow = true;
      this.#parts = [];
      return;
    }
    this.#parts.push(Buffer.from(part));
  }

  #finish(breakBytes: number): NdjsonLine | null {
    this.#line++;
    const bytes = this.#pending;
    this.#offset += bytes + breakBytes;
    const overflow = this.#overflow;
    let text: string | null = null;
    if (!overflow) {
      text = Buffer.concat(this.#parts).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
    }
    this.#parts = [];
    this.#pending = 0;
    this.#overflow = false;
    if (text !== null && text.trim() === '') return null;
    return { line: this.#line, text, bytes, endOffset: this.#offset };
  }
}
