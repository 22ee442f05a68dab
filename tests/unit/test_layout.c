/* The certificate layout as data: the built-in layout parses, expands every
 * optional row by the signed record, marks which field each stretch of text
 * shows, and the parser refuses what is malformed. */
#include "testutil.h"
#include "certqr/layout.h"

static cq_record rec(void)
{
	cq_record r;
	memset(&r, 0, sizeof r);
	snprintf(r.name, sizeof r.name, "张伟");
	snprintf(r.number, sizeof r.number, "4101020000123");
	r.year = 2025;
	r.revision = 1;
	r.hours_public = 32;
	r.hours_professional = 64;
	r.months_at_post = 12;
	r.issued = (cq_date){2025, 12, 20};
	return r;
}

static const cq_layout_run *find(const cq_layout_run *r, int n, const char *text)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(r[i].text, text)) return &r[i];
	return NULL;
}

static void default_layout(void **state)
{
	(void)state;
	cq_layout l;
	cq_err e;
	assert_int_equal(cq_layout_default(&l), 0);
	assert_true(l.qr_mm > 49.9 && l.qr_mm < 50.1);
	assert_true(l.page_w > 595 && l.page_w < 596);
	cq_record r = rec();
	cq_layout_values v = {&r, "410102198503120516", "郑州市人力资源和社会保障局", "0123456789abcdef"};
	cq_layout_run runs[CQ_LAYOUT_RUNS];
	int n = cq_layout_expand(&l, &v, runs, CQ_LAYOUT_RUNS, &e);
	assert_true(n > 20);
	const cq_layout_run *h = find(runs, n, "32 学时");
	assert_non_null(h);
	assert_int_equal(h->nseg, 2);
	assert_int_equal(h->seg[0].field, CQ_F_HOURS_PUBLIC);
	assert_int_equal(h->seg[0].len, 2);
	assert_int_equal(h->seg[1].field, CQ_F_LABEL);
	assert_non_null(find(runs, n, "（2025 年度）"));
	assert_non_null(find(runs, n, "2025 年 12 月 20 日"));
	assert_non_null(find(runs, n, "签名密钥 0123456789abcdef"));
	assert_null(find(runs, n, "证书版本："));          /* revision 1: no row */
	const cq_layout_run *name = find(runs, n, "张伟");
	assert_non_null(name);
	assert_int_equal(name->font, 1);
	assert_int_equal(name->row, 0);
	/* optional rows follow the record */
	r.has_compulsory = true;
	r.hours_compulsory = 24;
	r.revision = 2;
	r.reduction = CQ_RED_ABROAD;
	r.months_at_post = 5;
	n = cq_layout_expand(&l, &v, runs, CQ_LAYOUT_RUNS, &e);
	h = find(runs, n, "32 学时（其中必修课 24 学时）");
	assert_non_null(h);
	assert_int_equal(h->seg[2].field, CQ_F_HOURS_COMPULSORY);
	assert_non_null(find(runs, n, "第 2 版（更正）"));
	assert_non_null(find(runs, n, "境外工作超过6个月（在岗 5 个月）"));
	/* the verifier does not know the ID number */
	v.id_number = NULL;
	n = cq_layout_expand(&l, &v, runs, CQ_LAYOUT_RUNS, &e);
	bool unknown = false;
	for (int i = 0; i < n; i++) unknown |= runs[i].unknown;
	assert_true(unknown);
	assert_string_equal(cq_field_name(CQ_F_HOURS_PROFESSIONAL), "hours_professional");
	/* the seal area is layout data, clear of every value row */
	const cq_layout_item *s = cq_layout_seal(&l);
	assert_non_null(s);
	r.reduction = CQ_RED_AID;
	v.id_number = "410102198503120516";
	n = cq_layout_expand(&l, &v, runs, CQ_LAYOUT_RUNS, &e);
	for (int i = 0; i < n; i++)
		if (runs[i].row >= 0) assert_true(runs[i].y - 0.3 * runs[i].size > s->y + s->h + 8);
}

static void expect_bad(const char *text, cq_code code)
{
	cq_layout l;
	cq_err e;
	if (cq_layout_parse(text, strlen(text), &l, &e) == 0) fail_msg("accepted: %s", text);
	assert_int_equal(e.code, code);
}

static void parser_refuses(void **state)
{
	(void)state;
	const char *head = "certqr-layout 1\npage 595 842\nqr 70 96 30\ncheck 36 36 559 805\nrows 215 221 650 33 13 15 0 0 0\n";
	char buf[1024];
	cq_layout l;
	cq_err e;
	assert_int_equal(cq_layout_parse(head, strlen(head), &l, &e), 0);
	expect_bad("certqr-layout 2\n", CQ_E_VERSION);
	expect_bad("page 595 842\n", CQ_E_FORMAT);
	expect_bad("certqr-layout 1\npage 595 842\n", CQ_E_FORMAT);              /* no qr, rows, check */
	snprintf(buf, sizeof buf, "%srow always 0 姓名： {nom}\n", head);         /* unknown slot */
	expect_bad(buf, CQ_E_FORMAT);
	snprintf(buf, sizeof buf, "%srow always 0 姓名： {name\n", head);        /* unclosed */
	expect_bad(buf, CQ_E_FORMAT);
	snprintf(buf, sizeof buf, "%stext 1 2 12 middle 0 0 0 0 always x\n", head);
	expect_bad(buf, CQ_E_FORMAT);
	snprintf(buf, sizeof buf, "%srect 1 0 0 10 10 0 0 2\n", head);           /* colour out of range */
	expect_bad(buf, CQ_E_FORMAT);
	snprintf(buf, sizeof buf, "%sstar 1 2 3\n", head);
	expect_bad(buf, CQ_E_FORMAT);
	snprintf(buf, sizeof buf, "%sqr 70 96 30\n", head);                      /* twice */
	expect_bad(buf, CQ_E_FORMAT);
	/* the seal area: at most one, sizes in range, a caption without slots */
	snprintf(buf, sizeof buf, "%sseal 358 153 124 124 1.2 11 0.8 0.15 0.15 发证机关印章\n", head);
	assert_int_equal(cq_layout_parse(buf, strlen(buf), &l, &e), 0);
	const cq_layout_item *s = cq_layout_seal(&l);
	assert_non_null(s);
	assert_true(s->x == 358 && s->y == 153 && s->w == 124 && s->h == 124 && s->size == 11);
	assert_string_equal(s->tmpl, "发证机关印章");
	assert_true(cq_layout_in_seal(&l, 420, 215));
	assert_true(cq_layout_in_seal(&l, 359, 276));
	assert_false(cq_layout_in_seal(&l, 357, 215));
	assert_false(cq_layout_in_seal(&l, 420, 278));
	snprintf(buf, sizeof buf, "%sseal 358 153 124 124 1.2 11 0.8 0.15 0.15 印章\nseal 1 1 20 20 1 8 0 0 0 印\n", head);
	expect_bad(buf, CQ_E_FORMAT);                                             /* twice */
	snprintf(buf, sizeof buf, "%sseal 358 153 124 124 1.2 11 0.8 0.15 0.15 {name}\n", head);
	expect_bad(buf, CQ_E_FORMAT);                                             /* a slot */
	snprintf(buf, sizeof buf, "%sseal 358 153 5 124 1.2 11 0.8 0.15 0.15 印章\n", head);
	expect_bad(buf, CQ_E_FORMAT);                                             /* too narrow */
	snprintf(buf, sizeof buf, "%sseal 358 153 124 124 1.2 11 0.8 0.15 印章\n", head);
	expect_bad(buf, CQ_E_FORMAT);                                             /* a colour short */
	snprintf(buf, sizeof buf, "%sseal 358 153 124 124 1.2 11 0.8 0.15 0.15\n", head);
	expect_bad(buf, CQ_E_FORMAT);                                             /* no caption */
	snprintf(buf, sizeof buf, "%sseal 2900 153 124 124 1.2 11 0.8 0.15 0.15 印章\n", head);
	expect_bad(buf, CQ_E_FORMAT);                                             /* off any page */
	assert_int_equal(cq_layout_parse(head, strlen(head), &l, &e), 0);
	assert_null(cq_layout_seal(&l));
	char big[CQ_LAYOUT_BYTES + 64];
	size_t k = (size_t)snprintf(big, sizeof big, "%s", head);
	while (k + 32 < sizeof big) k += (size_t)snprintf(big + k, sizeof big - k, "line 1 0 0 1 1 0 0 0\n");
	expect_bad(big, CQ_E_LIMIT);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(default_layout),
		cmocka_unit_test(parser_refuses),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
