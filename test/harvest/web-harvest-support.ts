// Helpers for the sitemap, feed, dump, CSV and file harvester tests: a source, a harvest context with the
// real guarded HTTP client (allowed onto 127.0.0.1 only because the tests' servers live there), and a
// runner that drives a harvester's generator to its end, optionally stopping after some pages the way a
// killed run stops.
import assert from 'node:assert/strict';
import { createGuardedHttpClient } from '../../src/adapters/http/guarded-http-client.js';
import type { HarvestMode, Protocol, Source } from '../../src/domain/catalog.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import {
  DEFAULT_HARVEST_LIMITS,
  type Checkpoint,
  type HarvestContext,
  type HarvestEnd,
  type HarvestLimits,
  type HarvestPage,
  type Harvester,
} from '../../src/harvest/harvester.js';
import type { HarvestedItem } from '../../src/ingest/page-writer.js';
import type { HttpClient } from '../../src/ports/http-client.js';

export function testClient(): HttpClient {
  return createGuardedHttpClient({
    userAgent: 'test',
    allowPrivateNetworks: true,
    perHostDelayMs: 0,
    defaultRetry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    defaultTimeoutMs: 5_000,
    defaultIdleTimeoutMs: 2_000,
    sleep: () => Promise.resolve(),
  });
}

export function testSource(protocol: Protocol, url: string, overrides: Partial<Source> = {}): Source {
  return {
    id: 'src-test',
    name: 'Test source',
    url,
    protocol,
    format: null,
    sets: [],
    excludeSets: [],
    schedule: 'manual',
    country: null,
    allowPrivateNetwork: true,
    settings: {},
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}

export interface ContextOptions {
  readonly mode?: HarvestMode;
  readonly resumeFrom?: Checkpoint | null;
  readonly previousState?: Checkpoint | null;
  readonly now?: Date;
  readonly limits?: Partial<HarvestLimits>;
  readonly signal?: AbortSignal;
}

export function testContext(source: Source, http: HttpClient, options: ContextOptions = {}): HarvestContext {
  const now = options.now ?? new Date('2024-06-01T12:00:00Z');
  return {
    source,
    http,
    mode: options.mode ?? 'full',
    resumeFrom: options.resumeFrom ?? null,
    previousState: options.previousState ?? null,
    now: () => now,
    signal: options.signal ?? new AbortController().signal,
    limits: { ...DEFAULT_HARVEST_LIMITS, ...(options.limits ?? {}) },
    sleep: () => Promise.resolve(),
  };
}

export interface RunResult {
  readonly pages: HarvestPage[];
  /** Null when the run was stopped before its end. */
  readonly end: HarvestEnd | null;
  readonly items: HarvestedItem[];
}

/** Drives the harvest; with `stopAfter`, stops after that many pages as a killed run would. */
export async function runHarvest(
  harvester: Harvester,
  ctx: HarvestContext,
  stopAfter?: number,
): Promise<RunResult> {
  const pages: HarvestPage[] = [];
  const generator = harvester.harvest(ctx);
  for (;;) {
    if (stopAfter !== undefined && pages.length >= stopAfter) {
      await generator.return(undefined as never);
      return { pages, end: null, items: pages.flatMap((p) => p.items) };
    }
    const step = await generator.next();
    if (step.done === true) return { pages, end: step.value, items: pages.flatMap((p) => p.items) };
    pages.push(step.value);
  }
}

/** The last checkpoint of a run. */
export function lastCheckpoint(result: RunResult): Checkpoint {
  const page = result.pages[result.pages.length - 1];
  assert.ok(page !== undefined, 'the run yielded no page');
  return page.checkpoint;
}

/** Ids of the items of one kind. */
export function idsOf(items: readonly HarvestedItem[], kind?: HarvestedItem['kind']): (string | null)[] {
  return items.filter((i) => kind === undefined || i.kind === kind).map((i) => i.sourceRecordId);
}

/** Maps every record item; returns the records and the failures by error code. */
export function mapAll(items: readonly HarvestedItem[]): {
  records: ResourceRecord[];
  failures: Map<string, number>;
} {
  const records: ResourceRecord[] = [];
  const failures = new Map<string, number>();
  for (const item of items) {
    if (item.kind !== 'record') continue;
    try {
      records.push(item.map());
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const key = typeof code === 'string' ? code : 'unknown';
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
  }
  return { records, failures };
}

export function brokenCodes(items: readonly HarvestedItem[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) if (item.kind === 'broken') out.set(item.code, (out.get(item.code) ?? 0) + 1);
  return out;
}
