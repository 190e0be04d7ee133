// `oer-atlas links check` end to end: records imported through the real pipeline into a real SQLite file point at
// a web server this test starts on 127.0.0.1 (200, redirects of every kind, 404, 410, 500, HEAD refused, a hang,
// a redirect loop); the checks are stored, the quality score and fixes follow, `source show` lists the links to
// fix, a re-harvest keeps the outcome of an unchanged url and a changed url is due again. The address guard is
// tested with private networks forbidden. Traffic goes only to servers this test starts on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { SQLITE_FILE_NAME } from '../../src/composition.js';
import type { LinkCheckState } from '../../src/domain/catalog.js';
import type { Store } from '../../src/ports/store.js';
import type { SourceLinkReport } from '../../src/quality/link-report.js';
import type { SourceQualityReport } from '../../src/quality/source-report.js';
import type { LinkCheckSummary } from '../../src/services/link-check-service.js';
import { runInProcess, type CliResult } from '../support/cli-harness.js';

interface Hit {
  readonly method: string;
  readonly path: string;
}

/** A web server on 127.0.0.1 answering each path as `routes` says, recording every request. */
async function startServer(
  routes: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>>,
): Promise<{ server: Server; base: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const route = req.url ?? '/';
    hits.push({ method: req.method ?? '', path: route });
    const handler = routes[route];
    if (handler === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, hits };
}

const page = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
const redirect = (status: number, to: string) => (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(status, { location: to }).end();

const ROUTES: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>> = {
  '/ok': (_req, res) => page(res),
  '/moved': redirect(301, '/ok'),
  '/temporary': redirect(302, '/ok'),
  '/chain-1': redirect(308, '/chain-2'),
  '/chain-2': redirect(308, '/chain-3'),
  '/chain-3': (_req, res) => page(res),
  '/missing': (_req, res) => res.writeHead(404).end('not here'),
  '/gone': (_req, res) => res.writeHead(410).end('gone'),
  '/broken': (_req, res) => res.writeHead(500).end('oops'),
  '/no-head': (req, res) => {
    if (req.method === 'HEAD') res.writeHead(405, { allow: 'GET' }).end();
    else page(res);
  },
  // Never answers: the check gives up after ATLAS_LINK_CHECK_TIMEOUT_MS.
  '/hang': () => undefined,
  '/loop-a': redirect(302, '/loop-b'),
  '/loop-b': redirect(302, '/loop-a'),
};

/** What each record's landing page is, by slug; the slug is also the record's title. */
const SLUGS = Object.keys(ROUTES)
  .filter((p) => p !== '/chain-2' && p !== '/chain-3' && p !== '/loop-b')
  .map((p) => p.slice(1));

function lrmi(slug: string, url: string, description: string): string {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    // A stable id of its own, so that a record keeps its identity when its url changes.
    identifier: `urn:lesson:${slug}`,
    id: `urn:lesson:${slug}`,
    name: `Lesson ${slug}`,
    description,
    url,
    inLanguage: 'en',
    license: 'https://creativecommons.org/licenses/by/4.0/',
    datePublished: '2023-05-01',
  });
}

const DESCRIPTION =
  'A lesson on fractions with worked examples, exercises and answers for learners in lower secondary school.';

interface Overview {
  quality: SourceQualityReport;
  links: SourceLinkReport;
}

void describe('oer-atlas links check', () => {
  let dir: string;
  let web: Awaited<ReturnType<typeof startServer>>;
  let env: NodeJS.ProcessEnv;
  let folder: string;
  let sourceId = '';
  /** sourceRecordId by slug. */
  const ids = new Map<string, string>();
  const run = (args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
    runInProcess(args, { env: { ...env, ...extra } });

  function writeRecords(overrides: Readonly<Record<string, { url?: string; description?: string }>> = {}) {
    const lines = SLUGS.map((slug) =>
      lrmi(slug, overrides[slug]?.url ?? `${web.base}/${slug}`, overrides[slug]?.description ?? DESCRIPTION),
    );
    writeFileSync(path.join(folder, 'records.jsonl'), `${lines.join('\n')}\n`);
  }

  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = await openSqliteStore({ file: path.join(dir, 'data', SQLITE_FILE_NAME) });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  async function checks(): Promise<Map<string, LinkCheckState>> {
    const found = await withStore((store) => store.getLinkChecks(sourceId, [...ids.values()]));
    const bySlug = new Map<string, LinkCheckState>();
    for (const [slug, id] of ids) {
      const check = found.get(id);
      if (check !== undefined) bySlug.set(slug, check);
    }
    return bySlug;
  }

  async function scores(): Promise<Map<string, number | null>> {
    const rows = await withStore((store) =>
      store.getRecordsForIndex([...ids.values()].map((id) => ({ sourceId, sourceRecordId: id }))),
    );
    const bySlug = new Map<string, number | null>();
    for (const [slug, id] of ids) {
      bySlug.set(slug, rows.find((r) => r.ref.sourceRecordId === id)?.qualityScore ?? null);
    }
    return bySlug;
  }

  async function checkAll(): Promise<LinkCheckSummary> {
    const result = await run(['links', 'check', sourceId, '--older-than', '0', '--json']);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as LinkCheckSummary;
  }

  async function show(): Promise<Overview> {
    const shown = await run(['source', 'show', sourceId, '--json']);
    assert.equal(shown.code, 0, shown.stderr);
    return JSON.parse(shown.stdout) as Overview;
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-links-'));
    mkdirSync(path.join(dir, 'data'));
    folder = path.join(dir, 'lessons');
    mkdirSync(folder);
    web = await startServer(ROUTES);
    env = {
      ATLAS_DATA_DIR: path.join(dir, 'data'),
      ATLAS_ALLOW_PRIVATE_NETWORKS: 'true',
      ATLAS_HARVEST_DELAY_MS: '0',
      ATLAS_LINK_CHECK_TIMEOUT_MS: '1500',
    };
    writeRecords();
    const imported = await run(['import', folder, '--json']);
    assert.equal(imported.code, 0, imported.stderr);
    sourceId = (JSON.parse(imported.stdout) as { source: { id: string } }).source.id;
    const page = await withStore((store) => store.listSourceRecords(sourceId, { limit: 100 }));
    for (const record of page.items) {
      const slug = record.sourceRecordId.replace('urn:lesson:', '');
      if (SLUGS.includes(slug) && record.record?.url === `${web.base}/${slug}`) {
        ids.set(slug, record.sourceRecordId);
      }
    }
    assert.equal(ids.size, SLUGS.length, 'every record was imported with its url');
  });

  after(async () => {
    web.server.closeAllConnections();
    await new Promise<void>((resolve) => web.server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  void it('refuses to guess the scope: a source id or --all', async () => {
    const neither = await run(['links', 'check']);
    assert.equal(neither.code, 2, neither.stdout);
    assert.match(neither.stderr, /source id or --all/);
    const unknown = await run(['links', 'check', 'src_nope', '--json']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stdout, /"code": "not_found"/);
  });

  void it('classifies every kind of answer and stores it with the url, status and final address', async () => {
    const before = await scores();
    const summary = await checkAll();
    assert.equal(summary.checked, SLUGS.length);
    assert.equal(summary.stored, SLUGS.length);
    const found = await checks();
    const outcome = (slug: string) => found.get(slug)?.outcome;
    assert.equal(outcome('ok'), 'alive');
    assert.equal(outcome('temporary'), 'alive', 'a temporary redirect to a working page is fine');
    assert.equal(outcome('no-head'), 'alive', 'GET after HEAD was refused');
    assert.equal(outcome('moved'), 'redirected');
    assert.equal(found.get('moved')?.finalUrl, `${web.base}/ok`);
    assert.equal(outcome('chain-1'), 'redirected');
    assert.equal(found.get('chain-1')?.finalUrl, `${web.base}/chain-3`, 'where the permanent chain ends');
    assert.equal(outcome('missing'), 'dead');
    assert.equal(found.get('missing')?.httpStatus, 404);
    assert.equal(found.get('missing')?.errorCode, 'http_not_found');
    assert.equal(found.get('missing')?.url, `${web.base}/missing`);
    assert.equal(outcome('gone'), 'dead');
    assert.equal(found.get('gone')?.errorCode, 'http_gone');
    assert.equal(outcome('broken'), 'inconclusive');
    assert.equal(found.get('broken')?.httpStatus, 500);
    assert.equal(found.get('broken')?.verdict, 'unchecked', 'one bad day does not make a link dead');
    assert.equal(outcome('hang'), 'inconclusive');
    assert.equal(found.get('hang')?.errorCode, 'timeout');
    assert.equal(outcome('loop-a'), 'inconclusive');
    assert.equal(found.get('loop-a')?.errorCode, 'redirect_loop');
    for (const slug of ['missing', 'gone', 'broken']) assert.equal(found.get(slug)?.failures, 1, slug);
    assert.equal(found.get('ok')?.failures, 0);
    assert.deepEqual(summary.outcomes, {
      alive: 3,
      redirected: 2,
      dead: 2,
      inconclusive: 3,
      not_checked: 0,
    });
    assert.equal(summary.errorsByCode.http_not_found, 1);
    assert.equal(summary.errorsByCode.timeout, 1);

    const noHead = web.hits.filter((h) => h.path === '/no-head').map((h) => h.method);
    assert.deepEqual(noHead, ['HEAD', 'GET']);
    assert.ok(
      web.hits.filter((h) => h.path === '/ok').every((h) => h.method === 'HEAD'),
      'a page that answers HEAD is never downloaded',
    );

    const after = await scores();
    for (const slug of ['missing', 'gone']) {
      assert.ok(
        (after.get(slug) ?? 100) < (before.get(slug) ?? 0),
        `${slug}: ${before.get(slug)} -> ${after.get(slug)}`,
      );
    }
    assert.ok((after.get('ok') ?? 0) > (before.get('ok') ?? 100), 'a working link counts in favour');
    assert.equal(after.get('broken'), before.get('broken'), 'an inconclusive check does not count yet');
  });

  void it('counts a link dead only after three inconclusive checks in a row', async () => {
    await checkAll();
    let found = await checks();
    assert.equal(found.get('broken')?.failures, 2);
    assert.equal(found.get('broken')?.verdict, 'unchecked');
    const summary = await checkAll();
    found = await checks();
    for (const slug of ['broken', 'hang', 'loop-a']) {
      assert.equal(found.get(slug)?.failures, 3, slug);
      assert.equal(found.get(slug)?.verdict, 'dead', slug);
    }
    assert.equal(found.get('ok')?.verdict, 'alive');
    assert.equal(summary.countedDead, 5, 'missing, gone, broken, hang, loop');
  });

  void it('shows the link outcomes and the link fixes with their addresses in source show', async () => {
    const overview = await show();
    assert.equal(overview.links.withUrl, SLUGS.length);
    assert.equal(overview.links.checked, SLUGS.length);
    assert.equal(overview.links.outcomes.dead, 2);
    assert.equal(overview.links.verdicts.dead, 5);
    const missing = overview.links.problems.find((p) => p.sourceRecordId === ids.get('missing'));
    assert.ok(missing, JSON.stringify(overview.links.problems));
    assert.equal(missing.url, `${web.base}/missing`);
    assert.equal(missing.fix?.code, 'link_dead');
    assert.ok(missing.fix.message.includes(`${web.base}/missing`), missing.fix.message);
    assert.match(missing.fix.message, /HTTP 404/);
    const moved = overview.links.problems.find((p) => p.sourceRecordId === ids.get('moved'));
    assert.equal(moved?.fix?.code, 'link_redirected');
    assert.equal(moved.finalUrl, `${web.base}/ok`);

    const dead = overview.quality.fixes.find((f) => f.code === 'link_dead');
    assert.ok(dead, JSON.stringify(overview.quality.fixes.map((f) => f.code)));
    assert.equal(dead.count, 5);
    assert.ok(dead.examples.includes(ids.get('missing') ?? '?'), dead.examples.join(' '));
    const redirected = overview.quality.fixes.find((f) => f.code === 'link_redirected');
    assert.equal(redirected?.count, 2);

    const text = await run(['source', 'show', sourceId]);
    assert.match(text.stdout, /links: {5}10 of 10 checked: 3 alive, 2 redirected, 2 dead, 3 inconclusive/);
    assert.ok(text.stdout.includes(`dead ${ids.get('missing')}: ${web.base}/missing (HTTP 404`), text.stdout);
    assert.match(text.stdout, /\[link_dead\]/);
  });

  void it('keeps the outcome when a record is harvested again with the same url, and checks a changed url again', async () => {
    // The description of "missing" changes (the record is mapped again, its url stays); "ok" moves elsewhere.
    writeRecords({
      missing: { description: `${DESCRIPTION} Now with a second set of exercises.` },
      ok: { url: `${web.base}/chain-3` },
    });
    const again = await run(['import', folder, '--json']);
    assert.equal(again.code, 0, again.stderr);
    const found = await checks();
    assert.equal(found.get('missing')?.verdict, 'dead', 'the check of the same url still counts');
    const overview = await show();
    const dead = overview.quality.fixes.find((f) => f.code === 'link_dead');
    assert.ok(dead?.examples.includes(ids.get('missing') ?? '?'), JSON.stringify(dead));
    assert.equal(overview.links.checked, SLUGS.length - 1, 'the changed url is not checked yet');

    const remapped = await run(['remap', sourceId, '--json']);
    assert.equal(remapped.code, 0, remapped.stderr);
    assert.equal((await show()).quality.fixes.find((f) => f.code === 'link_dead')?.count, 5);

    // With the default age, only the changed url is due.
    const due = await run(['links', 'check', sourceId, '--json']);
    assert.equal(due.code, 0, due.stderr);
    const summary = JSON.parse(due.stdout) as LinkCheckSummary;
    assert.equal(summary.checked, 1);
    assert.equal(summary.outcomes.alive, 1);
    const ok = (await checks()).get('ok');
    assert.equal(ok?.url, `${web.base}/chain-3`);
    assert.equal(ok.failures, 0);
  });

  void it('respects --limit and checks the oldest first', async () => {
    const before = await checks();
    const oldest = [...before.values()].sort((a, b) => (a.checkedAt < b.checkedAt ? -1 : 1))[0];
    const result = await run(['links', 'check', sourceId, '--older-than', '0', '--limit', '1', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as LinkCheckSummary).checked, 1);
    const after = await checks();
    const changed = [...after.values()].filter(
      (c) =>
        c.checkedAt !== before.get([...ids].find(([, id]) => id === c.sourceRecordId)?.[0] ?? '')?.checkedAt,
    );
    assert.deepEqual(
      changed.map((c) => c.sourceRecordId),
      [oldest?.sourceRecordId],
    );
    const text = await run(['links', 'check', sourceId, '--older-than', '0', '--limit', '2']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      new RegExp(`^Checked 2 links of ${sourceId} in .+: \\d+ alive, \\d+ redirected`),
    );
    assert.match(text.stderr, /links check: 2\/2 links/, 'progress on stderr');
  });

  void it('never reaches a private address unless the operator or the source allows it', async () => {
    const guarded = await startServer({ '/secret': (_req, res) => page(res) });
    try {
      const own = path.join(dir, 'guarded');
      mkdirSync(own);
      writeFileSync(
        path.join(own, 'records.jsonl'),
        `${lrmi('secret', `${guarded.base}/secret`, DESCRIPTION)}\n`,
      );
      const strict = { ...env, ATLAS_ALLOW_PRIVATE_NETWORKS: 'false' };
      const imported = await runInProcess(['import', own, '--json'], { env: strict });
      assert.equal(imported.code, 0, imported.stderr);
      const guardedId = (JSON.parse(imported.stdout) as { source: { id: string } }).source.id;
      const checked = await runInProcess(['links', 'check', guardedId, '--json'], { env: strict });
      assert.equal(checked.code, 0, checked.stderr);
      const summary = JSON.parse(checked.stdout) as LinkCheckSummary;
      assert.equal(summary.outcomes.not_checked, 1);
      assert.deepEqual(summary.errorsByCode, { address_forbidden: 1 });
      assert.equal(guarded.hits.length, 0, 'the guard stopped the request before it left');
      const shown = await runInProcess(['source', 'show', guardedId, '--json'], { env: strict });
      const overview = JSON.parse(shown.stdout) as Overview;
      assert.equal(overview.links.verdicts.dead, 0, 'a forbidden address is not a dead link');
      assert.ok(!overview.quality.fixes.some((f) => f.code === 'link_dead'));

      // The source's own permission lets its link checks through, as it lets its harvests.
      const allowedDir = path.join(dir, 'allowed');
      mkdirSync(allowedDir);
      writeFileSync(
        path.join(allowedDir, 'records.jsonl'),
        `${lrmi('secret', `${guarded.base}/secret`, DESCRIPTION)}\n`,
      );
      const allowed = await runInProcess(['import', allowedDir, '--allow-private-network', '--json'], {
        env: strict,
      });
      const allowedId = (JSON.parse(allowed.stdout) as { source: { id: string } }).source.id;
      const through = await runInProcess(['links', 'check', allowedId, '--json'], { env: strict });
      assert.equal((JSON.parse(through.stdout) as LinkCheckSummary).outcomes.alive, 1);
      assert.deepEqual(
        guarded.hits.map((h) => h.method),
        ['HEAD'],
      );
    } finally {
      guarded.server.closeAllConnections();
      await new Promise<void>((resolve) => guarded.server.close(() => resolve()));
    }
  });

  void it('removes the checks with their source', async () => {
    const removed = await run(['source', 'remove', sourceId]);
    assert.equal(removed.code, 0, removed.stderr);
    const left = await withStore((store) => store.getLinkChecks(sourceId, [...ids.values()]));
    assert.equal(left.size, 0);
  });
});
