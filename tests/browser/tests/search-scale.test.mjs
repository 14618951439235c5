// Issue 17's search in the browser: a query fetches the index's manifest, the
// word shard of each query word (static/search.js's shardOf, the same hash as
// src/model/search_shards.rs) and the document chunks of the results shown,
// nothing else; the docs section has its own search, whose pages never show
// up among readers' results. Runs on the bundled site (both languages, Latin
// and Cyrillic queries) and on a 2,000-event site generated and built here
// (YILNOMA_BIN, which run.sh exports).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { openSite, langPath, within, REPO, WAIT_MS } from '../lib/harness.mjs';
import { startServer } from '../lib/server.mjs';

const require = createRequire(import.meta.url);
const { shardOf, createFolder } = require(path.join(REPO, 'static/search.js'));

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/**
 * Opens `url`, types `query` and waits for results (or the no-results
 * status). Returns the shown result links and every file the page fetched
 * from `folder` (its path after the folder, its body's bytes).
 */
async function searchAndRecord(page, url, folder, query) {
  const fetched = [];
  page.on('response', async (response) => {
    const { pathname } = new URL(response.url());
    if (!pathname.startsWith(folder) || !pathname.endsWith('.json')) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    fetched.push({ name: pathname.slice(folder.length), body });
  });
  await page.goto(url);
  const input = page.locator('#search-input');
  await input.fill(query);
  await within(
    `"${query}" shows results`,
    page.waitForFunction(
      () =>
        document.querySelectorAll('#search-results li a[href]').length > 0 ||
        document.querySelector('#search-status').textContent.trim() !== '' &&
          !document.querySelector('.search').dataset.loading.includes(
            document.querySelector('#search-status').textContent.trim(),
          ),
    ),
  );
  await page.waitForLoadState('networkidle');
  const results = await page.evaluate(() =>
    [...document.querySelectorAll('#search-results li > a[href]')].map((a) => a.getAttribute('href')),
  );
  return { results, fetched };
}

/** The shards a query needs, folded with the index's own table. */
function shardsOf(manifest, query) {
  const folder = createFolder(manifest.fold);
  const words = folder.tokens(query).filter((t) => Array.from(t).length > 1);
  return new Set(words.map((w) => `words-${shardOf(w, manifest.shards)}.json`));
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Asserts that only the manifest, the query's shards and chunks of shown results were fetched. */
function assertOnlyItsShards(fetched, manifest, query, results) {
  const names = fetched.map((f) => f.name);
  assert.equal(new Set(names).size, names.length, `each file is fetched once: ${names}`);
  assert.ok(names.includes('index.json'), names.join(' '));
  const words = new Set(names.filter((n) => n.startsWith('words-')));
  assert.deepEqual(words, shardsOf(manifest, query), `"${query}" fetches only its shards`);
  const chunks = names.filter((n) => n.startsWith('docs-'));
  assert.ok(chunks.length >= 1 || results.length === 0, names.join(' '));
  assert.ok(chunks.length <= Math.max(1, results.length), `${chunks.length} chunks for ${results.length} results`);
  assert.equal(names.length, 1 + words.size + chunks.length, names.join(' '));
}

for (const [lang, query] of [
  ['uz', 'demarkatsiya'],
  ['uz', 'Қозоғистон'],
  ['en', 'border treaty'],
]) {
  test(`${lang}: "${query}" fetches the manifest, its shards and the shown results' chunks only`, async () => {
    const page = await site.newPage();
    const folder = site.pathOf(langPath(lang, 'search/'));
    const manifest = readJson(path.join(site.root, langPath(lang, 'search/index.json')));
    const { results, fetched } = await searchAndRecord(page, site.url(langPath(lang, 'search/')), folder, query);
    assert.ok(results.length > 0, `"${query}" finds events`);
    assert.ok(manifest.shards >= 8, `${manifest.shards} shards`);
    assertOnlyItsShards(fetched, manifest, query, results);
    await page.context().close();
  });
}

/** A word both indexes hold: the bundled about page and the guide both name Yilnoma. */
function wordInBothIndexes(lang) {
  const readers = readJson(path.join(site.root, langPath(lang, 'search/index.json')));
  for (const word of ['yilnoma', 'markdown', 'sayt', 'site']) {
    const file = (scope) => path.join(site.root, langPath(lang, `${scope}words-${shardOf(word, readers.shards)}.json`));
    const docsManifest = readJson(path.join(site.root, langPath(lang, 'docs/search/index.json')));
    const docsFile = path.join(site.root, langPath(lang, `docs/search/words-${shardOf(word, docsManifest.shards)}.json`));
    if (readJson(file('search/')).words[word] && readJson(docsFile).words[word]) return word;
  }
  throw new Error(`no test word is in both ${lang} indexes`);
}

for (const lang of ['uz', 'en']) {
  test(`${lang}: the guide has its own search and stays out of readers' results`, async () => {
    const word = wordInBothIndexes(lang);
    const page = await site.newPage();
    const readers = await searchAndRecord(page, site.url(langPath(lang, 'search/')), site.pathOf(langPath(lang, 'search/')), word);
    assert.ok(readers.results.length > 0, `readers find "${word}"`);
    for (const href of readers.results) {
      assert.ok(!href.includes('/docs/'), `a reader's result is not a docs page: ${href}`);
    }
    // From a docs page: its search form leads to the docs' own search.
    await page.goto(site.url(langPath(lang, 'docs/')));
    const form = page.locator('form.docs-search');
    await form.locator('input[type="search"]').fill(word);
    const docsSearch = site.pathOf(langPath(lang, 'docs/search/'));
    await Promise.all([
      page.waitForURL((url) => url.pathname === docsSearch),
      form.locator('input[type="search"]').press('Enter'),
    ]);
    await within(
      'the docs search shows results',
      page.waitForFunction(() => document.querySelectorAll('#search-results li a[href]').length > 0),
    );
    const docs = await page.evaluate(() =>
      [...document.querySelectorAll('#search-results li > a[href]')].map((a) => a.getAttribute('href')),
    );
    for (const href of docs) {
      assert.ok(href.startsWith(site.pathOf(langPath(lang, 'docs/'))), `a docs result is a docs page: ${href}`);
    }
    await page.context().close();
  });
}

// --- a generated 2,000-event site --------------------------------------

const WORDS = (
  'border treaty trade visit summit energy water railway customs transit investment culture ' +
  'education science tourism agriculture security cooperation agreement memorandum delegation ' +
  'minister president parliament region corridor logistics pipeline textile cotton grain'
).split(' ');
const PLACES = ['Tashkent', 'Astana', 'Almaty', 'Samarkand', 'Shymkent', 'Bukhara', 'Turkestan', 'Nukus'];

/** A deterministic pseudo-random number generator (mulberry32). */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateSite(root, events) {
  const next = random(17);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sentence = () => Array.from({ length: 12 }, () => pick(WORDS)).join(' ') + '.';
  fs.mkdirSync(path.join(root, 'content/events'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'book.toml'),
    '[book]\ntitle = "Scale"\nlanguage = "en"\n\n[language.en]\ntitle = "Scale"\n\n' +
      '[kind.visit]\nlabel = { en = "Visit" }\n',
  );
  for (let i = 0; i < events; i++) {
    const year = 1991 + (i % 35);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const place = pick(PLACES);
    // Rare words: each event has its own code word, so a query can find one event.
    const body = Array.from({ length: 6 }, sentence).join(' ') + ` Code word zq${i}x.`;
    fs.writeFileSync(
      path.join(root, `content/events/e${i}.en.md`),
      `---\ntitle: "${pick(WORDS)} ${pick(WORDS)} in ${place} ${i}"\ndate: ${year}-${month}\n` +
        `kind: visit\ntags: ["${pick(WORDS)}"]\nplace: "${place}"\nsummary: "${sentence()}"\n---\n\n${body}\n`,
    );
  }
}

/**
 * The generated 2,000-event site, built once for the tests below (YILNOMA_BIN),
 * served, with a browser: { manifest, searchDir, server, browser, work }; the
 * last `after` hook closes them.
 */
let generated = null;
after(async () => {
  if (!generated) return;
  const { work, server, browser } = await generated;
  await browser.close();
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});
function generatedSite() {
  generated ??= (async () => {
    const bin = process.env.YILNOMA_BIN;
    if (!bin) throw new Error('YILNOMA_BIN is not set: run `bash tests/browser/run.sh`');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yilnoma-search-scale-'));
    generateSite(path.join(work, 'site'), 2000);
    execFileSync(bin, ['build', '--root', path.join(work, 'site'), '--out', path.join(work, 'out')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const searchDir = path.join(work, 'out/search');
    const server = await startServer({ root: path.join(work, 'out'), basePath: '/' });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    return { manifest: readJson(path.join(searchDir, 'index.json')), searchDir, server, browser, work };
  })();
  return generated;
}

test('2,000 events: a query downloads only its shards, a small part of the index', async () => {
  const { manifest, searchDir, server, browser } = await generatedSite();
  assert.equal(manifest.documents, 2000);
  assert.equal(manifest.shards, 64);
  const gzip = (bytes) => zlib.gzipSync(bytes, { level: 6 }).length;
  let wholeIndex = 0;
  for (const name of fs.readdirSync(searchDir).filter((n) => n.endsWith('.json'))) {
    wholeIndex += gzip(fs.readFileSync(path.join(searchDir, name)));
  }
  for (const query of ['zq1234x', 'border treaty', 'Samarkand railway cotton']) {
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const { results, fetched } = await searchAndRecord(page, `${server.baseUrl}search/`, '/search/', query);
    assert.ok(results.length > 0, `"${query}" finds events`);
    assertOnlyItsShards(fetched, manifest, query, results);
    if (query === 'zq1234x') assert.deepEqual(results, ['/events/e1234/'], 'the code word finds its event');
    const downloaded = fetched.reduce((sum, f) => sum + gzip(f.body), 0);
    assert.ok(
      downloaded * 4 < wholeIndex,
      `"${query}" downloads ${downloaded} bytes (gzip), the whole index is ${wholeIndex}`,
    );
    await page.close();
  }
});

// Before the page's own script: records every fetch (file name, and how many
// document chunks had come in when it was made), the files asked for when the
// first result appeared, and that first result's list item.
function recordFetches() {
  const log = { calls: [], chunksIn: 0, atFirstResult: null, firstItem: null };
  window.__searchLog = log;
  const original = window.fetch;
  window.fetch = function (input, init) {
    const name = new URL(String(input), window.location.href).pathname.split('/').pop();
    log.calls.push({ name, chunksIn: log.chunksIn });
    const response = original.call(this, input, init);
    if (name.startsWith('docs-')) response.then(() => log.chunksIn++, () => {});
    return response;
  };
  document.addEventListener('DOMContentLoaded', () => {
    const list = document.getElementById('search-results');
    new MutationObserver(() => {
      if (log.atFirstResult === null && list.querySelector('li a[href]')) {
        log.atFirstResult = log.calls.map((call) => call.name);
        log.firstItem = list.querySelector('li');
      }
    }).observe(list, { childList: true, subtree: true });
  });
}

// A search page that logs its fetches (`recordFetches`), with `query` typed in.
async function searchRecordingFetches(browser, server, query) {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.addInitScript(recordFetches);
  await page.goto(`${server.baseUrl}search/`);
  await page.locator('#search-input').fill(query);
  return page;
}

test('2,000 events: the first result shows after its shards and one chunk; the rest of the first ten follow, each built once', async () => {
  const { manifest, searchDir, server, browser } = await generatedSite();
  const query = 'border treaty';
  const page = await searchRecordingFetches(browser, server, query);
  await within(
    `"${query}" shows 10 results`,
    page.waitForFunction(() => document.querySelectorAll('#search-results li a[href]').length === 10),
  );
  const seen = await page.evaluate(() => {
    const log = window.__searchLog;
    return {
      calls: log.calls,
      atFirstResult: log.atFirstResult,
      firstHref: log.firstItem.querySelector('a').getAttribute('href'),
      firstItemKept: log.firstItem.isConnected && log.firstItem === document.querySelector('#search-results li'),
      results: [...document.querySelectorAll('#search-results li > a[href]')].map((a) => a.getAttribute('href')),
    };
  });
  const chunks = seen.calls.filter((call) => call.name.startsWith('docs-'));
  assert.ok(chunks.length > 1, `the 10 results span ${chunks.length} chunks`);
  // When the first result appeared: the manifest, the query's shards, one chunk.
  const shards = [...shardsOf(manifest, query)];
  assert.deepEqual(
    [...seen.atFirstResult].sort(),
    ['index.json', ...shards, chunks[0].name].sort(),
    'files asked for when the first result showed',
  );
  // That chunk holds the top result; every other chunk was asked for after it came in.
  const firstChunk = readJson(path.join(searchDir, chunks[0].name));
  assert.ok(firstChunk.some((doc) => doc[0] === seen.firstHref), `${chunks[0].name} holds ${seen.firstHref}`);
  assert.equal(seen.results[0], seen.firstHref, 'the first result shown stays first');
  for (const call of chunks.slice(1)) {
    assert.ok(call.chunksIn >= 1, `${call.name} was asked for before the top result's chunk came in`);
  }
  // Chunks arriving later add items: the first item is never rebuilt.
  assert.ok(seen.firstItemKept, 'the first result item stays in the list as the others arrive');
  await page.close();
});

test('2,000 events: results of equal score show the newest event first', async () => {
  // Every event placed in Tashkent has the name in its title and nowhere
  // else has it: all score the same. Documents are numbered oldest first,
  // so the script must read the events from the end for ties.
  const { server, browser } = await generatedSite();
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${server.baseUrl}search/`);
  await page.locator('#search-input').fill('tashkent');
  await within(
    '"tashkent" shows results',
    page.waitForFunction(() => document.querySelectorAll('#search-results li a[href]').length >= 10),
  );
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll('#search-results li > a[href]')].map((a) => a.getAttribute('href')),
  );
  // The generator's date of event i: 1991 + i % 35, month 1 + i % 12.
  const dates = hrefs.map((href) => {
    const i = Number(/\/events\/e(\d+)\//.exec(href)[1]);
    return (1991 + (i % 35)) * 100 + 1 + (i % 12);
  });
  assert.ok(dates.length >= 10, `${dates.length} results`);
  for (let k = 1; k < dates.length; k++) {
    assert.ok(dates[k - 1] >= dates[k], `newest first: ${hrefs.slice(0, k + 1).join(' ')}`);
  }
  // The newest possible date of a Tashkent event is first.
  assert.ok(dates[0] >= 202500, `the first result is from 2025: ${hrefs[0]}`);
  await page.close();
});

test('2,000 events: "More results" fetches the next ten results\' chunks only when pressed, by keyboard too', async () => {
  const { searchDir, server, browser } = await generatedSite();
  const query = 'border treaty';
  const page = await searchRecordingFetches(browser, server, query);
  const more = page.getByRole('button', { name: 'More results' });
  await within('the button shows once the first ten are in', more.waitFor({ state: 'visible' }));
  const chunksOf = async () =>
    (await page.evaluate(() => window.__searchLog.calls.map((call) => call.name))).filter((n) => n.startsWith('docs-'));
  const first = await chunksOf();
  const hrefs = async () =>
    page.evaluate(() => [...document.querySelectorAll('#search-results li > a[href]')].map((a) => a.getAttribute('href')));
  const firstTen = await hrefs();
  assert.equal(firstTen.length, 10, 'ten results at first');
  // Only the chunks of the ten shown were fetched.
  for (const name of first) {
    const docs = readJson(path.join(searchDir, name)).map((doc) => doc[0]);
    assert.ok(docs.some((url) => firstTen.includes(url)), `${name} holds a shown result`);
  }
  // Pressed from the keyboard: ten more, the focus on the first of them.
  await more.focus();
  await page.keyboard.press('Enter');
  await within(
    'ten more results',
    page.waitForFunction(() => document.querySelectorAll('#search-results li a[href]').length === 20),
  );
  const all = await hrefs();
  assert.deepEqual(all.slice(0, 10), firstTen, 'the first ten stay, in order');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert.equal(focused, all[10], 'the first new result has the focus');
  const later = (await chunksOf()).slice(first.length);
  assert.ok(later.length >= 1, 'the next results\' chunks were fetched after the press');
  assert.ok(await more.isVisible(), '"border treaty" has more than twenty results: the button stays');
  // A new query starts again at ten.
  await page.locator('#search-input').fill('tashkent');
  await within(
    'a new query shows ten',
    page.waitForFunction(() => document.querySelectorAll('#search-results li a[href]').length === 10),
  );
  await page.close();
});
