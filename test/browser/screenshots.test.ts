// Screenshots of every page type for review, left to right (English) and right to left (Arabic), at desktop
// width and at 320 px, written by real Chromium to test-output/screenshots/ (gitignored) as
// <page type>-<language>-<width>.png with an index.html that shows them side by side. The test checks every
// file was written as a PNG; looking at them is for people.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  catalogFacts,
  DESKTOP,
  launchBrowser,
  localizedPath,
  NARROW,
  openPage,
  PAGE_TYPES,
  pageSpecs,
  SCREENSHOT_DIR,
  SETUP_TIMEOUT,
  STEP_TIMEOUT,
  startPortal,
  visit,
  type PageSpec,
  type PageType,
  type Portal,
} from '../support/browser.js';
import { skipUnless } from '../support/system-parts.js';

const LOCALES = ['en', 'ar'] as const;
const WIDTHS = [DESKTOP, NARROW] as const;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function fileName(type: PageType, locale: string, width: number): string {
  return `${type}-${locale}-${width}.png`;
}

void describe('screenshots of every page type, LTR and RTL', { skip: skipUnless('chromium') }, () => {
  let portal: Portal;
  let browser: Browser;
  let specs: ReadonlyMap<PageType, PageSpec>;
  const started = Date.now();

  before(async () => {
    rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    portal = await startPortal({ hostile: false });
    browser = await launchBrowser();
    specs = pageSpecs(await catalogFacts(portal));
  }, SETUP_TIMEOUT);

  after(async () => {
    await browser?.close();
    await portal?.close();
    process.stdout.write(`# screenshots suite: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  void describe('pages', { concurrency: 3 }, () => {
    for (const type of PAGE_TYPES) {
      for (const locale of LOCALES) {
        void it(
          `${type} in ${locale} at ${WIDTHS.map((w) => `${w.width}`).join(' and ')} px`,
          STEP_TIMEOUT,
          async () => {
            const spec = specs.get(type);
            assert.ok(spec !== undefined, type);
            const { page, close } = await openPage(browser, portal, {
              viewport: DESKTOP,
              reducedMotion: 'reduce',
            });
            try {
              await visit(page, localizedPath(locale, spec), spec.status);
              for (const size of WIDTHS) {
                await page.setViewportSize(size);
                const file = path.join(SCREENSHOT_DIR, fileName(type, locale, size.width));
                await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
              }
            } finally {
              await close();
            }
          },
        );
      }
    }
  });

  void it('wrote every screenshot as a PNG, with an index for review', () => {
    const rows: string[] = [];
    for (const type of PAGE_TYPES) {
      const cells: string[] = [];
      for (const locale of LOCALES) {
        for (const size of WIDTHS) {
          const name = fileName(type, locale, size.width);
          const file = path.join(SCREENSHOT_DIR, name);
          const stat = statSync(file, { throwIfNoEntry: false });
          assert.ok(stat !== undefined, `${file} was not written`);
          assert.ok(stat.mtimeMs >= started - 1000, `${file} is older than this run`);
          assert.ok(readFileSync(file).subarray(0, 8).equals(PNG_SIGNATURE), `${file} is not a PNG`);
          assert.ok(stat.size > 2000, `${file} is suspiciously small (${stat.size} bytes)`);
          cells.push(
            `<td><a href="${name}"><img src="${name}" alt="${type}, ${locale}, ${size.width} px" width="${size.width === 320 ? 160 : 320}"></a><br>${name}</td>`,
          );
        }
      }
      rows.push(`<tr><th scope="row">${type}</th>${cells.join('')}</tr>`);
    }
    const header = LOCALES.flatMap((l) => WIDTHS.map((w) => `<th scope="col">${l} ${w.width} px</th>`)).join(
      '',
    );
    writeFileSync(
      path.join(SCREENSHOT_DIR, 'index.html'),
      `<!doctype html>\n<html lang="en"><meta charset="utf-8"><title>OER Atlas screenshots</title>\n<table><caption>Every page type, LTR (en) and RTL (ar), desktop and 320 px</caption>\n<tr><td></td>${header}</tr>\n${rows.join('\n')}\n</table></html>\n`,
    );
  });
});
