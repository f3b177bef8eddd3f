// Ukrainian stemmer: the JavaScript twin of scripts/hromada/search/stemmer.py (keep the two in step).
(function (global) {
  "use strict";
  var VOWELS = "аеєиіїоуюя";
  var APOSTROPHES = /['’ʼ`]/g;
  var REFLEXIVE = ["ся", "сь"];
  // Adjectives first, then nouns, then verbs (see stemmer.py for why).
  var ADJECTIVE = ["ього", "ьому", "ими", "іми", "ого", "ому", "ій", "ий", "їй", "ім", "им", "їм", "их", "іх", "ої", "ою",
    "ею", "ая", "яя", "еє"];
  var NOUN = ["ями", "ами", "ові", "ях", "ах", "ям", "ам", "ою", "ею", "єю", "ів", "їв", "ей", "ом", "ем", "єм",
    "а", "я", "о", "е", "є", "у", "ю", "і", "ї", "и", "й", "ь"];
  var VERB = ["ати", "яти", "ити", "іти", "їти", "ути", "ють", "уть", "ать", "ять", "ить", "іть", "їть", "ємо", "имо", "імо",
    "ете", "єте", "ите", "іте", "ила", "ило", "или", "ала", "ало", "али", "яла", "яло", "яли", "ула", "ули", "ти",
    "ть", "ш"];
  // Longest first, then by code points, exactly as Python's sorted(key=(-len, s)).
  function ordered(list) {
    return list.filter(function (s, i, all) { return all.indexOf(s) === i; }).sort(function (a, b) {
      if (a.length !== b.length) return b.length - a.length;
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }
  var GROUPS = [ordered(ADJECTIVE), ordered(NOUN), ordered(VERB)];
  var MIN_STEM = 2;

  // Latin look-alikes read as Cyrillic in a word that mixes the scripts (stemmer.py's LOOKALIKES).
  var LOOKALIKES = { a: "а", b: "в", c: "с", e: "е", h: "н", i: "і", k: "к", m: "м", o: "о", p: "р", t: "т", x: "х", y: "у" };
  var LOOSE = { "ь": "", "ъ": "", "і": "и", "ї": "и", "ы": "и", "й": "и", "є": "е", "э": "е", "ё": "е", "ґ": "г", "х": "г" };
  function normalize(word) {
    var w = word.toLowerCase().replace(APOSTROPHES, "");
    if (/[a-z]/.test(w) && /[а-яёєіїґ]/.test(w)) {
      w = w.replace(/[a-z]/g, function (c) { return LOOKALIKES[c] || c; });
    }
    return w;
  }
  // The loose key of a normalized word or of a stem (stemmer.py's loose()).
  function loose(word) {
    return word.replace(APOSTROPHES, "").replace(/[ьъіїыйєэёґх]/g, function (c) { return LOOSE[c]; })
      .replace(/(.)\1+/g, "$1");
  }
  function endsWith(w, s) {
    return w.length >= s.length && w.slice(w.length - s.length) === s;
  }
  function stem(word) {
    var w = normalize(word);
    if (w.length < 4) return w;
    var first = -1;
    for (var i = 0; i < w.length; i++) {
      if (VOWELS.indexOf(w[i]) >= 0) { first = i; break; }
    }
    if (first < 0) return w;
    var keep = Math.max(first + 1, MIN_STEM);
    for (var r = 0; r < REFLEXIVE.length; r++) {
      if (endsWith(w, REFLEXIVE[r]) && w.length - REFLEXIVE[r].length > keep) { w = w.slice(0, -REFLEXIVE[r].length); break; }
    }
    groups: for (var g = 0; g < GROUPS.length; g++) {
      for (var e = 0; e < GROUPS[g].length; e++) {
        var suffix = GROUPS[g][e];
        if (endsWith(w, suffix) && w.length - suffix.length >= keep) { w = w.slice(0, -suffix.length); break groups; }
      }
    }
    if (w.length > keep && (VOWELS + "ь").indexOf(w[w.length - 1]) >= 0) w = w.slice(0, -1);
    return w;
  }
  // A word, as stemmer.py's _TOKEN finds them (after lower-casing): the one definition in JavaScript.
  var TOKEN = "[0-9a-zа-яёєіїґ'’ʼ`]+";
  function tokens(text) {
    return text.toLowerCase().match(new RegExp(TOKEN, "g")) || [];
  }
  global.hromadaStem = stem;
  stem.normalize = normalize;
  stem.tokens = tokens;
  stem.loose = loose;
  stem.TOKEN = TOKEN;
})(typeof window !== "undefined" ? window : this);
