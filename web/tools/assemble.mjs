#!/usr/bin/env node
// Assembles the verifier page (make web): web/src/page.html with the style,
// the scripts, the WebAssembly core, the trust bundle, the root key and
// pdf.js inlined, and a Content-Security-Policy that admits exactly these
// inline scripts (by SHA-256) and no request of any kind.
//   node web/tools/assemble.mjs --core build/web/certqr-core.js --bundle B
//        --root ROOT.pub --pdfjs node_modules/pdfjs-dist --out page.html
//        [--pwa DIR] [--version V]
// Writes OUT (one file that works from file://) and, with --pwa, DIR/ with
// index.html (the same page, plus a manifest and a service worker), for
// any static web host. Fails if the page would exceed 3 MB.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const LIMIT = 3_000_000;
const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "..", "src");
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
for (const k of ["core", "bundle", "root", "pdfjs", "out"])
	if (!args[k]) { console.error(`assemble: --${k} is required`); process.exit(2); }

const read = (p) => readFileSync(p);
const text = (p) => readFileSync(p, "utf8");
const sha = (s) => "'sha256-" + createHash("sha256").update(s, "utf8").digest("base64") + "'";
const b64 = (buf) => Buffer.from(buf).toString("base64");
// An inline script must not close its own element early.
const inlineJs = (name, s) => {
	if (/<\/script/i.test(s) || /<!--/.test(s)) { console.error(`assemble: ${name} contains </script or <!--`); process.exit(1); }
	return s;
};

const wasmPath = args.core.replace(/\.js$/, ".wasm");
const coreGlue = inlineJs("core glue", text(args.core));
const appFiles = ["i18n.js", "core.js", "trust.js", "verdict.js", "camera.js", "files.js", "app.js"];
const appJs = inlineJs("page scripts", appFiles.map((f) => `// ${f}\n` + text(join(src, f))).join("\n"));
const style = text(join(src, "style.css"));
const pdfLib = text(join(args.pdfjs, "legacy/build/pdf.min.mjs"));
const pdfWorker = text(join(args.pdfjs, "legacy/build/pdf.worker.min.mjs"));
const gz = (s) => b64(gzipSync(Buffer.from(s, "utf8"), { level: 9 }));
const rootText = text(args.root);
const bundle = read(args.bundle);
const icon = text(join(src, "icon.svg"));
const version = args.version || "0.1.0";
const buildId = createHash("sha256").update(read(wasmPath)).update(appJs).update(bundle).update(style).digest("hex").slice(0, 12);
const swReg = `"use strict";\nif ("serviceWorker" in navigator && /^https?:$/.test(location.protocol))\n` +
	`\tnavigator.serviceWorker.register("sw.js").then(() => { document.body.dataset.sw = "registered"; }, (e) => { document.body.dataset.sw = "failed: " + e; });\n`;

function page(pwa) {
	const scripts = [coreGlue, appJs, pdfLib, pdfWorker].concat(pwa ? [swReg] : []);
	const csp = [
		"default-src 'none'",
		"script-src " + scripts.map(sha).join(" ") + " 'wasm-unsafe-eval'",
		"style-src " + sha(style),
		"img-src data: blob:" + (pwa ? " 'self'" : ""),   /* the PWA's icons, fetched by the browser */
		"media-src blob: mediastream:",
		"connect-src 'none'",
		"font-src 'none'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
		"worker-src " + (pwa ? "'self'" : "'none'"),
		"manifest-src " + (pwa ? "'self'" : "'none'"),
	].join("; ");
	const fill = {
		CSP: csp,
		ICON_DATA: "data:image/svg+xml;base64," + b64(icon),
		PWA_HEAD: pwa ? '<link rel="manifest" href="manifest.webmanifest">' : "",
		STYLE: style,
		VERSION: version,
		BUILD_INFO: "build " + buildId + " · " + basename(args.bundle),
		CORE_WASM: b64(read(wasmPath)),
		BUNDLE: b64(bundle),
		ROOT: b64(Buffer.from(rootText, "utf8")),
		ROOT_NAME: basename(args.root).replace(/[^A-Za-z0-9._-]/g, "_"),
		PDFJS_LIB: gz(pdfLib),
		PDFJS_WORKER: gz(pdfWorker),
		CORE_JS: coreGlue,
		APP_JS: appJs,
		PWA_SCRIPT: pwa ? "<script>" + swReg + "</script>" : "",
	};
	let html = text(join(src, "page.html"));
	html = html.replace(/\{\{([A-Z_]+)\}\}/g, (m, k) => {
		if (!(k in fill)) { console.error(`assemble: unknown placeholder ${m}`); process.exit(1); }
		return fill[k];
	});
	return html;
}

const single = page(false);
const size = Buffer.byteLength(single);
if (size > LIMIT) { console.error(`assemble: ${args.out} would be ${size} bytes, over the ${LIMIT}-byte budget`); process.exit(1); }
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, single);
if (args.pwa) {
	mkdirSync(args.pwa, { recursive: true });
	writeFileSync(join(args.pwa, "index.html"), page(true));
	writeFileSync(join(args.pwa, "manifest.webmanifest"), text(join(src, "manifest.webmanifest")));
	writeFileSync(join(args.pwa, "icon.svg"), icon);
	writeFileSync(join(args.pwa, "sw.js"), text(join(src, "sw.js")).replace("{{BUILD_ID}}", buildId));
}
console.log(`${args.out}: ${size} bytes (core ${read(wasmPath).length} B wasm, pdf.js ${pdfLib.length + pdfWorker.length} B before compression)`);
