// The test server itself (no browser): it must serve a site the way GitHub
// Pages does, or the other tests prove nothing about the published site.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';

let dir;
let server;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilnoma-server-test-'));
  fs.mkdirSync(path.join(dir, 'site/en'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'site/index.html'), '<p>home</p>');
  fs.writeFileSync(path.join(dir, 'site/en/index.html'), '<p>en</p>');
  fs.writeFileSync(path.join(dir, 'site/style.css'), 'p{}');
  fs.writeFileSync(path.join(dir, 'site/404.html'), '<p>missing</p>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the site');
  server = await startServer({ root: path.join(dir, 'site'), basePath: 'yilnoma' });
});
after(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (p) => fetch(server.origin + p, { redirect: 'manual' });

test('serves files and folder index pages under the base path', async () => {
  assert.equal(server.baseUrl, `${server.origin}/yilnoma/`);
  const home = await get('/yilnoma/');
  assert.equal(home.status, 200);
  assert.equal(await home.text(), '<p>home</p>');
  assert.match(home.headers.get('content-type'), /^text\/html/);
  const css = await get('/yilnoma/style.css');
  assert.match(css.headers.get('content-type'), /^text\/css/);
});

test('redirects a folder without its trailing slash', async () => {
  for (const [from, to] of [['/yilnoma', '/yilnoma/'], ['/yilnoma/en?x=1', '/yilnoma/en/?x=1']]) {
    const response = await get(from);
    assert.equal(response.status, 301, from);
    const location = new URL(response.headers.get('location'), server.origin);
    assert.equal(location.pathname + location.search, to);
  }
});

test('answers 404 with the site 404.html for missing paths and paths outside the base', async () => {
  for (const p of ['/yilnoma/nothing/', '/', '/other/']) {
    const response = await get(p);
    assert.equal(response.status, 404, p);
    assert.equal(await response.text(), '<p>missing</p>');
  }
});

test('never serves a file outside the site folder', async () => {
  for (const raw of ['/yilnoma/../secret.txt', '/yilnoma/%2e%2e/secret.txt', '/yilnoma/..%2fsecret.txt']) {
    // A raw request, so the client does not normalise the dots away.
    const reply = await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(`GET ${raw} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 404/, raw);
    assert.ok(!reply.includes('outside the site'), raw);
  }
});
