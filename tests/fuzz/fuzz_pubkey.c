/* Armoured public key files (cq_pubkey_decode_text) and the armour itself
 * (cq_armor_decode). Invariant: an accepted key file re-encodes to a file
 * that decodes to the same key; its id matches its key. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_strdup(data, size);
	cq_pubkey k, k2;
	cq_err e;
	if (cq_pubkey_decode_text(text, size, &k, &e) == 0) {
		char out[CQ_ARMOR_MAX_TEXT];
		uint8_t id[CQ_KEY_ID_BYTES];
		FZ_CHECK(k.role == CQ_ROLE_ROOT || k.role == CQ_ROLE_ISSUER);
		cq_key_id(k.pk, id);
		FZ_CHECK(memcmp(id, k.id, sizeof id) == 0);
		FZ_CHECK(cq_pubkey_encode_text(&k, out, sizeof out, &e) == 0);
		FZ_CHECK(cq_pubkey_decode_text(out, strlen(out), &k2, &e) == 0);
		FZ_CHECK(memcmp(&k, &k2, sizeof k) == 0);
	} else {
		FZ_CHECK(e.code != CQ_OK && e.msg[0]);
	}
	/* The armour with each magic the project uses. */
	static const char *const magics[] = { "CQPK", "CQSK", "CQDL" };
	unsigned char blob[512];
	for (size_t i = 0; i < sizeof magics / sizeof *magics; i++) {
		long got = cq_armor_decode(text, size, magics[i], blob, sizeof blob, &e);
		if (got >= 0) FZ_CHECK(got >= 5 && (size_t)got <= sizeof blob && memcmp(blob, magics[i], 4) == 0);
	}
	free(text);
	return 0;
}
