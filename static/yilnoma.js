// Yilnoma: progressive enhancement only. Every page reads, navigates and
// filters without this script (kind and tag pages are real pages).
//
// Loaded in <head> without `defer`, so a remembered colour theme is set
// before the first paint; everything else waits for the document.
(function () {
  "use strict";

  // plural-form: the form of a plural-aware string for `count` in `lang`
  // (`forms` maps CLDR categories to texts, from the page's plural_forms),
  // chosen with the browser's CLDR rules; `other` when the browser does not
  // know the language, as the Rust side does (src/model/plural.rs).
  function pluralForm(forms, count, lang) {
    var category = "other";
    try {
      if (Intl.PluralRules.supportedLocalesOf([lang]).length) {
        category = new Intl.PluralRules(lang).select(count);
      }
    } catch (e) {
      // not a language tag: `other`
    }
    return forms[category] || forms.other || "";
  }
  // end plural-form

  var THEME_KEY = "yilnoma-theme";
  var root = document.documentElement;

  function storedTheme() {
    try {
      var value = window.localStorage.getItem(THEME_KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch (e) {
      return null; // storage blocked: follow the system setting
    }
  }

  var initial = storedTheme();
  if (initial) root.dataset.theme = initial;
  // Lets the stylesheet show script-only controls from the first paint,
  // so revealing them later shifts nothing.
  root.classList.add("js");

  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function isDark() {
    if (root.dataset.theme) return root.dataset.theme === "dark";
    return !!(darkQuery && darkQuery.matches);
  }

  // Dark mode: a toggle button, hidden in the HTML because it needs JS.
  function setUpThemeToggle() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    var sync = function () {
      button.setAttribute("aria-pressed", isDark() ? "true" : "false");
    };
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.dataset.theme = next;
      try {
        window.localStorage.setItem(THEME_KEY, next);
      } catch (e) {
        // Not remembered, but still switched for this page.
      }
      sync();
    });
    if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", sync);
  }

  // The page menu is one line when it fits and folds behind a button when
  // it does not (the stylesheet hides the list only when this script runs,
  // so without it every item shows).
  function setUpMenu() {
    var button = document.querySelector(".menu-toggle");
    var nav = button ? button.closest(".site-nav") : null;
    var list = nav ? nav.querySelector("ul") : null;
    if (!nav || !list) return;
    button.hidden = false;
    var measure = function () {
      nav.classList.remove("folded");
      nav.classList.add("unfolded");
      var fits = list.scrollWidth <= nav.clientWidth + 1;
      nav.classList.toggle("folded", !fits);
      nav.classList.toggle("unfolded", fits);
    };
    measure();
    var pending = 0;
    window.addEventListener("resize", function () {
      window.cancelAnimationFrame(pending);
      pending = window.requestAnimationFrame(measure);
    });
    var set = function (open) {
      nav.classList.toggle("open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    };
    button.addEventListener("click", function () {
      set(!nav.classList.contains("open"));
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) {
        set(false);
        button.focus();
      }
    });
  }

  // Timeline filters: kind and tag links filter the list in place and keep
  // the state in the URL (?kind=treaty, ?tag=trade) so it can be shared.
  function setUpFilters() {
    var timeline = document.querySelector(".timeline[data-filterable]");
    if (!timeline) return;
    var events = Array.prototype.slice.call(timeline.querySelectorAll("li.event"));
    var status = document.getElementById("filter-status");
    var kindLinks = document.querySelectorAll("a.kind-filter");
    var tagLinks = document.querySelectorAll("a.tag-filter");

    function hasTag(li, tag) {
      return (" " + (li.dataset.tags || "") + " ").indexOf(" " + tag + " ") !== -1;
    }

    function markCurrent(links, attribute, value) {
      Array.prototype.forEach.call(links, function (link) {
        if (link.dataset[attribute] === value) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
    }

    function apply(kind, tag, announce) {
      var shown = 0;
      events.forEach(function (li) {
        var visible = (!kind || li.dataset.kind === kind) && (!tag || hasTag(li, tag));
        li.hidden = !visible;
        if (visible) shown += 1;
      });
      // Years and eras with nothing left to show disappear, and so do their jump links.
      timeline.querySelectorAll("section.year, section.era").forEach(function (section) {
        section.hidden = !section.querySelector("li.event:not([hidden])");
      });
      document.querySelectorAll(".year-nav a").forEach(function (link) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        link.parentNode.hidden = !!(target && target.hidden);
      });
      markCurrent(kindLinks, "kind", tag ? null : kind);
      markCurrent(tagLinks, "tag", tag);
      if (status) {
        var filtered = !!(kind || tag);
        var forms = JSON.parse((filtered ? status.dataset.showing : status.dataset.all) || "{}");
        var total = Number(status.dataset.total || events.length);
        var text = pluralForm(forms, total, root.lang)
          .replace("{count}", String(shown))
          .replace("{total}", String(total));
        status.textContent = filtered || announce ? text : "";
      }
    }

    function applyUrl(announce) {
      var params = new URLSearchParams(window.location.search);
      apply(params.get("kind") || "", params.get("tag") || "", announce);
    }

    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var link = event.target.closest ? event.target.closest("a.kind-filter, a.tag-filter") : null;
      if (!link) return;
      event.preventDefault();
      var isKind = link.classList.contains("kind-filter");
      var kind = isKind ? link.dataset.kind || "" : "";
      var tag = isKind ? "" : link.dataset.tag || "";
      var url = new URL(window.location.href);
      url.search = "";
      url.hash = "";
      if (kind) url.searchParams.set("kind", kind);
      if (tag) url.searchParams.set("tag", tag);
      window.history.pushState({ kind: kind, tag: tag }, "", url.href);
      apply(kind, tag, true);
    });
    window.addEventListener("popstate", function () {
      applyUrl(true);
    });
    applyUrl(false);
  }

  function start() {
    setUpThemeToggle();
    setUpMenu();
    setUpFilters();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
