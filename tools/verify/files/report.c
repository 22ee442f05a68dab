/* Reports: JSON Lines (the verdict JSON of cq_verdict_json plus file, page
 * and the page checks; one row per code) and CSV for spreadsheets (one row
 * per certificate: copies in several files are one row). The row class and
 * wording every report shares are row.c, the HTML report report_html.c, the
 * people people.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "row.h"
#include "hours.h"
#include "people.h"
#include "certqr/coverage.h"
#include "certqr/csvout.h"
#include "copies.h"

void json_str(FILE *o, const char *s)
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
	json_str(o, f->path);
	fprintf(o, ",\"page\":%u,\"pages\":%u,\"read_by\":\"%s%s\",", p->pg.page, p->pg.npages,
	        c->from_image ? "embedded-image/" : "", cq_scan_step_name(c->step));
	if (c->page_check < 0) fputs("\"page_check\":null,", o);
	else {
		fprintf(o, "\"page_check\":\"%s\",\"page_reason\":", cq_page_result_name((cq_page_result)c->page_check));
		json_str(o, c->page_reason);
		fputs(",\"page_reason_zh\":", o);
		json_str(o, c->page_reason_zh);
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
		json_str(o, u[i].want);
		fputs(",\"page\":", o);
		json_str(o, u[i].seen);
		fprintf(o, ",\"by\":\"%s\"}", u[i].from_text ? "text_layer" : "page");
	}
	char flags[600];
	code_flags(c, flags, sizeof flags);
	fprintf(o, "],\"page_certificates\":%u,\"conflict\":%s,\"flags\":", c->page_certs, c->conflict ? "true" : "false");
	json_str(o, flags);
	fputs("}\n", o);
}

void json_page_row(FILE *o, const bfile *f, const bpage *p)
{
	fputs("{\"source\":", o);
	json_str(o, f->path);
	fputs(",\"status\":\"no_code\",\"reason\":", o);
	json_str(o, cq_scan_hint_text(p->pg.hint));
	fprintf(o, ",\"hint\":\"%s\",\"module_px\":%.1f,\"file\":", cq_scan_hint_name(p->pg.hint), p->pg.module_px);
	json_str(o, f->path);
	fprintf(o, ",\"page\":%u,\"pages\":%u}\n", p->pg.page, p->pg.npages);
}

void json_file_row(FILE *o, const bfile *f)
{
	fputs("{\"source\":", o);
	json_str(o, f->path);
	fprintf(o, ",\"status\":\"%s\",\"reason\":", f->skipped ? "not_checked" : "unreadable");
	json_str(o, f->error);
	fputs(",\"file\":", o);
	json_str(o, f->path);
	fputs(",\"page\":null}\n", o);
}

/* The row of pages a file's page limit left unchecked. */
void json_limit_row(FILE *o, const bfile *f)
{
	fputs("{\"source\":", o);
	json_str(o, f->path);
	fputs(",\"status\":\"not_checked\",\"reason\":", o);
	json_str(o, f->limit);
	fputs(",\"file\":", o);
	json_str(o, f->path);
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

/* A row with no certificate: a file not checked or unreadable, a page
 * without a code, pages past the limit; `why` in the reason column. */
static void csv_gap(FILE *o, const char *path, const char *page, const char *status, const char *why)
{
	csv_field(o, path, false);
	csv_field(o, page, false);
	csv_field(o, status, false);
	for (int i = 0; i < 12; i++) csv_field(o, "", false);
	csv_field(o, why, false);
	for (int i = 0; i < 2; i++) csv_field(o, "", false);
	csv_field(o, "", true);
}

static void csv_row(FILE *o, const bfile *f, const bpage *p, const fcode *c)
{
	char num[32], diffs[2400] = "", flags[600] = "";
	csv_field(o, f->path, false);
	snprintf(num, sizeof num, "%u", p->pg.page);
	csv_field(o, num, false);
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
	/* the shortfall in words, Chinese then English (empty when met) */
	hours_note hn = hours_of(c);
	char zh[200], en[200], sf[420] = "";
	if (hn.cls == HOURS_SHORT) {
		hours_words(hn, true, zh, sizeof zh);
		hours_words(hn, false, en, sizeof en);
		snprintf(sf, sizeof sf, "%s / %s", zh, en);
	}
	csv_field(o, sf, false);
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
	csv_field(o, c->holder == CQ_HOLDER_NOT_CHECKED ? "" : cq_holder_name(c->holder), false);
	csv_field(o, "", true);   /* also_in: filled in by report_csv_finish */
}

void report_csv_file(FILE *o, const bfile *f)
{
	if (f->error[0]) { csv_gap(o, f->path, "", f->skipped ? "not_checked" : "unreadable", f->error); return; }
	for (unsigned p = 0; p < f->npages; p++) {
		const bpage *pg = &f->pages[p];
		char num[16];
		snprintf(num, sizeof num, "%u", pg->pg.page);
		if (!pg->pg.ncodes) csv_gap(o, f->path, num, "no_code", cq_scan_hint_text(pg->pg.hint));
		for (unsigned j = 0; j < pg->pg.ncodes; j++)
			if (!pg->codes[j].copy) csv_row(o, f, pg, &pg->codes[j]);
	}
	if (f->limit[0]) {
		char num[40];
		snprintf(num, sizeof num, "%u-%u", f->limit_from, f->limit_pages);
		csv_gap(o, f->path, num, "not_checked", f->limit);
	}
}

/* The first row of a certificate found again: its line without the empty
 * last cell's line end, then also_in naming every other place. */
static void csv_also(FILE *o, char *line, size_t len, const ccert *c, void *ctx)
{
	char *const *paths = ctx;
	if (len && line[len - 1] == '\n') len--;
	fwrite(line, 1, len, o);
	char also[4096], one[4200];
	size_t k = 0;
	uint32_t i;
	for (i = 0; i < c->nalso; i++) {
		const cplace *q = &c->also[i];
		if (q->npages > 1) snprintf(one, sizeof one, "%s%s (p.%u)", k ? "; " : "", paths[q->file], q->page);
		else snprintf(one, sizeof one, "%s%s", k ? "; " : "", paths[q->file]);
		size_t n = strlen(one);
		if (k + n + 40 >= sizeof also) break;   /* room for the count of the rest */
		memcpy(also + k, one, n + 1);
		k += n;
	}
	if (i < c->nalso) snprintf(also + k, sizeof also - k, "; … %u 处未列出 %u more", c->nalso - i, c->nalso - i);
	csv_field(o, also, true);
}

int report_csv_finish(FILE *o, FILE *rows, const copies *cs, char *const *paths)
{
	cq_csv_bom(o);
	fputs("file,page,status,signature,name,id_hint,number,year,hours_public,hours_professional,hours_total,"
	      "issuer,compliance,shortfall,differences,reason,page_check,holder,also_in\n", o);
	if (copies_merge(o, rows, cs, csv_also, (void *)paths)) return -1;
	return ferror(o) ? -1 : 0;
}
