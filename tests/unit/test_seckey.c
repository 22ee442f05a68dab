/* Secret key files (lib/sign/seckey.c, docs/format.md §4.2): wrong
 * passphrase, tampering, truncation, versions, limits. Public keys:
 * test_key.c; delegations: test_delegation.c. */
#include "testutil.h"

static cq_kdf_limits fast = { 1, 8192 }; /* the minimum: tests only */

static char *seal(const cq_seckey *k, const char *pass)
{
	static char text[1024];
	cq_err e;
	if (cq_seckey_seal(k, pass, strlen(pass), fast, text, sizeof text, &e)) fail_msg("%s", e.msg);
	return text;
}

/* Flips one base64-decoded byte of an armoured file and re-armours it. */
static void tamper(char *text, size_t at, uint8_t x, int fix_checksum)
{
	char *b64 = strchr(text, '\n') + 1;
	uint8_t blob[512];
	size_t n;
	size_t bl = strcspn(b64, "\n");
	assert_int_equal(sodium_base642bin(blob, sizeof blob, b64, bl, NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	blob[at] ^= x;
	if (fix_checksum) { /* an attacker who knows the format recomputes the outer checksum */
		static const char tag[] = "certqr/secret-key-checksum/v1";
		crypto_generichash_state st;
		crypto_generichash_init(&st, NULL, 0, 32);
		crypto_generichash_update(&st, (const uint8_t *)tag, sizeof tag);
		crypto_generichash_update(&st, blob, n - 32);
		crypto_generichash_final(&st, blob + n - 32, 32);
	}
	sodium_bin2base64(b64, 1024 - (size_t)(b64 - text), blob, n, sodium_base64_VARIANT_ORIGINAL);
	strcat(b64, "\n");
}

static void seal_open_and_sign(void **state)
{
	(void)state;
	cq_seckey *k = cq_seckey_generate(CQ_ROLE_ISSUER), *back;
	cq_err e;
	char *text = seal(k, "correct horse");
	assert_int_equal(cq_seckey_open(text, strlen(text), "correct horse", 13, &back, &e), 0);
	/* the same secret: Ed25519 is deterministic, so both sign alike */
	uint8_t s1[CQ_SIG_BYTES], s2[CQ_SIG_BYTES];
	assert_int_equal(cq_sign_detached(k, CQ_CTX_CERT, (const uint8_t *)"abc", 3, s1), 0);
	assert_int_equal(cq_sign_detached(back, CQ_CTX_CERT, (const uint8_t *)"abc", 3, s2), 0);
	assert_memory_equal(s1, s2, sizeof s1);
	assert_memory_equal(cq_seckey_pubkey(back), cq_seckey_pubkey(k), sizeof *cq_seckey_pubkey(k));
	/* a loaded key signs what its public key verifies */
	cq_record r;
	uint8_t p[CQ_PAYLOAD_MAX];
	size_t n;
	cq_payload d;
	tu_record(&r);
	assert_int_equal(cq_payload_sign(&r, back, p, sizeof p, &n, &e), 0);
	assert_int_equal(cq_payload_decode(p, n, &d, &e), 0);
	assert_int_equal(cq_payload_verify(&d, cq_seckey_pubkey(k)->pk), 0);
	cq_pubkey pub;
	assert_int_equal(cq_seckey_public(text, strlen(text), &pub, &e), 0);
	assert_memory_equal(&pub, cq_seckey_pubkey(k), sizeof pub);
	cq_seckey_free(back);
	cq_seckey_free(k);
}

static void wrong_passphrase(void **state)
{
	(void)state;
	cq_seckey *k = cq_seckey_generate(CQ_ROLE_ROOT), *back = (cq_seckey *)1;
	cq_err e;
	char *text = seal(k, "correct horse");
	assert_int_equal(cq_seckey_open(text, strlen(text), "correct hors", 12, &back, &e), -1);
	assert_int_equal(e.code, CQ_E_PASSPHRASE);
	assert_string_equal(e.msg, "wrong passphrase");
	assert_null(back);
	cq_seckey_free(k);
}

static void tampering(void **state)
{
	(void)state;
	cq_seckey *k = cq_seckey_generate(CQ_ROLE_ISSUER), *back;
	cq_err e;
	char copy[1024];
	strcpy(copy, seal(k, "pw"));
	/* every byte of the blob, changed without fixing the checksum: corrupt */
	for (size_t at = 0; at < 176; at++) {
		char t[1024];
		strcpy(t, copy);
		tamper(t, at, 0x01, 0);
		assert_int_equal(cq_seckey_open(t, strlen(t), "pw", 2, &back, &e), -1);
		if (at < 4) assert_true(e.code == CQ_E_NOT_CERTQR || e.code == CQ_E_KEY); /* magic */
		else if (at == 4) assert_int_equal(e.code, CQ_E_VERSION);
		else if (e.code != CQ_E_CORRUPT) fail_msg("byte %zu: %s %s", at, cq_code_name(e.code), e.msg);
	}
	/* edits with a recomputed checksum are still refused: the header is
	 * authenticated by the AEAD, the KDF limits cannot be lowered. */
	size_t header_bytes[] = { 5, 8, 11, 12, 15, 16, 40, 56, 64, 100, 140 };
	for (size_t i = 0; i < sizeof header_bytes / sizeof *header_bytes; i++) {
		char t[1024];
		strcpy(t, copy);
		tamper(t, header_bytes[i], 0x01, 1);
		assert_int_equal(cq_seckey_open(t, strlen(t), "pw", 2, &back, &e), -1);
	}
	/* truncated file, text edits */
	char t[1024];
	strcpy(t, copy);
	t[strlen(t) - 10] = '\n';
	t[strlen(t) - 9] = '\0';
	assert_int_equal(cq_seckey_open(t, strlen(t), "pw", 2, &back, &e), -1);
	assert_int_equal(cq_seckey_open(copy, 40, "pw", 2, &back, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	strcpy(t, copy);
	strcat(t, "extra line\n");
	assert_int_equal(cq_seckey_open(t, strlen(t), "pw", 2, &back, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	strcpy(t, copy);
	memcpy(t, "trusted", 7);
	assert_int_equal(cq_seckey_open(t, strlen(t), "pw", 2, &back, &e), -1);
	/* a public key file is not a secret key file */
	char pubtext[512];
	assert_int_equal(cq_pubkey_encode_text(cq_seckey_pubkey(k), pubtext, sizeof pubtext, &e), 0);
	assert_int_equal(cq_seckey_open(pubtext, strlen(pubtext), "pw", 2, &back, &e), -1);
	assert_int_equal(e.code, CQ_E_KEY);
	cq_seckey_free(k);
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seal_open_and_sign), cmocka_unit_test(wrong_passphrase),
		cmocka_unit_test(tampering),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
