// axe-core in headless Chromium on the pages readers use most, in light and dark
// mode (contrast AA is one of its rules), and the keyboard path through the skip link.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { samplePages, axeFindings, siteDir, session } = require("./helpers");

const env = session();

const { briefing, actor } = samplePages();
const PAGES = { home: "index.html", briefing, actor, timeline: "timeline.html" };
if (fs.existsSync(path.join(siteDir(), "search.html"))) PAGES.search = "search.html?q=Zelensky";

for (const scheme of ["light", "dark"]) {
  for (const [name, file] of Object.entries(PAGES)) {
    test(`axe: no serious or critical findings on the ${name} page (${scheme})`, async () => {
      const context = await env.browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(env.server.base + file);
      await page.waitForLoadState("networkidle");
      const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
      assert.equal(dark, scheme === "dark", "colour scheme emulated");
      const findings = await axeFindings(page);
      assert.deepEqual(findings, [], `${file} (${scheme}):\n${findings.join("\n")}`);
      await context.close();
    });
  }
}

test("Tab reaches the skip link first; Enter moves focus to the main content", async () => {
  for (const file of Object.values(PAGES)) {
    const page = await env.browser.newPage();
    await page.goto(env.server.base + file);
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({
      cls: document.activeElement.className,
      top: document.activeElement.getBoundingClientRect().top,
    }));
    assert.equal(first.cls, "skip-link", `${file}: first Tab stop`);
    assert.ok(first.top >= 0, `${file}: the focused skip link is on screen`);
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.equal(focused, "main", `${file}: focus after Enter`);
    // The next Tab continues inside the main content, not back in the header.
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => !!document.activeElement.closest("main"));
    assert.ok(inMain, `${file}: Tab after the skip link stays in main`);
    await page.close();
  }
});

test("focused links are visibly marked", async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.base + "index.html");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { bg: s.backgroundColor, shadow: s.boxShadow, outline: s.outlineStyle };
  });
  assert.ok(
    style.bg !== "rgba(0, 0, 0, 0)" || style.shadow !== "none" || style.outline !== "none",
    `focus style: ${JSON.stringify(style)}`
  );
  await page.close();
});
