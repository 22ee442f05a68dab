/* The yearly continuing-education certificate (河南省专业技术人员继续教育证书)
 * as certqr signs it. Field rules are in docs/format.md, section "Record". */
#ifndef CERTQR_RECORD_H
#define CERTQR_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include "date.h"
#include "error.h"
#include "idnum.h"

#define CQ_NAME_MAX_BYTES   64
#define CQ_NAME_MAX_CHARS   24
#define CQ_NUMBER_LEN       13
#define CQ_HOURS_MAX       999
#define CQ_YEAR_MIN       2000
#define CQ_YEAR_MAX       2099

/* Art. 8 of the 2017 measures, plus art. 7 (11): a full year of aid work. */
typedef enum cq_reduction {
	CQ_RED_NONE = 0,      /* full year at post */
	CQ_RED_ABROAD = 1,    /* worked abroad more than six months */
	CQ_RED_SICK = 2,      /* sick leave more than six months */
	CQ_RED_MATERNITY = 3, /* childbirth */
	CQ_RED_OTHER = 4,     /* other case approved by the sector authority */
	CQ_RED_AID = 5,       /* a full year of aid work: all hours credited */
	CQ_RED_COUNT_
} cq_reduction;

typedef struct cq_record {
	char name[CQ_NAME_MAX_BYTES + 1];     /* UTF-8 */
	char id_hint[CQ_ID_HINT_LEN + 1];     /* last four characters of the ID */
	uint8_t id_hash[CQ_ID_HASH_BYTES];    /* see idnum.h */
	char number[CQ_NUMBER_LEN + 1];       /* certificate number, 13 digits */
	uint16_t year;
	uint8_t revision;                     /* 1 for the first issue */
	uint16_t hours_public;
	uint16_t hours_professional;
	bool has_compulsory;                  /* compulsory public hours recorded */
	uint16_t hours_compulsory;            /* part of hours_public */
	uint8_t reduction;                    /* cq_reduction */
	uint8_t months_at_post;               /* 12 unless reduction 1..4 */
	uint32_t issuer_region;               /* six-digit GB/T 2260 code, 41xxxx */
	cq_date issued;
} cq_record;

/* Total hours are derived, never stored, so they cannot disagree. */
static inline unsigned cq_record_total(const cq_record *r)
{
	return (unsigned)r->hours_public + r->hours_professional;
}

/* Fills id_hint and id_hash from the full ID number; needs number set. */
int cq_record_bind_id(cq_record *r, const char *id, cq_err *e);
/* Checks the ID number a clerk typed against the record's binding. */
bool cq_record_id_matches(const cq_record *r, const char *id);
/* Every rule of docs/format.md; the first broken one is reported. */
int cq_record_validate(const cq_record *r, cq_err *e);
/* Certificate-number rule alone (also used for revocation entries). */
int cq_number_validate(const char *number, cq_err *e);

const char *cq_reduction_name(unsigned reduction);    /* "abroad", … */
const char *cq_reduction_name_zh(unsigned reduction); /* "境外工作", … */
CQ_MUST_USE int cq_reduction_parse(const char *s);                /* -1 if unknown */

#endif
