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
/* Parses the text, checks the comment line and base64, and that the blob
 * begins with `magic` (4 bytes). Returns the blob length or -1; another
 * certqr file (a secret key where a public key is wanted, ...) gets
 * CQ_E_KEY and a message naming both kinds. */
long cq_armor_decode(const char *text, size_t n, const char magic[4],
                     unsigned char *blob, size_t cap, cq_err *e);

/* The magic of the certqr file in text ("CQPK", "CQSK", "CQDL", or "CQTB"
 * for a binary trust bundle) into magic[5]: 0, or -1 if it is none. */
int cq_armor_magic(const char *text, size_t n, char magic[5]);
/* "a public key (.pub)", "a secret key (.key)", "a delegation (.dl)",
 * "a trust bundle (.bundle)" for those magics; NULL for others. */
const char *cq_armor_kind_name(const char magic[4]);

#endif
