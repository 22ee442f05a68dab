/* The trust bundle codec and lookups (lib/trust.c, docs/trust.md §1-3),
 * with keys made in memory (trustfix.h): every byte change and truncation of
 * a bundle, decoder strictness on re-signed malformed bundles, the encoder's
 * refusals, revocation lookups at 100 000 entries against a reference,
 * random re-signed bundle bodies. The verdict on certificates is
 * test_verdict.c; the rollback rule test_bundle_update.c. */
#include "trustfix.h"

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
		assert_int_not_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t2, &e), 0);
		assert_null(t2);
	}
	for (size_t k = 0; k < n; k++) assert_int_not_equal(cq_trust_decode(b, k, cq_seckey_pubkey(root), &t2, &e), 0);
	/* Foreign root, distinct code. */
	assert_int_equal(cq_trust_decode(b, n, cq_seckey_pubkey(other_root), &t2, &e), -1);
	assert_int_equal(e.code, CQ_E_KEY);
	assert_non_null(strstr(e.msg, "foreign root"));
	/* Bad signature, distinct code. */
	memcpy(c, b, n);
	c[n - 5] ^= 0x10;
	assert_int_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t2, &e), -1);
	assert_int_equal(e.code, CQ_E_SIGNATURE);
	/* Unknown format version (2 is a bundle with layouts). */
	memcpy(c, b, n);
	c[4] = 3;
	assert_int_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t2, &e), -1);
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
	assert_int_equal(cq_trust_decode(b, n, cq_seckey_pubkey(root), &t2, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	assert_non_null(strstr(e.msg, "not strictly sorted"));
	/* Unknown reason code. */
	memcpy(b + rev_at + CQ_REVOKED_RECORD_BYTES, b + rev_at, CQ_REVOKED_RECORD_BYTES); /* restore order */
	memcpy(b + rev_at, tmp, sizeof tmp);
	b[rev_at + 9] = 99;
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, b, body, b + body), 0);
	assert_int_equal(cq_trust_decode(b, n, cq_seckey_pubkey(root), &t2, &e), -1);
	assert_non_null(strstr(e.msg, "unknown reason"));
	/* The supersession table goes through the same decoder, with its own
	 * field check and its own name in the error. */
	b[rev_at + 9] = tmp[9];
	size_t sup_rec = sup_at + 4;
	uint8_t latest = b[sup_rec + 8];
	b[sup_rec + 8] = 1;
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, b, body, b + body), 0);
	assert_int_equal(cq_trust_decode(b, n, cq_seckey_pubkey(root), &t2, &e), -1);
	assert_string_equal(e.field, "superseded");
	assert_non_null(strstr(e.msg, "entry 1: latest revision below 2"));
	b[sup_rec + 8] = latest;
	memset(b + sup_rec, 0xFF, 6);   /* a number of 14 digits */
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, b, body, b + body), 0);
	assert_int_equal(cq_trust_decode(b, n, cq_seckey_pubkey(root), &t2, &e), -1);
	assert_string_equal(e.field, "superseded");
	assert_non_null(strstr(e.msg, "entry 1: bad certificate number"));
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
	memcpy(s.root_id, cq_seckey_pubkey(root)->id, CQ_KEY_ID_BYTES);
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
	memcpy(ks.key_id, cq_seckey_pubkey(kf)->id, CQ_KEY_ID_BYTES);
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
	assert_int_equal(cq_trust_decode(b, bn, cq_seckey_pubkey(root), &t, &e), 0);
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




/* Re-signed random bundle bodies: decoded or refused, never a crash (run
 * under ASan/UBSan when the suite is built with sanitizers). Random texts
 * through cq_judge are in test_verdict.c. */
static void random_bundles(void **state)
{
	(void)state;
	cq_trust *t, *t2;
	uint64_t x = 0x2545F4914F6CDD1Dull;
	cq_err e;
	uint8_t *b;
	size_t bn;
	t = std_trust(&b, &bn);
	for (int i = 0; i < 3000; i++) {
		uint8_t c[4096];
		memcpy(c, b, bn);
		for (int j = 0; j < 1 + i % 8; j++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			c[23 + x % (bn - 23 - CQ_SIG_BYTES)] = (uint8_t)(x >> 32);
		}
		assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, c, bn - CQ_SIG_BYTES, c + bn - CQ_SIG_BYTES), 0);
		if (cq_trust_decode(c, bn, cq_seckey_pubkey(root), &t2, &e) == 0) cq_trust_free(t2);
		else assert_null(t2);
	}
	free(b);
	cq_trust_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bundle_tamper),
		cmocka_unit_test(bundle_strict_when_resigned),
		cmocka_unit_test(bundle_encoder_checks),
		cmocka_unit_test(revocations_100k),
		cmocka_unit_test(random_bundles),
	};
	return cmocka_run_group_tests(tests, trustfix_setup, trustfix_teardown);
}
