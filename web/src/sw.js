/* The PWA's service worker: keeps the page, its manifest and its icons for offline use and
 * answers from them first. The page itself requests nothing else. */
"use strict";
const CACHE = "certqr-{{BUILD_ID}}";
const FILES = ["./", "./index.html", "./manifest.webmanifest", "./icon.svg", "./icon-192.png", "./icon-512.png"];
self.addEventListener("install", (e) => {
	e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (e) => {
	e.waitUntil(caches.keys().then((ks) => Promise.all(ks.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
		.then(() => self.clients.claim()));
});
self.addEventListener("fetch", (e) => {
	if (e.request.method !== "GET") return;
	e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((r) => r || fetch(e.request)));
});
