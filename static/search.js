// Yilnoma search: search-as-you-type over the language's search/index.json.
// The index is fetched on the first keystroke, not before; the text files
// (search/text-<k>.json) only for the results shown, for their snippets. Queries are folded
// with the tables the index carries (src/model/fold.rs is the one source of
// truth), so apostrophe variants, case, diacritics and Uzbek Cyrillic match
// the way the Rust side indexed the text. Keyboard: ArrowDown/ArrowUp move
// through the results, Enter opens one, Escape clears. Without JavaScript the
// page shows its <noscript> message instead.
(function () {
  'use strict';

  var LETTER = /\p{Alphabetic}/u;
  var SPLIT = /[^\p{Alphabetic}\p{N}]+/u;

  // The steps of src/model/fold.rs, in the same order, with its tables
  // (`table` is the index's `fold` object). tests/search_fold.rs runs this
  // under Node against the Rust side.
  function createFolder(table) {
    var apostrophes = new Set(Array.from(table.apostrophes));
    function fold(text) {
      var out = '';
      var previous = null;
      for (var c of text.toLowerCase()) {
        if (apostrophes.has(c)) continue;
        var latin;
        if ((previous === null || table.iotating.indexOf(previous) >= 0) &&
            table.iotated[c] !== undefined) {
          latin = table.iotated[c];
        } else {
          latin = table.cyrillic[c];
        }
        out += latin !== undefined ? latin : c;
        previous = LETTER.test(c) ? c : null;
      }
      return out.normalize('NFD').replace(/\p{M}/gu, '');
    }
    function tokens(text) {
      return fold(text).split(SPLIT).filter(function (t) { return t.length > 0; });
    }
    return { fold: fold, tokens: tokens };
  }

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

  if (typeof module === 'object' && module.exports) {
    module.exports = { createFolder: createFolder, pluralForm: pluralForm };
  }
  if (typeof document === 'undefined') return;

  var root = document.querySelector('.search[data-index]');
  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!root || !input || !list || !status) return;

  var MAX_RESULTS = 20;
  var FIELD_WEIGHT = [1, 3, 6]; // body, summary/keywords, title
  var index = null;
  var loading = null;

  function load() {
    if (!loading) {
      status.textContent = root.dataset.loading;
      loading = fetch(root.dataset.index)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          index = prepare(data);
          return index;
        })
        .catch(function () {
          status.textContent = root.dataset.failed;
          loading = null;
        });
    }
    return loading;
  }

  function prepare(data) {
    var words = Object.keys(data.words);
    var quoted = Array.from(data.fold.apostrophes).map(function (c) {
      return '\\u{' + c.codePointAt(0).toString(16) + '}';
    }).join('');
    return {
      docs: data.docs,
      chunkSize: data.chunk_size,
      chunks: new Map(),
      texts: new Map(),
      words: words,
      postings: data.words,
      stems: data.stems || {},
      decoded: new Map(),
      folder: createFolder(data.fold),
      wordPattern: new RegExp('[\\p{Alphabetic}\\p{N}\\p{M}' + quoted + ']+', 'gu')
    };
  }

  function tokens(text) {
    return index.folder.tokens(text);
  }

  function postings(i) {
    var cached = index.decoded.get(i);
    if (cached) return cached;
    var result = [];
    var value = 0;
    index.postings[index.words[i]].split(',').forEach(function (delta) {
      value += Number(delta);
      result.push([value >> 2, value & 3]);
    });
    index.decoded.set(i, result);
    return result;
  }

  // Word indexes a query token finds: words it starts (as you type), and
  // words whose stem it extends ("treaties" → treaty, "qozogistonda" → qozogiston).
  function matchingWords(token) {
    var found = [];
    for (var i = 0; i < index.words.length; i++) {
      var word = index.words[i];
      if (word.startsWith(token)) {
        found.push(i);
        continue;
      }
      var stem = index.stems[word] || word;
      if (stem.length >= 4 && token.startsWith(stem) && token.length - stem.length <= 4) {
        found.push(i);
      }
    }
    return found;
  }

  function search(query) {
    var queryTokens = tokens(query);
    if (queryTokens.length > 1) {
      queryTokens = queryTokens.filter(function (t) { return t.length > 1; });
    }
    if (queryTokens.length === 0 || queryTokens.join('').length < 2) return null;
    var scores = null;
    var hits = new Set();
    queryTokens.forEach(function (token) {
      var best = new Map();
      matchingWords(token).forEach(function (i) {
        hits.add(index.words[i]);
        var exact = index.words[i] === token ? 1 : 0;
        postings(i).forEach(function (p) {
          var score = FIELD_WEIGHT[p[1]] + exact;
          if ((best.get(p[0]) || 0) < score) best.set(p[0], score);
        });
      });
      if (scores === null) {
        scores = best;
      } else {
        var both = new Map();
        scores.forEach(function (score, doc) {
          if (best.has(doc)) both.set(doc, score + best.get(doc));
        });
        scores = both;
      }
    });
    var ranked = Array.from(scores.entries()).sort(function (a, b) {
      return b[1] - a[1] || a[0] - b[0];
    });
    return { docs: ranked.map(function (r) { return r[0]; }), hits: hits, tokens: queryTokens };
  }

  // Fetches the text files holding documents `numbers` (for snippets).
  function loadTexts(numbers) {
    var wanted = new Set(numbers.map(function (n) { return Math.floor(n / index.chunkSize); }));
    return Promise.all(Array.from(wanted).map(function (k) {
      if (!index.chunks.has(k)) {
        var url = new URL('text-' + k + '.json', new URL(root.dataset.index, window.location.href));
        index.chunks.set(k, fetch(url)
          .then(function (response) { return response.ok ? response.json() : []; })
          .catch(function () { return []; })
          .then(function (texts) { index.texts.set(k, texts); }));
      }
      return index.chunks.get(k);
    }));
  }

  function textOf(number) {
    var texts = index.texts.get(Math.floor(number / index.chunkSize)) || [];
    return texts[number % index.chunkSize] || '';
  }

  function isHit(word, result) {
    return tokens(word).some(function (t) {
      return result.hits.has(t) || result.tokens.some(function (q) { return t.startsWith(q); });
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // `text` as HTML with every matched word in <mark>.
  function highlight(text, result) {
    var out = '';
    var last = 0;
    text.replace(index.wordPattern, function (word, offset) {
      if (isHit(word, result)) {
        out += escapeHtml(text.slice(last, offset)) + '<mark>' + escapeHtml(word) + '</mark>';
        last = offset + word.length;
      }
      return word;
    });
    return out + escapeHtml(text.slice(last));
  }

  // About 200 characters of `text` around its first matched word.
  function snippet(text, result) {
    var first = -1;
    text.replace(index.wordPattern, function (word, offset) {
      if (first < 0 && isHit(word, result)) first = offset;
      return word;
    });
    var start = Math.max(0, first - 60);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + 200);
    if (end < text.length) {
      var cut = text.lastIndexOf(' ', end);
      end = cut > start ? cut : end;
    }
    return (start > 0 ? '…' : '') + highlight(text.slice(start, end), result) +
      (end < text.length ? '…' : '');
  }

  function show(result) {
    list.textContent = '';
    if (!result) {
      status.textContent = '';
      return;
    }
    var count = result.docs.length;
    status.textContent = count === 0
      ? root.dataset.noResults
      : pluralForm(JSON.parse(root.dataset.results), count, document.documentElement.lang)
        .replace('{count}', String(count));
    result.docs.slice(0, MAX_RESULTS).forEach(function (number) {
      var doc = index.docs[number];
      var item = document.createElement('li');
      var html = '<a href="' + escapeHtml(doc[0]) + '">' + highlight(doc[1], result) + '</a>';
      if (doc[2]) html += '<p class="search-meta">' + escapeHtml(doc[2]) + '</p>';
      var text = textOf(number);
      if (text) html += '<p class="search-snippet">' + snippet(text, result) + '</p>';
      item.innerHTML = html;
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value;
    var params = new URLSearchParams(window.location.search);
    if (query) params.set('q', query); else params.delete('q');
    var qs = params.toString();
    history.replaceState(null, '', window.location.pathname + (qs ? '?' + qs : ''));
    if (!query.trim()) {
      show(null);
      return;
    }
    load().then(function (ready) {
      if (!ready || input.value !== query) return;
      var result = search(query);
      var shown = result ? result.docs.slice(0, MAX_RESULTS) : [];
      loadTexts(shown).then(function () {
        if (input.value === query) show(result);
      });
    });
  }

  function links() {
    return Array.from(list.querySelectorAll('li > a'));
  }

  function clear() {
    input.value = '';
    run();
    input.focus();
  }

  input.addEventListener('input', run);
  input.addEventListener('keydown', function (event) {
    var all = links();
    if (event.key === 'ArrowDown' && all.length) {
      event.preventDefault();
      all[0].focus();
    } else if (event.key === 'Enter' && all.length) {
      event.preventDefault();
      window.location.href = all[0].href;
    } else if (event.key === 'Escape') {
      event.preventDefault();
      clear();
    }
  });
  list.addEventListener('keydown', function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (at === 0) input.focus(); else all[at - 1].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      clear();
    }
  });

  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run();
  }
})();
