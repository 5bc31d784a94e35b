// Search as a reader uses it: type an alias into the search box of any page and
// find the actor and the briefings, over HTTP and from disk, without errors.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { fileBase, watch, siteDir, session } = require("./helpers");

const hasSearch = fs.existsSync(path.join(siteDir(), "search.html"));
const skip = hasSearch ? false : "the site has no search page";

const env = session();

/** Links in the result list, as site-relative paths. */
async function resultLinks(page) {
  return page.$$eval("#search-results a", (links) =>
    links.map((a) => a.getAttribute("href").replace(/^(\.\.\/)+/, ""))
  );
}

for (const [transport, baseOf] of [
  ["http", () => env.server.base],
  ["file", () => fileBase()],
]) {
  test(`${transport}: "Zelensky" in the search box finds Selenskyj and the briefing`, { skip }, async () => {
    const page = await env.browser.newPage();
    const problems = watch(page);
    await page.goto(baseOf() + "index.html");
    await page.fill("header input[type=search]", "Zelensky");
    await page.press("header input[type=search]", "Enter");
    await page.waitForURL(/search\.html\?q=Zelensky/);
    await page.waitForSelector("#search-results a[href*='actors/selenskyj.html']");
    const links = await resultLinks(page);
    assert.ok(links.some((l) => l.startsWith("actors/selenskyj.html")), links.join("\n"));
    assert.ok(links.some((l) => /^briefings\/.+\.html/.test(l)), `a briefing among ${links.join(", ")}`);
    // The result leads to the actor's page.
    await page.click("#search-results a[href*='actors/selenskyj.html']");
    await page.waitForURL(/actors\/selenskyj\.html/);
    assert.match(await page.locator("main h1").textContent(), /Selenskyj/);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("the search page searches as you type, aliases and umlauts alike", { skip }, async () => {
  const page = await env.browser.newPage();
  const problems = watch(page);
  await page.goto(env.server.base + "search.html");
  const found = {};
  for (const query of ["Selenskyj", "Zelenskyy", "zelen", "Gespräche", "Gespraeche"]) {
    await page.fill("#search-q", "");
    await page.type("#search-q", query);
    await page.waitForFunction(
      () => document.querySelectorAll("#search-results li").length > 0
    );
    found[query] = (await resultLinks(page)).sort();
  }
  assert.ok(found.Selenskyj.some((l) => l.startsWith("actors/selenskyj.html")));
  assert.deepEqual(found.Zelenskyy, found.Selenskyj, "aliases give the same results");
  assert.ok(found.zelen.some((l) => l.startsWith("actors/selenskyj.html")), "prefix match");
  assert.deepEqual(found.Gespraeche, found["Gespräche"], "umlaut and transliteration agree");
  assert.deepEqual(problems, []);
  await page.close();
});
