/* certqr-verify files: the HTML report (report_html.c). */
#ifndef CERTQR_FILES_REPORT_HTML_H
#define CERTQR_FILES_REPORT_HTML_H

#include <stdio.h>
#include "batch.h"
#include "people.h"

struct copies;
/* HTML rows into `rows`, one a line; *row counts the rows
 * written (data-row), cnt the rows per class, *nshort the authentic ones
 * short of hours. */
void report_html_file(FILE *rows, const bfile *f, uint64_t *row, unsigned long cnt[ROW_COUNT_], unsigned long *nshort);
/* The HTML page: the heading (the report's time, the bundle's version and
 * age), the counts, the rows copied from `rows` (a certificate found again
 * naming every place), the per-person table. 0, or -1 on a read or write
 * error. */
int report_html_finish(FILE *o, FILE *rows, const unsigned long cnt[ROW_COUNT_], unsigned long nshort, size_t n,
                       const cq_trust *t, people *ps, const struct copies *cs, char *const *paths);
#endif
