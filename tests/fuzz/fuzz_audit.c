/* The audit log reader: the anchor (cq_audit_anchor_parse) and the
 * streaming verifier over the log's lines (cq_audit_verifier_*, which runs
 * cq_audit_check_line on each), with the device key of the seeds
 * (fz_devkey, TEST-ONLY). Input: an optional first line that is the anchor
 * ("certqr-audit-anchor ..."), then the log text; a last line without '\n'
 * is a torn write. Each input is checked as given, and again with every
 * line re-sealed (hash and signature recomputed with the device key), so
 * that mutations reach the parser behind the signature check.
 * Invariants: the verifier ends in one of its statuses with a message;
 * every line it accepts re-formats, through cq_audit_header /
 * cq_audit_append with the same key, to exactly the bytes that were read
 * (so the chain a reader accepts is the chain a writer produces); an anchor
 * that parses formats back to itself; on re-sealed input, the kiosk's fast
 * check (signatures only after a signed anchor) and the full check agree;
 * nothing the harness did not sign is ever "ok". */
#include "fuzz.h"
#include "certqr/audit.h"

static fz_devkey dk;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	fz_devkey_init(&dk);
	return 0;
}

/* Re-creates one accepted line from its parsed entry and the chain before it. */
static void reformat(cq_audit_chain *w, const cq_audit_entry *en, const char *line, size_t n)
{
	char out[CQ_AUDIT_LINE_MAX + 8], fields[CQ_AUDIT_LINE_MAX + 1] = "";
	cq_err e;
	if (en->seq == 0) {
		uint8_t id[CQ_AUDIT_LOGID_BYTES];
		const char *lid = cq_audit_field(en, "log");
		FZ_CHECK(lid && strlen(lid) == 2 * CQ_AUDIT_LOGID_BYTES);
		for (size_t i = 0; i < CQ_AUDIT_LOGID_BYTES; i++) {
			unsigned v;
			FZ_CHECK(sscanf(lid + 2 * i, "%2x", &v) == 1);
			id[i] = (uint8_t)v;
		}
		FZ_CHECK(cq_audit_header(id, en->time, &dk.s, w, out, sizeof out, &e) == 0);
	} else {
		size_t o = 0;
		for (size_t i = 0; i < en->nfields; i++)
			o += (size_t)snprintf(fields + o, sizeof fields - o, "%s%s=%s", i ? " " : "", en->f[i].key, en->f[i].value);
		FZ_CHECK(w->count + 1 == en->seq);
		FZ_CHECK(cq_audit_append(w, &dk.s, en->time, en->type, fields, out, sizeof out, &e) == 0);
	}
	FZ_CHECK(strlen(out) == n + 1 && memcmp(out, line, n) == 0 && out[n] == '\n');
}

static cq_audit_status run(const char *p, const char *end, const cq_audit_anchor *ap, bool every, bool check_format)
{
	cq_audit_verifier v;
	cq_audit_chain w;
	memset(&w, 0, sizeof w);
	cq_audit_verifier_init(&v, ap, dk.pk, every);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			cq_audit_verifier_torn(&v, (size_t)(end - p));
			break;
		}
		cq_audit_entry en;
		size_t n = (size_t)(nl - p);
		if (cq_audit_verifier_line(&v, p, n, &en) == 0) {
			if (check_format) reformat(&w, &en, p, n);
		} else if (v.status != CQ_AUDIT_REWRITTEN && v.status != CQ_AUDIT_FOREIGN) break;
		else if (check_format) reformat(&w, &en, p, n); /* the line itself was well-formed */
		p = nl + 1;
		if (v.status != CQ_AUDIT_OK) break;
	}
	char msg[600];
	cq_audit_status st = cq_audit_verifier_finish(&v, msg, sizeof msg);
	FZ_CHECK(st <= CQ_AUDIT_FAILED_BEFORE && msg[0]);
	FZ_CHECK(strcmp(cq_audit_status_name(st), "unknown") != 0);
	if (st == CQ_AUDIT_OK) FZ_CHECK(ap && v.c.count >= ap->c.count);
	if (st == CQ_AUDIT_UNANCHORED) FZ_CHECK(!ap);
	return st;
}

/* Every line's hash and signature recomputed: the text before " h=" (the
 * whole line if there is none) sealed onto the chain of the lines before. */
static size_t reseal(const char *in, size_t n, char *out, size_t cap)
{
	uint8_t prev[CQ_AUDIT_HASH_BYTES] = {0};
	size_t o = 0;
	const char *p = in, *end = in + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *h = NULL;
		for (size_t i = 0; i + 3 <= len; i++)
			if (!memcmp(p + i, " h=", 3)) { h = p + i; break; }
		size_t body = h ? (size_t)(h - p) : len;
		char line[CQ_AUDIT_LINE_MAX + 8];
		cq_err e;
		if (!nl || body > CQ_AUDIT_LINE_MAX) { /* torn tail or too long: as it is */
			size_t k = len + (nl ? 1 : 0);
			if (o + k > cap) k = cap - o;
			memcpy(out + o, p, k);
			o += k;
		} else {
			memcpy(line, p, body);
			if (cq_audit_seal(prev, &dk.s, line, body, sizeof line, prev, &e) == 0) {
				size_t k = strlen(line);
				memcpy(out + o, line, k);
				o += k;
			} else {
				memcpy(out + o, p, len + 1);
				o += len + 1;
			}
		}
		if (!nl) break;
		p = nl + 1;
	}
	return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_strdup(data, size);
	const char *p = text, *end = text + size;
	cq_audit_anchor anchor, *ap = NULL;
	cq_err e;
	if (size >= 20 && memcmp(text, "certqr-audit-anchor ", 20) == 0) {
		const char *nl = memchr(p, '\n', size);
		size_t al = nl ? (size_t)(nl - p) + 1 : size;
		if (cq_audit_anchor_parse(p, al, &anchor, &e) == 0) {
			char back[CQ_AUDIT_ANCHOR_MAX + 1];
			int bn = cq_audit_anchor_format(&anchor, back, sizeof back);
			FZ_CHECK(bn > 0);
			ap = &anchor;
			/* The canonical form parses to the same anchor. */
			cq_audit_anchor again;
			FZ_CHECK(cq_audit_anchor_parse(back, (size_t)bn, &again, &e) == 0);
			FZ_CHECK(memcmp(&again, &anchor, sizeof again) == 0);
		}
		p += al;
	}
	run(p, end, ap, true, true);
	run(p, end, ap, false, false);
	/* Re-sealed: signed throughout, so fast and full checks must agree. */
	size_t lines = 1;
	for (const char *q = p; q < end; q++) lines += *q == '\n';
	size_t cap = (size_t)(end - p) + lines * (CQ_AUDIT_LINE_MAX + 8) + 16;   /* every line may grow by its seal */
	char *sealed = malloc(cap);
	FZ_CHECK(sealed != NULL);
	size_t sn = reseal(p, (size_t)(end - p), sealed, cap);
	cq_audit_anchor sa, *sap = NULL;
	if (ap) {   /* the anchor re-signed too, when its counts are plausible */
		if (cq_audit_anchor_make(&anchor.c, &dk.s, &sa, &e) == 0) sap = &sa;
	}
	cq_audit_status full = run(sealed, sealed + sn, sap, true, true);
	cq_audit_status fast = run(sealed, sealed + sn, sap, false, false);
	FZ_CHECK(full == fast);
	free(sealed);
	free(text);
	return 0;
}
