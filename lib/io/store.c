/* A verifier's trust store directory: the root anchor and the installed
 * bundle; atomic installation with rollback and foreign-root refusal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "certqr/armor.h"
#include "certqr/io.h"
#include "certqr/store.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)

const char *cq_store_dir(const char *flag)
{
	if (flag) return flag;
	const char *env = getenv(CQ_STORE_ENV);
	return env && *env ? env : CQ_STORE_DEFAULT;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p) snprintf(p, n, "%s/%s", dir, name);
	return p;
}

cq_store_rc cq_store_load_root(const char *dir, cq_pubkey *root, char why[256])
{
	char *path = join(dir, CQ_STORE_ROOT), *buf, w[256];
	size_t n;
	cq_err e;
	if (!path) { WHY("out of memory"); return CQ_STORE_IO; }
	if (cq_read_file(path, CQ_ARMOR_MAX_TEXT, &buf, &n, w)) {
		WHY("no trust store at %.60s: %.150s", dir, w);
		free(path);
		return CQ_STORE_NO_STORE;
	}
	int rc = cq_pubkey_decode_text(buf, n, root, &e);
	free(buf);
	if (!rc && root->role != CQ_ROLE_ROOT) {
		WHY("%s: is %s, not a root key", path, cq_role_phrase(root->role));
		free(path);
		return CQ_STORE_NO_STORE;
	}
	if (rc) WHY("%s: %s", path, e.msg);
	free(path);
	return rc ? CQ_STORE_NO_STORE : CQ_STORE_OK;
}

static cq_store_rc classify(const cq_err *e)
{
	switch (e->code) {
	case CQ_E_SIGNATURE: return CQ_STORE_BAD_SIGNATURE;
	case CQ_E_KEY: return CQ_STORE_FOREIGN_ROOT;
	default: return CQ_STORE_BAD_FILE;
	}
}

static const char *label(cq_store_rc rc)
{
	switch (rc) {
	case CQ_STORE_BAD_SIGNATURE: return "bad signature";
	case CQ_STORE_FOREIGN_ROOT: return "foreign root";
	default: return "not a valid trust bundle";
	}
}

cq_store_rc cq_store_load(const char *dir, cq_trust **out, char why[256])
{
	cq_pubkey root;
	*out = NULL;
	cq_store_rc rc = cq_store_load_root(dir, &root, why);
	if (rc) return rc;
	char *path = join(dir, CQ_STORE_BUNDLE), *buf, w[256];
	size_t n;
	cq_err e;
	if (!path) { WHY("out of memory"); return CQ_STORE_IO; }
	if (cq_read_file(path, CQ_BUNDLE_MAX_BYTES, &buf, &n, w)) {
		WHY("no trust bundle installed in %.60s: %.160s", dir, w);
		free(path);
		return CQ_STORE_NO_BUNDLE;
	}
	if (cq_trust_decode((const uint8_t *)buf, n, &root, out, &e)) {
		rc = classify(&e);
		WHY("%s: %s: %s", path, label(rc), e.msg);
	}
	free(buf);
	free(path);
	return rc;
}

cq_store_rc cq_store_install(const char *dir, const char *bundle_path, bool *already,
                             cq_bundle_header *installed, char why[256])
{
	cq_pubkey root;
	*already = false;
	cq_store_rc rc = cq_store_load_root(dir, &root, why);
	if (rc) return rc;
	char *nb, *ob = NULL, w[256];
	size_t nn, on = 0;
	cq_err e;
	cq_trust *t = NULL;
	if (cq_read_file(bundle_path, CQ_BUNDLE_MAX_BYTES, &nb, &nn, w)) { WHY("%s", w); return CQ_STORE_BAD_FILE; }
	char magic[5];
	if (cq_armor_magic(nb, nn, magic) == 0 && strcmp(magic, "CQTB")) {
		WHY("%s: this is %s, but a trust bundle (.bundle) is needed here (two arguments swapped?)", bundle_path,
		    cq_armor_kind_name(magic));
		free(nb);
		return CQ_STORE_BAD_FILE;
	}
	if (cq_trust_decode((const uint8_t *)nb, nn, &root, &t, &e)) {
		rc = classify(&e);
		WHY("%s: refused, %s: %s", bundle_path, label(rc), e.msg);
		free(nb);
		return rc;
	}
	cq_bundle_header nh;
	cq_bundle_peek((const uint8_t *)nb, nn, &nh, NULL);
	cq_trust_free(t);
	char *path = join(dir, CQ_STORE_BUNDLE);
	if (!path) { free(nb); WHY("out of memory"); return CQ_STORE_IO; }
	/* The installed bundle, if any, sets the floor (cq_bundle_update_check). */
	bool have_old = cq_read_file(path, CQ_BUNDLE_MAX_BYTES, &ob, &on, w) == 0;
	switch (cq_bundle_update_check(have_old ? (const uint8_t *)ob : NULL, on, (const uint8_t *)nb, nn, root.id, w)) {
	case CQ_UPDATE_SAME:
		*already = true;
		if (installed) *installed = nh;
		WHY("%s", w);
		rc = CQ_STORE_OK;
		goto out;
	case CQ_UPDATE_ROLLBACK:
		WHY("%.100s: %.150s", bundle_path, w);
		rc = CQ_STORE_ROLLBACK;
		goto out;
	case CQ_UPDATE_NEWER:
		break;
	}
	if (cq_write_atomic(path, nb, nn, 0644, true, w)) {
		WHY("%.60s: could not install: %.160s", dir, w);
		rc = CQ_STORE_IO;
		goto out;
	}
	if (installed) *installed = nh;
	rc = CQ_STORE_OK;
out:
	free(path);
	free(ob);
	free(nb);
	return rc;
}

cq_store_rc cq_store_init(const char *dir, const char *root_pub_path, char why[256])
{
	char *buf, w[256];
	size_t n;
	cq_err e;
	cq_pubkey k, old;
	if (cq_read_file(root_pub_path, CQ_ARMOR_MAX_TEXT, &buf, &n, w)) { WHY("%s", w); return CQ_STORE_BAD_FILE; }
	int bad = cq_pubkey_decode_text(buf, n, &k, &e);
	if (bad) {
		WHY("%s: %s", root_pub_path, e.msg);
		free(buf);
		return CQ_STORE_BAD_FILE;
	}
	if (k.role != CQ_ROLE_ROOT) {
		WHY("%s: is %s, not a root key", root_pub_path, cq_role_phrase(k.role));
		free(buf);
		return CQ_STORE_BAD_FILE;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		WHY("%s: %s", dir, strerror(errno));
		free(buf);
		return CQ_STORE_IO;
	}
	if (cq_store_load_root(dir, &old, w) == CQ_STORE_OK) {
		free(buf);
		if (!memcmp(old.id, k.id, CQ_KEY_ID_BYTES)) { WHY("%s already trusts this root", dir); return CQ_STORE_OK; }
		char a[17], b[17];
		cq_key_id_hex(old.id, a);
		cq_key_id_hex(k.id, b);
		WHY("%s trusts root %s; refusing to replace it with %s (remove %s/%s by hand to change roots)", dir, a, b, dir,
		    CQ_STORE_ROOT);
		return CQ_STORE_FOREIGN_ROOT;
	}
	char *path = join(dir, CQ_STORE_ROOT);
	cq_store_rc rc = CQ_STORE_OK;
	if (!path || cq_write_atomic(path, buf, n, 0644, false, w)) {
		WHY("%s", path ? w : "out of memory");
		rc = CQ_STORE_IO;
	}
	free(path);
	free(buf);
	return rc;
}
