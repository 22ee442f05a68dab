/* Trust store directories for the store tests (test_store.c,
 * test_store_floor.c, test_store_perm.c): a private base directory under
 * $TMPDIR (or /tmp), removed at the end; files written and read whole.
 * Keys and bundles come from trustfix.h. */
#ifndef CQ_STOREFIX_H
#define CQ_STOREFIX_H

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trustfix.h"
#include "testutil.h"
#include "certqr/io.h"
#include "certqr/armor.h"
#include "certqr/store.h"

static char sf_base[256];

/* rm -r path (what the tests made: files, links, directories). */
static inline void sf_rm(const char *path)
{
	struct stat st;
	if (lstat(path, &st)) return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		if (d) {
			for (struct dirent *de; (de = readdir(d));) {
				if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
				char sub[1024];
				if (snprintf(sub, sizeof sub, "%s/%s", path, de->d_name) < (int)sizeof sub) sf_rm(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else
		unlink(path);
}

/* The base directory, 0700, in a sticky /tmp: a safe parent for stores. */
static inline int storefix_setup(void **state)
{
	if (trustfix_setup(state)) return -1;
	const char *tmp = getenv("TMPDIR");
	/* short, so messages that cut paths (at 60 or 100 bytes) quote them whole */
	snprintf(sf_base, sizeof sf_base, "%s/certqr-unit-XXXXXX", tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	return mkdtemp(sf_base) ? 0 : -1;
}

static inline int storefix_teardown(void **state)
{
	if (sf_base[0]) sf_rm(sf_base);
	return trustfix_teardown(state);
}

/* base/name, in out[512]. */
static inline char *sf_path(char out[512], const char *name)
{
	assert_true(snprintf(out, 512, "%s/%s", sf_base, name) < 512);
	return out;
}

static inline void sf_write(const char *path, const void *data, size_t n, unsigned mode)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* A directory that does not exist yet (removed if it does), under the base. */
static inline char *sf_fresh(char out[512], const char *name)
{
	sf_path(out, name);
	sf_rm(out);
	return out;
}

/* The root public key file of trustfix's root (or another), under the base. */
static inline char *sf_root_pub(char out[512], const cq_seckey *k, const char *name)
{
	char text[512];
	cq_err e;
	assert_int_equal(cq_pubkey_encode_text(cq_seckey_pubkey(k), text, sizeof text, &e), 0);
	sf_write(sf_path(out, name), text, strlen(text), 0644);
	return out;
}

/* A bundle of version v, dated `date`, signed by `signer`, written under
 * the base as `name`: one or two delegations, by the parity of v. */
static inline char *sf_bundle(char out[512], cq_seckey *signer, uint32_t v, const char *date, const char *name)
{
	cq_delegation dls[2] = { dz, dk };
	/* trustfix's delegations are signed by its root: none in another root's bundle */
	cq_bundle_spec s = { .version = v, .date = D(date), .delegations = dls, .n_delegations = signer == root ? 1 + v % 2 : 0 };
	size_t n;
	uint8_t *b = make_bundle(&s, signer, &n);
	sf_write(sf_path(out, name), b, n, 0644);
	free(b);
	return out;
}

#endif
