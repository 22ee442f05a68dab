/* Resident ID numbers and the holder binding (lib/idnum.c): the GB 11643
 * rules of docs/format.md §2.2 (ID number, input only), each refusal with
 * its code and field, and the ID hash of docs/format.md §3 against the
 * vector of §5 and the formula computed here independently. */
#include "testutil.h"

/* An ID with the given first 17 digits and its correct check character. */
static void with_check(const char *first17, char id[19])
{
	memcpy(id, first17, 17);
	id[17] = cq_idnum_check_char(id);
	id[18] = '\0';
}

static void gb11643_rules(void **state)
{
	(void)state;
	/* birth years 1900..2099 */
	char id[19];
	const char *births[] = {"18991231", "19000101", "20991231", "21000101"};
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof id, "110105%s002", births[i]);
		id[17] = cq_idnum_check_char(id);
		id[18] = '\0';
		assert_int_equal(cq_idnum_validate(id, NULL), i == 1 || i == 2 ? 0 : -1);
	}
	cq_err e;
	assert_int_equal(cq_idnum_validate("11010519491231002X", &e), 0);
	assert_int_equal(cq_idnum_validate("11010519491231002x", &e), 0);
	/* GB 11643 worked example */
	assert_int_equal(cq_idnum_check_char("11010519491231002"), 'X');
	assert_int_equal(cq_idnum_check_char("44052418800101001"), '4');
}

/* The MOD 11-2 check of docs/format.md §2.2, computed here from its weights
 * and map, against cq_idnum_check_char for varied prefixes: every check
 * character 0-9 and X is reached. */
static void check_char_formula(void **state)
{
	(void)state;
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	unsigned seen = 0;
	char d[18];
	uint32_t x = 12345;
	for (int k = 0; k < 2000; k++) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			x = x * 1103515245u + 12345u;
			d[i] = (char)('0' + (x >> 16) % 10);
			sum += (d[i] - '0') * w[i];
		}
		d[17] = '\0';
		assert_int_equal(cq_idnum_check_char(d), map[sum % 11]);
		seen |= 1u << (sum % 11);
	}
	assert_int_equal(seen, 0x7FF);
}

/* Each rule's refusal: CQ_E_FIELD, field id_number, a sentence naming it. */
static void refusals(void **state)
{
	(void)state;
	static const struct { const char *id, *msg; } bad[] = {
		{"11010519491231002", "must be 18 characters (GB 11643)"},
		{"11010519491231002XX", "must be 18 characters (GB 11643)"},
		{"", "must be 18 characters (GB 11643)"},
		{"1101051949123100AX", "first 17 characters must be digits"},
		{"11010519491231 02X", "first 17 characters must be digits"},
		{"11010519491231002Y", "check character must be 0-9 or X"},
		{"110105194912310023", "check character is 3, GB 11643 MOD 11-2 gives X"},
		{"11010519491231002 ", "check character must be 0-9 or X"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cq_err e;
		cq_err_clear(&e);
		if (cq_idnum_validate(bad[i].id, &e) != -1) fail_msg("accepted %s", bad[i].id);
		assert_int_equal(e.code, CQ_E_FIELD);
		assert_string_equal(e.field, "id_number");
		assert_string_equal(e.msg, bad[i].msg);
	}
	cq_err e;
	assert_int_equal(cq_idnum_validate(NULL, &e), -1);
	assert_string_equal(e.field, "id_number");
	/* first six digits >= 110000, not starting 0 */
	char id[19];
	with_check("10999919491231002", id);
	assert_int_equal(cq_idnum_validate(id, &e), -1);
	assert_string_equal(e.msg, "first six digits are not an administrative division code");
	with_check("11000019491231002", id);
	assert_int_equal(cq_idnum_validate(id, &e), 0);
	with_check("01010519491231002", id);
	assert_int_equal(cq_idnum_validate(id, &e), -1);
	/* digits 7-14 a valid Gregorian date */
	static const char *const births[] = {"19000229", "20230229", "20241301", "20240001", "20240431", "20240100"};
	for (size_t i = 0; i < sizeof births / sizeof *births; i++) {
		char f[18];
		snprintf(f, sizeof f, "410102%s001", births[i]);
		with_check(f, id);
		assert_int_equal(cq_idnum_validate(id, &e), -1);
		assert_string_equal(e.msg, "digits 7-14 are not a valid birth date");
	}
	with_check("41010220000229001", id);   /* 2000 is a leap year */
	assert_int_equal(cq_idnum_validate(id, &e), 0);
	/* a lower-case x is accepted only where X belongs */
	assert_int_equal(cq_idnum_validate("11010519491231003x", &e), -1);
	assert_string_equal(e.msg, "check character is X, GB 11643 MOD 11-2 gives 8");
}

/* docs/format.md §3 and §5: ID hash of 11010519491231002X on certificate
 * 4101020000123 is 1c7e2177c19f703d. */
static void hash_vector(void **state)
{
	(void)state;
	uint8_t h[CQ_ID_HASH_BYTES], g[CQ_ID_HASH_BYTES];
	static const uint8_t want[CQ_ID_HASH_BYTES] = {0x1c, 0x7e, 0x21, 0x77, 0xc1, 0x9f, 0x70, 0x3d};
	assert_int_equal(cq_idnum_hash("11010519491231002X", "4101020000123", h), 0);
	assert_memory_equal(h, want, sizeof h);
	/* the lower-case x is normalised */
	assert_int_equal(cq_idnum_hash("11010519491231002x", "4101020000123", g), 0);
	assert_memory_equal(g, want, sizeof g);
	/* the formula: BLAKE2b-256("certqr/holder-id/v1" || 0x00 || number || ID), first 8 bytes */
	static const char msg[] = "certqr/holder-id/v1\0" "4101020000124" "110105194912310038";
	uint8_t full[32];
	crypto_generichash(full, sizeof full, (const uint8_t *)msg, sizeof msg - 1, NULL, 0);
	assert_int_equal(cq_idnum_hash("110105194912310038", "4101020000124", g), 0);
	assert_memory_equal(g, full, sizeof g);
	/* salted by the number */
	assert_int_equal(cq_idnum_hash("11010519491231002X", "4101020000124", g), 0);
	assert_memory_not_equal(g, want, sizeof g);
	/* lengths: 18 and 13 exactly */
	assert_int_equal(cq_idnum_hash("11010519491231002", "4101020000123", g), -1);
	assert_int_equal(cq_idnum_hash("11010519491231002X", "410102000012", g), -1);
	assert_int_equal(cq_idnum_hash("11010519491231002X", "41010200001234", g), -1);
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gb11643_rules), cmocka_unit_test(check_char_formula),
		cmocka_unit_test(refusals), cmocka_unit_test(hash_vector),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
