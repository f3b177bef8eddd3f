// Hromada's service worker (copied to the site's root by publish/webapp.py, so its scope is the
// whole site, also under a sub-path such as /<repo>/). It answers from what a reader stored with
// «Зберегти для роботи без інтернету» (assets/hromada/offline.js writes those caches, one per
// training) and passes everything else to the network. A stored file is served at once and fetched
// again in the background (stale-while-revalidate): the next visit has the new one. Nothing here
// asks another origin: requests outside the scope are not touched.
"use strict";

var SCOPE = self.registration.scope;
var PREFIX = "hromada-offline " + SCOPE + " ";  // + "<slug> <saved at>": see offline.js

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function ourCaches() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.indexOf(PREFIX) === 0; });
  });
}

// The first stored copy, the cache it is in and its address there. Pages are stored by their address
// without the query (search results open «page/?q=word#section»).
function stored(request) {
  var navigate = request.mode === "navigate";
  var url = request.url.split("#")[0];
  if (navigate) url = url.split("?")[0];
  var urls = [url];
  if (navigate && /\/index\.html$/.test(url)) urls.push(url.replace(/index\.html$/, ""));
  return ourCaches().then(function (names) {
    var found = Promise.resolve(null);
    names.forEach(function (name) {
      found = found.then(function (hit) {
        return hit || caches.open(name).then(function (cache) {
          var tries = Promise.resolve(null);
          urls.forEach(function (key) {
            tries = tries.then(function (done) {
              return done || cache.match(key).then(function (response) {
                return response ? { response: response, cache: cache, key: key } : null;
              });
            });
          });
          return tries;
        });
      });
    });
    return found;
  });
}

function offlinePage() {
  var html = "<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Немає зв’язку</title></head>" +
    "<body style=\"font: 1.1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 36rem; padding: 0 1rem\">" +
    "<h1>Немає зв’язку з інтернетом</h1><p>Цю сторінку не збережено для роботи без інтернету.</p>" +
    "<p><a href=\"" + SCOPE + "\">На головну</a></p></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  if (request.cache === "reload" || request.cache === "no-store") {
    // offline.js storing or checking for a newer build: the network, the stored copy only without it.
    event.respondWith(fetch(request).catch(function (error) {
      return stored(request).then(function (hit) { if (hit) return hit.response; throw error; });
    }));
    return;
  }
  event.respondWith(stored(request).then(function (hit) {
    if (!hit) {
      return fetch(request).catch(function (error) {
        if (request.mode === "navigate") return offlinePage();
        throw error;
      });
    }
    var key = hit.key;
    // "no-cache": asked of the server each time (an unchanged file is a short 304), never the HTTP cache's guess.
    event.waitUntil(fetch(key, { cache: "no-cache" }).then(function (fresh) {
      if (fresh.ok && !fresh.redirected) return hit.cache.put(key, fresh);
    }).catch(function () { /* offline: the stored copy stays */ }));
    return hit.response;
  }));
});
