/* Which rows become certificates: the record rules of the core, the
 * issuing key's scope, region and window, a name every verifier can draw,
 * the year's hours rule, the --max-rows bound, one row per certificate. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/utf8.h"
#include "batch.h"

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

/* Validates one row given as (name, value) pairs into a job, or rejects it. */
void batch_take_row(batch *b, unsigned long line, size_t n, const char *const *names,
                     const char *const *values)
{
	cq_builder bl;
	cq_err e;
	cq_builder_init(&bl);
	for (size_t i = 0; i < n; i++) {
		if (!values[i]) continue;   /* JSON null: absent */
		if (!strcmp(names[i], "name") && lost_to_cp936(values[i])) {
			batch_reject(b, line, names[i], "姓名中有「?」：文件以 GBK/ANSI（Excel 的「CSV（逗号分隔）」）保存时，"
			           "生僻字变成了问号。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后重新签发",
			           "the name holds '?': saving as GBK/ANSI (Excel's plain \"CSV\") replaced a character it cannot "
			           "hold; save as \"CSV UTF-8\" and issue again");
			sodium_memzero(&bl, sizeof bl);
			return;
		}
		if (cq_builder_set(&bl, names[i], values[i], &e)) {
			batch_reject(b, line, e.field[0] ? e.field : names[i], NULL, "%s", e.msg);
			sodium_memzero(&bl, sizeof bl);
			return;
		}
	}
	char id[CQ_ID_LEN + 1];
	memcpy(id, bl.id, sizeof id);
	id[CQ_ID_LEN] = '\0';
	if (id[CQ_ID_LEN - 1] == 'x') id[CQ_ID_LEN - 1] = 'X';
	cq_record r;
	if (cq_builder_finish(&bl, &r, &e)) { batch_reject(b, line, e.field, NULL, "%s", e.msg); return; }
	const cq_delegation *d = &b->dl;
	char w1[11], w2[11], zh[320], en[320];
	cq_date_format(d->first, w1);
	cq_date_format(d->last, w2);
	if (!cq_delegation_covers_number(d, r.number)) {
		snprintf(zh, sizeof zh, "证书管理号不在本签发密钥的范围内：本密钥只签发以 %s 开头的证书管理号", d->scope);
		batch_reject(b, line, "number", zh, "outside the issuing key's scope: this key issues numbers starting %s", d->scope);
		return;
	}
	if (r.issuer_region != d->region) {
		snprintf(zh, sizeof zh, "本签发密钥属于地区 %06u，不是 %06u", (unsigned)d->region, (unsigned)r.issuer_region);
		batch_reject(b, line, "issuer_region", zh, "the issuing key belongs to region %06u, not %06u", (unsigned)d->region,
		           (unsigned)r.issuer_region);
		return;
	}
	snprintf(zh, sizeof zh, "超出本签发密钥的有效期 %s 至 %s", w1, w2);
	if (r.year < d->first.y || r.year > d->last.y) {
		batch_reject(b, line, "year", zh, "outside the issuing key's window %s..%s", w1, w2);
		return;
	}
	if (!cq_delegation_covers_date(d, r.issued)) {
		batch_reject(b, line, "issued", zh, "outside the issuing key's window %s..%s", w1, w2);
		return;
	}
	if (!issue_name_drawable(b->font, r.name, zh, en)) {
		batch_reject(b, line, "name", zh, "%s", en);
		return;
	}
	uint32_t astral = b->engine == ISSUE_PDF_LIBHARU ? beyond_bmp(r.name) : 0;
	if (astral) {
		/* libharu 2.3.0 reads only a format 4 cmap: the BMP */
		snprintf(zh, sizeof zh, "libharu 引擎不能嵌入 U+%04X 这类 U+FFFF 以上的字：请用默认引擎（不加 --pdf-engine libharu）签发",
		         (unsigned)astral);
		batch_reject(b, line, "name", zh, "the libharu engine cannot embed characters beyond U+FFFF such as U+%04X: "
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
		batch_below_row(b, line, &r, why, shortby);
		if (b->refuse_below) {
			b->below_refused++;
			snprintf(zh, sizeof zh, "未达到年度学时要求：%s", why_zh);
			batch_reject(b, line, "hours", zh, "does not meet the year's rule: %s", why);
			return;
		}
		b->below_issued++;
	}
	if (b->njobs == b->max_rows) {
		snprintf(zh, sizeof zh, "一批最多签发 %lu 份证书（--max-rows）", b->max_rows);
		batch_reject(b, line, "", zh, "more than %lu certificates in one batch (--max-rows)", b->max_rows);
		return;
	}
	if (b->njobs == b->cap_jobs) {
		size_t nc = b->cap_jobs ? b->cap_jobs * 2 : 1024;
		job *nj = realloc(b->jobs_v, nc * sizeof *nj);
		if (!nj) { batch_reject(b, line, "", "内存不足", "out of memory"); return; }
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
void batch_drop_duplicates(batch *b)
{
	if (b->njobs) qsort(b->jobs_v, b->njobs, sizeof *b->jobs_v, cmp_job_file);
	size_t w = 0;
	for (size_t i = 0; i < b->njobs; i++) {
		if (w && !strcmp(b->jobs_v[w - 1].file, b->jobs_v[i].file)) {
			char zh[120];
			snprintf(zh, sizeof zh, "与第 %lu 行是同一份证书（证书管理号、年度、版本相同）", b->jobs_v[w - 1].line);
			batch_reject(b, b->jobs_v[i].line, "number", zh, "the same certificate (number, year, revision) as row %lu",
			           b->jobs_v[w - 1].line);
			continue;
		}
		if (w != i) b->jobs_v[w] = b->jobs_v[i];
		w++;
	}
	b->njobs = w;
}
