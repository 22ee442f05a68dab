/* Messages for people (lib/io/msg.c, include/certqr/io.h): "argv0:
 * message" on one line of stderr, the whole message escaped
 * (certqr/escape.h), however long; escaped writes of outside strings,
 * NUL bytes included. Output is captured in files under a private
 * temporary directory. */
#include <fcntl.h>
#include "storefix.h"

/* What cq_warn("%s: %s", what, arg) writes to stderr. */
static char *warned(const char *what, const char *arg, size_t *n)
{
	char p[512];
	sf_path(p, "stderr");
	fflush(stderr);
	int saved = dup(STDERR_FILENO), fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
	cq_warn("%s: %s", what, arg);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	return tu_slurp(p, n);
}

static void warn_lines(void **state)
{
	(void)state;
	size_t n;
	cq_argv0 = "certqr-test";
	char *s = warned("a.bundle", "not a trust bundle", &n);
	assert_string_equal(s, "certqr-test: a.bundle: not a trust bundle\n");
	free(s);
	/* a quoted name cannot break the line or drive the terminal */
	s = warned("evil\n\x1b[2Jname\t\xe2\x80\xae.txt", "cannot open", &n);
	assert_string_equal(s, "certqr-test: evil\\n\\x1b[2Jname\\t\\u{202e}.txt: cannot open\n");
	free(s);
	/* Chinese passes unchanged */
	s = warned("store", "信任库不安全 unsafe trust store", &n);
	assert_string_equal(s, "certqr-test: store: 信任库不安全 unsafe trust store\n");
	free(s);
	/* longer than the 1 024-byte buffer: whole, still one line */
	static char big[3000];
	memset(big, 'x', sizeof big - 1);
	big[1500] = '\n';
	s = warned("big", big, &n);
	assert_int_equal(n, strlen("certqr-test: big: ") + sizeof big - 1 + 1 + 1);   /* \n became two bytes */
	assert_int_equal(strchr(s, '\n') - s, (long)n - 1);
	free(s);
	cq_argv0 = "certqr";
}

static void escaped_writes(void **state)
{
	(void)state;
	char p[512];
	size_t n;
	FILE *f = fopen(sf_path(p, "out"), "wb");
	assert_non_null(f);
	assert_int_equal(cq_fputs_escaped("a\\b\r", f), 0);
	assert_int_equal(cq_fwrite_escaped("x\0y\xff", 4, f), 0);
	assert_int_equal(cq_fwrite_escaped("", 0, f), 0);
	assert_int_equal(fclose(f), 0);
	char *s = tu_slurp(p, &n);
	assert_string_equal(s, "a\\\\b\\rx\\x00y\\xff");
	free(s);
	/* a write error is reported */
	f = fopen("/dev/full", "wb");
	if (f) {
		setvbuf(f, NULL, _IONBF, 0);
		assert_int_equal(cq_fputs_escaped("anything", f), EOF);
		fclose(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(warn_lines), cmocka_unit_test(escaped_writes),
	};
	return cmocka_run_group_tests(tests, storefix_setup, storefix_teardown);
}
