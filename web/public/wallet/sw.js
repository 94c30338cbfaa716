// The Wallet's service worker (decision 0007: /wallet/sw.js, scope /wallet/). It keeps the app
// shell — the page, its scripts and styles, the manifest and icons — so the wallet opens
// without a connection; credentials, receipts and the last history are in IndexedDB already.
//
// Written by hand (copied as is by Vite from web/public): built file names carry content
// hashes, so at install it reads them from the page itself, and from the scripts the page
// loads (dynamic chunks included), instead of from a list made at build time.
//   - the page (navigations under /wallet/): network first, the kept copy when offline;
//   - /assets/* (hashed, never change): kept copy first;
//   - the manifest and icons: kept copy first, refreshed in the background;
//   - everything else (the node's API): not touched.
/* global self, caches, Response */
'use strict';

const CACHE = 'cadwyn-wallet-v1';
const PAGE = '/wallet/';
const STATIC = [
  '/wallet/manifest.webmanifest',
  '/wallet/icon.svg',
  '/wallet/icon-192.png',
  '/wallet/icon-512.png',
  '/favicon.svg',
];
/** At most this many files are followed from the page: a runaway scan would fill the cache. */
const SHELL_MAX = 100;

/** Same-origin /assets/ files a page or a script names. */
function assetsIn(text, base) {
  const found = new Set();
  const re =
    /(?:["'`(]|,\s*)((?:\/|\.\.?\/)?(?:assets\/)?[\w.-]+-[\w-]{8,}\.(?:js|css|svg|png|woff2?))["'`)]/g;
  for (const m of text.matchAll(re)) {
    let url;
    try {
      url = new URL(m[1], m[1].startsWith('assets/') ? self.location.origin + '/' : base);
    } catch {
      continue;
    }
    if (url.origin === self.location.origin && url.pathname.startsWith('/assets/')) {
      found.add(url.pathname);
    }
  }
  return found;
}

/** Fetches the page and every asset it needs (scripts followed for their imports), and keeps them. */
async function keepShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch(PAGE, { cache: 'no-cache' });
  if (!page.ok) throw new Error(`the wallet page answered ${page.status}`);
  const html = await page.clone().text();
  const queue = [...assetsIn(html, new URL(PAGE, self.location.origin).href)];
  const seen = new Set(queue);
  const kept = [];
  while (queue.length > 0 && kept.length < SHELL_MAX) {
    const path = queue.shift();
    const res = await fetch(path);
    if (!res.ok) continue;
    kept.push(cache.put(path, res.clone()));
    if (path.endsWith('.js') || path.endsWith('.css')) {
      for (const next of assetsIn(await res.text(), new URL(path, self.location.origin).href)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  await Promise.all(kept);
  await Promise.all(
    STATIC.map((path) =>
      fetch(path).then(
        (res) => (res.ok ? cache.put(path, res) : undefined),
        () => undefined,
      ),
    ),
  );
  await cache.put(PAGE, page);
  // Assets of older builds are no longer named by the page: let them go.
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !seen.has(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function fromNetworkFirst(request) {
  try {
    const res = await fetch(request);
    if (res.ok) {
      // A new build names new assets: keep them too (after the page is answered).
      const kept = await caches.match(PAGE);
      const [now, before] = await Promise.all([res.clone().text(), kept ? kept.text() : '']);
      if (now !== before) keepShell().catch(() => undefined);
    }
    return res;
  } catch {
    const kept = await caches.match(PAGE);
    return kept ?? Response.error();
  }
}

async function fromCacheFirst(request, refresh) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  const update = fetch(request).then(
    (res) => {
      if (res.ok) cache.put(request, res.clone()).catch(() => undefined);
      return res;
    },
    () => undefined,
  );
  if (kept) {
    if (refresh) update.catch(() => undefined);
    return kept;
  }
  return (await update) ?? Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith(PAGE)) {
    event.respondWith(fromNetworkFirst(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(fromCacheFirst(request, false));
  } else if (STATIC.includes(url.pathname)) {
    event.respondWith(fromCacheFirst(request, true));
  }
});
