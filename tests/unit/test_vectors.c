/* The golden vectors of docs/format.md (tests/vectors/v1.txt): fields →
 * payload bytes → QR text, byte for byte, and back. And the machine-readable
 * verdict and bundle vectors (tests/vectors/verdicts.txt, tests/trust/
 * bundles.txt) through the library: status, reason code, JSON members. */
#include "testutil.h"
#include "certqr/trust.h"
#include "certqr/verdict.h"

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
	assert_int_equal(cq_payload_verify(&d, cq_seckey_pubkey(k)->pk), 0);
	assert_memory_equal(d.key_id, cq_seckey_pubkey(k)->id, CQ_KEY_ID_BYTES);
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

static cq_pubkey test_root(void)
{
	size_t n;
	cq_err e;
	cq_pubkey root;
	char *text = tu_slurp("keys/test/root-TEST-ONLY.pub", &n);
	assert_int_equal(cq_pubkey_decode_text(text, n, &root, &e), 0);
	free(text);
	return root;
}

static size_t unhex(const char *h, uint8_t *out, size_t cap)
{
	size_t n = strlen(h), got;
	assert_true(n / 2 <= cap);
	assert_int_equal(sodium_hex2bin(out, cap, h, n, NULL, &got, NULL), 0);
	return got;
}

/* Splits a vector line in place on TABs; returns the column count. */
static int columns(char *line, char **col, int max)
{
	int k = 0;
	for (char *p = line; p && k < max; k++) {
		col[k] = p;
		p = strchr(p, '\t');
		if (p) *p++ = '\0';
	}
	return k;
}

static void verdict_vectors(void **state)
{
	(void)state;
	size_t n, bn;
	cq_err e;
	cq_trust *t;
	cq_pubkey root = test_root();
	uint8_t *bundle = (uint8_t *)tu_slurp("tests/vectors/verdicts.bundle", &bn);
	if (cq_trust_decode(bundle, bn, &root, &t, &e)) fail_msg("verdicts.bundle: %s", e.msg);
	free(bundle);
	char *text = tu_slurp("tests/vectors/verdicts.txt", &n), *save = NULL;
	int count = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#') continue;
		char *col[8];
		int k = columns(line, col, 8);
		assert_true(k >= 4);
		uint8_t in[1024];
		size_t len = unhex(col[3], in, sizeof in);
		cq_verdict v;
		assert_int_equal(cq_judge(t, (const char *)in, len, &v), 0);
		if (strcmp(cq_status_name(v.status), col[1]) || strcmp(v.reason_code, col[2]))
			fail_msg("%s: %s/%s, expected %s/%s (%s)", col[0], cq_status_name(v.status), v.reason_code, col[1], col[2], v.reason);
		char json[CQ_VERDICT_JSON_MAX];
		assert_true(cq_verdict_json(&v, "v", CQ_HOLDER_NOT_CHECKED, json, sizeof json) > 0);
		/* members are in the canonical form cq_verdict_json writes */
		for (int i = 4; i < k; i++)
			if (!strstr(json, col[i])) fail_msg("%s: JSON lacks %s\n%s", col[0], col[i], json);
		count++;
	}
	assert_true(count >= 100);
	free(text);
	cq_trust_free(t);
}

static void bundle_vectors(void **state)
{
	(void)state;
	size_t n;
	cq_pubkey root = test_root();
	char *text = tu_slurp("tests/trust/bundles.txt", &n), *save = NULL;
	uint8_t *b = malloc(1 << 16);
	assert_non_null(b);
	int count = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#') continue;
		char *col[5];
		assert_int_equal(columns(line, col, 5), 4);
		size_t len = unhex(col[3], b, 1 << 16);
		cq_trust *t = NULL;
		cq_err e;
		cq_err_clear(&e);
		int rc = cq_trust_decode(b, len, &root, &t, &e);
		const char *cls = rc ? cq_bundle_refusal(e.code) : "ok", *code = rc ? e.field : "ok";
		if (strcmp(cls, col[1]) || strcmp(code, col[2]))
			fail_msg("%s: %s/%s, expected %s/%s (%s)", col[0], cls, code, col[1], col[2], e.msg);
		assert_true(rc ? t == NULL : t != NULL);
		cq_trust_free(t);
		count++;
	}
	assert_true(count >= 50);
	free(b);
	free(text);
}

static void keyfile_vectors(void **state)
{
	(void)state;
	size_t n;
	cq_pubkey root = test_root();
	char *text = tu_slurp("tests/vectors/keyfiles.txt", &n), *save = NULL;
	int count = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#') continue;
		char *col[4];
		assert_int_equal(columns(line, col, 4), 3);
		uint8_t f[9000];
		size_t len = unhex(col[2], f, sizeof f);
		cq_err e;
		cq_pubkey k;
		cq_delegation d;
		int rc = !strncmp(col[0], "pub-", 4) ? cq_pubkey_decode_text((const char *)f, len, &k, &e)
		       : cq_delegation_decode_text((const char *)f, len, &d, &e) ? -1 : cq_delegation_verify(&d, &root, &e);
		if ((rc == 0) != !strcmp(col[1], "ok")) fail_msg("%s: %s, expected %s", col[0], rc ? e.msg : "read", col[1]);
		count++;
	}
	assert_true(count >= 50);
	free(text);
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vectors),
		cmocka_unit_test(key_ids_match_public_files),
		cmocka_unit_test(verdict_vectors),
		cmocka_unit_test(bundle_vectors),
		cmocka_unit_test(keyfile_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
