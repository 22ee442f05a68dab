/* Errors from the certqr core: a stable code, the field concerned, and a
 * sentence naming the rule that was broken. The core never prints.
 *
 * The convention of every public function (each prototype's comment says
 * which applies, and any exception):
 *   int f(..., cq_err *e)     0 on success; -1 with *e filled (e may be NULL)
 *   long f(...)               a length >= 0, or -1 (with *e where given)
 *   T *f(...)                 the object, or NULL (no memory, or not found)
 *   bool f(...)               a predicate: no error case
 *   enum f(...)               the enum is the answer (cq_status, cq_store_rc,
 *                             cq_audit_status, cq_bundle_update)
 * Functions of libcertqr-io.a and the render/scan/page archives, which meet
 * files and outside libraries, report with char why[256] (an English
 * sentence) instead of cq_err, and say so. errno is never the interface. */
#ifndef CERTQR_ERROR_H
#define CERTQR_ERROR_H

/* On every verify, decode, parse and lookup: ignoring its answer is a bug
 * (a warning, which the build treats as one). */
#if defined(__GNUC__) || defined(__clang__)
#define CQ_MUST_USE __attribute__((warn_unused_result))
#else
#define CQ_MUST_USE
#endif

#include <stddef.h>

typedef enum cq_code {
	CQ_OK = 0,
	CQ_E_FIELD,        /* a record field breaks a validation rule */
	CQ_E_FORMAT,       /* bytes/text are not well-formed for their format */
	CQ_E_VERSION,      /* well-formed prefix, unknown version */
	CQ_E_NOT_CERTQR,   /* not this project's data at all */
	CQ_E_SIGNATURE,    /* signature does not verify */
	CQ_E_KEY,          /* key mismatch, wrong role, wrong key id */
	CQ_E_PASSPHRASE,   /* secret key could not be decrypted with this passphrase */
	CQ_E_CORRUPT,      /* checksum mismatch: file damaged */
	CQ_E_LIMIT,        /* input exceeds a documented bound */
	CQ_E_NOMEM,
	CQ_E_CRYPTO        /* libsodium failed to initialise or to run */
} cq_code;

typedef struct cq_err {
	cq_code code;
	char field[32];    /* record field or format element, "" if none */
	char msg[192];     /* English sentence: the rule that was broken */
} cq_err;

/* Fills *e (if non-NULL) and returns -1, so callers can `return cq_fail(...)`. */
int cq_fail(cq_err *e, cq_code code, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Resets *e to CQ_OK with empty field and message (e may be NULL). */
void cq_err_clear(cq_err *e);
/* "ok", "field", "format", ...: the code's stable name, for messages. */
const char *cq_code_name(cq_code c);

#endif
