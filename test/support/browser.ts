// Real-browser test support for the portal: Debian's Chromium driven by playwright-core (headless, no network
// but 127.0.0.1), the real web app served on 127.0.0.1 from a real SQLite file filled through the real import
// pipeline (real corpus files plus hostile records of our own), axe-core's WCAG 2.x A/AA rules injected without
// touching the page's Content Security Policy, reflow checks, and keyboard helpers that watch the focus.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Response,
} from 'playwright-core';
import { createAtlas, type Atlas } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { UI_LOCALES, type UiLocale } from '../../src/web/i18n/locales.js';
import { buildApp } from '../../src/web/app.js';
import { startServer } from '../../src/web/server.js';
import { CORPUS_DIR } from '../formats/corpus.js';
import { logCollector, type LogLine } from '../web/web-harness.js';
import { PROJECT_ROOT, runInProcess } from './cli-harness.js';
import { findChromium } from './system-parts.js';

export { UI_LOCALES, type UiLocale };

/** Where the suite writes its screenshots (gitignored). */
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-output', 'screenshots');

/** The WCAG 2.0, 2.1 and 2.2 level A and AA rule tags of axe-core. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/**
 * Time limits that only catch a hung browser or server: importing the catalog and starting the browser, and
 * one page check or journey, measured with room for a loaded two-core machine.
 */
export const SETUP_TIMEOUT = { timeout: 5 * 60_000 } as const;
export const STEP_TIMEOUT = { timeout: 4 * 60_000 } as const;

/** The widths every page is checked at: a desktop window, the 320 px reflow width and 200% zoom of the desktop. */
export const DESKTOP = { width: 1280, height: 800 } as const;
export const NARROW = { width: 320, height: 640 } as const;
/** A 1280x800 window at 200% zoom lays out exactly like a 640x400 CSS viewport. */
export const ZOOM_200 = { width: 640, height: 400 } as const;

// ---------------------------------------------------------------------------------------------------------
// The catalog: real corpus files and hostile records, imported with `oer-atlas import`
// ---------------------------------------------------------------------------------------------------------

/**
 * Real files of the shared corpus, in several languages and formats: OER Commons' CSV export (English and
 * many other languages, licences, levels, types), UFRGS LUME's OAI-PMH oai_dc page (Portuguese), ORCA.nrw's
 * LRMI dump (German), a ScoLOMFR notice (French) and an eXeLearning LOM-ES record (Spanish).
 */
export const CORPUS_FILES = [
  'jsonld/other-record-formats/oer-commons_records_2176.csv',
  'oai-pmh/dspace-lume-ufrgs_ListRecords_oai_dc_100.xml',
  'jsonld/orca-nrw_lrmi-profile_8-records.ndjson',
  'lom/scolomfr/scolomfr_real-notice_edumedia_echanges.xml',
  'lom/exelearning/exe_lom-es_spanish_rich_asi-soy-yo.xml',
] as const;

/** A word every hostile record carries in its title, so searches and the API find exactly them. */
export const HOSTILE_WORD = 'xsspayloadprobe';

/** The name the hostile records' source is imported under (the operator's text is escaped too). */
export const HOSTILE_SOURCE_NAME = `Hostile <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> source`;

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SVG = '"><svg onload=window.__pwned=1>';
const TEXTAREA = '</textarea><script>window.__pwned=1</script>';
const CLOSE_SCRIPT = '</script><script>window.__pwned=1</script><!--';
const ATTRIBUTE = `' onmouseover='window.__pwned=1' x='`;

/** Our own LRMI records whose every text field carries a script, event-handler or `javascript:` payload. */
export const HOSTILE_RECORDS: readonly Record<string, unknown>[] = [
  {
    name: `${HOSTILE_WORD} fractions ${SCRIPT}`,
    description: `Fractions for beginners ${IMG} and ${CLOSE_SCRIPT} with ${SVG}`,
    url: 'javascript:window.__pwned=1',
    creator: [{ '@type': 'Person', name: `${SVG} Ada` }],
    publisher: { '@type': 'Organization', name: `${SCRIPT} Publisher` },
    keywords: `${IMG}, fractions, ${ATTRIBUTE}`,
    license: 'https://creativecommons.org/licenses/by/4.0/',
    inLanguage: 'en',
    image: 'javascript:window.__pwned=1',
  },
  {
    name: `${HOSTILE_WORD} geometry ${TEXTAREA}`,
    description: `Angles and triangles ${TEXTAREA} and ${CLOSE_SCRIPT}`,
    url: 'https://hostile.example.org/oer/geometry?x="><script>window.__pwned=1</script>',
    creator: [{ '@type': 'Person', name: `${IMG} Grace` }],
    keywords: [SVG, 'geometry'],
    license: 'https://creativecommons.org/licenses/by-sa/4.0/',
    inLanguage: 'en',
    educationalLevel: `${SCRIPT} secondary school`,
    learningResourceType: IMG,
  },
  {
    name: `${HOSTILE_WORD} ${IMG} algebra`,
    description: `${ATTRIBUTE} Linear equations ${SCRIPT}`,
    url: ' JaVaScRiPt:window.__pwned=1',
    sameAs: ['javascript:window.__pwned=1', 'data:text/html,<script>window.__pwned=1</script>'],
    creator: [{ '@type': 'Person', name: `${TEXTAREA} Hypatia` }],
    license: 'javascript:window.__pwned=1',
    inLanguage: 'ar',
  },
  {
    name: `${HOSTILE_WORD} ${SVG} الكسور`,
    description: `درس عن الكسور ${CLOSE_SCRIPT} ${IMG}`,
    url: 'https://hostile.example.org/oer/ar-fractions',
    creator: [{ '@type': 'Person', name: `${ATTRIBUTE} ابن الهيثم` }],
    license: 'https://creativecommons.org/licenses/by-nc/4.0/',
    inLanguage: 'ar',
  },
];

function hostileNdjson(): string {
  return `${HOSTILE_RECORDS.map((r) =>
    JSON.stringify({ '@context': 'https://schema.org', '@type': 'LearningResource', ...r }),
  ).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// The portal on 127.0.0.1
// ---------------------------------------------------------------------------------------------------------

export interface Portal {
  /** "http://127.0.0.1:PORT", without a trailing slash. */
  readonly url: string;
  readonly atlas: Atlas;
  readonly app: FastifyInstance;
  /** The server's log lines of level warn and above (a 500 leaves its stack here). */
  readonly problems: LogLine[];
  /** GET a JSON API path ("/api/v1/sources"); fails the test on a non-2xx answer. */
  json<T>(pathAndQuery: string): Promise<T>;
  close(): Promise<void>;
}

export interface PortalOptions {
  /** Also import the hostile records (default true). */
  readonly hostile?: boolean;
  /** Corpus files to import (paths under the corpus folder); default CORPUS_FILES. */
  readonly corpus?: readonly string[];
}

/** Imports the catalog through `oer-atlas import` into a fresh SQLite file and serves the app on 127.0.0.1. */
export async function startPortal(options: PortalOptions = {}): Promise<Portal> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-browser-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  const env = { ATLAS_DATA_DIR: dataDir };
  const importOne = async (target: string, name?: string): Promise<void> => {
    const args = ['import', target, ...(name === undefined ? [] : ['--name', name])];
    const result = await runInProcess(args, { env });
    assert.equal(result.code, 0, `oer-atlas ${args.join(' ')} failed:\n${result.stderr}`);
  };
  let atlas: Atlas | undefined;
  let app: FastifyInstance | undefined;
  try {
    for (const file of options.corpus ?? CORPUS_FILES) await importOne(path.join(CORPUS_DIR, file));
    if (options.hostile ?? true) {
      const folder = path.join(dir, 'hostile');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'records.jsonl'), hostileNdjson());
      await importOne(folder, HOSTILE_SOURCE_NAME);
    }
    atlas = await createAtlas(
      loadConfig({ env: { ...env, ATLAS_LOG_LEVEL: 'silent', ATLAS_DEMO: 'false' }, cwd: dir }),
    );
    const { stream, lines } = logCollector();
    app = await buildApp({
      store: atlas.store,
      sources: atlas.sources,
      search: atlas.search,
      logLevel: 'warn',
      logStream: stream,
    });
    const { url } = await startServer(app, { host: '127.0.0.1', port: 0 });
    return portalAt(url, atlas, app, lines, dir);
  } catch (error) {
    await app?.close();
    await atlas?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function portalAt(url: string, atlas: Atlas, app: FastifyInstance, problems: LogLine[], dir: string): Portal {
  return {
    url,
    atlas,
    app,
    problems,
    async json<T>(pathAndQuery: string): Promise<T> {
      const response = await fetch(`${url}${pathAndQuery}`, { headers: { accept: 'application/json' } });
      const text = await response.text();
      assert.ok(response.ok, `GET ${pathAndQuery} answered ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as T;
    },
    async close(): Promise<void> {
      await app.close();
      await atlas.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The page types, found through the JSON API
// ---------------------------------------------------------------------------------------------------------

/** Every page type of the portal; the 400 and 404 pages are the error page in their two most common forms. */
export const PAGE_TYPES = [
  'home',
  'search',
  'search-filtered',
  'search-empty',
  'search-partial',
  'search-bad-parameter',
  'resource',
  'sources',
  'source',
  'about',
  'api',
  'not-found',
] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export interface PageSpec {
  readonly type: PageType;
  /** The path after the language prefix, with its query ("/search?q=water"). */
  readonly path: string;
  /** The HTTP status the page must answer with. */
  readonly status: number;
}

interface ApiSearch {
  total: number;
  results: {
    id: string;
    name: string;
    description: string | null;
    license: { group: string } | null;
    inLanguage: string[];
  }[];
  facets: Record<string, { value: string; count: number }[] | undefined>;
}

interface ApiSources {
  results: { id: string; name: string }[];
}

/** The query the search pages use: common in the corpus, so it fills a page of results with facets. */
export const SEARCH_QUERY = 'science';
/** A search that finds nothing as a whole but works holding part of it (English records only, so that a word
 * nothing translates cannot be left out through a concept's other languages). */
const PARTIAL_SEARCH = `q=${SEARCH_QUERY}%20qzxwvjkqpf&lang=en&crossLanguage=false`;

/** Everything the page list and the journeys need, found through the API rather than hard-coded. */
export interface CatalogFacts {
  readonly query: string;
  /** A language and a licence with results for the query, and the results with both. */
  readonly language: string;
  readonly licence: string;
  readonly filteredTotal: number;
  /** A resource with a title, a description and a licence. */
  readonly resourceId: string;
  readonly resourceName: string;
  /** The source holding the most records. */
  readonly sourceId: string;
}

/** A query's most common language and licence, checked to find something together, as a reader's filters. */
export interface FilterChoice {
  readonly query: string;
  readonly total: number;
  readonly language: string;
  readonly licence: string;
  readonly filteredTotal: number;
}

/** Searches as a reader of `readerLanguage` does and picks the filters a journey applies. */
export async function filterChoice(
  portal: Portal,
  query: string,
  readerLanguage: string,
): Promise<FilterChoice> {
  const base = `/api/v1/resources?q=${encodeURIComponent(query)}&lang=${readerLanguage}`;
  const found = await portal.json<ApiSearch>(base);
  assert.ok(found.total >= 20, `the query "${query}" finds ${found.total} results; a full page needs 20`);
  const language = found.facets.inLanguage?.[0]?.value;
  const licence = found.facets.license?.find((f) => f.value !== 'unknown')?.value;
  assert.ok(language !== undefined && licence !== undefined, JSON.stringify(found.facets));
  const filtered = await portal.json<ApiSearch>(`${base}&inLanguage=${language}&license=${licence}`);
  assert.ok(filtered.total > 0, `no results for ${query} in ${language} under ${licence}`);
  return { query, total: found.total, language, licence, filteredTotal: filtered.total };
}

export async function catalogFacts(portal: Portal): Promise<CatalogFacts> {
  const query = SEARCH_QUERY;
  const { language, licence, filteredTotal } = await filterChoice(portal, query, 'en');
  const found = await portal.json<ApiSearch>(`/api/v1/resources?q=${encodeURIComponent(query)}&lang=en`);
  // The richest page: a licence and a description when a result has both, else a licence.
  const many = await portal.json<ApiSearch>(
    `/api/v1/resources?q=${encodeURIComponent(query)}&lang=en&limit=100`,
  );
  const resource =
    many.results.find((r) => r.license !== null && (r.description ?? '').length > 40) ??
    many.results.find((r) => r.license !== null);
  assert.ok(resource !== undefined, `no result for ${query} has a licence`);
  // The page of works matching only part of a search: no English record holds the made-up word.
  const partial = await portal.json<{ total: number; partial: unknown[] }>(
    `/api/v1/resources?${PARTIAL_SEARCH}`,
  );
  assert.ok(
    partial.total === 0 && partial.partial.length > 0,
    `${PARTIAL_SEARCH}: ${JSON.stringify(partial)}`,
  );
  const sources = await portal.json<ApiSources>('/api/v1/sources');
  const counts = found.facets.source ?? [];
  const sourceId = counts[0]?.value ?? sources.results[0]?.id;
  assert.ok(sourceId !== undefined, 'no source');
  return {
    query,
    language,
    licence,
    filteredTotal,
    resourceId: resource.id,
    resourceName: resource.name,
    sourceId,
  };
}

/** The ids of the hostile records' works, found by their shared word. */
export async function hostileResourceIds(portal: Portal): Promise<string[]> {
  const found = await portal.json<ApiSearch>(`/api/v1/resources?q=${HOSTILE_WORD}&limit=50`);
  return found.results.map((r) => r.id);
}

export async function hostileSourceId(portal: Portal): Promise<string> {
  const sources = await portal.json<ApiSources>('/api/v1/sources');
  const source = sources.results.find((s) => s.name === HOSTILE_SOURCE_NAME);
  assert.ok(source !== undefined, `the hostile source is not listed: ${JSON.stringify(sources.results)}`);
  return source.id;
}

/** One page of every type the portal has, with the status it must answer. */
export function pageSpecs(facts: CatalogFacts): ReadonlyMap<PageType, PageSpec> {
  const q = encodeURIComponent(facts.query);
  const specs: PageSpec[] = [
    { type: 'home', path: '/', status: 200 },
    { type: 'search', path: `/search?q=${q}`, status: 200 },
    {
      type: 'search-filtered',
      path: `/search?q=${q}&inLanguage=${facts.language}&license=${facts.licence}`,
      status: 200,
    },
    { type: 'search-empty', path: '/search?q=qzxwvjkqpf', status: 200 },
    // No record holds both words: the page lists works matching only part of the search.
    { type: 'search-partial', path: `/search?${PARTIAL_SEARCH}`, status: 200 },
    { type: 'search-bad-parameter', path: `/search?q=${q}&sort=random`, status: 400 },
    { type: 'resource', path: `/resources/${encodeURIComponent(facts.resourceId)}`, status: 200 },
    { type: 'sources', path: '/sources', status: 200 },
    { type: 'source', path: `/sources/${encodeURIComponent(facts.sourceId)}`, status: 200 },
    { type: 'about', path: '/about', status: 200 },
    { type: 'api', path: '/api', status: 200 },
    { type: 'not-found', path: '/no-such-page', status: 404 },
  ];
  return new Map(specs.map((spec) => [spec.type, spec]));
}

export function localizedPath(locale: UiLocale, spec: PageSpec): string {
  return `/${locale}${spec.path}`;
}

// ---------------------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------------------

/** Launches Debian's Chromium headless; host names never resolve, so only 127.0.0.1 can be reached. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  assert.ok(executablePath !== null, 'Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1', '--no-proxy-server', '--lang=en-US'],
  });
}

/** What a page did that a test may want to look at: blocked requests, console errors, CSP reports, dialogs. */
export interface PageWatch {
  /** Requests to anything but the portal, each aborted: "type url". */
  readonly blocked: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly dialogs: string[];
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly watch: PageWatch;
  readonly close: () => Promise<void>;
}

/** A browser context on the portal (its URL is the base for relative paths); pages are opened in it. */
export interface PortalContext {
  readonly context: BrowserContext;
  /** A new page that may reach the portal only; everything else is aborted and recorded. */
  readonly newPage: () => Promise<OpenedPage>;
  readonly close: () => Promise<void>;
}

export async function openContext(
  browser: Browser,
  portal: Portal,
  options: BrowserContextOptions = {},
): Promise<PortalContext> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options, baseURL: portal.url });
  const origin = new URL(portal.url).origin;
  const newPage = async (): Promise<OpenedPage> => {
    const page = await context.newPage();
    const watch: PageWatch = { blocked: [], consoleErrors: [], pageErrors: [], dialogs: [] };
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (new URL(request.url()).origin === origin) {
        await route.continue();
      } else {
        watch.blocked.push(`${request.resourceType()} ${request.url()}`);
        await route.abort('blockedbyclient');
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error') watch.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => watch.pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    return { context, page, watch, close: () => page.close() };
  };
  return { context, newPage, close: () => context.close() };
}

/** A fresh context with one page on the portal; closing the page closes its context. */
export async function openPage(
  browser: Browser,
  portal: Portal,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const portalContext = await openContext(browser, portal, options);
  const opened = await portalContext.newPage();
  return { ...opened, close: portalContext.close };
}

/** Goes to a portal path and checks the status, naming the URL when it is not the expected one. */
export async function visit(page: Page, pathAndQuery: string, status = 200): Promise<Response> {
  const response = await page.goto(pathAndQuery, { waitUntil: 'load' });
  assert.ok(response !== null, `no response for ${pathAndQuery}`);
  const got = response.status();
  if (got !== status) {
    const hint = got === 404 ? ' (is the page registered in src/web/pages/index.ts?)' : '';
    assert.fail(`GET ${response.url()} answered ${got}, expected ${status}${hint}`);
  }
  return response;
}

// ---------------------------------------------------------------------------------------------------------
// In-page code. The project compiles without the DOM library, so the little the functions below touch is
// declared here, for this module only; they run inside the page, never in Node.
// ---------------------------------------------------------------------------------------------------------

interface DomRect {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface DomElement {
  readonly tagName: string;
  readonly id: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly parentElement: DomElement | null;
  readonly textContent: string | null;
  readonly children: ArrayLike<DomElement>;
  /** Form controls only. */
  readonly value?: string;
  readonly checked?: boolean;
  readonly selectionStart?: number | null;
  readonly selectionEnd?: number | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): DomRect;
  matches(selector: string): boolean;
  closest(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomStyle {
  readonly outlineStyle: string;
  readonly outlineWidth: string;
  readonly boxShadow: string;
  readonly overflowX: string;
  readonly display: string;
  readonly gridTemplateColumns: string;
  readonly visibility: string;
}
interface DomDocument {
  readonly documentElement: DomElement & { readonly scrollWidth: number; readonly clientWidth: number };
  readonly body: DomElement | null;
  readonly activeElement: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface AxeRunner {
  run(
    context: unknown,
    options: { runOnly: { type: 'tag' | 'rule'; values: readonly string[] }; resultTypes: string[] },
  ): Promise<{ violations: AxeViolation[] }>;
}
interface DomWindow {
  axe?: AxeRunner;
  getComputedStyle(element: DomElement, pseudo?: string): DomStyle;
  getSelection(): { toString(): string } | null;
  readonly navigator: {
    readonly clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> };
  };
}
declare const document: DomDocument;
declare const window: DomWindow;

/** The document's language, direction and number of h1 elements. */
export async function pageShell(
  page: Page,
): Promise<{ lang: string | null; dir: string | null; h1: number }> {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    h1: document.querySelectorAll('h1').length,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// axe-core
// ---------------------------------------------------------------------------------------------------------

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly {
    readonly target: readonly unknown[];
    readonly html: string;
    readonly failureSummary?: string;
  }[];
}

/**
 * Runs axe-core's WCAG A/AA rules (or the given rules) on the page as it is now. axe's source goes in through
 * the DevTools protocol (page.evaluate), which the page's Content Security Policy does not govern, so the
 * page under test keeps its policy; nothing is added to the document.
 */
export async function runAxe(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
  const present = await page.evaluate(() => window.axe !== undefined);
  if (!present) await page.evaluate(axe.source);
  const runOnly =
    rules === undefined
      ? { type: 'tag' as const, values: WCAG_TAGS }
      : { type: 'rule' as const, values: rules };
  return page.evaluate(
    async (only) => {
      const runner = window.axe;
      if (runner === undefined) throw new Error('axe-core did not load');
      const results = await runner.run(document, { runOnly: only, resultTypes: ['violations'] });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target,
          html: n.html.slice(0, 300),
          ...(n.failureSummary === undefined ? {} : { failureSummary: n.failureSummary }),
        })),
      }));
    },
    { type: runOnly.type, values: [...runOnly.values] },
  );
}

/** Readable lines for a failure: rule id, impact, help, then each target selector with its markup. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  const lines: string[] = [];
  for (const v of violations) {
    lines.push(`  ${where}: [${v.id}] (${v.impact ?? 'no impact'}) ${v.help} <${v.helpUrl}>`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(
        `      target ${JSON.stringify(node.target)}  ${node.html.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
      if (node.failureSummary !== undefined) {
        lines.push(`        ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}`);
      }
    }
    if (v.nodes.length > 8) lines.push(`      ... and ${v.nodes.length - 8} more elements`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Reflow
// ---------------------------------------------------------------------------------------------------------

export interface Overflow {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  /** The outermost elements that stick out of the viewport (tag#id.class and their box). */
  readonly outermost: readonly string[];
  /** Their parents, which let them grow: display, and the track sizes of a grid (an `auto` track grows to
   * the min-content width of its items; `minmax(0, 1fr)` does not). */
  readonly containers: readonly string[];
}

/** Null when the page needs no horizontal scrolling; otherwise the widths and the elements that stick out. */
export async function horizontalOverflow(page: Page): Promise<Overflow | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const width = root.clientWidth;
    const outermost: string[] = [];
    const containers: string[] = [];
    const all = document.querySelectorAll('body *');
    for (let i = 0; i < all.length && outermost.length < 6; i += 1) {
      const el = all[i];
      if (el === undefined) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || (box.right <= width + 0.5 && box.left >= -0.5)) continue;
      const parent = el.parentElement;
      const p = parent === null ? null : parent.getBoundingClientRect();
      if (p !== null && (p.right > width + 0.5 || p.left < -0.5)) continue;
      const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).join('.');
      outermost.push(
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls ? `.${cls}` : ''} [${Math.round(box.left)}..${Math.round(box.right)}]`,
      );
      if (parent !== null) {
        const style = window.getComputedStyle(parent);
        const pcls = (parent.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).join('.');
        const tracks = style.display.includes('grid')
          ? `; grid-template-columns: ${style.gridTemplateColumns}`
          : '';
        const name = `${parent.tagName.toLowerCase()}${parent.id ? `#${parent.id}` : ''}${pcls ? `.${pcls}` : ''} (display: ${style.display}${tracks})`;
        if (!containers.includes(name)) containers.push(name);
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, outermost, containers };
  });
}

export function describeOverflow(where: string, overflow: Overflow): string {
  return [
    `  ${where}: horizontal scrolling, scrollWidth ${overflow.scrollWidth} > clientWidth ${overflow.clientWidth}`,
    `      sticking out: ${overflow.outermost.join(', ') || '(none found)'}`,
    `      inside: ${overflow.containers.join(', ') || '(the page itself)'}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Focus and the keyboard
// ---------------------------------------------------------------------------------------------------------

export interface FocusState {
  readonly tag: string;
  readonly id: string;
  readonly type: string | null;
  readonly name: string | null;
  readonly value: string | null;
  readonly href: string | null;
  /** For checkboxes and radio buttons: whether it is checked; null for other elements. */
  readonly checked: boolean | null;
  readonly text: string;
  /** An outline or a box shadow is drawn around it. */
  readonly visible: boolean;
  readonly outline: string;
  readonly boxShadow: string;
  /** Whether it lies inside the viewport after the browser scrolled it into view. */
  readonly onScreen: boolean;
  /** A short description for messages. */
  readonly label: string;
}

export async function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null || el === document.body || el === document.documentElement) {
      return {
        tag: 'body',
        id: '',
        type: null,
        name: null,
        value: null,
        href: null,
        checked: null,
        text: '',
        visible: false,
        outline: '',
        boxShadow: '',
        onScreen: false,
        label: '(nothing focused)',
      };
    }
    const style = window.getComputedStyle(el);
    const outline = `${style.outlineStyle} ${style.outlineWidth}`;
    const drawn = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const box = el.getBoundingClientRect();
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const tag = el.tagName.toLowerCase();
    // No named helper functions in here: the TypeScript loader would wrap them in a helper the page lacks.
    const type = el.getAttribute('type');
    const name = el.getAttribute('name');
    const value = el.getAttribute('value');
    const href = el.getAttribute('href');
    const checked = el.checked;
    const label = [
      `<${tag}`,
      el.id ? ` id="${el.id}"` : '',
      name === null ? '' : ` name="${name}"`,
      value === null ? '' : ` value="${value}"`,
      href === null ? '' : ` href="${href}"`,
      `>${text.slice(0, 40)}`,
    ].join('');
    return {
      tag,
      id: el.id,
      type,
      name,
      value,
      href,
      checked: typeof checked === 'boolean' && /^(checkbox|radio)$/.test(type ?? '') ? checked : null,
      text,
      visible: drawn || shadow,
      outline,
      boxShadow: style.boxShadow,
      onScreen: box.bottom > 0 && box.right > 0 && box.width > 0 && box.height > 0,
      label,
    };
  });
}

/** Fails unless the focused element shows a focus indicator. */
export function assertFocusVisible(state: FocusState, where: string): void {
  assert.ok(
    state.visible,
    `${where}: the focus on ${state.label} is not visible (outline "${state.outline}", box-shadow "${state.boxShadow}")`,
  );
  assert.ok(state.onScreen, `${where}: the focused ${state.label} is not on screen`);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element satisfies `wanted`, checking at every stop that the
 * focus is visible. Fails with the path taken when the element is not reached within `max` presses.
 */
export async function tabTo(
  page: Page,
  wanted: (state: FocusState) => boolean,
  what: string,
  options: { max?: number; backwards?: boolean } = {},
): Promise<FocusState> {
  const max = options.max ?? 400;
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(options.backwards === true ? 'Shift+Tab' : 'Tab');
    const state = await focusState(page);
    seen.push(state.label);
    if (state.tag !== 'body') assertFocusVisible(state, `tabbing to ${what} on ${page.url()}`);
    if (wanted(state)) return state;
  }
  return assert.fail(
    `${what} was not reached with ${max} presses of Tab on ${page.url()}; the focus went through:\n  ${seen.slice(0, 60).join('\n  ')}`,
  );
}

/** The text selected in the focused text box (or the page's selection), and the box's whole value. */
export async function selectionInFocusedBox(page: Page): Promise<{ selected: string; value: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el !== null && typeof el.value === 'string') {
      const start = el.selectionStart ?? 0;
      const end = el.selectionEnd ?? 0;
      return { selected: el.value.slice(start, end), value: el.value };
    }
    return { selected: window.getSelection()?.toString() ?? '', value: '' };
  });
}

/**
 * Presses a key that navigates (Enter on a link or a submit button) and waits for the new page to load;
 * fails when it does not answer with a 2xx status.
 */
export async function pressAndNavigate(page: Page, key: string, what: string): Promise<Response> {
  const answered = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame(),
    { timeout: 30_000 },
  );
  await page.keyboard.press(key);
  const response = await answered.catch(() =>
    assert.fail(`${key} on ${what} did not load a page (${page.url()})`),
  );
  assert.ok(response.ok(), `${key} on ${what} loaded ${response.url()} with status ${response.status()}`);
  await page.waitForURL((url) => url.href.split('#')[0] === response.url().split('#')[0], {
    waitUntil: 'load',
  });
  return response;
}

/** The value of the first text box matching a selector (textarea or input), or null when there is none. */
export async function textBoxValue(page: Page, selector: string): Promise<string | null> {
  return page.evaluate((sel) => {
    const el = document.querySelectorAll(sel)[0];
    return el === undefined || typeof el.value !== 'string' ? null : el.value;
  }, selector);
}

/** The system clipboard's text, read in the page (the context needs the clipboard-read permission). */
export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => window.navigator.clipboard.readText());
}

/** Puts text on the clipboard (to clear it before a copy); the browser's clipboard is shared by all its pages. */
export async function writeClipboard(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => window.navigator.clipboard.writeText(value), text);
}

// ---------------------------------------------------------------------------------------------------------
// Injection checks
// ---------------------------------------------------------------------------------------------------------

export interface InjectionFindings {
  readonly pwned: boolean;
  /** Elements carrying an on* attribute. */
  readonly handlers: readonly string[];
  /** Links, forms, frames and images pointing at javascript:, vbscript: or data:text/html. */
  readonly dangerousUrls: readonly string[];
  /** <script> elements that are neither ours (src under /assets/) nor JSON-LD data. */
  readonly foreignScripts: readonly string[];
  /** JSON-LD blocks that do not parse as JSON. */
  readonly brokenJsonLd: readonly string[];
  /** Elements the payloads would create if they escaped (svg, iframe, object, embed, img without https). */
  readonly injectedElements: readonly string[];
  /** The securitypolicyviolation events the page fired, with their disposition. */
  readonly cspViolations: readonly string[];
}

/** Installs a listener that keeps every CSP violation the page reports (call before navigating). */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  // An init script runs through the DevTools protocol, outside the page's policy, and adds nothing to the DOM.
  await context.addInitScript(() => {
    const store: string[] = [];
    Object.defineProperty(globalThis, '__cspViolations', { value: store });
    (
      globalThis as unknown as {
        addEventListener(type: string, listener: (event: Record<string, unknown>) => void): void;
      }
    ).addEventListener('securitypolicyviolation', (event) => {
      store.push(
        `${String(event.disposition)} ${String(event.effectiveDirective)} ${String(event.blockedURI)} ${String(event.sample)}`,
      );
    });
  });
}

export async function injectionFindings(page: Page): Promise<InjectionFindings> {
  // No named helper functions in the page function: the TypeScript loader would wrap them in a helper the
  // page lacks. Offending elements are gathered first and described once at the end.
  const found = await page.evaluate(() => {
    const handlers: DomElement[] = [];
    const dangerousUrls: DomElement[] = [];
    const foreignScripts: DomElement[] = [];
    const injectedElements: DomElement[] = [];
    const brokenJsonLd: string[] = [];
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc', 'poster'];
    const all = document.querySelectorAll('*');
    for (let i = 0; i < all.length; i += 1) {
      const el = all[i];
      if (el === undefined) continue;
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name) && !handlers.includes(el)) handlers.push(el);
        if (urlAttributes.includes(attr.name.toLowerCase())) {
          const compact = attr.value.replace(/[\s\p{Cc}]+/gu, '').toLowerCase();
          if (/^(javascript|vbscript):/.test(compact) || compact.startsWith('data:text/html')) {
            dangerousUrls.push(el);
          }
        }
      }
      const tag = el.tagName.toLowerCase();
      if (tag === 'script') {
        const src = el.getAttribute('src');
        if (el.getAttribute('type') === 'application/ld+json') {
          try {
            JSON.parse(el.textContent ?? '');
          } catch {
            brokenJsonLd.push((el.textContent ?? '').slice(0, 200));
          }
        } else if (src === null || !src.startsWith('/assets/')) {
          foreignScripts.push(el);
        }
      } else if (['svg', 'iframe', 'object', 'embed', 'math', 'base', 'frame', 'frameset'].includes(tag)) {
        injectedElements.push(el);
      } else if (tag === 'img' && !/^(https:|\/)/.test(el.getAttribute('src') ?? '')) {
        injectedElements.push(el);
      } else if (tag === 'meta' && el.closest('head') === null) {
        injectedElements.push(el);
      }
    }
    const [h, d, f, x] = [handlers, dangerousUrls, foreignScripts, injectedElements].map((list) =>
      list.map(
        (el) =>
          `<${el.tagName.toLowerCase()}${Array.from(el.attributes)
            .map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`)
            .join('')}>`,
      ),
    );
    const csp = (globalThis as unknown as { __cspViolations?: string[] }).__cspViolations ?? [];
    return {
      pwned: (globalThis as unknown as { __pwned?: unknown }).__pwned !== undefined,
      handlers: h ?? [],
      dangerousUrls: d ?? [],
      foreignScripts: f ?? [],
      brokenJsonLd,
      injectedElements: x ?? [],
      cspViolations: [...csp],
    };
  });
  return found;
}

/** A file name part from free text: "search-filtered", "ar", "320". */
export function slug(text: string): string {
  return text
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}
