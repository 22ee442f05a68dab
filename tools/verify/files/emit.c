/* certqr-verify files: each completed file's rows, in input order, to
 * stdout and the reports, and the batch's counts (emit.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "emit.h"
#include "human.h"
#include "report.h"
#include "report_html.h"
#include "row.h"

/* A file that could not be checked, or was not (skipped): one row. */
static void emit_unreadable(emitter *e, const bfile *f)
{
	vctx *c = e->c;
	e->unreadable++;
	if (c->json) json_file_row(c->out, f);
	else if (!e->raw && !e->quiet && f->skipped) { cq_warn("%s: %s", f->path, f->error); human_gap(c, f, f->error, 0, 0); }
	else if (!e->raw && !e->quiet) print_unreadable(c, f->path, f->error);
	else cq_warn("%s: cannot check: %s", f->path, f->error);
}

/* One code's row, its counts, and the --years summary. */
static void emit_code(emitter *e, const bfile *f, const bpage *pg, const fcode *code)
{
	vctx *c = e->c;
	row_class rc = code_class(code);
	if (code->page_check >= 0 && code->page_check < 3) e->pcount[code->page_check]++;
	if (e->t && rc == ROW_PAGE_UNREADABLE) e->unreadable++;
	else if (e->t && rc != ROW_AUTHENTIC && rc != ROW_OTHER_HOLDER) e->bad++;
	if (code->holder == CQ_HOLDER_MISMATCH) { e->other++; c->other_holder++; }
	if (e->raw && code->too_long)   /* its own line, never a cut text */
		cq_warn("%s: page %u: %s", f->path, pg->pg.page, code->v.reason);
	if (e->raw) raw_line(c->out, f, pg, code);
	else if (c->json) json_code_row(c->out, f, pg, code);
	else if (!e->quiet) human_code(c, f, pg, code);
	if (c->year_from && (rc == ROW_AUTHENTIC || rc == ROW_OTHER_HOLDER)) {
		char src[4200];
		source_name(f, pg, src, sizeof src);
		summary_add(c, src, &code->v, code->holder);
	}
}

/* A page without a code was not checked, even beside a genuine page (an
 * appendix, or a decoy copy of the certificate with its code painted
 * over): it is counted, so the exit is 2, never 0. */
static void emit_page(emitter *e, const bfile *f, const bpage *pg)
{
	vctx *c = e->c;
	if (!pg->pg.ncodes) {
		e->unreadable++;
		if (c->json) json_page_row(c->out, f, pg);
		else if (!e->raw && !e->quiet) human_nocode(c, f, pg);
	}
	for (unsigned j = 0; j < pg->pg.ncodes; j++) emit_code(e, f, pg, &pg->codes[j]);
}

void emit_file(void *ctx, bfile *f)
{
	emitter *e = ctx;
	vctx *c = e->c;
	for (unsigned k = 0; k < f->npages; k++)
		for (unsigned j = 0; j < f->pages[k].pg.ncodes; j++)
			f->pages[k].codes[j].holder = cq_verdict_holder(&f->pages[k].codes[j].v, c->holder_id);
	uint32_t fi = (uint32_t)(f - e->files);
	if (copies_mark(&e->cs, f, fi, &e->row)) e->oom = true;
	if (e->jsonl.f) report_jsonl_file(e->jsonl.f, f);
	if (e->csv_rows) report_csv_file(e->csv_rows, f);
	if (e->html_rows) report_html_file(e->html_rows, f, &e->html_row, e->cnt, &e->nshort);
	if (f->error[0]) { emit_unreadable(e, f); return; }
	if (people_add_file(e->people, f, fi)) e->oom = true;
	for (unsigned k = 0; k < f->npages; k++) emit_page(e, f, &f->pages[k]);
	if (f->limit[0]) {
		/* pages past the limit: a row of their own, never a silent end */
		e->unreadable++;
		if (c->json) json_limit_row(c->out, f);
		else if (!e->raw && !e->quiet) human_gap(c, f, f->limit, f->limit_from, f->limit_pages);
		else cq_warn("%s: %s", f->path, f->limit);
	}
}

int emit_open(emitter *e, const char *jsonl, const char *csv, const char *html)
{
	if (jsonl && outfile_open(&e->jsonl, jsonl)) return -1;
	if (csv && (outfile_open(&e->csv, csv) || !(e->csv_rows = tmpfile()))) {
		if (e->csv.f && !e->csv_rows) cq_warn("a temporary file for the CSV report: %s", strerror(errno));
		return -1;
	}
	if (html && (outfile_open(&e->html, html) || !(e->html_rows = tmpfile()))) {
		if (e->html.f && !e->html_rows) cq_warn("a temporary file for the HTML report: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int emit_finish(emitter *e, char *const *paths, size_t n, bool *years_ok)
{
	vctx *c = e->c;
	int rc = 0;
	if (c->year_from && !e->raw) *years_ok = summary_print(c);
	if (c->json) json_people(c->out, e->people);
	else if (!e->raw && !e->quiet && n > 1) human_people(c->out, e->people);
	if (e->jsonl.f) json_people(e->jsonl.f, e->people);
	if (e->jsonl.f && outfile_commit(&e->jsonl)) rc = -1;
	if (e->csv.f && (report_csv_finish(e->csv.f, e->csv_rows, &e->cs, paths) || outfile_commit(&e->csv))) rc = -1;
	if (e->html.f && (report_html_finish(e->html.f, e->html_rows, e->cnt, e->nshort, n, e->t, e->people, &e->cs, paths) ||
	                  outfile_commit(&e->html)))
		rc = -1;
	return rc;
}

void emit_summary(const emitter *e, size_t n)
{
	const vctx *c = e->c;
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	fprintf(stderr, "%s: %zu files: %lu %s%s%s, %lu %s%s%s, %lu %s%s%s; %s%s%s %lu %s%s%s, %lu %s%s%s, %lu %s%s%s\n",
	        cq_argv0, n, e->bad, zh ? "有问题" : "", zh && en ? " " : "", en ? "not authentic or composited" : "",
	        e->other, zh ? "持证人不符" : "", zh && en ? " " : "", en ? "another holder" : "",
	        e->unreadable, zh ? "无法检查" : "", zh && en ? " " : "", en ? "could not be checked" : "",
	        zh ? "页面核对" : "", zh && en ? " " : "", en ? "page check:" : "",
	        e->pcount[CQ_PAGE_MATCH], zh ? "一致" : "", zh && en ? " " : "", en ? "match" : "",
	        e->pcount[CQ_PAGE_DIFFERS], zh ? "不一致" : "", zh && en ? " " : "", en ? "differs" : "",
	        e->pcount[CQ_PAGE_UNREADABLE], zh ? "无法判读" : "", zh && en ? " " : "", en ? "unreadable" : "");
}

void emit_close(emitter *e)
{
	outfile_discard(&e->jsonl);
	outfile_discard(&e->csv);
	outfile_discard(&e->html);
	if (e->html_rows) fclose(e->html_rows);
	if (e->csv_rows) fclose(e->csv_rows);
	e->html_rows = e->csv_rows = NULL;
	copies_free(&e->cs);
	people_free(e->people);
	e->people = NULL;
}
