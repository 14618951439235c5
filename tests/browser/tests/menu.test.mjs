// The main menu on a phone and on a desktop (issue 17): at 390 px every item
// is reachable, without JavaScript because the list wraps into rows and with
// it behind a "Menu" button that says whether it is open; at 1280 px the
// menu is one line in every language, on every kind of page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, langPath, within, ALL_LANGS } from '../lib/harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Every menu link that a reader can see: inside the viewport, not clipped by an ancestor. */
async function visibleMenuLinks(page) {
  return page.evaluate(() => {
    const out = [];
    for (const a of document.querySelectorAll('.site-nav li a')) {
      const r = a.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let clipped = r.left < 0 || r.right > window.innerWidth;
      for (let el = a.parentElement; el && !clipped; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX !== 'visible') {
          const box = el.getBoundingClientRect();
          clipped = r.left < box.left - 1 || r.right > box.right + 1;
        }
      }
      if (!clipped) out.push(a.textContent.trim());
    }
    return out;
  });
}

const menuItems = (page) => page.locator('.site-nav li a').allTextContents();

for (const lang of ALL_LANGS) {
  test(`${lang}: at 390 px without JavaScript every menu item is on screen`, async () => {
    const page = await site.newPage({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto(site.url(langPath(lang)));
    const all = await menuItems(page);
    assert.ok(all.length >= 3, `menu has items: ${all}`);
    assert.deepEqual(await visibleMenuLinks(page), all.map((t) => t.trim()));
    await page.context().close();
  });

  test(`${lang}: at 390 px the Menu button opens and closes a menu with every item`, async () => {
    const page = await site.newPage({ viewport: PHONE });
    await page.goto(site.url(langPath(lang, 'about/')));
    const button = page.locator('.menu-toggle');
    await within('the Menu button shows', button.waitFor({ state: 'visible' }));
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await visibleMenuLinks(page), [], 'folded: no item takes the screen');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const all = (await menuItems(page)).map((t) => t.trim());
    assert.deepEqual(await visibleMenuLinks(page), all, 'open: every item is on screen');
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false', 'Escape closes it');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'menu-toggle');
    await page.context().close();
  });

  test(`${lang}: at 1280 px the menu is one line and has no Menu button`, async () => {
    const page = await site.newPage({ viewport: DESKTOP });
    for (const path of ['', 'about/', 'docs/', 'search/']) {
      await page.goto(site.url(langPath(lang, path)));
      assert.equal(await page.locator('.menu-toggle').isVisible(), false);
      const tops = await page.evaluate(() =>
        [...document.querySelectorAll('.site-nav li')].map((li) => Math.round(li.getBoundingClientRect().top)),
      );
      assert.equal(new Set(tops).size, 1, `${lang}/${path}: one line, item tops ${tops}`);
      const all = (await menuItems(page)).map((t) => t.trim());
      assert.deepEqual(await visibleMenuLinks(page), all, `${lang}/${path}: every item on screen`);
    }
    await page.context().close();
  });
}
