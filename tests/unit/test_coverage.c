/* The font chain and its coverage: the built-in table equals
 * tools/data/fonts.txt, and the lookups answer from it. */
#include "testutil.h"
#include "certqr/coverage.h"

static void matches_data_file(void **state)
{
	(void)state;
	size_t n, nr, faces = 0, covers = 0;
	const cq_cp_range *r = cq_coverage_ranges(&nr);
	char *text = tu_slurp("tools/data/fonts.txt", &n);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char path[256], pkg[64];
		unsigned idx, a, b;
		int used = 0;
		if (sscanf(line, "face %255s %u %63s %n", path, &idx, pkg, &used) == 3 && used) {
			assert_true(faces < CQ_FONT_CHAIN_LEN);
			const cq_font_face *f = &cq_font_chain[faces++];
			assert_string_equal(path, f->path);
			assert_int_equal(idx, f->index);
			assert_string_equal(pkg, f->package);
			assert_string_equal(line + used, f->family);
		} else if (sscanf(line, "cover %x %x", &a, &b) == 2) {
			assert_true(covers < nr);
			assert_int_equal(a, r[covers].first);
			assert_int_equal(b, r[covers].last);
			covers++;
		} else {
			assert_true(line[0] == '#');
		}
	}
	assert_int_equal(faces, CQ_FONT_CHAIN_LEN);
	assert_int_equal(covers, nr);
	for (size_t i = 0; i + 1 < nr; i++) assert_true(r[i].last < r[i + 1].first);
	free(text);
}

static void lookups(void **state)
{
	(void)state;
	uint32_t cp = 0;
	/* one name per block GB 18030-2022 requires, and a minority name */
	static const char *const good[] = {
		"张伟", "刘䶮", "张𠈌", "王𪜀", "李𫝀", "赵𫠠", "孙𬺰", "陈鿯", "阿依古丽·买买提", "Anna Li",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (cq_coverage_check(good[i], strlen(good[i]), &cp)) fail_msg("%s: U+%04X reported missing", good[i], cp);
	assert_int_equal(cq_coverage_check("王𰻞", strlen("王𰻞"), &cp), -1);   /* Extension G */
	assert_int_equal(cp, 0x30EDE);
	assert_int_equal(cq_coverage_check("刘?", 4, &cp), -1);
	assert_int_equal(cp, '?');
	assert_int_equal(cq_coverage_check("\xE5\x88", 2, &cp), -1);
	assert_int_equal(cp, 0xFFFD);
	assert_false(cq_coverage_has(0xFA6E));    /* unassigned */
	assert_false(cq_coverage_has(0x2EBF0));   /* Extension I: no font yet */
	assert_true(cq_coverage_has(0x2EBE0));
	assert_true(cq_coverage_has(0x9FEF));
}

int main(void)
{
	const struct CMUnitTest t[] = {cmocka_unit_test(matches_data_file), cmocka_unit_test(lookups)};
	return cmocka_run_group_tests(t, NULL, NULL);
}
