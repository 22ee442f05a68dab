/* The kiosk's audit log (docs/kiosk.md, "Audit log"): an append-only text
 * file, one record a line, each line chained to the one before by a hash,
 * plus a small "anchor" (the record count and the last hash) kept beside it
 * so that cutting records off the end is detected too.
 *
 *     certqr-audit v1 log=<32 hex> created=<time> h=<64 hex>
 *     1 2026-11-21T09:30:12Z start version=0.1.0 h=<64 hex>
 *     2 2026-11-21T09:31:40Z check verdict=authentic number=4101022024000001 ... h=<64 hex>
 *
 * h = BLAKE2b-256("certqr/audit/v1\0" || h of the previous line || the line
 * up to, not including, " h="). The header's previous hash is 32 zero bytes.
 * Fields are key=value tokens of a restricted ASCII alphabet, so a line never
 * needs quoting and cannot carry a holder's name (no room for CJK text in
 * the alphabet). The kiosk logs whether a typed ID number matched, never the
 * number itself.
 *
 * Pure: formatting, parsing and chain checks over caller-owned text. Reading
 * and appending the file (with fsync) is the program's job. */
#ifndef CERTQR_AUDIT_H
#define CERTQR_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

#define CQ_AUDIT_HASH_BYTES    32
#define CQ_AUDIT_LOGID_BYTES   16
#define CQ_AUDIT_LINE_MAX     480   /* bytes, without the newline */
#define CQ_AUDIT_FIELDS_MAX    12
#define CQ_AUDIT_KEY_MAX       15
#define CQ_AUDIT_VALUE_MAX     64
#define CQ_AUDIT_TYPE_MAX      15
#define CQ_AUDIT_TIME_LEN      20   /* "YYYY-MM-DDTHH:MM:SSZ" */
#define CQ_AUDIT_ANCHOR_MAX   160

/* Where a chain stands: after the header (count 0) or after record `count`. */
typedef struct cq_audit_chain {
	uint8_t log_id[CQ_AUDIT_LOGID_BYTES];
	uint64_t count;                        /* records after the header */
	uint8_t head[CQ_AUDIT_HASH_BYTES];     /* hash of the last line */
} cq_audit_chain;

/* One parsed line (header: seq 0, type "header", fields log and created). */
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

/* Starts a log: writes the header line (with '\n') and sets *c. */
int cq_audit_header(const uint8_t log_id[CQ_AUDIT_LOGID_BYTES], const char *created,
                    cq_audit_chain *c, char *out, size_t cap, cq_err *e);

/* Formats record c->count + 1 (with '\n') and advances *c only on success.
 * `type`: [a-z_]{1,15}. `fields`: key=value tokens separated by single
 * spaces (may be empty), keys [a-z_]{1,15}, values [A-Za-z0-9._:+/-]{1,64},
 * at most CQ_AUDIT_FIELDS_MAX. CQ_E_FIELD names what broke the rule. */
int cq_audit_append(cq_audit_chain *c, const char *time, const char *type,
                    const char *fields, char *out, size_t cap, cq_err *e);

/* Checks one line (without its '\n') against the chain and advances it.
 * Before the first line, *c must be zeroed (cq_audit_chain_reset): the
 * first line must then be a header. `out` (may be NULL) gets the parsed
 * line. Errors: CQ_E_FORMAT (not a well-formed line, or wrong sequence
 * number), CQ_E_CORRUPT (hash does not match: the line or an earlier one
 * was changed), CQ_E_VERSION (header of another version). */
int cq_audit_check_line(cq_audit_chain *c, bool *have_header, const char *line, size_t n,
                        cq_audit_entry *out, cq_err *e);
void cq_audit_chain_reset(cq_audit_chain *c, bool *have_header);

/* The anchor file's one line (with '\n'):
 *     certqr-audit-anchor v1 log=<32 hex> count=<n> h=<64 hex> */
int cq_audit_anchor_format(const cq_audit_chain *c, char *out, size_t cap);
int cq_audit_anchor_parse(const char *text, size_t n, cq_audit_chain *c, cq_err *e);

/* The verdict on a whole log, after every line went through
 * cq_audit_check_line. */
typedef enum cq_audit_status {
	CQ_AUDIT_OK = 0,         /* chain intact and matches the anchor */
	CQ_AUDIT_UNANCHORED,     /* chain intact, no anchor given: truncation undetectable */
	CQ_AUDIT_EDITED,         /* a line fails its hash or does not parse */
	CQ_AUDIT_TRUNCATED,      /* fewer records than the anchor counts */
	CQ_AUDIT_REWRITTEN,      /* record `anchor.count` exists but its hash differs */
	CQ_AUDIT_FOREIGN,        /* the anchor belongs to another log (log id) */
	CQ_AUDIT_EMPTY,          /* no header line */
} cq_audit_status;
const char *cq_audit_status_name(cq_audit_status s);  /* "ok", "edited", ... */

/* Streaming whole-log check. Feed each complete line; a final line without
 * '\n' (a power cut during the write) is passed to cq_audit_verifier_torn
 * instead: it is reported, not judged. The anchor may be NULL. */
typedef struct cq_audit_verifier {
	cq_audit_chain c;
	bool have_header;
	bool have_anchor, anchor_seen;
	cq_audit_chain anchor;
	cq_audit_status status;     /* first problem found, or OK so far */
	uint64_t bad_line;          /* 1-based line number of the problem */
	uint64_t lines;
	size_t torn_bytes;          /* bytes of an incomplete final line */
	cq_err err;                 /* details of the problem */
} cq_audit_verifier;

void cq_audit_verifier_init(cq_audit_verifier *v, const cq_audit_chain *anchor);
/* Returns 0, or -1 once a problem is found (later lines are ignored). */
int cq_audit_verifier_line(cq_audit_verifier *v, const char *line, size_t n, cq_audit_entry *out);
void cq_audit_verifier_torn(cq_audit_verifier *v, size_t n);
/* Final status, with the anchor compared; writes an English sentence. */
cq_audit_status cq_audit_verifier_finish(cq_audit_verifier *v, char *msg, size_t cap);

#endif
