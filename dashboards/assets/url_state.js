/* The page's selections into the address bar (dashboards/url_state.py): called with the
   controls' values, then the list of their query names. replaceState changes the URL only:
   Dash's location does not hear it, so the page is not rendered again; reloading or sharing
   the URL gives layout(**query) the same selections. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  url_state: {
    write: function () {
      var args = Array.prototype.slice.call(arguments);
      var names = args.pop() || [];
      var params = new URLSearchParams();
      names.forEach(function (name, i) {
        var value = args[i];
        if (Array.isArray(value)) value = value.join(",");
        if (value !== null && value !== undefined && value !== "") params.set(name, String(value));
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
      return query;
    }
  }
});
