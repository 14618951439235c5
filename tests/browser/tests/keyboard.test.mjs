// Keyboard-only reading of the timeline: Tab from the top reaches the skip
// link first, then the event links in timeline order, each with a visible
// focus indicator; Enter on a focused event link opens the event.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, langPath, slugOfHref, LANGS } from '../lib/harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/** What has focus now: enough to tell which link it is and whether it shows. */
function describeFocus(page) {
  return page.evaluate(async () => {
    // Focus scrolls the page, smoothly if the theme asks for it: wait until
    // the scroll position holds still for a few frames before measuring.
    await new Promise((resolve) => {
      let [last, still, frames] = [scrollY, 0, 0];
      const tick = () => {
        frames += 1;
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
        if (still >= 3 || frames > 180) resolve();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute('href'),
      isSkipLink: el.matches('a.skip-link[href="#main"]'),
      inEvent: !!el.closest('li.event'),
      inMain: !!el.closest('main#main'),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      outlineVisible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      boxShadowVisible: style.boxShadow !== 'none',
      onScreen:
        rect.width > 0 &&
        rect.height > 0 &&
        rect.right > 0 &&
        rect.bottom > 0 &&
        rect.left < innerWidth &&
        rect.top < innerHeight,
    };
  });
}

/** The event-page links of the timeline, one per li.event, in document order. */
function timelineEventHrefs(page) {
  return page.locator('li.event').evaluateAll((items) =>
    items.map((li) =>
      [...li.querySelectorAll('a[href]')]
        .map((a) => a.getAttribute('href'))
        .find((href) => /\/events\/[^/]+\/?$/.test(href)),
    ),
  );
}

for (const lang of LANGS) {
  test(`${lang}: Tab reaches the skip link first, then every event link in order, focus visible`, async () => {
    const page = await site.newPage();
    await page.goto(site.url(langPath(lang)));
    const expected = await timelineEventHrefs(page);
    assert.ok(expected.length > 0 && expected.every(Boolean), 'each li.event has an event link');

    await page.keyboard.press('Tab');
    const first = await describeFocus(page);
    assert.ok(first?.isSkipLink, `the first Tab focuses a.skip-link[href="#main"], not ${JSON.stringify(first)}`);
    assert.ok(first.onScreen, 'the focused skip link is shown on screen');

    const reached = [];
    for (let presses = 0; presses < 400 && reached.length < expected.length; presses++) {
      await page.keyboard.press('Tab');
      const focus = await describeFocus(page);
      if (!focus) break;
      if (focus.inEvent && slugOfHref(focus.href ?? '')) {
        assert.ok(
          focus.outlineVisible || focus.boxShadowVisible,
          `focus is visible on ${focus.href} (outline ${focus.outline}, no box-shadow)`,
        );
        assert.ok(focus.onScreen, `focused ${focus.href} is scrolled into view`);
        if (reached.at(-1) !== focus.href) reached.push(focus.href);
      }
    }
    assert.deepEqual(reached, expected, 'event links are reached in timeline order');
    await page.context().close();
  });
}

test('Enter on the skip link moves on to the main content', async () => {
  const page = await site.newPage();
  await page.goto(site.url(''));
  await page.keyboard.press('Tab');
  assert.ok((await describeFocus(page))?.isSkipLink);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.hash === '#main');
  await page.keyboard.press('Tab');
  const next = await describeFocus(page);
  assert.ok(next?.inMain, `after the skip link, Tab lands inside main#main (got ${JSON.stringify(next)})`);
  await page.context().close();
});

test('Enter on a focused event link opens the event', async () => {
  const page = await site.newPage();
  await page.goto(site.url(''));
  let focus = null;
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press('Tab');
    focus = await describeFocus(page);
    if (!focus || (focus.inEvent && slugOfHref(focus.href ?? ''))) break;
  }
  assert.ok(focus?.href, 'Tab reaches an event link');
  const target = new URL(focus.href, page.url()).pathname;
  await Promise.all([page.waitForURL((url) => url.pathname === target), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, target);
  assert.ok((await page.locator('main#main h1').count()) > 0, 'the event page has a heading');
  await page.context().close();
});
