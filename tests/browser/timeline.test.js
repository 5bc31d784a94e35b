// The SVG timeline on a 390-pixel phone screen, its contrast in light and dark mode,
// and the filters with and without JavaScript.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { watch, samplePages, session } = require("./helpers");

const env = session();

const PHONE = { width: 390, height: 844 };

test("at 390 px the timeline fits, shows Feb 2022 and Apr 2025, and no labels overlap", async () => {
  const page = await env.browser.newPage({ viewport: PHONE });
  const problems = watch(page);
  await page.goto(env.server.base + "timeline.html");
  const shot = path.join(os.tmpdir(), "dossier-timeline-390.png");
  await page.locator(".timeline-figure").screenshot({ path: shot });
  assert.ok(fs.statSync(shot).size > 5000, "screenshot taken");
  const m = await page.evaluate(() => {
    const svg = document.querySelector(".timeline-svg");
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, h: r.height };
    });
    return {
      svg: { left: box.left, right: box.right, width: box.width, height: box.height },
      viewport: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      texts,
      labels: texts.filter((t, i) => svg.querySelectorAll("text")[i].classList.contains("tl-label")),
    };
  });
  assert.ok(m.svg.left >= 0 && m.svg.right <= m.viewport, `SVG inside the screen: ${JSON.stringify(m.svg)}`);
  assert.ok(m.svg.width >= 300, `SVG uses the width: ${m.svg.width}px`);
  assert.ok(m.scrollWidth <= m.viewport, `no horizontal scrolling: ${m.scrollWidth}px > ${m.viewport}px`);
  for (const wanted of ["Feb 2022", "Apr 2025"]) {
    const label = m.texts.find((t) => t.text === wanted);
    assert.ok(label, `a label "${wanted}" in the SVG`);
    assert.ok(label.left >= 0 && label.right <= m.viewport, `"${wanted}" on screen`);
    assert.ok(label.h >= 10, `"${wanted}" legible: ${label.h}px tall`);
  }
  assert.ok(m.labels.length > 0);
  for (const l of m.labels) {
    assert.ok(l.right <= m.svg.right + 1, `label "${l.text}" not cut off at the right edge`);
    assert.ok(l.h >= 11, `label "${l.text}" is ${l.h}px tall`);
  }
  const overlaps = [];
  for (let i = 0; i < m.labels.length; i += 1) {
    for (let j = i + 1; j < m.labels.length; j += 1) {
      const a = m.labels[i];
      const b = m.labels[j];
      const v = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      const h = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      if (v > 1 && h > 1) overlaps.push(`"${a.text}" / "${b.text}"`);
    }
  }
  assert.deepEqual(overlaps, [], "overlapping labels");
  assert.match(
    (await page.locator(".tl-gap").allTextContents()).join(" "),
    /komprimiert|compressed/,
    "the compressed stretch is labelled"
  );
  assert.deepEqual(problems, []);
  console.log(`# timeline at 390 px: SVG ${Math.round(m.svg.width)}x${Math.round(m.svg.height)} px, ${m.labels.length} labels, screenshot ${shot}`);
  await page.close();
});

test("no page scrolls sideways at 390 px", async () => {
  const { briefing, actor } = samplePages();
  const page = await env.browser.newPage({ viewport: PHONE });
  for (const file of ["index.html", briefing, actor, "timeline.html", "actors/index.html"]) {
    await page.goto(env.server.base + file);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= PHONE.width, `${file} is ${w}px wide`);
  }
  await page.close();
});

/** WCAG contrast ratio of two "rgb(r, g, b)" colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// axe cannot work out the background of SVG text (it reports it as "incomplete"),
// so the drawing's text contrast is checked here against the page background.
for (const scheme of ["light", "dark"]) {
  test(`SVG text has AA contrast in ${scheme} mode`, async () => {
    const context = await env.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(env.server.base + "timeline.html");
    const found = await page.evaluate(() => {
      const bg = getComputedStyle(document.body).backgroundColor;
      return [...document.querySelectorAll(".timeline-svg text, .timeline-legend li")].map((t) => ({
        text: t.textContent.trim().slice(0, 30),
        color: t.tagName === "text" ? getComputedStyle(t).fill : getComputedStyle(t).color,
        bg,
      }));
    });
    assert.ok(found.length > 10);
    const low = found
      .map((f) => ({ ...f, ratio: contrast(f.color, f.bg) }))
      .filter((f) => f.ratio < 4.5)
      .map((f) => `${f.text}: ${f.ratio.toFixed(2)} (${f.color} on ${f.bg})`);
    assert.deepEqual(low, [], "text below 4.5:1");
    await context.close();
  });
}

test("filters narrow the list and the drawing; a query string preselects", async () => {
  const page = await env.browser.newPage();
  const problems = watch(page);
  await page.goto(env.server.base + "timeline.html");
  const total = await page.locator("#timeline-list li.event").count();
  const actor = await page.locator("#filter-actor option").nth(1).getAttribute("value");
  await page.selectOption("#filter-actor", actor);
  const expected = await page.locator(`#timeline-list li.event[data-actors~="${actor}"]`).count();
  const visible = await page.locator("#timeline-list li.event:visible").count();
  assert.equal(visible, expected, `events of ${actor}`);
  assert.ok(visible > 0 && visible < total, `${visible} of ${total}`);
  assert.equal(await page.locator(".timeline-svg a.tl-dim").count(), total - visible);
  assert.match(await page.locator("#timeline-filter-status").textContent(), new RegExp(`${visible} / ${total}`));
  // Years without a matching event lose their heading too.
  for (const section of await page.locator("#timeline-list section").all()) {
    const shown = await section.locator("li.event:visible").count();
    assert.equal(await section.isVisible(), shown > 0);
  }
  const kind = await page.locator("#filter-kind option").nth(1).getAttribute("value");
  await page.selectOption("#filter-kind", kind);
  const both = await page
    .locator(`#timeline-list li.event[data-actors~="${actor}"][data-kind="${kind}"]`)
    .count();
  assert.equal(await page.locator("#timeline-list li.event:visible").count(), both);
  await page.click("#timeline-filter button[type=reset]");
  await page.waitForFunction((n) => document.querySelectorAll("#timeline-list li.event:not([hidden])").length === n, total);
  const year = await page.locator("#filter-year option").last().getAttribute("value");
  await page.goto(`${env.server.base}timeline.html?year=${year}`);
  assert.equal(await page.inputValue("#filter-year"), year);
  assert.equal(
    await page.locator("#timeline-list li.event:visible").count(),
    await page.locator(`#timeline-list li.event[data-year="${year}"]`).count()
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("without JavaScript the filters stay hidden and every event shows", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.server.base + "timeline.html");
  assert.equal(await page.locator("#timeline-filter").isVisible(), false);
  const total = await page.locator("#timeline-list li.event").count();
  assert.equal(await page.locator("#timeline-list li.event:visible").count(), total);
  assert.equal(await page.locator(".timeline-svg a").count(), total, "one mark per event");
  // A mark is a plain link to its event in the list.
  const mark = page.locator(".timeline-svg a").first();
  const href = await mark.getAttribute("href");
  await mark.click();
  await page.waitForURL((u) => u.hash === href);
  assert.equal(await page.evaluate(() => document.querySelector(":target").tagName), "LI");
  await context.close();
});
