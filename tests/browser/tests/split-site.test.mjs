// Issue 17: a site larger than `[render] timeline-limit` is split. Its home
// page shows the years and the newest events, each year has its own
// listing, kind, tag and year listings are cut into pages at …/page/N/.
// This file builds such a site (90 events, three years, two kinds, two
// tags, four events a page) with the binary under test and checks, in
// Chromium:
// - without JavaScript, every event page is reached from the home page by
//   following links, within three clicks;
// - the page links (numbers, previous/next) and the year pages with their
//   previous/next year links;
// - filtering by kind and by tag without JavaScript: the filter links lead
//   to listings that hold exactly that kind's or tag's events, all pages;
// - with JavaScript the same links filter the home page in place.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSite, BASE_PATH, LANGS, langPath, expectPresent, within } from '../lib/harness.mjs';

const YEARS = [2019, 2020, 2021];
const PER_YEAR = 30;
const PAGE_SIZE = 4;
const KINDS = ['treaty', 'visit'];
const TAGS = ['savdo', 'energetika'];

/** The generated events: slug, year, kind, tag. */
const EVENTS = YEARS.flatMap((year, y) =>
  Array.from({ length: PER_YEAR }, (_, i) => {
    const n = y * PER_YEAR + i;
    return {
      slug: `event-${String(n).padStart(3, '0')}`,
      date: `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      year,
      kind: KINDS[n % 2],
      tag: TAGS[Math.floor(n / 2) % 2],
    };
  }),
);

let work;
let site;

function writeSite(root) {
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write(
    'book.toml',
    [
      '[book]',
      'title = "Bo‘lingan sayt"',
      'language = "uz"',
      '',
      '[language.uz]',
      'title = "Bo‘lingan sayt"',
      '',
      '[language.en]',
      'title = "Split site"',
      '',
      '[kind.treaty]',
      'label = { uz = "Shartnoma", en = "Treaty" }',
      '',
      '[kind.visit]',
      'label = { uz = "Tashrif", en = "Visit" }',
      '',
      '[render]',
      'timeline-limit = 20',
      `page-size = ${PAGE_SIZE}`,
      '',
    ].join('\n'),
  );
  for (const e of EVENTS) {
    for (const lang of LANGS) {
      write(
        `content/events/${e.slug}.${lang}.md`,
        `---\ntitle: "${lang === 'uz' ? 'Voqea' : 'Event'} ${e.slug}"\ndate: ${e.date}\nkind: ${e.kind}\n` +
          `tags: ["${e.tag}"]\nsummary: "Summary of ${e.slug}."\n---\n\nBody of ${e.slug}.\n`,
      );
    }
  }
}

before(async () => {
  const bin = process.env.YILNOMA_BIN;
  assert.ok(bin, 'YILNOMA_BIN is not set: run `bash tests/browser/run.sh`');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'yilnoma-split-'));
  writeSite(path.join(work, 'src'));
  execFileSync(
    bin,
    ['build', '--root', path.join(work, 'src'), '--out', path.join(work, 'site'), '--base-url', BASE_PATH],
    { stdio: 'pipe' },
  );
  site = await openSite({ root: path.join(work, 'site') });
});

after(async () => {
  await site?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A page with JavaScript switched off. */
async function staticPage() {
  const context = await site.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

/** Root-relative paths of every same-site link on the page, without query or hash. */
async function links(page) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  const own = new URL(site.url()).origin;
  return [
    ...new Set(
      hrefs
        .map((href) => new URL(href))
        .filter((url) => url.origin === own)
        .map((url) => url.pathname),
    ),
  ];
}

/** The `li.event` items shown on the page, as their data attributes. */
async function shownEvents(page) {
  return page.$$eval('li.event:not([hidden])', (items) =>
    items.map((li) => ({
      kind: li.dataset.kind,
      tags: (li.dataset.tags || '').split(' '),
      year: li.dataset.year,
      href: li.querySelector('a[href]')?.getAttribute('href'),
    })),
  );
}

/** Follows `a[rel=next].page-next` from `start` to the last page; every page's events. */
async function wholeListing(page, start) {
  await page.goto(site.url(start));
  const pages = [];
  for (;;) {
    pages.push({ path: new URL(page.url()).pathname, events: await shownEvents(page) });
    const next = page.locator('nav.pagination a.page-next');
    if ((await next.count()) === 0) break;
    assert.ok(pages.length <= EVENTS.length, `${start}: the next links loop`);
    await next.click();
  }
  return pages;
}

for (const lang of LANGS) {
  test(`${lang}: without JavaScript every event is within three clicks of the home page`, async () => {
    const page = await staticPage();
    const home = site.pathOf(langPath(lang));
    const inLanguage = (p) =>
      p.startsWith(home) && (lang !== 'uz' || !LANGS.some((l) => l !== 'uz' && p.startsWith(`${BASE_PATH}${l}/`)));
    const isEvent = (p) => p.startsWith(site.pathOf(langPath(lang, 'events/')));

    await page.goto(site.url(langPath(lang)));
    const onHome = await shownEvents(page);
    assert.ok(
      onHome.length > 0 && onHome.length < EVENTS.length,
      `the home page is split: it lists ${onHome.length} of ${EVENTS.length} events`,
    );

    // Breadth first: depth = clicks from home. Event pages are leaves
    // (their links are not needed to reach the others), and so are files
    // that are not pages (feeds, open data).
    const depth = new Map([[home, 0]]);
    let frontier = [home];
    for (let d = 1; d <= 3; d++) {
      const next = [];
      for (const from of frontier) {
        await page.goto(new URL(from, site.url()).href);
        for (const to of await links(page)) {
          if (depth.has(to) || !inLanguage(to)) continue;
          depth.set(to, d);
          if (!isEvent(to) && to.endsWith('/')) next.push(to);
        }
      }
      frontier = next;
    }
    const unreached = EVENTS.map((e) => site.pathOf(langPath(lang, `events/${e.slug}/`))).filter(
      (p) => !depth.has(p),
    );
    assert.deepEqual(unreached, [], 'event pages more than three clicks from home');
    const deepest = Math.max(...EVENTS.map((e) => depth.get(site.pathOf(langPath(lang, `events/${e.slug}/`)))));
    assert.equal(deepest, 3, 'the oldest events are on later pages of a year: three clicks');
    await page.context().close();
  });

  test(`${lang}: year pages are paginated and linked to the years before and after`, async () => {
    const page = await staticPage();
    await page.goto(site.url(langPath(lang)));
    const yearLinks = await page.$$eval('nav.year-nav a', (as) => as.map((a) => a.textContent.trim()));
    assert.deepEqual(yearLinks.map(Number), YEARS, 'the home page links every year');

    await page.locator('nav.year-nav a', { hasText: '2020' }).click();
    assert.equal(new URL(page.url()).pathname, site.pathOf(langPath(lang, 'years/2020/')));
    const pages = await wholeListing(page, langPath(lang, 'years/2020/'));
    assert.equal(pages.length, Math.ceil(PER_YEAR / PAGE_SIZE), 'pages of 2020');
    assert.equal(pages[1].path, site.pathOf(langPath(lang, 'years/2020/page/2/')), 'stable page URLs');
    const events = pages.flatMap((p) => p.events);
    assert.equal(events.length, PER_YEAR, 'every event of 2020, once');
    assert.ok(events.every((e) => e.year === '2020'), 'only events of 2020');
    assert.equal(new Set(events.map((e) => e.href)).size, PER_YEAR, 'no event on two pages');

    await page.goto(site.url(langPath(lang, 'years/2020/')));
    await page.locator('nav.prev-next a[rel="prev"]').click();
    assert.equal(new URL(page.url()).pathname, site.pathOf(langPath(lang, 'years/2019/')), 'previous year');
    await page.goto(site.url(langPath(lang, 'years/2020/')));
    await page.locator('nav.prev-next a[rel="next"]').click();
    assert.equal(new URL(page.url()).pathname, site.pathOf(langPath(lang, 'years/2021/')), 'next year');
    await page.context().close();
  });

  test(`${lang}: page links number every page, mark the current one and go back and forth`, async () => {
    const page = await staticPage();
    const first = langPath(lang, 'kinds/treaty/');
    await page.goto(site.url(first));
    const expectedPages = Math.ceil(EVENTS.filter((e) => e.kind === 'treaty').length / PAGE_SIZE);
    const numbers = await page.$$eval('nav.pagination ol a', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(numbers.length, expectedPages, 'one link per page');
    assert.equal(numbers[0], site.pathOf(first));
    numbers.slice(1).forEach((href, i) => assert.equal(href, site.pathOf(`${first}page/${i + 2}/`)));
    assert.equal(await page.locator('nav.pagination a.page-prev').count(), 0, 'no previous on page 1');
    const firstEvents = (await shownEvents(page)).map((e) => e.href);

    await page.locator(`nav.pagination ol a[href="${site.pathOf(`${first}page/3/`)}"]`).click();
    assert.equal(new URL(page.url()).pathname, site.pathOf(`${first}page/3/`));
    assert.equal(
      await page.locator('nav.pagination ol a[aria-current="page"]').getAttribute('href'),
      site.pathOf(`${first}page/3/`),
      'the current page is marked',
    );
    const third = (await shownEvents(page)).map((e) => e.href);
    assert.equal(third.length, PAGE_SIZE);
    assert.ok(third.every((href) => !firstEvents.includes(href)), 'page 3 lists other events than page 1');
    await page.locator('nav.pagination a.page-prev').click();
    assert.equal(new URL(page.url()).pathname, site.pathOf(`${first}page/2/`), 'previous from 3 is 2');

    await page.goto(site.url(`${first}page/${expectedPages}/`));
    assert.equal(await page.locator('nav.pagination a.page-next').count(), 0, 'no next on the last page');
    assert.equal((await page.goto(site.url(`${first}page/${expectedPages + 1}/`))).status(), 404, 'no page after the last');
    await page.context().close();
  });

  test(`${lang}: without JavaScript the kind and tag filters lead to listings of exactly those events`, async () => {
    const page = await staticPage();
    await page.goto(site.url(langPath(lang)));
    await page.locator('a.kind-filter[data-kind="visit"]').click();
    assert.equal(new URL(page.url()).pathname, site.pathOf(langPath(lang, 'kinds/visit/')));
    const visits = (await wholeListing(page, langPath(lang, 'kinds/visit/'))).flatMap((p) => p.events);
    assert.equal(visits.length, EVENTS.filter((e) => e.kind === 'visit').length, 'every visit, once');
    assert.ok(visits.every((e) => e.kind === 'visit'), 'only visits');

    await page.goto(site.url(langPath(lang)));
    await page.locator('details.tag-filters summary').click();
    await page.locator('a.tag-filter[data-tag="energetika"]').click();
    assert.equal(new URL(page.url()).pathname, site.pathOf(langPath(lang, 'tags/energetika/')));
    const tagged = (await wholeListing(page, langPath(lang, 'tags/energetika/'))).flatMap((p) => p.events);
    assert.equal(tagged.length, EVENTS.filter((e) => e.tag === 'energetika').length, 'every tagged event, once');
    assert.ok(tagged.every((e) => e.tags.includes('energetika')), 'only tagged events');
    await page.context().close();
  });

  test(`${lang}: with JavaScript the filters filter the home page in place`, async () => {
    const page = await site.newPage();
    const home = site.pathOf(langPath(lang));
    await page.goto(site.url(langPath(lang)));
    const all = await shownEvents(page);
    assert.ok(all.some((e) => e.kind === 'treaty') && all.some((e) => e.kind === 'visit'));

    await (await expectPresent(page, 'a.kind-filter[data-kind="visit"]')).click();
    await within('the URL has ?kind=visit', page.waitForURL((url) => url.searchParams.get('kind') === 'visit'));
    assert.equal(new URL(page.url()).pathname, home, 'still on the home page');
    const visits = await shownEvents(page);
    assert.deepEqual(
      visits.map((e) => e.href),
      all.filter((e) => e.kind === 'visit').map((e) => e.href),
      'exactly the visits of this page are shown',
    );

    await page.locator('details.tag-filters summary').click();
    await page.locator('a.tag-filter[data-tag="savdo"]').click();
    await within('the URL has ?tag=savdo', page.waitForURL((url) => url.searchParams.get('tag') === 'savdo'));
    assert.equal(new URL(page.url()).pathname, home, 'still on the home page');
    assert.deepEqual(
      (await shownEvents(page)).map((e) => e.href),
      all.filter((e) => e.tags.includes('savdo')).map((e) => e.href),
      'exactly the events of this page tagged savdo are shown',
    );
    await page.context().close();
  });
}
