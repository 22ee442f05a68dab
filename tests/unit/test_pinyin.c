/* Names in pinyin order (lib/pinyin.c and its generated table): syllables
 * of the URO, Extension A and Extension B, surname readings for the first
 * character only, tones, ü, minority names with the middle dot, and a
 * committee's list sorted as a Chinese reader expects. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/pinyin.h"

static void key_is(const char *name, const char *want_prefix)
{
	char k[256];
	cq_pinyin_key(name, k, sizeof k);
	if (strncmp(k, want_prefix, strlen(want_prefix)) || k[strlen(want_prefix)] != '\t')
		fail_msg("key of '%s' is '%s', want '%s<TAB>'", name, k, want_prefix);
}

static void readings(void **state)
{
	(void)state;
	key_is("张伟", "zhang1 wei3 ");
	key_is("吕秀英", "lv3 xiu4 ying1 ");          /* ü as v */
	key_is("刘䶮", "liu2 yan3 ");                 /* Extension A */
	key_is("张𠈌", "zhang1 ~02020c ");             /* Extension B, no reading in Unihan */
}

static void ext_b(void **state)
{
	(void)state;
	/* Extension B from the sparse table: U+20001 qī, U+2A6D6 none */
	assert_non_null(cq_pinyin_of(0x20001, 0));
	assert_string_equal(cq_pinyin_of(0x20001, 0), "qi1");
	assert_null(cq_pinyin_of(0x2020C, 0));
	assert_null(cq_pinyin_of('A', 0));
	assert_null(cq_pinyin_of(0x3000, 0));
}

static void surnames(void **state)
{
	(void)state;
	key_is("单田芳", "shan4 tian2 fang1 ");     /* 单 as a surname */
	key_is("简单", "jian3 dan1 ");              /* ...but not inside a name */
	key_is("曾国藩", "zeng1 guo2 fan1 ");
	key_is("解缙", "xie4 jin4 ");
}

static void others(void **state)
{
	(void)state;
	key_is("阿依古丽·买买提", "a1 yi1 gu3 li4 mai3 mai3 ti2 ");   /* the dot is not a letter */
	key_is("Li Ming", "liming");
}

static int cmp(const void *a, const void *b) { return cq_pinyin_compare(*(char *const *)a, *(char *const *)b); }

static void order(void **state)
{
	(void)state;
	const char *in[] = {"赵六", "张伟", "李秀英", "刘䶮", "王五", "艾力", "张三", "章子", "吕布", "陆游", "单田芳", "曾国藩", "张伟伟"};
	const char *want[] = {"艾力", "李秀英", "刘䶮", "陆游", "吕布", "单田芳", "王五", "曾国藩", "张三", "张伟", "张伟伟", "章子", "赵六"};
	size_t n = sizeof in / sizeof *in;
	qsort(in, n, sizeof *in, cmp);
	for (size_t i = 0; i < n; i++)
		if (strcmp(in[i], want[i])) fail_msg("position %zu: %s, want %s", i, in[i], want[i]);
	assert_int_equal(cq_pinyin_compare("张伟", "张伟"), 0);
}

static void bounded(void **state)
{
	(void)state;
	char k[8];
	size_t n = cq_pinyin_key("张伟张伟张伟", k, sizeof k);
	assert_int_equal(n, 7);
	assert_int_equal(k[7], 0);
	assert_int_equal(cq_pinyin_key("x", k, 0), 0);
	char big[64];
	cq_pinyin_key("\xff\xfe", big, sizeof big);   /* invalid UTF-8 */
	assert_int_equal(big[0], '~');
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(readings), cmocka_unit_test(ext_b), cmocka_unit_test(surnames),
		cmocka_unit_test(others), cmocka_unit_test(order), cmocka_unit_test(bounded),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
