/* The art. 7 calculator (lib/hours.c) and its table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/hours.h"

static cq_hours_table t;

static void builtin_equals_data_file(void **state)
{
	(void)state;
	FILE *f = fopen("tools/data/hours-art7.txt", "rb");
	assert_non_null(f);
	static char text[16384];
	size_t n = fread(text, 1, sizeof text, f);
	fclose(f);
	static cq_hours_table fromfile;
	cq_err e;
	assert_int_equal(cq_hours_table_parse(text, n, &fromfile, &e), 0);
	cq_hours_table_default(&t);
	assert_int_equal(t.n, fromfile.n);
	assert_memory_equal(&t, &fromfile, sizeof t);
	assert_true(t.n >= 25);
}

static unsigned add(cq_hours_sum *s, const char *k, unsigned rank, unsigned qty)
{
	unsigned got;
	cq_err e;
	if (cq_hours_add(&t, k, rank, qty, s, &got, &e)) fail_msg("%s: %s", k, e.msg);
	return got;
}

static void art7_values(void **state)
{
	(void)state;
	cq_hours_table_default(&t);
	cq_hours_sum s = {0};
	assert_int_equal(add(&s, "conference-national", 0, 3), 18);        /* 6 h a day */
	assert_int_equal(add(&s, "conference-national-paper", 0, 1), 6);
	assert_int_equal(add(&s, "conference-provincial", 0, 2), 8);       /* 4 h a day */
	assert_int_equal(add(&s, "project-national", 1, 1), 68);
	assert_int_equal(add(&s, "project-national", 5, 1), 36);
	assert_int_equal(add(&s, "project-national", 6, 1), 0);            /* only the first five */
	assert_int_equal(add(&s, "subproject-provincial", 3, 1), 28);
	assert_int_equal(add(&s, "book", 2, 5), 60);                       /* 12 h per 10 000 characters */
	assert_int_equal(add(&s, "paper-provincial-core", 1, 2), 88);
	assert_int_equal(add(&s, "patent-invention", 3, 1), 68);
	assert_int_equal(add(&s, "patent-utility-model", 1, 1), 60);
	assert_int_equal(add(&s, "award-provincial", 2, 1), 60);
	assert_int_equal(add(&s, "exam-intermediate", 0, 1), 60);
	assert_int_equal(add(&s, "exam-licensing", 0, 1), 68);
	assert_int_equal(add(&s, "service-grassroots", 0, 4), 24);         /* 6 h a day */
	assert_int_equal(add(&s, "degree-course", 0, 2), 30);
	assert_int_equal(s.pub, 0);
	assert_int_equal(s.prof, 18 + 6 + 8 + 68 + 36 + 28 + 60 + 88 + 68 + 60 + 60 + 60 + 68 + 24 + 30);
	assert_false(s.full_pub || s.full_prof);
	assert_int_equal(add(&s, "aid-year", 0, 1), 0);
	assert_true(s.full_pub && s.full_prof);
}

static void refusals(void **state)
{
	(void)state;
	cq_hours_table_default(&t);
	cq_hours_sum s = {0};
	unsigned got;
	cq_err e;
	assert_int_equal(cq_hours_add(&t, "karaoke", 0, 1, &s, &got, &e), -1);
	assert_string_equal(e.field, "activity");
	assert_int_equal(cq_hours_add(&t, "project-national", 0, 1, &s, &got, &e), -1);
	assert_string_equal(e.field, "rank");
	assert_int_equal(cq_hours_add(&t, "exam-senior", 2, 1, &s, &got, &e), -1);
	assert_string_equal(e.field, "rank");
	assert_int_equal(cq_hours_add(&t, "book", 1, 0, &s, &got, &e), -1);
	assert_string_equal(e.field, "quantity");
	assert_int_equal(cq_hours_add(&t, "book", 1, CQ_HOURS_QTY_MAX + 1, &s, &got, &e), -1);
	assert_int_equal(cq_hours_add(&t, "book", 1, CQ_HOURS_QTY_MAX, &s, &got, &e), 0);
	assert_int_equal(s.pub + s.prof, 16 * CQ_HOURS_QTY_MAX);
}

static void table_parser(void **state)
{
	(void)state;
	static cq_hours_table x;
	cq_err e;
	static const struct { const char *text, *why; } bad[] = {
		{"a day professional\n", "need name"},
		{"A day professional 6\n", "name must be"},
		{"a day civic 6\n", "category"},
		{"a day professional 6x\n", "hours must be"},
		{"a day professional 1000\n", "hours must be"},
		{"a day both 6\n", "'both' is only"},
		{"a day professional full 6\n", "nothing may follow"},
		{"a day professional 6\na item public 4\n", "listed twice"},
		{"a day professional 1 2 3 4 5 6 7 8 9\n", "ranks"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int r = cq_hours_table_parse(bad[i].text, strlen(bad[i].text), &x, &e);
		if (r != -1 || !strstr(e.msg, bad[i].why)) fail_msg("'%s': %d '%s'", bad[i].text, r, e.msg);
	}
	const char ok[] = "# custom\nsport day public 2 # comment\nmentor year professional 10 8\n";
	assert_int_equal(cq_hours_table_parse(ok, sizeof ok - 1, &x, &e), 0);
	assert_int_equal(x.n, 2);
	cq_hours_sum s = {0};
	unsigned got;
	assert_int_equal(cq_hours_add(&x, "sport", 0, 5, &s, &got, &e), 0);
	assert_int_equal(s.pub, 10);
	assert_int_equal(cq_hours_add(&x, "mentor", 2, 1, &s, &got, &e), 0);
	assert_int_equal(s.prof, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_equals_data_file),
		cmocka_unit_test(art7_values),
		cmocka_unit_test(refusals),
		cmocka_unit_test(table_parser),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
