/* Who can write a trust store (certqr/store.h, cq_store_check_perms).
 * Anyone who can replace root.pub decides every verdict, and anyone who can
 * replace trust.bundle or trust.floor can roll revocations back; so the
 * store, its parent and those files must be writable by the administrator
 * only (root or the user running the program). The kiosk's store is the
 * one shared layout allowed: a sticky directory writable by the kiosk's own
 * group, in which nobody can remove or replace a file someone else owns. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "certqr/store.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)

static bool own_group(gid_t g)
{
	if (g == getegid()) return true;
	gid_t list[256];
	int n = getgroups(256, list);
	for (int i = 0; i < n; i++)
		if (list[i] == g) return true;
	return false;
}

static bool trusted_owner(uid_t u) { return u == 0 || u == geteuid(); }

/* A directory: not writable by others, by its group only when sticky and
 * the group is the caller's own (the kiosk layout), owned by root or the
 * caller. */
static cq_store_rc check_dir(const char *path, const char *what, char why[256])
{
	struct stat st;
	if (stat(path, &st) != 0) return CQ_STORE_OK;   /* reported by whoever opens it */
	unsigned m = (unsigned)st.st_mode & 07777;
	if (!trusted_owner(st.st_uid)) {
		WHY("信任库不安全 unsafe trust store: %.100s (%s) belongs to uid %u, not to root or you: it could replace the "
		    "root key", path, what, (unsigned)st.st_uid);
		return CQ_STORE_UNSAFE;
	}
	if ((m & S_IWOTH) && !(m & S_ISVTX && !strcmp(what, "its parent"))) {
		WHY("信任库不安全 unsafe trust store: %.100s (%s) is writable by everyone (mode %04o): chmod o-w %.60s", path,
		    what, m, path);
		return CQ_STORE_UNSAFE;
	}
	if ((m & S_IWGRP) && !((m & S_ISVTX) && own_group(st.st_gid))) {
		WHY("信任库不安全 unsafe trust store: %.100s (%s) is writable by its group (mode %04o): chmod g-w %.60s", path,
		    what, m, path);
		return CQ_STORE_UNSAFE;
	}
	return CQ_STORE_OK;
}

/* A file of the store: a regular file (not a link), writable by its owner
 * only. root.pub must belong to root or the caller; the bundle and the
 * floor may belong to the kiosk user that installs bundles from sticks. */
static cq_store_rc check_file(const char *dir, const char *name, bool anchor, char why[256])
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct stat st;
	if (lstat(path, &st) != 0) return CQ_STORE_OK;   /* absent: reported by the loader */
	unsigned m = (unsigned)st.st_mode & 07777;
	if (!S_ISREG(st.st_mode)) {
		WHY("信任库不安全 unsafe trust store: %.100s/%s is not a regular file (a link or a device)", dir, name);
		return CQ_STORE_UNSAFE;
	}
	if (m & (S_IWGRP | S_IWOTH)) {
		WHY("信任库不安全 unsafe trust store: %.100s/%s is writable by %s (mode %04o): chmod go-w %.60s/%s", dir, name,
		    m & S_IWOTH ? "everyone" : "its group", m, dir, name);
		return CQ_STORE_UNSAFE;
	}
	if (anchor && !trusted_owner(st.st_uid)) {
		WHY("信任库不安全 unsafe trust store: %.100s/%s belongs to uid %u, not to root or you", dir, name, (unsigned)st.st_uid);
		return CQ_STORE_UNSAFE;
	}
	return CQ_STORE_OK;
}

cq_store_rc cq_store_check_perms(const char *dir, char why[256])
{
	char *copy = strdup(dir);
	if (!copy) { WHY("out of memory"); return CQ_STORE_IO; }
	cq_store_rc rc = check_dir(dirname(copy), "its parent", why);
	free(copy);
	if (!rc) rc = check_dir(dir, "the store directory", why);
	if (!rc) rc = check_file(dir, CQ_STORE_ROOT, true, why);
	if (!rc) rc = check_file(dir, CQ_STORE_BUNDLE, false, why);
	if (!rc) rc = check_file(dir, CQ_STORE_FLOOR, false, why);
	return rc;
}
