// A tiny static file server for a built Yilnoma site, as GitHub Pages serves
// it: the site lives under a base path (e.g. /yilnoma/), folders answer with
// their index.html, a folder without its trailing slash redirects, and
// anything missing gets the site's 404.html with status 404.
//
// No dependencies. Use it from tests (`startServer`) or by hand:
//   node lib/server.mjs --root ../../public --base /yilnoma/ --port 8080

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Normalises a base path to the form "/", "/yilnoma/". */
export function normaliseBasePath(base) {
  const trimmed = String(base ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

async function statOrNull(file) {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

/**
 * Serves `root` under `basePath` on 127.0.0.1. Resolves to
 * `{ origin, baseUrl, port, close() }` once listening; `port` 0 picks a free one.
 */
export async function startServer({ root, basePath = '/', port = 0 }) {
  const siteRoot = path.resolve(root);
  const base = normaliseBasePath(basePath);
  const notFoundPage = path.join(siteRoot, '404.html');

  async function send(res, status, file, method) {
    const body = await fs.readFile(file);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(method === 'HEAD' ? undefined : body);
  }

  async function notFound(res, method) {
    if (await statOrNull(notFoundPage)) return send(res, 404, notFoundPage, method);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(method === 'HEAD' ? undefined : 'Not found\n');
  }

  async function handle(req, res) {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return notFound(res, method);
    }
    if (`${pathname}/` === base) {
      res.writeHead(301, { Location: base + url.search });
      return res.end();
    }
    if (!pathname.startsWith(base) || pathname.includes('\0')) return notFound(res, method);
    const file = path.resolve(siteRoot, `.${pathname.slice(base.length - 1)}`);
    // The traversal guard: nothing outside the site folder is ever read.
    if (file !== siteRoot && !file.startsWith(siteRoot + path.sep)) return notFound(res, method);
    const stat = await statOrNull(file);
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      const index = path.join(file, 'index.html');
      if (await statOrNull(index)) return send(res, 200, index, method);
      return notFound(res, method);
    }
    if (stat?.isFile()) return send(res, 200, file, method);
    return notFound(res, method);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${error}\n`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    origin,
    port: actualPort,
    baseUrl: origin + base,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function parseArgs(argv) {
  const options = { root: 'public', base: '/', port: 8080 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--root') options.root = value;
    else if (flag === '--base') options.base = value;
    else if (flag === '--port') options.port = Number(value);
    else throw new Error(`unknown option ${flag} (use --root DIR --base /path/ --port N)`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = parseArgs(process.argv.slice(2));
  const server = await startServer({ root: options.root, basePath: options.base, port: options.port });
  console.log(`serving ${path.resolve(options.root)} at ${server.baseUrl}`);
}
