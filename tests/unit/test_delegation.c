/* Delegations (lib/delegation.c, docs/format.md §4.3): the committed test
 * delegation, the body layout byte by byte, the decoder's checks in their
 * documented order with their codes, every field rule at its boundaries,
 * verification against roots, and what a delegation covers. */
#include "testutil.h"

/* made in memory; the committed TEST-ONLY keys are used by delegations() */
static cq_seckey *mroot, *missuer;

static int setup(void **state)
{
	(void)state;
	if (cq_init()) return -1;
	mroot = cq_seckey_generate(CQ_ROLE_ROOT);
	missuer = cq_seckey_generate(CQ_ROLE_ISSUER);
	return mroot && missuer ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	cq_seckey_free(mroot);
	cq_seckey_free(missuer);
	return 0;
}

/* Anyang's delegation: scope 4105, 2024-01-01 to 2025-12-31, signed. */
static void anyang(cq_delegation *d)
{
	cq_err e;
	memset(d, 0, sizeof *d);
	d->issuer = *cq_seckey_pubkey(missuer);
	d->region = 410500;
	strcpy(d->scope, "4105");
	strcpy(d->bureau, "安阳市人力资源和社会保障局");
	assert_int_equal(cq_date_parse("2024-01-01", &d->first), 0);
	assert_int_equal(cq_date_parse("2025-12-31", &d->last), 0);
	assert_int_equal(cq_delegation_sign(d, mroot, &e), 0);
}

/* The whole signed blob of d, in b[CQ_DELEGATION_MAX + 16]. */
static size_t blob_of(const cq_delegation *d, uint8_t *b)
{
	size_t n;
	cq_err e;
	if (cq_delegation_encode_body(d, b, CQ_DELEGATION_MAX, &n, &e)) fail_msg("%s", e.msg);
	memcpy(b + n, d->sig, CQ_SIG_BYTES);
	return n + CQ_SIG_BYTES;
}

static void delegations(void **state)
{
	(void)state;
	cq_seckey *root = tu_key("root"), *foreign = tu_key("foreign-root"), *issuer = tu_key("issuer-anyang");
	cq_delegation d, back;
	cq_err e;
	char text[1024];
	memset(&d, 0, sizeof d);
	d.issuer = *cq_seckey_pubkey(issuer);
	d.region = 410500;
	strcpy(d.scope, "4105");
	strcpy(d.bureau, "安阳市人力资源和社会保障局");
	assert_int_equal(cq_date_parse("2024-01-01", &d.first), 0);
	assert_int_equal(cq_date_parse("2025-12-31", &d.last), 0);
	assert_int_equal(cq_delegation_sign(&d, root, &e), 0);
	assert_int_equal(cq_delegation_encode_text(&d, text, sizeof text, &e), 0);
	assert_int_equal(cq_delegation_decode_text(text, strlen(text), &back, &e), 0);
	assert_int_equal(cq_delegation_verify(&back, cq_seckey_pubkey(root), &e), 0);
	assert_true(cq_delegation_covers_number(&back, "4105020000001"));
	assert_false(cq_delegation_covers_number(&back, "4101020000001"));
	assert_true(cq_delegation_covers_date(&back, (cq_date){2025, 12, 31}));
	assert_false(cq_delegation_covers_date(&back, (cq_date){2026, 1, 1}));
	/* foreign root */
	assert_int_equal(cq_delegation_verify(&back, cq_seckey_pubkey(foreign), &e), -1);
	assert_int_equal(e.code, CQ_E_KEY);
	/* widened scope, extended window, other bureau: signature fails */
	cq_delegation t = back;
	strcpy(t.scope, "41");
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(root), &e), -1);
	assert_int_equal(e.code, CQ_E_SIGNATURE);
	t = back;
	t.last.y = 2030;
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(root), &e), -1);
	t = back;
	strcpy(t.bureau, "郑州市人力资源和社会保障局");
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(root), &e), -1);
	/* roots only: an issuer cannot delegate, and a root cannot be delegated */
	assert_int_equal(cq_delegation_sign(&d, issuer, &e), -1);
	d.issuer = *cq_seckey_pubkey(root);
	assert_int_equal(cq_delegation_sign(&d, root, &e), -1);
	/* committed test delegations verify against the committed test root */
	size_t n;
	char *dl = tu_slurp("keys/test/issuer-zhengzhou-TEST-ONLY.dl", &n);
	assert_int_equal(cq_delegation_decode_text(dl, n, &back, &e), 0);
	assert_int_equal(cq_delegation_verify(&back, cq_seckey_pubkey(root), &e), 0);
	assert_string_equal(back.scope, "4101");
	free(dl);
	cq_seckey_free(root);
	cq_seckey_free(foreign);
	cq_seckey_free(issuer);
}

/* docs/format.md §4.3, the layout table. */
static void body_layout(void **state)
{
	(void)state;
	cq_delegation d;
	anyang(&d);
	uint8_t b[CQ_DELEGATION_MAX + 16];
	size_t n = blob_of(&d, b);
	size_t s = 4, bl = strlen(d.bureau);
	assert_int_equal(n, 63 + s + bl + 64);
	assert_memory_equal(b, "CQDL\x01", 5);
	assert_memory_equal(b + 5, cq_seckey_pubkey(mroot)->id, 8);
	assert_memory_equal(b + 13, cq_seckey_pubkey(missuer)->id, 8);
	assert_memory_equal(b + 21, cq_seckey_pubkey(missuer)->pk, 32);
	assert_memory_equal(b + 53, "\x00\x06\x43\x84", 4);              /* 410500 */
	assert_int_equal(b[57], s);
	assert_memory_equal(b + 58, "4105", 4);
	assert_int_equal(b[58 + s] << 8 | b[59 + s], cq_date_to_days(d.first));
	assert_int_equal(b[60 + s] << 8 | b[61 + s], cq_date_to_days(d.last));
	assert_int_equal(b[62 + s], bl);
	assert_memory_equal(b + 63 + s, d.bureau, bl);
	assert_memory_equal(b + 63 + s + bl, d.sig, 64);
	/* the signature is over "certqr/delegation/v1" || 0x00 || body */
	uint8_t m[256];
	memcpy(m, "certqr/delegation/v1", 21);
	memcpy(m + 21, b, n - 64);
	assert_int_equal(crypto_sign_verify_detached(d.sig, m, 21 + n - 64, cq_seckey_pubkey(mroot)->pk), 0);
	/* decoding gives the same delegation back */
	cq_delegation back;
	cq_err e;
	assert_int_equal(cq_delegation_decode(b, n, &back, &e), 0);
	assert_memory_equal(&back, &d, sizeof d);
}

/* The biggest delegation (scope 12 digits, bureau 96 bytes) is exactly
 * CQ_DELEGATION_MAX = 235 bytes, and reads. */
static void largest(void **state)
{
	(void)state;
	cq_delegation d, back;
	cq_err e;
	anyang(&d);
	strcpy(d.scope, "410500000001");
	memset(d.bureau, 0, sizeof d.bureau);
	for (int i = 0; i < 32; i++) memcpy(d.bureau + 3 * i, "局", 3);
	assert_int_equal(cq_delegation_sign(&d, mroot, &e), 0);
	uint8_t b[CQ_DELEGATION_MAX + 16];
	size_t n = blob_of(&d, b);
	assert_int_equal(n, CQ_DELEGATION_MAX);
	assert_int_equal(CQ_DELEGATION_MAX, 235);
	assert_int_equal(cq_delegation_decode(b, n, &back, &e), 0);
	assert_int_equal(cq_delegation_verify(&back, cq_seckey_pubkey(mroot), &e), 0);
	/* and the text form holds it */
	char text[1024];
	assert_int_equal(cq_delegation_encode_text(&d, text, sizeof text, &e), 0);
	assert_int_equal(cq_delegation_decode_text(text, strlen(text), &back, &e), 0);
	assert_string_equal(back.bureau, d.bureau);
}

static void expect_decode(const uint8_t *b, size_t n, cq_code code, const char *field, const char *why)
{
	cq_delegation d;
	cq_err e;
	cq_err_clear(&e);
	if (cq_delegation_decode(b, n, &d, &e) != -1) fail_msg("accepted: %s", why);
	if (e.code != code || strcmp(e.field, field))
		fail_msg("%s: %s/%s (%s), expected %s/%s", why, cq_code_name(e.code), e.field, e.msg, cq_code_name(code), field);
}

/* docs/format.md §4.3: "Checked in this order: magic, version, at most 235
 * bytes, scope length <= 12, bureau length <= 96, every field present and
 * nothing after the signature, no NUL in scope or bureau, issuer key id
 * matches the key, then the field rules". Each case breaks two rules: the
 * earlier one must be reported. */
static void decode_order(void **state)
{
	(void)state;
	cq_delegation d;
	anyang(&d);
	uint8_t g[CQ_DELEGATION_MAX + 16], b[CQ_DELEGATION_MAX + 16];
	size_t n = blob_of(&d, g);
	size_t s = 4, bat = 62 + s;                       /* bureau length byte */
	/* magic (and version) */
	memcpy(b, g, n); b[0] = 'X'; b[4] = 9;
	expect_decode(b, n, CQ_E_NOT_CERTQR, "delegation", "magic");
	expect_decode(g, 4, CQ_E_NOT_CERTQR, "delegation", "four bytes");
	/* version (and too long) */
	memcpy(b, g, n); b[4] = 2;
	expect_decode(b, CQ_DELEGATION_MAX + 1, CQ_E_VERSION, "delegation", "version");
	expect_decode(b, 5, CQ_E_VERSION, "delegation", "version, nothing after it");
	/* too long (and a scope length of 200) */
	memcpy(b, g, n); b[57] = 200;
	expect_decode(b, CQ_DELEGATION_MAX + 1, CQ_E_FORMAT, "delegation", "236 bytes");
	/* scope length 13 (and a bureau length of 200) */
	memcpy(b, g, n); b[57] = 13; b[bat] = 200;
	expect_decode(b, n, CQ_E_FORMAT, "scope", "scope length 13");
	/* bureau length 97 (and truncated) */
	memcpy(b, g, n); b[bat] = 97;
	expect_decode(b, n - 1, CQ_E_FORMAT, "bureau", "bureau length 97");
	/* truncated at every length, trailing byte */
	for (size_t k = 5; k < n; k++) expect_decode(g, k, CQ_E_FORMAT, "delegation", "truncated");
	memcpy(b, g, n); b[n] = 0;
	expect_decode(b, n + 1, CQ_E_FORMAT, "delegation", "trailing byte");
	/* NUL in the scope (and a key id that does not match) */
	memcpy(b, g, n); b[59] = 0; b[13] ^= 1;
	expect_decode(b, n, CQ_E_FORMAT, "delegation", "NUL in the scope");
	memcpy(b, g, n); b[bat + 2] = 0;
	expect_decode(b, n, CQ_E_FORMAT, "delegation", "NUL in the bureau");
	/* issuer key id (and a bad region) */
	memcpy(b, g, n); b[13] ^= 1; b[53] = 0;
	expect_decode(b, n, CQ_E_CORRUPT, "issuer", "key id");
	/* field rules */
	memcpy(b, g, n); b[54] = 0;
	expect_decode(b, n, CQ_E_FIELD, "region", "region");
	memcpy(b, g, n); b[58] = '5';
	expect_decode(b, n, CQ_E_FIELD, "scope", "scope not starting 41");
	memcpy(b, g, n); b[60 + s] = b[58 + s]; b[61 + s] = (uint8_t)(b[59 + s] - 1);
	expect_decode(b, n, CQ_E_FIELD, "window", "last before first");
	/* the decoder does not look at the signature: that is verify's */
	memcpy(b, g, n); b[n - 1] ^= 1;
	cq_delegation back;
	cq_err e;
	assert_int_equal(cq_delegation_decode(b, n, &back, &e), 0);
	assert_int_equal(cq_delegation_verify(&back, cq_seckey_pubkey(mroot), &e), -1);
	assert_int_equal(e.code, CQ_E_SIGNATURE);
}

static void expect_field(cq_delegation *d, const char *field)
{
	cq_err e;
	uint8_t b[CQ_DELEGATION_MAX];
	size_t n;
	if (cq_delegation_encode_body(d, b, sizeof b, &n, &e) != -1) fail_msg("%s accepted", field);
	assert_int_equal(e.code, CQ_E_FIELD);
	assert_string_equal(e.field, field);
	assert_int_equal(cq_delegation_sign(d, mroot, &e), -1);
}

static void expect_ok(cq_delegation *d)
{
	cq_err e;
	if (cq_delegation_sign(d, mroot, &e)) fail_msg("refused: %s %s", e.field, e.msg);
}

/* The field rules of docs/format.md §4.3 at their boundaries: scope 2-12
 * digits starting 41, region 410000-419999, bureau 1-96 bytes printable,
 * window 1970-01-01 to 2149-06-06 with first <= last. */
static void field_boundaries(void **state)
{
	(void)state;
	cq_delegation d;
	anyang(&d);
	strcpy(d.scope, "41"); expect_ok(&d);
	strcpy(d.scope, "4"); expect_field(&d, "scope");
	strcpy(d.scope, "410500000001"); expect_ok(&d);
	memcpy(d.scope, "4105000000012", 13); expect_field(&d, "scope");   /* 13: fills the array, no NUL */
	memset(d.scope, 0, sizeof d.scope);
	strcpy(d.scope, "42"); expect_field(&d, "scope");
	strcpy(d.scope, "41a"); expect_field(&d, "scope");
	strcpy(d.scope, ""); expect_field(&d, "scope");
	anyang(&d);
	d.region = 410000; expect_ok(&d);
	d.region = 419999; expect_ok(&d);
	d.region = 409999; expect_field(&d, "region");
	d.region = 420000; expect_field(&d, "region");
	anyang(&d);
	strcpy(d.bureau, "局"); expect_ok(&d);
	strcpy(d.bureau, ""); expect_field(&d, "bureau");
	memset(d.bureau, 'b', CQ_BUREAU_MAX_BYTES); d.bureau[CQ_BUREAU_MAX_BYTES] = '\0'; expect_ok(&d);
	d.bureau[CQ_BUREAU_MAX_BYTES] = 'b'; expect_field(&d, "bureau");   /* 97: no NUL in the array */
	strcpy(d.bureau, "安阳\t局"); expect_field(&d, "bureau");
	strcpy(d.bureau, "安阳\xEF\xBB\xBF局"); expect_field(&d, "bureau");  /* U+FEFF */
	strcpy(d.bureau, "安阳\xE5\xB1"); expect_field(&d, "bureau");       /* cut UTF-8 */
	anyang(&d);
	d.first = d.last; expect_ok(&d);
	d.first = (cq_date){2026, 1, 1}; expect_field(&d, "window");
	d.first = (cq_date){1970, 1, 1}; expect_ok(&d);
	d.first = (cq_date){1969, 12, 31}; expect_field(&d, "window");
	d.first = (cq_date){2024, 1, 1};
	d.last = (cq_date){2149, 6, 6}; expect_ok(&d);
	d.last = (cq_date){2149, 6, 7}; expect_field(&d, "window");
	d.last = (cq_date){2025, 2, 30}; expect_field(&d, "window");
	/* the delegated key must be an issuer key */
	anyang(&d);
	d.issuer.role = CQ_ROLE_ROOT;
	cq_err e;
	uint8_t b[CQ_DELEGATION_MAX];
	size_t n;
	assert_int_equal(cq_delegation_encode_body(&d, b, sizeof b, &n, &e), -1);
	assert_int_equal(e.code, CQ_E_KEY);
	assert_string_equal(e.field, "issuer");
	/* a buffer too small */
	anyang(&d);
	assert_int_equal(cq_delegation_encode_body(&d, b, 40, &n, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
}

/* Verification: a root key, the delegation's root, its signature. */
static void verify(void **state)
{
	(void)state;
	cq_delegation d, t;
	cq_err e;
	anyang(&d);
	assert_int_equal(cq_delegation_verify(&d, cq_seckey_pubkey(mroot), &e), 0);
	assert_int_equal(cq_delegation_verify(&d, cq_seckey_pubkey(missuer), &e), -1);     /* not a root key */
	assert_int_equal(e.code, CQ_E_KEY);
	assert_string_equal(e.field, "root");
	assert_non_null(strstr(e.msg, "not an issuer key"));
	/* a root with the right id but another key: the signature fails */
	cq_pubkey fake = *cq_seckey_pubkey(mroot);
	fake.pk[0] ^= 1;
	assert_int_equal(cq_delegation_verify(&d, &fake, &e), -1);
	assert_int_equal(e.code, CQ_E_SIGNATURE);
	/* every change of a signed field */
	t = d; t.region = 410501;
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(mroot), &e), -1);
	assert_int_equal(e.code, CQ_E_SIGNATURE);
	t = d; t.first.d = 2;
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(mroot), &e), -1);
	t = d; t.issuer.pk[5] ^= 1;
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(mroot), &e), -1);
	t = d; t.sig[63] ^= 0x80;
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(mroot), &e), -1);
	/* a broken field is reported as the field, before any signature check */
	t = d; t.region = 1;
	assert_int_equal(cq_delegation_verify(&t, cq_seckey_pubkey(mroot), &e), -1);
	assert_int_equal(e.code, CQ_E_FIELD);
}

/* Covers: the number starts with the scope; the date lies in the window,
 * both ends included. */
static void covers(void **state)
{
	(void)state;
	cq_delegation d;
	anyang(&d);
	assert_true(cq_delegation_covers_number(&d, "4105000000001"));
	assert_true(cq_delegation_covers_number(&d, "4105999999999"));
	assert_false(cq_delegation_covers_number(&d, "4104999999999"));
	assert_false(cq_delegation_covers_number(&d, "4150000000001"));
	assert_false(cq_delegation_covers_number(&d, "410"));
	strcpy(d.scope, "41");
	assert_true(cq_delegation_covers_number(&d, "4199999999999"));
	strcpy(d.scope, "410502");
	assert_true(cq_delegation_covers_number(&d, "4105020000001"));
	assert_false(cq_delegation_covers_number(&d, "4105030000001"));
	/* a scope too short to be valid covers nothing */
	strcpy(d.scope, "4");
	assert_false(cq_delegation_covers_number(&d, "4105020000001"));
	anyang(&d);
	assert_false(cq_delegation_covers_date(&d, (cq_date){2023, 12, 31}));
	assert_true(cq_delegation_covers_date(&d, (cq_date){2024, 1, 1}));
	assert_true(cq_delegation_covers_date(&d, (cq_date){2025, 12, 31}));
	assert_false(cq_delegation_covers_date(&d, (cq_date){2026, 1, 1}));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(delegations), cmocka_unit_test(body_layout), cmocka_unit_test(largest),
		cmocka_unit_test(decode_order), cmocka_unit_test(field_boundaries), cmocka_unit_test(verify),
		cmocka_unit_test(covers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
