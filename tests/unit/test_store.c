/* A verifier's trust store directory (lib/io/store.c, docs/trust.md §7):
 * where it is, --init, --install with each refusal and its message, the
 * version floor holding against a bundle replaced or damaged by hand, and
 * loading. Bundles are signed in memory (trustfix.h) and written under a
 * private temporary directory (storefix.h). */
#include "storefix.h"

static void dir_choice(void **state)
{
	(void)state;
	assert_int_equal(setenv(CQ_STORE_ENV, "/env/store", 1), 0);
	assert_string_equal(cq_store_dir("/flag/store"), "/flag/store");
	assert_string_equal(cq_store_dir(NULL), "/env/store");
	assert_int_equal(setenv(CQ_STORE_ENV, "", 1), 0);
	assert_string_equal(cq_store_dir(NULL), CQ_STORE_DEFAULT);
	assert_int_equal(unsetenv(CQ_STORE_ENV), 0);
	assert_string_equal(cq_store_dir(NULL), "/var/lib/certqr/trust");
	assert_string_equal(cq_store_dir(""), "");                       /* a flag, even empty, wins */
}

/* A store initialised with trustfix's root: DIR in dir[512]. */
static char *new_store(char dir[512], const char *name)
{
	char pub[512], why[256];
	sf_fresh(dir, name);
	sf_root_pub(pub, root, "root.pub");
	if (cq_store_init(dir, pub, why) != CQ_STORE_OK) fail_msg("init: %s", why);
	return dir;
}

static void init(void **state)
{
	(void)state;
	char dir[512], pub[512], other[512], why[256], p[600];
	sf_fresh(dir, "init");
	sf_root_pub(pub, root, "root.pub");
	/* 0755 whatever the umask */
	mode_t old = umask(0);
	assert_int_equal(cq_store_init(dir, pub, why), CQ_STORE_OK);
	umask(old);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	sf_fresh(dir, "init");
	old = umask(077);
	assert_int_equal(cq_store_init(dir, pub, why), CQ_STORE_OK);
	umask(old);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	/* root.pub is the key file as given */
	size_t n, m;
	snprintf(p, sizeof p, "%s/root.pub", dir);
	char *a = tu_slurp(pub, &n), *b = tu_slurp(p, &m);
	assert_int_equal(n, m);
	assert_memory_equal(a, b, n);
	free(a);
	free(b);
	/* again with the same root: fine; with another: refused */
	assert_int_equal(cq_store_init(dir, pub, why), CQ_STORE_OK);
	assert_non_null(strstr(why, "already trusts this root"));
	sf_root_pub(other, other_root, "other.pub");
	assert_int_equal(cq_store_init(dir, other, why), CQ_STORE_FOREIGN_ROOT);
	assert_non_null(strstr(why, "refusing to replace it with"));
	assert_non_null(strstr(why, "remove"));
	/* not a root key, not a key, no file */
	sf_root_pub(other, zz, "issuer.pub");
	sf_fresh(dir, "init2");
	assert_int_equal(cq_store_init(dir, other, why), CQ_STORE_BAD_FILE);
	assert_non_null(strstr(why, "is an issuer key, not a root key"));
	sf_write(sf_path(other, "junk.pub"), "junk\n", 5, 0644);
	assert_int_equal(cq_store_init(dir, other, why), CQ_STORE_BAD_FILE);
	assert_int_equal(cq_store_init(dir, sf_path(other, "missing.pub"), why), CQ_STORE_BAD_FILE);
	assert_int_equal(access(dir, F_OK), -1);                         /* nothing made for a bad key */
	/* an existing directory others can write */
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(cq_store_init(dir, pub, why), CQ_STORE_UNSAFE);
}

static void load_states(void **state)
{
	(void)state;
	char dir[512], bundle[512], why[256], p[600];
	cq_trust *t = (cq_trust *)1;
	cq_pubkey k;
	sf_fresh(dir, "load");
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_NO_STORE);
	assert_null(t);
	assert_non_null(strstr(why, "no trust store at"));
	assert_int_equal(cq_store_load_root(dir, &k, why), CQ_STORE_NO_STORE);
	new_store(dir, "load");
	assert_int_equal(cq_store_load_root(dir, &k, why), CQ_STORE_OK);
	assert_memory_equal(&k, cq_seckey_pubkey(root), sizeof k);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_NO_BUNDLE);
	assert_non_null(strstr(why, "no trust bundle installed in"));
	bool already = true;
	cq_bundle_header h;
	assert_int_equal(cq_store_install(dir, sf_bundle(bundle, root, 3, "2026-11-01", "v3.bundle"), &already, &h, why),
	                 CQ_STORE_OK);
	assert_false(already);
	assert_int_equal(h.version, 3);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_OK);
	assert_int_equal(cq_trust_version(t), 3);
	assert_int_equal(cq_trust_delegation_count(t), 2);
	cq_trust_free(t);
	/* root.pub replaced by an issuer's key */
	snprintf(p, sizeof p, "%s/root.pub", dir);
	char text[512];
	cq_err e;
	assert_int_equal(cq_pubkey_encode_text(cq_seckey_pubkey(zz), text, sizeof text, &e), 0);
	sf_write(p, text, strlen(text), 0644);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_NO_STORE);
	assert_non_null(strstr(why, "not a root key"));
	/* another root: the installed bundle is foreign to it */
	assert_int_equal(cq_pubkey_encode_text(cq_seckey_pubkey(other_root), text, sizeof text, &e), 0);
	sf_write(p, text, strlen(text), 0644);
	assert_int_equal(remove(strcat(strcpy(p, dir), "/trust.floor")), 0);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_FOREIGN_ROOT);
	assert_null(t);
	/* an unsafe store is refused before anything is read */
	new_store(dir, "load");
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_UNSAFE);
}

/* docs/trust.md §7: each refusal of --install with its message; the
 * identical bundle a no-op; nothing written by a refusal. */
static void install_refusals(void **state)
{
	(void)state;
	char dir[512], b2[512], b3[512], b3b[512], bf[512], bad[512], why[256], p[600];
	bool already;
	cq_bundle_header h;
	new_store(dir, "install");
	sf_bundle(b2, root, 2, "2026-12-02", "v2.bundle");
	sf_bundle(b3, root, 3, "2026-11-01", "v3.bundle");
	assert_int_equal(cq_store_install(dir, b3, &already, &h, why), CQ_STORE_OK);
	/* the same bundle again: a no-op */
	assert_int_equal(cq_store_install(dir, b3, &already, &h, why), CQ_STORE_OK);
	assert_true(already);
	assert_string_equal(why, "version 3 of 2026-11-01 is already installed");
	/* older */
	char want[700];
	snprintf(want, sizeof want, "%s: refused, rollback: bundle version 2 (2026-12-02) is older than the installed "
	         "version 3 (2026-11-01)", b2);
	assert_int_equal(cq_store_install(dir, b2, &already, &h, why), CQ_STORE_ROLLBACK);
	assert_string_equal(why, want);
	assert_false(already);
	/* same version, other bytes */
	cq_delegation dls[1] = { dk };
	cq_bundle_spec s = { .version = 3, .date = D("2026-11-01"), .delegations = dls, .n_delegations = 1 };
	size_t n;
	uint8_t *b = make_bundle(&s, root, &n);
	sf_write(sf_path(b3b, "v3b.bundle"), b, n, 0644);
	assert_int_equal(cq_store_install(dir, b3b, &already, &h, why), CQ_STORE_ROLLBACK);
	assert_non_null(strstr(why, "versions must increase"));
	/* a foreign root */
	sf_bundle(bf, other_root, 9, "2026-12-09", "foreign.bundle");
	assert_int_equal(cq_store_install(dir, bf, &already, &h, why), CQ_STORE_FOREIGN_ROOT);
	assert_non_null(strstr(why, "refused, foreign root"));
	/* a bad signature: the version edited */
	char *text = tu_slurp(sf_bundle(bad, root, 5, "2026-12-05", "v5.bundle"), &n);
	text[16] ^= 0x01;                                            /* the version (bytes 13-16): 5 -> 4 */
	sf_write(bad, text, n, 0644);
	assert_int_equal(cq_store_install(dir, bad, &already, &h, why), CQ_STORE_BAD_SIGNATURE);
	assert_non_null(strstr(why, "refused, bad signature"));
	/* truncated, trailing data, not a bundle at all, two arguments swapped */
	text[16] ^= 0x01;
	sf_write(bad, text, n - 1, 0644);
	assert_int_equal(cq_store_install(dir, bad, &already, &h, why), CQ_STORE_BAD_FILE);
	text = realloc(text, n + 1);
	assert_non_null(text);
	text[n] = 0;
	sf_write(bad, text, n + 1, 0644);
	assert_int_equal(cq_store_install(dir, bad, &already, &h, why), CQ_STORE_BAD_FILE);
	sf_write(bad, "hello\n", 6, 0644);
	assert_int_equal(cq_store_install(dir, bad, &already, &h, why), CQ_STORE_BAD_FILE);
	assert_non_null(strstr(why, "not a valid trust bundle"));
	snprintf(p, sizeof p, "%s/root.pub", dir);
	assert_int_equal(cq_store_install(dir, p, &already, &h, why), CQ_STORE_BAD_FILE);
	assert_non_null(strstr(why, "this is a public key (.pub), but a trust bundle (.bundle) is needed here"));
	assert_int_equal(cq_store_install(dir, sf_path(bad, "missing.bundle"), &already, &h, why), CQ_STORE_BAD_FILE);
	/* every refusal left version 3 installed */
	cq_trust *t;
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_OK);
	assert_int_equal(cq_trust_version(t), 3);
	cq_trust_free(t);
	/* and no temporary file behind */
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *de; (de = readdir(d));)
		if (strstr(de->d_name, ".tmp.")) fail_msg("left behind: %s", de->d_name);
	closedir(d);
	free(text);
	free(b);
}

/* The floor (docs/trust.md §7): a bundle copied over trust.bundle by hand,
 * or damaged, does not lower what may be installed; reinstalling the
 * floor's own bundle repairs the store. */
static void floor_holds(void **state)
{
	(void)state;
	char dir[512], b2[512], b3[512], b4[512], why[256], p[600];
	bool already;
	cq_bundle_header h;
	cq_trust *t;
	new_store(dir, "floor");
	sf_bundle(b2, root, 2, "2026-10-01", "v2.bundle");
	sf_bundle(b3, root, 3, "2026-11-01", "v3.bundle");
	sf_bundle(b4, root, 4, "2026-12-01", "v4.bundle");
	assert_int_equal(cq_store_install(dir, b2, &already, &h, why), CQ_STORE_OK);
	assert_int_equal(cq_store_install(dir, b3, &already, &h, why), CQ_STORE_OK);
	snprintf(p, sizeof p, "%s/trust.floor", dir);
	size_t n;
	char *fl = tu_slurp(p, &n);
	assert_non_null(strstr(fl, " version=3 date=2026-11-01 hash="));
	free(fl);
	/* v2 copied over the bundle by hand: loading says rolled back */
	snprintf(p, sizeof p, "%s/trust.bundle", dir);
	char *v2 = tu_slurp(b2, &n);
	sf_write(p, v2, n, 0644);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_ROLLBACK);
	assert_null(t);
	assert_non_null(strstr(why, "rolled back: the installed bundle is version 2 (2026-10-01), but version 3 (2026-11-01) "
	                            "was installed here"));
	/* and installing v2 is still refused: the floor, not the file, decides */
	assert_int_equal(cq_store_install(dir, b2, &already, &h, why), CQ_STORE_ROLLBACK);
	/* a damaged bundle: not loadable, does not lower the floor */
	sf_write(p, v2, n / 2, 0644);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_BAD_FILE);
	assert_int_equal(cq_store_install(dir, b2, &already, &h, why), CQ_STORE_ROLLBACK);
	/* reinstalling v3 repairs it */
	assert_int_equal(cq_store_install(dir, b3, &already, &h, why), CQ_STORE_OK);
	assert_false(already);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_OK);
	cq_trust_free(t);
	/* a newer one installs and raises the floor */
	assert_int_equal(cq_store_install(dir, b4, &already, &h, why), CQ_STORE_OK);
	assert_int_equal(cq_store_install(dir, b3, &already, &h, why), CQ_STORE_ROLLBACK);
	/* a damaged floor blocks loading and installing */
	snprintf(p, sizeof p, "%s/trust.floor", dir);
	sf_write(p, "garbage\n", 8, 0644);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_DAMAGED);
	assert_int_equal(cq_store_install(dir, b4, &already, &h, why), CQ_STORE_DAMAGED);
	/* a floor of another root */
	cq_store_floor f;
	memset(&f, 0, sizeof f);
	memcpy(f.root_id, cq_seckey_pubkey(other_root)->id, CQ_KEY_ID_BYTES);
	f.version = 1;
	f.date = D("2026-01-01");
	assert_int_equal(cq_store_floor_write(dir, &f, why), CQ_STORE_OK);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_FOREIGN_ROOT);
	assert_non_null(strstr(why, "names another root key"));
	assert_int_equal(cq_store_install(dir, b4, &already, &h, why), CQ_STORE_FOREIGN_ROOT);
	/* without a floor (a store from before floors), the installed bundle
	 * that verifies is the floor */
	assert_int_equal(remove(p), 0);
	assert_int_equal(cq_store_install(dir, b3, &already, &h, why), CQ_STORE_ROLLBACK);
	assert_int_equal(cq_store_install(dir, b4, &already, &h, why), CQ_STORE_OK);
	assert_true(already);
	assert_int_equal(access(p, F_OK), 0);                         /* the floor written again */
	free(v2);
}

/* A temporary file left by a crash is ignored and does not block. */
static void crash_leftovers(void **state)
{
	(void)state;
	char dir[512], b3[512], why[256], p[600];
	bool already;
	cq_bundle_header h;
	cq_trust *t;
	new_store(dir, "crash");
	snprintf(p, sizeof p, "%s/trust.bundle.tmp.AbC123", dir);
	sf_write(p, "half a bun", 10, 0600);
	assert_int_equal(cq_store_install(dir, sf_bundle(b3, root, 3, "2026-11-01", "v3.bundle"), &already, &h, why),
	                 CQ_STORE_OK);
	assert_int_equal(cq_store_load(dir, &t, why), CQ_STORE_OK);
	cq_trust_free(t);
	/* installed files: 0644 */
	struct stat st;
	snprintf(p, sizeof p, "%s/trust.bundle", dir);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dir_choice), cmocka_unit_test(init), cmocka_unit_test(load_states),
		cmocka_unit_test(install_refusals), cmocka_unit_test(floor_holds), cmocka_unit_test(crash_leftovers),
	};
	return cmocka_run_group_tests(tests, storefix_setup, storefix_teardown);
}
