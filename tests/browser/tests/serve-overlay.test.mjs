// `yilnoma serve`'s error overlay, as an editor meets it: a file breaks
// while the site is open, and every open page shows what broke, in the
// page's own language (Uzbek on Uzbek pages, English on English pages,
// whatever the terminal speaks), on an opaque panel the page does not show
// through, with the source line and its caret, a link to the file's edit
// page, and the editor's text shown as text, never as markup.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, REPO, SCREENSHOTS, WAIT_MS } from '../lib/harness.mjs';

const BIN = process.env.YILNOMA_BIN;
const FIXTURE = path.join(REPO, 'tests/fixtures/minimal');
const BROKEN = 'content/events/2022-treaty.uz.md';
const EDIT = 'https://example.org/edit/content/{path}';
// An unknown kind whose name is markup: the message and the source line
// both carry it, and it must reach the page as text.
const HOSTILE_KIND = 'sayohat<img src=x onerror=window.pwned=1>';

// The catalogue's words, read from the files the binary is built from.
const catalogue = (lang) => {
  const text = fs.readFileSync(path.join(REPO, `src/messages/${lang}.toml`), 'utf8');
  const value = (key) => {
    const match = text.match(new RegExp(`^${key} = "(.*)"$`, 'm'));
    assert.ok(match, `${lang}.toml has ${key}`);
    return JSON.parse(`"${match[1]}"`);
  };
  return value;
};

let dir;
let origin;
let browser;
let output = '';
const serves = [];

/** A copy of the fixture, with an edit-url-template, in a temp folder. */
function copySite() {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'yilnoma-overlay-'));
  fs.cpSync(FIXTURE, site, { recursive: true });
  fs.appendFileSync(path.join(site, 'book.toml'), `\n[output.html]\nedit-url-template = "${EDIT}"\n`);
  return site;
}

/** Runs `serve` on `site` with terminal messages in `lang`; its address. */
function startServe(site, lang, announced) {
  const child = spawn(BIN, ['serve', '--root', site, '--port', '0', '--messages-lang', lang], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serves.push({ child, site });
  let said = '';
  child.stderr.on('data', (chunk) => {
    said += chunk;
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${said}`)), 60000);
    child.stdout.on('data', (chunk) => {
      said += chunk;
      output += chunk;
      const match = said.match(announced);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${said}`)));
  });
}

before(async () => {
  assert.ok(BIN, 'YILNOMA_BIN names the binary (run.sh sets it)');
  dir = copySite();
  // The terminal speaks English: the overlay must follow the page instead.
  origin = await startServe(dir, 'en', /serving at (http:\/\/127\.0\.0\.1:\d+)\//);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const { child, site } of serves) {
    child.kill();
    fs.rmSync(site, { recursive: true, force: true });
  }
});

async function openPage(sitePath, at = origin) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  await page.goto(at + sitePath);
  // The live-reload stream is open once the server counts the page.
  await page.waitForFunction(() => document.querySelector('script[src$="reload.js"]'));
  await page.waitForTimeout(300);
  return page;
}

/** What the overlay shows, read through its open shadow root. */
function readOverlay(page) {
  return page.evaluate(() => {
    const host = document.getElementById('yilnoma-error-overlay');
    const dialog = host.shadowRoot.querySelector('dialog');
    const one = (selector) => dialog.querySelector(selector);
    const box = (node) => node.getBoundingClientRect().toJSON();
    const link = one('a.edit');
    return {
      open: dialog.open,
      lang: dialog.getAttribute('lang'),
      title: one('h2').textContent,
      where: one('.where').textContent,
      message: one('.message').textContent,
      hint: one('.hint')?.textContent,
      snippet: one('pre.snippet')?.textContent,
      marked: one('pre.snippet mark')?.textContent,
      markBox: one('pre.snippet mark') && box(one('pre.snippet mark')),
      caretBox: one('pre.snippet .caret') && box(one('pre.snippet .caret')),
      images: dialog.querySelectorAll('img').length,
      edit: link && { href: link.getAttribute('href'), text: link.textContent },
      background: getComputedStyle(dialog).backgroundColor,
      backdrop: getComputedStyle(dialog, '::backdrop').backgroundColor,
      dialogBox: box(dialog),
      viewport: { width: innerWidth, height: innerHeight },
      pwned: window.pwned === 1,
    };
  });
}

const alpha = (colour) => {
  const parts = colour.match(/rgba?\(([^)]*)\)/)[1].split(',').map((p) => p.trim());
  return parts.length === 4 ? Number(parts[3]) : 1;
};

/** Checks the panel hides the page: opaque, covering the window, and on
 *  top for the pointer where the page's own heading is. */
async function assertOpaque(page, shown) {
  assert.equal(alpha(shown.background), 1, `panel background ${shown.background}`);
  assert.equal(alpha(shown.backdrop), 1, `backdrop ${shown.backdrop}`);
  assert.ok(shown.dialogBox.x <= 0 && shown.dialogBox.y <= 0, JSON.stringify(shown.dialogBox));
  assert.ok(shown.dialogBox.width >= shown.viewport.width, 'the panel is as wide as the window');
  assert.ok(shown.dialogBox.height >= shown.viewport.height, 'and as high');
  const hit = await page.evaluate(() => {
    // The page's first heading, paragraph or link inside the window.
    const target = [...document.querySelectorAll('h1, h2, p, a')].find((node) => {
      const r = node.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight;
    });
    const r = target.getBoundingClientRect();
    const x = r.left + Math.min(r.width, 20) / 2;
    const y = r.top + Math.min(r.height, 20) / 2;
    return { topmost: document.elementFromPoint(x, y)?.id, under: target.tagName, x, y, href: location.href };
  });
  assert.equal(hit.topmost, 'yilnoma-error-overlay', `the page's ${hit.under} is not hit-testable through the panel`);
  // A click where the page's heading or link is stays on the overlay.
  await page.mouse.click(hit.x, hit.y);
  assert.equal(page.url(), hit.href);
}

function assertCaretUnderMark(shown) {
  assert.ok(shown.markBox && shown.caretBox, 'a marked span and a caret row');
  assert.ok(Math.abs(shown.markBox.x - shown.caretBox.x) < 1, `caret at ${shown.caretBox.x}, mark at ${shown.markBox.x}`);
  assert.ok(shown.caretBox.y > shown.markBox.y, 'the caret row is under the line');
}

test('a broken file shows the overlay in each page language, opaque, with the snippet and an edit link', async () => {
  const uzPage = await openPage('/');
  const enPage = await openPage('/en/');
  assert.equal(await uzPage.getAttribute('html', 'lang'), 'uz');
  assert.equal(await enPage.getAttribute('html', 'lang'), 'en');

  const file = path.join(dir, BROKEN);
  const good = fs.readFileSync(file, 'utf8');
  const kindLine = `kind: ${HOSTILE_KIND}`;
  fs.writeFileSync(file, good.replace(/^kind: .*$/m, kindLine));
  const lineNumber = good.split('\n').findIndex((l) => l.startsWith('kind:')) + 1;

  for (const page of [uzPage, enPage]) {
    await page.waitForFunction(
      () => document.getElementById('yilnoma-error-overlay')?.shadowRoot.querySelector('dialog[open]'),
      null,
      { timeout: 30000 },
    );
  }

  const uz = catalogue('uz');
  const shownUz = await readOverlay(uzPage);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await uzPage.screenshot({ path: path.join(SCREENSHOTS, 'serve-overlay-uz.png') });
  assert.equal(shownUz.lang, 'uz');
  assert.equal(shownUz.title, uz('overlay_title'));
  assert.match(shownUz.where, new RegExp(`^${BROKEN.replace(/\./g, '\\.')}:${lineNumber}:\\d+$`));
  assert.equal(
    shownUz.message,
    `${uz('label_error')}: ${uz('unknown_kind').replace('{kind}', HOSTILE_KIND)}`,
  );
  assert.ok(shownUz.hint.startsWith(`${uz('label_hint')}: `), shownUz.hint);
  assert.ok(shownUz.hint.includes('book.toml’dagi turlar'), shownUz.hint);
  assert.equal(shownUz.snippet.split('\n')[0], `${lineNumber} | ${kindLine}`);
  assert.ok(shownUz.marked.length > 0 && kindLine.includes(shownUz.marked), shownUz.marked);
  assertCaretUnderMark(shownUz);
  assert.deepEqual(shownUz.edit, {
    href: EDIT.replace('{path}', 'events/2022-treaty.uz.md'),
    text: uz('overlay_edit'),
  });
  assert.equal(shownUz.images, 0, 'the editor\'s markup is shown as text');
  assert.equal(shownUz.pwned, false);
  await assertOpaque(uzPage, shownUz);

  const en = catalogue('en');
  const shownEn = await readOverlay(enPage);
  await enPage.screenshot({ path: path.join(SCREENSHOTS, 'serve-overlay-en.png') });
  assert.equal(shownEn.lang, 'en');
  assert.equal(shownEn.title, en('overlay_title'));
  assert.equal(
    shownEn.message,
    `${en('label_error')}: ${en('unknown_kind').replace('{kind}', HOSTILE_KIND)}`,
  );
  assert.ok(shownEn.hint.startsWith(`${en('label_hint')}: `), shownEn.hint);
  assert.equal(shownEn.snippet.split('\n')[0], `${lineNumber} | ${kindLine}`);
  assertCaretUnderMark(shownEn);
  assert.equal(shownEn.edit.text, en('overlay_edit'));
  assert.equal(shownEn.pwned, false);
  await assertOpaque(enPage, shownEn);

  // The terminal kept its own language.
  assert.ok(output.includes(`error: ${en('unknown_kind').replace('{kind}', HOSTILE_KIND)}`), output);

  // Fixed: the overlay goes away on every page.
  fs.writeFileSync(file, good);
  for (const page of [uzPage, enPage]) {
    await page.waitForFunction(() => !document.getElementById('yilnoma-error-overlay'), null, {
      timeout: 30000,
    });
  }
});

test('when the first build fails, the waiting page shows the overlay in the terminal language', async () => {
  const site = copySite();
  const file = path.join(site, BROKEN);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^kind: .*$/m, 'kind: sayohat'));
  const uz = catalogue('uz');
  const announced = new RegExp(`${uz('serve_serving_at').replace('{url}', '')}(http://127\\.0\\.0\\.1:\\d+)/`);
  const at = await startServe(site, 'uz', announced);
  const page = await openPage('/', at);
  assert.equal(await page.getAttribute('html', 'lang'), 'uz');
  await page.waitForFunction(
    () => document.getElementById('yilnoma-error-overlay')?.shadowRoot.querySelector('dialog[open]'),
    null,
    { timeout: 30000 },
  );
  const shown = await readOverlay(page);
  assert.equal(shown.lang, 'uz');
  assert.equal(shown.title, uz('overlay_title'));
  assert.equal(shown.message, `${uz('label_error')}: ${uz('unknown_kind').replace('{kind}', 'sayohat')}`);
  await assertOpaque(page, shown);
});
