/* The line reader of the text tables (lib/textline.c; its rules are those
 * docs/trust.md §1.3 states for the hours rules): LF line ends, the last
 * optional, one CR dropped, "#" comments anywhere, at most 255 bytes a line
 * (a CR counts), no NUL; fields split on runs of spaces and tabs; numbers
 * in fields. */
#include "testutil.h"
#include "certqr/textline.h"

/* All lines of text, joined by '|'; the error of the first bad line, if
 * any, in *e and "!" at its place. */
static void lines_of(const char *text, size_t n, char *out, size_t cap, cq_err *e)
{
	cq_lines it;
	char buf[CQ_LINE_MAX];
	int r;
	cq_lines_init(&it, text, n);
	out[0] = '\0';
	size_t k = 0;
	for (int first = 1; (r = cq_lines_next(&it, buf, sizeof buf, "rules", e)) != 0; first = 0) {
		k += (size_t)snprintf(out + k, cap - k, "%s%s", first ? "" : "|", r < 0 ? "!" : buf);
		if (r < 0) return;
	}
}

static void line_ends(void **state)
{
	(void)state;
	char out[512];
	cq_err e;
	lines_of("", 0, out, sizeof out, &e);
	assert_string_equal(out, "");
	lines_of("a\nb\n", 4, out, sizeof out, &e);
	assert_string_equal(out, "a|b");                 /* no empty line after the last LF */
	lines_of("a\nb", 3, out, sizeof out, &e);
	assert_string_equal(out, "a|b");                 /* the last line needs no LF */
	lines_of("\n\nc\n", 4, out, sizeof out, &e);
	assert_string_equal(out, "||c");                 /* blank lines are lines */
	lines_of("a\r\nb\r\n", 6, out, sizeof out, &e);
	assert_string_equal(out, "a|b");                 /* one CR dropped */
	lines_of("a\r\r\nb\rc", 7, out, sizeof out, &e);
	assert_string_equal(out, "a\r|b\rc");            /* only one, and only at the end */
	/* line numbers count every line read */
	cq_lines it;
	char buf[CQ_LINE_MAX];
	cq_lines_init(&it, "x\n\ny", 4);
	assert_int_equal(cq_lines_next(&it, buf, sizeof buf, "t", &e), 1);
	assert_int_equal(it.lineno, 1);
	assert_int_equal(cq_lines_next(&it, buf, sizeof buf, "t", &e), 1);
	assert_int_equal(cq_lines_next(&it, buf, sizeof buf, "t", &e), 1);
	assert_int_equal(it.lineno, 3);
	assert_string_equal(buf, "y");
	assert_int_equal(cq_lines_next(&it, buf, sizeof buf, "t", &e), 0);
	assert_int_equal(cq_lines_next(&it, buf, sizeof buf, "t", &e), 0);
}

static void comments(void **state)
{
	(void)state;
	char out[512];
	cq_err e;
	lines_of("# header\n2021 - 41 # open\nx#y\n#", 31, out, sizeof out, &e);
	assert_string_equal(out, "|2021 - 41 |x|");
	/* a CR before the LF of a comment line goes with the comment */
	lines_of("a #c\r\n", 6, out, sizeof out, &e);
	assert_string_equal(out, "a ");
}

/* 255 bytes before the LF fit; 256 do not (CQ_E_LIMIT naming the table and
 * the line); the CR counts. */
static void line_length(void **state)
{
	(void)state;
	char text[600], out[1200];
	cq_err e;
	memset(text, 'x', 255);
	text[255] = '\n';
	memcpy(text + 256, "ok", 2);
	lines_of(text, 258, out, sizeof out, &e);
	assert_int_equal(strlen(out), 255 + 3);
	text[255] = 'x';
	text[256] = '\n';
	lines_of(text, 257, out, sizeof out, &e);
	assert_string_equal(out, "!");
	assert_int_equal(e.code, CQ_E_LIMIT);
	assert_string_equal(e.field, "rules");
	assert_string_equal(e.msg, "line 1 longer than 255 bytes");
	/* 254 bytes and a CR: 255, fine; 255 and a CR: 256, refused */
	memset(text, 'x', 254);
	memcpy(text + 254, "\r\n", 2);
	lines_of(text, 256, out, sizeof out, &e);
	assert_int_equal(strlen(out), 254);
	memset(text, 'x', 255);
	memcpy(text + 255, "\r\n", 2);
	lines_of(text, 257, out, sizeof out, &e);
	assert_string_equal(out, "!");
	/* a smaller buffer: its own bound */
	cq_lines it;
	char small[4];
	cq_lines_init(&it, "abc\nabcd\n", 9);
	assert_int_equal(cq_lines_next(&it, small, sizeof small, "t", &e), 1);
	assert_string_equal(small, "abc");
	assert_int_equal(cq_lines_next(&it, small, sizeof small, "t", &e), -1);
	assert_string_equal(e.msg, "line 2 longer than 3 bytes");
}

static void nul_byte(void **state)
{
	(void)state;
	char out[64];
	cq_err e;
	lines_of("ok\nb\0d\n", 7, out, sizeof out, &e);
	assert_string_equal(out, "ok|!");
	assert_int_equal(e.code, CQ_E_FORMAT);
	assert_string_equal(e.field, "rules");
	assert_string_equal(e.msg, "line 2: NUL byte");
	/* also inside a comment: the whole line is read first */
	lines_of("a # \0\n", 6, out, sizeof out, &e);
	assert_string_equal(out, "!");
}

static void split(void **state)
{
	(void)state;
	char line[64];
	char *f[4];
	strcpy(line, "  2021\t -  41\t\t30 ");
	assert_int_equal(cq_split_fields(line, f, 4), 4);
	assert_string_equal(f[0], "2021");
	assert_string_equal(f[1], "-");
	assert_string_equal(f[2], "41");
	assert_string_equal(f[3], "30");
	strcpy(line, "a b c d e");
	assert_int_equal(cq_split_fields(line, f, 4), 5);     /* more than max: max + 1 */
	strcpy(line, "a b c d");
	assert_int_equal(cq_split_fields(line, f, 4), 4);
	strcpy(line, " \t ");
	assert_int_equal(cq_split_fields(line, f, 4), 0);
	strcpy(line, "");
	assert_int_equal(cq_split_fields(line, f, 4), 0);
	strcpy(line, "a\xE3\x80\x80" "b");                    /* U+3000 is not a separator */
	assert_int_equal(cq_split_fields(line, f, 4), 1);
}

/* Numbers in a table (docs/trust.md §1.3): ASCII digits, no sign, no
 * leading zero ("0" itself excepted), 1 to 4 digits, at most max. */
static void field_numbers(void **state)
{
	(void)state;
	unsigned v = 12345;
	assert_int_equal(cq_field_uint("0", 999, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(cq_field_uint("999", 999, &v), 0);
	assert_int_equal(v, 999);
	assert_int_equal(cq_field_uint("2099", 2099, &v), 0);
	assert_int_equal(v, 2099);
	assert_int_equal(cq_field_uint("9999", 9999, &v), 0);
	v = 7;
	static const char *const bad[] = {"1000", "", "00", "030", "+3", "-1", "3 ", " 3", "3a", "１", "10000", "0x10"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (cq_field_uint(bad[i], 999, &v) != -1) fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(v, 7);                            /* *out untouched */
	}
	assert_int_equal(cq_field_uint("2100", 2099, &v), -1);
	assert_int_equal(cq_field_uint("0", 0, &v), 0);
	assert_int_equal(cq_field_uint("1", 0, &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_ends), cmocka_unit_test(comments), cmocka_unit_test(line_length),
		cmocka_unit_test(nul_byte), cmocka_unit_test(split), cmocka_unit_test(field_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
