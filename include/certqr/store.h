/* A verifier's trust store directory (program side, lib/io/store.c):
 *
 *     DIR/root.pub        the province root public key (the trust anchor)
 *     DIR/trust.bundle    the installed bundle, replaced atomically
 *     DIR/trust.floor     the version floor: the newest bundle ever installed
 *                         here (version and hash), replaced atomically after
 *                         the bundle (lib/io/store_floor.c)
 *     DIR/trust.lock      locked (flock) by an install, from reading the floor
 *                         to writing it
 *
 * Default DIR: $CERTQR_TRUST, else CQ_STORE_DEFAULT. A store that others can
 * write is refused (cq_store_check_perms). */
#ifndef CERTQR_STORE_H
#define CERTQR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include <stdint.h>
#include "key.h"
#include "trust.h"

#define CQ_STORE_DEFAULT   "/var/lib/certqr/trust"
#define CQ_STORE_ENV       "CERTQR_TRUST"
#define CQ_STORE_ROOT      "root.pub"
#define CQ_STORE_BUNDLE    "trust.bundle"
#define CQ_STORE_FLOOR     "trust.floor"
#define CQ_STORE_LOCK      "trust.lock"
#define CQ_STORE_HASH_BYTES 32

/* `flag` (from --trust) if non-NULL, else $CERTQR_TRUST if set and
 * non-empty, else the default. */
const char *cq_store_dir(const char *flag);

/* Outcome of loading or installing, each with its own message. */
typedef enum cq_store_rc {
	CQ_STORE_OK = 0,
	CQ_STORE_NO_STORE,        /* directory or root.pub missing/unreadable */
	CQ_STORE_NO_BUNDLE,       /* no trust.bundle installed yet */
	CQ_STORE_BAD_FILE,        /* not a bundle, unknown format, malformed, too big */
	CQ_STORE_BAD_SIGNATURE,   /* signature (bundle or a delegation) does not verify */
	CQ_STORE_FOREIGN_ROOT,    /* signed by a root this store does not trust */
	CQ_STORE_ROLLBACK,        /* version older than (or equal to, but different from) the installed one */
	CQ_STORE_IO,              /* could not write */
	CQ_STORE_UNSAFE,          /* others can write the store (cq_store_check_perms) */
	CQ_STORE_DAMAGED,         /* the store's trust.floor cannot be read or parsed */
} cq_store_rc;

/* Loads DIR/root.pub and verifies DIR/trust.bundle with it. why[256].
 * Also refuses an unsafe store (CQ_STORE_UNSAFE), a damaged trust.floor
 * (CQ_STORE_DAMAGED), a floor of another root (CQ_STORE_FOREIGN_ROOT), and
 * a bundle below the floor or of the floor's version with another hash
 * (CQ_STORE_ROLLBACK: the file was replaced by an older bundle). */
CQ_MUST_USE cq_store_rc cq_store_load(const char *dir, cq_trust **out, char why[256]);
CQ_MUST_USE cq_store_rc cq_store_load_root(const char *dir, cq_pubkey *root, char why[256]);

/* Installs `bundle_path` into DIR: refuses an unsafe store, verifies the
 * bundle against DIR/root.pub, refuses a foreign root, a bad signature, or
 * a version below the floor (or equal to it with another hash), then writes
 * DIR/trust.bundle.tmp.XXXXXX, fsyncs, renames over DIR/trust.bundle, fsyncs
 * DIR, and records the new floor the same way; all under the store's lock,
 * so concurrent installs happen one after the other. The floor is the newer
 * of DIR/trust.floor and the installed bundle if that still verifies: a
 * damaged trust.bundle does not lower it. Reinstalling the floor's own
 * bundle over a damaged copy repairs it. An identical bundle is a no-op
 * (*already = true). `installed` receives the new header. */
cq_store_rc cq_store_install(const char *dir, const char *bundle_path, bool *already,
                             cq_bundle_header *installed, char why[256]);

/* Creates DIR (mode 0755, whatever the umask) and DIR/root.pub from a root
 * public key file; refuses to replace a different existing root, and an
 * existing DIR that others can write. */
cq_store_rc cq_store_init(const char *dir, const char *root_pub_path, char why[256]);

/* CQ_STORE_UNSAFE (why[] says which file and the chmod that fixes it) when
 * others can write the store: DIR or its parent writable by everyone (a
 * sticky parent such as /tmp excepted) or by their group (except a sticky
 * directory of the caller's own group: the kiosk's store), DIR or its parent
 * owned by someone other than root or the caller; root.pub, trust.bundle or
 * trust.floor not a regular file or writable by group or others; root.pub
 * owned by someone other than root or the caller. Absent files pass. */
cq_store_rc cq_store_check_perms(const char *dir, char why[256]);

/* The version floor (lib/io/store_floor.c). */
typedef struct cq_store_floor {
	uint8_t root_id[CQ_KEY_ID_BYTES];
	uint32_t version;
	cq_date date;
	uint8_t hash[CQ_STORE_HASH_BYTES];   /* BLAKE2b-256 of the bundle's bytes */
} cq_store_floor;
/* The floor a bundle (already verified) sets. */
void cq_store_floor_of(const uint8_t *bundle, size_t n, const cq_bundle_header *h, cq_store_floor *f);
/* "certqr-trust-floor v1 root=<16 hex> version=<n> date=<YYYY-MM-DD> hash=<64 hex>\n";
 * returns the length, or -1 if cap is too small. */
int cq_store_floor_format(const cq_store_floor *f, char *out, size_t cap);
/* Strict: only what cq_store_floor_format writes. 0 or -1. */
CQ_MUST_USE int cq_store_floor_parse(const char *text, size_t n, cq_store_floor *f);
/* Reads DIR/trust.floor: *have = false if absent; CQ_STORE_DAMAGED if it
 * cannot be read or parsed. */
cq_store_rc cq_store_floor_read(const char *dir, cq_store_floor *f, bool *have, char why[256]);
/* Replaces DIR/trust.floor atomically; CQ_STORE_IO on failure. */
cq_store_rc cq_store_floor_write(const char *dir, const cq_store_floor *f, char why[256]);

#endif
