/* The audit log's chain (certqr/audit.h): format, round trip, and every
 * tampering the design claims to detect: an edited line, a removed line,
 * swapped lines, records cut off the end (with the anchor), a replaced log,
 * a torn final line; records appended with correct hashes but without the
 * device key, a forged anchor, a log of another device key; the log's own
 * reports of lost records and of an earlier failed check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>
#include "certqr/audit.h"
#include "certqr/key.h"

#define NREC 6
static char logtext[16384];
static size_t loglen;
static cq_audit_chain at[NREC + 1];   /* chain after the header and each record */
static const uint8_t logid[CQ_AUDIT_LOGID_BYTES] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static cq_audit_anchor anchors[NREC + 1];

/* Two device keys from fixed seeds: the kiosk's, and someone else's. */
typedef struct tkey { uint8_t pk[32], sk[64]; cq_audit_signer s; } tkey;
static tkey dev, other;
static int tsign(void *ctx, const uint8_t *m, size_t n, uint8_t sig[CQ_SIG_BYTES])
{
	return crypto_sign_detached(sig, NULL, m, n, ((tkey *)ctx)->sk);
}
static void tkey_init(tkey *k, uint8_t seedbyte)
{
	uint8_t seed[32];
	memset(seed, seedbyte, sizeof seed);
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
	cq_key_id(k->pk, k->s.device_id);
	k->s.sign = tsign;
	k->s.ctx = k;
}

static int setup(void **state)
{
	(void)state;
	assert_int_equal(cq_init(), 0);
	tkey_init(&dev, 7);
	tkey_init(&other, 8);
	cq_audit_chain c;
	cq_err e;
	char line[CQ_AUDIT_LINE_MAX + 2];
	assert_int_equal(cq_audit_header(logid, "2026-11-21T08:00:00Z", &dev.s, &c, line, sizeof line, &e), 0);
	loglen = 0;
	memcpy(logtext, line, strlen(line));
	loglen += strlen(line);
	at[0] = c;
	for (int i = 1; i <= NREC; i++) {
		char f[160];
		snprintf(f, sizeof f, "verdict=authentic number=410102202400000%d year=2024 holder=match", i);
		assert_int_equal(cq_audit_append(&c, &dev.s, "2026-11-21T08:01:00Z", "check", f, line, sizeof line, &e), 0);
		memcpy(logtext + loglen, line, strlen(line));
		loglen += strlen(line);
		at[i] = c;
	}
	for (int i = 0; i <= NREC; i++) assert_int_equal(cq_audit_anchor_make(&at[i], &dev.s, &anchors[i], &e), 0);
	logtext[loglen] = '\0';
	return 0;
}

/* Runs the verifier over text (split at '\n'); the anchor may be NULL. */
static cq_audit_status verify_with(const char *text, size_t n, const cq_audit_anchor *anchor, const uint8_t *pk,
                                   bool every, char *msg)
{
	cq_audit_verifier v;
	cq_audit_verifier_init(&v, anchor, pk, every);
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		if (!nl) { cq_audit_verifier_torn(&v, n - i); break; }
		cq_audit_verifier_line(&v, text + i, (size_t)(nl - text - i), NULL);
		i = (size_t)(nl - text) + 1;
	}
	return cq_audit_verifier_finish(&v, msg, 512);
}
static cq_audit_status verify(const char *text, size_t n, const cq_audit_chain *anchor, char *msg)
{
	const cq_audit_anchor *a = NULL;
	for (int i = 0; anchor && i <= NREC; i++)
		if (anchor == &at[i]) a = &anchors[i];
	return verify_with(text, n, a, dev.pk, true, msg);
}

static void intact_log_verifies(void **state)
{
	(void)state;
	char msg[512];
	assert_int_equal(verify(logtext, loglen, &at[NREC], msg), CQ_AUDIT_OK);
	assert_non_null(strstr(msg, "6 records"));
	assert_int_equal(verify(logtext, loglen, NULL, msg), CQ_AUDIT_UNANCHORED);
	/* The anchor one record behind (power cut between log and anchor): fine. */
	assert_int_equal(verify(logtext, loglen, &at[NREC - 1], msg), CQ_AUDIT_OK);
	assert_non_null(strstr(msg, "after the anchor"));
}

static void parses_fields(void **state)
{
	(void)state;
	cq_audit_chain c;
	bool hh;
	cq_err e;
	cq_audit_entry en;
	cq_audit_chain_reset(&c, &hh);
	const char *nl = strchr(logtext, '\n');
	assert_int_equal(cq_audit_check_line(&c, &hh, logtext, (size_t)(nl - logtext), dev.pk, &en, &e), 0);
	assert_string_equal(en.type, "header");
	assert_string_equal(cq_audit_field(&en, "created"), "2026-11-21T08:00:00Z");
	assert_int_equal(strlen(cq_audit_field(&en, "device")), 16);
	const char *l2 = nl + 1;
	nl = strchr(l2, '\n');
	assert_int_equal(cq_audit_check_line(&c, &hh, l2, (size_t)(nl - l2), dev.pk, &en, &e), 0);
	assert_int_equal(en.seq, 1);
	assert_string_equal(en.time, "2026-11-21T08:01:00Z");
	assert_string_equal(en.type, "check");
	assert_int_equal(en.nfields, 4);
	assert_string_equal(en.f[1].key, "number");
	assert_string_equal(en.f[1].value, "4101022024000001");
	assert_int_equal(c.count, 1);
}

static void edited_line_detected(void **state)
{
	(void)state;
	char t[16384], msg[512];
	memcpy(t, logtext, loglen + 1);
	char *p = strstr(t, "verdict=authentic number=4101022024000003");
	assert_non_null(p);
	memcpy(p + 8, "forged   ", 9);        /* same length: "verdict=forged   " breaks the field syntax */
	assert_int_equal(verify(t, loglen, &at[NREC], msg), CQ_AUDIT_EDITED);
	memcpy(t, logtext, loglen + 1);
	p = strstr(t, "4101022024000003");
	p[15] = '9';                           /* a different certificate number, well-formed */
	assert_int_equal(verify(t, loglen, &at[NREC], msg), CQ_AUDIT_EDITED);
	assert_non_null(strstr(msg, "line 4"));
	assert_non_null(strstr(msg, "hash does not match"));
}

static void removed_and_swapped_lines_detected(void **state)
{
	(void)state;
	char t[16384], msg[512];
	/* Remove line 3 (record 2). */
	const char *a = logtext;
	for (int i = 0; i < 2; i++) a = strchr(a, '\n') + 1;
	const char *b = strchr(a, '\n') + 1;
	size_t n = 0;
	memcpy(t, logtext, (size_t)(a - logtext)); n += (size_t)(a - logtext);
	memcpy(t + n, b, loglen - (size_t)(b - logtext)); n += loglen - (size_t)(b - logtext);
	assert_int_equal(verify(t, n, &at[NREC], msg), CQ_AUDIT_EDITED);
	/* Swap records 2 and 3. */
	const char *c = strchr(b, '\n') + 1;
	n = 0;
	memcpy(t, logtext, (size_t)(a - logtext)); n += (size_t)(a - logtext);
	memcpy(t + n, b, (size_t)(c - b)); n += (size_t)(c - b);
	memcpy(t + n, a, (size_t)(b - a)); n += (size_t)(b - a);
	memcpy(t + n, c, loglen - (size_t)(c - logtext)); n += loglen - (size_t)(c - logtext);
	assert_int_equal(n, loglen);
	assert_int_equal(verify(t, n, &at[NREC], msg), CQ_AUDIT_EDITED);
}

static void truncation_detected_by_anchor(void **state)
{
	(void)state;
	char msg[512];
	/* Cut the last two records at a line boundary: the chain alone is intact. */
	const char *end = logtext + loglen - 1;
	for (int i = 0; i < 2; i++) { end--; while (*end != '\n') end--; }
	size_t n = (size_t)(end - logtext) + 1;
	assert_int_equal(verify(logtext, n, NULL, msg), CQ_AUDIT_UNANCHORED);
	assert_int_equal(verify(logtext, n, &at[NREC], msg), CQ_AUDIT_TRUNCATED);
	assert_non_null(strstr(msg, "anchor counts 6"));
	/* Cut inside a line: a torn tail, still fewer records than the anchor. */
	assert_int_equal(verify(logtext, n + 20, &at[NREC], msg), CQ_AUDIT_TRUNCATED);
	/* A torn tail beyond the anchor is a power cut: the record being
	 * written is lost, and said so. */
	assert_int_equal(verify(logtext, n + 20, &at[NREC - 2], msg), CQ_AUDIT_INCOMPLETE);
	assert_non_null(strstr(msg, "unfinished"));
	assert_non_null(strstr(msg, "1 cut off by power cuts"));
	/* Emptied entirely. */
	assert_int_equal(verify(logtext, 0, &at[NREC], msg), CQ_AUDIT_EMPTY);
}

static void rewritten_and_replaced_detected(void **state)
{
	(void)state;
	char msg[512], line[CQ_AUDIT_LINE_MAX + 2], t[16384];
	cq_err e;
	/* Rebuild records 5..6 with other contents and a valid chain: the
	 * anchor still holds the old hash of record 6. */
	cq_audit_chain c = at[4];
	const char *end = logtext;
	for (int i = 0; i < 5; i++) end = strchr(end, '\n') + 1;
	size_t n = (size_t)(end - logtext);
	memcpy(t, logtext, n);
	for (int i = 5; i <= 6; i++) {
		assert_int_equal(cq_audit_append(&c, &dev.s, "2026-11-21T08:01:00Z", "check",
		                                 "verdict=authentic number=4101022024999999", line, sizeof line, &e), 0);
		memcpy(t + n, line, strlen(line));
		n += strlen(line);
	}
	assert_int_equal(verify(t, n, NULL, msg), CQ_AUDIT_UNANCHORED);
	assert_int_equal(verify(t, n, &at[NREC], msg), CQ_AUDIT_REWRITTEN);
	/* A brand-new log put in place of the old one. */
	uint8_t otherid[CQ_AUDIT_LOGID_BYTES] = {9};
	assert_int_equal(cq_audit_header(otherid, "2026-11-21T08:00:00Z", &dev.s, &c, line, sizeof line, &e), 0);
	assert_int_equal(verify(line, strlen(line), &at[NREC], msg), CQ_AUDIT_FOREIGN);
}

static void anchor_round_trip(void **state)
{
	(void)state;
	char text[CQ_AUDIT_ANCHOR_MAX + 1];
	cq_audit_anchor back;
	cq_err e;
	int n = cq_audit_anchor_format(&anchors[3], text, sizeof text);
	assert_true(n > 0);
	assert_int_equal(cq_audit_anchor_parse(text, (size_t)n, &back, &e), 0);
	assert_memory_equal(&back, &anchors[3], sizeof back);
	assert_int_equal(cq_audit_anchor_verify(&back, dev.pk), 0);
	assert_int_equal(cq_audit_anchor_verify(&back, other.pk), -1);
	assert_int_equal(cq_audit_anchor_parse("certqr-audit-anchor v1 log=", 27, &back, &e), -1);
	assert_int_equal(e.code, CQ_E_VERSION);
	assert_int_equal(cq_audit_anchor_parse("hello", 5, &back, &e), -1);
	assert_int_equal(e.code, CQ_E_NOT_CERTQR);
	text[n - 3] = 'G';
	assert_int_equal(cq_audit_anchor_parse(text, (size_t)n, &back, &e), -1);
}

/* The attack a hostile-input review tried: records appended with correct hashes by someone
 * without the device key. The chain alone accepts them; the signatures do
 * not, with every signature checked and with the anchor vouching only for
 * what it counts. */
static void appended_records_detected(void **state)
{
	(void)state;
	char t[32768], msg[512], line[CQ_AUDIT_LINE_MAX + 2];
	cq_err e;
	memcpy(t, logtext, loglen);
	size_t n = loglen;
	cq_audit_chain c = at[NREC];
	for (int i = 0; i < 3; i++) {   /* the forger's own key: hashes right, signatures wrong */
		assert_int_equal(cq_audit_append(&c, &other.s, "2026-11-21T09:00:00Z", "check", "verdict=authentic colour=green",
		                                 line, sizeof line, &e), 0);
		memcpy(t + n, line, strlen(line));
		n += strlen(line);
	}
	assert_int_equal(verify(t, n, &at[NREC], msg), CQ_AUDIT_FORGED);
	assert_non_null(strstr(msg, "line 8: record 7 is not signed by device key"));
	assert_int_equal(verify_with(t, n, &anchors[NREC], dev.pk, false, msg), CQ_AUDIT_FORGED);
	assert_int_equal(verify_with(t, n, NULL, dev.pk, false, msg), CQ_AUDIT_FORGED);
	/* ...and a forger who re-signs the whole log with his own key is told
	 * by the header: it names another device key. */
	assert_int_equal(cq_audit_header(logid, "2026-11-21T08:00:00Z", &other.s, &c, line, sizeof line, &e), 0);
	assert_int_equal(verify_with(line, strlen(line), NULL, dev.pk, true, msg), CQ_AUDIT_FORGED);
	assert_non_null(strstr(msg, "names device key"));
	/* The forger's own key makes the whole forgery verify only for a
	 * verifier given the forger's key: the registered key is what counts. */
	assert_int_equal(verify_with(line, strlen(line), NULL, other.pk, true, msg), CQ_AUDIT_UNANCHORED);
}

static void forged_anchor_detected(void **state)
{
	(void)state;
	char msg[512];
	cq_audit_anchor a = anchors[NREC];
	a.sig[5] ^= 1;
	assert_int_equal(verify_with(logtext, loglen, &a, dev.pk, true, msg), CQ_AUDIT_FORGED);
	assert_non_null(strstr(msg, "anchor is not signed"));
	/* an anchor counting fewer records, signed by another key */
	cq_err e;
	assert_int_equal(cq_audit_anchor_make(&at[2], &other.s, &a, &e), 0);
	assert_int_equal(verify_with(logtext, loglen, &a, dev.pk, false, msg), CQ_AUDIT_FORGED);
	/* a record with only its signature changed: found with every signature
	 * checked; before a signed anchor's count the fast check trusts the anchor */
	char t[16384];
	memcpy(t, logtext, loglen);
	char *p = t;
	for (int i = 0; i < 2; i++) p = strchr(p, '\n') + 1;
	char *s = strstr(p, " s=") + 3;
	*s = *s == 'a' ? 'b' : 'a';
	assert_int_equal(verify_with(t, loglen, &anchors[NREC], dev.pk, true, msg), CQ_AUDIT_FORGED);
	assert_int_equal(verify_with(t, loglen, &anchors[NREC], dev.pk, false, msg), CQ_AUDIT_OK);
	assert_int_equal(verify_with(t, loglen, &anchors[1], dev.pk, false, msg), CQ_AUDIT_FORGED);
}

/* The log's own records about losses make it "incomplete", never "ok". */
static void lost_records_reported(void **state)
{
	(void)state;
	char t[16384], msg[512], line[CQ_AUDIT_LINE_MAX + 2];
	cq_err e;
	cq_audit_chain c = at[NREC];
	memcpy(t, logtext, loglen);
	size_t n = loglen;
	assert_int_equal(cq_audit_append(&c, &dev.s, "2026-11-21T09:00:00Z", "log",
	                                 "event=records_lost count=63 checks=62 first=2026-11-21T08:30:00Z "
	                                 "last=2026-11-21T08:59:00Z", line, sizeof line, &e), 0);
	memcpy(t + n, line, strlen(line));
	n += strlen(line);
	cq_audit_anchor a;
	assert_int_equal(cq_audit_anchor_make(&c, &dev.s, &a, &e), 0);
	assert_int_equal(verify_with(t, n, &a, dev.pk, true, msg), CQ_AUDIT_INCOMPLETE);
	assert_non_null(strstr(msg, "63 records were lost"));
	assert_non_null(strstr(msg, "62 of them checks"));
	assert_int_equal(cq_audit_append(&c, &dev.s, "2026-11-21T09:00:01Z", "log", "event=torn_record_removed bytes=40",
	                                 line, sizeof line, &e), 0);
	memcpy(t + n, line, strlen(line));
	n += strlen(line);
	assert_int_equal(verify_with(t, n, NULL, dev.pk, true, msg), CQ_AUDIT_INCOMPLETE);
	assert_non_null(strstr(msg, "64 records were lost"));
	/* an earlier failed check, recorded by the kiosk, outranks the losses */
	assert_int_equal(cq_audit_append(&c, &dev.s, "2026-11-21T09:00:02Z", "log", "event=check_failed status=truncated line=9",
	                                 line, sizeof line, &e), 0);
	memcpy(t + n, line, strlen(line));
	n += strlen(line);
	assert_int_equal(verify_with(t, n, NULL, dev.pk, true, msg), CQ_AUDIT_FAILED_BEFORE);
	assert_non_null(strstr(msg, "found this log truncated"));
}

static void v1_log_refused(void **state)
{
	(void)state;
	cq_audit_chain c;
	bool hh;
	cq_err e;
	const char v1[] = "certqr-audit v1 log=00112233445566778899aabbccddeeff created=2026-11-21T08:00:00Z h="
	                  "0000000000000000000000000000000000000000000000000000000000000000";
	cq_audit_chain_reset(&c, &hh);
	assert_int_equal(cq_audit_check_line(&c, &hh, v1, sizeof v1 - 1, dev.pk, NULL, &e), -1);
	assert_int_equal(e.code, CQ_E_VERSION);
	assert_non_null(strstr(e.msg, "not signed"));
}

static void refuses_bad_records(void **state)
{
	(void)state;
	cq_audit_chain c = at[0];
	char line[CQ_AUDIT_LINE_MAX + 2];
	cq_err e;
	const cq_audit_signer *k = &dev.s;
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21 08:00:00", "check", "", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-02-30T08:00:00Z", "check", "", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T24:00:00Z", "check", "", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "Check", "", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "header", "", line, sizeof line, &e), -1);
	/* A name (UTF-8) or a space inside a value cannot enter the log. */
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "check", "name=\xe5\xbc\xa0\xe4\xb8\x89", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "check", "a=b  c=d", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "check", "a=b ", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "check", "a=", line, sizeof line, &e), -1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "check",
	                                 "a=1 b=1 c=1 d=1 e=1 f=1 g=1 h=1 i=1 j=1 k=1 l=1 m=1", line, sizeof line, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
	assert_int_equal(c.count, 0);   /* nothing advanced */
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "start", "", line, sizeof line, &e), 0);
	assert_int_equal(c.count, 1);
	char small[40];
	cq_audit_signer none = {0};
	assert_int_equal(cq_audit_append(&c, &none, "2026-11-21T08:00:00Z", "start", "", line, sizeof line, &e), -1);
	assert_int_equal(e.code, CQ_E_CRYPTO);   /* no key: nothing written, nothing advanced */
	assert_int_equal(c.count, 1);
	assert_int_equal(cq_audit_append(&c, k, "2026-11-21T08:00:00Z", "start", "", small, sizeof small, &e), -1);
	assert_int_equal(c.count, 1);
}

static void time_format(void **state)
{
	(void)state;
	char b[CQ_AUDIT_TIME_LEN + 1];
	cq_audit_time_format(0, b);
	assert_string_equal(b, "1970-01-01T00:00:00Z");
	cq_audit_time_format(1795250690, b);
	assert_string_equal(b, "2026-11-21T08:44:50Z");
	assert_true(cq_audit_time_valid(b));
	cq_audit_time_format(951782400 + 86399, b);   /* 2000-02-29, leap day */
	assert_string_equal(b, "2000-02-29T23:59:59Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intact_log_verifies),
		cmocka_unit_test(parses_fields),
		cmocka_unit_test(edited_line_detected),
		cmocka_unit_test(removed_and_swapped_lines_detected),
		cmocka_unit_test(truncation_detected_by_anchor),
		cmocka_unit_test(rewritten_and_replaced_detected),
		cmocka_unit_test(anchor_round_trip),
		cmocka_unit_test(appended_records_detected),
		cmocka_unit_test(forged_anchor_detected),
		cmocka_unit_test(lost_records_reported),
		cmocka_unit_test(v1_log_refused),
		cmocka_unit_test(refuses_bad_records),
		cmocka_unit_test(time_format),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
