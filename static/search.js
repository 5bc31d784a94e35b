/* dossier search: finds briefings, actors and events in the index the build wrote to
   search/. No dependencies. The index files are scripts that call dossierSearch.*, so
   search works on any static host and from file://. Query terms are normalised as the
   build normalises index terms (src/outputs/search.rs): lowercase, umlauts spelt out
   (ä -> ae, ß -> ss), accents dropped, words of at least two letters; each word matches
   index terms it begins (prefix search), and every word must match, except a word of a
   capped term (the index lists only its best documents): it only orders the results. */
(function () {
  "use strict";
  var S = (window.dossierSearch = window.dossierSearch || {});
  var MIN = 2;
  var LIMIT = 50;
  var SPELL = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe",
    "œ": "oe", "ł": "l", "đ": "d", "ı": "i" };

  S.root = "";
  var waiting = {};
  var loaded = {};

  function arrived(name, value) {
    var done = waiting[name];
    delete waiting[name];
    if (done) { done(value); }
  }
  S.init = function (manifest) { arrived("index", manifest); };
  S.shard = function (key, terms, capped) {
    arrived("t/" + key, { terms: terms, capped: capped || {} });
  };
  S.docs = function (n, docs) { arrived("d/" + n, docs); };

  /* Asks for one index file; it answers by calling one of the functions above. */
  S.inject = function (name, fail) {
    var script = document.createElement("script");
    script.src = S.root + "search/" + name + ".js";
    script.async = true;
    script.onerror = fail;
    document.head.appendChild(script);
  };

  function load(name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        S.inject(name, function () {
          delete loaded[name];
          reject(new Error("cannot load search/" + name + ".js"));
        });
      });
    }
    return loaded[name];
  }

  S.normalise = function (text) {
    var spelt = String(text).normalize("NFC").toLowerCase()
      .replace(/[äöüßæøœłđı]/g, function (c) { return SPELL[c]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    var words = spelt.split(/[^a-z0-9]+/);
    var seen = {};
    return words.filter(function (w) {
      if (w.length < MIN || seen[w]) { return false; }
      seen[w] = true;
      return true;
    });
  };

  function kindOf(manifest, id) {
    var found = "";
    Object.keys(manifest.kinds).forEach(function (k) {
      var range = manifest.kinds[k];
      if (id >= range[0] && id < range[0] + range[1]) { found = k; }
    });
    return found;
  }

  /* Documents matching one word: doc id -> weight (an exact term counts double), and
     whether it matched a capped term. */
  function matches(shard, word) {
    var hits = {};
    var capped = false;
    var terms = (shard && shard.terms) || {};
    Object.keys(terms).forEach(function (term) {
      if (term.lastIndexOf(word, 0) !== 0) { return; }
      if (shard.capped[term]) { capped = true; }
      var postings = terms[term];
      for (var i = 0; i < postings.length; i += 2) {
        var w = term === word ? postings[i + 1] * 2 : postings[i + 1];
        if (!(hits[postings[i]] >= w)) { hits[postings[i]] = w; }
      }
    });
    return { hits: hits, capped: capped };
  }

  /* The documents of a search, best first: those every uncapped word finds (or, when
     all words are capped, any word finds), by how many words find them, then by score. */
  function rank(perWord) {
    var narrowing = perWord.filter(function (m) { return !m.capped; });
    var candidates = {};
    (narrowing.length ? [narrowing[0]] : perWord).forEach(function (m) {
      Object.keys(m.hits).forEach(function (id) { candidates[id] = true; });
    });
    var ranked = [];
    Object.keys(candidates).forEach(function (id) {
      if (!narrowing.every(function (m) { return id in m.hits; })) { return; }
      var found = 0;
      var score = 0;
      perWord.forEach(function (m) {
        if (id in m.hits) { found += 1; score += m.hits[id]; }
      });
      ranked.push({ id: +id, found: found, score: score });
    });
    ranked.sort(function (a, b) {
      return b.found - a.found || b.score - a.score || a.id - b.id;
    });
    return ranked;
  }

  /* Resolves to {words, total, results: [{doc, id, score, actors}], capped, complete}:
     results best first; capped words; complete is false when all words are capped. */
  S.search = function (query) {
    var words = S.normalise(query);
    if (!words.length) {
      return Promise.resolve({ words: words, total: 0, results: [], capped: [], complete: true });
    }
    return load("index").then(function (manifest) {
      var shards = words.map(function (w) {
        var key = w.slice(0, MIN);
        return manifest.shards.indexOf(key) >= 0 ? load("t/" + key) : Promise.resolve(null);
      });
      return Promise.all(shards).then(function (found) {
        var perWord = words.map(function (w, n) { return matches(found[n], w); });
        var actorHits = {};
        perWord.forEach(function (m) {
          Object.keys(m.hits).forEach(function (id) {
            if (kindOf(manifest, +id) === "a") { actorHits[id] = true; }
          });
        });
        var ranked = rank(perWord);
        var capped = words.filter(function (w, n) { return perWord[n].capped; });
        var shown = ranked.slice(0, LIMIT);
        var chunks = {};
        shown.forEach(function (r) { chunks[Math.floor(r.id / manifest.chunk)] = true; });
        var names = Object.keys(chunks);
        return Promise.all(names.map(function (n) { return load("d/" + n); })).then(function (lists) {
          var byChunk = {};
          names.forEach(function (n, i) { byChunk[n] = lists[i]; });
          var results = shown.map(function (r) {
            var doc = byChunk[Math.floor(r.id / manifest.chunk)][r.id % manifest.chunk];
            var actors = (doc.a || []).filter(function (a) { return actorHits[a[1]]; })
              .map(function (a) { return a[0]; });
            return { id: r.id, score: r.score, doc: doc, actors: actors };
          });
          return {
            words: words, total: ranked.length, results: results,
            capped: capped, complete: capped.length < words.length
          };
        });
      });
    });
  };

  /* The search page: reads ?q=, searches as you type, shows the results. */
  function page() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!form || !input || !list || !status) { return; }
    var text = list.dataset;
    S.root = text.root || "";
    var latest = 0;

    function el(tag, cls, content) {
      var node = document.createElement(tag);
      if (cls) { node.className = cls; }
      if (content) { node.textContent = content; }
      return node;
    }

    /* The words as the reader typed them ("Gespräche", not "gespraeche"). */
    function typed(query, words) {
      var token = {};
      query.split(/\s+/).forEach(function (t) {
        S.normalise(t).forEach(function (w) { token[w] = token[w] || t; });
      });
      var seen = {};
      return words.map(function (w) { return token[w] || w; }).filter(function (t) {
        return seen[t] ? false : (seen[t] = true);
      }).join(", ");
    }

    function show(query, answer) {
      list.textContent = "";
      if (!answer.words.length) {
        status.textContent = query.trim() ? text.short : "";
        return;
      }
      if (!answer.complete) {
        status.textContent = text.many;
      } else {
        var note = answer.capped.length ? text.common + " " + typed(query, answer.capped) : "";
        status.textContent = answer.total ?
          answer.total + " " + text.count + (note && ". " + note) : text.none + (note && " " + note);
      }
      answer.results.forEach(function (r) {
        var item = el("li", "search-result");
        if (r.doc.l) { item.lang = r.doc.l; }
        var head = el("p", "search-result-head");
        var link = el("a", "", r.doc.t);
        link.href = S.root + r.doc.u;
        head.appendChild(link);
        head.appendChild(document.createTextNode(" "));
        head.appendChild(el("span", "kind", text["kind" + r.doc.k.toUpperCase()]));
        item.appendChild(head);
        if (r.doc.d) {
          var time = el("time", "", r.doc.d);
          time.setAttribute("datetime", r.doc.i);
          var when = el("p", "search-result-date");
          when.appendChild(time);
          item.appendChild(when);
        }
        if (r.doc.s) { item.appendChild(el("p", "search-result-summary", r.doc.s)); }
        if (r.actors.length) {
          item.appendChild(el("p", "search-result-actors", text.actors + ": " + r.actors.join(", ")));
        }
        list.appendChild(item);
      });
    }

    function run() {
      var query = input.value;
      var mine = ++latest;
      try {
        var address = new URL(window.location.href);
        address.searchParams.set("q", query);
        window.history.replaceState(null, "", address.href);
      } catch (e) { /* file:// pages may not rewrite their address; the search still runs */ }
      S.search(query).then(function (answer) {
        if (mine === latest) { show(query, answer); }
      }, function () {
        if (mine === latest) { status.textContent = text.error; }
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      input.value = q;
      run();
    }
  }

  if (typeof document !== "undefined") { page(); }
})();
