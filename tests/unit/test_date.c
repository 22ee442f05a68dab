/* Civil dates (lib/date.c): the day count of the binary formats
 * (docs/format.md §2, §4.3: days since 1970-01-01, 2 bytes, so 2149-06-06 is
 * the last), validity and its boundaries, the strict YYYY-MM-DD parser. No
 * clock: every date is given. */
#include "testutil.h"

static cq_date mk(unsigned y, unsigned m, unsigned d)
{
	return (cq_date){ (uint16_t)y, (uint8_t)m, (uint8_t)d };
}

static void dates(void **state)
{
	(void)state;
	cq_date d;
	assert_int_equal(cq_date_to_days((cq_date){1970, 1, 1}), 0);
	assert_int_equal(cq_date_to_days((cq_date){2000, 3, 1}), 11017);
	for (int32_t x = 0; x < 65536; x += 7) {
		d = cq_date_from_days(x);
		assert_true(cq_date_valid(d));
		assert_int_equal(cq_date_to_days(d), x);
	}
	assert_int_equal(cq_date_parse("2024-02-29", &d), 0);
	assert_int_equal(cq_date_parse("2023-02-29", &d), -1);
	assert_int_equal(cq_date_parse("2024-2-29", &d), -1);
	assert_int_equal(cq_date_parse("2024-02-29x", &d), -1);
}

/* docs/format.md §5: 2025-01-06 is day 20094 (bytes 4e7e); §4.3: day 65535
 * is 2149-06-06. Every day of the 2-byte range, in order. */
static void day_counts(void **state)
{
	(void)state;
	assert_int_equal(cq_date_to_days(mk(2025, 1, 6)), 20094);
	assert_int_equal(cq_date_to_days(mk(2149, 6, 6)), CQ_DAY16_MAX);
	assert_int_equal(cq_date_to_days(mk(1969, 12, 31)), -1);
	assert_int_equal(cq_date_to_days(mk(1900, 1, 1)), -25567);
	char buf[11];
	cq_date_format(cq_date_from_days(CQ_DAY16_MAX), buf);
	assert_string_equal(buf, "2149-06-06");
	cq_date_format(cq_date_from_days(20094), buf);
	assert_string_equal(buf, "2025-01-06");
	cq_date prev = cq_date_from_days(-1);
	for (int32_t x = 0; x <= CQ_DAY16_MAX; x++) {
		cq_date d = cq_date_from_days(x);
		assert_int_equal(cq_date_to_days(d), x);
		assert_int_equal(cq_date_cmp(prev, d), -1);
		/* the next day: the day after, or the 1st of the next month */
		if (d.d != 1) assert_true(d.y == prev.y && d.m == prev.m && d.d == prev.d + 1);
		else assert_true(prev.d >= 28 && (d.m == prev.m % 12 + 1));
		prev = d;
	}
}

/* Years 1900..2999; Gregorian leap years; month lengths. */
static void validity(void **state)
{
	(void)state;
	assert_false(cq_date_valid(mk(1899, 12, 31)));
	assert_true(cq_date_valid(mk(1900, 1, 1)));
	assert_true(cq_date_valid(mk(2999, 12, 31)));
	assert_false(cq_date_valid(mk(3000, 1, 1)));
	assert_false(cq_date_valid(mk(2024, 0, 1)));
	assert_false(cq_date_valid(mk(2024, 13, 1)));
	assert_false(cq_date_valid(mk(2024, 1, 0)));
	assert_true(cq_date_valid(mk(2024, 1, 31)));
	assert_false(cq_date_valid(mk(2024, 1, 32)));
	assert_true(cq_date_valid(mk(2024, 4, 30)));
	assert_false(cq_date_valid(mk(2024, 4, 31)));
	assert_true(cq_date_valid(mk(2024, 2, 29)));    /* divisible by 4 */
	assert_false(cq_date_valid(mk(2023, 2, 29)));
	assert_true(cq_date_valid(mk(2000, 2, 29)));    /* by 400 */
	assert_false(cq_date_valid(mk(1900, 2, 29)));   /* by 100, not 400 */
	assert_false(cq_date_valid(mk(2100, 2, 29)));
	assert_false(cq_date_valid(mk(2024, 2, 30)));
	/* storable in the formats' 2-byte day counts */
	assert_false(cq_date_storable(mk(1969, 12, 31)));
	assert_true(cq_date_storable(mk(1970, 1, 1)));
	assert_true(cq_date_storable(mk(2149, 6, 6)));
	assert_false(cq_date_storable(mk(2149, 6, 7)));
	assert_false(cq_date_storable(mk(2024, 2, 30)));
}

/* Strict "YYYY-MM-DD": ten characters, digits and two hyphens, a valid
 * date; *out untouched on failure. */
static void parse_strict(void **state)
{
	(void)state;
	cq_date d = mk(2001, 2, 3);
	static const char *const bad[] = {
		"", "2024-01-0", "2024-01-011", " 2024-01-01", "2024-01-01 ", "2024/01/01", "2024-1-011",
		"20240-1-01", "2024-01-+1", "+024-01-01", "2024-00-01", "2024-13-01", "2024-01-00", "2024-04-31",
		"1899-12-31", "3000-01-01", "２０２４-01-01", "2024-01-01\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (cq_date_parse(bad[i], &d) != -1) fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(cq_date_to_days(d), cq_date_to_days(mk(2001, 2, 3)));
	}
	assert_int_equal(cq_date_parse(NULL, &d), -1);
	assert_int_equal(cq_date_parse("1900-01-01", &d), 0);
	assert_int_equal(cq_date_parse("2999-12-31", &d), 0);
	assert_int_equal(d.y, 2999);
	assert_int_equal(d.m, 12);
	assert_int_equal(d.d, 31);
	assert_int_equal(cq_date_parse("2000-02-29", &d), 0);
	/* the parser and the formatter agree */
	char buf[11];
	cq_date_format(d, buf);
	assert_string_equal(buf, "2000-02-29");
	cq_date_format(mk(1970, 1, 1), buf);
	assert_string_equal(buf, "1970-01-01");
}

static void compare(void **state)
{
	(void)state;
	assert_int_equal(cq_date_cmp(mk(2024, 12, 31), mk(2025, 1, 1)), -1);
	assert_int_equal(cq_date_cmp(mk(2025, 1, 1), mk(2024, 12, 31)), 1);
	assert_int_equal(cq_date_cmp(mk(2025, 3, 1), mk(2025, 3, 1)), 0);
	assert_int_equal(cq_date_cmp(mk(2024, 2, 29), mk(2024, 3, 1)), -1);
	assert_int_equal(cq_date_cmp(mk(1969, 12, 31), mk(1970, 1, 1)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates), cmocka_unit_test(day_counts), cmocka_unit_test(validity),
		cmocka_unit_test(parse_strict), cmocka_unit_test(compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
