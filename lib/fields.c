#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/cjkcompat.h"
#include "certqr/fields.h"
#include "certqr/utf8.h"

enum { F_NAME, F_ID, F_NUMBER, F_YEAR, F_REVISION, F_PUB, F_PROF, F_COMP, F_RED, F_MONTHS, F_REGION, F_ISSUED,
       F_TOTAL, F_COUNT };

const char *const cq_field_names[] = {
	"name", "id_number", "number", "year", "revision", "hours_public", "hours_professional",
	"hours_compulsory", "reduction", "months_at_post", "issuer_region", "issued", "hours_total", NULL,
};

/* The headings a spreadsheet export may give each field: the Chinese label
 * certqr writes in its own reports first, then variants seen in platform and
 * bureau exports. Compared after removing spaces (ASCII and U+3000). */
static const char *const headings[F_COUNT][7] = {
	[F_NAME] = {"姓名", "人员姓名", "持证人", "持证人姓名"},
	[F_ID] = {"身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"},
	[F_NUMBER] = {"证书管理号", "证书编号", "证书号", "证书号码", "管理号"},
	[F_YEAR] = {"年度", "学时年度", "继续教育年度", "培训年度"},
	[F_REVISION] = {"证书版本", "版本", "版次"},
	[F_PUB] = {"公需科目学时", "公需科目", "公需课学时", "公需学时", "公需课"},
	[F_PROF] = {"专业科目学时", "专业科目", "专业课学时", "专业学时", "专业课"},
	[F_COMP] = {"必修课学时", "必修课", "必修学时", "其中必修课", "其中必修"},
	[F_RED] = {"学时减免", "减免情形", "减免原因", "折算原因", "学时折算"},
	[F_MONTHS] = {"在岗月数", "在岗时间（月）", "在岗时间(月)", "在岗月份"},
	[F_REGION] = {"发证机关代码", "发证机关区划代码", "行政区划代码", "区划代码", "地区代码"},
	[F_ISSUED] = {"发证日期", "签发日期", "发证时间"},
	[F_TOTAL] = {"合计学时", "总学时", "学时合计", "合计", "总计"},
};

/* a heading with its spaces removed, into out[cap] */
static void squeeze(const char *h, char *out, size_t cap)
{
	size_t k = 0;
	for (; *h && k + 1 < cap; h++) {
		if (*h == ' ' || *h == '\t') continue;
		if (!strncmp(h, "\xE3\x80\x80", 3)) { h += 2; continue; }   /* U+3000 */
		out[k++] = *h;
	}
	out[k] = '\0';
}

int cq_field_find(const char *heading)
{
	char h[128];
	squeeze(heading, h, sizeof h);
	for (int f = 0; f < F_COUNT; f++) {
		if (!strcmp(h, cq_field_names[f])) return f;
		for (int k = 0; k < 7 && headings[f][k]; k++)
			if (!strcmp(h, headings[f][k])) return f;
	}
	return -1;
}

const char *cq_field_label_zh(int f)
{
	return f >= 0 && f < F_COUNT ? headings[f][0] : "";
}

bool cq_field_required(int f)
{
	return f >= 0 && f < F_COUNT && (f == F_NAME || f == F_ID || f == F_NUMBER || f == F_YEAR || f == F_PUB ||
	                                 f == F_PROF || f == F_REGION || f == F_ISSUED);
}

static const unsigned required = 1u << F_NAME | 1u << F_ID | 1u << F_NUMBER | 1u << F_YEAR |
                                 1u << F_PUB | 1u << F_PROF | 1u << F_REGION | 1u << F_ISSUED;

void cq_builder_init(cq_builder *b)
{
	memset(b, 0, sizeof *b);
	b->r.revision = 1;
	b->r.months_at_post = 12;
	b->r.reduction = CQ_RED_NONE;
}

/* "4.10102E+17": what a spreadsheet writes for a long number it took for a
 * figure. The digits past the sixth are lost. */
static bool scientific(const char *s)
{
	if (!(*s >= '0' && *s <= '9')) return false;
	s++;
	if (*s == '.') { s++; while (*s >= '0' && *s <= '9') s++; }
	if (*s != 'E' && *s != 'e') return false;
	s++;
	if (*s == '+') s++;
	if (!(*s >= '0' && *s <= '9')) return false;
	while (*s >= '0' && *s <= '9') s++;
	return *s == '\0';
}

/* Reads up to `max` digits; returns the count. */
static int digits(const char **s, int max, unsigned *v)
{
	int n = 0;
	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') { *v = *v * 10 + (unsigned)(**s - '0'); (*s)++; n++; }
	return n;
}

/* Issue dates as spreadsheets write them. Accepted when unambiguous (the
 * year first): 2025-12-20, 2025/12/20, 2025/1/5, 2025.1.5, 2025年1月5日,
 * each optionally followed by a midnight time ("2025/12/20 0:00"). Other
 * forms get a message saying what was seen. */
static int parse_issued(const char *v, cq_date *out, cq_err *e, const char *field)
{
	if (cq_date_parse(v, out) == 0) return 0;
	const char *s = v;
	unsigned y, m, d;
	int ny = digits(&s, 4, &y), ok = 0;
	const char *sep = s;
	if (ny == 4 && (*s == '/' || *s == '-' || *s == '.')) {
		char c = *s++;
		if (digits(&s, 2, &m) && *s == c && (s++, digits(&s, 2, &d))) ok = 1;
	} else if (ny == 4 && !strncmp(s, "年", 3)) {
		s += 3;
		if (digits(&s, 2, &m) && !strncmp(s, "月", 3) && (s += 3, digits(&s, 2, &d)) && !strncmp(s, "日", 3)) {
			s += 3;
			ok = 1;
		}
	}
	(void)sep;
	if (ok && (!strcmp(s, "") || !strcmp(s, " 0:00") || !strcmp(s, " 00:00") || !strcmp(s, " 0:00:00") ||
	           !strcmp(s, " 00:00:00"))) {
		cq_date dt = {(uint16_t)y, (uint8_t)m, (uint8_t)d};
		if (cq_date_valid(dt)) { *out = dt; return 0; }
		return cq_fail(e, CQ_E_FIELD, field, "is not a valid date");
	}
	/* a date serial number: days since 1899-12-30 (from 1900-03-01 on) */
	s = v;
	unsigned serial;
	if (digits(&s, 6, &serial) == 5 && *s == '\0' && serial > 60) {
		char buf[11];
		cq_date_format(cq_date_from_days((int32_t)serial - 25569), buf);
		return cq_fail(e, CQ_E_FIELD, field, "is a spreadsheet date serial number (%u is %s): "
		               "format the column as a date, yyyy-mm-dd", serial, buf);
	}
	s = v;
	unsigned a, b;
	if (digits(&s, 2, &a) && (*s == '/' || *s == '-' || *s == '.') && (s++, digits(&s, 2, &b)) &&
	    (*s == '/' || *s == '-' || *s == '.') && (s++, digits(&s, 4, &y)))
		return cq_fail(e, CQ_E_FIELD, field, "puts the year last, so day and month are ambiguous: "
		               "write the date year first, as YYYY-MM-DD");
	return cq_fail(e, CQ_E_FIELD, field, "must be a date YYYY-MM-DD");
}

static const struct { const char *zh; int red; } red_zh[] = {
	{"无", CQ_RED_NONE}, {"境外", CQ_RED_ABROAD}, {"境外工作", CQ_RED_ABROAD}, {"境外工作超过6个月", CQ_RED_ABROAD},
	{"病假", CQ_RED_SICK}, {"病假超过6个月", CQ_RED_SICK}, {"生育", CQ_RED_MATERNITY}, {"产假", CQ_RED_MATERNITY},
	{"其他", CQ_RED_OTHER}, {"经批准的其他情况", CQ_RED_OTHER}, {"援派", CQ_RED_AID}, {"援派工作满一年", CQ_RED_AID},
};

/* Strict unsigned decimal: digits only, no sign, no leading zeros beyond "0". */
static int parse_uint(const char *s, size_t n, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (n == 0 || n > 9 || (n > 1 && s[0] == '0')) return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > max) return -1;
	*out = v;
	return 0;
}

int cq_builder_set(cq_builder *b, const char *field, const char *value, cq_err *e)
{
	int f;
	for (f = 0; f < F_COUNT; f++)
		if (!strcmp(field, cq_field_names[f])) break;
	if (f == F_COUNT) return cq_fail(e, CQ_E_FORMAT, field, "unknown field");
	if ((f == F_ID || f == F_NUMBER) && scientific(value))
		return cq_fail(e, CQ_E_FIELD, field, "was turned into a number in scientific notation (%.40s) by a spreadsheet, "
		               "which loses its digits: format the column as text and enter the numbers again", value);
	while (*value == ' ') value++;
	size_t n = strlen(value);
	while (n && value[n - 1] == ' ') n--;
	char v[CQ_NAME_MAX_BYTES + 2];
	if (n >= sizeof v) return cq_fail(e, CQ_E_FIELD, field, "value longer than %zu bytes", sizeof v - 1);
	memcpy(v, value, n);
	v[n] = '\0';
	unsigned long u = 0;
	cq_record *r = &b->r;
	/* Optional fields given empty (a blank CSV cell) count as absent. */
	if (n == 0 && (f == F_COMP || f == F_RED || f == F_MONTHS || f == F_REVISION || f == F_TOTAL)) {
		if (f == F_COMP) { r->hours_compulsory = 0; r->has_compulsory = false; }
		if (f == F_MONTHS) r->months_at_post = 12;
		if (f == F_REVISION) r->revision = 1;
		if (f == F_RED) r->reduction = CQ_RED_NONE;
		if (f == F_TOTAL) b->has_total = false;
		return 0;
	}
	switch (f) {
	case F_NAME:
		if (n > CQ_NAME_MAX_BYTES) return cq_fail(e, CQ_E_FIELD, field, "longer than %d bytes of UTF-8", CQ_NAME_MAX_BYTES);
		/* The name is signed in NFC: a CJK compatibility ideograph (which the
		 * clerk cannot tell from its unified twin) becomes the unified one. */
		if (cq_cjk_normalise(v, n, r->name, sizeof r->name) < 0) {
			if (cq_utf8_count(v, n) >= 0)
				return cq_fail(e, CQ_E_FIELD, field, "longer than %d bytes of UTF-8 once CJK compatibility ideographs are "
				               "replaced by unified ones", CQ_NAME_MAX_BYTES);
			memcpy(r->name, v, n + 1);   /* not UTF-8: the record rules say so */
		}
		break;
	case F_ID:
		if (n != CQ_ID_LEN) return cq_fail(e, CQ_E_FIELD, field, "must be 18 characters (GB 11643)");
		memcpy(b->id, v, n + 1);
		break;
	case F_NUMBER:
		if (cq_number_validate(v, e)) return -1;
		memcpy(r->number, v, n + 1);
		break;
	case F_YEAR:
		if (parse_uint(v, n, CQ_YEAR_MAX, &u) || u < CQ_YEAR_MIN)
			return cq_fail(e, CQ_E_FIELD, field, "must be a year %d..%d", CQ_YEAR_MIN, CQ_YEAR_MAX);
		r->year = (uint16_t)u;
		break;
	case F_REVISION:
		if (parse_uint(v, n, 255, &u) || u < 1) return cq_fail(e, CQ_E_FIELD, field, "must be 1..255");
		r->revision = (uint8_t)u;
		break;
	case F_PUB: case F_PROF: case F_COMP: case F_TOTAL:
		if (parse_uint(v, n, f == F_TOTAL ? 2 * CQ_HOURS_MAX : CQ_HOURS_MAX, &u))
			return cq_fail(e, CQ_E_FIELD, field, "must be whole hours 0..%d", f == F_TOTAL ? 2 * CQ_HOURS_MAX : CQ_HOURS_MAX);
		if (f == F_PUB) r->hours_public = (uint16_t)u;
		else if (f == F_PROF) r->hours_professional = (uint16_t)u;
		else if (f == F_TOTAL) { b->total = (unsigned)u; b->has_total = true; }
		else { r->hours_compulsory = (uint16_t)u; r->has_compulsory = true; }
		break;
	case F_RED: {
		int red = n ? cq_reduction_parse(v) : CQ_RED_NONE;
		for (size_t k = 0; red < 0 && k < sizeof red_zh / sizeof *red_zh; k++)
			if (!strcmp(v, red_zh[k].zh)) red = red_zh[k].red;
		if (red < 0)
			return cq_fail(e, CQ_E_FIELD, field, "must be none, abroad, sick_leave, maternity, other or aid "
			               "(or 无, 境外工作, 病假, 生育, 其他, 援派)");
		r->reduction = (uint8_t)red;
		break;
	}
	case F_MONTHS:
		if (parse_uint(v, n, 12, &u)) return cq_fail(e, CQ_E_FIELD, field, "must be 0..12");
		r->months_at_post = (uint8_t)u;
		break;
	case F_REGION:
		if (n != 6 || parse_uint(v, n, 419999, &u) || u < 410000)
			return cq_fail(e, CQ_E_FIELD, field, "must be a six-digit Henan division code 41xxxx");
		r->issuer_region = (uint32_t)u;
		break;
	case F_ISSUED:
		if (parse_issued(v, &r->issued, e, field)) return -1;
		break;
	}
	b->have |= 1u << f;
	return 0;
}

int cq_builder_finish(cq_builder *b, cq_record *out, cq_err *e)
{
	int rc = -1;
	unsigned missing = required & ~b->have;
	if (missing) {
		for (int f = 0; f < F_COUNT; f++)
			if (missing & 1u << f) { cq_fail(e, CQ_E_FIELD, cq_field_names[f], "is required"); break; }
	} else if (cq_record_bind_id(&b->r, b->id, e)) {
		/* 410102198503120000: a spreadsheet kept 15 significant digits */
		size_t n = strlen(b->id);
		if (e->code == CQ_E_FIELD && !strcmp(e->field, "id_number") && n == CQ_ID_LEN && !strcmp(b->id + 15, "000"))
			cq_fail(e, CQ_E_FIELD, "id_number", "ends in 000 and fails its check: a spreadsheet keeps only 15 "
			        "significant digits of a number; format the column as text and enter the ID numbers again");
	} else if (cq_record_validate(&b->r, e) == 0) {
		if (b->has_total && b->total != cq_record_total(&b->r))
			cq_fail(e, CQ_E_FIELD, "hours_total", "does not add up: %u given, but public %u + professional %u make %u", b->total,
			        b->r.hours_public, b->r.hours_professional, cq_record_total(&b->r));
		else {
			*out = b->r;
			rc = 0;
		}
	}
	sodium_memzero(b->id, sizeof b->id);
	return rc;
}
