/* The certificate layout as data (include/certqr/layout.h, docs/layout.md):
 * a strict line parser and the expansion of templates into printed runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/layout.h"
#include "certqr/textline.h"

#define MM_PT 2.834645669

/* Today's certificate (tools/issue/pdf.c lays it out from this text). */
static const char DEFAULT_LAYOUT[] =
	"certqr-layout 1\n"
	"page 595.276 841.89\n"
	"check 36 36 559.276 805.89\n"
	"rows 215 221 650 33 13 15 0.25 0.25 0.25\n"
	"rect 2.5 28 28 539.276 785.89 0.55 0.10 0.10\n"
	"rect 0.7 36 36 523.276 769.89 0.55 0.10 0.10\n"
	"text 297.638 740 25 centre 0.55 0.10 0.10 0 always 河南省专业技术人员继续教育证书\n"
	"text 297.638 708 15 centre 0 0 0 0 always （{year} 年度）\n"
	"line 0.5 90 690 505.276 690 0.3 0.3 0.3\n"
	"row always 1 姓名： {name}\n"
	"row always 0 身份证号： {id_number}\n"
	"row always 0 证书管理号： {number}\n"
	"row always 0 年度： {year}\n"
	"row compulsory 0 公需科目： {hours_public} 学时（其中必修课 {hours_compulsory} 学时）\n"
	"row no-compulsory 0 公需科目： {hours_public} 学时\n"
	"row always 0 专业科目： {hours_professional} 学时\n"
	"row always 0 合计： {hours_total} 学时\n"
	"row aid 0 学时认定： {reduction}\n"
	"row reduced 0 学时折算： {reduction}（在岗 {months} 个月）\n"
	"row always 0 发证机关： {issuer}\n"
	"row always 0 发证日期： {issued}\n"
	"row revised 0 证书版本： 第 {revision} 版（更正）\n"
	"seal 372 172 124 124 1.2 11 0.80 0.15 0.15 发证机关印章\n"
	"text 434 154 11 centre 0.35 0.35 0.35 0 always （电子印章：发证机关数字签名）\n"
	"qr 70 120 50\n"
	"text 70 100 8 left 0.2 0.2 0.2 0 always 核验：扫描二维码，用 certqr-verify 或核验终端离线验证发证机关签名，并与本页内容核对\n"
	"qrtext 6 8 0.3 0.3 0.3 签名密钥 {key_id}\n";

const char *cq_layout_default_text(void) { return DEFAULT_LAYOUT; }

int cq_layout_default(cq_layout *out)
{
	cq_err e;
	return cq_layout_parse(DEFAULT_LAYOUT, sizeof DEFAULT_LAYOUT - 1, out, &e);
}

static const char *const FIELD[CQ_F_COUNT_] = {
	"name", "id_number", "number", "year", "hours_public", "hours_compulsory", "hours_professional",
	"hours_total", "reduction", "issuer", "issued", "revision", "label", "extra", "key_id",
};
static const char *const FIELD_ZH[CQ_F_COUNT_] = {
	"姓名", "身份证号", "证书管理号", "年度", "公需科目学时", "必修课学时", "专业科目学时",
	"合计学时", "学时折算", "发证机关", "发证日期", "证书版本", "标签文字", "多余内容", "签名密钥",
};
const char *cq_field_name(cq_field f) { return (unsigned)f < CQ_F_COUNT_ ? FIELD[f] : "?"; }
const char *cq_field_name_zh(cq_field f) { return (unsigned)f < CQ_F_COUNT_ ? FIELD_ZH[f] : "?"; }

/* ---- parsing ---- */

static int num(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= lo && v <= hi)) return -1;
	*out = v;
	return 0;
}

static int nums(char **f, int n, double lo, double hi, double *out)
{
	for (int i = 0; i < n; i++)
		if (num(f[i], lo, hi, &out[i])) return -1;
	return 0;
}

static int rgb(char **f, float out[3])
{
	double v[3];
	if (nums(f, 3, 0, 1, v)) return -1;
	for (int i = 0; i < 3; i++) out[i] = (float)v[i];
	return 0;
}

static int when_parse(const char *s, cq_when *w)
{
	static const char *const N[] = {"always", "compulsory", "no-compulsory", "reduced", "aid", "revised"};
	for (int i = 0; i < 6; i++)
		if (!strcmp(s, N[i])) { *w = (cq_when)i; return 0; }
	return -1;
}

static int align_parse(const char *s, cq_align *a)
{
	if (!strcmp(s, "left")) *a = CQ_AL_LEFT;
	else if (!strcmp(s, "centre")) *a = CQ_AL_CENTRE;
	else if (!strcmp(s, "right")) *a = CQ_AL_RIGHT;
	else return -1;
	return 0;
}

/* Every "{...}" in a template must name a known slot. */
static const char *const SLOT[] = {
	"name", "id_number", "number", "year", "hours_public", "hours_compulsory", "hours_professional",
	"hours_total", "reduction", "months", "issuer", "issued", "revision", "key_id",
};
#define NSLOT (sizeof SLOT / sizeof *SLOT)

static int slot_of(const char *s, size_t n)
{
	for (size_t i = 0; i < NSLOT; i++)
		if (strlen(SLOT[i]) == n && !memcmp(SLOT[i], s, n)) return (int)i;
	return -1;
}

static int tmpl_ok(const char *t)
{
	int slots = 0;
	for (const char *p = t; *p; p++) {
		if (*p == '}') return -1;
		if (*p != '{') continue;
		const char *q = strchr(p, '}');
		if (!q || slot_of(p + 1, (size_t)(q - p - 1)) < 0) return -1;
		if (++slots > CQ_LAYOUT_SEGS / 2) return -1;
		p = q;
	}
	return 0;
}

/* The rest of the line after `skip` blank-separated fields, verbatim. */
static const char *rest_after(const char *line, int skip)
{
	const char *p = line;
	for (int i = 0; i < skip; i++) {
		while (*p == ' ' || *p == '\t') p++;
		while (*p && *p != ' ' && *p != '\t') p++;
	}
	while (*p == ' ' || *p == '\t') p++;
	return p;
}

static int copy_text(char *dst, const char *src)
{
	size_t n = strlen(src);
	while (n && (src[n - 1] == ' ' || src[n - 1] == '\t')) n--;
	if (!n || n >= CQ_LAYOUT_TEXT_MAX) return -1;
	memcpy(dst, src, n);
	dst[n] = 0;
	return tmpl_ok(dst);
}

int cq_layout_parse(const char *text, size_t n, cq_layout *out, cq_err *e)
{
	if (n > CQ_LAYOUT_BYTES) return cq_fail(e, CQ_E_LIMIT, "layout", "a layout text is at most %d bytes", CQ_LAYOUT_BYTES);
	memset(out, 0, sizeof *out);
	cq_lines it;
	cq_lines_init(&it, text, n);
	char line[CQ_LINE_MAX], copy[CQ_LINE_MAX];
	bool have[5] = {false};   /* page, qr, rows, check, seal */
	int r, first = 1;
	while ((r = cq_lines_next(&it, line, sizeof line, "layout", e)) == 1) {
		memcpy(copy, line, sizeof copy);
		char *f[16];
		int nf = cq_split_fields(line, f, 15);
		if (nf == 0) continue;
		if (first) {
			first = 0;
			if (nf != 2 || strcmp(f[0], "certqr-layout"))
				return cq_fail(e, CQ_E_FORMAT, "layout", "line %zu: a layout starts with \"certqr-layout 1\"", it.lineno);
			if (strcmp(f[1], "1"))
				return cq_fail(e, CQ_E_VERSION, "layout", "layout version %.16s; this verifier understands version 1", f[1]);
			continue;
		}
		double v[8];
		cq_layout_item *li = out->n < CQ_LAYOUT_ITEMS ? &out->item[out->n] : NULL;
		const char *k = f[0];
		int bad = 0;
		if (!strcmp(k, "page")) {
			bad = nf != 3 || nums(f + 1, 2, 72, 3000, v);
			if (!bad) { out->page_w = v[0]; out->page_h = v[1]; have[0] = true; }
		} else if (!strcmp(k, "qr")) {
			/* an item too, so the writers draw it in its place in the order */
			if (!li) return cq_fail(e, CQ_E_LIMIT, "layout", "more than %d layout items", CQ_LAYOUT_ITEMS);
			bad = have[1] || nf != 4 || nums(f + 1, 2, 0, 3000, v) || num(f[3], 10, 200, &v[2]);
			if (!bad) {
				out->qr_x = v[0]; out->qr_y = v[1]; out->qr_mm = v[2]; have[1] = true;
				memset(li, 0, sizeof *li);
				li->kind = CQ_LI_QR;
				li->x = v[0]; li->y = v[1];
				out->n++;
			}
		} else if (!strcmp(k, "check")) {
			bad = nf != 5 || nums(f + 1, 4, 0, 3000, v) || v[2] <= v[0] || v[3] <= v[1];
			if (!bad) { out->check_x0 = v[0]; out->check_y0 = v[1]; out->check_x1 = v[2]; out->check_y1 = v[3]; have[3] = true; }
		} else if (!strcmp(k, "rows")) {
			bad = nf != 10 || nums(f + 1, 3, 0, 3000, v) || num(f[4], 5, 200, &v[3]) || nums(f + 5, 2, 3, 100, v + 4) ||
			      rgb(f + 7, out->label_rgb);
			if (!bad) {
				out->label_x = v[0]; out->value_x = v[1]; out->row_y = v[2]; out->row_pitch = v[3];
				out->label_size = v[4]; out->value_size = v[5]; have[2] = true;
			}
		} else {
			if (!li) return cq_fail(e, CQ_E_LIMIT, "layout", "more than %d layout items", CQ_LAYOUT_ITEMS);
			memset(li, 0, sizeof *li);
			if (!strcmp(k, "rect") || !strcmp(k, "line")) {
				li->kind = k[0] == 'r' ? CQ_LI_RECT : CQ_LI_LINE;
				bad = nf != 9 || num(f[1], 0.05, 20, &li->lw) || nums(f + 2, 4, 0, 3000, v) || rgb(f + 6, li->rgb);
				if (!bad) { li->x = v[0]; li->y = v[1]; li->w = v[2]; li->h = v[3]; }
			} else if (!strcmp(k, "circle")) {
				li->kind = CQ_LI_CIRCLE;
				bad = nf != 8 || num(f[1], 0.05, 20, &li->lw) || nums(f + 2, 3, 0, 3000, v) || rgb(f + 5, li->rgb);
				if (!bad) { li->x = v[0]; li->y = v[1]; li->w = v[2]; }
			} else if (!strcmp(k, "seal")) {
				/* the area, the placeholder's line width, caption size and
				 * colour, and its caption (fixed text, no slots) */
				li->kind = CQ_LI_SEAL;
				bad = have[4] || nf < 11 || nums(f + 1, 2, 0, 3000, v) || nums(f + 3, 2, 10, 1000, v + 2) ||
				      num(f[5], 0.05, 20, &li->lw) || num(f[6], 3, 200, &li->size) || rgb(f + 7, li->rgb) ||
				      copy_text(li->tmpl, rest_after(copy, 10)) || strchr(li->tmpl, '{');
				if (!bad) {
					li->x = v[0]; li->y = v[1]; li->w = v[2]; li->h = v[3];
					bad = li->x + li->w > 3000 || li->y + li->h > 3000;
				}
				have[4] = !bad;
			} else if (!strcmp(k, "text")) {
				li->kind = CQ_LI_TEXT;
				bad = nf < 11 || nums(f + 1, 2, 0, 3000, v) || num(f[3], 3, 200, &li->size) || align_parse(f[4], &li->align) ||
				      rgb(f + 5, li->rgb) || (strcmp(f[8], "0") && strcmp(f[8], "1")) || when_parse(f[9], &li->when) ||
				      copy_text(li->tmpl, rest_after(copy, 10));
				if (!bad) { li->x = v[0]; li->y = v[1]; li->font = f[8][0] - '0'; }
			} else if (!strcmp(k, "qrtext")) {
				li->kind = CQ_LI_TEXT;
				li->beside_qr = true;
				bad = nf < 7 || num(f[1], 0, 500, &li->x) || num(f[2], 3, 200, &li->size) || rgb(f + 3, li->rgb) ||
				      copy_text(li->tmpl, rest_after(copy, 6));
			} else if (!strcmp(k, "row")) {
				li->kind = CQ_LI_ROW;
				bad = nf < 5 || when_parse(f[1], &li->when) || (strcmp(f[2], "0") && strcmp(f[2], "1")) ||
				      strlen(f[3]) >= CQ_LAYOUT_TEXT_MAX || strchr(f[3], '{') || copy_text(li->tmpl, rest_after(copy, 4));
				if (!bad) { li->font = f[2][0] - '0'; memcpy(li->label, f[3], strlen(f[3]) + 1); }
			} else
				return cq_fail(e, CQ_E_FORMAT, "layout", "line %zu: unknown item \"%.24s\"", it.lineno, k);
			if (!bad) out->n++;
		}
		if (bad) return cq_fail(e, CQ_E_FORMAT, "layout", "line %zu: malformed \"%.24s\" item (see docs/layout.md)", it.lineno, k);
	}
	if (r < 0) return -1;
	if (first) return cq_fail(e, CQ_E_FORMAT, "layout", "empty layout");
	if (!have[0] || !have[1] || !have[2] || !have[3])
		return cq_fail(e, CQ_E_FORMAT, "layout", "a layout needs page, qr, rows and check lines");
	return 0;
}

const cq_layout_item *cq_layout_seal(const cq_layout *l)
{
	for (int i = 0; i < l->n; i++)
		if (l->item[i].kind == CQ_LI_SEAL) return &l->item[i];
	return NULL;
}

bool cq_layout_in_seal(const cq_layout *l, double x, double y)
{
	for (int i = 0; i < l->n; i++) {
		const cq_layout_item *it = &l->item[i];
		if (it->kind == CQ_LI_SEAL && x >= it->x && x <= it->x + it->w && y >= it->y && y <= it->y + it->h) return true;
		if (it->kind == CQ_LI_CIRCLE && (x - it->x) * (x - it->x) + (y - it->y) * (y - it->y) < it->w * it->w) return true;
	}
	return false;
}

/* ---- expansion ---- */

static bool printed(cq_when w, const cq_record *r)
{
	switch (w) {
	case CQ_WHEN_COMPULSORY: return r->has_compulsory;
	case CQ_WHEN_NO_COMPULSORY: return !r->has_compulsory;
	case CQ_WHEN_REDUCED: return r->reduction != CQ_RED_NONE && r->reduction != CQ_RED_AID;
	case CQ_WHEN_AID: return r->reduction == CQ_RED_AID;
	case CQ_WHEN_REVISED: return r->revision > 1;
	default: return true;
	}
}

static cq_field slot_field(int slot)
{
	static const cq_field F[NSLOT] = {
		CQ_F_NAME, CQ_F_ID_NUMBER, CQ_F_NUMBER, CQ_F_YEAR, CQ_F_HOURS_PUBLIC, CQ_F_HOURS_COMPULSORY,
		CQ_F_HOURS_PROFESSIONAL, CQ_F_HOURS_TOTAL, CQ_F_REDUCTION, CQ_F_REDUCTION, CQ_F_ISSUER, CQ_F_ISSUED,
		CQ_F_REVISION, CQ_F_KEY_ID,
	};
	return F[slot];
}

static void slot_value(int slot, const cq_layout_values *v, char *out, size_t cap, bool *unknown)
{
	const cq_record *r = v->rec;
	out[0] = 0;
	switch (slot) {
	case 0: snprintf(out, cap, "%s", r->name); break;
	case 1:
		if (v->id_number) snprintf(out, cap, "%s", v->id_number);
		else *unknown = true;
		break;
	case 2: snprintf(out, cap, "%s", r->number); break;
	case 3: snprintf(out, cap, "%u", r->year); break;
	case 4: snprintf(out, cap, "%u", r->hours_public); break;
	case 5: snprintf(out, cap, "%u", r->hours_compulsory); break;
	case 6: snprintf(out, cap, "%u", r->hours_professional); break;
	case 7: snprintf(out, cap, "%u", cq_record_total(r)); break;
	case 8: snprintf(out, cap, "%s", cq_reduction_name_zh(r->reduction)); break;
	case 9: snprintf(out, cap, "%u", r->months_at_post); break;
	case 10: snprintf(out, cap, "%s", v->issuer ? v->issuer : ""); break;
	case 11: snprintf(out, cap, "%u 年 %u 月 %u 日", r->issued.y, r->issued.m, r->issued.d); break;
	case 12: snprintf(out, cap, "%u", r->revision); break;
	case 13: snprintf(out, cap, "%s", v->key_id ? v->key_id : ""); break;
	default: break;
	}
}

/* Appends text as one segment of `field` (merged with the previous one of
 * the same field). */
static int append(cq_layout_run *run, size_t *len, const char *s, size_t n, cq_field field)
{
	if (!n) return 0;
	if (*len + n >= sizeof run->text) return -1;
	memcpy(run->text + *len, s, n);
	if (run->nseg && run->seg[run->nseg - 1].field == field &&
	    run->seg[run->nseg - 1].off + run->seg[run->nseg - 1].len == *len)
		run->seg[run->nseg - 1].len += n;
	else {
		if (run->nseg >= CQ_LAYOUT_SEGS) return -1;
		run->seg[run->nseg++] = (cq_layout_seg){*len, n, field};
	}
	*len += n;
	run->text[*len] = 0;
	return 0;
}

static int expand_tmpl(const char *t, const cq_layout_values *v, cq_layout_run *run)
{
	size_t len = 0;
	run->text[0] = 0;
	run->nseg = 0;
	while (*t) {
		const char *o = strchr(t, '{');
		size_t lit = o ? (size_t)(o - t) : strlen(t);
		if (append(run, &len, t, lit, CQ_F_LABEL)) return -1;
		if (!o) break;
		const char *c = strchr(o, '}');
		int slot = slot_of(o + 1, (size_t)(c - o - 1));
		char val[CQ_LAYOUT_RUN_MAX];
		slot_value(slot, v, val, sizeof val, &run->unknown);
		if (append(run, &len, val, strlen(val), slot_field(slot))) return -1;
		t = c + 1;
	}
	return 0;
}

int cq_layout_expand(const cq_layout *l, const cq_layout_values *v, cq_layout_run *out, int cap, cq_err *e)
{
	int n = 0, row = 0;
	for (int i = 0; i < l->n; i++) {
		const cq_layout_item *it = &l->item[i];
		if ((it->kind != CQ_LI_TEXT && it->kind != CQ_LI_ROW) || !printed(it->when, v->rec)) continue;
		if (n + (it->kind == CQ_LI_ROW ? 2 : 1) > cap)
			return cq_fail(e, CQ_E_LIMIT, "layout", "more than %d text runs", cap);
		cq_layout_run *r = &out[n];
		memset(r, 0, sizeof *r);
		r->row = -1;
		r->item = i;
		if (it->kind == CQ_LI_TEXT) {
			r->x = it->x; r->y = it->y; r->size = it->size; r->align = it->align; r->font = it->font;
			memcpy(r->rgb, it->rgb, sizeof r->rgb);
			r->beside_qr = it->beside_qr;
			if (expand_tmpl(it->tmpl, v, r)) return cq_fail(e, CQ_E_LIMIT, "layout", "a text run is too long");
			n++;
			continue;
		}
		double y = l->row_y - row * l->row_pitch;
		r->x = l->label_x; r->y = y; r->size = l->label_size; r->align = CQ_AL_RIGHT;
		memcpy(r->rgb, l->label_rgb, sizeof r->rgb);
		r->row = row;
		size_t len = 0;
		if (append(r, &len, it->label, strlen(it->label), CQ_F_LABEL))
			return cq_fail(e, CQ_E_LIMIT, "layout", "a label is too long");
		cq_layout_run *val = &out[n + 1];
		memset(val, 0, sizeof *val);
		val->x = l->value_x; val->y = y; val->size = l->value_size; val->align = CQ_AL_LEFT; val->font = it->font;
		val->row = row;
		val->item = i;
		if (expand_tmpl(it->tmpl, v, val)) return cq_fail(e, CQ_E_LIMIT, "layout", "a value is too long");
		n += 2;
		row++;
	}
	return n;
}

double cq_layout_module_pt(const cq_layout *l, int modules)
{
	return modules > 0 ? l->qr_mm * MM_PT / modules : 0;
}
