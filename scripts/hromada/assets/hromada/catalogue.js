// Case catalogue: filters that combine, counts on every option and map tile, state in the URL.
// Without this script the page still lists every case (the filters stay hidden).
(function () {
  "use strict";
  var root = document.querySelector(".hromada-catalogue");
  if (!root) return;
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var cards = Array.prototype.slice.call(root.querySelectorAll(".hromada-card"));
  var tiles = Array.prototype.slice.call(root.querySelectorAll("[data-tile]"));
  var counter = root.querySelector(".hromada-count");
  var oblastSelect = selects.filter(function (s) { return s.dataset.filter === "oblast"; })[0];
  root.querySelector(".hromada-filters").hidden = false;
  var wrap = root.querySelector(".hromada-map-wrap");
  if (wrap) {
    var hint = document.createElement("p");
    hint.className = "hromada-map-hint";
    hint.textContent = "Торкніться області, щоб побачити її кейси" +
      (wrap.scrollWidth > wrap.clientWidth + 1 ? "; мапу можна гортати вбік." : ".");
    wrap.parentNode.insertBefore(hint, wrap.nextSibling);
  }
  var note = "";  // what the last tap on a region without cases said

  function current() {
    var state = {};
    selects.forEach(function (s) { state[s.dataset.filter] = s.value; });
    return state;
  }
  function with1(state, key, value) {
    var copy = {};
    Object.keys(state).forEach(function (k) { copy[k] = state[k]; });
    copy[key] = value;
    return copy;
  }
  function matches(card, state) {
    return Object.keys(state).every(function (key) {
      return !state[key] || (card.dataset[key] || "").split("|").indexOf(state[key]) >= 0;
    });
  }
  function count(state) {
    return cards.filter(function (c) { return matches(c, state); }).length;
  }
  function update() {
    var state = current();
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card, state);
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    var region = tiles.filter(function (t) { return t.dataset.tile === state.oblast; })[0];
    counter.textContent = note || "Кейсів: " + shown + (shown === cards.length ? "" : " з " + cards.length) +
      (region ? " · " + region.dataset.name : "");
    counter.classList.toggle("hromada-count--empty", !!note);
    note = "";
    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var n = count(with1(state, select.dataset.filter, option.value));
        option.textContent = option.dataset.label + " (" + n + ")";
        option.disabled = n === 0 && option.value !== select.value;
      });
    });
    var counts = tiles.map(function (t) { return count(with1(state, "oblast", t.dataset.tile)); });
    var most = Math.max.apply(null, counts.concat([1]));
    tiles.forEach(function (tile, i) {
      var n = counts[i];
      tile.dataset.level = n ? String(1 + Math.min(3, Math.floor((3 * n) / most))) : "0";
      tile.querySelector(".hromada-tile__count").textContent = n;
      tile.classList.toggle("hromada-tile--active", state.oblast === tile.dataset.tile);
    });
    var query = new URLSearchParams();
    Object.keys(state).forEach(function (k) { if (state[k]) query.set(k, state[k]); });
    var search = query.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }
  // A tap says what it did: the count (and the cards) for the region, or that it has none.
  function pickOblast(tile) {
    var state = current();
    if (state.oblast !== tile.dataset.tile && !count(with1(state, "oblast", tile.dataset.tile))) {
      var any = count(with1({}, "oblast", tile.dataset.tile));
      note = tile.dataset.name + (any ? ": з вибраними фільтрами кейсів немає." : ": кейсів поки немає.") +
        " Показано кейсів: " + count(state) + ".";
      update();
    } else {
      oblastSelect.value = state.oblast === tile.dataset.tile ? "" : tile.dataset.tile;
      update();
    }
    if (counter.getBoundingClientRect().bottom > window.innerHeight || counter.getBoundingClientRect().top < 0) {
      counter.scrollIntoView({ block: "start" });
    }
  }

  var query = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var wanted = query.get(select.dataset.filter);
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
      select.value = wanted;
    }
    select.addEventListener("change", update);
  });
  tiles.forEach(function (tile) {
    tile.addEventListener("click", function () { pickOblast(tile); });
    tile.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pickOblast(tile); }
    });
  });
  root.querySelector(".hromada-reset").addEventListener("click", function () {
    selects.forEach(function (s) { s.value = ""; });
    update();
  });
  update();
})();
