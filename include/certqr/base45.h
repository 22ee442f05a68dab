/* Base45 (RFC 9285): bytes as QR alphanumeric-mode characters. */
#ifndef CERTQR_BASE45_H
#define CERTQR_BASE45_H

#include <stddef.h>
#include "error.h"

static inline size_t cq_base45_encoded_len(size_t n) { return n / 2 * 3 + n % 2 * 2; }
/* Writes cq_base45_encoded_len(n) characters and a NUL; out_cap must allow it. */
int cq_base45_encode(const unsigned char *in, size_t n, char *out, size_t out_cap);
/* Strict decode: rejects characters outside the alphabet, a length of 1 mod 3,
 * and triplets/pairs whose value exceeds a byte pair/byte. Returns the number
 * of bytes written or -1. */
CQ_MUST_USE long cq_base45_decode(const char *in, size_t n, unsigned char *out, size_t out_cap);

#endif
