/* certqr-issue batch: the platform export → one signed certificate PDF per
 * good row (docs/issuing.md).
 *
 * Phases: read and decode the export; validate every row (record rules, the
 * key's scope and window, duplicates, the year's hours rule) and write the
 * rejects and rule reports; then issue the rows not yet issued, on every
 * core, resumably. This file runs the phases in order and prints the
 * summary; batch.h says which file holds each. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "batch.h"

volatile sig_atomic_t batch_stop;
static void on_signal(int sig) { (void)sig; batch_stop = 1; }

/* "what: N (see DIR/NAME)" on stdout; the directory escaped. Without `what`,
 * only the " (see ...)" part and the end of the line. */
static void report_line(const char *what, size_t count, const char *dir, const char *name)
{
	if (what) printf("%s: %zu", what, count);
	if (dir) {
		fputs(" (see ", stdout);
		cq_fputs_escaped(dir, stdout);
		printf("/%s)", name);
	}
	putchar('\n');
}

static int fingerprint(batch *b, const char *text, size_t n)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof b->fingerprint);
	char opts[512], seal[33] = "-";
	if (b->seal) sodium_bin2hex(seal, sizeof seal, issue_seal_hash(b->seal), 16);
	snprintf(opts, sizeof opts, "certqr-issue %s|key %s|font %s %u %ld|engine %d|qr %c|rules %s|refuse %d|seal %s",
	         CERTQR_VERSION, b->key_hex, b->font_path ? b->font_path : "-", b->font_index, issue_font_bytes(b->font),
	         (int)b->engine, b->qr_level, b->rules_path ? b->rules_path : "-", b->refuse_below, seal);
	crypto_generichash_update(&st, (const unsigned char *)opts, strlen(opts));
	if (b->layout_path) {
		/* only with --layout: batches on the built-in layout keep their fingerprints */
		char lh[33];
		sodium_bin2hex(lh, sizeof lh, b->layout_hash, sizeof b->layout_hash);
		snprintf(opts, sizeof opts, "|layout %s", lh);
		crypto_generichash_update(&st, (const unsigned char *)opts, strlen(opts));
	}
	crypto_generichash_update(&st, (const unsigned char *)text, n);
	crypto_generichash_final(&st, b->fingerprint, sizeof b->fingerprint);
	return 0;
}

static int load_inputs(batch *b)
{
	char *buf, why[256];
	size_t n;
	cq_err e;
	if (cq_read_file(b->dl_path, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { cq_warn("%s", why); return -1; }
	int rc = cq_delegation_decode_text(buf, n, &b->dl, &e);
	free(buf);
	if (rc) { cq_warn("%s: %s", b->dl_path, e.msg); return -1; }
	cq_rules_default(&b->rules);
	if (b->rules_path) {
		if (cq_read_file(b->rules_path, 1 << 20, &buf, &n, why)) { cq_warn("%s", why); return -1; }
		rc = cq_rules_parse(buf, n, &b->rules, &e);
		free(buf);
		if (rc) { cq_warn("%s: %s", b->rules_path, e.msg); return -1; }
	}
	if (b->layout_path) {
		char zh[256], en[256];
		if (cq_read_file(b->layout_path, CQ_LAYOUT_BYTES + 1, &buf, &n, why)) { cq_warn("%s", why); return -1; }
		crypto_generichash(b->layout_hash, sizeof b->layout_hash, (const unsigned char *)buf, n, NULL, 0);
		rc = issue_layout_set(buf, n, zh, en);
		free(buf);
		if (rc) {
			cq_warn("layout: %s", zh);
			cq_warn("layout: %s", en);
			return -1;
		}
	}
	b->font = issue_font_open(b->font_path, b->font_index, why);
	if (!b->font) { cq_warn("font: %s", why); return -1; }
	if (!issue_font_covers(b->font, b->dl.bureau, 1, NULL)) { cq_warn("font: no glyph for a character of the bureau name"); return -1; }
	if (b->seal_path) {
		char zh[256], en[256];
		b->seal = issue_seal_load(b->seal_path, zh, en);
		if (!b->seal) {
			cq_warn("seal: %s", zh);
			cq_warn("seal: %s", en);
			return -1;
		}
	}
	return 0;
}

int issue_cmd_batch(int argc, char **argv)
{
	batch *b = calloc(1, sizeof *b);
	if (!b) { cq_warn("out of memory"); return ISSUE_FAILED; }
	b->dirfd = b->journal_fd = -1;
	pthread_mutex_init(&b->mu, NULL);
	int ret = ISSUE_FAILED;
	/* From the start: a background job's inherited "ignore" must not hide an
	 * interrupt that comes while the key is being unlocked. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	switch (batch_options(b, argc, argv)) {
	case 0: break;
	case BATCH_HELP: issue_usage(NULL); ret = ISSUE_OK; goto out;
	default: goto usage;
	}
	if (load_inputs(b)) goto out;
	cq_pubkey pub;
	{
		char *kt, why[256];
		size_t kn;
		cq_err e;
		if (cq_read_file(b->key_path, CQ_ARMOR_MAX_TEXT, &kt, &kn, why)) { cq_warn("%s", why); goto out; }
		int rc = cq_seckey_public(kt, kn, &pub, &e);
		free(kt);
		if (rc) { cq_warn("%s: %s", b->key_path, e.msg); goto out; }
	}
	if (memcmp(pub.pk, b->dl.issuer.pk, CQ_PK_BYTES)) {
		cq_warn("%s: the delegation %s is for another key", b->key_path, b->dl_path);
		goto out;
	}
	cq_key_id_hex(pub.id, b->key_hex);
	char *text;
	size_t tlen;
	if (batch_read_rows(b, &text, &tlen)) { free(text); goto out; }
	fingerprint(b, text, tlen);
	sodium_memzero(text, tlen);
	free(text);
	batch_drop_duplicates(b);
	if (batch_open_out(b)) goto out;
	if (batch_write_rejects(b)) goto out;
	if (b->below_len) { if (batch_write_report(b, "below-rule.csv", b->below_csv, b->below_len)) goto out; }
	else unlinkat(b->dirfd, "below-rule.csv", 0);
	if (b->check_only) {
		/* --check: the reports only; nothing signed, the journal untouched */
		printf("rows: %lu\nwould issue: %zu\n", b->rows, b->njobs);
		if (b->ignored[0]) { fputs("ignored columns: ", stdout); cq_fputs_escaped(b->ignored, stdout); putchar('\n'); }
		report_line("rejected", b->nrej + b->rej_unlisted, b->nrej ? b->out_dir : NULL, "rejects.csv");
		printf("below the year's rule: %zu would be issued, %zu refused\n", b->below_issued, b->below_refused);
		ret = fflush(stdout) ? ISSUE_FAILED : b->nrej + b->rej_unlisted ? ISSUE_SOME_REJECTED : ISSUE_OK;
		goto out;
	}
	if (batch_open_journal(b)) goto out;
	batch_remove_stale_temps(b);
	if (b->already < b->njobs) {
		char why[256];
		if (!(b->key = cq_seckey_load(b->key_path, &b->pass, why))) { cq_warn("%s", why); goto out; }
	}
	batch_crash_setup();
	int irc = batch_issue_all(b);
	size_t conflicts = atomic_load(&b->conflicts), failures = atomic_load(&b->failures);
	for (size_t i = 0; i < b->njobs; i++)
		if (atomic_load(&b->jobs_v[i].state) == J_CONFLICT)
			batch_reject(b, b->jobs_v[i].line, "number", "输出目录里已有这份证书，内容不同：更正须提高证书版本",
			           "%s/%s already holds this certificate with other content; "
			           "a correction needs a higher revision", b->out_dir, b->jobs_v[i].file);
	if (conflicts && batch_write_rejects(b)) irc = -1;
	if (b->first_error[0]) cq_warn("%s", b->first_error);
	size_t done = b->issued_now + b->already;
	printf("rows: %lu\n", b->rows);
	if (b->ignored[0]) { fputs("ignored columns: ", stdout); cq_fputs_escaped(b->ignored, stdout); putchar('\n'); }
	printf("issued: %zu (new %zu, issued before %zu)\n", done, b->issued_now, b->already);
	report_line("rejected", b->nrej + b->rej_unlisted, b->nrej ? b->out_dir : NULL, "rejects.csv");
	printf("below the year's rule: %zu issued, %zu refused", b->below_issued, b->below_refused);
	report_line(NULL, 0, b->below_len ? b->out_dir : NULL, "below-rule.csv");
	if (atomic_load(&b->qr_min))
		printf("QR codes: version %d..%d, level %c, %.0f mm\n", atomic_load(&b->qr_min), atomic_load(&b->qr_max), b->qr_level, issue_layout() ? issue_layout()->qr_mm : 0.0);
	if (conflicts) printf("conflicts: %zu\n", conflicts);
	if (failures) printf("failed: %zu\n", failures);
	if (fflush(stdout)) irc = -1;
	if (batch_stop && done < b->njobs) {
		cq_warn("interrupted after %zu of %zu certificates; run again with the same arguments to resume", done, b->njobs);
		ret = ISSUE_INTERRUPTED;
	} else if (irc || failures) ret = ISSUE_FAILED;
	else ret = b->nrej + b->rej_unlisted ? ISSUE_SOME_REJECTED : ISSUE_OK;
	goto out;
usage:
	ret = issue_usage("batch");
out:
	cq_seckey_free(b->key);
	issue_font_close(b->font);
	issue_seal_free(b->seal);
	if (b->journal_fd >= 0) close(b->journal_fd);
	if (b->jobs_v) sodium_memzero(b->jobs_v, b->cap_jobs * sizeof *b->jobs_v);
	free(b->jobs_v);
	free(b->rej);
	free(b->todo);
	free(b->pend);
	free(b->below_csv);
	free(b);
	return ret;
}
