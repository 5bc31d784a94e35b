// A reader clicks from the home page to a briefing, an actor and the timeline, over
// a loopback HTTP server and from disk (file://), and sees no errors on the way.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { fileBase, watch, session } = require("./helpers");

const env = session();

/** Opens the home page, follows one link chosen by `selector`, and checks the result. */
async function clickFromHome(base, selector, expectPath) {
  const page = await env.browser.newPage();
  const problems = watch(page);
  await page.goto(base + "index.html");
  await page.locator(selector).first().click();
  await page.waitForURL(expectPath);
  const h1 = (await page.locator("main h1").first().textContent()).trim();
  assert.ok(h1.length > 0, "the page has a heading");
  const stylesheetApplied = await page.evaluate(
    () => getComputedStyle(document.querySelector(".skip-link")).position === "absolute"
  );
  assert.ok(stylesheetApplied, "the stylesheet loaded");
  assert.deepEqual(problems, [], `problems on ${page.url()}`);
  await page.close();
  return h1;
}

for (const [transport, baseOf] of [
  ["http", () => env.server.base],
  ["file", () => fileBase()],
]) {
  test(`${transport}: home page to a briefing`, async () => {
    const h1 = await clickFromHome(baseOf(), ".briefing-card h3 a", /\/briefings\/.+\.html$/);
    assert.notEqual(h1, "");
  });

  test(`${transport}: home page to an actor`, async () => {
    await clickFromHome(baseOf(), "main .chip[href^='actors/']", /\/actors\/.+\.html$/);
  });

  test(`${transport}: home page to the timeline, with its script running`, async () => {
    const page = await env.browser.newPage();
    const problems = watch(page);
    await page.goto(baseOf() + "index.html");
    await page.locator("header nav a[href$='timeline.html']").click();
    await page.waitForURL(/timeline\.html$/);
    await page.locator(".timeline-svg").waitFor();
    assert.ok(await page.locator("#timeline-filter").isVisible(), "filters shown when JS runs");
    assert.deepEqual(problems, []);
    await page.close();
  });
}
