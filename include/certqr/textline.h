/* Line-oriented text tables (hours rules, the art. 7 hours table, bundle
 * specs, revocation lists): bounded lines, "#" comments, blank-separated
 * fields. One reader for all of them. */
#ifndef CERTQR_TEXTLINE_H
#define CERTQR_TEXTLINE_H

#include <stddef.h>
#include "error.h"

#define CQ_LINE_MAX 256   /* bytes a line, including the NUL */

typedef struct cq_lines {
	const char *text;
	size_t n, off;
	size_t lineno;        /* number of the line last returned, from 1 */
} cq_lines;

void cq_lines_init(cq_lines *it, const char *text, size_t n);
/* Copies the next line into buf[cap] without its CR/LF and without any
 * "#" comment. Returns 1, 0 at the end, or -1 (e names `what` and the line)
 * for a line of cap bytes or more, or one holding a NUL byte. */
int cq_lines_next(cq_lines *it, char *buf, size_t cap, const char *what, cq_err *e);
/* Splits a line in place on spaces and tabs into at most `max` fields.
 * Returns the field count, or max + 1 if there are more. */
int cq_split_fields(char *line, char **f, int max);
/* A field as a number: 1 to 4 decimal digits, no sign, no leading zero
 * (except "0" itself), at most max. 0 with *out set, or -1. */
int cq_field_uint(const char *s, unsigned max, unsigned *out);

#endif
