/* Resident identity card numbers (GB 11643-1999) and the holder binding that
 * the QR carries instead of the number itself. */
#ifndef CERTQR_IDNUM_H
#define CERTQR_IDNUM_H

#include <stdint.h>
#include "error.h"

#define CQ_ID_LEN        18
#define CQ_ID_HINT_LEN    4
#define CQ_ID_HASH_BYTES  8

/* Checks 17 digits + check character (0-9 or X; lower-case x accepted),
 * the birth date, and the GB 11643 MOD 11-2 check digit. */
int cq_idnum_validate(const char *id, cq_err *e);
/* The check character for the first 17 digits. */
char cq_idnum_check_char(const char *first17);
/* Binding: BLAKE2b over a domain tag, the certificate number and the
 * normalised ID number (upper-case X), truncated to CQ_ID_HASH_BYTES. */
int cq_idnum_hash(const char *id, const char *cert_number,
                  uint8_t out[CQ_ID_HASH_BYTES]);

#endif
