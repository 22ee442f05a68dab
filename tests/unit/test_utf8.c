/* UTF-8 for outside text (lib/utf8.c): the decoder's boundaries (the first
 * and last code point of each length, overlong forms, surrogates, above
 * U+10FFFF, truncation) and the printable classes of docs/format.md §4.4,
 * each at its edges. */
#include "testutil.h"
#include "certqr/utf8.h"

static int next(const char *s, size_t n, uint32_t *cp)
{
	return cq_utf8_next((const unsigned char *)s, n, cp);
}

static size_t put(uint32_t c, char *b)
{
	if (c < 0x80) { b[0] = (char)c; return 1; }
	if (c < 0x800) { b[0] = (char)(0xC0 | c >> 6); b[1] = (char)(0x80 | (c & 0x3F)); return 2; }
	if (c < 0x10000) {
		b[0] = (char)(0xE0 | c >> 12); b[1] = (char)(0x80 | (c >> 6 & 0x3F)); b[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | c >> 18); b[1] = (char)(0x80 | (c >> 12 & 0x3F));
	b[2] = (char)(0x80 | (c >> 6 & 0x3F)); b[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static void decode_boundaries(void **state)
{
	(void)state;
	static const struct { const char *s; int len; uint32_t cp; } ok[] = {
		{"\x00", 1, 0}, {"\x7F", 1, 0x7F},
		{"\xC2\x80", 2, 0x80}, {"\xDF\xBF", 2, 0x7FF},
		{"\xE0\xA0\x80", 3, 0x800}, {"\xED\x9F\xBF", 3, 0xD7FF}, {"\xEE\x80\x80", 3, 0xE000}, {"\xEF\xBF\xBF", 3, 0xFFFF},
		{"\xF0\x90\x80\x80", 4, 0x10000}, {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF},
		{"张", 3, 0x5F20}, {"\xF0\xA4\x8B\xAE", 4, 0x242EE},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		uint32_t cp = 0xFFFFFFFF;
		size_t n = ok[i].len;
		assert_int_equal(next(ok[i].s, n, &cp), ok[i].len);
		assert_int_equal(cp, ok[i].cp);
		/* one byte short is refused */
		if (n > 1) assert_int_equal(next(ok[i].s, n - 1, &cp), -1);
	}
	static const char *const bad[] = {
		"\x80", "\xBF",                                  /* a continuation byte first */
		"\xC0\x80", "\xC1\xBF",                          /* overlong 2-byte */
		"\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF",              /* overlong 3- and 4-byte */
		"\xED\xA0\x80", "\xED\xBF\xBF",                  /* surrogates U+D800, U+DFFF */
		"\xF4\x90\x80\x80", "\xF7\xBF\xBF\xBF",          /* above U+10FFFF */
		"\xF8\x88\x80\x80\x80", "\xFE", "\xFF",          /* no such lead bytes */
		"\xC2\x41", "\xE5\xBC\x41", "\xF0\x90\x80\xC0",  /* a continuation missing */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		uint32_t cp;
		if (next(bad[i], strlen(bad[i]), &cp) != -1) fail_msg("bad sequence %zu accepted", i);
	}
	uint32_t cp;
	assert_int_equal(next("a", 0, &cp), -1);
}

static void count(void **state)
{
	(void)state;
	assert_int_equal(cq_utf8_count("", 0), 0);
	assert_int_equal(cq_utf8_count("张三丰", strlen("张三丰")), 3);
	assert_int_equal(cq_utf8_count("a\0b", 3), 3);                  /* a NUL is a character here */
	assert_int_equal(cq_utf8_count("A·\xF0\xA4\x8B\xAE", 7), 3);
	assert_int_equal(cq_utf8_count("张三\xE4\xB8", 8), -1);          /* cut in the last character */
	assert_int_equal(cq_utf8_count("\xC0\x80", 2), -1);
}

/* docs/format.md §4.4: the code points that are not printable, each range
 * with its first and last member and its neighbours outside. */
static void printable_classes(void **state)
{
	(void)state;
	static const uint32_t no[] = {
		0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0x9F,         /* controls */
		0xAD, 0x61C, 0x180E,                                     /* invisible */
		0x200B, 0x200F, 0x2028, 0x202E, 0x2060, 0x206F, 0xFEFF, /* format, separators, bidi */
		0xE000, 0xF8FF, 0xF0000, 0x10FFFD, 0x10FFFF,             /* private use */
		0xE0000, 0xE007F,                                        /* tags */
		0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0xEFFFE, 0x10FFFE, /* non-characters */
		0xFFF0, 0xFFFD,                                          /* specials, U+FFFD included */
	};
	static const uint32_t yes[] = {
		0x20, 0x7E, 0xA0, 0xAC, 0xAE, 0x61B, 0x61D, 0x180D, 0x180F, 0x200A, 0x2010, 0x2027, 0x202F,
		0x205F, 0x2070, 0xD7FF, 0xF900, 0xFDCF, 0xFDF0, 0xFEFE, 0xFF00, 0xFFEF, 0x10000, 0x1FFFD,
		0xB7, 0x3000, 0x5F20, 0x242EE, 0x378 /* unassigned */, 0xDFFFD, 0xE0080, 0xEFFFD,
	};
	char b[8];
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		if (cq_utf8_printable_char(no[i])) fail_msg("U+%04X printable", (unsigned)no[i]);
		size_t n = put(no[i], b);
		assert_int_equal(cq_utf8_printable(b, n), 0);
	}
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (!cq_utf8_printable_char(yes[i])) fail_msg("U+%04X not printable", (unsigned)yes[i]);
		size_t n = put(yes[i], b);
		assert_int_equal(cq_utf8_printable(b, n), 1);
	}
}

static void printable_strings(void **state)
{
	(void)state;
	assert_int_equal(cq_utf8_printable("", 0), 1);
	const char *bureau = "郑州市人力资源和社会保障局";
	assert_int_equal(cq_utf8_printable(bureau, strlen(bureau)), 1);
	assert_int_equal(cq_utf8_printable("certqr root public key", 22), 1);
	/* one bad character anywhere spoils the string */
	assert_int_equal(cq_utf8_printable("a\tb", 3), 0);                        /* a tab is not printable */
	assert_int_equal(cq_utf8_printable("ab\r", 3), 0);
	assert_int_equal(cq_utf8_printable("a\0b", 3), 0);
	assert_int_equal(cq_utf8_printable("局\xE2\x80\xAE", 6), 0);               /* U+202E */
	assert_int_equal(cq_utf8_printable("局\xE5\xB1", 5), 0);                   /* invalid UTF-8 */
	assert_int_equal(cq_utf8_printable("\xC0\xA0", 2), 0);                    /* overlong space */
	/* only n bytes are looked at */
	assert_int_equal(cq_utf8_printable("ab\n", 2), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode_boundaries), cmocka_unit_test(count),
		cmocka_unit_test(printable_classes), cmocka_unit_test(printable_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
