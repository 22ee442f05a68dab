/* The audit log on disk (docs/kiosk.md, "Audit log"): the line format and
 * chain are certqr/audit.h; here is the file handling. Each record is one
 * write() to an O_APPEND descriptor followed by fsync, so a power cut loses
 * at most the record being written; then the anchor (count and last hash)
 * is replaced atomically beside the log. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "certqr/io.h"
#include "certqr/csvout.h"
#include "kiosk.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)

struct kiosk_audit {
	int fd;
	char path[512], anchor_path[520];
	cq_audit_chain c;
	int day_key;            /* local yyyymmdd the counter is for */
	unsigned day_checks;
};

static int local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm)) return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static int64_t parse_utc(const char *t)
{
	struct tm tm = {0};
	if (!cq_audit_time_valid(t)) return 0;
	tm.tm_year = atoi(t) - 1900;
	tm.tm_mon = atoi(t + 5) - 1;
	tm.tm_mday = atoi(t + 8);
	tm.tm_hour = atoi(t + 11);
	tm.tm_min = atoi(t + 14);
	tm.tm_sec = atoi(t + 17);
	return (int64_t)timegm(&tm);
}

static int write_anchor(kiosk_audit *a, char why[256])
{
	char text[CQ_AUDIT_ANCHOR_MAX + 1];
	int n = cq_audit_anchor_format(&a->c, text, sizeof text);
	if (n < 0) { WHY("anchor too long"); return -1; }
	return cq_write_atomic(a->anchor_path, text, (size_t)n, 0640, true, why);
}

/* Reads lines of at most CQ_AUDIT_LINE_MAX bytes; a longer line is handed
 * on cut (and fails its check). Returns the length, -1 at the end; *torn is
 * set for a final line without '\n'. */
static long read_line(FILE *f, char *buf, size_t cap, bool *torn)
{
	*torn = false;
	if (!fgets(buf, (int)cap, f)) return -1;
	size_t n = strlen(buf);
	if (n && buf[n - 1] == '\n') { buf[n - 1] = '\0'; return (long)n - 1; }
	int c = fgetc(f);
	if (c == EOF) { *torn = true; return (long)n; }
	ungetc(c, f);
	while ((c = fgetc(f)) != EOF && c != '\n') {}   /* skip the rest of an overlong line */
	return (long)n;
}

static int load_anchor(const char *path, cq_audit_chain *anchor, bool *have, char why[256])
{
	char *text;
	size_t n;
	cq_err e;
	*have = false;
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT) return 0;
	if (cq_read_file(path, CQ_AUDIT_ANCHOR_MAX, &text, &n, why)) return -1;
	int rc = cq_audit_anchor_parse(text, n, anchor, &e);
	free(text);
	if (rc) { WHY("%s: %s", path, e.msg); return -1; }
	*have = true;
	return 0;
}

kiosk_audit *audit_open(const char *path, int64_t now, char problem[256], char why[256])
{
	problem[0] = '\0';
	kiosk_audit *a = calloc(1, sizeof *a);
	if (!a) { WHY("out of memory"); return NULL; }
	a->fd = -1;
	if (snprintf(a->path, sizeof a->path, "%s", path) >= (int)sizeof a->path) { WHY("%s: path too long", path); goto fail; }
	snprintf(a->anchor_path, sizeof a->anchor_path, "%s.anchor", path);
	a->day_key = local_day(now);

	cq_audit_chain anchor;
	bool have_anchor;
	char awhy[256];
	if (load_anchor(a->anchor_path, &anchor, &have_anchor, awhy)) {
		snprintf(problem, 256, "anchor unreadable: %.200s", awhy);
		have_anchor = false;
	}
	a->fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (a->fd < 0) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }
	struct stat st;
	if (fstat(a->fd, &st)) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }

	char created[CQ_AUDIT_TIME_LEN + 1], line[CQ_AUDIT_LINE_MAX + 2];
	cq_audit_time_format(now, created);
	cq_err e;
	if (st.st_size == 0) {
		uint8_t id[CQ_AUDIT_LOGID_BYTES];
		randombytes_buf(id, sizeof id);
		if (cq_audit_header(id, created, &a->c, line, sizeof line, &e)) { WHY("%s", e.msg); goto fail; }
		if (cq_write_all(a->fd, line, strlen(line)) || fsync(a->fd)) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }
		if (have_anchor && anchor.count > 0)
			snprintf(problem, 256, "the audit log was missing or empty, but its anchor counted %llu records",
			         (unsigned long long)anchor.count);
		char f[160];
		snprintf(f, sizeof f, "event=new_log%s", have_anchor && anchor.count ? " previous=missing" : "");
		if (audit_add(a, now, "log", f, why)) goto fail;
		return a;
	}

	/* Check the existing log, counting today's checks on the way. */
	FILE *f = fdopen(dup(a->fd), "r");
	if (!f) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }
	cq_audit_verifier v;
	cq_audit_verifier_init(&v, have_anchor ? &anchor : NULL);
	cq_audit_entry en;
	char last[CQ_AUDIT_LINE_MAX + 2] = "";
	long n;
	bool torn;
	off_t good = 0;
	size_t torn_bytes = 0;
	while ((n = read_line(f, line, sizeof line, &torn)) >= 0) {
		if (torn) { cq_audit_verifier_torn(&v, (size_t)n); torn_bytes = (size_t)n; break; }
		good += n + 1;
		memcpy(last, line, (size_t)n + 1);
		if (cq_audit_verifier_line(&v, line, (size_t)n, &en) == 0 && !strcmp(en.type, "check") &&
		    local_day(parse_utc(en.time)) == a->day_key)
			a->day_checks++;
	}
	fclose(f);
	char msg[256];
	cq_audit_status st2 = cq_audit_verifier_finish(&v, msg, sizeof msg);
	if (st2 == CQ_AUDIT_OK || st2 == CQ_AUDIT_UNANCHORED) {
		a->c = v.c;
		if (st2 == CQ_AUDIT_UNANCHORED && !problem[0] && v.c.count > 0)
			snprintf(problem, 256, "the audit log's anchor is missing");
	} else {
		snprintf(problem, 256, "%s", msg);
		/* Go on from the last line as it stands: the break stays visible
		 * to `audit verify` until the log is archived and replaced. */
		const char *sp = strchr(last, ' '), *h = strstr(last, " h=");
		a->c = v.c;
		if (sp && h && strlen(h) == 3 + 2 * CQ_AUDIT_HASH_BYTES &&
		    sodium_hex2bin(a->c.head, CQ_AUDIT_HASH_BYTES, h + 3, 2 * CQ_AUDIT_HASH_BYTES, NULL, NULL, NULL) == 0)
			a->c.count = strtoull(last, NULL, 10);
	}
	if (torn_bytes) {
		/* The record in flight at a power cut: cut it off, and say so. */
		if (ftruncate(a->fd, good) || fsync(a->fd)) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }
		if (good == 0) {
			/* Only a torn header: the log never started. Start it now,
			 * or every later record would follow no header. */
			audit_close(a);
			return audit_open(path, now, problem, why);
		}
		char fl[64];
		snprintf(fl, sizeof fl, "event=torn_record_removed bytes=%zu", torn_bytes);
		if (audit_add(a, now, "log", fl, why)) goto fail;
	}
	return a;
fail:
	audit_close(a);
	return NULL;
}

int audit_add(kiosk_audit *a, int64_t now, const char *type, const char *fields, char why[256])
{
	char t[CQ_AUDIT_TIME_LEN + 1], line[CQ_AUDIT_LINE_MAX + 2];
	cq_audit_chain next = a->c;
	cq_err e;
	cq_audit_time_format(now, t);
	if (cq_audit_append(&next, t, type, fields, line, sizeof line, &e)) { WHY("audit record: %s", e.msg); return -1; }
	if (cq_write_all(a->fd, line, strlen(line)) || fsync(a->fd)) { WHY("%.160s: %.80s", a->path, strerror(errno)); return -1; }
	a->c = next;
	if (!strcmp(type, "check")) {
		int d = local_day(now);
		if (d != a->day_key) { a->day_key = d; a->day_checks = 0; }
		a->day_checks++;
	}
	return write_anchor(a, why);
}

unsigned audit_count_day(const kiosk_audit *a, int64_t now)
{
	return local_day(now) == a->day_key ? a->day_checks : 0;
}

void audit_seal(const kiosk_audit *a, char out[20])
{
	snprintf(out, 20, "#%llu %02x%02x%02x%02x", (unsigned long long)a->c.count,
	         a->c.head[0], a->c.head[1], a->c.head[2], a->c.head[3]);
}

void audit_close(kiosk_audit *a)
{
	if (!a) return;
	if (a->fd >= 0) close(a->fd);
	free(a);
}

/* ---- certqr-kiosk audit verify|export ---- */

static int audit_usage(FILE *out)
{
	fprintf(out,
	        "usage: certqr-kiosk audit verify [--log FILE] [--anchor FILE | --no-anchor]\n"
	        "       certqr-kiosk audit export [--log FILE] [--anchor FILE | --no-anchor] [--format jsonl|csv]\n"
	        "  verify: checks the hash chain and the anchor; prints one line.\n"
	        "  export: writes every record that passes the checks (JSON Lines or CSV) to\n"
	        "          stdout, then a final status (JSON: an {\"audit\":...} line).\n"
	        "  --log defaults to " "$CERTQR_KIOSK_STATE/audit.log (else /var/lib/certqr/kiosk/audit.log);\n"
	        "  --anchor defaults to LOG.anchor.\n"
	        "Exit status: 0 intact, 1 edited, truncated, rewritten, replaced or anchor\n"
	        "missing, 2 usage error, 3 cannot read.\n");
	return out == stdout ? KIOSK_OK : KIOSK_USAGE;
}

static const char *entry_get(const cq_audit_entry *en, const char *key)
{
	for (size_t i = 0; i < en->nfields; i++)
		if (!strcmp(en->f[i].key, key)) return en->f[i].value;
	return "";
}

int audit_cmd(int argc, char **argv)
{
	if (argc < 2) return audit_usage(stderr);
	const char *cmd = argv[1], *log = NULL, *anchor = NULL, *format = "jsonl";
	bool no_anchor = false;
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) return audit_usage(stdout);
	if (strcmp(cmd, "verify") && strcmp(cmd, "export")) {
		cq_warn("audit: unknown command '%s' (verify or export)", cmd);
		return audit_usage(stderr);
	}
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "-h")) return audit_usage(stdout);
		if (!strcmp(o, "--no-anchor") && !no_anchor) { no_anchor = true; continue; }
		if (i + 1 >= argc) { cq_warn("audit: '%s' needs a value or is unknown", o); return audit_usage(stderr); }
		const char *v = argv[++i];
		if (!strcmp(o, "--log") && !log) log = v;
		else if (!strcmp(o, "--anchor") && !anchor) anchor = v;
		else if (!strcmp(o, "--format") && !strcmp(cmd, "export") && (!strcmp(v, "jsonl") || !strcmp(v, "csv"))) format = v;
		else { cq_warn("audit: unknown, repeated or invalid option '%s %s'", o, v); return audit_usage(stderr); }
	}
	if (no_anchor && anchor) { cq_warn("audit: --anchor and --no-anchor conflict"); return KIOSK_USAGE; }
	char defpath[512], apath[520], why[256];
	if (!log) {
		const char *dir = getenv("CERTQR_KIOSK_STATE");
		snprintf(defpath, sizeof defpath, "%s/audit.log", dir && *dir ? dir : "/var/lib/certqr/kiosk");
		log = defpath;
	}
	if (!anchor) { snprintf(apath, sizeof apath, "%s.anchor", log); anchor = apath; }
	cq_audit_chain ac;
	bool have_anchor = false;
	if (!no_anchor) {
		if (load_anchor(anchor, &ac, &have_anchor, why)) { cq_warn("%s", why); return KIOSK_FAILED; }
		if (!have_anchor) {
			cq_warn("%s: no anchor: records cut off the end could not be detected (use --no-anchor to check the chain alone)", anchor);
		}
	}
	FILE *f = fopen(log, "r");
	if (!f) { cq_warn("%s: %s", log, strerror(errno)); return KIOSK_FAILED; }
	bool jsonl = !strcmp(format, "jsonl"), export = !strcmp(cmd, "export");
	if (export && !jsonl) {
		cq_csv_bom(stdout);   /* as every CSV certqr writes: Excel reads it as UTF-8 */
		puts("seq,time,type,verdict,number,year,revision,holder,source,detail");
	}
	cq_audit_verifier v;
	cq_audit_verifier_init(&v, have_anchor ? &ac : NULL);
	char line[CQ_AUDIT_LINE_MAX + 2];
	cq_audit_entry en;
	long n;
	bool torn;
	while ((n = read_line(f, line, sizeof line, &torn)) >= 0) {
		if (torn) { cq_audit_verifier_torn(&v, (size_t)n); break; }
		if (cq_audit_verifier_line(&v, line, (size_t)n, &en)) continue;
		if (!export || en.seq == 0) continue;
		if (jsonl) {
			printf("{\"seq\":%llu,\"time\":\"%s\",\"type\":\"%s\"", (unsigned long long)en.seq, en.time, en.type);
			/* keys and values are of a restricted ASCII alphabet: no escaping needed */
			for (size_t i = 0; i < en.nfields; i++) printf(",\"%s\":\"%s\"", en.f[i].key, en.f[i].value);
			puts("}");
		} else {
			char detail[CQ_AUDIT_LINE_MAX + 1] = "";
			size_t dl = 0;
			static const char *const known[] = {"verdict", "number", "year", "rev", "holder", "source"};
			for (size_t i = 0; i < en.nfields; i++) {
				bool k = false;
				for (size_t j = 0; j < 6; j++) k |= !strcmp(en.f[i].key, known[j]);
				if (!k && dl + strlen(en.f[i].key) + strlen(en.f[i].value) + 3 < sizeof detail)
					dl += (size_t)snprintf(detail + dl, sizeof detail - dl, "%s%s=%s", dl ? " " : "", en.f[i].key, en.f[i].value);
			}
			printf("%llu,", (unsigned long long)en.seq);
			cq_csv_cell(stdout, en.time, 0);
			cq_csv_cell(stdout, en.type, 0);
			cq_csv_cell(stdout, entry_get(&en, "verdict"), 0);
			cq_csv_cell(stdout, entry_get(&en, "number"), CQ_CSV_TEXT);   /* 13 digits stay text */
			cq_csv_cell(stdout, entry_get(&en, "year"), 0);
			cq_csv_cell(stdout, entry_get(&en, "rev"), 0);
			cq_csv_cell(stdout, entry_get(&en, "holder"), 0);
			cq_csv_cell(stdout, entry_get(&en, "source"), 0);
			cq_csv_cell(stdout, detail, CQ_CSV_LAST);
		}
	}
	bool read_err = ferror(f);
	fclose(f);
	if (read_err) { cq_warn("%s: read error", log); return KIOSK_FAILED; }
	char msg[256];
	cq_audit_status s = cq_audit_verifier_finish(&v, msg, sizeof msg);
	bool good = s == CQ_AUDIT_OK || (s == CQ_AUDIT_UNANCHORED && no_anchor);
	if (export && jsonl) printf("{\"audit\":\"%s\",\"records\":%llu,\"message\":\"%s\"}\n", cq_audit_status_name(s),
	                            (unsigned long long)v.c.count, msg);   /* msg is ASCII without quotes */
	FILE *out = export ? stderr : stdout;
	fprintf(out, "%s: %s: %s\n", log, good ? "ok" : cq_audit_status_name(s), msg);
	if (fflush(stdout)) { cq_warn("stdout: write error"); return KIOSK_FAILED; }
	return good ? KIOSK_OK : KIOSK_AUDIT_BAD;
}
