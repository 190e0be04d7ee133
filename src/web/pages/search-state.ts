// What a search results page was asked for, read from the query string exactly as the JSON API reads it
// (src/search/filters.ts), and the links and hidden form fields that keep it while one thing changes (a filter
// removed, the next page). Only parameters the reader actually sent are carried along, so defaults stay
// defaults (sort follows the query, `lang` follows the page's language).
import {
  FACETS,
  parseSearchParams,
  type Facet,
  type SearchFilters,
  type SearchRequest,
} from '../../search/filters.js';
import type { PageContext, QueryValue } from './context.js';
import { escapeHtml } from './layout.js';

export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface SearchPageState {
  /** The words as the reader typed them (trimmed), "" to browse everything. */
  readonly text: string;
  /** The validated request; `lang` is the page's language unless the reader sent one. */
  readonly request: SearchRequest;
  /** The `lang` the reader sent, or null when the page's language stands in for it. */
  readonly explicitLang: string | null;
  readonly explicitSort: boolean;
  readonly explicitLimit: boolean;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const first: unknown = value.find((v) => typeof v === 'string' && v.trim() !== '');
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}

function present(raw: RawQuery, name: string): boolean {
  const value = firstString(raw[name]);
  return value !== undefined && value.trim() !== '';
}

/** The words of a raw query string, for keeping them in the form even when another parameter is wrong. */
export function rawSearchText(raw: RawQuery): string {
  return (firstString(raw.q) ?? '').trim();
}

/**
 * Reads a results page's query string. Throws SearchParameterError (naming the parameter) for anything the
 * JSON API would refuse.
 */
export function readSearchState(ctx: PageContext, raw: RawQuery): SearchPageState {
  const explicitLang = present(raw, 'lang');
  const request = parseSearchParams(explicitLang ? raw : { ...raw, lang: ctx.locale });
  return {
    text: rawSearchText(raw),
    request,
    explicitLang: explicitLang ? request.lang : null,
    explicitSort: present(raw, 'sort'),
    explicitLimit: present(raw, 'limit'),
  };
}

export interface StateChange {
  readonly q?: string;
  readonly filters?: SearchFilters;
  readonly cursor?: string | null;
}

/** The parameters of the state (with changes), as few as possible: defaults are left out. */
export function stateParams(state: SearchPageState, change: StateChange = {}): Record<string, QueryValue> {
  const r = state.request;
  const filters = change.filters ?? r.filters;
  const params: Record<string, QueryValue> = { q: change.q ?? state.text, lang: state.explicitLang };
  for (const facet of FACETS) params[facet] = filters[facet];
  params.free = filters.free;
  params.noLogin = filters.noLogin;
  params.crossLanguage = r.crossLanguage ? undefined : false;
  params.sort = state.explicitSort ? r.sort : undefined;
  params.limit = state.explicitLimit ? r.limit : undefined;
  params.cursor = change.cursor === undefined ? undefined : change.cursor;
  return params;
}

/** The results page of the state with changes (first page unless a cursor is given). */
export function stateHref(ctx: PageContext, state: SearchPageState, change: StateChange = {}): string {
  return ctx.href('/search', stateParams(state, change));
}

/** The filters without one value of one facet. */
export function withoutValue(filters: SearchFilters, facet: Facet, value: string): SearchFilters {
  return { ...filters, [facet]: filters[facet].filter((v) => v !== value) };
}

export function withoutFlag(filters: SearchFilters, flag: 'free' | 'noLogin'): SearchFilters {
  return { ...filters, [flag]: null };
}

/** Filters with nothing selected. */
export function noFilters(filters: SearchFilters): SearchFilters {
  const out = { ...filters, free: null, noLogin: null };
  for (const facet of FACETS) out[facet] = [];
  return out;
}

export function hasFilters(filters: SearchFilters): boolean {
  return FACETS.some((f) => filters[f].length > 0) || filters.free !== null || filters.noLogin !== null;
}

/** Hidden inputs carrying parameters into a form; `skip` names the ones the form has its own controls for. */
export function hiddenInputs(
  params: Readonly<Record<string, QueryValue>>,
  skip: ReadonlySet<string>,
): string {
  const out: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (skip.has(name) || value === undefined || value === null || value === '') continue;
    const values = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
    for (const v of values) {
      out.push(`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(v)}">`);
    }
  }
  return out.join('\n');
}
