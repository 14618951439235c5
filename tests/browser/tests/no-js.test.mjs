// Reading without JavaScript: the index lists every event in the timeline
// markup the theme promises, event pages show their body, and filtering by
// kind works through the server-generated kinds/<kind>/ pages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openSite,
  contentEvents,
  eventPath,
  langPath,
  slugOfHref,
  LANGS,
} from '../lib/harness.mjs';

let site;
let context;
before(async () => {
  site = await openSite();
  context = await site.newContext({ javaScriptEnabled: false });
});
after(() => site?.close());

const events = contentEvents();
const eventsIn = (lang) => events.filter((e) => e.lang === lang);
const kindsIn = (lang) => [...new Set(eventsIn(lang).map((e) => e.kind))].sort();

/** Slugs of the event pages linked from inside `selector`, in document order. */
async function linkedSlugs(page, selector) {
  const hrefs = await page.locator(`${selector} a[href]`).evaluateAll((links) =>
    links.map((a) => a.getAttribute('href')),
  );
  return [...new Set(hrefs.map(slugOfHref).filter(Boolean))];
}

for (const lang of LANGS) {
  test(`${lang}: the index lists every event, each li.event linking to its page`, async () => {
    const page = await context.newPage();
    await page.goto(site.url(langPath(lang)));
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    const items = await page.locator('li.event').evaluateAll((lis) =>
      lis.map((li) => [...li.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))),
    );
    const slugs = items.map((hrefs) => hrefs.map(slugOfHref).find(Boolean));
    assert.ok(slugs.every(Boolean), 'every li.event links to an event page');
    assert.deepEqual([...slugs].sort(), eventsIn(lang).map((e) => e.slug).sort());
    for (const href of items.flat().filter(slugOfHref)) {
      assert.ok(href.startsWith(site.pathOf(langPath(lang, 'events/'))), `${href} is in ${lang}`);
    }
    await page.close();
  });

  test(`${lang}: the index marks each event with data-kind, data-tags, data-year inside section.year#yYYYY, with a year-nav`, async () => {
    const page = await context.newPage();
    await page.goto(site.url(langPath(lang)));
    const items = await page.locator('li.event').evaluateAll((lis) =>
      lis.map((li) => ({
        hrefs: [...li.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
        kind: li.dataset.kind,
        hasTags: li.hasAttribute('data-tags'),
        year: li.dataset.year,
        section: li.closest('section.year')?.id,
      })),
    );
    for (const item of items) {
      const slug = item.hrefs.map(slugOfHref).find(Boolean);
      const event = eventsIn(lang).find((e) => e.slug === slug);
      assert.ok(event, `li.event for ${slug} is a known event`);
      assert.equal(item.kind, event.kind, `${slug}: data-kind`);
      assert.ok(item.hasTags, `${slug}: has data-tags`);
      assert.equal(item.year, event.year, `${slug}: data-year`);
      assert.equal(item.section, `y${event.year}`, `${slug}: inside section.year#y${event.year}`);
    }
    const sections = await page.locator('section.year[id]').evaluateAll((s) => s.map((x) => x.id));
    const jumps = await page
      .locator('nav.year-nav a[href]')
      .evaluateAll((links) => links.map((a) => new URL(a.href).hash.slice(1)));
    assert.ok(sections.length > 0, 'there are year sections');
    assert.deepEqual([...jumps].sort(), [...sections].sort(), 'nav.year-nav links every year');
    await page.close();
  });

  test(`${lang}: an event page shows its title and body`, async () => {
    const page = await context.newPage();
    for (const event of eventsIn(lang)) {
      await page.goto(site.url(eventPath(lang, event.slug)));
      assert.equal((await page.locator('main#main h1').first().innerText()).trim(), event.title);
      const text = (await page.locator('main#main').innerText()).replace(/\s+/g, ' ');
      assert.ok(text.includes(event.opening), `${event.slug}: body shows "${event.opening}"`);
    }
    await page.close();
  });

  test(`${lang}: every kind page lists exactly the events of that kind`, async () => {
    const page = await context.newPage();
    for (const kind of kindsIn(lang)) {
      const response = await page.goto(site.url(langPath(lang, `kinds/${kind}/`)));
      assert.equal(response.status(), 200, `kinds/${kind}/ exists`);
      const expected = eventsIn(lang).filter((e) => e.kind === kind).map((e) => e.slug);
      assert.deepEqual((await linkedSlugs(page, 'main')).sort(), expected.sort(), kind);
    }
    await page.close();
  });

  test(`${lang}: without JavaScript the kind filter links lead to the kind page`, async () => {
    const page = await context.newPage();
    await page.goto(site.url(langPath(lang)));
    const home = site.pathOf(langPath(lang));
    const clear = page.locator('a.kind-filter[data-kind=""]');
    assert.equal(await clear.count(), 1, 'one a.kind-filter[data-kind=""] (all events)');
    assert.equal(new URL(await clear.evaluate((a) => a.href)).pathname, home, 'it links to the index');
    const filter = page.locator('a.kind-filter[data-kind="treaty"]');
    assert.equal(await filter.count(), 1, 'one a.kind-filter[data-kind="treaty"]');
    await Promise.all([page.waitForURL(/\/kinds\/treaty\/$/), filter.click()]);
    assert.equal(new URL(page.url()).pathname, site.pathOf(langPath(lang, 'kinds/treaty/')));
    const treaties = eventsIn(lang).filter((e) => e.kind === 'treaty').map((e) => e.slug);
    assert.deepEqual((await linkedSlugs(page, 'main')).sort(), treaties.sort());
    const mainLinks = await page
      .locator('main a[href]')
      .evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
    assert.ok(mainLinks.includes(home), 'the kind page links back to all events');
    await page.close();
  });
}

test('without JavaScript the skip link targets main#main', async () => {
  const page = await context.newPage();
  await page.goto(site.url(''));
  assert.equal(await page.locator('a.skip-link[href="#main"]').count(), 1);
  assert.equal(await page.locator('main#main').count(), 1);
  await page.close();
});
