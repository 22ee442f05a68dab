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
	char error[512];         /* non-empty: could not be read, or (skipped) not checked */
	bool skipped;            /* not checked at all: a symlink, a folder too deep or unreadable, interrupted */
	bool done;               /* its worker has finished (the parent's reorder window) */
	char limit[200];         /* non-empty: pages limit_from..limit_pages were not checked */
	unsigned limit_from, limit_pages;
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

/* report.c: rows are written file by file, as files complete (in input
 * order), so the batch keeps no file's results after its rows. */
void report_jsonl_file(FILE *o, const bfile *f);
void report_csv_head(FILE *o);
void report_csv_file(FILE *o, const bfile *f);
/* HTML rows into `o`, counting rows per class into cnt. */
void report_html_file(FILE *o, const bfile *f, unsigned long cnt[ROW_COUNT_]);
/* The HTML page: head with the counts, the rows copied from `rows` (a
 * stream report_html_file wrote), the per-person table. 0, or -1 on a read
 * or write error. */
typedef struct people people;
int report_html_finish(FILE *o, FILE *rows, const unsigned long cnt[ROW_COUNT_], size_t n, const cq_trust *t,
                       people *ps);
/* One JSON object per row, as in --json and the JSON Lines report. */
void json_code_row(FILE *o, const bfile *f, const bpage *p, const fcode *c);
void json_page_row(FILE *o, const bfile *f, const bpage *p);
void json_file_row(FILE *o, const bfile *f);
/* The pages past the page limit: status "not_checked". */
void json_limit_row(FILE *o, const bfile *f);
/* People across the batch: authentic certificates grouped by name and ID
 * hint, a few bytes each (people_add_file returns -1 when out of memory). */
people *people_new(void);
int people_add_file(people *ps, const bfile *f);
void people_free(people *ps);
void json_people(FILE *o, people *ps);
void human_people(FILE *o, people *ps);

#endif
