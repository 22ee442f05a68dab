/* Printing verdicts: for people (verdict first, then every signed field
 * labelled in Chinese) and for machines (cq_verdict_json, one object a line). */
#include <stdarg.h>
#include <string.h>
#include "verify.h"

#define ZH (c->lang != LANG_EN)
#define EN (c->lang != LANG_ZH)

static void field(vctx *c, const char *zh, const char *en, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void field(vctx *c, const char *zh, const char *en, const char *fmt, ...)
{
	va_list ap;
	if (ZH && EN) fprintf(c->out, "  %s %s: ", zh, en);
	else fprintf(c->out, "  %s: ", ZH ? zh : en);
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
}

static void compliance(vctx *c, const cq_verdict *v)
{
	const cq_compliance *k = &v->compliance;
	if (!k->known) {
		field(c, "学时要求", "hours rule", "%s%s%s", ZH ? "信任包中没有该年度的学时规则" : "",
		      ZH && EN ? " / " : "", EN ? "no rule for this year and region in the trust bundle" : "");
		return;
	}
	char to[8];
	if (k->rule.to == CQ_RULE_OPEN) strcpy(to, "");
	else snprintf(to, sizeof to, "%u", k->rule.to);
	char rule[160], comp[48] = "";
	if (k->rule.compulsory)
		snprintf(comp, sizeof comp, ", %s %u", ZH ? "必修" : "compulsory", k->rule.compulsory);
	snprintf(rule, sizeof rule, "%u–%s, %s: %s %u, %s %u, %s %u%s", k->rule.from, to, k->rule.region,
	         ZH ? "公需" : "public", k->rule.pub, ZH ? "专业" : "professional", k->rule.prof, ZH ? "合计" : "total",
	         k->rule.total, comp);
	if (k->aid_credit) {
		field(c, "学时要求", "compliance", "%s%s%s (%s)", ZH ? "达标（援派工作满一年，全年学时视为完成）" : "",
		      ZH && EN ? " / " : "", EN ? "MET (a full year of aid work counts as the whole year)" : "", rule);
		return;
	}
	if (k->met) {
		field(c, "学时要求", "compliance", "%s%s%s (%s)", ZH ? "达标" : "", ZH && EN ? " / " : "", EN ? "MET" : "", rule);
	} else {
		char gaps[200] = "";
		size_t o = 0;
		struct { uint16_t s; const char *zh, *en; } g[] = {
			{k->short_pub, "公需科目", "public"}, {k->short_prof, "专业科目", "professional"},
			{k->short_total, "合计", "total"}, {k->short_comp, "必修课", "compulsory"},
		};
		for (size_t i = 0; i < 4; i++)
			if (g[i].s && o < sizeof gaps)
				o += (size_t)snprintf(gaps + o, sizeof gaps - o, "%s%s %u", o ? ", " : "", ZH ? g[i].zh : g[i].en, g[i].s);
		field(c, "学时要求", "compliance", "%s%s%s (%s); %s %s", ZH ? "未达标" : "", ZH && EN ? " / " : "",
		      EN ? "NOT MET" : "", rule, ZH ? "差" : "short by", gaps);
	}
	if (v->rec.reduction != CQ_RED_NONE && v->rec.reduction != CQ_RED_AID)
		field(c, "按在岗时间折算", "pro-rata (art. 8)", "%s %u/%u/%u", ZH ? "要求 公需/专业/合计" : "required public/professional/total",
		      k->req_pub, k->req_prof, k->req_total);
}

void print_human(vctx *c, const char *source, const cq_verdict *v, cq_holder h)
{
	FILE *o = c->out;
	char day[11], kid[17];
	cq_fputs_escaped(source, o);
	fputs(": ", o);
	if (ZH && EN) fprintf(o, "%s %s\n", cq_status_title_zh(v->status), cq_status_title(v->status));
	else fprintf(o, "%s\n", ZH ? cq_status_title_zh(v->status) : cq_status_title(v->status));
	if (ZH) fprintf(o, "  %s\n", v->reason_zh);
	if (EN) fprintf(o, "  %s\n", v->reason);
	if (v->signed_ok) {
		const cq_record *r = &v->rec;
		field(c, "姓名", "name", "%s", r->name);
		field(c, "身份证号后四位", "ID number ends", "%s", r->id_hint);
		field(c, "证书管理号", "certificate number", "%s", r->number);
		field(c, "年度", "year", "%u", r->year);
		field(c, "版次", "revision", "%u", r->revision);
		field(c, "公需科目学时", "public hours", "%u", r->hours_public);
		field(c, "专业科目学时", "professional hours", "%u", r->hours_professional);
		field(c, "合计学时", "total hours", "%u", cq_record_total(r));
		if (r->has_compulsory) field(c, "必修课学时", "compulsory hours", "%u", r->hours_compulsory);
		if (r->reduction != CQ_RED_NONE)
			field(c, "学时折算原因", "reduction", "%s%s%s, %s %u", ZH ? cq_reduction_name_zh(r->reduction) : "",
			      ZH && EN ? " / " : "", EN ? cq_reduction_name(r->reduction) : "", ZH ? "在岗月数" : "months at post",
			      r->months_at_post);
		cq_key_id_hex(v->key_id, kid);
		field(c, "签发机关", "issuer", "%s (%06u, %s %s)", v->have_issuer ? v->issuer.bureau : "?",
		      (unsigned)r->issuer_region, ZH ? "密钥" : "key", kid);
		cq_date_format(r->issued, day);
		field(c, "签发日期", "issued", "%s", day);
		if (v->status == CQ_ST_AUTHENTIC) compliance(c, v);
	} else if (v->decoded) {
		cq_key_id_hex(v->key_id, kid);
		field(c, "声称的签名密钥", "claimed key", "%s %s", kid,
		      ZH ? "（未经验证，不显示证书内容）" : "(not verified: certificate fields not shown)");
	}
	if (h != CQ_HOLDER_NOT_CHECKED)
		field(c, "持证人核对", "holder", "%s%s%s", ZH ? cq_holder_name_zh(h) : "", ZH && EN ? " / " : "",
		      EN ? cq_holder_name(h) : "");
	cq_date_format(v->trust_date, day);
	field(c, "信任包", "trust bundle", "%s %u (%s)", ZH ? "版本" : "version", (unsigned)v->trust_version, day);
	fputc('\n', o);
}

void print_json(vctx *c, const char *source, const cq_verdict *v, cq_holder h)
{
	char buf[CQ_VERDICT_JSON_MAX];
	if (cq_verdict_json(v, source, h, buf, sizeof buf) < 0) {
		cq_warn("%s: verdict too large for JSON output", source);
		return;
	}
	fprintf(c->out, "%s\n", buf);
}

void print_unreadable(vctx *c, const char *source, const char *why)
{
	cq_warn("%s: cannot check: %s", source, why);
	if (c->json) {
		char s[300], w[600];
		if (cq_json_string(source, s, sizeof s) < 0) strcpy(s, "\"?\"");
		if (cq_json_string(why, w, sizeof w) < 0) strcpy(w, "\"?\"");
		fprintf(c->out, "{\"source\":%s,\"status\":\"unreadable\",\"reason\":%s}\n", s, w);
	} else {
		cq_fputs_escaped(source, c->out);
		fprintf(c->out, ": %s%s%s\n  ", ZH ? "无法检查" : "", ZH && EN ? " " : "", EN ? "CANNOT CHECK" : "");
		cq_fputs_escaped(why, c->out);
		fputs("\n\n", c->out);
	}
}
