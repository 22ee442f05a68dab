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
 * codes), or "" if none: Chinese and English (FLAGS_BOTH), or one of them. */
enum { FLAGS_BOTH, FLAGS_ZH, FLAGS_EN };
void code_flags_lang(const fcode *c, int lang, char *out, size_t cap);
void code_flags(const fcode *c, char *out, size_t cap);

/* hours.c: what the reports say of an authentic certificate's hours. */
enum { HOURS_NONE, HOURS_NO_RULE, HOURS_MET, HOURS_SHORT };
typedef struct hours_note {
	int8_t cls;              /* HOURS_NONE: not an authentic certificate, or not evaluated */
	uint16_t pub, prof, comp, total;   /* hours short per category (HOURS_SHORT) */
} hours_note;
hours_note hours_of(const fcode *c);
/* "met", "short", "no-rule" (HTML classes), or "" for HOURS_NONE. */
const char *hours_class(hours_note h);
/* "met", "not_met", "no_rule" (JSON, CSV), or "". */
const char *hours_json(hours_note h);
/* "达标" / "未达标：差 公需 2、合计 10 学时", or in English; "" for HOURS_NONE. */
void hours_words(hours_note h, bool zh, char *out, size_t cap);

/* people.c: people across the batch, each year once, in pinyin order. */
#define PEOPLE_YEARS 64
#define PEOPLE_YEAR_FILES 8
typedef struct pyear {
	char number[CQ_NUMBER_LEN + 1];
	uint16_t year;
	uint8_t revision;
	hours_note hours;
	unsigned total;
	unsigned copies;         /* codes found for the year */
	uint32_t files[PEOPLE_YEAR_FILES];   /* indexes into the batch's paths */
	unsigned nfiles, more_files;
} pyear;
typedef struct person {
	char name[CQ_NAME_MAX_BYTES + 1], id_hint[CQ_ID_HINT_LEN + 1];
	pyear *y;
	unsigned ny, cap;
} person;
typedef struct people people;
/* paths: the batch's files by index (kept by the caller). NULL when out of memory. */
people *people_new(char *const *paths);
/* Adds the file's authentic certificates (fi: its index): 0, or -1 when out of memory. */
int people_add_file(people *ps, const bfile *f, uint32_t fi);
/* The people in pinyin order of names, each one's years in order; after
 * the first call nothing more can be added. Returns their number. */
size_t people_sorted(people *ps, const person **v);
const char *people_path(const people *ps, uint32_t fi);
void people_free(people *ps);
void json_people(FILE *o, people *ps);
void human_people(FILE *o, people *ps);

/* report.c: rows are written file by file, as files complete (in input
 * order), so the batch keeps no file's results after its rows. A later
 * copy of a certificate (fcode.copy, copies.h) has no CSV or HTML row: its
 * place is added to the first row when the report is put together. */
void json_str(FILE *o, const char *s);
void report_jsonl_file(FILE *o, const bfile *f);
/* CSV rows (without the header) into `rows`, one a line. */
void report_csv_file(FILE *rows, const bfile *f);
/* The CSV file: header, then the rows from `rows`, the first row of a
 * certificate found again with its other places in also_in. 0, or -1 on a
 * read or write error. */
struct copies;
int report_csv_finish(FILE *o, FILE *rows, const struct copies *cs, char *const *paths);
/* report_html.c: HTML rows into `rows`, one a line; *row counts the rows
 * written (data-row), cnt the rows per class, *nshort the authentic ones
 * short of hours. */
void report_html_file(FILE *rows, const bfile *f, uint64_t *row, unsigned long cnt[ROW_COUNT_], unsigned long *nshort);
/* The HTML page: the heading (the report's time, the bundle's version and
 * age), the counts, the rows copied from `rows` (a certificate found again
 * naming every place), the per-person table. 0, or -1 on a read or write
 * error. */
int report_html_finish(FILE *o, FILE *rows, const unsigned long cnt[ROW_COUNT_], unsigned long nshort, size_t n,
                       const cq_trust *t, people *ps, const struct copies *cs, char *const *paths);
/* One JSON object per row, as in --json and the JSON Lines report. */
void json_code_row(FILE *o, const bfile *f, const bpage *p, const fcode *c);
void json_page_row(FILE *o, const bfile *f, const bpage *p);
void json_file_row(FILE *o, const bfile *f);
/* The pages past the page limit: status "not_checked". */
void json_limit_row(FILE *o, const bfile *f);

#endif
