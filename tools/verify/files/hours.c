/* What the reports say of an authentic certificate's hours: met, short by
 * N per category, or no rule for the year; in its own column and in the
 * badge's colour, never at the end of the details. */
#include <stdio.h>
#include <string.h>
#include "hours.h"
#include "row.h"

hours_note hours_of(const fcode *c)
{
	hours_note h = {HOURS_NONE, 0, 0, 0, 0};
	if (!c || !c->v.signed_ok || c->v.status != CQ_ST_AUTHENTIC || !c->v.have_compliance) return h;
	const cq_compliance *m = &c->v.compliance;
	h.cls = !m->known ? HOURS_NO_RULE : m->met ? HOURS_MET : HOURS_SHORT;
	if (h.cls == HOURS_SHORT) {
		h.pub = m->short_pub;
		h.prof = m->short_prof;
		h.comp = m->short_comp;
		h.total = m->short_total;
	}
	return h;
}

const char *hours_class(hours_note h)
{
	return h.cls == HOURS_NO_RULE ? "no-rule" : h.cls == HOURS_MET ? "met" : h.cls == HOURS_SHORT ? "short" : "";
}

const char *hours_json(hours_note h)
{
	return h.cls == HOURS_NO_RULE ? "no_rule" : h.cls == HOURS_MET ? "met" : h.cls == HOURS_SHORT ? "not_met" : "";
}

void hours_words(hours_note h, bool zh, char *out, size_t cap)
{
	out[0] = 0;
	if (h.cls == HOURS_NONE) return;
	if (h.cls != HOURS_SHORT) {
		snprintf(out, cap, "%s", h.cls == HOURS_MET ? (zh ? "达标" : "met") : (zh ? "无学时规定" : "no rule for the year"));
		return;
	}
	struct { unsigned v; const char *zh, *en; } s[] = {
		{h.pub, "公需", "public"}, {h.prof, "专业", "professional"}, {h.comp, "必修", "compulsory"}, {h.total, "合计", "total"},
	};
	size_t o = (size_t)snprintf(out, cap, "%s", zh ? "未达标：差" : "short by");
	bool first = true;
	for (size_t i = 0; i < sizeof s / sizeof *s && o < cap; i++) {
		if (!s[i].v) continue;
		if (zh) o += (size_t)snprintf(out + o, cap - o, "%s%s %u", first ? " " : "、", s[i].zh, s[i].v);
		else o += (size_t)snprintf(out + o, cap - o, "%s%u %s", first ? " " : ", ", s[i].v, s[i].en);
		first = false;
	}
	if (o < cap) snprintf(out + o, cap - o, "%s", zh ? " 学时" : " hours");
}
