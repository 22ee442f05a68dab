/* The parent side of certqr-verify files: what it keeps per file and page. */
#ifndef CERTQR_FILES_BATCH_H
#define CERTQR_FILES_BATCH_H

#include <stdio.h>
#include "files_int.h"

typedef struct bpage {
	fpage pg;
	fcode *codes;            /* pg.ncodes of them */
	uint8_t *thumb;          /* JPEG, or NULL */
	size_t thumb_len;
} bpage;

typedef struct bfile {
	char *path;
	char error[512];         /* non-empty: could not be read */
	bpage *pages;
	unsigned npages;
	double ms;
} bfile;

/* Verdict of one row, as shown in every report. */
typedef enum {
	ROW_AUTHENTIC, ROW_COMPOSITED, ROW_NOT_AUTHENTIC, ROW_OTHER_CODE, ROW_NO_CODE, ROW_UNREADABLE
} row_class;

row_class code_class(const fcode *c);
/* "composited" for a composited page, else the verdict's status name. */
const char *code_status(const fcode *c);
/* A sentence on page-level problems (several certificates, conflicting
 * codes), or "" if none. */
void code_flags(const fcode *c, char *out, size_t cap);

/* report.c: each writes a whole report into a memory stream. */
void report_jsonl(FILE *o, const bfile *files, size_t n);
void report_csv(FILE *o, const bfile *files, size_t n);
void report_html(FILE *o, const bfile *files, size_t n, const cq_trust *t);
/* One JSON object per row, as in --json and the JSON Lines report. */
void json_code_row(FILE *o, const bfile *f, const bpage *p, const fcode *c);
void json_page_row(FILE *o, const bfile *f, const bpage *p);
void json_file_row(FILE *o, const bfile *f);
/* People across the batch: certificates grouped by name and ID hint. */
void json_people(FILE *o, const bfile *files, size_t n);
void human_people(FILE *o, const bfile *files, size_t n);

#endif
