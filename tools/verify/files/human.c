/* certqr-verify files: the rows for people, and --raw (human.h). Every
 * outside string (a file name, the text of a code or a page) is escaped
 * (certqr/escape.h) before it reaches the terminal. */
#include <stdio.h>
#include "certqr/escape.h"
#include "human.h"
#include "row.h"

void source_name(const bfile *f, const bpage *p, char *out, size_t cap)
{
	if (p && p->pg.npages > 1) snprintf(out, cap, "%s (page %u)", f->path, p->pg.page);
	else snprintf(out, cap, "%s", f->path);
}

/* --raw: FILE<TAB>PAGE<TAB>STEP<TAB>TEXT, the file name and the text escaped
 * (certqr/escape.h), so neither can add a tab, a line or a terminal command. */
void raw_line(FILE *o, const bfile *f, const bpage *p, const fcode *k)
{
	cq_fputs_escaped(f->path, o);
	fprintf(o, "\t%u\t%s\t", p->pg.page, cq_scan_step_name(k->step));
	cq_fwrite_escaped(k->text, k->len, o);
	fputc('\n', o);
}

/* The signed fields, to compare with the paper. */
static void signed_line(vctx *c, const fcode *k, bool zh, bool en)
{
	fprintf(c->out, "  %s%s%s %s %u %s %u/%u\n\n", zh ? "签名内容" : "", zh && en ? " " : "", en ? "signed:" : "",
	        k->v.rec.name, k->v.rec.year, k->v.rec.number, k->v.rec.hours_public, k->v.rec.hours_professional);
}

static void human_composited(vctx *c, const char *src, const fcode *k, bool zh, bool en)
{
	cq_fputs_escaped(src, c->out);
	fprintf(c->out, ": %s%s%s\n", zh ? "合成证书" : "", zh && en ? " " : "", en ? "COMPOSITED" : "");
	if (zh) fprintf(c->out, "  二维码签名有效，但页面显示的内容与签名内容不一致：\n");
	if (en) fprintf(c->out, "  the QR code is genuinely signed, but the page shows something else:\n");
	udiff u[CQ_PAGE_DIFF_MAX + FILES_DIFF_MAX];
	unsigned nu = union_diffs(k, u, sizeof u / sizeof *u);
	for (unsigned i = 0; i < nu; i++) {
		fprintf(c->out, "  %s: %s \"", u[i].field, zh ? (en ? "签名 signed" : "签名") : "signed");
		cq_fputs_escaped(u[i].want, c->out);
		fprintf(c->out, "\", %s \"", zh ? (en ? "页面 page" : "页面") : "page");
		cq_fputs_escaped(u[i].seen, c->out);   /* the page's text: outside */
		fprintf(c->out, "\"%s\n", !u[i].from_text ? "" : zh ? (en ? " (文字层 text layer)" : " (文字层)") : " (text layer)");
	}
	signed_line(c, k, zh, en);
}

static void human_unjudged(vctx *c, const char *src, const fcode *k, bool zh, bool en)
{
	cq_fputs_escaped(src, c->out);
	fprintf(c->out, ": %s%s%s\n", zh ? "页面无法判读" : "", zh && en ? " " : "", en ? "PAGE NOT JUDGED" : "");
	if (zh) fprintf(c->out, "  二维码签名有效，但无法判读页面：%s\n  请核对原件，或提供更清晰的扫描件（150 dpi 以上）\n", k->page_reason_zh);
	if (en) fprintf(c->out, "  the QR code is genuinely signed, but the page could not be judged: %s\n"
	                        "  check the original, or ask for a clearer scan (150 dpi or more)\n", k->page_reason);
	signed_line(c, k, zh, en);
}

void human_code(vctx *c, const bfile *f, const bpage *p, const fcode *k)
{
	char src[4200], flags[600];
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	source_name(f, p, src, sizeof src);
	row_class rc = code_class(k);
	if (rc == ROW_COMPOSITED) human_composited(c, src, k, zh, en);
	else if (rc == ROW_PAGE_UNREADABLE) human_unjudged(c, src, k, zh, en);
	else {
		print_human(c, src, &k->v, k->holder);
		if (k->page_check == CQ_PAGE_MATCH)
			fprintf(c->out, "  %s%s%s\n\n", zh ? "页面核对：与签名内容一致" : "", zh && en ? " " : "",
			        en ? "page check: the page shows every signed field" : "");
	}
	code_flags(k, flags, sizeof flags);
	if (*flags) fprintf(c->out, "  ! %s\n\n", flags);
}

void human_nocode(vctx *c, const bfile *f, const bpage *p)
{
	char src[4200];
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	source_name(f, p, src, sizeof src);
	cq_fputs_escaped(src, c->out);
	fprintf(c->out, ": %s%s%s\n  %s", zh ? "未读到二维码" : "", zh && en ? " " : "", en ? "NO CODE READ" : "",
	        cq_scan_hint_text(p->pg.hint));
	if (p->pg.module_px > 0) fprintf(c->out, " (modules ~%.1f px)", p->pg.module_px);
	fprintf(c->out, "\n  %s\n\n", zh ? (en ? "不计为伪造 not counted as forged" : "不计为伪造") : "not counted as forged");
}

void human_gap(vctx *c, const bfile *f, const char *why, unsigned from, unsigned pages)
{
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	cq_fputs_escaped(f->path, c->out);
	if (from) fprintf(c->out, " (pages %u-%u)", from, pages);
	fprintf(c->out, ": %s%s%s\n  ", zh ? "未检查" : "", zh && en ? " " : "", en ? "NOT CHECKED" : "");
	cq_fputs_escaped(why, c->out);
	fputs("\n\n", c->out);
}
