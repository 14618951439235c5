// The first search query on a built site, as a phone sees it (issue 17's
// floor: at most 150 KB gzip downloaded and results within 300 ms under
// Lighthouse's mobile CPU throttling, 4×). For each query: a fresh browser
// context (empty cache) opens the search page, Chromium's CPU is slowed 4×
// through the DevTools protocol (Emulation.setCPUThrottlingRate), the query
// is put into the box in one input event, and the page's own clock measures
// from that event to the results in the list (and, from the page's resource
// timing, when the word shards and the top result's chunk came in and how
// many files were asked for before the first result). Bytes are the JSON files of
// the search folder the page fetched, gzipped here at level 6 (as GitHub
// Pages serves them); the peer is the whole index gzipped the same way.
//
//   node bench/search_first_query.mjs SITE_OUT [RUNS]
//
// Needs playwright-core (tests/browser/node_modules: `npm ci` there) and
// Debian's chromium (or CHROMIUM=path).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const require = createRequire(path.join(REPO, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const { startServer } = await import(path.join(REPO, 'tests/browser/lib/server.mjs'));

const [out, runsArg] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bench/search_first_query.mjs SITE_OUT [RUNS]');
  process.exit(2);
}
const RUNS = Number(runsArg ?? 5);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
// QUERIES='en/|foreign commission industry;|hamkorlik' measures others.
const QUERIES = process.env.QUERIES
  ? process.env.QUERIES.split(';').map((q) => q.split('|'))
  : [
      ['', 'hamkorlik'],
      ['', 'Qozog‘iston chegara'],
      ['', 'tashrif'],
      ['en/', 'cooperation'],
      ['en/', 'border treaty'],
      ['en/', 'regional cooperation agreement'],
      ['en/', 'foreign commission industry'],
    ];
// Results the page shows before its "More results" button (search.js's PAGE).
const SHOWN = 10;
const gzip = (bytes) => zlib.gzipSync(bytes, { level: 6 }).length;

function wholeIndex(folder) {
  return fs
    .readdirSync(folder)
    .filter((n) => n.endsWith('.json'))
    .reduce((sum, n) => sum + gzip(fs.readFileSync(path.join(folder, n))), 0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await startServer({ root: path.resolve(out), basePath: '/' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
let worstBytes = 0;
let worstTime = 0;
console.log(
  `query | files | gzip KB (whole index KB, ratio) | ms to first results at ${THROTTLE}× CPU, median (min–max) | ` +
    'ms to all shown | shards in, top chunk in (ms, median) | files asked before the first result',
);
for (const [lang, query] of QUERIES) {
  const folder = `/${lang}search/`;
  const whole = wholeIndex(path.join(out, lang, 'search'));
  const times = [];
  const fullTimes = [];
  const shardTimes = [];
  const chunkTimes = [];
  const filesBefore = [];
  let bytes = 0;
  let files = 0;
  let count = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched = [];
    page.on('response', async (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith(folder) && pathname.endsWith('.json')) {
        fetched.push(response.body().then(gzip, () => 0));
      }
    });
    // The manifest (about 1 KB gzip) is fetched as the page loads; its bytes count.
    await page.goto(`${server.baseUrl}${lang}search/`, { waitUntil: 'networkidle' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    // [first results shown, all shown results filled in, where the time
    // went], in ms from the input event.
    const [ms, fullMs, phases] = await page.evaluate(
      ([q, folder, firstPage]) =>
        new Promise((resolve) => {
          const input = document.getElementById('search-input');
          const list = document.getElementById('search-results');
          const status = document.getElementById('search-status');
          let first = null;
          const start = performance.now();
          const noResults = document.querySelector('.search').dataset.noResults;
          // The index's files asked for after the input: when the last word
          // shard and the first document chunk came in, and how many were
          // asked for before the first result showed.
          const phases = (shownAt) => {
            const files = performance
              .getEntriesByType('resource')
              .filter((e) => e.startTime >= start && new URL(e.name).pathname.startsWith(folder))
              .map((e) => ({ name: e.name.split('/').pop(), asked: e.startTime - start, in: e.responseEnd - start }));
            const shards = files.filter((f) => f.name.startsWith('words-'));
            const chunks = files.filter((f) => f.name.startsWith('docs-')).sort((a, b) => a.asked - b.asked);
            return {
              shardsIn: Math.max(0, ...shards.map((f) => f.in)),
              chunkIn: chunks.length ? chunks[0].in : 0,
              before: files.filter((f) => f.asked < shownAt).length,
            };
          };
          const observer = new MutationObserver(() => {
            const shown = list.querySelectorAll('li a[href]').length;
            if (shown === 0 && status.textContent === noResults) {
              observer.disconnect();
              const now = performance.now() - start;
              resolve([now, now, phases(now)]);
            }
            if (shown === 0) return;
            if (first === null) first = performance.now() - start;
            const total = Number((status.textContent.match(/\d+/) || ['0'])[0]);
            if (shown >= Math.min(firstPage, total)) {
              observer.disconnect();
              resolve([first, performance.now() - start, phases(first)]);
            }
          });
          observer.observe(list.parentNode, { childList: true, subtree: true, characterData: true });
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      [query, folder, SHOWN],
    );
    count = await page.locator('#search-results li').count();
    times.push(ms);
    fullTimes.push(fullMs);
    shardTimes.push(phases.shardsIn);
    chunkTimes.push(phases.chunkIn);
    filesBefore.push(phases.before);
    const sizes = await Promise.all(fetched);
    bytes = sizes.reduce((a, b) => a + b, 0);
    files = sizes.length;
    await context.close();
  }
  worstBytes = Math.max(worstBytes, bytes);
  worstTime = Math.max(worstTime, median(times));
  console.log(
    `${lang || 'uz/'} "${query}" (${count} shown) | ${files} | ${(bytes / 1024).toFixed(1)} ` +
      `(${(whole / 1024).toFixed(0)}, ${(bytes / whole).toFixed(3)}) | ` +
      `${median(times).toFixed(0)} (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}) | ` +
      `${median(fullTimes).toFixed(0)} | ${median(shardTimes).toFixed(0)}, ${median(chunkTimes).toFixed(0)} | ` +
      `${Math.max(...filesBefore)}`,
  );
}
console.log(
  `worst: ${(worstBytes / 1024).toFixed(1)} KB gzip (floor 150 KB, ratio ${(worstBytes / 1024 / 150).toFixed(2)}), ` +
    `${worstTime.toFixed(0)} ms median (floor 300 ms, ratio ${(worstTime / 300).toFixed(2)})`,
);
await browser.close();
await server.close();
