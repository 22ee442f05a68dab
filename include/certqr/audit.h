/* The kiosk's audit log (docs/kiosk.md, "Audit log"): an append-only text
 * file, one record a line, each line chained to the one before by a hash
 * and signed by the kiosk's own device key, plus a small signed "anchor"
 * (the record count and the last hash) kept beside it so that cutting
 * records off the end is detected too.
 *
 *     certqr-audit v2 log=<32 hex> created=<time> device=<16 hex> h=<64 hex> s=<128 hex>
 *     1 2026-11-21T09:30:12Z log event=new_log h=<64 hex> s=<128 hex>
 *     2 2026-11-21T09:31:40Z check verdict=authentic number=4101022024000001 ... h=... s=...
 *
 * h = BLAKE2b-256("certqr/audit/v2\0" || h of the previous line || the line
 * up to, not including, " h="); the header's previous hash is 32 zero bytes.
 * s = Ed25519 by the device key over "certqr/audit-record/v2\0" || h, so
 * anyone holding the device's public key can tell the kiosk's records from
 * records someone else appended with correct hashes (the hash chain alone
 * is unkeyed). The device key is not a certificate key: no root delegates
 * it, and its contexts differ from every certificate signature's.
 *
 * Fields are key=value tokens of a restricted ASCII alphabet, so a line never
 * needs quoting and cannot carry a holder's name (no room for CJK text in
 * the alphabet). The kiosk logs whether a typed ID number matched, never the
 * number itself.
 *
 * Records the log itself gives about losses (type "log"):
 *     event=records_lost count=N checks=M first=<time> last=<time>
 *         N records (M of them checks) the kiosk could not write (a full
 *         or failing state partition), written once it could again;
 *     event=torn_record_removed bytes=N
 *         an unfinished last line (a power cut during its write) cut off;
 *     event=check_failed status=<status> line=N
 *         the kiosk found the log failing its check at a start and went on.
 * A log holding any of them is not "ok": see cq_audit_status.
 *
 * Pure: formatting, parsing, chain and signature checks over caller-owned
 * text; signing is a callback (cq_audit_signer) the program provides, so no
 * secret key enters the core. Reading and appending the file is the
 * program's job. */
#ifndef CERTQR_AUDIT_H
#define CERTQR_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "key.h"

#define CQ_AUDIT_HASH_BYTES    32
#define CQ_AUDIT_LOGID_BYTES   16
#define CQ_AUDIT_LINE_MAX     640   /* bytes, without the newline */
#define CQ_AUDIT_FIELDS_MAX    12
#define CQ_AUDIT_KEY_MAX       15
#define CQ_AUDIT_VALUE_MAX     64
#define CQ_AUDIT_TYPE_MAX      15
#define CQ_AUDIT_TIME_LEN      20   /* "YYYY-MM-DDTHH:MM:SSZ" */
#define CQ_AUDIT_ANCHOR_MAX   300

#define CQ_CTX_AUDIT_RECORD  "certqr/audit-record/v2"
#define CQ_CTX_AUDIT_ANCHOR  "certqr/audit-anchor/v2"

/* Where a chain stands: after the header (count 0) or after record `count`. */
typedef struct cq_audit_chain {
	uint8_t log_id[CQ_AUDIT_LOGID_BYTES];
	uint8_t device_id[CQ_KEY_ID_BYTES];    /* the device key the header names */
	uint64_t count;                        /* records after the header */
	uint8_t head[CQ_AUDIT_HASH_BYTES];     /* hash of the last line */
} cq_audit_chain;

/* Signs for the log. `sign` signs msg[0..n) (it is given the whole
 * domain-separated message) with the device key whose id is `device_id`;
 * returns 0, or -1 on failure. */
typedef struct cq_audit_signer {
	uint8_t device_id[CQ_KEY_ID_BYTES];
	int (*sign)(void *ctx, const uint8_t *msg, size_t n, uint8_t sig[CQ_SIG_BYTES]);
	void *ctx;
} cq_audit_signer;

/* One parsed line (header: seq 0, type "header", fields log, created, device). */
typedef struct cq_audit_entry {
	uint64_t seq;
	char time[CQ_AUDIT_TIME_LEN + 1];
	char type[CQ_AUDIT_TYPE_MAX + 1];
	size_t nfields;
	struct { char key[CQ_AUDIT_KEY_MAX + 1]; char value[CQ_AUDIT_VALUE_MAX + 1]; } f[CQ_AUDIT_FIELDS_MAX];
} cq_audit_entry;

/* Strict "YYYY-MM-DDTHH:MM:SSZ" with a valid date and time. */
bool cq_audit_time_valid(const char *t);
/* Formats seconds since 1970 (UTC) in that form into buf[21]. */
void cq_audit_time_format(int64_t unix_seconds, char buf[CQ_AUDIT_TIME_LEN + 1]);
/* The value of field `key` in a parsed line, or NULL. */
const char *cq_audit_field(const cq_audit_entry *en, const char *key);

/* Starts a log: writes the signed header line (with '\n') and sets *c.
 * Errors: CQ_E_FIELD (time), CQ_E_LIMIT (cap), CQ_E_CRYPTO (signer failed). */
int cq_audit_header(const uint8_t log_id[CQ_AUDIT_LOGID_BYTES], const char *created, const cq_audit_signer *s,
                    cq_audit_chain *c, char *out, size_t cap, cq_err *e);

/* Formats and signs record c->count + 1 (with '\n') and advances *c only on
 * success. `type`: [a-z_]{1,15}, not "header". `fields`: key=value tokens
 * separated by single spaces (may be empty), keys [a-z_]{1,15}, values
 * [A-Za-z0-9._:+/-]{1,64}, at most CQ_AUDIT_FIELDS_MAX. CQ_E_FIELD names
 * what broke the rule; CQ_E_LIMIT a line over CQ_AUDIT_LINE_MAX or a small
 * buffer; CQ_E_CRYPTO a failed signer. */
int cq_audit_append(cq_audit_chain *c, const cq_audit_signer *s, const char *time, const char *type,
                    const char *fields, char *out, size_t cap, cq_err *e);

/* The last step of both: out[0..n) holds a line's text up to " h=";
 * appends " h=<hex> s=<hex>\n" (hash over prev and the text, signature over
 * the hash) and sets head. For tools that re-seal lines (the fuzz harness). */
int cq_audit_seal(const uint8_t prev[CQ_AUDIT_HASH_BYTES], const cq_audit_signer *s, char *out, size_t n,
                  size_t cap, uint8_t head[CQ_AUDIT_HASH_BYTES], cq_err *e);

/* Checks one line (without its '\n') against the chain and advances it.
 * Before the first line, *c must be zeroed (cq_audit_chain_reset): the
 * first line must then be a header. `pk`: the device public key the
 * signature is checked with; NULL skips the signature (only for lines
 * vouched for otherwise, as the verifier does before a signed anchor).
 * `out` (may be NULL) gets the parsed line. Errors: CQ_E_FORMAT (not a
 * well-formed line, or wrong sequence number), CQ_E_CORRUPT (hash does not
 * match: the line or an earlier one was changed), CQ_E_SIGNATURE (not
 * signed by that device key, or a header naming another key), CQ_E_VERSION
 * (header of another version; v1 logs had no signatures). */
int cq_audit_check_line(cq_audit_chain *c, bool *have_header, const char *line, size_t n,
                        const uint8_t pk[CQ_PK_BYTES], cq_audit_entry *out, cq_err *e);
void cq_audit_chain_reset(cq_audit_chain *c, bool *have_header);

/* The anchor file's one line (with '\n'):
 *     certqr-audit-anchor v2 log=<32 hex> device=<16 hex> count=<n> h=<64 hex> s=<128 hex>
 * s = Ed25519 over "certqr/audit-anchor/v2\0" || log id || device id ||
 * count (8 bytes, big-endian) || h. */
typedef struct cq_audit_anchor {
	cq_audit_chain c;
	uint8_t sig[CQ_SIG_BYTES];
} cq_audit_anchor;
/* Signs the chain state into an anchor. CQ_E_CRYPTO if the signer fails. */
int cq_audit_anchor_make(const cq_audit_chain *c, const cq_audit_signer *s, cq_audit_anchor *a, cq_err *e);
/* Length written (with '\n'), or -1 if cap is too small. */
int cq_audit_anchor_format(const cq_audit_anchor *a, char *out, size_t cap);
/* Strict; CQ_E_NOT_CERTQR, CQ_E_VERSION, CQ_E_FORMAT. */
CQ_MUST_USE int cq_audit_anchor_parse(const char *text, size_t n, cq_audit_anchor *a, cq_err *e);
/* 0 if the anchor is signed by the device key pk. */
CQ_MUST_USE int cq_audit_anchor_verify(const cq_audit_anchor *a, const uint8_t pk[CQ_PK_BYTES]);

/* The verdict on a whole log, after every line went through
 * cq_audit_check_line. */
typedef enum cq_audit_status {
	CQ_AUDIT_OK = 0,         /* chain intact, every record signed, matches the anchor */
	CQ_AUDIT_UNANCHORED,     /* the same, no anchor given: truncation undetectable */
	CQ_AUDIT_EDITED,         /* a line fails its hash or does not parse */
	CQ_AUDIT_TRUNCATED,      /* fewer records than the anchor counts */
	CQ_AUDIT_REWRITTEN,      /* record `anchor.count` exists but its hash differs */
	CQ_AUDIT_FOREIGN,        /* the anchor belongs to another log (log id) */
	CQ_AUDIT_EMPTY,          /* no header line */
	CQ_AUDIT_FORGED,         /* a record, the header or the anchor not signed by the device key */
	CQ_AUDIT_INCOMPLETE,     /* authentic, but the log records lost records (see above) */
	CQ_AUDIT_FAILED_BEFORE,  /* authentic, but holds a check_failed record */
} cq_audit_status;
const char *cq_audit_status_name(cq_audit_status s);  /* "ok", "edited", ... */

/* Streaming whole-log check. Feed each complete line; a final line without
 * '\n' (a power cut during the write) is passed to cq_audit_verifier_torn
 * instead: it is reported, not judged. The anchor may be NULL. `pk` is the
 * device public key (required). With `every`, every record's signature is
 * checked (audit verify); without, only the header's and those after a
 * correctly signed anchor's count, the anchor vouching for the records
 * before it (the kiosk at start, where a year of records would otherwise
 * cost seconds of signature checks on a Pi). */
typedef struct cq_audit_verifier {
	cq_audit_chain c;
	bool have_header;
	bool have_anchor, anchor_seen, anchor_signed;
	cq_audit_anchor anchor;
	uint8_t pk[CQ_PK_BYTES];
	bool every;
	cq_audit_status status;     /* first problem found, or OK so far */
	uint64_t bad_line;          /* 1-based line number of the problem */
	uint64_t lines;
	size_t torn_bytes;          /* bytes of an incomplete final line */
	uint64_t lost_records, lost_checks, torn_removed;   /* from the log's own records */
	uint64_t failed_seq;        /* first check_failed record, 0 if none */
	char failed_status[16];     /* its status= value */
	cq_err err;                 /* details of the problem */
} cq_audit_verifier;

void cq_audit_verifier_init(cq_audit_verifier *v, const cq_audit_anchor *anchor, const uint8_t pk[CQ_PK_BYTES],
                            bool every);
/* Returns 0, or -1 once a problem is found (later lines are ignored). */
int cq_audit_verifier_line(cq_audit_verifier *v, const char *line, size_t n, cq_audit_entry *out);
void cq_audit_verifier_torn(cq_audit_verifier *v, size_t n);
/* Final status, with the anchor compared; writes an English sentence. */
cq_audit_status cq_audit_verifier_finish(cq_audit_verifier *v, char *msg, size_t cap);

#endif
