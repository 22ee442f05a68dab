/* certqr-verify files: the JSON rows and the CSV report (report.c). */
#ifndef CERTQR_FILES_REPORT_H
#define CERTQR_FILES_REPORT_H

#include <stdio.h>
#include "batch.h"

/* Rows are written file by file, as files complete (in input
 * order), so the batch keeps no file's results after its rows. A later
 * copy of a certificate (fcode.copy, copies.h) has no CSV or HTML row: its
 * place is added to the first row when the report is put together. */
void report_jsonl_file(FILE *o, const bfile *f);
/* CSV rows (without the header) into `rows`, one a line. */
void report_csv_file(FILE *rows, const bfile *f);
/* The CSV file: header, then the rows from `rows`, the first row of a
 * certificate found again with its other places in also_in. 0, or -1 on a
 * read or write error. */
struct copies;
int report_csv_finish(FILE *o, FILE *rows, const struct copies *cs, char *const *paths);
/* s as a JSON string (quoted, escaped; "?" when its escaped form is
 * longer than 9000 bytes). */
void json_str(FILE *o, const char *s);
/* One JSON object per row, as in --json and the JSON Lines report. */
void json_code_row(FILE *o, const bfile *f, const bpage *p, const fcode *c);
void json_page_row(FILE *o, const bfile *f, const bpage *p);
void json_file_row(FILE *o, const bfile *f);
/* The pages past the page limit: status "not_checked". */
void json_limit_row(FILE *o, const bfile *f);

#endif
