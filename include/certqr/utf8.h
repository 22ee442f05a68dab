/* UTF-8 checks for text that came from outside (names, bureau names). */
#ifndef CERTQR_UTF8_H
#define CERTQR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s[0..n). Returns its length (1..4) or -1 for
 * invalid, overlong, surrogate or out-of-range sequences. */
int cq_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);
/* Number of code points, or -1 if s[0..n) is not valid UTF-8. */
long cq_utf8_count(const char *s, size_t n);
/* Valid UTF-8 with no control, format or private-use characters: safe to show. */
int cq_utf8_printable(const char *s, size_t n);
/* 1 if the code point is one cq_utf8_printable accepts, else 0. */
int cq_utf8_printable_char(uint32_t c);

#endif
