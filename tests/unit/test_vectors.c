/* The golden vectors of docs/format.md (tests/vectors/v1.txt): fields →
 * payload bytes → QR text, byte for byte, and back. */
#include "testutil.h"

static void check_vector(const char *title, const char *keyname, cq_builder *b,
                         const char *payload_hex, const char *qr)
{
	cq_err e;
	cq_record r;
	if (cq_builder_finish(b, &r, &e)) fail_msg("%s: %s: %s", title, e.field, e.msg);
	cq_seckey *k = tu_key(keyname);
	uint8_t p[CQ_PAYLOAD_MAX];
	size_t n;
	char hex[2 * CQ_PAYLOAD_MAX + 1], text[CQ_QR_TEXT_MAX];
	assert_int_equal(cq_payload_sign(&r, k, p, sizeof p, &n, &e), 0);
	sodium_bin2hex(hex, sizeof hex, p, n);
	if (strcmp(hex, payload_hex)) fail_msg("%s: payload differs\n got  %s\n want %s", title, hex, payload_hex);
	assert_int_equal(cq_qrtext_encode(p, n, text, sizeof text, &e), 0);
	assert_string_equal(text, qr);

	cq_payload d;
	assert_int_equal(cq_qrtext_decode(qr, strlen(qr), &d, &e), 0);
	assert_int_equal(cq_payload_verify(&d, k->pub.pk), 0);
	assert_memory_equal(d.key_id, k->pub.id, CQ_KEY_ID_BYTES);
	assert_memory_equal(&d.rec, &r, sizeof r);
	cq_seckey_free(k);
}

static void vectors(void **state)
{
	(void)state;
	size_t n;
	char *text = tu_slurp("tests/vectors/v1.txt", &n);
	char title[128] = "", key[64] = "", hex[512] = "", qr[512] = "";
	cq_builder b;
	cq_err e;
	int count = 0;
	cq_builder_init(&b);
	for (char *line = strtok(text, "\n");; line = strtok(NULL, "\n")) {
		if (!line || !strncmp(line, "vector: ", 8)) {
			if (title[0]) { check_vector(title, key, &b, hex, qr); count++; }
			if (!line) break;
			snprintf(title, sizeof title, "%s", line + 8);
			cq_builder_init(&b);
		} else if (!strncmp(line, "key: ", 5)) snprintf(key, sizeof key, "%s", line + 5);
		else if (!strncmp(line, "payload=", 8)) snprintf(hex, sizeof hex, "%s", line + 8);
		else if (!strncmp(line, "qr=", 3)) snprintf(qr, sizeof qr, "%s", line + 3);
		else if (line[0] != '#') {
			char *eq = strchr(line, '=');
			assert_non_null(eq);
			*eq = '\0';
			if (cq_builder_set(&b, line, eq + 1, &e)) fail_msg("%s: %s=%s: %s", title, line, eq + 1, e.msg);
		}
	}
	assert_int_equal(count, 4);
	free(text);
}

/* The key ids in the vectors are the committed public keys' ids. */
static void key_ids_match_public_files(void **state)
{
	(void)state;
	size_t n;
	cq_err e;
	cq_pubkey pub;
	char *text = tu_slurp("keys/test/issuer-zhengzhou-TEST-ONLY.pub", &n);
	assert_int_equal(cq_pubkey_decode_text(text, n, &pub, &e), 0);
	char hex[17];
	cq_key_id_hex(pub.id, hex);
	free(text);
	text = tu_slurp("tests/vectors/v1.txt", &n);
	char want[20];
	/* payload byte 0 is the version, bytes 1..8 the key id */
	for (int i = 0; i < 16; i++) want[i] = (char)(hex[i] | 0x20);
	want[16] = '\0';
	assert_non_null(strstr(text, want));
	free(text);
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vectors),
		cmocka_unit_test(key_ids_match_public_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
