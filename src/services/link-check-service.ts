// Checks the landing pages (`url`) of catalog records and feeds the outcome into their stored quality: takes the
// records due (never checked first, then the oldest checks), asks each URL with HEAD (GET when HEAD is not
// answered with success, never reading a body), classifies the answer, keeps counting inconclusive checks until
// they make a link dead, and stores each check with the record's quality recomputed from it.
// Every request goes through the HttpClient port (address guard, per-host politeness, timeouts) with the
// source's own private-network permission, as its harvester's requests do. Must never call a link dead on one
// bad day, nor let one failing check stop the batch.
import {
  LINK_FAILURES_FOR_DEAD,
  LINK_OUTCOMES,
  type DueLink,
  type LinkCheckState,
  type LinkCheckWrite,
  type LinkOutcome,
  type Source,
} from '../domain/catalog.js';
import { AtlasError, isAtlasError } from '../domain/errors.js';
import { mapLimited } from '../harvest/harvest-support.js';
import { recordQuality } from '../ingest/derived.js';
import type { HttpClient, HttpResponse, RetryPolicy } from '../ports/http-client.js';
import type { Store } from '../ports/store.js';
import { pause } from './pause.js';

/** What one check found, before it is combined with the checks before it. */
export interface LinkProbe {
  readonly outcome: LinkOutcome;
  readonly httpStatus: number | null;
  readonly finalUrl: string | null;
  readonly errorCode: string | null;
}

export interface LinkCheckServiceDeps {
  readonly store: Store;
  readonly http: HttpClient;
  /** Total time of one request (HEAD or GET, redirects included). Default 15 s. */
  readonly timeoutMs?: number;
  /** Checks in flight at once (the HTTP client still limits each host). Default 8. */
  readonly concurrency?: number;
  readonly now?: () => Date;
}

export interface LinkCheckRequest {
  /** Only this source's records; every source when left out. */
  readonly sourceId?: string;
  /** Links checked less than this many days ago are not checked again (default 30; 0 checks every link). */
  readonly olderThanDays?: number;
  /** At most this many checks (default: every due link). */
  readonly limit?: number;
  /** Called once the number of links due is known, and after each check. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops the checks: those in flight are abandoned and not stored; what was stored stays. */
  readonly signal?: AbortSignal;
}

export interface LinkCheckSummary {
  /** Links checked. */
  readonly checked: number;
  /** Checks stored (a record that changed or went away meanwhile keeps none). */
  readonly stored: number;
  readonly outcomes: Readonly<Record<LinkOutcome, number>>;
  /** Checks that found no working page, by their stable error code. */
  readonly errorsByCode: Readonly<Record<string, number>>;
  /** Links whose quality verdict is now dead (a definitive answer, or inconclusive too many times in a row). */
  readonly countedDead: number;
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface LinkCheckService {
  /** Checks the links due and stores the outcomes; throws `not_found` for an unknown source. */
  checkDue(request?: LinkCheckRequest): Promise<LinkCheckSummary>;
  /** Checks one URL without storing anything (what `links check` does for each record). */
  probe(url: string, allowPrivateNetwork: boolean, signal?: AbortSignal): Promise<LinkProbe>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_OLDER_THAN_DAYS = 30;
const BATCH = 100;
const DAY_MS = 86_400_000;
/** One attempt per check: a failing link is looked at again by the next check, not hammered now. */
const NO_RETRY: RetryPolicy = { maxAttempts: 1, baseDelayMs: 1_000, maxDelayMs: 1_000 };
const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const PERMANENT_REDIRECTS: ReadonlySet<number> = new Set([301, 308]);
/** 4xx answers that say nothing definitive about the page: a login wall, a bot filter, a rate limit. */
const INCONCLUSIVE_4XX: Readonly<Record<number, string>> = {
  401: 'http_unauthorized',
  403: 'http_forbidden',
  407: 'http_proxy_auth',
  408: 'http_request_timeout',
  425: 'http_too_early',
  429: 'http_rate_limited',
};

/** Classifies the final answer of a request (after its redirects). */
export function classifyResponse(
  response: Pick<HttpResponse, 'status' | 'url' | 'redirects' | 'redirectStatuses'>,
): LinkProbe {
  const { status } = response;
  if (status >= 200 && status < 300) {
    if (response.redirects.length === 0) {
      return { outcome: 'alive', httpStatus: status, finalUrl: null, errorCode: null };
    }
    // The address to give instead is where the permanent redirects at the start of the chain lead; a temporary
    // first hop means the address itself is the one to keep.
    const statuses = response.redirectStatuses ?? [];
    let permanent = 0;
    while (permanent < statuses.length && PERMANENT_REDIRECTS.has(statuses[permanent] ?? 0)) permanent += 1;
    if (permanent === 0) {
      return { outcome: 'alive', httpStatus: status, finalUrl: response.url, errorCode: null };
    }
    return {
      outcome: 'redirected',
      httpStatus: status,
      finalUrl: response.redirects[permanent - 1] ?? response.url,
      errorCode: null,
    };
  }
  const finalUrl = response.redirects.length > 0 ? response.url : null;
  if (status === 404 || status === 410) {
    return {
      outcome: 'dead',
      httpStatus: status,
      finalUrl,
      errorCode: status === 404 ? 'http_not_found' : 'http_gone',
    };
  }
  const inconclusive = INCONCLUSIVE_4XX[status];
  if (inconclusive !== undefined) {
    return { outcome: 'inconclusive', httpStatus: status, finalUrl, errorCode: inconclusive };
  }
  if (status >= 400 && status < 500) {
    return { outcome: 'dead', httpStatus: status, finalUrl, errorCode: 'http_client_error' };
  }
  if (status >= 500 && status < 600) {
    return { outcome: 'inconclusive', httpStatus: status, finalUrl, errorCode: 'http_server_error' };
  }
  return { outcome: 'inconclusive', httpStatus: status, finalUrl, errorCode: 'http_unexpected_status' };
}

function detail(error: AtlasError, key: string): unknown {
  return error.details?.[key];
}

/** Classifies a request that got no usable answer (the HttpClient's AtlasError codes). */
export function classifyFailure(error: unknown): LinkProbe {
  const none = (outcome: LinkOutcome, errorCode: string): LinkProbe => ({
    outcome,
    httpStatus: null,
    finalUrl: null,
    errorCode,
  });
  if (!isAtlasError(error)) return none('inconclusive', 'check_failed');
  const { code } = error;
  // Not the page's fault: the operator does not let the product reach that address.
  if (code === 'address_forbidden') return none('not_checked', 'address_forbidden');
  if (code === 'invalid_parameter') return none('not_checked', 'invalid_url');
  if (code === 'request_timeout') return none('inconclusive', 'timeout');
  if (code === 'harvest_loop') {
    return none(
      'inconclusive',
      detail(error, 'reason') === 'too_many_redirects' ? 'too_many_redirects' : 'redirect_loop',
    );
  }
  if (code === 'http_error') {
    const status = detail(error, 'status');
    if (typeof status === 'number') {
      const finalUrl = detail(error, 'finalUrl');
      return classifyResponse({ status, url: typeof finalUrl === 'string' ? finalUrl : '', redirects: [] });
    }
    return none('inconclusive', detail(error, 'reason') === 'bad_redirect' ? 'bad_redirect' : 'http_error');
  }
  if (code === 'source_unreachable') {
    if (detail(error, 'dnsCode') !== undefined) return none('inconclusive', 'dns_failure');
    return none('inconclusive', detail(error, 'reason') === 'refused' ? 'connection_refused' : 'unreachable');
  }
  return none('inconclusive', code);
}

/**
 * The stored state after a check: alive and redirected reset the count of failed checks; dead counts and is
 * dead at once; inconclusive counts and keeps the verdict before it until LINK_FAILURES_FOR_DEAD checks in a
 * row make it dead; not_checked (forbidden address, unusable URL) leaves the count and is not counted by quality.
 */
export function nextLinkState(
  due: Pick<DueLink, 'sourceId' | 'sourceRecordId' | 'url'>,
  probe: LinkProbe,
  previous: LinkCheckState | null,
  checkedAt: string,
): LinkCheckState {
  const before = previous !== null && previous.url === due.url ? previous : null;
  const failuresBefore = before?.failures ?? 0;
  const base = {
    sourceId: due.sourceId,
    sourceRecordId: due.sourceRecordId,
    url: due.url,
    outcome: probe.outcome,
    httpStatus: probe.httpStatus,
    finalUrl: probe.finalUrl,
    errorCode: probe.errorCode,
    checkedAt,
  };
  switch (probe.outcome) {
    case 'alive':
    case 'redirected':
      return { ...base, verdict: probe.outcome, failures: 0 };
    case 'dead':
      return { ...base, verdict: 'dead', failures: failuresBefore + 1 };
    case 'inconclusive': {
      const failures = failuresBefore + 1;
      return {
        ...base,
        verdict: failures >= LINK_FAILURES_FOR_DEAD ? 'dead' : (before?.verdict ?? 'unchecked'),
        failures,
      };
    }
    case 'not_checked':
      return { ...base, verdict: 'unchecked', failures: failuresBefore };
    default: {
      const unreachable: never = probe.outcome;
      throw new Error(`unhandled link outcome ${String(unreachable)}`);
    }
  }
}

export function createLinkCheckService(deps: LinkCheckServiceDeps): LinkCheckService {
  const { store, http } = deps;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const now = deps.now ?? (() => new Date());

  async function ask(
    url: string,
    method: 'HEAD' | 'GET',
    allowPrivateNetwork: boolean,
    signal: AbortSignal | undefined,
  ): Promise<LinkProbe> {
    try {
      const response = await http.fetch({
        url,
        method,
        headers: { accept: ACCEPT },
        allowPrivateNetwork,
        headersOnly: true,
        timeoutMs,
        idleTimeoutMs: timeoutMs,
        retry: NO_RETRY,
        ...(signal === undefined ? {} : { signal }),
      });
      return classifyResponse(response);
    } catch (error) {
      return classifyFailure(error);
    }
  }

  async function probe(url: string, allowPrivateNetwork: boolean, signal?: AbortSignal): Promise<LinkProbe> {
    const head = await ask(url, 'HEAD', allowPrivateNetwork, signal);
    // HEAD is cheap but often refused (405, 501) or mishandled (404 or 500 for a page that GET serves); any HTTP
    // answer but success or a rate limit is asked again with GET. Without an answer (timeout, refused, guard),
    // GET would only wait as long again.
    if (head.outcome === 'alive' || head.outcome === 'redirected') return head;
    if (head.httpStatus === null || head.httpStatus === 429) return head;
    return await ask(url, 'GET', allowPrivateNetwork, signal);
  }

  return {
    probe,
    async checkDue(request = {}) {
      const started = now();
      const olderThanDays = request.olderThanDays ?? DEFAULT_OLDER_THAN_DAYS;
      if (!Number.isFinite(olderThanDays) || olderThanDays < 0) {
        throw new AtlasError('invalid_parameter', 'olderThanDays must be a number of days of at least 0.', {
          details: { parameter: 'olderThanDays', value: olderThanDays },
        });
      }
      if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1)) {
        throw new AtlasError('invalid_parameter', 'limit must be a whole number of at least 1.', {
          details: { parameter: 'limit', value: request.limit },
        });
      }
      const sources = new Map<string, Source>();
      for (const source of await store.listSources()) sources.set(source.id, source);
      if (request.sourceId !== undefined && !sources.has(request.sourceId)) {
        throw new AtlasError('not_found', `There is no source with id ${request.sourceId}.`, {
          details: { id: request.sourceId },
        });
      }
      const due = {
        ...(request.sourceId === undefined ? {} : { sourceId: request.sourceId }),
        checkedBefore: new Date(started.getTime() - olderThanDays * DAY_MS).toISOString(),
      };
      const available = await store.countDueLinks(due);
      const total = Math.min(available, request.limit ?? available);
      request.onProgress?.(0, total);

      const outcomes = Object.fromEntries(LINK_OUTCOMES.map((o) => [o, 0])) as Record<LinkOutcome, number>;
      const errorsByCode: Record<string, number> = {};
      let checked = 0;
      let stored = 0;
      let countedDead = 0;
      const { signal } = request;
      const stopped = (): boolean => signal?.aborted === true;
      while (checked < total && !stopped()) {
        const batch = await store.listDueLinks({ ...due, limit: Math.min(BATCH, total - checked) });
        if (batch.length === 0) break;
        const results = await mapLimited(batch, concurrency, async (link): Promise<LinkCheckWrite | null> => {
          if (stopped()) return null;
          const allowPrivate = sources.get(link.sourceId)?.allowPrivateNetwork ?? false;
          const found = await probe(link.url, allowPrivate, signal);
          // A check cut short by the caller found nothing about the page.
          if (stopped()) return null;
          const state = nextLinkState(link, found, link.previous, now().toISOString());
          checked += 1;
          outcomes[state.outcome] += 1;
          if (state.errorCode !== null)
            errorsByCode[state.errorCode] = (errorsByCode[state.errorCode] ?? 0) + 1;
          if (state.verdict === 'dead') countedDead += 1;
          request.onProgress?.(checked, total);
          return {
            ...state,
            quality: recordQuality(link.record, state),
            recordUpdatedAt: link.recordUpdatedAt,
          };
        });
        stored += await store.saveLinkChecks(results.filter((w): w is LinkCheckWrite => w !== null));
      }
      return {
        checked,
        stored,
        outcomes,
        errorsByCode,
        countedDead,
        startedAt: started.toISOString(),
        durationMs: now().getTime() - started.getTime(),
      };
    },
  };
}

export interface LinkCheckScheduleDeps {
  readonly links: LinkCheckService;
  /** Links checked per hour, spread over LINK_SCHEDULE_SLICES rounds; 0 checks nothing. */
  readonly perHour: number;
  readonly signal: AbortSignal;
  /** Runs after a round that stored checks (the search index takes the changed scores). */
  readonly afterRound?: () => Promise<unknown>;
  readonly log: {
    info(details: object, message: string): void;
    warn(details: object, message: string): void;
  };
  /** Waits between rounds; tests pass a short one. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Rounds per hour of the background link checks: the hourly budget in six parts, one every ten minutes. */
export const LINK_SCHEDULE_SLICES = 6;

/**
 * The background link checks of `serve`: every ten minutes, a sixth of the hourly budget of due links (never
 * checked first, then those last checked more than 30 days ago). Ends when `signal` aborts; never throws (a
 * failed round is logged and the next one tries again).
 */
export async function runLinkCheckSchedule(deps: LinkCheckScheduleDeps): Promise<void> {
  if (deps.perHour <= 0) return;
  const perRound = Math.max(1, Math.ceil(deps.perHour / LINK_SCHEDULE_SLICES));
  const wait = deps.sleep ?? pause;
  while (!deps.signal.aborted) {
    try {
      const summary = await deps.links.checkDue({ limit: perRound, signal: deps.signal });
      if (summary.stored > 0) {
        await deps.afterRound?.();
        deps.log.info({ ...summary }, 'links checked');
      }
    } catch (error) {
      deps.log.warn({ err: error }, 'the link checks failed; trying again in the next round');
    }
    await wait(3_600_000 / LINK_SCHEDULE_SLICES, deps.signal);
  }
}
