/* One verdict as one JSON object. Schema: docs/trust.md, "JSON". Every
 * verifier prints through this function so they all emit identical JSON. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "certqr/utf8.h"
#include "certqr/verdict.h"

typedef struct { char *p; size_t cap, len; bool bad; } jbuf;

static void put(jbuf *j, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
static void put(jbuf *j, const char *fmt, ...)
{
	if (j->bad) return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(j->p + j->len, j->cap - j->len, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= j->cap - j->len) { j->bad = true; return; }
	j->len += (size_t)k;
}

long cq_json_string(const char *s, char *out, size_t cap)
{
	size_t o = 0;
	const unsigned char *u = (const unsigned char *)s;
#define EMIT(c) do { if (o + 1 >= cap) return -1; out[o++] = (char)(c); } while (0)
	EMIT('"');
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next(u + i, n - i, &cp);
		if (l < 0) { /* never emit invalid UTF-8: U+FFFD instead */
			const char *r = "\xEF\xBF\xBD";
			for (int k = 0; k < 3; k++) EMIT(r[k]);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\') { EMIT('\\'); EMIT(cp); }
		else if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029) {
			char esc[8];
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
			for (int k = 0; esc[k]; k++) EMIT(esc[k]);
		} else
			/* cq_utf8_next returned l <= n - i bytes, all initialised */
			for (int k = 0; k < l; k++) EMIT(u[i + (size_t)k]); /* NOLINT(clang-analyzer-core.uninitialized.Assign) */
		i += (size_t)l;
	}
	EMIT('"');
#undef EMIT
	out[o] = '\0';
	return (long)o;
}

static void str(jbuf *j, const char *s)
{
	if (j->bad) return;
	long k = cq_json_string(s, j->p + j->len, j->cap - j->len);
	if (k < 0) { j->bad = true; return; }
	j->len += (size_t)k;
}

static void key(jbuf *j, const char *k)
{
	str(j, k);
	put(j, ":");
}

static void date(jbuf *j, cq_date d)
{
	char b[11];
	cq_date_format(d, b);
	str(j, b);
}

static void cats(jbuf *j, uint16_t pub, uint16_t prof, uint16_t total, bool comp, uint16_t c)
{
	put(j, "{\"public\":%u,\"professional\":%u,\"total\":%u", pub, prof, total);
	if (comp) put(j, ",\"compulsory\":%u", c);
	put(j, "}");
}

long cq_verdict_json(const cq_verdict *v, const char *source, cq_holder holder, char *out, size_t cap)
{
	jbuf j = { out, cap, 0, cap == 0 };
	char kid[17];
	put(&j, "{");
	key(&j, "source"); str(&j, source ? source : "");
	put(&j, ",");
	key(&j, "status"); str(&j, cq_status_name(v->status));
	put(&j, ",");
	key(&j, "reason"); str(&j, v->reason);
	put(&j, ",");
	key(&j, "reason_zh"); str(&j, v->reason_zh);
	put(&j, ",");
	key(&j, "reason_code"); str(&j, v->reason_code);
	put(&j, ",");
	key(&j, "key_id");
	if (v->decoded) { cq_key_id_hex(v->key_id, kid); str(&j, kid); } else put(&j, "null");
	put(&j, ",");
	key(&j, "certificate");
	if (v->signed_ok) {
		const cq_record *r = &v->rec;
		put(&j, "{");
		key(&j, "name"); str(&j, r->name);
		put(&j, ",");
		key(&j, "id_hint"); str(&j, r->id_hint);
		put(&j, ",");
		key(&j, "number"); str(&j, r->number);
		put(&j, ",\"year\":%u,\"revision\":%u,\"hours\":", r->year, r->revision);
		cats(&j, r->hours_public, r->hours_professional, (uint16_t)cq_record_total(r), r->has_compulsory, r->hours_compulsory);
		put(&j, ",");
		key(&j, "reduction"); str(&j, cq_reduction_name(r->reduction));
		put(&j, ",\"months_at_post\":%u,\"issuer\":{", r->months_at_post);
		key(&j, "key_id"); str(&j, kid);
		put(&j, ",");
		key(&j, "bureau"); str(&j, v->have_issuer ? v->issuer.bureau : "");
		put(&j, ",\"region\":\"%06u\",", (unsigned)r->issuer_region);
		key(&j, "scope"); str(&j, v->have_issuer ? v->issuer.scope : "");
		put(&j, "},");
		key(&j, "issued"); date(&j, r->issued);
		put(&j, "}");
	} else
		put(&j, "null");
	if (v->status == CQ_ST_REVOKED) {
		put(&j, ",\"revocation\":{");
		key(&j, "reason"); str(&j, cq_revoke_reason_name(v->revoke_reason));
		put(&j, ",");
		key(&j, "reason_zh"); str(&j, cq_revoke_reason_name_zh(v->revoke_reason));
		put(&j, "}");
	}
	if (v->status == CQ_ST_SUPERSEDED) put(&j, ",\"latest_revision\":%u", v->latest_revision);
	if (v->key_date_known && (v->status == CQ_ST_KEY_COMPROMISED || v->status == CQ_ST_OUTSIDE_KEY_WINDOW)) {
		put(&j, ",");
		key(&j, v->status == CQ_ST_KEY_COMPROMISED ? "key_compromised_since" : "key_retired_on");
		date(&j, v->key_date);
	}
	put(&j, ",");
	key(&j, "compliance");
	const cq_compliance *c = &v->compliance;
	if (v->status == CQ_ST_AUTHENTIC && v->have_compliance && c->known) {
		bool comp = c->rule.compulsory > 0;
		put(&j, "{\"met\":%s,\"aid_credit\":%s,\"rule\":{\"from\":%u,\"to\":", c->met ? "true" : "false",
		    c->aid_credit ? "true" : "false", c->rule.from);
		if (c->rule.to == CQ_RULE_OPEN) put(&j, "null"); else put(&j, "%u", c->rule.to);
		put(&j, ",");
		key(&j, "region"); str(&j, c->rule.region);
		put(&j, "},\"required\":");
		cats(&j, c->req_pub, c->req_prof, c->req_total, comp, c->req_comp);
		put(&j, ",\"shortfall\":");
		cats(&j, c->short_pub, c->short_prof, c->short_total, comp, c->short_comp);
		put(&j, "}");
	} else if (v->status == CQ_ST_AUTHENTIC && v->have_compliance) {
		/* No rule for the year and region: the same keys, nothing to judge by. */
		put(&j, "{\"met\":null,\"aid_credit\":%s,\"rule\":null,\"required\":null,\"shortfall\":null}",
		    c->aid_credit ? "true" : "false");
	} else
		put(&j, "null");
	if (holder != CQ_HOLDER_NOT_CHECKED) {
		put(&j, ",");
		key(&j, "holder"); str(&j, cq_holder_name(holder));
	}
	put(&j, ",\"trust\":{\"version\":%u,\"date\":", (unsigned)v->trust_version);
	date(&j, v->trust_date);
	put(&j, "}}");
	if (j.bad) {
		if (cap) out[0] = '\0';
		return -1;
	}
	return (long)j.len;
}
