// The language switcher keeps the reader on the same page: on every event
// page, in both directions, and on the index, a kind page and a plain page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openSite,
  contentEvents,
  eventPath,
  langPath,
  within,
  LANGS,
  CYRILLIC,
} from '../lib/harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/** Follows the switcher link to `to` on the current page and returns where it landed. */
async function switchLanguage(page, to) {
  const link = page.locator(`nav.lang-switch a[hreflang="${to}"]`);
  assert.equal(await link.count(), 1, `one nav.lang-switch a[hreflang="${to}"] on ${page.url()}`);
  const before = page.url();
  await within(
    `the ${to} link on ${before} navigates`,
    Promise.all([page.waitForURL((url) => url.href !== before), link.click()]),
  );
  return new URL(page.url()).pathname;
}

const slugs = [...new Set(contentEvents().map((e) => e.slug))];

test('switching language on an event page lands on the same event, both directions', async () => {
  const page = await site.newPage();
  for (const slug of slugs) {
    await page.goto(site.url(eventPath('uz', slug)));
    assert.equal(await switchLanguage(page, 'en'), site.pathOf(eventPath('en', slug)));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await switchLanguage(page, 'uz'), site.pathOf(eventPath('uz', slug)));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'uz');
  }
  await page.context().close();
});

test('switching language on the index, a kind page and a plain page keeps the page', async () => {
  const page = await site.newPage();
  for (const pagePath of ['', 'kinds/treaty/', 'about/']) {
    for (const [from, to] of [LANGS, [...LANGS].reverse()]) {
      await page.goto(site.url(langPath(from, pagePath)));
      assert.equal(await switchLanguage(page, to), site.pathOf(langPath(to, pagePath)));
      const response = await page.reload();
      assert.equal(response.status(), 200, `${page.url()} exists`);
    }
  }
  await page.context().close();
});

test('the Uzbek Cyrillic edition: switching to it and back keeps the page, and it reads in Cyrillic', async () => {
  const page = await site.newPage();
  for (const pagePath of ['', `events/${slugs[0]}/`, 'kinds/treaty/', 'about/']) {
    await page.goto(site.url(langPath('uz', pagePath)));
    assert.equal(await switchLanguage(page, CYRILLIC), site.pathOf(langPath(CYRILLIC, pagePath)));
    assert.equal(await page.evaluate(() => document.documentElement.lang), CYRILLIC);
    const heading = (await page.locator('h1').first().textContent()).trim();
    assert.match(heading, /[\u0400-\u04FF]/, `the ${CYRILLIC} h1 "${heading}" is in Cyrillic`);
    assert.doesNotMatch(heading, /[‘’ʻ]/, `no Latin apostrophes left in "${heading}"`);
    assert.equal(await switchLanguage(page, 'en'), site.pathOf(langPath('en', pagePath)));
    assert.equal(await switchLanguage(page, CYRILLIC), site.pathOf(langPath(CYRILLIC, pagePath)));
    assert.equal(await switchLanguage(page, 'uz'), site.pathOf(langPath('uz', pagePath)));
  }
  await page.context().close();
});
