/* Every dashboard table sorts by any column: its header cells are buttons
   (dashboards/components.py sortable_header). A click sorts ascending, the next descending;
   aria-sort tells screen readers. Cells sort by their data-sort value (the raw number or ISO
   date) when they have one, else by their text read as a number where it is one ("1 222",
   "12,5 %", "48.0%"); empty cells last. Dash redraws a table with new content as a new
   element (its key changes), so nothing here fights React over rows it still owns. */
(function () {
  "use strict";

  function asNumber(text) {
    var t = String(text).replace(/[\s\u00a0\u202f%]/g, "").replace("\u2212", "-").replace(",", ".");
    if (t === "" || !/^-?\d+(\.\d+)?$/.test(t)) return null;
    return parseFloat(t);
  }

  function key(cell) {
    if (!cell) return {empty: true};
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (raw === "" || raw === "\u2013") return {empty: true};
    var n = asNumber(raw);
    return n === null ? {text: raw} : {num: n};
  }

  function compare(a, b) {
    if (a.empty || b.empty) return (a.empty ? 1 : 0) - (b.empty ? 1 : 0);
    if ("num" in a && "num" in b) return a.num - b.num;
    if ("num" in a) return -1;
    if ("num" in b) return 1;
    return a.text.localeCompare(b.text, document.documentElement.lang || undefined, {numeric: true});
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.sortable th > .sort-button");
    if (!button) return;
    var th = button.parentElement;
    var table = th.closest("table");
    var body = table.tBodies[0];
    if (!body) return;
    var column = Array.prototype.indexOf.call(th.parentElement.children, th);
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(th.parentElement.children, function (other) {
      other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return {row: row, key: key(row.cells[column]), i: i};
    });
    rows.sort(function (a, b) {
      var c = compare(a.key, b.key);
      if (c !== 0 && !a.key.empty && !b.key.empty && descending) c = -c;
      return c !== 0 ? c : a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  });
})();
