/* The yearly hours rules as data, and the compliance check.
 *
 * A rule covers a range of certificate years and a region (a prefix of the
 * certificate number, not of the signed issuer region: "41" is the whole
 * province, "4104" Pingdingshan). For a certificate the rule with the
 * longest matching region prefix among those covering its year applies.
 * Text form, one rule per line:
 *
 *     # from  to    region  public  professional  total  compulsory
 *     2021    -     41      30      60            90     0
 *
 * "to" is a year or "-" (open); compulsory 0 means the rule has none. The
 * whole grammar (line length, numbers, ranges, overlaps) is docs/trust.md
 * §1.3. The built-in default is tools/data/rules-henan.txt.
 */
#ifndef CERTQR_RULES_H
#define CERTQR_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "record.h"

#define CQ_RULES_MAX 256
#define CQ_RULE_OPEN 0xFFFF

typedef struct cq_rule {
	uint16_t from, to;        /* certificate years, inclusive; to may be CQ_RULE_OPEN */
	char region[7];           /* 2..6 digits, starts "41" */
	uint16_t pub, prof, total, compulsory;
} cq_rule;

typedef struct cq_rules {
	size_t n;
	cq_rule r[CQ_RULES_MAX];
} cq_rules;

void cq_rules_default(cq_rules *out);
/* Strict: every line a comment, blank, or a rule; ranges of rules with the
 * same region must not overlap. Errors name the line. */
CQ_MUST_USE int cq_rules_parse(const char *text, size_t n, cq_rules *out, cq_err *e);
/* Canonical text form (what cq_rules_parse reads). Returns length or -1. */
long cq_rules_format(const cq_rules *rules, char *out, size_t cap);
CQ_MUST_USE const cq_rule *cq_rules_find(const cq_rules *rules, unsigned year, const char *number);

typedef struct cq_compliance {
	bool known;          /* a rule covers this year and region */
	bool met;
	bool aid_credit;     /* art. 7 (11): the certificate claims a full year of aid
	                        work, which counts as all hours (set with or without a rule) */
	cq_rule rule;        /* the rule applied (valid when known) */
	/* Required hours after any art. 8 pro-rata reduction (rounded up). */
	uint16_t req_pub, req_prof, req_total, req_comp;
	/* Missing hours per category, 0 where met. */
	uint16_t short_pub, short_prof, short_total, short_comp;
} cq_compliance;

/* Pure; uses only the record's signed fields. Required hours are
 * ceil(rule hours × months at post / 12) for each of public, professional,
 * total and compulsory separately (months 12 unless reduction 1..4);
 * unrecorded compulsory hours count as 0. */
void cq_rules_check(const cq_rules *rules, const cq_record *r, cq_compliance *out);

#endif
