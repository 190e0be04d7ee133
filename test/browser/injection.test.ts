// Script injection through harvested metadata, in real Chromium with JavaScript on and the page's own Content
// Security Policy untouched: records whose titles, descriptions, creators, keywords, levels and URLs carry
// <script>, event-handler, `</textarea>`, `</script>` and `javascript:` payloads (and a source named with one)
// are imported through the real pipeline; their search results, resource pages and source pages, plus pages
// that echo hostile query parameters, must run nothing: window.__pwned stays undefined, no dialog opens, no
// element has an on* attribute, no link or frame points at javascript:, every JSON-LD block parses, and the
// payloads show up as the plain text they are.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  HOSTILE_RECORDS,
  HOSTILE_SOURCE_NAME,
  HOSTILE_WORD,
  hostileResourceIds,
  hostileSourceId,
  injectionFindings,
  launchBrowser,
  openPage,
  recordCspViolations,
  SETUP_TIMEOUT,
  STEP_TIMEOUT,
  startPortal,
  textBoxValue,
  type Portal,
} from '../support/browser.js';
import { skipUnless } from '../support/system-parts.js';

const PAYLOAD = '<script>window.__pwned=1</script>';
const ATTRIBUTE_PAYLOAD = '"><img src=x onerror="window.__pwned=1;alert(1)">';

interface Visit {
  readonly path: string;
  /** Statuses the page may answer with (the hostile parameters may rightly be refused). */
  readonly statuses: readonly number[];
}

void describe(
  'no script from harvested metadata or URLs runs in Chromium',
  { skip: skipUnless('chromium') },
  () => {
    let portal: Portal;
    let browser: Browser;
    let resourceIds: string[];
    let sourceId: string;
    const started = Date.now();

    before(async () => {
      portal = await startPortal({ corpus: ['lom/exelearning/exe_lom-es_spanish_rich_asi-soy-yo.xml'] });
      browser = await launchBrowser();
      resourceIds = await hostileResourceIds(portal);
      sourceId = await hostileSourceId(portal);
    }, SETUP_TIMEOUT);

    after(async () => {
      await browser?.close();
      await portal?.close();
      process.stdout.write(`# injection suite: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });

    void it('imports every hostile record', () => {
      assert.equal(resourceIds.length, HOSTILE_RECORDS.length, `found ${resourceIds.join(', ')}`);
    });

    function visitsIn(locale: string): Visit[] {
      const q = encodeURIComponent;
      const ok = [200];
      return [
        { path: `/${locale}/`, statuses: ok },
        { path: `/${locale}/search?q=${HOSTILE_WORD}`, statuses: ok },
        { path: `/${locale}/search?q=${HOSTILE_WORD}&inLanguage=ar&inLanguage=en`, statuses: ok },
        { path: `/${locale}/search?q=${q(`${PAYLOAD} ${ATTRIBUTE_PAYLOAD}`)}`, statuses: ok },
        { path: `/${locale}/search?q=${HOSTILE_WORD}&sort=${q(ATTRIBUTE_PAYLOAD)}`, statuses: [400] },
        { path: `/${locale}/search?q=${HOSTILE_WORD}&license=${q(PAYLOAD)}`, statuses: [400] },
        { path: `/${locale}/search?${q(ATTRIBUTE_PAYLOAD)}=1`, statuses: [400] },
        ...resourceIds.map((id) => ({ path: `/${locale}/resources/${q(id)}`, statuses: ok })),
        ...resourceIds.map((id) => ({
          path: `/${locale}/resources/${q(id)}?use=adapt&use=${q(ATTRIBUTE_PAYLOAD)}`,
          statuses: [200, 400],
        })),
        { path: `/${locale}/resources/${q(PAYLOAD)}`, statuses: [404] },
        { path: `/${locale}/sources`, statuses: ok },
        { path: `/${locale}/sources/${q(sourceId)}`, statuses: ok },
        { path: `/${locale}/sources/${q(ATTRIBUTE_PAYLOAD)}`, statuses: [404] },
        { path: `/${locale}/${q(PAYLOAD)}`, statuses: [404] },
      ];
    }

    for (const locale of ['en', 'ar'] as const) {
      void it(
        `${locale}: search results, resource, source and error pages run no injected script`,
        STEP_TIMEOUT,
        async () => {
          const { context, page, watch, close } = await openPage(browser, portal);
          await recordCspViolations(context);
          const problems: string[] = [];
          try {
            for (const visit of visitsIn(locale)) {
              const response = await page.goto(visit.path, { waitUntil: 'load' });
              const status = response?.status() ?? 0;
              if (!visit.statuses.includes(status)) {
                problems.push(`${visit.path}: status ${status}, expected ${visit.statuses.join(' or ')}`);
              }
              // Deferred scripts have run at load; give image error handlers and timers a moment as well.
              await page.waitForTimeout(150);
              const found = await injectionFindings(page);
              const where = page.url();
              if (found.pwned) problems.push(`${where}: window.__pwned was set`);
              for (const [label, list] of [
                ['on* attributes', found.handlers],
                ['javascript:/data: URLs', found.dangerousUrls],
                ['scripts that are not ours', found.foreignScripts],
                ['JSON-LD that does not parse', found.brokenJsonLd],
                ['injected elements', found.injectedElements],
              ] as const) {
                if (list.length > 0) problems.push(`${where}: ${label}: ${list.join(' | ')}`);
              }
              const notBlocked = found.cspViolations.filter((v) => !v.startsWith('enforce '));
              if (notBlocked.length > 0)
                problems.push(`${where}: CSP violations not blocked: ${notBlocked.join(' | ')}`);
              if (found.cspViolations.length > 0) {
                // Blocked, so nothing ran; still worth seeing, since escaped markup should never reach the policy.
                process.stdout.write(`# ${where}: blocked by the CSP: ${found.cspViolations.join(' | ')}\n`);
              }
            }
            if (watch.dialogs.length > 0) problems.push(`dialogs opened: ${watch.dialogs.join(' | ')}`);
            if (watch.pageErrors.length > 0) problems.push(`script errors: ${watch.pageErrors.join(' | ')}`);
          } finally {
            await close();
          }
          assert.deepEqual(problems, [], problems.join('\n'));
        },
      );
    }

    void it(
      'shows the payloads as text: the title, the attribution box and the source name',
      STEP_TIMEOUT,
      async () => {
        const { page, close } = await openPage(browser, portal);
        try {
          const found = await portal.json<{ results: { id: string; name: string }[] }>(
            `/api/v1/resources?q=${HOSTILE_WORD}&limit=50`,
          );
          const textarea = found.results.find((r) => r.name.includes('</textarea>'));
          assert.ok(textarea !== undefined, 'the </textarea> record');
          for (const result of found.results) {
            await page.goto(`/en/resources/${encodeURIComponent(result.id)}`);
            const heading = (await page.locator('h1').first().textContent()) ?? '';
            assert.ok(
              heading.replace(/\s+/g, ' ').includes(result.name.replace(/\s+/g, ' ').trim()),
              `the h1 "${heading}" does not show the title "${result.name}" as text`,
            );
            if (result === textarea) {
              const attribution = await textBoxValue(page, 'textarea');
              assert.ok(
                attribution?.includes('</textarea><script>window.__pwned=1</script>') === true,
                `the attribution box does not hold the title as text: ${attribution ?? '(no box)'}`,
              );
            }
          }
          await page.goto(`/en/sources/${encodeURIComponent(sourceId)}`);
          const sourceHeading = (await page.locator('h1').first().textContent()) ?? '';
          assert.ok(sourceHeading.includes(HOSTILE_SOURCE_NAME), `source h1: ${sourceHeading}`);
        } finally {
          await close();
        }
      },
    );
  },
);
