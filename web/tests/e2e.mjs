// The page as a person uses it, in headless Chromium (tests/sh/web.sh):
//   node e2e.mjs CONFIG.json
// CONFIG: html, pwa (dir), y4m (fake camera), pdf, photo, native (the
// verdict JSON certqr-verify gives the certificate's text), text (that
// text), holder, otherHolder, bundles {newer, older, bad, embedded},
// artefacts (dir for screenshots). Prints "PASS|FAIL<TAB>description" lines.
import { createServer } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, openPage } from "./browser.mjs";

const cfg = JSON.parse(readFileSync(process.argv[2], "utf8"));
mkdirSync(cfg.artefacts, { recursive: true });
const url = pathToFileURL(cfg.html).href;
let failures = 0;
function check(ok, desc) {
	console.log(`${ok ? "PASS" : "FAIL"}\t${desc}`);
	if (!ok) failures++;
	return ok;
}
const strip = (j) => { const o = JSON.parse(j); delete o.source; return JSON.stringify(o); };
const state = (page) => page.evaluate(() => ({
	state: document.body.dataset.state, status: document.body.dataset.status, colour: document.body.dataset.colour,
	verdicts: window.certqrPage.verdicts, errors: window.certqrPage.errors, timings: window.certqrPage.timings,
	csp: window.certqrPage.cspViolations || 0,
}));
// Marks the page as waiting, so the next verdict is a new one.
const expectNew = (page) => page.evaluate(() => { document.body.dataset.state = "waiting"; });
async function waitVerdict(page, timeout = 20000) {
	await page.waitForFunction(() => document.body.dataset.state === "verdict" || document.body.dataset.state === "error",
		null, { timeout });
	return state(page);
}
// Mean colour of an element, from a real screenshot decoded in the page.
async function meanColour(page, selector) {
	const png = await page.locator(selector).first().screenshot();
	return page.evaluate(async (b64) => {
		const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
		const bmp = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
		const c = document.createElement("canvas");
		c.width = bmp.width; c.height = bmp.height;
		const g = c.getContext("2d");
		g.drawImage(bmp, 0, 0);
		const d = g.getImageData(0, 0, c.width, c.height).data;
		const m = [0, 0, 0];
		for (let i = 0; i < d.length; i += 4) { m[0] += d[i]; m[1] += d[i + 1]; m[2] += d[i + 2]; }
		return m.map((v) => Math.round(v / (d.length / 4)));
	}, png.toString("base64"));
}
const near = (c, want, tol) => c.every((v, i) => Math.abs(v - want[i]) <= tol);
// Drops files on the page as a browser does when a user drags them in.
async function drop(page, path, type) {
	const bytes = readFileSync(path).toString("base64");
	await page.evaluate(({ b64, name, type }) => {
		const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bin], name, { type }));
		document.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
		document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
	}, { b64: bytes, name: basename(path), type });
}
const GREEN = [27, 127, 59], RED = [198, 40, 40];

const cam = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${cfg.y4m}`];
const ctx = await launch(cam, { offline: true, viewport: { width: 390, height: 844 }, permissions: ["camera"] });
try {
	const page = await openPage(ctx, url);
	let s = await state(page);
	check(s.state === "ready" && s.errors.length === 0, `file:// page offline: ready (${s.state}, errors ${JSON.stringify(s.errors)})`);
	const trust = await page.textContent("#trust-line");
	check(/第 3 版/.test(trust) && /天前更新|今天更新|晚于/.test(trust), `trust line: version, date and age by the device clock ("${trust}")`);
	check(await page.isVisible("#test-root"), "the TEST-ONLY root is announced");

	// The fake camera shows the printed certificate.
	await expectNew(page);
	await page.click("#camera");
	s = await waitVerdict(page);
	check(s.status === "authentic" && s.colour === "green", `camera: the printed certificate is authentic and green (${s.status}, ${s.colour})`);
	check(s.verdicts.length === 1 && strip(s.verdicts[0].json) === strip(cfg.native),
		"camera: the verdict JSON equals certqr-verify's for the same text, field by field");
	check(s.timings.frameToVerdictMs > 0, `camera: frame to verdict ${s.timings.frameToVerdictMs?.toFixed(1)} ms (${s.timings.frameSize})`);
	await page.screenshot({ path: join(cfg.artefacts, "phone-camera.png"), fullPage: true });
	check(near(await meanColour(page, ".verdict-head"), GREEN, 40), "camera: the verdict banner is green on screen (pixels)");
	const over = await page.evaluate(() => document.scrollingElement.scrollWidth);
	check(over <= 390, `phone 390x844: nothing wider than the screen (${over} px)`);
	// De-duplication: the certificate stays in view, no second verdict.
	const before = s.timings.frameToVerdictMs;
	await page.waitForTimeout(1500);
	s = await state(page);
	check(s.timings.frameToVerdictMs === before, "camera: the same code held in view is judged once (de-duplicated)");
	await page.click("#camera");
	check(await page.evaluate(() => document.getElementById("camera-box").hidden), "camera: stops");

	// A dropped PDF: every page through pdf.js, the verdict beside the fields.
	await expectNew(page);
	await drop(page, cfg.pdf, "application/pdf");
	s = await waitVerdict(page, 60000);
	const num = JSON.parse(cfg.native).certificate.number;
	check(s.status === "authentic" && s.verdicts.length === 1 && JSON.parse(s.verdicts[0].json).certificate.number === num &&
		strip(s.verdicts[0].json) === strip(cfg.native), `dropped PDF: authentic, ${num}, same verdict as certqr-verify (${s.status}, ${s.errors})`);
	check(s.verdicts[0].source === basename(cfg.pdf) + ":p1", `dropped PDF: page named ${s.verdicts[0]?.source}`);
	const eye = await page.locator(".by-eye").first();
	check(await eye.isVisible() && (await eye.getAttribute("data-check")) === "not-checked",
		"dropped PDF: 'compare the printed fields by eye' is shown");
	const eyeColour = await meanColour(page, ".by-eye");
	check(!near(eyeColour, GREEN, 60) && eyeColour[0] > 200 && eyeColour[2] < 235, `the by-eye note is amber, never green (${eyeColour})`);
	await page.screenshot({ path: join(cfg.artefacts, "phone-pdf.png"), fullPage: true });

	// Every page of a PDF: two certificates, one a page.
	await expectNew(page);
	await drop(page, cfg.pdf2, "application/pdf");
	s = await waitVerdict(page, 60000);
	const nums = s.verdicts.map((v) => JSON.parse(v.json).certificate?.number);
	check(s.verdicts.length === 2 && s.verdicts.every((v) => v.status === "authentic") &&
		JSON.stringify(nums) === JSON.stringify(cfg.pdf2Numbers) &&
		s.verdicts.map((v) => v.source).join(" ") === `${basename(cfg.pdf2)}:p1 ${basename(cfg.pdf2)}:p2`,
	`dropped two-page PDF: both pages read, in order (${nums.join(", ")})`);

	// A dropped photo.
	await expectNew(page);
	await drop(page, cfg.photo, "image/png");
	s = await waitVerdict(page);
	check(s.status === "authentic" && strip(s.verdicts[0].json) === strip(cfg.native), `dropped photo: authentic (${s.status})`);

	// A USB scanner types the text and Enter; the holder check.
	await page.click("#scanner");
	await expectNew(page);
	await page.keyboard.type(cfg.text);
	await page.keyboard.press("Enter");
	s = await waitVerdict(page);
	check(s.status === "authentic" && s.verdicts[0].source === "scanner:1", `USB scanner: typed text judged (${s.status})`);
	await page.fill("#holder", cfg.holder);
	s = await state(page);
	check(JSON.parse(s.verdicts[0].json).holder === "match" && s.colour === "green", "holder: the right ID number matches");
	await page.fill("#holder", cfg.otherHolder);
	s = await state(page);
	check(JSON.parse(s.verdicts[0].json).holder === "mismatch" && s.colour === "red", "holder: someone else's ID number turns it red");
	check(await page.isVisible(".holder-alarm"), "holder: the mismatch is spelled out");
	await page.fill("#holder", "");
	// An ID number typed by a scanner (an ID card's barcode) fills the holder field.
	await page.click("#scanner");
	await page.keyboard.type(cfg.holder);
	await page.keyboard.press("Enter");
	s = await state(page);
	check(await page.inputValue("#holder") === cfg.holder && JSON.parse(s.verdicts[0].json).holder === "match",
		"USB scanner: an ID number typed there becomes the holder check");
	await page.fill("#holder", "");
	await page.dispatchEvent("#holder", "input");
	// Typing on the page outside any field reaches the scanner field.
	await page.click("h1");
	await expectNew(page);
	await page.keyboard.type("WIFI:S:HR;;");
	await page.keyboard.press("Enter");
	s = await waitVerdict(page);
	check(s.status === "not_a_certificate" && s.colour === "red", `USB scanner without focus: another QR text is not a certificate (${s.status})`);
	check(near(await meanColour(page, ".verdict-head"), RED, 40), "not a certificate: red banner (pixels)");

	// English.
	await page.keyboard.type(cfg.text);
	await page.keyboard.press("Enter");
	await page.click("#lang");
	check(/AUTHENTIC/.test(await page.textContent(".verdict-title")) && /Name/.test(await page.textContent("table.fields")),
		"English switch: the verdict and the fields in English");
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.screenshot({ path: join(cfg.artefacts, "desktop-en.png"), fullPage: true });
	check(near(await meanColour(page, ".verdict-head"), GREEN, 40), "desktop 1280x900: the verdict banner is green (pixels)");
	await page.click("#lang");
	check(/真实有效/.test(await page.textContent(".verdict-title")), "Chinese again");
	await page.screenshot({ path: join(cfg.artefacts, "desktop-zh.png"), fullPage: true });

	// Trust bundle updates: verified, no rollback, kept in IndexedDB.
	const pick = async (f) => {
		await page.setInputFiles("#bundle-file", f);
		await page.waitForFunction(() => window.certqrPage.lastBundle, null, { timeout: 10000 });
		const r = await page.evaluate(() => { const r = window.certqrPage.lastBundle; window.certqrPage.lastBundle = null; return r; });
		return r;
	};
	let r = await pick(cfg.bundles.older);
	check(r.result === "refused" && r.kind === "rollback", `bundle: an older one is refused as a rollback (${r.why})`);
	r = await pick(cfg.bundles.bad);
	check(r.result === "refused" && r.kind === "bad_signature", `bundle: an altered one is refused (${r.why})`);
	r = await pick(cfg.bundles.foreign);
	check(r.result === "refused" && r.kind === "foreign_root", `bundle: another root's is refused (${r.why})`);
	r = await pick(cfg.bundles.embedded);
	check(r.result === "already", `bundle: the one in use is already installed (${r.why})`);
	r = await pick(cfg.bundles.newer);
	check(r.result === "installed" && r.version === 4 && /第 4 版/.test(await page.textContent("#trust-line")),
		`bundle: a newer one is installed (${r.why})`);
	s = await state(page);
	check(JSON.parse(s.verdicts[0].json).trust.version === 4, "bundle: what is on screen is judged again with it");
	s = await state(page);
	const requests = page.certqrRequests.filter((u) => u !== url);
	check(requests.length === 0 && s.csp === 0, `no network request (${requests.length}: ${requests.slice(0, 3)}) and no CSP violation (${s.csp}) in the whole session`);
	await page.reload();
	await page.waitForFunction(() => ["ready", "error"].includes(document.body.dataset.state));
	check(/第 4 版/.test(await page.textContent("#trust-line")) && await page.evaluate(() => window.certqrPage.storedBundle) === "used",
		"bundle: kept across a reload (IndexedDB)");
	r = await pick(cfg.bundles.embedded);
	check(r.result === "refused" && r.kind === "rollback", "bundle: after the update, the page's own older bundle is a rollback");
	check(await page.evaluate(() => document.body.dataset.verdicts === undefined || document.body.dataset.verdicts === "0"),
		"nothing scanned survives a reload");
	// What the browser keeps for the page: the trust bundle, nothing else.
	const kept = await page.evaluate(async () => {
		const dbs = (await indexedDB.databases()).map((d) => d.name);
		const keys = await new Promise((res, rej) => {
			const r = indexedDB.open("certqr-trust");
			r.onerror = () => rej(r.error);
			r.onsuccess = () => {
				const q = r.result.transaction("bundle").objectStore("bundle").getAllKeys();
				q.onsuccess = () => { r.result.close(); res(q.result); };
			};
		});
		return { dbs, keys, local: localStorage.length, session: sessionStorage.length, cookies: document.cookie };
	});
	check(JSON.stringify(kept.dbs) === '["certqr-trust"]' && JSON.stringify(kept.keys) === '["current"]' &&
		kept.local === 0 && kept.session === 0 && kept.cookies === "", `storage: only the trust bundle is kept (${JSON.stringify(kept)})`);
	// The policy is enforced: a request the page might try is blocked.
	const blocked = await page.evaluate(async () => {
		let fetched = "blocked";
		try { await fetch("http://127.0.0.1:9/probe"); fetched = "allowed"; } catch (e) { /* refused */ }
		await new Promise((res) => setTimeout(res, 100));
		return { fetched, csp: window.certqrPage.cspViolations || 0 };
	});
	check(blocked.fetched === "blocked" && blocked.csp >= 1, `CSP: a fetch from the page is refused by the policy (${JSON.stringify(blocked)})`);
} catch (e) {
	check(false, "e2e: " + (e && e.stack || e));
} finally {
	await ctx.close();
}

// The PWA from a static host (a server on loopback): installable, offline.
const server = createServer((req, res) => {
	const name = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
	if (name.includes("..")) { res.writeHead(400); return res.end(); }
	try {
		const body = readFileSync(join(cfg.pwa, name));
		const type = { html: "text/html; charset=utf-8", js: "text/javascript", svg: "image/svg+xml", png: "image/png", webmanifest: "application/manifest+json" }[name.split(".").pop()] || "application/octet-stream";
		res.writeHead(200, { "content-type": type });
		res.end(body);
	} catch (e) { res.writeHead(404); res.end(); }
});
await new Promise((res) => server.listen(0, "127.0.0.1", res));
const base = `http://127.0.0.1:${server.address().port}/`;
const pctx = await launch([], { viewport: { width: 390, height: 844 } });
try {
	const page = await openPage(pctx, base + "index.html");
	await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller || document.body.dataset.sw === "failed",
		null, { timeout: 20000 }).catch(() => {});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
		await page.reload();
		await page.waitForFunction(() => document.body.dataset.state === "ready");
	}
	const sw = await page.evaluate(() => ({ controlled: !!navigator.serviceWorker.controller, mark: document.body.dataset.sw }));
	check(sw.controlled, `PWA: the service worker controls the page (${JSON.stringify(sw)})`);
	const manifest = await page.evaluate(async () => {
		const l = document.querySelector('link[rel="manifest"]');
		return l ? l.href : null;
	});
	check(!!manifest, "PWA: the page names its manifest");
	const cdp = await pctx.newCDPSession(page);
	const inst = await cdp.send("Page.getInstallabilityErrors");
	check(inst.installabilityErrors.length === 0, `PWA: Chromium finds it installable (${JSON.stringify(inst.installabilityErrors)})`);
	await pctx.setOffline(true);
	await page.reload();
	await page.waitForFunction(() => ["ready", "error"].includes(document.body.dataset.state), null, { timeout: 20000 });
	await expectNew(page);
	await page.keyboard.type(cfg.text);
	await page.keyboard.press("Enter");
	const s = await waitVerdict(page);
	check(s.status === "authentic", `PWA: reloaded with the network off, it still verifies (${s.state}, ${s.status})`);
	await page.screenshot({ path: join(cfg.artefacts, "phone-pwa-offline.png"), fullPage: true });
} catch (e) {
	check(false, "PWA: " + (e && e.stack || e));
} finally {
	await pctx.close();
	server.close();
}
writeFileSync(join(cfg.artefacts, "README.txt"), "Screenshots of the last tests/sh/web.sh run (phone 390x844, desktop 1280x900).\n");
process.exit(failures ? 1 : 0);
