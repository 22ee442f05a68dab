/* certqr-verify files: what the parent keeps per file and page (filled by
 * result.c from the worker's messages), and the class of a row every
 * output shares (row.h words it). */
#ifndef CERTQR_FILES_BATCH_H
#define CERTQR_FILES_BATCH_H

#include <stdio.h>
#include "work.h"

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

#endif
