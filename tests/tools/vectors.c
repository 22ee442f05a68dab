/* Test helper (never installed): writes the machine-readable vectors that
 * docs/format.md §5.1 and docs/trust.md §1.4 point to, so that another
 * implementation can run the same cases without the C sources.
 *
 *     vectors KEYDIR VERDICTS.txt BUNDLES.txt KEYFILES.txt
 *
 * VERDICTS.txt: QR texts judged against tests/vectors/verdicts.bundle, one
 * per line: NAME, STATUS, REASON_CODE, the text's bytes in hex, then any
 * number of JSON members ("key":value) the verdict JSON must hold exactly.
 * BUNDLES.txt: trust bundles checked against keys/test/root-TEST-ONLY.pub:
 * NAME, CLASS (ok or the refusal), REASON_CODE, the file's bytes in hex.
 * KEYFILES.txt: public key and delegation files: NAME, ok or refused, hex.
 * A "# " line before a vector says what it shows.
 *
 * The expectations are written here by hand from the docs, never computed by
 * the verifier; Ed25519 is deterministic, so the files are reproducible and
 * tests/sh/trust.sh regenerates and compares them byte for byte. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/certqr.h"
#include "certqr/io.h"
#include "certqr/rules.h"
#include "certqr/seckey.h"
#include "certqr/trust.h"
#include <sodium.h>

#define HOLDER_ID "11010519491231002X"
#define ZZ_ISSUER "{\"key_id\":\"1FA38950A25DEB4E\",\"bureau\":\"郑州市人力资源和社会保障局\",\"region\":\"410100\",\"scope\":\"4101\"}"
#define NULL_COMPLIANCE "\"compliance\":null"

static FILE *out;
static const char *keydir, *pass;

static void die(const char *what, const cq_err *e)
{
	fprintf(stderr, "vectors: %s: %s\n", what, e ? e->msg : "failed");
	exit(2);
}

static cq_seckey *load(const char *name)
{
	char path[512], *buf, why[256];
	size_t n;
	cq_err e;
	cq_seckey *k = NULL;
	snprintf(path, sizeof path, "%s/%s-TEST-ONLY.key", keydir, name);
	if (cq_read_file(path, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { fprintf(stderr, "%s\n", why); exit(2); }
	if (cq_seckey_open(buf, n, pass, strlen(pass), &k, &e)) die(path, &e);
	free(buf);
	return k;
}

static void hex(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) fprintf(out, "%02x", b[i]);
}

/* One verdict vector: the exact bytes judged, and the expected members. */
static void vec(const char *name, const char *status, const char *code, const char *note,
                const void *text, size_t n, int nexp, ...)
{
	fprintf(out, "# %s\n%s\t%s\t%s\t", note, name, status, code);
	hex(text, n);
	va_list ap;
	va_start(ap, nexp);
	for (int i = 0; i < nexp; i++) fprintf(out, "\t%s", va_arg(ap, const char *));
	va_end(ap);
	fputc('\n', out);
}

static size_t qr_text(const uint8_t *p, size_t n, char *t, size_t cap)
{
	memcpy(t, CQ_QR_PREFIX, CQ_QR_PREFIX_LEN);
	if (cq_base45_encode(p, n, t + CQ_QR_PREFIX_LEN, cap - CQ_QR_PREFIX_LEN)) die("base45", NULL);
	return strlen(t);
}

/* A payload vector: "CQ1:" + base45 of the bytes. */
static void pvec(const char *name, const char *status, const char *code, const char *note,
                 const uint8_t *p, size_t n, const char *expect)
{
	char t[600];
	qr_text(p, n, t, sizeof t);
	if (expect) vec(name, status, code, note, t, strlen(t), 1, expect);
	else vec(name, status, code, note, t, strlen(t), 0);
}

typedef struct cert {
	const char *number, *issued, *name;
	unsigned year, revision, pub, prof, region, months;
	int comp;            /* -1: not recorded */
	int reduction;
} cert;

static const cert base = {"4101020000125", "2023-12-20", "张三", 2023, 1, 30, 60, 410100, 12, -1, 0};

static void to_record(const cert *c, cq_record *r)
{
	cq_err e;
	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s", c->name);
	snprintf(r->number, sizeof r->number, "%s", c->number);
	r->year = (uint16_t)c->year;
	r->revision = (uint8_t)c->revision;
	r->hours_public = (uint16_t)c->pub;
	r->hours_professional = (uint16_t)c->prof;
	r->has_compulsory = c->comp >= 0;
	r->hours_compulsory = (uint16_t)(c->comp > 0 ? c->comp : 0);
	r->reduction = (uint8_t)c->reduction;
	r->months_at_post = (uint8_t)c->months;
	r->issuer_region = c->region;
	if (cq_date_parse(c->issued, &r->issued)) die(c->issued, NULL);
	if (cq_record_bind_id(r, HOLDER_ID, &e)) die(c->number, &e);
}

/* A valid record, signed. */
static size_t sign(cq_seckey *k, const cert *c, uint8_t *p)
{
	cq_record r;
	cq_err e;
	size_t n;
	to_record(c, &r);
	if (cq_payload_sign(&r, k, p, CQ_PAYLOAD_MAX, &n, &e)) die(c->number, &e);
	return n;
}

/* The canonical body of a valid record, for editing before signing. */
static size_t body(cq_seckey *k, const cert *c, uint8_t *b)
{
	cq_record r;
	cq_err e;
	size_t n;
	to_record(c, &r);
	if (cq_payload_encode_body(&r, cq_seckey_pubkey(k)->id, b, CQ_PAYLOAD_MAX, &n, &e)) die(c->number, &e);
	return n;
}

/* Signs any body bytes with the certificate context: a validly signed
 * payload that breaks a rule, which a verifier must still refuse. */
static size_t sign_raw(cq_seckey *k, const uint8_t *b, size_t n, uint8_t *p)
{
	memmove(p, b, n);
	if (cq_sign_detached(k, CQ_CTX_CERT, p, n, p + n)) die("sign", NULL);
	return n + CQ_SIG_BYTES;
}

/* The base body with `len` bytes at `off` replaced, signed. */
static size_t edited(cq_seckey *k, size_t off, const void *bytes, size_t len, uint8_t *p)
{
	uint8_t b[CQ_PAYLOAD_MAX + 8];
	size_t n = body(k, &base, b);
	memcpy(b + off, bytes, len);
	return sign_raw(k, b, n, p);
}

/* The base body with another name (raw bytes, its declared length byte), signed. */
static size_t named(cq_seckey *k, const void *name, size_t nl, unsigned declared, uint8_t *p)
{
	uint8_t b[512];
	body(k, &base, b);
	b[42] = (uint8_t)declared;
	memcpy(b + 43, name, nl);
	return sign_raw(k, b, 43 + nl, p);
}

static void cert_json(char *o, size_t cap, const cert *c, const char *red, const char *issuer)
{
	char comp[32] = "";
	if (c->comp >= 0) snprintf(comp, sizeof comp, ",\"compulsory\":%d", c->comp);
	snprintf(o, cap, "\"certificate\":{\"name\":\"%s\",\"id_hint\":\"002X\",\"number\":\"%s\",\"year\":%u,\"revision\":%u,"
	         "\"hours\":{\"public\":%u,\"professional\":%u,\"total\":%u%s},\"reduction\":\"%s\",\"months_at_post\":%u,"
	         "\"issuer\":%s,\"issued\":\"%s\"}",
	         c->name, c->number, c->year, c->revision, c->pub, c->prof, c->pub + c->prof, comp, red, c->months, issuer,
	         c->issued);
}

static void verdicts(void)
{
	cq_seckey *zz = load("issuer-zhengzhou"), *pds = load("issuer-pingdingshan"), *ly = load("issuer-luoyang-retired");
	cq_seckey *kf = load("issuer-kaifeng-compromised"), *ay = load("issuer-anyang"), *un = load("issuer-undelegated");
	uint8_t g[CQ_PAYLOAD_MAX + 8], p[600];
	char t[600], u[700], x[1200];
	size_t gn = sign(zz, &base, g), n, tl = qr_text(g, gn, t, sizeof t);

	fprintf(out, "# certqr verdict vectors (docs/trust.md §4, docs/format.md §5.1). Judge each input against\n"
	        "# tests/vectors/verdicts.bundle with the root keys/test/root-TEST-ONLY.pub.\n"
	        "# Columns, TAB-separated: name, status, reason_code, input (hex of the exact bytes judged),\n"
	        "# then JSON members (\"key\":value) that the verdict's JSON object must hold, value for value.\n"
	        "# Signed with the TEST-ONLY keys of keys/test/; generated by tests/tools/vectors.c.\n");

	/* --- the text around the payload (format.md §1) --- */
	vec("genuine", "authentic", "ok", "the base certificate: Zhengzhou 4101020000125 for 2023, 30 + 60 hours", t, tl, 2,
	    "\"compliance\":{\"met\":true,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":null,\"region\":\"41\"},"
	    "\"required\":{\"public\":30,\"professional\":60,\"total\":90},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0}}",
	    (cert_json(x, sizeof x, &base, "none", ZZ_ISSUER), x));
	snprintf(u, sizeof u, "%s\r\n", t);
	vec("trailing-crlf", "authentic", "ok", "trailing CR LF, as a keyboard-wedge scanner types it, are dropped", u, strlen(u), 0);
	snprintf(u, sizeof u, "%s\n\r\n\r", t);
	vec("trailing-cr-lf-mix", "authentic", "ok", "every trailing CR and LF byte is dropped, in any order", u, strlen(u), 0);
	for (size_t i = 0; i < tl; i++) u[i] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32 : t[i]);
	vec("lower-case", "authentic", "ok", "ASCII a-z fold to A-Z (Caps Lock on a scanner), the prefix included", u, tl, 0);
	snprintf(u, sizeof u, "%s ", t);
	vec("trailing-space", "malformed", "base45", "a trailing space is not dropped: it is base45 data (here a bad group)", u,
	    strlen(u), 1, NULL_COMPLIANCE);
	snprintf(u, sizeof u, "%s\t", t);
	vec("trailing-tab", "malformed", "base45", "a trailing tab is not dropped: outside the base45 alphabet", u, strlen(u), 0);
	snprintf(u, sizeof u, " %s", t);
	vec("leading-space", "not_a_certificate", "prefix", "nothing is stripped at the start: a leading space hides the prefix", u,
	    strlen(u), 1, "\"key_id\":null");
	snprintf(u, sizeof u, "\xEF\xBB\xBF%s", t);
	vec("leading-bom", "not_a_certificate", "prefix", "a UTF-8 byte order mark before the prefix is not stripped either", u,
	    strlen(u), 0);
	memcpy(u, t, tl);
	u[60] = '\r';
	vec("cr-inside", "malformed", "base45", "CR or LF inside the text is not dropped", u, tl, 0);
	memcpy(u, t, tl);
	u[2] = '2';
	vec("qr-version-2", "unknown_version", "qr_version", "CQ2: is a certqr code of a version this verifier does not read", u,
	    tl, 2, "\"key_id\":null", "\"certificate\":null");
	u[2] = '0';
	vec("qr-version-0", "unknown_version", "qr_version", "any CQ<digit>: other than CQ1:", u, tl, 0);
	u[2] = 'X';
	vec("qr-prefix-letter", "not_a_certificate", "prefix", "CQ followed by a non-digit is not a certqr code", u, tl, 0);
	vec("prefix-only-3", "not_a_certificate", "prefix", "fewer than four characters", "CQ1", 3, 0);
	snprintf(u, sizeof u, "\xef\xbc\xa3Q1:%s", t + 4);
	vec("prefix-fullwidth-c", "not_a_certificate", "prefix", "only ASCII case is folded: a full-width Ｃ is not C", u, strlen(u), 0);
	snprintf(u, sizeof u, "%s", t);
	u[tl - 1] = (char)0xC5;
	vec("non-ascii-in-base45", "malformed", "base45", "a byte above 0x7F in the base45 text is not folded into anything", u, tl, 0);
	vec("wifi", "not_a_certificate", "prefix", "another QR code", "WIFI:S:HRBureau;T:WPA;P:secret;;", 32, 0);
	vec("prefix-empty", "malformed", "length", "CQ1: with nothing after it: an empty payload", "CQ1:", 4, 0);
	memset(u, '0', 300);
	memcpy(u, "CQ1:", 4);
	vec("text-too-long", "malformed", "length", "258 base45 characters: longer than any v1 payload (257 at most)", u, 4 + 258, 0);
	vec("base45-one-mod-3", "malformed", "base45", "a base45 length of 1 (mod 3)", "CQ1:0000", 8, 0);
	vec("base45-group-65536", "malformed", "base45", "a three-character group worth 65536", "CQ1:GGW", 7, 0);
	vec("base45-pair-256", "malformed", "base45", "a final two-character group worth 256", "CQ1:V5", 6, 0);
	vec("base45-bad-char", "malformed", "base45", "a character outside the base45 alphabet (lower case is folded first)",
	    "CQ1:00~", 7, 0);

	/* --- the payload's length and version (format.md §2.1, steps 1-3) --- */
	n = edited(zz, 0, "\x02", 1, p);
	pvec("payload-version-2", "unknown_version", "payload_version", "payload version byte 2 (signed): a format this build does not read", p, n, NULL);
	n = edited(zz, 0, "\x00", 1, p);
	pvec("payload-version-0", "unknown_version", "payload_version", "payload version byte 0 (signed)", p, n, NULL);
	pvec("payload-truncated", "malformed", "length", "the genuine payload without its last byte", g, gn - 1, NULL);
	memcpy(p, g, gn);
	p[gn] = 0;
	pvec("payload-trailing", "malformed", "length", "the genuine payload with one byte appended", p, gn + 1, NULL);
	pvec("payload-107", "malformed", "length", "107 bytes: shorter than any payload (108)", g, 107, NULL);
	memset(p, 0, 172);
	memcpy(p, g, gn);
	pvec("payload-172", "malformed", "length", "172 bytes (258 base45 characters): longer than any payload (171)", p, 172, NULL);

	/* --- every field rule, on validly signed payloads (format.md §2.1, §2.2) --- */
	n = edited(zz, 9, "\x03\xba\x9b\x0b\x27\xff", 6, p);
	pvec("number-below-41", "malformed", "number", "number 4099999999999 (signed): outside 41·10¹¹ ≤ n < 42·10¹¹", p, n, NULL);
	n = edited(zz, 9, "\x03\xd1\xe3\x82\x10\x00", 6, p);
	pvec("number-42", "malformed", "number", "number 4200000000000 (signed)", p, n, NULL);
	n = edited(zz, 9, "\x03\xba\xd7\xd7\x1f\x00", 6, p);
	pvec("number-sequence-zero", "malformed", "number", "number 4101020000000 (signed): digits 7-13 all zero", p, n, NULL);
	n = edited(zz, 29, "\x02", 1, p);
	pvec("flags-reserved", "malformed", "flags", "flag bit 1 set (signed)", p, n, NULL);
	n = edited(zz, 32, "\x2a\xf8", 2, p);
	pvec("id-hint-11000", "malformed", "id_hint", "ID hint 11000 (signed): above 10999", p, n, NULL);
	n = edited(zz, 32, "\x2a\xf7", 2, p);
	pvec("id-hint-10999", "authentic", "ok", "ID hint 10999 (signed): the largest, \"999X\"", p, n, NULL);
	n = edited(zz, 16, "\x07\xcf", 2, p);
	pvec("year-1999", "malformed", "year", "year 1999 (signed)", p, n, NULL);
	n = edited(zz, 16, "\x08\x34", 2, p);
	pvec("year-2100", "malformed", "year", "year 2100 (signed)", p, n, NULL);
	n = edited(zz, 15, "\x00", 1, p);
	pvec("revision-0", "malformed", "revision", "revision 0 (signed)", p, n, NULL);
	n = edited(zz, 23, "\x03\xe8", 2, p);
	pvec("hours-public-1000", "malformed", "hours_public", "public hours 1000 (signed)", p, n, NULL);
	n = edited(zz, 25, "\x03\xe8", 2, p);
	pvec("hours-professional-1000", "malformed", "hours_professional", "professional hours 1000 (signed)", p, n, NULL);
	n = edited(zz, 27, "\x00\x05", 2, p);
	pvec("compulsory-unflagged", "malformed", "hours_compulsory", "compulsory hours 5 with flag bit 0 clear (signed)", p, n, NULL);
	n = edited(zz, 27, "\x00\x1f\x01", 3, p);
	pvec("compulsory-above-public", "malformed", "hours_compulsory", "compulsory 31 > public 30 (signed)", p, n, NULL);
	n = edited(zz, 30, "\x06\x0c", 2, p);
	pvec("reduction-6", "malformed", "reduction", "reduction code 6 (signed)", p, n, NULL);
	n = edited(zz, 30, "\x00\x0b", 2, p);
	pvec("months-none-11", "malformed", "months_at_post", "no reduction needs 12 months at post (signed: 11)", p, n, NULL);
	n = edited(zz, 30, "\x01\x07", 2, p);
	pvec("months-abroad-7", "malformed", "months_at_post", "abroad: at most 6 months at post (signed: 7)", p, n, NULL);
	n = edited(zz, 30, "\x02\x07", 2, p);
	pvec("months-sick-7", "malformed", "months_at_post", "sick leave: at most 6 months at post (signed: 7)", p, n, NULL);
	n = edited(zz, 30, "\x03\x0c", 2, p);
	pvec("months-maternity-12", "malformed", "months_at_post", "maternity: at most 11 months at post (signed: 12)", p, n, NULL);
	n = edited(zz, 30, "\x05\x06", 2, p);
	pvec("months-aid-6", "malformed", "months_at_post", "aid: exactly 12 months at post (signed: 6)", p, n, NULL);
	n = edited(zz, 20, "\x06\x41\x8f", 3, p);
	pvec("region-409999", "malformed", "issuer_region", "issuer region 409999 (signed)", p, n, NULL);
	n = edited(zz, 20, "\x06\x68\xa0", 3, p);
	pvec("region-420000", "malformed", "issuer_region", "issuer region 420000 (signed)", p, n, NULL);
	n = edited(zz, 18, "\x4b\x9d", 2, p);
	pvec("issued-before-year", "malformed", "issued", "issued 2022-12-31 for year 2023 (signed)", p, n, NULL);
	n = edited(zz, 18, "\x5b\x50", 2, p);
	pvec("issued-year-plus-11", "malformed", "issued", "issued 2034-01-01 for year 2023: after 31 December of year + 10 (signed)", p, n, NULL);
	{
		cert c = base;
		c.number = "4101020000150"; c.year = 2020; c.issued = "2030-12-31";
		n = sign(zz, &c, p);
		pvec("issued-year-plus-10", "authentic", "ok", "issued 2030-12-31 for year 2020: the last day allowed (and of the key's window)", p, n, NULL);
	}

	/* --- names (format.md §2.2), signed --- */
	struct { const char *name, *status, *code, *raw; int len; const char *note; } names[] = {
		{"name-nul", "malformed", "name", "\xe5\xbc\xa0\x00\xe4\xb8\x89", 7, "a NUL byte in the name"},
		{"name-invalid-utf8", "malformed", "name", "\xe5\xbc\xa0\xff", 4, "a byte that is not UTF-8"},
		{"name-overlong", "malformed", "name", "\xe5\xbc\xa0\xc1\x81", 5, "an overlong encoding of A"},
		{"name-surrogate", "malformed", "name", "\xe5\xbc\xa0\xed\xa0\x80", 6, "an encoded surrogate U+D800"},
		{"name-digit", "malformed", "name", "\xe5\xbc\xa0" "3", 4, "a digit"},
		{"name-bullet", "malformed", "name", "\xe9\x98\xbf\xe2\x80\xa2\xe4\xb9\xb0", 9, "U+2022 • instead of U+00B7 ·"},
		{"name-katakana-dot", "malformed", "name", "\xe9\x98\xbf\xe3\x83\xbb\xe4\xb9\xb0", 9, "U+30FB ・ instead of U+00B7 ·"},
		{"name-dot-first", "malformed", "name", "\xc2\xb7\xe9\x98\xbf\xe4\xb9\xb0", 8, "· as the first character"},
		{"name-dot-last", "malformed", "name", "\xe9\x98\xbf\xe4\xb9\xb0\xc2\xb7", 8, "· as the last character"},
		{"name-dot-dot", "malformed", "name", "\xe9\x98\xbf\xc2\xb7\xc2\xb7\xe4\xb9\xb0", 10, "two · in a row"},
		{"name-dot-space", "malformed", "name", "Anna\xc2\xb7 Li", 9, "· next to a space"},
		{"name-space-han", "malformed", "name", "\xe5\xbc\xa0 \xe4\xb8\x89", 7, "a space between Han characters"},
		{"name-space-latin-han", "malformed", "name", "Anna \xe6\x9d\x8e", 8, "a space with a Han character on one side"},
		{"name-double-space", "malformed", "name", "Anna  Li", 8, "two spaces"},
		{"name-bidi", "malformed", "name", "\xe5\xbc\xa0\xe2\x80\xae", 6, "U+202E right-to-left override"},
		{"name-25-chars", "malformed", "name", "AAAAAAAAAAAAAAAAAAAAAAAAA", 25, "25 characters (at most 24)"},
		{"name-compat-ideograph", "malformed", "name", "\xe5\xbc\xa0\xef\xa7\xb1", 6,
		 "U+F9F1 (a CJK compatibility ideograph, NFC: U+96A3): a signed name is in NFC"},
		{"name-compat-supplement", "malformed", "name", "\xe5\xbc\xa0\xf0\xaf\xa0\x80", 7,
		 "U+2F800 (CJK Compatibility Ideographs Supplement, NFC: U+4E3D)"},
		{"name-unified-in-compat-block", "authentic", "ok", "\xe5\xbc\xa0\xef\xa8\x8e", 6,
		 "U+FA0E is one of the twelve unified ideographs in the compatibility block: allowed"},
		{"name-dot-latin", "authentic", "ok", "Anna\xc2\xb7Li", 7, "· may join Latin-letter parts too"},
		{"name-dot-mixed", "authentic", "ok", "\xe9\x98\xbf\xe4\xbe\x9d\xc2\xb7Li", 10, "· may join a Han part and a Latin part"},
		{"name-latin-space", "authentic", "ok", "Anna Li", 7, "one space between Latin-letter parts"},
		{"name-24-latin", "authentic", "ok", "AAAAAAAAAAAAAAAAAAAAAAAA", 24, "24 characters"},
		{"name-64-bytes", "authentic", "ok",
		 "\xf0\xa0\x80\x80\xf0\xa0\x80\x81\xf0\xa0\x80\x82\xf0\xa0\x80\x83\xf0\xa0\x80\x84\xf0\xa0\x80\x85\xf0\xa0\x80\x86"
		 "\xf0\xa0\x80\x87\xf0\xa0\x80\x88\xf0\xa0\x80\x89\xf0\xa0\x80\x8a\xf0\xa0\x80\x8b\xf0\xa0\x80\x8c\xf0\xa0\x80\x8d"
		 "\xf0\xa0\x80\x8e\xf0\xa0\x80\x8f", 64, "16 Extension B characters: 64 bytes, the longest name (171-byte payload)"},
		{"name-22-chars-64-bytes", "authentic", "ok",
		 "\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80"
		 "\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80\xe4\xb8\x80"
		 "\xe4\xb8\x80" "A", 64, "21 Han characters and a Latin letter: 22 characters, 64 bytes"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		n = named(zz, names[i].raw, (size_t)names[i].len, (unsigned)names[i].len, p);
		pvec(names[i].name, names[i].status, names[i].code, names[i].note, p, n, NULL);
	}
	/* The length byte is checked before the total length (steps 7 and 8). */
	n = named(zz, "A", 1, 0, p);
	pvec("name-length-0", "malformed", "name", "name length byte 0 (one byte follows, so the payload has 108 bytes)", p, n, NULL);
	n = named(zz, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 64, 65, p);
	pvec("name-length-65", "malformed", "name", "name length byte 65 (64 bytes follow: 171 in all)", p, n, NULL);
	n = named(zz, "\xe5\xbc\xa0\xe4\xb8\x89", 6, 5, p);
	pvec("name-length-short", "malformed", "length", "name length byte 5 for a 6-byte name: the total length disagrees", p, n, NULL);

	/* --- the verdict after decoding (trust.md §4) --- */
	n = sign(un, &base, p);
	pvec("unknown-issuer", "unknown_issuer", "no_delegation", "signed by issuer-undelegated: no delegation names its key", p, n,
	     "\"certificate\":null");
	memcpy(p, g, gn);
	p[24] ^= 1;
	pvec("forged-hours", "forged", "signature", "public hours edited 30 -> 31 after signing", p, gn, "\"certificate\":null");
	{
		cert c = base;
		c.number = "4105020000009";
		n = sign(zz, &c, p);
		pvec("scope", "out_of_scope", "scope", "Zhengzhou's key (scope 4101) signs an Anyang number", p, n, NULL_COMPLIANCE);
		c = base; c.region = 410500;
		n = sign(zz, &c, p);
		pvec("scope-region", "out_of_scope", "region", "a Zhengzhou number but issuer region 410500: the region must equal the delegation's", p, n, NULL);
		c = base; c.year = 2030; c.issued = "2031-01-01"; c.number = "4101020000151";
		n = sign(zz, &c, p);
		pvec("window-after", "outside_key_window", "window", "issued 2031-01-01, the day after the window ends", p, n, NULL);
		c = base; c.year = 2016; c.issued = "2016-12-31"; c.number = "4101020000152";
		n = sign(zz, &c, p);
		pvec("window-before", "outside_key_window", "window", "issued 2016-12-31, the day before the window starts", p, n, NULL);
		c = base; c.number = "4103020000001"; c.region = 410300; c.issued = "2024-06-30";
		n = sign(ly, &c, p);
		pvec("retired-on-date", "authentic", "ok", "Luoyang's key, retired on 2024-06-30, signed on that day", p, n, NULL);
		c.number = "4103020000002"; c.issued = "2024-07-01";
		n = sign(ly, &c, p);
		pvec("retired-after", "outside_key_window", "retired", "signed the day after its retirement", p, n, "\"key_retired_on\":\"2024-06-30\"");
		c = base; c.number = "4102020000001"; c.region = 410200; c.issued = "2025-02-28";
		n = sign(kf, &c, p);
		pvec("compromised-before", "authentic", "ok", "Kaifeng's key, compromised since 2025-03-01, signed the day before", p, n, NULL);
		c.issued = "2025-03-01";
		n = sign(kf, &c, p);
		pvec("compromised-on-date", "key_compromised", "compromised_since", "signed on the day of the compromise", p, n,
		     "\"key_compromised_since\":\"2025-03-01\"");
		c.number = "4101020000153";
		n = sign(kf, &c, p);
		pvec("compromised-before-scope", "key_compromised", "compromised_since",
		     "compromise is checked before scope: Kaifeng's key signing a Zhengzhou number", p, n, NULL);
		c = base; c.number = "4105020000001"; c.region = 410500;
		n = sign(ay, &c, p);
		pvec("compromised-undated", "key_compromised", "compromised", "Anyang's key is compromised with no date: nothing it signed is trusted", p, n, NULL);
		c = base; c.number = "4101020000200";
		n = sign(zz, &c, p);
		pvec("revoked-revision", "revoked", "revision", "4101020000200 for 2023 revision 1 is revoked (falsified_hours)", p, n,
		     "\"revocation\":{\"reason\":\"falsified_hours\",\"reason_zh\":\"学时造假\"}");
		c.revision = 2;
		n = sign(zz, &c, p);
		pvec("revoked-other-revision", "authentic", "ok", "its revision 2 is not revoked", p, n, NULL);
		c = base; c.number = "4101020000201"; c.revision = 9;
		n = sign(zz, &c, p);
		pvec("revoked-all", "revoked", "all_revisions", "4101020000201 for 2023 is revoked in every revision (revision 0 entry)", p, n,
		     "\"revocation\":{\"reason\":\"impersonation\",\"reason_zh\":\"冒用他人身份\"}");
		c.year = 2024; c.issued = "2024-12-20";
		n = sign(zz, &c, p);
		pvec("revoked-other-year", "authentic", "ok", "the same number for another year is not revoked", p, n, NULL);
		c = base; c.number = "4101020000203";
		n = sign(zz, &c, p);
		pvec("superseded", "superseded", "later_revision", "4101020000203 for 2023: revision 2 is listed", p, n, "\"latest_revision\":2");
		c.revision = 3;
		n = sign(zz, &c, p);
		pvec("superseded-newer", "authentic", "ok", "a revision above the listed latest is not superseded", p, n, NULL);
	}

	/* --- compliance (trust.md §4 step 9, §5) and the reduction names --- */
	struct { cert c; const char *red, *compliance, *note; } cc[] = {
		{{"4101020000126", "2023-12-20", "张三", 2023, 1, 30, 50, 410100, 12, -1, 0}, "none",
		 "{\"met\":false,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":null,\"region\":\"41\"},\"required\":{\"public\":30,"
		 "\"professional\":60,\"total\":90},\"shortfall\":{\"public\":0,\"professional\":10,\"total\":10}}",
		 "not met: professional and total short by 10"},
		{{"4101020000127", "2017-01-10", "张三", 2016, 1, 90, 90, 410100, 12, -1, 0}, "none",
		 "{\"met\":null,\"aid_credit\":false,\"rule\":null,\"required\":null,\"shortfall\":null}",
		 "no rule for 2016: met null, the same keys"},
		{{"4101020000128", "2017-01-10", "张三", 2016, 1, 0, 0, 410100, 12, -1, CQ_RED_AID}, "aid",
		 "{\"met\":null,\"aid_credit\":true,\"rule\":null,\"required\":null,\"shortfall\":null}",
		 "aid work for 2016, no rule: met null, aid_credit true"},
		{{"4101020000129", "2023-12-20", "张三", 2023, 1, 0, 0, 410100, 12, -1, CQ_RED_AID}, "aid",
		 "{\"met\":true,\"aid_credit\":true,\"rule\":{\"from\":2021,\"to\":null,\"region\":\"41\"},\"required\":{\"public\":0,"
		 "\"professional\":0,\"total\":0},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0}}",
		 "aid work with a rule: met, nothing required"},
		{{"4101020000140", "2019-12-20", "张三", 2019, 1, 14, 35, 410100, 7, -1, CQ_RED_MATERNITY}, "maternity",
		 "{\"met\":false,\"aid_credit\":false,\"rule\":{\"from\":2017,\"to\":2020,\"region\":\"41\"},\"required\":{\"public\":14,"
		 "\"professional\":35,\"total\":53},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":4}}",
		 "7 months: ceil(24·7/12)=14, ceil(60·7/12)=35, total ceil(90·7/12)=53 on its own, not 14+35"},
		{{"4104030000010", "2021-12-28", "张三", 2021, 1, 18, 35, 410400, 7, 14, CQ_RED_OTHER}, "other",
		 "{\"met\":true,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":2021,\"region\":\"4104\"},\"required\":{\"public\":18,"
		 "\"professional\":35,\"total\":53,\"compulsory\":14},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0,\"compulsory\":0}}",
		 "Pingdingshan 2021, 7 months: public ceil(17.5)=18, compulsory ceil(24·7/12)=14"},
		{{"4104030000011", "2021-12-28", "张三", 2021, 1, 18, 35, 410400, 7, 13, CQ_RED_OTHER}, "other",
		 "{\"met\":false,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":2021,\"region\":\"4104\"},\"required\":{\"public\":18,"
		 "\"professional\":35,\"total\":53,\"compulsory\":14},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0,\"compulsory\":1}}",
		 "one compulsory hour short of the rounded-up 14"},
		{{"4104030000012", "2021-12-28", "张三", 2021, 1, 30, 60, 410400, 12, -1, 0}, "none",
		 "{\"met\":false,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":2021,\"region\":\"4104\"},\"required\":{\"public\":30,"
		 "\"professional\":60,\"total\":90,\"compulsory\":24},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0,\"compulsory\":24}}",
		 "compulsory hours not recorded count as 0"},
		{{"4101020000131", "2022-12-20", "张三", 2022, 1, 20, 40, 410100, 12, -1, 0}, "none",
		 "{\"met\":true,\"aid_credit\":false,\"rule\":{\"from\":2022,\"to\":2022,\"region\":\"410102\"},\"required\":{\"public\":20,"
		 "\"professional\":40,\"total\":60},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0}}",
		 "rule region 410102 matches the number 410102…, although the issuer region is 410100"},
		{{"4101030000132", "2022-12-20", "张三", 2022, 1, 20, 40, 410100, 12, -1, 0}, "none",
		 "{\"met\":false,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":null,\"region\":\"41\"},\"required\":{\"public\":30,"
		 "\"professional\":60,\"total\":90},\"shortfall\":{\"public\":10,\"professional\":20,\"total\":30}}",
		 "number 410103…: the 410102 rule does not match, the province rule does"},
		{{"4101020000133", "2023-12-20", "张三", 2023, 1, 0, 0, 410100, 0, -1, CQ_RED_ABROAD}, "abroad",
		 "{\"met\":true,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":null,\"region\":\"41\"},\"required\":{\"public\":0,"
		 "\"professional\":0,\"total\":0},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0}}",
		 "abroad, 0 months at post: nothing required"},
		{{"4101020000134", "2023-12-20", "张三", 2023, 1, 15, 30, 410100, 6, -1, CQ_RED_SICK}, "sick_leave",
		 "{\"met\":true,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":null,\"region\":\"41\"},\"required\":{\"public\":15,"
		 "\"professional\":30,\"total\":45},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0}}",
		 "sick leave, 6 months at post: half of each"},
	};
	for (size_t i = 0; i < sizeof cc / sizeof *cc; i++) {
		char name[48], comp[600];
		cq_seckey *k = cc[i].c.region == 410400 ? pds : zz;
		n = sign(k, &cc[i].c, p);
		qr_text(p, n, t, sizeof t);
		snprintf(name, sizeof name, "compliance-%zu", i + 1);
		snprintf(comp, sizeof comp, "\"compliance\":%s", cc[i].compliance);
		cert_json(x, sizeof x, &cc[i].c, cc[i].red, k == pds
		          ? "{\"key_id\":\"CA87F4FAD3D101CF\",\"bureau\":\"平顶山市人力资源和社会保障局\",\"region\":\"410400\",\"scope\":\"4104\"}"
		          : ZZ_ISSUER);
		vec(name, "authentic", "ok", cc[i].note, t, strlen(t), 2, comp, x);
	}
	cq_seckey_free(zz); cq_seckey_free(pds); cq_seckey_free(ly);
	cq_seckey_free(kf); cq_seckey_free(ay); cq_seckey_free(un);
}

/* ---- trust bundles ---- */

typedef struct { uint8_t *p; size_t n, cap; } buf;

static void put(buf *b, const void *src, size_t n)
{
	if (n == 0) return;   /* src may be NULL for an empty part */
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		if (!(b->p = realloc(b->p, b->cap))) die("out of memory", NULL);
	}
	memcpy(b->p + b->n, src, n);
	b->n += n;
}

static void put_uint(buf *b, uint64_t v, unsigned width)
{
	uint8_t x[8];
	for (unsigned i = 0; i < width; i++) x[i] = (uint8_t)(v >> (8 * (width - 1 - i)));
	put(b, x, width);
}

/* The parts of a bundle body, as raw bytes so that any rule can be broken. */
typedef struct bparts {
	uint8_t format;
	uint32_t version;
	const char *date;
	const buf *dls; unsigned n_dl;       /* each: blob (with signature) */
	const uint8_t *ks; unsigned n_ks;    /* 12 bytes each */
	const char *rules; size_t rules_len;
	const uint8_t *rev; unsigned n_rev;  /* 10 bytes each */
	const uint8_t *sup; unsigned n_sup;  /* 9 bytes each */
	unsigned sup_missing;                /* supersessions counted but not written */
	size_t rules_missing;                /* rules bytes counted but not written */
	size_t extra;                        /* zero bytes before the signature */
	long length_delta;                   /* added to the length field */
} bparts;

static buf build(cq_seckey *root, const bparts *b)
{
	buf o = {0};
	cq_date d;
	if (cq_date_parse(b->date, &d)) die(b->date, NULL);
	put(&o, "CQTB", 4);
	put_uint(&o, b->format, 1);
	put(&o, cq_seckey_pubkey(root)->id, CQ_KEY_ID_BYTES);
	put_uint(&o, b->version, 4);
	put_uint(&o, (uint64_t)cq_date_to_days(d), 2);
	put_uint(&o, 0, 4);
	put_uint(&o, b->n_dl, 2);
	for (unsigned i = 0; i < b->n_dl && b->dls; i++) {
		put_uint(&o, b->dls[i].n, 2);
		put(&o, b->dls[i].p, b->dls[i].n);
	}
	put_uint(&o, b->n_ks, 2);
	put(&o, b->ks, 12u * b->n_ks);
	put_uint(&o, b->rules_len + b->rules_missing, 4);
	put(&o, b->rules, b->rules_len);
	put_uint(&o, b->n_rev, 4);
	put(&o, b->rev, 10u * (b->rev ? b->n_rev : 0));
	put_uint(&o, b->n_sup + b->sup_missing, 4);
	put(&o, b->sup, 9u * (b->sup ? b->n_sup : 0));
	for (size_t i = 0; i < b->extra; i++) put_uint(&o, 0, 1);
	uint64_t total = o.n + CQ_SIG_BYTES + (uint64_t)b->length_delta;
	for (int i = 0; i < 4; i++) o.p[19 + i] = (uint8_t)(total >> (8 * (3 - i)));
	uint8_t sig[CQ_SIG_BYTES];
	if (cq_sign_detached(root, CQ_CTX_BUNDLE, o.p, o.n, sig)) die("sign bundle", NULL);
	put(&o, sig, sizeof sig);
	return o;
}

static void bvec(const char *name, const char *cls, const char *code, const char *note, const uint8_t *p, size_t n)
{
	fprintf(out, "# %s\n%s\t%s\t%s\t", note, name, cls, code);
	hex(p, n);
	fputc('\n', out);
}

static void bundle_vec(const char *name, const char *cls, const char *code, const char *note, cq_seckey *root,
                       const bparts *b)
{
	buf o = build(root, b);
	bvec(name, cls, code, note, o.p, o.n);
	free(o.p);
}

static buf dl_blob(const char *file, cq_seckey *resign)
{
	char path[512], *text, why[256];
	size_t n;
	cq_err e;
	cq_delegation d;
	buf o = {0};
	uint8_t blob[CQ_DELEGATION_MAX];
	snprintf(path, sizeof path, "%s/%s", keydir, file);
	if (cq_read_file(path, CQ_ARMOR_MAX_TEXT, &text, &n, why)) { fprintf(stderr, "%s\n", why); exit(2); }
	if (cq_delegation_decode_text(text, n, &d, &e)) die(path, &e);
	free(text);
	if (resign && cq_delegation_sign(&d, resign, &e)) die(path, &e);
	if (cq_delegation_encode_body(&d, blob, sizeof blob, &n, &e)) die(path, &e);
	put(&o, blob, n);
	put(&o, d.sig, CQ_SIG_BYTES);
	return o;
}

static void rec10(uint8_t *r, uint64_t number, unsigned year, unsigned revision, unsigned reason)
{
	for (int i = 0; i < 6; i++) r[i] = (uint8_t)(number >> (8 * (5 - i)));
	r[6] = (uint8_t)(year >> 8); r[7] = (uint8_t)year; r[8] = (uint8_t)revision; r[9] = (uint8_t)reason;
}

static void ks12(uint8_t *k, const uint8_t id[8], unsigned state, unsigned has_date, unsigned days)
{
	memcpy(k, id, 8);
	k[8] = (uint8_t)state; k[9] = (uint8_t)has_date; k[10] = (uint8_t)(days >> 8); k[11] = (uint8_t)days;
}

static void bundles(void)
{
	cq_seckey *root = load("root"), *foreign = load("foreign-root");
	cq_pubkey ly, kf;
	cq_seckey *lyk = load("issuer-luoyang-retired"), *kfk = load("issuer-kaifeng-compromised");
	ly = *cq_seckey_pubkey(lyk); kf = *cq_seckey_pubkey(kfk);
	cq_seckey_free(lyk); cq_seckey_free(kfk);
	const cq_pubkey *lo = memcmp(ly.id, kf.id, 8) < 0 ? &ly : &kf, *hi = lo == &ly ? &kf : &ly;
	buf zz = dl_blob("issuer-zhengzhou-TEST-ONLY.dl", NULL), pd = dl_blob("issuer-pingdingshan-TEST-ONLY.dl", NULL);
	buf zz_foreign = dl_blob("issuer-zhengzhou-TEST-ONLY.dl", foreign);
	const char *rules = "2021 - 41 30 60 90 0\n";
	uint8_t ks[2][12], rev[3][10], sup[2][9];
	ks12(ks[0], lo->id, CQ_KEY_RETIRED, 1, 19904);   /* 2024-06-30 */
	ks12(ks[1], hi->id, CQ_KEY_COMPROMISED, 0, 0);
	rec10(rev[0], 4101020000200ull, 2023, 0, 3);
	rec10(rev[1], 4101020000200ull, 2023, 1, 1);
	rec10(rev[2], 4101020000201ull, 2023, 1, 5);
	memcpy(sup[0], rev[0], 8); sup[0][8] = 2;
	memcpy(sup[1], rev[2], 8); sup[1][8] = 3;
	buf dls[2] = { zz, pd };
	const bparts good = { 1, 1, "2026-11-01", dls, 2, &ks[0][0], 2, rules, strlen(rules), &rev[0][0], 3, &sup[0][0], 2, 0, 0, 0, 0 };
	bparts b;

	fprintf(out, "# certqr trust bundle vectors (docs/trust.md §1.4). Check each against the root\n"
	        "# keys/test/root-TEST-ONLY.pub. Columns, TAB-separated: name, class (ok, not_a_bundle,\n"
	        "# unknown_format, foreign_root, bad_signature, malformed), reason_code, the bundle's bytes in hex.\n"
	        "# Signed with the TEST-ONLY keys of keys/test/; generated by tests/tools/vectors.c.\n");
	bundle_vec("good", "ok", "ok", "two delegations, a retired and an undated compromised key, a revision-0 and an exact "
	           "revocation of one certificate, two supersessions", root, &good);
	{
		buf o = build(root, &good);
		o.p[0] = 'X';
		bvec("magic", "not_a_bundle", "magic", "wrong magic", o.p, o.n);
		bvec("four-bytes", "not_a_bundle", "magic", "only the magic, 4 bytes", (const uint8_t *)"CQTB", 4);
		o.p[0] = 'C';
		o.p[4] = 3;   /* 2 is a bundle with layouts (docs/trust.md) */
		bvec("format-3", "unknown_format", "format", "format byte 3", o.p, o.n);
		o.p[4] = 1;
		bvec("shorter-than-header", "malformed", "length", "86 bytes: shorter than a header and a signature (87)", o.p, 86);
		bvec("cut", "malformed", "length", "the file cut short of its length field", o.p, o.n - 1);
		uint8_t *q = malloc(o.n + 1);
		memcpy(q, o.p, o.n);
		q[o.n] = 0;
		bvec("appended", "malformed", "length", "one byte appended after the signature", q, o.n + 1);
		free(q);
		o.p[30] ^= 1;
		bvec("bad-signature", "bad_signature", "signature", "one bit of the body changed after signing", o.p, o.n);
		free(o.p);
	}
	bundle_vec("foreign-root", "foreign_root", "root", "the same body signed by foreign-root-TEST-ONLY (header names it)",
	           foreign, &good);
	b = good; b.version = 0;
	bundle_vec("version-0", "malformed", "version", "bundle version 0 (signed)", root, &b);
	b = good; b.date = "2149-06-06";
	bundle_vec("date-last-day", "ok", "ok", "bundle date 2149-06-06: day 65535, the last storable date", root, &b);
	buf two_zz[2] = { zz, zz };
	b = good; b.dls = two_zz;
	bundle_vec("delegation-twice", "malformed", "delegations", "the same delegation twice: one delegation per key", root, &b);
	{
		/* the same key delegated twice with different windows */
		char path[512], *text, why[256];
		size_t n;
		cq_err e;
		cq_delegation d;
		uint8_t blob[CQ_DELEGATION_MAX];
		snprintf(path, sizeof path, "%s/issuer-zhengzhou-TEST-ONLY.dl", keydir);
		if (cq_read_file(path, CQ_ARMOR_MAX_TEXT, &text, &n, why) || cq_delegation_decode_text(text, n, &d, &e)) die(path, NULL);
		free(text);
		if (cq_date_parse("2020-12-31", &d.last)) die(path, NULL);
		if (cq_delegation_sign(&d, root, &e) || cq_delegation_encode_body(&d, blob, sizeof blob, &n, &e)) die(path, &e);
		buf narrow = {0};
		put(&narrow, blob, n);
		put(&narrow, d.sig, CQ_SIG_BYTES);
		buf pair[2] = { zz, narrow };
		b = good; b.dls = pair;
		bundle_vec("delegation-narrower-twice", "malformed", "delegations",
		           "a second, narrower delegation of Zhengzhou's key (window to 2020-12-31): refused, not merged", root, &b);
		free(narrow.p);
	}
	buf with_foreign[2] = { zz_foreign, pd };
	b = good; b.dls = with_foreign;
	bundle_vec("delegation-foreign", "malformed", "delegations", "a delegation signed by another root inside our root's bundle", root, &b);
	{
		buf bad = {0};
		put(&bad, zz.p, zz.n);
		bad.p[bad.n - 1] ^= 1;
		buf dl2[2] = { bad, pd };
		b = good; b.dls = dl2;
		bundle_vec("delegation-bad-signature", "malformed", "delegations", "a delegation whose own signature fails", root, &b);
		free(bad.p);
	}
	b = good; b.n_dl = 1025; b.dls = NULL;
	bundle_vec("delegations-1025", "malformed", "delegations", "1025 delegations (at most 1024)", root, &b);
	{
		uint8_t k[2][12];
		memcpy(k, ks, sizeof k);
		k[0][9] = 0; k[0][10] = 0; k[0][11] = 0;
		b = good; b.ks = &k[0][0];
		bundle_vec("retired-no-date", "malformed", "key_status", "a retired key with has-date 0", root, &b);
		memcpy(k, ks, sizeof k);
		k[1][8] = 3;
		bundle_vec("key-state-3", "malformed", "key_status", "key state 3", root, &b);
		memcpy(k, ks, sizeof k);
		k[1][9] = 2;
		bundle_vec("has-date-2", "malformed", "key_status", "has-date 2", root, &b);
		memcpy(k, ks, sizeof k);
		k[1][11] = 1;
		bundle_vec("undated-with-date", "malformed", "key_status", "has-date 0 but a non-zero date", root, &b);
		memcpy(k[0], ks[1], 12); memcpy(k[1], ks[0], 12);
		bundle_vec("key-status-unsorted", "malformed", "key_status", "key statuses not sorted by key id", root, &b);
		memcpy(k[0], ks[0], 12); memcpy(k[1], ks[0], 12);
		k[1][8] = CQ_KEY_COMPROMISED;
		bundle_vec("key-status-twice", "malformed", "key_status", "two statuses for one key (retired and compromised)", root, &b);
	}
	struct { const char *name, *text, *note; } rt[] = {
		{"rules-6-fields", "2021 - 41 30 60 90\n", "a rule of 6 fields"},
		{"rules-leading-zero", "02021 - 41 30 60 90 0\n", "a year with a leading zero"},
		{"rules-hours-leading-zero", "2021 - 41 030 60 90 0\n", "hours with a leading zero"},
		{"rules-from-1999", "1999 - 41 30 60 90 0\n", "'from' before 2000"},
		{"rules-to-before-from", "2021 2020 41 30 60 90 0\n", "'to' before 'from'"},
		{"rules-to-2100", "2021 2100 41 30 60 90 0\n", "'to' after 2099"},
		{"rules-region-42", "2021 - 42 30 60 90 0\n", "a region not starting 41"},
		{"rules-region-7-digits", "2021 - 4101020 30 60 90 0\n", "a region of 7 digits"},
		{"rules-region-1-digit", "2021 - 4 30 60 90 0\n", "a region of 1 digit"},
		{"rules-hours-1000", "2021 - 41 30 60 1000 0\n", "1000 hours"},
		{"rules-compulsory-above-public", "2021 - 41 30 60 90 31\n", "compulsory above public"},
		{"rules-overlap", "2021 - 41 30 60 90 0\n2024 2025 41 30 60 90 0\n", "two rules for region 41 covering 2024"},
		{"rules-not-utf8", "2021 - 41 30 60 90 0 # \xff\n", "a comment that is not UTF-8"},
		{"rules-sign", "2021 - 41 +30 60 90 0\n", "a sign on a number"},
	};
	for (size_t i = 0; i < sizeof rt / sizeof *rt; i++) {
		b = good; b.rules = rt[i].text; b.rules_len = strlen(rt[i].text);
		bundle_vec(rt[i].name, "malformed", "rules", rt[i].note, root, &b);
	}
	{
		char line[300];
		memset(line, '.', sizeof line);
		memcpy(line, "2021 - 41 30 60 90 0 #", 22);
		line[256] = '\n';
		b = good; b.rules = line; b.rules_len = 257;
		bundle_vec("rules-line-256", "malformed", "rules", "a line of 256 bytes before its LF (at most 255)", root, &b);
		line[255] = '\n';
		b.rules_len = 256;
		bundle_vec("rules-line-255", "ok", "ok", "a line of 255 bytes before its LF", root, &b);
	}
	{
		static const char ok_rules[] = "# comment\r\n\r\n2021\t-\t41 30 60 90 0   # tabs, CRLF\r\n2021 - 4104 30 60 90 24\n"
		                               "2017 2020 41 24 60 90 0\n2021 2021 410102 0 0 0 0";
		b = good; b.rules = ok_rules; b.rules_len = sizeof ok_rules - 1;
		bundle_vec("rules-grammar-edges", "ok", "ok", "comments, blank lines, tabs, CRLF, nested regions, a last line without LF, "
		           "a rule of all zeros", root, &b);
		b = good; b.rules = "2021 - 41 30 60 90 0\0\n"; b.rules_len = 22;
		bundle_vec("rules-nul", "malformed", "rules", "a NUL byte in the rules text", root, &b);
		b = good; b.rules = ""; b.rules_len = 0;
		bundle_vec("rules-empty", "ok", "ok", "an empty rules text: no rule for any year", root, &b);
		b = good; b.rules = ""; b.rules_len = 0; b.rules_missing = 65537;
		bundle_vec("rules-65537", "malformed", "rules", "a rules length of 65 537 (at most 65 536): refused before it is read",
		           root, &b);
	}
	{
		uint8_t r[3][10];
		struct { const char *name, *note; uint64_t num; unsigned year, rev, reason; } rv[] = {
			{"revoked-number-42", "a revoked number 4200000000000", 4200000000000ull, 2023, 1, 1},
			{"revoked-number-zero-sequence", "a revoked number 4101020000000 (sequence all zero)", 4101020000000ull, 2023, 1, 1},
			{"revoked-number-14-digits", "a number of 14 digits", 10000000000000ull, 2023, 1, 1},
			{"revoked-year-1999", "year 1999", 4101020000300ull, 1999, 1, 1},
			{"revoked-year-2100", "year 2100", 4101020000300ull, 2100, 1, 1},
			{"revoked-reason-6", "reason 6", 4101020000300ull, 2023, 1, 6},
		};
		for (size_t i = 0; i < sizeof rv / sizeof *rv; i++) {
			memcpy(r, rev, sizeof r);
			/* last: its range checks come before its order check */
			rec10(r[2], rv[i].num, rv[i].year, rv[i].rev, rv[i].reason);
			b = good; b.rev = &r[0][0];
			bundle_vec(rv[i].name, "malformed", "revoked", rv[i].note, root, &b);
		}
		memcpy(r, rev, sizeof r);
		memcpy(r[0], rev[1], 10); memcpy(r[1], rev[0], 10);
		bundle_vec("revoked-unsorted", "malformed", "revoked", "revision 1 before revision 0 of one certificate", root, &b);
		memcpy(r, rev, sizeof r);
		memcpy(r[2], r[1], 10);
		r[2][9] = 5;
		bundle_vec("revoked-twice", "malformed", "revoked", "one (number, year, revision) twice, with different reasons", root, &b);
		rec10(r[2], 4101020000300ull, 2023, 255, 5);
		bundle_vec("revoked-revision-255", "ok", "ok", "revision 255 and reason 5 are in range", root, &b);
		b = good; b.n_rev = 1000001; b.rev = NULL; b.n_sup = 0; b.sup = NULL;
		bundle_vec("revoked-1000001", "malformed", "revoked", "1 000 001 revocations (at most 1 000 000)", root, &b);
	}
	{
		uint8_t s[2][9];
		memcpy(s, sup, sizeof s);
		s[1][8] = 1;
		b = good; b.sup = &s[0][0];
		bundle_vec("superseded-latest-1", "malformed", "superseded", "latest revision 1 (at least 2)", root, &b);
		memcpy(s, sup, sizeof s);
		memcpy(s[0], sup[1], 9); memcpy(s[1], sup[0], 9);
		bundle_vec("superseded-unsorted", "malformed", "superseded", "supersessions out of order", root, &b);
		memcpy(s, sup, sizeof s);
		memcpy(s[1], s[0], 8);
		bundle_vec("superseded-twice", "malformed", "superseded", "one (number, year) twice", root, &b);
		memcpy(s, sup, sizeof s);
		s[1][6] = 0x08; s[1][7] = 0x34;
		bundle_vec("superseded-year-2100", "malformed", "superseded", "year 2100", root, &b);
		b = good; b.n_sup = 500001; b.sup = NULL;
		bundle_vec("superseded-500001", "malformed", "superseded", "500 001 supersessions (at most 500 000)", root, &b);
	}
	b = good; b.extra = 1;
	bundle_vec("byte-before-signature", "malformed", "length", "one unexpected byte between the last table and the signature (signed)", root, &b);
	b = good; b.sup_missing = 1;
	bundle_vec("table-overruns", "malformed", "superseded", "3 supersessions counted, 2 present: the table runs into the signature", root, &b);
	free(zz.p); free(pd.p); free(zz_foreign.p);
	cq_seckey_free(root); cq_seckey_free(foreign);
}


/* ---- key and delegation files (format.md §4) ---- */

static void fvec(const char *name, const char *expect, const char *note, const void *text, size_t n)
{
	fprintf(out, "# %s\n%s\t%s\t", note, name, expect);
	hex(text, n);
	fputc('\n', out);
}

/* "untrusted comment: <comment><eol1><base64 of blob><eol2>" */
static size_t armour(char *o, size_t cap, const char *comment, const char *eol1, const uint8_t *blob, size_t n,
                     const char *eol2)
{
	char b64[512];
	sodium_bin2base64(b64, sizeof b64, blob, n, sodium_base64_VARIANT_ORIGINAL);
	int k = snprintf(o, cap, "untrusted comment: %s%s%s%s", comment, eol1, b64, eol2);
	return (size_t)k;
}

/* A delegation body of Zhengzhou's issuer key with any field values, signed by root. */
static size_t dl_raw(uint8_t *o, cq_seckey *root, const cq_pubkey *iss, uint8_t version, uint32_t region,
                     const char *scope, const char *first, const char *last, const char *bureau, size_t bl)
{
	buf b = {0};
	cq_date f, l;
	if (cq_date_parse(first, &f) || cq_date_parse(last, &l)) die(first, NULL);
	put(&b, "CQDL", 4);
	put_uint(&b, version, 1);
	put(&b, cq_seckey_pubkey(root)->id, 8);
	put(&b, iss->id, 8);
	put(&b, iss->pk, 32);
	put_uint(&b, region, 4);
	put_uint(&b, strlen(scope), 1);
	put(&b, scope, strlen(scope));
	put_uint(&b, (uint64_t)cq_date_to_days(f), 2);
	put_uint(&b, (uint64_t)cq_date_to_days(l), 2);
	put_uint(&b, bl, 1);
	put(&b, bureau, bl);
	memcpy(o, b.p, b.n);
	if (cq_sign_detached(root, CQ_CTX_DELEGATION, o, b.n, o + b.n)) die("sign delegation", NULL);
	size_t n = b.n + CQ_SIG_BYTES;
	free(b.p);
	return n;
}

static void keyfiles(void)
{
	cq_seckey *root = load("root"), *zzk = load("issuer-zhengzhou");
	cq_pubkey zz = *cq_seckey_pubkey(zzk);
	cq_seckey_free(zzk);
	uint8_t pub[CQ_PUBKEY_BLOB], blob[512];
	char t[9000];
	size_t n;
	cq_pubkey_to_blob(cq_seckey_pubkey(root), pub);
	fprintf(out, "# certqr key and delegation file vectors (docs/format.md §4). Columns, TAB-separated: name,\n"
	        "# ok or refused, the file's bytes in hex. A public key file is read as a public key, a delegation\n"
	        "# file as a delegation (its signature by keys/test/root-TEST-ONLY.pub is valid in every vector).\n"
	        "# Generated by tests/tools/vectors.c.\n");
	const char *c = "certqr root public key B1781097C002AD72";
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "\n");
	fvec("pub-lf", "ok", "the root public key as certqr-keys writes it: LF line ends", t, n);
	n = armour(t, sizeof t, c, "\r\n", pub, sizeof pub, "\r\n");
	fvec("pub-crlf", "ok", "both lines end in CRLF", t, n);
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "");
	fvec("pub-no-final-eol", "ok", "no line end after the base64 line", t, n);
	n = armour(t, sizeof t, c, "\r\n", pub, sizeof pub, "");
	fvec("pub-crlf-no-final-eol", "ok", "CRLF after the comment, nothing after the base64", t, n);
	n = armour(t, sizeof t, c, "\r", pub, sizeof pub, "\r");
	fvec("pub-cr", "refused", "lines ending in a lone CR: there is no second line", t, n);
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "\n\n");
	fvec("pub-blank-line-after", "refused", "an empty line after the base64 line", t, n);
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "\r\r\n");
	fvec("pub-two-cr", "refused", "two CRs before the last LF", t, n);
	{
		char u[9000];
		n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "\n");
		size_t k = (size_t)(strchr(t, '\n') - t) + 11;
		memcpy(u, t, k);
		u[k] = ' ';
		memcpy(u + k + 1, t + k, n - k);
		fvec("pub-space-in-base64", "refused", "a space inside the base64 line", u, n + 1);
	}
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "\n");
	fvec("pub-no-padding", "refused", "the base64 line without its \"==\" padding", t, n - 3);
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "");
	t[n - 3] = t[n - 3] == 'A' ? 'B' : 'A';   /* last data character: its unused bits change */
	fvec("pub-padding-bits", "refused", "non-zero unused bits before the padding (a second spelling of the blob)", t, n);
	n = armour(t, sizeof t, "a\ttab", "\n", pub, sizeof pub, "\n");
	fvec("pub-comment-tab", "refused", "a TAB in the comment line (not printable)", t, n);
	n = armour(t, sizeof t, "\x1b[31mred", "\n", pub, sizeof pub, "\n");
	fvec("pub-comment-escape", "refused", "an ESC in the comment line", t, n);
	n = armour(t, sizeof t, "\xe2\x80\xae", "\n", pub, sizeof pub, "\n");
	fvec("pub-comment-bidi", "refused", "U+202E in the comment line", t, n);
	n = armour(t, sizeof t, "", "\n", pub, sizeof pub, "\n");
	fvec("pub-comment-empty", "ok", "an empty comment", t, n);
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "\n");
	memmove(t + 17, t + 18, n - 18);
	fvec("pub-comment-no-space", "refused", "\"untrusted comment:\" without its space", t, n - 1);
	{
		char big[8300];
		memset(big, 'x', sizeof big);
		size_t k = armour(t, sizeof t, "", "\n", pub, sizeof pub, "\n");
		big[0] = '\0';
		size_t pad = 8192 - k;
		memset(big, 'x', pad);
		big[pad] = '\0';
		n = armour(t, sizeof t, big, "\n", pub, sizeof pub, "\n");
		fvec("pub-8192-bytes", "ok", "a file of 8 192 bytes (a long comment)", t, n);
		big[pad] = 'x'; big[pad + 1] = '\0';
		n = armour(t, sizeof t, big, "\n", pub, sizeof pub, "\n");
		fvec("pub-8193-bytes", "refused", "a file of 8 193 bytes", t, n);
	}
	n = armour(t, sizeof t, c, "\n", pub, sizeof pub, "\n");
	t[5] = '\0';
	fvec("pub-nul", "refused", "a NUL byte", t, n);
	memcpy(blob, pub, sizeof pub);
	blob[4] = 2;
	n = armour(t, sizeof t, c, "\n", blob, sizeof pub, "\n");
	fvec("pub-version-2", "refused", "public key version 2", t, n);
	memcpy(blob, pub, sizeof pub);
	blob[5] = 3;
	n = armour(t, sizeof t, c, "\n", blob, sizeof pub, "\n");
	fvec("pub-role-3", "refused", "role 3", t, n);
	memcpy(blob, pub, sizeof pub);
	blob[6] ^= 1;
	n = armour(t, sizeof t, c, "\n", blob, sizeof pub, "\n");
	fvec("pub-key-id", "refused", "a key id that is not the key's", t, n);
	memcpy(blob, pub, sizeof pub);
	blob[sizeof pub] = 0;
	n = armour(t, sizeof t, c, "\n", blob, sizeof pub + 1, "\n");
	fvec("pub-47-bytes", "refused", "a 47-byte blob", t, n);

	const char *bureau = "郑州市人力资源和社会保障局";
	struct { const char *name, *expect, *note, *scope, *first, *last, *bureau; uint32_t region; int version; size_t bl; } d[] = {
		{"dl-good", "ok", "Zhengzhou's delegation", "4101", "2017-01-01", "2030-12-31", NULL, 410100, 1, 0},
		{"dl-version-2", "refused", "delegation version 2", "4101", "2017-01-01", "2030-12-31", NULL, 410100, 2, 0},
		{"dl-scope-41", "ok", "the whole province: scope 41", "41", "2017-01-01", "2030-12-31", NULL, 410100, 1, 0},
		{"dl-scope-12", "ok", "a 12-digit scope", "410102000012", "2017-01-01", "2030-12-31", NULL, 410100, 1, 0},
		{"dl-scope-13", "refused", "a 13-digit scope", "4101020000123", "2017-01-01", "2030-12-31", NULL, 410100, 1, 0},
		{"dl-scope-4", "refused", "a 1-digit scope", "4", "2017-01-01", "2030-12-31", NULL, 410100, 1, 0},
		{"dl-scope-42", "refused", "a scope not starting 41", "4201", "2017-01-01", "2030-12-31", NULL, 410100, 1, 0},
		{"dl-scope-letter", "refused", "a letter in the scope", "41A1", "2017-01-01", "2030-12-31", NULL, 410100, 1, 0},
		{"dl-region-420000", "refused", "region 420000", "4101", "2017-01-01", "2030-12-31", NULL, 420000, 1, 0},
		{"dl-window-reversed", "refused", "first issue date after the last", "4101", "2030-12-31", "2017-01-01", NULL, 410100, 1, 0},
		{"dl-window-one-day", "ok", "a window of one day", "4101", "2024-01-01", "2024-01-01", NULL, 410100, 1, 0},
		{"dl-window-ends-2149", "ok", "a window to 2149-06-06, the last storable date", "4101", "1970-01-01", "2149-06-06", NULL, 410100, 1, 0},
		{"dl-bureau-empty", "refused", "an empty bureau name", "4101", "2017-01-01", "2030-12-31", "", 410100, 1, 0},
		{"dl-bureau-96", "ok", "a bureau name of 96 bytes", "4101", "2017-01-01", "2030-12-31",
		 "郑州市人力资源和社会保障局郑州市人力资源和社会保障局郑州市人力资源和社会保障局郑州市人力资源和社会保障", 410100, 1, 96},
		{"dl-bureau-97", "refused", "a bureau name of 97 bytes", "4101", "2017-01-01", "2030-12-31",
		 "郑州市人力资源和社会保障局郑州市人力资源和社会保障局郑州市人力资源和社会保障局郑州市人力资源和社会保障A", 410100, 1, 97},
		{"dl-bureau-nbsp", "ok", "U+00A0 no-break space is printable", "4101", "2017-01-01", "2030-12-31", "郑州\xc2\xa0局", 410100, 1, 0},
		{"dl-bureau-tab", "refused", "a TAB", "4101", "2017-01-01", "2030-12-31", "郑州\t局", 410100, 1, 0},
		{"dl-bureau-c1", "refused", "U+0085 (C1 control)", "4101", "2017-01-01", "2030-12-31", "郑州\xc2\x85局", 410100, 1, 0},
		{"dl-bureau-soft-hyphen", "refused", "U+00AD soft hyphen", "4101", "2017-01-01", "2030-12-31", "郑州\xc2\xad局", 410100, 1, 0},
		{"dl-bureau-alm", "refused", "U+061C Arabic letter mark (bidi)", "4101", "2017-01-01", "2030-12-31", "郑州\xd8\x9c局", 410100, 1, 0},
		{"dl-bureau-mvs", "refused", "U+180E Mongolian vowel separator", "4101", "2017-01-01", "2030-12-31", "郑州\xe1\xa0\x8e局", 410100, 1, 0},
		{"dl-bureau-zwj", "refused", "U+200D zero width joiner", "4101", "2017-01-01", "2030-12-31", "郑州\xe2\x80\x8d局", 410100, 1, 0},
		{"dl-bureau-rlo", "refused", "U+202E right-to-left override", "4101", "2017-01-01", "2030-12-31", "郑州\xe2\x80\xae局", 410100, 1, 0},
		{"dl-bureau-isolate", "refused", "U+2066 left-to-right isolate", "4101", "2017-01-01", "2030-12-31", "郑州\xe2\x81\xa6局", 410100, 1, 0},
		{"dl-bureau-private", "refused", "U+E000 private use", "4101", "2017-01-01", "2030-12-31", "郑州\xee\x80\x80局", 410100, 1, 0},
		{"dl-bureau-nonchar-fdd0", "refused", "U+FDD0 non-character", "4101", "2017-01-01", "2030-12-31", "郑州\xef\xb7\x90局", 410100, 1, 0},
		{"dl-bureau-bom", "refused", "U+FEFF", "4101", "2017-01-01", "2030-12-31", "郑州\xef\xbb\xbf局", 410100, 1, 0},
		{"dl-bureau-fffd", "refused", "U+FFFD replacement character", "4101", "2017-01-01", "2030-12-31", "郑州\xef\xbf\xbd局", 410100, 1, 0},
		{"dl-bureau-tag", "refused", "U+E0041 tag latin capital A", "4101", "2017-01-01", "2030-12-31", "郑州\xf3\xa0\x81\x81局", 410100, 1, 0},
		{"dl-bureau-plane-15", "refused", "U+F0000 (supplementary private use)", "4101", "2017-01-01", "2030-12-31", "郑州\xf3\xb0\x80\x80局", 410100, 1, 0},
		{"dl-bureau-ext-b", "ok", "U+20000, an Extension B ideograph", "4101", "2017-01-01", "2030-12-31", "郑州\xf0\xa0\x80\x80局", 410100, 1, 0},
		{"dl-bureau-not-utf8", "refused", "a byte that is not UTF-8", "4101", "2017-01-01", "2030-12-31", "郑州\xff局", 410100, 1, 0},
	};
	for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
		const char *b = d[i].bureau ? d[i].bureau : bureau;
		size_t bl = d[i].bl ? d[i].bl : strlen(b);
		size_t k = dl_raw(blob, root, &zz, (uint8_t)d[i].version, d[i].region, d[i].scope, d[i].first, d[i].last, b, bl);
		n = armour(t, sizeof t, "certqr delegation", "\n", blob, k, "\n");
		fvec(d[i].name, d[i].expect, d[i].note, t, n);
	}
	{
		size_t k = dl_raw(blob, root, &zz, 1, 410100, "4101", "2017-01-01", "2030-12-31", bureau, strlen(bureau));
		n = armour(t, sizeof t, "certqr delegation", "\r\n", blob, k, "\r\n");
		fvec("dl-crlf", "ok", "a delegation file with CRLF line ends", t, n);
		blob[k] = 0;
		n = armour(t, sizeof t, "certqr delegation", "\n", blob, k + 1, "\n");
		fvec("dl-trailing-byte", "refused", "one byte after the signature", t, n);
		blob[13] ^= 1;
		n = armour(t, sizeof t, "certqr delegation", "\n", blob, k, "\n");
		fvec("dl-issuer-id", "refused", "an issuer key id that is not the issuer key's", t, n);
	}
	cq_seckey_free(root);
}

int main(int argc, char **argv)
{
	if (argc != 5) { fprintf(stderr, "usage: vectors KEYDIR VERDICTS.txt BUNDLES.txt KEYFILES.txt\n"); return 2; }
	if (cq_init()) return 2;
	keydir = argv[1];
	char path[512], *pw, why[256];
	size_t pn;
	snprintf(path, sizeof path, "%s/PASSPHRASE-TEST-ONLY", keydir);
	if (cq_read_file(path, 1024, &pw, &pn, why)) { fprintf(stderr, "%s\n", why); return 2; }
	while (pn && (pw[pn - 1] == '\n' || pw[pn - 1] == '\r')) pw[--pn] = '\0';
	pass = pw;
	if (!(out = fopen(argv[2], "w"))) { perror(argv[2]); return 2; }
	verdicts();
	if (fclose(out)) return 2;
	if (!(out = fopen(argv[3], "w"))) { perror(argv[3]); return 2; }
	bundles();
	if (fclose(out)) return 2;
	if (!(out = fopen(argv[4], "w"))) { perror(argv[4]); return 2; }
	keyfiles();
	if (fclose(out)) return 2;
	free(pw);
	return 0;
}
