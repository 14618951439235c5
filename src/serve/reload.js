// Live reload for `yilnoma serve`. Injected only into pages served by
// `serve`, never into `build` output. Listens to the server's event stream:
// `reload` reloads the page (keeping the scroll position) when it changed,
// `css` swaps the stylesheets in place, `errors` shows what broke the last
// rebuild until it is fixed.
(function () {
  "use strict";
  var scrollKey = "yilnoma-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var restore = function () { window.scrollTo(0, parseInt(saved, 10) || 0); };
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore);
  }

  function here() {
    return location.pathname.replace(/index\.html$/, "");
  }

  function reload() {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  }

  function swapStylesheets() {
    var stamp = "yilnoma-reload=" + Date.now();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var href = link.getAttribute("href").replace(/[?&]yilnoma-reload=\d+/, "");
      link.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + stamp);
    });
  }

  var overlayId = "yilnoma-error-overlay";
  function removeOverlay() {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function showOverlay(errors) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.92);color:#f5f5f5;padding:2rem;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap";
    var title = document.createElement("strong");
    title.textContent = "The last rebuild failed; this page shows the last good version.";
    title.style.cssText = "display:block;color:#ff8a80;margin-bottom:1rem";
    box.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("div");
      item.style.marginBottom = "1rem";
      var where = document.createElement("div");
      where.style.color = "#ffd180";
      where.textContent = e.path + ":" + e.line + ":" + e.column;
      var message = document.createElement("div");
      message.textContent = e.message;
      item.appendChild(where);
      item.appendChild(message);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.style.color = "#b0bec5";
        hint.textContent = "hint: " + e.hint;
        item.appendChild(hint);
      }
      box.appendChild(item);
    });
    var close = document.createElement("button");
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    close.style.cssText = "position:absolute;top:.5rem;right:1rem;font-size:1.5rem;background:none;color:inherit;border:0;cursor:pointer";
    close.onclick = removeOverlay;
    box.appendChild(close);
    document.body.appendChild(box);
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__yilnoma/events");
  source.addEventListener("reload", function (event) {
    var urls = JSON.parse(event.data).urls;
    removeOverlay();
    var waiting = document.querySelector('meta[name="yilnoma-waiting"]');
    if (waiting || urls.indexOf("*") >= 0 || urls.indexOf(here()) >= 0) reload();
  });
  source.addEventListener("css", function () {
    removeOverlay();
    swapStylesheets();
  });
  source.addEventListener("errors", function (event) {
    showOverlay(JSON.parse(event.data).errors);
  });
  source.addEventListener("fixed", removeOverlay);
})();
