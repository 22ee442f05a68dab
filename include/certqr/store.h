/* A verifier's trust store directory (program side, lib/io/store.c):
 *
 *     DIR/root.pub        the province root public key (the trust anchor)
 *     DIR/trust.bundle    the installed bundle, replaced atomically
 *
 * Default DIR: $CERTQR_TRUST, else CQ_STORE_DEFAULT. */
#ifndef CERTQR_STORE_H
#define CERTQR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "key.h"
#include "trust.h"

#define CQ_STORE_DEFAULT   "/var/lib/certqr/trust"
#define CQ_STORE_ENV       "CERTQR_TRUST"
#define CQ_STORE_ROOT      "root.pub"
#define CQ_STORE_BUNDLE    "trust.bundle"

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
} cq_store_rc;

/* Loads DIR/root.pub and verifies DIR/trust.bundle with it. why[256]. */
cq_store_rc cq_store_load(const char *dir, cq_trust **out, char why[256]);
cq_store_rc cq_store_load_root(const char *dir, cq_pubkey *root, char why[256]);

/* Installs `bundle_path` into DIR: verifies it against DIR/root.pub,
 * refuses a foreign root, a bad signature, or a version not newer than the
 * installed one, then writes DIR/trust.bundle.tmp.XXXXXX, fsyncs, renames
 * over DIR/trust.bundle and fsyncs DIR. An identical bundle is a no-op
 * (*already = true). `installed` receives the new header. */
cq_store_rc cq_store_install(const char *dir, const char *bundle_path, bool *already,
                             cq_bundle_header *installed, char why[256]);

/* Creates DIR (mode 0755) and DIR/root.pub from a root public key file;
 * refuses to replace a different existing root. */
cq_store_rc cq_store_init(const char *dir, const char *root_pub_path, char why[256]);

#endif
