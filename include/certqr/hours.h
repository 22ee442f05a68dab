/* The art. 7 calculator: activities (conference days, papers, projects by
 * rank, publications, patents, awards, exams, grass-roots service days, aid
 * years) converted into hours per category, from a table kept as data
 * (tools/data/hours-art7.txt; the same text is built in). Pure. */
#ifndef CERTQR_HOURS_H
#define CERTQR_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

#define CQ_HOURS_KINDS     64
#define CQ_HOURS_RANKS      8
#define CQ_HOURS_NAME_MAX  31
#define CQ_HOURS_QTY_MAX  999   /* days, items, years, 10 000-character units */

typedef enum cq_hours_cat { CQ_CAT_PUBLIC = 0, CQ_CAT_PROFESSIONAL = 1, CQ_CAT_BOTH = 2 } cq_hours_cat;

typedef struct cq_hours_kind {
	char name[CQ_HOURS_NAME_MAX + 1];
	char unit[16];
	uint8_t category;                 /* cq_hours_cat */
	bool full;                        /* credits the whole year's hours */
	uint8_t nranks;                   /* 1: same for everyone; >1: by rank */
	uint16_t hours[CQ_HOURS_RANKS];   /* per unit */
} cq_hours_kind;

typedef struct cq_hours_table {
	size_t n;
	cq_hours_kind k[CQ_HOURS_KINDS];
} cq_hours_table;

void cq_hours_table_default(cq_hours_table *t);
/* Strict: "name unit category hours..." or "name unit category full" per
 * line, # comments; errors name the line. */
CQ_MUST_USE int cq_hours_table_parse(const char *text, size_t n, cq_hours_table *t, cq_err *e);
CQ_MUST_USE const cq_hours_kind *cq_hours_find(const cq_hours_table *t, const char *name);

typedef struct cq_hours_sum {
	uint32_t pub, prof;               /* hours credited by the per-unit items */
	bool full_pub, full_prof;         /* a "full" item credits the year's hours */
} cq_hours_sum;

/* Adds `quantity` units of activity `name` at `rank` (0 when the kind has no
 * ranks; 1.. otherwise). Sets *credited to the hours this line gives (0 for
 * "full" items and ranks past the table). CQ_E_FIELD naming "activity",
 * "rank" or "quantity" for a bad line. */
int cq_hours_add(const cq_hours_table *t, const char *name, unsigned rank, unsigned quantity,
                 cq_hours_sum *sum, unsigned *credited, cq_err *e);

#endif
