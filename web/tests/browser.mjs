// Debian's Chromium, headless, driven by playwright-core (no browser of
// playwright's own): the flags this machine needs (no background network,
// a fresh profile each run). Shared by the web tests and the benchmark.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(process.env.CERTQR_WEB_NPM ? join(resolve(process.env.CERTQR_WEB_NPM), "x.js") : import.meta.url);
const { chromium } = require("playwright-core");

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const BASE_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-default-apps", "--disable-extensions"];

// A persistent context (a fresh --user-data-dir) so IndexedDB and service
// workers behave as in a real profile. extra: more Chromium flags.
export async function launch(extra = [], opts = {}) {
	const dir = mkdtempSync(join(tmpdir(), "certqr-chromium-"));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM, headless: true, args: BASE_FLAGS.concat(extra),
		viewport: opts.viewport || { width: 1280, height: 900 }, deviceScaleFactor: 1,
		permissions: opts.permissions || [], offline: !!opts.offline,
	});
	ctx.certqrDir = dir;
	const close = ctx.close.bind(ctx);
	ctx.close = async () => { await close(); rmSync(dir, { recursive: true, force: true }); };
	return ctx;
}

// Opens the page and waits until it says ready (or error). Returns the page.
export async function openPage(ctx, url, timeout = 30000) {
	const page = ctx.pages()[0] || await ctx.newPage();
	page.certqrRequests = [];
	page.on("request", (r) => page.certqrRequests.push(r.url()));
	await page.goto(url);
	await page.waitForFunction(() => ["ready", "error"].includes(document.body.dataset.state), null, { timeout });
	return page;
}
