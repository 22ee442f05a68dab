/* Civil dates as signed data. Dates are never read from a clock here. */
#ifndef CERTQR_DATE_H
#define CERTQR_DATE_H

#include <stdint.h>
#include <stdbool.h>
#include "error.h"

typedef struct cq_date { uint16_t y; uint8_t m, d; } cq_date;

/* A real calendar date with a year from 1900 to 2999. */
bool cq_date_valid(cq_date d);
/* Valid and storable in the formats' 2-byte day counts: 1970-01-01
 * (day 0) to 2149-06-06 (day 65535). */
bool cq_date_storable(cq_date d);
#define CQ_DAY16_MAX 65535
/* Days since 1970-01-01 (proleptic Gregorian). */
int32_t cq_date_to_days(cq_date d);
/* The inverse of cq_date_to_days. */
cq_date cq_date_from_days(int32_t days);
/* Strict "YYYY-MM-DD"; returns 0 on success. */
CQ_MUST_USE int cq_date_parse(const char *s, cq_date *out);
/* Writes "YYYY-MM-DD" and a NUL into buf[11]. */
void cq_date_format(cq_date d, char buf[11]);
/* <0, 0 or >0 as a is before, the same as or after b. */
int cq_date_cmp(cq_date a, cq_date b);

#endif
