// Every page type of the portal in every UI language, in real Chromium: axe-core's WCAG 2.0/2.1/2.2 A and AA
// rules report no violation at desktop width (light and dark colour schemes) and at 320 px; the page reflows
// without horizontal scrolling at 320 px and at 200% zoom; it has its language and direction, one h1, and loads
// nothing from outside the portal. Failures name the rule, its impact, the elements and the URL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  catalogFacts,
  DESKTOP,
  describeOverflow,
  describeViolations,
  horizontalOverflow,
  launchBrowser,
  localizedPath,
  NARROW,
  openContext,
  pageShell,
  PAGE_TYPES,
  pageSpecs,
  runAxe,
  SETUP_TIMEOUT,
  STEP_TIMEOUT,
  startPortal,
  UI_LOCALES,
  visit,
  ZOOM_200,
  type PageSpec,
  type PageType,
  type PortalContext,
  type Portal,
  type UiLocale,
} from '../support/browser.js';
import { skipUnless } from '../support/system-parts.js';

/** Pages checked at once: the browser and the server share two cores with the test runner. */
const PARALLEL_PAGES = 3;

/** The rules whose outcome depends on the colour scheme, run again in dark mode. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

void describe(
  'portal accessibility in Chromium (axe-core WCAG A/AA, reflow)',
  { skip: skipUnless('chromium') },
  () => {
    let portal: Portal;
    let browser: Browser;
    let specs: ReadonlyMap<PageType, PageSpec>;
    const started = Date.now();

    before(async () => {
      portal = await startPortal();
      browser = await launchBrowser();
      specs = pageSpecs(await catalogFacts(portal));
    }, SETUP_TIMEOUT);

    after(async () => {
      await browser?.close();
      await portal?.close();
      process.stdout.write(`# accessibility suite: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });

    async function check(context: PortalContext, locale: UiLocale, type: PageType): Promise<void> {
      const spec = specs.get(type);
      assert.ok(spec !== undefined, type);
      const url = localizedPath(locale, spec);
      const { page, watch, close } = await context.newPage();
      const problems: string[] = [];
      try {
        await visit(page, url, spec.status);
        const shell = await pageShell(page);
        if (shell.lang !== locale) {
          problems.push(`  ${url}: <html lang="${shell.lang ?? ''}">, expected "${locale}"`);
        }
        const dir = locale === 'ar' ? 'rtl' : 'ltr';
        if (shell.dir !== dir) problems.push(`  ${url}: <html dir="${shell.dir ?? ''}">, expected "${dir}"`);
        if (shell.h1 !== 1) problems.push(`  ${url}: ${shell.h1} h1 elements, expected exactly 1`);

        const desktop = await runAxe(page);
        if (desktop.length > 0) problems.push(describeViolations(`${url} at 1280 px`, desktop));

        await page.emulateMedia({ colorScheme: 'dark' });
        const dark = await runAxe(page, COLOUR_RULES);
        if (dark.length > 0) problems.push(describeViolations(`${url} at 1280 px, dark scheme`, dark));
        await page.emulateMedia({ colorScheme: 'light' });

        await page.setViewportSize(NARROW);
        const narrow = await runAxe(page);
        if (narrow.length > 0) problems.push(describeViolations(`${url} at 320 px`, narrow));
        const narrowOverflow = await horizontalOverflow(page);
        if (narrowOverflow !== null) problems.push(describeOverflow(`${url} at 320 px`, narrowOverflow));

        await page.setViewportSize(ZOOM_200);
        const zoomOverflow = await horizontalOverflow(page);
        if (zoomOverflow !== null) {
          problems.push(describeOverflow(`${url} at 200% zoom (640 px)`, zoomOverflow));
        }

        const external = watch.blocked.filter((b) => !b.startsWith('image '));
        if (external.length > 0) {
          problems.push(`  ${url}: requested outside the portal: ${external.join(', ')}`);
        }
        if (watch.pageErrors.length > 0) {
          problems.push(`  ${url}: script errors: ${watch.pageErrors.join(' | ')}`);
        }
      } finally {
        await close();
      }
      const serverErrors = portal.problems.filter((line) => Number(line.level) >= 50);
      assert.equal(
        problems.length,
        0,
        `${type} in ${locale}:\n${problems.join('\n')}${serverErrors.length > 0 ? `\nserver errors: ${JSON.stringify(serverErrors).slice(0, 2000)}` : ''}`,
      );
    }

    for (const locale of UI_LOCALES) {
      void describe(`in ${locale}`, { concurrency: PARALLEL_PAGES }, () => {
        let context: PortalContext;
        before(async () => {
          context = await openContext(browser, portal, { viewport: DESKTOP, colorScheme: 'light' });
        });
        after(() => context?.close());
        for (const type of PAGE_TYPES) {
          void it(
            `${type}: no WCAG A/AA violation at 1280 and 320 px, reflows at 320 px and 200% zoom`,
            STEP_TIMEOUT,
            () => check(context, locale, type),
          );
        }
      });
    }
  },
);
