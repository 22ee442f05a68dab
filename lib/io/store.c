/* A verifier's trust store directory: the root anchor, the installed bundle
 * and its version floor; atomic installation under a lock, with rollback
 * and foreign-root refusal; stores that others can write are refused. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
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

/* The floor belongs to this root and the bundle is not below it. */
static cq_store_rc against_floor(const char *dir, const cq_store_floor *f, const cq_pubkey *root,
                                 const cq_store_floor *b, char why[256])
{
	char have[11], want[11];
	cq_date_format(b->date, have);
	cq_date_format(f->date, want);
	if (memcmp(f->root_id, root->id, CQ_KEY_ID_BYTES)) {
		WHY("%.60s/%s names another root key: after changing roots on purpose, remove it by hand", dir, CQ_STORE_FLOOR);
		return CQ_STORE_FOREIGN_ROOT;
	}
	if (b->version < f->version) {
		WHY("%.60s: rolled back: the installed bundle is version %u (%s), but version %u (%s) was installed here; "
		    "install version %u or newer", dir, (unsigned)b->version, have, (unsigned)f->version, want, (unsigned)f->version);
		return CQ_STORE_ROLLBACK;
	}
	if (b->version == f->version && sodium_memcmp(b->hash, f->hash, CQ_STORE_HASH_BYTES)) {
		WHY("%.60s: the installed bundle differs from the version %u that was installed here; reinstall it", dir,
		    (unsigned)f->version);
		return CQ_STORE_ROLLBACK;
	}
	return CQ_STORE_OK;
}

cq_store_rc cq_store_load(const char *dir, cq_trust **out, char why[256])
{
	cq_pubkey root;
	*out = NULL;
	cq_store_rc rc = cq_store_check_perms(dir, why);
	if (!rc) rc = cq_store_load_root(dir, &root, why);
	if (rc) return rc;
	/* The floor first, then the bundle: an install writes them in the
	 * other order, so a reader never sees a new floor with an old bundle. */
	cq_store_floor fl, got;
	bool have_floor;
	if ((rc = cq_store_floor_read(dir, &fl, &have_floor, why))) return rc;
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
	} else if (have_floor) {
		cq_bundle_header h;
		cq_bundle_peek((const uint8_t *)buf, n, &h, NULL);
		cq_store_floor_of((const uint8_t *)buf, n, &h, &got);
		if ((rc = against_floor(dir, &fl, &root, &got, why))) {
			cq_trust_free(*out);
			*out = NULL;
		}
	}
	free(buf);
	free(path);
	return rc;
}

/* Installs are serialised by an exclusive flock on DIR/trust.lock, held
 * from reading the floor to writing it: two installs at once cannot both
 * compare against the old floor (v3 and v2 racing once left v2 installed).
 * Readers take no lock (see cq_store_load). Returns the descriptor. */
static int lock_store(const char *dir, char why[256])
{
	char *path = join(dir, CQ_STORE_LOCK);
	if (!path) { WHY("out of memory"); return -1; }
	int fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) { WHY("%.100s: %s", path, strerror(errno)); free(path); return -1; }
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR) continue;
		WHY("%.100s: cannot lock: %s", path, strerror(errno));
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	return fd;
}

/* In a sticky directory nobody but a file's owner (or the directory's, or
 * root) can rename over it: find that out before anything is written. */
static bool replaceable(const char *dir, const char *name)
{
	struct stat ds, fs;
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (geteuid() == 0 || stat(dir, &ds) || !(ds.st_mode & S_ISVTX) || lstat(path, &fs)) return true;
	return fs.st_uid == geteuid() || ds.st_uid == geteuid();
}

cq_store_rc cq_store_install(const char *dir, const char *bundle_path, bool *already,
                             cq_bundle_header *installed, char why[256])
{
	cq_pubkey root;
	*already = false;
	cq_store_rc rc = cq_store_check_perms(dir, why);
	if (!rc) rc = cq_store_load_root(dir, &root, why);
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
	cq_trust_free(t);
	cq_bundle_header nh, oh;
	cq_bundle_peek((const uint8_t *)nb, nn, &nh, NULL);
	cq_store_floor nf, fl, old;
	cq_store_floor_of((const uint8_t *)nb, nn, &nh, &nf);
	char *path = join(dir, CQ_STORE_BUNDLE);
	if (!path) { free(nb); WHY("out of memory"); return CQ_STORE_IO; }
	int lock = lock_store(dir, why);
	if (lock < 0) { free(path); free(nb); return CQ_STORE_IO; }
	/* The floor: the newest of trust.floor and the installed bundle when
	 * that still verifies (an install cut off between writing the bundle
	 * and the floor, or a store from before floors existed). A damaged or
	 * unsigned bundle file counts for nothing; the floor file holds. */
	bool have_floor;
	if ((rc = cq_store_floor_read(dir, &fl, &have_floor, why))) goto out;
	if (have_floor && memcmp(fl.root_id, root.id, CQ_KEY_ID_BYTES)) {
		WHY("%.60s/%s names another root key: after changing roots on purpose, remove it by hand", dir, CQ_STORE_FLOOR);
		rc = CQ_STORE_FOREIGN_ROOT;
		goto out;
	}
	bool on_disk_ok = false;
	if (cq_read_file(path, CQ_BUNDLE_MAX_BYTES, &ob, &on, w) == 0 &&
	    cq_trust_decode((const uint8_t *)ob, on, &root, &t, &e) == 0) {
		cq_trust_free(t);
		on_disk_ok = true;
		cq_bundle_peek((const uint8_t *)ob, on, &oh, NULL);
		cq_store_floor_of((const uint8_t *)ob, on, &oh, &old);
		if (!have_floor || old.version > fl.version) fl = old, have_floor = true;
	}
	char od[11], ndate[11];
	cq_date_format(nh.date, ndate);
	if (have_floor) {
		cq_date_format(fl.date, od);
		bool same = !sodium_memcmp(nf.hash, fl.hash, CQ_STORE_HASH_BYTES) && nf.version == fl.version;
		if (same && on_disk_ok && on == nn && !memcmp(ob, nb, nn)) {
			*already = true;
			if (installed) *installed = nh;
			WHY("version %u of %s is already installed", (unsigned)nh.version, ndate);
			/* a floor missing or lagging behind is brought up to date */
			rc = replaceable(dir, CQ_STORE_FLOOR) ? cq_store_floor_write(dir, &nf, why) : CQ_STORE_OK;
			goto out;
		}
		if (nh.version < fl.version) {
			WHY("%s: refused, rollback: bundle version %u (%s) is older than the installed version %u (%s)",
			    bundle_path, (unsigned)nh.version, ndate, (unsigned)fl.version, od);
			rc = CQ_STORE_ROLLBACK;
			goto out;
		}
		if (nh.version == fl.version && !same) {
			WHY("%s: refused, rollback: bundle version %u differs from the installed bundle of the same version; "
			    "versions must increase", bundle_path, (unsigned)nh.version);
			rc = CQ_STORE_ROLLBACK;
			goto out;
		}
		/* same version and hash, but the file on disk is damaged: repaired below */
	}
	if (!replaceable(dir, CQ_STORE_BUNDLE) || !replaceable(dir, CQ_STORE_FLOOR)) {
		WHY("%.60s: could not install: %s or %s belongs to another user in this sticky directory", dir, CQ_STORE_BUNDLE,
		    CQ_STORE_FLOOR);
		rc = CQ_STORE_IO;
		goto out;
	}
	/* Bundle first, then the floor: a crash between them leaves a newer
	 * bundle above an older floor, which loads and is fixed by the next
	 * install; never a floor above its bundle. */
	if (cq_write_atomic(path, nb, nn, 0644, true, w)) {
		WHY("%.60s: could not install: %.160s", dir, w);
		rc = CQ_STORE_IO;
		goto out;
	}
	if ((rc = cq_store_floor_write(dir, &nf, why))) goto out;
	if (installed) *installed = nh;
	rc = CQ_STORE_OK;
out:
	close(lock);   /* releases the flock */
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
	if (mkdir(dir, 0755) == 0) {
		if (chmod(dir, 0755) != 0) {   /* whatever the umask: writable by the administrator only */
			WHY("%s: %s", dir, strerror(errno));
			free(buf);
			return CQ_STORE_IO;
		}
	} else if (errno != EEXIST) {
		WHY("%s: %s", dir, strerror(errno));
		free(buf);
		return CQ_STORE_IO;
	}
	cq_store_rc prc = cq_store_check_perms(dir, why);
	if (prc) { free(buf); return prc; }
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
