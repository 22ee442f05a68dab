/* The page's side of the core (web/, docs/web.md): what certqr-verify does
 * with a trust store and a QR text, behind a few functions that JavaScript
 * calls. Built only with emscripten. No I/O and no clock, like lib/: the
 * page hands bytes over and gets JSON back, made by the same functions
 * (cq_judge, cq_verdict_json) as every other verifier's.
 *
 * One page, one thread: the state (root key, trust, scanners, the last scan)
 * is file-static, and every returned string lives until the next call. */
#include <emscripten/emscripten.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/certqr.h"
#include "certqr/scan.h"
#include "certqr/trust.h"
#include "certqr/verdict.h"
#include "certqr_web.h"

#define OUT_MAX (CQ_VERDICT_JSON_MAX + 1024)
#define KEEP EMSCRIPTEN_KEEPALIVE

static char out[OUT_MAX];
static cq_pubkey root;
static bool have_root;
static cq_trust *trust;
static uint8_t *trust_bytes;    /* the bundle in use, for "already installed" */
static size_t trust_len;
static cq_scan *scanners[3];    /* one per cq_scan_effort */
static cq_scan_result last;     /* the last scan, judged by index */
static uint8_t *grey;
static size_t grey_cap;

/* A JSON string of `s`, or null when it is not valid UTF-8. */
static const char *jstr(const char *s, char *buf, size_t cap)
{
	return cq_json_string(s, buf, cap) < 0 ? "null" : buf;
}

/* Takes the province root's public key file (text). Returns "" or why not. */
KEEP const char *cqw_init(const char *text, size_t n)
{
	cq_err e;
	if (cq_init()) return "libsodium failed to initialise";
	if (cq_pubkey_decode_text(text, n, &root, &e)) {
		snprintf(out, sizeof out, "root key: %s", e.msg);
		return out;
	}
	if (root.role != CQ_ROLE_ROOT) return "root key: not a root key";
	have_root = true;
	return "";
}

static const char *refusal_zh(const char *kind)
{
	if (!strcmp(kind, "bad_signature")) return "签名无效，信任包可能被篡改";
	if (!strcmp(kind, "foreign_root")) return "不是本省根密钥签发的信任包";
	if (!strcmp(kind, "rollback")) return "版本不比当前的新（拒绝回退）";
	if (!strcmp(kind, "unknown_format")) return "信任包格式版本过新，本页无法读取";
	if (!strcmp(kind, "malformed")) return "信任包内容不合规";
	return "不是信任包文件";
}

static const char *bundle_answer(const char *result, const char *kind, const char *code, const char *why,
                                 const cq_bundle_header *h)
{
	char w[600], d[11] = "";
	if (h) cq_date_format(h->date, d);
	snprintf(out, sizeof out,
	         "{\"result\":\"%s\",\"kind\":%s%s%s,\"reason_code\":%s%s%s,\"why\":%s,\"why_zh\":\"%s\","
	         "\"version\":%u,\"date\":%s%s%s}",
	         result, kind ? "\"" : "", kind ? kind : "null", kind ? "\"" : "", code ? "\"" : "", code ? code : "null",
	         code ? "\"" : "", jstr(why, w, sizeof w), kind ? refusal_zh(kind) : "", h ? (unsigned)h->version : 0u,
	         h ? "\"" : "", h ? d : "null", h ? "\"" : "");
	return out;
}

/* Verifies `b` against the root. CQW_BUNDLE_CHECK only answers; LOAD makes
 * it the bundle in use; UPDATE does so under the store's rollback rule
 * (cq_bundle_update_check: an older version, or the same version with other
 * bytes, is refused; identical bytes are "already"), as cq_store_install does
 * for a store directory. A refusal names the class of cq_bundle_refusal
 * ("bad_signature", "foreign_root", "malformed", ...) or "rollback", and the
 * reason code. The bundle in use stays when refused. Returns
 * {"result":"ok"|"installed"|"already"|"refused","kind","reason_code","why",
 * "why_zh","version","date"}. */
KEEP const char *cqw_bundle(const uint8_t *b, size_t n, int mode)
{
	cq_err e;
	cq_trust *t = NULL;
	cq_bundle_header nh;
	char why[400];
	if (!have_root) return bundle_answer("refused", "not_a_bundle", "root", "no root key", NULL);
	if (n > CQ_BUNDLE_MAX_BYTES) return bundle_answer("refused", "malformed", "length", "larger than 16 MiB", NULL);
	if (cq_trust_decode(b, n, &root, &t, &e)) {
		const char *kind = cq_bundle_refusal(e.code);
		snprintf(why, sizeof why, "refused, %s: %s", !strcmp(kind, "bad_signature") ? "bad signature"
		         : !strcmp(kind, "foreign_root") ? "foreign root" : "not a valid trust bundle", e.msg);
		return bundle_answer("refused", kind, e.field[0] ? e.field : "format", why, NULL);
	}
	cq_bundle_peek(b, n, &nh, NULL);
	if (mode == CQW_BUNDLE_CHECK) {
		cq_trust_free(t);
		return bundle_answer("ok", NULL, "ok", "", &nh);
	}
	if (mode == CQW_BUNDLE_UPDATE && trust) {
		switch (cq_bundle_update_check(trust_bytes, trust_len, b, n, root.id, why)) {
		case CQ_UPDATE_SAME:
			cq_trust_free(t);
			return bundle_answer("already", NULL, NULL, why, &nh);
		case CQ_UPDATE_ROLLBACK:
			cq_trust_free(t);
			return bundle_answer("refused", "rollback", "rollback", why, &nh);
		case CQ_UPDATE_NEWER:
			break;
		}
	}
	uint8_t *copy = malloc(n ? n : 1);
	if (!copy) {
		cq_trust_free(t);
		return bundle_answer("refused", "malformed", "memory", "out of memory", NULL);
	}
	memcpy(copy, b, n);
	cq_trust_free(trust);
	free(trust_bytes);
	trust = t;
	trust_bytes = copy;
	trust_len = n;
	snprintf(why, sizeof why, "installed trust bundle version %u", (unsigned)nh.version);
	return bundle_answer("installed", NULL, NULL, why, &nh);
}

/* The bundle in use: {"version","date","root","delegations","revoked","superseded"}. */
KEEP const char *cqw_trust_info(void)
{
	char d[11], kid[17];
	if (!trust) return "null";
	cq_date_format(cq_trust_date(trust), d);
	cq_key_id_hex(cq_trust_root_id(trust), kid);
	snprintf(out, sizeof out, "{\"version\":%u,\"date\":\"%s\",\"root\":\"%s\",\"delegations\":%zu,\"revoked\":%zu,\"superseded\":%zu}",
	         (unsigned)cq_trust_version(trust), d, kid, cq_trust_delegation_count(trust), cq_trust_revoked_count(trust),
	         cq_trust_superseded_count(trust));
	return out;
}

static const char *judge(const char *text, size_t n, const char *source, const char *holder_id)
{
	cq_verdict v;
	if (!trust) return "null";
	if (cq_judge(trust, text, n, &v)) return "null";
	cq_holder h = holder_id && *holder_id ? cq_verdict_holder(&v, holder_id) : CQ_HOLDER_NOT_CHECKED;
	if (cq_verdict_json(&v, source, h, out, sizeof out) < 0) return "null";
	return out;
}

/* The verdict on one QR text, exactly as `certqr-verify --json` prints it
 * for the same source name (and --holder-id when `holder_id` is not empty). */
KEEP const char *cqw_judge(const char *text, size_t n, const char *source, const char *holder_id)
{
	return judge(text, n, source, holder_id);
}

/* Finds QR codes in an RGBA image (a canvas's pixels) with lib/scan, at
 * `effort` (0 fast: camera frames; 2 thorough: files). Returns {"n",
 * "hint","codes":[{"text","x","y","step","too_long"}]}; "text" is null when
 * the code is not UTF-8 (it is judged all the same, by cqw_judge_code). */
KEEP const char *cqw_scan(const uint8_t *rgba, unsigned w, unsigned h, int effort)
{
	if (effort < 0 || effort > 2 || !w || !h || w > CQ_SCAN_MAX_SIDE || h > CQ_SCAN_MAX_SIDE ||
	    (size_t)w * h > CQ_SCAN_MAX_PIXELS)
		return "null";
	if (!scanners[effort]) {
		/* zbar only: zxing-cpp is not built into the page (web/src/zxing_absent.c) */
		cq_scan_opts o = {(cq_scan_effort)effort, 0, effort == CQ_SCAN_THOROUGH, CQ_ENGINE_ZBAR};
		if (!(scanners[effort] = cq_scan_new(&o))) return "null";
	}
	size_t px = (size_t)w * h;
	if (px > grey_cap) {
		uint8_t *g = realloc(grey, px);
		if (!g) return "null";
		grey = g;
		grey_cap = px;
	}
	/* The weights of cq_scan_rgb_to_grey, for four bytes a pixel. */
	for (size_t i = 0; i < px; i++, rgba += 4)
		grey[i] = (uint8_t)((77u * rgba[0] + 150u * rgba[1] + 29u * rgba[2] + 128) >> 8);
	if (cq_scan_grey(scanners[effort], grey, w, h, w, &last)) {
		last.n = 0;
		return "null";
	}
	size_t o = (size_t)snprintf(out, sizeof out, "{\"n\":%zu,\"hint\":\"%s\",\"codes\":[", last.n,
	                            cq_scan_hint_name(last.hint));
	for (size_t i = 0; i < last.n && o < sizeof out; i++) {
		const cq_scan_code *c = &last.codes[i];
		char t[CQ_SCAN_TEXT_MAX * 6 + 8];
		bool utf8 = memchr(c->text, 0, c->len) == NULL && cq_json_string(c->text, t, sizeof t) >= 0;
		o += (size_t)snprintf(out + o, sizeof out - o,
		                      "%s{\"text\":%s,\"x\":[%d,%d,%d,%d],\"y\":[%d,%d,%d,%d],\"step\":\"%s\",\"too_long\":%zu}",
		                      i ? "," : "", utf8 ? t : "null", c->x[0], c->x[1], c->x[2], c->x[3], c->y[0], c->y[1],
		                      c->y[2], c->y[3], cq_scan_step_name(c->step), c->too_long ? c->full_len : 0);
	}
	if (o + 3 > sizeof out) return "null";
	memcpy(out + o, "]}", 3);
	return out;
}

/* The verdict on code `i` of the last scan (its bytes, whatever they are). */
KEEP const char *cqw_judge_code(unsigned i, const char *source, const char *holder_id)
{
	if (i >= last.n) return "null";
	return judge(last.codes[i].text, last.codes[i].len, source, holder_id);
}

static size_t names(char *o, size_t cap, const char *key, unsigned n, const char *(*id)(unsigned),
                    const char *(*zh)(unsigned), const char *(*en)(unsigned))
{
	size_t k = (size_t)snprintf(o, cap, "\"%s\":{", key);
	for (unsigned i = 0; i < n && k < cap; i++)
		k += (size_t)snprintf(o + k, cap - k, "%s\"%s\":{\"zh\":\"%s\",\"en\":\"%s\"}", i ? "," : "", id(i), zh(i), en(i));
	if (k < cap) k += (size_t)snprintf(o + k, cap - k, "}");
	return k;
}

static const char *st_id(unsigned i) { return cq_status_name((cq_status)i); }
static const char *st_zh(unsigned i) { return cq_status_title_zh((cq_status)i); }
static const char *st_en(unsigned i) { return cq_status_title((cq_status)i); }
static const char *ho_id(unsigned i) { return cq_holder_name((cq_holder)(i + 1)); }
static const char *ho_zh(unsigned i) { return cq_holder_name_zh((cq_holder)(i + 1)); }
static const char *ho_en(unsigned i) { return cq_holder_name((cq_holder)(i + 1)); }
static const char *re_id(unsigned i) { return cq_reduction_name(i); }

/* The names the page shows, from the core's own tables: statuses' titles,
 * holder results and art. 8 reductions, in Chinese and English. */
KEEP const char *cqw_names(void)
{
	size_t k = 1;
	out[0] = '{';
	k += names(out + k, sizeof out - k, "status", CQ_ST_COUNT_, st_id, st_zh, st_en);
	out[k++] = ',';
	k += names(out + k, sizeof out - k, "holder", CQ_HOLDER_NO_CERTIFICATE, ho_id, ho_zh, ho_en);
	out[k++] = ',';
	k += names(out + k, sizeof out - k, "reduction", CQ_RED_COUNT_, re_id, cq_reduction_name_zh, cq_reduction_name);
	if (k + 2 > sizeof out) return "null";
	memcpy(out + k, "}", 2);
	return out;
}
