// Screenshots for a person to look at: the index and an event page, in both
// languages, at 390 px (a phone) and 1280 px (a laptop), plus the phone view in
// dark mode. Written to tests/browser/screenshots/ (not committed). Also
// checks that nothing scrolls sideways, down to 320 px.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSite, eventPath, langPath, SCREENSHOTS, LANGS } from '../lib/harness.mjs';

let site;
before(async () => {
  site = await openSite();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
after(() => site?.close());

const EVENT = '2022-treaty-border-demarcation';
const VIEWS = [
  { width: 390, height: 844, scheme: 'light' },
  { width: 1280, height: 800, scheme: 'light' },
  { width: 390, height: 844, scheme: 'dark' },
];
const pagesIn = (lang) => [
  ['index', langPath(lang)],
  ['event', eventPath(lang, EVENT)],
];

for (const { width, height, scheme } of VIEWS) {
  test(`screenshots at ${width} px (${scheme})`, async () => {
    const context = await site.newContext({ viewport: { width, height }, colorScheme: scheme });
    const page = await context.newPage();
    for (const lang of LANGS) {
      for (const [name, sitePath] of pagesIn(lang)) {
        await page.goto(site.url(sitePath));
        const suffix = scheme === 'light' ? '' : `-${scheme}`;
        const file = path.join(SCREENSHOTS, `${name}-${lang}-${width}${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 1000, `${file} was written`);
      }
    }
    await context.close();
  });
}

test('no page scrolls sideways at 320 px', async () => {
  const context = await site.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const wide = [];
  for (const lang of LANGS) {
    for (const [, sitePath] of [...pagesIn(lang), ['kind', langPath(lang, 'kinds/treaty/')]]) {
      await page.goto(site.url(sitePath));
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > 320) wide.push(`${sitePath || '(index)'}: ${scrollWidth} px`);
    }
  }
  assert.deepEqual(wide, []);
  await context.close();
});
