/* The verdict on one scanned text (docs/trust.md, "Verdict"): authenticity
 * and compliance, reported separately, in English and Simplified Chinese.
 * Pure and clock-free: only dates signed in the certificate and the bundle
 * are used, and the bundle's version and date are always reported. Every
 * verifier (certqr-verify, the file/PDF verifier, the kiosk) calls cq_judge
 * and prints with cq_verdict_json, so they all say the same thing. */
#ifndef CERTQR_VERDICT_H
#define CERTQR_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include <stdint.h>
#include "delegation.h"
#include "payload.h"
#include "record.h"
#include "rules.h"
#include "trust.h"

/* Authenticity. The numeric values are stable (kiosk audit logs and
 * reports name them by cq_status_name, never by number, but keep them). */
typedef enum cq_status {
	CQ_ST_AUTHENTIC = 0,
	CQ_ST_FORGED,              /* signature does not verify */
	CQ_ST_UNKNOWN_ISSUER,      /* no delegation for the signing key id */
	CQ_ST_OUT_OF_SCOPE,        /* number (or region) outside the key's scope */
	CQ_ST_OUTSIDE_KEY_WINDOW,  /* issue date outside the key's window, or after it was retired */
	CQ_ST_KEY_COMPROMISED,     /* signing key compromised (since a date, if known) */
	CQ_ST_REVOKED,             /* listed as revoked, with a reason */
	CQ_ST_SUPERSEDED,          /* a later revision is known */
	CQ_ST_MALFORMED,           /* "CQ1:"-like text that is not a well-formed payload */
	CQ_ST_NOT_A_CERTIFICATE,   /* some other QR or text */
	CQ_ST_UNKNOWN_VERSION,     /* "CQn:" with n != 1, or a payload version byte != 1:
	                              a format this build does not read (update it) */
	CQ_ST_COUNT_
} cq_status;

/* "authentic", "forged", ... exactly as in JSON and docs. */
const char *cq_status_name(cq_status s);
/* Short headline for people: "AUTHENTIC" / "真实有效", ... */
const char *cq_status_title(cq_status s);
const char *cq_status_title_zh(cq_status s);   /* the same in Chinese */
/* Parses a status name; -1 if unknown. */
CQ_MUST_USE int cq_status_parse(const char *name);

/* Compliance is rules.h's cq_compliance (cq_rules_check with the bundle's
 * rules table): art. 8 pro-rata reduction and aid full-year credit applied. */

typedef struct cq_verdict {
	cq_status status;
	/* Stable ASCII code of the rule that decided the status, for machines
	 * and other implementations (docs/trust.md, "Reason codes"): e.g.
	 * "base45", "name", "scope", "retired". */
	char reason_code[24];
	char reason[320];           /* English sentence */
	char reason_zh[320];        /* 简体中文 */

	/* The decoded certificate. `signed_ok` is true only when the signature
	 * verified against a delegated key: only then are the fields shown. */
	bool decoded;
	bool signed_ok;
	cq_record rec;
	uint8_t key_id[CQ_KEY_ID_BYTES];

	/* The delegation the key was found under (when one was). */
	bool have_issuer;
	cq_delegation issuer;

	/* Details for the status. */
	uint8_t revoke_reason;      /* CQ_ST_REVOKED */
	uint8_t latest_revision;    /* CQ_ST_SUPERSEDED */
	bool key_date_known;        /* CQ_ST_KEY_COMPROMISED / retired window */
	cq_date key_date;

	bool have_compliance;       /* evaluated for every signed_ok verdict */
	cq_compliance compliance;   /* rules.h */

	uint32_t trust_version;
	cq_date trust_date;
} cq_verdict;

/* Judges QR text (trailing CR/LF tolerated). Always fills *out, even for
 * garbage; returns 0. Returns -1 for a NULL argument, with *out (if given)
 * malformed, never authentic. */
CQ_MUST_USE int cq_judge(const cq_trust *t, const char *qr_text, size_t n, cq_verdict *out);

/* Holder binding: does the ID number the clerk typed belong to this
 * certificate? Uses the signed binding, so only for signed_ok verdicts. */
typedef enum cq_holder {
	CQ_HOLDER_NOT_CHECKED = 0,   /* no ID given */
	CQ_HOLDER_MATCH,
	CQ_HOLDER_MISMATCH,
	CQ_HOLDER_INVALID_ID,        /* the typed text is not a valid ID number */
	CQ_HOLDER_NO_CERTIFICATE,    /* nothing signed to compare with */
} cq_holder;
/* The typed ID number against the signed ID hash: CQ_HOLDER_NOT_CHECKED
 * when id_number is NULL or empty, else the answer (no error case). */
cq_holder cq_verdict_holder(const cq_verdict *v, const char *id_number);
const char *cq_holder_name(cq_holder h);     /* "match", "mismatch", ... */
const char *cq_holder_name_zh(cq_holder h);  /* "一致", "不一致", ... */

/* One JSON object, no newline, schema in docs/trust.md. `source` names the
 * input (file name, "argv:1", "stdin:3"); `holder` is included unless
 * CQ_HOLDER_NOT_CHECKED. Strings are escaped; output is valid UTF-8.
 * Returns the length, or -1 if `cap` is too small (nothing useful written). */
#define CQ_VERDICT_JSON_MAX 4096
long cq_verdict_json(const cq_verdict *v, const char *source, cq_holder holder,
                     char *out, size_t cap);

/* JSON string escaping, for programs that add their own objects. Returns
 * the length written (without NUL) or -1 if it does not fit. */
long cq_json_string(const char *s, char *out, size_t cap);

#endif
