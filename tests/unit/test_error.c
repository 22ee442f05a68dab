/* Errors from the core (lib/error.c, include/certqr/error.h): cq_fail fills
 * the code, field and sentence and returns -1, bounded by the struct's
 * arrays; the stable code names. */
#include "testutil.h"

static void fail_fills(void **state)
{
	(void)state;
	cq_err e;
	memset(&e, 0x55, sizeof e);
	assert_int_equal(cq_fail(&e, CQ_E_FIELD, "year", "must be a year %d..%d", 2000, 2099), -1);
	assert_int_equal(e.code, CQ_E_FIELD);
	assert_string_equal(e.field, "year");
	assert_string_equal(e.msg, "must be a year 2000..2099");
	/* no field: "" */
	assert_int_equal(cq_fail(&e, CQ_E_LIMIT, NULL, "too big"), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
	assert_string_equal(e.field, "");
	/* no error struct: still -1, nothing written */
	assert_int_equal(cq_fail(NULL, CQ_E_FORMAT, "x", "y"), -1);
}

/* Field and message are cut to their arrays, always terminated. */
static void fail_bounded(void **state)
{
	(void)state;
	cq_err e;
	char longer[400];
	memset(longer, 'f', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	cq_fail(&e, CQ_E_FORMAT, longer, "%s", longer);
	assert_int_equal(strlen(e.field), sizeof e.field - 1);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	/* the last that fits, whole */
	longer[sizeof e.field - 1] = '\0';
	cq_fail(&e, CQ_E_FORMAT, longer, "m");
	assert_string_equal(e.field, longer);
}

static void clear(void **state)
{
	(void)state;
	cq_err e, zero;
	memset(&zero, 0, sizeof zero);
	cq_fail(&e, CQ_E_KEY, "root", "another root");
	cq_err_clear(&e);
	assert_memory_equal(&e, &zero, sizeof e);
	assert_int_equal(e.code, CQ_OK);
	cq_err_clear(NULL);
}

/* The names are stable: programs print them and tests match them. */
static void code_names(void **state)
{
	(void)state;
	static const char *const names[] = {
		"ok", "field", "format", "version", "not_certqr", "signature",
		"key", "passphrase", "corrupt", "limit", "nomem", "crypto",
	};
	static const cq_code codes[] = {
		CQ_OK, CQ_E_FIELD, CQ_E_FORMAT, CQ_E_VERSION, CQ_E_NOT_CERTQR, CQ_E_SIGNATURE,
		CQ_E_KEY, CQ_E_PASSPHRASE, CQ_E_CORRUPT, CQ_E_LIMIT, CQ_E_NOMEM, CQ_E_CRYPTO,
	};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) assert_string_equal(cq_code_name(codes[i]), names[i]);
	assert_string_equal(cq_code_name((cq_code)(CQ_E_CRYPTO + 1)), "unknown");
	assert_string_equal(cq_code_name((cq_code)-1), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fail_fills), cmocka_unit_test(fail_bounded),
		cmocka_unit_test(clear), cmocka_unit_test(code_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
