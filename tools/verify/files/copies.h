/* The same authentic certificate in several files (a copy in each
 * application): one row in the CSV and HTML reports, naming every file. Rows
 * are written as files complete, so a later copy is not written at all; its
 * place is remembered (12 bytes) and added to the first row's line when the
 * report is put together (copies_merge). The index keeps a digest and a row
 * number per certificate, never a file's results. */
#ifndef CERTQR_FILES_COPIES_H
#define CERTQR_FILES_COPIES_H
#include <stdio.h>
#include "batch.h"
#include "keymap.h"

typedef struct cplace { uint32_t file, page, npages; } cplace;   /* file: index in the batch */
typedef struct ccert {
	uint64_t row;            /* the row the certificate was first written as (0-based) */
	cplace *also;            /* where it was found again, in input order */
	uint32_t nalso, cap;
} ccert;
typedef struct copies { keymap map; ccert *v; size_t n, cap; } copies;

/* Marks the file's later copies (fcode.copy: no row of their own) and
 * counts its rows: *row is the number of rows written before the file (the
 * same in the CSV and HTML reports), advanced past its rows. The same
 * certificate is the same holder (name, ID ending), number, year and
 * revision, authentic with a matching page. 0, or -1 when out of memory
 * (the file's remaining codes then keep rows of their own). */
int copies_mark(copies *cs, bfile *f, uint32_t fi, uint64_t *row);
/* Copies `rows` (one row a line) into o; the line of each certificate
 * found again goes through add(), which writes it with its other places.
 * 0, or -1 on a read, write or memory error. */
typedef void (*copies_add_fn)(FILE *o, char *line, size_t len, const ccert *c, void *ctx);
int copies_merge(FILE *o, FILE *rows, const copies *cs, copies_add_fn add, void *ctx);
void copies_free(copies *cs);
#endif
