/* The audit log reader: the anchor (cq_audit_anchor_parse) and the
 * streaming verifier over the log's lines (cq_audit_verifier_*, which runs
 * cq_audit_check_line on each). Input: an optional first line that is the
 * anchor ("certqr-audit-anchor ..."), then the log text; a last line
 * without '\n' is a torn write. Invariants: the verifier ends in one of
 * its statuses with a message; every line it accepts re-formats, through
 * cq_audit_header / cq_audit_append, to exactly the bytes that were read
 * (so the chain a reader accepts is the chain a writer produces); an
 * anchor that parses formats back to itself. */
#include "fuzz.h"
#include "certqr/audit.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

/* Re-creates one accepted line from its parsed entry and the chain before it. */
static void reformat(cq_audit_chain *w, const cq_audit_entry *en, const char *line, size_t n)
{
	char out[CQ_AUDIT_LINE_MAX + 8], fields[CQ_AUDIT_LINE_MAX + 1] = "";
	cq_err e;
	if (en->seq == 0) {
		uint8_t id[CQ_AUDIT_LOGID_BYTES];
		FZ_CHECK(en->nfields == 1 && strcmp(en->f[0].key, "log") == 0);
		for (size_t i = 0; i < CQ_AUDIT_LOGID_BYTES; i++) {
			unsigned v;
			FZ_CHECK(sscanf(en->f[0].value + 2 * i, "%2x", &v) == 1);
			id[i] = (uint8_t)v;
		}
		FZ_CHECK(cq_audit_header(id, en->time, w, out, sizeof out, &e) == 0);
	} else {
		size_t o = 0;
		for (size_t i = 0; i < en->nfields; i++)
			o += (size_t)snprintf(fields + o, sizeof fields - o, "%s%s=%s", i ? " " : "", en->f[i].key, en->f[i].value);
		FZ_CHECK(w->count + 1 == en->seq);
		FZ_CHECK(cq_audit_append(w, en->time, en->type, fields, out, sizeof out, &e) == 0);
	}
	FZ_CHECK(strlen(out) == n + 1 && memcmp(out, line, n) == 0 && out[n] == '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_strdup(data, size);
	const char *p = text, *end = text + size;
	cq_audit_chain anchor, *ap = NULL;
	cq_err e;
	if (size >= 20 && memcmp(text, "certqr-audit-anchor ", 20) == 0) {
		const char *nl = memchr(p, '\n', size);
		size_t al = nl ? (size_t)(nl - p) + 1 : size;
		if (cq_audit_anchor_parse(p, al, &anchor, &e) == 0) {
			char back[CQ_AUDIT_ANCHOR_MAX + 1];
			int bn = cq_audit_anchor_format(&anchor, back, sizeof back);
			FZ_CHECK(bn > 0);
			ap = &anchor;
			/* The canonical form parses to the same chain state. */
			cq_audit_chain again;
			FZ_CHECK(cq_audit_anchor_parse(back, (size_t)bn, &again, &e) == 0);
			FZ_CHECK(memcmp(&again, &anchor, sizeof again) == 0);
		}
		p += al;
	}
	cq_audit_verifier v;
	cq_audit_chain w;
	memset(&w, 0, sizeof w);
	cq_audit_verifier_init(&v, ap);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			cq_audit_verifier_torn(&v, (size_t)(end - p));
			break;
		}
		cq_audit_entry en;
		size_t n = (size_t)(nl - p);
		if (cq_audit_verifier_line(&v, p, n, &en) == 0) reformat(&w, &en, p, n);
		else if (v.status != CQ_AUDIT_REWRITTEN && v.status != CQ_AUDIT_FOREIGN) break;
		else reformat(&w, &en, p, n); /* the line itself was well-formed */
		p = nl + 1;
		if (v.status != CQ_AUDIT_OK) break;
	}
	char msg[512];
	cq_audit_status st = cq_audit_verifier_finish(&v, msg, sizeof msg);
	FZ_CHECK(st <= CQ_AUDIT_EMPTY && msg[0]);
	FZ_CHECK(strcmp(cq_audit_status_name(st), "unknown") != 0);
	if (st == CQ_AUDIT_OK) FZ_CHECK(ap && v.c.count >= anchor.count);
	if (st == CQ_AUDIT_UNANCHORED) FZ_CHECK(!ap);
	free(text);
	return 0;
}
