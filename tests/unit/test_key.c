/* Public keys, key ids and signature checks (lib/key.c, docs/format.md §4
 * and §4.1): the committed TEST-ONLY keys' ids, the key id formula computed
 * here, the 46-byte blob field by field and its checks in their documented
 * order, role names, and domain separation of signatures (the context and
 * its zero byte are signed; small and large messages alike). */
#include "testutil.h"

static void public_key_files(void **state)
{
	(void)state;
	cq_seckey *k = cq_seckey_generate(CQ_ROLE_ROOT);
	cq_err e;
	cq_pubkey p;
	char text[512];
	assert_int_equal(cq_pubkey_encode_text(cq_seckey_pubkey(k), text, sizeof text, &e), 0);
	assert_int_equal(cq_pubkey_decode_text(text, strlen(text), &p, &e), 0);
	assert_memory_equal(&p, cq_seckey_pubkey(k), sizeof p);
	assert_non_null(strstr(text, "root public key"));
	/* a flipped bit in the key no longer matches its id */
	char *b64 = strchr(text, '\n') + 1;
	b64[30] = b64[30] == 'A' ? 'B' : 'A';
	assert_int_equal(cq_pubkey_decode_text(text, strlen(text), &p, &e), -1);
	cq_seckey_free(k);
}

static cq_pubkey committed(const char *path)
{
	size_t n;
	cq_err e;
	cq_pubkey k;
	char *text = tu_slurp(path, &n);
	if (cq_pubkey_decode_text(text, n, &k, &e)) fail_msg("%s: %s", path, e.msg);
	free(text);
	return k;
}

/* docs/format.md §4: key id = first 8 bytes of BLAKE2b-256("certqr/key-id/v1"
 * || 0x00 || public key), shown as 16 upper-case hex digits; §5 names
 * Zhengzhou's TEST-ONLY key 1FA38950A25DEB4E. */
static void key_ids(void **state)
{
	(void)state;
	cq_pubkey zz = committed("keys/test/issuer-zhengzhou-TEST-ONLY.pub");
	cq_pubkey root = committed("keys/test/root-TEST-ONLY.pub");
	char hex[17];
	cq_key_id_hex(zz.id, hex);
	assert_string_equal(hex, "1FA38950A25DEB4E");
	assert_int_equal(zz.role, CQ_ROLE_ISSUER);
	cq_key_id_hex(root.id, hex);
	assert_string_equal(hex, "B1781097C002AD72");             /* as its comment line says */
	assert_int_equal(root.role, CQ_ROLE_ROOT);
	uint8_t m[17 + CQ_PK_BYTES], h[32], id[CQ_KEY_ID_BYTES];
	memcpy(m, "certqr/key-id/v1", 17);                         /* with its zero byte */
	memcpy(m + 17, zz.pk, CQ_PK_BYTES);
	crypto_generichash(h, sizeof h, m, sizeof m, NULL, 0);
	cq_key_id(zz.pk, id);
	assert_memory_equal(id, h, CQ_KEY_ID_BYTES);
	/* hex and back */
	uint8_t back[CQ_KEY_ID_BYTES];
	assert_int_equal(cq_key_id_parse("1FA38950A25DEB4E", back), 0);
	assert_memory_equal(back, zz.id, CQ_KEY_ID_BYTES);
	static const char *const bad[] = {"1FA38950A25DEB4", "1FA38950A25DEB4E0", "1FA38950A25DEB4G", "", " FA38950A25DEB4E",
	                                  "1FA38950:A25DEB4"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (cq_key_id_parse(bad[i], back) != -1) fail_msg("parsed \"%s\"", bad[i]);
	static const uint8_t low[CQ_KEY_ID_BYTES] = {0, 1, 2, 0xAB, 0xCD, 0xEF, 0x10, 0xFF};
	cq_key_id_hex(low, hex);
	assert_string_equal(hex, "000102ABCDEF10FF");
}

static void roles(void **state)
{
	(void)state;
	assert_string_equal(cq_role_name(CQ_ROLE_ROOT), "root");
	assert_string_equal(cq_role_name(CQ_ROLE_ISSUER), "issuer");
	assert_string_equal(cq_role_name(0), "unknown");
	assert_string_equal(cq_role_name(3), "unknown");
	assert_string_equal(cq_role_phrase(CQ_ROLE_ROOT), "a root key");
	assert_string_equal(cq_role_phrase(CQ_ROLE_ISSUER), "an issuer key");
	assert_string_equal(cq_role_phrase(7), "a key of unknown role");
}

static void expect_blob(const uint8_t *b, size_t n, cq_code code, const char *field)
{
	cq_pubkey k;
	cq_err e;
	cq_err_clear(&e);
	assert_int_equal(cq_pubkey_from_blob(b, n, &k, &e), -1);
	if (e.code != code || strcmp(e.field, field))
		fail_msg("%s/%s (%s), expected %s/%s", cq_code_name(e.code), e.field, e.msg, cq_code_name(code), field);
}

/* docs/format.md §4.1: CQPK, version 1, role, key id, key; checked in the
 * order magic, version, length 46, role 1 or 2, key id. Each case breaks
 * two rules: the earlier is reported. */
static void blob(void **state)
{
	(void)state;
	cq_pubkey zz = committed("keys/test/issuer-zhengzhou-TEST-ONLY.pub"), k;
	uint8_t g[CQ_PUBKEY_BLOB + 1], b[CQ_PUBKEY_BLOB + 1];
	cq_err e;
	assert_int_equal(cq_pubkey_to_blob(&zz, g), 0);
	assert_memory_equal(g, "CQPK\x01\x02", 6);
	assert_memory_equal(g + 6, zz.id, CQ_KEY_ID_BYTES);
	assert_memory_equal(g + 14, zz.pk, CQ_PK_BYTES);
	assert_int_equal(cq_pubkey_from_blob(g, CQ_PUBKEY_BLOB, &k, &e), 0);
	assert_memory_equal(&k, &zz, sizeof k);
	memcpy(b, g, sizeof b); b[3] = 'L'; b[4] = 2;
	expect_blob(b, CQ_PUBKEY_BLOB, CQ_E_NOT_CERTQR, "public_key");
	expect_blob(g, 4, CQ_E_NOT_CERTQR, "public_key");
	memcpy(b, g, sizeof b); b[4] = 2;
	expect_blob(b, CQ_PUBKEY_BLOB + 1, CQ_E_VERSION, "public_key");
	expect_blob(b, 5, CQ_E_VERSION, "public_key");
	memcpy(b, g, sizeof b); b[5] = 3;
	expect_blob(b, CQ_PUBKEY_BLOB - 1, CQ_E_FORMAT, "public_key");
	expect_blob(b, CQ_PUBKEY_BLOB + 1, CQ_E_FORMAT, "public_key");
	memcpy(b, g, sizeof b); b[6] ^= 1; b[5] = 0;
	expect_blob(b, CQ_PUBKEY_BLOB, CQ_E_FORMAT, "role");
	memcpy(b, g, sizeof b); b[5] = 3;
	expect_blob(b, CQ_PUBKEY_BLOB, CQ_E_FORMAT, "role");
	memcpy(b, g, sizeof b); b[6] ^= 1;
	expect_blob(b, CQ_PUBKEY_BLOB, CQ_E_CORRUPT, "key_id");
	memcpy(b, g, sizeof b); b[45] ^= 0x80;
	expect_blob(b, CQ_PUBKEY_BLOB, CQ_E_CORRUPT, "key_id");
	/* the text form: a comment naming role and id */
	char text[256];
	assert_int_equal(cq_pubkey_encode_text(&zz, text, sizeof text, &e), 0);
	assert_non_null(strstr(text, "untrusted comment: certqr issuer public key 1FA38950A25DEB4E\n"));
	size_t n;
	char *file = tu_slurp("keys/test/issuer-zhengzhou-TEST-ONLY.pub", &n);
	assert_string_equal(text, file);                           /* what certqr-keys wrote */
	free(file);
	assert_int_equal(cq_pubkey_encode_text(&zz, text, 40, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
}

/* Signatures cover context || 0x00 || message: the same bytes under
 * another context, or without the zero byte, do not verify. */
static void domain_separation(void **state)
{
	(void)state;
	cq_seckey *k = cq_seckey_generate(CQ_ROLE_ISSUER);
	assert_non_null(k);
	static uint8_t big[2000];
	for (size_t i = 0; i < sizeof big; i++) big[i] = (uint8_t)i;
	uint8_t sig[CQ_SIG_BYTES];
	/* a short message (on the stack) and a long one (allocated) */
	const size_t lens[] = {0, 10, 490, 491, sizeof big};
	for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
		assert_int_equal(cq_sign_detached(k, CQ_CTX_CERT, big, lens[i], sig), 0);
		assert_int_equal(cq_verify_detached(cq_seckey_pubkey(k)->pk, CQ_CTX_CERT, big, lens[i], sig), 0);
		assert_int_equal(cq_verify_detached(cq_seckey_pubkey(k)->pk, CQ_CTX_DELEGATION, big, lens[i], sig), -1);
		assert_int_equal(cq_verify_detached(cq_seckey_pubkey(k)->pk, CQ_CTX_BUNDLE, big, lens[i], sig), -1);
		if (lens[i]) {
			big[lens[i] - 1] ^= 1;
			assert_int_equal(cq_verify_detached(cq_seckey_pubkey(k)->pk, CQ_CTX_CERT, big, lens[i], sig), -1);
			big[lens[i] - 1] ^= 1;
		}
	}
	/* the message Ed25519 signs, built here */
	uint8_t m[64];
	memcpy(m, CQ_CTX_CERT, sizeof CQ_CTX_CERT);               /* with its zero byte */
	memcpy(m + sizeof CQ_CTX_CERT, "abc", 3);
	assert_int_equal(cq_sign_detached(k, CQ_CTX_CERT, (const uint8_t *)"abc", 3, sig), 0);
	assert_int_equal(crypto_sign_verify_detached(sig, m, sizeof CQ_CTX_CERT + 3, cq_seckey_pubkey(k)->pk), 0);
	assert_int_equal(cq_verify_detached(cq_seckey_pubkey(k)->pk, CQ_CTX_CERT, (const uint8_t *)"abc", 3, sig), 0);
	cq_seckey_free(k);
}

/* docs/format.md §4: the role and the key id, checked alike for public
 * and secret key files (cq_pubkey_from_parts). */
static void parts(void **state)
{
	(void)state;
	cq_pubkey zz = committed("keys/test/issuer-zhengzhou-TEST-ONLY.pub"), k;
	cq_err e;
	assert_int_equal(cq_pubkey_from_parts(CQ_ROLE_ISSUER, zz.id, zz.pk, &k, &e), 0);
	assert_memory_equal(&k, &zz, sizeof k);
	static const unsigned bad_roles[] = {0, 3, 255, 256 + CQ_ROLE_ROOT};
	for (size_t i = 0; i < sizeof bad_roles / sizeof *bad_roles; i++) {
		assert_int_equal(cq_pubkey_from_parts(bad_roles[i], zz.id, zz.pk, &k, &e), -1);
		assert_int_equal(e.code, CQ_E_FORMAT);
		assert_string_equal(e.field, "role");
	}
	uint8_t id[CQ_KEY_ID_BYTES];
	memcpy(id, zz.id, sizeof id);
	id[7] ^= 1;
	assert_int_equal(cq_pubkey_from_parts(CQ_ROLE_ISSUER, id, zz.pk, &k, &e), -1);
	assert_int_equal(e.code, CQ_E_CORRUPT);
	assert_string_equal(e.field, "key_id");
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(public_key_files), cmocka_unit_test(key_ids), cmocka_unit_test(roles),
		cmocka_unit_test(blob), cmocka_unit_test(domain_separation), cmocka_unit_test(parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
