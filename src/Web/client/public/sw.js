// StationNet service worker, one script for every page that opens with no network: registered as
// /sw.js?page=station (the tablet, scope /station) and /sw.js?page=find (the finder, scope /find).
// It keeps the page's shell and its content-hashed assets. Taps never pass through here: they wait in the
// tablet's IndexedDB outbox until the server has them; the finder keeps its last station list itself.
const PAGES = {
  station: { cache: 'stationnet-shell-v1', prefix: 'stationnet-shell-', shell: '/station.html', extra: ['/manifest.webmanifest', '/icons/icon-192.png'] },
  find: { cache: 'stationnet-find-v1', prefix: 'stationnet-find-', shell: '/find.html', extra: [] },
};
const PAGE = PAGES[new URL(self.location.href).searchParams.get('page')] ?? PAGES.station;
const SCOPE = new URL(self.registration.scope).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(PAGE.cache);
    const response = await fetch(PAGE.shell, { cache: 'no-cache' });
    const html = await response.clone().text();
    await cache.put(PAGE.shell, response);
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    await cache.addAll([...new Set(assets), '/icons/icon.svg', ...PAGE.extra]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Only this page's older caches: the other pages' workers keep theirs.
    for (const key of await caches.keys()) if (key.startsWith(PAGE.prefix) && key !== PAGE.cache) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (event.request.mode === 'navigate' && url.pathname.startsWith(SCOPE)) {
    // The page: fresh when online, the cached shell when not.
    event.respondWith((async () => {
      try {
        const fresh = await fetch(event.request);
        if (fresh.ok) (await caches.open(PAGE.cache)).put(PAGE.shell, fresh.clone());
        return fresh;
      } catch {
        return (await caches.match(PAGE.shell)) ?? Response.error();
      }
    })());
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || PAGE.extra.includes(url.pathname)) {
    // Content-hashed files never change under one name: the cache answers first.
    event.respondWith((async () => {
      const cached = await caches.match(event.request);
      if (cached) return cached;
      const fresh = await fetch(event.request);
      if (fresh.ok) (await caches.open(PAGE.cache)).put(event.request, fresh.clone());
      return fresh;
    })());
  }
});
