// Client-side search (issue 5): typing into #search-input lists matching
// events in #search-results (li items with a link and <mark>ed matches),
// Uzbek apostrophe variants and Uzbek Cyrillic find the same Latin text,
// and the results work from the keyboard: arrows move, Enter opens, Escape
// clears.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openSite,
  expectPresent,
  langPath,
  slugOfHref,
  within,
  WAIT_MS,
  CYRILLIC,
} from '../lib/harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

const BORDER_TREATY = '2022-treaty-border-demarcation';

/**
 * Opens the search box in `lang`: on the index itself, or on the search page
 * the index links to (a link whose path ends in /search/).
 */
async function openSearch(page, lang) {
  await page.goto(site.url(langPath(lang)));
  if ((await page.locator('#search-input').count()) > 0) return;
  const searchPage = site.pathOf(langPath(lang, 'search/'));
  const link = page.locator(`a[href="${searchPage}"], a[href="${site.url(langPath(lang, 'search/'))}"]`);
  if ((await link.count()) === 0) {
    throw new Error(`the ${lang} index has no #search-input and no link to ${searchPage}`);
  }
  await within(
    `the link to ${searchPage} opens it`,
    Promise.all([page.waitForURL((url) => url.pathname === searchPage), link.first().click()]),
  );
}

/** The visible results: each li's first link, and the text of its <mark>s. */
function visibleResults(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#search-results li')]
      .filter((li) => li.checkVisibility() && li.querySelector('a[href]'))
      .map((li) => ({
        href: li.querySelector('a[href]').getAttribute('href'),
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
  );
}

/** Types `query` into the search box key by key and returns the results once they settle. */
async function search(page, query) {
  const input = await expectPresent(page, '#search-input');
  assert.equal(await input.getAttribute('type'), 'search', '#search-input is type="search"');
  await input.fill('');
  await input.pressSequentially(query);
  await within(
    `"${query}" shows results in #search-results`,
    page.waitForFunction(() =>
      [...document.querySelectorAll('#search-results li a[href]')].some((a) => a.checkVisibility()),
    ),
  );
  // Results may update after the last key (index loading, debouncing): wait
  // until two reads in a row agree.
  let previous = null;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const current = await visibleResults(page);
    if (JSON.stringify(current) === JSON.stringify(previous) || Date.now() > deadline) return current;
    previous = current;
    await page.waitForTimeout(200);
  }
}

/** Lowercase, apostrophe-like marks removed: how the tests compare highlighted words. */
const fold = (text) => text.toLowerCase().replace(/['ʻʼ‘’`]/g, '');

function assertMarked(results, word) {
  const marks = results.flatMap((r) => r.marks).map(fold);
  assert.ok(
    marks.some((m) => m.includes(fold(word)) || fold(word).includes(m)),
    `a <mark> highlights "${word}" (marks: ${JSON.stringify(marks.slice(0, 5))})`,
  );
}

function assertInLanguage(results, lang) {
  for (const { href } of results) {
    const path = new URL(href, 'http://127.0.0.1').pathname;
    const inEnglish = path.startsWith(site.pathOf('en/'));
    assert.equal(inEnglish, lang === 'en', `${href} is a ${lang} page`);
  }
}

test('uz: "demarkatsiya" finds the border demarcation treaty, highlighted', async () => {
  const page = await site.newPage();
  await openSearch(page, 'uz');
  const results = await search(page, 'demarkatsiya');
  assert.ok(results.some((r) => slugOfHref(r.href) === BORDER_TREATY), JSON.stringify(results));
  assertMarked(results, 'demarkatsiya');
  assertInLanguage(results, 'uz');
  const status = (await page.locator('#search-status').textContent()).trim();
  assert.match(status, /^\d+ ta natija$/, 'the Uzbek count, from the page\'s plural forms');
  await page.context().close();
});

test('en: "demarcation" finds the border demarcation treaty, highlighted', async () => {
  const page = await site.newPage();
  await openSearch(page, 'en');
  const results = await search(page, 'demarcation');
  assert.ok(results.some((r) => slugOfHref(r.href) === BORDER_TREATY), JSON.stringify(results));
  assertMarked(results, 'demarca');
  assertInLanguage(results, 'en');
  // Issue 18: the count in the page language's plural form, never "1 results".
  const status = (await page.locator('#search-status').textContent()).trim();
  const match = /^(\d+) (results?)$/.exec(status);
  assert.ok(match, `status "${status}" is "N result(s)"`);
  assert.equal(match[2], match[1] === '1' ? 'result' : 'results', status);
  assert.ok(Number(match[1]) >= results.length, status);
  await page.context().close();
});

test("uz: Qozog'iston with ', ʻ and ‘ finds the same events; Қозоғистон finds them too", async () => {
  const page = await site.newPage();
  await openSearch(page, 'uz');
  const byQuery = {};
  for (const query of ["Qozog'iston", 'Qozogʻiston', 'Qozog‘iston', 'Қозоғистон']) {
    const results = await search(page, query);
    assert.ok(results.length > 0, `${query} finds events`);
    assertMarked(results, 'qozog');
    assertInLanguage(results, 'uz');
    byQuery[query] = results.map((r) => r.href).sort();
  }
  assert.deepEqual(byQuery['Qozogʻiston'], byQuery["Qozog'iston"], 'ʻ (U+02BB) finds what \' finds');
  assert.deepEqual(byQuery['Qozog‘iston'], byQuery["Qozog'iston"], '‘ (U+2018) finds what \' finds');
  await page.context().close();
});

test(`${CYRILLIC}: Қозоғистон and Qozog‘iston find the same Cyrillic pages; демаркация finds the treaty`, async () => {
  const page = await site.newPage();
  // The search page by its address (the menu's link is tested in menu.test.mjs).
  await page.goto(site.url(langPath(CYRILLIC, 'search/')));
  assert.equal(await page.evaluate(() => document.documentElement.lang), CYRILLIC);
  const byQuery = {};
  for (const query of ['Қозоғистон', 'Qozog‘iston', "Qozog'iston"]) {
    const results = await search(page, query);
    assert.ok(results.length > 0, `${query} finds events`);
    for (const { href } of results) {
      const path = new URL(href, 'http://127.0.0.1').pathname;
      assert.ok(path.startsWith(site.pathOf('uz-cyrl/')), `${href} is a page of the Cyrillic edition`);
    }
    const marks = results.flatMap((r) => r.marks);
    assert.ok(
      marks.some((m) => /қозоғ/i.test(m)),
      `the Cyrillic text is highlighted for ${query} (marks: ${JSON.stringify(marks.slice(0, 5))})`,
    );
    byQuery[query] = results.map((r) => r.href).sort();
  }
  assert.deepEqual(byQuery['Qozog‘iston'], byQuery['Қозоғистон'], 'Latin finds what Cyrillic finds');
  assert.deepEqual(byQuery["Qozog'iston"], byQuery['Қозоғистон'], "' finds what Cyrillic finds");
  const treaty = await search(page, 'демаркация');
  assert.ok(treaty.some((r) => slugOfHref(r.href) === BORDER_TREATY), JSON.stringify(treaty));
  const status = (await page.locator('#search-status').textContent()).trim();
  assert.match(status, /^\d+ та натижа$/, 'the count in the edition\'s own strings');
  await page.context().close();
});

/** Which result the keyboard is on: real focus, aria-activedescendant or aria-selected. */
function activeResult(page) {
  return page.evaluate(() => {
    const list = document.querySelector('#search-results');
    const hrefOf = (el) =>
      (el?.closest('li') ?? el)?.querySelector('a[href]')?.getAttribute('href') ??
      el?.closest('a[href]')?.getAttribute('href') ??
      null;
    if (list.contains(document.activeElement)) return hrefOf(document.activeElement);
    const input = document.querySelector('#search-input');
    const activeId = input.getAttribute('aria-activedescendant');
    if (activeId && document.getElementById(activeId)) return hrefOf(document.getElementById(activeId));
    const selected = list.querySelector('[aria-selected="true"]');
    return selected ? hrefOf(selected) : null;
  });
}

test('uz: arrow keys move through the results and Enter opens the chosen one', async () => {
  const page = await site.newPage();
  await openSearch(page, 'uz');
  const results = await search(page, 'shartnoma');
  assert.ok(results.length >= 2, `at least two results for "shartnoma" (${results.length})`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeResult(page), results[0].href, 'ArrowDown goes to the first result');
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeResult(page), results[1].href, 'ArrowDown again goes to the second');
  await page.keyboard.press('ArrowUp');
  assert.equal(await activeResult(page), results[0].href, 'ArrowUp goes back to the first');
  await page.keyboard.press('ArrowDown');
  const target = new URL(results[1].href, page.url()).pathname;
  await Promise.all([page.waitForURL((url) => url.pathname === target), page.keyboard.press('Enter')]);
  assert.equal((await page.locator('main#main h1').count()) > 0, true, 'the event page opened');
  await page.context().close();
});

test('uz: Escape clears the search', async () => {
  const page = await site.newPage();
  await openSearch(page, 'uz');
  await search(page, 'shartnoma');
  await page.keyboard.press('Escape');
  await within(
    'Escape empties #search-input',
    page.waitForFunction(() => document.querySelector('#search-input').value === ''),
  );
  await within(
    'Escape hides the results',
    page.waitForFunction(
      () => ![...document.querySelectorAll('#search-results li')].some((li) => li.checkVisibility()),
    ),
  );
  await page.context().close();
});
