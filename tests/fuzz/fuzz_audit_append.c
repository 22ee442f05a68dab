/* The kiosk's audit log append path (firmware/kiosk/auditlog.c over
 * certqr/audit.h): whatever an earlier run, a power cut, a full card or
 * someone with write access left in audit.log, the kiosk opens it
 * (audit_open), appends records (audit_add) and closes it. Input: the
 * existing audit.log, then optionally a NUL byte and records to append,
 * one a line, "TYPE FIELDS" (invalid ones are refused and counted as
 * unrecorded). The files live in a fresh directory under $TMPDIR (tmpfs
 * in /dev/shm when it is there). Invariants:
 *  - audit_open never fails on content (only on I/O);
 *  - every record audit_add reported written is in the final log, with the
 *    same type and fields, signed by the device key;
 *  - the final log verifies "ok" or "incomplete" when audit_open reported
 *    no problem or set the log aside, and the records it reports lost (plus
 *    those still pending in LOG.unrecorded) are exactly the refused ones;
 *    when audit_open reported a problem and went on, the final log never
 *    verifies "ok": the break stays visible. */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include "fuzz.h"
#include "kiosk.h"

static fz_devkey dk;
static char base[256];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	fz_devkey_init(&dk);
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(base, sizeof base, "%s/certqr-fuzz-audit.XXXXXX", tmp);
	FZ_CHECK(mkdtemp(base) != NULL);
	return 0;
}

static void clear_dir(void)
{
	DIR *d = opendir(base);
	FZ_CHECK(d != NULL);
	struct dirent *e;
	char p[600];
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') { snprintf(p, sizeof p, "%s/%s", base, e->d_name); unlink(p); }
	closedir(d);
}

typedef struct want { char type[CQ_AUDIT_TYPE_MAX + 1]; char fields[CQ_AUDIT_LINE_MAX]; } want;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clear_dir();
	const uint8_t *nul = memchr(data, '\0', size);
	size_t logn = nul ? (size_t)(nul - data) : size;
	char path[600];
	snprintf(path, sizeof path, "%s/audit.log", base);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	FZ_CHECK(fd >= 0 && write(fd, data, logn) == (ssize_t)logn);
	close(fd);

	/* losses the existing log already reports, when it checks out */
	uint64_t orig_lost = 0;
	{
		cq_audit_verifier o;
		cq_audit_verifier_init(&o, NULL, dk.pk, true);
		const char *p = (const char *)data, *end = p + logn;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl) break;
			cq_audit_verifier_line(&o, p, (size_t)(nl - p), NULL);
			p = nl + 1;
		}
		char m[600];
		cq_audit_status os = cq_audit_verifier_finish(&o, m, sizeof m);
		if (os == CQ_AUDIT_UNANCHORED || os == CQ_AUDIT_INCOMPLETE || os == CQ_AUDIT_FAILED_BEFORE) orig_lost = o.lost_records;
	}
	char problem[256], why[256];
	const int64_t now = 1795253412;
	kiosk_audit *a = audit_open(path, now, &dk.s, dk.pk, problem, why);
	FZ_CHECK(a != NULL);
	bool set_aside = strstr(problem, "set aside") != NULL;
	bool went_on = problem[0] && !set_aside && !strstr(problem, "anchor is missing");
	/* the records to append */
	static want w[64];
	size_t nw = 0;
	uint64_t refused = 0;
	char *recs = nul ? fz_strdup(nul + 1, size - logn - 1) : fz_strdup((const uint8_t *)"", 0);
	for (char *line = recs, *next; line && *line && nw < 64; line = next) {
		next = strchr(line, '\n');
		if (next) *next++ = '\0';
		char *sp = strchr(line, ' ');
		const char *type = line, *fields = "";
		if (sp) { *sp = '\0'; fields = sp + 1; }
		int rc = audit_add(a, now + 1 + (int64_t)nw, type, fields, why);
		if (rc < 0) refused++;
		else {
			snprintf(w[nw].type, sizeof w[nw].type, "%s", type);
			snprintf(w[nw].fields, sizeof w[nw].fields, "%s", fields);
			nw++;
		}
	}
	free(recs);
	uint64_t pending = audit_unrecorded(a);
	FZ_CHECK(pending <= refused);
	audit_close(a);

	/* The log as the kiosk left it, fully checked. */
	FILE *f = fopen(path, "r");
	FZ_CHECK(f != NULL);
	char anchor_text[CQ_AUDIT_ANCHOR_MAX + 2];
	char ap[620];
	snprintf(ap, sizeof ap, "%s.anchor", path);
	FILE *af = fopen(ap, "r");
	cq_audit_anchor an, *anp = NULL;
	cq_err e;
	if (af) {
		size_t k = fread(anchor_text, 1, sizeof anchor_text - 1, af);
		fclose(af);
		if (cq_audit_anchor_parse(anchor_text, k, &an, &e) == 0) anp = &an;
	}
	cq_audit_verifier v;
	cq_audit_verifier_init(&v, anp, dk.pk, true);
	char line[CQ_AUDIT_LINE_MAX + 4];
	cq_audit_entry en;
	size_t found = 0;
	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		if (!n || line[n - 1] != '\n') { cq_audit_verifier_torn(&v, n); break; }
		line[--n] = '\0';
		if (cq_audit_verifier_line(&v, line, n, &en)) continue;
		/* the appended records, in order, after whatever the kiosk added */
		if (found < nw && !strcmp(en.type, w[found].type)) {
			char fl[CQ_AUDIT_LINE_MAX] = "";
			size_t o = 0;
			for (size_t i = 0; i < en.nfields; i++)
				o += (size_t)snprintf(fl + o, sizeof fl - o, "%s%s=%s", i ? " " : "", en.f[i].key, en.f[i].value);
			if (!strcmp(fl, w[found].fields)) found++;
		}
	}
	fclose(f);
	char msg[600];
	cq_audit_status st = cq_audit_verifier_finish(&v, msg, sizeof msg);
	if (!went_on) {
		FZ_CHECK(st == CQ_AUDIT_OK || st == CQ_AUDIT_INCOMPLETE || st == CQ_AUDIT_FAILED_BEFORE);
		FZ_CHECK(found == nw);
		/* every refused record is reported lost: in a records_lost record, or
		 * still pending in LOG.unrecorded (audit verify reads that too) */
		FZ_CHECK(v.lost_records + pending == (set_aside ? 0 : orig_lost) + refused);
		if (refused > pending) FZ_CHECK(st != CQ_AUDIT_OK);
	} else {
		FZ_CHECK(st != CQ_AUDIT_OK);
	}
	return 0;
}
