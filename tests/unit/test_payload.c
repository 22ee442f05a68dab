/* Payload v1: round trips of random valid records, every decoder rejection,
 * and that no single-byte change to a signed payload survives. */
#include "testutil.h"

static cq_seckey *key;

static int setup(void **state) { (void)state; key = tu_key("issuer-zhengzhou"); return 0; }
static int teardown(void **state) { (void)state; cq_seckey_free(key); return 0; }

static size_t sign(const cq_record *r, uint8_t *p)
{
	size_t n;
	cq_err e;
	if (cq_payload_sign(r, key, p, CQ_PAYLOAD_MAX, &n, &e)) fail_msg("%s: %s", e.field, e.msg);
	return n;
}

static const char *const han[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
                                  "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "𠀋", "㐀", "龘"};

static void random_record(cq_record *r)
{
	cq_builder b;
	cq_err e;
	char name[CQ_NAME_MAX_BYTES + 1] = "", id[19], num[14], v[16];
	unsigned chars = 1 + randombytes_uniform(8);
	for (unsigned i = 0; i < chars; i++) {
		if (i && i + 1 < chars && randombytes_uniform(6) == 0) strcat(name, "·");
		strcat(name, han[randombytes_uniform(sizeof han / sizeof *han)]);
	}
	unsigned y = 1950 + randombytes_uniform(50), m = 1 + randombytes_uniform(12), d = 1 + randombytes_uniform(28);
	snprintf(id, sizeof id, "4101%02u%04u%02u%02u%03u", randombytes_uniform(100), y, m, d, randombytes_uniform(1000));
	id[17] = cq_idnum_check_char(id);
	id[18] = '\0';
	snprintf(num, sizeof num, "41%04u%07u", randombytes_uniform(10000), 1 + randombytes_uniform(9999999));
	unsigned year = CQ_YEAR_MIN + randombytes_uniform(100);
	cq_date issued = cq_date_from_days(cq_date_to_days((cq_date){(uint16_t)year, 1, 1}) + (int32_t)randombytes_uniform(3000));
	if (issued.y > 2149) issued.y = (uint16_t)year;
	cq_builder_init(&b);
	assert_int_equal(cq_builder_set(&b, "name", name, &e), 0);
	assert_int_equal(cq_builder_set(&b, "id_number", id, &e), 0);
	assert_int_equal(cq_builder_set(&b, "number", num, &e), 0);
	snprintf(v, sizeof v, "%u", year);
	cq_builder_set(&b, "year", v, &e);
	snprintf(v, sizeof v, "%u", 1 + randombytes_uniform(255));
	cq_builder_set(&b, "revision", v, &e);
	unsigned pub = randombytes_uniform(1000);
	snprintf(v, sizeof v, "%u", pub);
	cq_builder_set(&b, "hours_public", v, &e);
	snprintf(v, sizeof v, "%u", randombytes_uniform(1000));
	cq_builder_set(&b, "hours_professional", v, &e);
	if (randombytes_uniform(2)) {
		snprintf(v, sizeof v, "%u", randombytes_uniform(pub + 1));
		cq_builder_set(&b, "hours_compulsory", v, &e);
	}
	unsigned red = randombytes_uniform(CQ_RED_COUNT_);
	cq_builder_set(&b, "reduction", cq_reduction_name(red), &e);
	unsigned months = red == 0 || red == 5 ? 12 : red <= 2 ? randombytes_uniform(7) : randombytes_uniform(12);
	snprintf(v, sizeof v, "%u", months);
	cq_builder_set(&b, "months_at_post", v, &e);
	snprintf(v, sizeof v, "41%04u", randombytes_uniform(10000));
	cq_builder_set(&b, "issuer_region", v, &e);
	char ds[11];
	cq_date_format(issued, ds);
	cq_builder_set(&b, "issued", ds, &e);
	if (cq_builder_finish(&b, r, &e)) fail_msg("%s: %s (%s)", e.field, e.msg, name);
}

static void round_trip_random(void **state)
{
	(void)state;
	for (int i = 0; i < 2000; i++) {
		cq_record r;
		cq_payload d;
		cq_err e;
		uint8_t p[CQ_PAYLOAD_MAX], body[CQ_PAYLOAD_MAX];
		char text[CQ_QR_TEXT_MAX];
		size_t bn;
		random_record(&r);
		size_t n = sign(&r, p);
		assert_int_equal(cq_qrtext_encode(p, n, text, sizeof text, &e), 0);
		if (cq_qrtext_decode(text, strlen(text), &d, &e)) fail_msg("decode: %s: %s", e.field, e.msg);
		assert_memory_equal(&d.rec, &r, sizeof r);
		assert_int_equal(cq_payload_verify(&d, cq_seckey_pubkey(key)->pk), 0);
		/* canonical: re-encoding what was decoded gives the same bytes */
		assert_int_equal(cq_payload_encode_body(&d.rec, d.key_id, body, sizeof body, &bn, &e), 0);
		assert_int_equal(bn, n - CQ_SIG_BYTES);
		assert_memory_equal(body, p, bn);
	}
}

/* Every single-byte change is rejected by the decoder or the signature. */
static void single_byte_changes_rejected(void **state)
{
	(void)state;
	cq_record r;
	uint8_t p[CQ_PAYLOAD_MAX], q[CQ_PAYLOAD_MAX];
	tu_record(&r);
	size_t n = sign(&r, p);
	int tried = 0;
	for (size_t i = 0; i < n; i++)
		for (unsigned x = 1; x < 256; x++) {
			memcpy(q, p, n);
			q[i] ^= (uint8_t)x;
			cq_payload d;
			if (cq_payload_decode(q, n, &d, NULL) == 0 && cq_payload_verify(&d, cq_seckey_pubkey(key)->pk) == 0)
				fail_msg("byte %zu ^ 0x%02x accepted", i, x);
			tried++;
		}
	assert_int_equal(tried, (int)n * 255);
}

/* Decodes p after `edit`, expecting failure with this code and field. */
#define REJECT(edit, want_code, want_field) do {                                     \
		uint8_t q[CQ_PAYLOAD_MAX + 8]; size_t qn = n; cq_payload d; cq_err e;         \
		memcpy(q, p, n); edit;                                                        \
		assert_int_equal(cq_payload_decode(q, qn, &d, &e), -1);                       \
		if (e.code != (want_code) || strcmp(e.field, want_field))                     \
			fail_msg("%s: got %s/%s: %s", #edit, cq_code_name(e.code), e.field, e.msg); \
	} while (0)

static void decoder_rejections(void **state)
{
	(void)state;
	cq_record r;
	uint8_t p[CQ_PAYLOAD_MAX];
	tu_record(&r);
	size_t n = sign(&r, p);
	/* offsets from docs/format.md */
	REJECT(qn = 0, CQ_E_FORMAT, "length");
	REJECT(q[0] = 2, CQ_E_VERSION, "payload_version");
	REJECT(q[0] = 0, CQ_E_VERSION, "payload_version");
	REJECT(qn = n - 1, CQ_E_FORMAT, "length");
	REJECT(qn = 50, CQ_E_FORMAT, "length");
	REJECT((q[n] = 0, qn = n + 1), CQ_E_LIMIT, "length");    /* trailing: too much, not too little */
	REJECT(memset(q + 9, 0, 6), CQ_E_FORMAT, "number");
	REJECT(memset(q + 9, 0xff, 6), CQ_E_FORMAT, "number");
	REJECT(q[15] = 0, CQ_E_FIELD, "revision");
	REJECT((q[16] = 0x07, q[17] = 0xCF), CQ_E_FIELD, "year");          /* 1999 */
	REJECT((q[16] = 0x08, q[17] = 0x34), CQ_E_FIELD, "year");          /* 2100 */
	REJECT((q[18] = 0, q[19] = 1), CQ_E_FIELD, "issued");              /* 1970 */
	REJECT((q[20] = 0x06, q[21] = 0x1A, q[22] = 0x80), CQ_E_FIELD, "issuer_region"); /* 400000 */
	REJECT((q[23] = 0x03, q[24] = 0xE8), CQ_E_FIELD, "hours_public");  /* 1000 */
	REJECT((q[25] = 0x03, q[26] = 0xE8), CQ_E_FIELD, "hours_professional");
	REJECT((q[27] = 0, q[28] = 5), CQ_E_FIELD, "hours_compulsory");    /* set, flag clear */
	REJECT((q[27] = 0, q[28] = 33, q[29] = 1), CQ_E_FIELD, "hours_compulsory"); /* > public */
	REJECT(q[29] = 2, CQ_E_FORMAT, "flags");
	REJECT(q[30] = 6, CQ_E_FIELD, "reduction");
	REJECT(q[31] = 11, CQ_E_FIELD, "months_at_post");                  /* none needs 12 */
	REJECT((q[30] = 1, q[31] = 7), CQ_E_FIELD, "months_at_post");      /* abroad: at most 6 */
	REJECT((q[32] = 0x2A, q[33] = 0xF8), CQ_E_FORMAT, "id_hint");      /* 11000 */
	REJECT(q[42] = 0, CQ_E_FORMAT, "name");
	REJECT(q[42] = 65, CQ_E_FORMAT, "name");
	REJECT(q[42] = 8, CQ_E_LIMIT, "length");                           /* one byte short: a byte trails */
	REJECT(q[42] = 10, CQ_E_FORMAT, "length");
	REJECT(q[43] = 0xFF, CQ_E_FIELD, "name");                          /* invalid UTF-8 */
	REJECT((q[43] = 0xC0, q[44] = 0x80), CQ_E_FIELD, "name");          /* overlong NUL */
	REJECT((q[43] = 0xE2, q[44] = 0x80, q[45] = 0xAE), CQ_E_FIELD, "name"); /* U+202E bidi */
	REJECT(q[43] = 0, CQ_E_FIELD, "name");
}

static void qr_text_rejections(void **state)
{
	(void)state;
	cq_record r;
	cq_payload d;
	cq_err e;
	uint8_t p[CQ_PAYLOAD_MAX];
	char text[CQ_QR_TEXT_MAX + 8], t2[CQ_QR_TEXT_MAX + 8];
	tu_record(&r);
	size_t n = sign(&r, p);
	assert_int_equal(cq_qrtext_encode(p, n, text, sizeof text, &e), 0);

	assert_int_equal(cq_qrtext_decode("https://example.org/", 20, &d, &e), -1);
	assert_int_equal(e.code, CQ_E_NOT_CERTQR);
	assert_string_equal(e.field, "prefix");
	assert_int_equal(cq_qrtext_decode("", 0, &d, &e), -1);
	assert_int_equal(e.code, CQ_E_NOT_CERTQR);
	memcpy(t2, text, strlen(text) + 1);
	t2[2] = '2';
	assert_int_equal(cq_qrtext_decode(t2, strlen(t2), &d, &e), -1);
	assert_int_equal(e.code, CQ_E_VERSION);
	assert_string_equal(e.field, "qr_version");
	t2[2] = '1';
	t2[10] = '~';
	assert_int_equal(cq_qrtext_decode(t2, strlen(t2), &d, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	assert_string_equal(e.field, "base45");
	/* one base45 character dropped: length 1 mod 3 or wrong bytes */
	memcpy(t2, text, strlen(text) + 1);
	t2[strlen(t2) - 1] = '\0';
	assert_int_equal(cq_qrtext_decode(t2, strlen(t2), &d, &e), -1);
	/* too long for any v1 payload */
	char big[600];
	memset(big, 'A', sizeof big);
	memcpy(big, "CQ1:", 4);
	assert_int_equal(cq_qrtext_decode(big, sizeof big, &d, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
	assert_string_equal(e.field, "length");

	/* What a keyboard-wedge scanner may type is still accepted. */
	snprintf(t2, sizeof t2, "%s\r\n", text);
	assert_int_equal(cq_qrtext_decode(t2, strlen(t2), &d, &e), 0);
	for (char *c = t2; *c; c++) if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
	assert_int_equal(cq_qrtext_decode(t2, strlen(t2), &d, &e), 0);
	assert_int_equal(cq_payload_verify(&d, cq_seckey_pubkey(key)->pk), 0);
}

/* The signature is bound to its context: a certificate signature over the
 * same bytes does not verify as a delegation or bundle, or vice versa. */
static void domain_separation(void **state)
{
	(void)state;
	cq_record r;
	cq_payload d;
	uint8_t p[CQ_PAYLOAD_MAX];
	tu_record(&r);
	size_t n = sign(&r, p);
	assert_int_equal(cq_payload_decode(p, n, &d, NULL), 0);
	assert_int_equal(cq_verify_detached(cq_seckey_pubkey(key)->pk, CQ_CTX_CERT, p, n - 64, p + n - 64), 0);
	assert_int_equal(cq_verify_detached(cq_seckey_pubkey(key)->pk, CQ_CTX_DELEGATION, p, n - 64, p + n - 64), -1);
	assert_int_equal(cq_verify_detached(cq_seckey_pubkey(key)->pk, CQ_CTX_BUNDLE, p, n - 64, p + n - 64), -1);
	/* the same bytes signed without the context, by a key whose secret
	 * the test holds (a cq_seckey never shows its bytes): refused, while
	 * the same key's signature with the context verifies */
	uint8_t raw[64], pk[CQ_PK_BYTES], sk[64];
	crypto_sign_keypair(pk, sk);
	crypto_sign_detached(raw, NULL, p, n - 64, sk); /* no context */
	memcpy(d.sig, raw, 64);
	assert_int_equal(cq_payload_verify(&d, pk), -1);
	uint8_t m[sizeof CQ_CTX_CERT + CQ_PAYLOAD_MAX];
	memcpy(m, CQ_CTX_CERT, sizeof CQ_CTX_CERT);
	memcpy(m + sizeof CQ_CTX_CERT, p, n - 64);
	crypto_sign_detached(raw, NULL, m, sizeof CQ_CTX_CERT + n - 64, sk);
	memcpy(d.sig, raw, 64);
	assert_int_equal(cq_payload_verify(&d, pk), 0);
	sodium_memzero(sk, sizeof sk);
}

static void wrong_key_rejected(void **state)
{
	(void)state;
	cq_record r;
	cq_payload d;
	uint8_t p[CQ_PAYLOAD_MAX];
	tu_record(&r);
	size_t n = sign(&r, p);
	cq_seckey *other = tu_key("issuer-anyang");
	assert_int_equal(cq_payload_decode(p, n, &d, NULL), 0);
	assert_int_equal(cq_payload_verify(&d, cq_seckey_pubkey(other)->pk), -1);
	cq_seckey *root = tu_key("root");
	cq_err e;
	assert_int_equal(cq_payload_sign(&r, root, p, sizeof p, &n, &e), -1); /* roots sign no certificates */
	assert_int_equal(e.code, CQ_E_KEY);
	cq_seckey_free(other);
	cq_seckey_free(root);
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_random),
		cmocka_unit_test(single_byte_changes_rejected),
		cmocka_unit_test(decoder_rejections),
		cmocka_unit_test(qr_text_rejections),
		cmocka_unit_test(domain_separation),
		cmocka_unit_test(wrong_key_rejected),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
