/* The verdict (cq_judge), holder binding and verdict JSON: what every
 * verifier runs on a scanned text. The trust bundle is built at start-up
 * with the test root: the real Zhengzhou delegation (so the golden vectors
 * judge authentic) plus generated issuer keys with the longest bureau name
 * and scope the format allows, a compromised key (with and without a date),
 * a retired key, an undelegated key, revocations and a supersession.
 *
 * Input: a first byte below 0x80 means the whole input is the scanned text.
 * Otherwise byte 0 picks a signer (byte 0 % NSIGNERS) and the rest is a
 * payload body: the harness writes the signer's key id into it, signs it
 * and judges the QR text, so mutations reach every verdict past the
 * signature check. Invariants: the verdict is one of the defined statuses
 * with a reason in both languages; fields are shown only when the signature
 * verified; an unsigned text is never authentic unless its signature
 * verifies under a delegated key; the JSON is valid UTF-8 and fits. */
#include <sodium.h>
#include "fuzz.h"
#include "certqr/rules.h"
#include "certqr/trust.h"
#include "certqr/verdict.h"

#define NSIGNERS 6
static cq_seckey *signer[NSIGNERS];
static cq_trust *trust;

static void delegate(cq_delegation *d, const cq_seckey *root, const cq_seckey *k, const char *bureau,
                     uint32_t region, const char *scope)
{
	cq_err e;
	memset(d, 0, sizeof *d);
	d->issuer = *cq_seckey_pubkey(k);
	d->region = region;
	snprintf(d->scope, sizeof d->scope, "%s", scope);
	snprintf(d->bureau, sizeof d->bureau, "%s", bureau);
	d->first = (cq_date){ 2017, 1, 1 };
	d->last = (cq_date){ 2030, 12, 31 };
	if (cq_delegation_sign(d, root, &e)) {
		fprintf(stderr, "fuzz: delegation: %s\n", e.msg);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	size_t n;
	cq_err e;
	fz_init();
	cq_seckey *root = fz_test_key("root");
	cq_pubkey root_pub = fz_test_pub("root");
	signer[0] = fz_test_key("issuer-zhengzhou");
	for (int i = 1; i < NSIGNERS; i++) signer[i] = cq_seckey_generate(CQ_ROLE_ISSUER);

	cq_delegation dl[5];
	char *text = fz_slurp("keys/test/issuer-zhengzhou-TEST-ONLY.dl", &n);
	if (cq_delegation_decode_text(text, n, &dl[0], &e)) abort();
	free(text);
	/* 32 three-byte characters: the 96-byte maximum. */
	char longname[CQ_BUREAU_MAX_BYTES + 1] = "";
	for (int i = 0; i < 32; i++) strcat(longname, "豫");
	delegate(&dl[1], root, signer[1], longname, 419999, "410102000012");
	delegate(&dl[2], root, signer[2], "开封市人力资源和社会保障局", 410200, "4102");
	delegate(&dl[3], root, signer[3], "洛阳市人力资源和社会保障局", 410300, "41");
	delegate(&dl[4], root, signer[4], longname, 410500, "4105");
	/* signer[5] has no delegation: unknown issuer. */

	cq_key_status ks[3];
	memset(ks, 0, sizeof ks);
	memcpy(ks[0].key_id, cq_seckey_pubkey(signer[2])->id, CQ_KEY_ID_BYTES);
	ks[0].state = CQ_KEY_COMPROMISED; ks[0].has_date = true; ks[0].date = (cq_date){ 2025, 3, 1 };
	memcpy(ks[1].key_id, cq_seckey_pubkey(signer[3])->id, CQ_KEY_ID_BYTES);
	ks[1].state = CQ_KEY_RETIRED; ks[1].has_date = true; ks[1].date = (cq_date){ 2024, 6, 30 };
	memcpy(ks[2].key_id, cq_seckey_pubkey(signer[4])->id, CQ_KEY_ID_BYTES);
	ks[2].state = CQ_KEY_COMPROMISED;
	/* Sorted by key id, as the format requires. */
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++)
			if (memcmp(ks[j].key_id, ks[i].key_id, CQ_KEY_ID_BYTES) < 0) {
				cq_key_status t = ks[i]; ks[i] = ks[j]; ks[j] = t;
			}
	cq_revocation rev[] = {
		{ "4101020000123", 2024, 0, CQ_REV_FALSIFIED_HOURS },
		{ "4101050001024", 2023, 1, CQ_REV_IMPERSONATION },
		{ "4101020000200", 2023, 2, CQ_REV_WITHDRAWN },
	};
	cq_supersession sup[] = { { "4101050001024", 2023, 3 }, { "4101020000201", 2024, 255 } };
	cq_bundle_spec s = {
		.version = 7, .date = { 2026, 11, 1 },
		.delegations = dl, .n_delegations = 5,
		.statuses = ks, .n_statuses = 3,
		.revoked = rev, .n_revoked = 3,
		.superseded = sup, .n_superseded = 2,
	};
	memcpy(s.root_id, cq_seckey_pubkey(root)->id, CQ_KEY_ID_BYTES);
	uint8_t *body;
	size_t len;
	if (cq_bundle_encode_body(&s, &body, &len, &e)) {
		fprintf(stderr, "fuzz: bundle: %s\n", e.msg);
		abort();
	}
	uint8_t *b = realloc(body, len + CQ_SIG_BYTES);
	if (!b || cq_sign_detached(root, CQ_CTX_BUNDLE, b, len, b + len)) abort();
	if (cq_trust_decode(b, len + CQ_SIG_BYTES, &root_pub, &trust, &e)) {
		fprintf(stderr, "fuzz: bundle decode: %s\n", e.msg);
		abort();
	}
	free(b);
	cq_seckey_free(root);
	return 0;
}

static void check(const char *text, size_t n)
{
	cq_verdict v;
	FZ_CHECK(cq_judge(trust, text, n, &v) == 0);
	FZ_CHECK((unsigned)v.status < CQ_ST_COUNT_);
	FZ_CHECK(strcmp(cq_status_name(v.status), "?") != 0);
	FZ_CHECK(v.reason[0] && v.reason_zh[0]);
	FZ_CHECK(cq_utf8_count(v.reason, strlen(v.reason)) >= 0);
	FZ_CHECK(cq_utf8_count(v.reason_zh, strlen(v.reason_zh)) >= 0);
	FZ_CHECK(v.trust_version == 7);
	if (v.signed_ok) FZ_CHECK(v.decoded && v.have_issuer && v.have_compliance);
	if (v.status == CQ_ST_AUTHENTIC) {
		cq_payload p;
		cq_err e;
		FZ_CHECK(v.signed_ok);
		FZ_CHECK(cq_qrtext_decode(text, n, &p, &e) == 0);
		FZ_CHECK(memcmp(p.key_id, v.issuer.issuer.id, CQ_KEY_ID_BYTES) == 0);
		FZ_CHECK(cq_payload_verify(&p, v.issuer.issuer.pk) == 0);
		FZ_CHECK(cq_delegation_covers_number(&v.issuer, p.rec.number));
		FZ_CHECK(cq_delegation_covers_date(&v.issuer, p.rec.issued));
	}
	if (v.status == CQ_ST_NOT_A_CERTIFICATE || v.status == CQ_ST_MALFORMED || v.status == CQ_ST_UNKNOWN_VERSION)
		FZ_CHECK(!v.decoded);
	FZ_CHECK(v.reason_code[0] != '\0');
	static const char *const ids[] = { NULL, "", "11010519491231002X", "11010519491231002x", "110105194912310021", "X" };
	char json[CQ_VERDICT_JSON_MAX];
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		cq_holder h = cq_verdict_holder(&v, ids[i]);
		FZ_CHECK(h <= CQ_HOLDER_NO_CERTIFICATE);
		if (!v.signed_ok && ids[i] && ids[i][0]) FZ_CHECK(h == CQ_HOLDER_NO_CERTIFICATE);
		long jl = cq_verdict_json(&v, "stdin:1", h, json, sizeof json);
		FZ_CHECK(jl > 0 && (size_t)jl < sizeof json && strlen(json) == (size_t)jl);
		FZ_CHECK(json[0] == '{' && json[jl - 1] == '}');
		FZ_CHECK(cq_utf8_count(json, (size_t)jl) >= 0);
		for (long k = 0; k < jl; k++) FZ_CHECK((unsigned char)json[k] >= 0x20);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || data[0] < 0x80) {
		char *text = fz_strdup(data, size);
		check(text, size);
		free(text);
		return 0;
	}
	size_t bl = size - 1;
	if (bl > CQ_PAYLOAD_MAX) return 0;
	const cq_seckey *k = signer[data[0] % NSIGNERS];
	uint8_t p[CQ_PAYLOAD_MAX + CQ_SIG_BYTES];
	memcpy(p, data + 1, bl);
	if (bl >= 1 + CQ_KEY_ID_BYTES) memcpy(p + 1, cq_seckey_pubkey(k)->id, CQ_KEY_ID_BYTES);
	if (cq_sign_detached(k, CQ_CTX_CERT, p, bl, p + bl)) abort();
	char text[CQ_QR_PREFIX_LEN + (CQ_PAYLOAD_MAX + CQ_SIG_BYTES) / 2 * 3 + 3];
	cq_err e;
	if (cq_qrtext_encode(p, bl + CQ_SIG_BYTES, text, sizeof text, &e)) abort();
	check(text, strlen(text));
	return 0;
}
