/* cq_grown: doubling, the first room, and refusal without losing the array. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "certqr/grow.h"

static void doubles_from_first(void **state)
{
	(void)state;
	size_t cap = 0;
	int *v = cq_grown(NULL, &cap, sizeof *v, 4);
	assert_non_null(v);
	assert_int_equal(cap, 4);
	for (int i = 0; i < 4; i++) v[i] = i;
	v = cq_grown(v, &cap, sizeof *v, 4);
	assert_non_null(v);
	assert_int_equal(cap, 8);
	for (int i = 0; i < 4; i++) assert_int_equal(v[i], i);   /* kept */
	free(v);
}

static void overflow_refused_array_kept(void **state)
{
	(void)state;
	size_t cap = SIZE_MAX / 16 + 1;   /* doubled, times 8 bytes, overflows */
	int *v = malloc(sizeof *v);
	assert_non_null(v);
	*v = 7;
	assert_null(cq_grown(v, &cap, 8, 4));
	assert_int_equal(cap, SIZE_MAX / 16 + 1);
	assert_int_equal(*v, 7);
	size_t zero = 0;
	assert_null(cq_grown(v, &zero, 0, 4));   /* elements of no size */
	assert_int_equal(zero, 0);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doubles_from_first),
		cmocka_unit_test(overflow_refused_array_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
