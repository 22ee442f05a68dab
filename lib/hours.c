#include <stdio.h>
#include <string.h>
#include "certqr/hours.h"
#include "certqr/textline.h"

/* Kept identical to tools/data/hours-art7.txt (a unit test compares them). */
static const char default_table[] =
	"# certqr art. 7 hours table: activity unit category hours-by-rank\n"
	"# From the 2017 measures (豫人社[2017]121号, seeds/004_…, art. 7). One line an\n"
	"# activity: name, the unit its quantity counts, the category credited\n"
	"# (public, professional, or both), then the hours per unit: one figure for\n"
	"# every participant, or one per rank (1st, 2nd, …; ranks past the list get\n"
	"# none). \"full\" credits the whole year's hours of the category instead.\n"
	"# The measures do not say which category items (4)-(12) count towards; this\n"
	"# table credits them to professional subjects. Edit the table, not the code.\n"
	"#\n"
	"# (3) degree and course study\n"
	"degree-course            course     professional  15\n"
	"course-study-month       month      professional  10\n"
	"course-study-over-6m     year       professional  full\n"
	"# (4) academic conferences: per day attended, plus per paper presented\n"
	"conference-national      day        professional  6\n"
	"conference-national-paper  paper    professional  6\n"
	"conference-provincial    day        professional  4\n"
	"conference-provincial-paper paper   professional  4\n"
	"# (5) research projects, per year, by rank in the project group\n"
	"project-national         year       professional  68 60 52 44 36\n"
	"subproject-national      year       professional  52 44 36\n"
	"project-provincial       year       professional  60 52 44\n"
	"subproject-provincial    year       professional  44 36 28\n"
	"# (6) books (per 10 000 characters) and papers, first three authors\n"
	"book                     10k-chars  professional  16 12 8\n"
	"paper-national           paper      professional  52 44 36\n"
	"paper-provincial-core    paper      professional  44 36 28\n"
	"paper-issn-cn            paper      professional  36 28 20\n"
	"# (7) patents, first three holders\n"
	"patent-invention         item       professional  68 68 68\n"
	"patent-utility-model     item       professional  60 60 60\n"
	"patent-design            item       professional  60 60 60\n"
	"# (8) awards, first three awardees\n"
	"award-national           item       professional  68 68 68\n"
	"award-provincial         item       professional  60 60 60\n"
	"# (9) qualification examinations passed\n"
	"exam-senior              item       professional  68\n"
	"exam-intermediate        item       professional  60\n"
	"exam-junior              item       professional  52\n"
	"exam-licensing           item       professional  68\n"
	"# (10) research report endorsed by provincial or local leaders\n"
	"report-endorsed          item       professional  20\n"
	"# (11) a full year of aid work (Tibet, Xinjiang, abroad, grass roots)\n"
	"aid-year                 year       both          full\n"
	"# (12) service at the grass roots\n"
	"service-grassroots       day        professional  6\n";

void cq_hours_table_default(cq_hours_table *t)
{
	/* the built-in table parses: test_hours checks it */
	if (cq_hours_table_parse(default_table, sizeof default_table - 1, t, NULL)) t->n = 0;
}

static int name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max) return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-')) return 0;
	return 1;
}

int cq_hours_table_parse(const char *text, size_t n, cq_hours_table *t, cq_err *e)
{
	cq_lines it;
	char line[CQ_LINE_MAX];
	int got;
	t->n = 0;
	cq_lines_init(&it, text, n);
	while ((got = cq_lines_next(&it, line, sizeof line, "hours table", e)) > 0) {
		size_t lineno = it.lineno;
		char *f[3 + CQ_HOURS_RANKS];
		int k = cq_split_fields(line, f, 3 + CQ_HOURS_RANKS);
		if (k == 0) continue;
		if (k > 3 + CQ_HOURS_RANKS)
			return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: more than %d ranks", lineno, CQ_HOURS_RANKS);
		if (k < 4) return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: need name, unit, category and hours", lineno);
		if (t->n == CQ_HOURS_KINDS) return cq_fail(e, CQ_E_LIMIT, "hours table", "more than %d activities", CQ_HOURS_KINDS);
		cq_hours_kind *h = &t->k[t->n];
		memset(h, 0, sizeof *h);
		if (!name_ok(f[0], CQ_HOURS_NAME_MAX))
			return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: name must be 1..%d of a-z 0-9 -", lineno, CQ_HOURS_NAME_MAX);
		if (cq_hours_find(t, f[0])) return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: %s listed twice", lineno, f[0]);
		if (!name_ok(f[1], sizeof h->unit - 1)) return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: bad unit", lineno);
		if (!strcmp(f[2], "public")) h->category = CQ_CAT_PUBLIC;
		else if (!strcmp(f[2], "professional")) h->category = CQ_CAT_PROFESSIONAL;
		else if (!strcmp(f[2], "both")) h->category = CQ_CAT_BOTH;
		else return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: category must be public, professional or both", lineno);
		snprintf(h->name, sizeof h->name, "%s", f[0]);
		snprintf(h->unit, sizeof h->unit, "%s", f[1]);
		if (!strcmp(f[3], "full")) {
			if (k != 4) return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: nothing may follow 'full'", lineno);
			h->full = true;
			h->nranks = 1;
		} else {
			if (h->category == CQ_CAT_BOTH)
				return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: 'both' is only for 'full' items", lineno);
			for (int j = 3; j < k; j++) {
				unsigned v;
				if (cq_field_uint(f[j], 999, &v)) return cq_fail(e, CQ_E_FORMAT, "hours table", "line %zu: hours must be 0..999 or full", lineno);
				h->hours[j - 3] = (uint16_t)v;
			}
			h->nranks = (uint8_t)(k - 3);
		}
		t->n++;
	}
	return got;
}

const cq_hours_kind *cq_hours_find(const cq_hours_table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->k[i].name, name)) return &t->k[i];
	return NULL;
}

int cq_hours_add(const cq_hours_table *t, const char *name, unsigned rank, unsigned quantity,
                 cq_hours_sum *sum, unsigned *credited, cq_err *e)
{
	const cq_hours_kind *h = cq_hours_find(t, name);
	*credited = 0;
	if (!h) return cq_fail(e, CQ_E_FIELD, "activity", "unknown activity '%.40s'", name);
	if (h->nranks > 1 && rank == 0)
		return cq_fail(e, CQ_E_FIELD, "rank", "%s is credited by rank: give the rank (1..%u)", h->name, h->nranks);
	if (h->nranks == 1 && rank != 0) return cq_fail(e, CQ_E_FIELD, "rank", "%s has no ranks", h->name);
	if (quantity == 0 || quantity > CQ_HOURS_QTY_MAX)
		return cq_fail(e, CQ_E_FIELD, "quantity", "must be 1..%d %s", CQ_HOURS_QTY_MAX, h->unit);
	if (h->full) {
		if (h->category != CQ_CAT_PROFESSIONAL) sum->full_pub = true;
		if (h->category != CQ_CAT_PUBLIC) sum->full_prof = true;
		return 0;
	}
	unsigned per = rank > h->nranks ? 0 : h->hours[h->nranks > 1 ? rank - 1 : 0];
	*credited = per * quantity;
	if (h->category == CQ_CAT_PUBLIC) sum->pub += *credited;
	else sum->prof += *credited;
	return 0;
}
