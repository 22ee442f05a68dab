/* Writes the generated part of the seed corpora in tests/fuzz/corpus/
 * (make fuzz-seeds; the outputs are committed, this program documents and
 * reproduces them). From the golden vectors (tests/vectors/v1.txt): record
 * field files, raw payloads, QR texts and signed bodies for fuzz_judge;
 * secret keys sealed with the minimum KDF limits for fuzz_seckey; audit
 * logs with and without anchors for fuzz_audit. Run from the repository
 * root: seedgen OUTDIR. */
#include <sodium.h>
#include <errno.h>
#include <sys/stat.h>
#include "fuzz.h"
#include "certqr/audit.h"

#define PASS "fuzz-passphrase-TEST-ONLY"

static const char *outdir;

static void put(const char *harness, const char *name, const void *b, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", outdir, harness);
	if (mkdir(path, 0755) && errno != EEXIST) { perror(path); exit(1); }
	snprintf(path, sizeof path, "%s/%s/%s", outdir, harness, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b, 1, n, f) != n || fclose(f)) { perror(path); exit(1); }
}

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	sodium_hex2bin(out, cap, s, strlen(s), NULL, &n, NULL);
	return n;
}

static void vectors(void)
{
	size_t n;
	char *text = fz_slurp("tests/vectors/v1.txt", &n);
	char fields[2048] = "", name[64];
	int k = 0;
	uint8_t pl[CQ_PAYLOAD_MAX + 16];
	size_t pn = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "vector:", 7)) { fields[0] = '\0'; k++; continue; }
		if (line[0] == '#' || !strncmp(line, "key:", 4)) continue;
		if (!strncmp(line, "payload=", 8)) {
			pn = unhex(line + 8, pl, sizeof pl);
			snprintf(name, sizeof name, "vector%d.bin", k);
			put("fuzz_qrtext", name, pl, pn);
			snprintf(name, sizeof name, "vector%d.txt", k);
			put("fuzz_fields", name, fields, strlen(fields));
			put("fuzz_payload_mutate", name, fields, strlen(fields));
			/* fuzz_judge signed-body form: signer byte, then the body. */
			uint8_t sb[CQ_PAYLOAD_MAX + 1];
			for (int s = 0; s < 6; s++) {
				sb[0] = (uint8_t)(0x80 + s);
				memcpy(sb + 1, pl, pn - CQ_SIG_BYTES);
				snprintf(name, sizeof name, "vector%d-signer%d.bin", k, s);
				put("fuzz_judge", name, sb, pn - CQ_SIG_BYTES + 1);
			}
			continue;
		}
		if (!strncmp(line, "qr=", 3)) {
			snprintf(name, sizeof name, "vector%d.txt", k);
			put("fuzz_qrtext", name, line + 3, strlen(line + 3));
			put("fuzz_judge", name, line + 3, strlen(line + 3));
			continue;
		}
		if (strchr(line, '=')) {
			strcat(fields, line);
			strcat(fields, "\n");
		}
	}
	free(text);
}

static void seckeys(void)
{
	cq_kdf_limits lim = { crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };
	char out[CQ_ARMOR_MAX_TEXT];
	cq_err e;
	for (int role = CQ_ROLE_ROOT; role <= CQ_ROLE_ISSUER; role++) {
		cq_seckey *k = cq_seckey_generate((cq_role)role);
		if (!k || cq_seckey_seal(k, PASS, strlen(PASS), lim, out, sizeof out, &e)) { fprintf(stderr, "%s\n", e.msg); exit(1); }
		put("fuzz_seckey", role == CQ_ROLE_ROOT ? "root-minkdf.key.txt" : "issuer-minkdf.key.txt", out, strlen(out));
		cq_seckey_free(k);
	}
}

static void audit(void)
{
	static const uint8_t id[CQ_AUDIT_LOGID_BYTES] = { 0x5e, 0xed, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 };
	static const char *const rec[][2] = {
		{ "kiosk", "event=start version=0.1.0" },
		{ "check", "verdict=authentic number=4101020000123 year=2024 holder=match" },
		{ "check", "verdict=forged key=1FA38950A25DEB4E" },
		{ "log", "event=records_lost count=3 checks=2 first=2026-11-21T09:33:00Z last=2026-11-21T09:34:00Z" },
		{ "trust", "result=installed version=7 date=2026-11-01" },
		{ "kiosk", "event=stop" },
	};
	static fz_devkey dk;
	fz_devkey_init(&dk);
	char log[8192] = "", line[CQ_AUDIT_LINE_MAX + 8], anchor[CQ_AUDIT_ANCHOR_MAX + 1], buf[9000];
	cq_audit_chain c;
	cq_audit_anchor an;
	cq_err e;
	if (cq_audit_header(id, "2026-11-21T09:30:12Z", &dk.s, &c, line, sizeof line, &e)) exit(1);
	strcat(log, line);
	for (size_t i = 0; i < sizeof rec / sizeof *rec; i++) {
		char t[CQ_AUDIT_TIME_LEN + 1];
		cq_audit_time_format(1795253412 + (int64_t)i * 61, t);
		if (cq_audit_append(&c, &dk.s, t, rec[i][0], rec[i][1], line, sizeof line, &e)) { fprintf(stderr, "%s\n", e.msg); exit(1); }
		strcat(log, line);
		if (i == 2) {
			if (cq_audit_anchor_make(&c, &dk.s, &an, &e)) exit(1);
			cq_audit_anchor_format(&an, anchor, sizeof anchor);
		}
	}
	put("fuzz_audit", "log-unanchored.txt", log, strlen(log));
	put("fuzz_audit_append", "log-valid.txt", log, strlen(log));
	snprintf(buf, sizeof buf, "%s%s", anchor, log);
	put("fuzz_audit", "log-anchor-lagging.txt", buf, strlen(buf));
	if (cq_audit_anchor_make(&c, &dk.s, &an, &e)) exit(1);
	cq_audit_anchor_format(&an, anchor, sizeof anchor);
	snprintf(buf, sizeof buf, "%s%s", anchor, log);
	put("fuzz_audit", "log-anchored.txt", buf, strlen(buf));
	/* A torn last line (power cut during the write). */
	snprintf(buf, sizeof buf, "%s%s3 2026-11-21T09:3", anchor, log);
	put("fuzz_audit", "log-torn.txt", buf, strlen(buf));
	snprintf(buf, sizeof buf, "%s3 2026-11-21T09:3", log);
	put("fuzz_audit_append", "log-torn.txt", buf, strlen(buf));
	/* The append harness: the log, a NUL, then records to append. */
	size_t n = strlen(log);
	memcpy(buf, log, n);
	buf[n] = '\0';
	static const char more[] = "check verdict=authentic colour=green source=camera number=4101020000124\n"
	                           "holder verdict=authentic holder=mismatch\ncheck verdict=bad=value\nkiosk event=stop\n";
	memcpy(buf + n + 1, more, sizeof more - 1);
	put("fuzz_audit_append", "log-then-records.txt", buf, n + sizeof more);
	buf[0] = '\0';   /* no log yet */
	memcpy(buf + 1, more, sizeof more - 1);
	put("fuzz_audit_append", "empty-then-records.txt", buf, sizeof more);
}

int main(int argc, char **argv)
{
	if (argc != 2) { fprintf(stderr, "usage: seedgen OUTDIR\n"); return 2; }
	outdir = argv[1];
	fz_init();
	vectors();
	seckeys();
	audit();
	return 0;
}
