/* The employer's question: for one person (the ID binding), which years in a
 * range are covered by an authentic certificate, which met the hours rule,
 * which are missing. Only authentic certificates whose binding matches the
 * given ID count; for a year with several revisions the highest counts. */
#include <string.h>
#include "verify.h"

void summary_add(vctx *c, const char *source, const cq_verdict *v, cq_holder h)
{
	if (v->status != CQ_ST_AUTHENTIC || h != CQ_HOLDER_MATCH) return;
	unsigned y = v->rec.year;
	if (y < c->year_from || y > c->year_to) return;
	vsummary_year *s = &c->years[y - CQ_YEAR_MIN];
	if (s->have && s->v.rec.revision >= v->rec.revision) return;
	s->have = true;
	s->known = v->compliance.known;
	s->met = v->compliance.known && v->compliance.met;
	s->v = *v;
	snprintf(s->source, sizeof s->source, "%s", source);
}

static void list(FILE *o, const char *label, vctx *c, int want)
{
	/* want: 0 missing, 1 met, 2 not met (or no rule) */
	bool any = false;
	fprintf(o, "%s", label);
	for (unsigned y = c->year_from; y <= c->year_to; y++) {
		const vsummary_year *s = &c->years[y - CQ_YEAR_MIN];
		int k = !s->have ? 0 : s->met ? 1 : 2;
		if (k == want) { fprintf(o, "%s%u", any ? ", " : " ", y); any = true; }
	}
	fprintf(o, "%s\n", any ? "" : " -");
}

static void json_years(FILE *o, vctx *c, int want)
{
	bool any = false;
	fputc('[', o);
	for (unsigned y = c->year_from; y <= c->year_to; y++) {
		const vsummary_year *s = &c->years[y - CQ_YEAR_MIN];
		int k = !s->have ? 0 : s->met ? 1 : 2;
		if (k == want) { fprintf(o, "%s%u", any ? "," : "", y); any = true; }
	}
	fputc(']', o);
}

bool summary_print(vctx *c)
{
	FILE *o = c->out;
	bool all = true;
	const char *hint = c->holder_id + strlen(c->holder_id) - 4;
	for (unsigned y = c->year_from; y <= c->year_to; y++)
		if (!c->years[y - CQ_YEAR_MIN].met) all = false;
	if (c->json) {
		fprintf(o, "{\"summary\":{\"id_hint\":\"%.4s\",\"from\":%u,\"to\":%u,\"years\":[", hint, c->year_from, c->year_to);
		for (unsigned y = c->year_from; y <= c->year_to; y++) {
			const vsummary_year *s = &c->years[y - CQ_YEAR_MIN];
			char src[300];
			fprintf(o, "%s{\"year\":%u,\"status\":\"%s\"", y > c->year_from ? "," : "", y,
			        !s->have ? "missing" : s->met ? "met" : s->known ? "not_met" : "no_rule");
			if (s->have) {
				if (cq_json_string(s->source, src, sizeof src) < 0) strcpy(src, "\"?\"");
				fprintf(o, ",\"number\":\"%s\",\"revision\":%u,\"source\":%s", s->v.rec.number, s->v.rec.revision, src);
				if (s->known && !s->met)
					fprintf(o, ",\"shortfall\":{\"public\":%u,\"professional\":%u,\"total\":%u,\"compulsory\":%u}",
					        s->v.compliance.short_pub, s->v.compliance.short_prof, s->v.compliance.short_total,
					        s->v.compliance.short_comp);
			}
			fputc('}', o);
		}
		fprintf(o, "],\"covered\":");
		bool any = false;
		fputc('[', o);
		for (unsigned y = c->year_from; y <= c->year_to; y++)
			if (c->years[y - CQ_YEAR_MIN].have) { fprintf(o, "%s%u", any ? "," : "", y); any = true; }
		fprintf(o, "],\"met\":");
		json_years(o, c, 1);
		fprintf(o, ",\"not_met\":");
		json_years(o, c, 2);
		fprintf(o, ",\"missing\":");
		json_years(o, c, 0);
		fprintf(o, ",\"all_met\":%s,\"other_holder\":%lu,\"not_authentic\":%lu}}\n", all ? "true" : "false",
		        c->other_holder, c->not_authentic);
		return all;
	}
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	fprintf(o, "%s%s%s (ID …%.4s), %u–%u:\n", zh ? "持证人年度汇总" : "", zh && en ? " " : "", en ? "Holder summary" : "",
	        hint, c->year_from, c->year_to);
	for (unsigned y = c->year_from; y <= c->year_to; y++) {
		const vsummary_year *s = &c->years[y - CQ_YEAR_MIN];
		const char *zs = !s->have ? "缺少" : s->met ? "达标" : s->known ? "未达标" : "无规则";
		const char *es = !s->have ? "missing" : s->met ? "met" : s->known ? "not met" : "no rule";
		fprintf(o, "  %u  %s%s%s", y, zh ? zs : "", zh && en ? " " : "", en ? es : "");
		if (s->have) {
			if (zh) fprintf(o, "  %s 第%u版  (", s->v.rec.number, s->v.rec.revision);
			else fprintf(o, "  %s rev %u  (", s->v.rec.number, s->v.rec.revision);
			cq_fputs_escaped(s->source, o);
			fputc(')', o);
		}
		if (s->have && s->known && !s->met)
			fprintf(o, "  %s %u/%u/%u", zh ? "差 公需/专业/合计" : "short public/professional/total",
			        s->v.compliance.short_pub, s->v.compliance.short_prof, s->v.compliance.short_total);
		fputc('\n', o);
	}
	list(o, zh ? (en ? "  达标 met:" : "  达标:") : "  met:", c, 1);
	list(o, zh ? (en ? "  未达标 not met:" : "  未达标:") : "  not met:", c, 2);
	list(o, zh ? (en ? "  缺少 missing:" : "  缺少:") : "  missing:", c, 0);
	if (c->other_holder)
		fprintf(o, "  %s%s%s: %lu\n", zh ? "他人证书（不计入）" : "", zh && en ? " " : "",
		        en ? "certificates of another person (not counted)" : "", c->other_holder);
	return all;
}
