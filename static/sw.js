// The playground offline: after the first visit the page, its words and
// both wasm files come from this cache, so a room with bad Wi-Fi (or none)
// still loads and works. scripts/offline.py writes the list of files and a
// version (a hash of their contents) into the copy in dist/: a new build is
// a new version, which the browser installs beside the old one, and which
// then deletes the old cache. Requests for anything else (a connector, a
// database, a file the user fetches) pass through untouched.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `dataplay-${VERSION}`;
const scope = new URL(self.registration.scope);
const known = new Set(FILES.map((f) => new URL(f, scope).href));
const shell = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  // `reload`: from the server, never the HTTP cache, so that a file the
  // HTTP cache holds from an older build cannot land in this version.
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith('dataplay-') && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  let key = null;
  if (request.mode === 'navigate' && url.origin === scope.origin && url.pathname.startsWith(scope.pathname)) {
    key = shell; // the page itself, whatever its query (?lang=, a lesson, a CAP run)
  } else if (known.has(url.href)) {
    key = url.href;
  }
  if (key === null) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key))
    .then((hit) => hit || fetch(request)));
});
