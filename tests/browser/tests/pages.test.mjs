// Every page of the built site, loaded in the browser: its <html lang>
// matches its language, it loads nothing from a third-party host, every
// asset it loads exists, and its scripts throw no error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, sitePages, langOfPath, ALL_LANGS } from '../lib/harness.mjs';

let site;
const visits = [];

before(async () => {
  site = await openSite();
  const context = await site.newContext();
  const page = await context.newPage();
  let current;
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      current.brokenAssets.push(`${response.status()} ${response.url()}`);
    }
  });
  // A request the next navigation cut short (net::ERR_ABORTED: the search
  // page's manifest, fetched as the page loads, can still be on its way
  // when the visit moves on) is not a missing asset; a missing one answers 404.
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).hostname === '127.0.0.1' && request.failure()?.errorText !== 'net::ERR_ABORTED') {
      current.brokenAssets.push(`${request.failure()?.errorText} ${request.url()}`);
    }
  });
  page.on('pageerror', (error) => current.errors.push(String(error)));
  for (const sitePath of sitePages(site.root)) {
    current = { sitePath, brokenAssets: [], errors: [] };
    const response = await page.goto(site.url(sitePath), { waitUntil: 'load' });
    current.status = response.status();
    current.lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    visits.push(current);
  }
  await context.close();
});
after(() => site?.close());

test('the site has pages in every language', () => {
  for (const lang of ALL_LANGS) {
    assert.ok(visits.some((v) => langOfPath(v.sitePath) === lang), `pages in ${lang}`);
  }
  assert.ok(visits.length > 20, `${visits.length} pages found`);
});

test('every page has <html lang> matching its language', () => {
  const wrong = visits
    .filter((v) =>
      v.sitePath === '404.html' ? !ALL_LANGS.includes(v.lang) : v.lang !== langOfPath(v.sitePath),
    )
    .map((v) => `${v.sitePath || '(index)'}: lang=${v.lang}`);
  assert.deepEqual(wrong, []);
});

test('every page answers 200 (and 404.html is served for a missing page)', async () => {
  const bad = visits.filter((v) => v.status !== 200 && v.sitePath !== '404.html');
  assert.deepEqual(bad.map((v) => `${v.status} ${v.sitePath}`), []);
  const response = await fetch(site.url('no-such-page/'));
  assert.equal(response.status, 404);
  assert.match(await response.text(), /<html/i);
});

test('no page loads anything from a third-party host (only 127.0.0.1)', () => {
  assert.deepEqual(site.blocked, []);
});

test('every asset a page loads exists', () => {
  const broken = visits.flatMap((v) => v.brokenAssets.map((a) => `${v.sitePath}: ${a}`));
  assert.deepEqual(broken, []);
});

test('no page throws a script error', () => {
  const errors = visits.flatMap((v) => v.errors.map((e) => `${v.sitePath}: ${e}`));
  assert.deepEqual(errors, []);
});
