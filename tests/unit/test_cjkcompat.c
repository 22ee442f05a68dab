/* CJK compatibility ideographs to unified ideographs (lib/cjkcompat.c,
 * docs/format.md §2.2 "name: compatibility ideographs"): the table's size
 * and its exceptions, values checked against Unicode's NFC, and the
 * normalising copy with its bounds. */
#include "testutil.h"
#include "certqr/cjkcompat.h"
#include "certqr/utf8.h"

static void table_values(void **state)
{
	(void)state;
	assert_int_equal(cq_cjk_compat_unified(0xF900), 0x8C48);
	assert_int_equal(cq_cjk_compat_unified(0x2FA1D), 0x2A600);
	assert_int_equal(cq_cjk_compat_unified(0xFA0E), 0);                              /* unified, kept */
	assert_int_equal(cq_cjk_compat_unified(0x4E00), 0);
	/* more values of Unicode's NFC (UnicodeData.txt decompositions) */
	assert_int_equal(cq_cjk_compat_unified(0xF9F1), 0x96A3);
	assert_int_equal(cq_cjk_compat_unified(0xFA2E), 0x90DE);
	assert_int_equal(cq_cjk_compat_unified(0xFA6C), 0x242EE);
	assert_int_equal(cq_cjk_compat_unified(0xFA70), 0x4E26);
	assert_int_equal(cq_cjk_compat_unified(0xFAD9), 0x9F8E);
	assert_int_equal(cq_cjk_compat_unified(0x2F800), 0x4E3D);
}

/* 1 002 code points of the two blocks are mapped; the twelve unified
 * ideographs of U+F900-FAFF are not; nothing outside the blocks is; every
 * target is a unified ideograph that maps to nothing (NFC is idempotent). */
static void table_shape(void **state)
{
	(void)state;
	static const uint32_t unified[12] = {0xFA0E, 0xFA0F, 0xFA11, 0xFA13, 0xFA14, 0xFA1F,
	                                     0xFA21, 0xFA23, 0xFA24, 0xFA27, 0xFA28, 0xFA29};
	for (int i = 0; i < 12; i++) assert_int_equal(cq_cjk_compat_unified(unified[i]), 0);
	unsigned mapped = 0;
	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		uint32_t u = cq_cjk_compat_unified(c);
		if (!u) continue;
		mapped++;
		if (!((c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F)))
			fail_msg("U+%04X outside the blocks is mapped", (unsigned)c);
		if ((u >= 0xF900 && u <= 0xFAFF) || (u >= 0x2F800 && u <= 0x2FA1F))
			fail_msg("U+%04X maps into the blocks (U+%04X)", (unsigned)c, (unsigned)u);
		assert_int_equal(cq_cjk_compat_unified(u), 0);
		assert_true((u >= 0x3400 && u <= 0x9FFF) || (u >= 0x20000 && u <= 0x3134F));
	}
	assert_int_equal(mapped, 1002);
	/* the block edges */
	assert_int_equal(cq_cjk_compat_unified(0xF8FF), 0);
	assert_int_equal(cq_cjk_compat_unified(0xFB00), 0);
	assert_int_equal(cq_cjk_compat_unified(0x2F7FF), 0);
	assert_int_equal(cq_cjk_compat_unified(0x2FA20), 0);
}

static void normalise(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(cq_cjk_normalise("\xef\xa9\xac", 3, out, 5), 4);
	assert_int_equal(cq_cjk_normalise("\xef\xa9\xac", 3, out, 4), -1);              /* no room for the NUL */
	assert_int_equal(cq_cjk_normalise("\xff", 1, out, sizeof out), -1);
	/* everything but the compatibility ideographs unchanged */
	const char *in = "Anna·Li 张三 﨎";                                              /* U+FA0E is unified */
	assert_int_equal(cq_cjk_normalise(in, strlen(in), out, sizeof out), (long)strlen(in));
	assert_string_equal(out, in);
	/* mixed: 张 U+F9F1 a U+2F800 -> 张 U+96A3 a U+4E3D; a 3-byte one grows to 4 */
	in = "张\xef\xa7\xb1" "a\xf0\xaf\xa0\x80" "\xef\xa9\xac";
	long n = cq_cjk_normalise(in, strlen(in), out, sizeof out);
	assert_string_equal(out, "张\xe9\x9a\xa3" "a\xe4\xb8\xbd" "\xf0\xa4\x8b\xae");
	assert_int_equal(n, (long)strlen(out));
	/* exactly enough room, then one byte less */
	assert_int_equal(cq_cjk_normalise(in, strlen(in), out, (size_t)n + 1), n);
	assert_int_equal(cq_cjk_normalise(in, strlen(in), out, (size_t)n), -1);
	/* empty input: "" written */
	out[0] = 'x';
	assert_int_equal(cq_cjk_normalise("", 0, out, 1), 0);
	assert_int_equal(out[0], '\0');
	assert_int_equal(cq_cjk_normalise("", 0, out, 0), -1);
	/* invalid UTF-8 anywhere, and a cut sequence at the end */
	assert_int_equal(cq_cjk_normalise("ab\xed\xa0\x80", 5, out, sizeof out), -1);   /* a surrogate */
	assert_int_equal(cq_cjk_normalise("张\xef\xa7", 5, out, sizeof out), -1);
	/* only n bytes are read */
	assert_int_equal(cq_cjk_normalise("\xef\xa9\xac" "tail", 3, out, sizeof out), 4);
	assert_string_equal(out, "\xf0\xa4\x8b\xae");
	/* the result is valid UTF-8 with no compatibility ideograph left */
	uint32_t c;
	assert_int_equal(cq_utf8_next((const unsigned char *)out, 4, &c), 4);
	assert_int_equal(cq_cjk_compat_unified(c), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_values), cmocka_unit_test(table_shape), cmocka_unit_test(normalise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
