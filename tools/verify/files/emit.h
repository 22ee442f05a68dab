/* certqr-verify files: what is written as each file completes (emit.c):
 * the rows on stdout (for people, --json or --raw), the reports' rows
 * (--jsonl, --csv, --html), the per-person table, and the batch's counts. */
#ifndef CERTQR_FILES_EMIT_H
#define CERTQR_FILES_EMIT_H

#include <stdbool.h>
#include <stdio.h>
#include "../verify.h"
#include "batch.h"
#include "people.h"
#include "copies.h"
#include "outfile.h"

typedef struct emitter {
	vctx *c;
	bool raw, quiet;
	const cq_trust *t;
	outfile jsonl, csv, html;
	FILE *csv_rows, *html_rows;   /* rows as files complete; put together at the end */
	bfile *files;            /* the batch (a file's index in it names it in copies and people) */
	copies cs;
	uint64_t row, html_row;  /* CSV and HTML rows written so far (copies_mark, report_html_file) */
	unsigned long cnt[ROW_COUNT_], nshort;
	unsigned long bad, unreadable, other, pcount[3];
	people *people;
	bool oom;
} emitter;

/* Opens the reports that are not NULL (each written to a temporary file
 * and renamed when complete, outfile.h). 0, or -1 after a message. */
int emit_open(emitter *e, const char *jsonl, const char *csv, const char *html);
/* A file's rows everywhere, and its counts (a pool_emit: ctx is the emitter). */
void emit_file(void *ctx, bfile *f);
/* After the last file: the --years summary (its answer in *years_ok), the
 * people on stdout (more than one input) and in the JSON Lines report,
 * and the reports put together and committed. 0, or -1 on a write error. */
int emit_finish(emitter *e, char *const *paths, size_t n, bool *years_ok);
/* The counts on stderr, for people (not after --json or --raw). */
void emit_summary(const emitter *e, size_t n);
/* Discards the reports not committed and frees what the emitter holds. */
void emit_close(emitter *e);

#endif
