// Filtering by kind with JavaScript: a kind filter link filters the index in
// place (the other events get the `hidden` attribute), the URL records the
// filter as ?kind=…, a reload or a shared link keeps it, and the empty kind
// clears it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, langPath, expectPresent, within, LANGS } from '../lib/harness.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/** Waits until exactly the events of `kind` (every event for '') are shown. */
async function waitForFilter(page, kind) {
  const what = kind ? `only "${kind}" events are shown, the rest [hidden]` : 'every event is shown';
  await within(what, page.waitForFunction((wanted) => {
    const items = [...document.querySelectorAll('li.event')];
    return (
      items.length > 0 &&
      items.every((li) => li.hasAttribute('hidden') === (wanted !== '' && li.dataset.kind !== wanted))
    );
  }, kind));
  const shown = await page.locator('li.event:not([hidden])').count();
  assert.ok(shown > 0, `some events shown for kind "${kind}"`);
}

const kindInUrl = (page) => new URL(page.url()).searchParams.get('kind');

for (const lang of LANGS) {
  test(`${lang}: clicking a kind filter filters in place and puts ?kind= in the URL; reload keeps it`, async () => {
    const page = await site.newPage();
    const index = site.pathOf(langPath(lang));
    await page.goto(site.url(langPath(lang)));
    await waitForFilter(page, '');
    await (await expectPresent(page, 'a.kind-filter[data-kind="treaty"]')).click();
    await within('the URL has ?kind=treaty', page.waitForURL((url) => url.searchParams.get('kind') === 'treaty'));
    assert.equal(new URL(page.url()).pathname, index, 'still on the index');
    await waitForFilter(page, 'treaty');
    await page.reload();
    assert.equal(kindInUrl(page), 'treaty');
    await waitForFilter(page, 'treaty');

    await (await expectPresent(page, 'a.kind-filter[data-kind="visit"]')).click();
    await within('the URL has ?kind=visit', page.waitForURL((url) => url.searchParams.get('kind') === 'visit'));
    await waitForFilter(page, 'visit');

    await (await expectPresent(page, 'a.kind-filter[data-kind=""]')).click();
    await within('the URL has no ?kind=', page.waitForURL((url) => !url.searchParams.get('kind')));
    assert.equal(new URL(page.url()).pathname, index, 'still on the index');
    await waitForFilter(page, '');
    await page.context().close();
  });

  test(`${lang}: opening the index with ?kind=treaty applies the filter`, async () => {
    const page = await site.newPage();
    await page.goto(`${site.url(langPath(lang))}?kind=treaty`);
    await expectPresent(page, 'li.event[data-kind]');
    await waitForFilter(page, 'treaty');
    await page.context().close();
  });
}
