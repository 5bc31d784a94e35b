// The site served under a sub-path, as GitHub Pages serves a project site
// (https://user.github.io/<repo>/): every internal link and anchor of every page
// must work there, and pages load without a failed request.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { serve, siteFiles, launch, watch, samplePages } = require("./helpers");

const PREFIX = "/briefings/";
let server;
before(async () => {
  server = await serve(undefined, PREFIX);
});
after(() => server.close());

/** href and src values of a page, entities decoded. */
function links(html) {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) =>
    m[1].replace(/&amp;/g, "&").replace(/&#x2F;/g, "/")
  );
}

test("every internal link and anchor works under /briefings/", async () => {
  const origin = new URL(server.base).origin;
  const cache = new Map();
  const fetchPage = async (url) => {
    if (!cache.has(url)) {
      const res = await fetch(url);
      cache.set(url, { status: res.status, body: await res.text() });
    }
    return cache.get(url);
  };
  const pages = siteFiles().filter((f) => f.endsWith(".html"));
  const broken = [];
  let checked = 0;
  for (const file of pages) {
    const pageUrl = server.base + file;
    const page = await fetchPage(pageUrl);
    assert.equal(page.status, 200, `${pageUrl} is served`);
    for (const link of links(page.body)) {
      if (/^(mailto:|data:|tel:)/.test(link)) continue;
      const target = new URL(link, pageUrl);
      if (target.origin !== origin) continue; // external sources, canonical links
      checked += 1;
      if (!target.pathname.startsWith(PREFIX)) {
        broken.push(`${file}: ${link} leaves the sub-path`);
        continue;
      }
      const bare = target.origin + target.pathname;
      const res = await fetchPage(bare);
      if (res.status !== 200) {
        broken.push(`${file}: ${link} -> HTTP ${res.status}`);
      } else if (target.hash.length > 1) {
        const id = decodeURIComponent(target.hash.slice(1));
        if (!res.body.includes(`id="${id}"`)) broken.push(`${file}: ${link} -> no anchor #${id}`);
      }
    }
  }
  assert.deepEqual(broken, [], `broken links under ${PREFIX}`);
  assert.ok(checked > pages.length * 5, `checked ${checked} links on ${pages.length} pages`);
  console.log(`# sub-path: ${checked} internal links on ${pages.length} pages all work under ${PREFIX}`);
});

test("pages under /briefings/ load their stylesheet, script and icon", async () => {
  const browser = await launch();
  const { briefing, actor } = samplePages();
  for (const file of ["index.html", briefing, actor, "timeline.html"]) {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.goto(server.base + file);
    await page.waitForLoadState("load");
    const styled = await page.evaluate(
      () => getComputedStyle(document.querySelector(".skip-link")).position === "absolute"
    );
    assert.ok(styled, `${file}: stylesheet applied`);
    assert.deepEqual(problems, [], file);
    await page.close();
  }
  await browser.close();
});
