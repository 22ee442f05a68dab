/* Hours rules as data and the compliance check. */
#include "testutil.h"
#include "certqr/rules.h"

static void defaults_match_data_file(void **state)
{
	(void)state;
	size_t n;
	cq_rules a, b;
	cq_err e;
	char *text = tu_slurp("tools/data/rules-henan.txt", &n);
	assert_int_equal(cq_rules_parse(text, n, &a, &e), 0);
	cq_rules_default(&b);
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, a.n);
	assert_memory_equal(a.r, b.r, a.n * sizeof a.r[0]);
	/* format → parse is the identity */
	char out[4096];
	long len = cq_rules_format(&a, out, sizeof out);
	assert_true(len > 0);
	assert_int_equal(cq_rules_parse(out, (size_t)len, &b, &e), 0);
	assert_memory_equal(a.r, b.r, a.n * sizeof a.r[0]);
	free(text);
}

static void parse_errors(void **state)
{
	(void)state;
	cq_rules r;
	cq_err e;
	const char *bad[] = {
		"2021 - 41 30 60 90\n", "2021 - 42 30 60 90 0\n", "2021 2020 41 30 60 90 0\n",
		"2021 - 41 30 60 90 31\n", "2021 - 41 30 60 1000 0\n", "1999 - 41 30 60 90 0\n",
		"2021 - 41 30 60 90 0\n2024 2025 41 30 60 90 0\n", "2021 - 41 3O 60 90 0\n",
		"2021 - 41 30 60 90 0 extra\n", "02021 - 41 30 60 90 0\n", "2021 - 41 030 60 90 0\n",
		"2021 - 41 +30 60 90 0\n", "2021 - 41 30 60 90 0 # \xff\n", "2021 - 4 30 60 90 0\n",
		"2021 - 4101020 30 60 90 0\n", "2021 2100 41 30 60 90 0\n", "2021 - 41 30 60 90 0\n2021 2021 41 0 0 0 0\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (cq_rules_parse(bad[i], strlen(bad[i]), &r, &e) == 0) fail_msg("accepted: %s", bad[i]);
	assert_int_equal(cq_rules_parse("# c\n\n2021 - 41 30 60 90 0 # x\r\n", 29, &r, &e), 0);
	assert_int_equal(r.n, 1);
	/* lines of 255 bytes are read, 256 are not */
	char line[300];
	memset(line, ' ', sizeof line);
	memcpy(line, "2021 - 41 30 60 90 0", 20);
	line[255] = '\n';
	assert_int_equal(cq_rules_parse(line, 256, &r, &e), 0);
	line[255] = ' ';
	line[256] = '\n';
	assert_int_equal(cq_rules_parse(line, 257, &r, &e), -1);
	/* nested regions may overlap in years; the same region may not */
	const char *ok = "2021 - 41 30 60 90 0\n2021 - 4104 0 0 0 0\n2021 2021 410402 30 60 90 30\n";
	assert_int_equal(cq_rules_parse(ok, strlen(ok), &r, &e), 0);
	assert_int_equal(r.n, 3);
	assert_string_equal(cq_rules_find(&r, 2021, "4104020000001")->region, "410402");
	assert_string_equal(cq_rules_find(&r, 2022, "4104020000001")->region, "4104");
	assert_string_equal(cq_rules_find(&r, 2022, "4101020000001")->region, "41");
	assert_null(cq_rules_find(&r, 2020, "4101020000001"));
}

static cq_compliance check(const char *number, unsigned year, unsigned pub, unsigned prof,
                           int comp, unsigned red, unsigned months)
{
	cq_rules rules;
	cq_record r;
	cq_compliance c;
	cq_rules_default(&rules);
	tu_record(&r);
	strcpy(r.number, number);
	r.year = (uint16_t)year;
	r.hours_public = (uint16_t)pub;
	r.hours_professional = (uint16_t)prof;
	r.has_compulsory = comp >= 0;
	r.hours_compulsory = (uint16_t)(comp >= 0 ? comp : 0);
	r.reduction = (uint8_t)red;
	r.months_at_post = (uint8_t)months;
	cq_rules_check(&rules, &r, &c);
	return c;
}

static void compliance(void **state)
{
	(void)state;
	cq_compliance c = check("4101020000123", 2024, 30, 60, -1, CQ_RED_NONE, 12);
	assert_true(c.known && c.met);
	c = check("4101020000123", 2024, 29, 70, -1, CQ_RED_NONE, 12);
	assert_false(c.met);
	assert_int_equal(c.short_pub, 1);
	assert_int_equal(c.short_prof, 0);
	c = check("4101020000123", 2024, 30, 50, -1, CQ_RED_NONE, 12);
	assert_int_equal(c.short_prof, 10);
	assert_int_equal(c.short_total, 10);
	/* 2019: the 2017 rule, public 24 */
	c = check("4101020000123", 2019, 24, 66, -1, CQ_RED_NONE, 12);
	assert_true(c.met);
	assert_int_equal(c.rule.pub, 24);
	/* Pingdingshan 2021: 24 compulsory; elsewhere in 2021 not */
	c = check("4104020000123", 2021, 30, 60, 20, CQ_RED_NONE, 12);
	assert_false(c.met);
	assert_int_equal(c.short_comp, 4);
	c = check("4104020000123", 2021, 30, 60, -1, CQ_RED_NONE, 12);
	assert_int_equal(c.short_comp, 24);
	c = check("4101020000123", 2021, 30, 60, -1, CQ_RED_NONE, 12);
	assert_true(c.met);
	c = check("4104020000123", 2022, 30, 60, -1, CQ_RED_NONE, 12);
	assert_true(c.met);
	/* art. 8: 7 months at post → ceil(30*7/12)=18, ceil(60*7/12)=35, ceil(90*7/12)=53 */
	c = check("4101020000123", 2024, 18, 35, -1, CQ_RED_MATERNITY, 7);
	assert_true(c.met);
	assert_int_equal(c.req_pub, 18);
	assert_int_equal(c.req_prof, 35);
	assert_int_equal(c.req_total, 53);
	c = check("4101020000123", 2024, 17, 35, -1, CQ_RED_MATERNITY, 7);
	assert_false(c.met);
	/* aid: full-year credit whatever the hours */
	c = check("4101020000123", 2024, 0, 0, -1, CQ_RED_AID, 12);
	assert_true(c.met && c.aid_credit);
	/* no rule before 2017 */
	c = check("4101020000123", 2015, 90, 90, -1, CQ_RED_NONE, 12);
	assert_false(c.known);
	assert_false(c.aid_credit);
	/* aid without a rule: no verdict on the hours, but the credit is the certificate's */
	c = check("4101020000123", 2015, 0, 0, -1, CQ_RED_AID, 12);
	assert_false(c.known);
	assert_true(c.aid_credit);
	/* rounding each category on its own: 2019 rule 24/60/90, 7 months: 14, 35, 53 (not 14 + 35) */
	c = check("4101020000123", 2019, 14, 35, -1, CQ_RED_OTHER, 7);
	assert_int_equal(c.req_total, 53);
	assert_int_equal(c.short_total, 4);
	/* Pingdingshan 2021, 7 months: compulsory ceil(24 × 7 / 12) = 14 */
	c = check("4104020000123", 2021, 18, 35, 13, CQ_RED_MATERNITY, 7);
	assert_int_equal(c.req_comp, 14);
	assert_int_equal(c.short_comp, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_match_data_file), cmocka_unit_test(parse_errors),
		cmocka_unit_test(compliance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
