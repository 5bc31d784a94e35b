// Shared helpers for the browser tests: the built site, a tiny static server on
// 127.0.0.1 (optionally under a sub-path), headless Chromium, and page watchers.
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { before, after } = require("node:test");
const { chromium } = require("playwright-core");

const REPO = path.resolve(__dirname, "..", "..");

/** The built site under test: $DOSSIER_SITE, or the repository's public/. */
function siteDir() {
  const dir = path.resolve(REPO, process.env.DOSSIER_SITE || "public");
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    throw new Error(
      `no built site in ${dir}: run \`cargo run --release -- build\` first ` +
        "(or point DOSSIER_SITE at a built site)"
    );
  }
  return dir;
}

/** Every file of the site, as site-relative paths with '/'. */
function siteFiles(dir = siteDir()) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ics": "text/calendar; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/**
 * Serves `dir` at http://127.0.0.1:<free port><prefix>, like a static host would
 * (GitHub Pages serves a project site under /<repo>/). Anything outside the prefix
 * is a 404, so a link that escapes the sub-path fails.
 */
async function serve(dir = siteDir(), prefix = "/") {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = "";
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404).end("outside the site");
      return;
    }
    let file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, "index.html");
    }
    if (!fs.existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    res.writeHead(200, { "content-type": type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The site's folder as a file:// URL ending in '/'. */
function fileBase(dir = siteDir()) {
  return pathToFileURL(dir).href.replace(/\/?$/, "/");
}

/** Headless Chromium from the system (Debian package `chromium`), kept offline. */
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-domain-reliability",
      "--dns-prefetch-disable",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
}

/**
 * Records what a reader would see go wrong on a page: console errors, uncaught
 * exceptions, failed requests and HTTP errors. `problems` lists them as text.
 */
function watch(page) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") {
      problems.push(`console error: ${m.text()} (${m.location().url})`);
    }
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) =>
    problems.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`)
  );
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** The first briefing page and an actor page that the home page links to. */
function samplePages(dir = siteDir()) {
  const files = siteFiles(dir);
  const briefing = files.find((f) => /^briefings\/(?!index\.html).+\.html$/.test(f));
  const home = fs.readFileSync(path.join(dir, "index.html"), "utf8");
  const actorLinks = [...home.matchAll(/href="(actors\/(?!index)[^"#]+\.html)"/g)].map((m) => m[1]);
  const actor = actorLinks[0] || files.find((f) => /^actors\/(?!index\.html).+\.html$/.test(f));
  return { briefing, actor };
}

/** Serious and critical axe-core findings on the loaded page, as readable lines. */
async function axeFindings(page) {
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] })
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`)
          .join("\n")
    );
}

/**
 * One browser and one loopback server for a test file: opened before its tests,
 * closed after them. Read `.browser` and `.server` inside the tests.
 */
function session() {
  const opened = {};
  before(async () => {
    opened.browser = await launch();
    opened.server = await serve();
  });
  after(async () => {
    await opened.browser.close();
    await opened.server.close();
  });
  return opened;
}

module.exports = {
  session,
  REPO,
  siteDir,
  siteFiles,
  serve,
  fileBase,
  launch,
  watch,
  samplePages,
  axeFindings,
};
