// Hromada's search, loaded by site.js the first time a reader opens search or arrives from a result
// (most visits never search: these 8 KB, gzip, are not on a first visit's bill). It takes over the
// search box from there: the index, the matching, the results, the keys.
(function () {
  "use strict";
  var core = window.hromadaCore;  // site.js: how it loads a script, the site's root, the article
  if (!core || window.hromadaSearch) return;
  var doc = document;
  var base = core.base;
  var load = core.load;
  var article = core.article;
  var toggle = doc.getElementById("__search");
  var drawer = doc.getElementById("__drawer");
  var form = doc.forms.namedItem("hromada-search");
  if (!toggle || !form) return;
  var input = form.elements.namedItem("q");
  var meta = doc.querySelector(".hromada-search .md-search-result__meta");
  var list = doc.querySelector(".hromada-search .md-search-result__list");
  var MAX_PAGES = 20, MAX_SECTIONS = 3, MAX_PREFIX = 40;
  var index = null, loading = null, stop = null, softStems = {}, average = 1, tops = {};
  var shards = {}, shardLoads = {};

  function open() {
    if (loading) return loading;
    meta.textContent = "Завантаження покажчика…";
    window.hromadaSearchIndex = function (data) { index = data; };
    window.hromadaSearchShard = function (data) { shards[data.n] = data; };
    loading = Promise.all([load("assets/hromada/stem.js"), load("search/index.js")]).then(function () {
      if (!index) throw new Error("index");
      stop = {};
      index.stop.forEach(function (w) { stop[w] = true; });
      softStems = {};
      (index.soft || []).forEach(function (w) { softStems[w] = true; });
      var sum = 0;
      index.docs.forEach(function (d) {
        if (d[1] === 1) d[1] = slug(d[2]);  // the index leaves out an anchor that is its heading's slug
        sum += d[3];
        if (!d[1] && !(d[0] in tops)) tops[d[0]] = d;
      });
      average = sum / Math.max(1, index.docs.length) || 1;
      run();
    }).catch(function () {
      meta.textContent = "Не вдалося завантажити покажчик пошуку. Оновіть сторінку.";
      loading = null;
    });
    return loading;
  }

  // A heading's anchor as the site's table of contents makes it: text/translit.py's slugify (КМУ № 55),
  // whose result is lower case, so letters are taken in lower case from the start.
  var SLUG_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "", "`": ""
  };
  var SLUG_START = { "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya" };
  function slug(text) {
    var lower = text.toLowerCase(), out = "";
    for (var i = 0; i < lower.length; i++) {
      var ch = lower[i], before = i ? lower[i - 1] : "";
      if (ch in SLUG_START && !(before && /[\p{L}\p{N}_'’ʼ`]/u.test(before))) out += SLUG_START[ch];
      else if (ch === "г" && before === "з") out += "gh";  // «зг» is «zgh», told apart from «ж»
      else out += ch in SLUG_LETTERS ? SLUG_LETTERS[ch] : ch;
    }
    out = out.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return out.replace(/[^A-Za-z0-9_\s-]/g, " ").replace(/_/g, " ").replace(/[\s-]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // Tokens and normalisation come from stem.js, the twin of search/stemmer.py, loaded with the index.
  function normalize(word) { return window.hromadaStem.normalize(word); }

  // Ukrainian typed with the Latin layout on (ЙЦУКЕН keys over QWERTY): «gtnbws]» is «петиції».
  var LAYOUT = {
    q: "й", w: "ц", e: "у", r: "к", t: "е", y: "н", u: "г", i: "ш", o: "щ", p: "з", "[": "х", "]": "ї",
    a: "ф", s: "і", d: "в", f: "а", g: "п", h: "р", j: "о", k: "л", l: "д", ";": "ж", "'": "є",
    z: "я", x: "ч", c: "с", v: "м", b: "и", n: "т", m: "ь", ",": "б", ".": "ю", "`": "'", "\\": "ґ",
    "{": "х", "}": "ї", ":": "ж", "\"": "є", "<": "б", ">": "ю", "~": "'", "|": "ґ"
  };
  var LATIN_KEYS = /^[a-z\[\]{};:'",.<>`~\\|]+$/i;
  function fromLayout(text) {
    return text.toLowerCase().replace(/[^\s]/g, function (c) { return LAYOUT[c] || c; });
  }
  // Ukrainian in Latin letters, by КМУ № 55 (text/translit.py) read backwards and as people write it
  // informally (ya, g, c): longest first. What stays ambiguous (и/і/й, г/х) the loose match absorbs.
  var LATIN = [["shch", "щ"], ["zgh", "зг"], ["iia", "ія"], ["iiu", "ію"], ["iie", "іє"], ["zh", "ж"], ["kh", "х"],
    ["ts", "ц"], ["ch", "ч"], ["sh", "ш"], ["ia", "я"], ["ya", "я"], ["iu", "ю"], ["yu", "ю"], ["ie", "є"],
    ["ye", "є"], ["yi", "ї"], ["a", "а"], ["b", "б"], ["c", "ц"], ["d", "д"], ["e", "е"], ["f", "ф"], ["g", "г"],
    ["h", "г"], ["i", "і"], ["j", "й"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"],
    ["q", "к"], ["r", "р"], ["s", "с"], ["t", "т"], ["u", "у"], ["v", "в"], ["w", "в"], ["x", "кс"], ["y", "и"],
    ["z", "з"]];
  // «ia», «iu», «ie» are я, ю, є by КМУ № 55, but «mediatsiia» begins «медіа»: `split` reads them as two letters.
  function fromLatin(word, split) {
    var out = "", i = 0;
    if (/yi$/.test(word)) word = word.slice(0, -2) + "\u0000";  // «hromadskyi»: -ий
    while (i < word.length) {
      if (word[i] === "\u0000") { out += "ий"; i++; continue; }
      var hit = null;
      for (var n = 0; n < LATIN.length && !hit; n++) {
        var latin = LATIN[n][0];
        if (split && latin.length === 2 && latin[0] === "i" && i + 2 < word.length) continue;
        if (word.substr(i, latin.length) === latin) hit = LATIN[n];
      }
      out += hit ? hit[1] : word[i];
      i += hit ? hit[0].length : 1;
    }
    return out;
  }

  // The words of a query, each as the forms to try, the likeliest first: a word in Latin letters may
  // be meant as it is (SMART), typed with the wrong layout or transliterated; the best match wins.
  function queryWords(query) {
    var words = [];
    query.split(/\s+/).forEach(function (chunk) {
      if (!chunk) return;
      if (LATIN_KEYS.test(chunk) && /[a-z]/i.test(chunk)) {
        var typed = window.hromadaStem.tokens(chunk).map(normalize);
        var keyed = window.hromadaStem.tokens(fromLayout(chunk)).map(normalize);
        var forms = typed.length === 1 ? [typed[0], fromLatin(typed[0]), fromLatin(typed[0], true)] : [];
        if (keyed.length === 1) {
          if (/[^a-z]/i.test(chunk)) forms.unshift(keyed[0]); else forms.push(keyed[0]);
        }
        forms = forms.filter(function (w, i) { return w && forms.indexOf(w) === i; });
        if (forms.some(function (w) { return stop[w]; })) return;
        forms.typed = typed.length === 1 ? typed[0] : "";
        if (forms.length) { words.push(forms); return; }
      }
      window.hromadaStem.tokens(chunk).map(normalize).forEach(function (w) {
        if (w && !stop[w]) words.push([w]);
      });
    });
    return words;
  }

  // Every form looked up for a word begins with its first two letters, and the terms that share
  // them are in one shard: the last whose first key is not after the word's.
  function shardFor(word) {
    var n = lowerBound(index.shards, word.slice(0, 2) + "\uffff") - 1;
    return n < 0 ? undefined : n;
  }

  // A misspelt first letters («инициативи» for «ініціативи»): the shards of the letters that the loose
  // key takes as one, fetched only for a word that matched nothing.
  var KIN = { "и": "иіїый", "і": "іиїы", "ї": "їіи", "ы": "ыиі", "й": "йи", "е": "еєэё", "є": "єе", "э": "эе",
    "ё": "ёе", "г": "гґх", "ґ": "ґг", "х": "хг" };
  function wideShards(word) {
    var a = KIN[word[0]] || word[0] || "", b = word.length > 1 ? KIN[word[1]] || word[1] : "", out = [];
    for (var i = 0; i < a.length; i++) {
      for (var j = 0; j < Math.max(1, b.length); j++) {
        var n = shardFor(a[i] + (b[j] || ""));
        if (n !== undefined && out.indexOf(n) < 0) out.push(n);
      }
    }
    return out;
  }

  function fetchShards(numbers) {
    return Promise.all(numbers.map(function (n) {
      if (n === undefined || shards[n]) return null;
      if (!shardLoads[n]) {
        shardLoads[n] = load("search/t/" + n + ".js").catch(function (error) { delete shardLoads[n]; throw error; });
      }
      return shardLoads[n];
    }));
  }

  // The shards of every form of every word; then, for a word none of whose forms matched, the wider ones.
  function loadShards(query) {
    var words = queryWords(query), typing = !/\s$/.test(query);
    var all = [].concat.apply([], words);
    return fetchShards(all.map(shardFor)).then(function () {
      var wide = [];
      words.forEach(function (forms, n) {
        forms.forEach(function (w) {
          if (CYRILLIC.test(w) && !expand(w, typing && n === words.length - 1).length) wide = wide.concat(wideShards(w));
        });
      });
      return fetchShards(wide);
    });
  }

  // The index terms a query word stands for: its stem, and while it is still being typed,
  // every term that begins with what has been typed so far.
  // Genitive plurals that drop or add a sound the stemmer cannot restore without a dictionary:
  // «заявок» (заявк-а), «слухань» (слухання). Tried only if the index has them, so nothing is invented.
  function alternates(word) {
    var w = normalize(word), out = [];
    if (/[^аеєиіїоуюяь][ое]к$/.test(w)) out.push(w.slice(0, -2) + "к");
    if (/[^н]нь$/.test(w)) out.push(w.slice(0, -1) + "н");
    return out;
  }

  // Entries are [shard, term number in it, weight].
  function expand(word, typing) {
    var shard = shards[shardFor(word)], found = [];
    if (!shard) return found;
    var terms = shard.terms;
    var stem = window.hromadaStem(word);
    var exact = lowerBound(terms, stem);
    if (terms[exact] === stem) found.push([shard, exact, 1]);
    alternates(word).forEach(function (alt) {
      var at = lowerBound(terms, alt);
      if (terms[at] === alt && alt !== stem) found.push([shard, at, 0.9]);
    });
    if (typing && word.length >= 2) {
      for (var i = lowerBound(terms, word); i < terms.length && found.length < MAX_PREFIX; i++) {
        if (terms[i].slice(0, word.length) !== word) break;
        if (terms[i] !== stem) found.push([shard, i, 0.8]);
      }
    }
    return found;
  }

  // A word that matched nothing, forgiven: terms whose loose key (stem.js) is the word's, else, for
  // a longer word, one letter off it (left out, added or another).
  function expandLoose(word) {
    var key = window.hromadaStem.loose(window.hromadaStem(word)), same = [], near = [];
    wideShards(word).forEach(function (n) {
      var shard = shards[n];
      if (!shard) return;
      if (!shard.loose) shard.loose = shard.terms.map(window.hromadaStem.loose);
      for (var i = 0; i < shard.loose.length; i++) {
        if (shard.loose[i] === key) same.push([shard, i, 0.75]);
        else if (key.length >= 5 && near.length < MAX_PREFIX && oneOff(shard.loose[i], key)) near.push([shard, i, 0.6]);
      }
    });
    return same.length ? same : near;
  }

  function oneOff(a, b) {
    var la = a.length, lb = b.length, i = 0, j = 0, diff = 0;
    if (Math.abs(la - lb) > 1) return false;
    while (i < la && j < lb) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++diff > 1) return false;
      if (la > lb) i++; else if (lb > la) j++; else { i++; j++; }
    }
    return diff + (la - i) + (lb - j) <= 1;
  }

  // What a word's forms match together: each form its terms, or a Cyrillic one that matches none, its
  // loose ones; a term found twice keeps its best weight. The Latin «statut» of the editors' guide and
  // the «статут» of the readers' pages both count (the guide is listed last anyway).
  var CYRILLIC = /[а-яёєіїґ]/;
  function matches(forms, typing) {
    var found = [], at = {}, used = [];
    forms.forEach(function (form) {
      var mine = expand(form, typing);
      if (!mine.length && CYRILLIC.test(form)) mine = expandLoose(form);
      if (mine.length) used.push(form);
      mine.forEach(function (e) {
        var key = e[0].n + ":" + e[1];
        if (!(key in at)) { at[key] = found.length; found.push(e); }
        else if (found[at[key]][2] < e[2]) found[at[key]] = e;
      });
    });
    return { found: found, used: used };
  }

  function lowerBound(terms, value) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // BM25 from the counts in the index: a multiply-add per posting, nothing built on the phone.
  function scores(expansions) {
    var best = {};
    var total = index.docs.length;
    expansions.forEach(function (e) {
      var postings = e[0].postings[e[1]];
      var df = postings.length / 2;
      var idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
      var doc = 0;
      for (var i = 0; i < postings.length; i += 2) {
        doc += postings[i];
        var tf = postings[i + 1];
        var norm = index.k1 * (1 - index.b + index.b * index.docs[doc][3] / average);
        var s = e[2] * idf * tf * (index.k1 + 1) / (tf + norm);
        if (!(best[doc] >= s)) best[doc] = s;
      }
    });
    return best;
  }

  function search(query) {
    var words = queryWords(query);
    var typing = !/\s$/.test(query);
    var score = {}, hits = {}, missing = [], stems = [], asked = [];
    words.forEach(function (forms, n) {
      var chosen = matches(forms, typing && n === words.length - 1);
      var expansions = chosen.found;
      if (!expansions.length) { missing.push(forms[0]); return; }
      // A word typed in Latin letters that the site has in Cyrillic: the results say what was searched.
      if (forms.typed !== undefined && chosen.used.indexOf(forms.typed) < 0) asked.push(chosen.used.join(" / "));
      stems.push(expansions.map(function (e) { return e[0].terms[e[1]]; }));
      // A generic verb of a question («як провести…») adds to the score, not to the words matched.
      var soft = words.length > 1 && forms.typed === undefined && softStems[window.hromadaStem(forms[0])];
      var found = scores(expansions);
      for (var doc in found) {
        score[doc] = (score[doc] || 0) + found[doc];
        hits[doc] = (hits[doc] || 0) + (soft ? 0 : 1);
      }
    });
    // Readers' pages before the editors' guide (tier), then pages that match every word, then by score;
    // a page shows its best sections.
    var pages = {}, order = [];
    Object.keys(score).sort(function (a, b) {
      return hits[b] - hits[a] || score[b] - score[a] || a - b;
    }).forEach(function (d) {
      var entry = index.docs[d];
      var page = pages[entry[0]];
      if (!page) {
        // A page's tier (index.pages[n][3], absent for 0): the editors' guide is 1, after every reader's page.
        page = pages[entry[0]] = { page: entry[0], tier: index.pages[entry[0]][3] || 0, hits: hits[d], score: score[d], sections: [] };
        order.push(page);
      } else {
        page.score += score[d] / 4;  // more matching sections make the page a little better
      }
      if (entry[1] && page.sections.length < MAX_SECTIONS) page.sections.push(entry);
    });
    order.sort(function (a, b) { return a.tier - b.tier || b.hits - a.hits || b.score - a.score; });
    return { pages: order, missing: missing, stems: stems, asked: asked };
  }

  // Words of a text whose stem is (or, as typed, begins) one of the query's terms are marked.
  function marked(text, stems) {
    var fragment = doc.createDocumentFragment();
    var at = 0;
    text.replace(new RegExp(window.hromadaStem.TOKEN, "gi"), function (word, offset) {
      var s = window.hromadaStem(word), n = normalize(word);
      var hit = stems.some(function (group) {
        return group.some(function (t) { return s === t || n.slice(0, t.length) === t; });
      });
      if (!hit) return word;
      fragment.appendChild(doc.createTextNode(text.slice(at, offset)));
      var mark = doc.createElement("mark");
      mark.textContent = word;
      fragment.appendChild(mark);
      at = offset + word.length;
      return word;
    });
    fragment.appendChild(doc.createTextNode(text.slice(at)));
    return fragment;
  }

  function element(tag, className, children) {
    var el = doc.createElement(tag);
    if (className) el.className = className;
    (children || []).forEach(function (c) { if (c) el.appendChild(c); });
    return el;
  }

  function href(url, anchor, query) {
    // The index names pages as the site does («a/b/»); from files (the offline pack) a folder is its index.html.
    if (location.protocol === "file:" && (url === "" || url.slice(-1) === "/")) url += "index.html";
    return base + url + "?q=" + encodeURIComponent(query.trim()) + (anchor ? "#" + anchor : "");
  }

  function pagesLabel(n) {
    var last = n % 10, tens = n % 100;
    var word = last === 1 && tens !== 11 ? "сторінка" : last >= 2 && last <= 4 && (tens < 12 || tens > 14) ? "сторінки" : "сторінок";
    return "Знайдено " + n + " " + word;
  }

  function run() {
    if (!index) return;
    var query = input.value;
    if (!query.trim()) {
      list.textContent = "";
      meta.textContent = "Розпочніть писати для пошуку";
      return;
    }
    loadShards(query).then(function () {
      if (input.value === query) show(query);  // a later keystroke has its own run
    }, function () {
      meta.textContent = "Не вдалося завантажити покажчик пошуку. Перевірте з'єднання.";
    });
  }

  function show(query) {
    list.textContent = "";
    var result = search(query);
    var shown = result.pages.slice(0, MAX_PAGES);
    meta.textContent = result.pages.length ? pagesLabel(result.pages.length) +
      (result.pages.length > shown.length ? ", показано " + shown.length : "") : "Нічого не знайдено";
    if (result.asked.length) meta.appendChild(doc.createTextNode(". Шукали: " + result.asked.join(", ")));
    if (result.missing.length) {
      meta.appendChild(doc.createTextNode(". Не знайдено слів: "));
      meta.appendChild(element("s", "", [doc.createTextNode(result.missing.join(", "))]));
    }
    list.setAttribute("data-query", query);  // which query the list shows (tests wait for it)
    shown.forEach(function (hit) {
      var page = index.pages[hit.page];
      var top = tops[hit.page];
      var item = element("li", "md-search-result__item");
      var heading = element("h1", "", [marked(page[1], result.stems)]);
      var body = [page[2] ? element("p", "hromada-crumb", [doc.createTextNode(page[2])]) : null,
        heading, top && top[4] ? element("p", "", [marked(top[4], result.stems)]) : null];
      var link = element("a", "md-search-result__link", [element("article", "md-search-result__article md-typeset", body)]);
      link.href = href(page[0], "", query);
      item.appendChild(link);
      hit.sections.forEach(function (section) {
        var sub = element("a", "md-search-result__link", [element("article", "md-search-result__article md-typeset",
          [element("h2", "", [marked(section[2], result.stems)])])]);
        sub.href = href(page[0], section[1], query);
        item.appendChild(sub);
      });
      list.appendChild(item);
    });
  }

  // On a phone the results cover the screen: the page under them must not scroll (Material's styles
  // for body[data-md-scrolllock]), and the reader comes back to where they were.
  var phone = window.matchMedia("(max-width: 59.984375em)");
  var savedY = 0;
  function lock(on) {
    var body = doc.body;
    if (on && phone.matches && !body.hasAttribute("data-md-scrolllock")) {
      savedY = window.scrollY;
      body.style.top = -savedY + "px";
      body.setAttribute("data-md-scrolllock", "");
    } else if (!on && body.hasAttribute("data-md-scrolllock")) {
      body.removeAttribute("data-md-scrolllock");
      body.style.top = "";
      window.scrollTo(0, savedY);
    }
  }
  function openSearch() {
    if (!toggle.checked) toggle.checked = true;
    if (drawer) drawer.checked = false;
    lock(true);
    open();
    setTimeout(function () { input.focus(); }, 50);
  }
  function closeSearch() {
    toggle.checked = false;
    lock(false);
    input.blur();
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    if (!index) { open(); return; }
    timer = setTimeout(run, 60);
  });
  input.addEventListener("focus", function () { if (!toggle.checked) openSearch(); else open(); });
  toggle.addEventListener("change", function () { if (toggle.checked) openSearch(); else closeSearch(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector(".md-search-result__link");
    if (first) location.href = first.href;
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) closeSearch();  // also when the result is on this very page
  });
  form.addEventListener("reset", function () { setTimeout(run, 0); input.focus(); });

  doc.addEventListener("keydown", function (event) {
    var inField = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (event.key === "Escape") {
      if (toggle.checked) { closeSearch(); event.preventDefault(); } else if (drawer && drawer.checked) drawer.checked = false;
      return;
    }
    if (!toggle.checked) {
      if (!inField && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "і")) {
        event.preventDefault();
        openSearch();
      }
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
      if (!links.length) return;
      var at = links.indexOf(doc.activeElement);
      at = event.key === "ArrowDown" ? Math.min(links.length - 1, at + 1) : at - 1;
      (at < 0 ? input : links[at]).focus();
      event.preventDefault();
    }
  });

  function highlight(query) {
    var wanted = window.hromadaStem.tokens(query).map(normalize).filter(function (w) { return w.length > 2; })
      .map(function (w) { return [window.hromadaStem(w)]; });
    if (!wanted.length) return;
    var walker = doc.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, mark, .headerlink, svg") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var fragment = marked(node.nodeValue, wanted);
      if (fragment.childNodes.length > 1) node.parentNode.replaceChild(fragment, node);
    });
  }

  // site.js hands over: what the reader did before this script was here (opened search, arrived with ?q=).
  window.hromadaSearch = {
    open: openSearch,
    slug: slug,  // tests/test_search.py compares it with text/translit.py's slugify
    highlight: function (query) {
      if (article) load("assets/hromada/stem.js").then(function () { highlight(query); });
    }
  };
})();
