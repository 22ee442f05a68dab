/* The HTML report, for a title-evaluation committee deciding on a folder of
 * applications: one self-contained file (page images as data: URIs, an
 * inline script, a Content-Security-Policy that forbids every fetch).
 *
 * What decides comes first: the verdict badge, coloured by authenticity and
 * by compliance (an authentic certificate short of hours is orange, not
 * green), compliance in its own column (met / short by N per category), the
 * same certificate found in several files as one row naming them, people
 * with each year once. Sorting by name follows pinyin (certqr/pinyin.h:
 * the key is computed here, the script compares keys), by total hours, by
 * verdict. Chinese by default; English is a switch (one button), not a
 * second language on every line. Clicking a page opens it full size.
 *
 * The page reports its state for tests and links: body[data-lang],
 * table[data-sorted="column:direction"], body[data-view] (the row whose page
 * is open); the URL fragment sets them (#lang=en&sort=name&view=3).
 *
 * Rows are written as files complete (report_html_file, one row a line, to
 * a temporary file) and the page is put together at the end: the heading
 * with the counts, the rows, where the first row of a certificate found
 * again gets the other places at its marker (copies.h), the people. */
#define _GNU_SOURCE 1   /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "report.h"
#include "report_html.h"
#include "row.h"
#include "hours.h"
#include "certqr/coverage.h"
#include "certqr/pinyin.h"
#include "copies.h"

static void h(FILE *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '&': fputs("&amp;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&#39;", o); break;
		case '\t': fputs("&#9;", o); break;
		case '\n': fputs("&#10;", o); break;   /* one row a line (copies_merge) */
		case '\r': fputs("&#13;", o); break;
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

/* One text in both languages; the page shows one of them (the switch). */
static void bi(FILE *o, const char *zh, const char *en)
{
	fputs("<span class=\"l-zh\">", o);
	h(o, zh);
	fputs("</span><span class=\"l-en\">", o);
	h(o, en);
	fputs("</span>", o);
}

/* lib/scan's hint sentences are "中文 English" in one string: the English
 * starts at the first space after the last non-ASCII byte. */
static void bi_mixed(FILE *o, const char *s)
{
	size_t last = 0, n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80) last = i + 1;
	const char *sp = last ? strchr(s + last, ' ') : NULL;
	if (!sp) { h(o, s); return; }
	char zh[600];
	snprintf(zh, sizeof zh, "%.*s", (int)(sp - s), s);
	bi(o, zh, sp + 1);
}

static const char *const CLASS_NAME[ROW_COUNT_] = {"authentic", "composited", "not-authentic", "other-code",
                                                  "no-code", "unreadable", "page-unreadable", "other-holder"};
static const char *const CLASS_ZH[ROW_COUNT_] = {"真实有效", "合成证书", "不可信", "非证书二维码", "未读到二维码",
                                                "无法读取", "页面无法判读", "持证人不符"};
static const char *const CLASS_EN[ROW_COUNT_] = {"authentic", "composited", "not authentic", "other QR code",
                                                "no code read", "unreadable", "page not judged", "another holder"};
/* most serious first; an authentic certificate short of hours just above a
 * clean one */
static const int SEVERITY[ROW_COUNT_] = {0, 14, 12, 4, 6, 2, 8, 10};

static void page_name(FILE *o, const bfile *f, const bpage *p)
{
	h(o, f->path);
	if (p && p->pg.npages > 1) fprintf(o, " <span class=\"pg\">p.%u/%u</span>", p->pg.page, p->pg.npages);
}

static void field_zh(const char *field, const char **zh)
{
	*zh = field;
	for (int f = 0; f < CQ_F_COUNT_; f++)
		if (!strcmp(cq_field_name((cq_field)f), field)) *zh = cq_field_name_zh((cq_field)f);
}

/* One row as the HTML shows it: a file not checked or unreadable (no
 * page), a page without a code (no code), or a code. */
typedef struct hrow {
	const bfile *f;
	const bpage *p;
	const fcode *c;
	unsigned ci;             /* the code's index on its page (its crops) */
	row_class k;
	const char *gap;         /* non-NULL: not checked (a file skipped, pages past the limit), why */
	unsigned from, pages;    /* pages past the limit: from..pages */
} hrow;

static void details(FILE *o, const hrow *w)
{
	const bpage *p = w->p;
	const fcode *c = w->c;
	if (w->gap) { h(o, w->gap); return; }
	if (!p) { h(o, w->f->error); return; }
	if (!c) {
		bi_mixed(o, cq_scan_hint_text(p->pg.hint));
		if (p->pg.module_px > 0) fprintf(o, " (~%.1f px/module)", p->pg.module_px);
		return;
	}
	if (code_composited(c)) {
		fputs("<b>", o);
		bi(o, "页面内容与签名不符：", "the page shows something other than the signed certificate:");
		fputs("</b><ul>", o);
		udiff u[CQ_PAGE_DIFF_MAX + FILES_DIFF_MAX];
		unsigned nu = union_diffs(c, u, sizeof u / sizeof *u);
		for (unsigned i = 0; i < nu; i++) {
			const char *fz;
			field_zh(u[i].field, &fz);
			fputs("<li><span class=\"l-zh\">", o);
			h(o, fz);
			fputs("：签名 <b>", o);
			h(o, u[i].want);
			fputs("</b>，页面 <b>", o);
			h(o, u[i].seen);
			fprintf(o, "</b>%s</span><span class=\"l-en\">", u[i].from_text ? "（文字层）" : "");
			h(o, u[i].field);
			fputs(": signed <b>", o);
			h(o, u[i].want);
			fputs("</b>, page <b>", o);
			h(o, u[i].seen);
			fprintf(o, "</b>%s</span>", u[i].from_text ? " (text layer)" : "");
			for (unsigned q = 0; q < p->ncrops; q++)
				if (!u[i].from_text && p->crops[q].code == w->ci && p->crops[q].diff == i) {
					fputs("<br><img class=\"crop\" alt=\"region\" src=\"data:image/jpeg;base64,", o);
					b64(o, p->crops[q].jpg, p->crops[q].len);
					fputs("\">", o);
				}
			fputs("</li>", o);
		}
		fputs("</ul>", o);
	} else if (c->page_check == CQ_PAGE_MATCH) {
		bi(o, "页面核对一致", "the page shows every signed field");
		fputs("<br>", o);
	}
	bi(o, c->v.reason_zh, c->v.reason);
	char zh[600], en[600];
	code_flags_lang(c, FLAGS_ZH, zh, sizeof zh);
	code_flags_lang(c, FLAGS_EN, en, sizeof en);
	if (*zh) { fputs("<br><i>", o); bi(o, zh, en); fputs("</i>", o); }
}

/* An authentic certificate's file cell ends in this marker, where
 * copies_merge adds the other places it was found; h() escapes every '<'
 * of outside text, so no file name can forge it. */
#define OCC_MARK "<!--occ-->"

static void html_row(FILE *o, const hrow *w, uint64_t idx)
{
	const fcode *c = w->c;
	/* hours only where the signed certificate stands: not beside a page
	 * that shows something else, nor a forgery's */
	bool stands = w->k == ROW_AUTHENTIC || w->k == ROW_PAGE_UNREADABLE || w->k == ROW_OTHER_HOLDER;
	hours_note hn = stands ? hours_of(c) : (hours_note){HOURS_NONE, 0, 0, 0, 0};
	const char *cc = hours_class(hn);
	bool short_ = w->k == ROW_AUTHENTIC && hn.cls == HOURS_SHORT;
	int sev = SEVERITY[w->k] + (short_ ? 1 : 0);
	fprintf(o, "<tr class=\"v-%s\" data-severity=\"%d\" data-compliance=\"%s\" data-row=\"%llu\"%s>",
	        CLASS_NAME[w->k], sev, *cc ? cc : "none", (unsigned long long)idx,
	        w->gap ? " data-status=\"not_checked\"" : "");
	fputs("<td class=\"thumb\">", o);
	if (w->p && w->p->thumb) {
		fprintf(o, "<img class=\"page\" data-row=\"%llu\" alt=\"page\" title=\"点击查看原尺寸 click for full size\" "
		           "src=\"data:image/jpeg;base64,", (unsigned long long)idx);
		b64(o, w->p->thumb, w->p->thumb_len);
		fputs("\">", o);
	}
	fputs("</td><td class=\"file\">", o);
	page_name(o, w->f, w->p);
	if (w->from) fprintf(o, " <span class=\"pg\">p.%u–%u/%u</span>", w->from, w->pages, w->pages);
	if (w->k == ROW_AUTHENTIC) fputs(OCC_MARK, o);
	fprintf(o, "</td><td data-key=\"%d\"><span class=\"badge\">", sev);
	if (short_) bi(o, "真实 · 学时未达标", "authentic · hours short");
	else if (w->gap) bi(o, "未检查", "not checked");
	else bi(o, CLASS_ZH[w->k], CLASS_EN[w->k]);
	fputs("</span></td>", o);
	bool show = c && c->v.signed_ok;
	const cq_record *r = c ? &c->v.rec : NULL;
	if (show) {
		size_t kn = strlen(r->name) * 9 + 2;
		char *key = malloc(kn);
		if (key) (void)cq_pinyin_key(r->name, key, kn);
		fputs("<td class=\"name\" data-key=\"", o);
		h(o, key ? key : r->name);
		fputs("\">", o);
		h(o, r->name);
		free(key);
		fputs("</td><td>", o);
		h(o, r->number);
		fprintf(o, "</td><td data-key=\"%u\">%u</td>", r->year, r->year);
		fprintf(o, "<td class=\"hours\" data-key=\"%u\"><b>%u</b> <small>", cq_record_total(r), cq_record_total(r));
		char zh[80], en[80];
		snprintf(zh, sizeof zh, "公需 %u · 专业 %u", r->hours_public, r->hours_professional);
		snprintf(en, sizeof en, "public %u · professional %u", r->hours_public, r->hours_professional);
		bi(o, zh, en);
		fputs("</small></td>", o);
	} else
		fputs("<td class=\"name\" data-key=\"\xef\xbf\xbf\"></td><td></td><td data-key=\"-1\"></td><td class=\"hours\" data-key=\"-1\"></td>", o);
	char zh[200], en[200];
	hours_words(hn, true, zh, sizeof zh);
	hours_words(hn, false, en, sizeof en);
	fprintf(o, "<td class=\"compliance c-%s\" data-key=\"%d\">", *cc ? cc : "none",
	        hn.cls == HOURS_SHORT ? 3 : hn.cls == HOURS_NO_RULE ? 2 : hn.cls == HOURS_MET ? 1 : 0);
	if (*zh) bi(o, zh, en);
	fputs("</td><td>", o);
	if (show && c->v.have_issuer) h(o, c->v.issuer.bureau);
	fputs("</td><td class=\"why\">", o);
	details(o, w);
	fputs("</td></tr>\n", o);
}

static const char CSS[] =
	/* the names in the font chain every certqr program draws them with */
	"body{font-family:" CQ_FONT_FAMILY_CSS ";margin:1.5em;color:#222}"
	".l-en{display:none}body.lang-en .l-en{display:inline}body.lang-en .l-zh{display:none}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:14px}"
	"th{background:#eee;cursor:pointer;user-select:none}th:after{content:' \\2195';color:#999}"
	"td.thumb img{width:240px;border:1px solid #999;cursor:zoom-in;display:block}"
	"td.name,td.hours,th{white-space:nowrap}td.hours b{font-size:16px}td.hours small,.copies{color:#555}"
	".badge{display:inline-block;padding:4px 8px;border-radius:4px;color:#fff;font-weight:bold;min-width:7em;text-align:center}"
	".v-authentic .badge{background:#1b7f3b}.v-composited .badge{background:#b00020}"
	".v-not-authentic .badge{background:#d32f2f}.v-other-code .badge{background:#9e6a00}"
	".v-no-code .badge{background:#8d6e00}.v-unreadable .badge{background:#555}"
	".v-page-unreadable .badge{background:#6d4c00}.v-other-holder .badge{background:#b00020}"
	"tr[data-compliance=short] .badge,.sum .short .badge{background:#d35400}"
	".c-short{color:#d35400;font-weight:bold}.c-met{color:#1b7f3b}"
	".sum .zero .badge{background:#ddd;color:#999;font-weight:normal}"
	"img.crop{max-width:360px;border:2px solid #b00020;margin:2px 0}"
	".v-composited td,.v-not-authentic td{background:#fff0f0}"
	".why{max-width:32em}.pg{color:#666}.sum span.c{margin-right:1.2em}.meta{color:#333}"
	".bar button{font:inherit;margin-right:.6em;padding:3px 10px}"
	"#view{position:fixed;left:0;top:0;right:0;bottom:0;background:rgba(20,20,20,.92);overflow:auto;z-index:9;cursor:zoom-out;text-align:center}"
	"#view img{display:block;margin:12px auto;background:#fff;max-width:none}#view p{color:#eee;margin:8px}"
	"#view[hidden]{display:none}";

static const char JS[] =
	"(function(){var t=document.getElementById('rows'),b=document.body,hs=t.tHead.rows[0].cells;"
	"var v=document.getElementById('view'),vi=document.getElementById('viewimg'),lb=document.getElementById('lang');"
	"var COL={verdict:2,name:3,year:5,hours:6,compliance:7},DIR={2:-1,3:1,5:1,6:-1,7:-1};"
	"function key(r,i){var c=r.cells[i],k=c.getAttribute('data-key');if(k===null)return c.textContent.trim();"
	"var n=Number(k);return k!==''&&!isNaN(n)?n:k;}"
	"function sortBy(i,dir){var bd=t.tBodies[0];var rs=Array.prototype.slice.call(bd.rows);"
	"rs.sort(function(x,y){var a=key(x,i),c=key(y,i);var s=(a<c?-1:a>c?1:0)*dir;"
	"return s||(+x.getAttribute('data-row'))-(+y.getAttribute('data-row'));});"
	"rs.forEach(function(r){bd.appendChild(r);});t.setAttribute('data-sorted',i+':'+dir);}"
	"function lang(en){b.classList.toggle('lang-en',en);b.setAttribute('data-lang',en?'en':'zh');"
	"document.documentElement.lang=en?'en':'zh-CN';lb.textContent=en?'\\u4e2d\\u6587':'English';}"
	"function view(i){var im=document.querySelector('img.page[data-row=\"'+i+'\"]');if(!im)return;"
	"vi.src=im.src;v.hidden=false;b.setAttribute('data-view',i);}"
	"function close(){v.hidden=true;vi.removeAttribute('src');b.removeAttribute('data-view');}"
	"for(var i=0;i<hs.length;i++)(function(i){var d=DIR[i]||1;hs[i].addEventListener('click',function(){sortBy(i,d);d=-d;});})(i);"
	"Array.prototype.forEach.call(document.querySelectorAll('button[data-sort]'),function(x){"
	"x.addEventListener('click',function(){var c=COL[x.getAttribute('data-sort')];sortBy(c,DIR[c]);});});"
	"Array.prototype.forEach.call(document.querySelectorAll('img.page'),function(x){"
	"x.addEventListener('click',function(){view(x.getAttribute('data-row'));});});"
	"v.addEventListener('click',close);document.addEventListener('keydown',function(e){if(e.key==='Escape')close();});"
	"lb.addEventListener('click',function(){lang(!b.classList.contains('lang-en'));});"
	"var o={};location.hash.replace(/^#/,'').split('&').forEach(function(p){var kv=p.split('=');if(kv[0])o[kv[0]]=kv[1]||'';});"
	"lang(o.lang==='en');var s=COL[o.sort];sortBy(s===undefined?2:s,s===undefined?-1:DIR[s]);"
	"if(o.view!==undefined)view(o.view);})();";

static const struct { const char *sort, *zh, *en; } SORTS[] = {
	{"verdict", "按结论排序", "sort by verdict"},
	{"name", "按姓名拼音排序", "sort by name (pinyin)"},
	{"hours", "按总学时排序", "sort by total hours"},
};

static void people_table(FILE *o, people *ps)
{
	const person *v;
	size_t np = people_sorted(ps, &v);
	fputs("<h2>", o);
	bi(o, "按人汇总（真实有效的证书，按姓名和身份证号后四位归并，按姓名拼音排序）",
	   "per person (authentic certificates, grouped by name and ID ending, in pinyin order of names)");
	fputs("</h2>\n<table id=\"people\"><thead><tr><th>", o);
	bi(o, "姓名", "name");
	fputs("</th><th>", o);
	bi(o, "身份证后四位", "ID ends");
	fputs("</th><th>", o);
	bi(o, "年度（每年一行）", "years (one line each)");
	fputs("</th></tr></thead><tbody>\n", o);
	for (size_t i = 0; i < np; i++) {
		fputs("<tr><td>", o);
		h(o, v[i].name);
		fputs("</td><td>", o);
		h(o, v[i].id_hint);
		fputs("</td><td>", o);
		for (unsigned j = 0; j < v[i].ny; j++) {
			const pyear *y = &v[i].y[j];
			char zh[300], en[300], cz[200], ce[200];
			hours_words(y->hours, true, cz, sizeof cz);
			hours_words(y->hours, false, ce, sizeof ce);
			snprintf(zh, sizeof zh, "%u 年度：%s，合计 %u 学时", y->year, cz, y->total);
			snprintf(en, sizeof en, "%u: %s, %u hours in total", y->year, ce, y->total);
			fprintf(o, "<div class=\"year c-%s\" data-year=\"%u\" title=\"", hours_class(y->hours), y->year);
			for (unsigned k = 0; k < y->nfiles; k++) {
				if (k) fputs("&#10;", o);
				h(o, people_path(ps, y->files[k]));
			}
			fputs("\">", o);
			bi(o, zh, en);
			if (y->nfiles + y->more_files > 1) {
				snprintf(zh, sizeof zh, "（见于 %u 个文件）", y->nfiles + y->more_files);
				snprintf(en, sizeof en, " (in %u files)", y->nfiles + y->more_files);
				bi(o, zh, en);
			}
			fputs("</div>", o);
		}
		fputs("</td></tr>\n", o);
	}
	fputs("</tbody></table>\n", o);
}

static void count_row(FILE *o, const hrow *w, uint64_t *row, unsigned long cnt[ROW_COUNT_], unsigned long *nshort)
{
	cnt[w->k]++;
	if (w->k == ROW_AUTHENTIC && hours_of(w->c).cls == HOURS_SHORT) (*nshort)++;
	html_row(o, w, (*row)++);
}

void report_html_file(FILE *o, const bfile *f, uint64_t *row, unsigned long cnt[ROW_COUNT_], unsigned long *nshort)
{
	if (f->error[0]) {
		hrow w = {.f = f, .k = ROW_UNREADABLE, .gap = f->skipped ? f->error : NULL};
		count_row(o, &w, row, cnt, nshort);
		return;
	}
	for (unsigned p = 0; p < f->npages; p++) {
		const bpage *pg = &f->pages[p];
		if (!pg->pg.ncodes) count_row(o, &(hrow){.f = f, .p = pg, .k = ROW_NO_CODE}, row, cnt, nshort);
		for (unsigned j = 0; j < pg->pg.ncodes; j++)
			if (!pg->codes[j].copy)
				count_row(o, &(hrow){.f = f, .p = pg, .c = &pg->codes[j], .ci = j, .k = code_class(&pg->codes[j])},
				          row, cnt, nshort);
	}
	if (f->limit[0])
		count_row(o, &(hrow){.f = f, .k = ROW_UNREADABLE, .gap = f->limit, .from = f->limit_from, .pages = f->limit_pages},
		          row, cnt, nshort);
}

/* The first row of a certificate found again: the other places and their
 * count at the marker in its file cell. */
static void html_also(FILE *o, char *line, size_t len, const ccert *c, void *ctx)
{
	char *const *paths = ctx;
	char *m = memmem(line, len, OCC_MARK, strlen(OCC_MARK));
	size_t at = m ? (size_t)(m - line) : len;
	fwrite(line, 1, at, o);
	if (!m) return;
	for (uint32_t i = 0; i < c->nalso; i++) {
		fputs("<br>", o);
		h(o, paths[c->also[i].file]);
		if (c->also[i].npages > 1) fprintf(o, " <span class=\"pg\">p.%u/%u</span>", c->also[i].page, c->also[i].npages);
	}
	char zh[80], en[80];
	snprintf(zh, sizeof zh, "同一证书见于 %u 个文件", c->nalso + 1);
	snprintf(en, sizeof en, "the same certificate in %u files", c->nalso + 1);
	fputs("<br><small class=\"copies\">", o);
	bi(o, zh, en);
	fputs("</small>", o);
	at += strlen(OCC_MARK);
	fwrite(line + at, 1, len - at, o);
}

int report_html_finish(FILE *o, FILE *rows, const unsigned long cnt[ROW_COUNT_], unsigned long nshort, size_t n,
                       const cq_trust *t, people *ps, const copies *cs, char *const *paths)
{
	/* the report's time and the bundle's age: shown, never used to judge */
	time_t now = time(NULL);
	struct tm tm;
	char made[32] = "?", day[11];
	long age = -1;
	if (localtime_r(&now, &tm)) {
		strftime(made, sizeof made, "%Y-%m-%d %H:%M", &tm);
		cq_date today = {(uint16_t)(tm.tm_year + 1900), (uint8_t)(tm.tm_mon + 1), (uint8_t)tm.tm_mday};
		age = (long)cq_date_to_days(today) - (long)cq_date_to_days(cq_trust_date(t));
	}
	cq_date_format(cq_trust_date(t), day);
	fprintf(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
	           "<title>继续教育证书核验报告 certificate check report</title><style>%s</style></head><body data-lang=\"zh\">\n", CSS);
	fputs("<h1>", o);
	bi(o, "继续教育证书核验报告", "Continuing-education certificate check report");
	fputs("</h1>\n<p class=\"meta\" id=\"meta\">", o);
	char zh[400], en[400];
	snprintf(zh, sizeof zh, "报告生成于 %s · 共 %zu 个文件 · 信任库第 %u 版（%s，已发布 %ld 天）", made, n,
	         cq_trust_version(t), day, age);
	snprintf(en, sizeof en, "made %s · %zu files · trust bundle version %u of %s (%ld days old)", made, n,
	         cq_trust_version(t), day, age);
	bi(o, zh, en);
	fputs("</p>\n<p class=\"bar\"><button id=\"lang\" type=\"button\">English</button>", o);
	for (size_t i = 0; i < sizeof SORTS / sizeof *SORTS; i++) {
		fprintf(o, "<button type=\"button\" data-sort=\"%s\">", SORTS[i].sort);
		bi(o, SORTS[i].zh, SORTS[i].en);
		fputs("</button>", o);
	}
	fputs(" ", o);
	bi(o, "点击页面图查看原尺寸，点击表头排序", "click a page to see it full size, a heading to sort");
	fputs("</p>\n<p class=\"sum\" id=\"sum\">", o);
	for (int k = 0; k < ROW_COUNT_; k++) {
		fprintf(o, "<span class=\"c v-%s%s\" data-count=\"%lu\"><span class=\"badge\">", CLASS_NAME[k],
		        cnt[k] ? "" : " zero", cnt[k]);
		char a[80], b[80];
		snprintf(a, sizeof a, "%s %lu", CLASS_ZH[k], cnt[k]);
		snprintf(b, sizeof b, "%s %lu", CLASS_EN[k], cnt[k]);
		bi(o, a, b);
		fputs("</span></span>", o);
		if (k == ROW_AUTHENTIC) {
			fprintf(o, "<span class=\"c short%s\" data-count=\"%lu\"><span class=\"badge\">", nshort ? "" : " zero", nshort);
			snprintf(a, sizeof a, "其中学时未达标 %lu", nshort);
			snprintf(b, sizeof b, "of which hours short %lu", nshort);
			bi(o, a, b);
			fputs("</span></span>", o);
		}
	}
	fputs("</p>\n<table id=\"rows\"><thead><tr>", o);
	static const char *const HEAD[][2] = {
		{"页面", "page"}, {"文件", "file"}, {"结论", "verdict"}, {"姓名", "name"}, {"证书管理号", "number"},
		{"年度", "year"}, {"总学时", "total hours"}, {"学时要求", "hours required"}, {"发证机关", "issuer"},
		{"说明", "details"},
	};
	for (size_t i = 0; i < sizeof HEAD / sizeof *HEAD; i++) {
		fputs("<th>", o);
		bi(o, HEAD[i][0], HEAD[i][1]);
		fputs("</th>", o);
	}
	fputs("</tr></thead><tbody>\n", o);
	if (copies_merge(o, rows, cs, html_also, (void *)paths)) return -1;
	fputs("</tbody></table>\n", o);
	people_table(o, ps);
	fputs("<div id=\"view\" hidden><p>", o);
	bi(o, "点击任意处或按 Esc 关闭", "click anywhere or press Esc to close");
	fprintf(o, "</p><img id=\"viewimg\" alt=\"page\"></div>\n<script>%s</script>\n</body></html>\n", JS);
	return ferror(o) ? -1 : 0;
}
