/* Trust bundles: cq_bundle_peek and cq_trust_decode against the test root,
 * then every lookup. The root signature covers the whole body, so the
 * harness decodes each input twice: as given (what an attacker can send),
 * and with the last 64 bytes replaced by a valid root signature over the
 * rest (what a buggy or compromised builder could send): that reaches the
 * table parsers, the sortedness and limit checks and the rules text. The
 * delegations inside are still checked against the root, as in real use.
 * Invariants: a decoded bundle answers every lookup within its tables, and
 * an unmodified input only decodes if it carries a valid root signature. */
#include <sodium.h>
#include "fuzz.h"
#include "certqr/rules.h"
#include "certqr/trust.h"
#include "certqr/verdict.h"

static cq_seckey *root_sk;
static cq_pubkey root;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	root_sk = fz_test_key("root");
	root = fz_test_pub("root");
	return 0;
}

static void exercise(const cq_trust *t)
{
	size_t nd = cq_trust_delegation_count(t);
	FZ_CHECK(nd <= CQ_TRUST_MAX_DELEGATIONS);
	FZ_CHECK(cq_trust_delegation(t, nd) == NULL);
	for (size_t i = 0; i < nd; i++) {
		const cq_delegation *d = cq_trust_delegation(t, i);
		cq_err e;
		FZ_CHECK(d != NULL);
		FZ_CHECK(cq_delegation_verify(d, &root, &e) == 0);
		/* one delegation per key: the lookup finds this very one */
		FZ_CHECK(cq_trust_find_delegation(t, d->issuer.id) == d);
		const cq_key_status *ks = cq_trust_key_status(t, d->issuer.id);
		if (ks) FZ_CHECK(ks->state == CQ_KEY_RETIRED || ks->state == CQ_KEY_COMPROMISED);
	}
	const char *rt = cq_trust_rules_text(t);
	FZ_CHECK(rt != NULL);
	const cq_rules *rules = cq_trust_rules(t);
	FZ_CHECK(rules->n <= CQ_RULES_MAX);
	static const char *const nums[] = { "4101020000200", "4101020000201", "4101020000203", "4100000000000", "4199999999999" };
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
		for (unsigned y = 2020; y <= 2025; y++) {
			cq_revocation rv;
			for (unsigned rev = 1; rev <= 3; rev++)
				if (cq_trust_is_revoked(t, nums[i], (uint16_t)y, (uint8_t)rev, &rv))
					FZ_CHECK(strcmp(rv.number, nums[i]) == 0 && rv.year == y && rv.reason < CQ_REV_COUNT_ &&
					         (rv.revision == rev || rv.revision == 0));
			uint8_t latest = cq_trust_latest_revision(t, nums[i], (uint16_t)y);
			FZ_CHECK(latest == 0 || latest >= 2);
		}
	cq_verdict v;
	FZ_CHECK(cq_judge(t, "CQ1:", 4, &v) == 0);
	FZ_CHECK(v.trust_version == cq_trust_version(t));
}

static void decode(const uint8_t *b, size_t n, bool resigned)
{
	cq_trust *t = NULL;
	cq_err e;
	if (cq_trust_decode(b, n, &root, &t, &e) == 0) {
		cq_bundle_header h;
		FZ_CHECK(t != NULL);
		FZ_CHECK(cq_bundle_peek(b, n, &h, &e) == 0 && h.version == cq_trust_version(t));
		if (!resigned)
			FZ_CHECK(cq_verify_detached(root.pk, CQ_CTX_BUNDLE, b, n - CQ_SIG_BYTES, b + n - CQ_SIG_BYTES) == 0);
		exercise(t);
		cq_trust_free(t);
	} else {
		FZ_CHECK(t == NULL && e.code != CQ_OK && e.msg[0]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20)) return 0;
	cq_bundle_header h;
	cq_err e;
	uint8_t *b = malloc(size ? size : 1);
	if (!b) abort();
	if (size) memcpy(b, data, size);
	(void)cq_bundle_peek(b, size, &h, &e);
	decode(b, size, false);
	if (size > CQ_SIG_BYTES) {
		if (cq_sign_detached(root_sk, CQ_CTX_BUNDLE, b, size - CQ_SIG_BYTES, b + size - CQ_SIG_BYTES)) abort();
		decode(b, size, true);
	}
	free(b);
	return 0;
}
