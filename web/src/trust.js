/* The trust bundle in use: the one embedded at build time, or a newer one
 * the user picked, kept in IndexedDB. Every bundle goes through the core's
 * cqw_bundle (root signature, strict decoding, no rollback), so the stored
 * copy is re-verified at every start and an older stored one is dropped.
 * Only the bundle is stored: no scan, no verdict, no ID number. */
"use strict";
window.CQ = window.CQ || {};

CQ.trustStore = (function () {
	const DB = "certqr-trust", STORE = "bundle", KEY = "current";
	function open() {
		return new Promise((resolve, reject) => {
			if (!window.indexedDB) return reject(new Error("no IndexedDB"));
			const r = indexedDB.open(DB, 1);
			r.onupgradeneeded = () => r.result.createObjectStore(STORE);
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
	}
	async function tx(mode, fn) {
		const db = await open();
		try {
			return await new Promise((resolve, reject) => {
				const t = db.transaction(STORE, mode);
				const r = fn(t.objectStore(STORE));
				t.oncomplete = () => resolve(r && r.result);
				t.onerror = () => reject(t.error);
			});
		} finally {
			db.close();
		}
	}
	return {
		async get() {
			try {
				const v = await tx("readonly", (s) => s.get(KEY));
				return v ? new Uint8Array(v) : null;
			} catch (e) {
				return null;   /* no storage (private mode): the embedded bundle */
			}
		},
		async put(bytes) {
			return tx("readwrite", (s) => s.put(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), KEY));
		},
		async clear() {
			try { await tx("readwrite", (s) => s.delete(KEY)); } catch (e) { /* nothing stored */ }
		},
	};
})();

/* Loads the embedded bundle, then a stored newer one if there is one.
 * Returns {ok, why, stored: "used"|"older"|"bad"|null}. */
CQ.loadTrust = async function (core) {
	const first = core.bundle(CQ.inlined("cq-bundle"), false);
	if (first.result !== "installed") return { ok: false, why: first.why };
	const saved = await CQ.trustStore.get();
	if (!saved) return { ok: true, stored: null };
	const r = core.bundle(saved, true);
	if (r.result === "installed") return { ok: true, stored: "used" };
	if (r.result === "already") return { ok: true, stored: "used" };
	/* Older than (or refused by) this page's own bundle: forget it. */
	await CQ.trustStore.clear();
	return { ok: true, stored: r.kind === "rollback" ? "older" : "bad" };
};

/* A bundle file the user picked: verified, no rollback; kept if accepted. */
CQ.updateTrust = async function (core, bytes) {
	const r = core.bundle(bytes, true);
	if (r.result === "installed") {
		try { await CQ.trustStore.put(bytes); } catch (e) { r.notKept = String(e); }
	}
	return r;
};

/* "8 天前更新": the bundle's age by the device clock. For display only:
 * the verdict never depends on the clock. */
CQ.trustAge = function (date, now) {
	const d = Date.parse(date + "T00:00:00Z");
	const days = Math.floor((now - d) / 86400000);
	if (days < 0) return CQ.t("updatedFuture");
	if (days === 0) return CQ.t("updatedToday");
	return CQ.t("updated", { d: days });
};
