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
    counter.textContent = "Кейсів: " + shown + (shown === cards.length ? "" : " з " + cards.length);
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
  function pickOblast(tile) {
    oblastSelect.value = oblastSelect.value === tile.dataset.tile ? "" : tile.dataset.tile;
    update();
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
