/* Picked or dropped files: images (PNG, JPEG, … as the browser decodes
 * them) and PDFs, every page, rendered with pdf.js at 150 dpi and, when
 * nothing is read, at 300 dpi, as certqr-verify files does. Codes are found
 * by lib/scan at its thorough effort, as for files on the command line.
 *
 * pdf.js is inlined compressed and started only when a PDF arrives: both of
 * its modules run on this page (its "fake worker"), from inline scripts that
 * the page's Content-Security-Policy admits by hash; nothing is fetched. */
"use strict";
window.CQ = window.CQ || {};

CQ.MAX_PAGES = 200;          /* as certqr-verify files (FILES_MAX_PAGES) */
CQ.MAX_FILE_BYTES = 64 << 20;

function canvasPixels(source, w, h) {
	const c = document.createElement("canvas");
	c.width = w;
	c.height = h;
	const g = c.getContext("2d", { willReadFrequently: true });
	g.fillStyle = "#fff";        /* transparency over white, as the file verifier */
	g.fillRect(0, 0, w, h);
	g.drawImage(source, 0, 0, w, h);
	return g.getImageData(0, 0, w, h).data;
}

/* One image file: [{source, scan, judged: [json strings]}]. */
CQ.readImage = async function (file, holder) {
	const bmp = await createImageBitmap(file);
	try {
		const px = canvasPixels(bmp, bmp.width, bmp.height);
		const r = CQ.core.scan(px, bmp.width, bmp.height, 2);
		return [CQ.judgeScan(r, file.name, holder)];
	} finally {
		if (bmp.close) bmp.close();
	}
};

CQ.judgeScan = function (r, source, holder) {
	const out = { source: source, scan: r, judged: [] };
	if (r) for (let i = 0; i < r.n; i++) out.judged.push(CQ.core.judgeCode(i, source, holder));
	return out;
};

async function inflate(b64) {
	const bytes = CQ.base64ToBytes(b64);
	const s = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
	return await new Response(s).text();
}

function runModule(text) {
	return new Promise((resolve, reject) => {
		const s = document.createElement("script");
		s.type = "module";
		s.textContent = text;
		s.onerror = reject;
		document.head.append(s);
		/* inline modules run after insertion, asynchronously: wait for it */
		const t0 = performance.now();
		(function poll() {
			if (window.pdfjsLib && window.pdfjsWorker && window.pdfjsWorker.WorkerMessageHandler) return resolve();
			if (performance.now() - t0 > 20000) return reject(new Error("pdf.js did not start"));
			setTimeout(poll, 5);
		})();
	});
}

let pdfReady = null;
CQ.loadPdfjs = function () {
	if (!pdfReady) pdfReady = (async () => {
		const worker = await inflate(document.getElementById("cq-pdfjs-worker").textContent);
		const lib = await inflate(document.getElementById("cq-pdfjs-lib").textContent);
		const s1 = document.createElement("script");
		s1.type = "module";
		s1.textContent = worker;
		document.head.append(s1);
		await runModule(lib);
		return window.pdfjsLib;
	})();
	return pdfReady;
};

/* Every page of a PDF: [{source: "NAME:pN", scan, judged}]. */
CQ.readPdf = async function (file, holder, onPage) {
	const lib = await CQ.loadPdfjs();
	const data = new Uint8Array(await file.arrayBuffer());
	const doc = await lib.getDocument({
		data: data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
		disableAutoFetch: true, disableStream: true, stopAtErrors: false,
	}).promise;
	const results = [];
	try {
		const n = Math.min(doc.numPages, CQ.MAX_PAGES);
		for (let p = 1; p <= n; p++) {
			const page = await doc.getPage(p);
			let r = null;
			for (const dpi of [150, 300]) {
				const vp = page.getViewport({ scale: dpi / 72 });
				const w = Math.ceil(vp.width), h = Math.ceil(vp.height);
				const c = document.createElement("canvas");
				c.width = w;
				c.height = h;
				const g = c.getContext("2d", { willReadFrequently: true });
				g.fillStyle = "#fff";
				g.fillRect(0, 0, w, h);
				await page.render({ canvasContext: g, viewport: vp, background: "#ffffff" }).promise;
				r = CQ.core.scan(g.getImageData(0, 0, w, h).data, w, h, 2);
				c.width = c.height = 0;
				if (r && r.n > 0) break;
			}
			page.cleanup();
			const res = CQ.judgeScan(r, file.name + ":p" + p, holder);
			results.push(res);
			if (onPage) onPage(res, p, doc.numPages);
		}
	} finally {
		await doc.destroy();
	}
	return results;
};

CQ.isPdf = function (file, head) {
	return file.type === "application/pdf" || /\.pdf$/i.test(file.name) ||
		(head && head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46);
};
