// Work without internet: every page registers the service worker (/sw.js of the site, see
// publish/webapp.py); a training page (its script tag names the training's list: data-offline) gets
// the button «Зберегти для роботи без інтернету». Pressing it stores the training's page, its
// sessions' pages, their PDFs and what the pages load (styles, scripts, search) in the Cache Storage,
// one cache per training; the service worker answers from there when there is no network.
(function () {
  "use strict";
  var doc = document;
  var script = doc.currentScript;
  if (!script || !/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator) || !window.caches) return;
  var base = script.src.replace(/assets\/hromada\/offline\.js(?:[?#].*)?$/, "");
  navigator.serviceWorker.register(base + "sw.js", { scope: base }).catch(function () { /* no worker: pages as before */ });

  var list = script.getAttribute("data-offline");
  if (!list) return;
  var listUrl = new URL(list, location.href).href;
  var slug = listUrl.replace(/^.*\/([^/]+)\.json$/, "$1");
  var PREFIX = "hromada-offline " + base + " ";  // sw.js reads the caches whose name starts so
  var NAME = PREFIX + slug + " ";  // + the time it was stored: a new copy is written beside the old
  var SAVED = base + "offline/" + slug + ".saved";  // what was stored, written last: the copy is whole
  var PARALLEL = 4;

  function humanSize(bytes) {  // as site.js and publish/sizes.py say it
    var kb = bytes / 1024, mb = kb / 1024;
    if (kb < 1000) return Math.max(1, Math.round(kb)) + "\u00a0КБ";
    return (mb < 10 ? mb.toFixed(1) : String(Math.round(mb))).replace(".", ",") + "\u00a0МБ";
  }
  function plural(n, one, few, many) {
    var m10 = n % 10, m100 = n % 100;
    if (m10 === 1 && m100 !== 11) return one;
    return m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
  }
  function summary(saved) {
    return saved.pages + "\u00a0" + plural(saved.pages, "сторінка", "сторінки", "сторінок") + ", " +
      saved.pdfs + "\u00a0PDF, " + humanSize(saved.bytes);
  }

  // ---- The box: a button, then a line with the state ----
  var box = doc.createElement("div");
  box.className = "hromada-offline";
  box.setAttribute("data-search", "skip");
  var button = doc.createElement("button");
  button.type = "button";
  button.className = "md-button hromada-offline__save";
  button.textContent = "Зберегти для роботи без інтернету";
  var status = doc.createElement("span");
  status.className = "hromada-offline__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  var actions = doc.createElement("span");
  actions.className = "hromada-offline__actions";
  actions.hidden = true;
  function action(label, run) {
    var link = doc.createElement("button");
    link.type = "button";
    link.className = "hromada-offline__action";
    link.textContent = label;
    link.addEventListener("click", run);
    return link;
  }
  var progress = doc.createElement("progress");
  progress.className = "hromada-offline__progress";
  progress.hidden = true;
  progress.setAttribute("aria-label", "Збереження для роботи без інтернету");
  actions.append(" · ", action("оновити", function () { save(); }), " · ", action("видалити", remove));
  box.append(button, progress, status, actions);
  var downloads = doc.querySelector("article .hromada-downloads");
  var heading = doc.querySelector("article h1");
  if (downloads) downloads.after(box);
  else if (heading) heading.after(box);
  else return;

  var busy = false;
  function show(saved, text) {
    button.hidden = !!saved;
    actions.hidden = !saved || busy;
    progress.hidden = !busy;
    status.textContent = text || (saved ? "Збережено для роботи без інтернету (" + summary(saved) + ")" : "");
    box.classList.toggle("hromada-offline--saved", !!saved);
  }

  function ourCaches() {
    return caches.keys().then(function (names) {
      return names.filter(function (name) { return name.indexOf(NAME) === 0; });
    });
  }
  // The whole stored copy (the newest if a stored one was being replaced), or null.
  function current() {
    return ourCaches().then(function (names) {
      names.sort();
      var pick = Promise.resolve(null);
      names.reverse().forEach(function (name) {
        pick = pick.then(function (found) {
          return found || caches.open(name).then(function (cache) { return cache.match(SAVED); })
            .then(function (response) { return response ? response.json().then(function (s) { s.cache = name; return s; }) : null; });
        });
      });
      return pick;
    });
  }

  function fetchList() {
    return fetch(listUrl, { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  // One file into the cache: its bytes as fetched (a redirected response could not answer a page).
  function store(cache, url) {
    return fetch(url, { cache: "reload", credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.blob().then(function (blob) {
        var headers = new Headers();
        ["Content-Type", "Last-Modified", "ETag"].forEach(function (h) {
          if (response.headers.has(h)) headers.set(h, response.headers.get(h));
        });
        headers.set("Content-Length", String(blob.size));
        return cache.put(url, new Response(blob, { status: 200, statusText: "OK", headers: headers })).then(function () { return blob.size; });
      });
    });
  }

  function save() {
    if (busy) return Promise.resolve();
    busy = true;
    var previous = null;
    var name = NAME + String(Date.now()).padStart(15, "0");
    show(null, "Зберігаю…");
    button.hidden = true;
    return current().then(function (saved) {
      previous = saved;
      return fetchList();
    }).then(function (data) {
      var abs = function (path) { return new URL(path, base).href; };
      var files = [].concat(data.pages, data.start == null ? [] : [data.start], data.pdfs, data.assets).map(abs);
      files.push(listUrl);
      var done = 0, bytes = 0, next = 0;
      progress.max = files.length;
      progress.value = 0;
      return caches.open(name).then(function (cache) {
        function worker() {
          if (next >= files.length) return Promise.resolve();
          var url = files[next++];
          return store(cache, url).then(function (size) {
            bytes += size;
            done += 1;
            progress.value = done;
            status.textContent = "Зберігаю… " + done + " з " + files.length + " (" + humanSize(bytes) + ")";
            return worker();
          });
        }
        var workers = [];
        for (var i = 0; i < PARALLEL; i++) workers.push(worker());
        return Promise.all(workers).then(function () {
          var record = { training: data.training, title: data.title, version: data.version, pages: data.pages.length,
                         pdfs: data.pdfs.length, files: files.length, bytes: bytes, saved: new Date().toISOString() };
          return cache.put(SAVED, new Response(JSON.stringify(record), { headers: { "Content-Type": "application/json" } }))
            .then(function () { return record; });
        });
      });
    }).then(function (record) {
      return ourCaches().then(function (names) {  // the new copy is whole: the older ones go
        return Promise.all(names.filter(function (n) { return n !== name; }).map(function (n) { return caches.delete(n); }));
      }).then(function () {
        busy = false;
        show(record, "Збережено: " + summary(record));
        if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      });
    }).catch(function (error) {
      busy = false;
      caches.delete(name);
      var text = navigator.onLine === false ? "Немає зв’язку з інтернетом: не вдалося зберегти." :
        /quota/i.test(String(error && error.name)) ? "Замало місця на пристрої: не вдалося зберегти." :
        "Не вдалося зберегти. Спробуйте ще раз.";
      if (previous) show(previous, text + " Збережено раніше: " + summary(previous));
      else { show(null, text); button.hidden = false; }
    });
  }

  function remove() {
    return ourCaches().then(function (names) {
      return Promise.all(names.map(function (n) { return caches.delete(n); }));
    }).then(function () { show(null, "Видалено з пристрою."); });
  }

  button.addEventListener("click", function () { save(); });
  current().then(function (saved) {
    show(saved);
    if (!saved) {  // a reader on mobile data sees the size first: the page says it (webapp.weight), no fetch
      var weight = (script.getAttribute("data-offline-size") || "").split(" ").map(Number);
      if (weight.length === 3 && weight.every(isFinite)) {
        status.textContent = summary({ pages: weight[0], pdfs: weight[1], bytes: weight[2] });
        return;
      }
      return fetchList().then(function (data) {
        if (!busy) status.textContent = summary({ pages: data.pages.length, pdfs: data.pdfs.length, bytes: data.bytes });
      }).catch(function () {});
    }
    if (navigator.onLine === false) return;
    return fetchList().then(function (data) {  // a newer build: store it again, quietly
      if (data.version !== saved.version) return save();
    }).catch(function () { /* offline or the list is gone: the stored copy stays */ });
  });
})();
