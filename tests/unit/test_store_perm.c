/* Who may write a trust store (lib/io/store_perm.c, docs/trust.md §7 "Who
 * may write the store"): each rule refused with its message and the chmod
 * that fixes it, the exceptions (a sticky parent such as /tmp; the kiosk's
 * sticky directory of the caller's own group), absent files. Ownership by
 * another user needs root to arrange: those cases skip otherwise. */
#include <grp.h>
#include "storefix.h"

/* A safe store: DIR 0755 in a 0700 parent, root.pub, trust.bundle and
 * trust.floor 0644. Returns DIR in dir[512]. */
static char *safe_store(char dir[512], char parent[512])
{
	char p[600];
	sf_fresh(parent, "perm");
	assert_int_equal(mkdir(parent, 0700), 0);
	assert_true(snprintf(dir, 512, "%s/st", parent) < 512);
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(chmod(dir, 0755), 0);
	static const char *const files[] = {"root.pub", "trust.bundle", "trust.floor"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		sf_write(p, "x\n", 2, 0644);
	}
	return dir;
}

static void unsafe(const char *dir, const char *says)
{
	char why[256] = "";
	assert_int_equal(cq_store_check_perms(dir, why), CQ_STORE_UNSAFE);
	if (!strstr(why, says)) fail_msg("\"%s\" lacks \"%s\"", why, says);
	assert_non_null(strstr(why, "信任库不安全 unsafe trust store: "));
}

static void safe(const char *dir)
{
	char why[256] = "";
	if (cq_store_check_perms(dir, why) != CQ_STORE_OK) fail_msg("refused: %s", why);
}

static void directories(void **state)
{
	(void)state;
	char dir[512], parent[512], want[1600];
	safe(safe_store(dir, parent));
	/* the store directory writable by its group or by everyone */
	assert_int_equal(chmod(dir, 0775), 0);
	snprintf(want, sizeof want, "%s (the store directory) is writable by its group (mode 0775): chmod g-w %s", dir, dir);
	unsafe(dir, want);
	assert_int_equal(chmod(dir, 0757), 0);
	snprintf(want, sizeof want, "%s (the store directory) is writable by everyone (mode 0757): chmod o-w %s", dir, dir);
	unsafe(dir, want);
	/* sticky does not excuse the store directory from "everyone" */
	assert_int_equal(chmod(dir, 01777), 0);
	unsafe(dir, "(the store directory) is writable by everyone");
	assert_int_equal(chmod(dir, 0755), 0);
	safe(dir);
	/* its parent: everyone may write it unless sticky (a /tmp) */
	assert_int_equal(chmod(parent, 0777), 0);
	unsafe(dir, "(its parent) is writable by everyone");
	assert_int_equal(chmod(parent, 01777), 0);
	safe(dir);
	assert_int_equal(chmod(parent, 0770), 0);
	unsafe(dir, "(its parent) is writable by its group");
	assert_int_equal(chmod(parent, 0700), 0);
	safe(dir);
}

/* The kiosk's layout: a sticky store writable by the caller's own group. */
static void kiosk_layout(void **state)
{
	(void)state;
	char dir[512], parent[512];
	safe_store(dir, parent);
	assert_int_equal(chown(dir, (uid_t)-1, getegid()), 0);
	assert_int_equal(chmod(dir, 01775), 0);
	safe(dir);
	assert_int_equal(chmod(dir, 01777), 0);                    /* but not by everyone */
	unsafe(dir, "writable by everyone");
	if (geteuid() != 0) { skip(); return; }
	/* a group the caller is not in: refused (root can give it away) */
	gid_t other = 54321;
	while (getgrgid(other)) other++;
	assert_int_equal(chown(dir, (uid_t)-1, other), 0);
	assert_int_equal(chmod(dir, 01775), 0);
	unsafe(dir, "writable by its group");
}

static void files(void **state)
{
	(void)state;
	char dir[512], parent[512], p[600], want[1600];
	static const char *const names[] = {"root.pub", "trust.bundle", "trust.floor"};
	for (int i = 0; i < 3; i++) {
		safe_store(dir, parent);
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		assert_int_equal(chmod(p, 0664), 0);
		snprintf(want, sizeof want, "%s/%s is writable by its group (mode 0664): chmod go-w %s/%s", dir, names[i], dir, names[i]);
		unsafe(dir, want);
		assert_int_equal(chmod(p, 0646), 0);
		unsafe(dir, "is writable by everyone (mode 0646)");
		assert_int_equal(chmod(p, 0600), 0);                    /* private is fine */
		safe(dir);
		assert_int_equal(chmod(p, 0444), 0);
		safe(dir);
		/* a link, even to a safe file */
		char real[700];
		snprintf(real, sizeof real, "%s/real", parent);
		sf_write(real, "x\n", 2, 0644);
		assert_int_equal(unlink(p), 0);
		assert_int_equal(symlink(real, p), 0);
		snprintf(want, sizeof want, "%s/%s is not a regular file", dir, names[i]);
		unsafe(dir, want);
		assert_int_equal(unlink(p), 0);
		/* absent: passes (the loader says what is missing) */
		safe(dir);
		/* a directory in its place */
		assert_int_equal(mkdir(p, 0755), 0);
		unsafe(dir, "is not a regular file");
	}
	/* no store at all: nothing to refuse here */
	char gone[512];
	sf_fresh(gone, "no-store-here");
	safe(gone);
}

/* Owners: the store, its parent and root.pub must belong to root or the
 * caller; trust.bundle and trust.floor may belong to the kiosk's user. */
static void owners(void **state)
{
	(void)state;
	if (geteuid() != 0) { skip(); return; }
	char dir[512], parent[512], p[600], want[1600];
	uid_t other = 54321;
	safe_store(dir, parent);
	assert_int_equal(chown(dir, other, (gid_t)-1), 0);
	snprintf(want, sizeof want, "%s (the store directory) belongs to uid 54321, not to root or you", dir);
	unsafe(dir, want);
	safe_store(dir, parent);
	assert_int_equal(chown(parent, other, (gid_t)-1), 0);
	unsafe(dir, "(its parent) belongs to uid 54321");
	assert_int_equal(chown(parent, 0, (gid_t)-1), 0);
	safe_store(dir, parent);
	snprintf(p, sizeof p, "%s/root.pub", dir);
	assert_int_equal(chown(p, other, (gid_t)-1), 0);
	snprintf(want, sizeof want, "%s/root.pub belongs to uid 54321, not to root or you", dir);
	unsafe(dir, want);
	safe_store(dir, parent);
	snprintf(p, sizeof p, "%s/trust.bundle", dir);
	assert_int_equal(chown(p, other, (gid_t)-1), 0);
	snprintf(p, sizeof p, "%s/trust.floor", dir);
	assert_int_equal(chown(p, other, (gid_t)-1), 0);
	safe(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(directories), cmocka_unit_test(kiosk_layout),
		cmocka_unit_test(files), cmocka_unit_test(owners),
	};
	return cmocka_run_group_tests(tests, storefix_setup, storefix_teardown);
}
