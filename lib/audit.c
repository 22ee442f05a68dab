/* Hash-chained, device-signed audit log lines (certqr/audit.h). Pure. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "ctxmsg.h"
#include "certqr/audit.h"
#include "certqr/date.h"

static const char audit_ctx[] = "certqr/audit/v2";   /* hashed with its NUL */
static const char header_tag[] = "certqr-audit v2 ";
static const char anchor_tag[] = "certqr-audit-anchor v2 ";
#define HASH_HEX (2 * CQ_AUDIT_HASH_BYTES)
#define SIG_HEX (2 * CQ_SIG_BYTES)
/* " h=<64 hex> s=<128 hex>" after the text of every line */
#define TAIL (3 + HASH_HEX + 3 + SIG_HEX)

static void chain_hash(const uint8_t prev[CQ_AUDIT_HASH_BYTES], const char *line, size_t n,
                       uint8_t out[CQ_AUDIT_HASH_BYTES])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, CQ_AUDIT_HASH_BYTES);
	crypto_generichash_update(&st, (const uint8_t *)audit_ctx, sizeof audit_ctx);
	crypto_generichash_update(&st, prev, CQ_AUDIT_HASH_BYTES);
	crypto_generichash_update(&st, (const uint8_t *)line, n);
	crypto_generichash_final(&st, out, CQ_AUDIT_HASH_BYTES);
}

static void hex(const uint8_t *b, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[b[i] >> 4];
		out[2 * i + 1] = d[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Lower-case hex only, exactly 2n characters. */
static int unhex(const char *s, size_t len, uint8_t *out, size_t n)
{
	if (len != 2 * n) return -1;
	for (size_t i = 0; i < 2 * n; i++) {
		char c = s[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (v < 0) return -1;
		if (i % 2 == 0) out[i / 2] = (uint8_t)(v << 4);
		else out[i / 2] |= (uint8_t)v;
	}
	return 0;
}

static bool key_char(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }
static bool value_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == ':' || c == '+' || c == '/' || c == '-';
}

bool cq_audit_time_valid(const char *t)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 0; i < sizeof shape - 1; i++) {
		if (!t[i]) return false;
		if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i]) return false;
	}
	if (t[sizeof shape - 1]) return false;
	char date[11];
	memcpy(date, t, 10);
	date[10] = '\0';
	cq_date d;
	if (cq_date_parse(date, &d)) return false;
	int hh = (t[11] - '0') * 10 + t[12] - '0', mm = (t[14] - '0') * 10 + t[15] - '0',
	    ss = (t[17] - '0') * 10 + t[18] - '0';
	return hh < 24 && mm < 60 && ss < 60;
}

void cq_audit_time_format(int64_t s, char buf[CQ_AUDIT_TIME_LEN + 1])
{
	int64_t days = s / 86400, rem = s % 86400;
	if (rem < 0) { rem += 86400; days--; }
	cq_date d = cq_date_from_days((int32_t)days);
	snprintf(buf, CQ_AUDIT_TIME_LEN + 1, "%04u-%02u-%02uT%02d:%02d:%02dZ", (unsigned)d.y % 10000u,
	         (unsigned)d.m % 100u, (unsigned)d.d % 100u, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
}

/* Checks a fields string: tokens key=value separated by single spaces. */
static int check_fields(const char *f, cq_err *e)
{
	size_t count = 0;
	const char *p = f;
	if (!*p) return 0;
	for (;;) {
		size_t k = 0, v = 0;
		while (key_char(p[k])) k++;
		if (k == 0 || k > CQ_AUDIT_KEY_MAX || p[k] != '=')
			return cq_fail(e, CQ_E_FIELD, "fields", "field %zu: key must be [a-z_]{1,%d} followed by '='",
			               count + 1, CQ_AUDIT_KEY_MAX);
		p += k + 1;
		while (value_char(p[v])) v++;
		if (v == 0 || v > CQ_AUDIT_VALUE_MAX)
			return cq_fail(e, CQ_E_FIELD, "fields", "field %zu: value must be 1 to %d characters of [A-Za-z0-9._:+/-]",
			               count + 1, CQ_AUDIT_VALUE_MAX);
		p += v;
		if (++count > CQ_AUDIT_FIELDS_MAX)
			return cq_fail(e, CQ_E_LIMIT, "fields", "more than %d fields", CQ_AUDIT_FIELDS_MAX);
		if (!*p) return 0;
		if (*p != ' ' || !p[1])
			return cq_fail(e, CQ_E_FIELD, "fields", "field %zu: fields are separated by one space", count);
		p++;
	}
}

static int sign_hash(const cq_audit_signer *s, const char *ctx, const uint8_t *msg, size_t n,
                     uint8_t sig[CQ_SIG_BYTES], cq_err *e)
{
	cq_ctxmsg m;
	if (!s || !s->sign) return cq_fail(e, CQ_E_CRYPTO, "s", "no device key to sign with");
	if (cq_ctxmsg_make(&m, ctx, msg, n)) return cq_fail(e, CQ_E_NOMEM, "s", "out of memory");
	int rc = s->sign(s->ctx, m.p, m.n, sig);
	cq_ctxmsg_free(&m);
	return rc ? cq_fail(e, CQ_E_CRYPTO, "s", "the device key could not sign") : 0;
}

int cq_audit_seal(const uint8_t prev[CQ_AUDIT_HASH_BYTES], const cq_audit_signer *s, char *out, size_t n,
                  size_t cap, uint8_t head[CQ_AUDIT_HASH_BYTES], cq_err *e)
{
	if (n > CQ_AUDIT_LINE_MAX - TAIL || cap < n + TAIL + 2)
		return cq_fail(e, CQ_E_LIMIT, "line", "audit line longer than %d bytes", CQ_AUDIT_LINE_MAX);
	uint8_t h[CQ_AUDIT_HASH_BYTES], sig[CQ_SIG_BYTES];
	chain_hash(prev, out, n, h);
	if (sign_hash(s, CQ_CTX_AUDIT_RECORD, h, sizeof h, sig, e)) return -1;
	memcpy(out + n, " h=", 3);
	hex(h, sizeof h, out + n + 3);
	memcpy(out + n + 3 + HASH_HEX, " s=", 3);
	hex(sig, sizeof sig, out + n + 6 + HASH_HEX);
	out[n + TAIL] = '\n';
	out[n + TAIL + 1] = '\0';
	memcpy(head, h, sizeof h);
	return 0;
}

int cq_audit_header(const uint8_t log_id[CQ_AUDIT_LOGID_BYTES], const char *created, const cq_audit_signer *s,
                    cq_audit_chain *c, char *out, size_t cap, cq_err *e)
{
	if (!cq_audit_time_valid(created))
		return cq_fail(e, CQ_E_FIELD, "time", "time must be YYYY-MM-DDTHH:MM:SSZ");
	if (!s) return cq_fail(e, CQ_E_CRYPTO, "s", "no device key to sign with");
	char id[2 * CQ_AUDIT_LOGID_BYTES + 1], dev[2 * CQ_KEY_ID_BYTES + 1];
	hex(log_id, CQ_AUDIT_LOGID_BYTES, id);
	hex(s->device_id, CQ_KEY_ID_BYTES, dev);
	int n = snprintf(out, cap, "%slog=%s created=%s device=%s", header_tag, id, created, dev);
	if (n < 0 || (size_t)n >= cap) return cq_fail(e, CQ_E_LIMIT, "line", "buffer too small");
	static const uint8_t zero[CQ_AUDIT_HASH_BYTES];
	cq_audit_chain nc = {0};
	memcpy(nc.log_id, log_id, CQ_AUDIT_LOGID_BYTES);
	memcpy(nc.device_id, s->device_id, CQ_KEY_ID_BYTES);
	if (cq_audit_seal(zero, s, out, (size_t)n, cap, nc.head, e)) return -1;
	*c = nc;
	return 0;
}

int cq_audit_append(cq_audit_chain *c, const cq_audit_signer *s, const char *time, const char *type,
                    const char *fields, char *out, size_t cap, cq_err *e)
{
	if (!cq_audit_time_valid(time))
		return cq_fail(e, CQ_E_FIELD, "time", "time must be YYYY-MM-DDTHH:MM:SSZ");
	size_t t = 0;
	while (key_char(type[t])) t++;
	if (t == 0 || t > CQ_AUDIT_TYPE_MAX || type[t] || !strcmp(type, "header"))
		return cq_fail(e, CQ_E_FIELD, "type", "record type must be [a-z_]{1,%d} and not 'header'", CQ_AUDIT_TYPE_MAX);
	if (check_fields(fields, e)) return -1;
	if (c->count == UINT64_MAX) return cq_fail(e, CQ_E_LIMIT, "seq", "log full");
	int n = snprintf(out, cap, "%llu %s %s%s%s", (unsigned long long)c->count + 1, time, type,
	                 *fields ? " " : "", fields);
	if (n < 0 || (size_t)n >= cap || n > CQ_AUDIT_LINE_MAX)
		return cq_fail(e, CQ_E_LIMIT, "line", "audit line longer than %d bytes", CQ_AUDIT_LINE_MAX);
	uint8_t head[CQ_AUDIT_HASH_BYTES];
	if (cq_audit_seal(c->head, s, out, (size_t)n, cap, head, e)) return -1;
	memcpy(c->head, head, sizeof head);
	c->count++;
	return 0;
}

void cq_audit_chain_reset(cq_audit_chain *c, bool *have_header)
{
	memset(c, 0, sizeof *c);
	*have_header = false;
}

const char *cq_audit_field(const cq_audit_entry *en, const char *key)
{
	for (size_t i = 0; i < en->nfields; i++)
		if (!strcmp(en->f[i].key, key)) return en->f[i].value;
	return NULL;
}

/* Splits "k=v k=v" (already validated) into out. */
static void split_fields(const char *p, size_t n, cq_audit_entry *out)
{
	size_t i = 0;
	out->nfields = 0;
	while (i < n && out->nfields < CQ_AUDIT_FIELDS_MAX) {
		size_t k = i;
		while (k < n && p[k] != '=') k++;
		size_t v = k + 1;
		while (v < n && p[v] != ' ') v++;
		size_t kl = k - i, vl = v - k - 1;
		memcpy(out->f[out->nfields].key, p + i, kl);
		out->f[out->nfields].key[kl] = '\0';
		memcpy(out->f[out->nfields].value, p + k + 1, vl);
		out->f[out->nfields].value[vl] = '\0';
		out->nfields++;
		i = v + 1;
	}
}

static uint64_t parse_u64(const char *s, size_t n, bool *ok)
{
	uint64_t v = 0;
	*ok = n > 0 && n <= 19 && !(n > 1 && s[0] == '0');
	for (size_t i = 0; *ok && i < n; i++) {
		if (s[i] < '0' || s[i] > '9') *ok = false;
		else v = v * 10 + (uint64_t)(s[i] - '0');
	}
	return v;
}

static void put_field(cq_audit_entry *en, const char *key, const char *value)
{
	size_t i = en->nfields++;
	snprintf(en->f[i].key, sizeof en->f[i].key, "%s", key);
	snprintf(en->f[i].value, sizeof en->f[i].value, "%s", value);
}

int cq_audit_check_line(cq_audit_chain *c, bool *have_header, const char *line, size_t n,
                        const uint8_t pk[CQ_PK_BYTES], cq_audit_entry *out, cq_err *e)
{
	cq_audit_entry tmp;
	/* cppcheck-suppress uninitvar ; tmp is only written: memset just below */
	cq_audit_entry *en = out ? out : &tmp;
	memset(en, 0, sizeof *en);
	if (n > CQ_AUDIT_LINE_MAX) return cq_fail(e, CQ_E_FORMAT, "line", "line longer than %d bytes", CQ_AUDIT_LINE_MAX);
	if (memchr(line, '\0', n) || memchr(line, '\n', n))
		return cq_fail(e, CQ_E_FORMAT, "line", "line holds a NUL or newline");
	if (!*have_header && n >= 16 && !memcmp(line, "certqr-audit v1 ", 16))
		return cq_fail(e, CQ_E_VERSION, "header", "a v1 audit log: its records are not signed (this program reads v2)");
	if (n < TAIL + 1 || memcmp(line + n - TAIL, " h=", 3) || memcmp(line + n - SIG_HEX - 3, " s=", 3))
		return cq_fail(e, CQ_E_FORMAT, "h", "line does not end in ' h=<64 hex> s=<128 hex>'");
	uint8_t h[CQ_AUDIT_HASH_BYTES], want[CQ_AUDIT_HASH_BYTES], sig[CQ_SIG_BYTES];
	if (unhex(line + n - TAIL + 3, HASH_HEX, h, sizeof h))
		return cq_fail(e, CQ_E_FORMAT, "h", "hash is not 64 lower-case hex digits");
	if (unhex(line + n - SIG_HEX, SIG_HEX, sig, sizeof sig))
		return cq_fail(e, CQ_E_FORMAT, "s", "signature is not 128 lower-case hex digits");
	size_t body = n - TAIL;
	char buf[CQ_AUDIT_LINE_MAX + 1];
	memcpy(buf, line, body);
	buf[body] = '\0';

	if (!*have_header) {
		if (strncmp(buf, "certqr-audit ", 13) != 0)
			return cq_fail(e, CQ_E_FORMAT, "header", "first line is not a certqr-audit header");
		if (strncmp(buf, header_tag, sizeof header_tag - 1) != 0)
			return cq_fail(e, CQ_E_VERSION, "header", "unknown audit log version (this program reads v2)");
		const char *p = buf + sizeof header_tag - 1;
		const size_t L = 2 * CQ_AUDIT_LOGID_BYTES, D = 2 * CQ_KEY_ID_BYTES;
		uint8_t id[CQ_AUDIT_LOGID_BYTES], dev[CQ_KEY_ID_BYTES];
		if (body != sizeof header_tag - 1 + 4 + L + 9 + CQ_AUDIT_TIME_LEN + 8 + D || strncmp(p, "log=", 4) ||
		    unhex(p + 4, L, id, sizeof id) || strncmp(p + 4 + L, " created=", 9) ||
		    strncmp(p + 13 + L + CQ_AUDIT_TIME_LEN, " device=", 8) ||
		    unhex(p + 21 + L + CQ_AUDIT_TIME_LEN, D, dev, sizeof dev))
			return cq_fail(e, CQ_E_FORMAT, "header",
			               "header must be 'certqr-audit v2 log=<32 hex> created=<time> device=<16 hex>'");
		memcpy(en->time, p + 13 + L, CQ_AUDIT_TIME_LEN);
		en->time[CQ_AUDIT_TIME_LEN] = '\0';
		if (!cq_audit_time_valid(en->time)) return cq_fail(e, CQ_E_FORMAT, "header", "header time must be YYYY-MM-DDTHH:MM:SSZ");
		static const uint8_t zero[CQ_AUDIT_HASH_BYTES];
		chain_hash(zero, buf, body, want);
		if (sodium_memcmp(want, h, sizeof h))
			return cq_fail(e, CQ_E_CORRUPT, "h", "header hash does not match its text");
		if (pk) {
			uint8_t kid[CQ_KEY_ID_BYTES];
			char a[17], b[17];
			cq_key_id(pk, kid);
			cq_key_id_hex(dev, a);
			cq_key_id_hex(kid, b);
			if (memcmp(kid, dev, sizeof kid))
				return cq_fail(e, CQ_E_SIGNATURE, "device", "the log names device key %s, not %s: it was made by another "
				               "device key (a replaced key, or a log made elsewhere)", a, b);
			if (cq_verify_detached(pk, CQ_CTX_AUDIT_RECORD, h, sizeof h, sig))
				return cq_fail(e, CQ_E_SIGNATURE, "s", "the header is not signed by device key %s", b);
		}
		memset(c, 0, sizeof *c);
		memcpy(c->log_id, id, sizeof id);
		memcpy(c->device_id, dev, sizeof dev);
		memcpy(c->head, h, sizeof h);
		*have_header = true;
		en->seq = 0;
		strcpy(en->type, "header");
		char v[2 * CQ_AUDIT_LOGID_BYTES + 1];
		hex(id, sizeof id, v);
		put_field(en, "log", v);
		put_field(en, "created", en->time);
		hex(dev, sizeof dev, v);
		put_field(en, "device", v);
		return 0;
	}

	/* "<seq> <time> <type>[ <fields>]" */
	const char *sp1 = memchr(buf, ' ', body);
	bool ok;
	uint64_t seq = sp1 ? parse_u64(buf, (size_t)(sp1 - buf), &ok) : (ok = false, 0);
	if (!ok) return cq_fail(e, CQ_E_FORMAT, "seq", "line does not start with a sequence number");
	if (seq != c->count + 1)
		return cq_fail(e, CQ_E_FORMAT, "seq", "sequence number %llu where %llu was due",
		               (unsigned long long)seq, (unsigned long long)c->count + 1);
	const char *tm = sp1 + 1;
	if ((size_t)(tm - buf) + CQ_AUDIT_TIME_LEN + 2 > body || tm[CQ_AUDIT_TIME_LEN] != ' ')
		return cq_fail(e, CQ_E_FORMAT, "time", "time must be YYYY-MM-DDTHH:MM:SSZ");
	memcpy(en->time, tm, CQ_AUDIT_TIME_LEN);
	en->time[CQ_AUDIT_TIME_LEN] = '\0';
	if (!cq_audit_time_valid(en->time)) return cq_fail(e, CQ_E_FORMAT, "time", "time must be YYYY-MM-DDTHH:MM:SSZ");
	const char *ty = tm + CQ_AUDIT_TIME_LEN + 1;
	size_t t = 0;
	while (key_char(ty[t])) t++;
	if (t == 0 || t > CQ_AUDIT_TYPE_MAX || (ty[t] && ty[t] != ' ') || (t == 6 && !memcmp(ty, "header", 6)))
		return cq_fail(e, CQ_E_FORMAT, "type", "record type must be [a-z_]{1,%d}", CQ_AUDIT_TYPE_MAX);
	memcpy(en->type, ty, t);
	en->type[t] = '\0';
	const char *fields = ty[t] ? ty + t + 1 : ty + t;
	cq_err fe;
	if (ty[t] && !*fields) return cq_fail(e, CQ_E_FORMAT, "fields", "trailing space");
	if (check_fields(fields, &fe)) return cq_fail(e, CQ_E_FORMAT, "fields", "%s", fe.msg);
	chain_hash(c->head, buf, body, want);
	if (sodium_memcmp(want, h, sizeof h))
		return cq_fail(e, CQ_E_CORRUPT, "h", "record %llu: hash does not match (this line or an earlier one was changed)",
		               (unsigned long long)seq);
	if (pk && cq_verify_detached(pk, CQ_CTX_AUDIT_RECORD, h, sizeof h, sig)) {
		char b[17];
		cq_key_id_hex(c->device_id, b);
		return cq_fail(e, CQ_E_SIGNATURE, "s", "record %llu is not signed by device key %s: someone else wrote it",
		               (unsigned long long)seq, b);
	}
	split_fields(fields, strlen(fields), en);
	en->seq = seq;
	memcpy(c->head, h, sizeof h);
	c->count = seq;
	return 0;
}

static void anchor_message(const cq_audit_chain *c, uint8_t m[CQ_AUDIT_LOGID_BYTES + CQ_KEY_ID_BYTES + 8 + CQ_AUDIT_HASH_BYTES])
{
	memcpy(m, c->log_id, CQ_AUDIT_LOGID_BYTES);
	memcpy(m + CQ_AUDIT_LOGID_BYTES, c->device_id, CQ_KEY_ID_BYTES);
	for (int i = 0; i < 8; i++) m[CQ_AUDIT_LOGID_BYTES + CQ_KEY_ID_BYTES + i] = (uint8_t)(c->count >> (56 - 8 * i));
	memcpy(m + CQ_AUDIT_LOGID_BYTES + CQ_KEY_ID_BYTES + 8, c->head, CQ_AUDIT_HASH_BYTES);
}

int cq_audit_anchor_make(const cq_audit_chain *c, const cq_audit_signer *s, cq_audit_anchor *a, cq_err *e)
{
	uint8_t m[CQ_AUDIT_LOGID_BYTES + CQ_KEY_ID_BYTES + 8 + CQ_AUDIT_HASH_BYTES];
	anchor_message(c, m);
	cq_audit_anchor na = {.c = *c};
	if (sign_hash(s, CQ_CTX_AUDIT_ANCHOR, m, sizeof m, na.sig, e)) return -1;
	*a = na;
	return 0;
}

int cq_audit_anchor_verify(const cq_audit_anchor *a, const uint8_t pk[CQ_PK_BYTES])
{
	uint8_t m[CQ_AUDIT_LOGID_BYTES + CQ_KEY_ID_BYTES + 8 + CQ_AUDIT_HASH_BYTES], kid[CQ_KEY_ID_BYTES];
	cq_key_id(pk, kid);
	if (memcmp(kid, a->c.device_id, sizeof kid)) return -1;
	anchor_message(&a->c, m);
	return cq_verify_detached(pk, CQ_CTX_AUDIT_ANCHOR, m, sizeof m, a->sig) ? -1 : 0;
}

int cq_audit_anchor_format(const cq_audit_anchor *a, char *out, size_t cap)
{
	char id[2 * CQ_AUDIT_LOGID_BYTES + 1], dev[2 * CQ_KEY_ID_BYTES + 1], h[HASH_HEX + 1], sig[SIG_HEX + 1];
	hex(a->c.log_id, CQ_AUDIT_LOGID_BYTES, id);
	hex(a->c.device_id, CQ_KEY_ID_BYTES, dev);
	hex(a->c.head, CQ_AUDIT_HASH_BYTES, h);
	hex(a->sig, CQ_SIG_BYTES, sig);
	int n = snprintf(out, cap, "%slog=%s device=%s count=%llu h=%s s=%s\n", anchor_tag, id, dev,
	                 (unsigned long long)a->c.count, h, sig);
	return n < 0 || (size_t)n >= cap ? -1 : n;
}

int cq_audit_anchor_parse(const char *text, size_t n, cq_audit_anchor *a, cq_err *e)
{
	char buf[CQ_AUDIT_ANCHOR_MAX + 1];
	if (n > CQ_AUDIT_ANCHOR_MAX || memchr(text, '\0', n))
		return cq_fail(e, CQ_E_FORMAT, "anchor", "anchor file is not one short line");
	memcpy(buf, text, n);
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n') buf[--n] = '\0';
	if (strncmp(buf, "certqr-audit-anchor ", 20) != 0)
		return cq_fail(e, CQ_E_NOT_CERTQR, "anchor", "not a certqr audit anchor");
	if (strncmp(buf, anchor_tag, sizeof anchor_tag - 1) != 0)
		return cq_fail(e, CQ_E_VERSION, "anchor", "unknown anchor version (this program reads v2)");
	const char *p = buf + sizeof anchor_tag - 1;
	cq_audit_anchor na = {0};
	if (strncmp(p, "log=", 4) || unhex(p + 4, 2 * CQ_AUDIT_LOGID_BYTES, na.c.log_id, CQ_AUDIT_LOGID_BYTES))
		return cq_fail(e, CQ_E_FORMAT, "log", "anchor: log=<32 hex> expected");
	p += 4 + 2 * CQ_AUDIT_LOGID_BYTES;
	if (strncmp(p, " device=", 8) || unhex(p + 8, 2 * CQ_KEY_ID_BYTES, na.c.device_id, CQ_KEY_ID_BYTES))
		return cq_fail(e, CQ_E_FORMAT, "device", "anchor: device=<16 hex> expected");
	p += 8 + 2 * CQ_KEY_ID_BYTES;
	if (strncmp(p, " count=", 7)) return cq_fail(e, CQ_E_FORMAT, "count", "anchor: count= expected");
	p += 7;
	const char *sp = strchr(p, ' ');
	bool ok;
	na.c.count = sp ? parse_u64(p, (size_t)(sp - p), &ok) : (ok = false, 0);
	if (!ok) return cq_fail(e, CQ_E_FORMAT, "count", "anchor: count is not a number");
	if (strncmp(sp, " h=", 3) || unhex(sp + 3, HASH_HEX, na.c.head, CQ_AUDIT_HASH_BYTES))
		return cq_fail(e, CQ_E_FORMAT, "h", "anchor: h=<64 hex> expected");
	p = sp + 3 + HASH_HEX;
	if (strncmp(p, " s=", 3) || unhex(p + 3, strlen(p + 3), na.sig, CQ_SIG_BYTES))
		return cq_fail(e, CQ_E_FORMAT, "s", "anchor: s=<128 hex> expected");
	*a = na;
	return 0;
}

const char *cq_audit_status_name(cq_audit_status s)
{
	static const char *const names[] = {"ok", "unanchored", "edited", "truncated", "rewritten", "foreign", "empty",
	                                    "forged", "incomplete", "failed_before"};
	return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

void cq_audit_verifier_init(cq_audit_verifier *v, const cq_audit_anchor *anchor, const uint8_t pk[CQ_PK_BYTES],
                            bool every)
{
	memset(v, 0, sizeof *v);
	memcpy(v->pk, pk, CQ_PK_BYTES);
	v->every = every;
	v->status = CQ_AUDIT_OK;
	if (anchor) {
		v->have_anchor = true;
		v->anchor = *anchor;
		/* A forged anchor vouches for nothing: every record is then
		 * checked, and the forgery is reported if nothing worse is. */
		v->anchor_signed = cq_audit_anchor_verify(anchor, pk) == 0;
	}
}

static void anchor_compare(cq_audit_verifier *v)
{
	if (!v->have_anchor || v->anchor_seen || v->c.count != v->anchor.c.count) return;
	v->anchor_seen = true;
	if (sodium_memcmp(v->c.log_id, v->anchor.c.log_id, CQ_AUDIT_LOGID_BYTES) ||
	    sodium_memcmp(v->c.device_id, v->anchor.c.device_id, CQ_KEY_ID_BYTES)) {
		v->status = CQ_AUDIT_FOREIGN;
		cq_fail(&v->err, CQ_E_KEY, "anchor", "the anchor belongs to another log (log ids differ): the log was replaced");
	} else if (sodium_memcmp(v->c.head, v->anchor.c.head, CQ_AUDIT_HASH_BYTES)) {
		v->status = CQ_AUDIT_REWRITTEN;
		v->bad_line = v->lines;
		cq_fail(&v->err, CQ_E_CORRUPT, "anchor", "record %llu differs from the one the anchor recorded: the log was rewritten",
		        (unsigned long long)v->c.count);
	}
}

/* The log's own statements about losses and earlier failed checks. */
static void note_record(cq_audit_verifier *v, const cq_audit_entry *en)
{
	if (strcmp(en->type, "log")) return;
	const char *ev = cq_audit_field(en, "event");
	if (!ev) return;
	if (!strcmp(ev, "records_lost")) {
		const char *n = cq_audit_field(en, "count"), *k = cq_audit_field(en, "checks");
		bool ok;
		uint64_t x = n ? parse_u64(n, strlen(n), &ok) : 0;
		v->lost_records += n && ok ? x : 1;
		x = k ? parse_u64(k, strlen(k), &ok) : 0;
		v->lost_checks += k && ok ? x : 0;
	} else if (!strcmp(ev, "torn_record_removed")) {
		v->torn_removed++;
	} else if (!strcmp(ev, "check_failed") && !v->failed_seq) {
		const char *st = cq_audit_field(en, "status");
		v->failed_seq = en->seq;
		snprintf(v->failed_status, sizeof v->failed_status, "%s", st ? st : "unknown");
	}
}

int cq_audit_verifier_line(cq_audit_verifier *v, const char *line, size_t n, cq_audit_entry *out)
{
	if (v->status != CQ_AUDIT_OK) return -1;
	v->lines++;
	cq_audit_entry tmp;
	/* cppcheck-suppress uninitvar ; tmp is only written: cq_audit_check_line clears it first */
	cq_audit_entry *en = out ? out : &tmp;
	/* Before a correctly signed anchor's count, the anchor vouches for the
	 * records (unless every signature is asked for); the header always. */
	bool vouched = !v->every && v->anchor_signed && v->have_header && v->c.count < v->anchor.c.count;
	if (cq_audit_check_line(&v->c, &v->have_header, line, n, vouched ? NULL : v->pk, en, &v->err)) {
		v->status = v->err.code == CQ_E_SIGNATURE ? CQ_AUDIT_FORGED : CQ_AUDIT_EDITED;
		v->bad_line = v->lines;
		return -1;
	}
	note_record(v, en);
	anchor_compare(v);
	return v->status == CQ_AUDIT_OK ? 0 : -1;
}

void cq_audit_verifier_torn(cq_audit_verifier *v, size_t n)
{
	v->torn_bytes = n;
}

cq_audit_status cq_audit_verifier_finish(cq_audit_verifier *v, char *msg, size_t cap)
{
	char torn[96] = "", dev[17];
	cq_key_id_hex(v->c.device_id, dev);
	if (v->torn_bytes)
		snprintf(torn, sizeof torn, "; %zu bytes of an unfinished last record ignored (power cut)", v->torn_bytes);
	if (v->status == CQ_AUDIT_OK && !v->have_header) {
		v->status = CQ_AUDIT_EMPTY;
		v->bad_line = 1;
		cq_fail(&v->err, CQ_E_FORMAT, "header", "no header line: not an audit log, or emptied");
	}
	if (v->status == CQ_AUDIT_OK && v->have_anchor && !v->anchor_seen) {
		if (sodium_memcmp(v->c.log_id, v->anchor.c.log_id, CQ_AUDIT_LOGID_BYTES)) {
			v->status = CQ_AUDIT_FOREIGN;
			cq_fail(&v->err, CQ_E_KEY, "anchor", "the anchor belongs to another log (log ids differ): the log was replaced");
		} else {
			v->status = CQ_AUDIT_TRUNCATED;
			v->bad_line = v->lines + 1;
			cq_fail(&v->err, CQ_E_CORRUPT, "anchor", "the log ends after record %llu but the anchor counts %llu: records were cut off",
			        (unsigned long long)v->c.count, (unsigned long long)v->anchor.c.count);
		}
	}
	if (v->status == CQ_AUDIT_OK && v->have_anchor && !v->anchor_signed) {
		char b[17];
		uint8_t kid[CQ_KEY_ID_BYTES];
		cq_key_id(v->pk, kid);
		cq_key_id_hex(kid, b);
		v->status = CQ_AUDIT_FORGED;
		cq_fail(&v->err, CQ_E_SIGNATURE, "anchor", "the anchor is not signed by device key %s: someone else wrote it", b);
	}
	if (v->status == CQ_AUDIT_OK && v->failed_seq) v->status = CQ_AUDIT_FAILED_BEFORE;
	/* A torn last line is the record that was being written at a power
	 * cut: lost too, like the ones the log says it lost. */
	if (v->status == CQ_AUDIT_OK && (v->lost_records || v->torn_removed || v->torn_bytes)) v->status = CQ_AUDIT_INCOMPLETE;
	if (v->status == CQ_AUDIT_OK && !v->have_anchor) v->status = CQ_AUDIT_UNANCHORED;
	switch (v->status) {
	case CQ_AUDIT_OK: {
		uint64_t lag = v->c.count - v->anchor.c.count;
		if (lag)
			snprintf(msg, cap, "intact: %llu records signed by device %s, the last %llu after the anchor (written just "
			         "before a power cut or crash)%s", (unsigned long long)v->c.count, dev, (unsigned long long)lag, torn);
		else
			snprintf(msg, cap, "intact: %llu records signed by device %s, matching the anchor%s",
			         (unsigned long long)v->c.count, dev, torn);
		break;
	}
	case CQ_AUDIT_UNANCHORED:
		snprintf(msg, cap, "chain intact: %llu records signed by device %s; no anchor given, so records cut off the end "
		         "would go unnoticed%s", (unsigned long long)v->c.count, dev, torn);
		break;
	case CQ_AUDIT_INCOMPLETE: {
		unsigned long long cut = v->torn_removed + (v->torn_bytes ? 1u : 0u), all = v->lost_records + cut;
		snprintf(msg, cap, "%llu records signed by device %s, but %llu records were lost (%llu not written while the "
		         "state partition was full or failing, %llu of them checks shown at the counter; %llu cut off by power "
		         "cuts)%s", (unsigned long long)v->c.count, dev, all, (unsigned long long)v->lost_records,
		         (unsigned long long)v->lost_checks, cut, torn);
		break;
	}
	case CQ_AUDIT_FAILED_BEFORE:
		snprintf(msg, cap, "record %llu: at a start the kiosk found this log %s and went on logging; the earlier "
		         "records cannot be trusted (archive the log)", (unsigned long long)v->failed_seq, v->failed_status);
		break;
	default:
		if (v->bad_line)
			snprintf(msg, cap, "line %llu: %s", (unsigned long long)v->bad_line, v->err.msg);
		else
			snprintf(msg, cap, "%s", v->err.msg);
	}
	return v->status;
}
