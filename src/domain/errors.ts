// The error catalogue: every failure the product reports has a stable code listed here.
// Each surface (JSON API, HTML pages, CLI, later OAI-PMH) renders an AtlasError through its own mapper;
// codes never change meaning once published. Never imports anything of ours.

export const ERROR_CATALOGUE = {
  config_invalid: { httpStatus: 500, exitCode: 2, summary: 'The configuration is not valid.' },
  usage_error: { httpStatus: 400, exitCode: 2, summary: 'The command was not used correctly.' },
  invalid_parameter: {
    httpStatus: 400,
    exitCode: 2,
    summary: 'A parameter has a value that is not allowed.',
  },
  invalid_record: { httpStatus: 422, exitCode: 1, summary: 'A metadata record does not fit the profile.' },
  not_found: { httpStatus: 404, exitCode: 1, summary: 'The requested item does not exist.' },
  data_dir_unusable: { httpStatus: 503, exitCode: 1, summary: 'The data folder cannot be used.' },
  database_unreachable: { httpStatus: 503, exitCode: 1, summary: 'The database does not answer.' },
  database_corrupt: { httpStatus: 503, exitCode: 1, summary: 'The database file is damaged.' },
  database_too_new: {
    httpStatus: 503,
    exitCode: 1,
    summary: 'The database was written by a newer version of OER Atlas.',
  },
  migration_failed: { httpStatus: 503, exitCode: 1, summary: 'The database schema could not be upgraded.' },
  address_forbidden: {
    httpStatus: 400,
    exitCode: 1,
    summary: 'The address is on a private, loopback or link-local network, which harvesting may not reach.',
  },
  source_unreachable: { httpStatus: 502, exitCode: 1, summary: 'The source does not answer.' },
  request_timeout: { httpStatus: 504, exitCode: 1, summary: 'The source took too long to answer.' },
  http_error: { httpStatus: 502, exitCode: 1, summary: 'The source answered with an HTTP error.' },
  response_too_large: { httpStatus: 502, exitCode: 1, summary: 'The response is larger than allowed.' },
  decompression_refused: {
    httpStatus: 502,
    exitCode: 1,
    summary: 'The compressed response expands beyond the allowed size.',
  },
  not_oai_pmh: { httpStatus: 502, exitCode: 1, summary: 'The response is not an OAI-PMH document.' },
  oai_error: { httpStatus: 502, exitCode: 1, summary: 'The OAI-PMH provider reported an error.' },
  xml_malformed: { httpStatus: 422, exitCode: 1, summary: 'The XML is not well-formed.' },
  json_malformed: { httpStatus: 422, exitCode: 1, summary: 'The JSON is not well-formed.' },
  xml_dtd_refused: {
    httpStatus: 422,
    exitCode: 1,
    summary: 'The XML declares a DTD or entities, which are refused for safety.',
  },
  harvest_loop: { httpStatus: 502, exitCode: 1, summary: 'The source keeps sending the same page.' },
  unsupported_format: {
    httpStatus: 422,
    exitCode: 1,
    summary: 'The metadata format is not one OER Atlas can read.',
  },
  not_a_document: { httpStatus: 422, exitCode: 1, summary: 'The content is not in the expected format.' },
  harvest_busy: {
    httpStatus: 409,
    exitCode: 1,
    summary: 'This source is being harvested by another process.',
  },
  harvest_interrupted: { httpStatus: 503, exitCode: 1, summary: 'The harvest was stopped before its end.' },
  conflict: { httpStatus: 409, exitCode: 1, summary: 'The change conflicts with the current state.' },
  unavailable: { httpStatus: 503, exitCode: 1, summary: 'The service is not ready.' },
  internal_error: { httpStatus: 500, exitCode: 1, summary: 'Something went wrong inside OER Atlas.' },
} as const satisfies Record<string, { httpStatus: number; exitCode: 1 | 2; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface AtlasErrorOptions {
  /** Machine-readable details (a parameter name, a list of problems); safe to show to users. */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** An expected failure with a stable code and a message written for the person who must act on it. */
export class AtlasError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: AtlasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AtlasError';
    this.code = code;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_CATALOGUE[this.code].httpStatus;
  }

  get exitCode(): 1 | 2 {
    return ERROR_CATALOGUE[this.code].exitCode;
  }
}

export function isAtlasError(value: unknown): value is AtlasError {
  return value instanceof AtlasError;
}

/** Wraps anything thrown into an AtlasError; unknown failures become `internal_error` without leaking internals. */
export function toAtlasError(value: unknown): AtlasError {
  if (value instanceof AtlasError) return value;
  return new AtlasError('internal_error', ERROR_CATALOGUE.internal_error.summary, { cause: value });
}
