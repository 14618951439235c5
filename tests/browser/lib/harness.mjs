// Shared setup for the browser tests: the built site (served by
// lib/server.mjs), Debian's Chromium driven by playwright-core, and browser
// contexts that refuse every request to a host other than 127.0.0.1.
//
// Environment:
//   YILNOMA_SITE_DIR   the built site to test (required; run.sh sets it)
//   YILNOMA_BASE_PATH  the base path it was built for (default /yilnoma/)
//   YILNOMA_CONTENT    the content/ folder it was built from (default: the repo's)
//   CHROMIUM           the browser binary (default /usr/bin/chromium)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, normaliseBasePath } from './server.mjs';

export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = path.resolve(HERE, '../..');
export const SCREENSHOTS = path.join(HERE, 'screenshots');
export const BASE_PATH = normaliseBasePath(process.env.YILNOMA_BASE_PATH ?? '/yilnoma/');
export const CONTENT_DIR = path.resolve(process.env.YILNOMA_CONTENT ?? path.join(REPO, 'content'));

/** The site's languages: the default one at the root, the others under /<code>/. */
export const DEFAULT_LANG = 'uz';
export const LANGS = ['uz', 'en'];
/** The Uzbek Cyrillic edition, made from the Uzbek Latin text at build time. */
export const CYRILLIC = 'uz-Cyrl';
/** Every language the site is published in, hand-written and generated. */
export const ALL_LANGS = [...LANGS, CYRILLIC];

/** How long a test waits for an element or a state before it fails. */
export const WAIT_MS = 10000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function siteDir() {
  const dir = process.env.YILNOMA_SITE_DIR;
  if (!dir) {
    throw new Error(
      'YILNOMA_SITE_DIR is not set: build the site first, or run `bash tests/browser/run.sh`',
    );
  }
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir} holds no index.html: is it a built Yilnoma site?`);
  }
  return path.resolve(dir);
}

/** The site-relative path of a page in a language: `langPath('en', 'events/x/')`. */
export function langPath(lang, pagePath = '') {
  // A language's folder is its code in lowercase (uz-Cyrl → uz-cyrl/).
  return lang === DEFAULT_LANG ? pagePath : `${lang.toLowerCase()}/${pagePath}`;
}

/**
 * Debian's headless Chromium. Playwright gives every launch a fresh, empty
 * temporary profile (its own --user-data-dir), removed again on close.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Starts the server and the browser once per test file. Returns
 * `{ url(path), pathOf(path), newContext(options), newPage(options), blocked, close() }`.
 * `blocked` lists every third-party URL any page tried to load.
 */
export async function openSite() {
  const root = siteDir();
  const server = await startServer({ root, basePath: BASE_PATH });
  const browser = await launchChromium();
  const blocked = [];

  async function newContext(options = {}) {
    const context = await browser.newContext({ colorScheme: 'light', ...options });
    context.setDefaultTimeout(WAIT_MS);
    await context.route(
      (url) => !['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1',
      (route) => {
        blocked.push({ url: route.request().url(), from: route.request().frame()?.url() });
        return route.abort('blockedbyclient');
      },
    );
    return context;
  }

  return {
    root,
    server,
    browser,
    blocked,
    /** Absolute URL of a site-relative path, e.g. url('en/events/x/'). */
    url: (sitePath = '') => server.baseUrl + sitePath.replace(/^\/+/, ''),
    /** Root-relative path as the site links it, e.g. '/yilnoma/en/events/x/'. */
    pathOf: (sitePath = '') => BASE_PATH + sitePath.replace(/^\/+/, ''),
    newContext,
    async newPage(options = {}) {
      const context = await newContext(options);
      return context.newPage();
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Every HTML file of the built site, as site-relative paths ('', 'en/', 'events/x/', '404.html'). */
export function sitePages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const rel = path.relative(root, full).split(path.sep).join('/');
        pages.push(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(root);
  return pages.sort();
}

/** The language a site-relative path belongs to. */
export function langOfPath(sitePath) {
  const first = sitePath.split('/')[0];
  const lang = ALL_LANGS.find((code) => code.toLowerCase() === first);
  return lang && lang !== DEFAULT_LANG ? lang : DEFAULT_LANG;
}

function frontMatterValue(block, key) {
  const match = block.match(new RegExp(`^${key}:[ \\t]*(.*)$`, 'm'));
  if (!match) return undefined;
  const raw = match[1].trim();
  if (/^".*"$/.test(raw)) return JSON.parse(raw);
  if (/^'.*'$/.test(raw)) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** Plain words of the first body paragraph: Markdown links and emphasis removed. */
function firstWords(body, count) {
  const paragraph = body.trim().split(/\n\s*\n/)[0] ?? '';
  const plain = paragraph
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.split(' ').slice(0, count).join(' ');
}

/**
 * The events of the content folder, the ground truth the pages are checked
 * against: `{ slug, lang, title, kind, year, draft, opening }` (drafts excluded).
 */
export function contentEvents() {
  const dir = path.join(CONTENT_DIR, 'events');
  const events = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const match = name.match(/^(.+)\.([a-z]{2})\.md$/);
    if (!match) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
    const parts = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
    if (!parts) continue;
    const [, block, body] = parts;
    const event = {
      slug: match[1],
      lang: match[2],
      title: frontMatterValue(block, 'title'),
      kind: frontMatterValue(block, 'kind'),
      year: String(frontMatterValue(block, 'date') ?? '').slice(0, 4),
      draft: frontMatterValue(block, 'draft') === 'true',
      opening: firstWords(body, 5),
    };
    if (!event.draft) events.push(event);
  }
  return events;
}

/** Site-relative path of an event page. */
export function eventPath(lang, slug) {
  return langPath(lang, `events/${slug}/`);
}

/** The event slug a link points to, or null: '/yilnoma/en/events/x/' → 'x'. */
export function slugOfHref(href) {
  const match = new URL(href, 'http://127.0.0.1').pathname.match(/\/events\/([^/]+)\/?$/);
  return match ? match[1] : null;
}

/** Fails at once, naming the selector, when the page has no element matching it. */
export async function expectPresent(page, selector) {
  const count = await page.locator(selector).count();
  if (count === 0) throw new Error(`${page.url()} has no element matching ${selector}`);
  return page.locator(selector).first();
}

/**
 * Waits for `promise` (a Playwright wait); on timeout fails with `what`, so a
 * missing feature reads as a sentence, not a stack of Playwright logs.
 */
export async function within(what, promise) {
  try {
    return await promise;
  } catch (error) {
    if (error?.name !== 'TimeoutError') throw error;
    throw new Error(`timed out after ${WAIT_MS} ms waiting until ${what}`, { cause: error });
  }
}
