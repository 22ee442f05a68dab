/* A code's row as every output words it (row.h): its class, its status
 * name, the page-level warnings and the differing fields. */
#include <stdio.h>
#include <string.h>
#include "certqr/fields.h"
#include "row.h"

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

void code_flags_lang(const fcode *c, int lang, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = 0;
	bool zh = lang != FLAGS_EN, en = lang != FLAGS_ZH;
	const char *sp = zh && en ? " " : "";
#define FLAG(z, ...) do { if (o < cap) o += (size_t)snprintf(out + o, cap - o, "%s%s%s", o ? "; " : "", zh ? z : "", sp); \
	if (en && o < cap) o += (size_t)snprintf(out + o, cap - o, __VA_ARGS__); } while (0)
	if (c->page_certs > 1) FLAG("一页多证", "this page holds %u certificates", c->page_certs);
	if (c->conflict) FLAG("同号冲突", "another code on this page claims certificate number %s", c->v.rec.number);
	if (c->holder == CQ_HOLDER_MISMATCH) FLAG("持证人不符", "the certificate belongs to another holder (--holder-id)");
	if (c->print_differs) FLAG("打印效果与屏幕显示不同", "the page prints differently from how it shows");
	if (c->page_check == CQ_PAGE_UNREADABLE) {
		FLAG(en ? "页面无法判读" : "页面无法判读：", "page not judged: ");
		if (o < cap)
			snprintf(out + o, cap - o, "%s%s%s", zh ? c->page_reason_zh : "", zh && en ? " / " : "", en ? c->page_reason : "");
	}
#undef FLAG
}

void code_flags(const fcode *c, char *out, size_t cap) { code_flags_lang(c, FLAGS_BOTH, out, cap); }

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
