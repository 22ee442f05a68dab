/* Trust bundle codec, lookups and the verdict through the library, with keys
 * made in memory: exhaustive bit flips and truncations of a payload and of a
 * bundle, decoder strictness on re-signed malformed bundles, revocation
 * lookups at 100 000 entries against a reference, date boundaries of key
 * status, JSON escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/certqr.h"
#include "certqr/rules.h"
#include "certqr/seckey.h"
#include "certqr/trust.h"
#include "certqr/verdict.h"

#define ID "11010519491231002X"

static cq_seckey *root, *other_root, *zz, *kf, *un;
static cq_delegation dz, dk;

static cq_date D(const char *s)
{
	cq_date d;
	assert_int_equal(cq_date_parse(s, &d), 0);
	return d;
}

static void delegate(cq_delegation *d, cq_seckey *issuer, const char *bureau, uint32_t region, const char *scope)
{
	cq_err e;
	memset(d, 0, sizeof *d);
	d->issuer = issuer->pub;
	d->region = region;
	strcpy(d->scope, scope);
	strcpy(d->bureau, bureau);
	d->first = D("2017-01-01");
	d->last = D("2030-12-31");
	assert_int_equal(cq_delegation_sign(d, root, &e), 0);
}

static int setup(void **state)
{
	(void)state;
	if (cq_init()) return -1;
	root = cq_seckey_generate(CQ_ROLE_ROOT);
	other_root = cq_seckey_generate(CQ_ROLE_ROOT);
	zz = cq_seckey_generate(CQ_ROLE_ISSUER);
	kf = cq_seckey_generate(CQ_ROLE_ISSUER);
	un = cq_seckey_generate(CQ_ROLE_ISSUER);
	if (!root || !other_root || !zz || !kf || !un) return -1;
	delegate(&dz, zz, "郑州市人力资源和社会保障局", 410100, "4101");
	delegate(&dk, kf, "开封市人力资源和社会保障局", 410200, "4102");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cq_seckey_free(root); cq_seckey_free(other_root);
	cq_seckey_free(zz); cq_seckey_free(kf); cq_seckey_free(un);
	return 0;
}

/* A signed bundle in a malloc'd buffer. */
static uint8_t *make_bundle(cq_bundle_spec *s, cq_seckey *signer, size_t *n)
{
	uint8_t *body;
	size_t bl;
	cq_err e;
	memcpy(s->root_id, signer->pub.id, CQ_KEY_ID_BYTES);
	assert_int_equal(cq_bundle_encode_body(s, &body, &bl, &e), 0);
	body = realloc(body, bl + CQ_SIG_BYTES);
	assert_non_null(body);
	assert_int_equal(cq_sign_detached(signer, CQ_CTX_BUNDLE, body, bl, body + bl), 0);
	*n = bl + CQ_SIG_BYTES;
	return body;
}

static cq_trust *std_trust(uint8_t **bytes, size_t *n)
{
	static cq_revocation rev[2];
	static cq_supersession sup[1];
	cq_delegation dls[2] = { dz, dk };
	cq_key_status ks[1];
	memset(ks, 0, sizeof ks);
	memcpy(ks[0].key_id, kf->pub.id, CQ_KEY_ID_BYTES);
	ks[0].state = CQ_KEY_COMPROMISED;
	ks[0].has_date = true;
	ks[0].date = D("2025-03-01");
	memset(rev, 0, sizeof rev);
	strcpy(rev[0].number, "4101020000200"); rev[0].year = 2023; rev[0].revision = 1; rev[0].reason = CQ_REV_FALSIFIED_HOURS;
	strcpy(rev[1].number, "4101020000201"); rev[1].year = 2023; rev[1].revision = 0; rev[1].reason = CQ_REV_WITHDRAWN;
	memset(sup, 0, sizeof sup);
	strcpy(sup[0].number, "4101020000203"); sup[0].year = 2023; sup[0].latest = 2;
	cq_bundle_spec s = { .version = 7, .date = D("2026-11-01"), .delegations = dls, .n_delegations = 2,
	                     .statuses = ks, .n_statuses = 1, .revoked = rev, .n_revoked = 2,
	                     .superseded = sup, .n_superseded = 1 };
	size_t len;
	uint8_t *b = make_bundle(&s, root, &len);
	cq_trust *t;
	cq_err e;
	assert_int_equal(cq_trust_decode(b, len, &root->pub, &t, &e), 0);
	if (n) *n = len;
	if (bytes) *bytes = b; else free(b);
	return t;
}

static size_t sign_cert(cq_seckey *k, const char *number, uint32_t region, const char *issued, uint16_t year,
                        uint8_t rev, uint8_t out[CQ_PAYLOAD_MAX])
{
	cq_record r;
	cq_err e;
	size_t n;
	memset(&r, 0, sizeof r);
	strcpy(r.name, "张三");
	strcpy(r.number, number);
	r.year = year;
	r.revision = rev;
	r.hours_public = 30;
	r.hours_professional = 60;
	r.months_at_post = 12;
	r.issuer_region = region;
	r.issued = D(issued);
	assert_int_equal(cq_record_bind_id(&r, ID, &e), 0);
	assert_int_equal(cq_payload_sign(&r, k, out, CQ_PAYLOAD_MAX, &n, &e), 0);
	return n;
}

static cq_status judge_payload(const cq_trust *t, const uint8_t *p, size_t n, cq_verdict *v)
{
	char text[CQ_QR_TEXT_MAX + 16];
	memcpy(text, "CQ1:", 4);
	assert_int_equal(cq_base45_encode(p, n, text + 4, sizeof text - 4), 0);
	assert_int_equal(cq_judge(t, text, strlen(text), v), 0);
	return v->status;
}

static void genuine_and_statuses(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	assert_true(v.signed_ok && v.have_compliance && v.compliance.known && v.compliance.met);
	assert_int_equal(v.trust_version, 7);
	assert_int_equal(cq_verdict_holder(&v, ID), CQ_HOLDER_MATCH);
	assert_int_equal(cq_verdict_holder(&v, "110105194912310038"), CQ_HOLDER_MISMATCH);
	assert_int_equal(cq_verdict_holder(&v, "110105194912310021"), CQ_HOLDER_INVALID_ID);
	assert_int_equal(cq_verdict_holder(&v, NULL), CQ_HOLDER_NOT_CHECKED);

	n = sign_cert(un, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_UNKNOWN_ISSUER);
	assert_false(v.signed_ok);
	assert_int_equal(cq_verdict_holder(&v, ID), CQ_HOLDER_NO_CERTIFICATE);
	n = sign_cert(zz, "4102020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_OUT_OF_SCOPE);
	n = sign_cert(zz, "4101020000125", 410100, "2031-01-01", 2030, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_OUTSIDE_KEY_WINDOW);
	/* Compromised since 2025-03-01: the day before is fine, the day itself is not. */
	n = sign_cert(kf, "4102020000001", 410200, "2025-02-28", 2024, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	n = sign_cert(kf, "4102020000001", 410200, "2025-03-01", 2024, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_KEY_COMPROMISED);
	n = sign_cert(zz, "4101020000200", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_REVOKED);
	assert_int_equal(v.revoke_reason, CQ_REV_FALSIFIED_HOURS);
	n = sign_cert(zz, "4101020000200", 410100, "2023-12-20", 2023, 2, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	n = sign_cert(zz, "4101020000201", 410100, "2023-12-20", 2023, 9, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_REVOKED);
	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_SUPERSEDED);
	assert_int_equal(v.latest_revision, 2);
	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 2, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	assert_int_equal(cq_judge(t, "hello", 5, &v), 0);
	assert_int_equal(v.status, CQ_ST_NOT_A_CERTIFICATE);
	assert_int_equal(cq_judge(t, "CQ1:", 4, &v), 0);
	assert_int_equal(v.status, CQ_ST_MALFORMED);
	/* no trust bundle or no text: an error, and a verdict that is never
	 * authentic (a zeroed one would be: status 0) */
	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 2, p);
	char text[CQ_QR_TEXT_MAX + 16];
	memcpy(text, "CQ1:", 4);
	assert_int_equal(cq_base45_encode(p, n, text + 4, sizeof text - 4), 0);
	assert_int_equal(cq_judge(NULL, text, strlen(text), &v), -1);
	assert_int_equal(v.status, CQ_ST_MALFORMED);
	assert_false(v.signed_ok);
	assert_int_equal(cq_judge(t, NULL, 0, &v), -1);
	assert_int_equal(v.status, CQ_ST_MALFORMED);
	cq_trust_free(t);
}

static void retired_boundary(void **state)
{
	(void)state;
	cq_delegation dls[1] = { dz };
	cq_key_status ks;
	memset(&ks, 0, sizeof ks);
	memcpy(ks.key_id, zz->pub.id, CQ_KEY_ID_BYTES);
	ks.state = CQ_KEY_RETIRED;
	ks.has_date = true;
	ks.date = D("2024-06-30");
	cq_bundle_spec s = { .version = 1, .date = D("2026-01-01"), .delegations = dls, .n_delegations = 1,
	                     .statuses = &ks, .n_statuses = 1 };
	size_t bn;
	uint8_t *b = make_bundle(&s, root, &bn);
	cq_trust *t;
	cq_err e;
	assert_int_equal(cq_trust_decode(b, bn, &root->pub, &t, &e), 0);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2024-06-30", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	n = sign_cert(zz, "4101020000125", 410100, "2024-07-01", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_OUTSIDE_KEY_WINDOW);
	assert_true(v.key_date_known);
	cq_trust_free(t);
	free(b);
}

/* Every single-bit change of a genuine payload is rejected: zero false accepts. */
static void every_bit_flip(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t g[CQ_PAYLOAD_MAX], p[CQ_PAYLOAD_MAX];
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, g);
	cq_verdict v;
	unsigned counts[CQ_ST_COUNT_] = {0};
	for (size_t i = 0; i < n; i++)
		for (int bit = 0; bit < 8; bit++) {
			memcpy(p, g, n);
			p[i] ^= (uint8_t)(1u << bit);
			cq_status s = judge_payload(t, p, n, &v);
			counts[s]++;
			if (i == 0) assert_int_equal(s, CQ_ST_UNKNOWN_VERSION);
			else if (i <= 8) assert_true(s == CQ_ST_UNKNOWN_ISSUER || s == CQ_ST_MALFORMED);
			else assert_true(s == CQ_ST_FORGED || s == CQ_ST_MALFORMED);
		}
	assert_int_equal(counts[CQ_ST_AUTHENTIC], 0);
	assert_true(counts[CQ_ST_FORGED] > 0 && counts[CQ_ST_MALFORMED] > 0 && counts[CQ_ST_UNKNOWN_ISSUER] > 0);
	/* Every truncation and every one-byte extension. */
	for (size_t k = 0; k < n; k++) assert_int_equal(judge_payload(t, g, k, &v), CQ_ST_MALFORMED);
	for (unsigned x = 0; x < 256; x++) {
		memcpy(p, g, n);
		p[n] = (uint8_t)x;
		assert_int_equal(judge_payload(t, p, n + 1, &v), CQ_ST_MALFORMED);
	}
	cq_trust_free(t);
}

/* Every byte change and truncation of a bundle is refused. */
static void bundle_tamper(void **state)
{
	(void)state;
	uint8_t *b;
	size_t n;
	cq_trust *t = std_trust(&b, &n), *t2;
	cq_err e;
	cq_trust_free(t);
	uint8_t *c = malloc(n);
	assert_non_null(c);
	for (size_t i = 0; i < n; i++) {
		memcpy(c, b, n);
		c[i] ^= 0x01;
		assert_int_not_equal(cq_trust_decode(c, n, &root->pub, &t2, &e), 0);
		assert_null(t2);
	}
	for (size_t k = 0; k < n; k++) assert_int_not_equal(cq_trust_decode(b, k, &root->pub, &t2, &e), 0);
	/* Foreign root, distinct code. */
	assert_int_equal(cq_trust_decode(b, n, &other_root->pub, &t2, &e), -1);
	assert_int_equal(e.code, CQ_E_KEY);
	assert_non_null(strstr(e.msg, "foreign root"));
	/* Bad signature, distinct code. */
	memcpy(c, b, n);
	c[n - 5] ^= 0x10;
	assert_int_equal(cq_trust_decode(c, n, &root->pub, &t2, &e), -1);
	assert_int_equal(e.code, CQ_E_SIGNATURE);
	/* Unknown format version. */
	memcpy(c, b, n);
	c[4] = 2;
	assert_int_equal(cq_trust_decode(c, n, &root->pub, &t2, &e), -1);
	assert_int_equal(e.code, CQ_E_VERSION);
	free(c);
	free(b);
}

/* A validly signed bundle whose revocation table is out of order, or has
 * trailing bytes, is still refused: the decoder is strict on its own. */
static void bundle_strict_when_resigned(void **state)
{
	(void)state;
	uint8_t *b;
	size_t n;
	cq_trust *t = std_trust(&b, &n), *t2;
	cq_err e;
	cq_trust_free(t);
	size_t body = n - CQ_SIG_BYTES;
	/* Revocation table: 4-byte count then 2 × 10 bytes, followed by the
	 * supersession count (4) and one 9-byte record. */
	size_t sup_at = body - 4 - CQ_SUPERSEDED_RECORD_BYTES;
	size_t rev_at = sup_at - 2 * CQ_REVOKED_RECORD_BYTES;
	uint8_t tmp[CQ_REVOKED_RECORD_BYTES];
	memcpy(tmp, b + rev_at, sizeof tmp);
	memmove(b + rev_at, b + rev_at + CQ_REVOKED_RECORD_BYTES, CQ_REVOKED_RECORD_BYTES);
	memcpy(b + rev_at + CQ_REVOKED_RECORD_BYTES, tmp, sizeof tmp);
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, b, body, b + body), 0);
	assert_int_equal(cq_trust_decode(b, n, &root->pub, &t2, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	assert_non_null(strstr(e.msg, "not strictly sorted"));
	/* Unknown reason code. */
	memcpy(b + rev_at + CQ_REVOKED_RECORD_BYTES, b + rev_at, CQ_REVOKED_RECORD_BYTES); /* restore order */
	memcpy(b + rev_at, tmp, sizeof tmp);
	b[rev_at + 9] = 99;
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, b, body, b + body), 0);
	assert_int_equal(cq_trust_decode(b, n, &root->pub, &t2, &e), -1);
	assert_non_null(strstr(e.msg, "unknown reason"));
	free(b);
}

/* The encoder refuses what the format cannot hold. */
static void bundle_encoder_checks(void **state)
{
	(void)state;
	cq_err e;
	uint8_t *body;
	size_t bl;
	cq_revocation rev[2];
	memset(rev, 0, sizeof rev);
	strcpy(rev[0].number, "4101020000200"); rev[0].year = 2023; rev[0].revision = 1;
	rev[1] = rev[0];
	cq_bundle_spec s = { .version = 1, .date = D("2026-01-01"), .revoked = rev, .n_revoked = 2 };
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);   /* duplicate */
	s.n_revoked = 1;
	s.version = 0;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);   /* version 0 */
	s.version = 1;
	s.rules_text = "2021 - 41 30 60 90\n";
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);   /* bad rules */
	s.rules_text = NULL;
	cq_delegation foreign = dz;
	foreign.root_id[0] ^= 1;
	s.delegations = &foreign;
	s.n_delegations = 1;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);   /* another root's delegation */
	assert_int_equal(e.code, CQ_E_KEY);
	/* one delegation per key, even with another window */
	cq_delegation two[3] = { dz, dk, dz };
	two[2].last = D("2020-12-31");
	assert_int_equal(cq_delegation_sign(&two[2], root, &e), 0);
	memcpy(s.root_id, root->pub.id, CQ_KEY_ID_BYTES);
	s.delegations = two;
	s.n_delegations = 3;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	assert_string_equal(e.field, "delegations");
	assert_non_null(strstr(e.msg, "one delegation per key"));
	s.n_delegations = 2;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), 0);
	free(body);
	/* dates are 2-byte day counts: 2149-06-06 is the last one */
	s.date = D("2149-06-07");
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	s.date = D("2149-06-06");
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), 0);
	free(body);
	cq_key_status ks;
	memset(&ks, 0, sizeof ks);
	memcpy(ks.key_id, kf->pub.id, CQ_KEY_ID_BYTES);
	ks.state = CQ_KEY_COMPROMISED;
	ks.has_date = true;
	ks.date = D("2149-06-07");
	s.statuses = &ks;
	s.n_statuses = 1;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	assert_string_equal(e.field, "key_status");
	cq_delegation late = dz;
	late.last = D("2149-06-07");
	assert_int_equal(cq_delegation_sign(&late, root, &e), -1);
	assert_string_equal(e.field, "window");
}

static int cmp9(const void *a, const void *b) { return memcmp(a, b, 9); }

/* 100 000 revocations: every listed one found, unlisted ones not. */
static void revocations_100k(void **state)
{
	(void)state;
	enum { N = 100000 };
	cq_revocation *rev = calloc(N, sizeof *rev);
	uint8_t (*ref)[9] = calloc(N, 9);
	assert_non_null(rev);
	assert_non_null(ref);
	uint64_t x = 88172645463325252ull;
	for (size_t i = 0; i < N; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		/* numbers 41xxxx000001..: distinct by construction */
		uint64_t num = 4100000000000ull + (x % 99999ull) * 1000000ull + 1 + i % 999999;
		cq_number_from_u64(num, rev[i].number);
		rev[i].year = (uint16_t)(2017 + i % 9);
		rev[i].revision = (uint8_t)(i % 3);
		rev[i].reason = (uint8_t)(i % CQ_REV_COUNT_);
	}
	/* Remove accidental duplicates through the reference. */
	size_t m = 0;
	for (size_t i = 0; i < N; i++) {
		uint64_t v = cq_number_to_u64(rev[i].number);
		for (int k = 0; k < 6; k++) ref[i][k] = (uint8_t)(v >> (8 * (5 - k)));
		ref[i][6] = (uint8_t)(rev[i].year >> 8); ref[i][7] = (uint8_t)rev[i].year; ref[i][8] = rev[i].revision;
	}
	qsort(ref, N, 9, cmp9);
	for (size_t i = 0; i < N; i++)
		if (i == 0 || memcmp(ref[i], ref[i - 1], 9)) memcpy(ref[m++], ref[i], 9);
	cq_revocation *uniq = calloc(m, sizeof *uniq);
	assert_non_null(uniq);
	for (size_t i = 0; i < m; i++) {
		uint64_t v = 0;
		for (int k = 0; k < 6; k++) v = v << 8 | ref[i][k];
		cq_number_from_u64(v, uniq[i].number);
		uniq[i].year = (uint16_t)(ref[i][6] << 8 | ref[i][7]);
		uniq[i].revision = ref[i][8];
	}
	cq_bundle_spec s = { .version = 1, .date = D("2026-01-01"), .revoked = uniq, .n_revoked = m };
	size_t bn;
	uint8_t *b = make_bundle(&s, root, &bn);
	cq_trust *t;
	cq_err e;
	assert_int_equal(cq_trust_decode(b, bn, &root->pub, &t, &e), 0);
	assert_int_equal(cq_trust_revoked_count(t), m);
	assert_true(m > 99000);
	for (size_t i = 0; i < m; i++) {
		uint8_t r = uniq[i].revision ? uniq[i].revision : 7;
		assert_true(cq_trust_is_revoked(t, uniq[i].number, uniq[i].year, r, NULL));
	}
	/* Not listed: other years, and the revision after a listed exact one
	 * (when no revision-0 entry covers it). */
	size_t misses = 0;
	for (size_t i = 0; i < m; i += 7) {
		uint8_t key[9];
		memcpy(key, ref[i], 9);
		key[7] = (uint8_t)(key[7] + 30);  /* year + 30: never listed */
		if (!cq_trust_is_revoked(t, uniq[i].number, (uint16_t)(uniq[i].year + 30), 1, NULL)) misses++;
	}
	assert_int_equal(misses, (m + 6) / 7);
	cq_trust_free(t);
	free(b);
	free(uniq);
	free(ref);
	free(rev);
}

/* Random texts and re-signed random bundle bodies: never authentic, never a
 * crash (run under ASan/UBSan when the suite is built with sanitizers). */
static void random_inputs(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL), *t2;
	static const char alpha[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
	uint64_t x = 0x2545F4914F6CDD1Dull;
	char text[400];
	cq_verdict v;
	cq_err e;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		size_t n = (size_t)(x % 300);
		size_t k = 0;
		if (i & 1) { memcpy(text, "CQ1:", 4); k = 4; }
		for (; k < n; k++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			text[k] = (i & 2) ? alpha[x % 45] : (char)(x & 0xFF);
		}
		assert_int_equal(cq_judge(t, text, n, &v), 0);
		assert_int_not_equal(v.status, CQ_ST_AUTHENTIC);
		char js[CQ_VERDICT_JSON_MAX];
		assert_true(cq_verdict_json(&v, "fuzz", CQ_HOLDER_NOT_CHECKED, js, sizeof js) > 0);
	}
	uint8_t *b;
	size_t bn;
	cq_trust_free(t);
	t = std_trust(&b, &bn);
	for (int i = 0; i < 3000; i++) {
		uint8_t c[4096];
		memcpy(c, b, bn);
		for (int j = 0; j < 1 + i % 8; j++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			c[23 + x % (bn - 23 - CQ_SIG_BYTES)] = (uint8_t)(x >> 32);
		}
		assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, c, bn - CQ_SIG_BYTES, c + bn - CQ_SIG_BYTES), 0);
		if (cq_trust_decode(c, bn, &root->pub, &t2, &e) == 0) cq_trust_free(t2);
		else assert_null(t2);
	}
	free(b);
	cq_trust_free(t);
}

static void json_output(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(cq_json_string("a\"b\\c\n\x01", out, sizeof out), 21);
	assert_string_equal(out, "\"a\\\"b\\\\c\\u000a\\u0001\"");
	assert_int_equal(cq_json_string("\xff", out, sizeof out), 5);  /* invalid UTF-8 -> U+FFFD */
	assert_int_equal(cq_json_string("abcdef", out, 4), -1);
	cq_trust *t = std_trust(NULL, NULL);
	cq_verdict v;
	uint8_t p[CQ_PAYLOAD_MAX];
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	char buf[CQ_VERDICT_JSON_MAX];
	long len = cq_verdict_json(&v, "src\"1", CQ_HOLDER_MATCH, buf, sizeof buf);
	assert_true(len > 0);
	assert_non_null(strstr(buf, "\"source\":\"src\\\"1\",\"status\":\"authentic\""));
	assert_non_null(strstr(buf, "\"holder\":\"match\""));
	assert_non_null(strstr(buf, "\"trust\":{\"version\":7,\"date\":\"2026-11-01\"}}"));
	assert_int_equal(cq_verdict_json(&v, "src\"1", CQ_HOLDER_MATCH, buf, (size_t)len), -1);  /* no room for the NUL */
	assert_int_equal(cq_verdict_json(&v, "s", CQ_HOLDER_MATCH, buf, (size_t)len + 1), len - 5);
	for (int s = 0; s < CQ_ST_COUNT_; s++) assert_int_equal(cq_status_parse(cq_status_name((cq_status)s)), s);
	assert_non_null(strstr(buf, "\"reason_code\":\"ok\""));
	/* no rule for the year: the same five keys, nothing to judge by */
	n = sign_cert(zz, "4101020000125", 410100, "2017-01-05", 2016, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, ",\"compliance\":{\"met\":null,\"aid_credit\":false,\"rule\":null,\"required\":null,\"shortfall\":null},"));
	cq_trust_free(t);
}

/* The rollback rule shared by the store directory and the web page. */
static void update_rule(void **state)
{
	(void)state;
	cq_delegation dls[1] = { dz };
	char why[256];
	size_t n5, n6, n6b, nf;
	cq_bundle_spec s5 = { .version = 5, .date = D("2026-11-05"), .delegations = dls, .n_delegations = 1 };
	cq_bundle_spec s6 = { .version = 6, .date = D("2026-11-06"), .delegations = dls, .n_delegations = 1 };
	cq_bundle_spec s6b = { .version = 6, .date = D("2026-11-07"), .delegations = dls, .n_delegations = 1 };
	cq_bundle_spec sf = { .version = 9, .date = D("2026-11-09") };
	uint8_t *b5 = make_bundle(&s5, root, &n5), *b6 = make_bundle(&s6, root, &n6);
	uint8_t *b6b = make_bundle(&s6b, root, &n6b), *bf = make_bundle(&sf, other_root, &nf);
	const uint8_t *rid = root->pub.id;
	assert_int_equal(cq_bundle_update_check(NULL, 0, b5, n5, rid, why), CQ_UPDATE_NEWER);
	assert_string_equal(why, "");
	assert_int_equal(cq_bundle_update_check(b5, n5, b6, n6, rid, why), CQ_UPDATE_NEWER);
	assert_int_equal(cq_bundle_update_check(b6, n6, b6, n6, rid, why), CQ_UPDATE_SAME);
	assert_string_equal(why, "version 6 of 2026-11-06 is already installed");
	assert_int_equal(cq_bundle_update_check(b6, n6, b5, n5, rid, why), CQ_UPDATE_ROLLBACK);
	assert_string_equal(why, "refused, rollback: bundle version 5 (2026-11-05) is older than the installed version 6 (2026-11-06)");
	assert_int_equal(cq_bundle_update_check(b6, n6, b6b, n6b, rid, NULL), CQ_UPDATE_ROLLBACK);
	/* A foreign or damaged installed bundle does not block an update. */
	assert_int_equal(cq_bundle_update_check(bf, nf, b5, n5, rid, why), CQ_UPDATE_NEWER);
	assert_int_equal(cq_bundle_update_check(b6, 40, b5, n5, rid, why), CQ_UPDATE_NEWER);
	free(b5); free(b6); free(b6b); free(bf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(genuine_and_statuses),
		cmocka_unit_test(retired_boundary),
		cmocka_unit_test(every_bit_flip),
		cmocka_unit_test(bundle_tamper),
		cmocka_unit_test(bundle_strict_when_resigned),
		cmocka_unit_test(bundle_encoder_checks),
		cmocka_unit_test(revocations_100k),
		cmocka_unit_test(random_inputs),
		cmocka_unit_test(json_output),
		cmocka_unit_test(update_rule),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
