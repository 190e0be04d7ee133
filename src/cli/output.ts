// The CLI's one error mapper and its small printing helpers. Errors become one line naming the stable code
// (or a JSON object with --json); never a stack trace unless ATLAS_DEBUG=1 asks for one.
import { ERROR_CATALOGUE, toAtlasError } from '../domain/errors.js';
import { write, type CliIo } from './io.js';

export function printJson(io: CliIo, value: unknown): void {
  write(io.stdout, JSON.stringify(value, null, 2));
}

/** Renders any failure for the terminal and returns the exit code: 1 for failures, 2 for bad usage. */
export function renderError(io: CliIo, error: unknown, json: boolean): 1 | 2 {
  const atlasError = toAtlasError(error);
  if (json) {
    const body: Record<string, unknown> = { code: atlasError.code, message: atlasError.message };
    if (atlasError.details !== undefined) body.details = atlasError.details;
    write(io.stdout, JSON.stringify({ error: body }, null, 2));
  } else {
    write(io.stderr, `error [${atlasError.code}]: ${atlasError.message}`);
    if (atlasError.code === 'internal_error' && io.env.ATLAS_DEBUG !== '1') {
      write(io.stderr, 'Run again with ATLAS_DEBUG=1 to see the technical details.');
    }
  }
  if (io.env.ATLAS_DEBUG === '1') {
    const cause = atlasError.cause ?? atlasError;
    write(io.stderr, cause instanceof Error ? (cause.stack ?? cause.message) : JSON.stringify(cause));
  }
  return ERROR_CATALOGUE[atlasError.code].exitCode;
}

/** Left-aligned columns for human-readable lists. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
