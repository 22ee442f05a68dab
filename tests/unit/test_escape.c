/* Escaping outside text for terminals and line outputs (lib/escape.c):
 * every control, bidi and invalid byte becomes a visible escape, printable
 * UTF-8 (Chinese) passes, distinct inputs stay distinct, and the buffer
 * form cuts only between escapes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/escape.h"

static void esc_is(const char *in, size_t n, const char *want)
{
	char out[256];
	size_t need = cq_escape_text(in, n, out, sizeof out);
	if (strcmp(out, want)) fail_msg("escaped '%s', want '%s'", out, want);
	assert_int_equal(need, strlen(want));
}
#define ESC(lit, want) esc_is(lit, sizeof lit - 1, want)

static void escape_controls(void **state)
{
	(void)state;
	ESC("plain ok.pdf", "plain ok.pdf");
	ESC("张三 阿依古丽·买买提 𠀀", "张三 阿依古丽·买买提 𠀀");        /* CJK incl. Ext B */
	ESC("a\nok.pdf: AUTHENTIC", "a\\nok.pdf: AUTHENTIC");             /* a fake second line */
	ESC("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H");                          /* clear the terminal */
	ESC("\x1b]0;title\x07", "\\x1b]0;title\\x07");                    /* OSC, BEL */
	ESC("tab\there\rcr", "tab\\there\\rcr");
	ESC("del\x7f", "del\\x7f");
	ESC("nul\0x", "nul\\x00x");
	ESC("back\\slash", "back\\\\slash");   /* so "\x1b" typed as text differs from ESC */
}

static void escape_unicode(void **state)
{
	(void)state;
	ESC("\xC2\x9B" "31m", "\\u{009b}31m");                       /* C1 CSI */
	ESC("abc\xE2\x80\xAEgpj.exe", "abc\\u{202e}gpj.exe");        /* right-to-left override */
	ESC("a\xE2\x80\x8B" "b", "a\\u{200b}b");                     /* zero-width space */
	ESC("\xEF\xBB\xBFx", "\\u{feff}x");                          /* BOM inside text */
	ESC("\xEE\x80\x80", "\\u{e000}");                            /* private use */
	ESC("bad\xff\xfe", "bad\\xff\\xfe");                         /* not UTF-8 */
	ESC("\xE5\xBC", "\\xe5\\xbc");                               /* cut sequence */
	ESC("\xC0\xAF", "\\xc0\\xaf");                               /* overlong '/' */
	ESC("\xED\xA0\x80", "\\xed\\xa0\\x80");                      /* surrogate */
}

static void escape_distinct_and_cut(void **state)
{
	(void)state;
	/* The escape of a control and the text of its escape differ. */
	char a[64], b[64];
	cq_escape_text("\x1b", 1, a, sizeof a);
	cq_escape_text("\\x1b", 4, b, sizeof b);
	assert_string_not_equal(a, b);
	/* A small buffer: NUL-terminated, cut between escapes, full length returned. */
	char small[6];
	size_t need = cq_escape_text("ab\x1b" "cd", 5, small, sizeof small);
	assert_int_equal(need, 8);
	assert_string_equal(small, "ab");   /* "\x1b" (4) did not fit after "ab" */
	char one[1] = {'x'};
	assert_int_equal(cq_escape_text("abc", 3, one, 1), 3);
	assert_int_equal(one[0], '\0');
	assert_int_equal(cq_escape_text("abc", 3, NULL, 0), 3);
	/* Every single byte escapes to something printable without controls. */
	for (int c = 0; c < 256; c++) {
		char in[1] = {(char)c}, out[CQ_ESCAPE_CHAR_MAX];
		size_t used;
		size_t k = cq_escape_char(in, 1, out, &used);
		assert_int_equal(used, 1);
		assert_int_equal(k, strlen(out));
		for (size_t i = 0; i < k; i++)
			if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f) fail_msg("byte %02x escaped with a control", c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_controls),
		cmocka_unit_test(escape_unicode),
		cmocka_unit_test(escape_distinct_and_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
