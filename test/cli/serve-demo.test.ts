// A newcomer's first start, as the README tells it: the real `bin/oer-atlas serve` with the launcher's Node.js
// flags (what `npm start` runs) on a fresh data folder loads the bundled demo catalog in the background through
// the import pipeline; then a search in French and one in Arabic find resources, and a resource page gives its
// attribution (title, author, source, licence). A second start does not load the demo again, and --no-demo
// leaves the catalog empty.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { LAUNCHER_NODE_FLAGS } from '../../bench/launcher-flags.js';
import { escapeHtml } from '../../src/web/pages/layout.js';
import { BIN, PROJECT_ROOT } from '../support/cli-harness.js';

interface Served {
  readonly url: string;
  readonly startedAt: number;
  readonly servingAt: number;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr; rejects after `ms`. */
  waitFor(pattern: RegExp, ms: number): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}

async function serve(dataDir: string, args: readonly string[] = []): Promise<Served> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...LAUNCHER_NODE_FLAGS, BIN, 'serve', '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, ATLAS_DATA_DIR: dataDir, ATLAS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const waitFor = (pattern: RegExp, ms: number): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = pattern.exec(stderr);
        if (match === null) return false;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(match);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no ${String(pattern)} within ${ms} ms:\n${stderr}`));
      }, ms);
      waiters.add(wake);
      check();
    });
  let match: RegExpExecArray;
  try {
    match = await waitFor(/is serving (http:\/\/\S+) /, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: match[1] ?? '',
    startedAt,
    servingAt: Date.now(),
    stderr: () => stderr,
    waitFor,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

interface ApiResult {
  readonly id: string;
  readonly name: string;
  readonly license: { readonly id?: string } | null;
  readonly sources: readonly { readonly name: string }[];
  readonly matchedVia: readonly { readonly concept: string; readonly label: string }[];
}

async function searchApi(
  base: string,
  q: string,
  lang: string,
  limit = 10,
): Promise<{ total: number; results: ApiResult[] }> {
  const url = new URL('/api/v1/resources', base);
  url.searchParams.set('q', q);
  url.searchParams.set('lang', lang);
  url.searchParams.set('limit', String(limit));
  const response = await fetch(url);
  assert.equal(response.status, 200, `${q}: ${await response.clone().text()}`);
  return (await response.json()) as { total: number; results: ApiResult[] };
}

const folders: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-serve-demo-'));
  folders.push(dir);
  return dir;
}

void describe('oer-atlas serve with the demo catalog (the README first command)', () => {
  after(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  const dataDir = freshDataDir();
  let totalAnatomy = 0;

  void it('loads the demo on a fresh start; French and Arabic searches find it; a resource page gives its attribution', async (t) => {
    const served = await serve(dataDir);
    try {
      const loaded = await served.waitFor(
        /Demo catalog loaded: (\d+) records from (\d+) repositories/,
        120_000,
      );
      const loadedAt = Date.now();
      t.diagnostic(
        `serving after ${served.servingAt - served.startedAt} ms; demo loaded ${loadedAt - served.servingAt} ms later: ` +
          `${loaded[1]} records from ${loaded[2]} repositories`,
      );
      assert.ok(Number(loaded[1]) >= 500, 'hundreds of records');
      assert.equal(Number(loaded[2]), 11);

      // French: words found as typed in French records, and concepts that reach records in other languages.
      const counts: string[] = [];
      for (const q of ['mathématiques', 'biologie', 'éducation', 'histoire']) {
        const found = await searchApi(served.url, q, 'fr');
        counts.push(`${q}=${found.total}`);
        assert.ok(found.total > 0, `"${q}" (fr) finds resources`);
      }
      // Arabic: no record is in Arabic, so every hit comes through a concept of the vocabularies.
      for (const q of ['الرياضيات', 'التعليم', 'علم الأحياء', 'علم التشريح']) {
        const found = await searchApi(served.url, q, 'ar');
        counts.push(`${q}=${found.total}`);
        assert.ok(found.total > 0, `"${q}" (ar) finds resources`);
        assert.ok(
          found.results.every((r) => r.matchedVia.length > 0),
          `"${q}" (ar) says through which concept each result matched`,
        );
      }
      t.diagnostic(`results: ${counts.join(', ')}`);

      // A resource with an open licence and a plain title: its page carries title, author, source and licence.
      const anatomy = await searchApi(served.url, 'anatomie', 'fr', 50);
      totalAnatomy = anatomy.total;
      const pick = anatomy.results.find(
        (r) =>
          /^https:\/\/creativecommons\.org\/licenses\//.test(r.license?.id ?? '') &&
          r.sources.some((s) => s.name === 'AnatomyTOOL') &&
          /^[\p{L}\p{N} ,.:()-]+$/u.test(r.name),
      );
      assert.ok(
        pick,
        `an openly licensed AnatomyTOOL result among ${anatomy.results.map((r) => r.name).join(' | ')}`,
      );
      const licence = pick.license?.id ?? '';
      const record = (await (
        await fetch(new URL(`/api/v1/resources/${encodeURIComponent(pick.id)}`, served.url))
      ).json()) as { name: string; creator?: { name: string }[]; license?: { id: string } };
      assert.equal(record.license?.id, licence);
      const author = record.creator?.[0]?.name;
      assert.ok(author !== undefined, 'the record names its author');

      for (const locale of ['en', 'fr']) {
        const page = await fetch(new URL(`/${locale}/resources/${encodeURIComponent(pick.id)}`, served.url));
        assert.equal(page.status, 200, `/${locale}/resources/${pick.id}`);
        const html = await page.text();
        assert.ok(html.includes(escapeHtml(pick.name)), 'title');
        assert.ok(html.includes(escapeHtml(author)), 'author');
        assert.ok(html.includes('AnatomyTOOL'), 'source');
        assert.ok(html.includes(escapeHtml(licence)), 'licence URL');
        assert.match(html, /rel="license"|rel=&quot;license&quot;/, 'a machine-readable licence link');
      }
      t.diagnostic(`attribution checked on /en and /fr/resources/${pick.id} ("${pick.name}", ${licence})`);
    } finally {
      assert.equal(await served.stop(), 0, served.stderr());
    }
  });

  void it('does not load the demo again at the next start', async () => {
    const served = await serve(dataDir);
    try {
      await sleep(1500);
      assert.doesNotMatch(served.stderr(), /Loading the demo catalog/);
      assert.equal((await searchApi(served.url, 'anatomie', 'fr')).total, totalAnatomy);
    } finally {
      assert.equal(await served.stop(), 0, served.stderr());
    }
  });

  void it('leaves a fresh catalog empty with --no-demo', async () => {
    const served = await serve(freshDataDir(), ['--no-demo']);
    try {
      await sleep(1500);
      assert.doesNotMatch(served.stderr(), /Loading the demo catalog/);
      assert.equal((await searchApi(served.url, 'anatomie', 'fr')).total, 0);
    } finally {
      assert.equal(await served.stop(), 0, served.stderr());
    }
  });
});
