// The one error mapper of the web surface: turns anything thrown while serving a request (AtlasError, Fastify's
// own validation and parsing errors, unexpected exceptions) into a catalogue code and renders it as JSON for
// API clients or as an accessible HTML page for people. Never lets a stack trace, SQL or an unexpected
// exception's message reach the response; those go to the log only.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { AtlasError, ERROR_CATALOGUE, isAtlasError, toAtlasError, type ErrorCode } from '../domain/errors.js';
import { DEFAULT_LOCALE, type UiLocale } from './i18n/locales.js';
import { createPageContext } from './pages/context.js';
import { escapeHtml, renderPage } from './pages/layout.js';
import { localeOfUrl } from './pages/routes.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import { setFallbackSecurityHeaders } from './security.js';

/** The JSON shape of every error the web surface reports; other surfaces reuse it through errorBody. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details?: Readonly<Record<string, unknown>>;
  };
}

/** Presents an AtlasError as the wire shape `{ error: { code, message, details? } }`. Pure. */
export function errorBody(err: AtlasError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Mapping: anything thrown -> AtlasError
// ---------------------------------------------------------------------------------------------------------

// Fastify's own request errors, reworded for the person who sent the request. Its original messages are fine
// but mention framework internals ("content-type parser"); ours name what to change.
const FRAMEWORK_ERRORS: Readonly<Record<string, { readonly message: string; readonly parameter: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    message: 'The request body is larger than this server accepts.',
    parameter: 'body',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { message: 'The request body is not valid JSON.', parameter: 'body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    message: 'The request body is empty but its content type says JSON.',
    parameter: 'body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    message: 'The content type of the request body is not accepted here.',
    parameter: 'content-type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    message: 'The request body does not match its Content-Length header.',
    parameter: 'content-length',
  },
  FST_ERR_BAD_URL: { message: 'The address is not a valid URL.', parameter: 'url' },
  FST_ERR_MAX_PARAM_LENGTH: { message: 'A part of the address is too long.', parameter: 'url' },
};

function stringProperty(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : undefined;
}

function httpStatusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || !('statusCode' in value)) return undefined;
  return typeof value.statusCode === 'number' ? value.statusCode : undefined;
}

function validationOf(value: unknown): readonly FastifySchemaValidationError[] | undefined {
  if (typeof value !== 'object' || value === null || !('validation' in value)) return undefined;
  return Array.isArray(value.validation) ? (value.validation as FastifySchemaValidationError[]) : undefined;
}

/** Turns a JSON pointer such as `/filters/0/lang` into a readable parameter name `filters.0.lang`. */
function pointerToName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Names the parameter a schema rejected and says why, from the first validation problem Fastify reports. */
function fromValidation(problems: readonly FastifySchemaValidationError[], location: string): AtlasError {
  const problem = problems[0];
  const missing = problem?.keyword === 'required' ? problem.params.missingProperty : undefined;
  const extra = problem?.keyword === 'additionalProperties' ? problem.params.additionalProperty : undefined;
  const fromPointer = problem !== undefined ? pointerToName(problem.instancePath) : '';
  const parameter =
    typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : fromPointer || location;
  let message: string;
  if (typeof missing === 'string') {
    message = `The parameter "${parameter}" is required.`;
  } else if (typeof extra === 'string') {
    message = `The parameter "${parameter}" is not recognised.`;
  } else {
    message = `The parameter "${parameter}" ${problem?.message ?? 'has a value that is not allowed'}.`;
  }
  return new AtlasError('invalid_parameter', message, { details: { parameter, location } });
}

/**
 * Maps whatever was thrown to a catalogue error. AtlasErrors pass through; Fastify's validation, parsing and
 * routing errors get their codes; anything else becomes `internal_error` with the catalogue's generic message.
 */
export function toWebError(error: unknown): AtlasError {
  if (isAtlasError(error)) return error;

  const validation = validationOf(error);
  if (validation !== undefined) {
    return fromValidation(validation, stringProperty(error, 'validationContext') ?? 'request');
  }

  const known = FRAMEWORK_ERRORS[stringProperty(error, 'code') ?? ''];
  if (known !== undefined) {
    return new AtlasError('invalid_parameter', known.message, {
      details: { parameter: known.parameter },
      cause: error,
    });
  }

  // Other client errors raised by Fastify or a plugin: keep the class of failure, never the wording, which
  // may describe internals.
  const status = httpStatusOf(error);
  if (status === 404) return new AtlasError('not_found', ERROR_CATALOGUE.not_found.summary, { cause: error });
  if (status !== undefined && status >= 400 && status < 500) {
    return new AtlasError('invalid_parameter', 'The request could not be understood.', { cause: error });
  }
  return toAtlasError(error);
}

// ---------------------------------------------------------------------------------------------------------
// Rendering: AtlasError -> JSON or HTML
// ---------------------------------------------------------------------------------------------------------

interface MediaPreference {
  readonly q: number;
  /** 2 for an exact type, 1 for `type/*`, 0 for `*\/*`, -1 when nothing matched. */
  readonly specificity: number;
}

/** How much an Accept header wants one media type, taken from the most specific range that matches it. */
function preferenceFor(accept: string, type: string, subtype: string): MediaPreference {
  let best: MediaPreference = { q: 0, specificity: -1 };
  for (const entry of accept.split(',')) {
    const [range = '', ...params] = entry.split(';');
    const [rangeType = '', rangeSubtype = ''] = range.trim().toLowerCase().split('/');
    let specificity: number;
    if (rangeType === type && rangeSubtype === subtype) specificity = 2;
    else if (rangeType === type && rangeSubtype === '*') specificity = 1;
    else if (rangeType === '*' && rangeSubtype === '*') specificity = 0;
    else continue;
    if (specificity <= best.specificity) continue;
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const parsed = qParam === undefined ? 1 : Number.parseFloat(qParam.slice(2));
    const q = Number.isNaN(parsed) ? 1 : Math.min(Math.max(parsed, 0), 1);
    best = { q, specificity };
  }
  return best;
}

/**
 * True when an Accept header prefers JSON to HTML. A tie goes to whichever was named more precisely
 * (`application/json, *\/*` is a JSON client), and a full tie or no header to HTML, which is what browsers get.
 */
export function prefersJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return false;
  const json = preferenceFor(accept, 'application', 'json');
  const html = preferenceFor(accept, 'text', 'html');
  if (json.q === 0) return false;
  if (json.q !== html.q) return json.q > html.q;
  return json.specificity > html.specificity;
}

/** The path of a request URL, without query string or fragment (which may carry tokens). */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** Machine-facing paths answer in JSON whatever the Accept header says. */
function isMachinePath(path: string): boolean {
  return path === '/healthz' || path === '/readyz' || path === '/api' || path.startsWith('/api/');
}

/** The page's heading from a catalogue summary: the sentence without its final full stop. */
function headingOf(summary: string): string {
  return summary.replace(/[.。]\s*$/u, '');
}

/**
 * An accessible error page in the UI language of the request's URL (English when the URL names none): the
 * shared shell with lang/dir, one h1 (the code's summary in that language), the message (written in English
 * by the code that failed, so marked lang="en" on other pages), the code, the request id and a way home.
 */
export function renderErrorPage(err: AtlasError, requestId: string, locale: UiLocale | null = null): string {
  const ctx = createPageContext(locale ?? DEFAULT_LOCALE, '/');
  const englishSummary = ERROR_CATALOGUE[err.code].summary;
  const heading = headingOf(ctx.t(`errors.code.${err.code}`));
  const parts = [`<h1>${escapeHtml(heading)}</h1>`];
  // toAtlasError uses the summary as the message; saying it twice would only add noise for screen readers.
  if (err.message !== englishSummary) {
    parts.push(
      ctx.locale === 'en'
        ? `<p>${escapeHtml(err.message)}</p>`
        : `<p>${escapeHtml(ctx.t('errors.page.details'))} <span lang="en" dir="ltr">${escapeHtml(err.message)}</span></p>`,
    );
  }
  // A URL without a language links to "/" and "/search", which pick the reader's language; otherwise the
  // links stay in the URL's language.
  const home = locale === null ? '/' : ctx.href('/');
  if (err.code === 'not_found') {
    const search = locale === null ? '/search' : ctx.href('/search');
    parts.push(
      `<p>${escapeHtml(ctx.t('errors.page.notFoundHelp'))} <a href="${escapeHtml(search)}">${escapeHtml(ctx.t('errors.page.searchLink'))}</a></p>`,
    );
  }
  if (err.httpStatus >= 500) parts.push(`<p>${escapeHtml(ctx.t('errors.page.persisting'))}</p>`);
  parts.push(
    '<dl class="error-facts">',
    `<dt>${escapeHtml(ctx.t('errors.page.code'))}</dt><dd>${escapeHtml(err.code)}</dd>`,
    `<dt>${escapeHtml(ctx.t('errors.page.requestId'))}</dt><dd>${escapeHtml(requestId)}</dd>`,
    '</dl>',
    `<p><a href="${escapeHtml(home)}">${escapeHtml(ctx.t('errors.page.home'))}</a></p>`,
  );
  return renderPage({ ctx, title: heading, mainHtml: parts.join('\n'), alternates: false });
}

/** Sends an AtlasError in the representation the request calls for. The only place errors are written. */
export function sendError(request: FastifyRequest, reply: FastifyReply, err: AtlasError): void {
  // Set here as well as in the onRequest hook, because some errors are answered before any hook ran.
  reply.code(err.httpStatus).header(REQUEST_ID_HEADER, request.id).header('cache-control', 'no-store');
  const machinePath = isMachinePath(pathOf(request.url));
  // Elsewhere the same URL answers HTML or JSON depending on Accept; caches must keep them apart.
  if (!machinePath) reply.header('vary', 'Accept');
  if (machinePath || prefersJson(request.headers.accept)) {
    // Serialized here so that a route's response schema can never reshape (or strip) the error body.
    reply.type('application/json; charset=utf-8').send(JSON.stringify(errorBody(err)));
  } else {
    reply
      .type('text/html; charset=utf-8')
      .header('content-language', localeOfUrl(request.url) ?? DEFAULT_LOCALE)
      .send(renderErrorPage(err, request.id, localeOfUrl(request.url)));
  }
}

/** A path fit to quote back to the user: decoded, without control characters, and not absurdly long. */
function displayPath(url: string): string {
  const raw = pathOf(url);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  const clean = decoded.replace(/\p{Cc}/gu, '\uFFFD');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

function logFailure(request: FastifyRequest, thrown: unknown, err: AtlasError): void {
  if (err.code === 'internal_error') {
    // The full exception (stack, SQL, driver message) goes here and only here.
    request.log.error({ err: thrown, code: err.code }, 'unexpected error while handling the request');
  } else if (err.httpStatus >= 500) {
    request.log.warn({ err: thrown, code: err.code }, err.message);
  } else {
    request.log.debug({ code: err.code, details: err.details }, err.message);
  }
}

/** Installs the error handler and the not-found handler on the root instance. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const err = toWebError(error);
    logFailure(request, error, err);
    sendError(request, reply, err);
  });

  app.setNotFoundHandler((request, reply) => {
    const err = new AtlasError('not_found', `Nothing was found at "${displayPath(request.url)}".`);
    logFailure(request, err, err);
    sendError(request, reply, err);
  });
}

/**
 * Fastify's `frameworkErrors` option: errors found while routing (a malformed URL, an overlong parameter),
 * before any hook has run. They get the same rendering, plus the headers helmet would have added.
 */
export function handleFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const err = toWebError(error);
  logFailure(request, error, err);
  setFallbackSecurityHeaders(reply);
  sendError(request, reply, err);
  // Fastify skips its completion hooks on this path, so the request line is written here.
  request.log.info(
    { method: request.method, path: pathOf(request.url), statusCode: err.httpStatus },
    'request completed',
  );
}
