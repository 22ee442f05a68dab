/* certqr-issue hours: the art. 7 calculator for the bureau's review.
 * Input: CSV with the header activity,rank,quantity (rank empty for
 * activities without ranks). Output: hours per line and per category, and
 * with --year the comparison with that year's rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/csv.h"
#include "certqr/hours.h"
#include "certqr/opts.h"
#include "certqr/rules.h"
#include "issue.h"

static const char *cat_name(unsigned c)
{
	return c == CQ_CAT_PUBLIC ? "public" : c == CQ_CAT_PROFESSIONAL ? "professional" : "public+professional";
}

/* A rejected row; the message may quote the row's own text. */
static void reject_line(unsigned long line, const cq_err *e)
{
	printf("row %lu: rejected: ", line);
	cq_fputs_escaped(e->field, stdout);
	fputs(": ", stdout);
	cq_fputs_escaped(e->msg, stdout);
	fputc('\n', stdout);
}

static int uint_arg(const char *s, unsigned max, unsigned *out)
{
	if (!*s || strlen(s) > 4 || (s[0] == '0' && s[1])) return -1;
	unsigned v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9') return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (v > max) return -1;
	*out = v;
	return 0;
}

static void list_table(const cq_hours_table *t)
{
	printf("%-28s %-10s %-19s hours per unit (by rank)\n", "activity", "unit", "category");
	for (size_t i = 0; i < t->n; i++) {
		const cq_hours_kind *k = &t->k[i];
		printf("%-28s %-10s %-19s", k->name, k->unit, cat_name(k->category));
		if (k->full) printf(" the whole year's hours");
		else for (unsigned r = 0; r < k->nranks; r++) printf(" %u", k->hours[r]);
		putchar('\n');
	}
}

int issue_cmd_hours(int argc, char **argv)
{
	const char *table_path = NULL, *in_path = NULL, *number = "41";
	unsigned year = 0;
	int list = 0;
	enum { O_TABLE = 256, O_YEAR, O_NUMBER, O_LIST };
	static const struct option longopts[] = {
		{"table", required_argument, NULL, O_TABLE},
		{"year", required_argument, NULL, O_YEAR},
		{"number", required_argument, NULL, O_NUMBER},
		{"list", no_argument, NULL, O_LIST},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	cq_opts o;
	cq_opts_init(&o, argc, argv, "h", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		const char *v = o.arg;
		switch (c) {
		case 'h': return issue_usage(NULL);
		case O_LIST: list = 1; break;
		case CQ_OPT_OPERAND:
			if (in_path) { cq_warn("hours: more than one input"); return issue_usage("hours"); }
			in_path = v;
			break;
		case CQ_OPT_NO_VALUE: cq_warn("hours: %s needs a value", o.name); return issue_usage("hours");
		case O_TABLE: table_path = v; break;
		case O_YEAR:
			if (uint_arg(v, CQ_YEAR_MAX, &year) || year < CQ_YEAR_MIN) { cq_warn("hours: --year must be %d..%d", CQ_YEAR_MIN, CQ_YEAR_MAX); return ISSUE_USAGE; }
			break;
		case O_NUMBER: {
			size_t l = strlen(v);
			if (l < 2 || l > CQ_NUMBER_LEN || strspn(v, "0123456789") != l || strncmp(v, "41", 2)) {
				cq_warn("hours: --number must be a certificate number or its region prefix (41...)");
				return ISSUE_USAGE;
			}
			number = v;
			break;
		}
		default: cq_warn("hours: unknown or repeated option '%s'", o.name); return issue_usage("hours");
		}
	}
	cq_hours_table *t = malloc(sizeof *t);
	if (!t) return ISSUE_FAILED;
	cq_err e;
	char why[256], *buf;
	size_t n;
	int ret = ISSUE_FAILED;
	cq_hours_table_default(t);
	if (table_path) {
		if (cq_read_file(table_path, 1 << 20, &buf, &n, why)) { cq_warn("%s", why); goto out; }
		int rc = cq_hours_table_parse(buf, n, t, &e);
		free(buf);
		if (rc) { cq_warn("%s: %s", table_path, e.msg); goto out; }
	}
	if (list) { list_table(t); ret = fflush(stdout) ? ISSUE_FAILED : ISSUE_OK; goto out; }
	if (!in_path) in_path = "-";
	if (cq_read_file(in_path, 16 << 20, &buf, &n, why)) { cq_warn("%s", why); goto out; }
	cq_csv rd;
	cq_row *row = malloc(sizeof *row);
	if (!row) { free(buf); goto out; }
	cq_csv_init(&rd, buf, n);
	int r = cq_csv_next(&rd, row, &e), bad = 0;
	if (r <= 0 || row->n != 3 || strcmp(row->value[0], "activity") || strcmp(row->value[1], "rank") ||
	    strcmp(row->value[2], "quantity")) {
		cq_warn("%s: the first line must be the header activity,rank,quantity", in_path);
		free(row);
		free(buf);
		ret = ISSUE_FAILED;
		goto out;
	}
	cq_hours_sum sum = {0};
	while ((r = cq_csv_next(&rd, row, &e)) != 0) {
		unsigned rank = 0, qty = 0, got;
		if (r < 0) { reject_line(row->line, &e); bad++; continue; }
		if (row->n != 3) { printf("row %lu: rejected: need activity,rank,quantity\n", row->line); bad++; continue; }
		if ((row->value[1][0] && uint_arg(row->value[1], 99, &rank)) || uint_arg(row->value[2], 9999, &qty)) {
			printf("row %lu: rejected: rank and quantity must be whole numbers\n", row->line);
			bad++;
			continue;
		}
		if (cq_hours_add(t, row->value[0], rank, qty, &sum, &got, &e)) {
			reject_line(row->line, &e);
			bad++;
			continue;
		}
		const cq_hours_kind *k = cq_hours_find(t, row->value[0]);
		if (k->full) printf("row %lu: %s: the whole year's %s hours\n", row->line, k->name, cat_name(k->category));
		else if (rank > k->nranks) printf("row %lu: %s rank %u: 0 h (only ranks 1..%u are credited)\n", row->line, k->name, rank, k->nranks);
		else printf("row %lu: %s%s%.0u, %u %s: %u h %s\n", row->line, k->name, rank ? " rank " : "", rank, qty, k->unit, got,
		            cat_name(k->category));
	}
	free(row);
	free(buf);
	printf("public: %u h%s\n", sum.pub, sum.full_pub ? " (and the whole year's public hours)" : "");
	printf("professional: %u h%s\n", sum.prof, sum.full_prof ? " (and the whole year's professional hours)" : "");
	printf("total: %u h\n", sum.pub + sum.prof);
	if (year) {
		cq_rules rules;
		cq_rules_default(&rules);
		const cq_rule *rule = cq_rules_find(&rules, year, number);
		if (!rule) printf("%u: no hours rule for region %s\n", year, number);
		else {
			/* a "full" item stands for the whole of its category's requirement */
			unsigned pub = sum.full_pub && sum.pub < rule->pub ? rule->pub : sum.pub;
			unsigned prof = sum.full_prof && sum.prof < rule->prof ? rule->prof : sum.prof;
			int pub_ok = pub >= rule->pub, prof_ok = prof >= rule->prof;
			int tot_ok = (sum.full_pub && sum.full_prof) || pub + prof >= rule->total;
			printf("%u rule (region %s): public %u, professional %u, total %u%s\n", year, rule->region, rule->pub,
			       rule->prof, rule->total, rule->compulsory ? " (compulsory courses are not activities of art. 7)" : "");
			printf("public: %s\n", pub_ok ? "met" : "short");
			printf("professional: %s\n", prof_ok ? "met" : "short");
			printf("total: %s\n", tot_ok ? "met" : "short");
		}
	}
	ret = fflush(stdout) ? ISSUE_FAILED : bad ? ISSUE_SOME_REJECTED : ISSUE_OK;
out:
	free(t);
	return ret;
}
