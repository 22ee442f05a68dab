/* The trust bundle (docs/trust.md): one root-signed file that a verifier
 * installs, holding the issuer delegations, key statuses (retired,
 * compromised), revoked and superseded certificates, the hours-rules table,
 * and a monotonically increasing version with its date.
 *
 * Pure: encoding the body, decoding, lookups. Signing the body is the
 * builder's job (certqr-keys bundle, with cq_sign_detached from the signing
 * library, never linked into verifiers); loading a store directory and
 * installing a bundle atomically is in lib/io/store.c (certqr/store.h). */
#ifndef CERTQR_TRUST_H
#define CERTQR_TRUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "delegation.h"
#include "error.h"
#include "key.h"

#define CQ_BUNDLE_MAGIC           "CQTB"
#define CQ_BUNDLE_FORMAT          1          /* byte 4 of a bundle without layouts */
/* Byte 4 of a bundle carrying issuers' layouts: a verifier that does not
 * know the layout table refuses it (unknown_format) instead of judging pages
 * against the wrong layout (docs/trust.md). */
#define CQ_BUNDLE_FORMAT_LAYOUTS  2
#define CQ_BUNDLE_MAX_BYTES       (16u << 20) /* refuse anything larger */
#define CQ_TRUST_MAX_DELEGATIONS  1024
#define CQ_TRUST_MAX_KEY_STATUS   1024
/* Every table at its limit still fits under CQ_BUNDLE_MAX_BYTES (checked
 * at compile time in lib/trust.c), so the file cap never cuts a table short. */
#define CQ_TRUST_MAX_REVOKED      1000000u
#define CQ_TRUST_MAX_SUPERSEDED   500000u
#define CQ_RULES_TEXT_MAX         65536
#define CQ_TRUST_MAX_LAYOUTS      128        /* each at most CQ_LAYOUT_BYTES */
#define CQ_REVOKED_RECORD_BYTES   10   /* number(6) year(2) revision(1) reason(1) */
#define CQ_SUPERSEDED_RECORD_BYTES 9   /* number(6) year(2) latest revision(1) */

/* Key status. A retired key was rotated out on a date: what it signed up to
 * that date (inside its delegation window) stays valid, anything dated later
 * is outside its window. A compromised key is not trusted at all, or, when a
 * date is given, for nothing it dated on or after that date. */
typedef enum cq_key_state {
	CQ_KEY_ACTIVE = 0,
	CQ_KEY_RETIRED = 1,
	CQ_KEY_COMPROMISED = 2,
} cq_key_state;

typedef struct cq_key_status {
	uint8_t key_id[CQ_KEY_ID_BYTES];
	uint8_t state;          /* cq_key_state, never ACTIVE in a bundle */
	bool has_date;          /* retired: required; compromised: optional */
	cq_date date;           /* retired on / compromised since (inclusive) */
} cq_key_status;

/* Why a certificate was revoked. Codes are part of the bundle format. */
typedef enum cq_revoke_reason {
	CQ_REV_UNSPECIFIED = 0,
	CQ_REV_FALSIFIED_HOURS = 1,  /* hours declared falsely (2024/2025 notices) */
	CQ_REV_ISSUED_IN_ERROR = 2,  /* issued by mistake, wrong person or data */
	CQ_REV_IMPERSONATION = 3,    /* obtained under another person's identity */
	CQ_REV_KEY_COMPROMISE = 4,   /* this certificate is known to be forged with a stolen key */
	CQ_REV_WITHDRAWN = 5,        /* withdrawn by the issuing bureau */
	CQ_REV_COUNT_
} cq_revoke_reason;

const char *cq_revoke_reason_name(unsigned r);     /* "falsified_hours", ... */
const char *cq_revoke_reason_name_zh(unsigned r);  /* "学时造假", ... */
CQ_MUST_USE int cq_revoke_reason_parse(const char *s);         /* -1 if unknown */

/* One revoked certificate. revision 0 revokes every revision of that
 * certificate number and year. */
typedef struct cq_revocation {
	char number[14];
	uint16_t year;
	uint8_t revision;
	uint8_t reason;        /* cq_revoke_reason */
} cq_revocation;

/* "Revision `latest` of certificate `number` for `year` exists": every lower
 * revision is superseded. */
typedef struct cq_supersession {
	char number[14];
	uint16_t year;
	uint8_t latest;
} cq_supersession;

/* A decoded, verified bundle. Opaque: lookups go through the functions
 * below. The revocation and supersession tables are kept as the sorted
 * fixed-size records of the file and searched in place. */
typedef struct cq_trust cq_trust;

/* Decodes and verifies `bytes` against `root` (which must be a root key):
 * magic, format version, root key id, root signature over CQ_CTX_BUNDLE,
 * every delegation's root signature, one delegation per issuer key,
 * sortedness and uniqueness of every table, the rules text. e->field names
 * the part that failed (the reason codes of docs/trust.md). Errors: CQ_E_NOT_CERTQR (not a bundle),
 * CQ_E_VERSION (unknown format), CQ_E_KEY (signed by another root: foreign),
 * CQ_E_SIGNATURE (bad signature), CQ_E_FORMAT/CQ_E_LIMIT (malformed).
 * The bytes are copied; the caller may free them. */
CQ_MUST_USE int cq_trust_decode(const uint8_t *bytes, size_t n, const cq_pubkey *root,
                    cq_trust **out, cq_err *e);
/* Frees a decoded bundle (NULL is fine). */
void cq_trust_free(cq_trust *t);
/* The class of a cq_trust_decode refusal, as docs/trust.md §1.4 names it:
 * "not_a_bundle", "unknown_format", "foreign_root", "bad_signature" or
 * "malformed" (with e->field as its reason code). */
const char *cq_bundle_refusal(cq_code code);

/* Header only, without verifying the signature: format, root key id,
 * version, date. For messages ("installed: version 7 of 2026-11-01"). */
typedef struct cq_bundle_header {
	uint8_t format;
	uint8_t root_id[CQ_KEY_ID_BYTES];
	uint32_t version;
	cq_date date;
} cq_bundle_header;
/* 0 with *h, or -1 with *e (not a bundle, or too short). */
int cq_bundle_peek(const uint8_t *bytes, size_t n, cq_bundle_header *h, cq_err *e);

/* The rollback rule (lib/bundle_update.c): may `next`, already verified
 * against the root with cq_trust_decode, replace `installed` (NULL when
 * none)? The installed bundle is only peeked, and counts only when signed by
 * `root_id`: a damaged or foreign one does not block an update. Returns
 * CQ_UPDATE_NEWER (install it), CQ_UPDATE_SAME (identical bytes: nothing to
 * do) or CQ_UPDATE_ROLLBACK (an older version, or the same version with
 * other bytes: refuse). `why` (256 bytes, or NULL) receives the sentence,
 * e.g. "refused, rollback: bundle version 2 (2026-12-02) is older than the
 * installed version 3 (2026-11-01)"; empty for CQ_UPDATE_NEWER. */
typedef enum cq_bundle_update { CQ_UPDATE_NEWER = 0, CQ_UPDATE_SAME, CQ_UPDATE_ROLLBACK } cq_bundle_update;
cq_bundle_update cq_bundle_update_check(const uint8_t *installed, size_t in, const uint8_t *next, size_t nn,
                                        const uint8_t root_id[CQ_KEY_ID_BYTES], char why[256]);

/* The decoded bundle's header fields and tables; no error cases (t is a
 * bundle cq_trust_decode returned). */
uint32_t cq_trust_version(const cq_trust *t);
cq_date cq_trust_date(const cq_trust *t);
const uint8_t *cq_trust_root_id(const cq_trust *t);

size_t cq_trust_delegation_count(const cq_trust *t);
/* The i-th delegation (i < cq_trust_delegation_count), in key id order. */
const cq_delegation *cq_trust_delegation(const cq_trust *t, size_t i);
/* The delegation of one issuer key, or NULL. A bundle holds at most one
 * delegation per key id: a narrower second delegation would not narrow the
 * key, so the format refuses duplicates (docs/trust.md). */
CQ_MUST_USE const cq_delegation *cq_trust_find_delegation(const cq_trust *t, const uint8_t key_id[CQ_KEY_ID_BYTES]);
/* NULL if the key has no status entry (active). */
const cq_key_status *cq_trust_key_status(const cq_trust *t, const uint8_t key_id[CQ_KEY_ID_BYTES]);

size_t cq_trust_revoked_count(const cq_trust *t);
size_t cq_trust_superseded_count(const cq_trust *t);
/* Binary search. Matches the exact revision or a revision-0 entry. */
bool cq_trust_is_revoked(const cq_trust *t, const char *number, uint16_t year,
                         uint8_t revision, cq_revocation *found);
/* The latest known revision for (number, year), 0 if none is listed. */
uint8_t cq_trust_latest_revision(const cq_trust *t, const char *number, uint16_t year);

/* The layout (layout.h) the bundle carries for issuer key `key_id`, or NULL
 * when it carries none (or t is NULL): the page check then uses the built-in layout
 * (cq_page_input.layout NULL). Every verifier that judges a page asks this
 * with the key that signed the page's code. */
const struct cq_layout *cq_trust_layout(const cq_trust *t, const uint8_t key_id[CQ_KEY_ID_BYTES]);
size_t cq_trust_layout_count(const cq_trust *t);

/* The hours rules table carried by the bundle (rules.h), as text and parsed. */
const char *cq_trust_rules_text(const cq_trust *t);
const struct cq_rules *cq_trust_rules(const cq_trust *t);

/* A layout text for one issuer key, as the builder gives it: at most
 * CQ_LAYOUT_BYTES, parsed strictly (cq_layout_parse) when encoding. */
typedef struct cq_bundle_layout {
	uint8_t key_id[CQ_KEY_ID_BYTES];
	const char *text;
	size_t len;
} cq_bundle_layout;

/* Building (certqr-keys bundle): the unsigned body of a bundle. Tables may
 * come in any order; they are sorted here, and duplicates are refused
 * (two delegations of one key included). The
 * rules text is parsed to check it. The signature is 64 bytes over
 * CQ_CTX_BUNDLE || body, appended by the caller. *body is malloc'd. */
typedef struct cq_bundle_spec {
	uint8_t root_id[CQ_KEY_ID_BYTES];
	uint32_t version;                 /* >= 1 */
	cq_date date;
	const cq_delegation *delegations; size_t n_delegations;
	const cq_key_status *statuses;    size_t n_statuses;
	cq_revocation *revoked;           size_t n_revoked;     /* sorted in place */
	cq_supersession *superseded;      size_t n_superseded;  /* sorted in place */
	const char *rules_text;           /* NULL: the default rules (rules.h) */
	/* Issuers' own layouts, at most one per key, each for a key delegated
	 * in this bundle; sorted in place. None: format 1, as before. */
	cq_bundle_layout *layouts;        size_t n_layouts;
} cq_bundle_spec;
int cq_bundle_encode_body(cq_bundle_spec *s, uint8_t **body, size_t *len, cq_err *e);

/* Helpers shared with the builder: the 6-byte number key used in the tables. */
uint64_t cq_number_to_u64(const char *number);
void cq_number_from_u64(uint64_t v, char out[14]);

#endif
