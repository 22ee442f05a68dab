/* Showing one verdict: the status large and in colour, the signed fields to
 * compare with the paper, compliance with the year's rule, the holder
 * check, and the honest note that the printed page was not checked.
 * Colours as on the kiosk: green only for an authentic certificate that
 * meets its year's rule (and is not someone else's); amber when genuine but
 * short of hours or without a rule; red for everything else. */
"use strict";
window.CQ = window.CQ || {};

CQ.colourOf = function (v) {
	if (v.status !== "authentic") return "red";
	if (v.holder === "mismatch") return "red";
	if (v.compliance && v.compliance.met === true) return "green";
	return "amber";
};

function el(tag, cls, text) {
	const e = document.createElement(tag);
	if (cls) e.className = cls;
	if (text !== undefined) e.textContent = text;
	return e;
}

function row(table, label, value) {
	const tr = el("tr");
	tr.append(el("th", "", label), el("td", "", value));
	table.append(tr);
}

function hoursRule(c) {
	const r = c.rule, req = c.required;
	const t = CQ.t;
	let s = t(r.to === null ? "ruleFrom" : "ruleYears", { from: r.from, to: r.to, region: r.region }) + ": " +
		t("sPublic") + " " + req.public + ", " + t("sProf") + " " + req.professional + ", " + t("sTotal") + " " + req.total;
	if (req.compulsory !== undefined) s += ", " + t("sComp") + " " + req.compulsory;
	return s;
}

function complianceText(c) {
	const t = CQ.t;
	if (!c || c.met === null) return t("noRule");
	if (c.aid_credit) return t("aid");
	if (c.met) return t("met") + " (" + t("required") + " " + hoursRule(c) + ")";
	const gaps = [];
	for (const [k, w] of [["public", "sPublic"], ["professional", "sProf"], ["total", "sTotal"], ["compulsory", "sComp"]])
		if (c.shortfall[k]) gaps.push(t(w) + " " + c.shortfall[k]);
	return t("notMet") + " (" + t("required") + " " + hoursRule(c) + "); " + t("shortBy") + " " + gaps.join(", ");
}

/* Renders verdict `v` (parsed JSON) into a new card element. */
CQ.renderVerdict = function (v, names) {
	const t = CQ.t, zh = CQ.lang !== "en";
	const colour = CQ.colourOf(v);
	const card = el("section", "verdict " + colour);
	card.dataset.status = v.status;
	card.dataset.colour = colour;
	const st = names.status[v.status];
	const head = el("div", "verdict-head");
	head.append(el("div", "verdict-title", st ? (zh ? st.zh : st.en) : v.status));
	if (zh && st) head.append(el("div", "verdict-title-en", st.en));
	card.append(head);
	card.append(el("p", "reason", zh ? v.reason_zh : v.reason));
	if (v.holder === "mismatch") card.append(el("p", "holder-alarm", (zh ? names.holder.mismatch.zh : "ID number does not match") + "：" +
		(zh ? "这不是该持证人的证书" : "this is someone else's certificate")));
	const c = v.certificate;
	if (c) {
		card.append(el("h3", "", t("fieldsTitle")));
		const tb = el("table", "fields");
		row(tb, t("name"), c.name);
		row(tb, t("idHint"), c.id_hint);
		row(tb, t("number"), c.number);
		row(tb, t("year"), String(c.year));
		row(tb, t("revision"), String(c.revision));
		row(tb, t("hPublic"), String(c.hours.public));
		row(tb, t("hProf"), String(c.hours.professional));
		row(tb, t("hTotal"), String(c.hours.total));
		if (c.hours.compulsory !== undefined) row(tb, t("hComp"), String(c.hours.compulsory));
		if (c.reduction && c.reduction !== "none") {
			const r = names.reduction[c.reduction];
			row(tb, t("reduction"), (r ? (zh ? r.zh : r.en) : c.reduction) + ", " + t("months") + " " + c.months_at_post);
		}
		row(tb, t("issuer"), (c.issuer.bureau || "?") + " (" + c.issuer.region + ", " + t("key") + " " + c.issuer.key_id + ")");
		row(tb, t("issued"), c.issued);
		if (v.status === "authentic") row(tb, t("compliance"), complianceText(v.compliance));
		card.append(tb);
		const eye = el("div", "by-eye");
		eye.dataset.check = "not-checked";
		eye.append(el("strong", "", t("byEyeTitle")), el("p", "", t("byEye")));
		card.append(eye);
	} else if (v.key_id) {
		const tb = el("table", "fields");
		row(tb, t("claimedKey"), v.key_id);
		card.append(tb);
	}
	const h = el("p", "holder-line");
	if (v.holder) {
		const hn = names.holder[v.holder];
		h.textContent = t("holderCheck") + ": " + (hn ? (zh ? hn.zh : hn.en) : v.holder);
		h.dataset.holder = v.holder;
	} else if (c) {
		h.textContent = t("holderCheck") + ": " + t("holderNone");
	}
	if (h.textContent) card.append(h);
	const foot = el("p", "verdict-foot", t("trust") + " " + t("version", { v: v.trust.version }) + " (" + v.trust.date + ") · " +
		t("source") + ": " + v.source);
	card.append(foot);
	return card;
};
