/* Encrypted secret key files: cq_seckey_public (no passphrase) and
 * cq_seckey_open with a fixed passphrase. The outer checksum is unkeyed, so
 * an attacker can always fix it up after editing a file: besides the input
 * as given, the harness also opens a copy with the checksum recomputed, so
 * edits reach the KDF, the AEAD and the key consistency checks. Only files
 * asking for small KDF limits are opened (ops <= 3, memory <= 1 MiB), to
 * keep executions fast; the seeds are sealed with the minimum limits.
 * Invariants: an opened key matches its public half and signs verifiably;
 * no edited file opens to a different key than the one it names. */
#include <sodium.h>
#include "fuzz.h"
#include "certqr/seckey.h"

#define PASS "fuzz-passphrase-TEST-ONLY"
#define SK_HEADER 96
#define SK_CT     (32 + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define SK_BLOB   (SK_HEADER + SK_CT + 32)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

static int small_limits(const uint8_t *blob)
{
	uint32_t ops = (uint32_t)blob[8] << 24 | (uint32_t)blob[9] << 16 | (uint32_t)blob[10] << 8 | blob[11];
	uint32_t kib = (uint32_t)blob[12] << 24 | (uint32_t)blob[13] << 16 | (uint32_t)blob[14] << 8 | blob[15];
	return ops <= 3 && kib <= 1024;
}

static void try_open(const char *text, size_t n)
{
	cq_seckey *k = NULL;
	cq_pubkey pub;
	cq_err e;
	int have_pub = cq_seckey_public(text, n, &pub, &e) == 0;
	if (cq_seckey_open(text, n, PASS, strlen(PASS), &k, &e) != 0) {
		FZ_CHECK(k == NULL && e.code != CQ_OK && e.msg[0]);
		return;
	}
	FZ_CHECK(have_pub && memcmp(&pub, cq_seckey_pubkey(k), sizeof pub) == 0);
	/* the opened secret matches its public half: what it signs verifies */
	static const uint8_t msg[] = "fuzz";
	uint8_t sig[CQ_SIG_BYTES];
	FZ_CHECK(cq_sign_detached(k, "certqr/fuzz/v1", msg, sizeof msg, sig) == 0);
	FZ_CHECK(cq_verify_detached(cq_seckey_pubkey(k)->pk, "certqr/fuzz/v1", msg, sizeof msg, sig) == 0);
	cq_seckey_free(k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_strdup(data, size);
	uint8_t blob[SK_BLOB + 16];
	cq_err e;
	cq_pubkey pub;
	(void)cq_seckey_public(text, size, &pub, &e);
	long got = cq_armor_decode(text, size, "CQSK", blob, sizeof blob, &e);
	if (got == SK_BLOB && small_limits(blob)) {
		try_open(text, size);
		/* The same edit with the checksum made consistent again. */
		static const char tag[] = "certqr/secret-key-checksum/v1";
		crypto_generichash_state st;
		crypto_generichash_init(&st, NULL, 0, 32);
		crypto_generichash_update(&st, (const uint8_t *)tag, sizeof tag);
		crypto_generichash_update(&st, blob, SK_HEADER + SK_CT);
		crypto_generichash_final(&st, blob + SK_HEADER + SK_CT, 32);
		char fixed[CQ_ARMOR_MAX_TEXT];
		if (cq_armor_encode(blob, SK_BLOB, "fuzz", fixed, sizeof fixed, &e) == 0)
			try_open(fixed, strlen(fixed));
	}
	free(text);
	return 0;
}
