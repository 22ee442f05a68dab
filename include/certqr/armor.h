/* Two-line text armour for small binary blobs (keys, delegations), after
 * minisign and signify:
 *
 *     untrusted comment: <free text, not authenticated>
 *     <base64 of the blob, which starts with a 4-byte magic>
 */
#ifndef CERTQR_ARMOR_H
#define CERTQR_ARMOR_H

#include <stddef.h>
#include "error.h"

#define CQ_ARMOR_MAX_TEXT  8192
#define CQ_COMMENT_MAX      256

int cq_armor_encode(const unsigned char *blob, size_t n, const char *comment,
                    char *out, size_t cap, cq_err *e);
/* Parses the text (at most CQ_ARMOR_MAX_TEXT bytes, no NUL; each line ends
 * in LF or CRLF, the last one optionally; the comment line printable UTF-8;
 * the second line canonical padded base64 and nothing after it), and checks
 * that the blob begins with `magic` (4 bytes). Returns the blob length or -1
 * (CQ_E_LIMIT, CQ_E_FORMAT, CQ_E_NOT_CERTQR; another certqr file, a secret
 * key where a public key is wanted, ..., gets CQ_E_KEY and a message naming
 * both kinds). Rules: docs/format.md §4. */
CQ_MUST_USE long cq_armor_decode(const char *text, size_t n, const char magic[4],
                     unsigned char *blob, size_t cap, cq_err *e);

/* The magic of the certqr file in text ("CQPK", "CQSK", "CQDL", or "CQTB"
 * for a binary trust bundle) into magic[5]: 0, or -1 if it is none. */
int cq_armor_magic(const char *text, size_t n, char magic[5]);
/* "a public key (.pub)", "a secret key (.key)", "a delegation (.dl)",
 * "a trust bundle (.bundle)" for those magics; NULL for others. */
const char *cq_armor_kind_name(const char magic[4]);

#endif
