/* Outside text (file names, decoded QR texts, page text, values from an
 * export) made safe for a terminal, a line-based output or a log: nothing
 * in it can move the cursor, clear the screen, start a new line, reorder
 * the text around it (bidi controls) or hide (zero-width characters).
 *
 * Printable UTF-8 passes unchanged (Chinese included). Everything else is
 * written as a visible escape, so the output is one line of printable text
 * and distinct inputs stay distinct:
 *
 *     \\  a backslash            \n \r \t  newline, carriage return, tab
 *     \xHH  another C0 control, DEL, or a byte that is not valid UTF-8
 *     \u{HHHH}  a valid but unprintable character (C1 controls, bidi and
 *               zero-width format characters, private use, non-characters;
 *               the classes of cq_utf8_printable_char)
 *
 * Pure. */
#ifndef CERTQR_ESCAPE_H
#define CERTQR_ESCAPE_H

#include <stddef.h>

/* Longest escape of one character: "\u{10FFFF}" (10 bytes) and a NUL. */
#define CQ_ESCAPE_CHAR_MAX 12

/* Escapes the character (or invalid byte) at s[0..n), n > 0, into out as a
 * NUL-terminated string. Returns the length written to out; *used receives
 * the bytes of s consumed (1..4). */
size_t cq_escape_char(const char *s, size_t n, char out[CQ_ESCAPE_CHAR_MAX], size_t *used);

/* Escapes s[0..n) into out[cap] like snprintf: returns the length the whole
 * escaped text needs (without the NUL); out always ends in a NUL when cap > 0
 * and is cut only between escapes, never inside one. */
size_t cq_escape_text(const char *s, size_t n, char *out, size_t cap);

#endif
