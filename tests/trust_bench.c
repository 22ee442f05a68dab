/* Benchmark helper for tests/bench/trust.sh (never installed). Prints
 * "name: value unit" lines:
 *   bundle_bytes_100k            size of a signed bundle with 100 000 revocations
 *   bundle_load_ms_100k          decode + verify of that bundle
 *   revocation_lookup_rate       binary-search lookups/s at 100 000 entries
 *   revocation_linear_rate       baseline: a linear scan of the same table
 *   verify_rate                  cq_judge from QR text/s (100k bundle loaded)
 *   ed25519_verify_rate          baseline: the signature check alone
 * Usage: trust-bench [OUT-TEXT-FILE]  (writes a genuine QR text for the
 * program-level benchmark). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "certqr/certqr.h"
#include "certqr/seckey.h"
#include "certqr/trust.h"
#include "certqr/verdict.h"

#define N 100000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

int main(int argc, char **argv)
{
	cq_err e;
	if (cq_init()) return 2;
	cq_seckey *root = cq_seckey_generate(CQ_ROLE_ROOT), *iss = cq_seckey_generate(CQ_ROLE_ISSUER);
	cq_delegation d;
	memset(&d, 0, sizeof d);
	d.issuer = *cq_seckey_pubkey(iss);
	d.region = 410100;
	strcpy(d.scope, "4101");
	strcpy(d.bureau, "郑州市人力资源和社会保障局");
	if (cq_date_parse("2017-01-01", &d.first) || cq_date_parse("2030-12-31", &d.last)) return 2;
	if (cq_delegation_sign(&d, root, &e)) return 2;

	cq_revocation *rev = calloc(N, sizeof *rev);
	if (!rev) return 2;
	for (size_t i = 0; i < N; i++) {
		/* distinct: sequence i+1 within a random city/county prefix */
		uint64_t num = 4100000000000ull + (next() % 9999ull) * 10000000ull + 1 + i;
		cq_number_from_u64(num, rev[i].number);
		rev[i].year = (uint16_t)(2017 + next() % 9);
		rev[i].revision = (uint8_t)(1 + next() % 2);
		rev[i].reason = (uint8_t)(next() % CQ_REV_COUNT_);
	}
	cq_bundle_spec s = { .version = 1, .delegations = &d, .n_delegations = 1, .revoked = rev, .n_revoked = N };
	if (cq_date_parse("2026-11-01", &s.date)) return 2;
	memcpy(s.root_id, cq_seckey_pubkey(root)->id, CQ_KEY_ID_BYTES);
	uint8_t *body;
	size_t bl;
	if (cq_bundle_encode_body(&s, &body, &bl, &e)) { fprintf(stderr, "%s\n", e.msg); return 2; }
	body = realloc(body, bl + CQ_SIG_BYTES);
	if (!body || cq_sign_detached(root, CQ_CTX_BUNDLE, body, bl, body + bl)) return 2;
	size_t bn = bl + CQ_SIG_BYTES;
	printf("bundle_bytes_100k: %zu bytes\n", bn);
	printf("bundle_bytes_per_revocation: %.1f bytes\n", (double)bn / N);

	cq_trust *t = NULL;
	double t0 = now();
	int loads = 0;
	do {
		cq_trust_free(t);
		if (cq_trust_decode(body, bn, cq_seckey_pubkey(root), &t, &e)) { fprintf(stderr, "%s\n", e.msg); return 2; }
		loads++;
	} while (now() - t0 < 0.5);
	printf("bundle_load_ms_100k: %.2f ms\n", (now() - t0) * 1000 / loads);

	/* Lookups: half listed entries, half absent (another year). */
	size_t hits = 0, q = 0;
	t0 = now();
	double el;
	do {
		for (int k = 0; k < 10000; k++, q++) {
			const cq_revocation *r = &rev[next() % N];
			uint16_t year = (q & 1) ? r->year : (uint16_t)(r->year + 40);
			hits += cq_trust_is_revoked(t, r->number, year, r->revision, NULL);
		}
	} while ((el = now() - t0) < 1.0);
	printf("revocation_lookup_rate: %.0f lookups/s\n", q / el);
	if (hits != q / 2) { fprintf(stderr, "lookup results wrong: %zu of %zu\n", hits, q); return 1; }

	/* Baseline: linear scan over the same records. */
	size_t lq = 0, lfound = 0;
	t0 = now();
	do {
		size_t want = next() % N, i;
		const cq_revocation *r = &rev[want];
		for (i = 0; i < N; i++)
			if (!memcmp(rev[i].number, r->number, 13) && rev[i].year == r->year && rev[i].revision == r->revision) break;
		lfound += i == want;
		lq++;
	} while ((el = now() - t0) < 0.5);
	if (lfound != lq) { fprintf(stderr, "linear scan found %zu of %zu\n", lfound, lq); return 1; }
	printf("revocation_linear_rate: %.0f lookups/s (baseline)\n", lq / el);

	/* verify_rate: from QR text through cq_judge. */
	cq_record rec;
	memset(&rec, 0, sizeof rec);
	strcpy(rec.name, "张三");
	strcpy(rec.number, "4101020000125");
	rec.year = 2023;
	rec.revision = 1;
	rec.hours_public = 30;
	rec.hours_professional = 60;
	rec.months_at_post = 12;
	rec.issuer_region = 410100;
	if (cq_date_parse("2023-12-20", &rec.issued)) return 2;
	if (cq_record_bind_id(&rec, "11010519491231002X", &e)) return 2;
	uint8_t p[CQ_PAYLOAD_MAX];
	size_t pn;
	char text[CQ_QR_TEXT_MAX];
	if (cq_payload_sign(&rec, iss, p, sizeof p, &pn, &e) || cq_qrtext_encode(p, pn, text, sizeof text, &e)) return 2;
	size_t tl = strlen(text);
	cq_verdict v;
	size_t vq = 0;
	t0 = now();
	do {
		for (int k = 0; k < 1000; k++, vq++) {
			if (cq_judge(t, text, tl, &v) || v.status != CQ_ST_AUTHENTIC) { fprintf(stderr, "not authentic: %s\n", v.reason); return 1; }
		}
	} while ((el = now() - t0) < 1.0);
	printf("verify_rate: %.0f verifications/s (library, from text, 100k-revocation bundle)\n", vq / el);

	size_t sq;
	cq_payload pl;
	if (cq_qrtext_decode(text, tl, &pl, &e)) return 2;
	sq = 0;
	t0 = now();
	do {
		for (int k = 0; k < 1000; k++, sq++)
			if (cq_payload_verify(&pl, cq_seckey_pubkey(iss)->pk) != 0) return 1;
	} while ((el = now() - t0) < 1.0);
	printf("ed25519_verify_rate: %.0f verifications/s (baseline: signature check alone)\n", sq / el);

	if (argc > 1) {
		FILE *f = fopen(argv[1], "w");
		if (!f) return 2;
		fprintf(f, "%s\n", text);
		fclose(f);
		/* the bundle and root key for the program-level run */
		char path[512];
		snprintf(path, sizeof path, "%s.bundle", argv[1]);
		f = fopen(path, "wb");
		if (!f || fwrite(body, 1, bn, f) != bn) return 2;
		fclose(f);
		char pub[512];
		if (cq_pubkey_encode_text(cq_seckey_pubkey(root), pub, sizeof pub, &e)) return 2;
		snprintf(path, sizeof path, "%s.root.pub", argv[1]);
		f = fopen(path, "w");
		if (!f) return 2;
		fputs(pub, f);
		fclose(f);
	}
	cq_trust_free(t);
	free(body);
	free(rev);
	cq_seckey_free(root);
	cq_seckey_free(iss);
	return 0;
}
