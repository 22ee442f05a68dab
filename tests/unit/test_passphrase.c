/* Passphrase sources (lib/io/passphrase.c; certqr-keys(1), PASSPHRASES):
 * the first line of a file, or an environment variable, only when named;
 * bounded at 1 024 bytes; an empty one, a NUL byte and a read error
 * refused (docs/hardening.md "A read error ended the passphrase"). The
 * terminal path needs a terminal and is left to tests/sh/keys.sh. */
#include "storefix.h"

#define VAR "CERTQR_UNIT_PASSPHRASE"

static char *from_file(const char *content, size_t n, char why[256])
{
	char p[512];
	sf_write(sf_path(p, "pass"), content, n, 0600);
	cq_passsrc src = { .file = p, .env = NULL };
	return cq_passphrase_get(&src, "unused: ", false, why);
}

static void file_lines(void **state)
{
	(void)state;
	char why[256];
	static const struct { const char *in; size_t n; const char *want; } ok[] = {
		{"a TEST-ONLY passphrase\n", 23, "a TEST-ONLY passphrase"},
		{"a TEST-ONLY passphrase", 22, "a TEST-ONLY passphrase"},       /* no line end */
		{"windows\r\n", 9, "windows"},                                  /* one CR dropped */
		{"two\r\r\n", 6, "two\r"},
		{"first\nsecond\n", 13, "first"},                               /* the first line only */
		{" spaces kept \n", 14, " spaces kept "},
		{"口令短语\n", 13, "口令短语"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		char *p = from_file(ok[i].in, ok[i].n, why);
		if (!p) fail_msg("%zu: %s", i, why);
		assert_string_equal(p, ok[i].want);
		cq_passphrase_free(p);
	}
}

static void file_refusals(void **state)
{
	(void)state;
	char why[256], p[512];
	assert_null(from_file("", 0, why));
	assert_string_equal(why, "empty passphrase");
	assert_null(from_file("\nsecond\n", 8, why));
	assert_string_equal(why, "empty passphrase");
	assert_null(from_file("\r\n", 2, why));
	/* a NUL would end the passphrase early */
	assert_null(from_file("abc\0zzzzzz\n", 11, why));
	assert_non_null(strstr(why, "holds a NUL byte"));
	/* a read error is not the end of the passphrase */
	cq_passsrc src = { .file = sf_base, .env = NULL };
	assert_null(cq_passphrase_get(&src, "", false, why));
	assert_string_equal(why, "cannot read the passphrase: Is a directory");
	src.file = sf_path(p, "no-such-file");
	assert_null(cq_passphrase_get(&src, "", false, why));
	assert_non_null(strstr(why, "no-such-file: No such file or directory"));
	/* a file and a variable: which? */
	assert_int_equal(setenv(VAR, "x", 1), 0);
	src.env = VAR;
	assert_null(cq_passphrase_get(&src, "", false, why));
	assert_string_equal(why, "give a passphrase file or an environment variable, not both");
	assert_int_equal(unsetenv(VAR), 0);
}

/* 1 024 bytes, the most; 1 025 refused, from a file and from the
 * environment alike. */
static void length_bound(void **state)
{
	(void)state;
	char why[256], big[1100];
	memset(big, 'p', sizeof big);
	big[1024] = '\n';
	char *p = from_file(big, 1025, why);
	assert_non_null(p);
	assert_int_equal(strlen(p), 1024);
	cq_passphrase_free(p);
	big[1024] = 'p';
	big[1025] = '\n';
	assert_null(from_file(big, 1026, why));
	assert_string_equal(why, "passphrase longer than 1024 bytes");
	assert_null(from_file(big, 1025, why));                       /* no line end either */
	big[1024] = '\0';
	assert_int_equal(setenv(VAR, big, 1), 0);
	cq_passsrc src = { .file = NULL, .env = VAR };
	p = cq_passphrase_get(&src, "", false, why);
	assert_non_null(p);
	assert_int_equal(strlen(p), 1024);
	cq_passphrase_free(p);
	big[1024] = 'p';
	big[1025] = '\0';
	assert_int_equal(setenv(VAR, big, 1), 0);
	assert_null(cq_passphrase_get(&src, "", false, why));
	assert_string_equal(why, "passphrase longer than 1024 bytes");
	assert_int_equal(unsetenv(VAR), 0);
}

static void environment(void **state)
{
	(void)state;
	char why[256];
	cq_passsrc src = { .file = NULL, .env = VAR };
	assert_int_equal(unsetenv(VAR), 0);
	assert_null(cq_passphrase_get(&src, "", false, why));
	assert_string_equal(why, "environment variable " VAR " is not set");
	assert_int_equal(setenv(VAR, "", 1), 0);
	assert_null(cq_passphrase_get(&src, "", false, why));
	assert_string_equal(why, "empty passphrase");
	/* the value as it is: no line splitting, no trimming */
	assert_int_equal(setenv(VAR, " two\nlines\r", 1), 0);
	char *p = cq_passphrase_get(&src, "", true, why);                  /* confirm asks only on a terminal */
	assert_non_null(p);
	assert_string_equal(p, " two\nlines\r");
	cq_passphrase_free(p);
	cq_passphrase_free(NULL);
	assert_int_equal(unsetenv(VAR), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(file_lines), cmocka_unit_test(file_refusals),
		cmocka_unit_test(length_bound), cmocka_unit_test(environment),
	};
	return cmocka_run_group_tests(tests, storefix_setup, storefix_teardown);
}
