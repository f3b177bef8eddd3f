// Hromada's layer over Decap CMS in /admin/ (copied there by publish/admin.py, loaded after decap-cms.js
// and js-yaml.min.js; its settings come in data- attributes, since the page runs no inline script).
//   - front matter is read and written with js-yaml ("hromada" format): Decap's own YAML cannot leave out
//     the two keys that exist only in the editor (below), and writes times without quotes;
//   - a typed list (a day's agenda: sessions and breaks) needs each item's kind in the item: it is added
//     on reading from the keys the item has, and taken out again on writing;
//   - a new file is named from its title, transliterated as text/translit.py does (КМУ № 55):
//     Decap's own names keep Cyrillic, which `hromada check` refuses (HR021);
//   - the preview pane shows the page in the site's own styles.
(function () {
  "use strict";

  var FILE_KEY = "hromada_file";  // publish/cms.py FILE_KEY: the slug template of new entries reads it
  var TYPE_KEY = "hromada_type";  // publish/cms.py TYPE_KEY
  var script = document.currentScript;
  var CMS = window.CMS;
  var yaml = window.jsyaml;

  function setting(name, empty) {
    try { return JSON.parse(script.getAttribute("data-" + name)) || empty; } catch (e) { return empty; }
  }

  // --- file names: КМУ № 55 of 27.01.2010, as hromada.text.translit.slugify ---------------------------
  var LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia"
  };
  var WORD_START = { "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya" };
  var APOSTROPHES = "'’ʼ`";
  var WORD_CHAR = /[\p{L}\p{N}_'’ʼ`]/u;

  function slugify(text) {
    var chars = Array.from(String(text || "").toLowerCase());
    var latin = chars.map(function (ch, i) {
      var prev = i ? chars[i - 1] : "";
      if (WORD_START[ch] && !WORD_CHAR.test(prev)) return WORD_START[ch];
      if (ch === "г" && prev === "з") return "gh";  // «зг» is «zgh», told apart from «ж»
      if (Object.prototype.hasOwnProperty.call(LETTERS, ch)) return LETTERS[ch];
      return APOSTROPHES.indexOf(ch) >= 0 ? "" : ch;
    }).join("");
    latin = latin.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    latin = latin.replace(/[^\w\s-]/g, " ").replace(/_/g, " ");
    return latin.replace(/[\s-]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // --- typed lists ----------------------------------------------------------------------------------
  var TYPED = setting("typed-lists", []);  // [{path: ["days", "*", "agenda"], kinds: [{name, keys}]}]

  function listsAt(data, path) {
    var found = [data];
    path.forEach(function (step) {
      var next = [];
      found.forEach(function (value) {
        if (value === null || typeof value !== "object") return;
        if (step === "*") { if (Array.isArray(value)) next = next.concat(value); }
        else if (!Array.isArray(value) && step in value) next.push(value[step]);
      });
      found = next;
    });
    return found.filter(Array.isArray);
  }

  function kindOf(item, kinds) {
    var best = null, bestScore = -1;
    kinds.forEach(function (kind) {
      var have = kind.keys.filter(function (k) { return k in item; }).length;
      var score = have === kind.keys.length ? 1000 + have : have;
      if (score > bestScore) { best = kind; bestScore = score; }
    });
    return best ? best.name : undefined;
  }

  function markKinds(data) {
    TYPED.forEach(function (typed) {
      listsAt(data, typed.path).forEach(function (list) {
        list.forEach(function (item) {
          if (item && typeof item === "object" && !Array.isArray(item) && !item[TYPE_KEY]) {
            item[TYPE_KEY] = kindOf(item, typed.kinds);
          }
        });
      });
    });
    return data;
  }

  // What the form leaves behind when a field is emptied ("", null, an empty part) means "not given" in the
  // model; an empty list stays, as a person may write `sources: []`. The editor's own keys never reach the file.
  function isEmpty(v) {
    return v === undefined || v === null || v === "" ||
      (typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length);
  }

  function cleaned(value) {
    if (Array.isArray(value)) {
      return value.map(cleaned).filter(function (v) { return !isEmpty(v); });
    }
    if (value !== null && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) {
        if (key === TYPE_KEY || key === FILE_KEY) return;
        var v = cleaned(value[key]);
        if (!isEmpty(v)) out[key] = v;
      });
      return out;
    }
    return value;
  }

  // Keys in the model's order at every level (publish/cms.py key_orders), as a person writes them.
  var ORDER = setting("key-order", {});

  function ordered(value, path, top) {
    if (Array.isArray(value)) {
      return value.map(function (item) { return ordered(item, path.concat("*")); });
    }
    if (value === null || typeof value !== "object") return value;
    var order = (path.length ? null : top) || ORDER[path.join(".")] || [];
    var rank = function (k) { var i = order.indexOf(k); return i < 0 ? order.length : i; };
    var out = {};
    Object.keys(value).sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (k) {
      out[k] = ordered(value[k], path.concat(k));
    });
    return out;
  }

  // --- front matter -----------------------------------------------------------------------------------
  var FENCE = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

  function fromFile(content) {
    var m = FENCE.exec(content);
    if (!m) return content.trim() ? { body: content } : {};
    var data = yaml.load(m[1] || "", { schema: yaml.CORE_SCHEMA });  // dates stay text, as the date widget wants
    if (data === null || typeof data !== "object" || Array.isArray(data)) data = {};  // `hromada check` says why
    var body = content.slice(m[0].length);
    if (body.trim()) data.body = body;
    return markKinds(data);
  }

  function toFile(data, sortedKeys) {
    var body = typeof data.body === "string" ? data.body : "";
    var meta = cleaned(data);
    delete meta.body;
    var head = Object.keys(meta).length
      ? yaml.dump(ordered(meta, [], sortedKeys), { schema: yaml.CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: "\"" }) : "";
    // Times in quotes, as the editors' guide asks: some YAML readers take 9:30 for a number of minutes.
    head = head.replace(/^(\s*(?:- )?[\w-]+: |\s*- )(\d{1,2}:\d{2})$/gm, "$1\"$2\"");
    if (body && body.slice(-1) !== "\n") body += "\n";
    if (!head) return body;
    if (body && body.charAt(0) !== "\n") body = "\n" + body;
    return "---\n" + head + "---\n" + body;
  }

  window.hromadaCms = { slugify: slugify, fromFile: fromFile, toFile: toFile };  // tests/test_cms.py checks them
  if (!CMS || !yaml) return;
  CMS.registerCustomFormat("hromada", "md", { fromFile: fromFile, toFile: toFile });

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry;
      var data = entry.get("data");
      if (!entry.get("newRecord") || data.get(FILE_KEY)) return data;
      return data.set(FILE_KEY, slugify(data.get("title")) || "zapys");
    }
  });

  // --- preview in the site's styles -------------------------------------------------------------------
  setting("preview-styles", []).forEach(function (href) {
    CMS.registerPreviewStyle(new URL(href, document.baseURI).href);
  });
  var h = window.h;
  var Preview = window.createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var title = data.get("title");
      var summary = data.get("summary");
      return h("article", { className: "md-content__inner md-typeset" },
        title ? h("h1", {}, title) : null,
        summary ? h("p", { className: "hromada-cms-summary" }, h("em", {}, summary)) : null,
        this.props.widgetFor("body"));
    }
  });
  setting("templates", []).forEach(function (name) { CMS.registerPreviewTemplate(name, Preview); });
})();
