/* The one CSV cell writer (lib/io/csvout.c): formula starts guarded with an
 * apostrophe, controls escaped, quoting where a spreadsheet needs it,
 * digits kept as text on request. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/csvout.h"

static void cell_is(const char *in, unsigned flags, const char *want)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	cq_csv_cell(f, in, flags);
	assert_int_equal(fclose(f), 0);
	if (strcmp(buf, want)) fail_msg("cell of '%s' is '%s', want '%s'", in, buf, want);
	free(buf);
}

static void csv_cell_formulas(void **state)
{
	(void)state;
	cell_is("=cmd|' /C calc'!A0", 0, "\"'=cmd|' /C calc'!A0\",");
	cell_is("+1+1", 0, "\"'+1+1\",");
	cell_is("-2+3", 0, "\"'-2+3\",");
	cell_is("@SUM(A1)", CQ_CSV_LAST, "\"'@SUM(A1)\"\n");
	cell_is("  =1+1", 0, "\"'  =1+1\",");                   /* after spaces too */
	cell_is("\xEF\xBC\x9D" "1+1", 0, "\"'\xEF\xBC\x9D" "1+1\",");   /* full-width ＝ */
	cell_is("=HYPERLINK(\"http://x\",\"y\")", 0, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",");
	/* A tab or CR first is no longer a formula trick: it is escaped text. */
	cell_is("\t=1+1", 0, "\\t=1+1,");
	cell_is("\r=1+1", 0, "\\r=1+1,");
	cell_is("a=b", 0, "a=b,");                              /* = inside is harmless */
}

static void csv_cell_text(void **state)
{
	(void)state;
	cell_is("", 0, ",");
	cell_is("张三", 0, "张三,");
	cell_is("a,b", 0, "\"a,b\",");
	cell_is("a;b", 0, "\"a;b\",");
	cell_is("say \"hi\"", 0, "\"say \"\"hi\"\"\",");
	cell_is(" lead", 0, "\" lead\",");
	cell_is("\x1b[2Jwiped", 0, "\\x1b[2Jwiped,");
	cell_is("two\nlines", 0, "two\\nlines,");               /* one line per row */
	cell_is("rtl\xE2\x80\xAEtxt", 0, "rtl\\u{202e}txt,");
	/* digits that must stay text: a TAB of ours first */
	cell_is("4101020000123", CQ_CSV_TEXT, "\t4101020000123,");
	cell_is("0516", CQ_CSV_TEXT, "\t0516,");
	cell_is("4101020000123", 0, "4101020000123,");
	cell_is("-123", CQ_CSV_TEXT, "\"'-123\",");            /* the formula guard first */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_cell_formulas),
		cmocka_unit_test(csv_cell_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
