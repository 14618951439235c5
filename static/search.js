// Yilnoma search: search-as-you-type over one search index (the readers'
// search/ or the docs section's docs/search/). The page fetches the index's
// small manifest (index.json: folding tables, shard count) as it loads; a
// query then fetches, for each of its words, the one word shard the word's
// first two letters hash to (words-<n>.json), and the document chunks
// (docs-<k>.json: url, title, meta and snippet text) of the results shown
// (ten; the "More results" button shows ten more, fetching their chunks
// then): the top result's chunk first, then the others; results appear in
// rank order as their chunks arrive, each built once. The layout is
// src/model/search_shards.rs. Queries are folded with the tables the index
// carries (src/model/fold.rs is the one source of truth), so apostrophe
// variants, case, diacritics and Uzbek Cyrillic match the way the Rust side
// indexed the text. Keyboard: ArrowDown/ArrowUp move through the results,
// Enter opens one, Escape clears; "More results" is a button (Tab reaches
// it) that moves the focus to the first new result. Without JavaScript the page shows its
// <noscript> message instead.
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

  // The shard of a folded word or query token: FNV-1a (32 bits) over its
  // first two code points, modulo the shard count, as shard_of in
  // src/model/search_shards.rs (tests/search_fold.rs compares them).
  function shardOf(word, shards) {
    var hash = 0x811c9dc5;
    var taken = 0;
    for (var c of word) {
      if (taken++ === 2) break;
      hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0;
    }
    return hash % Math.max(1, shards);
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { createFolder: createFolder, pluralForm: pluralForm, shardOf: shardOf };
  }
  if (typeof document === 'undefined') return;

  var root = document.querySelector('.search[data-index]');
  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var more = document.getElementById('search-more');
  if (!root || !input || !list || !status) return;

  // Results shown at first, and added by each press of the "More results"
  // button: each shown result may need a chunk of its own, so the first
  // query downloads the chunks of ten (issue 17: at most 150 KB). A theme
  // whose search page has no button shows twenty.
  var PAGE = more ? 10 : 20;
  var FIELD_WEIGHT = [1, 3, 6]; // body, summary/keywords, title
  var index = null;
  var loading = null;

  // A file of the index's folder, fetched once; a failed fetch is retried
  // on the next keystroke.
  function fetchJson(name, cache) {
    if (!cache.has(name)) {
      var url = new URL(name, new URL(root.dataset.index, window.location.href));
      cache.set(name, fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).catch(function (error) {
        cache.delete(name);
        throw error;
      }));
    }
    return cache.get(name);
  }

  // The manifest (folding tables, shard count) is small: it is fetched as
  // the page loads, so the first query waits only for its own files.
  function load() {
    if (!loading) {
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
          loading = null;
          return null;
        });
    }
    return loading;
  }

  function prepare(data) {
    var quoted = Array.from(data.fold.apostrophes).map(function (c) {
      return '\\u{' + c.codePointAt(0).toString(16) + '}';
    }).join('');
    return {
      documents: data.documents,
      events: data.events || 0,
      shards: data.shards,
      chunkSize: data.chunk_size,
      files: new Map(),
      shardData: new Map(),
      chunks: new Map(),
      folder: createFolder(data.fold),
      wordPattern: new RegExp('[\\p{Alphabetic}\\p{N}\\p{M}' + quoted + ']+', 'gu')
    };
  }

  function tokens(text) {
    return index.folder.tokens(text);
  }

  // The query's words worth looking up: every one of two letters or more
  // (the index holds no shorter word; a shard is keyed by two letters).
  function queryTokens(query) {
    return tokens(query).filter(function (t) { return Array.from(t).length > 1; });
  }

  // Fetches the shards of `words` (once each); resolves when all are in.
  function loadShards(words) {
    var wanted = new Set(words.map(function (t) { return shardOf(t, index.shards); }));
    return Promise.all(Array.from(wanted).map(function (n) {
      return fetchJson('words-' + n + '.json', index.files).then(function (data) {
        if (!index.shardData.has(n)) {
          index.shardData.set(n, {
            words: Object.keys(data.words),
            postings: data.words,
            stems: data.stems || {}
          });
        }
      });
    }));
  }

  // Raises `best[document]` to the score of each posting of `word` in
  // `shard` (its field's weight, plus one when the word is the query word
  // itself). Postings are `<gaps>;<fields>` (src/render/files/postings.rs):
  // per document, the gap since the one after the previous document, one
  // base-36 digit or `z`, base 36 and `.`; then each one's field digit.
  // Read in one loop: a shard of a 10,000-event site holds hundreds of
  // thousands of them, and a phone reads them while the reader waits.
  function scorePostings(shard, word, best, exact) {
    var text = shard.postings[word];
    var end = text.indexOf(';');
    var field = end + 1;
    var doc = -1;
    for (var k = 0; k < end; k++) {
      var c = text.charCodeAt(k);
      var gap = 0;
      if (c === 122) { // 'z': a long gap, up to '.'
        while (++k < end && (c = text.charCodeAt(k)) !== 46) gap = gap * 36 + (c < 58 ? c - 48 : c - 87);
      } else {
        gap = c < 58 ? c - 48 : c - 87;
      }
      doc += gap + 1;
      var score = FIELD_WEIGHT[text.charCodeAt(field++) - 48] + exact;
      if (best[doc] < score) best[doc] = score;
    }
  }

  // Word indexes (in the token's shard) a query token finds: words it starts
  // (as you type), and words whose stem it extends ("treaties" → treaty,
  // "qozogistonda" → qozogiston).
  function matchingWords(token, shard) {
    var found = [];
    for (var i = 0; i < shard.words.length; i++) {
      var word = shard.words[i];
      if (word.startsWith(token)) {
        found.push(i);
        continue;
      }
      var stem = shard.stems[word] || word;
      if (stem.length >= 4 && token.startsWith(stem) && token.length - stem.length <= 4) {
        found.push(i);
      }
    }
    return found;
  }

  // Ranks the documents holding every token; the shards must be loaded.
  // Scores live in typed arrays, one slot per document.
  function search(words) {
    var total = null;
    var hits = new Set();
    words.forEach(function (token) {
      var shard = index.shardData.get(shardOf(token, index.shards));
      var best = new Uint8Array(index.documents);
      matchingWords(token, shard).forEach(function (i) {
        var word = shard.words[i];
        hits.add(word);
        scorePostings(shard, word, best, word === token ? 1 : 0);
      });
      if (total === null) {
        total = Uint16Array.from(best);
      } else {
        for (var doc = 0; doc < total.length; doc++) {
          total[doc] = total[doc] && best[doc] ? total[doc] + best[doc] : 0;
        }
      }
    });
    return { docs: ranked(total), hits: hits, tokens: words, words: new Map(), status: '' };
  }

  // The documents with a score, best first and, among equals, the newest
  // event first, then the pages: documents are numbered pages first, then
  // events oldest first (the last `index.events`), so events are read from
  // the end. One pass into a bucket per score (scores are small integers),
  // no comparison sort over thousands of matches on a slow phone.
  function ranked(total) {
    var buckets = [];
    var pages = total.length - index.events;
    function add(doc) {
      var score = total[doc];
      if (score) (buckets[score] || (buckets[score] = [])).push(doc);
    }
    for (var doc = total.length - 1; doc >= pages; doc--) add(doc);
    for (doc = 0; doc < pages; doc++) add(doc);
    var found = [];
    for (var s = buckets.length - 1; s > 0; s--) {
      if (buckets[s]) found = found.concat(buckets[s]);
    }
    return found;
  }

  // Fetches the chunks holding documents `numbers` (url, title, meta, text),
  // best first: the top result's chunk alone, then the others together.
  // Twenty responses arriving at once keep a slow phone's main thread busy
  // long enough to delay the first result by about as much again (measured
  // at 4× CPU throttling, bench/search_first_query.mjs); one response first
  // shows it after the shard and one chunk. `arrived` is called as each
  // chunk comes in, so results show as they can.
  function loadDocs(numbers, arrived) {
    var wanted = Array.from(new Set(numbers.map(function (n) {
      return Math.floor(n / index.chunkSize);
    })));
    function chunk(k) {
      return fetchJson('docs-' + k + '.json', index.files).then(function (docs) {
        index.chunks.set(k, docs);
        arrived();
      });
    }
    return chunk(wanted[0]).then(function () {
      return Promise.all(wanted.slice(1).map(chunk));
    });
  }

  // [url, title, meta, text] of document `number`, once its chunk is in.
  function docOf(number) {
    var docs = index.chunks.get(Math.floor(number / index.chunkSize)) || [];
    return docs[number % index.chunkSize] || null;
  }

  // Whether a word of a title or snippet matched the query; each distinct
  // word is folded once per query (snippets repeat the same few words).
  function isHit(word, result) {
    var known = result.words.get(word);
    if (known === undefined) {
      known = tokens(word).some(function (t) {
        return result.hits.has(t) || result.tokens.some(function (q) { return t.startsWith(q); });
      });
      result.words.set(word, known);
    }
    return known;
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
    var pattern = new RegExp(index.wordPattern.source, 'gu');
    for (var match; first < 0 && (match = pattern.exec(text)) !== null;) {
      if (isHit(match[0], result)) first = match.index;
    }
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

  // "12 results" in the page's language, or its no-results text. Made
  // while the chunks are on their way: the plural rules cost a throttled
  // phone a few milliseconds.
  function resultsText(count) {
    return count === 0
      ? root.dataset.noResults
      : pluralForm(JSON.parse(root.dataset.results), count, document.documentElement.lang)
        .replace('{count}', String(count));
  }

  // The result shown, how many of its items are in the list, how many are
  // wanted (a page more with each press of "More results"), and the item to
  // focus once it is in (the first of the ones asked for by the button).
  var shown = null;
  var shownItems = 0;
  var wanted = PAGE;
  var focusAt = -1;

  // Shows `result` (null: none): its count, then its items in rank order up
  // to the first one whose chunk is still coming. Called again as chunks
  // arrive, it appends only the items not yet shown, so each result is
  // built once however many chunks come in.
  function show(result) {
    if (result !== shown) {
      list.textContent = '';
      shown = result;
      shownItems = 0;
      wanted = PAGE;
      focusAt = -1;
      if (more) more.hidden = true;
      if (!result) {
        status.textContent = '';
        return;
      }
      status.textContent = result.status;
    }
    if (!result) return;
    var items = document.createDocumentFragment();
    var top = result.docs.slice(0, wanted);
    for (var doc; shownItems < top.length && (doc = docOf(top[shownItems])); shownItems++) {
      var item = document.createElement('li');
      var html = '<a href="' + escapeHtml(doc[0]) + '">' + highlight(doc[1], result) + '</a>';
      if (doc[2]) html += '<p class="search-meta">' + escapeHtml(doc[2]) + '</p>';
      if (doc[3]) html += '<p class="search-snippet">' + snippet(doc[3], result) + '</p>';
      item.innerHTML = html;
      items.appendChild(item);
    }
    list.appendChild(items);
    if (focusAt >= 0 && focusAt < shownItems) {
      list.children[focusAt].querySelector('a').focus();
      focusAt = -1;
    }
    // The button shows once the results asked for are all in, while more
    // are left.
    if (more) more.hidden = !(shownItems === top.length && result.docs.length > top.length);
  }

  // "More results": the next page of the shown result, its chunks fetched
  // now; the first new result takes the focus, so a keyboard or screen
  // reader user goes on reading where the new results start.
  function showMore() {
    var result = shown;
    if (!result || shownItems < wanted) return;
    focusAt = shownItems;
    wanted += PAGE;
    more.hidden = true;
    loadDocs(result.docs.slice(focusAt, wanted), function () {
      if (shown === result) show(result);
    }).catch(function () {
      if (shown === result) status.textContent = root.dataset.failed;
    });
  }

  // Puts the query in the address bar (?q=), so a reload or a shared link
  // searches again.
  function remember(query) {
    var params = new URLSearchParams(window.location.search);
    if (query) params.set('q', query); else params.delete('q');
    var qs = params.toString();
    history.replaceState(null, '', window.location.pathname + (qs ? '?' + qs : ''));
  }

  function run() {
    var query = input.value;
    if (!query.trim()) {
      remember(query);
      show(null);
      return;
    }
    if (!index) status.textContent = root.dataset.loading;
    load().then(function (ready) {
      if (input.value !== query) return;
      if (!ready) {
        remember(query);
        status.textContent = root.dataset.failed;
        return;
      }
      var words = queryTokens(query);
      // The shards are asked for before the address bar changes: the
      // first query waits for them, not for the history entry.
      var lookup = words.length ? loadShards(words) : null;
      remember(query);
      if (!lookup) {
        show(null);
        return;
      }
      lookup
        .then(function () {
          if (input.value !== query) return null;
          var result = search(words);
          var top = result.docs.slice(0, PAGE);
          if (top.length === 0) {
            result.status = resultsText(0);
            show(result);
            return null;
          }
          var chunks = loadDocs(top, function () {
            if (input.value === query) show(result);
          });
          result.status = resultsText(result.docs.length);
          return chunks;
        })
        .catch(function () {
          if (input.value === query) status.textContent = root.dataset.failed;
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
  if (more) more.addEventListener('click', showMore);
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

  load();
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run();
  }
})();
