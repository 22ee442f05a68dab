/* The parent side of certqr-verify files: what it keeps per file and page. */
#ifndef CERTQR_FILES_BATCH_H
#define CERTQR_FILES_BATCH_H

#include <stdio.h>
#include "files_int.h"

typedef struct bcrop {
	unsigned code, diff;     /* which code's which page difference */
	uint8_t *jpg;
	size_t len;
} bcrop;

typedef struct bpage {
	fpage pg;
	fcode *codes;            /* pg.ncodes of them */
	uint8_t *thumb;          /* JPEG, or NULL */
	size_t thumb_len;
	bcrop *crops;            /* crops of differing regions (HTML report) */
	unsigned ncrops;
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
	ROW_AUTHENTIC, ROW_COMPOSITED, ROW_NOT_AUTHENTIC, ROW_OTHER_CODE, ROW_NO_CODE, ROW_UNREADABLE,
	ROW_PAGE_UNREADABLE, ROW_OTHER_HOLDER, ROW_COUNT_
} row_class;

row_class code_class(const fcode *c);
/* The row's status: "composited" when the page (or its text layer) shows
 * something else, "page_unreadable" when an authentic code's page could not
 * be judged, "other_holder" when --holder-id names someone else; else the
 * verdict's status name. "authentic" only with a matching page. */
const char *code_status(const fcode *c);
/* Whether the page differs, by the page check or the text layer. */
bool code_composited(const fcode *c);
/* Every differing field once: the page check's, then the text layer's for
 * fields the page check did not name. Returns the count written. */
typedef struct udiff { const char *field, *want, *seen; bool from_text; } udiff;
unsigned union_diffs(const fcode *c, udiff *out, unsigned cap);
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
