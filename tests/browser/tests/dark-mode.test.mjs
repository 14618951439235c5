// The dark mode toggle: button#theme-toggle switches
// document.documentElement.dataset.theme between "light" and "dark", changes
// the page's colours, remembers the choice in localStorage "yilnoma-theme",
// and the choice survives a reload and a move to another page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, eventPath, expectPresent, langPath, within } from '../lib/harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

const STORAGE_KEY = 'yilnoma-theme';

function themeState(page) {
  return page.evaluate(async (key) => {
    // Colour transitions finish first, so two reads of one theme agree.
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(transitions.map((a) => a.finished.catch(() => {})));
    return {
      theme: document.documentElement.dataset.theme,
      stored: localStorage.getItem(key),
      // What the reader sees: colours and colour scheme, wherever the theme sets them.
      look: [document.documentElement, document.body]
        .map((el) => getComputedStyle(el))
        .map((s) => `${s.backgroundColor} ${s.color} ${s.colorScheme}`)
        .join(' | '),
    };
  }, STORAGE_KEY);
}

async function toggle(page) {
  const before = (await themeState(page)).theme;
  await (await expectPresent(page, 'button#theme-toggle')).click();
  await within(
    'button#theme-toggle changes <html data-theme>',
    page.waitForFunction((old) => document.documentElement.dataset.theme !== old, before),
  );
  return themeState(page);
}

for (const scheme of ['light', 'dark']) {
  const other = scheme === 'light' ? 'dark' : 'light';
  test(`with the system in ${scheme} mode, the toggle switches to ${other} and the choice persists`, async () => {
    const context = await site.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(site.url(''));
    const initial = await themeState(page);
    assert.ok([undefined, scheme].includes(initial.theme), `starts in ${scheme}, got ${initial.theme}`);
    assert.equal(initial.stored, null, 'nothing stored before the reader chooses');

    const switched = await toggle(page);
    assert.equal(switched.theme, other);
    assert.equal(switched.stored, other, `localStorage ${STORAGE_KEY}`);
    assert.notEqual(switched.look, initial.look, 'the page colours change');

    await page.reload();
    const reloaded = await themeState(page);
    assert.equal(reloaded.theme, other, 'kept across a reload');
    assert.equal(reloaded.look, switched.look);

    await page.goto(site.url(eventPath('en', '2022-treaty-border-demarcation')));
    assert.equal((await themeState(page)).theme, other, 'kept on another page and language');

    const back = await toggle(page);
    assert.equal(back.theme, scheme);
    assert.equal(back.stored, scheme);
    await page.goto(site.url(langPath('en')));
    assert.equal((await themeState(page)).theme, scheme, 'switching back is remembered too');
    await context.close();
  });
}
