/* Reports: JSON Lines (the verdict JSON of cq_verdict_json plus file, page
 * and the page checks), CSV for spreadsheets, and one self-contained HTML
 * file (thumbnails as data: URIs, verdict colours, a sortable table, an
 * inline script; nothing fetched from anywhere). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"
#include "certqr/coverage.h"
#include "certqr/csvout.h"

bool code_composited(const fcode *c)
{
	return c->page_check == CQ_PAGE_DIFFERS || c->composited;
}

row_class code_class(const fcode *c)
{
	if (c->v.status == CQ_ST_AUTHENTIC) {
		if (code_composited(c)) return ROW_COMPOSITED;
		if (c->page_certs > 1 || c->conflict) return ROW_NOT_AUTHENTIC;
		if (c->holder == CQ_HOLDER_MISMATCH) return ROW_OTHER_HOLDER;
		if (c->page_check != CQ_PAGE_MATCH) return ROW_PAGE_UNREADABLE;
		return ROW_AUTHENTIC;
	}
	if (c->v.status == CQ_ST_NOT_A_CERTIFICATE) return ROW_OTHER_CODE;
	return ROW_NOT_AUTHENTIC;
}

const char *code_status(const fcode *c)
{
	switch (code_class(c)) {
	case ROW_COMPOSITED: return "composited";
	case ROW_PAGE_UNREADABLE: return "page_unreadable";
	case ROW_OTHER_HOLDER: return "other_holder";
	default: return cq_status_name(c->v.status);
	}
}

void code_flags(const fcode *c, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = 0;
	if (c->page_certs > 1)
		o += (size_t)snprintf(out + o, cap - o, "一页多证 this page holds %u certificates", c->page_certs);
	if (c->conflict && o < cap)
		o += (size_t)snprintf(out + o, cap - o, "%s同号冲突 another code on this page claims certificate number %s",
		                      o ? "; " : "", c->v.rec.number);
	if (c->holder == CQ_HOLDER_MISMATCH && o < cap)
		o += (size_t)snprintf(out + o, cap - o, "%s持证人不符 the certificate belongs to another holder (--holder-id)",
		                      o ? "; " : "");
	if (c->print_differs && o < cap)
		o += (size_t)snprintf(out + o, cap - o, "%s打印效果与屏幕显示不同 the page prints differently from how it shows",
		                      o ? "; " : "");
	if (c->page_check == CQ_PAGE_UNREADABLE && o < cap)
		snprintf(out + o, cap - o, "%s页面无法判读 page not judged: %s / %s", o ? "; " : "", c->page_reason_zh,
		         c->page_reason);
}

/* Every differing field once: the page check's first, then the text
 * layer's (further evidence) for fields the page check did not name. */
unsigned union_diffs(const fcode *c, udiff *out, unsigned cap)
{
	unsigned n = 0;
	for (unsigned i = 0; i < c->npdiff && n < cap; i++) {
		out[n] = (udiff){cq_field_name(c->pdiff[i].field), c->pdiff[i].want, c->pdiff[i].seen, false};
		/* what the page shows could not be read (a name): the text layer's
		 * word for the same field, when it has one, says what it is */
		if (c->pdiff[i].seen[0] == '(')
			for (unsigned k = 0; k < c->ndiff; k++)
				if (!strcmp(c->diff[k].field, out[n].field)) out[n].seen = c->diff[k].seen;
		n++;
	}
	for (unsigned i = 0; i < c->ndiff && n < cap; i++) {
		bool dup = false;
		for (unsigned k = 0; k < n; k++) dup |= !strcmp(out[k].field, c->diff[i].field);
		if (!dup) out[n++] = (udiff){c->diff[i].field, c->diff[i].want, c->diff[i].seen, true};
	}
	return n;
}

static void jstr(FILE *o, const char *s)
{
	char buf[9000];
	if (cq_json_string(s, buf, sizeof buf) < 0) fputs("\"?\"", o);
	else fputs(buf, o);
}

void json_code_row(FILE *o, const bfile *f, const bpage *p, const fcode *c)
{
	char buf[CQ_VERDICT_JSON_MAX];
	long n = cq_verdict_json(&c->v, f->path, c->holder, buf, sizeof buf);
	if (n < 2) { fputs("{\"status\":\"error\"}\n", o); return; }
	buf[n - 1] = 0;   /* drop the closing brace: fields are added below */
	const char *st = strstr(buf, ",\"status\":\"");
	const char *row = code_status(c);
	if (st) {
		/* a composited or unjudged page must never read as "authentic" to
		 * a script that checks the status alone; the signature's verdict
		 * stays beside it */
		const char *after = strchr(st + 11, '"');
		fprintf(o, "%.*s,\"status\":\"%s\",\"signature\":\"%s\"%s", (int)(st - buf), buf, row,
		        cq_status_name(c->v.status), after + 1);
	} else
		fputs(buf, o);
	fputs(",\"file\":", o);
	jstr(o, f->path);
	fprintf(o, ",\"page\":%u,\"pages\":%u,\"read_by\":\"%s%s\",", p->pg.page, p->pg.npages,
	        c->from_image ? "embedded-image/" : "", cq_scan_step_name(c->step));
	if (c->page_check < 0) fputs("\"page_check\":null,", o);
	else {
		fprintf(o, "\"page_check\":\"%s\",\"page_reason\":", cq_page_result_name((cq_page_result)c->page_check));
		jstr(o, c->page_reason);
		fputs(",\"page_reason_zh\":", o);
		jstr(o, c->page_reason_zh);
		fprintf(o, ",\"page_scale\":%.2f,\"page_id_number\":\"%s\",\"page_fields\":[", c->page_scale,
		        !c->id_read ? "unread" : c->id_matches ? "match" : "mismatch");
		for (unsigned i = 0; i < c->npdiff; i++) {
			const cq_page_diff *d = &c->pdiff[i];
			fprintf(o, "%s{\"field\":\"%s\",\"field_zh\":\"%s\",\"region\":[%d,%d,%d,%d]}", i ? "," : "",
			        cq_field_name(d->field), cq_field_name_zh(d->field), d->x, d->y, d->w, d->h);
		}
		fputs("],", o);
	}
	fprintf(o, "\"text_layer\":%s,\"composited\":%s,\"differences\":[", c->text_checked ? "true" : "false",
	        code_composited(c) ? "true" : "false");
	udiff u[CQ_PAGE_DIFF_MAX + FILES_DIFF_MAX];
	unsigned nu = union_diffs(c, u, sizeof u / sizeof *u);
	for (unsigned i = 0; i < nu; i++) {
		fprintf(o, "%s{\"field\":\"%s\",\"signed\":", i ? "," : "", u[i].field);
		jstr(o, u[i].want);
		fputs(",\"page\":", o);
		jstr(o, u[i].seen);
		fprintf(o, ",\"by\":\"%s\"}", u[i].from_text ? "text_layer" : "page");
	}
	char flags[600];
	code_flags(c, flags, sizeof flags);
	fprintf(o, "],\"page_certificates\":%u,\"conflict\":%s,\"flags\":", c->page_certs, c->conflict ? "true" : "false");
	jstr(o, flags);
	fputs("}\n", o);
}

void json_page_row(FILE *o, const bfile *f, const bpage *p)
{
	fputs("{\"source\":", o);
	jstr(o, f->path);
	fputs(",\"status\":\"no_code\",\"reason\":", o);
	jstr(o, cq_scan_hint_text(p->pg.hint));
	fprintf(o, ",\"hint\":\"%s\",\"module_px\":%.1f,\"file\":", cq_scan_hint_name(p->pg.hint), p->pg.module_px);
	jstr(o, f->path);
	fprintf(o, ",\"page\":%u,\"pages\":%u}\n", p->pg.page, p->pg.npages);
}

void json_file_row(FILE *o, const bfile *f)
{
	fputs("{\"source\":", o);
	jstr(o, f->path);
	fprintf(o, ",\"status\":\"%s\",\"reason\":", f->skipped ? "not_checked" : "unreadable");
	jstr(o, f->error);
	fputs(",\"file\":", o);
	jstr(o, f->path);
	fputs(",\"page\":null}\n", o);
}

/* --- people across the batch --------------------------------------------- */

/* What the per-person summary needs of one authentic certificate: kept
 * while the rest of a file's results are freed as soon as its rows are
 * written, so a batch's memory does not grow with its pages. */
typedef struct pcert {
	char number[CQ_NUMBER_LEN + 1];
	uint16_t year;
	uint8_t revision;
	int8_t compliance;       /* -1 no rule, 0 not met, 1 met */
	unsigned total;
} pcert;
typedef struct person {
	char name[CQ_NAME_MAX_BYTES + 1], id_hint[CQ_ID_HINT_LEN + 1];
	pcert c[64];
	unsigned n;
} person;
struct people { person *v; size_t n, cap; };

people *people_new(void) { return calloc(1, sizeof(people)); }

void people_free(people *ps)
{
	if (!ps) return;
	free(ps->v);
	free(ps);
}

/* Groups authentic (not composited) certificates by name and the ID
 * number's last four characters. */
int people_add_file(people *ps, const bfile *f)
{
	for (unsigned p = 0; p < f->npages; p++)
		for (unsigned j = 0; j < f->pages[p].pg.ncodes; j++) {
			const fcode *c = &f->pages[p].codes[j];
			if (code_class(c) != ROW_AUTHENTIC) continue;
			size_t q;
			for (q = 0; q < ps->n; q++)
				if (!strcmp(ps->v[q].name, c->v.rec.name) && !strcmp(ps->v[q].id_hint, c->v.rec.id_hint)) break;
			if (q == ps->n) {
				if (ps->n == ps->cap) {
					size_t cap = ps->cap ? ps->cap * 2 : 16;
					person *nv = realloc(ps->v, cap * sizeof *nv);
					if (!nv) return -1;
					ps->v = nv;
					ps->cap = cap;
				}
				person *np = &ps->v[ps->n++];
				memset(np, 0, sizeof *np);
				snprintf(np->name, sizeof np->name, "%s", c->v.rec.name);
				snprintf(np->id_hint, sizeof np->id_hint, "%s", c->v.rec.id_hint);
			}
			person *pp = &ps->v[q];
			if (pp->n < 64) {
				pcert *pc = &pp->c[pp->n++];
				snprintf(pc->number, sizeof pc->number, "%s", c->v.rec.number);
				pc->year = c->v.rec.year;
				pc->revision = c->v.rec.revision;
				pc->total = cq_record_total(&c->v.rec);
				pc->compliance = (int8_t)(!c->v.compliance.known ? -1 : c->v.compliance.met ? 1 : 0);
			}
		}
	return 0;
}

static int by_year(const void *a, const void *b)
{
	const pcert *x = a, *y = b;
	if (x->year != y->year) return x->year < y->year ? -1 : 1;
	return x->revision < y->revision ? -1 : x->revision > y->revision;
}

static const char *compliance_name(const pcert *c)
{
	return c->compliance < 0 ? "no_rule" : c->compliance ? "met" : "not_met";
}

static const char *compliance_text(const pcert *c)
{
	return c->compliance < 0 ? "无规则 no rule" : c->compliance ? "达标 met" : "未达标 not met";
}

void json_people(FILE *o, people *ps)
{
	fputs("{\"people\":[", o);
	for (size_t i = 0; i < ps->n; i++) {
		person *p = &ps->v[i];
		qsort(p->c, p->n, sizeof *p->c, by_year);
		fputs(i ? ",{\"name\":" : "{\"name\":", o);
		jstr(o, p->name);
		fprintf(o, ",\"id_hint\":\"%s\",\"years\":[", p->id_hint);
		for (unsigned j = 0; j < p->n; j++) {
			const pcert *c = &p->c[j];
			fprintf(o, "%s{\"year\":%u,\"number\":\"%s\",\"revision\":%u,\"total\":%u,\"compliance\":\"%s\"}",
			        j ? "," : "", c->year, c->number, c->revision, c->total, compliance_name(c));
		}
		fputs("]}", o);
	}
	fputs("]}\n", o);
}

void human_people(FILE *o, people *ps)
{
	if (ps->n) fputs("按人汇总 per person (authentic certificates, grouped by name and ID ending):\n", o);
	for (size_t i = 0; i < ps->n; i++) {
		person *p = &ps->v[i];
		qsort(p->c, p->n, sizeof *p->c, by_year);
		fprintf(o, "  %s (…%s):", p->name, p->id_hint);
		for (unsigned j = 0; j < p->n; j++)
			fprintf(o, "%s %u %s", j ? ";" : "", p->c[j].year, compliance_text(&p->c[j]));
		fputc('\n', o);
	}
}

/* The row of pages a file's page limit left unchecked. */
void json_limit_row(FILE *o, const bfile *f)
{
	fputs("{\"source\":", o);
	jstr(o, f->path);
	fputs(",\"status\":\"not_checked\",\"reason\":", o);
	jstr(o, f->limit);
	fputs(",\"file\":", o);
	jstr(o, f->path);
	fprintf(o, ",\"page\":%u,\"pages\":%u}\n", f->limit_from, f->limit_pages);
}

void report_jsonl_file(FILE *o, const bfile *f)
{
	if (f->error[0]) { json_file_row(o, f); return; }
	for (unsigned p = 0; p < f->npages; p++) {
		if (!f->pages[p].pg.ncodes) json_page_row(o, f, &f->pages[p]);
		for (unsigned j = 0; j < f->pages[p].pg.ncodes; j++) json_code_row(o, f, &f->pages[p], &f->pages[p].codes[j]);
	}
	if (f->limit[0]) json_limit_row(o, f);
}

/* --- CSV ----------------------------------------------------------------- */

/* Every cell through the shared writer: formula guard, quoting, and digits
 * that must stay text (certificate number, the ID's last four). */
static void csv_field(FILE *o, const char *s, bool last) { cq_csv_cell(o, s, last ? CQ_CSV_LAST : 0); }
static void csv_text(FILE *o, const char *s) { cq_csv_cell(o, s, CQ_CSV_TEXT); }

static void csv_row(FILE *o, const bfile *f, const bpage *p, const fcode *c)
{
	char num[32], diffs[2400] = "", flags[600] = "";
	csv_field(o, f->path, false);
	snprintf(num, sizeof num, "%u", p ? p->pg.page : 0);
	csv_field(o, p ? num : "", false);
	if (!p) {
		csv_field(o, f->skipped ? "not_checked" : "unreadable", false);
		for (int i = 0; i < 11; i++) csv_field(o, "", false);
		csv_field(o, f->error, false);
		csv_field(o, "", false);
		csv_field(o, "", true);
		return;
	}
	if (!c) {
		csv_field(o, "no_code", false);
		for (int i = 0; i < 11; i++) csv_field(o, "", false);
		csv_field(o, cq_scan_hint_text(p->pg.hint), false);
		csv_field(o, "", false);
		csv_field(o, "", true);
		return;
	}
	const cq_record *r = &c->v.rec;
	bool show = c->v.signed_ok;
	csv_field(o, code_status(c), false);
	csv_field(o, cq_status_name(c->v.status), false);
	csv_field(o, show ? r->name : "", false);
	csv_text(o, show ? r->id_hint : "");
	csv_text(o, show ? r->number : "");
	snprintf(num, sizeof num, "%u", r->year);
	csv_field(o, show ? num : "", false);
	snprintf(num, sizeof num, "%u", r->hours_public);
	csv_field(o, show ? num : "", false);
	snprintf(num, sizeof num, "%u", r->hours_professional);
	csv_field(o, show ? num : "", false);
	snprintf(num, sizeof num, "%u", cq_record_total(r));
	csv_field(o, show ? num : "", false);
	csv_field(o, show && c->v.have_issuer ? c->v.issuer.bureau : "", false);
	csv_field(o, !show || !c->v.compliance.known ? "" : c->v.compliance.met ? "met" : "not_met", false);
	size_t k = 0;
	udiff u[CQ_PAGE_DIFF_MAX + FILES_DIFF_MAX];
	unsigned nu = union_diffs(c, u, sizeof u / sizeof *u);
	for (unsigned i = 0; i < nu && k < sizeof diffs; i++)
		k += (size_t)snprintf(diffs + k, sizeof diffs - k, "%s%s: 签名 signed %s, 页面 page %s", i ? "; " : "",
		                      u[i].field, u[i].want, u[i].seen);
	csv_field(o, diffs, false);
	code_flags(c, flags, sizeof flags);
	char reason[1400];
	snprintf(reason, sizeof reason, "%s / %s%s%s", c->v.reason_zh, c->v.reason, *flags ? "; " : "", flags);
	csv_field(o, reason, false);
	csv_field(o, c->page_check < 0 ? "" : cq_page_result_name((cq_page_result)c->page_check), false);
	csv_field(o, c->holder == CQ_HOLDER_NOT_CHECKED ? "" : cq_holder_name(c->holder), true);
}

void report_csv_head(FILE *o)
{
	cq_csv_bom(o);
	fputs("file,page,status,signature,name,id_hint,number,year,hours_public,hours_professional,hours_total,"
	      "issuer,compliance,differences,reason,page_check,holder\n", o);
}

void report_csv_file(FILE *o, const bfile *f)
{
	if (f->error[0]) { csv_row(o, f, NULL, NULL); return; }
	for (unsigned p = 0; p < f->npages; p++) {
		if (!f->pages[p].pg.ncodes) csv_row(o, f, &f->pages[p], NULL);
		for (unsigned j = 0; j < f->pages[p].pg.ncodes; j++) csv_row(o, f, &f->pages[p], &f->pages[p].codes[j]);
	}
	if (f->limit[0]) {
		char num[40];
		snprintf(num, sizeof num, "%u-%u", f->limit_from, f->limit_pages);
		csv_field(o, f->path, false);
		csv_field(o, num, false);
		csv_field(o, "not_checked", false);
		for (int i = 0; i < 11; i++) csv_field(o, "", false);
		csv_field(o, f->limit, false);
		csv_field(o, "", false);
		csv_field(o, "", true);
	}
}

/* --- HTML ---------------------------------------------------------------- */

static void h(FILE *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '&': fputs("&amp;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&#39;", o); break;
		default: fputc(*s, o);
		}
	}
}

static void b64(FILE *o, const uint8_t *b, size_t n)
{
	static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)b[i] << 16 | (i + 1 < n ? (uint32_t)b[i + 1] << 8 : 0) | (i + 2 < n ? b[i + 2] : 0);
		fputc(A[v >> 18 & 63], o);
		fputc(A[v >> 12 & 63], o);
		fputc(i + 1 < n ? A[v >> 6 & 63] : '=', o);
		fputc(i + 2 < n ? A[v & 63] : '=', o);
	}
}

static const char *const CLASS_NAME[ROW_COUNT_] = {"authentic", "composited", "not-authentic", "other-code",
                                                  "no-code", "unreadable", "page-unreadable", "other-holder"};
static const char *const CLASS_ZH[ROW_COUNT_] = {"真实有效", "合成证书", "不可信", "非证书二维码", "未读到二维码",
                                                "无法读取", "页面无法判读", "持证人不符"};

static void html_row(FILE *o, const bfile *f, const bpage *p, const fcode *c, unsigned ci, row_class k, int severity)
{
	fprintf(o, "<tr class=\"v-%s\" data-severity=\"%d\">", CLASS_NAME[k], severity);
	fputs("<td class=\"thumb\">", o);
	if (p && p->thumb) {
		fputs("<img alt=\"page\" src=\"data:image/jpeg;base64,", o);
		b64(o, p->thumb, p->thumb_len);
		fputs("\">", o);
	}
	fputs("</td><td class=\"file\">", o);
	h(o, f->path);
	if (p && p->pg.npages > 1) fprintf(o, " <span class=\"pg\">p.%u/%u</span>", p->pg.page, p->pg.npages);
	fprintf(o, "</td><td><span class=\"badge\">%s<br>%s</span></td>", CLASS_ZH[k],
	        c ? code_status(c) : CLASS_NAME[k]);
	bool show = c && c->v.signed_ok;
	const cq_record *r = c ? &c->v.rec : NULL;
	fputs("<td>", o);
	if (show) h(o, r->name);
	fputs("</td><td>", o);
	if (show) h(o, r->number);
	fputs("</td><td>", o);
	if (show) fprintf(o, "%u", r->year);
	fputs("</td><td>", o);
	if (show) fprintf(o, "%u / %u / %u", r->hours_public, r->hours_professional, cq_record_total(r));
	fputs("</td><td>", o);
	if (show && c->v.have_issuer) h(o, c->v.issuer.bureau);
	fputs("</td><td class=\"why\">", o);
	if (!p) h(o, f->error);
	else if (!c) {
		h(o, cq_scan_hint_text(p->pg.hint));
		if (p->pg.module_px > 0) fprintf(o, " (~%.1f px/module)", p->pg.module_px);
	} else {
		if (code_composited(c)) {
			fputs("<b>页面内容与签名不符 the page shows something other than the signed certificate:</b><ul>", o);
			udiff u[CQ_PAGE_DIFF_MAX + FILES_DIFF_MAX];
			unsigned nu = union_diffs(c, u, sizeof u / sizeof *u);
			for (unsigned i = 0; i < nu; i++) {
				fputs("<li>", o);
				h(o, u[i].field);
				fputs(": 签名 signed <b>", o);
				h(o, u[i].want);
				fputs("</b>, 页面 page <b>", o);
				h(o, u[i].seen);
				fprintf(o, "</b>%s", u[i].from_text ? " (文字层 text layer)" : "");
				for (unsigned q = 0; q < p->ncrops; q++)
					if (!u[i].from_text && p->crops[q].code == ci && p->crops[q].diff == i) {
						fputs("<br><img class=\"crop\" alt=\"region\" src=\"data:image/jpeg;base64,", o);
						b64(o, p->crops[q].jpg, p->crops[q].len);
						fputs("\">", o);
					}
				fputs("</li>", o);
			}
			fputs("</ul>", o);
		} else if (c->page_check == CQ_PAGE_UNREADABLE) {
			fputs("<b>页面无法判读 the page could not be judged:</b> ", o);
			h(o, c->page_reason_zh);
			fputs(" / ", o);
			h(o, c->page_reason);
			fputs("<br>", o);
		} else if (c->page_check == CQ_PAGE_MATCH)
			fputs("页面核对一致 the page shows every signed field<br>", o);
		h(o, c->v.reason_zh);
		fputs("<br>", o);
		h(o, c->v.reason);
		if (show && c->v.compliance.known)
			fprintf(o, "<br>%s", c->v.compliance.met ? "学时达标 hours met" : "学时未达标 hours NOT met");
		char flags[600];
		code_flags(c, flags, sizeof flags);
		if (*flags) { fputs("<br><i>", o); h(o, flags); fputs("</i>", o); }
	}
	fputs("</td></tr>\n", o);
}

static const char CSS[] =
	/* the names in the font chain every certqr program draws them with */
	"body{font-family:" CQ_FONT_FAMILY_CSS ";margin:1.5em;color:#222}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:14px}"
	"th{background:#eee;cursor:pointer;user-select:none}th:after{content:' \\2195';color:#999}"
	"td.thumb img{width:120px;border:1px solid #999}"
	".badge{display:inline-block;padding:4px 8px;border-radius:4px;color:#fff;font-weight:bold;min-width:7em;text-align:center}"
	".v-authentic .badge{background:#1b7f3b}.v-composited .badge{background:#b00020}"
	".v-not-authentic .badge{background:#d32f2f}.v-other-code .badge{background:#9e6a00}"
	".v-no-code .badge{background:#8d6e00}.v-unreadable .badge{background:#555}"
	".v-page-unreadable .badge{background:#6d4c00}.v-other-holder .badge{background:#b00020}"
	"img.crop{max-width:360px;border:2px solid #b00020;margin:2px 0}"
	".v-composited td,.v-not-authentic td{background:#fff0f0}"
	".why{max-width:32em}.pg{color:#666}.sum span{margin-right:1.5em}";

static const char JS[] =
	"(function(){var t=document.getElementById('rows');var hs=t.tHead.rows[0].cells;"
	"function key(r,i){var c=r.cells[i];if(i==2)return +r.getAttribute('data-severity');"
	"var s=c.textContent.trim();var n=parseFloat(s);return isNaN(n)?s:n;}"
	"function sortBy(i,dir){var b=t.tBodies[0];var rs=Array.prototype.slice.call(b.rows);"
	"rs.sort(function(x,y){var a=key(x,i),c=key(y,i);return (a<c?-1:a>c?1:0)*dir;});"
	"rs.forEach(function(r){b.appendChild(r);});t.setAttribute('data-sorted',i+':'+dir);}"
	"for(var i=0;i<hs.length;i++)(function(i){var d=1;hs[i].addEventListener('click',function(){sortBy(i,d);d=-d;});})(i);"
	"sortBy(2,-1);})();";

static const int SEV[ROW_COUNT_] = {0, 7, 6, 2, 3, 1, 4, 5};

/* A row for what was not checked: a skipped file or folder (f->error, with
 * f->skipped), or the pages past the limit (f->limit). */
static void html_gap_row(FILE *o, const bfile *f, const char *why, unsigned from, unsigned pages)
{
	fprintf(o, "<tr class=\"v-%s\" data-severity=\"%d\"><td class=\"thumb\"></td><td class=\"file\">",
	        CLASS_NAME[ROW_UNREADABLE], SEV[ROW_UNREADABLE]);
	h(o, f->path);
	if (from) fprintf(o, " <span class=\"pg\">p.%u–%u/%u</span>", from, pages, pages);
	fputs("</td><td><span class=\"badge\">未检查<br>not_checked</span></td><td></td><td></td><td></td><td></td><td></td>"
	      "<td class=\"why\">", o);
	h(o, why);
	fputs("</td></tr>\n", o);
}

void report_html_file(FILE *o, const bfile *f, unsigned long cnt[ROW_COUNT_])
{
	if (f->error[0]) {
		cnt[ROW_UNREADABLE]++;
		if (f->skipped) html_gap_row(o, f, f->error, 0, 0);
		else html_row(o, f, NULL, NULL, 0, ROW_UNREADABLE, SEV[ROW_UNREADABLE]);
		return;
	}
	for (unsigned p = 0; p < f->npages; p++) {
		const bpage *pg = &f->pages[p];
		if (!pg->pg.ncodes) { cnt[ROW_NO_CODE]++; html_row(o, f, pg, NULL, 0, ROW_NO_CODE, SEV[ROW_NO_CODE]); }
		for (unsigned j = 0; j < pg->pg.ncodes; j++) {
			row_class k = code_class(&pg->codes[j]);
			cnt[k]++;
			html_row(o, f, pg, &pg->codes[j], j, k, SEV[k]);
		}
	}
	if (f->limit[0]) { cnt[ROW_UNREADABLE]++; html_gap_row(o, f, f->limit, f->limit_from, f->limit_pages); }
}

/* The whole page: the counts first, so the rows (written to `rows` as
 * files completed) are copied in after them. */
int report_html_finish(FILE *o, FILE *rows, const unsigned long cnt[ROW_COUNT_], size_t n, const cq_trust *t,
                       people *ps)
{
	char day[11];
	cq_date_format(cq_trust_date(t), day);
	fprintf(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
	           "<title>继续教育证书核验报告 certificate check report</title><style>%s</style></head><body>\n", CSS);
	fprintf(o, "<h1>继续教育证书核验报告 <small>certificate check report</small></h1>\n"
	           "<p>%zu files; trust bundle version %u of %s. 点击表头排序 click a heading to sort.</p>\n<p class=\"sum\">",
	        n, cq_trust_version(t), day);
	for (int k = 0; k < ROW_COUNT_; k++)
		fprintf(o, "<span class=\"v-%s\"><span class=\"badge\">%s %lu</span></span>", CLASS_NAME[k], CLASS_ZH[k], cnt[k]);
	fputs("</p>\n<table id=\"rows\"><thead><tr><th>页面 page</th><th>文件 file</th><th>结论 verdict</th><th>姓名 name</th>"
	      "<th>证书管理号 number</th><th>年度 year</th><th>学时 hours (public / professional / total)</th>"
	      "<th>发证机关 issuer</th><th>说明 details</th></tr></thead><tbody>\n", o);
	char b[65536];
	size_t k;
	if (fflush(rows) || fseek(rows, 0, SEEK_SET)) return -1;
	while ((k = fread(b, 1, sizeof b, rows)) > 0)
		if (fwrite(b, 1, k, o) != k) return -1;
	if (ferror(rows)) return -1;
	fputs("</tbody></table>\n", o);
	/* people across the batch, several years each */
	fputs("<h2>按人汇总 per person (authentic certificates, grouped by name and ID ending)</h2>\n"
	      "<table id=\"people\"><thead><tr><th>姓名 name</th><th>身份证后四位 ID ends</th><th>年度 years</th></tr></thead><tbody>\n", o);
	for (size_t i = 0; i < ps->n; i++) {
		person *p = &ps->v[i];
		qsort(p->c, p->n, sizeof *p->c, by_year);
		fputs("<tr><td>", o);
		h(o, p->name);
		fputs("</td><td>", o);
		h(o, p->id_hint);
		fputs("</td><td>", o);
		for (unsigned j = 0; j < p->n; j++)
			fprintf(o, "%s%u %s (%u h)", j ? "; " : "", p->c[j].year, compliance_text(&p->c[j]), p->c[j].total);
		fputs("</td></tr>\n", o);
	}
	fprintf(o, "</tbody></table>\n<script>%s</script>\n</body></html>\n", JS);
	return ferror(o) ? -1 : 0;
}
