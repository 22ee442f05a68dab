/* certqr-issue batch: the platform export → one signed certificate PDF per
 * good row (docs/issuing.md).
 *
 * Phases: read and decode the export; validate every row (record rules, the
 * key's scope and window, duplicates, the year's hours rule) and write the
 * rejects and rule reports; then issue the rows not yet issued, on every
 * core. Crash safety: worker threads write each PDF under a temporary
 * name; every 200 ms the main thread flushes the finished group to disk
 * (syncfs), renames it to the final names, and appends it to a journal
 * (fdatasync). A rerun skips what the journal lists, re-verifies
 * byte for byte any final file the journal does not list (output is
 * deterministic), and removes leftover temporary files. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "certqr/coverage.h"
#include "certqr/csv.h"
#include "certqr/csvout.h"
#include "certqr/rules.h"
#include "issue.h"
#include "pdf.h"

#define INPUT_MAX     (512u << 20)
#define ROWS_DEFAULT  1000000ul
#define JOURNAL_NAME  ".certqr-journal"
#define LOCK_NAME     ".certqr-lock"
#define TMP_PREFIX    ".tmp-"
#define COMMIT_MS     200
#define REJECTS_MAX   1000000ul   /* listed; more are counted */

enum { J_TODO, J_DONE, J_CONFLICT, J_FAILED };

typedef struct job {
	cq_record rec;
	char id[CQ_ID_LEN + 1];
	unsigned long line;
	char file[40];            /* NUMBER-YEAR-rREV.pdf */
	_Atomic unsigned char state;
} job;

typedef struct reject { unsigned long line; char field[64]; char reason[320]; char reason_zh[320]; } reject;

typedef struct done_entry { size_t job; size_t size; uint8_t hash[16]; int renamed; } done_entry;

typedef struct batch {
	/* options */
	const char *in_path, *out_dir, *key_path, *dl_path, *rules_path, *font_path, *enc, *fmt, *seal_path;
	unsigned font_index, jobs;
	int refuse_below, quiet, progress, check_only;
	unsigned long max_rows;
	issue_pdf_engine engine;
	char qr_level;
	cq_passsrc pass;
	/* inputs */
	cq_delegation dl;
	cq_seckey *key;
	cq_rules rules;
	issue_font *font;
	issue_seal *seal;          /* --seal, or NULL: the layout's placeholder */
	char key_hex[17];
	uint8_t fingerprint[16];
	/* rows */
	job *jobs_v;
	size_t njobs, cap_jobs;
	reject *rej;
	size_t nrej, cap_rej, rej_unlisted;
	unsigned long rows;
	size_t below_issued, below_refused;
	char *below_csv;           /* the rule report, CSV text */
	size_t below_len, below_cap;
	/* issuing */
	int dirfd, journal_fd;
	size_t *todo;
	size_t ntodo;
	atomic_size_t next;
	atomic_size_t finished_workers;
	pthread_mutex_t mu;
	done_entry *pend;
	size_t npend, cap_pend;
	atomic_size_t conflicts, failures, verified;
	atomic_int qr_min, qr_max;             /* QR versions seen this run */
	size_t issued_now, already;
	char first_error[300];
	/* the input's own heading of each field (its Chinese or English column
	 * name, or JSON key), for naming the column in rejects.csv */
	char label[CQ_CSV_MAX_FIELDS][64];
	char ignored[512];         /* columns read and deliberately ignored */
} batch;

static volatile sig_atomic_t stop_flag;

/* Test hook (tests/sh/issue_batch.sh): CERTQR_TEST_CRASH=STAGE:N kills the
 * process with SIGKILL at the N-th event of STAGE: "written" (a temporary
 * PDF written, not yet flushed or renamed), "renamed" (a PDF under its final
 * name, not yet in the journal) or "journalled" (a group in the journal). */
enum { CRASH_NONE, CRASH_WRITTEN, CRASH_RENAMED, CRASH_JOURNALLED };
static int crash_stage;
static unsigned long crash_at;
/* CERTQR_TEST_COMMIT_MS shortens the group interval so a test can count on
 * several groups however fast the machine is. */
static long commit_ms = COMMIT_MS;
static atomic_ulong crash_count;

static void crash_point(int stage)
{
	if (stage == crash_stage && atomic_fetch_add(&crash_count, 1) + 1 == crash_at) raise(SIGKILL);
}

static void crash_setup(void)
{
	const char *v = getenv("CERTQR_TEST_CRASH");
	char stage[16];
	unsigned long n;
	if (!v || sscanf(v, "%15[a-z]:%lu", stage, &n) != 2) return;
	crash_stage = !strcmp(stage, "written") ? CRASH_WRITTEN : !strcmp(stage, "renamed") ? CRASH_RENAMED
	            : !strcmp(stage, "journalled") ? CRASH_JOURNALLED : CRASH_NONE;
	crash_at = n;
	const char *c = getenv("CERTQR_TEST_COMMIT_MS");
	long ms = c ? strtol(c, NULL, 10) : 0;
	if (ms >= 1 && ms <= 1000) commit_ms = ms;
}
static void on_signal(int sig) { (void)sig; stop_flag = 1; }

/* ---- reports ---- */

/* The column as the input names it: a field's own heading when it had one. */
static const char *column_name(const batch *b, const char *field)
{
	int f = field && *field ? cq_field_find(field) : -1;
	return f >= 0 && b->label[f][0] ? b->label[f] : field ? field : "";
}

/* A rejected row: zh is the Chinese reason, or NULL to take it from the
 * core's English one (reasons.c). */
static int add_reject(batch *b, unsigned long line, const char *field, const char *zh, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int add_reject(batch *b, unsigned long line, const char *field, const char *zh, const char *fmt, ...)
{
	if (b->nrej == REJECTS_MAX) { b->rej_unlisted++; return 0; }
	if (b->nrej == b->cap_rej) {
		size_t nc = b->cap_rej ? b->cap_rej * 2 : 64;
		reject *n = realloc(b->rej, nc * sizeof *n);
		if (!n) return -1;
		b->rej = n;
		b->cap_rej = nc;
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

static int write_report(batch *b, const char *name, const char *data, size_t n)
{
	char path[4096], why[256];
	snprintf(path, sizeof path, "%s/%s", b->out_dir, name);
	if (cq_write_atomic(path, data, n, 0644, true, why)) { cq_warn("%s", why); return -1; }
	return 0;
}

/* "what: N (see DIR/NAME)" on stdout; the directory escaped. Without `what`,
 * only the " (see ...)" part and the end of the line. */
static void report_line(const char *what, size_t count, const char *dir, const char *name)
{
	if (what) printf("%s: %zu", what, count);
	if (dir) {
		fputs(" (see ", stdout);
		cq_fputs_escaped(dir, stdout);
		printf("/%s)", name);
	}
	putchar('\n');
}

static int write_rejects(batch *b)
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
	int rc = write_report(b, "rejects.csv", text, len);
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

/* ---- reading rows ---- */


/* Characters a save in the Chinese Windows code page (cp936/GBK, Excel's
 * "CSV (逗号分隔)") cannot hold come out as '?': a rare character in a
 * name is then lost. */
static bool lost_to_cp936(const char *name)
{
	return strchr(name, '?') || strstr(name, "\xEF\xBF\xBD");   /* ? or U+FFFD */
}

/* The first character beyond U+FFFF (Extensions B-F), or 0. */
static uint32_t beyond_bmp(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) return 0;
		if (cp > 0xFFFF) return cp;
		i += (size_t)l;
	}
	return 0;
}

/* One line of below-rule.csv. */
static void below_row(batch *b, unsigned long line, const cq_record *r, const char *rule, const char *shortby)
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

/* Validates one row given as (name, value) pairs into a job, or rejects it. */
static void take_row(batch *b, unsigned long line, size_t n, const char *const *names,
                     const char *const *values)
{
	cq_builder bl;
	cq_err e;
	cq_builder_init(&bl);
	for (size_t i = 0; i < n; i++) {
		if (!values[i]) continue;   /* JSON null: absent */
		if (!strcmp(names[i], "name") && lost_to_cp936(values[i])) {
			add_reject(b, line, names[i], "姓名中有「?」：文件以 GBK/ANSI（Excel 的「CSV（逗号分隔）」）保存时，"
			           "生僻字变成了问号。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后重新签发",
			           "the name holds '?': saving as GBK/ANSI (Excel's plain \"CSV\") replaced a character it cannot "
			           "hold; save as \"CSV UTF-8\" and issue again");
			sodium_memzero(&bl, sizeof bl);
			return;
		}
		if (cq_builder_set(&bl, names[i], values[i], &e)) {
			add_reject(b, line, e.field[0] ? e.field : names[i], NULL, "%s", e.msg);
			sodium_memzero(&bl, sizeof bl);
			return;
		}
	}
	char id[CQ_ID_LEN + 1];
	memcpy(id, bl.id, sizeof id);
	id[CQ_ID_LEN] = '\0';
	if (id[CQ_ID_LEN - 1] == 'x') id[CQ_ID_LEN - 1] = 'X';
	cq_record r;
	if (cq_builder_finish(&bl, &r, &e)) { add_reject(b, line, e.field, NULL, "%s", e.msg); return; }
	const cq_delegation *d = &b->dl;
	char w1[11], w2[11], zh[320], en[320];
	cq_date_format(d->first, w1);
	cq_date_format(d->last, w2);
	if (!cq_delegation_covers_number(d, r.number)) {
		snprintf(zh, sizeof zh, "证书管理号不在本签发密钥的范围内：本密钥只签发以 %s 开头的证书管理号", d->scope);
		add_reject(b, line, "number", zh, "outside the issuing key's scope: this key issues numbers starting %s", d->scope);
		return;
	}
	if (r.issuer_region != d->region) {
		snprintf(zh, sizeof zh, "本签发密钥属于地区 %06u，不是 %06u", (unsigned)d->region, (unsigned)r.issuer_region);
		add_reject(b, line, "issuer_region", zh, "the issuing key belongs to region %06u, not %06u", (unsigned)d->region,
		           (unsigned)r.issuer_region);
		return;
	}
	snprintf(zh, sizeof zh, "超出本签发密钥的有效期 %s 至 %s", w1, w2);
	if (r.year < d->first.y || r.year > d->last.y) {
		add_reject(b, line, "year", zh, "outside the issuing key's window %s..%s", w1, w2);
		return;
	}
	if (!cq_delegation_covers_date(d, r.issued)) {
		add_reject(b, line, "issued", zh, "outside the issuing key's window %s..%s", w1, w2);
		return;
	}
	if (!issue_name_drawable(b->font, r.name, zh, en)) {
		add_reject(b, line, "name", zh, "%s", en);
		return;
	}
	uint32_t astral = b->engine == ISSUE_PDF_LIBHARU ? beyond_bmp(r.name) : 0;
	if (astral) {
		/* libharu 2.3.0 reads only a format 4 cmap: the BMP */
		snprintf(zh, sizeof zh, "libharu 引擎不能嵌入 U+%04X 这类 U+FFFF 以上的字：请用默认引擎（不加 --pdf-engine libharu）签发",
		         (unsigned)astral);
		add_reject(b, line, "name", zh, "the libharu engine cannot embed characters beyond U+FFFF such as U+%04X: "
		           "issue with the default engine (no --pdf-engine libharu)", (unsigned)astral);
		return;
	}
	cq_compliance c;
	cq_rules_check(&b->rules, &r, &c);
	if (!c.met) {
		char why[200], why_zh[200];
		if (!c.known) {
			snprintf(why, sizeof why, "no hours rule covers year %u for this region", r.year);
			snprintf(why_zh, sizeof why_zh, "没有适用于 %u 年度、本地区的学时规定", r.year);
		} else {
			int k = snprintf(why, sizeof why, "%u rule (region %s): needs public %u, professional %u, total %u", r.year,
			                 c.rule.region, c.req_pub, c.req_prof, c.req_total);
			if (c.req_comp && k > 0 && (size_t)k < sizeof why)
				snprintf(why + k, sizeof why - (size_t)k, ", compulsory %u", c.req_comp);
			k = snprintf(why_zh, sizeof why_zh, "%u 年度要求：公需 %u、专业 %u、合计 %u 学时", r.year, c.req_pub,
			             c.req_prof, c.req_total);
			if (c.req_comp && k > 0 && (size_t)k < sizeof why_zh)
				snprintf(why_zh + k, sizeof why_zh - (size_t)k, "（其中必修 %u）", c.req_comp);
		}
		char shortby[120] = "";
		if (c.known)
			snprintf(shortby, sizeof shortby, "public %u; professional %u; total %u; compulsory %u", c.short_pub,
			         c.short_prof, c.short_total, c.short_comp);
		below_row(b, line, &r, why, shortby);
		if (b->refuse_below) {
			b->below_refused++;
			snprintf(zh, sizeof zh, "未达到年度学时要求：%s", why_zh);
			add_reject(b, line, "hours", zh, "does not meet the year's rule: %s", why);
			return;
		}
		b->below_issued++;
	}
	if (b->njobs == b->max_rows) {
		snprintf(zh, sizeof zh, "一批最多签发 %lu 份证书（--max-rows）", b->max_rows);
		add_reject(b, line, "", zh, "more than %lu certificates in one batch (--max-rows)", b->max_rows);
		return;
	}
	if (b->njobs == b->cap_jobs) {
		size_t nc = b->cap_jobs ? b->cap_jobs * 2 : 1024;
		job *nj = realloc(b->jobs_v, nc * sizeof *nj);
		if (!nj) { add_reject(b, line, "", "内存不足", "out of memory"); return; }
		b->jobs_v = nj;
		b->cap_jobs = nc;
	}
	job *j = &b->jobs_v[b->njobs++];
	memset(j, 0, sizeof *j);
	j->rec = r;
	memcpy(j->id, id, sizeof j->id);
	j->line = line;
	snprintf(j->file, sizeof j->file, "%s-%u-r%u.pdf", r.number, r.year, r.revision);
	atomic_store(&j->state, J_TODO);
}

static int cmp_job_file(const void *a, const void *b)
{
	const job *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c) return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The same certificate (number, year, revision) twice: the first row wins. */
static void drop_duplicates(batch *b)
{
	if (b->njobs) qsort(b->jobs_v, b->njobs, sizeof *b->jobs_v, cmp_job_file);
	size_t w = 0;
	for (size_t i = 0; i < b->njobs; i++) {
		if (w && !strcmp(b->jobs_v[w - 1].file, b->jobs_v[i].file)) {
			char zh[120];
			snprintf(zh, sizeof zh, "与第 %lu 行是同一份证书（证书管理号、年度、版本相同）", b->jobs_v[w - 1].line);
			add_reject(b, b->jobs_v[i].line, "number", zh, "the same certificate (number, year, revision) as row %lu",
			           b->jobs_v[w - 1].line);
			continue;
		}
		if (w != i) b->jobs_v[w] = b->jobs_v[i];
		w++;
	}
	b->njobs = w;
}

static int is_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) return 0;
		i += (size_t)l;
	}
	return 1;
}

/* GBK (read as GB 18030, its superset) to UTF-8 with iconv(3). */
static char *from_gbk(const char *in, size_t n, size_t *outlen, char why[256])
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) { snprintf(why, 256, "iconv: GB18030 not available: %s", strerror(errno)); return NULL; }
	size_t cap = n * 3 / 2 + 16, left = cap;
	char *out = malloc(cap + 1), *op = out;
	char *ip = (char *)in;
	size_t il = n;
	if (!out) { iconv_close(cd); snprintf(why, 256, "out of memory"); return NULL; }
	if (iconv(cd, &ip, &il, &op, &left) == (size_t)-1) {
		/* byte offset → line number for the message */
		unsigned long line = 1;
		for (const char *p = in; p < ip; p++) line += *p == '\n';
		snprintf(why, 256, "line %lu is neither UTF-8 nor GBK (%s)", line, strerror(errno));
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*outlen = cap - left;
	out[*outlen] = '\0';
	return out;
}

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

static int read_rows(batch *b, char **textp, size_t *lenp)
{
	char *raw, why[256];
	size_t n;
	*textp = NULL;   /* on failure the caller frees what is here */
	if (cq_read_file(b->in_path, INPUT_MAX, &raw, &n, why)) { cq_warn("%s", why); return -1; }
	if (spreadsheet_file(b->in_path, raw, n)) { free(raw); return -1; }
	int gbk;
	if (!strcmp(b->enc, "auto")) gbk = !(n >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3)) && !is_utf8(raw, n);
	else gbk = !strcmp(b->enc, "gbk") || !strcmp(b->enc, "gb18030");
	char *text = raw;
	if (gbk) {
		text = from_gbk(raw, n, &n, why);
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
			add_reject(b, row->line, field, NULL, "%s", e.msg);
			continue;
		}
		const char *names[CQ_CSV_MAX_FIELDS], *values[CQ_CSV_MAX_FIELDS];
		size_t k = 0;
		int bad = 0;
		if (jsonl) {
			for (size_t i = 0; i < row->n && !bad; i++) {
				int f = cq_field_find(row->name[i]);
				if (f < 0 && is_ignorable(row->name[i])) continue;
				if (f < 0) { add_reject(b, row->line, row->name[i], "未知的字段", "unknown field"); bad = 1; break; }
				if (!b->label[f][0]) snprintf(b->label[f], sizeof b->label[f], "%s", row->name[i]);
				names[k] = cq_field_names[f];
				values[k++] = row->value[i];
			}
		} else {
			if (row->n != ncols) {
				char zh[120];
				snprintf(zh, sizeof zh, "这一行有 %zu 列，表头有 %zu 列", row->n, ncols);
				add_reject(b, row->line, "", zh, "%zu columns where the header has %zu", row->n, ncols);
				continue;
			}
			for (size_t i = 0; i < row->n && !bad; i++) {
				if (!header[i]) continue;
				if (!is_utf8(row->value[i], strlen(row->value[i]))) {
					add_reject(b, row->line, header[i], "不是 UTF-8 文字：GBK 导出的文件请加 --encoding gbk",
					           "not valid UTF-8 (use --encoding gbk for a GBK export)");
					bad = 1;
					break;
				}
				names[k] = header[i];
				values[k++] = row->value[i];
			}
		}
		if (!bad) take_row(b, row->line, k, names, values);
		sodium_memzero(row->store, sizeof row->store);
	}
	free(row);
	return rc;
}

/* ---- journal ---- */

static void hex(const uint8_t *h, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static int find_job(const batch *b, const char *file)
{
	size_t lo = 0, hi = b->njobs;   /* jobs are sorted by file name */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(b->jobs_v[mid].file, file);
		if (!c) return (int)mid;
		if (c < 0) lo = mid + 1; else hi = mid;
	}
	return -1;
}

/* Marks the journalled certificates done; starts a new journal when the
 * arguments differ (then existing files are verified by their bytes). */
static int open_journal(batch *b)
{
	char head[128], fp[33];
	hex(b->fingerprint, 16, fp);
	snprintf(head, sizeof head, "certqr-issue journal v1 %s\n", fp);
	int fd = openat(b->dirfd, JOURNAL_NAME, O_RDONLY | O_CLOEXEC);
	int same = 0;
	if (fd >= 0) {
		struct stat st;
		char *buf = NULL;
		if (fstat(fd, &st) == 0 && st.st_size < (1l << 30) && (buf = malloc((size_t)st.st_size + 1))) {
			size_t got = 0;
			while (got < (size_t)st.st_size) {
				ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
				if (r <= 0) break;
				got += (size_t)r;
			}
			buf[got] = '\0';
			size_t hl = strlen(head);
			if (got >= hl && !memcmp(buf, head, hl)) {
				same = 1;
				char *p = buf + hl;
				for (;;) {
					char *nl = strchr(p, '\n');
					if (!nl) break;     /* a torn last line is ignored */
					*nl = '\0';
					char file[64], h[40];
					size_t size;
					if (sscanf(p, "F %63s %zu %39s", file, &size, h) == 3) {
						int k = find_job(b, file);
						struct stat fs;
						if (k >= 0 && fstatat(b->dirfd, file, &fs, AT_SYMLINK_NOFOLLOW) == 0 &&
						    S_ISREG(fs.st_mode) && (size_t)fs.st_size == size &&
						    atomic_load(&b->jobs_v[k].state) == J_TODO) {
							atomic_store(&b->jobs_v[k].state, J_DONE);
							b->already++;
						}
					}
					p = nl + 1;
				}
			}
		}
		free(buf);
		close(fd);
	}
	if (!same) {
		char path[4096], why[256];
		snprintf(path, sizeof path, "%s/%s", b->out_dir, JOURNAL_NAME);
		if (cq_write_atomic(path, head, strlen(head), 0644, true, why)) { cq_warn("journal: %s", why); return -1; }
	}
	b->journal_fd = openat(b->dirfd, JOURNAL_NAME, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (b->journal_fd < 0) { cq_warn("%s/%s: %s", b->out_dir, JOURNAL_NAME, strerror(errno)); return -1; }
	return 0;
}

static void remove_stale_temps(batch *b)
{
	int fd = dup(b->dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) { if (fd >= 0) close(fd); return; }
	/* our PDFs' temporary names, and those cq_write_atomic gives the reports
	 * and the journal (NAME.tmp.XXXXXX) when a run is killed mid-write */
	static const char *const prefixes[] = {TMP_PREFIX, "rejects.csv.tmp.", "below-rule.csv.tmp.", JOURNAL_NAME ".tmp."};
	struct dirent *de;
	while ((de = readdir(d)))
		for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
			if (!strncmp(de->d_name, prefixes[i], strlen(prefixes[i]))) { unlinkat(b->dirfd, de->d_name, 0); break; }
	closedir(d);
}

/* ---- issuing ---- */

/* 1 if the file at `name` holds exactly these bytes, 0 if it differs, -1 if absent. */
static int same_file(int dirfd, const char *name, const unsigned char *p, size_t n)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) return errno == ENOENT ? -1 : 0;
	struct stat st;
	int same = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == n) {
		unsigned char *buf = malloc(n ? n : 1);
		size_t got = 0;
		while (buf && got < n) {
			ssize_t r = read(fd, buf + got, n - got);
			if (r <= 0) break;
			got += (size_t)r;
		}
		same = buf && got == n && !memcmp(buf, p, n);
		free(buf);
	}
	close(fd);
	return same;
}

static void note_error(batch *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_error(batch *b, const char *fmt, ...)
{
	pthread_mutex_lock(&b->mu);
	if (!b->first_error[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(b->first_error, sizeof b->first_error, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&b->mu);
}

static void push_done(batch *b, size_t k, size_t size, const uint8_t hash[16], int renamed)
{
	pthread_mutex_lock(&b->mu);
	if (b->npend == b->cap_pend) {
		size_t nc = b->cap_pend ? b->cap_pend * 2 : 256;
		done_entry *n = realloc(b->pend, nc * sizeof *n);
		if (!n) { pthread_mutex_unlock(&b->mu); atomic_store(&b->jobs_v[k].state, J_FAILED); return; }
		b->pend = n;
		b->cap_pend = nc;
	}
	done_entry *d = &b->pend[b->npend++];
	d->job = k;
	d->size = size;
	memcpy(d->hash, hash, 16);
	d->renamed = renamed;
	pthread_mutex_unlock(&b->mu);
}

int issue_render_record(const issue_font *font, issue_pdf_engine engine, const cq_seckey *key,
                        const cq_delegation *dl, const cq_record *r, const char *id, char qr_level,
                        const issue_seal *seal, unsigned char **pdf, size_t *len, issue_pdf_info *info, char why[256])
{
	uint8_t payload[CQ_PAYLOAD_MAX];
	size_t pn;
	char text[CQ_QR_TEXT_MAX], kid[17];
	cq_err e;
	if (cq_payload_sign(r, key, payload, sizeof payload, &pn, &e) ||
	    cq_qrtext_encode(payload, pn, text, sizeof text, &e)) {
		snprintf(why, 256, "signing failed: %s", e.msg);
		return -1;
	}
	cq_key_id_hex(key->pub.id, kid);
	issue_cert c = {r, id, dl->bureau, text, kid, qr_level, seal};
	return issue_pdf_render(font, &c, engine, pdf, len, info, why);
}

static void *worker(void *arg)
{
	batch *b = arg;
	for (;;) {
		if (stop_flag) break;
		size_t i = atomic_fetch_add(&b->next, 1);
		if (i >= b->ntodo) break;
		size_t k = b->todo[i];
		job *j = &b->jobs_v[k];
		unsigned char *pdf;
		size_t len;
		char why[256];
		issue_pdf_info info;
		if (issue_render_record(b->font, b->engine, b->key, &b->dl, &j->rec, j->id, b->qr_level, b->seal, &pdf, &len, &info, why)) {
			note_error(b, "row %lu: %s", j->line, why);
			atomic_store(&j->state, J_FAILED);
			atomic_fetch_add(&b->failures, 1);
			continue;
		}
		for (int v = atomic_load(&b->qr_min); (v == 0 || info.qr_version < v) &&
		     !atomic_compare_exchange_weak(&b->qr_min, &v, info.qr_version);) ;
		for (int v = atomic_load(&b->qr_max); info.qr_version > v &&
		     !atomic_compare_exchange_weak(&b->qr_max, &v, info.qr_version);) ;
		uint8_t h[16];
		crypto_generichash(h, sizeof h, pdf, len, NULL, 0);
		int same = same_file(b->dirfd, j->file, pdf, len);
		if (same == 1) {                       /* issued before, not yet journalled */
			atomic_fetch_add(&b->verified, 1);
			push_done(b, k, len, h, 0);
		} else if (same == 0) {                /* issued before with other content */
			atomic_store(&j->state, J_CONFLICT);
			atomic_fetch_add(&b->conflicts, 1);
		} else {
			char tmp[80];
			snprintf(tmp, sizeof tmp, TMP_PREFIX "%s", j->file);
			int fd = openat(b->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
			if (fd < 0 || cq_write_all(fd, pdf, len) || close(fd)) {
				note_error(b, "%s/%s: %s", b->out_dir, tmp, strerror(errno));
				if (fd >= 0) unlinkat(b->dirfd, tmp, 0);
				atomic_store(&j->state, J_FAILED);
				atomic_fetch_add(&b->failures, 1);
			} else {
				crash_point(CRASH_WRITTEN);
				push_done(b, k, len, h, 1);
			}
		}
		free(pdf);
	}
	atomic_fetch_add(&b->finished_workers, 1);
	return NULL;
}

/* One group: the temporary files reach the disk, get their final names,
 * and only then enter the journal. */
static int commit(batch *b)
{
	pthread_mutex_lock(&b->mu);
	done_entry *d = b->pend;
	size_t n = b->npend;
	b->pend = NULL;
	b->npend = b->cap_pend = 0;
	pthread_mutex_unlock(&b->mu);
	if (!n) return 0;
	int rc = 0;
	if (syncfs(b->dirfd)) { cq_warn("%s: sync: %s", b->out_dir, strerror(errno)); rc = -1; }
	char *lines = malloc(n * 96 + 1);
	size_t ll = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		job *j = &b->jobs_v[d[i].job];
		if (d[i].renamed) {
			char tmp[80];
			snprintf(tmp, sizeof tmp, TMP_PREFIX "%s", j->file);
			if (renameat2(b->dirfd, tmp, b->dirfd, j->file, RENAME_NOREPLACE) != 0 &&
			    (errno != EINVAL || renameat(b->dirfd, tmp, b->dirfd, j->file) != 0)) {
				cq_warn("%s/%s: %s", b->out_dir, j->file, strerror(errno));
				unlinkat(b->dirfd, tmp, 0);
				atomic_store(&j->state, J_FAILED);
				atomic_fetch_add(&b->failures, 1);
				continue;
			}
			b->issued_now++;
			crash_point(CRASH_RENAMED);
		} else b->already++;
		atomic_store(&j->state, J_DONE);
		if (lines) {
			char h[33];
			hex(d[i].hash, 16, h);
			ll += (size_t)sprintf(lines + ll, "F %s %zu %s\n", j->file, d[i].size, h);
		}
	}
	if (fsync(b->dirfd)) rc = -1;
	if (lines && ll && (cq_write_all(b->journal_fd, lines, ll) || fdatasync(b->journal_fd))) {
		cq_warn("journal: %s", strerror(errno));
		rc = -1;
	}
	crash_point(CRASH_JOURNALLED);
	free(lines);
	free(d);
	return rc;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress(batch *b, double t0, int final)
{
	size_t done = b->issued_now + b->already;
	size_t total = b->njobs;
	double el = now_s() - t0;
	double rate = el > 0 ? (double)b->issued_now / el : 0;
	size_t left = total > done ? total - done : 0;
	unsigned long eta = rate > 0 ? (unsigned long)((double)left / rate + 0.5) : 0;
	fprintf(stderr, "\r%zu/%zu certificates  %.0f/s  %lu:%02lu left   %s", done, total, rate, eta / 60, eta % 60,
	        final ? "\n" : "");
}

static int issue_all(batch *b)
{
	b->todo = malloc((b->njobs ? b->njobs : 1) * sizeof *b->todo);
	if (!b->todo) { cq_warn("out of memory"); return -1; }
	/* file order is number order: keeps a directory listing tidy */
	for (size_t i = 0; i < b->njobs; i++)
		if (atomic_load(&b->jobs_v[i].state) == J_TODO) b->todo[b->ntodo++] = i;
	unsigned nw = b->jobs;
	pthread_t th[64];
	unsigned started = 0;
	for (; started < nw; started++)
		if (pthread_create(&th[started], NULL, worker, b)) break;
	if (!started) { cq_warn("cannot start worker threads"); return -1; }
	double t0 = now_s(), last = 0;
	int rc = 0;
	for (;;) {
		int all = atomic_load(&b->finished_workers) == started;
		struct timespec ts = {commit_ms / 1000, commit_ms % 1000 * 1000000l};
		if (!all) nanosleep(&ts, NULL);
		if (commit(b)) { rc = -1; stop_flag = 1; }
		if (b->progress && now_s() - last > 0.25) { progress(b, t0, 0); last = now_s(); }
		if (all) break;
	}
	for (unsigned i = 0; i < started; i++) pthread_join(th[i], NULL);
	if (commit(b)) rc = -1;
	if (b->progress) progress(b, t0, 1);
	return rc;
}

/* ---- options ---- */

static int fingerprint(batch *b, const char *text, size_t n)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof b->fingerprint);
	char opts[512], seal[33] = "-";
	if (b->seal) sodium_bin2hex(seal, sizeof seal, issue_seal_hash(b->seal), 16);
	snprintf(opts, sizeof opts, "certqr-issue %s|key %s|font %s %u %ld|engine %d|qr %c|rules %s|refuse %d|seal %s",
	         CERTQR_VERSION, b->key_hex, b->font_path ? b->font_path : "-", b->font_index, issue_font_bytes(b->font),
	         (int)b->engine, b->qr_level, b->rules_path ? b->rules_path : "-", b->refuse_below, seal);
	crypto_generichash_update(&st, (const unsigned char *)opts, strlen(opts));
	crypto_generichash_update(&st, (const unsigned char *)text, n);
	crypto_generichash_final(&st, b->fingerprint, sizeof b->fingerprint);
	return 0;
}

static int load_inputs(batch *b)
{
	char *buf, why[256];
	size_t n;
	cq_err e;
	if (cq_read_file(b->dl_path, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { cq_warn("%s", why); return -1; }
	int rc = cq_delegation_decode_text(buf, n, &b->dl, &e);
	free(buf);
	if (rc) { cq_warn("%s: %s", b->dl_path, e.msg); return -1; }
	cq_rules_default(&b->rules);
	if (b->rules_path) {
		if (cq_read_file(b->rules_path, 1 << 20, &buf, &n, why)) { cq_warn("%s", why); return -1; }
		rc = cq_rules_parse(buf, n, &b->rules, &e);
		free(buf);
		if (rc) { cq_warn("%s: %s", b->rules_path, e.msg); return -1; }
	}
	b->font = issue_font_open(b->font_path, b->font_index, why);
	if (!b->font) { cq_warn("font: %s", why); return -1; }
	if (!issue_font_covers(b->font, b->dl.bureau, 1, NULL)) { cq_warn("font: no glyph for a character of the bureau name"); return -1; }
	if (b->seal_path) {
		char zh[256], en[256];
		b->seal = issue_seal_load(b->seal_path, zh, en);
		if (!b->seal) {
			cq_warn("seal: %s", zh);
			cq_warn("seal: %s", en);
			return -1;
		}
	}
	return 0;
}

static int open_out(batch *b)
{
	if (mkdir(b->out_dir, 0755) && errno != EEXIST) { cq_warn("%s: %s", b->out_dir, strerror(errno)); return -1; }
	b->dirfd = open(b->out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (b->dirfd < 0) { cq_warn("%s: %s", b->out_dir, strerror(errno)); return -1; }
	int lk = openat(b->dirfd, LOCK_NAME, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lk < 0 || flock(lk, LOCK_EX | LOCK_NB)) {
		cq_warn("%s: another certqr-issue batch is writing here", b->out_dir);
		return -1;
	}
	return 0;   /* the lock lives as long as the process */
}

int issue_cmd_batch(int argc, char **argv)
{
	batch *b = calloc(1, sizeof *b);
	if (!b) { cq_warn("out of memory"); return ISSUE_FAILED; }
	b->enc = "auto";
	b->qr_level = 'M';
	b->fmt = "auto";
	b->max_rows = ROWS_DEFAULT;
	long np = sysconf(_SC_NPROCESSORS_ONLN);
	b->jobs = np > 0 && np < 64 ? (unsigned)np : 2;
	b->progress = isatty(STDERR_FILENO);
	b->dirfd = b->journal_fd = -1;
	pthread_mutex_init(&b->mu, NULL);
	int ret = ISSUE_FAILED;
	unsigned seen_flags = 0;
	/* From the start: a background job's inherited "ignore" must not hide an
	 * interrupt that comes while the key is being unlocked. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "-h") || !strcmp(o, "--help")) { free(b); issue_usage(NULL); return ISSUE_OK; }
		if (!strcmp(o, "--refuse-below-rule")) { b->refuse_below = 1; continue; }
		if (!strcmp(o, "--check")) { b->check_only = 1; continue; }
		if (!strcmp(o, "--quiet")) { b->progress = 0; continue; }
		if (!strcmp(o, "--progress")) { b->progress = 1; continue; }
		if (strncmp(o, "--", 2) != 0) {
			if (b->in_path) { cq_warn("batch: more than one input file"); goto usage; }
			b->in_path = o;
			continue;
		}
		if (i + 1 >= argc) { cq_warn("batch: %s needs a value", o); goto usage; }
		const char *v = argv[++i];
		static const char *const opt[] = {"--key", "--delegation", "--out", "--passphrase-file", "--passphrase-env",
		                                  "--rules", "--font", "--font-index", "--encoding", "--format", "--jobs",
		                                  "--pdf-engine", "--max-rows", "--qr-level", "--seal", NULL};
		int k;
		for (k = 0; opt[k]; k++)
			if (!strcmp(o, opt[k])) break;
		if (!opt[k] || (seen_flags & 1u << k)) { cq_warn("batch: unknown or repeated option '%s'", o); goto usage; }
		seen_flags |= 1u << k;
		char *end;
		unsigned long u;
		switch (k) {
		case 0: b->key_path = v; break;
		case 1: b->dl_path = v; break;
		case 2: b->out_dir = v; break;
		case 3: b->pass.file = v; break;
		case 4: b->pass.env = v; break;
		case 5: b->rules_path = v; break;
		case 6: b->font_path = v; break;
		case 7:
			u = strtoul(v, &end, 10);
			if (*end || !*v || u > 255) { cq_warn("batch: --font-index must be 0..255"); goto usage; }
			b->font_index = (unsigned)u;
			break;
		case 8:
			if (strcmp(v, "auto") && strcmp(v, "utf-8") && strcmp(v, "gbk") && strcmp(v, "gb18030")) {
				cq_warn("batch: --encoding must be auto, utf-8, gbk or gb18030");
				goto usage;
			}
			b->enc = v;
			break;
		case 9:
			if (strcmp(v, "auto") && strcmp(v, "csv") && strcmp(v, "jsonl")) { cq_warn("batch: --format must be auto, csv or jsonl"); goto usage; }
			b->fmt = v;
			break;
		case 10:
			u = strtoul(v, &end, 10);
			if (*end || !*v || u < 1 || u > 64) { cq_warn("batch: --jobs must be 1..64"); goto usage; }
			b->jobs = (unsigned)u;
			break;
		case 11:
			if (!strcmp(v, "direct")) b->engine = ISSUE_PDF_DIRECT;
			else if (!strcmp(v, "libharu")) b->engine = ISSUE_PDF_LIBHARU;
			else { cq_warn("batch: --pdf-engine must be direct or libharu"); goto usage; }
			break;
		case 13:
			if (strcmp(v, "M") && strcmp(v, "Q")) { cq_warn("batch: --qr-level must be M or Q"); goto usage; }
			b->qr_level = v[0];
			break;
		case 14: b->seal_path = v; break;
		case 12:
			u = strtoul(v, &end, 10);
			if (*end || !*v || u < 1 || u > 100000000ul) { cq_warn("batch: --max-rows must be 1..100000000"); goto usage; }
			b->max_rows = u;
			break;
		}
	}
	if (!b->in_path || !b->out_dir || !b->key_path || !b->dl_path) {
		cq_warn("batch: INPUT, --out, --key and --delegation are required");
		goto usage;
	}
	if (load_inputs(b)) goto out;
	cq_pubkey pub;
	{
		char *kt, why[256];
		size_t kn;
		cq_err e;
		if (cq_read_file(b->key_path, CQ_ARMOR_MAX_TEXT, &kt, &kn, why)) { cq_warn("%s", why); goto out; }
		int rc = cq_seckey_public(kt, kn, &pub, &e);
		free(kt);
		if (rc) { cq_warn("%s: %s", b->key_path, e.msg); goto out; }
	}
	if (memcmp(pub.pk, b->dl.issuer.pk, CQ_PK_BYTES)) {
		cq_warn("%s: the delegation %s is for another key", b->key_path, b->dl_path);
		goto out;
	}
	cq_key_id_hex(pub.id, b->key_hex);
	char *text;
	size_t tlen;
	if (read_rows(b, &text, &tlen)) { free(text); goto out; }
	fingerprint(b, text, tlen);
	sodium_memzero(text, tlen);
	free(text);
	drop_duplicates(b);
	if (open_out(b)) goto out;
	if (write_rejects(b)) goto out;
	if (b->below_len) { if (write_report(b, "below-rule.csv", b->below_csv, b->below_len)) goto out; }
	else unlinkat(b->dirfd, "below-rule.csv", 0);
	if (b->check_only) {
		/* --check: the reports only; nothing signed, the journal untouched */
		printf("rows: %lu\nwould issue: %zu\n", b->rows, b->njobs);
		if (b->ignored[0]) { fputs("ignored columns: ", stdout); cq_fputs_escaped(b->ignored, stdout); putchar('\n'); }
		report_line("rejected", b->nrej + b->rej_unlisted, b->nrej ? b->out_dir : NULL, "rejects.csv");
		printf("below the year's rule: %zu would be issued, %zu refused\n", b->below_issued, b->below_refused);
		ret = fflush(stdout) ? ISSUE_FAILED : b->nrej + b->rej_unlisted ? ISSUE_SOME_REJECTED : ISSUE_OK;
		goto out;
	}
	if (open_journal(b)) goto out;
	remove_stale_temps(b);
	if (b->already < b->njobs) {
		b->key = issue_load_key(b->key_path, &b->pass);
		if (!b->key) goto out;
	}
	crash_setup();
	int irc = issue_all(b);
	size_t conflicts = atomic_load(&b->conflicts), failures = atomic_load(&b->failures);
	for (size_t i = 0; i < b->njobs; i++)
		if (atomic_load(&b->jobs_v[i].state) == J_CONFLICT)
			add_reject(b, b->jobs_v[i].line, "number", "输出目录里已有这份证书，内容不同：更正须提高证书版本",
			           "%s/%s already holds this certificate with other content; "
			           "a correction needs a higher revision", b->out_dir, b->jobs_v[i].file);
	if (conflicts && write_rejects(b)) irc = -1;
	if (b->first_error[0]) cq_warn("%s", b->first_error);
	size_t done = b->issued_now + b->already;
	printf("rows: %lu\n", b->rows);
	if (b->ignored[0]) { fputs("ignored columns: ", stdout); cq_fputs_escaped(b->ignored, stdout); putchar('\n'); }
	printf("issued: %zu (new %zu, issued before %zu)\n", done, b->issued_now, b->already);
	report_line("rejected", b->nrej + b->rej_unlisted, b->nrej ? b->out_dir : NULL, "rejects.csv");
	printf("below the year's rule: %zu issued, %zu refused", b->below_issued, b->below_refused);
	report_line(NULL, 0, b->below_len ? b->out_dir : NULL, "below-rule.csv");
	if (atomic_load(&b->qr_min))
		printf("QR codes: version %d..%d, level %c, %.0f mm\n", atomic_load(&b->qr_min), atomic_load(&b->qr_max), b->qr_level, issue_layout() ? issue_layout()->qr_mm : 0.0);
	if (conflicts) printf("conflicts: %zu\n", conflicts);
	if (failures) printf("failed: %zu\n", failures);
	if (fflush(stdout)) irc = -1;
	if (stop_flag && done < b->njobs) {
		cq_warn("interrupted after %zu of %zu certificates; run again with the same arguments to resume", done, b->njobs);
		ret = ISSUE_INTERRUPTED;
	} else if (irc || failures) ret = ISSUE_FAILED;
	else ret = b->nrej + b->rej_unlisted ? ISSUE_SOME_REJECTED : ISSUE_OK;
	goto out;
usage:
	ret = issue_usage("batch");
out:
	cq_seckey_free(b->key);
	issue_font_close(b->font);
	issue_seal_free(b->seal);
	if (b->journal_fd >= 0) close(b->journal_fd);
	if (b->jobs_v) sodium_memzero(b->jobs_v, b->cap_jobs * sizeof *b->jobs_v);
	free(b->jobs_v);
	free(b->rej);
	free(b->todo);
	free(b->pend);
	free(b->below_csv);
	free(b);
	return ret;
}
