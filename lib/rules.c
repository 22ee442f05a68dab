#include <stdio.h>
#include <string.h>
#include "certqr/rules.h"
#include "certqr/textline.h"
#include "certqr/utf8.h"

/* Kept identical to tools/data/rules-henan.txt (a unit test compares them). */
static const char default_rules[] =
	"# certqr hours rules: from to region public professional total compulsory\n"
	"# 2017 measures (豫人社[2017]121号 art. 5): public >= 24, professional about two\n"
	"# thirds of 90, total >= 90.\n"
	"2017 2020 41 24 60 90 0\n"
	"# 2021 onward (Pingdingshan 2021, Zhengzhou 2023, province 2024, Anyang 2025).\n"
	"2021 - 41 30 60 90 0\n"
	"# Pingdingshan 2021 (平人社办〔2021〕26号): 24 of the 30 public hours compulsory.\n"
	"2021 2021 4104 30 60 90 24\n";

void cq_rules_default(cq_rules *out)
{
	/* the built-in rules parse: test_rules checks it */
	if (cq_rules_parse(default_rules, sizeof default_rules - 1, out, NULL)) out->n = 0;
}

int cq_rules_parse(const char *text, size_t n, cq_rules *out, cq_err *e)
{
	cq_lines it;
	char line[CQ_LINE_MAX];
	int got;
	out->n = 0;
	if (cq_utf8_count(text, n) < 0) return cq_fail(e, CQ_E_FORMAT, "rules", "rules text is not valid UTF-8");
	cq_lines_init(&it, text, n);
	while ((got = cq_lines_next(&it, line, sizeof line, "rules", e)) > 0) {
		size_t lineno = it.lineno;
		char *f[8];
		int k = cq_split_fields(line, f, 8);
		if (k == 0) continue;
		if (k != 7)
			return cq_fail(e, CQ_E_FORMAT, "rules", "line %zu: need 7 fields (from to region public professional total compulsory)", lineno);
		if (out->n == CQ_RULES_MAX) return cq_fail(e, CQ_E_LIMIT, "rules", "more than %d rules", CQ_RULES_MAX);
		cq_rule *r = &out->r[out->n];
		unsigned v[7];
		memset(r, 0, sizeof *r);
		if (cq_field_uint(f[0], CQ_YEAR_MAX, &v[0]) || v[0] < CQ_YEAR_MIN)
			return cq_fail(e, CQ_E_FORMAT, "rules", "line %zu: 'from' must be a year %d..%d", lineno, CQ_YEAR_MIN, CQ_YEAR_MAX);
		if (!strcmp(f[1], "-")) v[1] = CQ_RULE_OPEN;
		else if (cq_field_uint(f[1], CQ_YEAR_MAX, &v[1]) || v[1] < v[0])
			return cq_fail(e, CQ_E_FORMAT, "rules", "line %zu: 'to' must be '-' or a year not before 'from'", lineno);
		size_t rl = strlen(f[2]);
		if (rl < 2 || rl > 6 || strncmp(f[2], "41", 2) || strspn(f[2], "0123456789") != rl)
			return cq_fail(e, CQ_E_FORMAT, "rules", "line %zu: region must be 2..6 digits starting 41", lineno);
		for (int j = 3; j < 7; j++)
			if (cq_field_uint(f[j], CQ_HOURS_MAX, &v[j]))
				return cq_fail(e, CQ_E_FORMAT, "rules", "line %zu: hours must be 0..%d", lineno, CQ_HOURS_MAX);
		if (v[6] > v[3])
			return cq_fail(e, CQ_E_FORMAT, "rules", "line %zu: compulsory hours exceed public hours", lineno);
		r->from = (uint16_t)v[0];
		r->to = (uint16_t)v[1];
		memcpy(r->region, f[2], rl + 1);
		r->pub = (uint16_t)v[3];
		r->prof = (uint16_t)v[4];
		r->total = (uint16_t)v[5];
		r->compulsory = (uint16_t)v[6];
		for (size_t j = 0; j < out->n; j++) {
			const cq_rule *o = &out->r[j];
			if (!strcmp(o->region, r->region) && r->from <= o->to && o->from <= r->to)
				return cq_fail(e, CQ_E_FORMAT, "rules", "line %zu: overlaps another rule for region %s", lineno, r->region);
		}
		out->n++;
	}
	return got;
}

long cq_rules_format(const cq_rules *rules, char *out, size_t cap)
{
	size_t o = 0;
	int k = snprintf(out, cap, "# from to region public professional total compulsory\n");
	if (k < 0 || (size_t)k >= cap) return -1;
	o = (size_t)k;
	for (size_t i = 0; i < rules->n; i++) {
		const cq_rule *r = &rules->r[i];
		char to[8];
		if (r->to == CQ_RULE_OPEN) strcpy(to, "-");
		else snprintf(to, sizeof to, "%u", r->to);
		k = snprintf(out + o, cap - o, "%u %s %s %u %u %u %u\n", r->from, to, r->region, r->pub, r->prof,
		             r->total, r->compulsory);
		if (k < 0 || (size_t)k >= cap - o) return -1;
		o += (size_t)k;
	}
	return (long)o;
}

const cq_rule *cq_rules_find(const cq_rules *rules, unsigned year, const char *number)
{
	const cq_rule *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < rules->n; i++) {
		const cq_rule *r = &rules->r[i];
		size_t rl = strlen(r->region);
		if (year < r->from || year > r->to || strncmp(number, r->region, rl) != 0) continue;
		if (rl > best_len) { best = r; best_len = rl; }
	}
	return best;
}

/* Art. 8: required hours in proportion to months at post, rounded up so a
 * reduction never excuses a fraction of an hour. */
static uint16_t prorate(unsigned hours, unsigned months)
{
	return (uint16_t)((hours * months + 11) / 12);
}

static uint16_t gap(unsigned need, unsigned have) { return (uint16_t)(need > have ? need - have : 0); }

void cq_rules_check(const cq_rules *rules, const cq_record *r, cq_compliance *c)
{
	memset(c, 0, sizeof *c);
	/* The credit is the certificate's (art. 7 (11)), with or without a rule. */
	c->aid_credit = r->reduction == CQ_RED_AID;
	const cq_rule *rule = cq_rules_find(rules, r->year, r->number);
	if (!rule) return;
	c->known = true;
	c->rule = *rule;
	if (c->aid_credit) {
		c->met = true;
		return;
	}
	unsigned m = r->reduction == CQ_RED_NONE ? 12 : r->months_at_post;
	c->req_pub = prorate(rule->pub, m);
	c->req_prof = prorate(rule->prof, m);
	c->req_total = prorate(rule->total, m);
	c->req_comp = prorate(rule->compulsory, m);
	c->short_pub = gap(c->req_pub, r->hours_public);
	c->short_prof = gap(c->req_prof, r->hours_professional);
	c->short_total = gap(c->req_total, cq_record_total(r));
	c->short_comp = gap(c->req_comp, r->has_compulsory ? r->hours_compulsory : 0);
	c->met = !c->short_pub && !c->short_prof && !c->short_total && !c->short_comp;
}
