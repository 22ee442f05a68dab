/* Hash-chained audit log lines (certqr/audit.h). Pure. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "certqr/audit.h"
#include "certqr/date.h"

static const char audit_ctx[] = "certqr/audit/v1";   /* hashed with its NUL */
static const char header_tag[] = "certqr-audit v1 ";
static const char anchor_tag[] = "certqr-audit-anchor v1 ";

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

/* Appends " h=<hex>\n" to the `n` bytes in out, after hashing them. */
static int seal_line(const uint8_t prev[CQ_AUDIT_HASH_BYTES], char *out, size_t n, size_t cap,
                     uint8_t head[CQ_AUDIT_HASH_BYTES], cq_err *e)
{
	if (n > CQ_AUDIT_LINE_MAX - 4 - 2 * CQ_AUDIT_HASH_BYTES || cap < n + 4 + 2 * CQ_AUDIT_HASH_BYTES + 2)
		return cq_fail(e, CQ_E_LIMIT, "line", "audit line longer than %d bytes", CQ_AUDIT_LINE_MAX);
	chain_hash(prev, out, n, head);
	memcpy(out + n, " h=", 3);
	hex(head, CQ_AUDIT_HASH_BYTES, out + n + 3);
	out[n + 3 + 2 * CQ_AUDIT_HASH_BYTES] = '\n';
	out[n + 4 + 2 * CQ_AUDIT_HASH_BYTES] = '\0';
	return 0;
}

int cq_audit_header(const uint8_t log_id[CQ_AUDIT_LOGID_BYTES], const char *created,
                    cq_audit_chain *c, char *out, size_t cap, cq_err *e)
{
	if (!cq_audit_time_valid(created))
		return cq_fail(e, CQ_E_FIELD, "time", "time must be YYYY-MM-DDTHH:MM:SSZ");
	char id[2 * CQ_AUDIT_LOGID_BYTES + 1];
	hex(log_id, CQ_AUDIT_LOGID_BYTES, id);
	int n = snprintf(out, cap, "%slog=%s created=%s", header_tag, id, created);
	if (n < 0 || (size_t)n >= cap) return cq_fail(e, CQ_E_LIMIT, "line", "buffer too small");
	static const uint8_t zero[CQ_AUDIT_HASH_BYTES];
	cq_audit_chain nc = {0};
	memcpy(nc.log_id, log_id, CQ_AUDIT_LOGID_BYTES);
	if (seal_line(zero, out, (size_t)n, cap, nc.head, e)) return -1;
	*c = nc;
	return 0;
}

int cq_audit_append(cq_audit_chain *c, const char *time, const char *type,
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
	if (seal_line(c->head, out, (size_t)n, cap, head, e)) return -1;
	memcpy(c->head, head, sizeof head);
	c->count++;
	return 0;
}

void cq_audit_chain_reset(cq_audit_chain *c, bool *have_header)
{
	memset(c, 0, sizeof *c);
	*have_header = false;
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

int cq_audit_check_line(cq_audit_chain *c, bool *have_header, const char *line, size_t n,
                        cq_audit_entry *out, cq_err *e)
{
	cq_audit_entry tmp;
	/* cppcheck-suppress uninitvar ; tmp is only written: memset just below */
	cq_audit_entry *en = out ? out : &tmp;
	memset(en, 0, sizeof *en);
	if (n > CQ_AUDIT_LINE_MAX) return cq_fail(e, CQ_E_FORMAT, "line", "line longer than %d bytes", CQ_AUDIT_LINE_MAX);
	if (memchr(line, '\0', n) || memchr(line, '\n', n))
		return cq_fail(e, CQ_E_FORMAT, "line", "line holds a NUL or newline");
	const size_t hl = 3 + 2 * CQ_AUDIT_HASH_BYTES;   /* " h=" + hex */
	if (n < hl + 1 || memcmp(line + n - hl, " h=", 3))
		return cq_fail(e, CQ_E_FORMAT, "h", "line does not end in ' h=<64 hex>'");
	uint8_t h[CQ_AUDIT_HASH_BYTES], want[CQ_AUDIT_HASH_BYTES];
	if (unhex(line + n - hl + 3, 2 * CQ_AUDIT_HASH_BYTES, h, sizeof h))
		return cq_fail(e, CQ_E_FORMAT, "h", "hash is not 64 lower-case hex digits");
	size_t body = n - hl;
	char buf[CQ_AUDIT_LINE_MAX + 1];
	memcpy(buf, line, body);
	buf[body] = '\0';

	if (!*have_header) {
		if (strncmp(buf, "certqr-audit ", 13) != 0)
			return cq_fail(e, CQ_E_FORMAT, "header", "first line is not a certqr-audit header");
		if (strncmp(buf, header_tag, sizeof header_tag - 1) != 0)
			return cq_fail(e, CQ_E_VERSION, "header", "unknown audit log version (this program reads v1)");
		const char *p = buf + sizeof header_tag - 1;
		uint8_t id[CQ_AUDIT_LOGID_BYTES];
		if (strncmp(p, "log=", 4) || unhex(p + 4, 2 * CQ_AUDIT_LOGID_BYTES, id, sizeof id) ||
		    strncmp(p + 4 + 2 * CQ_AUDIT_LOGID_BYTES, " created=", 9) ||
		    !cq_audit_time_valid(p + 13 + 2 * CQ_AUDIT_LOGID_BYTES))
			return cq_fail(e, CQ_E_FORMAT, "header", "header must be 'certqr-audit v1 log=<32 hex> created=<time>'");
		static const uint8_t zero[CQ_AUDIT_HASH_BYTES];
		chain_hash(zero, buf, body, want);
		if (sodium_memcmp(want, h, sizeof h))
			return cq_fail(e, CQ_E_CORRUPT, "h", "header hash does not match its text");
		memset(c, 0, sizeof *c);
		memcpy(c->log_id, id, sizeof id);
		memcpy(c->head, h, sizeof h);
		*have_header = true;
		en->seq = 0;
		strcpy(en->type, "header");
		memcpy(en->time, p + 13 + 2 * CQ_AUDIT_LOGID_BYTES, CQ_AUDIT_TIME_LEN);
		en->nfields = 1;
		strcpy(en->f[0].key, "log");
		hex(id, sizeof id, en->f[0].value);
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
	split_fields(fields, strlen(fields), en);
	en->seq = seq;
	memcpy(c->head, h, sizeof h);
	c->count = seq;
	return 0;
}

int cq_audit_anchor_format(const cq_audit_chain *c, char *out, size_t cap)
{
	char id[2 * CQ_AUDIT_LOGID_BYTES + 1], h[2 * CQ_AUDIT_HASH_BYTES + 1];
	hex(c->log_id, CQ_AUDIT_LOGID_BYTES, id);
	hex(c->head, CQ_AUDIT_HASH_BYTES, h);
	int n = snprintf(out, cap, "%slog=%s count=%llu h=%s\n", anchor_tag, id, (unsigned long long)c->count, h);
	return n < 0 || (size_t)n >= cap ? -1 : n;
}

int cq_audit_anchor_parse(const char *text, size_t n, cq_audit_chain *c, cq_err *e)
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
		return cq_fail(e, CQ_E_VERSION, "anchor", "unknown anchor version (this program reads v1)");
	const char *p = buf + sizeof anchor_tag - 1;
	cq_audit_chain nc = {0};
	if (strncmp(p, "log=", 4) || unhex(p + 4, 2 * CQ_AUDIT_LOGID_BYTES, nc.log_id, CQ_AUDIT_LOGID_BYTES))
		return cq_fail(e, CQ_E_FORMAT, "log", "anchor: log=<32 hex> expected");
	p += 4 + 2 * CQ_AUDIT_LOGID_BYTES;
	if (strncmp(p, " count=", 7)) return cq_fail(e, CQ_E_FORMAT, "count", "anchor: count= expected");
	p += 7;
	const char *sp = strchr(p, ' ');
	bool ok;
	nc.count = sp ? parse_u64(p, (size_t)(sp - p), &ok) : (ok = false, 0);
	if (!ok) return cq_fail(e, CQ_E_FORMAT, "count", "anchor: count is not a number");
	if (strncmp(sp, " h=", 3) || unhex(sp + 3, strlen(sp + 3), nc.head, CQ_AUDIT_HASH_BYTES))
		return cq_fail(e, CQ_E_FORMAT, "h", "anchor: h=<64 hex> expected");
	*c = nc;
	return 0;
}

const char *cq_audit_status_name(cq_audit_status s)
{
	static const char *const names[] = {"ok", "unanchored", "edited", "truncated", "rewritten", "foreign", "empty"};
	return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

void cq_audit_verifier_init(cq_audit_verifier *v, const cq_audit_chain *anchor)
{
	memset(v, 0, sizeof *v);
	if (anchor) {
		v->have_anchor = true;
		v->anchor = *anchor;
	}
	v->status = CQ_AUDIT_OK;
}

static void anchor_compare(cq_audit_verifier *v)
{
	if (!v->have_anchor || v->anchor_seen || v->c.count != v->anchor.count) return;
	v->anchor_seen = true;
	if (sodium_memcmp(v->c.log_id, v->anchor.log_id, CQ_AUDIT_LOGID_BYTES)) {
		v->status = CQ_AUDIT_FOREIGN;
		cq_fail(&v->err, CQ_E_KEY, "anchor", "the anchor belongs to another log (log ids differ): the log was replaced");
	} else if (sodium_memcmp(v->c.head, v->anchor.head, CQ_AUDIT_HASH_BYTES)) {
		v->status = CQ_AUDIT_REWRITTEN;
		v->bad_line = v->lines;
		cq_fail(&v->err, CQ_E_CORRUPT, "anchor", "record %llu differs from the one the anchor recorded: the log was rewritten",
		        (unsigned long long)v->c.count);
	}
}

int cq_audit_verifier_line(cq_audit_verifier *v, const char *line, size_t n, cq_audit_entry *out)
{
	if (v->status != CQ_AUDIT_OK) return -1;
	v->lines++;
	if (cq_audit_check_line(&v->c, &v->have_header, line, n, out, &v->err)) {
		v->status = CQ_AUDIT_EDITED;
		v->bad_line = v->lines;
		return -1;
	}
	anchor_compare(v);
	return v->status == CQ_AUDIT_OK ? 0 : -1;
}

void cq_audit_verifier_torn(cq_audit_verifier *v, size_t n)
{
	v->torn_bytes = n;
}

cq_audit_status cq_audit_verifier_finish(cq_audit_verifier *v, char *msg, size_t cap)
{
	char torn[96] = "";
	if (v->torn_bytes)
		snprintf(torn, sizeof torn, "; %zu bytes of an unfinished last record ignored (power cut)", v->torn_bytes);
	if (v->status == CQ_AUDIT_OK && !v->have_header) {
		v->status = CQ_AUDIT_EMPTY;
		v->bad_line = 1;
		cq_fail(&v->err, CQ_E_FORMAT, "header", "no header line: not an audit log, or emptied");
	}
	if (v->status == CQ_AUDIT_OK && v->have_anchor && !v->anchor_seen) {
		if (sodium_memcmp(v->c.log_id, v->anchor.log_id, CQ_AUDIT_LOGID_BYTES)) {
			v->status = CQ_AUDIT_FOREIGN;
			cq_fail(&v->err, CQ_E_KEY, "anchor", "the anchor belongs to another log (log ids differ): the log was replaced");
		} else {
			v->status = CQ_AUDIT_TRUNCATED;
			v->bad_line = v->lines + 1;
			cq_fail(&v->err, CQ_E_CORRUPT, "anchor", "the log ends after record %llu but the anchor counts %llu: records were cut off",
			        (unsigned long long)v->c.count, (unsigned long long)v->anchor.count);
		}
	}
	if (v->status == CQ_AUDIT_OK && !v->have_anchor) v->status = CQ_AUDIT_UNANCHORED;
	switch (v->status) {
	case CQ_AUDIT_OK: {
		uint64_t lag = v->c.count - v->anchor.count;
		if (lag)
			snprintf(msg, cap, "intact: %llu records, the last %llu after the anchor (written just before a power cut or crash)%s",
			         (unsigned long long)v->c.count, (unsigned long long)lag, torn);
		else
			snprintf(msg, cap, "intact: %llu records, matching the anchor%s", (unsigned long long)v->c.count, torn);
		break;
	}
	case CQ_AUDIT_UNANCHORED:
		snprintf(msg, cap, "chain intact: %llu records; no anchor given, so records cut off the end would go unnoticed%s",
		         (unsigned long long)v->c.count, torn);
		break;
	default:
		if (v->bad_line)
			snprintf(msg, cap, "line %llu: %s", (unsigned long long)v->bad_line, v->err.msg);
		else
			snprintf(msg, cap, "%s", v->err.msg);
	}
	return v->status;
}
