// The page's benchmark (tests/bench/web.sh), in Debian's headless Chromium:
//   node bench.mjs PAGE CORPUS_DIR Y4M RUNS
// Prints `name: value unit` lines:
//  - web_load_to_ready_ms: navigation start to the page's "ready" (the core
//    compiled, root and bundle verified), median of RUNS reloads;
//  - web_frame_to_verdict_ms: a fake camera showing a printed certificate,
//    every frame judged (#dedup=0): frame grabbed, read by lib/scan, judged,
//    drawn; median over the frames of 6 s;
//  - web_decode_rate_*: the page's image path (CQ.readImage: the browser's
//    decoder, lib/scan + zbar in WebAssembly, thorough) on the degraded corpus
//    of tests/bench/files_corpus.py, and zxing-wasm (npm, the other candidate)
//    on the same files; per class and overall, with median times.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, openPage } from "./browser.mjs";

const [pagePath, corpus, y4m, runsArg] = process.argv.slice(2);
const runs = +runsArg || 10;
const url = pathToFileURL(pagePath).href;
const median = (a) => { const s = a.slice().sort((x, y) => x - y); const n = s.length; return n ? (n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const out = (name, v, unit) => console.log(`${name}: ${Number.isFinite(v) ? v.toFixed(1) : "nan"} ${unit}`);

// load to ready
{
	const ctx = await launch([], { offline: true });
	const page = await openPage(ctx, url);
	const t = [];
	for (let i = 0; i < runs; i++) {
		await page.reload();
		await page.waitForFunction(() => document.body.dataset.state === "ready");
		t.push(await page.evaluate(() => window.certqrPage.timings.sinceNavigationMs));
	}
	out("web_load_to_ready_ms", median(t), "ms");
	console.log(`# load to ready over ${runs} reloads: min ${Math.min(...t).toFixed(1)}, max ${Math.max(...t).toFixed(1)} ms; ` +
		`${readFileSync(pagePath).length} bytes`);
	await ctx.close();
}

// camera frame to verdict
{
	const cam = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${y4m}`];
	const ctx = await launch(cam, { offline: true, permissions: ["camera"] });
	const page = await openPage(ctx, url + "#dedup=0");
	await page.click("#camera");
	await page.waitForTimeout(6000);
	const r = await page.evaluate(() => ({ t: window.certqrPage.timings, cam: window.certqrPage.camera, status: document.body.dataset.status }));
	const frames = (r.t.frames || []).slice(3);   /* the first frames compile and allocate */
	out("web_frame_to_verdict_ms", median(frames), "ms");
	console.log(`# camera: ${r.cam.frames} frames of ${r.t.frameSize} in 6 s, ${r.cam.read} read, status ${r.status}; ` +
		`frame to verdict over ${frames.length} frames: min ${Math.min(...frames).toFixed(1)}, max ${Math.max(...frames).toFixed(1)} ms`);
	await ctx.close();
}

// decode rate on the degraded corpus: the page, then zxing-wasm
const man = readFileSync(join(corpus, "manifest.tsv"), "utf8").split("\n").filter(Boolean).map((l) => l.split("\t"));
const classes = [...new Set(man.map((m) => m[1]))];
const tally = (name, res) => {
	const all = { n: 0, ok: 0 };
	const lines = [];
	for (const c of classes) {
		const rows = man.map((m, i) => [m, res[i]]).filter(([m]) => m[1] === c);
		const ok = rows.filter(([m, r]) => r.texts.includes(m[3])).length;
		all.n += rows.length; all.ok += ok;
		lines.push(`web_decode_rate_${c}_${name}: ${(100 * ok / rows.length).toFixed(1)} %`);
	}
	lines.push(`web_decode_rate_all_${name}: ${(100 * all.ok / all.n).toFixed(1)} %`);
	const frames = res.filter((r, i) => man[i][1] !== "scan").map((r) => r.ms);
	lines.push(`web_median_decode_ms_720p_${name}: ${median(frames).toFixed(1)} ms`);
	return lines;
};
{
	const ctx = await launch([], { offline: true });
	const page = await openPage(ctx, url);
	const res = [];
	for (const m of man) {
		const b64 = readFileSync(join(corpus, m[0])).toString("base64");
		res.push(await page.evaluate(async ({ b64, name }) => {
			const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
			const file = new File([bytes], name, { type: name.endsWith(".png") ? "image/png" : "image/jpeg" });
			const t0 = performance.now();
			const r = await CQ.readImage(file, "");
			const ms = performance.now() - t0;
			return { ms, texts: r[0].scan && r[0].scan.codes ? r[0].scan.codes.map((c) => c.text) : [] };
		}, { b64, name: m[0] }));
	}
	for (const l of tally("page", res)) console.log(l);
	await ctx.close();
}
{
	const require = createRequire(join(resolve(process.env.CERTQR_WEB_NPM), "x.js"));
	const zx = await import(pathToFileURL(require.resolve("zxing-wasm/reader")).href);
	const wasm = readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
	await zx.prepareZXingModule({ overrides: { wasmBinary: wasm }, fireImmediately: true });
	const res = [];
	for (const m of man) {
		const bytes = readFileSync(join(corpus, m[0]));
		const t0 = performance.now();
		const r = await zx.readBarcodes(new Uint8Array(bytes), { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 8 });
		res.push({ ms: performance.now() - t0, texts: r.filter((b) => b.isValid).map((b) => b.text) });
	}
	for (const l of tally("zxing_wasm", res)) console.log(l);
	console.log(`# zxing-wasm ${JSON.parse(readFileSync(join(resolve(process.env.CERTQR_WEB_NPM), "zxing-wasm/package.json"))).version} ` +
		`(reader build; ${wasm.length} B of WebAssembly), in Node.js on the same files; includes its own PNG/JPEG decoding`);
}
