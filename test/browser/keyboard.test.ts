// The keyboard-only journey in real Chromium, with JavaScript and without it, in English and in Arabic: from the
// home page, using only Tab, Shift+Tab, Enter, Space, Ctrl+A/C and typing, search (an Arabic word in the Arabic
// interface), filter the results by a language and a licence (checkboxes and the apply button, a plain form
// submission), open a result and copy its attribution (with JavaScript: the Copy button; without: select the
// read-only text box's whole text and copy it), checked on the clipboard. At every stop the focused element
// must show a focus indicator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  assertFocusVisible,
  filterChoice,
  focusState,
  launchBrowser,
  openPage,
  pressAndNavigate,
  readClipboard,
  selectionInFocusedBox,
  SETUP_TIMEOUT,
  STEP_TIMEOUT,
  startPortal,
  tabTo,
  textBoxValue,
  visit,
  writeClipboard,
  type FilterChoice,
  type FocusState,
  type Portal,
  type UiLocale,
} from '../support/browser.js';
import { skipUnless } from '../support/system-parts.js';

/** The clipboard once it holds the expected text, or what it holds after a second of waiting. */
async function clipboardSettled(page: Page, expected: string): Promise<string> {
  let copied = await readClipboard(page);
  for (let i = 0; i < 20 && copied !== expected; i += 1) {
    await page.waitForTimeout(50);
    copied = await readClipboard(page);
  }
  return copied;
}

/** What each journey types: an English word, and an Arabic one ("education") found across languages. */
const QUERIES = { en: 'science', ar: 'تعليم' } as const;

const isSubmit = (f: FocusState): boolean =>
  (f.tag === 'button' && f.type !== 'button' && f.type !== 'reset') ||
  (f.tag === 'input' && f.type === 'submit');

// The journeys run one after the other: the browser's clipboard is shared by all its pages.
void describe('keyboard-only journey in Chromium', { skip: skipUnless('chromium') }, () => {
  let portal: Portal;
  let browser: Browser;
  const choices = new Map<UiLocale, FilterChoice>();
  const started = Date.now();

  before(async () => {
    portal = await startPortal({ hostile: false });
    browser = await launchBrowser();
    for (const [locale, query] of Object.entries(QUERIES) as [UiLocale, string][]) {
      choices.set(locale, await filterChoice(portal, query, locale));
    }
  }, SETUP_TIMEOUT);

  after(async () => {
    await browser?.close();
    await portal?.close();
    process.stdout.write(`# keyboard suite: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  async function journey(locale: UiLocale, javaScript: boolean): Promise<void> {
    const facts = choices.get(locale);
    assert.ok(facts !== undefined, locale);
    const { page, watch, close } = await openPage(browser, portal, {
      javaScriptEnabled: javaScript,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    try {
      // 1. Search from the home page.
      await visit(page, `/${locale}/`);
      await tabTo(page, (f) => f.tag === 'input' && f.name === 'q', 'the search box');
      await page.keyboard.type(facts.query);
      await pressAndNavigate(page, 'Enter', 'the search box');
      const searched = new URL(page.url());
      assert.equal(searched.pathname, `/${locale}/search`);
      assert.equal(searched.searchParams.get('q'), facts.query);

      // 2. Filter by a language and a licence, then apply.
      for (const [facet, value] of [
        ['inLanguage', facts.language],
        ['license', facts.licence],
      ] as const) {
        await tabTo(
          page,
          (f) => f.tag === 'input' && f.type === 'checkbox' && f.name === facet && f.value === value,
          `the ${facet}=${value} filter`,
        );
        await page.keyboard.press('Space');
        const toggled = await focusState(page);
        assert.equal(toggled.checked, true, `Space did not check ${toggled.label} on ${page.url()}`);
        assertFocusVisible(toggled, `after checking ${facet}=${value}`);
      }
      await tabTo(page, isSubmit, 'the button that applies the filters');
      await pressAndNavigate(page, 'Enter', 'the apply button');
      const filtered = new URL(page.url());
      assert.equal(filtered.pathname, `/${locale}/search`);
      assert.deepEqual(filtered.searchParams.getAll('inLanguage'), [facts.language], page.url());
      assert.deepEqual(filtered.searchParams.getAll('license'), [facts.licence], page.url());
      assert.equal(filtered.searchParams.get('q'), facts.query, 'the query is kept with the filters');

      // 3. Open the first result.
      const result = await tabTo(
        page,
        (f) => f.tag === 'a' && (f.href ?? '').includes(`/${locale}/resources/`),
        'the first result',
      );
      await pressAndNavigate(page, 'Enter', `the result link ${result.label}`);
      assert.equal(new URL(page.url()).pathname, result.href, 'Enter opened the focused result');

      // 4. Reach the attribution and copy it.
      const box = await tabTo(page, (f) => f.tag === 'textarea', 'the attribution text box');
      const attribution = await textBoxValue(page, `textarea#${box.id}`);
      assert.ok(
        attribution !== null && attribution.trim() !== '',
        `the attribution box ${box.label} is empty`,
      );
      assert.ok(
        attribution.includes(result.text.slice(0, 30)),
        `the attribution does not name the resource "${result.text}":\n${attribution}`,
      );
      await writeClipboard(page, '(nothing copied yet)');
      if (javaScript) {
        const button = await tabTo(page, (f) => f.tag === 'button', 'the Copy button after the attribution', {
          max: 1,
        });
        await page.keyboard.press('Enter');
        assert.equal(
          await clipboardSettled(page, attribution),
          attribution,
          `${button.label} did not copy the attribution`,
        );
        await tabTo(page, (f) => f.tag === 'textarea' && f.id === box.id, 'the attribution box again', {
          max: 1,
          backwards: true,
        });
      } else {
        await page.keyboard.press('Control+A');
        const selection = await selectionInFocusedBox(page);
        assert.equal(
          selection.selected,
          attribution,
          'Ctrl+A in the attribution box selects the whole attribution',
        );
      }
      assert.deepEqual(watch.pageErrors, [], 'script errors');
    } finally {
      await close();
    }
  }

  for (const locale of Object.keys(QUERIES) as (keyof typeof QUERIES)[]) {
    void it(
      `${locale}: search, filter by language and licence, open a result, copy its attribution (JavaScript on)`,
      STEP_TIMEOUT,
      () => journey(locale, true),
    );
    void it(`${locale}: the same journey with JavaScript disabled`, STEP_TIMEOUT, () =>
      journey(locale, false),
    );
  }
});
