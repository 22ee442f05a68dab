/* Reading the platform export: CSV with Chinese or English headings, or
 * JSON Lines; columns certqr ignores on purpose; a workbook given in place
 * of its CSV. Each row goes on to validate.c. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"

/* Columns platform and bureau exports often carry that are not on the
 * certificate: read, and ignored on purpose (the summary names them). */
static const char *const ignorable[] = {
	"序号", "性别", "民族", "工作单位", "单位名称", "所在单位", "单位", "职称", "职务", "专业技术职务",
	"联系电话", "手机号码", "手机号", "备注", NULL,
};

static int is_ignorable(const char *h)
{
	for (int i = 0; ignorable[i]; i++)
		if (!strcmp(h, ignorable[i])) return 1;
	return 0;
}

/* After an unknown heading: what certqr reads, as a clerk can fix it. */
static void list_columns(void)
{
	fprintf(stderr, "  认可的列名（中文或英文均可，* 为必填） / the columns certqr reads (Chinese or English heading; * required):\n");
	for (int f = 0; cq_field_names[f]; f++)
		/* pad by display width: a Chinese character is 3 bytes, 2 columns */
		fprintf(stderr, "    %-*s %s%s\n", 14 + (int)(strlen(cq_field_label_zh(f)) / 3),
		        cq_field_label_zh(f), cq_field_names[f], cq_field_required(f) ? " *" : "");
	fprintf(stderr, "  忽略的列 / ignored columns:");
	for (int i = 0; ignorable[i]; i++) fprintf(stderr, " %s", ignorable[i]);
	fprintf(stderr, "\n  (docs/issuing.md, \"Columns\")\n");
}

/* A workbook given instead of its CSV export: say how to export it. */
static int spreadsheet_file(const char *path, const char *raw, size_t n)
{
	const char *kind = NULL;
	if (n >= 4 && !memcmp(raw, "PK\x03\x04", 4)) kind = ".xlsx";
	else if (n >= 8 && !memcmp(raw, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) kind = ".xls/.et";
	if (!kind) return 0;
	cq_warn("%s: 这是电子表格工作簿（%s），不是 CSV 文件：请在 Excel 或 WPS 中「文件 → 另存为」，"
	        "保存类型选「CSV UTF-8（逗号分隔）(*.csv)」，再签发那个文件", path, kind);
	cq_warn("%s: a spreadsheet workbook (%s), not a CSV file: in Excel or WPS choose File > Save As, "
	        "\"CSV UTF-8 (Comma delimited) (*.csv)\", and give certqr-issue that file", path, kind);
	return 1;
}

int batch_read_rows(batch *b, char **textp, size_t *lenp)
{
	char *raw, why[256];
	size_t n;
	*textp = NULL;   /* on failure the caller frees what is here */
	if (cq_read_file(b->in_path, INPUT_MAX, &raw, &n, why)) { cq_warn("%s", why); return -1; }
	if (spreadsheet_file(b->in_path, raw, n)) { free(raw); return -1; }
	int gbk;
	if (!strcmp(b->enc, "auto")) gbk = !(n >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3)) && !batch_is_utf8(raw, n);
	else gbk = !strcmp(b->enc, "gbk") || !strcmp(b->enc, "gb18030");
	char *text = raw;
	if (gbk) {
		text = batch_from_gbk(raw, n, &n, why);
		free(raw);
		if (!text) { cq_warn("%s: %s", b->in_path, why); return -1; }
	}
	*textp = text;
	*lenp = n;
	int jsonl = !strcmp(b->fmt, "jsonl");
	if (!strcmp(b->fmt, "auto")) {
		size_t pl = strlen(b->in_path);
		jsonl = (pl > 6 && !strcmp(b->in_path + pl - 6, ".jsonl")) || (pl > 7 && !strcmp(b->in_path + pl - 7, ".ndjson"));
	}
	cq_csv rd;
	cq_row *row = malloc(sizeof *row);
	if (!row) { cq_warn("out of memory"); return -1; }
	cq_csv_init(&rd, text, n);
	cq_err e;
	const char *header[CQ_CSV_MAX_FIELDS];   /* the field of each column; NULL: ignored */
	char heading[CQ_CSV_MAX_FIELDS][64];     /* as the file gives it, trimmed */
	size_t ncols = 0;
	int rc = 0;
	if (!jsonl) {
		int r = cq_csv_next(&rd, row, &e);
		if (r <= 0) {
			cq_warn("%s: %s", b->in_path, r == 0 ? "empty: no header row" : e.msg);
			free(row);
			return -1;
		}
		unsigned seen = 0;
		for (size_t i = 0; i < row->n; i++) {
			const char *h = row->value[i];
			while (*h == ' ') h++;
			snprintf(heading[i], sizeof heading[i], "%s", h);
			for (char *p = heading[i] + strlen(heading[i]); p > heading[i] && p[-1] == ' ';) *--p = '\0';
			int f = cq_field_find(heading[i]);
			header[i] = NULL;
			if (f < 0 && is_ignorable(heading[i])) {
				size_t k = strlen(b->ignored);
				snprintf(b->ignored + k, sizeof b->ignored - k, "%s%s", k ? ", " : "", heading[i]);
				continue;
			}
			if (f < 0) {
				cq_warn("%s: line %lu: 未知的列名「%s」 / unknown column '%s'", b->in_path, row->line, heading[i], heading[i]);
				list_columns();
				free(row);
				return -1;
			}
			if (seen & 1u << f) {
				cq_warn("%s: line %lu: 列「%s」重复：与「%s」是同一项 / column '%s' given twice (the same field as '%s')",
				        b->in_path, row->line, heading[i], b->label[f], heading[i], b->label[f]);
				free(row);
				return -1;
			}
			seen |= 1u << f;
			header[i] = cq_field_names[f];
			snprintf(b->label[f], sizeof b->label[f], "%s", heading[i]);
		}
		unsigned missing = 0;
		for (int f = 0; cq_field_names[f]; f++)
			if (cq_field_required(f) && !(seen & 1u << f)) missing |= 1u << f;
		if (missing) {
			char list[400] = "";
			for (int f = 0; cq_field_names[f]; f++)
				if (missing & 1u << f) {
					size_t k = strlen(list);
					snprintf(list + k, sizeof list - k, "%s%s %s", k ? ", " : "", cq_field_label_zh(f), cq_field_names[f]);
				}
			cq_warn("%s: line %lu: 缺少必填的列 / required columns missing: %s", b->in_path, row->line, list);
			list_columns();
			free(row);
			return -1;
		}
		ncols = row->n;
	}
	for (;;) {
		int r = jsonl ? cq_jsonl_next(&rd, row, &e) : cq_csv_next(&rd, row, &e);
		if (r == 0) break;
		b->rows++;
		if (r < 0) {
			/* name the column by its header */
			const char *field = e.field;
			unsigned long col;
			if (!jsonl && sscanf(e.field, "column %lu", &col) == 1 && col >= 1 && col <= ncols)
				field = header[col - 1] ? header[col - 1] : heading[col - 1];
			batch_reject(b, row->line, field, NULL, "%s", e.msg);
			continue;
		}
		const char *names[CQ_CSV_MAX_FIELDS], *values[CQ_CSV_MAX_FIELDS];
		size_t k = 0;
		int bad = 0;
		if (jsonl) {
			for (size_t i = 0; i < row->n && !bad; i++) {
				int f = cq_field_find(row->name[i]);
				if (f < 0 && is_ignorable(row->name[i])) continue;
				if (f < 0) { batch_reject(b, row->line, row->name[i], "未知的字段", "unknown field"); bad = 1; break; }
				if (!b->label[f][0]) snprintf(b->label[f], sizeof b->label[f], "%s", row->name[i]);
				names[k] = cq_field_names[f];
				values[k++] = row->value[i];
			}
		} else {
			if (row->n != ncols) {
				char zh[120];
				snprintf(zh, sizeof zh, "这一行有 %zu 列，表头有 %zu 列", row->n, ncols);
				batch_reject(b, row->line, "", zh, "%zu columns where the header has %zu", row->n, ncols);
				continue;
			}
			for (size_t i = 0; i < row->n && !bad; i++) {
				if (!header[i]) continue;
				if (!batch_is_utf8(row->value[i], strlen(row->value[i]))) {
					batch_reject(b, row->line, header[i], "不是 UTF-8 文字：GBK 导出的文件请加 --encoding gbk",
					           "not valid UTF-8 (use --encoding gbk for a GBK export)");
					bad = 1;
					break;
				}
				names[k] = header[i];
				values[k++] = row->value[i];
			}
		}
		if (!bad) batch_take_row(b, row->line, k, names, values);
		sodium_memzero(row->store, sizeof row->store);
	}
	free(row);
	return rc;
}
