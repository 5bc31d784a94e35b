// A briefing printed: no navigation, link addresses written out, and a real PDF.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { samplePages, session } = require("./helpers");

const env = session();

test("a printed briefing hides navigation and shows link URLs", async () => {
  const { briefing } = samplePages();
  const page = await env.browser.newPage();
  await page.goto(env.server.base + briefing);
  const display = (selector) =>
    page.evaluate((s) => {
      const el = document.querySelector(s);
      return el ? getComputedStyle(el).display : "missing";
    }, selector);
  assert.notEqual(await display(".site-header nav"), "none", "navigation on screen");
  await page.emulateMedia({ media: "print" });
  for (const selector of [".site-header nav", ".skip-link", ".site-footer"]) {
    assert.equal(await display(selector), "none", `${selector} hidden in print`);
  }
  const links = await page.evaluate(() =>
    [...document.querySelectorAll("main a[href^='http']")].map((a) => ({
      href: a.getAttribute("href"),
      after: getComputedStyle(a, "::after").content,
    }))
  );
  assert.ok(links.length > 0, "the briefing cites web sources");
  for (const l of links) {
    assert.ok(l.after.includes(l.href), `URL of ${l.href} printed: ${l.after}`);
  }
  // Links to other pages of the site print their address too.
  const internal = await page.evaluate(() => {
    const a = document.querySelector("main .sources a[href$='.html'], main .event-briefings a, main a[href*='seeds/']");
    return a && { href: a.getAttribute("href"), after: getComputedStyle(a, "::after").content };
  });
  assert.ok(internal && internal.after.includes(internal.href), JSON.stringify(internal));
  const pdf = await page.pdf({ format: "A4" });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  console.log(`# print: ${links.length} external link URLs shown, PDF of ${pdf.length} bytes`);
  await page.close();
});
