/* The WebAssembly core (web/src/certqr_web.c: lib/, lib/scan, libsodium,
 * zbar) behind a small JavaScript API. The module's bytes are inlined in
 * the page (a non-executed <script type="application/octet-stream">), so
 * nothing is fetched. Every answer is the JSON the C side wrote. */
"use strict";
window.CQ = window.CQ || {};

CQ.base64ToBytes = function (b64) {
	const bin = atob(b64.replace(/\s+/g, ""));
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
};

CQ.inlined = function (id) {
	const el = document.getElementById(id);
	if (!el) throw new Error("missing inlined data: " + id);
	return CQ.base64ToBytes(el.textContent);
};

CQ.loadCore = async function () {
	const M = await CertqrCore({ wasmBinary: CQ.inlined("cq-core-wasm"), print: () => {}, printErr: () => {} });
	const enc = new TextEncoder();

	function withBytes(bytes, fn) {
		const p = M._malloc(bytes.length || 1);
		try {
			M.HEAPU8.set(bytes, p);
			return fn(p, bytes.length);
		} finally {
			M._free(p);
		}
	}
	function withString(s, fn) {
		return withBytes(enc.encode(String(s) + "\0"), (p) => fn(p));
	}
	const json = (ptr) => JSON.parse(M.UTF8ToString(ptr));

	return {
		/* "" when the root key was accepted, else why not. */
		init(rootText) {
			return withBytes(enc.encode(rootText), (p, n) => M.UTF8ToString(M._cqw_init(p, n)));
		},
		/* {result: installed|already|refused, kind, reason_code, why, why_zh,
		 * version, date}; with update, the rollback rule applies. */
		bundle(bytes, update) {
			return withBytes(bytes, (p, n) => json(M._cqw_bundle(p, n, update ? 1 : 0)));
		},
		/* The same checks without installing: {result: ok|refused, ...}. */
		checkBundle(bytes) {
			return withBytes(bytes, (p, n) => json(M._cqw_bundle(p, n, 2)));
		},
		trustInfo() {
			return json(M._cqw_trust_info());
		},
		names() {
			return json(M._cqw_names());
		},
		/* The verdict as certqr-verify --json prints it, as a string (for
		 * byte-for-byte comparison) and parsed. */
		judgeBytes(bytes, source, holderId) {
			return withBytes(bytes, (p, n) =>
				withString(source, (s) =>
					withString(holderId || "", (h) => M.UTF8ToString(M._cqw_judge(p, n, s, h)))));
		},
		judgeText(text, source, holderId) {
			return this.judgeBytes(enc.encode(text), source, holderId);
		},
		/* Codes in RGBA pixels: {n, hint, codes: [{text, x, y, step}]}. */
		scan(rgba, width, height, effort) {
			return withBytes(rgba, (p) => json(M._cqw_scan(p, width, height, effort)));
		},
		judgeCode(i, source, holderId) {
			return withString(source, (s) =>
				withString(holderId || "", (h) => M.UTF8ToString(M._cqw_judge_code(i, s, h))));
		},
	};
};
