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

  // The overlay lives in a shadow root, so the page's stylesheets cannot
  // restyle it, and in a modal <dialog>, which the browser draws in the top
  // layer above everything and which makes the page underneath inert. Its
  // panel is opaque: the page does not show through. Everything the server
  // sends (file names, messages, the editor's own text) goes in as text.
  var overlayId = "yilnoma-error-overlay";
  var overlayStyle =
    ":host{all:initial}" +
    "dialog{position:fixed;inset:0;width:100vw;height:100vh;max-width:none;max-height:none;" +
    "margin:0;padding:2rem;box-sizing:border-box;border:0;overflow:auto;" +
    "background:#1d1f21;color:#f2f2f2;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    "dialog::backdrop{background:#1d1f21}" +
    "h2{margin:0 2.5rem .25rem 0;font-size:1.35rem;color:#ff8a80}" +
    ".advice{margin:0 0 1.5rem;color:#d0d0d0}" +
    "section{margin:0 0 1.5rem;padding:1rem;border-radius:6px;background:#2a2d30}" +
    ".where{font:14px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#ffd180;overflow-wrap:anywhere}" +
    ".message{margin:.35rem 0;font-weight:600}" +
    ".label{color:#ff8a80}" +
    "pre{margin:.5rem 0;padding:.5rem .75rem;overflow:auto;background:#111;border-radius:4px;" +
    "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#f2f2f2}" +
    ".gutter{color:#8a8f98;user-select:none}" +
    "mark{background:#5c1f1f;color:#fff;text-decoration:underline wavy #ff8a80}" +
    ".pad{visibility:hidden}" +
    ".caret{color:#ff8a80;user-select:none}" +
    ".hint{margin:.35rem 0 0;white-space:pre-wrap;color:#c5e1a5}" +
    "a{color:#82b1ff}" +
    ".close{position:absolute;top:.75rem;right:1rem;font-size:1.75rem;line-height:1;" +
    "background:none;color:inherit;border:0;cursor:pointer}";

  function removeOverlay() {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  // The page's language (<html lang="uz">), or its first part ("uz" of
  // "uz-Cyrl"), if the server has words in it; else English.
  function pick(byLanguage) {
    var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
    if (byLanguage[lang]) return lang;
    var base = lang.split("-")[0];
    if (byLanguage[base]) return base;
    return "en";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The source line with its number, the span marked, and a caret row
  // under it: the row repeats the text before the span invisibly, so the
  // carets start under the span in any font and script.
  function snippet(excerpt) {
    var pre = element("pre", "snippet");
    var number = String(excerpt.line);
    var margin = " ".repeat(number.length);
    pre.appendChild(element("span", "gutter", number + " | "));
    pre.appendChild(document.createTextNode(excerpt.before));
    pre.appendChild(element("mark", "", excerpt.marked));
    pre.appendChild(document.createTextNode(excerpt.after + "\n"));
    pre.appendChild(element("span", "gutter", margin + " | "));
    pre.appendChild(element("span", "pad", excerpt.before));
    var width = Math.max(1, Array.from(excerpt.marked).length);
    pre.appendChild(element("span", "caret", "^".repeat(width)));
    return pre;
  }

  function showOverlay(data) {
    removeOverlay();
    var lang = pick(data.words);
    var words = data.words[lang];
    var host = element("div");
    host.id = overlayId;
    var root = host.attachShadow({ mode: "open" });
    var style = element("style", "", overlayStyle);
    var dialog = element("dialog");
    dialog.setAttribute("lang", lang);
    dialog.setAttribute("aria-labelledby", "title");
    var title = element("h2", "", words.title);
    title.id = "title";
    dialog.appendChild(title);
    dialog.appendChild(element("p", "advice", words.advice));
    data.errors.forEach(function (e) {
      var text = e.texts[lang] || e.texts.en;
      var item = element("section", "error");
      item.appendChild(element("div", "where", e.path + ":" + e.line + ":" + e.column));
      var message = element("p", "message");
      message.appendChild(element("span", "label", text.label + ": "));
      message.appendChild(document.createTextNode(text.message));
      item.appendChild(message);
      if (e.excerpt) item.appendChild(snippet(e.excerpt));
      if (text.hint.length) {
        item.appendChild(element("p", "hint", words.hint + ": " + text.hint.join("\n")));
      }
      // Only web addresses: book.toml's template is checked, this again.
      if (e.edit && /^https?:\/\//i.test(e.edit)) {
        var link = element("a", "edit", words.edit);
        link.href = e.edit;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        item.appendChild(link);
      }
      dialog.appendChild(item);
    });
    if (data.more > 0) dialog.appendChild(element("p", "more", words.more));
    var close = element("button", "close", "×");
    close.setAttribute("aria-label", words.close);
    close.title = words.close;
    close.onclick = removeOverlay;
    // Focus the close button, not the first link, when the dialog opens.
    close.autofocus = true;
    dialog.appendChild(close);
    // Escape closes the dialog; take the overlay away with it.
    dialog.addEventListener("close", removeOverlay);
    root.appendChild(style);
    root.appendChild(dialog);
    document.body.appendChild(host);
    dialog.showModal();
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
    showOverlay(JSON.parse(event.data));
  });
  source.addEventListener("fixed", removeOverlay);
})();
