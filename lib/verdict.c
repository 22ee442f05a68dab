/* The verdict on one scanned text. Order of checks and the meaning of each
 * status: docs/trust.md, "Verdict". Uses only signed dates, never a clock. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "certqr/verdict.h"

static const struct { const char *name, *title, *zh; } st[CQ_ST_COUNT_] = {
	[CQ_ST_AUTHENTIC] = {"authentic", "AUTHENTIC", "真实有效"},
	[CQ_ST_FORGED] = {"forged", "FORGED", "伪造（签名不符）"},
	[CQ_ST_UNKNOWN_ISSUER] = {"unknown_issuer", "UNKNOWN ISSUER", "签发机关未知"},
	[CQ_ST_OUT_OF_SCOPE] = {"out_of_scope", "OUT OF SCOPE", "超出签发范围"},
	[CQ_ST_OUTSIDE_KEY_WINDOW] = {"outside_key_window", "OUTSIDE KEY WINDOW", "不在签发密钥有效期内"},
	[CQ_ST_KEY_COMPROMISED] = {"key_compromised", "KEY COMPROMISED", "签发密钥已泄露"},
	[CQ_ST_REVOKED] = {"revoked", "REVOKED", "已撤销"},
	[CQ_ST_SUPERSEDED] = {"superseded", "SUPERSEDED", "已被新版本取代"},
	[CQ_ST_MALFORMED] = {"malformed", "MALFORMED", "格式错误"},
	[CQ_ST_NOT_A_CERTIFICATE] = {"not_a_certificate", "NOT A CERTIFICATE", "不是继续教育证书二维码"},
	[CQ_ST_UNKNOWN_VERSION] = {"unknown_version", "UNKNOWN VERSION", "版本不受支持"},
};

const char *cq_status_name(cq_status s) { return (unsigned)s < CQ_ST_COUNT_ ? st[s].name : "?"; }
const char *cq_status_title(cq_status s) { return (unsigned)s < CQ_ST_COUNT_ ? st[s].title : "?"; }
const char *cq_status_title_zh(cq_status s) { return (unsigned)s < CQ_ST_COUNT_ ? st[s].zh : "?"; }

int cq_status_parse(const char *name)
{
	for (int i = 0; i < CQ_ST_COUNT_; i++)
		if (!strcmp(name, st[i].name)) return i;
	return -1;
}

static const char *const holder_names[] = {"not_checked", "match", "mismatch", "invalid_id", "no_certificate"};
static const char *const holder_zh[] = {"未核对", "一致", "不一致", "身份证号码无效", "无可核对的证书"};
const char *cq_holder_name(cq_holder h) { return (unsigned)h <= CQ_HOLDER_NO_CERTIFICATE ? holder_names[h] : "?"; }
const char *cq_holder_name_zh(cq_holder h) { return (unsigned)h <= CQ_HOLDER_NO_CERTIFICATE ? holder_zh[h] : "?"; }

cq_holder cq_verdict_holder(const cq_verdict *v, const char *id)
{
	if (!id || !*id) return CQ_HOLDER_NOT_CHECKED;
	if (!v->signed_ok) return CQ_HOLDER_NO_CERTIFICATE;
	if (cq_idnum_validate(id, NULL)) return CQ_HOLDER_INVALID_ID;
	return cq_record_id_matches(&v->rec, id) ? CQ_HOLDER_MATCH : CQ_HOLDER_MISMATCH;
}

static void say(cq_verdict *v, cq_status s, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
static void say(cq_verdict *v, cq_status s, const char *code, const char *fmt, ...)
{
	va_list ap;
	v->status = s;
	snprintf(v->reason_code, sizeof v->reason_code, "%s", code);
	va_start(ap, fmt);
	vsnprintf(v->reason, sizeof v->reason, fmt, ap);
	va_end(ap);
}

static void zh(cq_verdict *v, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
static void zh(cq_verdict *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->reason_zh, sizeof v->reason_zh, fmt, ap);
	va_end(ap);
}

int cq_judge(const cq_trust *t, const char *text, size_t n, cq_verdict *v)
{
	if (!v) return -1;
	memset(v, 0, sizeof *v);
	if (!t || !text) {
		/* a zeroed verdict would read authentic (status 0): never that */
		say(v, CQ_ST_MALFORMED, "format", "nothing to judge: no trust bundle or no text");
		zh(v, "无法核验：没有信任包或没有内容");
		return -1;
	}
	v->trust_version = cq_trust_version(t);
	v->trust_date = cq_trust_date(t);

	cq_payload p;
	cq_err e;
	if (cq_qrtext_decode(text, n, &p, &e)) {
		/* The decoders name the broken rule in e.field: it is the reason code. */
		const char *code = e.field[0] ? e.field : "format";
		if (e.code == CQ_E_NOT_CERTQR) {
			say(v, CQ_ST_NOT_A_CERTIFICATE, code, "this is not a certqr certificate code (no \"CQ1:\" prefix)");
			zh(v, "这不是继续教育证书的二维码（没有“CQ1:”前缀）");
		} else if (e.code == CQ_E_VERSION) {
			say(v, CQ_ST_UNKNOWN_VERSION, code, "a certqr code in a format this verifier does not read (%s): update the verifier",
			    e.msg);
			zh(v, "证书二维码的格式版本不受本核验程序支持（%s），请更新核验软件", e.msg);
		} else {
			say(v, CQ_ST_MALFORMED, code, "looks like a certqr code but is not well-formed: %s: %s", code, e.msg);
			/* the length rule: too much (CQ_E_LIMIT) or too little */
			const char *why = !strcmp(code, "length") ? (e.code == CQ_E_LIMIT ? "签名之后有多余的数据或内容过长" : "数据不完整（被截断）")
			                : !strcmp(code, "base45") ? "不是有效的 base45 编码"
			                : e.code == CQ_E_FIELD ? "某个字段不符合证书规则"
			                : "数据结构不正确";
			zh(v, "看似证书二维码，但格式不正确：%s（%s: %s）", why, code, e.msg);
		}
		return 0;
	}
	v->decoded = true;
	v->rec = p.rec;
	memcpy(v->key_id, p.key_id, CQ_KEY_ID_BYTES);
	char kid[17];
	cq_key_id_hex(p.key_id, kid);

	/* A bundle holds at most one delegation per key (docs/trust.md). */
	const cq_delegation *d = cq_trust_find_delegation(t, p.key_id);
	if (!d) {
		say(v, CQ_ST_UNKNOWN_ISSUER, "no_delegation", "signed by key %s, which no delegation in trust bundle %u names", kid,
		    (unsigned)v->trust_version);
		zh(v, "签名密钥 %s 不在信任包（第 %u 版）的授权名单中，无法确认签发机关", kid, (unsigned)v->trust_version);
		return 0;
	}
	if (cq_payload_verify(&p, d->issuer.pk) != 0) {
		say(v, CQ_ST_FORGED, "signature", "the signature does not match the certificate data (altered or forged); claimed key %s", kid);
		zh(v, "签名与证书内容不符：证书内容被篡改或伪造（声称的密钥 %s）", kid);
		return 0;
	}
	v->signed_ok = true;
	bool prefix_ok = cq_delegation_covers_number(d, p.rec.number);
	bool scope_ok = prefix_ok && d->region == p.rec.issuer_region;
	bool window_ok = cq_delegation_covers_date(d, p.rec.issued);
	v->have_issuer = true;
	v->issuer = *d;
	const cq_rules *rules = cq_trust_rules(t);
	cq_rules_check(rules, &p.rec, &v->compliance);
	v->have_compliance = true;

	char day[11], a[11], b[11];
	cq_date_format(p.rec.issued, day);
	const cq_key_status *ks = cq_trust_key_status(t, p.key_id);
	if (ks && ks->state == CQ_KEY_COMPROMISED &&
	    (!ks->has_date || cq_date_cmp(p.rec.issued, ks->date) >= 0)) {
		v->key_date_known = ks->has_date;
		v->key_date = ks->date;
		if (ks->has_date) {
			cq_date_format(ks->date, a);
			say(v, CQ_ST_KEY_COMPROMISED, "compromised_since", "the key of %s (%s) is compromised since %s; this certificate is dated %s",
			    d->bureau, kid, a, day);
			zh(v, "%s 的签发密钥（%s）自 %s 起已泄露，本证书签发日期为 %s，不予采信", d->bureau, kid, a, day);
		} else {
			say(v, CQ_ST_KEY_COMPROMISED, "compromised", "the key of %s (%s) is compromised; nothing it signed is trusted", d->bureau, kid);
			zh(v, "%s 的签发密钥（%s）已泄露，其签发的证书均不予采信", d->bureau, kid);
		}
		return 0;
	}
	if (!scope_ok) {
		char num_region[7];
		snprintf(num_region, sizeof num_region, "%06u", (unsigned)p.rec.issuer_region);
		say(v, CQ_ST_OUT_OF_SCOPE, prefix_ok ? "region" : "scope", "%s (key %s) may sign certificate numbers %s… for region %06u; this certificate is %s, region %s",
		    d->bureau, kid, d->scope, (unsigned)d->region, p.rec.number, num_region);
		zh(v, "%s（密钥 %s）只能签发管理号以 %s 开头、地区 %06u 的证书；本证书管理号 %s，地区 %s，超出其签发范围",
		   d->bureau, kid, d->scope, (unsigned)d->region, p.rec.number, num_region);
		return 0;
	}
	cq_date_format(d->first, a);
	cq_date_format(d->last, b);
	if (!window_ok) {
		say(v, CQ_ST_OUTSIDE_KEY_WINDOW, "window", "issued %s, outside the window %s to %s of the key of %s (%s)", day, a, b, d->bureau, kid);
		zh(v, "签发日期 %s 不在 %s 签发密钥（%s）的有效期 %s 至 %s 内", day, d->bureau, kid, a, b);
		return 0;
	}
	if (ks && ks->state == CQ_KEY_RETIRED && cq_date_cmp(p.rec.issued, ks->date) > 0) {
		v->key_date_known = true;
		v->key_date = ks->date;
		cq_date_format(ks->date, a);
		say(v, CQ_ST_OUTSIDE_KEY_WINDOW, "retired", "issued %s, after the key of %s (%s) was retired on %s", day, d->bureau, kid, a);
		zh(v, "签发日期 %s 晚于 %s 签发密钥（%s）的停用日期 %s", day, d->bureau, kid, a);
		return 0;
	}
	cq_revocation rv;
	if (cq_trust_is_revoked(t, p.rec.number, p.rec.year, p.rec.revision, &rv)) {
		v->revoke_reason = rv.reason;
		say(v, CQ_ST_REVOKED, rv.revision ? "revision" : "all_revisions", "certificate %s for %u (revision %u) was revoked: %s", p.rec.number, p.rec.year,
		    p.rec.revision, cq_revoke_reason_name(rv.reason));
		zh(v, "%u 年度证书 %s（第 %u 版）已被撤销，原因：%s", p.rec.year, p.rec.number, p.rec.revision,
		   cq_revoke_reason_name_zh(rv.reason));
		return 0;
	}
	uint8_t latest = cq_trust_latest_revision(t, p.rec.number, p.rec.year);
	if (latest > p.rec.revision) {
		v->latest_revision = latest;
		say(v, CQ_ST_SUPERSEDED, "later_revision", "certificate %s for %u is revision %u; revision %u replaces it", p.rec.number,
		    p.rec.year, p.rec.revision, latest);
		zh(v, "%u 年度证书 %s 为第 %u 版，已被第 %u 版取代，请出示最新版本", p.rec.year, p.rec.number,
		   p.rec.revision, latest);
		return 0;
	}
	say(v, CQ_ST_AUTHENTIC, "ok", "signed by %s (key %s), within its scope %s… and window %s to %s", d->bureau, kid,
	    d->scope, a, b);
	zh(v, "由%s签发（密钥 %s），在其授权范围（%s…）和有效期（%s 至 %s）内，签名有效", d->bureau, kid, d->scope, a, b);
	return 0;
}
