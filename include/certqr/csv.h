/* Strict, bounded readers for the platform export: CSV (RFC 4180) and JSON
 * Lines of flat objects. Pure: they read from a buffer the caller filled.
 * Both hand back one row at a time as (name, value) text, so one record
 * builder (fields.h) serves every input form. */
#ifndef CERTQR_CSV_H
#define CERTQR_CSV_H

#include <stddef.h>
#include "error.h"

#define CQ_CSV_MAX_FIELDS  32     /* columns in a row */
#define CQ_CSV_MAX_FIELD   256    /* bytes in one field, after unquoting */
#define CQ_CSV_MAX_LINE    4096   /* bytes in one row (or one JSON line) */

typedef struct cq_csv {
	const char *p;
	size_t n, pos;
	unsigned long line;      /* line where the next row starts, from 1 */
} cq_csv;

typedef struct cq_row {
	unsigned long line;      /* line where this row starts */
	size_t n;                /* fields (CSV) or members (JSON) */
	const char *name[CQ_CSV_MAX_FIELDS];   /* JSON member names; NULL for CSV */
	const char *value[CQ_CSV_MAX_FIELDS];  /* NUL-terminated; NULL for JSON null */
	char store[CQ_CSV_MAX_LINE + 2 * CQ_CSV_MAX_FIELDS];
} cq_row;

/* The reader starts after a UTF-8 byte-order mark, if any. */
void cq_csv_init(cq_csv *c, const char *text, size_t n);

/* Reads the next CSV row: fields separated by commas, optionally in double
 * quotes ("" inside quotes is one quote; commas and line breaks may be
 * quoted), rows ending in LF or CRLF. Returns 1 with a row, 0 at the end,
 * -1 with e set for a malformed row (a quote inside an unquoted field, text
 * after a closing quote, an unterminated quote, too many fields, a field or
 * row too long, a NUL byte); the reader then stands at the next line, so the
 * caller can go on. Blank lines are skipped. */
int cq_csv_next(cq_csv *c, cq_row *row, cq_err *e);

/* Reads the next JSON Lines row: one object per line whose members are
 * strings, integers or null (no nesting, no duplicate names, no floats),
 * valid UTF-8, escapes decoded (\uXXXX with surrogate pairs; \u0000 refused).
 * Same returns as cq_csv_next; blank lines are skipped. */
int cq_jsonl_next(cq_csv *c, cq_row *row, cq_err *e);

#endif
