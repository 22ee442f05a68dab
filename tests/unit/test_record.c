/* Each record validation rule (docs/format.md §2.2), through the field
 * builder as the issuing tools use it, and the holder binding. */
#include "testutil.h"

/* Sets one field on a valid record and expects it rejected naming `field`. */
static void expect_field_error(const char *field, const char *value, const char *want_field)
{
	cq_builder b;
	cq_err e;
	cq_record r;
	const char *kv[][2] = {
		{"name", "张三丰"}, {"id_number", "11010519491231002X"}, {"number", "4101020000123"},
		{"year", "2024"}, {"hours_public", "32"}, {"hours_professional", "64"},
		{"issuer_region", "410100"}, {"issued", "2025-01-06"},
	};
	cq_builder_init(&b);
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++)
		if (strcmp(kv[i][0], field)) assert_int_equal(cq_builder_set(&b, kv[i][0], kv[i][1], &e), 0);
	int rc = value ? cq_builder_set(&b, field, value, &e) : 0;
	if (rc == 0) rc = cq_builder_finish(&b, &r, &e);
	if (rc == 0) fail_msg("%s=%s accepted", field, value ? value : "(missing)");
	if (strcmp(e.field, want_field)) fail_msg("%s=%s: error names %s: %s", field, value, e.field, e.msg);
	assert_true(strlen(e.msg) > 8);
}

static void name_rules(void **state)
{
	(void)state;
	expect_field_error("name", "", "name");
	expect_field_error("name", "张\x01三", "name");
	expect_field_error("name", "\xe5\xbc", "name");                 /* truncated UTF-8 */
	expect_field_error("name", "张三1", "name");                    /* digit */
	expect_field_error("name", "阿依古丽•买买提", "name");           /* U+2022 bullet, not · */
	expect_field_error("name", "·阿依古丽", "name");                 /* leading separator */
	expect_field_error("name", "阿依古丽·", "name");
	expect_field_error("name", "阿依古丽··买买提", "name");
	expect_field_error("name", "张 三", "name");                     /* space between Han */
	expect_field_error("name", "Anna  Li", "name");
	expect_field_error("name", "张三\xe2\x80\xae", "name");          /* U+202E */
	expect_field_error("name", "一二三四五六七八九十一二三四五六七八九十一二三四五", "name"); /* 25 chars */
	expect_field_error("name", NULL, "name");                       /* missing */
	expect_field_error("name", "Anna 李", "name");                   /* a space needs Latin on both sides */
	expect_field_error("name", "李 Anna", "name");
	/* 21 × U+FA6C (3 bytes each) become 21 × U+242EE (4 bytes): 84 > 64 */
	expect_field_error("name", "𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮𤋮", "name");
}

/* CJK compatibility ideographs: the builder (issuing) replaces them by their
 * unified ideographs (NFC); a record holding one is refused (verifying). */
static void compat_ideographs(void **state)
{
	(void)state;
	cq_builder b;
	cq_err e;
	cq_record r;
	tu_record(&r);
	cq_builder_init(&b);
	b.r = r;
	b.have = ~0u;
	strcpy(b.id, "11010519491231002X");
	assert_int_equal(cq_builder_set(&b, "name", "张\xef\xa7\xb1﨎\xef\xa9\xac", &e), 0);  /* U+F9F1 U+FA0E U+FA6C */
	assert_int_equal(cq_builder_finish(&b, &r, &e), 0);
	assert_string_equal(r.name, "张\xe9\x9a\xa3﨎\xf0\xa4\x8b\xae");                   /* U+96A3 U+FA0E U+242EE */
	strcpy(r.name, "张\xef\xa7\xb1");
	assert_int_equal(cq_record_validate(&r, &e), -1);
	assert_string_equal(e.field, "name");
	assert_non_null(strstr(e.msg, "U+F9F1"));
	assert_non_null(strstr(e.msg, "U+96A3"));
	strcpy(r.name, "张\xf0\xaf\xa0\x80");                                               /* U+2F800 */
	assert_int_equal(cq_record_validate(&r, &e), -1);
	/* the table and cq_cjk_normalise: test_cjkcompat.c */
}

static void id_rules(void **state)
{
	(void)state;
	expect_field_error("id_number", "11010519491231002", "id_number");    /* 17 */
	expect_field_error("id_number", "11010519491231002Y", "id_number");
	expect_field_error("id_number", "11010519491231003X", "id_number");   /* check digit */
	expect_field_error("id_number", "110105194902300025", "id_number");   /* Feb 30 */
	expect_field_error("id_number", "010105194912310025", "id_number");   /* region 01 */
	expect_field_error("id_number", "11010519491231A02X", "id_number");
	expect_field_error("id_number", NULL, "id_number");
	/* the GB 11643 rules themselves: test_idnum.c */
}

static void number_and_scalar_rules(void **state)
{
	(void)state;
	expect_field_error("number", "410102000012", "number");    /* 12 digits */
	expect_field_error("number", "4201020000123", "number");   /* not Henan */
	expect_field_error("number", "4101020000000", "number");   /* sequence zero */
	expect_field_error("number", "41010200001a3", "number");
	expect_field_error("year", "1999", "year");
	expect_field_error("year", "2100", "year");
	expect_field_error("year", "02024", "year");
	expect_field_error("year", "2024.0", "year");
	expect_field_error("revision", "0", "revision");
	expect_field_error("revision", "256", "revision");
	expect_field_error("hours_public", "1000", "hours_public");
	expect_field_error("hours_public", "-1", "hours_public");
	expect_field_error("hours_public", "30.5", "hours_public");
	expect_field_error("hours_professional", "x", "hours_professional");
	expect_field_error("hours_compulsory", "33", "hours_compulsory");  /* > public 32 */
	expect_field_error("issuer_region", "420100", "issuer_region");
	expect_field_error("issuer_region", "4101", "issuer_region");
	expect_field_error("issued", "2023-12-31", "issued");              /* before the year */
	expect_field_error("issued", "2035-01-01", "issued");              /* > 10 years after */
	expect_field_error("issued", "2025-02-30", "issued");
	expect_field_error("issued", "01/06/2025", "issued");              /* the year last: ambiguous */
	expect_field_error("issued", "45663", "issued");                   /* a spreadsheet's date serial */
	expect_field_error("issued", "2025/01/06 8:00", "issued");         /* a time other than midnight */
	expect_field_error("id_number", "4.10102E+17", "id_number");       /* a spreadsheet's scientific notation */
	expect_field_error("id_number", "110105194912310000", "id_number");/* cut to 15 digits */
	expect_field_error("number", "4.10102E+12", "number");
	expect_field_error("hours_total", "95", "hours_total");            /* not 32 + 64 */
	expect_field_error("reduction", "holiday", "reduction");
	expect_field_error("months_at_post", "13", "months_at_post");
	expect_field_error("colour", "red", "colour");                     /* unknown field */
}

static void reduction_rules(void **state)
{
	(void)state;
	struct { const char *red, *months; int ok; } v[] = {
		{"abroad", "6", 1}, {"abroad", "7", 0}, {"sick_leave", "0", 1}, {"sick_leave", "12", 0},
		{"maternity", "11", 1}, {"maternity", "12", 0}, {"other", "3", 1}, {"aid", "12", 1},
		{"aid", "6", 0}, {"none", "6", 0}, {"none", "12", 1}, {"abroad", NULL, 0},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		cq_record r;
		cq_builder b;
		cq_err e;
		tu_record(&r);
		cq_builder_init(&b);
		b.r = r;
		b.have = ~0u;
		strcpy(b.id, "11010519491231002X");
		assert_int_equal(cq_builder_set(&b, "reduction", v[i].red, &e), 0);
		if (v[i].months) assert_int_equal(cq_builder_set(&b, "months_at_post", v[i].months, &e), 0);
		int rc = cq_builder_finish(&b, &r, &e);
		if ((rc == 0) != v[i].ok) fail_msg("%s/%s: rc %d %s", v[i].red, v[i].months, rc, e.msg);
		if (rc) assert_string_equal(e.field, "months_at_post");
	}
}

static void holder_binding(void **state)
{
	(void)state;
	cq_record r;
	tu_record(&r);
	assert_string_equal(r.id_hint, "002X");
	assert_true(cq_record_id_matches(&r, "11010519491231002X"));
	assert_true(cq_record_id_matches(&r, "11010519491231002x"));
	assert_int_equal(cq_idnum_validate("110105194912310038", NULL), 0);
	assert_false(cq_record_id_matches(&r, "110105194912310038"));  /* another valid ID */
	assert_false(cq_record_id_matches(&r, "11010519491231002"));
	/* salted with the certificate number: the same person's hash differs per number */
	uint8_t h[CQ_ID_HASH_BYTES];
	cq_idnum_hash("11010519491231002X", "4101020000124", h);
	assert_memory_not_equal(h, r.id_hash, sizeof h);
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(name_rules), cmocka_unit_test(compat_ideographs), cmocka_unit_test(id_rules),
		cmocka_unit_test(number_and_scalar_rules), cmocka_unit_test(reduction_rules),
		cmocka_unit_test(holder_binding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
