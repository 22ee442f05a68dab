// The differential test (tests/sh/web.sh): for every text in CASES, the
// page's verdict JSON must equal what `certqr-verify --json -f FILE` printed
// (NATIVE, one line per input, in the same order), byte for byte; with
// --holder, also with the holder's ID number given (NATIVE_HOLDER). Texts are
// split into lines as certqr-verify reads a file (LF, trailing CRs dropped,
// empty lines skipped), and each gets certqr-verify's source name, FILE:LINE.
//   node differential.mjs PAGE CASES NATIVE [NATIVE_HOLDER HOLDER_ID]
// CASES: "GROUP<TAB>FILE" per line, or "GROUP<TAB>hex:HEX<TAB>SOURCE" for one
// text given whole (as certqr-verify takes a command-line argument, argv:N). Prints "PASS|FAIL<TAB>description" per
// group, then the first differences.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { launch, openPage } from "./browser.mjs";

const [pagePath, casesPath, nativePath, nativeHolderPath, holderId] = process.argv.slice(2);
const cases = readFileSync(casesPath, "utf8").split("\n").filter(Boolean).map((l) => l.split("\t"));
const lines = [];
for (const [group, file, source] of cases) {
	if (file.startsWith("hex:")) {   /* one text as a command-line argument: judged whole */
		lines.push({ group, source, bytes: Array.from(Buffer.from(file.slice(4), "hex")) });
		continue;
	}
	const bytes = readFileSync(file);
	let start = 0, no = 0;
	for (let i = 0; i <= bytes.length; i++) {
		if (i < bytes.length && bytes[i] !== 0x0a) continue;
		let end = i;
		no++;
		while (end > start && bytes[end - 1] === 0x0d) end--;
		if (end > start) lines.push({ group, source: `${file.slice(0, 120)}:${no}`, bytes: Array.from(bytes.subarray(start, end)) });
		start = i + 1;
		if (i === bytes.length) break;
	}
}
const native = readFileSync(nativePath, "utf8").split("\n").filter(Boolean);
const nativeHolder = nativeHolderPath ? readFileSync(nativeHolderPath, "utf8").split("\n").filter(Boolean) : null;

// The first field where two verdicts differ, for the failure message.
function firstDiff(a, b, path = "") {
	if (typeof a !== typeof b || a === null || b === null || typeof a !== "object")
		return a === b ? null : `${path || "."}: page ${JSON.stringify(a)} vs certqr-verify ${JSON.stringify(b)}`;
	for (const k of new Set(Object.keys(a).concat(Object.keys(b)))) {
		const d = firstDiff(a[k], b[k], path + "." + k);
		if (d) return d;
	}
	return null;
}

const ctx = await launch([], { offline: true });
let failed = false;
try {
	const page = await openPage(ctx, pathToFileURL(pagePath).href);
	const state = await page.evaluate(() => document.body.dataset.state);
	if (state !== "ready") throw new Error("page did not get ready: " + JSON.stringify(await page.evaluate(() => window.certqrPage.errors)));
	const run = (holder) => page.evaluate(({ ls, h }) => ls.map((l) => window.certqrPage.judgeBytes(new Uint8Array(l.bytes), l.source, h)),
		{ ls: lines, h: holder });
	const modes = [["", native, ""]];
	if (nativeHolder) modes.push([holderId, nativeHolder, " with the holder's ID number"]);
	const diffs = [];
	for (const [holder, want, label] of modes) {
		if (want.length !== lines.length) {
			console.log(`FAIL\tcertqr-verify printed ${want.length} verdicts for ${lines.length} texts${label}`);
			failed = true;
			continue;
		}
		const got = await run(holder);
		const groups = new Map();
		got.forEach((g, i) => {
			const s = groups.get(lines[i].group) || { n: 0, same: 0 };
			s.n++;
			if (g === want[i]) s.same++;
			else if (diffs.length < 8) {
				let d;
				try { d = firstDiff(JSON.parse(g), JSON.parse(want[i])); } catch (e) { d = "unparsable: " + g; }
				diffs.push(`${lines[i].source}${label}: ${d}`);
			}
			groups.set(lines[i].group, s);
		});
		for (const [group, s] of groups) {
			const ok = s.same === s.n && s.n > 0;
			failed ||= !ok;
			console.log(`${ok ? "PASS" : "FAIL"}\t${group}${label}: ${s.same} of ${s.n} verdicts identical to certqr-verify --json`);
		}
	}
	for (const d of diffs) console.log("#   " + d);
	const stats = await page.evaluate(() => ({ csp: window.certqrPage.cspViolations || 0, errors: window.certqrPage.errors }));
	const others = page.certqrRequests.filter((u) => u !== pathToFileURL(pagePath).href);
	console.log(`${others.length === 0 && stats.csp === 0 ? "PASS" : "FAIL"}\tdifferential run: no request but the page itself (${others.length}: ${others.slice(0, 3).join(" ")}), no CSP violation (${stats.csp})`);
} catch (e) {
	console.log("FAIL\tdifferential run: " + (e && e.stack || e));
	failed = true;
} finally {
	await ctx.close();
}
process.exit(failed ? 1 : 0);
