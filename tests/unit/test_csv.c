/* The export readers (lib/csv.c): RFC 4180 quoting, line endings, BOM,
 * bounds, recovery after a bad row; JSON Lines members, escapes, refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/csv.h"

static cq_row row;

static void csv_quoting_and_endings(void **state)
{
	(void)state;
	const char t[] = "\xEF\xBB\xBFname,hours\r\n\"王, 五\",\"a \"\"b\"\"\"\n\nx,\"two\nlines\"\r\nlast,\n";
	cq_csv c;
	cq_err e;
	cq_csv_init(&c, t, sizeof t - 1);
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.value[0], "name");   /* BOM skipped */
	assert_string_equal(row.value[1], "hours");
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_int_equal(row.line, 2);
	assert_string_equal(row.value[0], "王, 五");
	assert_string_equal(row.value[1], "a \"b\"");
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);   /* blank line skipped */
	assert_int_equal(row.line, 4);
	assert_string_equal(row.value[1], "two\nlines");
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_int_equal(row.line, 6);                     /* the quoted line break counted */
	assert_int_equal(row.n, 2);
	assert_string_equal(row.value[1], "");             /* trailing comma: empty last field */
	assert_int_equal(cq_csv_next(&c, &row, &e), 0);
}

static void csv_no_final_newline(void **state)
{
	(void)state;
	cq_csv c;
	cq_err e;
	cq_csv_init(&c, "a,b", 3);
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.value[1], "b");
	assert_int_equal(cq_csv_next(&c, &row, &e), 0);
}

static void csv_bad_rows_then_recovery(void **state)
{
	(void)state;
	const char t[] = "a\"b,c\n\"x\"y,z\nok,1\nbare\rcr,2\nfine,3\n\"open,4\nnever closed\n";
	cq_csv c;
	cq_err e;
	cq_csv_init(&c, t, sizeof t - 1);
	assert_int_equal(cq_csv_next(&c, &row, &e), -1);
	assert_string_equal(e.field, "column 1");
	assert_non_null(strstr(e.msg, "quote inside an unquoted field"));
	assert_int_equal(cq_csv_next(&c, &row, &e), -1);
	assert_non_null(strstr(e.msg, "after a closing quote"));
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_int_equal(row.line, 3);
	assert_string_equal(row.value[0], "ok");
	assert_int_equal(cq_csv_next(&c, &row, &e), -1);
	assert_non_null(strstr(e.msg, "carriage return"));
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_string_equal(row.value[0], "fine");
	assert_int_equal(cq_csv_next(&c, &row, &e), -1);
	assert_non_null(strstr(e.msg, "never closed"));
	assert_int_equal(cq_csv_next(&c, &row, &e), 0);
}

static void csv_bounds(void **state)
{
	(void)state;
	cq_csv c;
	cq_err e;
	char big[CQ_CSV_MAX_FIELD + 8];
	memset(big, 'a', sizeof big);
	/* exactly the largest field, then one byte more */
	char t[2 * sizeof big + 8];
	memcpy(t, big, CQ_CSV_MAX_FIELD);
	t[CQ_CSV_MAX_FIELD] = '\n';
	memcpy(t + CQ_CSV_MAX_FIELD + 1, big, CQ_CSV_MAX_FIELD + 1);
	t[2 * CQ_CSV_MAX_FIELD + 2] = '\n';
	cq_csv_init(&c, t, 2 * CQ_CSV_MAX_FIELD + 3);
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_int_equal(strlen(row.value[0]), CQ_CSV_MAX_FIELD);
	assert_int_equal(cq_csv_next(&c, &row, &e), -1);
	assert_non_null(strstr(e.msg, "longer than 256"));
	/* 32 columns fit, 33 do not */
	char cols[200] = "";
	for (int i = 0; i < 32; i++) strcat(cols, i ? ",x" : "x");
	strcat(cols, "\n");
	for (int i = 0; i < 33; i++) strcat(cols, i ? ",y" : "y");
	strcat(cols, "\n");
	cq_csv_init(&c, cols, strlen(cols));
	assert_int_equal(cq_csv_next(&c, &row, &e), 1);
	assert_int_equal(row.n, 32);
	assert_int_equal(cq_csv_next(&c, &row, &e), -1);
	assert_non_null(strstr(e.msg, "more than 32 columns"));
	/* NUL bytes are refused */
	cq_csv_init(&c, "a\0b,c\n", 6);
	assert_int_equal(cq_csv_next(&c, &row, &e), -1);
}

static void jsonl_members(void **state)
{
	(void)state;
	const char t[] = "{\"name\": \"\\u5f20\\u4e09\", \"year\": 2025, \"reduction\": null, \"x\": \"a\\\"\\\\\\/\\n\"}\r\n"
	                 "\n   \n{}\n{\"e\":\"\\ud83d\\ude00\"}";
	cq_csv c;
	cq_err e;
	cq_csv_init(&c, t, sizeof t - 1);
	assert_int_equal(cq_jsonl_next(&c, &row, &e), 1);
	assert_int_equal(row.n, 4);
	assert_string_equal(row.name[0], "name");
	assert_string_equal(row.value[0], "张三");
	assert_string_equal(row.value[1], "2025");
	assert_null(row.value[2]);
	assert_string_equal(row.value[3], "a\"\\/\n");
	assert_int_equal(cq_jsonl_next(&c, &row, &e), 1);
	assert_int_equal(row.line, 4);
	assert_int_equal(row.n, 0);
	assert_int_equal(cq_jsonl_next(&c, &row, &e), 1);
	assert_string_equal(row.value[0], "\xF0\x9F\x98\x80");
	assert_int_equal(cq_jsonl_next(&c, &row, &e), 0);
}

static void jsonl_refusals(void **state)
{
	(void)state;
	static const struct { const char *line, *why; } bad[] = {
		{"[1]", "one JSON object"},
		{"{\"a\": {\"b\": 1}}", "nested"},
		{"{\"a\": [1]}", "nested"},
		{"{\"a\": 1, \"a\": 2}", "twice"},
		{"{\"a\": 1.5}", "whole numbers"},
		{"{\"a\": 012}", "leading zero"},
		{"{\"a\": true}", "true/false"},
		{"{\"a\": \"\\x\"}", "unknown escape"},
		{"{\"a\": \"\\u0000\"}", "\\u0000"},
		{"{\"a\": \"\\udc00\"}", "lone low surrogate"},
		{"{\"a\": \"\\ud800x\"}", "high surrogate"},
		{"{\"a\": \"\xff\"}", "invalid UTF-8"},
		{"{\"a\": \"tab\there\"}", "control character"},
		{"{\"a\": 1} x", "text after the object"},
		{"{\"a\": 1", "expected ','"},
		{"{\"a\" 1}", "expected ':'"},
		{"{\"a\": \"open}", "unterminated"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cq_csv c;
		cq_err e;
		char t[128];
		snprintf(t, sizeof t, "%s\n{\"ok\": \"1\"}\n", bad[i].line);
		cq_csv_init(&c, t, strlen(t));
		int r = cq_jsonl_next(&c, &row, &e);
		if (r != -1 || !strstr(e.msg, bad[i].why)) fail_msg("%s: got %d '%s'", bad[i].line, r, r < 0 ? e.msg : "");
		assert_int_equal(cq_jsonl_next(&c, &row, &e), 1);   /* the next line still reads */
		assert_string_equal(row.value[0], "1");
	}
	/* a line longer than the bound */
	char *big = malloc(CQ_CSV_MAX_LINE + 64);
	assert_non_null(big);
	memset(big, ' ', CQ_CSV_MAX_LINE + 63);
	memcpy(big, "{\"a\": 1}", 8);
	big[CQ_CSV_MAX_LINE + 63] = '\0';
	cq_csv c;
	cq_err e;
	cq_csv_init(&c, big, strlen(big));
	assert_int_equal(cq_jsonl_next(&c, &row, &e), -1);
	assert_non_null(strstr(e.msg, "longer than 4096"));
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_quoting_and_endings),
		cmocka_unit_test(csv_no_final_newline),
		cmocka_unit_test(csv_bad_rows_then_recovery),
		cmocka_unit_test(csv_bounds),
		cmocka_unit_test(jsonl_members),
		cmocka_unit_test(jsonl_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
