/* Files for the programs (lib/io/file.c, include/certqr/io.h): whole-file
 * reads bounded by `max` at its edge, "-" for stdin, secret key files
 * refused when others may read them (docs/format.md §4.2, style.md 6),
 * atomic replacement, and secret files that never replace or follow
 * what is already there. Under a private temporary directory. */
#include <fcntl.h>
#include "storefix.h"

static int entries(const char *dir)
{
	int k = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *de; (de = readdir(d));)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) k++;
	closedir(d);
	return k;
}

static void read_bounded(void **state)
{
	(void)state;
	char p[512], why[256], *buf;
	size_t n;
	static char data[10001];
	for (size_t i = 0; i < sizeof data; i++) data[i] = (char)('a' + i % 26);
	sf_write(sf_path(p, "ten-thousand"), data, 10000, 0644);
	/* exactly max, across the 4 096-byte growth steps */
	assert_int_equal(cq_read_file(p, 10000, &buf, &n, why), 0);
	assert_int_equal(n, 10000);
	assert_memory_equal(buf, data, n);
	assert_int_equal(buf[n], '\0');
	free(buf);
	assert_int_equal(cq_read_file(p, 9999, &buf, &n, why), -1);
	assert_non_null(strstr(why, "ten-thousand: larger than 9999 bytes"));
	/* the first growth step itself: 4096 and 4097 bytes */
	sf_write(p, data, 4097, 0644);
	assert_int_equal(cq_read_file(p, 4097, &buf, &n, why), 0);
	assert_int_equal(n, 4097);
	free(buf);
	assert_int_equal(cq_read_file(p, 4096, &buf, &n, why), -1);
	/* empty, and max 0 */
	sf_write(p, "", 0, 0644);
	assert_int_equal(cq_read_file(p, 0, &buf, &n, why), 0);
	assert_int_equal(n, 0);
	assert_string_equal(buf, "");
	free(buf);
	/* NUL bytes are data */
	sf_write(p, "a\0b", 3, 0644);
	assert_int_equal(cq_read_file(p, 10, &buf, &n, why), 0);
	assert_int_equal(n, 3);
	assert_memory_equal(buf, "a\0b", 3);
	free(buf);
	/* missing: the path and the reason */
	assert_int_equal(cq_read_file(sf_path(p, "missing"), 10, &buf, &n, why), -1);
	assert_non_null(strstr(why, "missing: No such file or directory"));
	/* a directory: read fails */
	assert_int_equal(cq_read_file(sf_base, 10, &buf, &n, why), -1);
	assert_non_null(strstr(why, "Is a directory"));
}

static void read_stdin(void **state)
{
	(void)state;
	char p[512], why[256], *buf;
	size_t n;
	sf_write(sf_path(p, "stdin"), "from stdin\n", 11, 0644);
	int saved = dup(STDIN_FILENO), fd = open(p, O_RDONLY);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	int rc = cq_read_file("-", 100, &buf, &n, why);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);     /* restored before any assert */
	close(saved);
	assert_int_equal(rc, 0);
	assert_string_equal(buf, "from stdin\n");
	free(buf);
	/* stdin stays open after reading it */
	assert_true(fcntl(STDIN_FILENO, F_GETFD) != -1);
}

/* A secret key file: a regular file that only its owner may read or write. */
static void read_secret(void **state)
{
	(void)state;
	char p[512], why[256], want[1400], *buf;
	size_t n;
	char *key = tu_slurp("keys/test/issuer-zhengzhou-TEST-ONLY.key", &n);
	sf_write(sf_path(p, "k.key"), key, n, 0600);
	assert_int_equal(cq_read_secret_file(p, CQ_ARMOR_MAX_TEXT, &buf, &n, why), 0);
	free(buf);
	sf_write(p, key, strlen(key), 0400);
	assert_int_equal(cq_read_secret_file(p, CQ_ARMOR_MAX_TEXT, &buf, &n, why), 0);
	free(buf);
	static const unsigned modes[] = {0640, 0604, 0620, 0602, 0644, 0666};
	for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
		assert_int_equal(chmod(p, modes[i]), 0);
		assert_int_equal(cq_read_secret_file(p, CQ_ARMOR_MAX_TEXT, &buf, &n, why), -1);
		snprintf(want, sizeof want, "%s: permissions %04o are too open for a secret key: chmod 600 %s", p, modes[i], p);
		assert_string_equal(why, want);
	}
	/* a public key where the secret one belongs: two arguments swapped */
	char *pub = tu_slurp("keys/test/issuer-zhengzhou-TEST-ONLY.pub", &n);
	sf_write(sf_path(p, "swapped.key"), pub, n, 0644);
	assert_int_equal(cq_read_secret_file(p, CQ_ARMOR_MAX_TEXT, &buf, &n, why), -1);
	assert_non_null(strstr(why, "swapped.key: this is a public key (.pub), but a secret key (.key) is needed here"));
	/* not a regular file; missing */
	assert_int_equal(cq_read_secret_file(sf_base, 100, &buf, &n, why), -1);
	assert_non_null(strstr(why, "not a regular file"));
	assert_int_equal(cq_read_secret_file(sf_path(p, "nokey"), 100, &buf, &n, why), -1);
	assert_non_null(strstr(why, "No such file or directory"));
	free(key);
	free(pub);
}

static void write_all(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	char out[300], in[300];
	memset(out, 'w', sizeof out);
	assert_int_equal(cq_write_all(fds[1], out, sizeof out), 0);
	assert_int_equal(cq_write_all(fds[1], out, 0), 0);
	close(fds[1]);
	assert_int_equal(read(fds[0], in, sizeof in), (ssize_t)sizeof in);
	assert_memory_equal(in, out, sizeof in);
	close(fds[0]);
	assert_int_equal(cq_write_all(-1, out, 1), -1);
}

static void write_atomic(void **state)
{
	(void)state;
	char dir[512], p[600], why[256], *buf;
	size_t n;
	sf_fresh(dir, "atomic");
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(p, sizeof p, "%s/out", dir);
	mode_t old = umask(077);
	assert_int_equal(cq_write_atomic(p, "one\n", 4, 0644, false, why), 0);
	umask(old);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);                   /* the mode asked for, whatever the umask */
	/* an existing file is kept unless replace */
	assert_int_equal(cq_write_atomic(p, "two\n", 4, 0644, false, why), -1);
	assert_non_null(strstr(why, "out exists (use -f to replace it)"));
	assert_int_equal(cq_read_file(p, 100, &buf, &n, why), 0);
	assert_string_equal(buf, "one\n");
	free(buf);
	assert_int_equal(cq_write_atomic(p, "two\n", 4, 0600, true, why), 0);
	assert_int_equal(cq_read_file(p, 100, &buf, &n, why), 0);
	assert_string_equal(buf, "two\n");
	free(buf);
	assert_int_equal(entries(dir), 1);                            /* no temporary file left */
	/* a link at the path counts as existing */
	char link_[700];
	snprintf(link_, sizeof link_, "%s/link", dir);
	assert_int_equal(symlink("/nonexistent", link_), 0);
	assert_int_equal(cq_write_atomic(link_, "x", 1, 0644, false, why), -1);
	/* a directory that does not exist */
	snprintf(p, sizeof p, "%s/no/such/file", dir);
	assert_int_equal(cq_write_atomic(p, "x", 1, 0644, true, why), -1);
	assert_non_null(strstr(why, "No such file or directory"));
}

/* Secret files: 0600, never over an existing path or through a link,
 * replaced (never followed) with force; no temporary file left. */
static void write_secret(void **state)
{
	(void)state;
	char dir[512], p[600], target[700], why[256], *buf;
	size_t n;
	sf_fresh(dir, "secret");
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(p, sizeof p, "%s/k.key", dir);
	mode_t old = umask(0);
	assert_int_equal(cq_write_secret(p, "secret-1", 8, false, why), 0);
	umask(old);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(cq_write_secret(p, "secret-2", 8, false, why), -1);
	assert_non_null(strstr(why, "k.key exists (use -f to replace it)"));
	assert_int_equal(cq_read_file(p, 100, &buf, &n, why), 0);
	assert_string_equal(buf, "secret-1");
	free(buf);
	assert_int_equal(cq_write_secret(p, "secret-2", 8, true, why), 0);
	assert_int_equal(cq_read_file(p, 100, &buf, &n, why), 0);
	assert_string_equal(buf, "secret-2");
	free(buf);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* a link, even dangling, is not written through */
	snprintf(target, sizeof target, "%s/target", dir);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink(target, p), 0);
	assert_int_equal(cq_write_secret(p, "secret-3", 8, false, why), -1);
	assert_int_equal(access(target, F_OK), -1);
	/* with force the link itself is replaced by a file */
	assert_int_equal(cq_write_secret(p, "secret-4", 8, true, why), 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(access(target, F_OK), -1);
	assert_int_equal(entries(dir), 1);
	snprintf(p, sizeof p, "%s/missing-dir/k.key", dir);
	assert_int_equal(cq_write_secret(p, "s", 1, false, why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_bounded), cmocka_unit_test(read_stdin), cmocka_unit_test(read_secret),
		cmocka_unit_test(write_all), cmocka_unit_test(write_atomic), cmocka_unit_test(write_secret),
	};
	return cmocka_run_group_tests(tests, storefix_setup, storefix_teardown);
}
