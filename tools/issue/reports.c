/* The two reports a clerk opens in Excel: rejects.csv (each refused row,
 * its column as the export names it, the reason in Chinese and English) and
 * below-rule.csv (records under the year's hours rule). Both start with a
 * UTF-8 byte-order mark and go through the guarded cell writer (csvout.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/grow.h"
#include "certqr/csvout.h"
#include "batch.h"

/* The column as the input names it: a field's own heading when it had one. */
static const char *column_name(const batch *b, const char *field)
{
	int f = field && *field ? cq_field_find(field) : -1;
	return f >= 0 && b->label[f][0] ? b->label[f] : field ? field : "";
}

int batch_reject(batch *b, unsigned long line, const char *field, const char *zh, const char *fmt, ...)
{
	if (b->nrej == REJECTS_MAX) { b->rej_unlisted++; return 0; }
	if (b->nrej == b->cap_rej) {
		reject *n = cq_grown(b->rej, &b->cap_rej, sizeof *n, 64);
		if (!n) return -1;
		b->rej = n;
	}
	reject *r = &b->rej[b->nrej++];
	r->line = line;
	snprintf(r->field, sizeof r->field, "%s", column_name(b, field));
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
	if (!zh) zh = issue_reason_zh(r->reason);
	if (!zh) zh = "不符合签发规则（见右侧英文说明）";
	snprintf(r->reason_zh, sizeof r->reason_zh, "%s", zh);
	return 0;
}

static int cmp_reject(const void *a, const void *b)
{
	const reject *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

int batch_write_report(batch *b, const char *name, const char *data, size_t n)
{
	char path[4096], why[256];
	snprintf(path, sizeof path, "%s/%s", b->out_dir, name);
	if (cq_write_atomic(path, data, n, 0644, true, why)) { cq_warn("%s", why); return -1; }
	return 0;
}

int batch_write_rejects(batch *b)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f) return -1;
	if (b->nrej) qsort(b->rej, b->nrej, sizeof *b->rej, cmp_reject);
	/* Excel opens it right: a BOM, Chinese first with the English beside */
	cq_csv_bom(f);
	fputs("行 row,列 column,原因,reason\n", f);
	for (size_t i = 0; i < b->nrej; i++) {
		char line[24];
		snprintf(line, sizeof line, "%lu", b->rej[i].line);
		cq_csv_cell(f, line, 0);
		cq_csv_cell(f, b->rej[i].field, 0);
		cq_csv_cell(f, b->rej[i].reason_zh, 0);
		cq_csv_cell(f, b->rej[i].reason, CQ_CSV_LAST);
	}
	if (b->rej_unlisted) fprintf(f, ",,另有 %zu 行被拒未列出,%zu more rejected rows not listed\n", b->rej_unlisted, b->rej_unlisted);
	if (fclose(f)) { free(text); return -1; }
	int rc = batch_write_report(b, "rejects.csv", text, len);
	free(text);
	return rc;
}

static void below_add(batch *b, const char *s)
{
	size_t n = strlen(s);
	if (b->below_len + n + 1 > b->below_cap) {
		size_t nc = b->below_cap ? b->below_cap * 2 : 4096;
		while (nc < b->below_len + n + 1) nc *= 2;
		char *p = realloc(b->below_csv, nc);
		if (!p) return;
		b->below_csv = p;
		b->below_cap = nc;
	}
	memcpy(b->below_csv + b->below_len, s, n + 1);
	b->below_len += n;
}

/* One line of below-rule.csv. */
void batch_below_row(batch *b, unsigned long line, const cq_record *r, const char *rule, const char *shortby)
{
	if (b->below_len == 0) {
		char *h = NULL;
		size_t hl = 0;
		FILE *f = open_memstream(&h, &hl);
		if (!f) return;
		cq_csv_bom(f);
		fputs("行 row,证书管理号 number,姓名 name,年度 year,公需 public,专业 professional,合计 total,"
		      "要求 rule,差额 short_by,处理 action\n", f);
		if (fclose(f) == 0) below_add(b, h);
		free(h);
	}
	char *tmp = NULL, num[16];
	size_t tl = 0;
	FILE *f = open_memstream(&tmp, &tl);
	if (!f) return;
	snprintf(num, sizeof num, "%lu", line);
	cq_csv_cell(f, num, 0);
	cq_csv_cell(f, r->number, CQ_CSV_TEXT);
	cq_csv_cell(f, r->name, 0);
	fprintf(f, "%u,%u,%u,%u,", r->year, r->hours_public, r->hours_professional, cq_record_total(r));
	cq_csv_cell(f, rule, 0);
	cq_csv_cell(f, shortby, 0);
	cq_csv_cell(f, b->refuse_below ? "未签发 refused" : "已签发 issued", CQ_CSV_LAST);
	if (fclose(f) == 0) below_add(b, tmp);
	free(tmp);
}
