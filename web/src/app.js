/* The page: wiring inputs (camera, picked or dropped files, a USB scanner
 * typing into the page) to the core and the verdicts to the screen. The
 * page reports its state on <body data-state=… data-status=… data-colour=…>
 * and in window.certqrPage, which the tests and the benchmark read. */
"use strict";
window.CQ = window.CQ || {};

(function () {
	const $ = (id) => document.getElementById(id);
	const body = document.body;
	const page = { state: "loading", timings: {}, verdicts: [], errors: [] };
	window.certqrPage = page;
	let names = null, current = [], holderId = "";

	function setState(s, extra) {
		page.state = s;
		body.dataset.state = s;
		if (extra) Object.assign(page, extra);
	}
	/* The status line: a word of CQ.words (relabelled with the language)
	 * and an optional tail (a file name, a count) kept as it is. */
	let statusKey = null, statusTail = "";
	function status(key, tail) {
		statusKey = CQ.words[key] ? key : null;
		statusTail = statusKey ? (tail || "") : String(key);
		$("status").textContent = (statusKey ? CQ.t(statusKey) : "") + (statusTail ? (statusKey ? " " : "") + statusTail : "");
	}

	function relabel() {
		document.documentElement.lang = CQ.lang === "en" ? "en" : "zh-Hans";
		for (const e of document.querySelectorAll("[data-t]")) e.textContent = CQ.t(e.dataset.t);
		for (const e of document.querySelectorAll("[data-ph]")) e.placeholder = CQ.t(e.dataset.ph);
		if (statusKey) status(statusKey, statusTail);
		showTrust();
		redraw();
	}

	function showTrust() {
		const info = CQ.core && CQ.core.trustInfo();
		if (!info) return;
		$("trust-line").textContent = CQ.t("trust") + " " + CQ.t("version", { v: info.version }) + " · " + info.date +
			" · " + CQ.trustAge(info.date, Date.now());
		$("trust-line").dataset.version = info.version;
		$("test-root").hidden = !page.testRoot;
	}

	/* Verdicts of one input, newest input first. */
	function show(results) {
		current = results;
		redraw();
		const first = $("verdicts").firstElementChild;
		if (first && first.scrollIntoView) first.scrollIntoView({ block: "nearest" });
	}
	function redraw() {
		const box = $("verdicts");
		box.textContent = "";
		if (!names) return;
		const shown = [];
		for (const r of current) {
			if (!r.judged.length) {
				const p = document.createElement("section");
				p.className = "verdict none";
				p.dataset.status = "unreadable";
				const hint = r.scan && CQ.words.hint[r.scan.hint] ? CQ.words.hint[r.scan.hint][CQ.lang === "en" ? 1 : 0] : "";
				p.textContent = CQ.t("noCode") + " (" + r.source + ")" + (hint ? "：" + hint : "");
				box.append(p);
				continue;
			}
			for (const j of r.judged) {
				const v = JSON.parse(j);
				shown.push({ json: j, status: v.status, colour: CQ.colourOf(v), source: v.source });
				box.append(CQ.renderVerdict(v, names));
			}
		}
		page.verdicts = shown;
		if (shown.length) {
			body.dataset.status = shown[0].status;
			body.dataset.colour = shown[0].colour;
		} else {
			delete body.dataset.status;
			delete body.dataset.colour;
		}
		body.dataset.verdicts = String(shown.length);
	}

	/* Judges again (the holder's ID number changed): from the inputs kept
	 * in memory for this view only. */
	function rejudge() {
		for (const r of current) {
			if (r.text !== undefined) r.judged = [CQ.core.judgeBytes(r.text, r.source, holderId)];
			else if (r.scan && r.scan.codes) {
				/* codes of a file or frame: their texts as read (UTF-8 ones) */
				r.judged = r.scan.codes.map((c, i) => c.text !== null ? CQ.core.judgeText(c.text, r.source, holderId) : r.judged[i]);
			}
		}
		redraw();
	}

	/* A text from the USB scanner or pasted: judged as certqr-verify judges
	 * a line (trailing CR stripped). An 18-character ID number typed there
	 * fills the holder field instead, as at the kiosk. */
	let typed = 0;
	function typedLine(line) {
		line = line.replace(/\r+$/, "");
		if (!line.trim()) return;
		if (/^\d{17}[\dXx]$/.test(line.trim())) {
			$("holder").value = line.trim();
			holderId = line.trim();
			rejudge();
			return;
		}
		typed++;
		const bytes = new TextEncoder().encode(line);
		const t0 = performance.now();
		const j = CQ.core.judgeBytes(bytes, "scanner:" + typed, holderId);
		page.timings.judgeMs = performance.now() - t0;
		show([{ source: "scanner:" + typed, text: bytes, judged: [j] }]);
		setState("verdict");
	}

	async function readFiles(files) {
		for (const f of files) {
			if (f.size > CQ.MAX_FILE_BYTES) { status(f.name + ": > 64 MiB"); continue; }
			setState("working");
			status("working", f.name);
			const t0 = performance.now();
			try {
				const head = new Uint8Array(await f.slice(0, 4).arrayBuffer());
				const looksBundle = head[0] === 0x43 && head[1] === 0x51 && head[2] === 0x54 && head[3] === 0x42;
				if (looksBundle) { await installBundle(f); continue; }
				let res;
				if (CQ.isPdf(f, head)) {
					res = [];
					await CQ.readPdf(f, holderId, (r, p, n) => { res.push(r); status("working", f.name + " " + p + "/" + n); show(res.slice()); });
				} else res = await CQ.readImage(f, holderId);
				page.timings.fileMs = performance.now() - t0;
				show(res);
				status("ready");
				setState("verdict");
			} catch (e) {
				page.errors.push(String(e));
				status(f.name + ": " + e);
				setState("error");
			}
		}
	}

	async function installBundle(file) {
		const r = await CQ.updateTrust(CQ.core, new Uint8Array(await file.arrayBuffer()));
		page.lastBundle = r;
		const msg = r.result === "installed" ? CQ.t("trustInstalled", { v: r.version, date: r.date })
			: r.result === "already" ? CQ.t("trustAlready")
			: CQ.t("trustRefused", { why: CQ.lang === "en" ? r.why : r.why_zh + "（" + r.why + "）" });
		$("trust-msg").textContent = msg;
		$("trust-msg").dataset.result = r.result;
		showTrust();
		/* what is on screen was judged with the old bundle: judge it again */
		if (r.result === "installed") rejudge();
		setState("ready");
	}

	let camera = null;
	async function toggleCamera() {
		if (camera && camera.running()) {
			camera.stop();
			$("camera-box").hidden = true;
			$("camera").dataset.t = "camera";
			relabel();
			setState("ready");
			return;
		}
		camera = camera || new CQ.Camera($("video"), $("overlay"), onCameraCodes, (e) => page.errors.push(String(e)));
		try {
			$("camera-box").hidden = false;
			setState("camera");
			await camera.start();
			page.camera = camera.stats;
			$("camera").dataset.t = "cameraStop";
			$("torch").hidden = !camera.hasTorch();
			relabel();
		} catch (e) {
			$("camera-box").hidden = true;
			page.errors.push(String(e));
			status(String(e));
		}
	}
	let frames = 0;
	function onCameraCodes(r, t) {
		frames++;
		const res = CQ.judgeScan(r, "camera:" + frames, holderId);
		show([res]);
		page.timings.frameToVerdictMs = performance.now() - t.t0;
		page.timings.frames = (page.timings.frames || []).slice(-199).concat([page.timings.frameToVerdictMs]);
		page.timings.frameScanMs = t.scanned - t.t0;
		page.timings.frameSize = t.width + "x" + t.height;
		setState("verdict");
	}

	async function start() {
		const t0 = performance.now();
		const rootText = atob(document.getElementById("cq-root").textContent.trim());
		page.testRoot = /TEST-ONLY/.test(document.getElementById("cq-root").dataset.name || "");
		CQ.core = await CQ.loadCore();
		const why = CQ.core.init(rootText);
		if (why) throw new Error(why);
		names = CQ.core.names();
		const tr = await CQ.loadTrust(CQ.core);
		if (!tr.ok) throw new Error(tr.why);
		page.storedBundle = tr.stored;
		page.judgeBytes = (bytes, source, holder) => CQ.core.judgeBytes(bytes, source, holder);
		page.trustInfo = () => CQ.core.trustInfo();
		page.checkBundle = (bytes) => CQ.core.checkBundle(bytes);

		$("lang").onclick = () => { CQ.lang = CQ.lang === "en" ? "zh" : "en"; relabel(); };
		$("camera").onclick = toggleCamera;
		$("torch").onclick = async () => { $("torch").classList.toggle("on", await camera.toggleTorch()); };
		$("file").onchange = (e) => { readFiles(Array.from(e.target.files)); e.target.value = ""; };
		$("bundle-file").onchange = (e) => { if (e.target.files[0]) installBundle(e.target.files[0]); e.target.value = ""; };
		$("scanner").onkeydown = (e) => {
			if (e.key === "Enter") { e.preventDefault(); typedLine(e.target.value); e.target.value = ""; }
		};
		/* Judged again once the number is complete (or cleared), not at
		 * every keystroke; the number is kept in memory for this view only. */
		$("holder").oninput = (e) => {
			const v = e.target.value.trim(), next = v.length >= 18 || v.length === 0 ? v : "";
			if (next !== holderId) { holderId = next; rejudge(); }
		};
		/* A keyboard-wedge scanner types wherever the focus is: keys typed
		 * outside any field go to the scanner field. */
		document.addEventListener("keydown", (e) => {
			const a = document.activeElement;
			if (a && (a.tagName === "INPUT" || a.tagName === "TEXTAREA" || a.tagName === "BUTTON")) return;
			if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) $("scanner").focus();
		});
		document.addEventListener("dragover", (e) => { e.preventDefault(); body.classList.add("dragging"); });
		document.addEventListener("dragleave", () => body.classList.remove("dragging"));
		document.addEventListener("drop", (e) => {
			e.preventDefault();
			body.classList.remove("dragging");
			if (e.dataTransfer && e.dataTransfer.files.length) readFiles(Array.from(e.dataTransfer.files));
		});
		status("ready");
		relabel();
		page.timings.readyMs = performance.now() - t0;
		page.timings.sinceNavigationMs = performance.now();
		setState("ready");
		$("scanner").focus();
	}

	document.addEventListener("securitypolicyviolation", (e) => {
		page.errors.push("CSP: " + e.violatedDirective + " " + e.blockedURI);
		page.cspViolations = (page.cspViolations || 0) + 1;
	});
	page.ready = start().catch((e) => {
		page.errors.push(String(e && e.stack || e));
		status(String(e));
		setState("error");
	});
})();
