// Hromada's script for every page. It replaces Material's bundle (see theme/main.html) with what
// this site uses: contents that follow the reading, the back-to-top button, the page title in the
// header, keyboard access, the service worker; Ukrainian search is search.js, loaded from here only
// when a reader opens search (its index only then, too).
(function () {
  "use strict";
  var doc = document;
  var html = doc.documentElement;
  html.classList.remove("no-js");
  html.classList.add("js");
  var script = doc.currentScript;
  var base = script ? script.src.replace(/assets\/hromada\/site\.js(?:[?#].*)?$/, "") : "";
  var article = doc.querySelector(".md-content__inner");

  function load(path) {
    // A script, not fetch(): it also loads from file:// in the offline pack.
    return new Promise(function (resolve, reject) {
      var tag = doc.createElement("script");
      tag.src = base + path;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error(path)); };
      doc.body.appendChild(tag);
    });
  }

  // Wide tables and code scroll sideways on phones: what scrolls must be reachable by keyboard too.
  doc.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (box) {
    if (!box.hasAttribute("tabindex") && box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
    }
  });

  // …and a table that does not fit says so above it (site.css also shades the edge it goes on past).
  doc.querySelectorAll(".md-typeset .md-typeset__scrollwrap").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      var hint = doc.createElement("p");
      hint.className = "hromada-scroll-hint";
      hint.textContent = "Таблиця ширша за екран: гортайте вбік →";
      box.parentNode.insertBefore(hint, box);
    }
  });

  // A link to a content tab opens that tab.
  var target = location.hash && doc.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) target.checked = true;

  // The header shows the page title once the page's own heading has scrolled away.
  var title = doc.querySelector(".md-header__title");
  var h1 = article && article.querySelector("h1");
  if (title && h1 && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      title.classList.toggle("md-header__title--active", !entries[0].isIntersecting && entries[0].boundingClientRect.top < 0);
    }, { rootMargin: "-48px 0px 0px 0px" }).observe(h1);
  }

  // The active page stays in view in a long navigation.
  var active = doc.querySelector(".md-sidebar--primary .md-nav__link--active");
  var wrap = active && active.closest(".md-sidebar__scrollwrap");
  if (wrap && wrap.clientHeight && active.offsetTop > wrap.clientHeight / 2) {
    wrap.scrollTop = active.offsetTop - wrap.clientHeight / 2;
  }

  // Contents that follow the reading, and «back to top» while scrolling up.
  var tocLinks = Array.prototype.slice.call(doc.querySelectorAll(".md-sidebar--secondary .md-nav__link[href^='#']"));
  var headings = tocLinks.map(function (a) { return doc.getElementById(decodeURIComponent(a.hash.slice(1))); });
  var top = doc.querySelector(".md-top");
  var lastY = window.scrollY;
  var pending = false;
  function onScroll() {
    pending = false;
    var y = window.scrollY;
    if (top) top.hidden = !(y > 400 && y < lastY);
    lastY = y;
    var current = -1;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i] && headings[i].getBoundingClientRect().top < 80) current = i;
    }
    tocLinks.forEach(function (a, i) {
      a.classList.toggle("md-nav__link--active", i === current);
      a.classList.toggle("md-nav__link--passed", i < current);
    });
  }
  window.addEventListener("scroll", function () {
    if (!pending) { pending = true; requestAnimationFrame(onScroll); }
  }, { passive: true });
  if (top) {
    top.addEventListener("click", function () {
      window.scrollTo({ top: 0 });
      top.hidden = true;
      var skip = doc.querySelector(".md-skip");
      (skip || doc.body).focus();
    });
  }
  onScroll();

  // Abbreviations (ВПО, ЦНАП…) explain themselves on a tap and on keyboard focus, not only on hover,
  // which a phone does not have. One tip for the page, kept inside the screen. The first of each
  // abbreviation on a page is a tab stop (every one would be dozens on the glossary).
  var abbrs = article ? Array.prototype.slice.call(article.querySelectorAll("abbr[title]")) : [];
  if (abbrs.length) {
    var tip = doc.createElement("div");
    tip.className = "hromada-abbr-tip";
    tip.id = "hromada-abbr-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    doc.body.appendChild(tip);
    var shownFor = null, seen = {};
    var showTip = function (abbr) {
      if (shownFor && shownFor !== abbr) hideTip();
      shownFor = abbr;
      tip.textContent = abbr.textContent + " — " + abbr.getAttribute("title");
      tip.hidden = false;
      abbr.classList.add("hromada-abbr--open");
      abbr.setAttribute("aria-describedby", tip.id);
      var box = abbr.getBoundingClientRect();
      var width = tip.offsetWidth;
      var left = Math.max(8, Math.min(box.left, html.clientWidth - width - 8));
      tip.style.left = left + window.scrollX + "px";
      tip.style.top = box.bottom + window.scrollY + 6 + "px";
    };
    var hideTip = function () {
      if (!shownFor) return;
      shownFor.classList.remove("hromada-abbr--open");
      shownFor.removeAttribute("aria-describedby");
      shownFor = null;
      tip.hidden = true;
    };
    abbrs.forEach(function (abbr) {
      var key = abbr.textContent;
      if (!seen[key]) { seen[key] = true; abbr.setAttribute("tabindex", "0"); }
      // A tap focuses a tab stop before its click: whether to close is decided before that focus.
      var wasOpen = false;
      abbr.addEventListener("pointerdown", function () { wasOpen = shownFor === abbr; });
      abbr.addEventListener("click", function (event) {
        event.stopPropagation();
        if (wasOpen) hideTip(); else showTip(abbr);
        wasOpen = shownFor === abbr;
      });
      abbr.addEventListener("focus", function () { showTip(abbr); });
      abbr.addEventListener("blur", function () { if (shownFor === abbr) hideTip(); });
    });
    doc.addEventListener("click", hideTip);
    doc.addEventListener("keydown", function (event) { if (event.key === "Escape") hideTip(); });
    window.addEventListener("resize", hideTip);
  }

  // The service worker, where the site has the web app (publish/webapp.py names its manifest; not the
  // offline pack, not the preview): offline.js is only for a training's page, which offers to save it.
  if (doc.querySelector('link[rel="manifest"]') && /^https?:$/.test(location.protocol) && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(base + "sw.js", { scope: base }).catch(function () { /* no worker: pages as before */ });
  }

  // ---- Search: search.js, once a reader asks for it ----
  var toggle = doc.getElementById("__search");
  var drawer = doc.getElementById("__drawer");
  var form = doc.forms.namedItem("hromada-search");
  if (!toggle || !form) return;
  var input = form.elements.namedItem("q");
  var searchLoad = null;
  window.hromadaCore = { load: load, base: base, article: article };

  var meta = doc.querySelector(".hromada-search .md-search-result__meta");

  function withSearch(then) {
    if (!searchLoad) {
      searchLoad = load("assets/hromada/search.js");
      searchLoad.catch(function () {
        searchLoad = null;  // offline, say: the next try loads it again
        if (meta) meta.textContent = "Не вдалося завантажити пошук. Оновіть сторінку.";
      });
    }
    searchLoad.then(function () { if (window.hromadaSearch) then(window.hromadaSearch); });
  }
  function startSearch() {
    if (window.hromadaSearch) return;
    if (meta) meta.textContent = "Завантаження покажчика…";  // at once: on a slow link the script takes a while
    withSearch(function (search) { search.open(); });
  }

  input.addEventListener("focus", startSearch);
  input.addEventListener("input", startSearch);
  toggle.addEventListener("change", function () { if (toggle.checked) startSearch(); });
  doc.addEventListener("keydown", function (event) {
    if (window.hromadaSearch) return;  // search.js has the keys now
    var inField = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (event.key === "Escape" && drawer && drawer.checked) drawer.checked = false;
    else if (!inField && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "і")) {
      event.preventDefault();
      startSearch();
    }
  });

  // A search button in the page itself where a page asks for one (home, 404): on a phone the
  // header's magnifier is easy to miss. Search needs this script, so the script makes the button.
  doc.querySelectorAll(".hromada-search-here").forEach(function (place) {
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "hromada-search-box";
    button.textContent = "Пошук на сайті…";
    button.addEventListener("click", function () {
      if (window.hromadaSearch) window.hromadaSearch.open(); else startSearch();
    });
    place.appendChild(button);
  });

  // Arriving from a result: the words of the query are marked on the page.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked && article) withSearch(function (search) { search.highlight(asked); });
})();
