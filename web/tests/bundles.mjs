// The trust-bundle vectors (tests/trust/bundles.txt, docs/trust.md §1.4)
// through the page's bundle check (cqw_bundle, check-only): each bundle must
// be accepted or refused with the class and reason code the vector names,
// as certqr-keys check-bundle does (tests/sh/trust.sh).
//   node bundles.mjs PAGE BUNDLES.txt
// Prints "PASS|FAIL<TAB>description", then the first disagreements.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { launch, openPage } from "./browser.mjs";

const [pagePath, vecPath] = process.argv.slice(2);
const vecs = readFileSync(vecPath, "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => {
	const c = l.split("\t");
	return { name: c[0], cls: c[1], code: c[2], bytes: Array.from(Buffer.from(c[3], "hex")) };
});
const ctx = await launch([], { offline: true });
let ok = false;
try {
	const page = await openPage(ctx, pathToFileURL(pagePath).href);
	const got = await page.evaluate((vs) => vs.map((v) => window.certqrPage.checkBundle(new Uint8Array(v.bytes))), vecs);
	const bad = [];
	vecs.forEach((v, i) => {
		const g = got[i];
		const cls = g.result === "ok" ? "ok" : g.kind, code = g.reason_code;
		if (cls !== v.cls || code !== v.code) bad.push(`${v.name}: page ${cls}/${code}, vector ${v.cls}/${v.code} (${g.why})`);
	});
	ok = vecs.length > 0 && bad.length === 0;
	console.log(`${ok ? "PASS" : "FAIL"}\tbundle vectors: ${vecs.length - bad.length} of ${vecs.length} accepted or refused as the vector says (class and reason code)`);
	for (const b of bad.slice(0, 8)) console.log("#   " + b);
} catch (e) {
	console.log("FAIL\tbundle vectors: " + (e && e.stack || e));
} finally {
	await ctx.close();
}
process.exit(ok ? 0 : 1);
