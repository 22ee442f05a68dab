/* The audit log on disk (docs/kiosk.md, "Audit log"): the line format, the
 * chain and the signatures are certqr/audit.h; here is the file handling.
 * Each record is one write() to an O_APPEND descriptor followed by fsync,
 * so a power cut loses at most the record being written; then the signed
 * anchor (count and last hash) is replaced atomically beside the log.
 * Records that cannot be written (a full or failing partition) are counted
 * in LOG.unrecorded, a file of fixed size overwritten in place, which needs
 * no free space; once the log takes records again, a records_lost record
 * says how many were lost, so `audit verify` never calls such a log intact. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
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
#define PENDING_SIZE 256

struct kiosk_audit {
	int fd, pending_fd;
	char path[512], anchor_path[520], pending_path[528];
	cq_audit_chain c;
	const cq_audit_signer *signer;
	int day_key;            /* local yyyymmdd the counter is for */
	unsigned day_checks;
	/* not written: counted here and in the .unrecorded file */
	uint64_t lost, lost_checks;
	char lost_first[CQ_AUDIT_TIME_LEN + 1], lost_last[CQ_AUDIT_TIME_LEN + 1];
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
	cq_audit_anchor an;
	cq_err e;
	if (cq_audit_anchor_make(&a->c, a->signer, &an, &e)) { WHY("anchor: %s", e.msg); return -1; }
	int n = cq_audit_anchor_format(&an, text, sizeof text);
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

/* 0 and *have = false if absent; -1 (why) if it cannot be read or parsed;
 * *old for an anchor of the unsigned v1 format. */
static int load_anchor(const char *path, cq_audit_anchor *anchor, bool *have, bool *old, char why[256])
{
	char *text;
	size_t n;
	cq_err e;
	*have = *old = false;
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT) return 0;
	if (cq_read_file(path, CQ_AUDIT_ANCHOR_MAX, &text, &n, why)) return -1;
	int rc = cq_audit_anchor_parse(text, n, anchor, &e);
	free(text);
	if (rc && e.code == CQ_E_VERSION) { *old = true; return 0; }
	if (rc) { WHY("%.120s: %.120s", path, e.msg); return -1; }
	*have = true;
	return 0;
}

/* ---- records that could not be written ---- */

static const char pending_tag[] = "certqr-audit-unrecorded v1 ";

static int pending_parse(const char *text, size_t n, uint64_t *count, uint64_t *checks, char *first, char *last)
{
	char f[CQ_AUDIT_TIME_LEN + 1], l[CQ_AUDIT_TIME_LEN + 1];
	unsigned long long c, k;
	if (n != PENDING_SIZE || text[n - 1] != '\n' || strncmp(text, pending_tag, sizeof pending_tag - 1)) return -1;
	if (sscanf(text + sizeof pending_tag - 1, "count=%llu checks=%llu first=%20s last=%20s", &c, &k, f, l) != 4) return -1;
	if (c && (!cq_audit_time_valid(f) || !cq_audit_time_valid(l) || k > c)) return -1;
	*count = c;
	*checks = k;
	memcpy(first, c ? f : "", c ? sizeof f : 1);
	memcpy(last, c ? l : "", c ? sizeof l : 1);
	return 0;
}

/* Overwrites the fixed-size file in place: no new block is needed, so this
 * works on a partition too full for the log. Best effort. */
static void pending_save(kiosk_audit *a)
{
	if (a->pending_fd < 0) return;
	char b[PENDING_SIZE + 1];
	int n = snprintf(b, sizeof b, "%scount=%llu checks=%llu first=%s last=%s", pending_tag, (unsigned long long)a->lost,
	                 (unsigned long long)a->lost_checks, a->lost ? a->lost_first : "-", a->lost ? a->lost_last : "-");
	if (n < 0 || n >= PENDING_SIZE) return;
	memset(b + n, ' ', (size_t)(PENDING_SIZE - 1 - n));
	b[PENDING_SIZE - 1] = '\n';
	if (pwrite(a->pending_fd, b, PENDING_SIZE, 0) == PENDING_SIZE) fdatasync(a->pending_fd);
}

/* Opens LOG.unrecorded, made at full size while there is room; takes over
 * what an earlier run could not write. */
static void pending_open(kiosk_audit *a)
{
	a->pending_fd = open(a->pending_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (a->pending_fd < 0) return;
	char b[PENDING_SIZE + 1];
	ssize_t r = pread(a->pending_fd, b, PENDING_SIZE + 1, 0);
	uint64_t c, k;
	if (r == PENDING_SIZE && pending_parse(b, PENDING_SIZE, &c, &k, a->lost_first, a->lost_last) == 0) {
		a->lost = c;
		a->lost_checks = k;
		return;
	}
	pending_save(a);   /* new (or damaged): write it whole now */
	if (ftruncate(a->pending_fd, PENDING_SIZE)) {}
}

static void note_lost(kiosk_audit *a, int64_t now, const char *type)
{
	char t[CQ_AUDIT_TIME_LEN + 1];
	cq_audit_time_format(now, t);
	if (!a->lost) snprintf(a->lost_first, sizeof a->lost_first, "%s", t);
	snprintf(a->lost_last, sizeof a->lost_last, "%s", t);
	a->lost++;
	if (!strcmp(type, "check")) a->lost_checks++;
	pending_save(a);
}

/* ---- writing ---- */

static int write_record(kiosk_audit *a, int64_t now, const char *type, const char *fields, char why[256])
{
	char t[CQ_AUDIT_TIME_LEN + 1], line[CQ_AUDIT_LINE_MAX + 2];
	cq_audit_chain next = a->c;
	cq_err e;
	cq_audit_time_format(now, t);
	if (cq_audit_append(&next, a->signer, t, type, fields, line, sizeof line, &e)) { WHY("audit record: %s", e.msg); return -1; }
	if (cq_write_all(a->fd, line, strlen(line)) || fsync(a->fd)) {
		WHY("%.160s: %.80s", a->path, strerror(errno));
		/* A short write leaves a torn line; the next start cuts it off. A
		 * later record must not follow it on the same line. */
		struct stat st;
		if (fstat(a->fd, &st) == 0 && st.st_size > 0) {
			char last;
			if (pread(a->fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
				off_t keep = st.st_size;
				while (keep > 0 && pread(a->fd, &last, 1, keep - 1) == 1 && last != '\n') keep--;
				if (ftruncate(a->fd, keep)) {}
			}
		}
		return -1;
	}
	a->c = next;
	if (!strcmp(type, "check")) {
		int d = local_day(now);
		if (d != a->day_key) { a->day_key = d; a->day_checks = 0; }
		a->day_checks++;
	}
	return 0;
}

/* The records counted as not written, as a records_lost record; the count
 * is cleared once that is in the log. */
static int write_lost(kiosk_audit *a, int64_t now, char why[256])
{
	char f[200];
	snprintf(f, sizeof f, "event=records_lost count=%llu checks=%llu first=%s last=%s", (unsigned long long)a->lost,
	         (unsigned long long)a->lost_checks, a->lost_first, a->lost_last);
	if (write_record(a, now, "log", f, why)) return -1;
	a->lost = a->lost_checks = 0;
	pending_save(a);
	return 0;
}

int audit_add(kiosk_audit *a, int64_t now, const char *type, const char *fields, char why[256])
{
	if (a->lost && write_lost(a, now, why)) { note_lost(a, now, type); return -1; }
	if (write_record(a, now, type, fields, why)) { note_lost(a, now, type); return -1; }
	return write_anchor(a, why) ? 1 : 0;
}

uint64_t audit_unrecorded(const kiosk_audit *a) { return a->lost; }

/* ---- opening ---- */

/* Moves a log the kiosk cannot continue (v1, or made by another device
 * key) and its anchor aside, so a new log can start. */
static int set_aside(kiosk_audit *a, const char *reason, int64_t now, char *moved, size_t cap, char why[256])
{
	char t[CQ_AUDIT_TIME_LEN + 1], ap[620];
	cq_audit_time_format(now, t);
	snprintf(moved, cap, "%s.%s-%s", a->path, reason, t);
	snprintf(ap, sizeof ap, "%.600s.anchor", moved);
	if (rename(a->path, moved)) { WHY("%.150s: %.80s", a->path, strerror(errno)); return -1; }
	if (rename(a->anchor_path, ap) && errno != ENOENT) { WHY("%.150s: %.80s", a->anchor_path, strerror(errno)); return -1; }
	close(a->fd);
	a->fd = open(a->path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (a->fd < 0) { WHY("%.160s: %.80s", a->path, strerror(errno)); return -1; }
	return 0;
}

static int start_log(kiosk_audit *a, int64_t now, const char *fields, char why[256])
{
	char created[CQ_AUDIT_TIME_LEN + 1], line[CQ_AUDIT_LINE_MAX + 2];
	uint8_t id[CQ_AUDIT_LOGID_BYTES];
	cq_err e;
	cq_audit_time_format(now, created);
	randombytes_buf(id, sizeof id);
	if (cq_audit_header(id, created, a->signer, &a->c, line, sizeof line, &e)) { WHY("%s", e.msg); return -1; }
	if (cq_write_all(a->fd, line, strlen(line)) || fsync(a->fd)) { WHY("%.160s: %.80s", a->path, strerror(errno)); return -1; }
	if (write_record(a, now, "log", fields, why)) return -1;
	write_anchor(a, why);   /* a missing anchor is reported by audit verify; the log goes on */
	return 0;
}

kiosk_audit *audit_open(const char *path, int64_t now, const cq_audit_signer *signer, const uint8_t pk[CQ_PK_BYTES],
                        char problem[256], char why[256])
{
	problem[0] = '\0';
	kiosk_audit *a = calloc(1, sizeof *a);
	if (!a) { WHY("out of memory"); return NULL; }
	a->fd = a->pending_fd = -1;
	a->signer = signer;
	if (snprintf(a->path, sizeof a->path, "%s", path) >= (int)sizeof a->path) { WHY("%s: path too long", path); goto fail; }
	snprintf(a->anchor_path, sizeof a->anchor_path, "%s.anchor", path);
	snprintf(a->pending_path, sizeof a->pending_path, "%s.unrecorded", path);
	a->day_key = local_day(now);

	cq_audit_anchor anchor;
	bool have_anchor, old_anchor;
	char awhy[256];
	if (load_anchor(a->anchor_path, &anchor, &have_anchor, &old_anchor, awhy)) {
		snprintf(problem, 256, "anchor unreadable: %.200s", awhy);
		have_anchor = false;
	}
	a->fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (a->fd < 0) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }
	pending_open(a);
	struct stat st;
	if (fstat(a->fd, &st)) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }

	if (st.st_size == 0) {
		if (have_anchor && anchor.c.count > 0)
			snprintf(problem, 256, "the audit log was missing or empty, but its anchor counted %llu records",
			         (unsigned long long)anchor.c.count);
		if (start_log(a, now, have_anchor && anchor.c.count ? "event=new_log previous=missing" : "event=new_log", why))
			goto fail;
		goto lost;
	}

	/* Check the existing log, counting today's checks on the way. */
	FILE *f = fdopen(dup(a->fd), "r");
	if (!f) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }
	cq_audit_verifier v;
	cq_audit_verifier_init(&v, have_anchor ? &anchor : NULL, pk, false);
	cq_audit_entry en;
	char line[CQ_AUDIT_LINE_MAX + 2], last[CQ_AUDIT_LINE_MAX + 2] = "";
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
	char msg[512];
	cq_audit_status st2 = cq_audit_verifier_finish(&v, msg, sizeof msg);
	bool v1 = v.status == CQ_AUDIT_EDITED && v.err.code == CQ_E_VERSION;
	bool other_key = v.status == CQ_AUDIT_FORGED && !strcmp(v.err.field, "device") && v.bad_line == 1;
	bool headless = !v.have_header && good > 0;   /* whole lines, but no header of ours */
	if (v1 || other_key || headless) {
		/* Nothing can be appended to it that would verify: set it aside. */
		const char *why_aside = v1 ? "v1" : other_key ? "other-device" : "broken";
		char moved[600], fl[200];
		if (set_aside(a, why_aside, now, moved, sizeof moved, why)) goto fail;
		a->day_checks = 0;
		if (!v1) snprintf(problem, 256, "%.90s; the log was set aside as %.130s", msg, moved);
		snprintf(fl, sizeof fl, "event=new_log previous=%s", v1 ? "v1" : other_key ? "other_device" : "broken");
		if (start_log(a, now, fl, why)) goto fail;
		goto lost;
	}
	bool continuable = st2 == CQ_AUDIT_OK || st2 == CQ_AUDIT_UNANCHORED || st2 == CQ_AUDIT_INCOMPLETE;
	if (continuable) {
		a->c = v.c;
		/* The kiosk anchors a new log right after its new_log record: a
		 * log beyond that with no (readable) anchor lost it, which is how
		 * records cut off the end would hide. Said on screen, and below
		 * in the log itself, before a new anchor covers the spot. */
		if (!have_anchor && !problem[0] && v.c.count > 1)
			snprintf(problem, 256, "the audit log's anchor is missing");
	} else {
		snprintf(problem, 256, "%.250s", msg);
		/* Go on from the last line as it stands: the break stays visible
		 * to `audit verify`, and a check_failed record says so even after
		 * the anchor has moved past it. */
		const char *h = strstr(last, " h=");
		a->c = v.c;
		memcpy(a->c.device_id, signer->device_id, CQ_KEY_ID_BYTES);
		if (h && strlen(h) == 3 + 64 + 3 + 128 &&
		    sodium_hex2bin(a->c.head, CQ_AUDIT_HASH_BYTES, h + 3, 64, NULL, NULL, NULL) == 0)
			a->c.count = strtoull(last, NULL, 10);
	}
	if (torn_bytes) {
		/* The record in flight at a power cut: cut it off, and say so. */
		if (ftruncate(a->fd, good) || fsync(a->fd)) { WHY("%.160s: %.80s", path, strerror(errno)); goto fail; }
		if (good == 0) {
			/* Only a torn header: the log never started (a power cut at
			 * its first write, not tampering). Start it now, or every
			 * later record would follow no header. */
			problem[0] = '\0';
			if (have_anchor && anchor.c.count > 0)
				snprintf(problem, 256, "the audit log was cut to an unfinished header, but its anchor counted %llu records",
				         (unsigned long long)anchor.c.count);
			if (start_log(a, now, "event=new_log", why)) goto fail;
			goto lost;
		}
		char fl[64];
		snprintf(fl, sizeof fl, "event=torn_record_removed bytes=%zu", torn_bytes);
		if (write_record(a, now, "log", fl, why)) note_lost(a, now, "log");   /* a full card: counted, not fatal */
		else write_anchor(a, why);
	}
	if (st2 != CQ_AUDIT_OK && st2 != CQ_AUDIT_UNANCHORED && st2 != CQ_AUDIT_INCOMPLETE && st2 != CQ_AUDIT_FAILED_BEFORE) {
		char fl[96];
		snprintf(fl, sizeof fl, "event=check_failed status=%s line=%llu", cq_audit_status_name(st2),
		         (unsigned long long)(v.bad_line ? v.bad_line : v.lines));
		if (write_record(a, now, "log", fl, why)) note_lost(a, now, "log");
		else write_anchor(a, why);
	}
	if (!have_anchor) {
		if (continuable && v.c.count > 1) {
			char fl[96];
			snprintf(fl, sizeof fl, "event=check_failed status=unanchored line=%llu", (unsigned long long)v.lines + 1);
			if (write_record(a, now, "log", fl, why)) note_lost(a, now, "log");
		}
		write_anchor(a, why);   /* truncation is detectable again from here on */
	}
lost:
	/* what an earlier run could not write; if it still cannot, the count stays */
	if (a->lost && write_lost(a, now, why) == 0) write_anchor(a, why);
	return a;
fail:
	audit_close(a);
	return NULL;
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
	if (a->pending_fd >= 0) close(a->pending_fd);
	free(a);
}

/* ---- certqr-kiosk audit verify|export ---- */

static int audit_usage(FILE *out)
{
	fprintf(out,
	        "usage: certqr-kiosk audit verify [--log FILE]... [--anchor FILE | --no-anchor] [--device-pub FILE]\n"
	        "       certqr-kiosk audit export [--log FILE] [--anchor FILE | --no-anchor] [--device-pub FILE]\n"
	        "                                 [--format jsonl|csv]\n"
	        "  verify: checks the hash chain, every record's device signature, the anchor,\n"
	        "          and records the kiosk could not write; prints one line per log\n"
	        "          (--log more than once: each log in turn, with its own LOG.anchor).\n"
	        "  export: writes every record that passes the checks (JSON Lines or CSV) to\n"
	        "          stdout, then a final status (JSON: an {\"audit\":...} line).\n"
	        "  --log defaults to $CERTQR_KIOSK_STATE/audit.log (else /var/lib/certqr/kiosk/audit.log);\n"
	        "  --anchor defaults to LOG.anchor; --device-pub to the device.pub of the kiosk\n"
	        "  (DIR/device/device.pub beside the log's directory): give the copy registered\n"
	        "  when the kiosk was installed (certqr-kiosk device-key) to detect a replaced key.\n"
	        "Exit status: 0 intact, 1 edited, forged, truncated, rewritten, replaced,\n"
	        "incomplete (records lost) or anchor missing, 2 usage error, 3 cannot read;\n"
	        "for several logs the worst of theirs.\n");
	return out == stdout ? KIOSK_OK : KIOSK_USAGE;
}

static const char *entry_get(const cq_audit_entry *en, const char *key)
{
	const char *v = cq_audit_field(en, key);
	return v ? v : "";
}

static void export_record(const cq_audit_entry *en, bool jsonl)
{
	if (jsonl) {
		printf("{\"seq\":%llu,\"time\":\"%s\",\"type\":\"%s\"", (unsigned long long)en->seq, en->time, en->type);
		/* keys and values are of a restricted ASCII alphabet: no escaping needed */
		for (size_t i = 0; i < en->nfields; i++) printf(",\"%s\":\"%s\"", en->f[i].key, en->f[i].value);
		puts("}");
		return;
	}
	char detail[CQ_AUDIT_LINE_MAX + 1] = "", seq[24];
	size_t dl = 0;
	static const char *const known[] = {"verdict", "number", "year", "rev", "holder", "source"};
	for (size_t i = 0; i < en->nfields; i++) {
		bool k = false;
		for (size_t j = 0; j < 6; j++) k |= !strcmp(en->f[i].key, known[j]);
		if (!k && dl + strlen(en->f[i].key) + strlen(en->f[i].value) + 3 < sizeof detail)
			dl += (size_t)snprintf(detail + dl, sizeof detail - dl, "%s%s=%s", dl ? " " : "", en->f[i].key, en->f[i].value);
	}
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)en->seq);
	/* values may start with + or - (the alphabet allows them): every cell
	 * through the shared writer, which guards them */
	cq_csv_cell(stdout, seq, 0);
	cq_csv_cell(stdout, en->time, 0);
	cq_csv_cell(stdout, en->type, 0);
	cq_csv_cell(stdout, entry_get(en, "verdict"), 0);
	cq_csv_cell(stdout, entry_get(en, "number"), CQ_CSV_TEXT);   /* 13 digits stay text */
	cq_csv_cell(stdout, entry_get(en, "year"), 0);
	cq_csv_cell(stdout, entry_get(en, "rev"), 0);
	cq_csv_cell(stdout, entry_get(en, "holder"), 0);
	cq_csv_cell(stdout, entry_get(en, "source"), 0);
	cq_csv_cell(stdout, detail, CQ_CSV_LAST);
}

/* Checks (verify) or exports one log: KIOSK_OK, KIOSK_AUDIT_BAD or
 * KIOSK_FAILED; LOG NULL: the default log. */
static int audit_one(const char *cmd, const char *log, const char *anchor, bool no_anchor, const char *pubf,
                     const char *format)
{
	char defpath[512], apath[520], ppath[600], kpath[600], why[256];
	if (!log) {
		const char *dir = getenv("CERTQR_KIOSK_STATE");
		snprintf(defpath, sizeof defpath, "%s/audit.log", dir && *dir ? dir : "/var/lib/certqr/kiosk");
		log = defpath;
	}
	if (!anchor) { snprintf(apath, sizeof apath, "%s.anchor", log); anchor = apath; }
	if (!pubf) {
		char *copy = strdup(log);
		devkey_default_path(copy ? dirname(copy) : ".", kpath, sizeof kpath);
		free(copy);
		devkey_pub_path(kpath, ppath, sizeof ppath);
		pubf = ppath;
	}
	uint8_t pk[CQ_PK_BYTES];
	if (devkey_pub_load(pubf, pk, why)) {
		cq_warn("%s (give the device's public key with --device-pub FILE)", why);
		return KIOSK_FAILED;
	}
	cq_audit_anchor ac;
	bool have_anchor = false, old_anchor = false;
	if (!no_anchor) {
		if (load_anchor(anchor, &ac, &have_anchor, &old_anchor, why)) { cq_warn("%s", why); return KIOSK_FAILED; }
		if (!have_anchor)
			cq_warn("%s: %s: records cut off the end could not be detected (use --no-anchor to check the chain alone)",
			        anchor, old_anchor ? "an unsigned v1 anchor, not used" : "no anchor");
	}
	FILE *f = fopen(log, "r");
	if (!f) { cq_warn("%s: %s", log, strerror(errno)); return KIOSK_FAILED; }
	bool jsonl = !strcmp(format, "jsonl"), export = !strcmp(cmd, "export");
	if (export && !jsonl) {
		cq_csv_bom(stdout);   /* as every CSV certqr writes: Excel reads it as UTF-8 */
		puts("seq,time,type,verdict,number,year,revision,holder,source,detail");
	}
	cq_audit_verifier v;
	cq_audit_verifier_init(&v, have_anchor ? &ac : NULL, pk, true);
	char line[CQ_AUDIT_LINE_MAX + 2];
	cq_audit_entry en;
	long n;
	bool torn;
	while ((n = read_line(f, line, sizeof line, &torn)) >= 0) {
		if (torn) { cq_audit_verifier_torn(&v, (size_t)n); break; }
		if (cq_audit_verifier_line(&v, line, (size_t)n, &en)) continue;
		if (export && en.seq) export_record(&en, jsonl);
	}
	bool read_err = ferror(f);
	fclose(f);
	if (read_err) { cq_warn("%s: read error", log); return KIOSK_FAILED; }
	char msg[600];
	cq_audit_status s = cq_audit_verifier_finish(&v, msg, sizeof msg);
	/* Records a running kiosk counted but could not write yet. */
	char pend[600], b[PENDING_SIZE + 1], f1[32], f2[32];
	snprintf(pend, sizeof pend, "%s.unrecorded", log);
	int pfd = open(pend, O_RDONLY | O_CLOEXEC);
	uint64_t pc = 0, pk2 = 0;
	if (pfd >= 0) {
		if (read(pfd, b, sizeof b) == PENDING_SIZE && pending_parse(b, PENDING_SIZE, &pc, &pk2, f1, f2) == 0 && pc &&
		    (s == CQ_AUDIT_OK || s == CQ_AUDIT_UNANCHORED || s == CQ_AUDIT_INCOMPLETE)) {
			size_t ml = strlen(msg);
			snprintf(msg + ml, sizeof msg - ml, "; %llu more records (%llu checks, %s to %s) could not be written and "
			         "are not in the log", (unsigned long long)pc, (unsigned long long)pk2, f1, f2);
			if (s != CQ_AUDIT_INCOMPLETE) {
				s = CQ_AUDIT_INCOMPLETE;
				snprintf(msg, sizeof msg, "%llu records (%llu checks, %s to %s) could not be written and are "
				         "not in the log (the state partition was full or failing)", (unsigned long long)pc,
				         (unsigned long long)pk2, f1, f2);
			}
		}
		close(pfd);
	}
	bool good = s == CQ_AUDIT_OK || (s == CQ_AUDIT_UNANCHORED && no_anchor);
	if (export && jsonl) printf("{\"audit\":\"%s\",\"records\":%llu,\"message\":\"%s\"}\n", cq_audit_status_name(s),
	                            (unsigned long long)v.c.count, msg);   /* msg is ASCII without quotes */
	FILE *out = export ? stderr : stdout;
	cq_fputs_escaped(log, out);
	fprintf(out, ": %s: %s\n", good ? "ok" : cq_audit_status_name(s), msg);
	if (fflush(stdout)) { cq_warn("stdout: write error"); return KIOSK_FAILED; }
	return good ? KIOSK_OK : KIOSK_AUDIT_BAD;
}

int audit_cmd(int argc, char **argv)
{
	if (argc < 2) return audit_usage(stderr);
	const char *cmd = argv[1], *anchor = NULL, *format = "jsonl", *pubf = NULL;
	bool no_anchor = false;
	size_t nlogs = 0;   /* verify takes --log more than once: each log checked in turn */
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
		if (!strcmp(o, "--log") && (!nlogs || !strcmp(cmd, "verify"))) nlogs++;
		else if (!strcmp(o, "--anchor") && !anchor) anchor = v;
		else if (!strcmp(o, "--device-pub") && !pubf) pubf = v;
		else if (!strcmp(o, "--format") && !strcmp(cmd, "export") && (!strcmp(v, "jsonl") || !strcmp(v, "csv"))) format = v;
		else { cq_warn("audit: unknown, repeated or invalid option '%s %s'", o, v); return audit_usage(stderr); }
	}
	if (no_anchor && anchor) { cq_warn("audit: --anchor and --no-anchor conflict"); return KIOSK_USAGE; }
	if (anchor && nlogs > 1) { cq_warn("audit: --anchor belongs to one --log (each log's default is LOG.anchor)"); return KIOSK_USAGE; }
	if (!nlogs) return audit_one(cmd, NULL, anchor, no_anchor, pubf, format);
	/* The options parsed above are pairs but for --no-anchor. Each log is
	 * reported on its own line; the status is the worst: cannot read (3)
	 * over not intact (1) over intact (0). */
	int rc = KIOSK_OK;
	for (int i = 2; i + 1 < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--no-anchor")) continue;
		const char *v = argv[++i];
		if (strcmp(o, "--log")) continue;
		int r = audit_one(cmd, v, anchor, no_anchor, pubf, format);
		if (r == KIOSK_FAILED || (r == KIOSK_AUDIT_BAD && rc == KIOSK_OK)) rc = r;
	}
	return rc;
}

/* ---- certqr-kiosk device-key ---- */

int devkey_cmd(int argc, char **argv)
{
	const char *key = NULL;
	bool create = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			puts("usage: certqr-kiosk device-key [--key FILE] [--create]\n"
			     "  Prints the kiosk's device public key (the line to register: audit logs are\n"
			     "  verified with it). --create makes the key first if there is none.\n"
			     "  --key defaults to DIR/device/device.key beside the state directory\n"
			     "  ($CERTQR_KIOSK_STATE, else /var/lib/certqr/kiosk): /var/lib/certqr/device/device.key.");
			return KIOSK_OK;
		}
		if (!strcmp(argv[i], "--create") && !create) create = true;
		else if (!strcmp(argv[i], "--key") && i + 1 < argc && !key) key = argv[++i];
		else { cq_warn("device-key: unknown or repeated option '%s' (try device-key -h)", argv[i]); return KIOSK_USAGE; }
	}
	char kpath[600], why[256], pub[256];
	if (!key) {
		const char *dir = getenv("CERTQR_KIOSK_STATE");
		devkey_default_path(dir && *dir ? dir : "/var/lib/certqr/kiosk", kpath, sizeof kpath);
		key = kpath;
	}
	bool created;
	kiosk_devkey *k = devkey_open(key, create, &created, why);
	if (!k) { cq_warn("device-key: %s", why); return KIOSK_FAILED; }
	int n = devkey_pub_format(devkey_public(k), pub, sizeof pub);
	devkey_free(k);
	if (n < 0) return KIOSK_FAILED;
	if (created) cq_warn("device key created: %s", key);
	fputs(pub, stdout);
	return fflush(stdout) ? KIOSK_FAILED : KIOSK_OK;
}
