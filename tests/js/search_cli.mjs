// Runs the site's own search.js against a built site's index, without a browser:
// `node search_cli.mjs <public folder> <query>...` prints one JSON answer per query.
// Used by tests/search.rs; the browser tests exercise the same code in Chromium.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";

const [publicDir, ...queries] = process.argv.slice(2);
globalThis.window = globalThis;
vm.runInThisContext(readFileSync(join(publicDir, "search.js"), "utf8"));
const S = globalThis.dossierSearch;
const requested = [];
// Instead of a <script> element: run the index file here; it calls dossierSearch.*.
S.inject = (name, fail) => {
  requested.push(name);
  try {
    vm.runInThisContext(readFileSync(join(publicDir, "search", name + ".js"), "utf8"));
  } catch (e) {
    fail(e);
  }
};
const answers = [];
for (const q of queries) {
  const before = requested.length;
  const answer = await S.search(q);
  answers.push({
    query: q,
    words: answer.words,
    total: answer.total,
    capped: answer.capped,
    complete: answer.complete,
    loaded: requested.slice(before),
    results: answer.results.map((r) => ({ kind: r.doc.k, title: r.doc.t, url: r.doc.u, date: r.doc.d || null, summary: r.doc.s || null, lang: r.doc.l || null, actors: r.actors })),
  });
}
process.stdout.write(JSON.stringify(answers));
