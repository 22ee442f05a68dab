/* CJK compatibility ideographs (U+F900-FAFF, U+2F800-2FA1F) look like the
 * unified ideographs they are canonically equivalent to: Unicode
 * normalisation (NFC) replaces 1 002 of them by a unified ideograph (the
 * other code points of the blocks are twelve unified ideographs and
 * unassigned ones). A signed name must have one byte string per name, so
 * issuing replaces them before signing and a verifier refuses a signed one
 * (docs/format.md §2.2). */
#ifndef CERTQR_CJKCOMPAT_H
#define CERTQR_CJKCOMPAT_H

#include <stddef.h>
#include <stdint.h>

/* The unified ideograph NFC maps c to, or 0 if NFC leaves c alone. */
uint32_t cq_cjk_compat_unified(uint32_t c);

/* Copies the UTF-8 text in[0..n) to out[cap] with every compatibility
 * ideograph replaced by its unified ideograph, and a NUL. Everything else is
 * copied unchanged (for the characters a name may hold this is NFC).
 * Returns the output length, or -1 if in is not valid UTF-8 or the result
 * and its NUL do not fit in cap bytes. */
long cq_cjk_normalise(const char *in, size_t n, char *out, size_t cap);

#endif
