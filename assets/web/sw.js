/* kindlab's service worker (`cargo xtask web` fills in the version and the file list).
   Installing keeps every file of this version: the pages of both languages, both editions
   (the lab's included), the content packs and the icons. Pages and files are then served from
   that cache, so any link opens offline; a page that is not there gets the not-found page,
   on which the app shows whatever the address names. A newer version installs beside this
   one and waits: the page offers a reload, which tells it to take over (`skipWaiting`);
   activating removes every older version's cache. */
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = "kindlab-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kindlab-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skipWaiting") self.skipWaiting();
});

/* the cached page for a path: `/zh` is `/zh/`, a path with no page gets the not-found page of
   its language */
async function page(cache, path) {
  if (path === "/zh") path = "/zh/";
  const hit = (await cache.match(path)) || (await cache.match(path.replace(/\/$/, "")));
  if (hit) return hit;
  return cache.match(path.startsWith("/zh/") ? "/zh/404.html" : "/404.html");
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => (await page(cache, url.pathname)) || fetch(req))
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(req, { ignoreSearch: true })) || fetch(req))
  );
});
